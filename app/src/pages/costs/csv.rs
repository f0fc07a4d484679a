//! The overview's breakdowns as CSV (`/kosten.csv?jaar=JJJJ&deel=…`), in the reader's language: one
//! file per table, amounts in euros with two decimals.

use crate::i18n::Lang;
use domain::csv::{field, line, BOM};
use domain::views_costs::{CostFigures, CostOverview};

/// The parts that can be downloaded, with their Dutch and English first column.
pub const PARTS: [(&str, &str, &str); 5] = [
    ("kostenplaatsen", "Kostenplaats", "Cost centre"),
    ("organisaties", "Organisatie", "Organisation"),
    ("leveranciers", "Leverancier", "Vendor"),
    ("contracten", "Contract", "Contract"),
    ("maanden", "Maand", "Month"),
];

fn euros(cents: i64, lang: Lang) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    match lang {
        Lang::Nl => format!("{sign}{},{:02}", c / 100, c % 100),
        Lang::En => format!("{sign}{}.{:02}", c / 100, c % 100),
    }
}

fn pick(lang: Lang, nl: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// The CSV of `part` (one of [`PARTS`]); `None` for an unknown part.
pub fn overview_csv(o: &CostOverview, part: &str, lang: Lang) -> Option<String> {
    let &(_, nl, en) = PARTS.iter().find(|p| p.0 == part)?;
    let mut out = String::from(BOM);
    let header = |extra: &[&str]| {
        let mut h = vec![pick(lang, nl, en).to_string()];
        h.extend(extra.iter().map(|s| s.to_string()));
        line(&h)
    };
    let (budget, actual, forecast) = (
        pick(lang, "Budget (EUR)", "Budget (EUR)"),
        pick(lang, "Gefactureerd (EUR)", "Invoiced (EUR)"),
        pick(lang, "Verwacht jaareinde (EUR)", "Expected at year end (EUR)"),
    );
    if part == "maanden" {
        let cum_budget = pick(lang, "Budget cumulatief (EUR)", "Budget cumulative (EUR)");
        let cum_actual = pick(lang, "Gefactureerd cumulatief (EUR)", "Invoiced cumulative (EUR)");
        let cum_forecast = pick(lang, "Verwacht cumulatief (EUR)", "Expected cumulative (EUR)");
        out.push_str(&header(&[actual, cum_actual, cum_forecast, cum_budget]));
        for m in &o.months {
            out.push_str(&line(&[
                format!("{}-{:02}", o.year, m.month),
                euros(m.actual_cents, lang),
                euros(m.cumulative_actual_cents, lang),
                euros(m.cumulative_forecast_cents, lang),
                euros(m.cumulative_budget_cents, lang),
            ]));
        }
        return Some(out);
    }
    let rows: &[CostFigures] = match part {
        "kostenplaatsen" => &o.cost_centres,
        "organisaties" => &o.organisations,
        "leveranciers" => &o.vendors,
        _ => &o.contracts,
    };
    let with_budget = part == "kostenplaatsen";
    if with_budget {
        out.push_str(&header(&[budget, actual, forecast]));
    } else {
        out.push_str(&header(&[actual, forecast]));
    }
    for r in rows {
        let name = if r.name.is_empty() {
            pick(lang, "(niet verdeeld / geen kostenplaats)", "(not allocated / no cost centre)").to_string()
        } else {
            r.name.clone()
        };
        let mut cells = vec![field(&name)];
        if with_budget {
            cells.push(r.budget_cents.map(|b| euros(b, lang)).unwrap_or_default());
        }
        cells.push(euros(r.actual_cents, lang));
        cells.push(euros(r.forecast_cents, lang));
        out.push_str(&line(&cells));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::views_costs::MonthCosts;

    fn overview() -> CostOverview {
        CostOverview {
            year: 2026,
            budget_cents: 120_000,
            actual_cents: 10_050,
            vat_cents: 0,
            forecast_cents: 20_000,
            months: vec![MonthCosts {
                month: 1,
                actual_cents: 10_050,
                cumulative_actual_cents: 10_050,
                cumulative_budget_cents: 10_000,
                cumulative_forecast_cents: 10_050,
            }],
            cost_centres: vec![CostFigures {
                id: "1".into(),
                name: "ICT-01 Kantoor; \"licenties\"".into(),
                budget_cents: Some(120_000),
                actual_cents: 10_050,
                forecast_cents: 20_000,
            }],
            vendors: vec![],
            organisations: vec![CostFigures {
                id: String::new(),
                name: String::new(),
                budget_cents: None,
                actual_cents: -5,
                forecast_cents: 0,
            }],
            contracts: vec![],
            years: vec![2026],
        }
    }

    #[test]
    fn each_part_has_its_columns_in_the_readers_language() {
        let o = overview();
        let nl = overview_csv(&o, "kostenplaatsen", Lang::Nl).unwrap();
        let mut lines = nl.trim_start_matches(BOM).lines();
        assert_eq!(lines.next(), Some("Kostenplaats;Budget (EUR);Gefactureerd (EUR);Verwacht jaareinde (EUR)"));
        assert_eq!(lines.next(), Some("\"ICT-01 Kantoor; \"\"licenties\"\"\";1200,00;100,50;200,00"));
        let en = overview_csv(&o, "organisaties", Lang::En).unwrap();
        assert!(en.contains("(not allocated / no cost centre);-0.05;0.00"), "{en}");
        let months = overview_csv(&o, "maanden", Lang::Nl).unwrap();
        assert!(months.contains("2026-01;100,50;100,50;100,50;100,00"), "{months}");
        assert!(overview_csv(&o, "geheim", Lang::Nl).is_none());
    }
}
