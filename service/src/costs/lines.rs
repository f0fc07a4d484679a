//! Entering, listing and removing single invoice lines.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::Datelike;
use domain::costs::forms::{CostLineForm, CostLineInput};
use domain::text::format_euro;
use domain::views_costs::CostLinePage;
use domain::{ContractId, CostLineId, Invalid, Problem};
use store::NewCostLine;
pub use store::{CostLineFilter, CostLineSort};

/// Lines per page of the invoice list.
pub const LINES_PER_PAGE: u32 = 50;

impl Services {
    /// Adds one invoice or credit-note line to a contract.
    #[tracing::instrument(skip_all, fields(contract = %contract))]
    pub async fn add_cost_line(
        &self,
        actor: &Actor,
        contract: ContractId,
        form: &CostLineForm,
    ) -> Result<CostLineId, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.line.add", format!("contract:{contract}")).await?;
        let input = CostLineInput::parse(form)?;
        let c = store::get_contract(self.db(), contract).await?;
        let centre = store::list_cost_centres(self.db())
            .await?
            .into_iter()
            .find(|cc| cc.code.eq_ignore_ascii_case(input.cost_centre.trim()))
            .ok_or_else(|| Invalid::one("kostenplaats", Problem::UnknownChoice))?;
        let line = NewCostLine {
            contract,
            vendor: c.vendor_id,
            invoice_number: input.invoice_number.clone(),
            invoice_date: input.invoice_date,
            period_start: input.period_start,
            period_end: input.period_end,
            amount_cents: input.amount_cents,
            vat_cents: input.vat_cents,
            kind: input.kind.key().to_string(),
            cost_centre: centre.id,
        };
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id =
            store::insert_cost_line(&mut tx, &line, now).await.map_err(crate::error::duplicate_at("factuurnummer"))?;
        let detail = format!("{} {}: {}", c.reference, line.invoice_number, format_euro(line.amount_cents));
        append(&mut tx, record(now, actor, "costs.line.add", format!("cost_line:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Removes a line (a wrong entry; a correction from the vendor is a credit note instead).
    #[tracing::instrument(skip_all, fields(line = %id))]
    pub async fn remove_cost_line(&self, actor: &Actor, id: CostLineId) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.line.delete", format!("cost_line:{id}")).await?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let gone = store::delete_cost_line(&mut tx, id).await?;
        let detail = format!(
            "{} {} ({}): {}",
            gone.contract_reference,
            gone.invoice_number,
            gone.vendor_name,
            format_euro(gone.amount_cents)
        );
        append(&mut tx, record(now, actor, "costs.line.delete", format!("cost_line:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A page (from 1) of lines matching the filter.
    #[tracing::instrument(skip_all)]
    pub async fn cost_lines(
        &self,
        actor: &Actor,
        filter: &CostLineFilter,
        sort: CostLineSort,
        descending: bool,
        page: u32,
    ) -> Result<CostLinePage, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", "cost_lines".into()).await?;
        let page = page.max(1);
        let (lines, total) =
            store::list_cost_lines(self.db(), filter, sort, descending, LINES_PER_PAGE, (page - 1) * LINES_PER_PAGE)
                .await?;
        let pages = u32::try_from(total.div_ceil(u64::from(LINES_PER_PAGE))).unwrap_or(u32::MAX).max(1);
        let years = match store::cost_years(self.db()).await? {
            (Some(first), Some(last)) => (first.year()..=last.year()).rev().collect(),
            _ => Vec::new(),
        };
        Ok(CostLinePage { lines, total, page, pages, years })
    }
}
