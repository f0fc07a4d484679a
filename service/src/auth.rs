//! Sign-in, sessions, sign-out, password change and user creation.
//!
//! Passwords are hashed with argon2id. A session token is 32 random bytes given to the browser once;
//! only its SHA-256 is stored, so a copy of the database holds no usable session. Each session has its
//! own CSRF token, which every state-changing request must send back.

use crate::audit::{append, record, AuditRecord, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use domain::user::{check_new_password, parse_username, password_too_long, Me};
use domain::{Invalid, Problem, Role, UserId};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A session just created: `token` goes into the cookie, and is never stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// A request's signed-in user, resolved from the session cookie.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub actor: Actor,
    pub csrf: String,
}

impl SignedIn {
    pub fn me(&self) -> Me {
        Me {
            id: self.actor.user_id,
            username: self.actor.username.clone(),
            display_name: self.actor.display_name.clone(),
            role: self.actor.role,
            csrf: self.csrf.clone(),
        }
    }
}

/// The actor for command-line and seeding work, which has no session.
pub fn system_actor() -> Actor {
    Actor {
        user_id: UserId(0),
        username: "system".into(),
        display_name: "Systeem".into(),
        role: Role::Beheerder,
        origin: "cli".into(),
    }
}

pub(crate) fn random_hex() -> String {
    let mut b = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut b);
    hex::encode(b)
}

/// SHA-256 of a session token, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Unexpected(format!("hashing failed: {e}")))
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Compares two secrets in time independent of where they first differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Services {
    /// Checks the password and opens a session. Failures and refusals are audited; the answer never
    /// says whether the user name exists.
    pub async fn sign_in(&self, username: &str, password: &str, origin: &str) -> Result<NewSession, ServiceError> {
        let name = username.trim().to_lowercase();
        let now = self.clock().now();
        self.audit_refused_sign_ins(false).await;
        if name.is_empty() {
            return Err(Invalid::one("username", Problem::Required).into());
        }
        if password.is_empty() {
            return Err(Invalid::one("password", Problem::Required).into());
        }
        if name.len() > 64 || password_too_long(password) {
            return Err(ServiceError::Unauthenticated);
        }
        let anon = Actor {
            user_id: UserId(0),
            username: name.clone(),
            display_name: String::new(),
            role: Role::Medewerker,
            origin: origin.to_string(),
        };
        // While the delay of this (user name, address) runs the password is not even checked; the
        // refusal is counted and audited later, once per window (see `audit_refused_sign_ins`).
        if let Err(secs) = self.limiter().check(&name, origin, now) {
            return Err(ServiceError::RateLimited { retry_after_secs: secs });
        }
        let user = store::get_user_by_username(self.db(), &name).await?;
        let ok = match &user {
            Some(u) => verify_password(password, &u.password_hash),
            None => {
                // Spend the same time as for a real account, so timing does not reveal user names.
                let _ = verify_password(password, dummy_hash());
                false
            }
        };
        let Some(user) = user.filter(|_| ok) else {
            self.limiter().record_failure(&name, origin, now);
            self.audit_standalone(record(now, &anon, "auth.sign_in", format!("user:{name}"), Outcome::Failed, None))
                .await;
            return Err(ServiceError::Unauthenticated);
        };
        self.limiter().record_success(&name, origin);
        if user.blocked_at.is_some() {
            let rec = record(now, &anon, "auth.sign_in", format!("user:{}", user.id), Outcome::Denied, None);
            self.audit_standalone(AuditRecord { detail: Some("account blocked".into()), ..rec }).await;
            return Err(ServiceError::Unauthenticated);
        }
        let token = random_hex();
        let expires_at = now + Duration::hours(self.settings().session_hours);
        let actor = Actor {
            user_id: user.id,
            username: user.username.clone(),
            display_name: user.display_name,
            role: user.role,
            origin: origin.to_string(),
        };
        let mut tx = self.db().begin().await?;
        store::insert_session(&mut tx, &token_hash(&token), user.id, &random_hex(), now, expires_at).await?;
        append(&mut tx, record(now, &actor, "auth.sign_in", format!("user:{}", user.id), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(NewSession { token, expires_at })
    }

    /// The signed-in user for a session token, or `None` when it is unknown, expired, idle for
    /// longer than `session_idle_minutes`, or its account is blocked. A live session's last use is
    /// recorded (at most once a minute, to spare the database a write per request).
    pub async fn resolve_session(&self, token: &str, origin: &str) -> Result<Option<SignedIn>, ServiceError> {
        if token.len() != 64 {
            return Ok(None);
        }
        let hash = token_hash(token);
        let Some(s) = store::get_session(self.db(), &hash).await? else {
            return Ok(None);
        };
        let now = self.clock().now();
        let idle = Duration::minutes(self.settings().session_idle_minutes);
        if s.expires_at <= now || now - s.last_seen_at >= idle || s.user.blocked_at.is_some() {
            return Ok(None);
        }
        if now - s.last_seen_at >= Duration::minutes(1) {
            store::touch_session(self.db(), &hash, now).await?;
        }
        let u = s.user;
        Ok(Some(SignedIn {
            actor: Actor {
                user_id: u.id,
                username: u.username,
                display_name: u.display_name,
                role: u.role,
                origin: origin.to_string(),
            },
            csrf: s.csrf,
        }))
    }

    /// Ends the session of `token`.
    pub async fn sign_out(&self, actor: &Actor, token: &str) -> Result<(), ServiceError> {
        let mut tx = self.db().begin().await?;
        store::delete_session(&mut tx, &token_hash(token)).await?;
        append(
            &mut tx,
            record(self.clock().now(), actor, "auth.sign_out", format!("user:{}", actor.user_id), Outcome::Ok, None),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes the actor's own password and revokes all of their sessions (the caller signs in anew).
    pub async fn change_password(
        &self,
        actor: &Actor,
        current: &str,
        new: &str,
        repeat: &str,
    ) -> Result<(), ServiceError> {
        // Guessing the current password is throttled like signing in: the same pairs and delays.
        let now = self.clock().now();
        if let Err(secs) = self.limiter().check(&actor.username, &actor.origin, now) {
            return Err(ServiceError::RateLimited { retry_after_secs: secs });
        }
        let user = store::get_user(self.db(), actor.user_id).await?;
        if !verify_password(current, &user.password_hash) {
            self.limiter().record_failure(&actor.username, &actor.origin, now);
            let detail = Some("current password wrong".to_string());
            let object = format!("user:{}", actor.user_id);
            self.audit_standalone(record(now, actor, "user.change_password", object, Outcome::Failed, detail)).await;
            return Err(Invalid::one("current_password", Problem::PasswordMismatch).into());
        }
        self.limiter().record_success(&actor.username, &actor.origin);
        check_new_password(new, repeat)?;
        let hash = hash_password(new)?;
        let mut tx = self.db().begin().await?;
        store::update_password(&mut tx, actor.user_id, &hash, now).await?;
        let n = store::delete_user_sessions(&mut tx, actor.user_id).await?;
        append(
            &mut tx,
            record(
                now,
                actor,
                "user.change_password",
                format!("user:{}", actor.user_id),
                Outcome::Ok,
                Some(format!("{n} sessions revoked")),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Creates a local account. Only a beheerder (or the command line) may.
    pub async fn add_user(
        &self,
        actor: &Actor,
        username: &str,
        display_name: &str,
        role: Role,
        password: &str,
    ) -> Result<UserId, ServiceError> {
        self.guard(actor, Action::ManageUsers, "user.create", format!("user:{username}")).await?;
        let mut inv = Invalid::default();
        let name = inv.take(parse_username("username", username));
        let display = inv.take(domain::text::text("display_name", display_name, 120, true));
        inv.take(check_new_password(password, password));
        inv.clone().into_result()?;
        let (Some(name), Some(display)) = (name, display) else { return Err(inv.into()) };
        let hash = hash_password(password)?;
        let mut tx = self.db().begin().await?;
        let id = store::insert_user(&mut tx, &name, &display, role, &hash)
            .await
            .map_err(crate::error::duplicate_at("username"))?;
        append(
            &mut tx,
            record(
                self.clock().now(),
                actor,
                "user.create",
                format!("user:{id}"),
                Outcome::Ok,
                Some(format!("{name} ({role})")),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Lists the accounts (beheerder).
    pub async fn list_users(&self, actor: &Actor) -> Result<Vec<domain::user::UserSummary>, ServiceError> {
        self.guard(actor, Action::ManageUsers, "user.list", "users".into()).await?;
        Ok(store::list_users(self.db()).await?)
    }

    /// Writes the sign-in attempts refused by the throttle to the audit log: one entry per (user
    /// name, address) pair and window, with the count, so that a flood of attempts cannot flood the
    /// log (refusals by the per-address ceiling count for the address as a whole, object
    /// `address:…`). Runs at every sign-in and periodically; `all` at shutdown writes the open windows too.
    /// Returns how many entries were written.
    pub async fn audit_refused_sign_ins(&self, all: bool) -> usize {
        let now = self.clock().now();
        let due = self.limiter().take_refused(now, all);
        for r in &due {
            let actor = Actor {
                user_id: UserId(0),
                username: r.username.clone(),
                display_name: String::new(),
                role: Role::Medewerker,
                origin: r.origin.clone(),
            };
            let detail = format!(
                "rate limited: {} attempts refused from {} to {}",
                r.count,
                r.first.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                r.last.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            );
            let object = if r.username == crate::limiter::ANY_USER {
                format!("address:{}", r.origin)
            } else {
                format!("user:{}", r.username)
            };
            self.audit_standalone(record(now, &actor, "auth.sign_in", object, Outcome::Denied, Some(detail))).await;
        }
        due.len()
    }

    /// Removes expired and idle sessions; run periodically.
    pub async fn prune_sessions(&self) -> Result<u64, ServiceError> {
        let now = self.clock().now();
        let expired = store::delete_expired_sessions(self.db(), now).await?;
        let idle =
            store::delete_idle_sessions(self.db(), now - Duration::minutes(self.settings().session_idle_minutes))
                .await?;
        Ok(expired + idle)
    }
}

/// An argon2id hash of a random password, made once, to equalise timing for unknown user names.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&random_hex()).unwrap_or_default())
}
