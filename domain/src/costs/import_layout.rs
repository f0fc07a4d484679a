//! Where the columns of a cost-line file stand: its header in Dutch or English, any order, any case,
//! spaces, underscores and hyphens alike.

use super::csv_read::{header_key, Record};
use super::import::{ImportError, ImportProblem};

/// The columns of the file, in the order their missing-column errors are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    InvoiceNumber,
    InvoiceDate,
    PeriodStart,
    PeriodEnd,
    Amount,
    Vat,
    CostCentre,
    Contract,
    Kind,
}

impl Col {
    const ALL: [Col; 9] = [
        Col::InvoiceNumber,
        Col::InvoiceDate,
        Col::PeriodStart,
        Col::PeriodEnd,
        Col::Amount,
        Col::Vat,
        Col::CostCentre,
        Col::Contract,
        Col::Kind,
    ];

    /// (Dutch name, English name, other accepted spellings as header keys).
    fn names(self) -> (&'static str, &'static str, &'static [&'static str]) {
        match self {
            Col::InvoiceNumber => ("factuurnummer", "invoice_number", &[]),
            Col::InvoiceDate => ("factuurdatum", "invoice_date", &[]),
            Col::PeriodStart => ("periode van", "period_start", &[]),
            Col::PeriodEnd => ("periode tot", "period_end", &[]),
            Col::Amount => ("bedrag", "amount", &[]),
            Col::Vat => ("btw", "vat", &[]),
            Col::CostCentre => ("kostenplaats", "cost_centre", &["costcenter"]),
            Col::Contract => ("contract", "contract", &[]),
            Col::Kind => ("soort", "kind", &[]),
        }
    }

    fn matches(self, key: &str) -> bool {
        let (nl, en, more) = self.names();
        key == header_key(nl) || key == header_key(en) || more.contains(&key)
    }
}

/// Where each column stands and how its header is written.
pub(super) struct Layout {
    pub index: [Option<usize>; 9],
    pub written: [String; 9],
    pub width: usize,
}

impl Layout {
    /// Finds the columns in the header; every missing required column and every column given twice is an
    /// error on line 1.
    pub fn from_header(header: &Record<'_>) -> Result<Layout, Vec<ImportError>> {
        let mut layout = Layout { index: [None; 9], written: Default::default(), width: header.fields.len() };
        let mut errors = Vec::new();
        for (i, field) in header.fields.iter().enumerate() {
            let key = header_key(field);
            let Some(col) = Col::ALL.iter().copied().find(|c| c.matches(&key)) else { continue };
            let written = field.trim().to_string();
            if layout.index[col as usize].is_some() {
                let first = layout.written[col as usize].clone();
                errors.push(ImportError {
                    line: 1,
                    column: written,
                    problem: ImportProblem::DuplicateColumn { first },
                });
            } else {
                layout.index[col as usize] = Some(i);
                layout.written[col as usize] = written;
            }
        }
        for col in Col::ALL.into_iter().filter(|c| *c != Col::Kind) {
            if layout.index[col as usize].is_none() {
                let (nl, en, _) = col.names();
                let problem = ImportProblem::MissingColumn { english: en.into() };
                errors.push(ImportError { line: 1, column: nl.into(), problem });
            }
        }
        if errors.is_empty() {
            Ok(layout)
        } else {
            Err(errors)
        }
    }
}
