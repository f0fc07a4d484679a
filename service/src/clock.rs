//! The current time and the current date in Europe/Amsterdam, which is what "today" means to users.

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use chrono_tz::Europe::Amsterdam;
use std::sync::{Arc, Mutex, PoisonError};

/// Where "now" comes from. Tests fix it so that deadline states are reproducible.
#[derive(Debug, Clone)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
    /// A clock that tests move forward, so that delays and idle timeouts are tested without
    /// waiting. Clones share the time.
    Manual(Arc<Mutex<DateTime<Utc>>>),
}

impl Clock {
    /// A [`Clock::Manual`] starting at `start`.
    pub fn manual(start: DateTime<Utc>) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    /// Moves a [`Clock::Manual`] forward by `by`; other clocks are not changed.
    pub fn advance(&self, by: chrono::Duration) {
        if let Clock::Manual(t) = self {
            let mut now = t.lock().unwrap_or_else(PoisonError::into_inner);
            *now += by;
        }
    }

    /// Now, truncated to microseconds so that it survives a round trip through PostgreSQL unchanged
    /// (the audit hash chain depends on that).
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now().trunc_subsecs(6),
            Clock::Fixed(t) => t.trunc_subsecs(6),
            Clock::Manual(t) => t.lock().unwrap_or_else(PoisonError::into_inner).trunc_subsecs(6),
        }
    }

    /// Today's date in Europe/Amsterdam.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Amsterdam).date_naive()
    }
}
