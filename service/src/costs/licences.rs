//! Licences: seats bought per contract, their measured use (an imported Microsoft 365 active-user
//! report, or figures typed in), utilisation, the "few free seats" and "low use" flags, and the
//! rightsizing list: seats that could be given back at the next true-down and the saving per year.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::Datelike;
use domain::costs::forms::{LicenceForm, LicenceInput};
use domain::costs::rightsizing::{flags, rightsize, utilisation_permille, LicenceTerms};
use domain::costs::usage_m365::{count_m365_active_users, UsageCounts, UsageError};
use domain::text::format_euro;
use domain::views_licences::{LicenceDetail, LicenceList, LicenceRow, LicenceView, UsageSnapshot};
use domain::{ContractId, Invalid, LicenceId, Problem};
use store::NewLicence;

/// The form field an imported usage report's problems are reported at.
pub const REPORT_FIELD: &str = "rapport";

fn new_licence(i: LicenceInput) -> NewLicence {
    NewLicence {
        licence_type: i.licence_type,
        product: i.product,
        purchased: i.purchased,
        unit_price_cents: i.unit_price_cents_month,
        true_up: i.true_up,
        true_down: i.true_down,
        free_below: i.free_below,
        utilisation_below_pct: i.utilisation_below_pct,
    }
}

/// The licence's rightsizing figures and flags for an inactivity window of `days`.
pub fn licence_row(l: LicenceView, days: u32) -> LicenceRow {
    let Some(u) = l.latest.clone() else {
        return LicenceRow {
            licence: l,
            utilisation_permille: None,
            unassigned: None,
            inactive: None,
            removable: None,
            saving_per_year_cents: None,
            free_seats_low: false,
            utilisation_low: false,
        };
    };
    let counts = UsageCounts {
        report_date: u.measured_on,
        assigned: u.assigned,
        active_30: u.active,
        // A source that only knows "active" counts the others as inactive for 30 days, and for
        // longer windows only what it measured.
        inactive_30: u.inactive_30.unwrap_or(u.assigned.saturating_sub(u.active)),
        inactive_60: u.inactive_60.unwrap_or(0),
        inactive_90: u.inactive_90.unwrap_or(0),
    };
    let terms = LicenceTerms {
        purchased: l.purchased,
        unit_price_cents_month: l.unit_price_cents,
        next_true_down: l.true_down,
    };
    let r = rightsize(&terms, &counts, days);
    let f = flags(l.purchased, u.assigned, u.active, l.free_below, l.utilisation_below_pct);
    LicenceRow {
        utilisation_permille: Some(utilisation_permille(u.active, l.purchased)),
        unassigned: Some(r.unassigned),
        inactive: Some(r.inactive),
        removable: Some(r.removable),
        saving_per_year_cents: Some(r.saving_per_year_cents),
        free_seats_low: f.free_seats_low,
        utilisation_low: f.utilisation_low,
        licence: l,
    }
}

/// 30, 60 or 90.
fn window(days: Option<u32>) -> u32 {
    match days {
        Some(d) if d <= 30 => 30,
        Some(d) if d <= 60 => 60,
        Some(_) => 90,
        None => 90,
    }
}

impl Services {
    /// Every licence with its use and saving, largest saving first.
    #[tracing::instrument(skip_all)]
    pub async fn licences(&self, actor: &Actor, days: Option<u32>) -> Result<LicenceList, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", "licences".into()).await?;
        let days = window(days);
        let views = self.with_source_figures(store::list_licences(self.db(), None).await?).await?;
        let mut rows: Vec<LicenceRow> = views.into_iter().map(|l| licence_row(l, days)).collect();
        rows.sort_by(|a, b| {
            b.saving_per_year_cents
                .unwrap_or(-1)
                .cmp(&a.saving_per_year_cents.unwrap_or(-1))
                .then_with(|| a.licence.vendor_name.cmp(&b.licence.vendor_name))
        });
        let total_saving_per_year_cents = rows.iter().filter_map(|r| r.saving_per_year_cents).sum();
        Ok(LicenceList { days, rows, total_saving_per_year_cents })
    }

    /// One licence with its use per month (the last measurement of each month).
    #[tracing::instrument(skip_all, fields(licence = %id))]
    pub async fn licence_detail(
        &self,
        actor: &Actor,
        id: LicenceId,
        days: Option<u32>,
    ) -> Result<LicenceDetail, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", format!("licence:{id}")).await?;
        let l = store::list_licences(self.db(), None)
            .await?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(ServiceError::NotFound)?;
        let mut months: Vec<UsageSnapshot> = Vec::new();
        for u in store::licence_usage(self.db(), id).await? {
            let same_month = |m: &UsageSnapshot| {
                (m.measured_on.year(), m.measured_on.month()) == (u.measured_on.year(), u.measured_on.month())
            };
            match months.last_mut() {
                Some(last) if same_month(last) => *last = u,
                _ => months.push(u),
            }
        }
        self.source_months(&l, &mut months).await?;
        Ok(LicenceDetail { days: window(days), row: licence_row(l, window(days)), months })
    }

    /// The licences of one contract.
    #[tracing::instrument(skip_all, fields(contract = %contract))]
    pub async fn contract_licences(
        &self,
        actor: &Actor,
        contract: ContractId,
    ) -> Result<Vec<LicenceRow>, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", format!("contract:{contract}")).await?;
        let views = self.with_source_figures(store::list_licences(self.db(), Some(contract)).await?).await?;
        Ok(views.into_iter().map(|l| licence_row(l, 90)).collect())
    }

    /// Adds a licence to a contract.
    #[tracing::instrument(skip_all, fields(contract = %contract))]
    pub async fn add_licence(
        &self,
        actor: &Actor,
        contract: ContractId,
        form: &LicenceForm,
    ) -> Result<LicenceId, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.licence.add", format!("contract:{contract}")).await?;
        let input = LicenceInput::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::lock_contract(&mut tx, contract).await?;
        let l = new_licence(input);
        let id =
            store::insert_licence(&mut tx, contract, &l, now).await.map_err(crate::error::duplicate_at("soort"))?;
        let detail = format!("{}: {} x {}", l.licence_type, l.purchased, format_euro(l.unit_price_cents));
        append(&mut tx, record(now, actor, "costs.licence.add", format!("licence:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a licence's terms.
    #[tracing::instrument(skip_all, fields(licence = %id))]
    pub async fn update_licence(&self, actor: &Actor, id: LicenceId, form: &LicenceForm) -> Result<(), ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.licence.update", format!("licence:{id}")).await?;
        let input = LicenceInput::parse(form)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let l = new_licence(input);
        store::update_licence(&mut tx, id, &l, now).await.map_err(crate::error::duplicate_at("soort"))?;
        let detail = format!("{}: {} x {}", l.licence_type, l.purchased, format_euro(l.unit_price_cents));
        append(&mut tx, record(now, actor, "costs.licence.update", format!("licence:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Reads a Microsoft 365 "Office 365 active user detail" report into the licence's use on the
    /// report's date: counts only, no user names are kept. A report in another layout, or with a row
    /// that does not fit its header, is refused (the inner `Err`, naming the line) and nothing is kept.
    #[tracing::instrument(skip_all, fields(licence = %id, bytes = bytes.len()))]
    pub async fn import_m365_usage(
        &self,
        actor: &Actor,
        id: LicenceId,
        bytes: &[u8],
    ) -> Result<Result<UsageSnapshot, UsageError>, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.licence.usage", format!("licence:{id}")).await?;
        if bytes.len() > domain::costs::import::MAX_IMPORT_BYTES {
            return Err(Invalid::one(REPORT_FIELD, Problem::FileTooLarge { max_mb: 50 }).into());
        }
        let l = store::list_licences(self.db(), None)
            .await?
            .into_iter()
            .find(|l| l.id == id)
            .ok_or(ServiceError::NotFound)?;
        let counts = match count_m365_active_users(bytes, l.product.as_deref()) {
            Ok(c) => c,
            Err(e) => return Ok(Err(e)),
        };
        let snapshot = UsageSnapshot {
            measured_on: counts.report_date,
            origin: "m365".into(),
            assigned: counts.assigned,
            active: counts.active_30,
            inactive_30: Some(counts.inactive_30),
            inactive_60: Some(counts.inactive_60),
            inactive_90: Some(counts.inactive_90),
        };
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::upsert_licence_usage(&mut tx, id, &snapshot, now).await?;
        let detail = format!(
            "{}: {} toegewezen, {} actief, {} zonder activiteit (30 dagen)",
            counts.report_date, counts.assigned, counts.active_30, counts.inactive_30
        );
        append(&mut tx, record(now, actor, "costs.licence.usage", format!("licence:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(Ok(snapshot))
    }
}
