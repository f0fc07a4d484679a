//! Contracts (overeenkomsten): their terms, renewal type, notice period and value, and the decisions
//! that move them on.

use crate::error::{Invalid, Problem};
use crate::ids::{ContractId, UserId, VendorId, VendorServiceId};
use crate::text::{date, euro_cents, number, optional_multiline_text, text};
use crate::vendor::choice_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A period expressed in calendar months or in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Months(u32),
    Days(u32),
}

impl Period {
    pub fn unit_key(self) -> &'static str {
        match self {
            Period::Months(_) => "months",
            Period::Days(_) => "days",
        }
    }

    pub fn amount(self) -> u32 {
        match self {
            Period::Months(n) | Period::Days(n) => n,
        }
    }
}

/// How a contract continues after its initial term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Renewal {
    /// Stilzwijgende verlenging: renews by `period_months` unless notice is given in time.
    Tacit { period_months: u32 },
    /// Optiejaren: `count` options of `length_months` each, to be exercised explicitly.
    Options { count: u32, length_months: u32, exercised: u32 },
    /// Ends at the end of the initial term.
    Fixed,
}

impl Renewal {
    pub fn key(self) -> &'static str {
        match self {
            Renewal::Tacit { .. } => "tacit",
            Renewal::Options { .. } => "options",
            Renewal::Fixed => "fixed",
        }
    }
}

choice_enum!(
    /// How the price is built up.
    PriceModel { Fixed => "vast", PerSeat => "per-gebruiker", Usage => "verbruik" }
);

choice_enum!(
    /// Where the contract stands.
    ContractStatus {
        Active => "actief",
        Terminated => "opgezegd",
        Retender => "heraanbesteding",
    }
);

choice_enum!(
    /// A decision about the contract's next term.
    Decision {
        Renew => "verlengen",
        ExerciseOption => "optie-lichten",
        Terminate => "opzeggen",
        Retender => "heraanbesteden",
    }
);

/// A contract as read, with its raw terms. Deadlines are computed by [`crate::deadlines`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub id: ContractId,
    pub vendor_id: VendorId,
    pub vendor_name: String,
    pub reference: String,
    pub title: String,
    pub owner: String,
    pub start: NaiveDate,
    /// Last day of the initial term (inclusive).
    pub initial_end: NaiveDate,
    pub renewal: Renewal,
    pub notice: Period,
    pub lead_time_months: u32,
    pub annual_value_cents: i64,
    pub price_model: PriceModel,
    pub status: ContractStatus,
    /// The term end for which the last decision was recorded, if any.
    pub decided_term_end: Option<NaiveDate>,
    pub service_ids: Vec<VendorServiceId>,
}

/// A recorded decision, shown in the contract's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    pub decision: Decision,
    pub term_end: NaiveDate,
    pub note: Option<String>,
    pub decided_by: UserId,
    pub decided_by_name: String,
    pub decided_at: chrono::DateTime<chrono::Utc>,
}

/// The raw contract form, as the browser sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractForm {
    pub vendor_id: String,
    pub reference: String,
    pub title: String,
    pub owner: String,
    pub start: String,
    pub initial_end: String,
    pub renewal: String,
    pub renewal_period_months: String,
    pub option_count: String,
    pub option_length_months: String,
    pub notice_amount: String,
    pub notice_unit: String,
    pub lead_time_months: String,
    pub annual_value: String,
    pub price_model: String,
    /// Ids of the vendor's services this contract covers.
    #[serde(default)]
    pub services: Vec<String>,
}

/// A validated contract, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    pub vendor_id: VendorId,
    pub reference: String,
    pub title: String,
    pub owner: String,
    pub start: NaiveDate,
    /// Last day of the initial term (inclusive).
    pub initial_end: NaiveDate,
    pub renewal: Renewal,
    pub notice: Period,
    pub lead_time_months: u32,
    pub annual_value_cents: i64,
    pub price_model: PriceModel,
    pub service_ids: Vec<VendorServiceId>,
}

/// Largest renewal, option or lead time in months (50 years).
pub const MAX_MONTHS: i64 = 600;

impl NewContract {
    /// Checks every field, and that the notice period fits inside the initial term.
    pub fn parse(f: &ContractForm) -> Result<Self, Invalid> {
        let mut inv = Invalid::default();
        let vendor_id = match f.vendor_id.trim().parse::<i64>() {
            Ok(id) => Some(VendorId(id)),
            Err(_) => {
                inv.push("vendor_id", Problem::Required);
                None
            }
        };
        let reference = inv.take(text("reference", &f.reference, 60, true));
        let title = inv.take(text("title", &f.title, 200, true));
        let owner = inv.take(text("owner", &f.owner, 120, true));
        let start = inv.take(date("start", &f.start));
        let initial_end = inv.take(date("initial_end", &f.initial_end));
        if let (Some(s), Some(e)) = (start, initial_end) {
            if e < s {
                inv.push("initial_end", Problem::EndBeforeStart);
            }
        }
        let renewal = match f.renewal.trim() {
            "tacit" => inv
                .take(number("renewal_period_months", &f.renewal_period_months, 1, MAX_MONTHS))
                .map(|p| Renewal::Tacit { period_months: p as u32 }),
            "options" => {
                let count = inv.take(number("option_count", &f.option_count, 1, 20));
                let len = inv.take(number("option_length_months", &f.option_length_months, 1, MAX_MONTHS));
                match (count, len) {
                    (Some(c), Some(l)) => {
                        Some(Renewal::Options { count: c as u32, length_months: l as u32, exercised: 0 })
                    }
                    _ => None,
                }
            }
            "fixed" => Some(Renewal::Fixed),
            "" => {
                inv.push("renewal", Problem::Required);
                None
            }
            _ => {
                inv.push("renewal", Problem::UnknownChoice);
                None
            }
        };
        let notice_n = inv.take(number("notice_amount", &f.notice_amount, 0, 3650));
        let notice = match (f.notice_unit.trim(), notice_n) {
            ("months", Some(n)) => Some(Period::Months(n as u32)),
            ("days", Some(n)) => Some(Period::Days(n as u32)),
            (_, Some(_)) => {
                inv.push("notice_unit", Problem::UnknownChoice);
                None
            }
            _ => None,
        };
        let lead = inv.take(number("lead_time_months", &f.lead_time_months, 0, MAX_MONTHS));
        let value = inv.take(euro_cents("annual_value", &f.annual_value));
        let price_model = inv.take(PriceModel::parse("price_model", &f.price_model));
        let mut service_ids = Vec::new();
        for s in &f.services {
            match s.trim().parse::<i64>() {
                Ok(id) => service_ids.push(VendorServiceId(id)),
                Err(_) => inv.push("services", Problem::UnknownChoice),
            }
        }
        service_ids.sort();
        service_ids.dedup();
        if let (Some(start), Some(end), Some(notice)) = (start, initial_end, notice) {
            match crate::deadlines::minus(end, notice) {
                Some(d) if d >= start || end < start => {}
                _ => inv.push("notice_amount", Problem::NoticeLongerThanTerm),
            }
        }
        match (vendor_id, reference, title, owner, start, initial_end, renewal, notice, lead, value, price_model) {
            (
                Some(vendor_id),
                Some(reference),
                Some(title),
                Some(owner),
                Some(start),
                Some(initial_end),
                Some(renewal),
                Some(notice),
                Some(lead),
                Some(annual_value_cents),
                Some(price_model),
            ) if inv.is_empty() => Ok(NewContract {
                vendor_id,
                reference,
                title,
                owner,
                start,
                initial_end,
                renewal,
                notice,
                lead_time_months: lead as u32,
                annual_value_cents,
                price_model,
                service_ids,
            }),
            _ => Err(inv),
        }
    }
}

/// The decision form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub decision: String,
    pub note: String,
}

/// A validated decision with its optional note.
pub fn parse_decision(f: &DecisionForm) -> Result<(Decision, Option<String>), Invalid> {
    let mut inv = Invalid::default();
    let d = inv.take(Decision::parse("decision", &f.decision));
    let note = inv.take(optional_multiline_text("note", &f.note, 2000));
    match (d, note) {
        (Some(d), Some(n)) if inv.is_empty() => Ok((d, n)),
        _ => Err(inv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn form() -> ContractForm {
        ContractForm {
            vendor_id: "1".into(),
            reference: "2026-001".into(),
            title: "Zaaksysteem".into(),
            owner: "Team Regie".into(),
            start: "2026-01-01".into(),
            initial_end: "2028-12-31".into(),
            renewal: "tacit".into(),
            renewal_period_months: "12".into(),
            notice_amount: "3".into(),
            notice_unit: "months".into(),
            lead_time_months: "9".into(),
            annual_value: "120.000,00".into(),
            price_model: "vast".into(),
            services: vec!["2".into(), "1".into(), "2".into()],
            ..Default::default()
        }
    }

    #[test]
    fn a_tacit_renewal_contract_parses() {
        let c = NewContract::parse(&form()).unwrap();
        assert_eq!(c.renewal, Renewal::Tacit { period_months: 12 });
        assert_eq!(c.notice, Period::Months(3));
        assert_eq!(c.annual_value_cents, 12_000_000);
        assert_eq!(c.service_ids, vec![VendorServiceId(1), VendorServiceId(2)]);
    }

    #[test]
    fn notice_longer_than_the_term_is_refused_at_the_notice_field() {
        let f = ContractForm { initial_end: "2026-02-28".into(), ..form() };
        let e = NewContract::parse(&f).unwrap_err();
        assert_eq!(e.for_field("notice_amount"), Some(Problem::NoticeLongerThanTerm));
    }

    #[test]
    fn negative_value_and_end_before_start_are_refused() {
        let f = ContractForm { annual_value: "-1".into(), initial_end: "2025-12-31".into(), ..form() };
        let e = NewContract::parse(&f).unwrap_err();
        assert_eq!(e.for_field("annual_value"), Some(Problem::Negative));
        assert_eq!(e.for_field("initial_end"), Some(Problem::EndBeforeStart));
    }

    #[test]
    fn options_need_a_count_and_a_length() {
        let f = ContractForm { renewal: "options".into(), ..form() };
        let e = NewContract::parse(&f).unwrap_err();
        assert_eq!(e.for_field("option_count"), Some(Problem::Required));
        assert_eq!(e.for_field("option_length_months"), Some(Problem::Required));
    }
}
