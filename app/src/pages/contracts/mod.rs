//! Contract pages: the register, one contract with its deadlines and decisions, and the create/edit form.

mod decision;
pub mod detail;
pub mod edit;
mod edit_fields;
pub mod list;
pub mod sla;
pub(crate) mod sla_text;

use crate::i18n::Lang;
use domain::contract::{Period, Renewal};

crate::messages!(
    /// Texts shared by the contract pages.
    CM {
        Contracts => "Contracten", "Contracts";
        New => "Nieuw contract", "New contract";
        Empty => "Er zijn nog geen contracten.", "There are no contracts yet.";
        Reference => "Kenmerk", "Reference";
        Title => "Omschrijving", "Description";
        Vendor => "Leverancier", "Vendor";
        Owner => "Eigenaar", "Owner";
        Start => "Startdatum", "Start date";
        InitialEnd => "Einde eerste looptijd", "End of initial term";
        TermEnd => "Einde huidige termijn", "End of current term";
        NoticeDeadline => "Uiterste opzegdatum", "Notice deadline";
        DecisionDate => "Besluitdatum", "Decision date";
        AnnualValue => "Jaarwaarde", "Annual value";
        DeadlineStatus => "Termijnstatus", "Deadline status";
        ContractStatus => "Contractstatus", "Contract status";
        Renewal => "Verlenging", "Renewal";
        NoticePeriod => "Opzegtermijn", "Notice period";
        LeadTime => "Interne doorlooptijd", "Internal lead time";
        PriceModel => "Prijsmodel", "Price model";
        Services => "Diensten", "Services";
        NotApplicable => "n.v.t.", "n/a";
        RenewalTacit => "Stilzwijgende verlenging", "Tacit renewal";
        RenewalOptions => "Optiejaren", "Option years";
        RenewalFixed => "Vaste einddatum", "Fixed end date";
        TacitText => "Stilzwijgende verlenging met {period}", "Tacit renewal by {period}";
        OptionsText => "{count} optiejaren van {length}, {exercised} gelicht", "{count} option periods of {length}, {exercised} exercised";
        OneOptionText => "1 optiejaar van {length}, {exercised} gelicht", "1 option period of {length}, {exercised} exercised";
        Month => "maand", "month";
        Months => "maanden", "months";
        Day => "dag", "day";
        Days => "dagen", "days";
    }
);

/// Fills `{name}` placeholders in a message.
fn fill(template: &str, args: &[(&str, String)]) -> String {
    args.iter().fold(template.to_string(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}

/// "1 maand", "12 maanden".
pub fn months(n: u32, lang: Lang) -> String {
    format!("{n} {}", if n == 1 { CM::Month.t(lang) } else { CM::Months.t(lang) })
}

/// A notice period in words: "3 maanden", "90 dagen".
pub fn period(p: Period, lang: Lang) -> String {
    match p {
        Period::Months(n) => months(n, lang),
        Period::Days(n) => format!("{n} {}", if n == 1 { CM::Day.t(lang) } else { CM::Days.t(lang) }),
    }
}

/// How the contract continues, in words.
pub fn renewal_text(r: Renewal, lang: Lang) -> String {
    match r {
        Renewal::Tacit { period_months } => fill(CM::TacitText.t(lang), &[("period", months(period_months, lang))]),
        Renewal::Options { count, length_months, exercised } => {
            let template = if count == 1 { CM::OneOptionText } else { CM::OptionsText };
            fill(
                template.t(lang),
                &[
                    ("count", count.to_string()),
                    ("length", months(length_months, lang)),
                    ("exercised", exercised.to_string()),
                ],
            )
        }
        Renewal::Fixed => CM::RenewalFixed.t(lang).to_string(),
    }
}

/// The renewal types as `(key, label)` choices for a select.
pub fn renewal_choices(lang: Lang) -> Vec<(String, String)> {
    [("tacit", CM::RenewalTacit), ("options", CM::RenewalOptions), ("fixed", CM::RenewalFixed)]
        .into_iter()
        .map(|(k, m)| (k.to_string(), m.t(lang).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renewals_and_periods_read_as_dutch_sentences() {
        let nl = Lang::Nl;
        assert_eq!(renewal_text(Renewal::Tacit { period_months: 12 }, nl), "Stilzwijgende verlenging met 12 maanden");
        assert_eq!(
            renewal_text(Renewal::Options { count: 2, length_months: 12, exercised: 1 }, nl),
            "2 optiejaren van 12 maanden, 1 gelicht"
        );
        assert_eq!(renewal_text(Renewal::Fixed, nl), "Vaste einddatum");
        assert_eq!(period(Period::Months(3), nl), "3 maanden");
        assert_eq!(period(Period::Days(90), nl), "90 dagen");
        assert_eq!(period(Period::Months(1), Lang::En), "1 month");
    }
}
