//! The current time and the current date in Europe/Amsterdam, which is what "today" means to users.

use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use chrono_tz::Europe::Amsterdam;

/// Where "now" comes from. Tests fix it so that deadline states are reproducible.
#[derive(Debug, Clone)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// Now, truncated to microseconds so that it survives a round trip through PostgreSQL unchanged
    /// (the audit hash chain depends on that).
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now().trunc_subsecs(6),
            Clock::Fixed(t) => t.trunc_subsecs(6),
        }
    }

    /// Today's date in Europe/Amsterdam.
    pub fn today(&self) -> NaiveDate {
        self.now().with_timezone(&Amsterdam).date_naive()
    }
}
