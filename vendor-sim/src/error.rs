//! The one error type of the simulator: start-up can fail on sockets, on TLS set-up or on a scenario that
//! names a vendor or component that does not exist. Serving never fails as a whole; per-connection errors
//! are logged and the connection is dropped.

/// Why the simulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Binding a listener or configuring a socket failed.
    #[error("socket error: {0}")]
    Io(#[from] std::io::Error),
    /// Generating the self-signed certificate or building the TLS configuration failed.
    #[error("TLS set-up failed: {0}")]
    Tls(String),
    /// A scenario refers to something the configuration does not have, or has a zero duration.
    #[error("invalid scenario #{index}: {reason}")]
    InvalidScenario { index: usize, reason: String },
}

/// Result alias for simulator start-up.
pub type Result<T> = std::result::Result<T, SimError>;
