//! SLA results from measured data: the ICT head's overview of every contract for a month, and one
//! contract's report for one period (`report.rs`). Everyone who may read contracts may read them. The
//! figures come from `domain::sla` (docs/SLA.md) over the stored state intervals, maintenance
//! announcements and vendor incidents (`load.rs`), cached per contract and period (`cache.rs`).

mod cache;
mod claims;
mod history;
mod load;
mod overview;
mod report;

pub use cache::{SlaCache, REFRESH_EVERY_SECS};

use crate::{ServiceError, Services};
use chrono::{DateTime, Utc};
use domain::contract::Contract;
use domain::sla::contract_terms::ContractSlaTerms;
use domain::sla::outcome::{evaluate_contract, ContractOutcome, ServiceInput};
use domain::sla::resolution::{check, summarise, IncidentTimes, ResolutionSummary};
use domain::sla::views::ReportIncident;
use domain::sla::Period;
use domain::{ContractId, VendorServiceId};
use load::{Feeds, PeriodData};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One contract's evaluated period with its incidents.
#[derive(Debug)]
pub struct Computed {
    pub outcome: ContractOutcome,
    pub incidents: Vec<ReportIncident>,
    pub resolution: ResolutionSummary,
    pub computed_at: DateTime<Utc>,
}

/// A contract with its terms and covered services (id, name), as the evaluation needs it.
pub(crate) struct Subject<'a> {
    pub contract: &'a Contract,
    pub terms: &'a ContractSlaTerms,
    pub terms_updated: DateTime<Utc>,
    pub services: Vec<(VendorServiceId, String)>,
}

impl Subject<'_> {
    /// Everything a result depends on besides the measurements: a changed key recomputes.
    fn key(&self) -> String {
        format!(
            "{}|{}|{}|{:?}",
            self.terms_updated.timestamp_micros(),
            self.contract.annual_value_cents,
            self.contract.start,
            self.services
        )
    }
}

impl Services {
    /// The results of each (subject, period), from the cache or evaluated in one pass per period.
    /// A period that has not begun has no result.
    pub(crate) async fn sla_results(
        &self,
        items: &[(&Subject<'_>, Period)],
    ) -> Result<HashMap<(ContractId, Period), Arc<Computed>>, ServiceError> {
        self.sla_results_with(items, false).await
    }

    /// As [`Services::sla_results`]; with `refresh` a running period is evaluated again even when its
    /// cached result is still fresh (closed periods still come from the cache).
    pub(crate) async fn sla_results_with(
        &self,
        items: &[(&Subject<'_>, Period)],
        refresh: bool,
    ) -> Result<HashMap<(ContractId, Period), Arc<Computed>>, ServiceError> {
        let now = self.clock().now();
        let mut out = HashMap::new();
        let mut missing: BTreeMap<Period, Vec<&Subject<'_>>> = BTreeMap::new();
        let mut keys: HashMap<ContractId, String> = HashMap::new();
        for (subject, period) in items {
            if period.utc_bounds().0 >= now {
                continue;
            }
            let id = subject.contract.id;
            let key = keys.entry(id).or_insert_with(|| subject.key());
            let cached = if refresh {
                self.inner.sla_cache.get_closed(id, *period, key)
            } else {
                self.inner.sla_cache.get(id, *period, key, now)
            };
            match cached {
                Some(hit) => {
                    out.insert((id, *period), hit);
                }
                None => missing.entry(*period).or_default().push(subject),
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let _turn = self.inner.sla_cache.evaluating.lock().await;
        if !refresh {
            // What another evaluation computed while this one waited comes from the cache.
            for (period, subjects) in missing.iter_mut() {
                subjects.retain(|s| {
                    let id = s.contract.id;
                    let hit = keys.get(&id).and_then(|key| self.inner.sla_cache.get(id, *period, key, now));
                    match hit {
                        Some(hit) => {
                            out.insert((id, *period), hit);
                            false
                        }
                        None => true,
                    }
                });
            }
            missing.retain(|_, subjects| !subjects.is_empty());
            if missing.is_empty() {
                return Ok(out);
            }
        }
        let mut all: Vec<VendorServiceId> =
            missing.values().flatten().flat_map(|s| s.services.iter().map(|(id, _)| *id)).collect();
        all.sort_unstable();
        all.dedup();
        let feeds = Feeds::load(self.db(), &all).await?;
        for (period, subjects) in missing {
            let (from, end) = period.utc_bounds();
            let until = end.min(now);
            let mut services: Vec<VendorServiceId> =
                subjects.iter().flat_map(|s| s.services.iter().map(|(id, _)| *id)).collect();
            services.sort_unstable();
            services.dedup();
            let data = PeriodData::load(self.db(), &feeds, &services, from, until).await?;
            for s in subjects {
                let computed = Arc::new(evaluate_subject(s, period, now, &data, &feeds));
                let key = keys.get(&s.contract.id).cloned().unwrap_or_else(|| s.key());
                self.inner.sla_cache.put(s.contract.id, period, key, computed.clone());
                out.insert((s.contract.id, period), computed);
            }
        }
        Ok(out)
    }

    /// Forgets cached results of a contract whose terms or contract data changed.
    pub(crate) fn forget_sla_results(&self, id: ContractId) {
        self.inner.sla_cache.forget(id);
    }
}

fn evaluate_subject(s: &Subject<'_>, period: Period, now: DateTime<Utc>, data: &PeriodData, feeds: &Feeds) -> Computed {
    let inputs: Vec<ServiceInput> = s
        .services
        .iter()
        .map(|(id, name)| ServiceInput {
            service_id: *id,
            name: name.clone(),
            measurements: data.measurements.get(id).cloned().unwrap_or_default(),
        })
        .collect();
    let outcome =
        evaluate_contract(s.terms, s.contract.annual_value_cents, period, now, &inputs).unwrap_or(ContractOutcome {
            period,
            running: false,
            services: Vec::new(),
            worst: None,
            projection: None,
            period_fee_cents: 0,
        });
    let ids: Vec<VendorServiceId> = s.services.iter().map(|(id, _)| *id).collect();
    let times: Vec<(IncidentTimes, &store::SlaIncidentRow)> = data
        .incidents_for(feeds, &ids)
        .into_iter()
        .map(|i| (IncidentTimes { impact: i.impact.clone(), created_at: i.created_at, resolved_at: i.resolved_at }, i))
        .collect();
    let incidents = times
        .iter()
        .map(|(t, row)| {
            let c = check(&s.terms.resolution, t, now);
            ReportIncident {
                name: row.name.clone(),
                impact: row.impact.clone(),
                created_at: row.created_at,
                resolved_at: row.resolved_at,
                minutes: c.minutes,
                target_minutes: c.target_minutes,
                met: c.met,
            }
        })
        .collect();
    let plain: Vec<IncidentTimes> = times.into_iter().map(|(t, _)| t).collect();
    Computed { outcome, incidents, resolution: summarise(&s.terms.resolution, &plain, now), computed_at: now }
}
