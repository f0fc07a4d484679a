//! Server-side SVG charts for Regiekamer, drawn with plotters.
//!
//! Each chart is a pure function from plain data (structs defined here) to a [`Chart`]: an `<svg>`
//! element that can be embedded inline in HTML, plus the same information as text (title, summary)
//! and as a [`Table`], so that no one depends on seeing the picture (WCAG 2.1 AA, 1.1.1).
//!
//! - [`availability_timeline`]: minutes per state per day for one service (stacked bars);
//! - [`monthly_availability`]: availability per month against the target line;
//! - [`latency`]: p50 and p95 response times over time (two lines);
//! - [`incident_durations`]: duration of each vendor incident against its target (horizontal bars);
//! - [`cumulative_costs`]: actual, forecast and budgeted costs over a year, cumulative (three lines);
//! - [`cost_per_vendor`]: actual and forecast costs per vendor for a year (horizontal bars).
//!
//! The output is deterministic: the same input gives the same bytes (ids are derived from a hash of
//! the input, never random), as server rendering and hydration need. Every text that reaches the
//! SVG is XML-escaped, whoever supplied it. The SVG uses presentation attributes only (no `style`
//! attribute or element), so a strict Content-Security-Policy does not affect it.

#![deny(missing_docs)]

mod axis;
mod costs;
mod escape;
pub mod format;
mod frame;
mod incidents;
mod latency;
mod legend;
mod monthly;
mod palette;
mod time_ticks;
mod timeline;
mod vendor_costs;

use serde::{Deserialize, Serialize};

pub use costs::{cumulative_costs, CostMonth};
pub use incidents::{incident_durations, Impact, IncidentBar};
pub use latency::{latency, LatencyPoint};
pub use monthly::{monthly_availability, MonthBar};
pub use timeline::{availability_timeline, DayStates};
pub use vendor_costs::{cost_per_vendor, VendorCost};

/// A rendered chart with its text alternatives.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// A complete `<svg>` element, safe to embed inline in HTML: `role="img"`, labelled by its own
    /// `<title>` and `<desc>`, `width="100%"` with a `viewBox` so that it scales (and prints on A4).
    /// The title is not drawn inside the picture: show [`Chart::title`] as the heading or caption.
    pub svg: String,
    /// Short title, e.g. "Beschikbaarheid per dag: Zaaksysteem" (also the SVG's `<title>`).
    pub title: String,
    /// One or two sentences that say what the chart shows (also the SVG's `<desc>`): the text
    /// alternative for screen readers.
    pub summary: String,
    /// The same data as a table, for those who cannot or prefer not to read the picture.
    pub table: Table,
}

/// A table alternative: column headers and rows of display strings (already formatted for the
/// language; escape them as any text when rendering HTML).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Column headers, one per column.
    pub headers: Vec<String>,
    /// Rows, each with as many cells as there are headers.
    pub rows: Vec<Vec<String>>,
}

/// The language of titles, labels and number formats. Dutch by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Dutch: `99,80 %`, `1.234 ms`, `di 3 nov 2026`.
    #[default]
    Nl,
    /// English: `99.80 %`, `1,234 ms`, `Tue 3 Nov 2026`.
    En,
}

impl Lang {
    /// Picks the Dutch or the English text.
    pub(crate) fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}
