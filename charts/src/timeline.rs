//! Availability timeline: one stacked bar per local day with the minutes per state.

use chrono::{Datelike, NaiveDate, Weekday};
use plotters::prelude::{ChartBuilder, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use serde::{Deserialize, Serialize};

use crate::axis;
use crate::escape::clean;
use crate::frame::{self, Area, DrawResult, Frame};
use crate::legend::{self, Item, Mark};
use crate::palette::{Pattern, AXIS, DEGRADED, DOWN, MAINTENANCE, NO_DATA, UP};
use crate::time_ticks::nice_step;
use crate::{format, Chart, Lang, Table};

/// The minutes of one local (Europe/Amsterdam) day per state, as the rollups give them. A day
/// normally has 1,440 minutes (1,380 or 1,500 when the clocks change).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayStates {
    /// The local date.
    pub date: NaiveDate,
    /// Minutes the service was up.
    pub up_mins: u32,
    /// Minutes it was degraded (slow or partly working).
    pub degraded_mins: u32,
    /// Minutes it was down.
    pub down_mins: u32,
    /// Minutes of maintenance.
    pub maintenance_mins: u32,
    /// Minutes without any measurement.
    pub no_data_mins: u32,
}

impl DayStates {
    /// The day's availability in percent: up and degraded minutes over the measured minutes (up,
    /// degraded and down; maintenance and no data are left out). `None` without measured minutes.
    /// An indication per day, not the SLA figure (which follows the contract's terms).
    pub fn availability_pct(&self) -> Option<f64> {
        let good = u64::from(self.up_mins) + u64::from(self.degraded_mins);
        let measured = good + u64::from(self.down_mins);
        (measured > 0).then(|| 100.0 * good as f64 / measured as f64)
    }

    fn segments(&self) -> [u32; 5] {
        [self.up_mins, self.degraded_mins, self.down_mins, self.maintenance_mins, self.no_data_mins]
    }

    fn total(&self) -> u64 {
        self.segments().iter().map(|&m| u64::from(m)).sum()
    }
}

const SIZE: (u32, u32) = (800, 380);
const COLORS: [plotters::style::RGBColor; 5] = [UP, DEGRADED, DOWN, MAINTENANCE, NO_DATA];
const PATTERNS: [Pattern; 4] =
    [Pattern::Diagonal(DEGRADED), Pattern::Cross(DOWN), Pattern::Horizontal(MAINTENANCE), Pattern::Dots(NO_DATA)];

fn state_names(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Nl => ["beschikbaar", "verminderd", "storing", "onderhoud", "geen gegevens"],
        Lang::En => ["up", "degraded", "down", "maintenance", "no data"],
    }
}

/// A stacked bar per day (up, degraded, down, maintenance, no data, bottom to top; y axis in
/// hours), a triangle above each day with downtime, and a legend. Days are drawn in the order given.
/// Table: date, minutes per state, availability of the day ([`DayStates::availability_pct`]).
pub fn availability_timeline(lang: Lang, service_name: &str, days: &[DayStates]) -> Chart {
    let name = clean(service_name).trim().to_string();
    let title = format!("{}: {name}", lang.pick("Beschikbaarheid per dag", "Availability per day"));
    if days.is_empty() {
        return frame::empty(lang, &title);
    }
    let summary = summary(lang, &name, days);
    let frame = Frame { lang, title: &title, summary: &summary, size: SIZE, patterns: &PATTERNS };
    frame::render(&frame, table(lang, days), |root| draw(lang, days, root))
}

fn summary(lang: Lang, name: &str, days: &[DayStates]) -> String {
    let (first, last) = match (days.first(), days.last()) {
        (Some(f), Some(l)) => (format::day(lang, f.date), format::day(lang, l.date)),
        _ => return frame::no_data_text(lang).to_string(),
    };
    let down: u32 = days.iter().map(|d| d.down_mins).fold(0, u32::saturating_add);
    let down_days = days.iter().filter(|d| d.down_mins > 0).count();
    let lowest =
        days.iter().filter_map(|d| d.availability_pct().map(|p| (p, d.date))).min_by(|a, b| a.0.total_cmp(&b.0));
    let (n, down) = (days.len(), format::duration(lang, down));
    let mut text = match lang {
        Lang::Nl => format!(
            "{name}, {} van {first} tot en met {last}: op {} storing, samen {down}.",
            format::count(lang, n, "dag", "dagen"),
            format::count(lang, down_days, "dag", "dagen")
        ),
        Lang::En => format!(
            "{name}, {} from {first} to {last}: downtime on {}, {down} in total.",
            format::count(lang, n, "day", "days"),
            format::count(lang, down_days, "day", "days")
        ),
    };
    if let Some((pct, date)) = lowest {
        let (pct, date) = (format::percent(lang, pct), format::day(lang, date));
        text.push_str(&match lang {
            Lang::Nl => format!(" Laagste beschikbaarheid: {pct} op {date}."),
            Lang::En => format!(" Lowest availability: {pct} on {date}."),
        });
    }
    text
}

fn table(lang: Lang, days: &[DayStates]) -> Table {
    let names = state_names(lang);
    let mut headers = vec![lang.pick("Datum", "Date").to_string()];
    headers.extend(names.iter().map(|n| format!("{} (min)", capitalise(n))));
    headers.push(lang.pick("Beschikbaarheid", "Availability").to_string());
    let rows = days
        .iter()
        .map(|d| {
            let mut row = vec![format::day(lang, d.date)];
            row.extend(d.segments().iter().map(|&m| format::integer(lang, u64::from(m))));
            row.push(format::percent_or_missing(lang, d.availability_pct()));
            row
        })
        .collect();
    Table { headers, rows }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn draw(lang: Lang, days: &[DayStates], root: &Area<'_>) -> DrawResult {
    let names = state_names(lang);
    let mut items: Vec<Item<'_>> =
        names.iter().zip(COLORS).map(|(label, c)| Item { mark: Mark::Swatch(c), label }).collect();
    items.push(Item { mark: Mark::Triangle, label: lang.pick("dag met storing", "day with downtime") });
    let legend_y = legend::draw(root, &items, (16, 18), SIZE.0 as i32 - 16)?;

    let n = days.len();
    let max_total = days.iter().map(DayStates::total).max().unwrap_or(0).max(1440) as f64;
    let plot = root.margin(legend_y + 18, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(16)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(0f64..n as f64, 0f64..max_total * 1.06)?;
    let (xs, _) = chart.plotting_area().get_pixel_range();
    // Every 6 hours; a longer "day" (bad input) gets a round number of hours.
    let step = if max_total <= 2880.0 { 360.0 } else { (nice_step(max_total / 60.0, 5) * 60.0).max(360.0) };
    let hours: Vec<(i32, String)> = (0..)
        .map(|k| f64::from(k) * step)
        .take_while(|&m| m <= max_total)
        .map(|m| {
            (
                chart.backend_coord(&(0.0, m)).1,
                format!("{} {}", format::integer(lang, (m / 60.0) as u64), lang.pick("u", "h")),
            )
        })
        .collect();
    axis::horizontal(root, (xs.start, xs.end), &hours)?;
    chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(AXIS.stroke_width(1)).draw()?;

    for (i, day) in days.iter().enumerate() {
        let (left, right) = (i as f64 + 0.12, i as f64 + 0.88);
        let mut bottom = 0.0;
        for (minutes, color) in day.segments().into_iter().zip(COLORS) {
            if minutes == 0 {
                continue;
            }
            let top = bottom + f64::from(minutes);
            chart.draw_series(std::iter::once(Rectangle::new([(left, bottom), (right, top)], color.filled())))?;
            bottom = top;
        }
        if day.down_mins > 0 {
            let (x, y) = chart.backend_coord(&(i as f64 + 0.5, bottom));
            legend::triangle(root, (x, y - 3))?;
        }
    }

    for (i, day) in days.iter().enumerate() {
        if labelled(n, i, day.date) {
            let (x, y) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
            root.draw(&Text::new(
                format::day_short(lang, day.date),
                (x, y + 8),
                legend::label_style(HPos::Center, VPos::Top),
            ))?;
        }
    }
    Ok(())
}

/// Whether day `i` of `n` gets a date label: every day up to 12 days, every other day up to 24,
/// the Mondays up to 60, the first of each month up to 200, of each quarter up to 800, else of each
/// year. Labels never overlap at 800 pixels.
fn labelled(n: usize, i: usize, date: NaiveDate) -> bool {
    match n {
        0..=12 => true,
        13..=24 => i.is_multiple_of(2),
        25..=60 => date.weekday() == Weekday::Mon,
        61..=200 => date.day() == 1,
        201..=800 => date.day() == 1 && (date.month() - 1).is_multiple_of(3),
        _ => date.day() == 1 && date.month() == 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn date_labels_thin_out_as_the_days_grow() {
        assert!(labelled(7, 3, date(11, 4)));
        assert!(!labelled(20, 3, date(11, 4)));
        assert!(labelled(30, 1, date(11, 2)), "a Monday");
        assert!(!labelled(30, 2, date(11, 3)));
        assert!(labelled(90, 5, date(12, 1)));
        assert!(!labelled(365, 5, date(12, 1)));
        assert!(labelled(365, 5, date(10, 1)));
        assert!(!labelled(1000, 5, date(10, 1)));
        assert!(labelled(1000, 5, date(1, 1)));
    }

    #[test]
    fn day_availability_counts_degraded_as_up_and_leaves_out_maintenance_and_gaps() {
        let day = |up, degraded, down, maintenance, no_data| DayStates {
            date: date(11, 3),
            up_mins: up,
            degraded_mins: degraded,
            down_mins: down,
            maintenance_mins: maintenance,
            no_data_mins: no_data,
        };
        assert_eq!(day(1380, 30, 30, 0, 0).availability_pct(), Some(100.0 * 1410.0 / 1440.0));
        assert_eq!(day(700, 0, 0, 600, 140).availability_pct(), Some(100.0));
        assert_eq!(day(0, 0, 0, 60, 1380).availability_pct(), None);
        assert_eq!(day(u32::MAX, u32::MAX, 0, 0, 0).availability_pct(), Some(100.0));
    }
}
