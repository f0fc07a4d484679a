//! `regiekamer source test`: try a monitoring source once and print what was understood as JSON.
//! Needs no database and no configuration file; the logic is in [`service::source_test`].

use clap::{Args, Subcommand, ValueEnum};
use service::outbound::{GuardConfig, GuardedClient, IpNet};
use service::source_test::{self, HttpExpectation, SourceKind, SourceTest, SourceTestError, Target};
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Subcommand)]
pub enum SourceCommand {
    /// Fetch a source once (or read a saved copy) and print what the poller would understand, as JSON.
    /// Exits 1, with {"ok": false, "error", "error_nl"}, when nothing could be read.
    Test(TestArgs),
}

#[derive(Args)]
pub struct TestArgs {
    /// How to read the source.
    #[arg(long, value_enum)]
    kind: KindArg,
    /// The URL to fetch (through the guarded client).
    #[arg(required_unless_present = "file", conflicts_with = "file")]
    url: Option<String>,
    /// Read the document from this file instead of fetching it.
    #[arg(long)]
    file: Option<PathBuf>,
    /// The HTTP status expected (default: any 2xx).
    #[arg(long, value_parser = clap::value_parser!(u16).range(100..=599))]
    expect_status: Option<u16>,
    /// Text the body must contain (http).
    #[arg(long)]
    keyword: Option<String>,
    /// JSON pointer to check (http) or read (json), e.g. /data/0/value; repeatable.
    #[arg(long = "pointer")]
    pointers: Vec<String>,
    /// Address range to allow despite the address policy, e.g. 127.0.0.1/32; repeatable.
    #[arg(long = "allow", value_parser = parse_range)]
    allow: Vec<IpNet>,
    /// Seconds to wait for the whole answer.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=300))]
    timeout_secs: u64,
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Http,
    Statuspage,
    Json,
}

/// Runs the command; prints the report, or the error report and exits 1.
pub async fn run(command: SourceCommand) -> anyhow::Result<()> {
    let SourceCommand::Test(args) = command;
    init_logging();
    let result = test(args).await;
    let (report, failed) = match result {
        Ok(report) => (report, false),
        Err(e) => (source_test::error_report(&e), true),
    };
    println!("{}", serde_json::to_string_pretty(&report)?);
    if failed {
        std::process::exit(1);
    }
    Ok(())
}

async fn test(args: TestArgs) -> Result<serde_json::Value, SourceTestError> {
    let kind = match args.kind {
        KindArg::Http => SourceKind::Http,
        KindArg::Statuspage => SourceKind::Statuspage,
        KindArg::Json => SourceKind::Json,
    };
    let target = match (args.url, args.file) {
        (_, Some(path)) => Target::File(path),
        (Some(url), None) => Target::Url(url),
        (None, None) => {
            return Err(SourceTestError::Usage {
                en: "give a URL or --file".into(),
                nl: "Geef een URL of --file op.".into(),
            })
        }
    };
    let expect = HttpExpectation { expect_status: args.expect_status, keyword: args.keyword, pointers: args.pointers };
    let timeout = Duration::from_secs(args.timeout_secs);
    let config = GuardConfig {
        allow: args.allow,
        total_timeout: timeout,
        connect_timeout: timeout.min(GuardConfig::default().connect_timeout),
        ..GuardConfig::default()
    };
    let client = GuardedClient::new(config).map_err(SourceTestError::Client)?;
    source_test::run(&client, &SourceTest { kind, target, expect }).await
}

/// A range (`10.1.0.0/16`) or a single address (`127.0.0.1`, taken as /32 or /128).
fn parse_range(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("{text:?} is not an address range like 127.0.0.1/32"))
}

/// Stdout carries the JSON report, so log lines (only with `RUST_LOG`) go to stderr.
fn init_logging() {
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .try_init();
    }
}
