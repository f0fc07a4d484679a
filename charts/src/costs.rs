//! Cumulative costs over one year against the budget: actual (solid line with dots), forecast
//! (dashed) and budget (dotted with squares).

use plotters::prelude::{ChartBuilder, Circle, DashedLineSeries, LineSeries, PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{Color, RGBColor, ShapeStyle};
use serde::{Deserialize, Serialize};

use crate::axis;
use crate::frame::{self, Area, DrawResult, Frame};
use crate::legend::{label_style, text_width, LABEL_PX};
use crate::palette::{AXIS, MET, P95};
use crate::time_ticks::nice_step;
use crate::{format, Chart, Lang, Table};

/// The costs of one month of the year, each figure cumulative from 1 January.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostMonth {
    /// The month, 1 (January) to 12 (December); other months are left out.
    pub month: u32,
    /// What was actually invoiced up to and including this month; `None` for months after the last
    /// month with invoices (and for months still to come).
    pub cumulative_actual_cents: Option<i64>,
    /// What is expected up to and including this month (actual plus expected).
    pub cumulative_forecast_cents: i64,
    /// The budget up to and including this month; `None` when the year has no budget.
    pub cumulative_budget_cents: Option<i64>,
}

const SIZE: (u32, u32) = (800, 400);
/// The actual and forecast lines (one series continuing the other).
const ACTUAL: RGBColor = MET;
/// The budget line: another colour, and dotted with square markers.
const BUDGET: RGBColor = P95;

/// Twelve months on the x axis, euros from 0 on the y axis (labelled `€ 1,2 mln`). Actual costs are a
/// thick solid line with round markers, the forecast a dashed line under it that continues to
/// December, the budget a dotted line with square markers in another colour: the three differ
/// without colour (WCAG 1.4.1). Months are drawn in calendar order whatever the input order; of a
/// month given twice the first counts. Table: month, actual, forecast and budget, all cumulative.
pub fn cumulative_costs(lang: Lang, year: i32, months: &[CostMonth]) -> Chart {
    let title = match lang {
        Lang::Nl => format!("Cumulatieve kosten tegen budget {year}"),
        Lang::En => format!("Cumulative costs against budget {year}"),
    };
    let mut months: Vec<CostMonth> = months.iter().filter(|m| (1..=12).contains(&m.month)).cloned().collect();
    months.sort_by_key(|m| m.month);
    months.dedup_by_key(|m| m.month);
    if months.is_empty() {
        return frame::empty(lang, &title);
    }
    let summary = summary(lang, year, &months);
    let frame = Frame { lang, title: &title, summary: &summary, size: SIZE, patterns: &[] };
    frame::render(&frame, table(lang, &months), |root| draw(lang, &months, root))
}

/// The full name of a month: `oktober` (Dutch) or `October` (English).
fn month_name(lang: Lang, month: u32) -> &'static str {
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
    let names = match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    };
    month.checked_sub(1).and_then(|i| names.get(i as usize)).copied().unwrap_or("?")
}

fn euro_or_missing(lang: Lang, cents: Option<i64>) -> String {
    cents.map_or_else(|| format::MISSING.to_string(), |c| format::euro(lang, c))
}

fn table(lang: Lang, months: &[CostMonth]) -> Table {
    let headers = [
        lang.pick("Maand", "Month"),
        lang.pick("Werkelijk (cumulatief)", "Actual (cumulative)"),
        lang.pick("Prognose (cumulatief)", "Forecast (cumulative)"),
        lang.pick("Budget (cumulatief)", "Budget (cumulative)"),
    ];
    let rows = months
        .iter()
        .map(|m| {
            vec![
                month_name(lang, m.month).to_string(),
                euro_or_missing(lang, m.cumulative_actual_cents),
                format::euro(lang, m.cumulative_forecast_cents),
                euro_or_missing(lang, m.cumulative_budget_cents),
            ]
        })
        .collect();
    Table { headers: headers.map(String::from).to_vec(), rows }
}

/// `part` as a whole percentage of `whole`, rounded half away from zero; `None` unless `whole > 0`.
fn share(part: i64, whole: i64) -> Option<i128> {
    if whole <= 0 {
        return None;
    }
    let (part, whole) = (i128::from(part) * 100, i128::from(whole));
    let half = if part < 0 { -whole / 2 } else { whole / 2 };
    Some((part + half) / whole)
}

fn summary(lang: Lang, year: i32, months: &[CostMonth]) -> String {
    let last_actual = months.iter().rev().find_map(|m| m.cumulative_actual_cents.map(|a| (m.month, a)));
    let year_end = months.last().map_or(0, |m| m.cumulative_forecast_cents);
    let budget = months.iter().rev().find_map(|m| m.cumulative_budget_cents);
    let eur = |c: i64| format::euro(lang, c);

    let mut budget_named = false;
    let mut text = match last_actual {
        Some((month, actual)) => {
            let mut spent = match lang {
                Lang::Nl => format!("Tot en met {} {} uitgegeven", month_name(lang, month), eur(actual)),
                Lang::En => format!("Up to and including {} {} spent", month_name(lang, month), eur(actual)),
            };
            if let Some((b, p)) = budget.and_then(|b| share(actual, b).map(|p| (b, p))) {
                budget_named = true;
                spent.push_str(&match lang {
                    Lang::Nl => format!(", {p} % van het budget van {}", eur(b)),
                    Lang::En => format!(", {p} % of the budget of {}", eur(b)),
                });
            }
            spent
        }
        None => match lang {
            Lang::Nl => format!("Nog geen kosten geboekt in {year}"),
            Lang::En => format!("No costs booked in {year} yet"),
        },
    };
    text.push_str(&match lang {
        Lang::Nl => format!("; verwacht aan het eind van het jaar {}", eur(year_end)),
        Lang::En => format!("; expected at year end {}", eur(year_end)),
    });
    let Some(b) = budget else {
        text.push_str(&match lang {
            Lang::Nl => format!(". Voor {year} is geen budget vastgesteld."),
            Lang::En => format!(". No budget has been set for {year}."),
        });
        return text;
    };
    text.push_str(&match (share(year_end, b), budget_named, lang) {
        (Some(p), true, _) => format!(" ({p} %)"),
        (Some(p), false, Lang::Nl) => format!(" ({p} % van het budget van {})", eur(b)),
        (Some(p), false, Lang::En) => format!(" ({p} % of the budget of {})", eur(b)),
        (None, _, _) => format!(" (budget {})", eur(b)),
    });
    let difference = i128::from(year_end) - i128::from(b);
    let amount = |d: i128| eur(i64::try_from(d.abs()).unwrap_or(i64::MAX));
    text.push_str(&match (difference.signum(), lang) {
        (1, Lang::Nl) => format!(": {} boven budget.", amount(difference)),
        (1, Lang::En) => format!(": {} over budget.", amount(difference)),
        (-1, Lang::Nl) => format!(": {} onder budget.", amount(difference)),
        (-1, Lang::En) => format!(": {} under budget.", amount(difference)),
        (_, Lang::Nl) => ": precies het budget.".to_string(),
        (_, Lang::En) => ": exactly the budget.".to_string(),
    });
    text
}

/// The y axis in euros: its lowest and highest value and the distance between grid lines. It
/// starts at 0 (lower only for negative values) and ends at a round value above every value.
fn y_axis(months: &[CostMonth]) -> (f64, f64, f64) {
    let values = months.iter().flat_map(|m| {
        [m.cumulative_actual_cents, Some(m.cumulative_forecast_cents), m.cumulative_budget_cents].into_iter().flatten()
    });
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), c| {
        let euros = c as f64 / 100.0;
        (lo.min(euros), hi.max(euros))
    });
    let step = nice_step(high - low, 6);
    let bottom = (low / step).floor() * step;
    let top = ((high / step).floor() + 1.0) * step;
    (bottom, top, step)
}

/// What a legend entry shows.
#[derive(Clone, Copy)]
enum Sample {
    Actual,
    Forecast,
    Budget,
    Note,
}

/// The legend at the top, left to right, wrapping before the right edge. Returns the y of the last
/// row's middle.
fn legend(root: &Area<'_>, items: &[(Sample, &str)]) -> Result<i32, Box<dyn std::error::Error>> {
    let (left, right) = (16, SIZE.0 as i32 - 16);
    let (mut x, mut y) = (left, 18);
    for &(sample, label) in items {
        let offset = if matches!(sample, Sample::Note) { 0 } else { 34 };
        let width = offset + text_width(label, LABEL_PX);
        if x > left && x + width > right {
            x = left;
            y += 24;
        }
        match sample {
            Sample::Actual => {
                root.draw(&PathElement::new(vec![(x, y), (x + 26, y)], ACTUAL.stroke_width(4)))?;
                root.draw(&Circle::new((x + 13, y), 5, ACTUAL.filled()))?;
            }
            Sample::Forecast => {
                for start in [x, x + 11, x + 22] {
                    root.draw(&PathElement::new(vec![(start, y), (start + 6, y)], ACTUAL.stroke_width(2)))?;
                }
            }
            Sample::Budget => {
                for start in (x..x + 26).step_by(6) {
                    root.draw(&PathElement::new(vec![(start, y), (start + 3, y)], BUDGET.stroke_width(3)))?;
                }
                root.draw(&Rectangle::new([(x + 8, y - 5), (x + 18, y + 5)], BUDGET.filled()))?;
            }
            Sample::Note => {}
        }
        root.draw(&Text::new(label.to_string(), (x + offset, y), label_style(HPos::Left, VPos::Center)))?;
        x += width + 20;
    }
    Ok(y)
}

/// The runs of consecutive months that have a value (a missing value breaks the line), as chart
/// coordinates: x in the middle of the month, y in euros.
fn runs(months: &[CostMonth], value: impl Fn(&CostMonth) -> Option<i64>) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    let mut previous = 0;
    for m in months {
        if let Some(v) = value(m) {
            if m.month != previous + 1 && runs.last().is_some_and(|r| !r.is_empty()) {
                runs.push(Vec::new());
            }
            if let Some(run) = runs.last_mut() {
                run.push((f64::from(m.month) - 0.5, v as f64 / 100.0));
            }
        } else if runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
        previous = m.month;
    }
    runs.retain(|r| !r.is_empty());
    runs
}

fn draw(lang: Lang, months: &[CostMonth], root: &Area<'_>) -> DrawResult {
    let actual = runs(months, |m| m.cumulative_actual_cents);
    let forecast = runs(months, |m| Some(m.cumulative_forecast_cents));
    let budget = runs(months, |m| m.cumulative_budget_cents);
    let mut items = Vec::new();
    if actual.is_empty() {
        items.push((Sample::Note, lang.pick("nog geen werkelijke kosten", "no actual costs yet")));
    } else {
        items.push((Sample::Actual, lang.pick("werkelijk", "actual")));
    }
    items.push((Sample::Forecast, lang.pick("prognose", "forecast")));
    if budget.is_empty() {
        items.push((Sample::Note, lang.pick("geen budget", "no budget")));
    } else {
        items.push((Sample::Budget, "budget"));
    }
    let legend_y = legend(root, &items)?;

    let (bottom, top, step) = y_axis(months);
    let plot = root.margin(legend_y + 18, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_top(12)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(96)
        .build_cartesian_2d(0.0..12.0, bottom..top)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let y_ticks: Vec<(i32, String)> = (0..=40)
        .map(|i| bottom + f64::from(i) * step)
        .take_while(|v| *v <= top + step / 1e6)
        .map(|v| (chart.backend_coord(&(0.0, v)).1, format::euro_short(lang, (v * 100.0).round() as i64)))
        .collect();
    axis::horizontal(root, (xs.start, xs.end), &y_ticks)?;
    let x_ticks: Vec<(i32, String)> = (1..=12)
        .map(|m| (chart.backend_coord(&(f64::from(m) - 0.5, bottom)).0, format::month_short(lang, m).to_string()))
        .collect();
    axis::vertical(root, (ys.start, ys.end), &x_ticks, false)?;
    chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(AXIS.stroke_width(1)).draw()?;

    // Forecast first, so that the actual line covers it where they are the same.
    for run in forecast {
        chart.draw_series(DashedLineSeries::new(widen(run), 8, 6, ACTUAL.stroke_width(2)))?;
    }
    for run in budget {
        chart.draw_series(DashedLineSeries::new(widen(run.clone()), 3, 4, BUDGET.stroke_width(3)))?;
        for point in run {
            let (x, y) = chart.backend_coord(&point);
            root.draw(&Rectangle::new([(x - 5, y - 5), (x + 5, y + 5)], BUDGET.filled()))?;
        }
    }
    for run in actual {
        chart.draw_series(LineSeries::new(run.clone(), ShapeStyle::from(ACTUAL).stroke_width(4)))?;
        chart.draw_series(run.into_iter().map(|p| Circle::new(p, 5, ACTUAL.filled())))?;
    }
    Ok(())
}

/// A run of one point becomes a short level line across its month, so that it shows as a line.
fn widen(run: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    match run.as_slice() {
        [(x, y)] => vec![(x - 0.3, *y), (x + 0.3, *y)],
        _ => run,
    }
}

#[cfg(test)]
#[path = "costs_tests.rs"]
pub(crate) mod tests;
