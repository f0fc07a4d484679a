//! Privacy: the personal data of a closed request is removed after the retention period. Free text
//! (answers and comments) may hold anything, so it goes; choices, dates, numbers and the service stay
//! for the statistics. Who filed it is unlinked by the store.

use super::answers::Answer;
use super::fields::FieldKind;
use chrono::{DateTime, Duration, Utc};

/// What replaces removed text.
pub const REDACTED: &str = "[geanonimiseerd]";

/// The default retention period of closed requests, in days.
pub const DEFAULT_RETENTION_DAYS: u32 = 365;

/// True when a request closed at `closed_at` is due for anonymisation at `now`.
pub fn is_due(closed_at: DateTime<Utc>, now: DateTime<Utc>, retention_days: u32) -> bool {
    now - closed_at >= Duration::days(i64::from(retention_days))
}

/// The answers with every non-empty free text replaced by [`REDACTED`].
pub fn anonymise_answers(answers: &[Answer]) -> Vec<Answer> {
    answers
        .iter()
        .map(|a| {
            let mut a = a.clone();
            if matches!(a.kind, FieldKind::Text | FieldKind::LongText) && !a.value.is_empty() {
                a.value = REDACTED.into();
            }
            a
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn answer(kind: FieldKind, value: &str) -> Answer {
        Answer { key: "veld_1".into(), label: "x".into(), kind, value: value.into(), service: None }
    }

    #[test]
    fn free_text_goes_and_the_rest_stays() {
        let a = anonymise_answers(&[
            answer(FieldKind::Text, "Jan Jansen, 06-12345678"),
            answer(FieldKind::LongText, "Mijn BSN is ..."),
            answer(FieldKind::Text, ""),
            answer(FieldKind::Choice, "Laptop"),
            answer(FieldKind::Date, "2026-12-03"),
            answer(FieldKind::YesNo, "ja"),
        ]);
        let values: Vec<&str> = a.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(values, vec![REDACTED, REDACTED, "", "Laptop", "2026-12-03", "ja"]);
    }

    #[test]
    fn due_exactly_when_the_retention_period_has_passed() {
        let closed = Utc.with_ymd_and_hms(2025, 12, 2, 10, 0, 0).unwrap();
        assert!(!is_due(closed, closed + Duration::days(30) - Duration::seconds(1), 30));
        assert!(is_due(closed, closed + Duration::days(30), 30));
        assert!(is_due(closed, closed, 0));
    }
}
