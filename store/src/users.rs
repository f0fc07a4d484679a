//! Local user accounts: the credentials the login needs and the list administrators see.

use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::user::UserSummary;
use domain::{Role, UserId};

/// A user with the password hash, for signing in and for session checks. Never sent to a browser.
#[derive(Clone, PartialEq, Eq)]
pub struct UserAuth {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password_hash: String,
    /// When a beheerder blocked the account; a blocked account cannot sign in and has no sessions.
    pub blocked_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for UserAuth {
    // The hash stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserAuth")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("password_hash", &"[redacted]")
            .field("blocked_at", &self.blocked_at)
            .finish()
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    role: String,
    password_hash: String,
    blocked_at: Option<DateTime<Utc>>,
}

pub(crate) fn parse_role(key: &str) -> Result<Role> {
    Role::parse(key).ok_or_else(|| StoreError::Corrupt(format!("role: {key:?}")))
}

impl TryFrom<UserRow> for UserAuth {
    type Error = StoreError;
    fn try_from(r: UserRow) -> Result<Self> {
        Ok(UserAuth {
            id: UserId(r.id),
            role: parse_role(&r.role)?,
            username: r.username,
            display_name: r.display_name,
            password_hash: r.password_hash,
            blocked_at: r.blocked_at,
        })
    }
}

/// Creates an account. `Conflict("username")` when the name is taken.
#[tracing::instrument(skip_all)]
pub async fn insert_user(
    tx: &mut Tx,
    username: &str,
    display_name: &str,
    role: Role,
    password_hash: &str,
) -> Result<UserId> {
    let now = Utc::now();
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id"
    )
    .bind(username)
    .bind(display_name)
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as("username"))?;
    Ok(UserId(id))
}

/// The account with this (already normalised) username, if any.
#[tracing::instrument(skip_all)]
pub async fn get_user_by_username(db: &Db, username: &str) -> Result<Option<UserAuth>> {
    let row: Option<UserRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, username, display_name, role, password_hash, blocked_at FROM users WHERE username = $1"
    )
    .bind(username)
    .fetch_optional(ex)
    .await)?;
    row.map(UserAuth::try_from).transpose()
}

/// The account with this id; `NotFound` when there is none.
#[tracing::instrument(skip_all)]
pub async fn get_user(db: &Db, id: UserId) -> Result<UserAuth> {
    let row: UserRow = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, username, display_name, role, password_hash, blocked_at FROM users WHERE id = $1"
    )
    .bind(id.0)
    .fetch_one(ex)
    .await)?;
    row.try_into()
}

/// Replaces the password hash and records when it changed. Revoking sessions is the caller's job.
#[tracing::instrument(skip_all)]
pub async fn update_password(tx: &mut Tx, id: UserId, hash: &str, now: DateTime<Utc>) -> Result<()> {
    let affected =
        on_tx!(tx, |ex| sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
            .bind(hash)
            .bind(now)
            .bind(id.0)
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))?;
    found(affected)
}

/// Blocks (`Some(when)`) or unblocks (`None`) an account. Ending its sessions is the caller's job.
#[tracing::instrument(skip_all)]
pub async fn set_user_blocked(tx: &mut Tx, id: UserId, blocked_at: Option<DateTime<Utc>>) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query("UPDATE users SET blocked_at = $1 WHERE id = $2")
        .bind(blocked_at)
        .bind(id.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(affected)
}

/// Every account, ordered by username.
#[tracing::instrument(skip_all)]
pub async fn list_users(db: &Db) -> Result<Vec<UserSummary>> {
    let rows: Vec<UserRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, username, display_name, role, password_hash, blocked_at FROM users ORDER BY username"
    )
    .fetch_all(ex)
    .await)?;
    let managers = crate::requests::managers(db).await?;
    rows.into_iter()
        .map(|r| {
            Ok(UserSummary {
                id: UserId(r.id),
                role: parse_role(&r.role)?,
                username: r.username,
                display_name: r.display_name,
                blocked: r.blocked_at.is_some(),
                manager: managers.get(&UserId(r.id)).copied(),
            })
        })
        .collect()
}

/// How many accounts exist (zero means the first administrator still has to be created).
#[tracing::instrument(skip_all)]
pub async fn count_users(db: &Db) -> Result<i64> {
    Ok(on_db!(db, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(ex).await)?)
}
