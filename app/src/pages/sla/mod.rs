//! SLA result pages: the overview of every contract for a month (`/sla`, also on the start page of the
//! ICT head and the regisseur) and one contract's report for one period (`/contracten/:id/sla-rapport`).

pub mod charts;
pub mod claim;
pub mod overview;
pub mod report;
mod report_parts;

use crate::i18n::Lang;

crate::messages!(
    /// Texts shared by the SLA pages.
    SL {
        Month => "Maand", "Month";
        Show => "Tonen", "Show";
        Availability => "Beschikbaarheid", "Availability";
        Target => "Norm", "Target";
        SoFar => "tot nu", "so far";
        AtMonthEnd => "bij geen verdere storing", "if no further downtime";
        Met => "Gehaald", "Met";
        Breached => "Niet gehaald", "Breached";
        NoTerms => "geen SLA-afspraken", "no SLA terms";
        NoData => "geen meting", "not measured";
        Credit => "Servicekorting", "Service credit";
        CreditsYear => "Servicekorting dit jaar", "Service credits this year";
        Probe => "Eigen meting", "Own probe";
        VendorReport => "Leverancier", "Vendor";
        Computed => "Berekend op {time} (Europe/Amsterdam).", "Computed at {time} (Europe/Amsterdam).";
        Running => "loopt nog", "running";
        OnCourse => "Op koers", "On course";
        AtRisk => "Risico: tot nu onder de norm", "At risk: below target so far";
        Lost => "Niet meer te halen", "Can no longer be met";
    }
);

/// Fills `{name}` placeholders in a message.
pub fn fill(template: &str, args: &[(&str, String)]) -> String {
    args.iter().fold(template.to_string(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}

/// A percentage with `decimals` decimals, rounded down so that a figure below a target never reads as
/// the target ("99,79 %" for 99,7995), with the language's decimal sign.
pub fn pct(value: f64, decimals: u32, lang: Lang) -> String {
    let f = 10f64.powi(decimals as i32);
    let floored = (value * f + 1e-9).floor() / f;
    let text = format!("{floored:.prec$} %", prec = decimals as usize);
    match lang {
        Lang::Nl => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Minutes as "1 u 26 min" / "1 h 26 min" (whole minutes, rounded).
pub fn duration(minutes: f64, lang: Lang) -> String {
    let m = minutes.round().max(0.0) as i64;
    let hour = match lang {
        Lang::Nl => "u",
        Lang::En => "h",
    };
    match (m / 60, m % 60) {
        (0, r) => format!("{r} min"),
        (h, 0) => format!("{h} {hour}"),
        (h, r) => format!("{h} {hour} {r} min"),
    }
}

/// A `YYYY-MM` month as "november 2026" / "November 2026".
pub fn month_name(label: &str, lang: Lang) -> String {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some((y, m)) = label.split_once('-') else { return label.to_string() };
    let Some(i) = m.parse::<usize>().ok().filter(|m| (1..=12).contains(m)) else { return label.to_string() };
    let names = match lang {
        Lang::Nl => NL,
        Lang::En => EN,
    };
    format!("{} {y}", names[i - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_the_dutch_way_and_never_round_up_to_the_target() {
        assert_eq!(pct(99.7995, 2, Lang::Nl), "99,79 %");
        assert_eq!(pct(99.8, 2, Lang::Nl), "99,80 %");
        assert_eq!(pct(100.0, 2, Lang::En), "100.00 %");
        assert_eq!(pct(99.7015, 4, Lang::Nl), "99,7015 %");
        assert_eq!(duration(86.4, Lang::Nl), "1 u 26 min");
        assert_eq!(duration(120.0, Lang::En), "2 h");
        assert_eq!(duration(30.0, Lang::Nl), "30 min");
        assert_eq!(month_name("2026-11", Lang::Nl), "november 2026");
        assert_eq!(month_name("2026-10-01/2027-01-01", Lang::Nl), "2026-10-01/2027-01-01");
    }
}
