//! Grid lines and axis labels at values the chart chooses (plotters picks its own tick values,
//! which do not fall on hours, days or nice percentages).

use plotters::element::{PathElement, Text};
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::Color;

use crate::frame::{Area, DrawResult};
use crate::legend::label_style;
use crate::palette::GRID;

/// Horizontal grid lines across `left..right` at pixel rows `y`, each labelled left of the plot.
pub(crate) fn horizontal(root: &Area<'_>, (left, right): (i32, i32), ticks: &[(i32, String)]) -> DrawResult {
    for (y, label) in ticks {
        root.draw(&PathElement::new(vec![(left, *y), (right, *y)], GRID.stroke_width(1)))?;
        root.draw(&Text::new(label.clone(), (left - 8, *y), label_style(HPos::Right, VPos::Center)))?;
    }
    Ok(())
}

/// Vertical grid lines across `top..bottom` at pixel columns `x` (when `grid`), each labelled
/// below the plot.
pub(crate) fn vertical(root: &Area<'_>, (top, bottom): (i32, i32), ticks: &[(i32, String)], grid: bool) -> DrawResult {
    for (x, label) in ticks {
        if grid {
            root.draw(&PathElement::new(vec![(*x, top), (*x, bottom)], GRID.stroke_width(1)))?;
        }
        root.draw(&Text::new(label.clone(), (*x, bottom + 8), label_style(HPos::Center, VPos::Top)))?;
    }
    Ok(())
}
