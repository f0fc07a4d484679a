//! `regiekamer source test` as a user runs it: the built binary, on a fixture file and on a small
//! local server that only the `--allow`ed loopback range reaches. Checks the JSON on stdout and the
//! exit code. Nothing is sent anywhere but 127.0.0.1: refused addresses are refused before connecting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

const SUMMARY: &str = include_str!("fixtures/statuspage-summary.json");

/// Runs the binary with `args`; returns the parsed stdout and the exit code.
async fn regiekamer(args: &[&str]) -> (Value, i32) {
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_regiekamer"))
            .args(&args)
            .env_remove("REGIEKAMER_CONFIG")
            .env_remove("RUST_LOG")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}): {stdout}\nstderr: {}", String::from_utf8_lossy(&output.stderr))
    });
    (json, output.status.code().unwrap_or(-1))
}

/// A vendor on 127.0.0.1 with a status page, a health endpoint, a JSON report and a slow endpoint.
async fn vendor() -> String {
    let app = Router::new()
        .route("/api/v2/summary.json", get(|| async { ([("content-type", "application/json")], SUMMARY) }))
        .route("/health", get(|| async { "status: all systems operational" }))
        .route("/broken", get(|| async { (StatusCode::SERVICE_UNAVAILABLE, "down for now") }))
        .route("/report.json", get(|| async { r#"{"seats": {"purchased": 250, "active": "187"}, "ok": true}"# }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(10)).await;
                "late"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

fn fixture() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/statuspage-summary.json").display().to_string()
}

fn ids(list: &Value, key: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|v| v[key].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_statuspage_file_is_summarised() {
    let (out, code) = regiekamer(&["source", "test", "--kind", "statuspage", "--file", &fixture()]).await;
    assert_eq!(code, 0, "{out:#}");
    assert_eq!(out["ok"], true);
    assert_eq!(out["kind"], "statuspage");
    assert_eq!(out["document"], "summary");
    assert_eq!(out["page"]["name"], "Zaakwijs");
    assert_eq!(out["page"]["updated_at"], "2026-03-02T09:05:00Z", "converted to UTC");
    assert_eq!(out["indicator"], "major");
    assert_eq!(out["fetched"], Value::Null);
    let states: Vec<(String, String)> = out["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["status"].as_str().unwrap().to_string(), c["state"].as_str().unwrap().to_string()))
        .collect();
    let want =
        [("operational", "up"), ("major_outage", "down"), ("under_maintenance", "maintenance"), ("unknown", "unknown")];
    assert_eq!(states, want.map(|(s, v)| (s.to_string(), v.to_string())));
    assert_eq!(out["counts"]["incidents"], 1);
    assert_eq!(out["counts"]["incident_updates"], 2);
    assert_eq!(out["counts"]["maintenances"], 1);
    assert_eq!(ids(&out["open_incidents"], "id"), ["inc-1"]);
    assert_eq!(out["open_incidents"][0]["latest_update"]["body"], "Herstel loopt, we houden het in de gaten.");
    assert_eq!(ids(&out["upcoming_maintenances"], "id"), ["mnt-1"]);
    assert_eq!(out["warnings"].as_array().unwrap().len(), 1);
    assert!(out["warnings"][0].as_str().unwrap().contains("on_fire"));
}

/// incident.io serves a Statuspage-compatible `components.json` without a `page` object.
#[tokio::test]
async fn a_components_list_without_page_is_summarised() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../domain/tests/fixtures/statuspage/incidentio-components.json")
        .display()
        .to_string();
    let (out, code) = regiekamer(&["source", "test", "--kind", "statuspage", "--file", &file]).await;
    assert_eq!(code, 0, "{out:#}");
    assert_eq!(out["document"], "components");
    assert_eq!(out["page"], Value::Null);
    assert_eq!(out["counts"]["components"], 3);
    let states: Vec<String> =
        out["components"].as_array().unwrap().iter().map(|c| c["state"].as_str().unwrap().to_string()).collect();
    assert_eq!(states, ["up", "degraded", "maintenance"]);
}

#[tokio::test]
async fn an_allowed_local_status_page_is_fetched_and_summarised() {
    let base = vendor().await;
    let url = format!("{base}/api/v2/summary.json?token=geheim");
    let (out, code) = regiekamer(&["source", "test", "--kind", "statuspage", &url, "--allow", "127.0.0.1/32"]).await;
    assert_eq!(code, 0, "{out:#}");
    assert_eq!(out["indicator"], "major");
    assert_eq!(out["source"]["url"], format!("{base}/api/v2/summary.json"), "no query string shown");
    assert_eq!(out["fetched"]["status_code"], 200);
    assert!(out["fetched"]["latency_ms"].is_u64());
    assert_eq!(out["counts"]["components"], 4);
}

#[tokio::test]
async fn http_checks_judge_status_and_keyword() {
    let base = vendor().await;
    let allow = ["--allow", "127.0.0.1"];
    let health = format!("{base}/health");
    let (up, code) =
        regiekamer(&[&["source", "test", "--kind", "http", &health, "--keyword", "operational"][..], &allow].concat())
            .await;
    assert_eq!(code, 0, "{up:#}");
    assert_eq!((up["state"].as_str(), up["status_code"].as_u64()), (Some("up"), Some(200)));
    assert_eq!(up["final_url"], health);
    assert_eq!(up["tls_expiry"], Value::Null);
    assert_eq!(up["error"], Value::Null);
    assert_eq!(up["keyword"]["found"], true);

    let (degraded, _) =
        regiekamer(&[&["source", "test", "--kind", "http", &health, "--keyword", "Alles goed"][..], &allow].concat())
            .await;
    assert_eq!(degraded["state"], "degraded");
    assert_eq!(degraded["error_nl"], "Het antwoord bevat de tekst 'Alles goed' niet.");

    let broken = format!("{base}/broken");
    let (down, code) = regiekamer(&[&["source", "test", "--kind", "http", &broken][..], &allow].concat()).await;
    assert_eq!(code, 0, "a down service is a result, not an error");
    assert_eq!((down["state"].as_str(), down["status_code"].as_u64()), (Some("down"), Some(503)));
    assert_eq!(down["error"], "expected a 2xx HTTP status, got 503");

    let (expected, _) =
        regiekamer(&[&["source", "test", "--kind", "http", &broken, "--expect-status", "503"][..], &allow].concat())
            .await;
    assert_eq!(expected["state"], "up");
}

#[tokio::test]
async fn json_sources_read_each_pointer() {
    let base = vendor().await;
    let url = format!("{base}/report.json");
    let args = ["source", "test", "--kind", "json", &url, "--allow", "127.0.0.1/32"];
    let pointers = ["--pointer", "/seats/purchased", "--pointer", "/seats/active", "--pointer", "/seats/free"];
    let (out, code) = regiekamer(&[&args[..], &pointers].concat()).await;
    assert_eq!(code, 0, "{out:#}");
    let values: Vec<Value> = out["values"].as_array().unwrap().iter().map(|v| v["value"].clone()).collect();
    assert_eq!(values, [Value::from(250), Value::from("187"), Value::Null]);
    assert_eq!(out["warnings"], serde_json::json!(["/seats/free: not found"]));
}

#[tokio::test]
async fn a_private_address_is_refused_with_a_dutch_message() {
    let (out, code) = regiekamer(&["source", "test", "--kind", "http", "http://10.0.0.1/"]).await;
    assert_eq!(code, 1);
    assert_eq!(out["ok"], false);
    assert_eq!(out["error_nl"], "Het adres 10.0.0.1 is een intern netwerkadres en mag niet worden benaderd.");
    assert!(out["error"].as_str().unwrap().contains("private network address"), "{out:#}");
}

#[tokio::test]
async fn loopback_is_refused_without_an_allow_range() {
    let base = vendor().await;
    let (out, code) =
        regiekamer(&["source", "test", "--kind", "statuspage", &format!("{base}/api/v2/summary.json")]).await;
    assert_eq!(code, 1);
    assert!(out["error_nl"].as_str().unwrap().contains("loopback"), "{out:#}");
}

#[tokio::test]
async fn a_slow_server_times_out() {
    let base = vendor().await;
    let url = format!("{base}/slow");
    let (out, code) =
        regiekamer(&["source", "test", "--kind", "http", &url, "--allow", "127.0.0.1/32", "--timeout-secs", "1"]).await;
    assert_eq!(code, 1);
    assert_eq!(out["error_nl"], "De server antwoordde niet binnen 1 seconden.");
}

#[tokio::test]
async fn a_document_that_is_not_json_is_a_parse_error() {
    let dir = std::env::temp_dir().join(format!("regiekamer-cli-source-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("not-json.html");
    std::fs::write(&path, "<html>status</html>").unwrap();
    let (out, code) = regiekamer(&["source", "test", "--kind", "statuspage", "--file", path.to_str().unwrap()]).await;
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 1);
    assert_eq!(out["error_nl"], "Het document is geen leesbaar Statuspage-document.");
    assert!(out["error"].as_str().unwrap().starts_with("not JSON"), "{out:#}");
}
