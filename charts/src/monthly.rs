//! Availability per month against the target: vertical bars and a dashed target line.

use plotters::prelude::{ChartBuilder, PathElement, Rectangle, Text, WHITE};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use serde::{Deserialize, Serialize};

use crate::axis;
use crate::escape::clean;
use crate::frame::{self, Area, DrawResult, Frame};
use crate::legend::{self, label_style, text_width, Item, Mark, LABEL_PX};
use crate::palette::{Pattern, AXIS, BREACH, INK, MET};
use crate::{format, Chart, Lang, Table};

/// One month's availability as the SLA evaluation computed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthBar {
    /// The month as displayed, e.g. `nov 2026`; the part after the last space goes on a second line
    /// under the bar.
    pub label: String,
    /// Availability in percent (0-100); `None` when there are no data for the month. Values above
    /// 100 or below 0 are drawn as 100 or 0; NaN counts as no data.
    pub availability_pct: Option<f64>,
    /// Whether the month breached its target (as the SLA evaluation decided, on the printed figure).
    pub breach: bool,
}

const SIZE: (u32, u32) = (800, 380);
const PATTERNS: [Pattern; 1] = [Pattern::Diagonal(BREACH)];

/// One bar per month (at most 13 fit; more are drawn narrower), the target as a dashed line. The y
/// axis starts just below the lowest value or target, so that 98-100 % is readable; it is labelled.
/// A breached month is red, striped and outlined; every bar carries its value; a month without
/// data shows "n.b." ("n/a"). Table: month, availability, target, met or breached.
pub fn monthly_availability(lang: Lang, months: &[MonthBar], target_pct: f64) -> Chart {
    let title = lang.pick("Beschikbaarheid per maand", "Availability per month").to_string();
    if months.is_empty() {
        return frame::empty(lang, &title);
    }
    let target = format::clamp_pct(target_pct);
    let values: Vec<Option<f64>> = months.iter().map(|m| m.availability_pct.and_then(format::clamp_pct)).collect();
    let summary = summary(lang, months, &values, target);
    let frame = Frame { lang, title: &title, summary: &summary, size: SIZE, patterns: &PATTERNS };
    frame::render(&frame, table(lang, months, &values, target), |root| draw(lang, months, &values, target, root))
}

fn outcome(lang: Lang, month: &MonthBar, value: Option<f64>) -> &'static str {
    match (month.breach, value) {
        (true, _) => lang.pick("niet gehaald", "breached"),
        (false, None) => lang.pick("geen gegevens", "no data"),
        (false, Some(_)) => lang.pick("gehaald", "met"),
    }
}

fn table(lang: Lang, months: &[MonthBar], values: &[Option<f64>], target: Option<f64>) -> Table {
    let headers = [
        lang.pick("Maand", "Month"),
        lang.pick("Beschikbaarheid", "Availability"),
        lang.pick("Doel", "Target"),
        lang.pick("Resultaat", "Result"),
    ];
    let rows = months
        .iter()
        .zip(values)
        .map(|(m, &v)| {
            vec![
                clean(&m.label),
                format::percent_or_missing(lang, v),
                format::percent_or_missing(lang, target),
                outcome(lang, m, v).to_string(),
            ]
        })
        .collect();
    Table { headers: headers.map(String::from).to_vec(), rows }
}

fn summary(lang: Lang, months: &[MonthBar], values: &[Option<f64>], target: Option<f64>) -> String {
    let breached: Vec<String> = months.iter().filter(|m| m.breach).map(|m| clean(&m.label)).collect();
    let lowest = months.iter().zip(values).filter_map(|(m, v)| v.map(|v| (v, m))).min_by(|a, b| a.0.total_cmp(&b.0));
    let target = target.map(|t| format::percent(lang, t)).unwrap_or_else(|| format::MISSING.to_string());
    let n = match lang {
        Lang::Nl => format::count(lang, months.len(), "maand", "maanden"),
        Lang::En => format::count(lang, months.len(), "month", "months"),
    };
    let mut text = match (lang, breached.is_empty()) {
        (Lang::Nl, true) => format!("{n}, doel {target}: elke maand met gegevens gehaald."),
        (Lang::Nl, false) => format!("{n}, doel {target}: niet gehaald in {}.", breached.join(", ")),
        (Lang::En, true) => format!("{n}, target {target}: met in every month with data."),
        (Lang::En, false) => format!("{n}, target {target}: breached in {}.", breached.join(", ")),
    };
    if let Some((v, m)) = lowest {
        let (v, label) = (format::percent(lang, v), clean(&m.label));
        text.push_str(&match lang {
            Lang::Nl => format!(" Laagste beschikbaarheid: {v} in {label}."),
            Lang::En => format!(" Lowest availability: {v} in {label}."),
        });
    }
    let without = values.iter().filter(|v| v.is_none()).count();
    if without > 0 {
        text.push_str(&match lang {
            Lang::Nl => format!(" Zonder gegevens: {}.", format::count(lang, without, "maand", "maanden")),
            Lang::En => format!(" Without data: {}.", format::count(lang, without, "month", "months")),
        });
    }
    text
}

/// The y axis: its lowest value, the distance between grid lines (both in percent) and the decimals
/// its labels need. The lowest value is a round number a little below the lowest value or target,
/// so that the differences near 100 % are visible.
fn y_axis(values: &[Option<f64>], target: Option<f64>) -> (f64, f64, usize) {
    const STEPS: [(f64, usize); 12] = [
        (0.05, 2),
        (0.1, 1),
        (0.2, 1),
        (0.25, 2),
        (0.5, 1),
        (1.0, 0),
        (2.0, 0),
        (2.5, 1),
        (5.0, 0),
        (10.0, 0),
        (20.0, 0),
        (25.0, 0),
    ];
    let lowest = values.iter().flatten().chain(target.iter()).fold(100.0_f64, |a, &b| a.min(b));
    let span = (100.0 - lowest).max(0.5);
    let raw_floor = (lowest - span * 0.25).max(0.0);
    let (step, decimals) = STEPS.into_iter().find(|(s, _)| (100.0 - raw_floor) / s <= 6.0).unwrap_or((25.0, 0));
    let floor = ((raw_floor / step).floor() * step * 1e6).round() / 1e6;
    (floor.max(0.0), step, decimals)
}

fn draw(lang: Lang, months: &[MonthBar], values: &[Option<f64>], target: Option<f64>, root: &Area<'_>) -> DrawResult {
    let target_label = format!("{} {}", lang.pick("doel", "target"), format::percent_or_missing(lang, target));
    let mut items = vec![
        Item { mark: Mark::Swatch(MET), label: lang.pick("gehaald", "met") },
        Item { mark: Mark::Swatch(BREACH), label: lang.pick("niet gehaald (gestreept)", "breached (striped)") },
    ];
    if target.is_some() {
        items.push(Item { mark: Mark::Line { color: INK, dashed: true }, label: &target_label });
    }
    if values.iter().any(Option::is_none) {
        items.push(Item { mark: Mark::None, label: lang.pick("n.b. = geen gegevens", "n/a = no data") });
    }
    let legend_y = legend::draw(root, &items, (16, 18), SIZE.0 as i32 - 16)?;

    let (floor, step, decimals) = y_axis(values, target);
    let n = months.len();
    let plot = root.margin(legend_y + 40, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(16)
        .x_label_area_size(48)
        .y_label_area_size(72)
        .build_cartesian_2d(0f64..n as f64, floor..100.0)?;
    let (xs, _) = chart.plotting_area().get_pixel_range();
    let ticks: Vec<(i32, String)> = (0..)
        .map(|i| floor + f64::from(i) * step)
        .take_while(|v| *v <= 100.0 + 1e-9)
        .map(|v| (chart.backend_coord(&(0.0, v)).1, format!("{} %", format::decimal(lang, v, decimals))))
        .collect();
    axis::horizontal(root, (xs.start, xs.end), &ticks)?;
    chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(AXIS.stroke_width(1)).draw()?;

    for (i, (month, value)) in months.iter().zip(values).enumerate() {
        if let Some(v) = value {
            let corners = [(i as f64 + 0.2, floor), (i as f64 + 0.8, v.max(floor))];
            let color = if month.breach { BREACH } else { MET };
            chart.draw_series(std::iter::once(Rectangle::new(corners, color.filled())))?;
            if month.breach {
                chart.draw_series(std::iter::once(Rectangle::new(corners, INK.stroke_width(2))))?;
            }
        }
    }
    if let Some(t) = target {
        let (left, y) = chart.backend_coord(&(0.0, t));
        let right = chart.backend_coord(&(n as f64, t)).0;
        for x in (left..right).step_by(10) {
            root.draw(&PathElement::new(vec![(x, y), ((x + 6).min(right), y)], INK.stroke_width(2)))?;
        }
    }
    for (i, (month, value)) in months.iter().zip(values).enumerate() {
        let (x, bottom) = chart.backend_coord(&(i as f64 + 0.5, floor));
        let top = value.map_or(bottom, |v| chart.backend_coord(&(0.0, v.max(floor))).1);
        let text = value.map_or_else(|| lang.pick("n.b.", "n/a").to_string(), |v| format::decimal(lang, v, 2));
        // A white background keeps the value readable where the target line crosses it.
        let half = text_width(&text, LABEL_PX) / 2 + 2;
        root.draw(&Rectangle::new([(x - half, top - 22), (x + half, top - 4)], WHITE.filled()))?;
        root.draw(&Text::new(text, (x, top - 6), label_style(HPos::Center, VPos::Bottom)))?;
        let label = clean(&month.label);
        let (first, second) = label.trim().rsplit_once(' ').unwrap_or((label.trim(), ""));
        root.draw(&Text::new(first.to_string(), (x, bottom + 8), label_style(HPos::Center, VPos::Top)))?;
        root.draw(&Text::new(second.to_string(), (x, bottom + 26), label_style(HPos::Center, VPos::Top)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_starts_just_below_the_data() {
        assert_eq!(y_axis(&[Some(99.2), Some(99.9)], Some(99.5)), (99.0, 0.2, 1));
        assert_eq!(y_axis(&[Some(98.0), None], Some(99.8)), (97.5, 0.5, 1));
        assert_eq!(y_axis(&[Some(99.7)], Some(99.8)), (99.5, 0.1, 1));
        assert_eq!(y_axis(&[Some(100.0)], Some(100.0)), (99.85, 0.05, 2));
        assert_eq!(y_axis(&[Some(10.0)], Some(99.0)), (0.0, 20.0, 0));
        assert_eq!(y_axis(&[None], None), (99.85, 0.05, 2));
    }
}
