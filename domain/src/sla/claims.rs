//! Recording that a service credit was claimed from the vendor, or received: the form and its check.
//! The amount is not typed: it is the credit the evaluation computed for the period.

use crate::error::{Invalid, Problem};
use crate::text::optional_multiline_text;
use crate::vendor::choice_enum;
use serde::{Deserialize, Serialize};

/// The longest note with a claim.
pub const MAX_NOTE: u32 = 1000;

choice_enum!(
    /// Where a credit stands: claimed from the vendor, or received (as a credit note or deduction).
    ClaimStatus { Claimed => "claimed", Received => "received" }
);

/// The claim form as the browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CreditClaimForm {
    /// `YYYY-MM` of a month in the period.
    pub maand: String,
    /// `claimed` or `received`.
    pub status: String,
    pub note: String,
}

/// A checked claim form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditClaimInput {
    pub status: ClaimStatus,
    pub note: Option<String>,
}

impl CreditClaimInput {
    /// Checks status and note (the month is checked against the contract by the use case).
    pub fn parse(f: &CreditClaimForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let status = inv.take(ClaimStatus::parse("status", &f.status));
        let note = inv.take(optional_multiline_text("note", &f.note, MAX_NOTE));
        match (status, note) {
            (Some(status), Some(note)) if inv.is_empty() => Ok(CreditClaimInput { status, note }),
            _ => Err(inv),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_must_be_known_and_the_note_plain_text() {
        let ok = CreditClaimForm { maand: "2026-10".into(), status: "claimed".into(), note: " per brief ".into() };
        let got = CreditClaimInput::parse(&ok).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((got.status, got.note.as_deref()), (ClaimStatus::Claimed, Some("per brief")));
        let bad = CreditClaimForm { status: "paid".into(), note: "x\u{202e}y".into(), ..ok };
        let inv = CreditClaimInput::parse(&bad).err().unwrap_or_default();
        assert_eq!(inv.for_field("status"), Some(Problem::UnknownChoice));
        assert_eq!(inv.for_field("note"), Some(Problem::ForbiddenCharacter));
    }
}
