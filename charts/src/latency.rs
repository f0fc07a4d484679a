//! Response times over time: the p50 and p95 lines, with the time axis in Amsterdam local time.

use chrono::{DateTime, Utc};
use plotters::prelude::{ChartBuilder, Circle, DashedLineSeries, LineSeries, TriangleMarker};
use plotters::style::{Color, ShapeStyle};
use serde::{Deserialize, Serialize};

use crate::axis;
use crate::frame::{self, Area, DrawResult, Frame};
use crate::legend::{self, Item, Mark};
use crate::palette::{AXIS, MET, P95};
use crate::time_ticks::{local, nice_step, time_ticks};
use crate::{format, Chart, Lang, Table};

/// Response times measured in one interval (e.g. an hour), ending or starting at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LatencyPoint {
    /// The instant the figures belong to (UTC; shown in Europe/Amsterdam time).
    pub at: DateTime<Utc>,
    /// Median response time in milliseconds; `None` when there were no measurements.
    pub p50_ms: Option<u32>,
    /// 95th percentile response time in milliseconds; `None` when there were no measurements.
    pub p95_ms: Option<u32>,
}

const SIZE: (u32, u32) = (800, 360);
/// With more points than this the lines have no point markers (they would merge).
const MARKERS_UP_TO: usize = 60;

/// Two lines over time: p50 solid with round markers, p95 dashed with triangles, a legend naming
/// both. A missing value breaks its line. The y axis (milliseconds) starts at 0; the time axis is
/// labelled in Amsterdam local time (hours within a day or two, dates beyond). Points are drawn in
/// time order whatever the input order. Table: local time, p50, p95.
pub fn latency(lang: Lang, points: &[LatencyPoint]) -> Chart {
    let title = lang.pick("Responstijd (p50 en p95)", "Response time (p50 and p95)").to_string();
    if points.is_empty() {
        return frame::empty(lang, &title);
    }
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.at);
    let table = table(lang, &points);
    let max = points.iter().flat_map(|p| [p.p50_ms, p.p95_ms]).flatten().max();
    let Some(max) = max else {
        return Chart { table, ..frame::empty(lang, &title) };
    };
    let summary = summary(lang, &points);
    let frame = Frame { lang, title: &title, summary: &summary, size: SIZE, patterns: &[] };
    frame::render(&frame, table, |root| draw(lang, &points, max, root))
}

fn table(lang: Lang, points: &[LatencyPoint]) -> Table {
    let ms = |v: Option<u32>| v.map_or_else(|| format::MISSING.to_string(), |v| format::ms(lang, v));
    let headers = [lang.pick("Tijdstip", "Time"), "p50", "p95"].map(String::from).to_vec();
    let rows = points.iter().map(|p| vec![format::date_time(lang, local(p.at)), ms(p.p50_ms), ms(p.p95_ms)]).collect();
    Table { headers, rows }
}

fn summary(lang: Lang, points: &[LatencyPoint]) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return frame::no_data_text(lang).to_string();
    };
    let (first, last) = (format::date_time(lang, local(first.at)), format::date_time(lang, local(last.at)));
    let range = |values: Vec<u32>| match (values.iter().min(), values.iter().max()) {
        (Some(&lo), Some(&hi)) if lo == hi => format::ms(lang, hi),
        (Some(&lo), Some(&hi)) => format!("{}-{}", format::integer(lang, u64::from(lo)), format::ms(lang, hi)),
        _ => lang.pick("geen metingen", "no measurements").to_string(),
    };
    let p50 = range(points.iter().filter_map(|p| p.p50_ms).collect());
    let p95 = range(points.iter().filter_map(|p| p.p95_ms).collect());
    let worst =
        points.iter().filter_map(|p| p.p95_ms.map(|v| (v, p.at))).max_by_key(|(v, at)| (*v, std::cmp::Reverse(*at)));
    let mut text = match lang {
        Lang::Nl => format!(
            "{} van {first} tot en met {last} (Nederlandse tijd): p50 {p50}, p95 {p95}.",
            format::count(lang, points.len(), "meting", "metingen")
        ),
        Lang::En => format!(
            "{} from {first} to {last} (Amsterdam time): p50 {p50}, p95 {p95}.",
            format::count(lang, points.len(), "measurement", "measurements")
        ),
    };
    if let Some((v, at)) = worst {
        let (v, at) = (format::ms(lang, v), format::date_time(lang, local(at)));
        text.push_str(&match lang {
            Lang::Nl => format!(" Hoogste p95: {v} op {at}."),
            Lang::En => format!(" Highest p95: {v} at {at}."),
        });
    }
    text
}

/// The runs of consecutive points that have a value: a missing value breaks the line.
fn runs(points: &[LatencyPoint], value: impl Fn(&LatencyPoint) -> Option<u32>) -> Vec<Vec<(f64, f64)>> {
    let mut runs = vec![Vec::new()];
    for p in points {
        match (value(p), runs.last_mut()) {
            (Some(v), Some(run)) => run.push((p.at.timestamp() as f64, f64::from(v))),
            (None, Some(run)) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

fn draw(lang: Lang, points: &[LatencyPoint], max: u32, root: &Area<'_>) -> DrawResult {
    let items = [
        Item { mark: Mark::Line { color: MET, dashed: false }, label: lang.pick("p50 (mediaan)", "p50 (median)") },
        Item {
            mark: Mark::Line { color: P95, dashed: true },
            label: lang.pick("p95 (95e percentiel)", "p95 (95th percentile)"),
        },
    ];
    let legend_y = legend::draw(root, &items, (16, 18), SIZE.0 as i32 - 16)?;

    let (first, last) = match (points.first(), points.last()) {
        (Some(f), Some(l)) => (f.at.timestamp(), l.at.timestamp()),
        _ => return Ok(()),
    };
    let (start, end) = if last > first { (first, last) } else { (first - 1800, first + 1800) };
    let step = nice_step(f64::from(max.max(1)) * 1.1, 5);
    let top = (f64::from(max.max(1)) * 1.1 / step).ceil() * step;

    let plot = root.margin(legend_y + 18, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_top(12)
        .margin_right(36)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(start as f64..end as f64, 0.0..top)?;
    let (xs, ys) = chart.plotting_area().get_pixel_range();
    let y_ticks: Vec<(i32, String)> = (0..)
        .map(|i| f64::from(i) * step)
        .take_while(|v| *v <= top)
        .map(|v| (chart.backend_coord(&(start as f64, v)).1, format::ms(lang, v as u32)))
        .collect();
    axis::horizontal(root, (xs.start, xs.end), &y_ticks)?;
    let x_ticks: Vec<(i32, String)> = time_ticks(lang, start, end)
        .into_iter()
        .map(|(t, label)| (chart.backend_coord(&(t as f64, 0.0)).0, label))
        .collect();
    axis::vertical(root, (ys.start, ys.end), &x_ticks, true)?;
    chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(AXIS.stroke_width(1)).draw()?;

    let markers = points.len() <= MARKERS_UP_TO;
    for run in runs(points, |p| p.p50_ms) {
        let style = ShapeStyle::from(MET).stroke_width(2);
        chart.draw_series(LineSeries::new(run.clone(), style))?;
        if markers || run.len() == 1 {
            chart.draw_series(run.iter().map(|&p| Circle::new(p, 4, MET.filled())))?;
        }
    }
    for run in runs(points, |p| p.p95_ms) {
        let style = P95.stroke_width(2);
        chart.draw_series(DashedLineSeries::new(run.clone(), 8, 5, style))?;
        if markers || run.len() == 1 {
            chart.draw_series(run.iter().map(|&p| TriangleMarker::new(p, 5, P95.filled())))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(hour: u32, p50: Option<u32>) -> LatencyPoint {
        let at = DateTime::from_timestamp(i64::from(hour) * 3600, 0).unwrap_or_default();
        LatencyPoint { at, p50_ms: p50, p95_ms: None }
    }

    #[test]
    fn a_missing_value_breaks_the_line() {
        let points = [point(0, Some(1)), point(1, Some(2)), point(2, None), point(3, Some(3)), point(4, None)];
        let runs = runs(&points, |p| p.p50_ms);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].len(), 2);
        assert_eq!(runs[1], vec![(3.0 * 3600.0, 3.0)]);
    }

    #[test]
    fn local_time_follows_amsterdam_summer_and_winter_time() {
        let summer = DateTime::parse_from_rfc3339("2026-07-01T12:00:00Z").unwrap().with_timezone(&Utc);
        let winter = DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(format::clock(local(summer)), "14:00");
        assert_eq!(format::clock(local(winter)), "13:00");
    }
}
