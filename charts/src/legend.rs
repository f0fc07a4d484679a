//! Legends and free text drawn in pixel coordinates on the whole picture.

use plotters::element::{PathElement, Polygon, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor, ShapeStyle};

use crate::frame::{Area, DrawResult};
use crate::palette::{text, INK};

/// Size of legend and label text, in pixels.
pub(crate) const LABEL_PX: f64 = 14.0;

/// How a legend item shows what it names.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Mark {
    /// A filled square (patterned when the colour is).
    Swatch(RGBColor),
    /// A line sample, solid or dashed.
    Line { color: RGBColor, dashed: bool },
    /// The downward triangle that marks a day with downtime.
    Triangle,
    /// A short vertical bar: the target marker.
    Target,
    /// Nothing: the label explains itself.
    None,
}

/// One legend entry.
pub(crate) struct Item<'a> {
    pub mark: Mark,
    pub label: &'a str,
}

/// Estimated width in pixels of `label` at `px` (Arial averages about 0.55 em per character).
pub(crate) fn text_width(label: &str, px: f64) -> i32 {
    (label.chars().count() as f64 * px * 0.55).ceil() as i32
}

/// Draws the items left to right from `(x, y)` (y is the vertical middle of the row), wrapping to a
/// new row before `max_x`. Returns the y of the last row's middle.
pub(crate) fn draw(
    area: &Area<'_>,
    items: &[Item<'_>],
    (x, y): (i32, i32),
    max_x: i32,
) -> Result<i32, Box<dyn std::error::Error>> {
    let (mut cx, mut cy) = (x, y);
    for item in items {
        let offset = if matches!(item.mark, Mark::None) { 0 } else { 24 };
        let width = offset + 2 + text_width(item.label, LABEL_PX);
        if cx > x && cx + width > max_x {
            cx = x;
            cy += 24;
        }
        draw_mark(area, item.mark, (cx, cy))?;
        area.draw(&Text::new(item.label.to_string(), (cx + offset, cy), label_style(HPos::Left, VPos::Center)))?;
        cx += width + 18;
    }
    Ok(cy)
}

/// The text style for labels, anchored as given.
pub(crate) fn label_style(h: HPos, v: VPos) -> plotters::style::TextStyle<'static> {
    text(LABEL_PX, INK).pos(Pos::new(h, v))
}

fn draw_mark(area: &Area<'_>, mark: Mark, (x, y): (i32, i32)) -> DrawResult {
    match mark {
        Mark::Swatch(color) => {
            area.draw(&Rectangle::new([(x, y - 8), (x + 16, y + 8)], color.filled()))?;
            area.draw(&Rectangle::new([(x, y - 8), (x + 16, y + 8)], INK.stroke_width(1)))?;
        }
        Mark::Line { color, dashed } => {
            let style = ShapeStyle::from(color).stroke_width(3);
            if dashed {
                for start in [x - 2, x + 6, x + 14] {
                    area.draw(&PathElement::new(vec![(start, y), (start + 4, y)], style))?;
                }
            } else {
                area.draw(&PathElement::new(vec![(x - 2, y), (x + 18, y)], style))?;
            }
        }
        Mark::Triangle => triangle(area, (x + 8, y + 6))?,
        Mark::None => {}
        Mark::Target => {
            area.draw(&Rectangle::new([(x + 6, y - 10), (x + 10, y + 10)], INK.filled()))?;
        }
    }
    Ok(())
}

/// A downward triangle whose point is at `(x, y)`.
pub(crate) fn triangle(area: &Area<'_>, (x, y): (i32, i32)) -> DrawResult {
    area.draw(&Polygon::new(vec![(x - 6, y - 10), (x + 6, y - 10), (x, y)], INK.filled()))?;
    Ok(())
}
