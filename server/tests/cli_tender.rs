//! `regiekamer tender evaluate --file` as a losing bidder's adviser runs it: the built binary on the
//! worked examples of docs/PROCUREMENT.md and on a broken file (exit 1, the field named, no panic).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn evaluate(tender: &str) -> (String, String, i32) {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let file = std::env::temp_dir().join(format!("rk-tender-{}-{nanos}.json", std::process::id()));
    std::fs::write(&file, tender).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_regiekamer"))
        .args(["tender", "evaluate", "--file", file.to_str().unwrap()])
        .env_remove("REGIEKAMER_CONFIG")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn the_worked_examples_print_the_documented_ranking() {
    let (out, err, code) = evaluate(include_str!("../../domain/tests/fixtures/tender/bpkv-absolute.json"));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["winner"], "B");
    assert_eq!(v["offers"][0]["total_points"], 73.33);
    assert_eq!(v["offers"][1]["total_points"], 68.67);
    assert_eq!(v["offers"][2]["price_points"], 0.0);
    let (out, err, code) = evaluate(include_str!("../../domain/tests/fixtures/tender/value.json"));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["winner"], "A");
    assert_eq!(v["offers"][0]["fictive_price_cents"], 7_800_000);
}

#[test]
fn a_broken_tender_file_exits_1_and_names_the_field() {
    let text = include_str!("../../domain/tests/fixtures/tender/bpkv-absolute.json")
        .replace("\"price_weight\": 40", "\"price_weight\": 50");
    let (out, err, code) = evaluate(&text);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("price_weight"), "{err}");
    assert!(out.is_empty() && !err.contains("panicked"), "{out}{err}");
}
