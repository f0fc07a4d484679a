//! User accounts as the UI sees them, and the password rules.

use crate::error::{Invalid, Problem};
use crate::ids::UserId;
use crate::role::Role;
use serde::{Deserialize, Serialize};

/// Minimum password length (BIO 5.17: sufficiently strong; length beats composition rules).
pub const MIN_PASSWORD_LEN: u32 = 12;

/// Maximum password length in characters (not bytes): the one limit for setting a password and for
/// signing in with it, so that every password that can be set can also be used.
pub const MAX_PASSWORD_CHARS: u32 = 256;

/// True when `password` is longer than [`MAX_PASSWORD_CHARS`] characters. Bytes are looked at first
/// (a character is at most 4 bytes), so an oversized input is not counted character by character.
pub fn password_too_long(password: &str) -> bool {
    password.len() > MAX_PASSWORD_CHARS as usize * 4 || password.chars().count() > MAX_PASSWORD_CHARS as usize
}

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
    /// Blocked by a beheerder: cannot sign in.
    #[serde(default)]
    pub blocked: bool,
    /// The line manager who approves this user's self-service requests.
    #[serde(default)]
    pub manager: Option<UserId>,
}

/// Checks a new password against the length rule and the repeat field.
pub fn check_new_password(password: &str, repeat: &str) -> Result<(), Invalid> {
    if (password.chars().count() as u32) < MIN_PASSWORD_LEN {
        return Err(Invalid::one("new_password", Problem::PasswordTooShort { min: MIN_PASSWORD_LEN }));
    }
    if password_too_long(password) {
        return Err(Invalid::one("new_password", Problem::TooLong { max: MAX_PASSWORD_CHARS }));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_limit_counts_characters_not_bytes() {
        let accented = "é".repeat(256);
        assert!(!password_too_long(&accented), "512 bytes, 256 characters");
        assert_eq!(check_new_password(&accented, &accented), Ok(()));
        assert!(password_too_long(&"é".repeat(257)));
        assert!(password_too_long(&"x".repeat(10_000)));
    }
}
