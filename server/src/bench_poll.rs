//! `regiekamer bench-poll`: the polling engine's benchmark (issue 3, "Measure"). It starts the vendor
//! simulator as a child process (so that its CPU is not counted as ours) listening on several loopback
//! hosts, stores N sources in a fresh database, and runs the real scheduler and writer against them
//! through the guarded client for a few minutes. It prints checks/s, average CPU, peak RSS, p50/p99
//! schedule lag, storage bytes per endpoint-day, and the bare HTTP rate of the same endpoints from a
//! plain request loop.

use crate::bench_storage::{print_storage, storage_report};
use anyhow::{bail, Context};
use domain::vendor::{Criticality, KvkNumber, NewVendor, NewVendorService, SourcingModel, VendorCategory};
use service::monitoring::{load_sources, Scheduler, SchedulerConfig, Writer, WriterConfig};
use service::outbound::{GuardConfig, GuardedClient, IpNet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::Db;
use tokio::io::{AsyncBufReadExt, BufReader};

/// The seed the benchmark's simulated vendors derive from.
pub const SEED: u64 = 4242;

#[derive(clap::Args, Debug, Clone)]
pub struct BenchPollArgs {
    /// Endpoints to poll: alternately a health probe and a status page (summary.json).
    #[arg(long, default_value_t = 5000)]
    pub endpoints: usize,
    /// Polling interval of every endpoint, in seconds.
    #[arg(long, default_value_t = 60)]
    pub interval_secs: u32,
    /// How long to poll, in seconds (the first interval ramps up).
    #[arg(long, default_value_t = 180)]
    pub duration_secs: u64,
    /// Simulated vendor hosts: 127.0.0.1 up to 127.0.0.K.
    #[arg(long, default_value_t = 50)]
    pub hosts: u8,
    /// Database URL. Default: a new SQLite file in a temporary directory, removed afterwards.
    #[arg(long)]
    pub database: Option<String>,
    /// Seconds of the plain request loop that measures the bare HTTP rate.
    #[arg(long, default_value_t = 10)]
    pub bare_secs: u64,
}

/// `regiekamer bench-sim`: the simulator child process. Prints `listening <addr>` once ready and
/// runs until its standard input closes (so it ends with the benchmark, however that ends).
pub async fn run_sim(vendors: usize, hosts: u8) -> anyhow::Result<()> {
    let mut config = vendor_sim::SimConfig::new(SEED, vendors);
    // One vendor in 37 goes down for two minutes, so retries and interval changes are part of the load
    // (37 and the usual host counts share no factor, so the outages spread over the hosts).
    for vendor in (0..vendors).step_by(37) {
        config.scenarios.push(vendor_sim::Scenario::Outage { vendor, component: 0, at: 1, minutes: 2 });
    }
    let extra: Vec<std::net::IpAddr> = (2..=hosts).map(|i| std::net::Ipv4Addr::new(127, 0, 0, i).into()).collect();
    let localhost = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    let sim = vendor_sim::start_with_listeners(config, vendor_sim::SimClock::real(), localhost, localhost, &extra)
        .await
        .context("cannot start the simulated vendors")?;
    println!("listening {}", sim.addr);
    let mut stdin = BufReader::new(tokio::io::stdin());
    let mut line = String::new();
    while stdin.read_line(&mut line).await.unwrap_or(0) > 0 {
        line.clear();
    }
    sim.shutdown().await;
    Ok(())
}

/// The endpoints: for index i, vendor i / 2 on host 127.0.0.(1 + vendor % hosts); even i its health
/// probe, odd i its status page.
pub struct Endpoints {
    /// The simulator's port (the same on every host).
    pub port: u16,
    pub hosts: u8,
    pub count: usize,
}

impl Endpoints {
    /// Simulated vendors needed (with [`SEED`]).
    pub fn vendors(&self) -> usize {
        self.count.div_ceil(2)
    }

    fn base(&self, vendor: usize) -> String {
        let host = 1 + (vendor % usize::from(self.hosts));
        format!("http://127.0.0.{host}:{}/v/{vendor}", self.port)
    }

    /// The URL a plain client requests for endpoint `i` (the same document the poller fetches).
    fn url(&self, i: usize) -> String {
        let base = self.base(i / 2);
        if i.is_multiple_of(2) {
            format!("{base}/health")
        } else {
            format!("{base}/api/v2/summary.json")
        }
    }
}

pub async fn run(args: BenchPollArgs) -> anyhow::Result<()> {
    if args.endpoints == 0 || args.hosts == 0 || args.interval_secs == 0 || args.duration_secs == 0 {
        bail!("--endpoints, --hosts, --interval-secs and --duration-secs must be at least 1");
    }
    let exe = std::env::current_exe().context("cannot find my own executable")?;
    let mut child = tokio::process::Command::new(exe)
        .args(["bench-sim", "--vendors", &args.endpoints.div_ceil(2).to_string(), "--hosts", &args.hosts.to_string()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .context("cannot start the simulator process")?;
    let sim_pid = child.id().context("simulator process has no id")?;
    let mut lines = BufReader::new(child.stdout.take().context("no simulator output")?).lines();
    let first = tokio::time::timeout(Duration::from_secs(60), lines.next_line())
        .await
        .context("the simulator did not start within 60 s")??
        .unwrap_or_default();
    let addr: std::net::SocketAddr =
        first.strip_prefix("listening ").context("unexpected simulator output")?.parse()?;
    let endpoints = Endpoints { port: addr.port(), hosts: args.hosts, count: args.endpoints };
    println!(
        "vendor-sim: {} vendors on {} hosts (127.0.0.1-{}:{}), pid {sim_pid}",
        endpoints.vendors(),
        args.hosts,
        args.hosts,
        addr.port()
    );

    let temp = tempdir()?;
    let url = args.database.clone().unwrap_or_else(|| format!("sqlite://{}/bench.db", temp.display()));
    let db = Db::connect(&url).await.context("cannot open the database")?;
    db.migrate().await?;
    if !store::list_sources(&db).await?.is_empty() {
        bail!("the database already has monitoring sources; give the benchmark an empty database");
    }
    let seeded = Instant::now();
    seed(&db, &endpoints, args.interval_secs).await?;
    let sources = load_sources(&db, &[]).await?;
    if !sources.unusable.is_empty() {
        bail!("{} benchmark sources are unusable: {:?}", sources.unusable.len(), sources.unusable.first());
    }
    println!(
        "database: {} ({}), {} sources stored in {:.1} s",
        db.backend(),
        redact(&url),
        sources.sources.len(),
        seeded.elapsed().as_secs_f64()
    );
    let before = storage_report(&db).await?;

    let guard = GuardConfig { allow: vec!["127.0.0.0/8".parse::<IpNet>()?], ..GuardConfig::default() };
    let client = GuardedClient::new(guard)?;
    let writer = Writer::resume(db.clone(), WriterConfig::default()).await?;
    let (tx, rx) = tokio::sync::mpsc::channel(1024);
    let writer = writer.spawn(rx);

    let (cpu0, sim_cpu0, wall0) = (cpu_seconds("self")?, cpu_seconds(&sim_pid.to_string())?, Instant::now());
    let scheduler = Scheduler::new(client, SchedulerConfig::default()).spawn(sources.sources, tx);
    println!(
        "polling {} endpoints every {} s for {} s (schedule lag = poll start after the concurrency limits minus due time)",
        args.endpoints, args.interval_secs, args.duration_secs
    );
    let mut peak_rss = 0;
    let end = wall0 + Duration::from_secs(args.duration_secs);
    let mut next_report = wall0 + Duration::from_secs(30);
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_secs(1)).await;
        peak_rss = peak_rss.max(rss_kib("self", "VmRSS")?);
        if Instant::now() >= next_report {
            let lag = scheduler.lag().summary();
            println!(
                "  {:>4} s: {} polls started, lag p50 {:?} p99 {:?}",
                wall0.elapsed().as_secs(),
                lag.count,
                lag.p50,
                lag.p99
            );
            next_report += Duration::from_secs(30);
        }
    }
    let lag = scheduler.lag().summary();
    scheduler.shutdown().await;
    let stats = writer.await.context("writer task failed")?;
    let wall = wall0.elapsed().as_secs_f64();
    let cpu = cpu_seconds("self")? - cpu0;
    let sim_cpu = cpu_seconds(&sim_pid.to_string())? - sim_cpu0;
    let hwm = rss_kib("self", "VmHWM")?;

    let after = storage_report(&db).await?;
    let bare = bare_rate(&endpoints, Duration::from_secs(args.bare_secs)).await?;
    drop(child.stdin.take());
    let _ = tokio::time::timeout(Duration::from_secs(10), child.wait()).await;
    db.close().await;
    if args.database.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }

    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!();
    println!("== bench-poll: {} endpoints, interval {} s, {:.0} s polled ==", args.endpoints, args.interval_secs, wall);
    println!(
        "checks committed      {} ({:.1}/s; target rate {:.1}/s)",
        stats.checks,
        stats.checks as f64 / wall,
        args.endpoints as f64 / f64::from(args.interval_secs)
    );
    println!(
        "writer                {} batches, {} failed, {} results dropped, {} interval changes",
        stats.batches, stats.failed_batches, stats.dropped_results, stats.interval_changes
    );
    println!("CPU (regiekamer)      {:.1} % of one core = {:.1} % of the machine's {cores} cores ({cpu:.1} s in {wall:.0} s)", 100.0 * cpu / wall, 100.0 * cpu / wall / cores as f64);
    println!("CPU (vendor-sim)      {:.1} % of one core (not included above)", 100.0 * sim_cpu / wall);
    println!(
        "RSS (regiekamer)      peak {:.1} MiB sampled while polling; VmHWM {:.1} MiB (includes seeding)",
        peak_rss as f64 / 1024.0,
        hwm as f64 / 1024.0
    );
    println!(
        "schedule lag          p50 {} ms, p99 {} ms, mean {} ms, max {} ms over {} polls",
        ms(lag.p50),
        ms(lag.p99),
        ms(lag.mean),
        ms(lag.max),
        lag.count
    );
    print_storage(&before, &after, args.endpoints, wall, args.interval_secs);
    println!("bare HTTP rate        {:.0} requests/s ({} requests in {} s, 32 at a time, plain reqwest client, same URLs; {} failed)", bare.ok as f64 / bare.secs, bare.ok, args.bare_secs, bare.failed);
    Ok(())
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn redact(url: &str) -> String {
    match url.split_once('@') {
        Some((scheme, rest)) => format!("{}://…@{rest}", scheme.split("://").next().unwrap_or("")),
        None => url.to_string(),
    }
}

/// Stores one vendor with one service per two endpoints, a health probe and a status page (its
/// components all mapped to the service), in one transaction.
pub async fn seed(db: &Db, endpoints: &Endpoints, interval_secs: u32) -> anyhow::Result<()> {
    let now = chrono::Utc::now();
    let catalog = vendor_sim::catalog(SEED, endpoints.vendors());
    let invalid = |e: domain::Invalid| anyhow::anyhow!("benchmark data invalid: {e:?}");
    let mut tx = db.begin().await?;
    for (v, profile) in catalog.iter().enumerate() {
        let vendor = NewVendor {
            name: format!("Benchmarkleverancier {v}"),
            kvk: KvkNumber::parse("kvk", &format!("{:08}", 10_000_000 + v)).map_err(invalid)?,
            category: VendorCategory::ALL[v % VendorCategory::ALL.len()],
            sourcing: SourcingModel::Saas,
            criticality: Criticality::Midden,
            notes: None,
        };
        let vendor_id = store::insert_vendor(&mut tx, &vendor, now).await?;
        let service = NewVendorService {
            name: format!("Dienst {v}"),
            description: None,
            criticality: Criticality::Midden,
            personal_data: false,
        };
        let service_id = store::insert_service(&mut tx, vendor_id, &service).await?;
        let base = endpoints.base(v);
        let row = |kind: &str, name: String, config: serde_json::Value| store::NewSourceRow {
            service_id,
            kind: kind.into(),
            name,
            config_json: config.to_string(),
            interval_secs,
            timeout_ms: 5000,
            enabled: true,
        };
        let probe = serde_json::json!({ "url": format!("{base}/health"), "expected_status": 200 });
        store::insert_source(&mut tx, &row("http", format!("Health {v}"), probe), now).await?;
        if 2 * v + 1 < endpoints.count {
            let page = row("statuspage", format!("Status {v}"), serde_json::json!({ "base_url": base }));
            let id = store::insert_source(&mut tx, &page, now).await?;
            let map: Vec<store::SourceComponentRow> = profile
                .components
                .iter()
                .map(|c| store::SourceComponentRow { vendor_component_id: c.id.clone(), service_id: Some(service_id) })
                .collect();
            store::set_source_components(&mut tx, id, &map).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

struct Bare {
    ok: u64,
    failed: u64,
    secs: f64,
}

/// Requests the same URLs round-robin from a plain client, 32 at a time, for `time`.
async fn bare_rate(endpoints: &Endpoints, time: Duration) -> anyhow::Result<Bare> {
    let client = reqwest::Client::builder().no_proxy().timeout(Duration::from_secs(10)).build()?;
    let urls: Arc<Vec<String>> = Arc::new((0..endpoints.count).map(|i| endpoints.url(i)).collect());
    let next = Arc::new(AtomicU64::new(0));
    let (ok, failed) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let started = Instant::now();
    let end = started + time;
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..32 {
        let (client, urls, next, ok, failed) =
            (client.clone(), Arc::clone(&urls), Arc::clone(&next), Arc::clone(&ok), Arc::clone(&failed));
        workers.spawn(async move {
            while Instant::now() < end {
                let i = next.fetch_add(1, Ordering::Relaxed) as usize % urls.len();
                let done = match client.get(&urls[i]).send().await {
                    Ok(response) => response.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if done { &ok } else { &failed }.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    while workers.join_next().await.is_some() {}
    Ok(Bare {
        ok: ok.load(Ordering::Relaxed),
        failed: failed.load(Ordering::Relaxed),
        secs: started.elapsed().as_secs_f64(),
    })
}

fn tempdir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!("regiekamer-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

/// User + system CPU seconds of a process (`self` or a pid), from /proc (Linux; 100 ticks a second).
fn cpu_seconds(pid: &str) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).context("cannot read /proc (Linux only)")?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
    Ok((ticks(11) + ticks(12)) as f64 / 100.0)
}

/// A `Vm*` line of /proc/<pid>/status, in KiB.
fn rss_kib(pid: &str, key: &str) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).context("cannot read /proc (Linux only)")?;
    Ok(status
        .lines()
        .find_map(|l| {
            l.strip_prefix(key).and_then(|r| r.trim_start_matches(':').split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_alternate_probe_and_status_page_over_the_hosts() {
        let e = Endpoints { port: 9000, hosts: 3, count: 7 };
        assert_eq!(e.vendors(), 4);
        assert_eq!(e.url(0), "http://127.0.0.1:9000/v/0/health");
        assert_eq!(e.url(1), "http://127.0.0.1:9000/v/0/api/v2/summary.json");
        assert_eq!(e.url(2), "http://127.0.0.2:9000/v/1/health");
        assert_eq!(e.url(6), "http://127.0.0.1:9000/v/3/health");
    }

    #[test]
    fn own_cpu_time_and_memory_are_readable() {
        let before = cpu_seconds("self").unwrap();
        let mut x = 0u64;
        for i in 0..100_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        assert_ne!(std::hint::black_box(x), 1);
        assert!(cpu_seconds("self").unwrap() > before, "a busy loop uses CPU time");
        assert!(rss_kib("self", "VmRSS").unwrap() > 1000);
        assert!(rss_kib("self", "VmHWM").unwrap() >= rss_kib("self", "VmRSS").unwrap());
    }

    #[test]
    fn database_urls_are_printed_without_credentials() {
        assert_eq!(redact("postgres://user:secret@db:5432/r"), "postgres://…@db:5432/r");
        assert_eq!(redact("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
