//! Tests of the cost-per-vendor chart.

use super::*;
use crate::costs::tests::{checked, count, texts};

fn vendor(name: &str, actual_cents: i64, forecast_cents: i64) -> VendorCost {
    VendorCost { name: name.to_string(), actual_cents, forecast_cents }
}

fn three() -> Vec<VendorCost> {
    vec![
        vendor("Centric", 45_000_000, 60_000_000),
        vendor("PinkRoccade", 20_000_000, 30_000_000),
        vendor("Kleine Leverancier B.V.", 10_000_000, 10_000_000),
    ]
}

/// `n` vendors, the first the largest.
fn many(n: usize) -> Vec<VendorCost> {
    (0..n)
        .map(|i| vendor(&format!("Leverancier {}", i + 1), 1_000_000 * (n - i) as i64, 1_500_000 * (n - i) as i64))
        .collect()
}

/// The fill of the striped extension: a pattern, not the solid colour.
fn striped(doc: &roxmltree::Document<'_>) -> usize {
    let Some(pattern) = doc.descendants().find(|n| n.has_tag_name("pattern")) else {
        return 0;
    };
    let fill = format!("url(#{})", pattern.attribute("id").unwrap_or_default());
    count(doc, "rect", "fill", &fill)
}

#[test]
fn the_dutch_table_and_summary_name_the_largest_vendor_and_its_share() {
    let chart = cost_per_vendor(Lang::Nl, 2026, &three());
    assert_eq!(chart.title, "Kosten per leverancier 2026");
    assert_eq!(chart.table.headers, ["Leverancier", "Werkelijk", "Prognose", "Aandeel in prognose"]);
    assert_eq!(
        chart.table.rows,
        [
            ["Centric", "€ 450.000,00", "€ 600.000,00", "60,00 %"],
            ["PinkRoccade", "€ 200.000,00", "€ 300.000,00", "30,00 %"],
            ["Kleine Leverancier B.V.", "€ 100.000,00", "€ 100.000,00", "10,00 %"],
        ]
    );
    assert_eq!(
        chart.summary,
        "3 leveranciers, samen € 1.000.000,00 verwacht in 2026 (€ 750.000,00 werkelijk). Grootste: Centric met \
         € 600.000,00 (60,00 % van het totaal)."
    );
    let doc = checked(&chart);
    let texts = texts(&doc);
    for label in ["Centric", "€ 600.000,00", "€ 100.000,00", "€ 0", "werkelijk", "nog verwacht (gestreept)"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
    assert!(texts.iter().any(|t| t == "bedrag = prognose 2026"));
    // Three solid bars and the legend swatch; two striped extensions (the third vendor has none) and
    // the legend swatch.
    assert_eq!(count(&doc, "rect", "fill", "#1D5FA8"), 4);
    assert_eq!(striped(&doc), 3);
}

#[test]
fn the_english_table_and_summary() {
    let chart = cost_per_vendor(Lang::En, 2026, &three());
    assert_eq!(chart.title, "Costs per vendor 2026");
    assert_eq!(chart.table.headers, ["Vendor", "Actual", "Forecast", "Share of forecast"]);
    assert_eq!(chart.table.rows[1], ["PinkRoccade", "€200,000.00", "€300,000.00", "30.00 %"]);
    assert_eq!(
        chart.summary,
        "3 vendors, €1,000,000.00 forecast for 2026 in total (€750,000.00 actual). Largest: Centric with \
         €600,000.00 (60.00 % of the total)."
    );
    let texts = texts(&checked(&chart));
    for label in ["€600,000.00", "actual", "still expected (striped)", "amount = forecast 2026", "€0"] {
        assert!(texts.iter().any(|t| t == label), "no text {label:?} in {texts:?}");
    }
}

#[test]
fn one_vendor_has_the_whole_total() {
    let chart = cost_per_vendor(Lang::Nl, 2026, &[vendor("Enige", 100, 250)]);
    assert_eq!(chart.table.rows, [["Enige", "€ 1,00", "€ 2,50", "100,00 %"]]);
    assert!(chart.summary.starts_with("1 leverancier, samen € 2,50 verwacht in 2026"), "{}", chart.summary);
    assert!(chart.summary.ends_with("Grootste: Enige met € 2,50 (100,00 % van het totaal)."), "{}", chart.summary);
    checked(&chart);
}

#[test]
fn twenty_vendors_draw_twelve_bars_and_the_rest_together() {
    let vendors = many(20);
    let chart = cost_per_vendor(Lang::Nl, 2026, &vendors);
    assert_eq!(chart.table.rows.len(), 20, "the table lists every vendor");
    assert_eq!(chart.table.rows[19][0], "Leverancier 20");
    assert!(
        chart.summary.ends_with("De grafiek toont de eerste 12; de andere 8 samen als Overige (8)."),
        "{}",
        chart.summary
    );
    let doc = checked(&chart);
    let texts = texts(&doc);
    assert!(texts.iter().any(|t| t == "Leverancier 12"));
    assert!(!texts.iter().any(|t| t == "Leverancier 13"));
    assert!(texts.iter().any(|t| t == "Overige (8)"));
    // Vendors 13-20 forecast 8+7+...+1 = 36 times € 15.000,00.
    assert!(texts.iter().any(|t| t == "€ 540.000,00"), "{texts:?}");
    assert_eq!(count(&doc, "rect", "fill", "#1D5FA8"), 14, "13 bars and the legend");
    let english = cost_per_vendor(Lang::En, 2026, &vendors);
    assert!(texts_of(&english).iter().any(|t| t == "Other (8)"));
    assert!(english.summary.ends_with("The chart shows the first 12; the other 8 together as Other (8)."));
    // Exactly twelve: no "other" row.
    assert!(!texts_of(&cost_per_vendor(Lang::Nl, 2026, &many(12))).iter().any(|t| t.starts_with("Overige")));
}

fn texts_of(chart: &Chart) -> Vec<String> {
    texts(&checked(chart))
}

#[test]
fn a_hostile_name_is_escaped_once_and_stays_text() {
    let name = "<script>&\"";
    let chart = cost_per_vendor(Lang::Nl, 2026, &[vendor(name, 100, 200), vendor("x</svg>", 50, 50)]);
    assert!(!chart.svg.contains("<script"));
    assert!(chart.svg.contains("&lt;script&gt;&amp;&quot;"));
    assert!(!chart.svg.contains("&amp;amp;"));
    assert_eq!(chart.table.rows[0][0], name, "the table is plain text, for the page to escape");
    assert!(chart.summary.contains("Grootste: <script>&\" met"));
    let texts = texts_of(&chart);
    assert!(texts.iter().any(|t| t == name), "{texts:?}");
    assert!(texts.iter().any(|t| t == "x</svg>"));
    let controls = cost_per_vendor(Lang::En, 2026, &[vendor("a\u{0}b\u{1b}\nc", 1, 2)]);
    assert_eq!(controls.table.rows[0][0], "ab c");
    assert!(texts_of(&controls).iter().any(|t| t == "ab c"));
}

#[test]
fn long_names_are_shortened_in_the_picture_and_whole_in_the_table() {
    let long = "Gemeenschappelijke Regeling Informatievoorziening Noord";
    let chart = cost_per_vendor(Lang::Nl, 2026, &[vendor(long, 100, 200)]);
    assert_eq!(chart.table.rows[0][0], long);
    let texts = texts_of(&chart);
    assert!(texts.iter().any(|t| t == "Gemeenschappelijke Regeling…"), "{texts:?}");
    assert!(!texts.iter().any(|t| t == long));
}

#[test]
fn negative_amounts_draw_no_bar_but_show_in_the_table() {
    let vendors = [vendor("Creditnota", -50_000, -20_000), vendor("Gewoon", 100_000, 100_000)];
    let chart = cost_per_vendor(Lang::Nl, 2026, &vendors);
    assert_eq!(chart.table.rows[0], ["Creditnota", "-€ 500,00", "-€ 200,00", "-25,00 %"]);
    let doc = checked(&chart);
    assert_eq!(count(&doc, "rect", "fill", "#1D5FA8"), 2, "one bar and the legend");
    assert_eq!(striped(&doc), 1, "only the legend");
    assert!(texts(&doc).iter().any(|t| t == "-€ 200,00"));
    // Nothing positive in total: no shares.
    let credit = cost_per_vendor(Lang::En, 2026, &[vendor("Credit", -100, -100)]);
    assert_eq!(credit.table.rows[0][3], "–");
    assert!(credit.summary.ends_with("Largest: Credit with -€1.00."), "{}", credit.summary);
}

#[test]
fn a_forecast_below_the_actual_costs_draws_only_the_actual_bar() {
    let chart = cost_per_vendor(Lang::Nl, 2026, &[vendor("Minder", 100_000, 80_000)]);
    let doc = checked(&chart);
    assert_eq!(striped(&doc), 1, "only the legend");
    assert_eq!(count(&doc, "rect", "fill", "#1D5FA8"), 2);
    assert!(texts(&doc).iter().any(|t| t == "€ 800,00"), "the label is the forecast");
}

#[test]
fn empty_input_gives_the_no_data_chart() {
    let chart = cost_per_vendor(Lang::Nl, 2026, &[]);
    assert_eq!(chart.title, "Kosten per leverancier 2026");
    assert_eq!(texts_of(&chart), ["Geen gegevens in deze periode."]);
    assert!(chart.table.rows.is_empty());
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for lang in [Lang::Nl, Lang::En] {
        assert_eq!(cost_per_vendor(lang, 2026, &many(20)), cost_per_vendor(lang, 2026, &many(20)));
    }
    assert_ne!(cost_per_vendor(Lang::Nl, 2026, &three()).svg, cost_per_vendor(Lang::Nl, 2027, &three()).svg);
}

#[test]
fn extreme_amounts_draw_without_panic() {
    let mut vendors = vec![vendor("max", i64::MAX, i64::MAX), vendor("min", i64::MIN, i64::MIN)];
    vendors.extend((0..12).map(|i| vendor(&format!("v{i}"), i64::MAX, i64::MIN)));
    for lang in [Lang::Nl, Lang::En] {
        let chart = cost_per_vendor(lang, 2026, &vendors);
        assert!(texts_of(&chart).len() > 10);
        assert_eq!(chart.table.rows.len(), 14);
        let zero = cost_per_vendor(lang, 2026, &[vendor("nul", 0, 0)]);
        assert!(texts_of(&zero).iter().any(|t| t == "nul"));
        assert_eq!(zero.table.rows[0][3], "–");
    }
}

#[test]
fn the_striped_colour_has_three_to_one_against_white_and_is_not_the_solid_one() {
    let luminance = |RGBColor(r, g, b): RGBColor| {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    };
    assert!(1.05 / (luminance(EXPECTED) + 0.05) >= 3.0);
    assert_ne!(Pattern::Diagonal(EXPECTED).solid_fill(), Pattern::Diagonal(ACTUAL).solid_fill());
}
