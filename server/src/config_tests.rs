//! Tests of the configuration: layering, checks and redaction.

use super::*;

fn load_with(file_text: &str, env: &[(&str, &str)]) -> anyhow::Result<Config> {
    let mut table = file_text.parse::<toml::Table>()?;
    apply_env(&mut table, env.iter().map(|(k, v)| (k.to_string(), v.to_string())))?;
    let cfg: Config = toml::Value::Table(table).try_into()?;
    cfg.validate()?;
    Ok(cfg)
}

#[test]
fn environment_overrides_file_overrides_defaults() {
    let cfg = load_with(
        "[database]\nurl = \"sqlite://file.db\"\n[contracts]\nwarn_days = 30\n",
        &[("REGIEKAMER__CONTRACTS__WARN_DAYS", "45"), ("REGIEKAMER__SERVER__ADDR", "0.0.0.0:8080")],
    )
    .unwrap();
    assert_eq!(cfg.database.url, "sqlite://file.db");
    assert_eq!(cfg.contracts.warn_days, 45);
    assert_eq!(cfg.server.addr.port(), 8080);
    assert_eq!(cfg.security.session_hours, 12);
}

#[test]
fn unknown_keys_and_bad_urls_are_refused() {
    assert!(load_with("[server]\nadress = \"x\"\n", &[]).is_err());
    assert!(load_with("", &[("REGIEKAMER__DATABASE__URL", "mysql://x")]).is_err());
}

#[test]
fn monitoring_and_secrets_are_read_and_checked() {
    let key = service::secrets::SecretKey::generate();
    let cfg = load_with(
        &format!("[secrets]\nkey = \"{key}\"\n[monitoring]\nallow = [\"10.1.0.0/16\"]\nretention_days = 7\n"),
        &[("REGIEKAMER__MONITORING__MAX_CONCURRENCY", "4")],
    )
    .unwrap();
    assert!(cfg.secret_key().unwrap().is_some());
    assert_eq!(cfg.guard_config().unwrap().allow.len(), 1);
    assert_eq!((cfg.monitoring.retention_days, cfg.monitoring.max_concurrency), (7, 4));
    assert!(!format!("{cfg:?}").contains(&key), "the key is not printed");
    let env = load_with("", &[("REGIEKAMER__MONITORING__ALLOW", "10.0.0.0/8, 192.168.1.5")]).unwrap();
    assert_eq!(env.guard_config().unwrap().allow.len(), 2);
    assert_eq!(Config::default().monitoring.retention_days, 30);
    assert!(load_with("[secrets]\nkey = \"kort\"\n", &[]).is_err());
    assert!(load_with("[monitoring]\nallow = [\"intranet\"]\n", &[]).is_err());
    assert!(load_with("[monitoring]\nretention_days = 0\n", &[]).is_err());
}

#[test]
fn the_audit_checkpoint_key_is_read_checked_and_never_printed() {
    let key = service::secrets::SecretKey::generate();
    let cfg = load_with("", &[("REGIEKAMER__AUDIT__CHECKPOINT_KEY", &key)]).unwrap();
    assert!(cfg.checkpoint_key().unwrap().is_some());
    assert_eq!(cfg.audit.checkpoint_every_mins, 60);
    assert!(!format!("{cfg:?}").contains(&key), "the key is not printed");
    assert!(Config::default().checkpoint_key().unwrap().is_none());
    assert!(load_with("[audit]\ncheckpoint_key = \"kort\"\n", &[]).is_err());
    assert!(load_with("[audit]\ncheckpoint_every_mins = 0\n", &[]).is_err());
}

#[test]
fn trusted_proxies_idle_timeout_and_allowed_endpoints_are_read_and_checked() {
    let cfg = load_with(
        "[security]\ntrusted_proxies = [\"10.0.0.0/8\", \"192.168.1.5\"]\nsession_idle_minutes = 30\n",
        &[("REGIEKAMER__MONITORING__ALLOW", "127.0.0.1:3100, 10.1.0.0/16")],
    )
    .unwrap();
    assert_eq!(cfg.trusted_proxies().unwrap().len(), 2);
    assert_eq!(cfg.settings().session_idle_minutes, 30);
    let guard = cfg.guard_config().unwrap();
    assert_eq!(guard.allow_endpoints, vec!["127.0.0.1:3100".parse::<SocketAddr>().unwrap()]);
    assert_eq!(guard.allow.len(), 1);
    assert!(Config::default().trusted_proxies().unwrap().is_empty(), "no proxy is trusted by default");
    assert_eq!(Config::default().security.session_idle_minutes, 60);
    assert!(load_with("[security]\ntrusted_proxies = [\"proxy\"]\n", &[]).is_err());
    assert!(load_with("[security]\nsession_idle_minutes = 0\n", &[]).is_err());
}

#[test]
fn debug_output_hides_the_database_password() {
    let cfg = load_with("", &[("REGIEKAMER__DATABASE__URL", "postgres://u:geheim@db/rk")]).unwrap();
    assert!(!format!("{cfg:?}").contains("geheim"));
}
