//! Text from users and vendors on its way into the SVG.
//!
//! plotters' SVG backend escapes `<`, `>`, `&`, `"` and `'` in every text and attribute it writes
//! (plotters-svg 0.3.7, `escape_and_push`), but it passes control characters through, and most of
//! those are not allowed in XML 1.0 even when escaped: an SVG containing one does not parse. So every
//! text is first [`clean`]ed (before plotters sees it), and what this crate writes itself (`<title>`,
//! `<desc>`) is [`escape_xml`]d. The tests render hostile names and parse the output as XML.

/// Drops what XML 1.0 does not allow (control characters other than tab, newline and carriage
/// return; the non-characters U+FFFE and U+FFFF) and turns line breaks and tabs into spaces: chart
/// labels are single lines.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            '\u{FFFE}' | '\u{FFFF}' => None,
            c => Some(c),
        })
        .collect()
}

/// Cleans `text` (see [`clean`]) and escapes it for use as XML character data or as an attribute
/// value in double or single quotes.
pub(crate) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Shortens a cleaned label to at most `max` characters, ending in `…` when cut. The full text is
/// in the table.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let text = clean(text);
    let trimmed = text.trim();
    if trimmed.chars().count() <= max {
        return trimmed.to_string();
    }
    let mut out: String = trimmed.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_xml(r#"</svg><script>alert("x" & 'y')</script>"#),
            "&lt;/svg&gt;&lt;script&gt;alert(&quot;x&quot; &amp; &apos;y&apos;)&lt;/script&gt;"
        );
    }

    #[test]
    fn characters_xml_forbids_are_dropped_and_breaks_become_spaces() {
        assert_eq!(clean("a\u{0}b\u{1b}c\u{7f}d\u{FFFF}"), "abcd");
        assert_eq!(clean("two\nlines\tand\rtab"), "two lines and tab");
        assert_eq!(clean("Zaaksysteem – één"), "Zaaksysteem – één");
    }

    #[test]
    fn long_labels_are_shortened_on_characters_not_bytes() {
        assert_eq!(shorten("kort", 10), "kort");
        assert_eq!(shorten("ééééééééééé", 5), "éééé…");
        assert_eq!(shorten("Storing in het zaaksysteem", 12), "Storing in…");
        assert_eq!(shorten("  ruimte  ", 10), "ruimte");
    }
}
