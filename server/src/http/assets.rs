//! The built site's assets under `/pkg/` (wasm, JS glue, CSS) and how long browsers may keep them.
//!
//! `scripts/hash-assets.mjs` (run by the build) gives each asset a content-hashed name such as
//! `regiekamer.0123456789abcdef.wasm`, writes brotli (`.br`) and gzip (`.gz`) copies next to it, and
//! lists the hashes in `<site root>/hash.txt`. With that file present the server turns on Leptos'
//! `hash_files`, so `HydrationScripts` and `HashedStylesheet` (`app::shell`) put the hashed names in
//! every page. A hashed name never gets other content, so browsers may keep it for a year without
//! asking again; any other file under `/pkg/` (the plain names, kept for old links) must be
//! revalidated. Pages themselves stay `no-store` (`middleware::security_headers`).

use super::ServerState;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::Path;
use tower_http::services::ServeDir;

/// For content-hashed names: a year, and no revalidation even on reload.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For every other asset: may be stored, but is checked (`If-Modified-Since`) before each use.
pub const REVALIDATE: &str = "no-cache";

/// The Leptos options for the site in `site_root`, with hashed asset names when the build wrote
/// `hash.txt` there.
pub fn leptos_options(site_root: &str, addr: SocketAddr) -> LeptosOptions {
    let mut options = LeptosOptions::builder()
        .output_name("regiekamer")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    // Leptos joins `hash_file` to the executable's folder; an absolute path replaces that folder,
    // which keeps the file in the site root for the installed binary and the test binaries alike.
    match std::path::absolute(Path::new(site_root).join("hash.txt")) {
        Ok(file) if file.is_file() => {
            tracing::debug!(file = %file.display(), "assets: content-hashed names");
            options.hash_files = true;
            options.hash_file = file.to_string_lossy().into();
        }
        _ => tracing::warn!(
            site_root,
            "assets: no hash.txt in the site root, so the plain names are served and revalidated on every \
             visit (build with scripts/build.sh)"
        ),
    }
    options
}

/// `/pkg/*` from `<site root>/pkg`, as `.br` or `.gz` when the client accepts it and the build
/// wrote one, with the cache policy of [`cache_policy`].
pub fn routes(site_root: &str) -> Router<ServerState> {
    let pkg = ServeDir::new(Path::new(site_root).join("pkg")).precompressed_br().precompressed_gzip();
    Router::new().nest_service("/pkg", pkg).layer(axum::middleware::from_fn(cache_policy))
}

/// Whether a file name has the form the build gives hashed assets: `<name>.<16 hex digits>.<ext>`.
pub fn is_hashed(file_name: &str) -> bool {
    let parts: Vec<&str> = file_name.split('.').collect();
    parts.len() == 3
        && !parts[0].is_empty()
        && !parts[2].is_empty()
        && parts[1].len() == 16
        && parts[1].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Sets `Cache-Control` on a served asset (immutable for hashed names, revalidate otherwise) and
/// `Vary: Accept-Encoding`, because the same URL is answered in brotli, gzip or plain. Errors get
/// nothing here, so they keep the default `no-store`.
async fn cache_policy(req: Request, next: Next) -> Response {
    let hashed = req.uri().path().rsplit('/').next().is_some_and(is_hashed);
    let mut res = next.run(req).await;
    let served = res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED;
    let h = res.headers_mut();
    if served {
        let policy = if hashed { IMMUTABLE } else { REVALIDATE };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    let varies = h.get_all(header::VARY).iter().any(|v| {
        v.to_str().is_ok_and(|v| v.split(',').any(|name| name.trim().eq_ignore_ascii_case("accept-encoding")))
    });
    if !varies {
        h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::is_hashed;

    #[test]
    fn only_names_with_sixteen_hex_digits_between_name_and_extension_are_hashed() {
        assert!(is_hashed("regiekamer.0123456789abcdef.wasm"));
        assert!(is_hashed("regiekamer.0123456789abcdef.css"));
        assert!(!is_hashed("regiekamer.wasm"));
        assert!(!is_hashed("regiekamer.0123456789ABCDEF.js"));
        assert!(!is_hashed("regiekamer.0123456789abcde.js"));
        assert!(!is_hashed("regiekamer.0123456789abcdef.wasm.br"));
        assert!(!is_hashed(".0123456789abcdef.js"));
    }
}
