//! A contract's SLA terms in words, one line per subject, as the contract page shows them.

use super::fill;
use crate::i18n::Lang;
use domain::sla::contract_terms::{clock_text, percent_text, ContractSlaTerms, MeasurementBasis, MeasurementPeriod};
use domain::sla::terms::{pct_units, ServiceWindow};
use domain::text::format_euro;

crate::messages!(
    /// Texts of the SLA terms, shared by the contract page and the SLA form.
    SM {
        Heading => "SLA-afspraken", "SLA terms";
        NoTerms => "Voor dit contract zijn nog geen SLA-afspraken vastgelegd.", "No SLA terms have been recorded for this contract yet.";
        EditTerms => "SLA-afspraken wijzigen", "Edit SLA terms";
        Report => "SLA-rapport: beschikbaarheid, storingen en servicekorting per maand", "SLA report: availability, downtime and service credit per month";
        SetTerms => "SLA-afspraken vastleggen", "Record SLA terms";
        Availability => "Beschikbaarheid", "Availability";
        Window => "Servicevenster", "Service window";
        Measurement => "Meting", "Measurement";
        Degraded => "Verminderde werking", "Degraded service";
        Maintenance => "Onderhoud", "Maintenance";
        Resolution => "Oplostijden", "Resolution times";
        Staffel => "Staffel servicekorting", "Service-credit staffel";
        Fee => "Maandbedrag", "Monthly fee";
        PerMonth => "{pct} % per maand", "{pct} % per month";
        PerQuarter => "{pct} % per kwartaal", "{pct} % per quarter";
        Always => "24x7", "24x7";
        WithoutHolidays => "zonder feestdagen", "excluding public holidays";
        BasisProbe => "onze eigen meting", "our own probe";
        BasisVendor => "de rapportage van de leverancier", "the vendor's report";
        BasisWorst => "de slechtste van onze meting en de rapportage van de leverancier", "the worse of our probe and the vendor's report";
        BasisNote => "het verschil tussen beide wordt getoond", "the difference between them is shown";
        DegradedDown => "telt als storing", "counts as down";
        DegradedUp => "telt niet als storing", "does not count as down";
        MaintenanceText => "uitgesloten bij aankondiging ≥ {days} dagen vooraf", "excluded when announced ≥ {days} days ahead";
        Critical => "kritiek", "critical";
        Major => "groot", "major";
        Minor => "klein", "minor";
        NoTarget => "geen doel", "no target";
        Cap => "maximaal {pct} %", "at most {pct} %";
        NoStaffel => "geen staffel", "no staffel";
        FeeFromValue => "{fee} (jaarwaarde / 12)", "{fee} (annual value / 12)";
        Hours => "{n} uur", "{n} h";
        Minutes => "{n} min", "{n} min";
    }
);

const DAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const DAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The weekday names in the user's language, Monday first.
pub fn day_names(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Nl => DAYS_NL,
        Lang::En => DAYS_EN,
    }
}

/// Ticked days as runs: three or more consecutive days as "ma-vr", others listed ("za, zo").
fn days_text(days: &[bool; 7], lang: Lang) -> String {
    let names = day_names(lang);
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        if !days[i] {
            i += 1;
            continue;
        }
        let start = i;
        while i < 7 && days[i] {
            i += 1;
        }
        if i - start >= 3 {
            parts.push(format!("{}-{}", names[start], names[i - 1]));
        } else {
            parts.extend(names[start..i].iter().map(|n| n.to_string()));
        }
    }
    parts.join(", ")
}

fn duration(minutes: u32, lang: Lang) -> String {
    if minutes.is_multiple_of(60) {
        fill(SM::Hours.t(lang), &[("n", (minutes / 60).to_string())])
    } else {
        fill(SM::Minutes.t(lang), &[("n", minutes.to_string())])
    }
}

/// `(label, text)` per subject: availability, window, measurement, degraded, maintenance,
/// resolution times, staffel and monthly fee.
pub fn sla_lines(t: &ContractSlaTerms, annual_value_cents: i64, lang: Lang) -> Vec<(String, String)> {
    let pct = percent_text(t.terms.target_pct);
    let availability = match t.period {
        MeasurementPeriod::Month => fill(SM::PerMonth.t(lang), &[("pct", pct)]),
        MeasurementPeriod::Quarter => fill(SM::PerQuarter.t(lang), &[("pct", pct)]),
    };
    let window = match &t.terms.window {
        ServiceWindow::Always => SM::Always.t(lang).to_string(),
        ServiceWindow::Weekly { weekdays, from_minute, to_minute, exclude_holidays } => {
            let hours =
                format!("{} {}-{}", days_text(weekdays, lang), clock_text(*from_minute), clock_text(*to_minute));
            if *exclude_holidays {
                format!("{hours} {}", SM::WithoutHolidays.t(lang))
            } else {
                hours
            }
        }
    };
    let basis = match t.basis {
        MeasurementBasis::Probe => SM::BasisProbe,
        MeasurementBasis::Vendor => SM::BasisVendor,
        MeasurementBasis::Worst => SM::BasisWorst,
    };
    let measurement = format!("{}; {}", basis.t(lang), SM::BasisNote.t(lang));
    let degraded = if t.terms.degraded_counts_as_down { SM::DegradedDown } else { SM::DegradedUp };
    let maintenance = fill(SM::MaintenanceText.t(lang), &[("days", t.terms.maintenance_notice_days.to_string())]);
    let r = t.resolution;
    let resolution = [(SM::Critical, r.critical), (SM::Major, r.major), (SM::Minor, r.minor)]
        .into_iter()
        .map(|(m, v)| {
            format!("{} {}", m.t(lang), v.map_or_else(|| SM::NoTarget.t(lang).to_string(), |v| duration(v, lang)))
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut tiers = t.terms.staffel.clone();
    tiers.sort_by_key(|c| std::cmp::Reverse(pct_units(c.below_pct)));
    let cap = fill(SM::Cap.t(lang), &[("pct", percent_text(t.terms.credit_cap_pct))]);
    let staffel = if tiers.is_empty() {
        SM::NoStaffel.t(lang).to_string()
    } else {
        let list: Vec<String> = tiers
            .iter()
            .map(|c| format!("< {} % → {} %", percent_text(c.below_pct), percent_text(c.credit_pct)))
            .collect();
        format!("{}; {cap}", list.join(", "))
    };
    let fee = match t.monthly_fee_override_cents {
        Some(c) => format_euro(c),
        None => fill(SM::FeeFromValue.t(lang), &[("fee", format_euro(t.monthly_fee_cents(annual_value_cents)))]),
    };
    [
        (SM::Availability, availability),
        (SM::Window, window),
        (SM::Measurement, measurement),
        (SM::Degraded, degraded.t(lang).to_string()),
        (SM::Maintenance, maintenance),
        (SM::Resolution, resolution),
        (SM::Staffel, staffel),
        (SM::Fee, fee),
    ]
    .into_iter()
    .map(|(label, text)| (label.t(lang).to_string(), text))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::sla::contract_terms::{SlaTermsForm, TierForm};

    fn terms(f: SlaTermsForm) -> ContractSlaTerms {
        ContractSlaTerms::parse(&f).unwrap()
    }

    fn form() -> SlaTermsForm {
        SlaTermsForm {
            target: "99,8".into(),
            window: "weekly".into(),
            weekdays: ["mon", "tue", "wed", "thu", "fri"].map(String::from).to_vec(),
            from: "08:00".into(),
            to: "18:00".into(),
            exclude_holidays: "on".into(),
            period: "month".into(),
            basis: "probe".into(),
            notice_days: "5".into(),
            resolution_critical: "240".into(),
            resolution_major: "90".into(),
            staffel: vec![
                TierForm { below: "99".into(), credit: "10".into() },
                TierForm { below: "99,8".into(), credit: "5".into() },
            ],
            cap: "25".into(),
            ..Default::default()
        }
    }

    #[test]
    fn terms_read_as_dutch_lines() {
        let lines = sla_lines(&terms(form()), 12_000_000, Lang::Nl);
        let text: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text[0], "99,8 % per maand");
        assert_eq!(text[1], "ma-vr 08:00-18:00 zonder feestdagen");
        assert_eq!(text[3], "telt niet als storing");
        assert_eq!(text[4], "uitgesloten bij aankondiging ≥ 5 dagen vooraf");
        assert_eq!(text[5], "kritiek 4 uur, groot 90 min, klein geen doel");
        assert_eq!(text[6], "< 99,8 % → 5 %, < 99 % → 10 %; maximaal 25 %", "highest threshold first");
        assert_eq!(text[7], "€ 10.000,00 (jaarwaarde / 12)");
    }

    #[test]
    fn scattered_days_a_round_the_clock_window_and_a_set_fee_read_as_such() {
        let days = [true, false, true, false, false, true, true];
        assert_eq!(days_text(&days, Lang::Nl), "ma, wo, za, zo");
        let t = terms(SlaTermsForm {
            window: "always".into(),
            period: "quarter".into(),
            staffel: Vec::new(),
            monthly_fee: "850".into(),
            ..form()
        });
        let lines = sla_lines(&t, 12_000_000, Lang::En);
        assert_eq!(lines[0], ("Availability".to_string(), "99,8 % per quarter".to_string()));
        assert_eq!(lines[1].1, "24x7");
        assert_eq!(lines[6].1, "no staffel");
        assert_eq!(lines[7].1, "€ 850,00");
    }
}
