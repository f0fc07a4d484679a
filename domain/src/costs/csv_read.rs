//! Reading CSV uploads (cost lines, usage reports) one record at a time, without holding the file's rows:
//! UTF-8 with or without byte-order mark, LF or CRLF, `;` or `,` between fields (detected from the header
//! line), RFC 4180 quoting (`"a;b"`, `""` for a quote inside). Every record knows the line it starts on,
//! so that an error can name it.

use std::borrow::Cow;

/// The file as text without its byte-order mark, or the line (from 1) where the first byte that is not
/// UTF-8 stands.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, u32> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.strip_prefix('\u{feff}').unwrap_or(text)),
        Err(e) => {
            let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let newlines = before.iter().filter(|b| **b == b'\n').count();
            Err(u32::try_from(newlines).unwrap_or(u32::MAX - 1).saturating_add(1))
        }
    }
}

/// The separator of the file: `;` or `,`, whichever occurs more often outside quotes on the header line;
/// `None` when neither does (no separator, or as many of each).
pub(crate) fn detect_separator(text: &str) -> Option<u8> {
    let (mut semicolons, mut commas, mut quoted) = (0usize, 0usize, false);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b';' if !quoted => semicolons += 1,
            b',' if !quoted => commas += 1,
            _ => {}
        }
    }
    match semicolons.cmp(&commas) {
        std::cmp::Ordering::Greater => Some(b';'),
        std::cmp::Ordering::Less => Some(b','),
        std::cmp::Ordering::Equal => None,
    }
}

/// A header as a key to compare: lower case, without spaces, underscores and hyphens
/// (`Periode van`, `period_start`, ` PERIOD-START ` all become `periodevan` / `periodstart`).
pub(crate) fn header_key(header: &str) -> String {
    header.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '\t')).flat_map(char::to_lowercase).collect()
}

/// One record: the line it starts on (the header is line 1) and its fields, unquoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record<'a> {
    pub line: u32,
    pub fields: Vec<Cow<'a, str>>,
}

impl Record<'_> {
    /// A line without content (or only separators and spaces): skipped, not a data row.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.trim().is_empty())
    }
}

/// A quoted field that runs to the end of the file; the record starts on `line`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnclosedQuote {
    pub line: u32,
}

enum End {
    Separator,
    Line,
    File,
}

/// The records of a text, in order; after an unclosed quote, nothing more.
pub(crate) struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: u32,
    sep: u8,
}

impl<'a> Records<'a> {
    /// Reads `text` (already decoded, without byte-order mark) with `sep` between fields.
    pub fn new(text: &'a str, sep: u8) -> Self {
        Records { text, pos: 0, line: 1, sep }
    }

    /// An unquoted field (or the rest of a quoted one after its closing quote) up to the next separator or
    /// line end; a CR before the LF is not part of it.
    fn unquoted(&mut self) -> (&'a str, End) {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let rest = bytes.get(start..).unwrap_or_default();
        let end = start + rest.iter().position(|b| *b == self.sep || *b == b'\n').unwrap_or(rest.len());
        let field = self.text.get(start..end).unwrap_or_default();
        self.pos = end + 1;
        match bytes.get(end) {
            None => (field, End::File),
            Some(b'\n') => (field.strip_suffix('\r').unwrap_or(field), End::Line),
            Some(_) => (field, End::Separator),
        }
    }

    fn field(&mut self, record_line: u32) -> Result<(Cow<'a, str>, End), UnclosedQuote> {
        let text = self.text;
        let bytes = text.as_bytes();
        if bytes.get(self.pos) != Some(&b'"') {
            let (field, end) = self.unquoted();
            return Ok((Cow::Borrowed(field), end));
        }
        let mut owned: Option<String> = None;
        let mut segment = self.pos + 1;
        let mut i = segment;
        loop {
            match bytes.get(i) {
                None => return Err(UnclosedQuote { line: record_line }),
                Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                    owned.get_or_insert_with(String::new).push_str(text.get(segment..=i).unwrap_or_default());
                    i += 2;
                    segment = i;
                }
                Some(b'"') => break,
                Some(b'\n') => {
                    self.line = self.line.saturating_add(1);
                    i += 1;
                }
                Some(_) => i += 1,
            }
        }
        let last = text.get(segment..i).unwrap_or_default();
        self.pos = i + 1;
        // Text between the closing quote and the separator is kept, as spreadsheets do.
        let (rest, end) = self.unquoted();
        let value = match owned {
            None if rest.is_empty() => Cow::Borrowed(last),
            other => {
                let mut s = other.unwrap_or_default();
                s.push_str(last);
                s.push_str(rest);
                Cow::Owned(s)
            }
        };
        Ok((value, end))
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, UnclosedQuote>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            match self.field(line) {
                Err(e) => {
                    self.pos = self.text.len();
                    return Some(Err(e));
                }
                Ok((field, end)) => {
                    fields.push(field);
                    match end {
                        End::Separator => {}
                        End::Line => {
                            self.line = self.line.saturating_add(1);
                            break;
                        }
                        End::File => break,
                    }
                }
            }
        }
        Some(Ok(Record { line, fields }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str, sep: u8) -> Vec<(u32, Vec<String>)> {
        Records::new(text, sep)
            .map(|r| r.map(|r| (r.line, r.fields.iter().map(|f| f.to_string()).collect())).unwrap_or_default())
            .collect()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn records_split_on_the_separator_and_lines_on_lf_or_crlf() {
        let got = all("a;b\r\nc;d\n\ne;\n", b';');
        assert_eq!(
            got,
            vec![(1, strings(&["a", "b"])), (2, strings(&["c", "d"])), (3, strings(&[""])), (4, strings(&["e", ""])),]
        );
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        let got = all("\"a;b\";\"say \"\"hi\"\"\"\r\n\"two\nlines\";x\nlast;\"\"", b';');
        assert_eq!(
            got,
            vec![(1, strings(&["a;b", "say \"hi\""])), (2, strings(&["two\nlines", "x"])), (4, strings(&["last", ""])),]
        );
    }

    #[test]
    fn an_unclosed_quote_names_the_line_its_record_starts_on_and_ends_reading() {
        let mut r = Records::new("a,b\n\"open,x\ny,z\n", b',');
        assert!(matches!(r.next(), Some(Ok(_))));
        assert_eq!(r.next(), Some(Err(UnclosedQuote { line: 2 })));
        assert_eq!(r.next(), None);
    }

    #[test]
    fn the_separator_is_the_one_that_occurs_more_on_the_header_line() {
        assert_eq!(detect_separator("a;b;c,d\n1,2,3,4,5"), Some(b';'));
        assert_eq!(detect_separator("a,b,\"c;d;e\"\n"), Some(b','));
        assert_eq!(detect_separator("abc\n1;2"), None);
        assert_eq!(detect_separator("a;b,c"), None);
    }

    #[test]
    fn decoding_names_the_line_of_the_first_bad_byte_and_drops_the_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFa;b"), Ok("a;b"));
        assert_eq!(decode(b"a\nb\nc\xE9d\n"), Err(3));
        assert_eq!(decode(b"\xFF"), Err(1));
    }

    #[test]
    fn header_keys_ignore_case_spaces_underscores_and_hyphens() {
        assert_eq!(header_key(" Periode  Van "), "periodevan");
        assert_eq!(header_key("PERIOD_START"), "periodstart");
        assert_eq!(header_key("cost-centre"), "costcentre");
    }

    proptest::proptest! {
        #[test]
        fn no_input_panics_and_reading_ends(s in "[a;,\"\r\n\u{e9}]{0,40}") {
            let n = Records::new(&s, b';').take(100).count();
            proptest::prop_assert!(n <= s.len() + 1);
            let _ = detect_separator(&s);
        }
    }
}
