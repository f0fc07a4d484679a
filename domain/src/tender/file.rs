//! The tender file (docs/PROCUREMENT.md): method, weights, criteria and offers as JSON, read into a
//! [`Tender`] with every refusal naming its field (`offers[1].scores.implementatie`), and the ranking
//! written back as the JSON the format describes.

use super::scoring::{round2, score, AwardMethod, Criterion, Offer, Tender, TenderResult};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Why a tender file cannot be scored: the field and what is wrong, in English and Dutch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct TenderFileError {
    pub field: String,
    pub message: String,
    pub message_nl: String,
}

fn err(field: &str, en: impl Into<String>, nl: impl Into<String>) -> TenderFileError {
    TenderFileError { field: field.to_string(), message: en.into(), message_nl: nl.into() }
}

fn get<'a>(obj: &'a Map<String, Value>, field: &str, key: &str) -> Result<&'a Value, TenderFileError> {
    obj.get(key).ok_or_else(|| err(&join(field, key), "is missing", "ontbreekt"))
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn number(v: &Value, field: &str) -> Result<f64, TenderFileError> {
    v.as_f64().filter(|n| n.is_finite()).ok_or_else(|| err(field, "must be a number", "moet een getal zijn"))
}

fn cents(v: &Value, field: &str) -> Result<i64, TenderFileError> {
    match (v.as_i64(), v.as_f64()) {
        (Some(n), _) => Ok(n),
        (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
        _ => Err(err(field, "must be a whole number of cents", "moet een geheel aantal centen zijn")),
    }
}

fn text<'a>(v: &'a Value, field: &str) -> Result<&'a str, TenderFileError> {
    v.as_str()
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| err(field, "must be a non-empty text", "moet een niet-lege tekst zijn"))
}

fn list<'a>(v: &'a Value, field: &str) -> Result<&'a Vec<Value>, TenderFileError> {
    match v.as_array() {
        Some(l) if !l.is_empty() => Ok(l),
        _ => Err(err(field, "must be a non-empty list", "moet een niet-lege lijst zijn")),
    }
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, TenderFileError> {
    v.as_object().ok_or_else(|| err(field, "must be an object", "moet een object zijn"))
}

fn method(root: &Map<String, Value>) -> Result<AwardMethod, TenderFileError> {
    match get(root, "", "method")?.as_str() {
        Some("bpkv-relative") => Ok(AwardMethod::BpkvRelative),
        Some("value") => Ok(AwardMethod::Value),
        Some("bpkv-absolute") => {
            let b = object(get(root, "", "price_bounds_cents")?, "price_bounds_cents")?;
            let min = cents(get(b, "price_bounds_cents", "min")?, "price_bounds_cents.min")?;
            let max = cents(get(b, "price_bounds_cents", "max")?, "price_bounds_cents.max")?;
            if min < 0 {
                return Err(err("price_bounds_cents.min", "must not be negative", "mag niet negatief zijn"));
            }
            if min >= max {
                return Err(err("price_bounds_cents.max", "must be above min", "moet boven min liggen"));
            }
            Ok(AwardMethod::BpkvAbsolute { min_cents: min, max_cents: max })
        }
        _ => Err(err(
            "method",
            "must be bpkv-relative, bpkv-absolute or value",
            "moet bpkv-relative, bpkv-absolute of value zijn",
        )),
    }
}

fn criteria(root: &Map<String, Value>, m: AwardMethod) -> Result<Vec<Criterion>, TenderFileError> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, c) in list(get(root, "", "criteria")?, "criteria")?.iter().enumerate() {
        let f = format!("criteria[{i}]");
        let o = object(c, &f)?;
        let id = text(get(o, &f, "id")?, &join(&f, "id"))?.to_string();
        if !seen.insert(id.clone()) {
            return Err(err(&join(&f, "id"), format!("{id} is listed twice"), format!("{id} staat er twee keer in")));
        }
        let weight = match (o.get("weight"), m) {
            (Some(w), _) => number(w, &join(&f, "weight"))?,
            (None, AwardMethod::Value) => 0.0,
            (None, _) => return Err(err(&join(&f, "weight"), "is missing", "ontbreekt")),
        };
        if weight < 0.0 {
            return Err(err(&join(&f, "weight"), "must not be negative", "mag niet negatief zijn"));
        }
        let scale_max = number(get(o, &f, "scale_max")?, &join(&f, "scale_max"))?;
        if scale_max <= 0.0 {
            return Err(err(&join(&f, "scale_max"), "must be above 0", "moet boven 0 liggen"));
        }
        let value_cents = match (o.get("value_cents"), m) {
            (Some(v), _) => cents(v, &join(&f, "value_cents"))?,
            (None, AwardMethod::Value) => return Err(err(&join(&f, "value_cents"), "is missing", "ontbreekt")),
            (None, _) => 0,
        };
        if value_cents < 0 {
            return Err(err(&join(&f, "value_cents"), "must not be negative", "mag niet negatief zijn"));
        }
        out.push(Criterion { id, weight, scale_max, value_cents });
    }
    Ok(out)
}

fn offers(root: &Map<String, Value>, criteria: &[Criterion]) -> Result<Vec<Offer>, TenderFileError> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, o) in list(get(root, "", "offers")?, "offers")?.iter().enumerate() {
        let f = format!("offers[{i}]");
        let obj = object(o, &f)?;
        let id = text(get(obj, &f, "id")?, &join(&f, "id"))?.to_string();
        if !seen.insert(id.clone()) {
            return Err(err(&join(&f, "id"), format!("{id} is listed twice"), format!("{id} staat er twee keer in")));
        }
        let price_cents = cents(get(obj, &f, "price_cents")?, &join(&f, "price_cents"))?;
        if price_cents <= 0 {
            return Err(err(&join(&f, "price_cents"), "must be above 0", "moet boven 0 liggen"));
        }
        let sf = join(&f, "scores");
        let given = object(get(obj, &f, "scores")?, &sf)?;
        if let Some(unknown) = given.keys().find(|k| !criteria.iter().any(|c| &c.id == *k)) {
            return Err(err(
                &join(&sf, unknown),
                "is not a criterion of this tender",
                "is geen criterium van deze aanbesteding",
            ));
        }
        let mut scores = BTreeMap::new();
        for c in criteria {
            let cf = join(&sf, &c.id);
            let s = number(given.get(&c.id).ok_or_else(|| err(&cf, "is missing", "ontbreekt"))?, &cf)?;
            if !(0.0..=c.scale_max).contains(&s) {
                return Err(err(
                    &cf,
                    format!("must be from 0 to {}", c.scale_max),
                    format!("moet van 0 tot en met {} zijn", c.scale_max),
                ));
            }
            scores.insert(c.id.clone(), s);
        }
        out.push(Offer { id, price_cents, scores });
    }
    Ok(out)
}

/// Reads a tender file from JSON text.
pub fn parse(text_in: &str) -> Result<Tender, TenderFileError> {
    let v: Value = serde_json::from_str(text_in)
        .map_err(|e| err("(file)", format!("is not valid JSON: {e}"), format!("is geen geldige JSON: {e}")))?;
    let root = object(&v, "(file)")?;
    let method = method(root)?;
    let criteria = criteria(root, method)?;
    let price_weight = match (root.get("price_weight"), method) {
        (Some(w), _) => number(w, "price_weight")?,
        (None, AwardMethod::Value) => 0.0,
        (None, _) => return Err(err("price_weight", "is missing", "ontbreekt")),
    };
    if price_weight < 0.0 {
        return Err(err("price_weight", "must not be negative", "mag niet negatief zijn"));
    }
    if method != AwardMethod::Value {
        let sum = price_weight + criteria.iter().map(|c| c.weight).sum::<f64>();
        if (sum - 100.0).abs() > 1e-9 {
            return Err(err(
                "price_weight",
                format!("price_weight and the criteria weights must add up to 100 (now {sum})"),
                format!("price_weight en de gewichten van de criteria moeten samen 100 zijn (nu {sum})"),
            ));
        }
    }
    let offers = offers(root, &criteria)?;
    Ok(Tender { method, price_weight, criteria, offers })
}

#[derive(serde::Serialize)]
struct OutOffer<'a> {
    id: &'a str,
    rank: usize,
    price_points: f64,
    quality_points: f64,
    total_points: f64,
    fictive_price_cents: i64,
    price_cents: i64,
}

#[derive(serde::Serialize)]
struct Out<'a> {
    method: &'static str,
    winner: Option<&'a str>,
    offers: Vec<OutOffer<'a>>,
    /// BPKV: the winner's lead over the runner-up in points; value: in cents of fictive price.
    winning_margin: Option<f64>,
}

/// The ranking as the tender format prints it: points rounded to 2 decimals, offers in rank order.
pub fn result_json(r: &TenderResult) -> String {
    let margin = match (r.offers.first(), r.offers.get(1), r.method) {
        (Some(a), Some(b), AwardMethod::Value) => Some((b.fictive_price_cents - a.fictive_price_cents) as f64),
        (Some(a), Some(b), _) => Some(round2(a.total_points - b.total_points)),
        _ => None,
    };
    let out = Out {
        method: r.method.key(),
        winner: r.winner().map(|w| w.id.as_str()),
        offers: r
            .offers
            .iter()
            .map(|o| OutOffer {
                id: &o.id,
                rank: o.rank,
                price_points: round2(o.price_points),
                quality_points: round2(o.quality_points),
                total_points: round2(o.total_points),
                fictive_price_cents: o.fictive_price_cents,
                price_cents: o.price_cents,
            })
            .collect(),
        winning_margin: margin,
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// Parses and scores a tender file.
pub fn evaluate(text_in: &str) -> Result<String, TenderFileError> {
    Ok(result_json(&score(&parse(text_in)?)))
}
