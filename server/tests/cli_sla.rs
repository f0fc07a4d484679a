//! `regiekamer sla evaluate --file` as an auditor runs it: the built binary on the worked example of
//! docs/SLA.md, and on broken scenario files (exit 1, the field named on standard error, no panic).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

const OCTOBER: &str = include_str!("../../domain/tests/fixtures/sla/october-2026-office-hours.json");

fn evaluate(scenario: &str) -> (String, String, i32) {
    let dir = std::env::temp_dir().join(format!("rk-sla-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("scenario.json");
    std::fs::write(&file, scenario).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_regiekamer"))
        .args(["sla", "evaluate", "--file", file.to_str().unwrap()])
        .env_remove("REGIEKAMER_CONFIG")
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

#[test]
fn the_worked_example_prints_the_documented_figures() {
    let (stdout, stderr, code) = evaluate(OCTOBER);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["window_minutes"], 13200.0);
    assert_eq!(v["excluded_minutes"], 120.0);
    assert_eq!(v["service_minutes"], 13080.0);
    assert_eq!(v["downtime_minutes"], 100.0);
    assert_eq!(v["availability_pct"], 99.2355);
    assert_eq!(v["breach"], true);
    assert_eq!(v["credit_pct"], 5);
    assert_eq!(v["credit_cents"], 42500);
    assert_eq!(v["intervals"].as_array().unwrap().len(), 6);
}

#[test]
fn a_broken_scenario_exits_1_and_names_the_field() {
    for (text, field) in [
        (OCTOBER.replace("\"2026-10\"", "\"2026-1\""), "period"),
        (OCTOBER.replace("\"target_pct\": 99.5", "\"target_pct\": 0"), "terms.target_pct"),
        (OCTOBER.replace("\"credit_cap_pct\": 25", "\"credit_cap_pct\": 125"), "terms.credit_cap_pct"),
        (OCTOBER.replace("\"monthly_fee_cents\": 850000", "\"monthly_fee_cents\": -5"), "terms.monthly_fee_cents"),
        ("not json at all".to_string(), "(file)"),
    ] {
        let (stdout, stderr, code) = evaluate(&text);
        assert_eq!(code, 1, "{field}: {stdout}{stderr}");
        assert!(stderr.contains(field), "{field}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
    }
}
