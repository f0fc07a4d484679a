//! The data `regiekamer bench-pages` measures on: vendors, services, sources, contracts with SLA terms
//! and an ICT head, registered through the use cases (so audited, as a person would), and months of
//! measurements (state intervals, vendor incidents, daily rollups) written in bulk, as the polling
//! engine's writer would have written them over time. Deterministic for the same clock.

use crate::auth::system_actor;
use crate::{ServiceError, Services};
use chrono::{DateTime, Datelike, Months, TimeDelta, Utc};
use domain::contract::ContractForm;
use domain::monitoring::{day_start, CheckState, Rollup, StateInterval};
use domain::sla::contract_terms::{ContractSlaTerms, SlaTermsForm, TierForm};
use domain::sla::evidence::{Measurements, Span};
use domain::sla::outcome::{evaluate_contract, ServiceInput};
use domain::sla::period::local_midnight;
use domain::sla::{IntervalState, Period};
use domain::vendor::{ServiceForm, VendorForm};
use domain::views_monitoring::SourceForm;
use domain::{ContractId, Role, VendorId, VendorServiceId};
use std::time::{Duration, Instant};
use store::{HistoryIncident, IncidentRow, SourceId, SourceInterval};

/// The ICT head's password (user `bench-ict`).
pub const PASSWORD: &str = "bench-ict-wachtwoord";

/// Rows written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Rows {
    pub intervals: u64,
    pub rollups: u64,
    pub incidents: u64,
}

/// What was seeded: a vendor and a contract to request, the rows, and the first contract's
/// measurements for timing the domain functions.
pub struct Seeded {
    pub vendor: VendorId,
    pub contract: ContractId,
    pub rows: Rows,
    pub terms: ContractSlaTerms,
    pub sample: Vec<ServiceInput>,
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn terms_form() -> SlaTermsForm {
    SlaTermsForm {
        target: "99,8".into(),
        window: "always".into(),
        period: "month".into(),
        basis: "worst".into(),
        notice_days: "5".into(),
        resolution_critical: "240".into(),
        resolution_major: "480".into(),
        resolution_minor: "2880".into(),
        staffel: vec![
            TierForm { below: "99,8".into(), credit: "5".into() },
            TierForm { below: "99,5".into(), credit: "10".into() },
        ],
        cap: "40".into(),
        ..SlaTermsForm::default()
    }
}

/// The spans of one source from `from` to `now`: up with outages every half day (one vendor in ten,
/// which breaches) or every two days on average, of 5 to 90 minutes, down or degraded.
fn spans(rng: &mut Rng, from: DateTime<Utc>, now: DateTime<Utc>, flaky: bool) -> Vec<Span> {
    let mean_gap_mins = if flaky { 720 } else { 2880 };
    let mut out = Vec::new();
    let mut t = from;
    while t < now {
        let gap = TimeDelta::minutes(60 + rng.below(2 * mean_gap_mins) as i64);
        let start = (t + gap).min(now);
        out.push(Span { state: IntervalState::Up, start: t, end: start });
        if start >= now {
            break;
        }
        let end = (start + TimeDelta::minutes(5 + rng.below(86) as i64)).min(now);
        let state = if rng.below(10) < 7 { IntervalState::Down } else { IntervalState::Degraded };
        out.push(Span { state, start, end });
        t = end;
    }
    out.retain(|s| s.end > s.start);
    out
}

fn check_state(s: IntervalState) -> CheckState {
    match s {
        IntervalState::Up => CheckState::Up,
        IntervalState::Down => CheckState::Down,
        IntervalState::Degraded => CheckState::Degraded,
        IntervalState::Maintenance => CheckState::Maintenance,
    }
}

/// Daily rollups of a probe checked every minute, from its spans.
fn daily_rollups(spans: &[Span], rng: &mut Rng) -> Vec<Rollup> {
    let mut out: Vec<Rollup> = Vec::new();
    for s in spans {
        let mut t = s.start;
        while t < s.end {
            let day = day_start(t);
            let next = (day + TimeDelta::days(1)).min(s.end);
            let checks = ((next - t).num_seconds() / 60).max(0) as u32;
            if out.last().is_none_or(|r| r.bucket_start != day) {
                out.push(Rollup::new(day));
            }
            if let Some(r) = out.last_mut() {
                r.count += checks;
                match s.state {
                    IntervalState::Up => r.up_count += checks,
                    IntervalState::Down => r.down_count += checks,
                    IntervalState::Degraded => r.degraded_count += checks,
                    IntervalState::Maintenance => r.maintenance_count += checks,
                }
            }
            t = next;
        }
    }
    for r in &mut out {
        let n = r.count;
        // About 120 ms typical, a tail to a second; some days slower.
        let slow = u32::from(rng.below(10) == 0);
        r.histogram =
            [0, 0, n / 20, n * (9 - 3 * slow) / 20, n * (7 + slow) / 20, n * (2 + slow) / 20, n / 20, 0, 0, 0, 0];
        let with_latency: u32 = r.histogram.iter().sum();
        r.latency_sum_ms = u64::from(with_latency) * (140 + 160 * u64::from(slow));
        r.latency_min_ms = (with_latency > 0).then_some(31);
        r.latency_max_ms = (with_latency > 0).then_some(980);
    }
    out
}

/// Registers `vendors` vendors with `sources / vendors` services each (one source per service:
/// alternately our probe and the vendor's status page), one contract with SLA terms per vendor, and
/// writes `months` months of measurements up to now.
pub async fn seed(s: &Services, vendors: usize, sources: usize, months: u32) -> Result<Seeded, ServiceError> {
    let cli = system_actor();
    let now = s.clock().now();
    let today = s.clock().today();
    let first =
        Period::month_of(today).first.checked_sub_months(Months::new(months.saturating_sub(1))).unwrap_or(today);
    let from = local_midnight(first);
    s.add_user(&cli, "bench-ict", "Bench ICT-manager", Role::IctManager, PASSWORD).await?;
    let per_vendor = (sources / vendors).max(1);
    let (mut rows, mut first_vendor, mut first_contract, mut sample) = (Rows::default(), None, None, Vec::new());
    let terms = ContractSlaTerms::parse(&terms_form())?;
    for v in 0..vendors {
        let form = VendorForm {
            name: format!("Benchleverancier {v:03} B.V."),
            kvk: format!("{:08}", 10_000_000 + v),
            category: "overig".into(),
            sourcing: "saas".into(),
            criticality: ["vitaal", "hoog", "midden", "laag"][v % 4].into(),
            notes: String::new(),
        };
        let vendor = s.register_vendor(&cli, &form).await?;
        let mut service_ids = Vec::new();
        let (mut intervals, mut incidents, mut rollups) = (Vec::new(), Vec::new(), Vec::new());
        let mut measured = Vec::new();
        for k in 0..per_vendor {
            let svc = ServiceForm { name: format!("Dienst {k}"), criticality: "hoog".into(), ..ServiceForm::default() };
            let service = s.add_service(&cli, vendor, &svc).await?;
            service_ids.push(service);
            let probe = k % 2 == 0;
            let source = SourceForm {
                kind: if probe { "http" } else { "statuspage" }.into(),
                name: format!("Bron {v}-{k}"),
                url: format!("https://bench-{v}.example/{}", if probe { "health" } else { "" }),
                interval_secs: "60".into(),
                timeout_ms: "5000".into(),
                enabled: false,
                ..SourceForm::default()
            };
            let source = SourceId(s.add_source(&cli, service.0, &source).await?);
            let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ ((v as u64) << 16 | k as u64));
            let spans = spans(&mut rng, from, now, v % 10 == 0);
            for sp in &spans {
                intervals.push(SourceInterval {
                    source_id: source,
                    service_id: service,
                    interval: StateInterval { state: check_state(sp.state), start: sp.start, end: Some(sp.end) },
                    last_seen: sp.end,
                });
            }
            if probe {
                rollups.extend(daily_rollups(&spans, &mut rng).into_iter().map(|r| (source, r)));
            } else {
                for (n, sp) in spans.iter().filter(|sp| sp.state != IntervalState::Up).enumerate() {
                    let impact = if sp.state == IntervalState::Down { "major" } else { "minor" };
                    incidents.push(HistoryIncident {
                        source,
                        incident: IncidentRow {
                            vendor_incident_id: format!("bench-{v}-{k}-{n}"),
                            name: format!("Verstoring {n}"),
                            status: "resolved".into(),
                            impact: impact.into(),
                            created_at: sp.start,
                            updated_at: sp.end,
                            resolved_at: Some(sp.end),
                            shortlink: None,
                        },
                        updates: Vec::new(),
                    });
                }
            }
            let m = if probe {
                Measurements { probe: spans, ..Measurements::default() }
            } else {
                Measurements { vendor: spans, ..Measurements::default() }
            };
            measured.push(ServiceInput { service_id: service, name: format!("Dienst {k}"), measurements: m });
        }
        let mut tx = s.db().begin().await?;
        rows.intervals += store::insert_intervals(&mut tx, &intervals).await?;
        rows.rollups += store::insert_rollups(&mut tx, store::Granularity::Day, &rollups).await?;
        rows.incidents += store::insert_incidents(&mut tx, &incidents).await?.0;
        tx.commit().await?;
        let contract = s.register_contract(&cli, &contract_form(vendor, v, &service_ids, today)).await?;
        s.set_contract_sla_terms(&cli, contract, &terms_form()).await?;
        if first_vendor.is_none() {
            (first_vendor, first_contract, sample) = (Some(vendor), Some(contract), measured);
        }
    }
    match (first_vendor, first_contract) {
        (Some(vendor), Some(contract)) => Ok(Seeded { vendor, contract, rows, terms, sample }),
        _ => Err(ServiceError::Unexpected("bench-pages: nothing seeded".into())),
    }
}

fn contract_form(vendor: VendorId, v: usize, services: &[VendorServiceId], today: chrono::NaiveDate) -> ContractForm {
    ContractForm {
        vendor_id: vendor.to_string(),
        reference: format!("BENCH-{v:03}"),
        title: format!("Benchcontract {v:03}"),
        owner: "Team Regie".into(),
        start: format!("{}-01-01", today.year() - 3),
        initial_end: format!("{}-12-31", today.year() + 2),
        renewal: "tacit".into(),
        renewal_period_months: "12".into(),
        notice_amount: "3".into(),
        notice_unit: "months".into(),
        lead_time_months: "6".into(),
        annual_value: "120.000,00".into(),
        price_model: "vast".into(),
        services: services.iter().map(|s| s.to_string()).collect(),
        ..ContractForm::default()
    }
}

/// Time to evaluate one contract-year (the 12 months before the current one) in the domain functions.
#[derive(Debug, Clone, Copy)]
pub struct ContractYear {
    pub services: usize,
    pub mean: Duration,
    pub p95: Duration,
}

/// Evaluates the sample contract's last 12 closed months `rounds` times.
pub fn time_contract_year(seeded: &Seeded, now: DateTime<Utc>, rounds: usize) -> ContractYear {
    let this = Period::month_of(now.date_naive());
    let months: Vec<Period> =
        (1..=12).filter_map(|i| this.first.checked_sub_months(Months::new(i))).map(Period::month_of).collect();
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        for p in &months {
            std::hint::black_box(evaluate_contract(&seeded.terms, 12_000_000, *p, now, &seeded.sample));
        }
        samples.push(t.elapsed());
    }
    samples.sort_unstable();
    let mean = samples.iter().sum::<Duration>() / samples.len() as u32;
    let p95 = samples[((samples.len() as f64 * 0.95).ceil() as usize).saturating_sub(1)];
    ContractYear { services: seeded.sample.len(), mean, p95 }
}
