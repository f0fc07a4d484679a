//! `regiekamer bench-pages`: the SLA pages' benchmark (issue 10, "Measure"). It seeds a fresh database
//! (SQLite, or PostgreSQL with `--postgres`) with vendors, their services and one monitoring source
//! each, 13 months of state intervals, vendor incidents and daily rollups, a contract with SLA terms per
//! vendor; starts the real server on a free port; signs in as an ICT head; and requests the start page
//! (Overzicht), the SLA overview, a vendor page, a contract's SLA report and `/healthz` N times each,
//! printing p50/p95/max per page and the ratio to `/healthz`. It also times the evaluation of one
//! contract-year in the domain functions alone.

use crate::config::Config;
use anyhow::{bail, Context};
use service::bench_seed::{seed, time_contract_year, PASSWORD};
use std::time::{Duration, Instant};

#[derive(clap::Args, Debug, Clone)]
pub struct BenchPagesArgs {
    /// Vendors (each with one contract with SLA terms).
    #[arg(long, default_value_t = 200)]
    pub vendors: usize,
    /// Sources, spread evenly over the vendors (one service per source).
    #[arg(long, default_value_t = 1000)]
    pub sources: usize,
    /// Months of history per source.
    #[arg(long, default_value_t = 13)]
    pub months: u32,
    /// Requests per page.
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
    /// Use a fresh PostgreSQL database (on `REGIEKAMER_TEST_PG`, default the local server) instead of SQLite.
    #[arg(long)]
    pub postgres: bool,
    /// The built site (wasm, JS, CSS), as `bash scripts/build.sh` leaves it.
    #[arg(long, default_value = "target/site")]
    pub site: String,
}

/// Latency figures of one page.
pub(crate) struct Figures {
    pub(crate) p50: Duration,
    pub(crate) p95: Duration,
    pub(crate) max: Duration,
}

pub(crate) fn figures(mut samples: Vec<Duration>) -> Figures {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() as f64 * q).ceil() as usize).saturating_sub(1).min(samples.len() - 1)];
    Figures { p50: at(0.50), p95: at(0.95), max: samples[samples.len() - 1] }
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// The `name=value` pairs of every `Set-Cookie` header, for the next requests' `Cookie` header.
pub(crate) fn cookies(res: &reqwest::Response) -> String {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

pub async fn run(args: BenchPagesArgs) -> anyhow::Result<()> {
    if args.vendors == 0 || args.sources < args.vendors || args.requests == 0 {
        bail!("bench-pages: need at least one vendor, one source per vendor and one request");
    }
    if !std::path::Path::new(&args.site).join("pkg").is_dir() {
        bail!("bench-pages: no built site in {} (run `bash scripts/build.sh --release` first)", args.site);
    }
    let test_db =
        if args.postgres { store::testing::TestDb::postgres().await } else { store::testing::TestDb::sqlite().await };
    let backend = test_db.db.backend();
    let result = measure(&args, test_db.db.clone()).await;
    test_db.cleanup().await;
    let report = result?;
    println!("bench-pages on {backend}: {} vendors, {} sources, {} months", args.vendors, args.sources, args.months);
    println!("{report}");
    Ok(())
}

async fn measure(args: &BenchPagesArgs, db: store::Db) -> anyhow::Result<String> {
    let mut cfg = Config::default();
    cfg.server.addr = "127.0.0.1:0".parse()?;
    cfg.server.site_root = args.site.clone();
    // The seeded sources are disabled (never polled), but saving one checks its address after DNS
    // resolution; their names answer from the guard's own table, so that the seed does not wait on DNS
    // (a lost answer costs glibc's 5 s retry).
    let loopback = std::net::IpAddr::from([127, 0, 0, 1]);
    let guard = service::outbound::GuardConfig {
        allow: vec!["127.0.0.0/8".parse()?],
        hosts: (0..args.vendors).map(|v| (format!("bench-{v}.example"), loopback)).collect(),
        ..service::outbound::GuardConfig::default()
    };
    let services = service::Services::new(db, cfg.settings()).with_monitoring(None, guard);
    let started = Instant::now();
    let seeded = seed(&services, args.vendors, args.sources, args.months).await?;
    let seed_time = started.elapsed();
    let contract_year = time_contract_year(&seeded, chrono::Utc::now(), 50);
    let (vendor, contract, rows) = (seeded.vendor, seeded.contract, seeded.rows);

    let bound = crate::run::bind(&cfg, services).await?;
    let base = format!("http://{}", bound.addr);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(bound.serve(async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;
    let login = client
        .post(format!("{base}/api/login"))
        .header("accept", "application/json")
        .form(&[("username", "bench-ict"), ("password", PASSWORD)])
        .send()
        .await
        .context("sign-in")?;
    let cookie = cookies(&login);
    if cookie.is_empty() {
        bail!("bench-pages: sign-in gave no session ({})", login.status());
    }
    let today = chrono::Utc::now().date_naive();
    let month = domain::sla::Period::month_of(today.with_day0(0).unwrap_or(today) - chrono::Days::new(1)).label();
    let pages = [
        ("/healthz".to_string(), "healthz"),
        ("/".to_string(), "Overzicht (start page)"),
        ("/sla".to_string(), "SLA overview"),
        (format!("/leveranciers/{vendor}"), "vendor page"),
        (format!("/contracten/{contract}/sla-rapport?maand={month}"), "SLA report"),
        (format!("/contracten/{contract}/sla-rapport.csv?maand={month}"), "SLA report CSV"),
    ];
    let mut lines = vec![format!(
        "seeded {} intervals, {} rollups, {} incidents in {:.1} s",
        rows.intervals,
        rows.rollups,
        rows.incidents,
        seed_time.as_secs_f64()
    )];
    lines.push(format!(
        "one contract-year in the domain functions (12 months, {} services): mean {} ms, p95 {} ms",
        contract_year.services,
        ms(contract_year.mean),
        ms(contract_year.p95)
    ));
    lines.push(format!(
        "{:<24} {:>9} {:>9} {:>9} {:>12} {:>10}  (ms, {} requests each)",
        "page", "p50", "p95", "max", "p95/healthz", "bytes", args.requests
    ));
    let mut healthz_p95 = Duration::from_micros(1);
    for (path, name) in pages {
        let mut samples = Vec::with_capacity(args.requests);
        let mut bytes = 0;
        for _ in 0..args.requests {
            let t = Instant::now();
            let res = client.get(format!("{base}{path}")).header(reqwest::header::COOKIE, &cookie).send().await?;
            let status = res.status();
            bytes = res.bytes().await?.len();
            samples.push(t.elapsed());
            if !status.is_success() {
                bail!("bench-pages: {path} answered {status}");
            }
        }
        let f = figures(samples);
        if name == "healthz" {
            healthz_p95 = f.p95.max(Duration::from_micros(1));
        }
        let ratio = f.p95.as_secs_f64() / healthz_p95.as_secs_f64();
        lines.push(format!(
            "{name:<24} {:>9} {:>9} {:>9} {:>12.1} {bytes:>10}",
            ms(f.p50),
            ms(f.p95),
            ms(f.max),
            ratio
        ));
    }
    let _ = stop.send(());
    server.await??;
    Ok(lines.join("\n"))
}

use chrono::Datelike;
