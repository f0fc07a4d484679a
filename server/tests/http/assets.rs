//! Page weight: assets under content-hashed names are cached for a year and sent as their brotli or
//! gzip copy when the client accepts it; other assets are revalidated; pages stay `no-store`, name
//! the hashed assets and are compressed, except for requests another site made.

use crate::app::TestApp;
use std::path::PathBuf;

const HASH: &str = "0123456789abcdef";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A site root as `scripts/build.sh` leaves it, in miniature: a hashed JS file with its `.br` and
/// `.gz` copies (recognisable bytes, not real compression), the plain name, and `hash.txt`.
struct Site(PathBuf);

impl Site {
    fn new() -> Site {
        let dir = std::env::temp_dir().join(format!("rk-assets-{}-{}", std::process::id(), rand_suffix()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join(format!("regiekamer.{HASH}.js")), "export function hydrate() {}\n").unwrap();
        std::fs::write(pkg.join(format!("regiekamer.{HASH}.js.br")), "brotli bytes").unwrap();
        std::fs::write(pkg.join(format!("regiekamer.{HASH}.js.gz")), "gzip bytes").unwrap();
        std::fs::write(pkg.join("regiekamer.js"), "export function hydrate() {}\n").unwrap();
        std::fs::write(dir.join("hash.txt"), format!("js: {HASH}\nwasm: {HASH}\ncss: {HASH}\n")).unwrap();
        Site(dir)
    }

    fn root(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now())
}

/// A client that shows the bytes and headers as sent: reqwest would otherwise ask for gzip itself and
/// unpack it (its gzip feature is on in this build).
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder().no_gzip().no_brotli().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hashed_asset_is_immutable_and_sent_as_the_compressed_copy_the_client_accepts() {
    let site = Site::new();
    let app = TestApp::spawn_with(|c| c.server.site_root = site.root()).await;
    let c = raw_client();
    let url = app.url(&format!("/pkg/regiekamer.{HASH}.js"));
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", "br", "brotli bytes"),
        ("gzip", "gzip", "gzip bytes"),
        ("identity", "", "export function hydrate() {}\n"),
    ] {
        let res = c.get(&url).header("accept-encoding", accept).send().await.unwrap();
        assert_eq!(res.status(), 200, "{accept}");
        assert_eq!(header(&res, "cache-control"), IMMUTABLE, "{accept}");
        assert_eq!(header(&res, "content-encoding"), encoding, "{accept}");
        assert!(header(&res, "vary").to_ascii_lowercase().contains("accept-encoding"), "{accept}");
        assert!(header(&res, "content-type").contains("javascript"), "{accept}");
        assert_eq!(header(&res, "x-content-type-options"), "nosniff", "security headers stay");
        assert_eq!(res.text().await.unwrap(), body, "{accept}");
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_asset_names_are_revalidated_and_missing_assets_are_not_stored() {
    let site = Site::new();
    let app = TestApp::spawn_with(|c| c.server.site_root = site.root()).await;
    let c = raw_client();
    let res = c.get(app.url("/pkg/regiekamer.js")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control"), "no-cache");
    let res = c.get(app.url("/pkg/regiekamer.fedcba9876543210.js")).send().await.unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(header(&res, "cache-control"), "no-store");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_name_the_hashed_assets_stay_no_store_and_are_compressed_for_our_own_requests() {
    let site = Site::new();
    let app = TestApp::spawn_with(|c| c.server.site_root = site.root()).await;
    let c = raw_client();

    let res = c.get(app.url("/login")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control"), "no-store");
    assert_eq!(header(&res, "content-encoding"), "");
    let body = res.text().await.unwrap();
    for name in [
        format!("/pkg/regiekamer.{HASH}.css"),
        format!("/pkg/regiekamer.{HASH}.js"),
        format!("/pkg/regiekamer.{HASH}.wasm"),
    ] {
        assert!(body.contains(&name), "{name} missing from the page");
    }

    for (site_header, encoding) in
        [(None, "br"), (Some("same-origin"), "br"), (Some("none"), "br"), (Some("cross-site"), "")]
    {
        let mut req = c.get(app.url("/login")).header("accept-encoding", "gzip, br");
        if let Some(s) = site_header {
            req = req.header("sec-fetch-site", s);
        }
        let res = req.send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(header(&res, "content-encoding"), encoding, "sec-fetch-site {site_header:?}");
        assert_eq!(header(&res, "cache-control"), "no-store");
        assert!(header(&res, "content-security-policy").contains("'nonce-"));
        if !encoding.is_empty() {
            assert!(header(&res, "vary").to_ascii_lowercase().contains("accept-encoding"));
        }
    }
    app.stop().await;
}
