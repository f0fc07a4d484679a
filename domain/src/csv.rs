//! CSV the way Dutch spreadsheet users expect, for every download (SLA reports, the audit log):
//! UTF-8 with a byte-order mark (so Excel reads the accents), `;` between fields, decimal commas,
//! lines ended by CRLF. Text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
//! `@`, tab or CR) gets a leading `'`; fields with `;`, `"` or line breaks are quoted.

/// Excel recognises UTF-8 by this mark; every CSV starts with it.
pub const BOM: &str = "\u{feff}";

/// One field, made safe for a spreadsheet.
pub fn field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A number with a decimal comma and at most `decimals` decimals (trailing zeros kept).
pub fn decimal(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// One line: the fields (each already made safe with [`field`] where it holds free text) joined by
/// `;`, ended by CRLF.
pub fn line(fields: &[String]) -> String {
    let mut s = fields.join(";");
    s.push_str("\r\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_that_a_spreadsheet_would_run_or_split_are_defused() {
        assert_eq!(field("Zaakwijs B.V."), "Zaakwijs B.V.");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("+31 6"), "'+31 6");
        assert_eq!(field("-5"), "'-5");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("a;b"), "\"a;b\"");
        assert_eq!(field("regel\nregel"), "\"regel\nregel\"");
    }

    #[test]
    fn lines_join_with_semicolons_and_end_in_crlf() {
        assert_eq!(line(&["a".into(), field("b;c")]), "a;\"b;c\"\r\n");
        assert_eq!(decimal(99.7015, 4), "99,7015");
    }
}
