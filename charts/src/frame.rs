//! The accessible `<svg>` around what plotters draws, and the small chart that says there is no data.
//!
//! plotters writes `<svg width=".." height=".." viewBox=".." xmlns="..">`. [`render`] replaces that
//! tag with one that scales (`width="100%"`, same `viewBox`), has `role="img"` and is labelled by its
//! own `<title>` and `<desc>`, and adds the fill patterns. Ids start with a hash of the drawing, title
//! and summary: deterministic, and different for different charts on one page.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend, WHITE};

use crate::escape::escape_xml;
use crate::palette::{Pattern, FONT, INK, MUTED};
use crate::{Chart, Lang, Table};

/// What a chart's drawing function returns; any error gives the fallback picture.
pub(crate) type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// The drawing surface that a chart draws on, in user units (origin top left).
pub(crate) type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// The texts and size of one chart.
pub(crate) struct Frame<'a> {
    pub lang: Lang,
    pub title: &'a str,
    pub summary: &'a str,
    pub size: (u32, u32),
    pub patterns: &'a [Pattern],
}

/// Draws with plotters and wraps the result; if plotters fails, a picture that points to the table.
pub(crate) fn render(frame: &Frame<'_>, table: Table, draw: impl FnOnce(&Area<'_>) -> DrawResult) -> Chart {
    let mut body = String::new();
    let drawn = draw_into(&mut body, frame.size, draw);
    let svg = match drawn {
        Ok(()) => wrap(frame, &body),
        Err(_) => message(frame, not_drawn_text(frame.lang)),
    };
    Chart { svg, title: frame.title.to_string(), summary: frame.summary.to_string(), table }
}

/// The chart for a period without data: a small picture that says so, and an empty table.
pub(crate) fn empty(lang: Lang, title: &str) -> Chart {
    let text = no_data_text(lang);
    let frame = Frame { lang, title, summary: text, size: (720, 100), patterns: &[] };
    Chart { svg: message(&frame, text), title: title.to_string(), summary: text.to_string(), table: Table::default() }
}

/// "No data in this period", in the language.
pub(crate) fn no_data_text(lang: Lang) -> &'static str {
    lang.pick("Geen gegevens in deze periode.", "No data in this period.")
}

fn not_drawn_text(lang: Lang) -> &'static str {
    lang.pick("De grafiek kon niet worden getekend; zie de tabel.", "The chart could not be drawn; see the table.")
}

fn draw_into(body: &mut String, size: (u32, u32), draw: impl FnOnce(&Area<'_>) -> DrawResult) -> DrawResult {
    let root = SVGBackend::with_string(body, size).into_drawing_area();
    root.fill(&WHITE)?;
    draw(&root)?;
    root.present()?;
    Ok(())
}

/// Replaces plotters' root tag, adds title, description and patterns.
fn wrap(frame: &Frame<'_>, body: &str) -> String {
    let inner = body.find("<svg").and_then(|start| body[start..].find('>').map(|end| &body[start + end + 1..]));
    let Some(inner) = inner else {
        return message(frame, not_drawn_text(frame.lang));
    };
    let id = chart_id(frame, inner);
    let mut inner = inner.to_string();
    let mut defs = String::new();
    for (i, pattern) in frame.patterns.iter().enumerate() {
        let pattern_id = format!("{id}-p{i}");
        inner = inner.replace(&format!("fill=\"{}\"", pattern.solid_fill()), &format!("fill=\"url(#{pattern_id})\""));
        defs.push_str(&pattern.definition(&pattern_id));
    }
    let mut svg = header(frame, &id);
    if !defs.is_empty() {
        svg.push_str("<defs>");
        svg.push_str(&defs);
        svg.push_str("</defs>\n");
    }
    svg.push_str(&inner);
    svg
}

/// The root tag, `<title>` and `<desc>`.
fn header(frame: &Frame<'_>, id: &str) -> String {
    let (width, height) = frame.size;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" class=\"rk-chart\" font-family=\"{FONT}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        escape_xml(frame.title),
        escape_xml(frame.summary),
    )
}

/// A chart that is only a line of text (no data, or drawing failed), written without plotters.
fn message(frame: &Frame<'_>, text: &str) -> String {
    let (width, height) = frame.size;
    let body = format!(
        "<rect x=\"0.5\" y=\"0.5\" width=\"{}\" height=\"{}\" fill=\"#FFFFFF\" stroke=\"{}\"/>\n\
         <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"16\" fill=\"{}\">{}</text>\n</svg>\n",
        width - 1,
        height - 1,
        hex(MUTED),
        width / 2,
        height / 2,
        hex(INK),
        escape_xml(text),
    );
    let id = chart_id(frame, &body);
    format!("{}{body}", header(frame, &id))
}

fn hex(color: plotters::style::RGBColor) -> String {
    Pattern::Dots(color).solid_fill()
}

/// `rk-` and 16 hex digits of a 64-bit FNV-1a hash of the title, summary and drawing: stable across
/// runs, platforms and Rust versions (unlike `DefaultHasher`).
fn chart_id(frame: &Frame<'_>, drawing: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [frame.title, "\u{0}", frame.summary, "\u{0}", drawing] {
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("rk-{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_differ_per_content() {
        let frame = Frame { lang: Lang::Nl, title: "a", summary: "b", size: (10, 10), patterns: &[] };
        assert_eq!(chart_id(&frame, "x"), chart_id(&frame, "x"));
        assert_ne!(chart_id(&frame, "x"), chart_id(&frame, "y"));
        assert_eq!(chart_id(&frame, "x").len(), 19);
    }

    #[test]
    fn the_empty_chart_says_there_is_no_data() {
        let chart = empty(Lang::Nl, "Titel <b>");
        assert!(chart.svg.contains("Geen gegevens in deze periode."));
        assert!(chart.svg.contains("<title id=\"rk-"));
        assert!(chart.svg.contains("Titel &lt;b&gt;"));
        assert!(chart.table.rows.is_empty());
    }
}
