//! Regiekamer's use cases. Every public function here takes the acting user, decides whether that
//! role may do this to this object (see [`policy`]), does the work in one transaction and writes the
//! audit entry in that same transaction. The web layer only maps requests to these calls.
#![forbid(unsafe_code)]

pub mod audit;
pub mod audit_checkpoint;
pub mod audit_view;
pub mod auth;
pub mod bench_seed;
pub mod clock;
pub mod contracts;
pub mod costs;
pub mod demo;
pub mod error;
pub mod monitoring;
pub mod outbound;
pub mod policy;
pub mod requests;
pub mod secrets;
pub mod sla_results;
pub mod sla_terms;
pub mod source_test;
pub mod sources;
pub mod users;
pub mod vendors;

mod limiter;

pub use error::ServiceError;
pub use store::Db;

use domain::{Role, UserId};
use std::sync::Arc;

/// The signed-in user on whose behalf a use case runs, and where the request came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Client address (BIO 8.15.01 "origin").
    pub origin: String,
}

/// Tunable behaviour of the use cases (from the `[security]` and `[contracts]` configuration).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Absolute lifetime of a session.
    pub session_hours: i64,
    /// A session ends after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// Failed sign-ins per (user name, address) within the window before each further failure
    /// doubles the wait (5 s, 10 s, …); per address alone 20x as many.
    pub login_max_failures: u32,
    pub login_window_secs: u64,
    /// Days before a decision date that a contract shows "actie nodig".
    pub warn_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_hours: 12,
            session_idle_minutes: 60,
            login_max_failures: 5,
            login_window_secs: 900,
            warn_days: 90,
        }
    }
}

/// The handle every caller holds: the database, the settings and in-memory guards. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    inner: Arc<Inner>,
    monitoring: Arc<MonitoringSettings>,
    /// The running polling engine's writer, if any: pushed checks join its batches so that they
    /// become state intervals too. Weak, so that it never keeps the writer alive at shutdown.
    push_sink: Arc<std::sync::Mutex<Option<PushSink>>>,
}

/// Where pushed checks go when the polling engine runs.
pub type PushSink = tokio::sync::mpsc::WeakSender<monitoring::PollResult>;

/// What the monitoring use cases need besides the database (from `[secrets]` and `[monitoring]`).
#[derive(Debug, Clone, Default)]
pub struct MonitoringSettings {
    /// Seals and opens source secrets; without it secrets cannot be set.
    pub secret_key: Option<secrets::SecretKey>,
    /// The outbound guard (allow-list, timeouts) for source tests.
    pub guard: outbound::GuardConfig,
}

struct Inner {
    db: Db,
    settings: Settings,
    limiter: limiter::LoginThrottle,
    clock: clock::Clock,
    sla_cache: sla_results::SlaCache,
}

impl Services {
    pub fn new(db: Db, settings: Settings) -> Self {
        Self::with_clock(db, settings, clock::Clock::System)
    }

    /// For tests and the demo: a clock that can be fixed.
    pub fn with_clock(db: Db, settings: Settings, clock: clock::Clock) -> Self {
        let limiter = limiter::LoginThrottle::new(settings.login_max_failures, settings.login_window_secs);
        Services {
            inner: Arc::new(Inner { db, settings, limiter, clock, sla_cache: Default::default() }),
            monitoring: Arc::new(MonitoringSettings::default()),
            push_sink: Arc::default(),
        }
    }

    /// The same services with the secret key and the outbound guard for monitoring.
    pub fn with_monitoring(self, secret_key: Option<secrets::SecretKey>, guard: outbound::GuardConfig) -> Self {
        Services {
            inner: self.inner,
            monitoring: Arc::new(MonitoringSettings { secret_key, guard }),
            push_sink: self.push_sink,
        }
    }

    /// Sends pushed checks to the polling engine's writer (`Some`) or straight to the store (`None`).
    pub fn set_push_sink(&self, sink: Option<PushSink>) {
        *self.push_sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = sink;
    }

    pub(crate) fn push_sink(&self) -> Option<tokio::sync::mpsc::Sender<monitoring::PollResult>> {
        self.push_sink.lock().unwrap_or_else(std::sync::PoisonError::into_inner).as_ref().and_then(|w| w.upgrade())
    }

    pub fn monitoring_settings(&self) -> &MonitoringSettings {
        &self.monitoring
    }

    pub fn db(&self) -> &Db {
        &self.inner.db
    }

    pub fn settings(&self) -> &Settings {
        &self.inner.settings
    }

    pub fn clock(&self) -> &clock::Clock {
        &self.inner.clock
    }

    pub(crate) fn limiter(&self) -> &limiter::LoginThrottle {
        &self.inner.limiter
    }
}
