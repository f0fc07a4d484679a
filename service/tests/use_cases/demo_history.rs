//! The demo's 13 months of monitoring history and its SLA terms, as stored: every series complete and
//! closed, the story visible when the stored intervals are evaluated with `domain::sla::evaluate`, and
//! the polling engine able to carry on after it.

use crate::demo::demo_sim;
use crate::support::{count_rows, services_at, t0};
use chrono::{DateTime, Datelike, TimeDelta, Utc};
use chrono_tz::Europe::Amsterdam;
use domain::monitoring::{CheckResult, CheckState};
use domain::sla::{evaluate, Evaluation, IntervalState, MeasurementBasis, Period, SlaInterval};
use domain::{VendorId, VendorServiceId};
use service::demo::seed_with_monitoring;
use service::monitoring::{PollResult, Writer, WriterConfig};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use store::{Db, IntervalScope, SourceId, SourceInterval};

const HISTORY: [&str; 6] = [
    "state_intervals",
    "vendor_incidents",
    "vendor_incident_updates",
    "vendor_maintenances",
    "rollups",
    "contract_sla_terms",
];

/// Local midnight on 1 March 2025: 12 months before the month of [`t0`] (2 March 2026).
fn history_start() -> DateTime<Utc> {
    "2025-02-28T23:00:00Z".parse().unwrap()
}

/// One demo vendor's sources: its status page with the services it maps, and its probe.
#[derive(Debug)]
struct Monitored {
    page: SourceId,
    services: Vec<VendorServiceId>,
    probe: Option<(SourceId, VendorServiceId)>,
}

async fn monitored(db: &Db) -> BTreeMap<String, (VendorId, Monitored)> {
    let mut out = BTreeMap::new();
    let sources = store::list_sources(db).await.unwrap();
    for page in sources.iter().filter(|s| s.settings.kind == "statuspage") {
        let map = store::source_components(db, page.id).await.unwrap();
        let probe = sources.iter().find(|s| s.settings.kind == "http" && s.vendor_id == page.vendor_id);
        let m = Monitored {
            page: page.id,
            services: map.iter().filter_map(|c| c.service_id).collect(),
            probe: probe.map(|p| (p.id, p.settings.service_id)),
        };
        out.insert(page.vendor_name.clone(), (page.vendor_id, m));
    }
    out
}

async fn intervals(db: &Db, source: SourceId, service: VendorServiceId) -> Vec<SourceInterval> {
    let all = store::intervals_between(db, IntervalScope::Source(source), history_start() - TimeDelta::days(400), t0())
        .await
        .unwrap();
    all.into_iter().filter(|i| i.service_id == service).collect()
}

async fn seeded(db: &Db) {
    let s = services_at(db, t0());
    let started = Instant::now();
    assert!(seed_with_monitoring(&s, Some(&demo_sim())).await.unwrap());
    let mut counts = Vec::new();
    for table in HISTORY {
        counts.push(format!("{table} {}", count_rows(db, table).await));
    }
    println!("seeded with history in {:?}: {}", started.elapsed(), counts.join(", "));
}

/// (a) Every mapped service of every status page, and every probe, has closed intervals from the
/// start of the history up to now, without gap or overlap.
async fn every_series_covers_thirteen_months_without_gap_or_overlap(db: &Db) {
    seeded(db).await;
    let vendors = monitored(db).await;
    assert_eq!(vendors.len(), 12);
    let mut series = 0;
    for (name, (_, m)) in &vendors {
        let pairs = m.services.iter().map(|s| (m.page, *s)).chain(m.probe);
        for (source, service) in pairs {
            let rows = intervals(db, source, service).await;
            assert_eq!(rows.first().map(|i| i.interval.start), Some(history_start()), "{name}");
            assert_eq!(rows.last().and_then(|i| i.interval.end), Some(t0()), "{name}");
            assert!(rows.iter().all(|i| i.interval.end.is_some_and(|e| e > i.interval.start && e <= t0())), "{name}");
            assert!(
                rows.windows(2).all(|w| w[0].interval.end == Some(w[1].interval.start)),
                "{name}: a gap or overlap"
            );
            assert!(rows.iter().all(|i| i.last_seen >= i.interval.start && Some(i.last_seen) < i.interval.end));
            series += 1;
        }
    }
    assert_eq!(series, 20 + 4, "20 mapped services and 4 probes");
    let total = count_rows(db, "state_intervals").await;
    assert!((1_000..5_000).contains(&total), "{total} intervals");
    assert!((150..500).contains(&count_rows(db, "vendor_incidents").await));
    assert!(store::open_intervals(db).await.unwrap().is_empty());
}
both_dbs!(every_series_covers_thirteen_months_without_gap_or_overlap);

fn sla_state(s: CheckState) -> IntervalState {
    match s {
        CheckState::Up => IntervalState::Up,
        CheckState::Down => IntervalState::Down,
        CheckState::Degraded => IntervalState::Degraded,
        CheckState::Maintenance => IntervalState::Maintenance,
    }
}

/// The stored intervals of one (source, service) in `period`, as the evaluation takes them: a span
/// that overlaps an announced maintenance of the vendor's page gets that announcement's first sight.
async fn evaluate_month(
    db: &Db,
    terms: &domain::sla::SlaTerms,
    period: &Period,
    page: SourceId,
    (source, service): (SourceId, VendorServiceId),
) -> Evaluation {
    let (from, to) = period.utc_bounds();
    let announced = store::maintenances_between(db, page, from, to).await.unwrap();
    let rows = store::intervals_between(db, IntervalScope::Source(source), from, to).await.unwrap();
    let intervals: Vec<SlaInterval> = rows
        .iter()
        .filter(|i| i.service_id == service)
        .map(|i| {
            let (start, end) = (i.interval.start, i.interval.end.unwrap());
            let announced_at = announced
                .iter()
                .find(|m| m.maintenance.scheduled_for < Some(end) && m.maintenance.scheduled_until > Some(start))
                .map(|m| m.first_seen_at)
                .filter(|_| i.interval.state == CheckState::Maintenance);
            SlaInterval { state: sla_state(i.interval.state), start, end, announced_at }
        })
        .collect();
    evaluate(terms, period, &intervals)
}

/// The 13 months of the history, oldest first.
fn periods() -> Vec<Period> {
    let today = t0().with_timezone(&Amsterdam).date_naive();
    (0..13u32)
        .map(|back| {
            let first = today.with_day(1).unwrap().checked_sub_months(chrono::Months::new(12 - back)).unwrap();
            Period::month_of(first)
        })
        .collect()
}

/// (b) and (c): every contract has terms; evaluated month by month, Burgerloket breaches in two
/// months, Netwerk Noord in three (the last one the previous month), the others never on their own
/// report, and CloudKantoor's probe breaches in a month its own report does not.
async fn the_stored_history_breaches_where_the_story_says(db: &Db) {
    seeded(db).await;
    let vendors = monitored(db).await;
    let contracts = store::list_contracts(db).await.unwrap();
    assert_eq!(contracts.len(), 13);
    let mut breaches: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut probe_only: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for c in &contracts {
        let terms =
            store::get_sla_terms(db, c.id).await.unwrap().unwrap_or_else(|| panic!("{}: no terms", c.reference));
        let (name, (_, m)) = vendors.iter().find(|(_, (v, _))| *v == c.vendor_id).unwrap();
        assert_eq!(terms.basis, if m.probe.is_some() { MeasurementBasis::Worst } else { MeasurementBasis::Vendor });
        let eval_terms = terms.evaluation_terms(c.annual_value_cents);
        for (month, period) in periods().iter().enumerate() {
            let mut reported = Vec::new();
            for service in &m.services {
                reported.push(evaluate_month(db, &eval_terms, period, m.page, (m.page, *service)).await);
            }
            let worst = reported.iter().min_by(|a, b| a.availability_pct.total_cmp(&b.availability_pct)).unwrap();
            let probe = match m.probe {
                Some(p) => Some(evaluate_month(db, &eval_terms, period, m.page, p).await),
                None => None,
            };
            println!(
                "{} {} {}: vendor {:.4} % (credit {} %){}",
                c.reference,
                name,
                period.label(),
                worst.availability_pct,
                worst.credit_pct,
                probe
                    .as_ref()
                    .map(|p| format!(", probe {:.4} % (credit {} %)", p.availability_pct, p.credit_pct))
                    .unwrap_or_default()
            );
            if worst.breach {
                assert!(worst.credit_pct > 0.0 && worst.credit_cents > 0, "{name} {}", period.label());
                breaches.entry(name.clone()).or_default().push(month);
            }
            if probe.is_some_and(|p| p.breach && p.credit_cents > 0) && !worst.breach {
                probe_only.entry(name.clone()).or_default().push(month);
            }
        }
    }
    assert_eq!(
        breaches.iter().map(|(n, m)| (n.as_str(), m.len())).collect::<Vec<_>>(),
        [("Burgerloket Online B.V.", 2), ("Netwerk Noord Hosting B.V.", 3)],
        "{breaches:?}"
    );
    assert!(breaches["Netwerk Noord Hosting B.V."].contains(&11), "the previous month: {breaches:?}");
    assert!(!probe_only.get("CloudKantoor Nederland B.V.").unwrap_or(&Vec::new()).is_empty(), "{probe_only:?}");
}
both_dbs!(the_stored_history_breaches_where_the_story_says);

/// (d) Seeding again changes nothing, and the engine carries on after the closed history: a new
/// observation opens an interval of its own, and its checks merge into the current day's rollup.
async fn the_history_is_seeded_once_and_the_engine_carries_on(db: &Db) {
    seeded(db).await;
    let mut counts = Vec::new();
    for table in HISTORY {
        counts.push(count_rows(db, table).await);
    }
    let s = services_at(db, t0() + TimeDelta::hours(1));
    assert!(!seed_with_monitoring(&s, Some(&demo_sim())).await.unwrap(), "the second run does nothing");
    for (table, before) in HISTORY.iter().zip(&counts) {
        assert_eq!(count_rows(db, table).await, *before, "{table}");
    }

    let vendors = monitored(db).await;
    let (probe, service) = vendors["Zaakwijs B.V."].1.probe.unwrap();
    let day = domain::monitoring::day_start(t0());
    let before =
        store::rollups_between(db, probe, store::Granularity::Day, day, day + TimeDelta::days(1)).await.unwrap();
    let mut writer = Writer::resume(db.clone(), WriterConfig::default()).await.unwrap();
    let at = t0() + TimeDelta::seconds(20);
    let check = CheckResult { latency_ms: Some(120), ..CheckResult::new(at, CheckState::Up) };
    let result = PollResult {
        states: vec![(service, CheckState::Up)],
        stale_after: Duration::from_secs(45),
        ..PollResult::new(probe, check)
    };
    writer.commit(&[result], at).await.unwrap();

    let open = store::open_intervals(db).await.unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
    assert_eq!((open[0].source_id, open[0].service_id), (probe, service));
    assert_eq!((open[0].interval.start, open[0].interval.state), (at, CheckState::Up));
    // The history up to now is untouched: it still ends, closed, at the seed's now.
    assert_eq!(intervals(db, probe, service).await.last().and_then(|i| i.interval.end), Some(t0()));
    let after =
        store::rollups_between(db, probe, store::Granularity::Day, day, day + TimeDelta::days(1)).await.unwrap();
    assert_eq!(before[0].count, 9 * 60 * 4, "a check every 15 s since midnight UTC");
    assert_eq!(after[0].count, before[0].count + 1, "merged into the history's day");
}
both_dbs!(the_history_is_seeded_once_and_the_engine_carries_on);

/// The demo's ICT head, as signed in.
async fn ict_manager(db: &Db) -> service::Actor {
    let u = store::list_users(db).await.unwrap().into_iter().find(|u| u.role == domain::Role::IctManager).unwrap();
    service::Actor {
        user_id: u.id,
        username: u.username,
        display_name: u.display_name,
        role: domain::Role::IctManager,
        origin: crate::support::ORIGIN.into(),
    }
}

/// The SLA overview (what the pages show) tells the same story: over the closed months Burgerloket
/// and Netwerk Noord breach on every basis, CloudKantoor once on the worse of probe and report, nobody
/// else; in the running month only the two vendors of the story have had downtime, and nobody is
/// projected to breach.
async fn the_sla_overview_tells_the_story_month_by_month(db: &Db) {
    seeded(db).await;
    let s = services_at(db, t0());
    let ict = ict_manager(db).await;
    let mut breaches: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for period in periods() {
        let overview = s.sla_overview(&ict, Some(&period.label())).await.unwrap();
        assert_eq!(overview.rows.len(), 13);
        for row in &overview.rows {
            let what = format!("{} {}", row.reference, period.label());
            assert!(row.target_pct.is_some() && row.availability_pct.is_some(), "{what}");
            assert!(!row.projected_breach, "{what}");
            if row.running {
                let down = row.availability_pct.is_some_and(|a| a < 100.0);
                let story = ["Sociaal Net B.V.", "Veilig Verbonden B.V."].contains(&row.vendor_name.as_str());
                assert_eq!(down, story, "{what}: {row:?}");
            } else if row.breach {
                assert!(row.credit_cents > 0, "{what}");
                breaches.entry(row.vendor_name.clone()).or_default().push(period.label());
            }
        }
    }
    let count = |name: &str| breaches.get(name).map_or(0, Vec::len);
    assert_eq!(count("Burgerloket Online B.V."), 2, "{breaches:?}");
    assert_eq!(count("Netwerk Noord Hosting B.V."), 3, "{breaches:?}");
    assert_eq!(count("CloudKantoor Nederland B.V."), 1, "basis worst: the probe's breach counts; {breaches:?}");
    assert_eq!(breaches.len(), 3, "{breaches:?}");
}
both_dbs!(the_sla_overview_tells_the_story_month_by_month);
