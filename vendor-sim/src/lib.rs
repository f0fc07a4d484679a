//! `vendor-sim`: simulated SaaS vendors for the Regiekamer demo, tests and benchmarks.
//!
//! Each simulated vendor publishes an Atlassian Statuspage API v2 page (`/v/{i}/api/v2/...`), a usage
//! document (`/v/{i}/usage.json`) and a health endpoint (`/v/{i}/health`). What those say is a pure
//! function of the seed, the scenarios and the clock's instant: two simulators with the same inputs serve
//! byte-identical documents, and a test can move a manual [`SimClock`] through an outage instead of
//! waiting for it. `/fault/{mode}` serves the hostile cases (hangs, resets, bombs, redirects to private
//! addresses), and a second listener serves the same routes over TLS with a self-signed certificate.
//!
//! ```no_run
//! # async fn demo() -> vendor_sim::Result<()> {
//! use vendor_sim::{Scenario, SimClock, SimConfig};
//! let mut config = SimConfig::new(7, 3);
//! config.scenarios.push(Scenario::Outage { vendor: 0, component: 1, at: 10, minutes: 30 });
//! let clock = SimClock::fixed(chrono::Utc::now());
//! let sim = vendor_sim::start(config, clock.clone(), "127.0.0.1:0".parse().unwrap()).await?;
//! clock.set_minute(15); // vendor 0 is now in a major outage
//! println!("{}/api/v2/summary.json", sim.vendor_url(0));
//! sim.shutdown().await;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

mod bodies;
mod catalog;
mod clock;
mod config;
mod error;
mod faults;
mod render;
mod routes;
mod seed;
mod server;
mod statuspage;
mod texts;
mod timeline;
mod tls;
mod usage;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;

pub use catalog::{catalog, ComponentProfile, GroupProfile, VendorProfile};
pub use chrono_tz::Tz;
pub use clock::SimClock;
pub use config::{Scenario, SimConfig};
pub use error::{Result, SimError};
pub use faults::{MAX_SLOW_MS, MODES as FAULT_MODES};
pub use routes::DEGRADED_HEALTH_DELAY;
pub use server::MAX_CONNECTIONS;
pub use usage::{active_seats, purchased_seats};

/// Starts the simulator on `addr` (port 0 picks a free port), with the TLS listener on a free port of
/// the same address.
pub async fn start(cfg: SimConfig, clock: SimClock, addr: SocketAddr) -> Result<SimHandle> {
    start_with_tls(cfg, clock, addr, SocketAddr::new(addr.ip(), 0)).await
}

/// Like [`start`], with the TLS listener on `tls_addr`.
pub async fn start_with_tls(
    cfg: SimConfig,
    clock: SimClock,
    addr: SocketAddr,
    tls_addr: SocketAddr,
) -> Result<SimHandle> {
    start_with_listeners(cfg, clock, addr, tls_addr, &[]).await
}

/// Like [`start_with_tls`], and also serving the plain routes on each of `extra_ips` at the port `addr`
/// got. A benchmark uses this to put vendors on many hosts (127.0.0.2, 127.0.0.3, ...): the poller limits
/// concurrency and breaks circuits per host, so one listener would make all vendors one host.
pub async fn start_with_listeners(
    cfg: SimConfig,
    clock: SimClock,
    addr: SocketAddr,
    tls_addr: SocketAddr,
    extra_ips: &[std::net::IpAddr],
) -> Result<SimHandle> {
    let vendors = catalog(cfg.seed, cfg.vendors);
    cfg.validate(&vendors)?;
    let stories = timeline::build(cfg.seed, &cfg.scenarios, &vendors, clock.origin());
    let acceptor = tls::self_signed_acceptor()?;
    let listener = TcpListener::bind(addr).await?;
    let tls_listener = TcpListener::bind(tls_addr).await?;
    let (addr, tls_addr) = (listener.local_addr()?, tls_listener.local_addr()?);
    let mut extra_listeners = Vec::with_capacity(extra_ips.len());
    for ip in extra_ips {
        extra_listeners.push(TcpListener::bind(SocketAddr::new(*ip, addr.port())).await?);
    }
    let extra_addrs = extra_listeners.iter().map(TcpListener::local_addr).collect::<std::io::Result<Vec<_>>>()?;
    let sim = Arc::new(routes::Simulation { seed: cfg.seed, clock, vendors, stories, tls_addr });
    let router = routes::router(Arc::clone(&sim));
    let (stop, stopped) = watch::channel(false);
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut tasks = vec![
        tokio::spawn(server::accept_loop(listener, None, router.clone(), stopped.clone(), Arc::clone(&permits))),
        tokio::spawn(server::accept_loop(
            tls_listener,
            Some(acceptor),
            router.clone(),
            stopped.clone(),
            Arc::clone(&permits),
        )),
    ];
    for extra in extra_listeners {
        tasks.push(tokio::spawn(server::accept_loop(
            extra,
            None,
            router.clone(),
            stopped.clone(),
            Arc::clone(&permits),
        )));
    }
    tracing::info!(%addr, %tls_addr, extra = extra_addrs.len(), vendors = sim.vendors.len(), "vendor simulator started");
    Ok(SimHandle { addr, tls_addr, extra_addrs, sim, stop, tasks })
}

/// A running simulator. Dropping it stops the listeners too; [`SimHandle::shutdown`] also waits for them.
pub struct SimHandle {
    /// Plain HTTP listener.
    pub addr: SocketAddr,
    /// TLS listener with a self-signed certificate, serving the same routes.
    pub tls_addr: SocketAddr,
    /// Further plain listeners (same routes), see [`start_with_listeners`].
    pub extra_addrs: Vec<SocketAddr>,
    sim: Arc<routes::Simulation>,
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

impl SimHandle {
    /// `http://127.0.0.1:port`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The base of vendor `vendor`'s endpoints, e.g. `http://127.0.0.1:port/v/3`.
    pub fn vendor_url(&self, vendor: usize) -> String {
        format!("http://{}/v/{vendor}", self.addr)
    }

    /// `https://127.0.0.1:tls_port`.
    pub fn tls_url(&self) -> String {
        format!("https://{}", self.tls_addr)
    }

    /// The simulated vendors, in index order.
    pub fn vendors(&self) -> &[VendorProfile] {
        &self.sim.vendors
    }

    /// The clock the simulator reads (a clone shares the instant).
    pub fn clock(&self) -> &SimClock {
        &self.sim.clock
    }

    /// Stops accepting, closes every open connection (including hanging and endless ones) and waits.
    pub async fn shutdown(mut self) {
        self.stop.send_replace(true);
        for task in self.tasks.drain(..) {
            if let Err(e) = task.await {
                tracing::warn!(error = %e, "listener task failed");
            }
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.stop.send_replace(true);
    }
}

impl std::fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimHandle").field("addr", &self.addr).field("tls_addr", &self.tls_addr).finish_non_exhaustive()
    }
}
