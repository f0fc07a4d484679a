//! `regiekamer secrets new-key`: prints a usable `secrets.key`, different every time, without
//! needing a configuration or database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

fn new_key() -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_regiekamer"))
        .args(["secrets", "new-key"])
        .env("REGIEKAMER_CONFIG", "/nonexistent/regiekamer.toml")
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(output.status.success(), "stderr: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_string()
}

#[test]
fn new_key_prints_a_fresh_usable_key() {
    let (a, b) = (new_key(), new_key());
    assert_ne!(a, b);
    for key in [&a, &b] {
        assert_eq!(key.len(), 44, "{key}");
        service::secrets::SecretKey::parse(key).unwrap();
    }
}
