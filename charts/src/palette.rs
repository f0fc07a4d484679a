//! Colours, fill patterns and type for all charts.
//!
//! Every colour of a graphical object has a contrast of at least 3:1 against the white background
//! and text at least 4.5:1 (WCAG 2.1 AA, 1.4.11 and 1.4.3; checked by a test below). Colour is never
//! the only carrier of meaning: states that sit next to each other also differ in fill pattern, and
//! every legend names them in text.

use plotters::style::{IntoFont, RGBColor, TextStyle};

/// Font stack for every text; no web font is loaded.
pub const FONT: &str = "Arial, Helvetica, sans-serif";

/// Body text and axis labels.
pub const INK: RGBColor = RGBColor(0x1F, 0x29, 0x37);
/// Secondary text (axis titles, notes).
pub const MUTED: RGBColor = RGBColor(0x4B, 0x55, 0x63);
/// Grid lines: decoration only, the axis labels carry the values.
pub const GRID: RGBColor = RGBColor(0xE5, 0xE7, 0xEB);
/// Axis lines.
pub const AXIS: RGBColor = RGBColor(0x6B, 0x72, 0x80);

/// Minutes up.
pub const UP: RGBColor = RGBColor(0x1A, 0x7F, 0x37);
/// Minutes degraded (drawn with diagonal stripes).
pub const DEGRADED: RGBColor = RGBColor(0xA8, 0x62, 0x00);
/// Minutes down (drawn cross-hatched).
pub const DOWN: RGBColor = RGBColor(0xC6, 0x28, 0x28);
/// Minutes in maintenance (drawn with horizontal stripes).
pub const MAINTENANCE: RGBColor = RGBColor(0x1F, 0x5F, 0xBF);
/// Minutes without measurements (drawn dotted).
pub const NO_DATA: RGBColor = RGBColor(0x6B, 0x72, 0x81);

/// A month that met its target; also the p50 line.
pub const MET: RGBColor = RGBColor(0x1D, 0x5F, 0xA8);
/// A month that breached its target (drawn with diagonal stripes).
pub const BREACH: RGBColor = RGBColor(0xB4, 0x23, 0x18);
/// The p95 line.
pub const P95: RGBColor = RGBColor(0xA1, 0x4B, 0x00);

/// Incident impact colours, from none to critical.
pub const IMPACT: [RGBColor; 4] =
    [RGBColor(0x5F, 0x67, 0x75), RGBColor(0x9A, 0x5B, 0x00), RGBColor(0xC2, 0x41, 0x0C), RGBColor(0x8B, 0x12, 0x12)];

/// A text style of `px` CSS pixels in `color`. (plotters writes its size divided by 1.24 as the SVG
/// `font-size`.)
pub fn text(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FONT, px * 1.24).into_font().color(&color)
}

/// A fill pattern that replaces a solid colour: plotters can only fill with a colour, so the frame
/// swaps `fill="#RRGGBB"` for a reference to the pattern (see `frame.rs`). Each patterned colour is
/// used for nothing else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// Diagonal white stripes.
    Diagonal(RGBColor),
    /// Diagonal white cross-hatch.
    Cross(RGBColor),
    /// Horizontal white stripes.
    Horizontal(RGBColor),
    /// White dots.
    Dots(RGBColor),
}

impl Pattern {
    /// The colour that the pattern replaces.
    pub fn color(self) -> RGBColor {
        match self {
            Pattern::Diagonal(c) | Pattern::Cross(c) | Pattern::Horizontal(c) | Pattern::Dots(c) => c,
        }
    }

    /// The SVG `fill` value plotters writes for that colour.
    pub fn solid_fill(self) -> String {
        let RGBColor(r, g, b) = self.color();
        format!("#{r:02X}{g:02X}{b:02X}")
    }

    /// The `<pattern>` element with the given id.
    pub fn definition(self, id: &str) -> String {
        let base = self.solid_fill();
        let (transform, marks) = match self {
            Pattern::Diagonal(_) => {
                (" patternTransform=\"rotate(45)\"", r##"<rect x="0" y="0" width="2" height="6" fill="#FFFFFF"/>"##)
            }
            Pattern::Cross(_) => (
                " patternTransform=\"rotate(45)\"",
                r##"<rect x="0" y="0" width="1.5" height="6" fill="#FFFFFF"/><rect x="0" y="0" width="6" height="1.5" fill="#FFFFFF"/>"##,
            ),
            Pattern::Horizontal(_) => ("", r##"<rect x="0" y="0" width="6" height="2" fill="#FFFFFF"/>"##),
            Pattern::Dots(_) => ("", r##"<circle cx="3" cy="3" r="1.2" fill="#FFFFFF"/>"##),
        };
        format!(
            "<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"{transform}>\
             <rect x=\"0\" y=\"0\" width=\"6\" height=\"6\" fill=\"{base}\"/>{marks}</pattern>"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(RGBColor(r, g, b): RGBColor) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    fn contrast_on_white(color: RGBColor) -> f64 {
        1.05 / (luminance(color) + 0.05)
    }

    #[test]
    fn graphical_colours_have_three_to_one_against_white() {
        let mut colours = vec![UP, DEGRADED, DOWN, MAINTENANCE, NO_DATA, MET, BREACH, P95, AXIS];
        colours.extend(IMPACT);
        for c in colours {
            assert!(contrast_on_white(c) >= 3.0, "{c:?}: {:.2}", contrast_on_white(c));
        }
    }

    #[test]
    fn text_colours_have_four_and_a_half_to_one_against_white() {
        for c in [INK, MUTED] {
            assert!(contrast_on_white(c) >= 4.5, "{c:?}: {:.2}", contrast_on_white(c));
        }
    }

    #[test]
    fn patterned_colours_are_distinct() {
        let fills = [DEGRADED, DOWN, MAINTENANCE, NO_DATA, BREACH].map(|c| Pattern::Dots(c).solid_fill());
        for (i, a) in fills.iter().enumerate() {
            for b in &fills[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn a_pattern_definition_carries_its_id_and_base_colour() {
        let def = Pattern::Cross(DOWN).definition("x-down");
        assert!(def.starts_with("<pattern id=\"x-down\""));
        assert!(def.contains("fill=\"#C62828\""));
    }
}
