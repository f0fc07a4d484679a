//! The SLA scenario file (docs/SLA.md): one contract's terms and one month's state intervals as JSON,
//! read into the domain types, and the evaluation written back as the JSON the format describes. Every
//! refusal names the field (`terms.staffel[1].below`, `intervals[3].end`).

use super::evaluate::{evaluate, Evaluation, IntervalState, SlaInterval};
use super::period::Period;
use super::terms::{CreditTier, ServiceWindow, SlaTerms};
use crate::error::Problem;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

/// A scenario as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub period: Period,
    pub terms: SlaTerms,
    pub intervals: Vec<SlaInterval>,
}

/// Why a scenario file cannot be evaluated: the field and what is wrong, in English and Dutch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ScenarioError {
    pub field: String,
    pub message: String,
    pub message_nl: String,
}

fn err(field: &str, en: impl Into<String>, nl: impl Into<String>) -> ScenarioError {
    ScenarioError { field: field.to_string(), message: en.into(), message_nl: nl.into() }
}

fn get<'a>(obj: &'a Map<String, Value>, parent: &str, key: &str) -> Result<&'a Value, ScenarioError> {
    obj.get(key).ok_or_else(|| err(&path(parent, key), "is missing", "ontbreekt"))
}

fn path(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn object<'a>(v: &'a Value, field: &str) -> Result<&'a Map<String, Value>, ScenarioError> {
    v.as_object().ok_or_else(|| err(field, "must be an object", "moet een object zijn"))
}

fn number(v: &Value, field: &str) -> Result<f64, ScenarioError> {
    v.as_f64().filter(|n| n.is_finite()).ok_or_else(|| err(field, "must be a number", "moet een getal zijn"))
}

fn whole(v: &Value, field: &str) -> Result<i64, ScenarioError> {
    match v.as_i64() {
        Some(n) => Ok(n),
        None => match v.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(f as i64),
            _ => Err(err(field, "must be a whole number", "moet een geheel getal zijn")),
        },
    }
}

fn boolean(v: &Value, field: &str) -> Result<bool, ScenarioError> {
    v.as_bool().ok_or_else(|| err(field, "must be true or false", "moet true of false zijn"))
}

fn instant(v: &Value, field: &str) -> Result<DateTime<Utc>, ScenarioError> {
    v.as_str().and_then(|s| DateTime::parse_from_rfc3339(s).ok()).map(|t| t.with_timezone(&Utc)).ok_or_else(|| {
        err(
            field,
            "must be an RFC 3339 instant such as 2026-10-05T15:30:00Z",
            "moet een tijdstip zijn zoals 2026-10-05T15:30:00Z",
        )
    })
}

/// `HH:MM` as minutes after midnight; `24:00` is the end of the day.
fn clock(v: &Value, field: &str) -> Result<u32, ScenarioError> {
    let bad = || err(field, "must be a time HH:MM (00:00-24:00)", "moet een tijd uu:mm zijn (00:00-24:00)");
    let s = v.as_str().ok_or_else(bad)?;
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m > 59 || h > 24 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn window(v: &Value, field: &str) -> Result<ServiceWindow, ScenarioError> {
    let w = object(v, field)?;
    let kind_field = path(field, "kind");
    match get(w, field, "kind")?.as_str() {
        Some("24x7") => Ok(ServiceWindow::Always),
        Some("weekly") => {
            let days_field = path(field, "weekdays");
            let list = get(w, field, "weekdays")?.as_array().ok_or_else(|| {
                err(&days_field, "must be a list of weekdays 0-6", "moet een lijst van weekdagen 0-6 zijn")
            })?;
            let mut weekdays = [false; 7];
            for (i, d) in list.iter().enumerate() {
                let f = format!("{days_field}[{i}]");
                match whole(d, &f)? {
                    n @ 0..=6 => weekdays[n as usize] = true,
                    _ => {
                        return Err(err(
                            &f,
                            "must be 0 (Monday) to 6 (Sunday)",
                            "moet 0 (maandag) tot en met 6 (zondag) zijn",
                        ))
                    }
                }
            }
            let exclude_holidays = match w.get("exclude_holidays") {
                Some(b) => boolean(b, &path(field, "exclude_holidays"))?,
                None => false,
            };
            Ok(ServiceWindow::Weekly {
                weekdays,
                from_minute: clock(get(w, field, "from")?, &path(field, "from"))?,
                to_minute: clock(get(w, field, "to")?, &path(field, "to"))?,
                exclude_holidays,
            })
        }
        _ => Err(err(&kind_field, "must be \"24x7\" or \"weekly\"", "moet \"24x7\" of \"weekly\" zijn")),
    }
}

fn terms(v: &Value) -> Result<SlaTerms, ScenarioError> {
    let t = object(v, "terms")?;
    let f = |k: &str| path("terms", k);
    let staffel = match t.get("staffel") {
        None | Some(Value::Null) => Vec::new(),
        Some(s) => {
            let list = s
                .as_array()
                .ok_or_else(|| err(&f("staffel"), "must be a list of tiers", "moet een lijst van treden zijn"))?;
            let mut tiers = Vec::with_capacity(list.len());
            for (i, tier) in list.iter().enumerate() {
                let tf = format!("terms.staffel[{i}]");
                let o = object(tier, &tf)?;
                tiers.push(CreditTier {
                    below_pct: number(get(o, &tf, "below")?, &path(&tf, "below"))?,
                    credit_pct: number(get(o, &tf, "credit_pct")?, &path(&tf, "credit_pct"))?,
                });
            }
            tiers
        }
    };
    let notice = match t.get("maintenance_notice_days") {
        Some(n) => whole(n, &f("maintenance_notice_days"))?,
        None => 0,
    };
    let notice = u32::try_from(notice).map_err(|_| {
        err(&f("maintenance_notice_days"), "must be 0 or more (and at most 4294967295)", "moet 0 of meer zijn")
    })?;
    let terms = SlaTerms {
        target_pct: number(get(t, "terms", "target_pct")?, &f("target_pct"))?,
        window: window(get(t, "terms", "window")?, &f("window"))?,
        maintenance_notice_days: notice,
        degraded_counts_as_down: match t.get("degraded_counts_as_down") {
            Some(b) => boolean(b, &f("degraded_counts_as_down"))?,
            None => false,
        },
        staffel,
        credit_cap_pct: match t.get("credit_cap_pct") {
            Some(c) => number(c, &f("credit_cap_pct"))?,
            None => 100.0,
        },
        monthly_fee_cents: whole(get(t, "terms", "monthly_fee_cents")?, &f("monthly_fee_cents"))?,
    };
    if let Err(inv) = terms.validate() {
        let first = inv.0.first().map(|e| (e.field.clone(), e.problem));
        if let Some((field, problem)) = first {
            let field = path("terms", &field);
            let (en, nl) = explain(problem);
            return Err(err(&field, en, nl));
        }
    }
    Ok(terms)
}

/// English and Dutch sentences for the problems terms validation reports.
fn explain(p: Problem) -> (String, String) {
    match p {
        Problem::PercentOutOfRange => {
            ("must be above 0 and at most 100".into(), "moet boven 0 en ten hoogste 100 zijn".into())
        }
        Problem::NoWeekdays => ("must name at least one weekday".into(), "moet ten minste één weekdag noemen".into()),
        Problem::FromNotBeforeTo => ("must be after `from`".into(), "moet na `from` liggen".into()),
        Problem::DuplicateTier => (
            "two staffel tiers have the same `below`".into(),
            "twee treden van de staffel hebben dezelfde `below`".into(),
        ),
        Problem::CreditNotGrowing => (
            "the credit must grow as `below` falls".into(),
            "de korting moet groter worden naarmate `below` lager ligt".into(),
        ),
        Problem::Negative => ("must not be negative".into(), "mag niet negatief zijn".into()),
        other => (format!("is not valid ({other:?})"), format!("is ongeldig ({other:?})")),
    }
}

fn intervals(v: Option<&Value>) -> Result<Vec<SlaInterval>, ScenarioError> {
    let list = match v {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(v) => v.as_array().ok_or_else(|| err("intervals", "must be a list", "moet een lijst zijn"))?,
    };
    let mut out: Vec<(usize, SlaInterval)> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let f = format!("intervals[{i}]");
        let o = object(item, &f)?;
        let state_field = path(&f, "state");
        let state = get(o, &f, "state")?.as_str().and_then(IntervalState::parse).ok_or_else(|| {
            err(
                &state_field,
                "must be up, down, degraded or maintenance",
                "moet up, down, degraded of maintenance zijn",
            )
        })?;
        let start = instant(get(o, &f, "start")?, &path(&f, "start"))?;
        let end = instant(get(o, &f, "end")?, &path(&f, "end"))?;
        if end <= start {
            return Err(err(&path(&f, "end"), "must be after start", "moet na start liggen"));
        }
        let announced_at = match o.get("announced_at") {
            None | Some(Value::Null) => None,
            Some(a) => Some(instant(a, &path(&f, "announced_at"))?),
        };
        out.push((i, SlaInterval { state, start, end, announced_at }));
    }
    let mut sorted: Vec<&(usize, SlaInterval)> = out.iter().collect();
    sorted.sort_by_key(|(_, x)| x.start);
    for pair in sorted.windows(2) {
        let ((ia, a), (ib, b)) = (pair[0], pair[1]);
        if b.start < a.end {
            let later = (*ia).max(*ib);
            let other = (*ia).min(*ib);
            return Err(err(
                &format!("intervals[{later}]"),
                format!("overlaps intervals[{other}]"),
                format!("overlapt met intervals[{other}]"),
            ));
        }
    }
    Ok(out.into_iter().map(|(_, x)| x).collect())
}

impl Scenario {
    /// Reads a scenario from JSON text.
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let v: Value = serde_json::from_str(text)
            .map_err(|e| err("(file)", format!("is not valid JSON: {e}"), format!("is geen geldige JSON: {e}")))?;
        let root = object(&v, "(file)")?;
        let period_v = get(root, "", "period")?;
        let period = period_v.as_str().and_then(Period::parse_month).ok_or_else(|| {
            err("period", "must be a month YYYY-MM such as 2026-10", "moet een maand JJJJ-MM zijn, zoals 2026-10")
        })?;
        Ok(Scenario {
            name: root.get("name").and_then(Value::as_str).unwrap_or_default().to_string(),
            period,
            terms: terms(get(root, "", "terms")?)?,
            intervals: intervals(root.get("intervals"))?,
        })
    }

    /// Evaluates the scenario with the same function the pages use.
    pub fn evaluate(&self) -> Evaluation {
        evaluate(&self.terms, &self.period, &self.intervals)
    }
}

/// A percentage as JSON: a whole number when it is one (`5`, not `5.0`).
fn pct_json(p: f64) -> Value {
    if p.fract() == 0.0 && p.abs() < 1e15 {
        json!(p as i64)
    } else {
        json!(p)
    }
}

/// The output of the scenario format, in its field order.
#[derive(serde::Serialize)]
struct Output<'a> {
    window_minutes: f64,
    excluded_minutes: f64,
    service_minutes: f64,
    downtime_minutes: f64,
    availability_pct: f64,
    breach: bool,
    credit_pct: Value,
    credit_cents: i64,
    allowed_downtime_minutes: f64,
    period: &'a str,
    intervals: &'a [super::evaluate::Finding],
}

/// The result as the scenario format prints it: its eight figures first, then the evidence.
pub fn result_json(e: &Evaluation) -> String {
    let out = Output {
        window_minutes: e.window_minutes,
        excluded_minutes: e.excluded_minutes,
        service_minutes: e.service_minutes,
        downtime_minutes: e.downtime_minutes,
        availability_pct: e.availability_pct,
        breach: e.breach,
        credit_pct: pct_json(e.credit_pct),
        credit_cents: e.credit_cents,
        allowed_downtime_minutes: e.allowed_downtime_minutes,
        period: &e.period,
        intervals: &e.findings,
    };
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
