//! Start-up: open the database, migrate, build the services and serve until told to stop.

use crate::config::Config;
use crate::http::{build_router, ServerState};
use anyhow::Context;
use app::session::AppState;
use service::audit_checkpoint::{CheckpointKey, CheckpointOutcome, CheckpointWhen};
use service::Services;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Opens and migrates the configured database and builds the services on it.
pub async fn open_services(cfg: &Config) -> anyhow::Result<Services> {
    let db = service::Db::connect(&cfg.database.url).await.context("cannot open the database")?;
    db.migrate().await.context("database migration failed")?;
    Ok(Services::new(db, cfg.settings()).with_monitoring(cfg.secret_key()?, cfg.guard_config()?))
}

/// The start-up error when sources have sealed secrets but no `secrets.key` is configured.
pub const MISSING_KEY: &str = "secrets.key ontbreekt; maak er een met `regiekamer secrets new-key`";

/// Refuses to start when a source has a sealed secret and no key is configured to open it.
pub async fn check_secrets(services: &Services) -> anyhow::Result<()> {
    if services.monitoring_settings().secret_key.is_some() {
        return Ok(());
    }
    let sealed = store::list_sources(services.db()).await?.iter().any(|s| s.has_secret);
    if sealed {
        anyhow::bail!(MISSING_KEY);
    }
    Ok(())
}

/// A bound, not yet running server; `addr` is the real address (useful with port 0).
pub struct Bound {
    pub addr: SocketAddr,
    listener: TcpListener,
    state: ServerState,
    monitoring: crate::config::MonitoringConfig,
    scheduler: service::monitoring::SchedulerConfig,
    /// Signs the audit checkpoints; without it none are written.
    checkpoint_key: Option<CheckpointKey>,
    checkpoint_every: std::time::Duration,
    /// Days closed self-service requests keep their personal data.
    request_retention_days: u32,
}

pub async fn bind(cfg: &Config, services: Services) -> anyhow::Result<Bound> {
    check_secrets(&services).await?;
    services.ensure_self_service_defaults().await.context("creating the shipped self-service forms")?;
    let listener =
        TcpListener::bind(cfg.server.addr).await.with_context(|| format!("cannot listen on {}", cfg.server.addr))?;
    let addr = listener.local_addr()?;
    let leptos = crate::http::assets::leptos_options(&cfg.server.site_root, addr);
    let state = ServerState {
        leptos,
        app: AppState { services, secure_cookies: cfg.secure_cookies() },
        trusted_proxies: std::sync::Arc::new(cfg.trusted_proxies()?),
        form_inputs: Default::default(),
    };
    Ok(Bound {
        addr,
        listener,
        state,
        monitoring: cfg.monitoring.clone(),
        scheduler: cfg.scheduler_config(),
        checkpoint_key: cfg.checkpoint_key()?,
        checkpoint_every: std::time::Duration::from_secs(60 * cfg.audit.checkpoint_every_mins),
        request_retention_days: cfg.self_service.retention_days,
    })
}

impl Bound {
    /// Serves until `shutdown` resolves, then finishes in-flight requests.
    pub async fn serve(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let services = self.state.app.services.clone();
        let pruner = tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
            loop {
                tick.tick().await;
                if let Err(e) = services.prune_sessions().await {
                    tracing::warn!(error = ?e, "pruning sessions failed");
                }
            }
        });
        // Refused sign-in attempts are audited once per window; this writes the windows that ended.
        let services = self.state.app.services.clone();
        let refused = tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
            loop {
                tick.tick().await;
                services.audit_refused_sign_ins(false).await;
            }
        });
        let retention = retention_job(self.state.app.services.clone(), self.monitoring.retention_days);
        let sla = sla_refresh_job(self.state.app.services.clone());
        let anonymiser = anonymise_job(self.state.app.services.clone(), self.request_retention_days);
        let checkpoints = match self.checkpoint_key {
            Some(key) => Some(checkpoint_job(self.state.app.services.clone(), key, self.checkpoint_every)),
            None => {
                tracing::warn!("{}", crate::cli_audit::NO_KEY);
                None
            }
        };
        let engine = if self.monitoring.enabled {
            Some(start_engine(&self.state.app.services, self.scheduler.clone()).await?)
        } else {
            None
        };
        let self_services = self.state.app.services.clone();
        let router = build_router(self.state);
        tracing::info!(addr = %self.addr, "listening");
        let served = axum::serve(self.listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await;
        pruner.abort();
        refused.abort();
        retention.abort();
        sla.abort();
        anonymiser.abort();
        if let Some(job) = checkpoints {
            job.abort();
        }
        // The windows still open are written now, so that no refused attempt goes unrecorded.
        self_services.audit_refused_sign_ins(true).await;
        if let Some(engine) = engine {
            engine.stop().await;
        }
        served?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// How often the engine looks for added, changed or removed sources.
const RELOAD_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

/// The running polling engine: a supervisor that (re)starts the scheduler whenever the stored
/// sources change, and the one writer.
struct Engine {
    stop: tokio::sync::oneshot::Sender<()>,
    supervisor: tokio::task::JoinHandle<()>,
    writer: tokio::task::JoinHandle<service::monitoring::WriterStats>,
}

impl Engine {
    /// Stops polling, then lets the writer commit what it has.
    async fn stop(self) {
        let _ = self.stop.send(());
        if let Err(e) = self.supervisor.await {
            tracing::error!(error = %e, "monitoring supervisor failed");
        }
        match self.writer.await {
            Ok(stats) => tracing::info!(?stats, "monitoring stopped"),
            Err(e) => tracing::error!(error = %e, "monitoring writer failed"),
        }
    }
}

/// What, when it changes, makes the engine reload its sources.
type Fingerprint = Vec<(store::SourceId, chrono::DateTime<chrono::Utc>, bool, bool)>;

async fn fingerprint(services: &Services) -> Option<Fingerprint> {
    match store::list_sources(services.db()).await {
        Ok(list) => Some(list.into_iter().map(|s| (s.id, s.updated_at, s.settings.enabled, s.has_secret)).collect()),
        Err(e) => {
            tracing::warn!(error = ?e, "cannot read monitoring sources");
            None
        }
    }
}

/// Loads the enabled sources and starts polling them. Unusable sources are logged and skipped.
async fn spawn_scheduler(
    services: &Services,
    client: &service::outbound::GuardedClient,
    config: &service::monitoring::SchedulerConfig,
    tx: &tokio::sync::mpsc::Sender<service::monitoring::PollResult>,
) -> Result<service::monitoring::SchedulerHandle, store::StoreError> {
    let m = services.monitoring_settings();
    let keys: Vec<_> = m.secret_key.iter().cloned().collect();
    let loaded = service::monitoring::load_sources(services.db(), &keys).await?;
    for (id, e) in &loaded.unusable {
        tracing::warn!(source = %id, field = %e.field, message = %e.message, "source not polled");
    }
    tracing::info!(sources = loaded.sources.len(), unusable = loaded.unusable.len(), "monitoring (re)started");
    Ok(service::monitoring::Scheduler::new(client.clone(), config.clone()).spawn(loaded.sources, tx.clone()))
}

/// Starts the writer and a supervisor that polls the enabled sources and restarts the scheduler
/// within [`RELOAD_EVERY`] after sources are added, changed or removed.
async fn start_engine(services: &Services, config: service::monitoring::SchedulerConfig) -> anyhow::Result<Engine> {
    use service::monitoring::{Writer, WriterConfig};
    let client = service::outbound::GuardedClient::new(services.monitoring_settings().guard.clone())
        .context("cannot build the HTTP client")?;
    let writer = Writer::resume(services.db().clone(), WriterConfig::default())
        .await
        .context("cannot resume the monitoring writer")?;
    let (tx, rx) = tokio::sync::mpsc::channel(1024);
    let mut scheduler =
        Some(spawn_scheduler(services, &client, &config, &tx).await.context("cannot load monitoring sources")?);
    services.set_push_sink(Some(tx.downgrade()));
    let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
    let services = services.clone();
    let supervisor = tokio::spawn(async move {
        let mut seen = fingerprint(&services).await;
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                _ = tokio::time::sleep(RELOAD_EVERY) => {}
            }
            let now = fingerprint(&services).await;
            if now.is_none() || now == seen {
                continue;
            }
            if let Some(old) = scheduler.take() {
                old.shutdown().await;
            }
            match spawn_scheduler(&services, &client, &config, &tx).await {
                Ok(handle) => {
                    scheduler = Some(handle);
                    seen = now;
                }
                Err(e) => tracing::warn!(error = ?e, "cannot reload monitoring sources; retrying"),
            }
        }
        if let Some(handle) = scheduler.take() {
            handle.shutdown().await;
        }
        services.set_push_sink(None);
        // Dropping the last sender lets the writer flush and end.
        drop(tx);
    });
    Ok(Engine { stop, supervisor, writer: writer.spawn(rx) })
}

/// Prunes raw checks older than `retention_days` once a day (the first time right after start).
fn retention_job(services: Services, retention_days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            let cutoff = chrono::Utc::now() - chrono::TimeDelta::days(i64::from(retention_days));
            match store::prune_checks(services.db(), cutoff).await {
                Ok(n) => tracing::info!(deleted = n, "old checks pruned"),
                Err(e) => tracing::warn!(error = ?e, "pruning checks failed"),
            }
        }
    })
}

/// Anonymises closed self-service requests older than `retention_days` once a day (the first time
/// right after start).
fn anonymise_job(services: Services, retention_days: u32) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            tick.tick().await;
            match services.anonymise_closed_requests(retention_days).await {
                Ok(n) => tracing::info!(anonymised = n, "closed requests anonymised"),
                Err(e) => tracing::warn!(error = ?e, "anonymising closed requests failed"),
            }
        }
    })
}

/// Evaluates the SLA overview's results right after start and then every few seconds less than a
/// running period's result is reused, so that no request waits for an evaluation.
fn sla_refresh_job(services: Services) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(service::sla_results::REFRESH_EVERY_SECS));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let started = std::time::Instant::now();
            match services.refresh_sla_results().await {
                Ok(n) => {
                    tracing::debug!(contracts = n, ms = started.elapsed().as_millis() as u64, "SLA results refreshed")
                }
                Err(e) => tracing::warn!(error = ?e, "refreshing the SLA results failed"),
            }
        }
    })
}

/// Writes an audit checkpoint at start-up and then every `every`, skipped when nothing was logged
/// since the newest one. A chain that does not verify against its checkpoint is not signed (that would
/// hide the tampering); that is logged as an error at every turn.
fn checkpoint_job(services: Services, key: CheckpointKey, every: std::time::Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match services.write_audit_checkpoint(&key, "serve", CheckpointWhen::IfChanged).await {
                Ok(CheckpointOutcome::Written(_) | CheckpointOutcome::Unchanged) => {}
                Ok(CheckpointOutcome::Refused(v)) => tracing::error!(
                    first_broken = ?v.chain.first_broken,
                    checkpoint = ?v.stored,
                    "the audit chain does not verify; no checkpoint written (see `regiekamer audit verify`)"
                ),
                Err(e) => tracing::warn!(error = ?e, "writing the audit checkpoint failed"),
            }
        }
    })
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
