//! Test servers and guard configurations shared by the outbound tests.

use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use flate2::write::DeflateEncoder;
use flate2::{Compression, Crc};
use futures_util::stream;
use service::outbound::{FetchError, FetchRequest, Fetched, GuardConfig, GuardedClient};
use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

/// The body cap in most tests: small, so the size tests stay fast.
pub const CAP: u64 = 64 * 1024;
/// Inflated size of one block of the gzip test stream.
pub const GZIP_BLOCK: usize = 256 * 1024;

/// Nothing allow-listed; a few fixed names for the resolver tests.
pub fn strict_config() -> GuardConfig {
    GuardConfig {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(3),
        max_body_bytes: CAP,
        hosts: vec![
            ("loopback.test".into(), "127.0.0.1".parse().unwrap()),
            ("metadata.test".into(), "169.254.169.254".parse().unwrap()),
            ("intern.test".into(), "10.1.2.3".parse().unwrap()),
            ("mapped.test".into(), "::ffff:192.168.0.1".parse().unwrap()),
        ],
        ..GuardConfig::default()
    }
}

/// The test servers' address, and only that, allow-listed.
pub fn loopback_config() -> GuardConfig {
    GuardConfig { allow: vec!["127.0.0.1/32".parse().unwrap()], ..strict_config() }
}

pub fn client(cfg: GuardConfig) -> GuardedClient {
    GuardedClient::new(cfg).unwrap()
}

pub async fn fetch_url(cfg: GuardConfig, url: &str) -> Result<Fetched, FetchError> {
    client(cfg).fetch(FetchRequest::get(url)).await
}

pub struct TestServer {
    pub addr: SocketAddr,
}

impl TestServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// A URL on this server that answers with a redirect to `target`.
    pub fn redirect_to(&self, target: &str) -> String {
        let encoded: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
        self.url(&format!("/redirect?to={encoded}"))
    }
}

/// Serves `router` on 127.0.0.1 (or `ip`) at a free port, until the test's runtime ends.
pub async fn serve(router: Router, addr: &str) -> TestServer {
    let listener = tokio::net::TcpListener::bind(addr).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    TestServer { addr }
}

/// The vendor simulator for these tests.
pub async fn spawn_app() -> TestServer {
    serve(app(), "127.0.0.1:0").await
}

fn app() -> Router {
    Router::new()
        .route("/ok", get(|| async { "hallo" }))
        .route("/echo-auth", get(echo_auth))
        .route("/echo-key", get(echo_key))
        .route("/redirect", get(redirect))
        .route("/loop", get(|| async { found("/loop") }))
        .route("/chain/{n}", get(chain))
        .route("/sized/{n}", get(|Path(n): Path<usize>| async move { vec![b'x'; n] }))
        .route("/endless", get(|| async { Body::from_stream(endless(vec![b'x'; 8192], Duration::ZERO)) }))
        .route("/drip", get(|| async { Body::from_stream(endless(vec![b'.'], Duration::from_millis(100))) }))
        .route("/gzip/{blocks}", get(gzip))
        .route("/bad-gzip", get(|| async { ([(header::CONTENT_ENCODING, "gzip")], "dit is geen gzip") }))
        .route("/slow", get(slow))
        .route("/hang", any(std::future::pending::<&'static str>))
}

fn found(location: &str) -> Response {
    (StatusCode::FOUND, [(header::LOCATION, location.to_string())]).into_response()
}

async fn redirect(Query(query): Query<HashMap<String, String>>) -> Response {
    found(&query["to"])
}

async fn chain(Path(n): Path<u32>) -> Response {
    match n {
        0 => "einde".into_response(),
        n => found(&format!("/chain/{}", n - 1)),
    }
}

async fn echo_auth(headers: HeaderMap) -> String {
    format!("authorization: {}", headers.contains_key(header::AUTHORIZATION))
}

async fn echo_key(headers: HeaderMap) -> String {
    format!("x-api-key: {}", headers.contains_key("x-api-key"))
}

async fn slow() -> &'static str {
    tokio::time::sleep(Duration::from_millis(300)).await;
    "langzaam maar goed"
}

async fn gzip(Path(blocks): Path<usize>) -> Response {
    ([(header::CONTENT_ENCODING, "gzip")], gzip_zeros(blocks)).into_response()
}

/// `chunk`, again and again, `pause` apart, until the client goes away.
fn endless(chunk: Vec<u8>, pause: Duration) -> impl futures_util::Stream<Item = Result<Vec<u8>, Infallible>> {
    stream::unfold(chunk, move |chunk| async move {
        if !pause.is_zero() {
            tokio::time::sleep(pause).await;
        }
        Some((Ok(chunk.clone()), chunk))
    })
}

/// A valid gzip stream of `blocks` x [`GZIP_BLOCK`] zero bytes, built without compressing all of
/// it: after the first block the window holds only zeros, so the deflate output for every further
/// block (sync-flushed to a byte boundary) is the same bytes, and the CRC is combined per block.
pub fn gzip_zeros(blocks: usize) -> Vec<u8> {
    let zeros = vec![0u8; GZIP_BLOCK];
    let mut deflate = DeflateEncoder::new(Vec::new(), Compression::best());
    deflate.write_all(&zeros).unwrap();
    deflate.flush().unwrap();
    let first = std::mem::take(deflate.get_mut());
    deflate.write_all(&zeros).unwrap();
    deflate.flush().unwrap();
    let again = std::mem::take(deflate.get_mut());

    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]; // gzip header: deflate, no name, unknown OS
    out.extend_from_slice(&first);
    for _ in 1..blocks {
        out.extend_from_slice(&again);
    }
    out.extend_from_slice(&[0x03, 0x00]); // empty final block
    let mut block_crc = Crc::new();
    block_crc.update(&zeros);
    let mut crc = Crc::new();
    for _ in 0..blocks {
        crc.combine(&block_crc);
    }
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&((GZIP_BLOCK * blocks) as u32).to_le_bytes());
    out
}
