//! The overview's charts, drawn on the server by the `charts` crate: cumulative costs against the
//! budget, and the cost per vendor. Shown with `crate::pages::sla::charts::ChartFigure` (caption,
//! picture, summary, table).

#[cfg(feature = "ssr")]
use crate::i18n::Lang;
#[cfg(feature = "ssr")]
use domain::sla::views::ChartView;
#[cfg(feature = "ssr")]
use domain::views_costs::CostOverview;

/// Both charts of the overview (server only). Months after `today` have no actual line.
#[cfg(feature = "ssr")]
pub fn render(o: &CostOverview, today: chrono::NaiveDate, lang: Lang) -> Vec<ChartView> {
    use chrono::Datelike;
    let cl = match lang {
        Lang::Nl => charts::Lang::Nl,
        Lang::En => charts::Lang::En,
    };
    let last_month = match o.year.cmp(&today.year()) {
        std::cmp::Ordering::Less => 12,
        std::cmp::Ordering::Equal => today.month(),
        std::cmp::Ordering::Greater => 0,
    };
    let months: Vec<charts::CostMonth> = o
        .months
        .iter()
        .map(|m| charts::CostMonth {
            month: m.month,
            cumulative_actual_cents: (m.month <= last_month).then_some(m.cumulative_actual_cents),
            cumulative_forecast_cents: m.cumulative_forecast_cents,
            cumulative_budget_cents: (o.budget_cents > 0).then_some(m.cumulative_budget_cents),
        })
        .collect();
    let vendors: Vec<charts::VendorCost> = o
        .vendors
        .iter()
        .map(|v| charts::VendorCost {
            name: v.name.clone(),
            actual_cents: v.actual_cents,
            forecast_cents: v.forecast_cents,
        })
        .collect();
    vec![view(charts::cumulative_costs(cl, o.year, &months)), view(charts::cost_per_vendor(cl, o.year, &vendors))]
}

#[cfg(feature = "ssr")]
fn view(c: charts::Chart) -> ChartView {
    ChartView { svg: c.svg, title: c.title, summary: c.summary, headers: c.table.headers, rows: c.table.rows }
}
