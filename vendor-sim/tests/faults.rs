//! Every fault mode misbehaves exactly as specified. All clients carry timeouts, so a regression fails
//! the test instead of hanging it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{ErrorKind, Read, Write};
use std::time::{Duration, Instant};

use common::{client, client_with_timeout, spawn};
use vendor_sim::{SimConfig, SimHandle};

async fn fault(sim: &SimHandle, mode: &str) -> reqwest::Response {
    client().get(format!("{}/fault/{mode}", sim.base_url())).send().await.unwrap()
}

/// Sends a raw request and returns what reading the answer gives (after at most `wait`).
async fn raw_exchange(sim: &SimHandle, path: &str, wait: Duration) -> std::io::Result<usize> {
    let addr = sim.addr;
    let request = format!("GET {path} HTTP/1.1\r\nHost: sim\r\n\r\n");
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(wait))?;
        stream.write_all(request.as_bytes())?;
        stream.read(&mut [0u8; 256])
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn slow_answers_valid_json_after_the_delay() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let started = Instant::now();
    let body: serde_json::Value = fault(&sim, "slow?ms=400").await.json().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(400));
    assert_eq!(body["delayed_ms"], 400);
    let impatient = client_with_timeout(Duration::from_millis(200));
    let err = impatient.get(format!("{}/fault/slow?ms=5000", sim.base_url())).send().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn hang_accepts_and_never_answers() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let impatient = client_with_timeout(Duration::from_millis(500));
    let err = impatient.get(format!("{}/fault/hang", sim.base_url())).send().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    let read = raw_exchange(&sim, "/fault/hang", Duration::from_millis(500)).await;
    let kind = read.unwrap_err().kind();
    assert!(matches!(kind, ErrorKind::WouldBlock | ErrorKind::TimedOut), "{kind:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn reset_drops_the_connection_without_a_response() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let started = Instant::now();
    let err = client().get(format!("{}/fault/reset", sim.base_url())).send().await.unwrap_err();
    assert!(!err.is_timeout() && err.status().is_none(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let read = raw_exchange(&sim, "/fault/reset", Duration::from_secs(5)).await;
    assert_eq!(read.unwrap_err().kind(), ErrorKind::ConnectionReset);
    sim.shutdown().await;
}

#[tokio::test]
async fn five_hundred_and_truncated_and_deep_documents() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let unavailable = fault(&sim, "5xx").await;
    assert_eq!(unavailable.status(), 503);

    let truncated = fault(&sim, "truncated").await;
    assert_eq!(truncated.status(), 200);
    let bytes = truncated.bytes().await.unwrap();
    assert!(bytes.starts_with(b"{\"page\":{"));
    let err = serde_json::from_slice::<serde_json::Value>(&bytes).unwrap_err();
    assert!(err.is_eof(), "{err}");

    let deep = fault(&sim, "deep").await.bytes().await.unwrap();
    assert_eq!(deep.len(), 200_000);
    assert!(deep[..100_000].iter().all(|&b| b == b'[') && deep[100_000..].iter().all(|&b| b == b']'));
    let err = serde_json::from_slice::<serde_json::Value>(&deep).unwrap_err();
    assert!(err.to_string().contains("recursion limit"), "{err}");
    sim.shutdown().await;
}

#[tokio::test]
async fn huge_streams_fifty_megabytes_of_valid_json() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let mut response = client_with_timeout(Duration::from_secs(60))
        .get(format!("{}/fault/huge", sim.base_url()))
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("content-length").is_none(), "streamed, length unknown upfront");
    let mut body = Vec::with_capacity(51 << 20);
    while let Some(chunk) = response.chunk().await.unwrap() {
        body.extend_from_slice(&chunk);
    }
    assert_eq!(body.len(), (50 << 20) + 13);
    serde_json::from_slice::<serde::de::IgnoredAny>(&body).unwrap();
    sim.shutdown().await;
}

#[tokio::test]
async fn gzip_bomb_inflates_a_megabyte_into_a_gibibyte() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let bomb = fault(&sim, "gzip-bomb").await;
    assert_eq!(bomb.headers()["content-encoding"], "gzip");
    let wire = bomb.bytes().await.unwrap();
    assert!(wire.len() < 1_500_000, "{} bytes on the wire", wire.len());
    let isize = u32::from_le_bytes(wire[wire.len() - 4..].try_into().unwrap());
    assert_eq!(isize, (1 << 30) + 2, "gzip trailer announces 1 GiB + 2 bytes");
    // Inflate only the first 20 KB of the wire: that alone is ~20 MiB.
    let mut inflated = Counter(0);
    let mut decoder = flate2::write::GzDecoder::new(&mut inflated);
    decoder.write_all(&wire[..20_000]).unwrap();
    decoder.flush().unwrap();
    drop(decoder);
    assert!(inflated.0 > 15 << 20, "{} bytes", inflated.0);

    // A small bomb inflates completely, to valid JSON, with a correct CRC and length.
    let small = fault(&sim, "gzip-bomb?mib=8").await.bytes().await.unwrap();
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(&small[..]).read_to_end(&mut json).unwrap();
    assert_eq!(json.len(), (8 << 20) + 2);
    serde_json::from_slice::<serde::de::IgnoredAny>(&json).unwrap();
    sim.shutdown().await;
}

struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn endless_never_ends_and_the_sim_survives_the_hang_up() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let mut response = client_with_timeout(Duration::from_secs(60))
        .get(format!("{}/fault/endless", sim.base_url()))
        .send()
        .await
        .unwrap();
    let mut received = 0usize;
    while received < 32 << 20 {
        let chunk = response.chunk().await.unwrap().expect("the body never ends");
        received += chunk.len();
    }
    drop(response);
    assert_eq!(fault(&sim, "5xx").await.status(), 503);
    sim.shutdown().await;
}

#[tokio::test]
async fn redirects_loop_or_point_at_private_addresses() {
    let (sim, _) = spawn(SimConfig::new(1, 1)).await;
    let looping = fault(&sim, "redirect-loop").await;
    assert_eq!(looping.status(), 302);
    assert_eq!(looping.headers()["location"], "/fault/redirect-loop");
    let following = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let err = following.get(format!("{}/fault/redirect-loop", sim.base_url())).send().await.unwrap_err();
    assert!(err.is_redirect(), "{err:?}");

    let private = fault(&sim, "redirect-private").await;
    assert_eq!(private.status(), 302);
    assert_eq!(private.headers()["location"], "http://10.0.0.1/");
    let metadata = fault(&sim, "redirect-private?to=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F").await;
    assert_eq!(metadata.headers()["location"], "http://169.254.169.254/latest/meta-data/");
    assert_eq!(fault(&sim, "redirect-private?to=%0Aevil").await.status(), 400);
    assert_eq!(fault(&sim, "no-such-mode").await.status(), 404);
    sim.shutdown().await;
}
