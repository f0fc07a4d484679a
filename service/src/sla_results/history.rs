//! What the charts of a contract's SLA report show: the 13 periods up to the chosen one against the
//! target, and per covered service the 30 local days up to the period's end (or today) split by state
//! on the contract's basis, with our probe's daily latency percentiles.

use super::load::{Feeds, PeriodData};
use super::Subject;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::{Days, Months, NaiveDate};
use domain::sla::daily::day_minutes;
use domain::sla::outcome::{period_containing, pick_month};
use domain::sla::period::local_midnight;
use domain::sla::views::{History, LatencyDay, MonthFigure, ServiceHistory};
use domain::sla::{MeasurementBasis, MeasurementPeriod, Period};
use domain::{ContractId, VendorId, VendorServiceId};
use store::{Granularity, SourceId};

/// Periods on the availability chart.
pub const CHART_PERIODS: u32 = 13;
/// Days on the timeline.
pub const TIMELINE_DAYS: u32 = 30;

impl Services {
    /// The chart data for the period of the contract's terms that holds `month` (`YYYY-MM`; the current
    /// month when `None`). `Ok(None)` without SLA terms; `Invalid` at `maand` as for the report.
    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn contract_sla_history(
        &self,
        actor: &Actor,
        id: ContractId,
        month: Option<&str>,
    ) -> Result<Option<History>, ServiceError> {
        self.guard(actor, Action::ViewContracts, "sla.report", format!("contract:{id}")).await?;
        let Some((contract, terms, updated, services)) = self.sla_subject_parts(id).await? else { return Ok(None) };
        let today = self.clock().today();
        let month = pick_month(month, today, Some(contract.start))?;
        let period = period_containing(terms.period, month.first);
        let step = match terms.period {
            MeasurementPeriod::Month => 1,
            MeasurementPeriod::Quarter => 3,
        };
        let periods: Vec<Period> = (0..CHART_PERIODS)
            .rev()
            .filter_map(|i| period.first.checked_sub_months(Months::new(i * step)))
            .map(|d| period_containing(terms.period, d))
            .filter(|p| p.end > contract.start)
            .collect();
        let subject = Subject { contract: &contract, terms: &terms, terms_updated: updated, services };
        let items: Vec<_> = periods.iter().map(|p| (&subject, *p)).collect();
        let results = self.sla_results(&items).await?;
        let months = periods
            .iter()
            .map(|p| {
                let o = results.get(&(id, *p)).map(|r| &r.outcome);
                let measured = o.is_some_and(|o| o.services.iter().any(|s| s.measured));
                MonthFigure {
                    period: p.label(),
                    availability_pct: o.filter(|_| measured).and_then(|o| o.availability_pct()),
                    breach: measured && o.is_some_and(|o| o.breach()),
                }
            })
            .collect();
        let incidents = results.get(&(id, period)).map(|r| r.incidents.clone()).unwrap_or_default();

        let last_day = period.end.pred_opt().unwrap_or(period.end).min(today);
        let histories = self.service_histories(&subject.services, terms.basis, last_day).await?;
        Ok(Some(History { target_pct: terms.terms.target_pct, months, services: histories, incidents }))
    }
}

impl Services {
    /// The last 30 days of the vendor's services as we measured them (the worse of our probe and the
    /// vendor's report at every instant), with our probe's latency.
    #[tracing::instrument(skip_all, fields(vendor = %vendor))]
    pub async fn vendor_history(&self, actor: &Actor, vendor: VendorId) -> Result<Vec<ServiceHistory>, ServiceError> {
        self.guard(actor, Action::ViewMonitoring, "vendor.monitoring", format!("vendor:{vendor}")).await?;
        store::get_vendor(self.db(), vendor).await?;
        let services: Vec<_> =
            store::list_services(self.db(), vendor).await?.into_iter().map(|s| (s.id, s.name)).collect();
        self.service_histories(&services, MeasurementBasis::Worst, self.clock().today()).await
    }

    /// Per service the [`TIMELINE_DAYS`] local days up to `last_day` (up to now for today) on `basis`,
    /// with the daily latency percentiles of the service's first probe.
    async fn service_histories(
        &self,
        services: &[(VendorServiceId, String)],
        basis: MeasurementBasis,
        last_day: NaiveDate,
    ) -> Result<Vec<ServiceHistory>, ServiceError> {
        let now = self.clock().now();
        let first_day = last_day.checked_sub_days(Days::new(u64::from(TIMELINE_DAYS - 1))).unwrap_or(last_day);
        let (from, until) =
            (local_midnight(first_day), local_midnight(last_day.succ_opt().unwrap_or(last_day)).min(now));
        let ids: Vec<_> = services.iter().map(|(id, _)| *id).collect();
        let feeds = Feeds::load(self.db(), &ids).await?;
        let data = PeriodData::load(self.db(), &feeds, &ids, from, until).await?;
        let probes: Vec<(SourceId, VendorServiceId)> = store::probe_sources(self.db(), &ids)
            .await?
            .into_iter()
            .map(|r| (SourceId(r.source_id), VendorServiceId(r.service_id)))
            .collect();
        let mut histories = Vec::with_capacity(ids.len());
        for (sid, name) in services {
            let intervals = data.measurements.get(sid).map(|m| m.intervals(basis)).unwrap_or_default();
            let latency = match probes.iter().find(|(_, s)| s == sid) {
                Some((source, _)) => store::rollups_between(self.db(), *source, Granularity::Day, from, until)
                    .await?
                    .iter()
                    .map(|r| LatencyDay {
                        day_start: r.bucket_start,
                        p50_ms: r.percentile(50.0),
                        p95_ms: r.percentile(95.0),
                    })
                    .collect(),
                None => Vec::new(),
            };
            histories.push(ServiceHistory {
                service_id: *sid,
                name: name.clone(),
                days: day_minutes(&intervals, first_day, days_between(first_day, last_day), until),
                latency,
            });
        }
        Ok(histories)
    }
}

fn days_between(first: NaiveDate, last: NaiveDate) -> u32 {
    u32::try_from((last - first).num_days() + 1).unwrap_or(0)
}
