//! Costs per vendor for one year: a horizontal bar per vendor, the actual costs solid and the rest of
//! the forecast striped after it.

use plotters::prelude::{ChartBuilder, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor};
use serde::{Deserialize, Serialize};

use crate::axis;
use crate::escape::{clean, shorten};
use crate::frame::{self, Area, DrawResult, Frame};
use crate::legend::{self, label_style, text_width, Item, Mark, LABEL_PX};
use crate::palette::{Pattern, AXIS, MET};
use crate::time_ticks::nice_step;
use crate::{format, Chart, Lang, Table};

/// One vendor's costs in one year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorCost {
    /// The vendor's name (shortened in the picture, in full in the table).
    pub name: String,
    /// What the vendor actually invoiced in the year so far, credit notes subtracted.
    pub actual_cents: i64,
    /// What the vendor is expected to cost over the whole year (actual plus expected).
    pub forecast_cents: i64,
}

/// Vendors drawn one by one; the rest share one row.
const MAX_ROWS: usize = 12;
/// Characters of a vendor's name that fit left of the bars.
const LABEL_CHARS: usize = 28;
const WIDTH: u32 = 800;
const ROW: u32 = 40;
/// The actual costs: solid.
const ACTUAL: RGBColor = MET;
/// The rest of the forecast: a lighter blue (3.8:1 against white), striped and outlined.
const EXPECTED: RGBColor = RGBColor(0x4F, 0x86, 0xC6);
const PATTERNS: [Pattern; 1] = [Pattern::Diagonal(EXPECTED)];

/// One row of the picture.
struct Row {
    name: String,
    actual: i64,
    forecast: i64,
}

/// A horizontal bar per vendor in the order given (the caller sorts), at most 12; the vendors after
/// the twelfth share one row "Overige (n)" ("Other (n)"). The actual costs are a solid bar, the part
/// of the forecast still to come a striped, outlined extension up to the forecast (none when the
/// forecast is below the actual costs); the forecast is written after the bar. Negative amounts
/// (more credited than invoiced) draw as no bar. Table: every vendor with actual, forecast and its
/// share of the total forecast.
pub fn cost_per_vendor(lang: Lang, year: i32, vendors: &[VendorCost]) -> Chart {
    let title = match lang {
        Lang::Nl => format!("Kosten per leverancier {year}"),
        Lang::En => format!("Costs per vendor {year}"),
    };
    if vendors.is_empty() {
        return frame::empty(lang, &title);
    }
    let rows = rows(lang, vendors);
    let summary = summary(lang, year, vendors);
    let size = (WIDTH, 110 + ROW * rows.len() as u32);
    let frame = Frame { lang, title: &title, summary: &summary, size, patterns: &PATTERNS };
    frame::render(&frame, table(lang, vendors), |root| draw(lang, year, &rows, size, root))
}

fn rows(lang: Lang, vendors: &[VendorCost]) -> Vec<Row> {
    let mut rows: Vec<Row> = vendors
        .iter()
        .take(MAX_ROWS)
        .map(|v| Row { name: shorten(&v.name, LABEL_CHARS), actual: v.actual_cents, forecast: v.forecast_cents })
        .collect();
    let rest = vendors.get(MAX_ROWS..).unwrap_or_default();
    if !rest.is_empty() {
        let name = match lang {
            Lang::Nl => format!("Overige ({})", rest.len()),
            Lang::En => format!("Other ({})", rest.len()),
        };
        let actual = rest.iter().map(|v| v.actual_cents).fold(0, i64::saturating_add);
        let forecast = rest.iter().map(|v| v.forecast_cents).fold(0, i64::saturating_add);
        rows.push(Row { name, actual, forecast });
    }
    rows
}

/// The sum of the forecasts; exact (no vendor list reaches the limits of `i128`).
fn total_forecast(vendors: &[VendorCost]) -> i128 {
    vendors.iter().map(|v| i128::from(v.forecast_cents)).sum()
}

/// An `i128` amount of cents as euros, held to what `i64` can print.
fn euro_wide(lang: Lang, cents: i128) -> String {
    let held = i64::try_from(cents).unwrap_or(if cents < 0 { i64::MIN } else { i64::MAX });
    format::euro(lang, held)
}

/// The share of `part` in `total` in percent, when the total is positive.
fn share(part: i64, total: i128) -> Option<f64> {
    (total > 0).then(|| part as f64 / total as f64 * 100.0)
}

fn table(lang: Lang, vendors: &[VendorCost]) -> Table {
    let headers = [
        lang.pick("Leverancier", "Vendor"),
        lang.pick("Werkelijk", "Actual"),
        lang.pick("Prognose", "Forecast"),
        lang.pick("Aandeel in prognose", "Share of forecast"),
    ];
    let total = total_forecast(vendors);
    let rows = vendors
        .iter()
        .map(|v| {
            vec![
                clean(&v.name),
                format::euro(lang, v.actual_cents),
                format::euro(lang, v.forecast_cents),
                format::percent_or_missing(lang, share(v.forecast_cents, total)),
            ]
        })
        .collect();
    Table { headers: headers.map(String::from).to_vec(), rows }
}

fn summary(lang: Lang, year: i32, vendors: &[VendorCost]) -> String {
    let total = total_forecast(vendors);
    let actual: i128 = vendors.iter().map(|v| i128::from(v.actual_cents)).sum();
    let (total_text, actual_text) = (euro_wide(lang, total), euro_wide(lang, actual));
    let mut text = match lang {
        Lang::Nl => format!(
            "{}, samen {total_text} verwacht in {year} ({actual_text} werkelijk).",
            format::count(lang, vendors.len(), "leverancier", "leveranciers")
        ),
        Lang::En => format!(
            "{}, {total_text} forecast for {year} in total ({actual_text} actual).",
            format::count(lang, vendors.len(), "vendor", "vendors")
        ),
    };
    let largest = vendors.iter().reduce(|a, b| if b.forecast_cents > a.forecast_cents { b } else { a });
    if let Some(v) = largest {
        let (name, amount) = (clean(&v.name), format::euro(lang, v.forecast_cents));
        text.push_str(&match (lang, share(v.forecast_cents, total)) {
            (Lang::Nl, Some(s)) => {
                format!(" Grootste: {name} met {amount} ({} van het totaal).", format::percent(lang, s))
            }
            (Lang::En, Some(s)) => {
                format!(" Largest: {name} with {amount} ({} of the total).", format::percent(lang, s))
            }
            (Lang::Nl, None) => format!(" Grootste: {name} met {amount}."),
            (Lang::En, None) => format!(" Largest: {name} with {amount}."),
        });
    }
    if vendors.len() > MAX_ROWS {
        let rest = vendors.len() - MAX_ROWS;
        text.push_str(&match lang {
            Lang::Nl => format!(" De grafiek toont de eerste {MAX_ROWS}; de andere {rest} samen als Overige ({rest})."),
            Lang::En => format!(" The chart shows the first {MAX_ROWS}; the other {rest} together as Other ({rest})."),
        });
    }
    text
}

fn draw(lang: Lang, year: i32, rows: &[Row], size: (u32, u32), root: &Area<'_>) -> DrawResult {
    let note = match lang {
        Lang::Nl => format!("bedrag = prognose {year}"),
        Lang::En => format!("amount = forecast {year}"),
    };
    let items = [
        Item { mark: Mark::Swatch(ACTUAL), label: lang.pick("werkelijk", "actual") },
        Item { mark: Mark::Swatch(EXPECTED), label: lang.pick("nog verwacht (gestreept)", "still expected (striped)") },
        Item { mark: Mark::None, label: &note },
    ];
    let legend_y = legend::draw(root, &items, (16, 18), size.0 as i32 - 16)?;

    let values: Vec<String> = rows.iter().map(|r| format::euro(lang, r.forecast)).collect();
    let label_area = (rows.iter().map(|r| text_width(&r.name, LABEL_PX)).max().unwrap_or(0) + 24).clamp(120, 260);
    let value_area = (values.iter().map(|v| text_width(v, LABEL_PX)).max().unwrap_or(0) + 24).clamp(60, 240);
    let euros = |cents: i64| cents.max(0) as f64 / 100.0;
    let highest = rows.iter().map(|r| euros(r.actual).max(euros(r.forecast))).fold(0.0, f64::max);
    let step = nice_step(highest, 5);
    let top = ((highest / step).floor() + 1.0) * step;
    let n = rows.len();
    let plot = root.margin(legend_y + 18, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(value_area)
        .x_label_area_size(40)
        .y_label_area_size(label_area)
        .build_cartesian_2d(0.0..top, 0.0..n as f64)?;
    let (_, ys) = chart.plotting_area().get_pixel_range();
    let ticks: Vec<(i32, String)> = (0..=10)
        .map(|k| f64::from(k) * step)
        .take_while(|v| *v <= top + step / 1e6)
        .map(|v| (chart.backend_coord(&(v, 0.0)).0, format::euro_short(lang, (v * 100.0).round() as i64)))
        .collect();
    axis::vertical(root, (ys.start, ys.end), &ticks, true)?;
    chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(AXIS.stroke_width(1)).draw()?;

    for (i, (row, value)) in rows.iter().zip(values).enumerate() {
        // The first vendor at the top.
        let y = (n - 1 - i) as f64;
        let (actual, forecast) = (euros(row.actual), euros(row.forecast));
        if actual > 0.0 {
            chart.draw_series(std::iter::once(Rectangle::new([(0.0, y + 0.2), (actual, y + 0.8)], ACTUAL.filled())))?;
        }
        if forecast > actual {
            let corners = [(actual, y + 0.2), (forecast, y + 0.8)];
            chart.draw_series(std::iter::once(Rectangle::new(corners, EXPECTED.filled())))?;
            chart.draw_series(std::iter::once(Rectangle::new(corners, ACTUAL.stroke_width(1))))?;
        }
        let (x0, y_mid) = chart.backend_coord(&(0.0, y + 0.5));
        let end = chart.backend_coord(&(actual.max(forecast), y)).0;
        root.draw(&Text::new(value, (end + 8, y_mid), label_style(HPos::Left, VPos::Center)))?;
        root.draw(&Text::new(row.name.clone(), (x0 - 12, y_mid), label_style(HPos::Right, VPos::Center)))?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "vendor_costs_tests.rs"]
mod tests;
