//! User accounts as the UI sees them, and the password rules.

use crate::error::{Invalid, Problem};
use crate::ids::UserId;
use crate::role::Role;
use serde::{Deserialize, Serialize};

/// Minimum password length (BIO 5.17: sufficiently strong; length beats composition rules).
pub const MIN_PASSWORD_LEN: u32 = 12;

/// The signed-in user, as the pages need it. `csrf` is the session's anti-forgery token, which every
/// form sends back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub csrf: String,
}

/// A user as listed for administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
}

/// Checks a new password against the length rule and the repeat field.
pub fn check_new_password(password: &str, repeat: &str) -> Result<(), Invalid> {
    if (password.chars().count() as u32) < MIN_PASSWORD_LEN {
        return Err(Invalid::one("new_password", Problem::PasswordTooShort { min: MIN_PASSWORD_LEN }));
    }
    if password.chars().count() > 256 {
        return Err(Invalid::one("new_password", Problem::TooLong { max: 256 }));
    }
    if password != repeat {
        return Err(Invalid::one("repeat", Problem::PasswordMismatch));
    }
    Ok(())
}

/// A username: 2-64 characters of lower-case letters, digits, dot, dash or underscore.
pub fn parse_username(field: &str, value: &str) -> Result<String, Invalid> {
    let v = value.trim().to_lowercase();
    if v.is_empty() {
        return Err(Invalid::one(field, Problem::Required));
    }
    if v.len() > 64 {
        return Err(Invalid::one(field, Problem::TooLong { max: 64 }));
    }
    if v.len() < 2 || !v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(Invalid::one(field, Problem::UnknownChoice));
    }
    Ok(v)
}
