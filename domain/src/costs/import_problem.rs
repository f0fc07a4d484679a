//! What can be wrong in a cost-line file, and the sentences (Dutch and English) that say so and say how to
//! write it right. Re-exported from [`super::import`].

use super::amount::AmountError;
use super::dates::DateError;
use crate::text::format_euro;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One kind of problem in a cost-line file, carrying what its sentence needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportProblem {
    /// The file is not UTF-8 from this line on (probably saved as Windows-1252 or as an Excel workbook).
    NotUtf8,
    /// The file has no header line.
    EmptyFile,
    /// The header line has no `;` or `,`, or as many of each.
    NoSeparator,
    /// A quoted field is never closed: it would run to the end of the file.
    UnclosedQuote,
    /// A required column is not in the header; the error's column is its Dutch name.
    MissingColumn { english: String },
    /// A column stands in the header twice; the error's column is the second, `first` the first.
    DuplicateColumn { first: String },
    /// More than `max` data rows: the file is refused whole.
    TooManyRows { max: u32 },
    /// A row with another number of fields than the header; its other checks are skipped.
    FieldCount { found: u32, expected: u32 },
    /// A required field is empty.
    Required,
    /// A field longer than `max` characters (`length` as written).
    TooLong { max: u32, length: u32 },
    /// A control character (NUL, a line break) or a bidirectional override in a field.
    ForbiddenCharacter,
    /// A date that cannot be read.
    Date(DateError),
    /// An amount that cannot be read.
    Amount(AmountError),
    /// A kind other than factuur/invoice or creditnota/credit note.
    UnknownKind { value: String },
    /// A negative amount on a row that is not marked as a credit note.
    NegativeNotCreditNote { amount_cents: i64 },
    /// A credit note with a positive amount.
    CreditNoteNotNegative { amount_cents: i64 },
    /// VAT with the other sign than the amount.
    VatSign { amount_cents: i64, vat_cents: i64 },
    /// The period ends before it starts.
    EndBeforeStart { start: NaiveDate, end: NaiveDate },
    /// The same invoice number for the same contract reference earlier in the file, on `first_line`.
    DuplicateInvoice { invoice_number: String, contract: String, first_line: u32 },
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

impl ImportProblem {
    /// The Dutch sentence; `column` is the header of the field as written (or the Dutch name of a missing
    /// column), empty for a problem of the whole row or file.
    pub fn message_nl(&self, column: &str) -> String {
        use ImportProblem::*;
        match self {
            NotUtf8 => "het bestand is geen UTF-8: deze regel bevat tekens die niet te lezen zijn; sla het \
                        bestand op als 'CSV UTF-8'."
                .into(),
            EmptyFile => "het bestand is leeg; de eerste regel moet de kop zijn, zoals factuurnummer;factuurdatum;\
                          periode van;periode tot;bedrag;btw;kostenplaats;contract."
                .into(),
            NoSeparator => "in de kop staat geen puntkomma of komma tussen de kolommen (of evenveel van beide); \
                            scheid de kolommen met ; of met ,."
                .into(),
            UnclosedQuote => "een aanhalingsteken (\") wordt niet gesloten; zet een veld tussen twee \
                              aanhalingstekens en schrijf een aanhalingsteken erin dubbel (\"\")."
                .into(),
            MissingColumn { english } => {
                format!("de verplichte kolom '{column}' (Engels: '{english}') ontbreekt in de kop.")
            }
            DuplicateColumn { first } => {
                format!("de kolom '{column}' staat twee keer in de kop (ook als '{first}'); laat er één staan.")
            }
            TooManyRows { max } => {
                format!("het bestand heeft meer dan {max} regels met gegevens; splits het in kleinere bestanden.")
            }
            FieldCount { found, expected } => format!(
                "{found} velden, de kop heeft {expected}; controleer de scheidingstekens en aanhalingstekens op \
                 deze regel."
            ),
            Required => "het veld is leeg; vul het in.".into(),
            TooLong { max, length } => format!("{length} tekens, ten hoogste {max} mogen; kort het in."),
            ForbiddenCharacter => {
                "het veld bevat een stuur- of richtingsteken (zoals NUL of een regeleinde); haal het weg.".into()
            }
            Date(e) => e.message_nl(),
            Amount(e) => e.message_nl(),
            UnknownKind { value } => {
                format!("soort '{value}' is onbekend; schrijf factuur of creditnota (leeg is factuur).")
            }
            NegativeNotCreditNote { amount_cents } => format!(
                "bedrag {} is negatief, maar de regel is geen creditnota; zet de soort op creditnota of maak \
                 het bedrag positief.",
                format_euro(*amount_cents)
            ),
            CreditNoteNotNegative { amount_cents } => format!(
                "deze creditnota heeft een positief bedrag ({}); schrijf het bedrag van een creditnota negatief, \
                 zoals -1.250,00.",
                format_euro(*amount_cents)
            ),
            VatSign { amount_cents, vat_cents } => format!(
                "btw {} heeft een ander teken dan het bedrag {}; bij een creditnota zijn beide negatief, \
                 anders beide positief (btw mag 0 zijn).",
                format_euro(*vat_cents),
                format_euro(*amount_cents)
            ),
            EndBeforeStart { start, end } => format!(
                "de periode eindigt ({}) vóór ze begint ({}); 'periode tot' is de laatste dag van de periode.",
                dmy(*end),
                dmy(*start)
            ),
            DuplicateInvoice { invoice_number, contract, first_line } => format!(
                "factuurnummer '{invoice_number}' voor contract '{contract}' staat al op regel {first_line}; \
                 haal de dubbele regel weg."
            ),
        }
    }

    /// The English sentence; `column` as for [`ImportProblem::message_nl`].
    pub fn message_en(&self, column: &str) -> String {
        use ImportProblem::*;
        match self {
            NotUtf8 => "the file is not UTF-8: this line holds characters that cannot be read; save the file \
                        as 'CSV UTF-8'."
                .into(),
            EmptyFile => "the file is empty; the first line must be the header, such as invoice_number,\
                          invoice_date,period_start,period_end,amount,vat,cost_centre,contract."
                .into(),
            NoSeparator => "the header has no semicolon or comma between the columns (or as many of each); \
                            separate the columns with ; or with ,."
                .into(),
            UnclosedQuote => "a quote (\") is never closed; put a field between two quotes and double a quote \
                              inside it (\"\")."
                .into(),
            MissingColumn { english } => {
                format!("the required column '{english}' (Dutch: '{column}') is missing from the header.")
            }
            DuplicateColumn { first } => {
                format!("the column '{column}' appears twice in the header (also as '{first}'); keep one.")
            }
            TooManyRows { max } => format!("the file has more than {max} data rows; split it into smaller files."),
            FieldCount { found, expected } => {
                format!("{found} fields, the header has {expected}; check the separators and quotes on this line.")
            }
            Required => "the field is empty; fill it in.".into(),
            TooLong { max, length } => format!("{length} characters, at most {max} allowed; shorten it."),
            ForbiddenCharacter => {
                "the field holds a control or direction character (such as NUL or a line break); remove it.".into()
            }
            Date(e) => e.message_en(),
            Amount(e) => e.message_en(),
            UnknownKind { value } => {
                format!("kind '{value}' is unknown; write invoice or credit note (empty means invoice).")
            }
            NegativeNotCreditNote { amount_cents } => format!(
                "amount {} is negative but the row is not a credit note; set the kind to credit note or make \
                 the amount positive.",
                format_euro(*amount_cents)
            ),
            CreditNoteNotNegative { amount_cents } => format!(
                "this credit note has a positive amount ({}); write a credit note's amount as negative, such \
                 as -1250.00.",
                format_euro(*amount_cents)
            ),
            VatSign { amount_cents, vat_cents } => format!(
                "VAT {} has the other sign than the amount {}; on a credit note both are negative, otherwise \
                 both positive (VAT may be 0).",
                format_euro(*vat_cents),
                format_euro(*amount_cents)
            ),
            EndBeforeStart { start, end } => format!(
                "the period ends ({}) before it starts ({}); 'period_end' is the last day of the period.",
                dmy(*end),
                dmy(*start)
            ),
            DuplicateInvoice { invoice_number, contract, first_line } => format!(
                "invoice number '{invoice_number}' for contract '{contract}' is already on line {first_line}; \
                 remove the duplicate row."
            ),
        }
    }
}
