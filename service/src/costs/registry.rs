//! The cost registers the regie team keeps: cost centres and their budgets, served organisations,
//! verdeelsleutels and known price changes. Each change is checked, written and audited in one
//! transaction.

use crate::audit::{append, record, Outcome};
use crate::error::duplicate_at;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::costs::allocation::{check_weights, parse_percentage_bp, AllocationBasis};
use domain::costs::forms::{
    BudgetForm, BudgetInput, CostCentreForm, CostCentreInput, OrganisationForm, OrganisationInput, PriceChangeForm,
    PriceChangeInput,
};
use domain::text::format_euro;
use domain::views_costs::{AllocationTarget, Budget, CostRegisters, PriceChangeView};
use domain::{ContractId, CostCentreId, Invalid, OrganisationId, Problem};

/// The organisations that take part in a key as the form sends them: every organisation on the form
/// (`organisations`), the share typed for each (same index) and the ids ticked. One takes part when
/// ticked or given a share; ids that are not numbers are left out.
pub fn taking_part(
    organisations: &[String],
    shares: &[String],
    participants: &[String],
) -> Vec<(OrganisationId, String)> {
    organisations
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let share = shares.get(i).map(|s| s.trim().to_string()).unwrap_or_default();
            let ticked = participants.iter().any(|p| p.trim() == o.trim());
            let id = o.parse::<OrganisationId>().ok()?;
            (ticked || !share.is_empty()).then_some((id, share))
        })
        .collect()
}

fn target_object(target: AllocationTarget) -> String {
    match target {
        AllocationTarget::Contract(c) => format!("contract:{c}"),
        AllocationTarget::CostCentre(c) => format!("cost_centre:{c}"),
    }
}

impl Services {
    /// Cost centres, budgets (all years), organisations and keys.
    #[tracing::instrument(skip_all)]
    pub async fn cost_registers(&self, actor: &Actor) -> Result<CostRegisters, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", "cost_registers".into()).await?;
        let db = self.db();
        let (cost_centres, budgets, organisations, keys) = tokio::try_join!(
            store::list_cost_centres(db),
            store::list_budgets(db, None),
            store::list_organisations(db),
            store::list_allocation_keys(db),
        )?;
        Ok(CostRegisters { cost_centres, budgets, organisations, keys })
    }

    /// Adds a cost centre.
    #[tracing::instrument(skip_all)]
    pub async fn add_cost_centre(&self, actor: &Actor, form: &CostCentreForm) -> Result<CostCentreId, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.centre.add", "cost_centres".into()).await?;
        let input = CostCentreInput::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id =
            store::insert_cost_centre(&mut tx, &input.code, &input.name, now).await.map_err(duplicate_at("code"))?;
        let detail = format!("{} {}", input.code, input.name);
        append(&mut tx, record(now, actor, "costs.centre.add", format!("cost_centre:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Sets the budget of a cost centre for a year.
    #[tracing::instrument(skip_all)]
    pub async fn set_budget(&self, actor: &Actor, form: &BudgetForm) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.budget.set", "budgets".into()).await?;
        let input = BudgetInput::parse(form)?;
        let centre = store::list_cost_centres(self.db())
            .await?
            .into_iter()
            .find(|c| c.code.eq_ignore_ascii_case(input.cost_centre.trim()) || c.id.to_string() == input.cost_centre)
            .ok_or_else(|| Invalid::one("kostenplaats", Problem::UnknownChoice))?;
        let budget = Budget { cost_centre: centre.id, year: input.year, amount_cents: input.amount_cents };
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let before = store::upsert_budget(&mut tx, &budget).await?;
        let detail = format!(
            "{} {}: {} -> {}",
            centre.code,
            input.year,
            before.map(format_euro).unwrap_or_else(|| "geen".into()),
            format_euro(input.amount_cents)
        );
        let object = format!("cost_centre:{}", centre.id);
        append(&mut tx, record(now, actor, "costs.budget.set", object, Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a served organisation.
    #[tracing::instrument(skip_all)]
    pub async fn add_organisation(
        &self,
        actor: &Actor,
        form: &OrganisationForm,
    ) -> Result<OrganisationId, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.organisation.add", "organisations".into()).await?;
        let input = OrganisationInput::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_organisation(&mut tx, &input.name, input.inhabitants, input.employees, now)
            .await
            .map_err(duplicate_at("naam"))?;
        let object = format!("organisation:{id}");
        append(&mut tx, record(now, actor, "costs.organisation.add", object, Outcome::Ok, Some(input.name))).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a served organisation's name and counts (count keys follow at once).
    #[tracing::instrument(skip_all, fields(organisation = %id))]
    pub async fn update_organisation(
        &self,
        actor: &Actor,
        id: OrganisationId,
        form: &OrganisationForm,
    ) -> Result<(), ServiceError> {
        let object = format!("organisation:{id}");
        self.guard(actor, Action::ManageCosts, "costs.organisation.update", object.clone()).await?;
        let input = OrganisationInput::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::update_organisation(&mut tx, id, &input.name, input.inhabitants, input.employees)
            .await
            .map_err(duplicate_at("naam"))?;
        let detail = format!(
            "{}: inwoners {}, medewerkers {}",
            input.name,
            input.inhabitants.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            input.employees.map(|n| n.to_string()).unwrap_or_else(|| "-".into())
        );
        append(&mut tx, record(now, actor, "costs.organisation.update", object, Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets the verdeelsleutel of a contract or cost centre. `shares` pairs each organisation that
    /// takes part with what was typed for it: a percentage for a fixed key (all must add up to
    /// 100 %), ignored for a count key (the organisations' counts are used). No organisation removes
    /// the key.
    #[tracing::instrument(skip_all)]
    pub async fn set_allocation_key(
        &self,
        actor: &Actor,
        target: AllocationTarget,
        basis: &str,
        shares: &[(OrganisationId, String)],
    ) -> Result<(), ServiceError> {
        let object = target_object(target);
        self.guard(actor, Action::ManageCosts, "costs.allocation.set", object.clone()).await?;
        let basis = AllocationBasis::parse("basis", basis)?;
        let organisations = store::list_organisations(self.db()).await?;
        let mut weights = Vec::with_capacity(shares.len());
        let mut inv = Invalid::default();
        for (org, typed) in shares {
            let Some(o) = organisations.iter().find(|o| o.id == *org) else {
                inv.push("aandelen", Problem::UnknownChoice);
                continue;
            };
            let weight = match basis {
                AllocationBasis::Fixed => {
                    inv.take(parse_percentage_bp(&format!("aandeel-{org}"), typed)).map(u64::from)
                }
                AllocationBasis::Inhabitants => Some(o.inhabitants.unwrap_or(0)),
                AllocationBasis::Employees => Some(o.employees.unwrap_or(0)),
            };
            if let Some(w) = weight {
                weights.push((org.0, w));
            }
        }
        inv.into_result()?;
        if shares.is_empty() {
            return self.remove_allocation_key(actor, target, object).await;
        }
        check_weights(basis, &weights)?;
        match target {
            AllocationTarget::Contract(c) => drop(store::get_contract(self.db(), c).await?),
            AllocationTarget::CostCentre(c) => {
                if !store::list_cost_centres(self.db()).await?.iter().any(|cc| cc.id == c) {
                    return Err(ServiceError::NotFound);
                }
            }
        }
        let stored: Vec<(OrganisationId, u64)> = weights
            .iter()
            .map(|&(o, w)| (OrganisationId(o), if basis == AllocationBasis::Fixed { w } else { 0 }))
            .collect();
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::replace_allocation_key(&mut tx, target, basis.key(), &stored, now).await?;
        let detail = format!(
            "{}: {}",
            basis.key(),
            weights
                .iter()
                .map(|(o, w)| {
                    let name = organisations.iter().find(|x| x.id.0 == *o).map(|x| x.name.as_str()).unwrap_or("?");
                    if basis == AllocationBasis::Fixed {
                        format!("{name} {},{:02} %", w / 100, w % 100)
                    } else {
                        format!("{name} {w}")
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        );
        append(&mut tx, record(now, actor, "costs.allocation.set", object, Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn remove_allocation_key(
        &self,
        actor: &Actor,
        target: AllocationTarget,
        object: String,
    ) -> Result<(), ServiceError> {
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        if store::delete_allocation_key(&mut tx, target).await? {
            append(&mut tx, record(now, actor, "costs.allocation.remove", object, Outcome::Ok, None)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The known price changes of a contract.
    #[tracing::instrument(skip_all, fields(contract = %contract))]
    pub async fn price_changes(
        &self,
        actor: &Actor,
        contract: ContractId,
    ) -> Result<Vec<PriceChangeView>, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", format!("contract:{contract}")).await?;
        Ok(store::list_price_changes(self.db(), Some(contract)).await?.into_iter().map(|(_, p)| p).collect())
    }

    /// Records a known price change (indexation) of a contract from a date.
    #[tracing::instrument(skip_all, fields(contract = %contract))]
    pub async fn set_price_change(
        &self,
        actor: &Actor,
        contract: ContractId,
        form: &PriceChangeForm,
    ) -> Result<(), ServiceError> {
        let object = format!("contract:{contract}");
        self.guard(actor, Action::ManageCosts, "costs.price_change.set", object.clone()).await?;
        let input = PriceChangeInput::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::lock_contract(&mut tx, contract).await?;
        let change = PriceChangeView { effective_from: input.effective_from, basis_points: input.basis_points };
        let before = store::upsert_price_change(&mut tx, contract, &change).await?;
        let detail = format!(
            "{}: {} -> {} bp",
            input.effective_from,
            before.map(|b| format!("{b} bp")).unwrap_or_else(|| "geen".into()),
            input.basis_points
        );
        append(&mut tx, record(now, actor, "costs.price_change.set", object, Outcome::Ok, Some(detail))).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes a known price change.
    #[tracing::instrument(skip_all, fields(contract = %contract))]
    pub async fn remove_price_change(
        &self,
        actor: &Actor,
        contract: ContractId,
        effective_from: chrono::NaiveDate,
    ) -> Result<(), ServiceError> {
        let object = format!("contract:{contract}");
        self.guard(actor, Action::ManageCosts, "costs.price_change.remove", object.clone()).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::delete_price_change(&mut tx, contract, effective_from).await?;
        append(
            &mut tx,
            record(now, actor, "costs.price_change.remove", object, Outcome::Ok, Some(effective_from.to_string())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organisation_takes_part_when_ticked_or_given_a_share() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let pairs = taking_part(&s(&["1", "2", "3", "x"]), &s(&["60", " ", "", "40"]), &s(&["3"]));
        assert_eq!(pairs, [(OrganisationId(1), "60".to_string()), (OrganisationId(3), String::new())]);
    }
}
