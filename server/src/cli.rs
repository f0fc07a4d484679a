//! The command line: `serve`, `demo`, `migrate`, `user add`, `audit verify|checkpoints`, `source test`,
//! `secrets new-key`, `sla evaluate`, `tender evaluate`, `bench-poll`.

use crate::cli_audit::AuditCommand;
use crate::cli_source::SourceCommand;
use crate::config::Config;
use crate::run::{bind, open_services, shutdown_signal};
use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use domain::Role;
use service::auth::system_actor;
use std::io::Read;

#[derive(Parser)]
#[command(
    name = "regiekamer",
    version,
    about = "Vendor governance and contract monitoring for Dutch government organisations"
)]
pub struct Cli {
    /// Optional TOML configuration file (also REGIEKAMER_CONFIG).
    #[arg(long, global = true, env = "REGIEKAMER_CONFIG")]
    pub config: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the application (production).
    Serve,
    /// Seed a demo organisation into ./data/demo.db (once) and serve it on 127.0.0.1:3000.
    Demo {
        #[arg(long, default_value = "data")]
        data_dir: String,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Manage user accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Audit log tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Monitoring source tools (no database or configuration needed).
    Source {
        #[command(subcommand)]
        command: SourceCommand,
    },
    /// SLA tools (no database or configuration needed).
    Sla {
        #[command(subcommand)]
        command: crate::cli_sla::SlaCommand,
    },
    /// Tender tools (no database or configuration needed).
    Tender {
        #[command(subcommand)]
        command: crate::cli_tender::TenderCommand,
    },
    /// Import files into the register (`--check` needs no database).
    Import {
        #[command(subcommand)]
        command: crate::cli_import::ImportCommand,
    },
    /// Benchmark the polling engine against simulated vendors and print the figures.
    BenchPoll(crate::bench_poll::BenchPollArgs),
    /// Benchmark the SLA pages on seeded months of measurements and print the figures.
    BenchPages(crate::bench_pages::BenchPagesArgs),
    /// Benchmark the cost import, the usage report and the cost overview, and print the figures.
    BenchCosts(crate::bench_costs::BenchCostsArgs),
    /// The simulated vendors as a child process of `bench-poll` (internal).
    #[command(hide = true)]
    BenchSim {
        #[arg(long)]
        vendors: usize,
        #[arg(long, default_value_t = 1)]
        hosts: u8,
    },
    /// Secret-key tools (no database or configuration needed).
    Secrets {
        #[command(subcommand)]
        command: SecretsCommand,
    },
}

#[derive(Subcommand)]
pub enum SecretsCommand {
    /// Print a fresh random key for `secrets.key` (base64, 32 bytes).
    NewKey,
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a local account.
    Add {
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
        /// beheerder, regisseur, ict-manager, inkoper, medewerker or auditor.
        #[arg(long)]
        role: String,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    // Source tests print JSON on stdout and need no configuration: dispatch before loading it.
    let command = match cli.command {
        Command::Source { command } => return crate::cli_source::run(command).await,
        Command::Sla { command } => return crate::cli_sla::run(command),
        Command::Tender { command } => return crate::cli_tender::run(command),
        Command::Import { command: crate::cli_import::ImportCommand::Costs { file, check: true } } => {
            return crate::cli_import::check(&file);
        }
        Command::BenchPoll(args) => {
            crate::telemetry::init("pretty", "warn");
            return crate::bench_poll::run(args).await;
        }
        Command::BenchSim { vendors, hosts } => return crate::bench_poll::run_sim(vendors, hosts).await,
        Command::BenchPages(args) => {
            crate::telemetry::init("pretty", "warn");
            return crate::bench_pages::run(args).await;
        }
        Command::BenchCosts(args) => {
            crate::telemetry::init("pretty", "warn");
            return crate::bench_costs::run(args).await;
        }
        Command::Secrets { command: SecretsCommand::NewKey } => {
            println!("{}", service::secrets::SecretKey::generate());
            return Ok(());
        }
        command => command,
    };
    let mut cfg = Config::load(cli.config.as_deref())?;
    crate::telemetry::init(&cfg.log.format, &cfg.log.level);
    match command {
        Command::Serve => {
            let services = open_services(&cfg).await?;
            bind(&cfg, services).await?.serve(shutdown_signal()).await
        }
        Command::Demo { data_dir } => {
            std::fs::create_dir_all(&data_dir).with_context(|| format!("cannot create {data_dir}"))?;
            if std::env::var("REGIEKAMER__DATABASE__URL").is_err() {
                cfg.database.url = format!("sqlite://{data_dir}/demo.db");
            }
            // The simulated vendors the demo monitors; sources store their URLs, so the address is fixed.
            let sim = vendor_sim::start(
                vendor_sim::SimConfig::demo(DEMO_SIM_SEED, DEMO_SIM_VENDORS),
                vendor_sim::SimClock::real(),
                DEMO_SIM_ADDR.parse()?,
            )
            .await
            .with_context(|| {
                format!("cannot start the simulated vendors on {DEMO_SIM_ADDR}; is another demo running on that port?")
            })?;
            cfg.monitoring.allow = demo_allow(&cfg.monitoring.allow);
            if cfg.audit.checkpoint_key.is_none() {
                cfg.audit.checkpoint_key = Some(demo_checkpoint_key(std::path::Path::new(&data_dir))?);
            }
            let services = open_services(&cfg).await?;
            let demo_sim = service::demo::DemoSim {
                base_url: sim.base_url(),
                vendor_components: sim
                    .vendors()
                    .iter()
                    .map(|v| v.components.iter().map(|c| c.id.clone()).collect())
                    .collect(),
                purchased_seats: (0..sim.vendors().len())
                    .map(|i| vendor_sim::purchased_seats(DEMO_SIM_SEED, i))
                    .collect(),
                daily_active_seats: demo_seat_history(&sim, chrono::Utc::now()),
            };
            let seeded = service::demo::seed_with_monitoring(&services, Some(&demo_sim)).await?;
            let bound = bind(&cfg, services).await?;
            println!(
                "Regiekamer demo {} op http://{}",
                if seeded { "aangemaakt en gestart" } else { "gestart" },
                bound.addr
            );
            println!("Demo-accounts (gebruikersnaam / wachtwoord):");
            for (role, user, password) in service::demo::demo_credentials() {
                println!("  {:<12} {user:<12} {password}", role.as_str());
            }
            println!("Gesimuleerde leveranciers op {}", sim.base_url());
            let served = bound.serve(shutdown_signal()).await;
            sim.shutdown().await;
            served
        }
        Command::Migrate => {
            open_services(&cfg).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::User { command: UserCommand::Add { username, name, role, password_stdin } } => {
            let Some(role) = Role::parse(&role) else {
                bail!("unknown role {role}: use beheerder, regisseur, ict-manager, inkoper, medewerker or auditor");
            };
            let password = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                s.trim_end_matches(['\n', '\r']).to_string()
            } else {
                rpassword::prompt_password("Wachtwoord: ")?
            };
            let services = open_services(&cfg).await?;
            match services.add_user(&system_actor(), &username, &name, role, &password).await {
                Ok(id) => {
                    println!("user {username} created (id {id}, role {role})");
                    Ok(())
                }
                Err(service::ServiceError::Invalid(inv)) => {
                    let msgs: Vec<String> = inv.0.iter().map(|e| format!("{}: {:?}", e.field, e.problem)).collect();
                    bail!("refused: {}", msgs.join("; "))
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Audit { command } => crate::cli_audit::run(&cfg, command).await,
        Command::Import { command: crate::cli_import::ImportCommand::Costs { file, .. } } => {
            crate::cli_import::import(&cfg, &file).await
        }
        Command::Source { .. }
        | Command::Sla { .. }
        | Command::Tender { .. }
        | Command::Secrets { .. }
        | Command::BenchPoll(_)
        | Command::BenchPages(_)
        | Command::BenchCosts(_)
        | Command::BenchSim { .. } => {
            unreachable!("source, secrets and bench commands are dispatched before the configuration is loaded")
        }
    }
}

/// Where `regiekamer demo` runs its simulated vendors; the seeded sources point here.
const DEMO_SIM_ADDR: &str = "127.0.0.1:3100";
const DEMO_SIM_SEED: u64 = 2026;

/// Days of licence figures the demo starts with.
const DEMO_FIGURE_DAYS: i64 = 30;

/// Per simulated vendor, the active seats its `usage.json` reported at this time of day on each of
/// the last [`DEMO_FIGURE_DAYS`] days, oldest first.
fn demo_seat_history(
    sim: &vendor_sim::SimHandle,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<Vec<(chrono::DateTime<chrono::Utc>, u32)>> {
    let origin = sim.clock().origin();
    (0..sim.vendors().len())
        .map(|i| {
            (1..=DEMO_FIGURE_DAYS)
                .rev()
                .map(|d| {
                    let at = now - chrono::TimeDelta::days(d);
                    (at, vendor_sim::active_seats(DEMO_SIM_SEED, i, origin, at))
                })
                .collect()
        })
        .collect()
}
const DEMO_SIM_VENDORS: usize = 12;

/// The demo's `monitoring.allow`: the configured entries plus the simulator's endpoint, only its
/// port, so that source tests cannot reach other services on this machine (a database, the app).
fn demo_allow(configured: &crate::config::AllowList) -> crate::config::AllowList {
    let mut entries = configured.entries();
    entries.push(DEMO_SIM_ADDR.into());
    crate::config::AllowList::List(entries)
}

/// The demo's audit checkpoint key: made once and kept beside the demo database (`checkpoint.key`,
/// readable by the owner only), so that the demo signs checkpoints like a configured installation.
fn demo_checkpoint_key(data_dir: &std::path::Path) -> anyhow::Result<String> {
    let path = data_dir.join("checkpoint.key");
    if let Ok(key) = std::fs::read_to_string(&path) {
        return Ok(key.trim().to_string());
    }
    let key = service::secrets::SecretKey::generate();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).with_context(|| format!("cannot create {}", path.display()))?;
    std::io::Write::write_all(&mut file, key.as_bytes())?;
    Ok(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_makes_its_checkpoint_key_once_and_keeps_it() {
        let dir = std::env::temp_dir().join(format!("rk-demo-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = demo_checkpoint_key(&dir).unwrap();
        assert_eq!(demo_checkpoint_key(&dir).unwrap(), first);
        assert!(service::audit_checkpoint::CheckpointKey::parse(&first).is_ok());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_demo_allows_only_the_simulators_port_on_loopback() {
        let mut cfg = crate::config::Config::default();
        cfg.monitoring.allow = demo_allow(&crate::config::AllowList::None);
        let guard = cfg.guard_config().unwrap();
        let policy = service::outbound::AddressPolicy::new(guard.allow).with_endpoints(guard.allow_endpoints);
        let loopback = std::net::IpAddr::from([127, 0, 0, 1]);
        assert!(policy.check_endpoint(loopback, 3100).is_ok());
        for port in [3000, 5432, 80] {
            assert!(policy.check_endpoint(loopback, port).is_err(), "{port}");
        }
    }
}
