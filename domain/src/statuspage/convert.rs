//! Reading single values leniently: statuses, times and list elements. Whatever is off is written to the
//! [`Warnings`] and replaced by a safe value, so the caller gets a result plus a list of things to log.

use super::model::WireStatus;
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::HashSet;
use std::fmt::Display;

/// What was odd about a document, one plain sentence per finding, each prefixed by where it was found.
#[derive(Debug, Default)]
pub(crate) struct Warnings(pub Vec<String>);

impl Warnings {
    pub fn push(&mut self, at: &str, message: impl Display) {
        self.0.push(format!("{at}: {message}"));
    }
}

/// Names a list element for messages: by its vendor id when it has one, else by position.
pub(crate) fn label(kind: &str, index: usize, value: &Value) -> String {
    match value.get("id").and_then(Value::as_str) {
        Some(id) => format!("{kind} {id}"),
        None => format!("{kind} #{}", index + 1),
    }
}

/// Deserializes one list element; a wrong type or missing id/name skips just that element.
pub(crate) fn element<T: DeserializeOwned>(value: Value, at: &str, w: &mut Warnings) -> Option<T> {
    match serde_json::from_value(value) {
        Ok(raw) => Some(raw),
        Err(e) => {
            w.push(at, format_args!("skipped: {e}"));
            None
        }
    }
}

/// A wire status; missing or unrecognised values become `Unknown` and are reported.
pub(crate) fn status<S: WireStatus>(raw: Option<&str>, what: &str, at: &str, w: &mut Warnings) -> S {
    match raw {
        Some(key) => S::from_key(key).unwrap_or_else(|| {
            w.push(at, format_args!("unknown {what} {key:?}, read as unknown"));
            S::UNKNOWN
        }),
        None => {
            w.push(at, format_args!("no {what}, read as unknown"));
            S::UNKNOWN
        }
    }
}

/// An ISO 8601 time with any offset (`Z`, `+00:00`, `-07:00`, also `+0100`), converted to UTC.
pub fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// An optional time: missing or null is fine, an unreadable one is reported and dropped.
pub(crate) fn optional_time(raw: Option<&str>, what: &str, at: &str, w: &mut Warnings) -> Option<DateTime<Utc>> {
    let text = raw?;
    let time = parse_time(text);
    if time.is_none() {
        w.push(at, format_args!("unreadable {what} {text:?}, ignored"));
    }
    time
}

/// A time the value cannot do without; the error explains why the element is skipped.
pub(crate) fn required_time(raw: Option<&str>, what: &str) -> Result<DateTime<Utc>, String> {
    match raw {
        Some(text) => parse_time(text).ok_or_else(|| format!("skipped: unreadable {what} {text:?}")),
        None => Err(format!("skipped: no {what}")),
    }
}

/// Keeps the first element per vendor id and reports the repeats.
pub(crate) fn dedupe<T>(items: Vec<T>, id: fn(&T) -> &str, kind: &str, w: &mut Warnings) -> Vec<T> {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        if seen.insert(id(&item).to_string()) {
            kept.push(item);
        } else {
            w.push(&format!("{kind} {}", id(&item)), "listed twice, later copy ignored");
        }
    }
    kept
}
