use super::*;

fn amb(v: &str) -> AmountError {
    AmountError::Ambiguous { value: v.into() }
}

#[test]
fn every_accepted_form_reads_into_cents() {
    let cases: &[(&str, i64)] = &[
        ("1234", 123_400),
        ("1234,56", 123_456),
        ("1234,5", 123_450),
        ("1234.56", 123_456),
        ("1234.5", 123_450),
        ("1.234,56", 123_456),
        ("1,234.56", 123_456),
        ("1.234.567", 123_456_700),
        ("1,234,567", 123_456_700),
        ("1.234.567,89", 123_456_789),
        ("1,234,567.89", 123_456_789),
        ("0,05", 5),
        ("0.5", 50),
        ("0", 0),
        ("12", 1_200),
        ("123.456,7", 12_345_670),
        ("  1234,56  ", 123_456),
        ("€1234,56", 123_456),
        ("€ 1.234,56", 123_456),
        (" €  12 ", 1_200),
        ("-12,50", -1_250),
        ("-€ 12,50", -1_250),
        ("€ -12,50", -1_250),
        ("-1.234.567,89", -123_456_789),
        ("-0,01", -1),
        ("9999999999999,99", 999_999_999_999_999),
        ("9.999.999.999.999,99", 999_999_999_999_999),
    ];
    for (text, cents) in cases {
        assert_eq!(parse_amount(text), Ok(*cents), "{text:?}");
    }
}

#[test]
fn empty_is_its_own_refusal() {
    assert_eq!(parse_amount(""), Err(AmountError::Empty));
    assert_eq!(parse_amount("   "), Err(AmountError::Empty));
}

#[test]
fn text_that_is_no_number_is_refused() {
    for v in ["12a", "--5", "1 2", "1 234,56", "€", "-", "- 5", "€--5", "+5", "12,", ",50", ".5", "1..234", "1,.5", "x"]
    {
        assert_eq!(parse_amount(v), Err(AmountError::NotANumber { value: v.trim().into() }), "{v:?}");
    }
}

#[test]
fn one_separator_with_three_digits_is_ambiguous_and_not_guessed() {
    for v in ["1.234", "1,234", "12,345", "123.456", "-1.234", "€ 999,999"] {
        assert_eq!(parse_amount(v), Err(amb(v)), "{v:?}");
    }
}

#[test]
fn more_than_two_decimals_is_refused() {
    for v in ["12,3456", "12.345678", "1234,567", "0,123", "1.234,567", "1,234.567", "1.2345"] {
        assert_eq!(parse_amount(v), Err(AmountError::TooManyDecimals { value: v.into() }), "{v:?}");
    }
}

#[test]
fn two_decimal_separators_or_bad_grouping_is_refused() {
    for v in ["1.234.56", "1,23,45", "12.34,56", "1,234,56", "1.23.456", "1234.567,89", "1.234,56,78", "0.123.456"] {
        assert_eq!(parse_amount(v), Err(AmountError::BadSeparators { value: v.into() }), "{v:?}");
    }
}

#[test]
fn more_than_thirteen_integer_digits_is_refused() {
    for v in ["10000000000000", "10.000.000.000.000", "99999999999999,99"] {
        assert_eq!(parse_amount(v), Err(AmountError::TooLarge { value: v.into() }), "{v:?}");
    }
    assert!(parse_amount("1000000000000").is_ok());
}

#[test]
fn every_refusal_has_a_dutch_and_english_sentence_quoting_the_value() {
    for v in ["12a", "1.234", "12,3456", "1.234.56", "10000000000000"] {
        let e = parse_amount(v).err().unwrap_or(AmountError::Empty);
        assert!(e.message_nl().contains(&format!("'{v}'")), "{}", e.message_nl());
        assert!(e.message_en().contains(&format!("'{v}'")), "{}", e.message_en());
    }
    assert!(parse_amount("1.234").unwrap_err().message_nl().contains("dubbelzinnig"));
    assert!(AmountError::Empty.message_nl().contains("leeg"));
    assert!(AmountError::Empty.message_en().contains("empty"));
}

#[test]
fn each_refusal_maps_to_a_form_problem() {
    assert_eq!(AmountError::Empty.problem(), Problem::Required);
    assert_eq!(parse_amount("12a").unwrap_err().problem(), Problem::NotANumber);
    assert_eq!(parse_amount("1.234").unwrap_err().problem(), Problem::AmbiguousAmount);
    assert_eq!(parse_amount("1,2345").unwrap_err().problem(), Problem::TooManyDecimals);
    assert_eq!(parse_amount("1.234.56").unwrap_err().problem(), Problem::TwoDecimalSeparators);
    assert_eq!(parse_amount("10000000000000").unwrap_err().problem(), Problem::AmountTooLarge);
}

proptest::proptest! {
    #[test]
    fn no_input_panics(s in "\\PC{0,30}") {
        let _ = parse_amount(&s);
    }

    #[test]
    fn cents_written_the_dutch_way_read_back(c in -999_999_999_999_999i64..=999_999_999_999_999) {
        let formatted = crate::text::format_euro(c).replace("€ ", "€");
        proptest::prop_assert_eq!(parse_amount(&formatted), Ok(c));
    }
}
