//! Importing a cost CSV: upload, preview, confirm. The file's format is checked by the domain
//! (`domain::costs::import`); here its references are checked against the register (the contract
//! reference must exist, the cost centre code must exist, an invoice number must be new for the
//! contract's vendor, also within the file). Nothing is written unless every row is right, and then
//! every row in one transaction with one audit entry.

use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::costs::import::{parse_cost_csv, CostFile, CostLine, MAX_IMPORT_BYTES};
use domain::text::format_euro;
use domain::views_costs::{ImportPreview, ImportPreviewRow, ImportProblemView, PREVIEW_ERRORS, PREVIEW_ROWS};
use domain::{ContractId, CostCentreId, CostImportId, Invalid, Problem, VendorId};
use std::collections::{HashMap, HashSet};
use store::NewCostLine;

/// The form field an upload's problems are reported at.
pub const FILE_FIELD: &str = "bestand";

/// How long an upload waits for its confirmation.
const KEEP_UPLOADS_HOURS: i64 = 24;

/// A file checked against the register: the lines to store, or every problem.
pub struct CheckedImport {
    pub lines: Vec<NewCostLine>,
    pub preview: Vec<ImportPreviewRow>,
    pub problems: Vec<ImportProblemView>,
    pub data_rows: u32,
    pub total_cents: i64,
    pub vat_cents: i64,
}

/// A problem with its Dutch and English sentence.
fn problem(line: u32, column: &str, nl: String, en: String) -> ImportProblemView {
    ImportProblemView { line, column: column.to_string(), message_nl: nl, message_en: en }
}

impl Services {
    /// Keeps an uploaded cost file for its preview; refuses a file over the size limit or not in UTF-8
    /// at the file field before anything is parsed or stored.
    #[tracing::instrument(skip_all, fields(bytes = bytes.len()))]
    pub async fn upload_cost_import(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<CostImportId, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.import.upload", format!("file:{file_name}")).await?;
        let text = upload_text(bytes)?;
        let name: String = file_name.chars().filter(|c| !c.is_control()).take(200).collect();
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let id = store::insert_cost_import(
            &mut tx,
            actor.user_id,
            &name,
            text,
            now,
            now - chrono::Duration::hours(KEEP_UPLOADS_HOURS),
        )
        .await?;
        let detail = format!("{name}: {} bytes", bytes.len());
        append(
            &mut tx,
            record(now, actor, "costs.import.upload", format!("cost_import:{id}"), Outcome::Ok, Some(detail)),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// What an upload would import, with every problem. Only its uploader sees it.
    #[tracing::instrument(skip_all, fields(import = %id))]
    pub async fn cost_import_preview(&self, actor: &Actor, id: CostImportId) -> Result<ImportPreview, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.import.view", format!("cost_import:{id}")).await?;
        let stored = self.own_import(actor, id).await?;
        if stored.imported_at.is_some() {
            return Ok(ImportPreview {
                id,
                file_name: stored.file_name,
                rows: 0,
                total_cents: 0,
                vat_cents: 0,
                sample: Vec::new(),
                errors: Vec::new(),
                error_count: 0,
                imported: true,
            });
        }
        let checked = self.check_cost_file(stored.content.as_bytes()).await?;
        let error_count = u32::try_from(checked.problems.len()).unwrap_or(u32::MAX);
        Ok(ImportPreview {
            id,
            file_name: stored.file_name,
            rows: checked.data_rows,
            total_cents: checked.total_cents,
            vat_cents: checked.vat_cents,
            sample: checked.preview.into_iter().take(PREVIEW_ROWS).collect(),
            errors: checked.problems.into_iter().take(PREVIEW_ERRORS).collect(),
            error_count,
            imported: false,
        })
    }

    /// Imports a previewed upload: checked again (the register may have changed), then every line in
    /// one transaction. Returns how many lines were imported.
    #[tracing::instrument(skip_all, fields(import = %id))]
    pub async fn confirm_cost_import(&self, actor: &Actor, id: CostImportId) -> Result<u64, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.import", format!("cost_import:{id}")).await?;
        let stored = self.own_import(actor, id).await?;
        if stored.imported_at.is_some() {
            return Err(ServiceError::Conflict("imported".into()));
        }
        let checked = self.check_cost_file(stored.content.as_bytes()).await?;
        if !checked.problems.is_empty() || checked.lines.is_empty() {
            return Err(Invalid::one(FILE_FIELD, Problem::ImportHasErrors).into());
        }
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::mark_cost_import_done(&mut tx, id, now).await?;
        let n = store::insert_cost_lines(&mut tx, &checked.lines, now).await.map_err(invoice_conflict)?;
        let detail = format!("{}: {n} regels, {}", stored.file_name, format_euro(checked.total_cents));
        append(&mut tx, record(now, actor, "costs.import", format!("cost_import:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    /// Imports a file at once (the `regiekamer import costs --file` command): all lines, or nothing and
    /// every problem.
    #[tracing::instrument(skip_all, fields(bytes = bytes.len()))]
    pub async fn import_cost_file(
        &self,
        actor: &Actor,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Result<u64, Vec<ImportProblemView>>, ServiceError> {
        self.guard(actor, Action::ManageCosts, "costs.import", format!("file:{file_name}")).await?;
        upload_text(bytes)?;
        let checked = self.check_cost_file(bytes).await?;
        if !checked.problems.is_empty() {
            return Ok(Err(checked.problems));
        }
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        let n = store::insert_cost_lines(&mut tx, &checked.lines, now).await.map_err(invoice_conflict)?;
        let detail = format!("{file_name}: {n} regels, {}", format_euro(checked.total_cents));
        append(&mut tx, record(now, actor, "costs.import", format!("file:{file_name}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(Ok(n))
    }

    async fn own_import(&self, actor: &Actor, id: CostImportId) -> Result<store::StoredImport, ServiceError> {
        match store::get_cost_import(self.db(), id).await? {
            Some(s) if s.user_id == actor.user_id.0 => Ok(s),
            _ => Err(ServiceError::NotFound),
        }
    }

    /// Checks a file's format and its references; never writes.
    pub async fn check_cost_file(&self, bytes: &[u8]) -> Result<CheckedImport, ServiceError> {
        let file = parse_cost_csv(bytes);
        let contracts = store::list_contracts(self.db()).await?;
        let by_reference: HashMap<String, (ContractId, VendorId, String)> = contracts
            .iter()
            .map(|c| (c.reference.to_lowercase(), (c.id, c.vendor_id, c.vendor_name.clone())))
            .collect();
        let centres: HashMap<String, CostCentreId> =
            store::list_cost_centres(self.db()).await?.into_iter().map(|c| (c.code.to_lowercase(), c.id)).collect();
        let vendors: Vec<VendorId> = {
            let mut v: Vec<VendorId> =
                file.rows.iter().filter_map(|r| by_reference.get(&r.contract.to_lowercase()).map(|c| c.1)).collect();
            v.sort();
            v.dedup();
            v
        };
        let existing: HashSet<(VendorId, String)> =
            store::invoice_keys(self.db(), &vendors).await?.into_iter().collect();
        Ok(check_references(file, &by_reference, &centres, &existing))
    }
}

/// The upload as text: refused when too big or not UTF-8 (the parser names the line for the latter,
/// but a stored upload must be text).
fn upload_text(bytes: &[u8]) -> Result<&str, ServiceError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(Invalid::one(
            FILE_FIELD,
            Problem::FileTooLarge { max_mb: (MAX_IMPORT_BYTES / 1024 / 1024) as u32 },
        )
        .into());
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Invalid::one(FILE_FIELD, Problem::Required).into());
    }
    std::str::from_utf8(bytes).map_err(|_| Invalid::one(FILE_FIELD, Problem::NotUtf8).into())
}

fn invoice_conflict(e: store::StoreError) -> ServiceError {
    match e {
        store::StoreError::Conflict(c) if c == store::COST_LINE_INVOICE => {
            Invalid::one(FILE_FIELD, Problem::ImportHasErrors).into()
        }
        other => other.into(),
    }
}

fn check_references(
    file: CostFile,
    contracts: &HashMap<String, (ContractId, VendorId, String)>,
    centres: &HashMap<String, CostCentreId>,
    existing: &HashSet<(VendorId, String)>,
) -> CheckedImport {
    let total_cents = file.total_cents();
    let vat_cents = file.vat_cents();
    let mut problems: Vec<ImportProblemView> =
        file.errors.iter().map(|e| problem(e.line, &e.column, e.message_nl(), e.message_en())).collect();
    let mut lines = Vec::with_capacity(file.rows.len());
    let mut preview = Vec::with_capacity(PREVIEW_ROWS.min(file.rows.len()));
    let mut seen: HashMap<(VendorId, String), u32> = HashMap::new();
    for row in &file.rows {
        let contract = contracts.get(&row.contract.to_lowercase());
        let centre = centres.get(&row.cost_centre.to_lowercase());
        if contract.is_none() {
            problems.push(problem(
                row.line,
                "contract",
                format!("Contract '{}' bestaat niet in het register.", row.contract),
                format!("Contract '{}' is not in the register.", row.contract),
            ));
        }
        if centre.is_none() {
            problems.push(problem(
                row.line,
                "kostenplaats",
                format!(
                    "Kostenplaats '{}' bestaat niet; voeg haar eerst toe onder Kosten > Budgetten.",
                    row.cost_centre
                ),
                format!("Cost centre '{}' does not exist; add it first under Costs > Budgets.", row.cost_centre),
            ));
        }
        let (Some(&(contract, vendor, ref vendor_name)), Some(&centre)) = (contract, centre) else { continue };
        let invoice = (vendor, row.invoice_number.trim().to_lowercase());
        if existing.contains(&invoice) {
            problems.push(problem(
                row.line,
                "factuurnummer",
                format!("Factuur '{}' van {vendor_name} is al ingelezen.", row.invoice_number),
                format!("Invoice '{}' of {vendor_name} was imported before.", row.invoice_number),
            ));
            continue;
        }
        if let Some(first) = seen.get(&invoice) {
            problems.push(problem(
                row.line,
                "factuurnummer",
                format!("Factuur '{}' van {vendor_name} staat ook op regel {first}.", row.invoice_number),
                format!("Invoice '{}' of {vendor_name} is also on line {first}.", row.invoice_number),
            ));
            continue;
        }
        seen.insert(invoice, row.line);
        if preview.len() < PREVIEW_ROWS {
            preview.push(preview_row(row, vendor_name));
        }
        lines.push(new_line(row, contract, vendor, centre));
    }
    problems.sort_by_key(|p| p.line);
    CheckedImport { lines, preview, problems, data_rows: file.data_rows, total_cents, vat_cents }
}

fn preview_row(row: &CostLine, vendor_name: &str) -> ImportPreviewRow {
    ImportPreviewRow {
        line: row.line,
        invoice_number: row.invoice_number.clone(),
        invoice_date: row.invoice_date,
        period_start: row.period_start,
        period_end: row.period_end,
        amount_cents: row.amount_cents,
        vat_cents: row.vat_cents,
        cost_centre: row.cost_centre.clone(),
        contract: row.contract.clone(),
        vendor_name: vendor_name.to_string(),
    }
}

fn new_line(row: &CostLine, contract: ContractId, vendor: VendorId, centre: CostCentreId) -> NewCostLine {
    NewCostLine {
        contract,
        vendor,
        invoice_number: row.invoice_number.trim().to_string(),
        invoice_date: row.invoice_date,
        period_start: row.period_start,
        period_end: row.period_end,
        amount_cents: row.amount_cents,
        vat_cents: row.vat_cents,
        kind: row.kind.key().to_string(),
        cost_centre: centre,
    }
}
