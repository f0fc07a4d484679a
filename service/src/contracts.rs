//! Use cases for contracts: registering and revising them, the Termijnen overview and decisions.

use crate::audit::{append, record, Outcome};
use crate::error::duplicate_at;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::contract::{parse_decision, Contract, ContractForm, DecisionForm, NewContract};
use domain::deadlines::{apply_decision, deadlines};
use domain::vendor::VendorService;
use domain::views::{ContractDetail, ContractWithDeadlines, DeadlineFilter, DeadlineSummary};
use domain::{ContractId, Invalid, Problem, VendorId};

impl Services {
    fn with_deadlines(&self, c: Contract) -> ContractWithDeadlines {
        let d = deadlines(&c, self.clock().today(), self.settings().warn_days);
        ContractWithDeadlines { contract: c, deadlines: d }
    }

    #[tracing::instrument(skip_all)]
    pub async fn list_contracts(&self, actor: &Actor) -> Result<Vec<ContractWithDeadlines>, ServiceError> {
        self.guard(actor, Action::ViewContracts, "contract.list", "contracts".into()).await?;
        let list = store::list_contracts(self.db()).await?;
        Ok(list.into_iter().map(|c| self.with_deadlines(c)).collect())
    }

    /// The start page's summary: counts over every contract and the `n` next decisions.
    #[tracing::instrument(skip_all)]
    pub async fn deadline_summary(&self, actor: &Actor, n: usize) -> Result<DeadlineSummary, ServiceError> {
        Ok(DeadlineSummary::of(self.list_contracts(actor).await?, n))
    }

    /// The Termijnen overview: every contract's next deadline, soonest decision date first.
    #[tracing::instrument(skip_all)]
    pub async fn upcoming_deadlines(
        &self,
        actor: &Actor,
        filter: &DeadlineFilter,
    ) -> Result<Vec<ContractWithDeadlines>, ServiceError> {
        let mut rows = self.list_contracts(actor).await?;
        let owner = filter.owner.as_deref().map(|o| o.trim().to_lowercase()).filter(|o| !o.is_empty());
        rows.retain(|r| {
            filter.vendor.is_none_or(|v| r.contract.vendor_id == v)
                && owner.as_deref().is_none_or(|o| r.contract.owner.to_lowercase() == o)
                && filter.status.is_none_or(|s| r.deadlines.status == s)
        });
        rows.sort_by_key(|r| (r.deadlines.decision_date, r.contract.id));
        Ok(rows)
    }

    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn contract_detail(&self, actor: &Actor, id: ContractId) -> Result<ContractDetail, ServiceError> {
        self.guard(actor, Action::ViewContracts, "contract.view", format!("contract:{id}")).await?;
        let contract = store::get_contract(self.db(), id).await?;
        let services = store::list_services(self.db(), contract.vendor_id)
            .await?
            .into_iter()
            .filter(|s| contract.service_ids.contains(&s.id))
            .collect();
        let decisions = store::list_decisions(self.db(), id).await?;
        let ContractWithDeadlines { contract, deadlines } = self.with_deadlines(contract);
        Ok(ContractDetail { contract, deadlines, services, decisions, today: self.clock().today() })
    }

    /// The services a contract with `vendor` can cover, for the form that creates a contract
    /// (`contract` `None`) or revises one; `None` when no vendor is chosen yet. It needs what saving
    /// that form needs, and a refusal is audited as an attempt to create or change the contract; an
    /// unknown contract or vendor is `NotFound`.
    #[tracing::instrument(skip_all)]
    pub async fn contract_form_services(
        &self,
        actor: &Actor,
        contract: Option<ContractId>,
        vendor: Option<VendorId>,
    ) -> Result<Option<Vec<VendorService>>, ServiceError> {
        match contract {
            None => self.guard(actor, Action::ManageContracts, "contract.create", "contract:new".into()).await?,
            Some(id) => {
                self.guard(actor, Action::ManageContracts, "contract.update", format!("contract:{id}")).await?;
                store::get_contract(self.db(), id).await?;
            }
        }
        let Some(vendor) = vendor else { return Ok(None) };
        store::get_vendor(self.db(), vendor).await?;
        Ok(Some(store::list_services(self.db(), vendor).await?))
    }

    /// Validates the form and checks that the vendor exists and the services are that vendor's.
    async fn parse_contract(&self, form: &ContractForm) -> Result<NewContract, ServiceError> {
        let c = NewContract::parse(form)?;
        match store::get_vendor(self.db(), c.vendor_id).await {
            Ok(_) => {}
            Err(store::StoreError::NotFound) => return Err(Invalid::one("vendor_id", Problem::UnknownChoice).into()),
            Err(e) => return Err(e.into()),
        }
        let services = store::list_services(self.db(), c.vendor_id).await?;
        if c.service_ids.iter().any(|id| !services.iter().any(|s| s.id == *id)) {
            return Err(Invalid::one("services", Problem::UnknownChoice).into());
        }
        Ok(c)
    }

    #[tracing::instrument(skip_all)]
    pub async fn register_contract(&self, actor: &Actor, form: &ContractForm) -> Result<ContractId, ServiceError> {
        self.guard(actor, Action::ManageContracts, "contract.create", "contract:new".into()).await?;
        let c = self.parse_contract(form).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_contract(&mut tx, &c, now).await.map_err(duplicate_at("reference"))?;
        append(
            &mut tx,
            record(now, actor, "contract.create", format!("contract:{id}"), Outcome::Ok, Some(c.reference.clone())),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn revise_contract(
        &self,
        actor: &Actor,
        id: ContractId,
        form: &ContractForm,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageContracts, "contract.update", format!("contract:{id}")).await?;
        store::get_contract(self.db(), id).await?;
        let c = self.parse_contract(form).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::update_contract(&mut tx, id, &c, now).await.map_err(duplicate_at("reference"))?;
        append(
            &mut tx,
            record(now, actor, "contract.update", format!("contract:{id}"), Outcome::Ok, Some(c.reference.clone())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn remove_contract(&self, actor: &Actor, id: ContractId) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageContracts, "contract.delete", format!("contract:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::delete_contract(&mut tx, id).await?;
        append(&mut tx, record(now, actor, "contract.delete", format!("contract:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records a decision (renew, exercise option, terminate, re-tender) for the current term and
    /// moves the contract to its next state, with the decision and its audit entry in one transaction.
    #[tracing::instrument(skip_all, fields(contract = %id))]
    pub async fn record_decision(
        &self,
        actor: &Actor,
        id: ContractId,
        form: &DecisionForm,
    ) -> Result<(), ServiceError> {
        self.guard(actor, Action::DecideContract, "contract.decide", format!("contract:{id}")).await?;
        let (decision, note) = parse_decision(form)?;
        let mut tx = self.db().begin().await?;
        // Read under a row lock, so that a second decision at the same moment starts from this one's result.
        let contract = store::lock_contract(&mut tx, id).await?;
        let today = self.clock().today();
        let next = apply_decision(&contract, decision, today).map_err(|p| Invalid::one("decision", p))?;
        let term_end = next.decided_term_end.unwrap_or(contract.initial_end);
        let now = self.clock().now();
        store::save_contract_state(&mut tx, &next, now).await?;
        store::insert_decision(&mut tx, id, decision, term_end, note.as_deref(), actor.user_id, now).await?;
        append(
            &mut tx,
            record(
                now,
                actor,
                "contract.decide",
                format!("contract:{id}"),
                Outcome::Ok,
                Some(format!("{} per {term_end}", decision.key())),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
