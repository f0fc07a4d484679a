//! The axum router: Leptos pages and server functions, static files, probes and middleware
//! (compression included).

use super::{assets, audit_export, costs, exports, form_input, health, middleware, push, requests};
use app::session::AppState;
use app::{shell, App};
use axum::extract::FromRef;
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

/// Router state: what Leptos needs to render, and what our handlers need.
#[derive(Clone)]
pub struct ServerState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    /// `security.trusted_proxies`: peers whose forwarding headers name the client.
    pub trusted_proxies: std::sync::Arc<Vec<service::outbound::IpNet>>,
    /// What was typed into forms refused without JavaScript, until the page shows it again.
    pub form_inputs: super::form_input::FormInputs,
}

impl FromRef<ServerState> for LeptosOptions {
    fn from_ref(s: &ServerState) -> Self {
        s.leptos.clone()
    }
}

/// Gives every render and server function the app state and the request's CSP nonce.
fn context(app: AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    move || {
        provide_context(app.clone());
        let nonce = use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<middleware::CspNonce>().map(|n| n.0.clone()));
        if let Some(n) = nonce {
            provide_context(leptos::nonce::Nonce::from_value(n));
        }
    }
}

/// The app's routes, generated once per process. Generating them renders the app with every resource
/// suppressed through a process-global flag in leptos_server; a page rendered by another server in the
/// same process at that moment (several test servers in one test binary) would wait forever on its
/// resources (leptos-rs/leptos#4773). After the first generation no further one happens.
fn routes() -> Vec<AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

pub fn build_router(state: ServerState) -> Router {
    let routes = routes();
    let leptos = state.leptos.clone();
    let shell_opts = leptos.clone();
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .merge(push::routes())
        .merge(exports::routes())
        .merge(audit_export::routes())
        .merge(costs::routes())
        .merge(requests::routes())
        .merge(assets::routes(&leptos.site_root))
        .leptos_routes_with_context(&state, routes, context(state.app.clone()), move || shell(shell_opts.clone()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<ServerState, _>(context(state.app.clone()), shell))
        .layer(axum::middleware::from_fn_with_state(state.clone(), form_input::keep_form_input))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::session))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::same_origin))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        // Pages, JSON and CSV on the fly (quality 4: brotli's best, 11, costs far too much per request);
        // assets come precompressed from `assets::routes` and are left alone.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(axum::middleware::from_fn(middleware::compress_own_requests_only))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
