//! A filled-in form checked against the version it was filed with: every field's answer in a canonical
//! form, or every problem at the field that caused it.

use super::fields::{FieldDef, FieldKind};
use crate::error::{Invalid, Problem};
use crate::text::{date, multiline_text, number, text};
use crate::VendorServiceId;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer as stored with the request. `value` is canonical: ISO date, decimal number, `ja`/`nee`,
/// the chosen text, or the service's name (its id in `service`). Empty when an optional field was left
/// empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    #[serde(default)]
    pub service: Option<VendorServiceId>,
}

/// A service the service picker offers: id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceChoice {
    pub id: VendorServiceId,
    pub name: String,
    pub vendor_name: String,
}

fn check_one(
    f: &FieldDef,
    raw: &str,
    today: NaiveDate,
    services: &[ServiceChoice],
) -> Result<(String, Option<VendorServiceId>), Invalid> {
    let field = f.key.as_str();
    let empty = raw.trim().is_empty();
    if empty {
        // A yes/no checkbox sends nothing when not ticked: that is "nee", never missing.
        if f.kind == FieldKind::YesNo {
            return Ok(("nee".into(), None));
        }
        return if f.required { Err(Invalid::one(field, Problem::Required)) } else { Ok((String::new(), None)) };
    }
    Ok(match f.kind {
        FieldKind::Text => (text(field, raw, f.text_limit(), f.required)?, None),
        FieldKind::LongText => (multiline_text(field, raw, f.text_limit(), f.required)?, None),
        FieldKind::Choice => {
            let v = raw.trim();
            let chosen = f
                .choices
                .iter()
                .find(|c| c.as_str() == v)
                .ok_or_else(|| Invalid::one(field, Problem::UnknownChoice))?;
            (chosen.clone(), None)
        }
        FieldKind::Date => {
            let d = date(field, raw)?;
            if f.future_only && d < today {
                return Err(Invalid::one(field, Problem::DateInPast));
            }
            (d.format("%Y-%m-%d").to_string(), None)
        }
        FieldKind::Number => {
            let n = number(field, raw, f.min.unwrap_or(i64::MIN / 2), f.max.unwrap_or(i64::MAX / 2))?;
            (n.to_string(), None)
        }
        FieldKind::Service => {
            let id = raw.parse::<VendorServiceId>().map_err(|_| Invalid::one(field, Problem::UnknownChoice))?;
            let s = services.iter().find(|s| s.id == id).ok_or_else(|| Invalid::one(field, Problem::UnknownChoice))?;
            (s.name.clone(), Some(s.id))
        }
        FieldKind::YesNo => match raw.trim() {
            "ja" | "on" | "true" => ("ja".into(), None),
            "nee" | "false" => ("nee".into(), None),
            _ => return Err(Invalid::one(field, Problem::UnknownChoice)),
        },
    })
}

/// Checks `input` (field key -> what the browser sent) against `fields`. Keys the form does not have
/// are ignored. Reports every bad field at once.
pub fn check_answers(
    fields: &[FieldDef],
    input: &BTreeMap<String, String>,
    today: NaiveDate,
    services: &[ServiceChoice],
) -> Result<Vec<Answer>, Invalid> {
    let mut bad = Invalid::default();
    let mut answers = Vec::with_capacity(fields.len());
    for f in fields {
        let raw = input.get(&f.key).map(String::as_str).unwrap_or("");
        if let Some((value, service)) = bad.take(check_one(f, raw, today, services)) {
            answers.push(Answer { key: f.key.clone(), label: f.label.clone(), kind: f.kind, value, service });
        }
    }
    bad.into_result()?;
    Ok(answers)
}

/// The service a request is about: the first service field answered.
pub fn service_of(answers: &[Answer]) -> Option<VendorServiceId> {
    answers.iter().find_map(|a| a.service)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::fields::FieldForm;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn def(
        label: &str,
        soort: &str,
        required: bool,
        tweak: impl FnOnce(&mut FieldForm),
        existing: &[FieldDef],
    ) -> FieldDef {
        let mut f = FieldForm { label: label.into(), soort: soort.into(), ..Default::default() };
        if required {
            f.verplicht = "on".into();
        }
        tweak(&mut f);
        f.parse(existing).unwrap()
    }

    fn form() -> Vec<FieldDef> {
        let mut fields = Vec::new();
        fields.push(def("Naam", "tekst", true, |f| f.maxlengte = "10".into(), &fields));
        fields.push(def("Soort", "keuze", true, |f| f.keuzes = "Laptop\nTelefoon".into(), &fields));
        fields.push(def("Vanaf", "datum", true, |f| f.toekomst = "on".into(), &fields));
        fields.push(def(
            "Aantal",
            "getal",
            false,
            |f| {
                f.minimum = "1".into();
                f.maximum = "5".into();
            },
            &fields,
        ));
        fields.push(def("Dienst", "dienst", false, |_| {}, &fields));
        fields.push(def("Spoed", "ja_nee", false, |_| {}, &fields));
        fields
    }

    fn services() -> Vec<ServiceChoice> {
        vec![ServiceChoice { id: VendorServiceId(4), name: "Zaaksysteem".into(), vendor_name: "Acme".into() }]
    }

    fn input(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_good_form_gives_canonical_answers() {
        let a = check_answers(
            &form(),
            &input(&[
                ("veld_1", " Piet "),
                ("veld_2", "Laptop"),
                ("veld_3", "03-12-2026"),
                ("veld_4", "2"),
                ("veld_5", "4"),
                ("veld_6", "on"),
            ]),
            d("2026-12-02"),
            &services(),
        )
        .unwrap();
        let values: Vec<&str> = a.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(values, vec!["Piet", "Laptop", "2026-12-03", "2", "Zaaksysteem", "ja"]);
        assert_eq!(service_of(&a), Some(VendorServiceId(4)));
    }

    #[test]
    fn every_bad_answer_is_refused_at_its_field() {
        let bad = check_answers(
            &form(),
            &input(&[
                ("veld_1", "Pietje Puk de Tweede"),
                ("veld_2", "Tablet"),
                ("veld_3", "2026-12-01"),
                ("veld_4", "6"),
                ("veld_5", "99"),
            ]),
            d("2026-12-02"),
            &services(),
        )
        .unwrap_err();
        assert_eq!(bad.for_field("veld_1"), Some(Problem::TooLong { max: 10 }));
        assert_eq!(bad.for_field("veld_2"), Some(Problem::UnknownChoice));
        assert_eq!(bad.for_field("veld_3"), Some(Problem::DateInPast));
        assert_eq!(bad.for_field("veld_4"), Some(Problem::OutOfRange { min: 1, max: 5 }));
        assert_eq!(bad.for_field("veld_5"), Some(Problem::UnknownChoice));
        assert_eq!(bad.0.len(), 5);
    }

    #[test]
    fn required_fields_must_be_filled_and_optional_ones_may_stay_empty() {
        let bad = check_answers(&form(), &input(&[("veld_1", "  ")]), d("2026-12-02"), &services()).unwrap_err();
        for k in ["veld_1", "veld_2", "veld_3"] {
            assert_eq!(bad.for_field(k), Some(Problem::Required), "{k}");
        }
        assert_eq!(bad.0.len(), 3);
        let ok = check_answers(
            &form(),
            &input(&[("veld_1", "Piet"), ("veld_2", "Laptop"), ("veld_3", "2026-12-02"), ("veld_9", "ignored")]),
            d("2026-12-02"),
            &services(),
        )
        .unwrap();
        assert_eq!(ok[3].value, "");
        assert_eq!(ok[5].value, "nee", "an unticked yes/no is no");
        assert_eq!(ok.len(), 6);
    }

    #[test]
    fn a_date_that_is_not_a_date_and_a_number_that_is_not_a_number() {
        let bad = check_answers(
            &form(),
            &input(&[("veld_1", "P"), ("veld_2", "Laptop"), ("veld_3", "31-02-2026"), ("veld_4", "twee")]),
            d("2026-01-01"),
            &services(),
        )
        .unwrap_err();
        assert_eq!(bad.for_field("veld_3"), Some(Problem::NotADate));
        assert_eq!(bad.for_field("veld_4"), Some(Problem::NotANumber));
    }
}
