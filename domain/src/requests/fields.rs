//! What a self-service form asks: its fields (as the regie team builds them in the form builder), who
//! approves a request and how long handling may take. A published version is a frozen list of these.

use crate::error::{Invalid, Problem};
use crate::text::{number, optional_multiline_text, text};
use serde::{Deserialize, Serialize};

/// The longest label, help text line or choice.
pub const MAX_LABEL: u32 = 120;
/// The longest help text.
pub const MAX_HELP: u32 = 500;
/// The most fields one form may have.
pub const MAX_FIELDS: usize = 30;
/// The most choices of one choice field.
pub const MAX_CHOICES: usize = 30;
/// The limit of a one-line text answer when the builder sets none, and the highest it may set.
pub const TEXT_LIMIT: u32 = 200;
/// The limit of a long text answer when the builder sets none, and the highest it may set.
pub const LONG_TEXT_LIMIT: u32 = 4000;
/// The longest handling time target in days.
pub const MAX_HANDLING_DAYS: i64 = 365;

/// The kind of answer a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    LongText,
    Choice,
    Date,
    Number,
    /// One of the organisation's services (from the register).
    Service,
    YesNo,
}

impl FieldKind {
    pub const ALL: [FieldKind; 7] = [
        FieldKind::Text,
        FieldKind::LongText,
        FieldKind::Choice,
        FieldKind::Date,
        FieldKind::Number,
        FieldKind::Service,
        FieldKind::YesNo,
    ];

    /// The key the builder form sends and the database stores.
    pub fn key(self) -> &'static str {
        match self {
            FieldKind::Text => "tekst",
            FieldKind::LongText => "lange_tekst",
            FieldKind::Choice => "keuze",
            FieldKind::Date => "datum",
            FieldKind::Number => "getal",
            FieldKind::Service => "dienst",
            FieldKind::YesNo => "ja_nee",
        }
    }

    pub fn parse(key: &str) -> Option<FieldKind> {
        FieldKind::ALL.into_iter().find(|k| k.key() == key.trim())
    }
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// The field's name in the filled-in form (`veld_1`, `veld_2`, ...); stable within a form.
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    #[serde(default)]
    pub help: Option<String>,
    /// The choices of a `Choice` field, in order.
    #[serde(default)]
    pub choices: Vec<String>,
    /// The range of a `Number` field.
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// The longest answer of a text field, in characters.
    #[serde(default)]
    pub max_length: Option<u32>,
    /// A `Date` field that takes only today or a later date.
    #[serde(default)]
    pub future_only: bool,
}

impl FieldDef {
    /// The answer limit of a text field.
    pub fn text_limit(&self) -> u32 {
        match self.kind {
            FieldKind::LongText => self.max_length.unwrap_or(LONG_TEXT_LIMIT),
            _ => self.max_length.unwrap_or(TEXT_LIMIT),
        }
    }
}

/// Who must approve a request before the regie team takes it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    /// No approval: a request goes straight to the regie team (e.g. a problem report).
    None,
    /// The requester's line manager.
    Manager,
    /// A regisseur (or beheerder).
    Regie,
    /// Both, in either order.
    Both,
}

impl Approval {
    pub const ALL: [Approval; 4] = [Approval::None, Approval::Manager, Approval::Regie, Approval::Both];

    pub fn key(self) -> &'static str {
        match self {
            Approval::None => "geen",
            Approval::Manager => "leidinggevende",
            Approval::Regie => "regisseur",
            Approval::Both => "beide",
        }
    }

    pub fn parse(key: &str) -> Option<Approval> {
        Approval::ALL.into_iter().find(|a| a.key() == key.trim())
    }

    pub fn needs_manager(self) -> bool {
        matches!(self, Approval::Manager | Approval::Both)
    }

    pub fn needs_regie(self) -> bool {
        matches!(self, Approval::Regie | Approval::Both)
    }
}

/// What a form is for. The shipped forms have a purpose the portal and the workflow know; forms the
/// regie team builds are `Custom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormPurpose {
    Custom,
    /// Access to a service or a licence.
    Access,
    /// Report that a service does not work (checked against monitoring first).
    Problem,
    /// Change my work profile (filed from the profile page; completing it changes licence counts).
    Profile,
    /// Propose new software: the "cloud, tenzij" intake.
    Intake,
}

impl FormPurpose {
    pub const ALL: [FormPurpose; 5] =
        [FormPurpose::Custom, FormPurpose::Access, FormPurpose::Problem, FormPurpose::Profile, FormPurpose::Intake];

    pub fn key(self) -> &'static str {
        match self {
            FormPurpose::Custom => "eigen",
            FormPurpose::Access => "toegang",
            FormPurpose::Problem => "storing",
            FormPurpose::Profile => "werkprofiel",
            FormPurpose::Intake => "intake",
        }
    }

    pub fn parse(key: &str) -> Option<FormPurpose> {
        FormPurpose::ALL.into_iter().find(|p| p.key() == key.trim())
    }
}

/// The settings of a form as the builder sends them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FormSettingsForm {
    pub titel: String,
    pub omschrijving: String,
    pub goedkeuring: String,
    pub doorlooptijd: String,
}

/// Checked form settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormSettings {
    pub title: String,
    pub description: Option<String>,
    pub approval: Approval,
    /// Handling time target in calendar days from filing.
    pub handling_days: u32,
}

impl FormSettings {
    pub fn parse(f: &FormSettingsForm) -> Result<FormSettings, Invalid> {
        let mut bad = Invalid::default();
        let title = bad.take(text("titel", &f.titel, MAX_LABEL, true));
        let description = bad.take(optional_multiline_text("omschrijving", &f.omschrijving, MAX_HELP));
        let approval = bad.take(Approval::parse(&f.goedkeuring).ok_or_else(|| {
            Invalid::one(
                "goedkeuring",
                if f.goedkeuring.trim().is_empty() { Problem::Required } else { Problem::UnknownChoice },
            )
        }));
        let days = bad.take(number("doorlooptijd", &f.doorlooptijd, 1, MAX_HANDLING_DAYS));
        bad.into_result()?;
        Ok(FormSettings {
            title: title.unwrap_or_default(),
            description: description.flatten(),
            approval: approval.unwrap_or(Approval::None),
            handling_days: days.unwrap_or(1) as u32,
        })
    }
}

/// One field as the builder sends it (every value text; a checkbox sends `on` when ticked).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldForm {
    pub label: String,
    pub soort: String,
    pub verplicht: String,
    pub hulptekst: String,
    /// The choices of a choice field, one per line.
    pub keuzes: String,
    pub minimum: String,
    pub maximum: String,
    pub maxlengte: String,
    /// A date field that takes only today or later.
    pub toekomst: String,
}

fn ticked(v: &str) -> bool {
    matches!(v.trim(), "on" | "true" | "ja" | "1")
}

fn optional(field: &str, v: &str, min: i64, max: i64) -> Result<Option<i64>, Invalid> {
    if v.trim().is_empty() {
        Ok(None)
    } else {
        number(field, v, min, max).map(Some)
    }
}

impl FieldForm {
    /// Checks a field for a form that already has `existing` fields; the new field gets the next free
    /// key. Reports every problem at the builder's own field names.
    pub fn parse(&self, existing: &[FieldDef]) -> Result<FieldDef, Invalid> {
        let mut bad = Invalid::default();
        if existing.len() >= MAX_FIELDS {
            bad.push("label", Problem::TooMany { max: MAX_FIELDS as u32 });
        }
        let label = bad.take(text("label", &self.label, MAX_LABEL, true));
        let kind = bad.take(FieldKind::parse(&self.soort).ok_or_else(|| {
            Invalid::one("soort", if self.soort.trim().is_empty() { Problem::Required } else { Problem::UnknownChoice })
        }));
        let help = bad.take(optional_multiline_text("hulptekst", &self.hulptekst, MAX_HELP));
        let mut choices = Vec::new();
        let mut min = None;
        let mut max = None;
        let mut max_length = None;
        match kind {
            Some(FieldKind::Choice) => {
                for line in self.keuzes.lines() {
                    if let Some(c) = bad.take(text("keuzes", line, MAX_LABEL, false)) {
                        if !c.is_empty() && !choices.contains(&c) {
                            choices.push(c);
                        }
                    }
                }
                if choices.is_empty() && bad.for_field("keuzes").is_none() {
                    bad.push("keuzes", Problem::NoChoices);
                } else if choices.len() > MAX_CHOICES {
                    bad.push("keuzes", Problem::TooMany { max: MAX_CHOICES as u32 });
                }
            }
            Some(FieldKind::Number) => {
                min = bad.take(optional("minimum", &self.minimum, -1_000_000_000, 1_000_000_000)).flatten();
                max = bad.take(optional("maximum", &self.maximum, -1_000_000_000, 1_000_000_000)).flatten();
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo > hi {
                        bad.push("maximum", Problem::MinAboveMax);
                    }
                }
            }
            Some(k @ (FieldKind::Text | FieldKind::LongText)) => {
                let limit = if k == FieldKind::Text { TEXT_LIMIT } else { LONG_TEXT_LIMIT };
                max_length =
                    bad.take(optional("maxlengte", &self.maxlengte, 1, i64::from(limit))).flatten().map(|n| n as u32);
            }
            _ => {}
        }
        bad.into_result()?;
        let next = existing
            .iter()
            .filter_map(|f| f.key.strip_prefix("veld_").and_then(|n| n.parse::<u32>().ok()))
            .max()
            .unwrap_or(0)
            + 1;
        let kind = kind.unwrap_or(FieldKind::Text);
        Ok(FieldDef {
            key: format!("veld_{next}"),
            label: label.unwrap_or_default(),
            kind,
            required: ticked(&self.verplicht),
            help: help.flatten(),
            choices,
            min,
            max,
            max_length,
            future_only: kind == FieldKind::Date && ticked(&self.toekomst),
        })
    }
}

#[cfg(test)]
#[path = "fields_tests.rs"]
mod tests;
