//! Unit tests of the form builder's field and settings rules.

use super::*;

fn field(label: &str, soort: &str) -> FieldForm {
    FieldForm { label: label.into(), soort: soort.into(), ..Default::default() }
}

#[test]
fn a_new_field_gets_the_next_free_key() {
    let first = field("Naam", "tekst").parse(&[]).unwrap();
    assert_eq!(first.key, "veld_1");
    let mut other = first.clone();
    other.key = "veld_7".into();
    let next = field("Datum", "datum").parse(&[first, other]).unwrap();
    assert_eq!(next.key, "veld_8");
}

#[test]
fn a_choice_field_needs_choices_and_drops_empty_lines_and_repeats() {
    let bad = field("Keuze", "keuze").parse(&[]).unwrap_err();
    assert_eq!(bad.for_field("keuzes"), Some(Problem::NoChoices));
    let mut f = field("Keuze", "keuze");
    f.keuzes = "Laptop\r\n\r\nTelefoon\nLaptop\n".into();
    assert_eq!(f.parse(&[]).unwrap().choices, vec!["Laptop", "Telefoon"]);
}

#[test]
fn every_bad_builder_field_is_reported_at_once() {
    let f =
        FieldForm { label: String::new(), soort: "plaatje".into(), hulptekst: "x".repeat(501), ..Default::default() };
    let bad = f.parse(&[]).unwrap_err();
    assert_eq!(bad.for_field("label"), Some(Problem::Required));
    assert_eq!(bad.for_field("soort"), Some(Problem::UnknownChoice));
    assert_eq!(bad.for_field("hulptekst"), Some(Problem::TooLong { max: MAX_HELP }));
}

#[test]
fn a_number_range_must_not_be_upside_down() {
    let mut f = field("Aantal", "getal");
    f.minimum = "10".into();
    f.maximum = "2".into();
    assert_eq!(f.parse(&[]).unwrap_err().for_field("maximum"), Some(Problem::MinAboveMax));
    f.maximum = "20".into();
    let d = f.parse(&[]).unwrap();
    assert_eq!((d.min, d.max), (Some(10), Some(20)));
}

#[test]
fn a_text_limit_is_at_most_the_kind_limit() {
    let mut f = field("Toelichting", "tekst");
    f.maxlengte = "201".into();
    assert_eq!(f.parse(&[]).unwrap_err().for_field("maxlengte"), Some(Problem::OutOfRange { min: 1, max: 200 }));
    f.soort = "lange_tekst".into();
    assert_eq!(f.parse(&[]).unwrap().text_limit(), 201);
}

#[test]
fn a_form_has_at_most_thirty_fields() {
    let existing: Vec<FieldDef> = (0..MAX_FIELDS).map(|_| field("x", "tekst").parse(&[]).unwrap()).collect();
    assert_eq!(
        field("y", "tekst").parse(&existing).unwrap_err().for_field("label"),
        Some(Problem::TooMany { max: 30 })
    );
}

#[test]
fn settings_need_a_title_a_known_approval_and_a_handling_time() {
    let bad = FormSettings::parse(&FormSettingsForm {
        goedkeuring: "baas".into(),
        doorlooptijd: "0".into(),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(bad.for_field("titel"), Some(Problem::Required));
    assert_eq!(bad.for_field("goedkeuring"), Some(Problem::UnknownChoice));
    assert_eq!(bad.for_field("doorlooptijd"), Some(Problem::OutOfRange { min: 1, max: 365 }));
    let ok = FormSettings::parse(&FormSettingsForm {
        titel: "Laptop aanvragen".into(),
        goedkeuring: "beide".into(),
        doorlooptijd: "5".into(),
        ..Default::default()
    })
    .unwrap();
    assert_eq!((ok.approval, ok.handling_days), (Approval::Both, 5));
}
