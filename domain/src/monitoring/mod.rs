//! Monitoring calculations: check results, the state intervals they fold into, time per state within a
//! window, and latency rollups.
//!
//! Pure functions only; the scheduler, connectors and store call them (docs/ARCHITECTURE.md, "Data flow
//! of a measurement"). SLA periods are evaluated on intervals (exact, any window); rollups only feed
//! dashboards.

pub mod check;
pub mod intervals;
pub mod rollup;
pub mod window;

pub use check::{CheckResult, CheckState, Observation};
pub use intervals::{intervals_from, IntervalChange, IntervalTracker, StateInterval, MIN_STALE_AFTER};
pub use rollup::{day_start, hour_start, Rollup};
pub use window::{clip, durations_by_state, StateDurations};
