//! Validation problems, reported per form field with a code the UI translates.

use serde::{Deserialize, Serialize};

/// What is wrong with one field's value. The UI turns it into a sentence in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: u32,
    },
    NotANumber,
    NotADate,
    Negative,
    OutOfRange {
        min: i64,
        max: i64,
    },
    KvkFormat,
    UnknownChoice,
    EndBeforeStart,
    NoticeLongerThanTerm,
    Duplicate,
    EmailFormat,
    PasswordTooShort {
        min: u32,
    },
    PasswordMismatch,
    DecisionNotAllowed,
    NoOptionsLeft,
    /// Not an absolute `http://` or `https://` address.
    UrlFormat,
    /// A polling interval below the minimum number of seconds.
    IntervalTooShort {
        min: u32,
    },
    /// A control character (such as NUL), or a bidirectional override that makes text read differently
    /// from what is stored.
    ForbiddenCharacter,
    /// A date whose year lies outside the range any contract or measurement can have.
    YearOutOfRange {
        min: i32,
        max: i32,
    },
    /// A percentage that must be above 0 (or at least 0) and at most 100.
    PercentOutOfRange,
    /// A weekly service window without any weekday.
    NoWeekdays,
    /// A time window whose end is not after its start.
    FromNotBeforeTo,
    /// Two staffel tiers with the same threshold.
    DuplicateTier,
    /// A lower staffel threshold that does not earn more credit.
    CreditNotGrowing,
    /// Not an HTTP header name (an RFC 7230 token such as `X-Api-Key`), or one that steers the
    /// connection itself (`Host`, `Content-Length`, ...).
    HeaderName,
    /// More than `max` rows.
    TooMany {
        max: u32,
    },
    /// Not a time of day as `HH:MM` (00:00-24:00).
    TimeFormat,
    /// Not a month as `YYYY-MM`.
    MonthFormat,
    /// A period that has not begun yet.
    PeriodInFuture,
    /// A period that ended before the contract started.
    BeforeContractStart,
    /// The period is still running, so no credit is owed yet.
    PeriodNotClosed,
    /// The period's result owes no service credit.
    NoCreditOwed,
    /// An address the outbound guard refuses (loopback, private, cloud metadata, ...), checked after
    /// DNS resolution as a poll would be. The guard's own sentence is in [`FieldError::detail`].
    AddressRefused,
    /// A KvK number that another vendor already has (the KvK number identifies the legal entity);
    /// that vendor's name is in [`FieldError::detail`].
    KvkInUse {
        vendor: crate::VendorId,
    },
    /// An amount with one separator followed by exactly three digits (`1.234`, `12,345`): it could be
    /// thousands or decimals, so it is not guessed.
    AmbiguousAmount,
    /// An amount with two decimal separators or thousands groups that are not groups of three
    /// (`1.234.56`, `12.34,56`).
    TwoDecimalSeparators,
    /// An amount or percentage with more than two decimals.
    TooManyDecimals,
    /// An amount with more than 13 digits before the decimal separator.
    AmountTooLarge,
    /// A negative amount on a cost line that is not marked as a credit note.
    NegativeNotCreditNote,
    /// A credit note with a positive amount (a credit note lowers the costs, so its amount is negative).
    CreditNoteNotNegative,
    /// VAT with the other sign than the amount (a credit note has negative VAT, an invoice positive).
    VatSign,
    /// The fixed shares of a cost key do not add up to exactly 100 %; the actual sum (e.g. `99,99 %`)
    /// is in [`FieldError::detail`].
    SharesNotHundred,
    /// Every weight of a cost key (inhabitants or employees) is 0, so nothing can be divided.
    WeightsAllZero,
    /// A code with a space inside (codes are written without spaces, e.g. `KP-4100`).
    CodeWithSpaces,
    /// An uploaded file larger than the limit (in MB); refused before it is read.
    FileTooLarge {
        max_mb: u32,
    },
    /// An uploaded file that is not UTF-8 text.
    NotUtf8,
    /// An uploaded cost file that still has problems (listed in its preview), so nothing is imported.
    ImportHasErrors,
    /// A date in the past where the field asks for today or later.
    DateInPast,
    /// The form was changed (a new version published or the form withdrawn) while the page was open;
    /// nothing was filed.
    FormVersionRetired,
    /// A request's own requester may not approve or reject it.
    OwnRequest,
    /// The request is not in a status where this step is possible (e.g. approving a cancelled request).
    StepNotAllowed,
    /// A choice field without any choice to pick from.
    NoChoices,
    /// The lower bound of a number field is above its upper bound.
    MinAboveMax,
    /// A problem report for a service that monitoring already shows as down: nothing was filed, the
    /// known disruption is linked instead.
    KnownDisruption,
}

/// A problem tied to the form field that caused it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
    /// A fact the message needs beyond the code: the guard's explanation of a refused address, or
    /// the name of the vendor that holds a KvK number. Plain text; escaped where it is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// All problems found in one form submission. Never empty when returned as an error.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, thiserror::Error)]
#[error("invalid input: {0:?}")]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(field: &str, problem: Problem) -> Self {
        Invalid(vec![FieldError { field: field.to_string(), problem, detail: None }])
    }

    /// One problem with the detail its message needs (see [`FieldError::detail`]).
    pub fn one_with(field: &str, problem: Problem, detail: impl Into<String>) -> Self {
        Invalid(vec![FieldError { field: field.to_string(), problem, detail: Some(detail.into()) }])
    }

    pub fn push(&mut self, field: &str, problem: Problem) {
        self.0.push(FieldError { field: field.to_string(), problem, detail: None });
    }

    /// Records the error of a parse step and keeps going, so that one submission reports every field.
    pub fn take<T>(&mut self, r: Result<T, Invalid>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.extend(e.0);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn for_field(&self, field: &str) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    /// The detail of the problem reported for `field`, if it has one.
    pub fn detail_for(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|e| e.field == field).and_then(|e| e.detail.as_deref())
    }

    /// `Ok(())` when nothing was found, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}
