//! Recording that a period's service credit was claimed from the vendor or received. Only a closed
//! period that owes a credit can be recorded; the amount is the credit the evaluation computed. The
//! record and its audit entry are written in one transaction.

use super::Subject;
use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::sla::claims::{CreditClaimForm, CreditClaimInput};
use domain::sla::outcome::{period_containing, pick_month};
use domain::sla::views::CreditClaim;
use domain::text::format_euro;
use domain::{ContractId, Invalid, Problem};

impl Services {
    /// Records the claim for the period of the contract's terms that holds `form.maand`.
    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn record_credit_claim(
        &self,
        actor: &Actor,
        id: ContractId,
        form: &CreditClaimForm,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::RecordCreditClaim, "sla.credit.record", format!("contract:{id}")).await?;
        let input = CreditClaimInput::parse(form)?;
        let Some((contract, terms, updated, services)) = self.sla_subject_parts(id).await? else {
            return Err(ServiceError::NotFound);
        };
        let month = pick_month(Some(&form.maand), self.clock().today(), Some(contract.start))?;
        let period = period_containing(terms.period, month.first);
        let subject = Subject { contract: &contract, terms: &terms, terms_updated: updated, services };
        let results = self.sla_results(&[(&subject, period)]).await?;
        let outcome = results.get(&(id, period)).map(|r| &r.outcome);
        let amount = match outcome {
            Some(o) if o.running => return Err(Invalid::one("maand", Problem::PeriodNotClosed).into()),
            Some(o) if o.credit_cents() > 0 => o.credit_cents(),
            _ => return Err(Invalid::one("maand", Problem::NoCreditOwed).into()),
        };
        let now = self.clock().now();
        let claim = CreditClaim {
            status: input.status.key().to_string(),
            amount_cents: amount,
            note: input.note,
            recorded_by: actor.username.clone(),
            recorded_at: now,
        };
        let label = period.label();
        let mut tx = self.db().begin().await?;
        store::lock_contract(&mut tx, id).await?;
        let before = store::upsert_credit_claim(&mut tx, id, &label, &claim).await?;
        let detail =
            format!("{label}: {} -> {} ({})", before.as_deref().unwrap_or("none"), claim.status, format_euro(amount));
        append(&mut tx, record(now, actor, "sla.credit.record", format!("contract:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
