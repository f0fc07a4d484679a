//! `regiekamer bench-costs`: the costs benchmark (issue 11, "Measure"). On a fresh database (SQLite,
//! or PostgreSQL with `--postgres`) it registers vendors with one contract each and a cost centre,
//! writes a cost CSV of `--lines` invoice lines spread over `--years` years and imports it the way the
//! command line does (format and register checks, then every line in one transaction), writes a
//! Microsoft 365 active-user report of `--users` users and counts it, and then, on the real server
//! signed in as an ICT head, requests the cost overview of the last full year and its CSV `--requests`
//! times each. Prints time and the process's peak resident memory (VmHWM) after each step, and
//! p50/p95/max per page.

use crate::bench_pages::{cookies, figures, ms};
use crate::config::Config;
use anyhow::{bail, Context};
use chrono::Datelike;
use std::fmt::Write as _;
use std::time::Instant;

#[derive(clap::Args, Debug, Clone)]
pub struct BenchCostsArgs {
    /// Invoice lines in the imported cost file.
    #[arg(long, default_value_t = 100_000)]
    pub lines: usize,
    /// Users in the Microsoft 365 report.
    #[arg(long, default_value_t = 50_000)]
    pub users: usize,
    /// Vendors, one contract each.
    #[arg(long, default_value_t = 200)]
    pub vendors: usize,
    /// Years the invoice lines cover (ending last year).
    #[arg(long, default_value_t = 10)]
    pub years: i32,
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

const PASSWORD: &str = "bench-ict-wachtwoord";

/// The process's peak resident memory in MiB (Linux; 0 elsewhere).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The cost file: `lines` lines over the contracts `VO-B0`..`VO-B{n-1}` and the months of `years`
/// years up to last year, amounts in Dutch notation.
pub fn cost_csv(lines: usize, vendors: usize, years: i32, last_year: i32) -> String {
    let mut out = String::with_capacity(lines * 90);
    out.push_str("factuurnummer;factuurdatum;periode van;periode tot;bedrag;btw;kostenplaats;contract\n");
    let months = (years.max(1) * 12) as usize;
    for i in 0..lines {
        let contract = i % vendors;
        let m = (i / vendors) % months;
        let (y, mo) = (last_year - years + 1 + (m / 12) as i32, (m % 12) as u32 + 1);
        let last = chrono::NaiveDate::from_ymd_opt(y, mo, 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt())
            .map_or(28, |d| d.day());
        let cents = 100_000 + (i as i64 * 7919) % 900_000;
        let _ = writeln!(
            out,
            "B{i};01-{mo:02}-{y};01-{mo:02}-{y};{last:02}-{mo:02}-{y};{},{:02};{},{:02};ICT-01;VO-B{contract}",
            cents / 100,
            cents % 100,
            cents * 21 / 10_000,
            (cents * 21 / 100) % 100
        );
    }
    out
}

/// A Microsoft 365 "Office 365 active user detail" report of `users` users.
pub fn m365_report(users: usize, refresh: chrono::NaiveDate) -> String {
    let mut out = String::with_capacity(users * 330);
    out.push_str("Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products\n");
    for i in 0..users {
        let active = refresh - chrono::Days::new((i % 120) as u64);
        let _ = writeln!(
            out,
            "{refresh},{i:032X},{:032X},False,,True,True,True,False,False,True,{active},{active},,,,{active},2024-01-10,2024-01-10,2024-01-10,,,2024-01-10,OFFICE 365 E3",
            i * 7
        );
    }
    out
}

pub async fn run(args: BenchCostsArgs) -> anyhow::Result<()> {
    if args.vendors == 0 || args.lines == 0 || args.requests == 0 || args.years < 1 {
        bail!("bench-costs: need at least one vendor, line, year and request");
    }
    if !std::path::Path::new(&args.site).join("pkg").is_dir() {
        bail!("bench-costs: no built site in {} (run `bash scripts/build.sh --release` first)", args.site);
    }
    let test_db =
        if args.postgres { store::testing::TestDb::postgres().await } else { store::testing::TestDb::sqlite().await };
    let backend = test_db.db.backend();
    let result = measure(&args, test_db.db.clone()).await;
    test_db.cleanup().await;
    let report = result?;
    println!(
        "bench-costs on {backend}: {} vendors, {} lines over {} years, {} users",
        args.vendors, args.lines, args.years, args.users
    );
    println!("{report}");
    Ok(())
}

async fn measure(args: &BenchCostsArgs, db: store::Db) -> anyhow::Result<String> {
    use domain::contract::ContractForm;
    use domain::vendor::VendorForm;
    let mut cfg = Config::default();
    cfg.server.addr = "127.0.0.1:0".parse()?;
    cfg.server.site_root = args.site.clone();
    let services = service::Services::new(db, cfg.settings());
    let cli = service::auth::system_actor();
    let mut out = vec![format!("start: peak RSS {:.0} MiB", peak_rss_mib())];
    for v in 0..args.vendors {
        let form = VendorForm {
            name: format!("Leverancier {v} B.V."),
            kvk: format!("{:08}", 10_000_000 + v),
            category: "overig".into(),
            sourcing: "saas".into(),
            criticality: "midden".into(),
            notes: String::new(),
        };
        let vendor = services.register_vendor(&cli, &form).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let contract = ContractForm {
            vendor_id: vendor.to_string(),
            reference: format!("VO-B{v}"),
            title: format!("Dienst {v}"),
            owner: "Team Regie".into(),
            start: format!("{}-01-01", chrono::Utc::now().year() - args.years - 1),
            initial_end: "2040-12-31".into(),
            renewal: "tacit".into(),
            renewal_period_months: "12".into(),
            notice_amount: "3".into(),
            notice_unit: "months".into(),
            lead_time_months: "6".into(),
            annual_value: "120.000,00".into(),
            price_model: "vast".into(),
            ..Default::default()
        };
        services.register_contract(&cli, &contract).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    }
    let centre = domain::costs::forms::CostCentreForm { code: "ICT-01".into(), naam: "Bench".into() };
    services.add_cost_centre(&cli, &centre).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    services
        .add_user(&cli, "bench-ict", "Bench ICT-manager", domain::Role::IctManager, PASSWORD)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let last_year = chrono::Utc::now().year() - 1;
    out.push(format!("registered {} vendors and contracts: peak RSS {:.0} MiB", args.vendors, peak_rss_mib()));

    let csv = cost_csv(args.lines, args.vendors, args.years, last_year);
    let t = Instant::now();
    let checked = domain::costs::import::parse_cost_csv(csv.as_bytes());
    let check_time = t.elapsed();
    if !checked.errors.is_empty() {
        bail!("bench-costs: the generated file has errors: {:?}", &checked.errors[..checked.errors.len().min(3)]);
    }
    drop(checked);
    out.push(format!(
        "cost file {} lines, {:.1} MB: format check {} ms, peak RSS {:.0} MiB",
        args.lines,
        csv.len() as f64 / 1e6,
        ms(check_time),
        peak_rss_mib()
    ));
    let t = Instant::now();
    let imported =
        services.import_cost_file(&cli, "bench.csv", csv.as_bytes()).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let import_time = t.elapsed();
    let n = imported.map_err(|p| anyhow::anyhow!("bench-costs: refused: {:?}", &p[..p.len().min(3)]))?;
    drop(csv);
    out.push(format!(
        "import (checks + one transaction) of {n} lines: {} ms, peak RSS {:.0} MiB",
        ms(import_time),
        peak_rss_mib()
    ));

    let report = m365_report(args.users, chrono::Utc::now().date_naive());
    let t = Instant::now();
    let counts = domain::costs::usage_m365::count_m365_active_users(report.as_bytes(), Some("office 365 e3"))
        .map_err(|e| anyhow::anyhow!("bench-costs: report refused: {}", e.message_en()))?;
    out.push(format!(
        "Microsoft 365 report {} users, {:.1} MB: counted in {} ms ({} assigned, {} active), peak RSS {:.0} MiB",
        args.users,
        report.len() as f64 / 1e6,
        ms(t.elapsed()),
        counts.assigned,
        counts.active_30,
        peak_rss_mib()
    ));
    drop(report);

    let mut samples = Vec::with_capacity(args.requests);
    for _ in 0..args.requests.min(100) {
        let t = Instant::now();
        services.cost_overview(&cli, Some(last_year)).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
        samples.push(t.elapsed());
    }
    let f = figures(samples);
    out.push(format!(
        "cost overview {last_year} in the service alone (computation and reads): p50 {} ms, p95 {} ms",
        ms(f.p50),
        ms(f.p95)
    ));
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
        bail!("bench-costs: sign-in gave no session ({})", login.status());
    }
    out.push(format!(
        "{:<28} {:>9} {:>9} {:>9} {:>10}  (ms, {} requests each)",
        "page", "p50", "p95", "max", "bytes", args.requests
    ));
    let pages = [
        ("/healthz".to_string(), "healthz"),
        (format!("/kosten?jaar={last_year}"), "cost overview"),
        (format!("/kosten.csv?jaar={last_year}&deel=contracten"), "cost overview CSV"),
        ("/kosten/facturen".to_string(), "invoice list (page 1)"),
    ];
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
                bail!("bench-costs: {path} answered {status}");
            }
        }
        let f = figures(samples);
        out.push(format!("{name:<28} {:>9} {:>9} {:>9} {bytes:>10}", ms(f.p50), ms(f.p95), ms(f.max)));
    }
    let _ = stop.send(());
    server.await??;
    out.push(format!("end: peak RSS {:.0} MiB", peak_rss_mib()));
    Ok(out.join("\n"))
}
