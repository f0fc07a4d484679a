//! One contract's SLA report for one period: the measurement basis, every covered service's figures on
//! that basis with the probe and the vendor's report beside them, every interval that was not plain up
//! time with its treatment and reason, the vendor incidents with their resolution times, the result and
//! the credit.

use super::Subject;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::{DateTime, Utc};
use domain::contract::Contract;
use domain::sla::contract_terms::ContractSlaTerms;
use domain::sla::outcome::{period_containing, pick_month};
use domain::sla::views::{Report, ReportService};
use domain::{ContractId, VendorServiceId};

/// What a [`Subject`] is made of, loaded for one contract.
pub(super) type SubjectParts = (Contract, ContractSlaTerms, DateTime<Utc>, Vec<(VendorServiceId, String)>);

impl Services {
    /// The contract, its terms (with when they changed) and its covered services' names; `None`
    /// without terms, `NotFound` for an unknown contract.
    pub(super) async fn sla_subject_parts(&self, id: ContractId) -> Result<Option<SubjectParts>, ServiceError> {
        let contract = store::get_contract(self.db(), id).await?;
        let Some(terms) = store::get_sla_terms(self.db(), id).await? else { return Ok(None) };
        let updated = store::sla_terms_updated_at(self.db(), id).await?;
        let mut services = Vec::with_capacity(contract.service_ids.len());
        for sid in &contract.service_ids {
            services.push((*sid, store::get_service(self.db(), *sid).await?.name));
        }
        Ok(Some((contract, terms, updated, services)))
    }

    /// The report for the period of the contract's terms that holds `month` (`YYYY-MM`; the current
    /// month when `None`). `Ok(None)` when the contract has no SLA terms; `Invalid` at `maand` for a
    /// month that is malformed, has not begun, or ended before the contract started.
    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn contract_sla_report(
        &self,
        actor: &Actor,
        id: ContractId,
        month: Option<&str>,
    ) -> Result<Option<Report>, ServiceError> {
        self.guard(actor, Action::ViewContracts, "sla.report", format!("contract:{id}")).await?;
        let Some((contract, terms, updated, services)) = self.sla_subject_parts(id).await? else { return Ok(None) };
        let month = pick_month(month, self.clock().today(), Some(contract.start))?;
        let period = period_containing(terms.period, month.first);
        let subject = Subject { contract: &contract, terms: &terms, terms_updated: updated, services };
        let results = self.sla_results(&[(&subject, period)]).await?;
        let Some(r) = results.get(&(id, period)) else {
            return Err(domain::Invalid::one("maand", domain::Problem::PeriodInFuture).into());
        };
        let o = &r.outcome;
        let counted = o.counted();
        Ok(Some(Report {
            contract_id: id,
            reference: contract.reference.clone(),
            title: contract.title.clone(),
            vendor_id: contract.vendor_id,
            vendor_name: contract.vendor_name.clone(),
            period: period.label(),
            period_first: period.first,
            period_end: period.end,
            running: o.running,
            terms: terms.clone(),
            annual_value_cents: contract.annual_value_cents,
            period_fee_cents: o.period_fee_cents,
            services: o
                .services
                .iter()
                .map(|s| ReportService {
                    service_id: s.service_id,
                    name: s.name.clone(),
                    counted: s.counted.clone(),
                    probe_pct: s.probe.as_ref().map(|e| e.availability_pct),
                    vendor_pct: s.vendor.as_ref().map(|e| e.availability_pct),
                    unmeasured_minutes: s.unmeasured_minutes,
                    measured: s.measured,
                })
                .collect(),
            worst: o.worst,
            availability_pct: o.availability_pct(),
            breach: o.breach(),
            credit_pct: if o.running { 0.0 } else { counted.map_or(0.0, |e| e.credit_pct) },
            credit_cents: o.credit_cents(),
            projected_pct: o.projection.map(|p| p.availability_pct),
            projected_breach: o.projection.is_some_and(|p| p.breach),
            incidents: r.incidents.clone(),
            claim: store::get_credit_claim(self.db(), id, &period.label()).await?,
            computed_at: r.computed_at,
        }))
    }
}
