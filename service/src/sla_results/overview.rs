//! The SLA overview: every contract for one month with its services' state now, the month's availability
//! against target (so far and projected while it runs), breaches, the credits owed in the month's year,
//! resolution times and the next decision date.

use super::Subject;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::Datelike;
use domain::monitoring::CheckState;
use domain::sla::outcome::{period_containing, pick_month, recent_months};
use domain::sla::views::{Overview, OverviewRow, OverviewService};
use domain::sla::Period;
use domain::vendor::Criticality;
use domain::VendorServiceId;
use std::collections::HashMap;

/// How many months the month picker offers.
pub const PICKABLE_MONTHS: u32 = 25;

/// The periods of `kind` in `year` that ended by `now` and overlap the contract's term so far.
fn closed_periods_of_year(
    kind: domain::sla::MeasurementPeriod,
    year: i32,
    start: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<Period> {
    let step = match kind {
        domain::sla::MeasurementPeriod::Month => 1,
        domain::sla::MeasurementPeriod::Quarter => 3,
    };
    (1..=12)
        .step_by(step)
        .filter_map(|m| chrono::NaiveDate::from_ymd_opt(year, m, 1))
        .map(|d| period_containing(kind, d))
        .filter(|p| p.utc_bounds().1 <= now && p.end > start)
        .collect()
}

/// What the overview is built from, read in one go.
struct Inputs {
    contracts: Vec<domain::contract::Contract>,
    terms: HashMap<domain::ContractId, (domain::sla::contract_terms::ContractSlaTerms, chrono::DateTime<chrono::Utc>)>,
    services: HashMap<VendorServiceId, domain::vendor::VendorService>,
}

impl Inputs {
    /// The three reads run at once (each on its own pooled connection).
    async fn load(db: &store::Db) -> Result<Inputs, ServiceError> {
        let (contracts, terms, services) =
            tokio::try_join!(store::list_contracts(db), store::list_sla_terms(db), store::list_all_services(db))?;
        let terms = terms.into_iter().map(|(id, t, at)| (id, (t, at))).collect();
        let services = services.into_iter().map(|s| (s.id, s)).collect();
        Ok(Inputs { contracts, terms, services })
    }

    /// The contracts with SLA terms, as the evaluation needs them.
    fn subjects(&self) -> Vec<Subject<'_>> {
        self.contracts
            .iter()
            .filter_map(|c| {
                let (t, at) = self.terms.get(&c.id)?;
                let names = c
                    .service_ids
                    .iter()
                    .map(|id| (*id, self.services.get(id).map(|s| s.name.clone()).unwrap_or_default()))
                    .collect();
                Some(Subject { contract: c, terms: t, terms_updated: *at, services: names })
            })
            .collect()
    }
}

/// Per subject the period containing `first` and the closed periods of its year.
fn overview_items<'a>(
    subjects: &'a [Subject<'a>],
    first: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<(&'a Subject<'a>, Period)> {
    let mut items = Vec::new();
    for s in subjects {
        items.push((s, period_containing(s.terms.period, first)));
        for p in closed_periods_of_year(s.terms.period, first.year(), s.contract.start, now) {
            items.push((s, p));
        }
    }
    items
}

impl Services {
    /// Evaluates what the current month's overview shows (every contract's running period and the
    /// closed periods of this year) ahead of the requests: the server calls this at start and every
    /// [`super::REFRESH_EVERY_SECS`], so that the overview reads only cached results. Returns how many
    /// contracts have SLA terms.
    #[tracing::instrument(skip_all)]
    pub async fn refresh_sla_results(&self) -> Result<usize, ServiceError> {
        let (now, today) = (self.clock().now(), self.clock().today());
        let inputs = Inputs::load(self.db()).await?;
        let subjects = inputs.subjects();
        let items = overview_items(&subjects, Period::month_of(today).first, now);
        self.sla_results_with(&items, true).await?;
        Ok(subjects.len())
    }

    /// The overview for `month` (`YYYY-MM`; the current month when `None`).
    #[tracing::instrument(skip_all)]
    pub async fn sla_overview(&self, actor: &Actor, month: Option<&str>) -> Result<Overview, ServiceError> {
        self.guard(actor, Action::ViewContracts, "sla.overview", "sla".into()).await?;
        let (now, today) = (self.clock().now(), self.clock().today());
        let month = pick_month(month, today, None)?;
        let db = self.db();
        let (inputs, crit, open) =
            tokio::try_join!(Inputs::load(db), async { Ok(store::vendor_criticalities(db).await?) }, async {
                Ok(store::open_intervals(db).await?)
            })?;
        let (contracts, services) = (&inputs.contracts, &inputs.services);
        let vendor_crit: HashMap<_, _> = crit.into_iter().collect();
        let mut state_now: HashMap<VendorServiceId, CheckState> = HashMap::new();
        for i in open {
            let e = state_now.entry(i.service_id).or_insert(i.interval.state);
            *e = e.worst(i.interval.state);
        }
        let subjects = inputs.subjects();
        let by_contract: HashMap<_, _> = subjects.iter().map(|s| (s.contract.id, s)).collect();
        let year = month.first.year();
        let items = overview_items(&subjects, month.first, now);
        let results = self.sla_results(&items).await?;
        let mut rows = Vec::with_capacity(contracts.len());
        for c in contracts {
            let subject = by_contract.get(&c.id).copied();
            let period = subject.map(|s| period_containing(s.terms.period, month.first));
            let result = period.and_then(|p| results.get(&(c.id, p)));
            let outcome = result.map(|r| &r.outcome);
            let credits_year_cents = subject
                .map(|s| {
                    closed_periods_of_year(s.terms.period, year, c.start, now)
                        .iter()
                        .filter_map(|p| results.get(&(c.id, *p)))
                        .map(|r| r.outcome.credit_cents())
                        .sum()
                })
                .unwrap_or(0);
            let per_service =
                |id: VendorServiceId| outcome.and_then(|o| o.services.iter().find(|s| s.service_id == id));
            let row_services = c
                .service_ids
                .iter()
                .filter_map(|id| services.get(id))
                .map(|s| {
                    let o = per_service(s.id);
                    OverviewService {
                        service_id: s.id,
                        name: s.name.clone(),
                        criticality: s.criticality,
                        state_now: state_now.get(&s.id).copied(),
                        availability_pct: o.filter(|o| o.measured).map(|o| o.counted.availability_pct),
                        probe_pct: o.and_then(|o| o.probe.as_ref()).map(|e| e.availability_pct),
                        vendor_pct: o.and_then(|o| o.vendor.as_ref()).map(|e| e.availability_pct),
                    }
                })
                .collect();
            let deadlines = domain::deadlines::deadlines(c, today, self.settings().warn_days);
            let measured = outcome.is_some_and(|o| o.services.iter().any(|s| s.measured));
            let running = outcome.is_some_and(|o| o.running);
            let below_so_far = measured && outcome.is_some_and(|o| o.breach());
            let projected_breach = measured && outcome.and_then(|o| o.projection).is_some_and(|p| p.breach);
            rows.push(OverviewRow {
                contract_id: c.id,
                reference: c.reference.clone(),
                title: c.title.clone(),
                vendor_id: c.vendor_id,
                vendor_name: c.vendor_name.clone(),
                vendor_criticality: vendor_crit.get(&c.vendor_id).copied().unwrap_or(Criticality::Midden),
                services: row_services,
                target_pct: subject.map(|s| s.terms.terms.target_pct),
                availability_pct: outcome.filter(|_| measured).and_then(|o| o.availability_pct()),
                running,
                projected_pct: outcome.and_then(|o| o.projection).filter(|_| measured).map(|p| p.availability_pct),
                projected_breach,
                breach: if running { projected_breach } else { below_so_far },
                at_risk: running && below_so_far && !projected_breach,
                period: period.map(|p| p.label()).unwrap_or_else(|| month.label()),
                credit_cents: outcome.map_or(0, |o| o.credit_cents()),
                credits_year_cents,
                resolution: result.map(|r| r.resolution).unwrap_or_default(),
                decision_date: Some(deadlines.decision_date),
            });
        }
        let credits_year_cents = rows.iter().map(|r| r.credits_year_cents).sum();
        let breaches = rows.iter().filter(|r| r.breach).count() as u32;
        let without_terms = rows.iter().filter(|r| r.target_pct.is_none()).count() as u32;
        let total_contracts = rows.len() as u32;
        Ok(Overview {
            month: month.label(),
            current: month == Period::month_of(today),
            months: recent_months(today, PICKABLE_MONTHS),
            year,
            rows,
            total_contracts,
            without_terms,
            credits_year_cents,
            breaches,
            computed_at: now,
        })
    }
}
