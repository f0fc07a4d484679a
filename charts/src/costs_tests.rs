//! Tests of the cumulative cost chart; [`checked`] and [`texts`] are shared with the vendor chart.

use super::*;

/// Elements a chart may contain.
const ALLOWED: [&str; 11] =
    ["svg", "title", "desc", "defs", "pattern", "rect", "circle", "line", "polyline", "polygon", "text"];

/// Parses the SVG and checks what every chart must have: `role="img"`, its title and summary as
/// `<title>` and `<desc>`, only known elements, no `style` attribute (nor element), no event
/// handlers, no external references, text of at least 12 pixels.
pub(crate) fn checked(chart: &Chart) -> roxmltree::Document<'_> {
    assert!(!chart.svg.contains("style="), "a style attribute in {}", chart.svg);
    let doc = roxmltree::Document::parse(&chart.svg).unwrap_or_else(|e| panic!("not XML: {e}\n{}", chart.svg));
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("width"), Some("100%"));
    let text_of = |tag: &str| doc.descendants().find(|n| n.has_tag_name(tag)).and_then(|n| n.text());
    assert_eq!(text_of("title"), Some(chart.title.as_str()));
    assert_eq!(text_of("desc"), Some(chart.summary.as_str()));
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(ALLOWED.contains(&name), "unexpected element <{name}>");
        for attr in node.attributes() {
            let key = attr.name();
            assert!(key != "style" && !key.starts_with("on") && key != "href", "attribute {key} on <{name}>");
            if let Some(reference) = attr.value().strip_prefix("url(") {
                assert!(reference.starts_with('#'), "external reference {}", attr.value());
            }
        }
        if let Some(size) = node.attribute("font-size") {
            assert!(size.parse::<f64>().is_ok_and(|px| px >= 12.0), "text of {size} px");
        }
    }
    doc
}

/// The visible texts of a checked chart, trimmed.
pub(crate) fn texts(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or_default().trim().to_string())
        .collect()
}

/// Elements with `attr="value"`.
pub(crate) fn count(doc: &roxmltree::Document<'_>, tag: &str, attr: &str, value: &str) -> usize {
    doc.descendants().filter(|n| n.has_tag_name(tag) && n.attribute(attr) == Some(value)).count()
}

fn hex(color: RGBColor) -> String {
    let RGBColor(r, g, b) = color;
    format!("#{r:02X}{g:02X}{b:02X}")
}

/// The example of the brief: invoices up to October (€ 812.000,00), € 1.020.000,00 expected, a
/// budget of € 1.000.000,00 spread evenly.
fn year(budget: bool, actual_up_to: u32) -> Vec<CostMonth> {
    (1..=12)
        .map(|m| {
            let actual = i64::from(m) * 8_120_000;
            let forecast = if m <= 10 { actual } else { 81_200_000 + i64::from(m - 10) * 10_400_000 };
            CostMonth {
                month: m,
                cumulative_actual_cents: (m <= actual_up_to).then_some(actual),
                cumulative_forecast_cents: forecast,
                cumulative_budget_cents: budget.then_some(100_000_000 * i64::from(m) / 12),
            }
        })
        .collect()
}

#[test]
fn the_dutch_summary_and_table_compare_actual_and_forecast_with_the_budget() {
    let chart = cumulative_costs(Lang::Nl, 2026, &year(true, 10));
    assert_eq!(chart.title, "Cumulatieve kosten tegen budget 2026");
    assert_eq!(
        chart.summary,
        "Tot en met oktober € 812.000,00 uitgegeven, 81 % van het budget van € 1.000.000,00; verwacht aan het eind \
         van het jaar € 1.020.000,00 (102 %): € 20.000,00 boven budget."
    );
    assert_eq!(
        chart.table.headers,
        ["Maand", "Werkelijk (cumulatief)", "Prognose (cumulatief)", "Budget (cumulatief)"]
    );
    assert_eq!(chart.table.rows.len(), 12);
    assert_eq!(chart.table.rows[0], ["januari", "€ 81.200,00", "€ 81.200,00", "€ 83.333,33"]);
    assert_eq!(chart.table.rows[9], ["oktober", "€ 812.000,00", "€ 812.000,00", "€ 833.333,33"]);
    assert_eq!(chart.table.rows[10], ["november", "–", "€ 916.000,00", "€ 916.666,66"]);
    assert_eq!(chart.table.rows[11], ["december", "–", "€ 1.020.000,00", "€ 1.000.000,00"]);
}

#[test]
fn the_english_summary_and_table() {
    let chart = cumulative_costs(Lang::En, 2026, &year(true, 10));
    assert_eq!(chart.title, "Cumulative costs against budget 2026");
    assert_eq!(
        chart.summary,
        "Up to and including October €812,000.00 spent, 81 % of the budget of €1,000,000.00; expected at year \
         end €1,020,000.00 (102 %): €20,000.00 over budget."
    );
    assert_eq!(chart.table.headers, ["Month", "Actual (cumulative)", "Forecast (cumulative)", "Budget (cumulative)"]);
    assert_eq!(chart.table.rows[11], ["December", "–", "€1,020,000.00", "€1,000,000.00"]);
    let texts = texts(&checked(&chart));
    for label in ["Jan", "Oct", "Dec", "€0", "€200k", "€1m", "€1.2m", "actual", "forecast", "budget"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
}

#[test]
fn the_three_series_differ_in_more_than_colour() {
    let chart = cumulative_costs(Lang::Nl, 2026, &year(true, 10));
    let doc = checked(&chart);
    let texts = texts(&doc);
    let months = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    for label in months.iter().chain(&["€ 0", "€ 600k", "€ 1 mln", "€ 1,2 mln", "werkelijk", "prognose", "budget"])
    {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
    // Actual: a round marker per month with invoices, and one in the legend.
    assert_eq!(count(&doc, "circle", "fill", &hex(ACTUAL)), 11);
    // Budget: a square marker per month, and one in the legend; its line is dotted (many short pieces).
    assert_eq!(count(&doc, "rect", "fill", &hex(BUDGET)), 13);
    assert!(count(&doc, "polyline", "stroke", &hex(BUDGET)) > 50);
    // Forecast: dashed (many short pieces of a thin line); actual: one thick line.
    assert!(count(&doc, "polyline", "stroke-width", "2") > 20);
    assert_eq!(count(&doc, "polyline", "stroke-width", "4"), 2, "the actual line and its legend sample");
    assert!(!texts.iter().any(|t| t.contains("1,4 mln")), "the axis ends just above the highest value");
}

#[test]
fn without_a_budget_the_summary_says_so() {
    let chart = cumulative_costs(Lang::Nl, 2026, &year(false, 10));
    assert_eq!(
        chart.summary,
        "Tot en met oktober € 812.000,00 uitgegeven; verwacht aan het eind van het jaar € 1.020.000,00. Voor 2026 is \
         geen budget vastgesteld."
    );
    assert!(chart.table.rows.iter().all(|r| r[3] == "–"));
    let doc = checked(&chart);
    assert!(texts(&doc).iter().any(|t| t == "geen budget"));
    assert_eq!(count(&doc, "rect", "fill", &hex(BUDGET)), 0);
    let english = cumulative_costs(Lang::En, 2026, &year(false, 10));
    assert!(english.summary.ends_with("expected at year end €1,020,000.00. No budget has been set for 2026."));
}

#[test]
fn without_actual_costs_the_forecast_is_compared_with_the_budget() {
    let chart = cumulative_costs(Lang::Nl, 2027, &year(true, 0));
    assert_eq!(
        chart.summary,
        "Nog geen kosten geboekt in 2027; verwacht aan het eind van het jaar € 1.020.000,00 (102 % van het budget \
         van € 1.000.000,00): € 20.000,00 boven budget."
    );
    let doc = checked(&chart);
    assert!(texts(&doc).iter().any(|t| t == "nog geen werkelijke kosten"));
    assert_eq!(count(&doc, "circle", "fill", &hex(ACTUAL)), 0);
    let english = cumulative_costs(Lang::En, 2027, &year(false, 0));
    assert_eq!(
        english.summary,
        "No costs booked in 2027 yet; expected at year end €1,020,000.00. No budget has been set for 2027."
    );
}

#[test]
fn under_on_and_without_a_budget_amount() {
    let mut months = year(true, 10);
    months[11].cumulative_forecast_cents = 95_000_000;
    let nl = cumulative_costs(Lang::Nl, 2026, &months).summary;
    assert!(nl.ends_with("€ 950.000,00 (95 %): € 50.000,00 onder budget."), "{nl}");
    let en = cumulative_costs(Lang::En, 2026, &months).summary;
    assert!(en.ends_with("€950,000.00 (95 %): €50,000.00 under budget."), "{en}");
    months[11].cumulative_forecast_cents = 100_000_000;
    let nl = cumulative_costs(Lang::Nl, 2026, &months).summary;
    assert!(nl.ends_with("(100 %): precies het budget."), "{nl}");
    // A budget of zero: no percentages, the amount over budget still.
    for m in &mut months {
        m.cumulative_budget_cents = Some(0);
    }
    let nl = cumulative_costs(Lang::Nl, 2026, &months).summary;
    assert_eq!(
        nl,
        "Tot en met oktober € 812.000,00 uitgegeven; verwacht aan het eind van het jaar € 1.000.000,00 (budget \
         € 0,00): € 1.000.000,00 boven budget."
    );
}

#[test]
fn empty_input_gives_the_no_data_chart() {
    for months in [vec![], vec![CostMonth { month: 13, ..year(true, 1)[0].clone() }]] {
        let chart = cumulative_costs(Lang::Nl, 2026, &months);
        assert_eq!(texts(&checked(&chart)), ["Geen gegevens in deze periode."]);
        assert_eq!(chart.title, "Cumulatieve kosten tegen budget 2026");
        assert!(chart.table.rows.is_empty());
    }
    let english = cumulative_costs(Lang::En, 2026, &[]);
    assert_eq!(texts(&checked(&english)), ["No data in this period."]);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for lang in [Lang::Nl, Lang::En] {
        assert_eq!(cumulative_costs(lang, 2026, &year(true, 10)), cumulative_costs(lang, 2026, &year(true, 10)));
    }
    assert_ne!(
        cumulative_costs(Lang::Nl, 2026, &year(true, 10)).svg,
        cumulative_costs(Lang::Nl, 2026, &year(true, 9)).svg
    );
}

#[test]
fn months_are_put_in_calendar_order_and_the_first_of_a_double_counts() {
    let mut months = year(true, 10);
    months.reverse();
    months.push(CostMonth { month: 3, cumulative_actual_cents: Some(1), ..months[0].clone() });
    months.push(CostMonth { month: 0, ..months[0].clone() });
    let chart = cumulative_costs(Lang::Nl, 2026, &months);
    assert_eq!(chart, cumulative_costs(Lang::Nl, 2026, &year(true, 10)));
}

#[test]
fn extreme_negative_and_single_values_draw_without_panic() {
    let one = |month, actual, forecast, budget| CostMonth {
        month,
        cumulative_actual_cents: actual,
        cumulative_forecast_cents: forecast,
        cumulative_budget_cents: budget,
    };
    let cases = [
        vec![one(1, Some(i64::MAX), i64::MAX, Some(i64::MIN))],
        vec![one(1, Some(i64::MIN), i64::MIN, Some(1)), one(12, None, i64::MAX, None)],
        vec![one(6, Some(-50_000), -20_000, Some(0))],
        vec![one(12, None, 0, Some(0))],
        vec![one(2, Some(5), 5, None), one(4, Some(7), 9, Some(10))],
    ];
    for months in cases {
        for lang in [Lang::Nl, Lang::En] {
            let chart = cumulative_costs(lang, 2026, &months);
            let texts = texts(&checked(&chart));
            assert!(texts.iter().any(|t| t == "jan" || t == "Jan"), "{texts:?}");
            assert_eq!(chart.table.rows.len(), months.len());
        }
    }
    let negative = cumulative_costs(Lang::Nl, 2026, &[one(6, Some(-50_000), -20_000, Some(0))]);
    assert!(texts(&checked(&negative)).iter().any(|t| t.starts_with("-€ ")), "the axis goes below 0");
}

#[test]
fn the_axis_starts_at_zero_and_ends_at_a_round_value_above_the_data() {
    assert_eq!(y_axis(&year(true, 10)), (0.0, 1_200_000.0, 200_000.0));
    assert_eq!(y_axis(&[CostMonth { month: 1, ..year(false, 0)[0].clone() }]), (0.0, 100_000.0, 20_000.0));
    assert_eq!(
        y_axis(&[CostMonth { month: 1, cumulative_forecast_cents: 0, ..year(false, 0)[0].clone() }]),
        (0.0, 1.0, 1.0)
    );
    let (bottom, top, _) =
        y_axis(&[CostMonth { month: 1, cumulative_forecast_cents: -15_000, ..year(false, 0)[0].clone() }]);
    assert!(bottom <= -150.0 && top > 0.0, "{bottom} {top}");
}

#[test]
fn shares_round_half_away_from_zero() {
    assert_eq!(share(812, 1000), Some(81));
    assert_eq!(share(815, 1000), Some(82));
    assert_eq!(share(-815, 1000), Some(-82));
    assert_eq!(share(1, 0), None);
    assert_eq!(share(i64::MAX, 1), Some(i128::from(i64::MAX) * 100));
}
