//! Server-side sessions. Only a hash of the cookie token is stored, so a leaked database does not
//! hand out live sessions.

use crate::db::{Db, Tx};
use crate::error::Result;
use crate::users::{UserAuth, UserRow};
use chrono::{DateTime, Utc};
use domain::UserId;

/// A session with the user it belongs to. Whether it has expired is for the caller to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionUser {
    pub user: UserAuth,
    pub csrf: String,
    pub expires_at: DateTime<Utc>,
    /// The last request seen with this session (to end idle sessions).
    pub last_seen_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    #[sqlx(flatten)]
    user: UserRow,
    csrf: String,
    expires_at: DateTime<Utc>,
    last_seen_at: DateTime<Utc>,
}

/// Stores a new session for `user`.
#[tracing::instrument(skip_all)]
pub async fn insert_session(
    tx: &mut Tx,
    token_hash: &str,
    user: UserId,
    csrf: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    on_tx!(tx, |ex| sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf, created_at, expires_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $4)"
    )
    .bind(token_hash)
    .bind(user.0)
    .bind(csrf)
    .bind(now)
    .bind(expires_at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The session with this token hash and its user, if it exists (expired or not).
#[tracing::instrument(skip_all)]
pub async fn get_session(db: &Db, token_hash: &str) -> Result<Option<SessionUser>> {
    let row: Option<SessionRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.role, u.password_hash, u.blocked_at, s.csrf, s.expires_at,
                COALESCE(s.last_seen_at, s.created_at) AS last_seen_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1"
    )
    .bind(token_hash)
    .fetch_optional(ex)
    .await)?;
    row.map(|r| {
        Ok(SessionUser {
            user: r.user.try_into()?,
            csrf: r.csrf,
            expires_at: r.expires_at,
            last_seen_at: r.last_seen_at,
        })
    })
    .transpose()
}

/// Records that the session was used at `now` (in a transaction of its own).
#[tracing::instrument(skip_all)]
pub async fn touch_session(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
    let mut tx = db.begin().await?;
    on_tx!(&mut tx, |ex| sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

/// Ends one session (logout). Deleting a session that is already gone is not an error.
#[tracing::instrument(skip_all)]
pub async fn delete_session(tx: &mut Tx, token_hash: &str) -> Result<()> {
    on_tx!(tx, |ex| sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of a user (after a password change or when the account is blocked).
/// Returns how many were ended.
#[tracing::instrument(skip_all)]
pub async fn delete_user_sessions(tx: &mut Tx, user: UserId) -> Result<u64> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(affected)
}

/// Removes sessions that expired at or before `now`, in a transaction of its own. Returns how many.
#[tracing::instrument(skip_all)]
pub async fn delete_expired_sessions(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let mut tx = db.begin().await?;
    let affected = on_tx!(&mut tx, |ex| sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(affected)
}

/// Removes sessions last used at or before `seen_before` (idle), in a transaction of its own.
/// Returns how many.
#[tracing::instrument(skip_all)]
pub async fn delete_idle_sessions(db: &Db, seen_before: DateTime<Utc>) -> Result<u64> {
    let mut tx = db.begin().await?;
    let affected =
        on_tx!(&mut tx, |ex| sqlx::query("DELETE FROM sessions WHERE COALESCE(last_seen_at, created_at) <= $1")
            .bind(seen_before)
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(affected)
}
