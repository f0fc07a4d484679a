use super::*;

const HEADER: &str = "factuurnummer;factuurdatum;periode van;periode tot;bedrag;btw;kostenplaats;contract";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

/// A file with the Dutch header and `rows`, lines ended by LF.
fn file(rows: &[&str]) -> CostFile {
    let mut text = String::from(HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    parse_cost_csv(text.as_bytes())
}

/// The (line, column, problem) of every error.
fn problems(f: &CostFile) -> Vec<(u32, &str, &ImportProblem)> {
    f.errors.iter().map(|e| (e.line, e.column.as_str(), &e.problem)).collect()
}

const GOOD: &str = "F-1;15-01-2026;01-01-2026;31-12-2026;12.000,00;2.520,00;KP-4100;C-2024-017";

#[test]
fn a_dutch_file_with_bom_crlf_and_semicolons_reads_every_row() {
    let text = "\u{feff}factuurnummer;factuurdatum;periode van;periode tot;bedrag;btw;kostenplaats;contract;soort\r\n\
                F-2026-001;15-01-2026;01-01-2026;31-12-2026;12.000,00;2.520,00;KP-4100;C-2024-017;factuur\r\n\
                F-2026-002;2026-02-01;1-2-2026;28-2-2026;1.234,56;259,26;KP-4100;C-2024-017;\r\n\
                \r\n\
                CN-7;01-03-2026;01-01-2026;31-01-2026;-100,00;-21,00;KP-4200;C-2024-017;Creditnota\r\n";
    let f = parse_cost_csv(text.as_bytes());
    assert_eq!(f.errors, vec![]);
    assert!(f.is_ok());
    assert_eq!(f.data_rows, 3, "the blank line is not a data row");
    assert_eq!(f.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 3, 5]);
    let first = &f.rows[0];
    assert_eq!(first.invoice_number, "F-2026-001");
    assert_eq!(
        (first.invoice_date, first.period_start, first.period_end),
        (d(2026, 1, 15), d(2026, 1, 1), d(2026, 12, 31))
    );
    assert_eq!((first.amount_cents, first.vat_cents), (1_200_000, 252_000));
    assert_eq!((first.cost_centre.as_str(), first.contract.as_str()), ("KP-4100", "C-2024-017"));
    assert_eq!(f.rows[1].kind, CostKind::Invoice, "an empty kind is an invoice");
    assert_eq!(f.rows[2].kind, CostKind::CreditNote);
    // 12.000,00 + 1.234,56 - 100,00 = 13.134,56; VAT 2.520,00 + 259,26 - 21,00 = 2.758,26
    assert_eq!(f.total_cents(), 1_313_456);
    assert_eq!(f.vat_cents(), 275_826);
}

#[test]
fn english_headers_in_another_order_with_commas_quotes_and_odd_spacing() {
    let text = " Contract , AMOUNT,Invoice-Number,vat,period_END,Period  Start,invoice_date,Cost Center,KIND,Notes\n\
                \"C-1,A\",1234.56,\"INV \"\"7\"\"\",259.26,2026-01-31,2026-01-01,2026-02-03,KP1,Invoice,\
                \"free; text\"\n\
                C-2 ,\"-1,234.50\",CN 1,-259.25,31-01-2026,01-01-2026,03-02-2026,KP2,credit note,\n";
    let f = parse_cost_csv(text.as_bytes());
    assert_eq!(f.errors, vec![], "{:?}", f.errors.iter().map(ImportError::message_nl).collect::<Vec<_>>());
    assert_eq!(f.rows.len(), 2);
    assert_eq!((f.rows[0].contract.as_str(), f.rows[0].invoice_number.as_str()), ("C-1,A", "INV \"7\""));
    assert_eq!((f.rows[0].amount_cents, f.rows[0].vat_cents), (123_456, 25_926));
    assert_eq!(
        (f.rows[1].contract.as_str(), f.rows[1].amount_cents, f.rows[1].kind),
        ("C-2", -123_450, CostKind::CreditNote)
    );
    for kind in ["credit_note", "CREDITNOTA", "Credit-Note"] {
        assert_eq!(CostKind::parse_lenient(kind), Some(CostKind::CreditNote), "{kind}");
    }
    assert_eq!(CostKind::parse_lenient(" FACTUUR "), Some(CostKind::Invoice));
}

#[test]
fn not_utf8_is_one_error_naming_the_line() {
    let mut bytes = format!("{HEADER}\n{GOOD}\n").into_bytes();
    bytes.extend_from_slice(b"F-2;15-01-2026;01-01-2026;31-12-2026;12,00;0;KP \xE9t\xE9;C-1\n");
    let f = parse_cost_csv(&bytes);
    assert_eq!(problems(&f), vec![(3, "", &ImportProblem::NotUtf8)]);
    assert!(f.errors[0].message_nl().starts_with("regel 3: het bestand is geen UTF-8"));
    assert!(!f.is_ok());
}

#[test]
fn a_header_without_separator_or_an_empty_file_is_refused() {
    assert_eq!(problems(&parse_cost_csv(b"")), vec![(1, "", &ImportProblem::EmptyFile)]);
    assert_eq!(problems(&parse_cost_csv(b"\xEF\xBB\xBF \r\n")), vec![(1, "", &ImportProblem::EmptyFile)]);
    assert_eq!(problems(&parse_cost_csv(b"factuurnummer\nF-1\n")), vec![(1, "", &ImportProblem::NoSeparator)]);
    assert_eq!(problems(&parse_cost_csv(b"a;b,c\n")), vec![(1, "", &ImportProblem::NoSeparator)]);
}

#[test]
fn missing_or_doubled_columns_are_errors_on_line_one_and_stop() {
    let f = parse_cost_csv(b"factuurnummer;Factuurdatum;periode van;periode tot;btw;kostenplaats;contract;BTW\nx;y\n");
    let missing = ImportProblem::MissingColumn { english: "amount".into() };
    let doubled = ImportProblem::DuplicateColumn { first: "btw".into() };
    assert_eq!(problems(&f), vec![(1, "BTW", &doubled), (1, "bedrag", &missing)]);
    assert_eq!(f.data_rows, 0, "no row is read after a header problem");
    assert_eq!(
        f.errors[1].message_nl(),
        "regel 1: de verplichte kolom 'bedrag' (Engels: 'amount') ontbreekt in de kop."
    );
    assert!(f.errors[0].message_en().contains("'BTW' appears twice"));
    let f = parse_cost_csv(b"amount;vat\n1;2\n");
    assert_eq!(f.errors.len(), 6, "every missing column is named");
    assert_eq!(f.errors[0].column, "factuurnummer");
}

#[test]
fn a_row_with_the_wrong_number_of_fields_gets_only_that_error() {
    let f = file(&[GOOD, "", "F-2;x;y;z;1.234;;KP;C;extra", "F-3;15-01-2026"]);
    assert_eq!(
        problems(&f),
        vec![
            (4, "", &ImportProblem::FieldCount { found: 9, expected: 8 }),
            (5, "", &ImportProblem::FieldCount { found: 2, expected: 8 }),
        ]
    );
    assert!(f.errors[0].message_nl().starts_with("regel 4: 9 velden, de kop heeft 8"), "{}", f.errors[0].message_nl());
    assert!(f.errors[0].message_en().starts_with("line 4: 9 fields, the header has 8"));
    assert_eq!((f.data_rows, f.rows.len()), (3, 1));
}

#[test]
fn every_problem_of_a_row_is_reported() {
    let long = "x".repeat(65);
    let row = format!("{long};31-02-2026;2026/01/01;02-01-26;1.234;12,3456;;C\u{0}1");
    let f = file(&[&row]);
    let got = problems(&f);
    assert_eq!(
        got,
        vec![
            (2, "factuurnummer", &ImportProblem::TooLong { max: 64, length: 65 }),
            (2, "kostenplaats", &ImportProblem::Required),
            (2, "contract", &ImportProblem::ForbiddenCharacter),
            (2, "factuurdatum", &ImportProblem::Date(DateError::NoSuchDay { value: "31-02-2026".into() })),
            (2, "periode van", &ImportProblem::Date(DateError::Format { value: "2026/01/01".into() })),
            (2, "periode tot", &ImportProblem::Date(DateError::Format { value: "02-01-26".into() })),
            (2, "bedrag", &ImportProblem::Amount(AmountError::Ambiguous { value: "1.234".into() })),
            (2, "btw", &ImportProblem::Amount(AmountError::TooManyDecimals { value: "12,3456".into() })),
        ]
    );
    assert_eq!(f.errors[6].message_nl().split(": ").next(), Some("regel 2, kolom 'bedrag'"));
    assert!(f.errors[6].message_nl().contains("Bedrag '1.234' is dubbelzinnig"));
    assert!(f.rows.is_empty() && !f.is_ok());
}

#[test]
fn signs_periods_and_kinds_are_checked_against_each_other() {
    let f = parse_cost_csv(
        format!(
            "{HEADER};soort\n\
             F-1;15-01-2026;01-01-2026;31-12-2026;-5,00;-1,05;KP;C;factuur\n\
             F-2;15-01-2026;01-01-2026;31-12-2026;5,00;1,05;KP;C;creditnota\n\
             F-3;15-01-2026;01-01-2026;31-12-2026;5,00;-1,05;KP;C;\n\
             F-4;15-01-2026;01-02-2026;31-01-2026;0;0;KP;C;\n\
             F-5;15-01-2026;01-01-2026;31-01-2026;5,00;0;KP;C;bonnetje\n\
             F-6;15-01-2026;01-01-2026;01-01-2026;0;1,00;KP;C;creditnota\n"
        )
        .as_bytes(),
    );
    let got = problems(&f);
    assert_eq!(
        got,
        vec![
            (2, "bedrag", &ImportProblem::NegativeNotCreditNote { amount_cents: -500 }),
            (3, "bedrag", &ImportProblem::CreditNoteNotNegative { amount_cents: 500 }),
            (4, "btw", &ImportProblem::VatSign { amount_cents: 500, vat_cents: -105 }),
            (5, "periode tot", &ImportProblem::EndBeforeStart { start: d(2026, 2, 1), end: d(2026, 1, 31) }),
            (6, "soort", &ImportProblem::UnknownKind { value: "bonnetje".into() }),
            (7, "btw", &ImportProblem::VatSign { amount_cents: 0, vat_cents: 100 }),
        ]
    );
    assert!(f.errors[0].message_nl().contains("-€ 5,00 is negatief"), "{}", f.errors[0].message_nl());
    assert!(f.errors[3].message_nl().contains("(31-01-2026) vóór ze begint (01-02-2026)"));
    for e in &f.errors {
        assert!(!e.message_en().is_empty() && e.message_en() != e.message_nl());
    }
}

#[test]
fn the_same_invoice_number_for_the_same_contract_names_the_first_line() {
    let f = file(&[
        GOOD,
        "F-1;15-01-2026;01-01-2026;31-12-2026;1,00;0;KP-4100;C-OTHER",
        " F-1 ;15-01-2026;01-01-2026;31-12-2026;1,00;0;KP-4100; C-2024-017",
    ]);
    let dup =
        ImportProblem::DuplicateInvoice { invoice_number: "F-1".into(), contract: "C-2024-017".into(), first_line: 2 };
    assert_eq!(problems(&f), vec![(4, "factuurnummer", &dup)]);
    assert_eq!(f.rows.len(), 2, "another contract may use the same invoice number");
    assert!(f.errors[0].message_nl().contains("staat al op regel 2"));
}

#[test]
fn a_mix_of_good_and_bad_rows_lists_every_error_with_its_line() {
    let f = file(&[
        GOOD,
        "F-2;15-01-2026;01-01-2026;31-12-2026;1.234.56;0;KP;C",
        "",
        "F-3;15-01-2026;01-01-2026;31-12-2026;100;21;KP;C",
        "F-4;15-01-2026;;31-12-2026;12a;0;KP;C",
        "F-5;15-01-2026;01-01-2026;31-12-2026;-1,00;0;KP;C",
        "F-6;15-01-2026;01-01-2026;31-12-2026;1,234,56;;KP;C",
    ]);
    let lines: Vec<(u32, &str)> = f.errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    assert_eq!(lines, vec![(3, "bedrag"), (6, "periode van"), (6, "bedrag"), (7, "bedrag"), (8, "bedrag"), (8, "btw")]);
    assert_eq!(f.data_rows, 6);
    assert_eq!(f.rows.iter().map(|r| r.line).collect::<Vec<_>>(), vec![2, 5]);
    // Only the rows that parsed count: 12.000,00 + 100,00.
    assert_eq!(f.total_cents(), 1_210_000);
    assert!(!f.is_ok());
}

#[test]
fn an_unclosed_quote_is_an_error_on_the_line_its_row_starts() {
    let f = file(&[GOOD, "\"F-2;15-01-2026;01-01-2026;31-12-2026;1,00;0;KP;C", GOOD]);
    assert_eq!(problems(&f), vec![(3, "", &ImportProblem::UnclosedQuote)]);
}

#[test]
fn more_than_the_maximum_number_of_rows_is_one_error() {
    let mut text = String::from(HEADER);
    text.push('\n');
    text.push_str(GOOD);
    for _ in 0..MAX_ROWS {
        text.push_str("\nx");
    }
    let f = parse_cost_csv(text.as_bytes());
    assert_eq!(problems(&f), vec![(MAX_ROWS + 2, "", &ImportProblem::TooManyRows { max: MAX_ROWS })]);
    assert!(f.rows.is_empty());
}

#[test]
fn check_json_reports_rows_totals_and_errors_in_dutch() {
    let f = file(&[GOOD, "", "F-2;15-01-2026;01-01-2026;31-12-2026;1.234;0;KP;C"]);
    let v: serde_json::Value = serde_json::from_str(&f.check_json()).unwrap_or_default();
    assert_eq!(v["rows"], 2);
    assert_eq!(v["total_cents"], 1_200_000);
    assert_eq!(v["vat_cents"], 252_000);
    let errors = v["errors"].as_array().cloned().unwrap_or_default();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["line"], 4);
    assert_eq!(errors[0]["column"], "bedrag");
    assert!(errors[0]["message"].as_str().unwrap_or_default().contains("dubbelzinnig"));
    let ok: serde_json::Value = serde_json::from_str(&file(&[GOOD]).check_json()).unwrap_or_default();
    assert_eq!(ok["errors"], serde_json::json!([]));
}

#[test]
fn a_header_only_file_is_not_ok() {
    let f = file(&[]);
    assert!(f.errors.is_empty() && !f.is_ok() && f.data_rows == 0);
}

proptest::proptest! {
    #[test]
    fn no_input_panics(body in "[F0-9;,\\-\".€ \r\nab]{0,200}") {
        let f = parse_cost_csv(format!("{HEADER}\n{body}").as_bytes());
        proptest::prop_assert!(f.rows.len() as u32 <= f.data_rows);
        let _ = f.check_json();
    }

    #[test]
    fn no_bytes_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
        let _ = parse_cost_csv(&bytes);
    }
}
