//! Use cases for a contract's SLA terms: everyone who may read the contract reads them; those who
//! edit contracts set them, validated field by field, stored with their audit entry in one transaction.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::sla::contract_terms::{ContractSlaTerms, SlaTermsForm};
use domain::sla::terms::ServiceWindow;
use domain::ContractId;
use store::StoreError;

/// A short summary for the audit entry: target, window, period, basis and the number of tiers.
fn summary(t: &ContractSlaTerms) -> String {
    let window = match t.terms.window {
        ServiceWindow::Always => "24x7",
        ServiceWindow::Weekly { .. } => "weekly",
    };
    format!(
        "target {} %, {window}, per {}, basis {}, {} tiers",
        t.terms.target_pct,
        t.period.key(),
        t.basis.key(),
        t.terms.staffel.len()
    )
}

impl Services {
    /// The contract's SLA terms, `None` when none are set; `NotFound` for an unknown contract.
    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn contract_sla_terms(
        &self,
        actor: &Actor,
        id: ContractId,
    ) -> Result<Option<ContractSlaTerms>, ServiceError> {
        self.guard(actor, Action::ViewContracts, "contract.sla.view", format!("contract:{id}")).await?;
        store::get_contract(self.db(), id).await?;
        Ok(store::get_sla_terms(self.db(), id).await?)
    }

    /// Sets (or replaces) the contract's SLA terms. Bad input is refused with every problem at its
    /// field and nothing is saved.
    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn set_contract_sla_terms(
        &self,
        actor: &Actor,
        id: ContractId,
        form: &SlaTermsForm,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageSlaTerms, "contract.sla.update", format!("contract:{id}")).await?;
        let terms = ContractSlaTerms::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        // Locks the contract row, so that a contract deleted meanwhile answers NotFound, not a conflict.
        store::lock_contract(&mut tx, id).await?;
        let replaced = match store::upsert_sla_terms(&mut tx, id, &terms, now).await {
            Ok(r) => r,
            Err(StoreError::Conflict(_)) => return Err(ServiceError::NotFound),
            Err(e) => return Err(e.into()),
        };
        let detail = format!("{}: {}", if replaced { "replaced" } else { "set" }, summary(&terms));
        append(&mut tx, record(now, actor, "contract.sla.update", format!("contract:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        self.forget_sla_results(id);
        Ok(())
    }
}
