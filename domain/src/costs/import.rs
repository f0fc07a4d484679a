//! The cost-line CSV: invoices and credit notes exported from the finance system, one row per invoice
//! line, checked for format only (whether the cost centre and contract exist is the service's check).
//! Every problem of every row is reported with its line, so that the file can be fixed in one go.
//!
//! The format: UTF-8 with or without byte-order mark; lines ended by LF or CRLF; `;` or `,` between
//! fields (whichever occurs more often outside quotes on the header line); fields may be quoted as in
//! RFC 4180 (`"a;b"`, `""` for a quote). The first line is the header: Dutch or English names in any
//! order, any case, spaces, underscores and hyphens alike:
//!
//! | required | Dutch | English |
//! | --- | --- | --- |
//! | yes | factuurnummer | invoice_number |
//! | yes | factuurdatum | invoice_date |
//! | yes | periode van | period_start |
//! | yes | periode tot (inclusive) | period_end |
//! | yes | bedrag (excl. VAT) | amount |
//! | yes | btw (write 0 when there is none) | vat |
//! | yes | kostenplaats | cost_centre, cost_center |
//! | yes | contract | contract |
//! | no | soort: factuur (default) or creditnota | kind: invoice or credit note |
//!
//! Other columns are ignored. Dates as `dd-mm-jjjj` or `jjjj-mm-dd`, amounts as in
//! [`super::amount::parse_amount`]. A line that is empty or holds only separators and spaces is skipped
//! and not counted.

use super::amount::{parse_amount, AmountError};
use super::csv_read::{decode, detect_separator, header_key, Record, Records};
use super::dates::{parse_import_date, DateError};
use super::import_layout::{Col, Layout};
use crate::error::{Invalid, Problem};
use crate::vendor::choice_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub use super::import_problem::ImportProblem;

/// Callers refuse bigger uploads before parsing.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
/// The most data rows one file may have.
pub const MAX_ROWS: u32 = 250_000;
/// The longest invoice number and contract reference.
pub const MAX_REFERENCE: u32 = 64;
/// The longest cost-centre code.
pub const MAX_COST_CENTRE: u32 = 32;

choice_enum!(
    /// Whether a cost line charges (an invoice) or refunds (a credit note, with a negative amount).
    CostKind { Invoice => "factuur", CreditNote => "creditnota" }
);

impl CostKind {
    /// Reads a kind as written in a file or form: `factuur`/`invoice` or `creditnota`/`credit note`/
    /// `credit_note` (any case); empty is an invoice. `None` for anything else.
    pub fn parse_lenient(value: &str) -> Option<CostKind> {
        match header_key(value.trim()).as_str() {
            "" | "factuur" | "invoice" => Some(CostKind::Invoice),
            "creditnota" | "creditnote" => Some(CostKind::CreditNote),
            _ => None,
        }
    }
}

/// One checked row of the file (format only; references are checked by the service).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLine {
    /// Line number in the file; the header is line 1.
    pub line: u32,
    /// The vendor's invoice number, trimmed, 1..=64 characters.
    pub invoice_number: String,
    pub invoice_date: NaiveDate,
    /// First day the invoice covers.
    pub period_start: NaiveDate,
    /// Last day the invoice covers (inclusive), on or after `period_start`.
    pub period_end: NaiveDate,
    /// Excluding VAT; negative only for a credit note.
    pub amount_cents: i64,
    /// Same sign as the amount, or 0.
    pub vat_cents: i64,
    /// The cost centre's code as written, trimmed, 1..=32 characters.
    pub cost_centre: String,
    /// The contract reference, trimmed, 1..=64 characters.
    pub contract: String,
    pub kind: CostKind,
}

/// A problem in the file: where (line, column as written in the header; empty for the whole row) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    pub line: u32,
    pub column: String,
    pub problem: ImportProblem,
}

impl ImportError {
    fn prefix(&self, line_word: &str, column_word: &str) -> String {
        let names_column =
            matches!(self.problem, ImportProblem::MissingColumn { .. } | ImportProblem::DuplicateColumn { .. });
        if self.column.is_empty() || names_column {
            format!("{line_word} {}: ", self.line)
        } else {
            format!("{line_word} {}, {column_word} '{}': ", self.line, self.column)
        }
    }

    /// "regel 7, kolom 'bedrag': …" in Dutch.
    pub fn message_nl(&self) -> String {
        self.prefix("regel", "kolom") + &self.problem.message_nl(&self.column)
    }

    /// "line 7, column 'amount': …" in English.
    pub fn message_en(&self) -> String {
        self.prefix("line", "column") + &self.problem.message_en(&self.column)
    }
}

/// The result of reading a file: the rows that passed every check, how many data rows there were (blank
/// lines not counted) and every problem found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostFile {
    pub rows: Vec<CostLine>,
    pub data_rows: u32,
    pub errors: Vec<ImportError>,
}

impl CostFile {
    /// The sum of the amounts (excl. VAT) of the rows that parsed; saturates at the limits of `i64`.
    pub fn total_cents(&self) -> i64 {
        self.rows.iter().fold(0i64, |sum, r| sum.saturating_add(r.amount_cents))
    }

    /// The sum of the VAT of the rows that parsed; saturates at the limits of `i64`.
    pub fn vat_cents(&self) -> i64 {
        self.rows.iter().fold(0i64, |sum, r| sum.saturating_add(r.vat_cents))
    }

    /// The file can be imported: no problems and at least one row.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty() && !self.rows.is_empty()
    }

    /// `{"rows": data_rows, "total_cents", "vat_cents", "errors": [{"line","column","message"}]}`, message in
    /// Dutch: what a check of the file (before importing) answers.
    pub fn check_json(&self) -> String {
        let errors: Vec<serde_json::Value> = self
            .errors
            .iter()
            .map(|e| serde_json::json!({"line": e.line, "column": e.column, "message": e.message_nl()}))
            .collect();
        serde_json::json!({
            "rows": self.data_rows,
            "total_cents": self.total_cents(),
            "vat_cents": self.vat_cents(),
            "errors": errors,
        })
        .to_string()
    }
}

/// Reads a cost-line file (see the module documentation for the format) and checks every row.
/// Never panics; every problem is in [`CostFile::errors`].
pub fn parse_cost_csv(bytes: &[u8]) -> CostFile {
    let mut file = CostFile::default();
    let whole = |line, problem| ImportError { line, column: String::new(), problem };
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(line) => {
            file.errors.push(whole(line, ImportProblem::NotUtf8));
            return file;
        }
    };
    if text.trim().is_empty() {
        file.errors.push(whole(1, ImportProblem::EmptyFile));
        return file;
    }
    let Some(sep) = detect_separator(text) else {
        file.errors.push(whole(1, ImportProblem::NoSeparator));
        return file;
    };
    let mut records = Records::new(text, sep);
    let layout = match records.next() {
        Some(Ok(header)) => match Layout::from_header(&header) {
            Ok(layout) => layout,
            Err(errors) => {
                file.errors = errors;
                return file;
            }
        },
        Some(Err(e)) => {
            file.errors.push(whole(e.line, ImportProblem::UnclosedQuote));
            return file;
        }
        None => {
            file.errors.push(whole(1, ImportProblem::EmptyFile));
            return file;
        }
    };
    let mut seen: HashMap<(String, String), u32> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                file.errors.push(whole(e.line, ImportProblem::UnclosedQuote));
                break;
            }
        };
        if record.is_blank() {
            continue;
        }
        file.data_rows += 1;
        if file.data_rows > MAX_ROWS {
            file.rows.clear();
            file.errors = vec![whole(record.line, ImportProblem::TooManyRows { max: MAX_ROWS })];
            return file;
        }
        match check_row(&layout, &record, &mut seen) {
            Ok(row) => file.rows.push(row),
            Err(errors) => file.errors.extend(errors),
        }
    }
    file
}

/// One row's checks; every problem is reported, except after a wrong number of fields.
fn check_row(
    layout: &Layout,
    record: &Record<'_>,
    seen: &mut HashMap<(String, String), u32>,
) -> Result<CostLine, Vec<ImportError>> {
    let line = record.line;
    if record.fields.len() != layout.width {
        let found = u32::try_from(record.fields.len()).unwrap_or(u32::MAX);
        let expected = u32::try_from(layout.width).unwrap_or(u32::MAX);
        return Err(vec![ImportError {
            line,
            column: String::new(),
            problem: ImportProblem::FieldCount { found, expected },
        }]);
    }
    let mut errors = Vec::new();
    let mut report = |col: Col, problem: ImportProblem| {
        errors.push(ImportError { line, column: layout.written[col as usize].clone(), problem });
    };
    let value = |col: Col| -> &str {
        layout.index[col as usize].and_then(|i| record.fields.get(i)).map(|f| f.as_ref()).unwrap_or_default()
    };
    let mut text = |col: Col, max: u32| match crate::text::text("", value(col), max, true) {
        Ok(v) => Some(v),
        Err(Invalid(e)) => {
            let length = u32::try_from(value(col).trim().chars().count()).unwrap_or(u32::MAX);
            report(
                col,
                match e.first().map(|e| e.problem) {
                    Some(Problem::Required) => ImportProblem::Required,
                    Some(Problem::TooLong { max }) => ImportProblem::TooLong { max, length },
                    _ => ImportProblem::ForbiddenCharacter,
                },
            );
            None
        }
    };
    let invoice_number = text(Col::InvoiceNumber, MAX_REFERENCE);
    let cost_centre = text(Col::CostCentre, MAX_COST_CENTRE);
    let contract = text(Col::Contract, MAX_REFERENCE);
    let mut date = |col: Col| match parse_import_date(value(col)) {
        Ok(d) => Some(d),
        Err(DateError::Empty) => {
            report(col, ImportProblem::Required);
            None
        }
        Err(e) => {
            report(col, ImportProblem::Date(e));
            None
        }
    };
    let invoice_date = date(Col::InvoiceDate);
    let period_start = date(Col::PeriodStart);
    let period_end = date(Col::PeriodEnd);
    let mut amount = |col: Col| match parse_amount(value(col)) {
        Ok(c) => Some(c),
        Err(AmountError::Empty) => {
            report(col, ImportProblem::Required);
            None
        }
        Err(e) => {
            report(col, ImportProblem::Amount(e));
            None
        }
    };
    let amount_cents = amount(Col::Amount);
    let vat_cents = amount(Col::Vat);
    let kind = CostKind::parse_lenient(value(Col::Kind));
    if kind.is_none() {
        report(Col::Kind, ImportProblem::UnknownKind { value: value(Col::Kind).trim().to_string() });
    }
    if let (Some(amount), Some(kind)) = (amount_cents, kind) {
        if amount < 0 && kind != CostKind::CreditNote {
            report(Col::Amount, ImportProblem::NegativeNotCreditNote { amount_cents: amount });
        }
        if amount > 0 && kind == CostKind::CreditNote {
            report(Col::Amount, ImportProblem::CreditNoteNotNegative { amount_cents: amount });
        }
    }
    if let (Some(amount), Some(vat)) = (amount_cents, vat_cents) {
        if vat_sign_differs(amount, vat) {
            report(Col::Vat, ImportProblem::VatSign { amount_cents: amount, vat_cents: vat });
        }
    }
    if let (Some(start), Some(end)) = (period_start, period_end) {
        if end < start {
            report(Col::PeriodEnd, ImportProblem::EndBeforeStart { start, end });
        }
    }
    if let (Some(number), Some(contract)) = (&invoice_number, &contract) {
        match seen.get(&(contract.clone(), number.clone())) {
            Some(&first_line) => report(
                Col::InvoiceNumber,
                ImportProblem::DuplicateInvoice {
                    invoice_number: number.clone(),
                    contract: contract.clone(),
                    first_line,
                },
            ),
            None => {
                seen.insert((contract.clone(), number.clone()), line);
            }
        }
    }
    match (invoice_number, invoice_date, period_start, period_end, amount_cents, vat_cents, cost_centre, contract, kind)
    {
        (Some(n), Some(d), Some(s), Some(e), Some(a), Some(v), Some(cc), Some(c), Some(k)) if errors.is_empty() => {
            Ok(CostLine {
                line,
                invoice_number: n,
                invoice_date: d,
                period_start: s,
                period_end: e,
                amount_cents: a,
                vat_cents: v,
                cost_centre: cc,
                contract: c,
                kind: k,
            })
        }
        _ => Err(errors),
    }
}

/// VAT must have the amount's sign, or be 0: negative VAT on a credit note, positive on an invoice.
pub(crate) fn vat_sign_differs(amount_cents: i64, vat_cents: i64) -> bool {
    vat_cents != 0 && vat_cents.signum() != amount_cents.signum()
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
