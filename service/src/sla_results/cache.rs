//! Computed SLA results per (contract, period), so that the overview does not re-evaluate a year of
//! intervals on every request. A closed period's result is kept until what it was computed from
//! changes (the terms, the fee, the covered services: the entry's key); a running period's result is
//! recomputed after [`RUNNING_TTL_SECS`], so the overview is at most that old (the page says when it
//! was computed).

use super::Computed;
use chrono::{DateTime, TimeDelta, Utc};
use domain::sla::Period;
use domain::ContractId;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// How long a running period's result is reused.
pub const RUNNING_TTL_SECS: i64 = 60;
/// How often the server re-evaluates the running periods ahead of the requests
/// (`Services::refresh_sla_results`), well within [`RUNNING_TTL_SECS`] so that a request never waits.
pub const REFRESH_EVERY_SECS: u64 = 40;
/// A period counts as closed this long after its end, so that late measurements still land.
pub const CLOSE_GRACE_MINS: i64 = 5;
/// Entries kept at most; the cache is emptied when it grows beyond (contracts x periods is small).
const MAX_ENTRIES: usize = 100_000;

struct Entry {
    key: String,
    closed: bool,
    value: Arc<Computed>,
}

#[derive(Default)]
pub struct SlaCache {
    entries: Mutex<HashMap<(ContractId, Period), Entry>>,
    /// Held while results are evaluated: one evaluation at a time, so that a request arriving during
    /// another evaluation (the refresh at start, say) waits for it and reads its results instead of
    /// doing the same work again.
    pub(crate) evaluating: tokio::sync::Mutex<()>,
}

impl SlaCache {
    pub(crate) fn get(&self, id: ContractId, period: Period, key: &str, now: DateTime<Utc>) -> Option<Arc<Computed>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let e = entries.get(&(id, period))?;
        let fresh = e.closed || now - e.value.computed_at < TimeDelta::seconds(RUNNING_TTL_SECS);
        (e.key == key && fresh).then(|| e.value.clone())
    }

    /// Only a closed period's result: what a refresh keeps.
    pub(crate) fn get_closed(&self, id: ContractId, period: Period, key: &str) -> Option<Arc<Computed>> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let e = entries.get(&(id, period))?;
        (e.key == key && e.closed).then(|| e.value.clone())
    }

    pub(crate) fn put(&self, id: ContractId, period: Period, key: String, value: Arc<Computed>) {
        let (_, end) = period.utc_bounds();
        let closed = value.computed_at >= end + TimeDelta::minutes(CLOSE_GRACE_MINS);
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert((id, period), Entry { key, closed, value });
    }

    /// Forgets a contract's results (after its terms, fee or services changed the key would miss
    /// anyway; this frees the memory at once).
    pub(crate) fn forget(&self, id: ContractId) {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner).retain(|(c, _), _| *c != id);
    }
}
