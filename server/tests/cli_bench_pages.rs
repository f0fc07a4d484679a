//! `regiekamer bench-pages` on a tiny data set: the built binary seeds, serves, requests every page
//! and prints the table (figures are not checked here: speed is measured by running the benchmark,
//! not asserted in tests). Needs the built site (`bash scripts/build.sh`), as the HTTP tests do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn the_benchmark_runs_on_a_tiny_data_set_and_prints_every_page() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/site");
    let out = Command::new(env!("CARGO_BIN_EXE_regiekamer"))
        .args(["bench-pages", "--vendors", "2", "--sources", "4", "--months", "2", "--requests", "3", "--site", site])
        .env_remove("REGIEKAMER_CONFIG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    for line in [
        "bench-pages on sqlite: 2 vendors, 4 sources, 2 months",
        "one contract-year",
        "healthz",
        "Overzicht (start page)",
        "SLA overview",
        "vendor page",
        "SLA report",
    ] {
        assert!(stdout.contains(line), "{line:?} missing:\n{stdout}");
    }
}

#[test]
fn nonsense_sizes_are_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_regiekamer"))
        .args(["bench-pages", "--vendors", "5", "--sources", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one source per vendor"));
}
