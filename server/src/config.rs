//! Configuration: built-in defaults, then an optional TOML file, then `REGIEKAMER__SECTION__KEY`
//! environment variables (e.g. `REGIEKAMER__DATABASE__URL`). See the README for every key.

use anyhow::{bail, Context};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub security: SecurityConfig,
    pub contracts: ContractsConfig,
    pub log: LogConfig,
    pub secrets: SecretsConfig,
    pub monitoring: MonitoringConfig,
    pub audit: AuditConfig,
    pub self_service: SelfServiceConfig,
}

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuditConfig {
    /// 32 bytes as base64 or hex; signs the audit checkpoints. Kept out of the database, so that
    /// whoever can change the database cannot sign a shortened or rewritten chain.
    pub checkpoint_key: Option<String>,
    /// Minutes between the checkpoints `serve` writes (the first at start-up). Entries appended after
    /// the newest checkpoint are not covered by it, so this bounds what a cut-off tail can hide.
    pub checkpoint_every_mins: u64,
}

impl std::fmt::Debug for AuditConfig {
    /// Never print the key: only whether one is set.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditConfig")
            .field("checkpoint_key", &self.checkpoint_key.as_ref().map(|_| "<configured>"))
            .field("checkpoint_every_mins", &self.checkpoint_every_mins)
            .finish()
    }
}

#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecretsConfig {
    /// 32 bytes as base64 or hex (`regiekamer secrets new-key`); seals source secrets at rest.
    pub key: Option<String>,
}

impl std::fmt::Debug for SecretsConfig {
    /// Never print the key: only whether one is set.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsConfig").field("key", &self.key.as_ref().map(|_| "<configured>")).finish()
    }
}

/// `[self_service]`: how long closed requests keep their personal data.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SelfServiceConfig {
    /// Days after closing that a request's personal data is anonymised by the daily job.
    pub retention_days: u32,
}

impl Default for SelfServiceConfig {
    fn default() -> Self {
        SelfServiceConfig { retention_days: domain::requests::anonymise::DEFAULT_RETENTION_DAYS }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MonitoringConfig {
    /// Whether `serve` polls the sources.
    pub enabled: bool,
    /// Days raw checks are kept; older ones are pruned daily.
    pub retention_days: u32,
    /// Address ranges (CIDR) that may be polled despite the address policy (on-premise endpoints),
    /// or single endpoints `address:port` (only that port). A TOML list, or one comma-separated
    /// string (as in `REGIEKAMER__MONITORING__ALLOW`).
    pub allow: AllowList,
    /// Polls in flight at once, over all hosts.
    pub max_concurrency: usize,
    /// Polls in flight at once against one host.
    pub per_host_concurrency: usize,
}

/// CIDR ranges, from a TOML list or a comma-separated string.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
pub enum AllowList {
    #[default]
    None,
    List(Vec<String>),
    Text(String),
}

impl AllowList {
    pub fn entries(&self) -> Vec<String> {
        let raw: Vec<String> = match self {
            AllowList::None => Vec::new(),
            AllowList::List(l) => l.clone(),
            AllowList::Text(t) => t.split(',').map(str::to_string).collect(),
        };
        raw.into_iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServerConfig {
    /// Address to listen on.
    pub addr: SocketAddr,
    /// Public base URL; when it starts with https the session cookie gets `Secure` and `__Host-`.
    pub public_url: String,
    /// Directory with the built site (`pkg/`, favicon).
    pub site_root: String,
}

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DatabaseConfig {
    /// `sqlite://path` (default) or `postgres://…`.
    pub url: String,
}

impl std::fmt::Debug for DatabaseConfig {
    /// The URL may hold a password: show only the scheme.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scheme = self.url.split("://").next().unwrap_or("");
        f.debug_struct("DatabaseConfig").field("url", &format!("{scheme}://…")).finish()
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SecurityConfig {
    pub session_hours: i64,
    /// Minutes without a request after which a session ends.
    pub session_idle_minutes: i64,
    pub login_max_failures: u32,
    pub login_window_secs: u64,
    /// Reverse proxies (CIDR) whose `X-Forwarded-For` / `Forwarded` header names the client; from any
    /// other peer those headers are ignored. Default: none.
    pub trusted_proxies: AllowList,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ContractsConfig {
    /// Days before a decision date that a contract shows "actie nodig".
    pub warn_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LogConfig {
    /// `pretty` or `json`.
    pub format: String,
    /// A tracing filter, e.g. `info` or `regiekamer=debug,info`.
    pub level: String,
}

impl Default for Config {
    fn default() -> Self {
        let s = service::Settings::default();
        Config {
            server: ServerConfig {
                addr: SocketAddr::from(([127, 0, 0, 1], 3000)),
                public_url: "http://127.0.0.1:3000".into(),
                site_root: "target/site".into(),
            },
            database: DatabaseConfig { url: "sqlite://data/regiekamer.db".into() },
            security: SecurityConfig {
                session_hours: s.session_hours,
                session_idle_minutes: s.session_idle_minutes,
                login_max_failures: s.login_max_failures,
                login_window_secs: s.login_window_secs,
                trusted_proxies: AllowList::None,
            },
            contracts: ContractsConfig { warn_days: s.warn_days },
            log: LogConfig { format: "pretty".into(), level: "info".into() },
            secrets: SecretsConfig::default(),
            monitoring: MonitoringConfig {
                enabled: true,
                retention_days: 30,
                allow: AllowList::None,
                max_concurrency: 32,
                per_host_concurrency: 2,
            },
            audit: AuditConfig { checkpoint_key: None, checkpoint_every_mins: 60 },
            self_service: SelfServiceConfig::default(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        Config::default().server
    }
}
impl Default for DatabaseConfig {
    fn default() -> Self {
        Config::default().database
    }
}
impl Default for SecurityConfig {
    fn default() -> Self {
        Config::default().security
    }
}
impl Default for ContractsConfig {
    fn default() -> Self {
        Config::default().contracts
    }
}
impl Default for MonitoringConfig {
    fn default() -> Self {
        Config::default().monitoring
    }
}
impl Default for AuditConfig {
    fn default() -> Self {
        Config::default().audit
    }
}
impl Default for LogConfig {
    fn default() -> Self {
        Config::default().log
    }
}

impl Config {
    /// Loads defaults, then `file` (if given), then the environment.
    pub fn load(file: Option<&str>) -> anyhow::Result<Config> {
        let mut table = toml::Table::new();
        if let Some(path) = file {
            let text =
                std::fs::read_to_string(path).with_context(|| format!("cannot read configuration file {path}"))?;
            table = text.parse::<toml::Table>().with_context(|| format!("{path} is not valid TOML"))?;
        }
        apply_env(&mut table, std::env::vars())?;
        let cfg: Config = toml::Value::Table(table).try_into().context("invalid configuration")?;
        cfg.validate()?;
        Ok(cfg)
    }

    fn validate(&self) -> anyhow::Result<()> {
        let url = &self.database.url;
        if !(url.starts_with("sqlite:") || url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            bail!("database.url must start with sqlite:, postgres:// or postgresql://");
        }
        if self.security.session_hours < 1 {
            bail!("security.session_hours must be at least 1");
        }
        if self.security.session_idle_minutes < 1 {
            bail!("security.session_idle_minutes must be at least 1");
        }
        self.trusted_proxies()?;
        self.secret_key()?;
        self.checkpoint_key()?;
        if self.audit.checkpoint_every_mins < 1 {
            bail!("audit.checkpoint_every_mins must be at least 1");
        }
        self.guard_config()?;
        if self.self_service.retention_days < 1 {
            bail!("self_service.retention_days must be at least 1");
        }
        if self.monitoring.retention_days < 1 {
            bail!("monitoring.retention_days must be at least 1");
        }
        if self.monitoring.max_concurrency < 1 || self.monitoring.per_host_concurrency < 1 {
            bail!("monitoring.max_concurrency and monitoring.per_host_concurrency must be at least 1");
        }
        Ok(())
    }

    /// The configured `secrets.key`, if any.
    pub fn secret_key(&self) -> anyhow::Result<Option<service::secrets::SecretKey>> {
        match self.secrets.key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            None => Ok(None),
            Some(k) => Ok(Some(service::secrets::SecretKey::parse(k)?)),
        }
    }

    /// The configured `audit.checkpoint_key`, if any.
    pub fn checkpoint_key(&self) -> anyhow::Result<Option<service::audit_checkpoint::CheckpointKey>> {
        match self.audit.checkpoint_key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            None => Ok(None),
            Some(k) => Ok(Some(service::audit_checkpoint::CheckpointKey::parse(k)?)),
        }
    }

    /// The outbound guard with `monitoring.allow`: ranges, and `address:port` endpoints.
    pub fn guard_config(&self) -> anyhow::Result<service::outbound::GuardConfig> {
        let mut allow = Vec::new();
        let mut allow_endpoints = Vec::new();
        for entry in self.monitoring.allow.entries() {
            if let Ok(endpoint) = entry.parse::<SocketAddr>() {
                allow_endpoints.push(endpoint);
                continue;
            }
            let net = parse_net(&entry).ok_or_else(|| {
                anyhow::anyhow!("monitoring.allow: {entry:?} is not a CIDR range like 10.1.0.0/16 or an address:port")
            })?;
            allow.push(net);
        }
        Ok(service::outbound::GuardConfig { allow, allow_endpoints, ..Default::default() })
    }

    /// `security.trusted_proxies` as ranges.
    pub fn trusted_proxies(&self) -> anyhow::Result<Vec<service::outbound::IpNet>> {
        self.security
            .trusted_proxies
            .entries()
            .iter()
            .map(|entry| {
                parse_net(entry).ok_or_else(|| {
                    anyhow::anyhow!("security.trusted_proxies: {entry:?} is not a CIDR range like 10.0.0.0/8")
                })
            })
            .collect()
    }

    pub fn scheduler_config(&self) -> service::monitoring::SchedulerConfig {
        service::monitoring::SchedulerConfig {
            max_concurrent: self.monitoring.max_concurrency,
            max_per_host: self.monitoring.per_host_concurrency,
            ..Default::default()
        }
    }

    pub fn secure_cookies(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }

    pub fn settings(&self) -> service::Settings {
        service::Settings {
            session_hours: self.security.session_hours,
            session_idle_minutes: self.security.session_idle_minutes,
            login_max_failures: self.security.login_max_failures,
            login_window_secs: self.security.login_window_secs,
            warn_days: self.contracts.warn_days,
        }
    }
}

/// A CIDR range, or a single address taken as /32 or /128.
fn parse_net(entry: &str) -> Option<service::outbound::IpNet> {
    entry
        .parse::<service::outbound::IpNet>()
        .ok()
        .or_else(|| entry.parse::<std::net::IpAddr>().ok().map(service::outbound::IpNet::from))
}

/// Puts `REGIEKAMER__SECTION__KEY=value` into the table. Values are parsed as TOML scalars where
/// they look like one (numbers, booleans), otherwise taken as strings.
fn apply_env(table: &mut toml::Table, vars: impl Iterator<Item = (String, String)>) -> anyhow::Result<()> {
    for (k, v) in vars {
        let Some(rest) = k.strip_prefix("REGIEKAMER__") else { continue };
        let parts: Vec<String> = rest.split("__").map(|p| p.to_lowercase()).collect();
        let [section, key] = parts.as_slice() else {
            bail!("{k}: use REGIEKAMER__SECTION__KEY");
        };
        let value = match v.parse::<i64>() {
            Ok(n) => toml::Value::Integer(n),
            Err(_) => match v.as_str() {
                "true" => toml::Value::Boolean(true),
                "false" => toml::Value::Boolean(false),
                _ => toml::Value::String(v.clone()),
            },
        };
        let entry = table.entry(section.clone()).or_insert_with(|| toml::Value::Table(toml::Table::new()));
        match entry {
            toml::Value::Table(t) => {
                t.insert(key.clone(), value);
            }
            _ => bail!("{k}: [{section}] is not a section"),
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
