//! The store's one error type. Every `sqlx::Error` is classified here, in one place, so that callers
//! match on meaning (not found, conflict) instead of on database-specific codes or messages.

/// What went wrong in the store, as far as a caller needs to know.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row asked for does not exist (or does not belong to the given parent).
    #[error("not found")]
    NotFound,
    /// A uniqueness or foreign-key rule refused the change. The text names the rule: a constraint such
    /// as `vendor_name`, `service_name`, `contract_reference`, `username`, or `foreign_key`.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A stored value could not be turned back into a domain value (e.g. an unknown enum key).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// Anything else: connection trouble, SQL errors, failed migrations.
    #[error("unexpected database error")]
    Unexpected(#[source] sqlx::Error),
}

/// Result type of every store function.
pub type Result<T> = std::result::Result<T, StoreError>;

/// The hint carried by [`StoreError::Conflict`] when a foreign key refused the change.
pub const FOREIGN_KEY: &str = "foreign_key";

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Conflict(d.constraint().unwrap_or_else(|| d.message()).to_string())
            }
            sqlx::Error::Database(d) if d.is_foreign_key_violation() => StoreError::Conflict(FOREIGN_KEY.into()),
            _ => StoreError::Unexpected(e),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Unexpected(sqlx::Error::Migrate(Box::new(e)))
    }
}

impl StoreError {
    /// Renames a uniqueness conflict to `hint`, so that both backends report the same name (SQLite
    /// does not report constraint names). Foreign-key conflicts and other errors pass unchanged.
    pub(crate) fn unique_as(self, hint: &str) -> Self {
        match self {
            StoreError::Conflict(c) if c != FOREIGN_KEY => StoreError::Conflict(hint.to_string()),
            other => other,
        }
    }
}

/// Parses a stored enum key with the domain's parser, reporting an unknown key as corrupt data.
pub(crate) fn parse_key<T>(
    what: &str,
    key: &str,
    parse: impl FnOnce(&str, &str) -> std::result::Result<T, domain::Invalid>,
) -> Result<T> {
    parse(what, key).map_err(|_| StoreError::Corrupt(format!("{what}: {key:?}")))
}

/// A stored count or length that must fit in `u32`.
pub(crate) fn to_u32(what: &str, v: i32) -> Result<u32> {
    u32::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what}: {v}")))
}

/// A domain count or length as the database's 32-bit integer (domain bounds keep it far below).
pub(crate) fn to_i32(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// `NotFound` when a change touched no row (the object it names does not exist), otherwise `Ok`.
pub(crate) fn found(rows_affected: u64) -> Result<()> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
