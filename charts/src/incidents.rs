//! Duration of vendor incidents: one horizontal bar per incident, its target as a marker.

use plotters::prelude::{ChartBuilder, Rectangle, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;
use serde::{Deserialize, Serialize};

use crate::axis;
use crate::escape::{clean, shorten};
use crate::frame::{self, Area, DrawResult, Frame};
use crate::legend::{self, label_style, text_width, Item, Mark, LABEL_PX};
use crate::palette::{text, AXIS, IMPACT, INK, MUTED};
use crate::{format, Chart, Lang, Table};

/// The impact a vendor gave its incident.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Impact {
    /// No impact stated.
    #[default]
    None,
    /// Minor ("klein").
    Minor,
    /// Major ("groot").
    Major,
    /// Critical ("kritiek").
    Critical,
}

impl Impact {
    /// The impact in words, lower case: `kritiek`, `groot`, `klein`, `geen`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Impact::None => lang.pick("geen", "none"),
            Impact::Minor => lang.pick("klein", "minor"),
            Impact::Major => lang.pick("groot", "major"),
            Impact::Critical => lang.pick("kritiek", "critical"),
        }
    }

    fn color(self) -> plotters::style::RGBColor {
        IMPACT[self as usize]
    }
}

/// One vendor incident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentBar {
    /// The incident's name, as the vendor gave it (shortened in the picture, in full in the table).
    pub label: String,
    /// When it started, as displayed (e.g. `di 3 nov 2026 14:05`).
    pub started: String,
    /// How long it lasted (created to resolved), in minutes.
    pub minutes: u32,
    /// Its impact.
    pub impact: Impact,
    /// The resolution-time target for its impact, in minutes, if the contract has one.
    pub target_minutes: Option<u32>,
}

/// Characters of an incident's name that fit left of the bars.
const LABEL_CHARS: usize = 30;
const WIDTH: u32 = 800;
const ROW: u32 = 46;

/// A horizontal bar per incident (in the order given) with its name and start on the left, its
/// duration and impact in words after the bar, the bar coloured by impact, and the target as a
/// black marker across the bar. The x axis is in hours and minutes, from 0.
/// Table: incident, start, duration, impact, whether the target was met.
pub fn incident_durations(lang: Lang, incidents: &[IncidentBar]) -> Chart {
    let title = lang.pick("Duur van incidenten bij de leverancier", "Duration of vendor incidents").to_string();
    if incidents.is_empty() {
        return frame::empty(lang, &title);
    }
    let summary = summary(lang, incidents);
    let size = (WIDTH, 110 + ROW * incidents.len() as u32);
    let frame = Frame { lang, title: &title, summary: &summary, size, patterns: &[] };
    frame::render(&frame, table(lang, incidents), |root| draw(lang, incidents, size, root))
}

fn target_text(lang: Lang, incident: &IncidentBar) -> String {
    match incident.target_minutes {
        None => lang.pick("geen doel", "no target").to_string(),
        Some(t) => {
            let met = if incident.minutes <= t { lang.pick("ja", "yes") } else { lang.pick("nee", "no") };
            format!("{met} ({} {})", lang.pick("doel", "target"), format::duration(lang, t))
        }
    }
}

fn table(lang: Lang, incidents: &[IncidentBar]) -> Table {
    let headers = [
        lang.pick("Incident", "Incident"),
        "Start",
        lang.pick("Duur", "Duration"),
        "Impact",
        lang.pick("Doel gehaald", "Target met"),
    ];
    let rows = incidents
        .iter()
        .map(|i| {
            vec![
                clean(&i.label),
                clean(&i.started),
                format::duration(lang, i.minutes),
                i.impact.label(lang).to_string(),
                target_text(lang, i),
            ]
        })
        .collect();
    Table { headers: headers.map(String::from).to_vec(), rows }
}

fn summary(lang: Lang, incidents: &[IncidentBar]) -> String {
    let total = incidents.iter().map(|i| i.minutes).fold(0, u32::saturating_add);
    let with_target: Vec<&IncidentBar> = incidents.iter().filter(|i| i.target_minutes.is_some()).collect();
    let met = with_target.iter().filter(|i| i.target_minutes.is_some_and(|t| i.minutes <= t)).count();
    let longest = incidents.iter().reduce(|a, b| if b.minutes > a.minutes { b } else { a });
    let total = format::duration(lang, total);
    let mut text = match lang {
        Lang::Nl => format!("{}, samen {total}.", format::count(lang, incidents.len(), "incident", "incidenten")),
        Lang::En => format!("{}, {total} in total.", format::count(lang, incidents.len(), "incident", "incidents")),
    };
    if let Some(l) = longest {
        let (name, d) = (clean(&l.label), format::duration(lang, l.minutes));
        text.push_str(&match lang {
            Lang::Nl => format!(" Langste: {name} ({d})."),
            Lang::En => format!(" Longest: {name} ({d})."),
        });
    }
    if !with_target.is_empty() {
        let m = with_target.len();
        text.push_str(&match lang {
            Lang::Nl => format!(" {met} van {m} met een doel binnen het doel opgelost."),
            Lang::En => format!(" {met} of {m} with a target resolved within it."),
        });
    }
    text
}

/// A round step in minutes for the duration axis: at most six intervals up to `max`.
fn minute_step(max: u32) -> u32 {
    const STEPS: [u32; 14] = [5, 10, 15, 30, 60, 120, 180, 240, 360, 480, 720, 1440, 2880, 10_080];
    STEPS.into_iter().find(|s| max / s < 6).unwrap_or_else(|| (max / 6 / 10_080 + 1) * 10_080)
}

fn draw(lang: Lang, incidents: &[IncidentBar], size: (u32, u32), root: &Area<'_>) -> DrawResult {
    let mut items: Vec<Item<'_>> = [Impact::Critical, Impact::Major, Impact::Minor, Impact::None]
        .into_iter()
        .map(|i| Item { mark: Mark::Swatch(i.color()), label: i.label(lang) })
        .collect();
    items.push(Item { mark: Mark::Target, label: lang.pick("doel (oplostijd)", "target (resolution time)") });
    let legend_y = legend::draw(root, &items, (16, 18), size.0 as i32 - 16)?;

    let names: Vec<String> = incidents.iter().map(|i| shorten(&i.label, LABEL_CHARS)).collect();
    let starts: Vec<String> = incidents.iter().map(|i| shorten(&i.started, LABEL_CHARS)).collect();
    let widest = names.iter().chain(&starts).map(|s| text_width(s, LABEL_PX)).max().unwrap_or(0);
    let label_area = (widest + 24).clamp(120, 280);

    // Capped so that the arithmetic below cannot overflow; longer bars run to the edge.
    let longest = incidents
        .iter()
        .map(|i| i.minutes.max(i.target_minutes.unwrap_or(0)))
        .max()
        .unwrap_or(0)
        .clamp(1, u32::MAX / 4);
    let step = minute_step(longest * 3 / 2);
    let top = (longest * 3 / 2).div_ceil(step).max(1) * step;
    let n = incidents.len();
    let plot = root.margin(legend_y + 18, 0, 0, 0);
    let mut chart = ChartBuilder::on(&plot)
        .margin_right(24)
        .x_label_area_size(40)
        .y_label_area_size(label_area)
        .build_cartesian_2d(0.0..f64::from(top), 0.0..n as f64)?;
    let (_, ys) = chart.plotting_area().get_pixel_range();
    let ticks: Vec<(i32, String)> = (0..=top / step)
        .map(|k| k * step)
        .map(|m| (chart.backend_coord(&(f64::from(m), 0.0)).0, format::duration(lang, m)))
        .collect();
    axis::vertical(root, (ys.start, ys.end), &ticks, true)?;
    chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).axis_style(AXIS.stroke_width(1)).draw()?;

    for (row, incident) in incidents.iter().enumerate() {
        // The first incident at the top.
        let y = (n - 1 - row) as f64;
        let minutes = f64::from(incident.minutes.min(top));
        let (x0, y_mid) = chart.backend_coord(&(0.0, y + 0.5));
        chart.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y + 0.22), (minutes, y + 0.78)],
            incident.impact.color().filled(),
        )))?;
        let mut end = chart.backend_coord(&(minutes, y)).0;
        if let Some(target) = incident.target_minutes {
            let x = chart.backend_coord(&(f64::from(target.min(top)), y)).0;
            root.draw(&Rectangle::new([(x - 2, y_mid - 17), (x + 2, y_mid + 17)], INK.filled()))?;
            end = end.max(x + 2);
        }
        let note = format!("{} · {}", format::duration(lang, incident.minutes), incident.impact.label(lang));
        root.draw(&Text::new(note, (end + 8, y_mid), label_style(HPos::Left, VPos::Center)))?;
        root.draw(&Text::new(names[row].clone(), (x0 - 12, y_mid - 9), label_style(HPos::Right, VPos::Center)))?;
        let start_style = text(13.0, MUTED).pos(plotters::style::text_anchor::Pos::new(HPos::Right, VPos::Center));
        root.draw(&Text::new(starts[row].clone(), (x0 - 12, y_mid + 9), start_style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_steps_are_round() {
        assert_eq!(minute_step(20), 5);
        assert_eq!(minute_step(90), 30);
        assert_eq!(minute_step(200), 60);
        assert_eq!(minute_step(3000), 720);
        assert_eq!(minute_step(10 * 10_080), 20_160);
    }
}
