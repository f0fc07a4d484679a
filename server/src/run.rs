//! Start-up: open the database, migrate, build the services and serve until told to stop.

use crate::config::Config;
use crate::http::{build_router, ServerState};
use anyhow::Context;
use app::session::AppState;
use leptos::prelude::LeptosOptions;
use service::Services;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Opens and migrates the configured database and builds the services on it.
pub async fn open_services(cfg: &Config) -> anyhow::Result<Services> {
    let db = service::Db::connect(&cfg.database.url).await.context("cannot open the database")?;
    db.migrate().await.context("database migration failed")?;
    Ok(Services::new(db, cfg.settings()))
}

/// A bound, not yet running server; `addr` is the real address (useful with port 0).
pub struct Bound {
    pub addr: SocketAddr,
    listener: TcpListener,
    state: ServerState,
}

pub async fn bind(cfg: &Config, services: Services) -> anyhow::Result<Bound> {
    let listener =
        TcpListener::bind(cfg.server.addr).await.with_context(|| format!("cannot listen on {}", cfg.server.addr))?;
    let addr = listener.local_addr()?;
    let leptos = LeptosOptions::builder()
        .output_name("regiekamer")
        .site_root(cfg.server.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let state = ServerState { leptos, app: AppState { services, secure_cookies: cfg.secure_cookies() } };
    Ok(Bound { addr, listener, state })
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
        let router = build_router(self.state);
        tracing::info!(addr = %self.addr, "listening");
        axum::serve(self.listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown)
            .await?;
        pruner.abort();
        tracing::info!("stopped");
        Ok(())
    }
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
