//! Instants as people in the Netherlands read them: every time on every page is shown in
//! Europe/Amsterdam wall-clock time (CET in winter, CEST in summer), never in UTC. The zone is fixed,
//! not the browser's, so that the server's HTML and the hydrated page agree. [`LocalTime`] puts the
//! exact instant, with its offset, in `<time datetime>` and in a `title`, for anyone who needs the
//! precision (an auditor comparing with a log elsewhere).

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use leptos::prelude::*;

/// An instant in Europe/Amsterdam time as "01-07-2026 12:00".
pub fn local_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%d-%m-%Y %H:%M").to_string()
}

/// An instant in Europe/Amsterdam time with seconds, as "01-07-2026 12:00:05" (the audit log).
pub fn local_time_seconds(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%d-%m-%Y %H:%M:%S").to_string()
}

/// Only the Europe/Amsterdam hour and minute, as "12:00" (an hour on a chart).
pub fn local_clock(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%H:%M").to_string()
}

/// The instant in RFC 3339 with the Amsterdam offset, as "2026-07-01T12:00:00+02:00": the value of
/// `<time datetime>`, exact and unambiguous, also in the hour that occurs twice in October.
pub fn local_iso(t: DateTime<Utc>) -> String {
    t.with_timezone(&Amsterdam).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// The instant shown in local time, with the exact moment and offset in `datetime` and `title`.
#[component]
pub fn LocalTime(
    at: DateTime<Utc>,
    /// Show seconds too (the audit log).
    #[prop(optional)]
    seconds: bool,
) -> impl IntoView {
    let text = if seconds { local_time_seconds(at) } else { local_time(at) };
    let iso = local_iso(at);
    view! { <time datetime=iso.clone() title=iso>{text}</time> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap_or_default()
    }

    #[test]
    fn summer_time_is_two_hours_ahead_of_utc() {
        let t = at(2026, 7, 1, 10, 0);
        assert_eq!(local_time(t), "01-07-2026 12:00");
        assert_eq!(local_iso(t), "2026-07-01T12:00:00+02:00");
        assert_eq!(local_clock(t), "12:00");
    }

    #[test]
    fn winter_time_is_one_hour_ahead_of_utc() {
        let t = at(2026, 1, 15, 10, 0);
        assert_eq!(local_time(t), "15-01-2026 11:00");
        assert_eq!(local_time_seconds(t), "15-01-2026 11:00:00");
        assert_eq!(local_iso(t), "2026-01-15T11:00:00+01:00");
    }

    #[test]
    fn the_hour_that_occurs_twice_in_october_is_told_apart_by_its_offset() {
        // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET.
        let first = at(2026, 10, 25, 0, 30);
        let second = at(2026, 10, 25, 1, 30);
        assert_eq!(local_time(first), local_time(second));
        assert_eq!(local_iso(first), "2026-10-25T02:30:00+02:00");
        assert_eq!(local_iso(second), "2026-10-25T02:30:00+01:00");
    }

    #[test]
    fn local_time_renders_as_a_time_element_with_the_offset() {
        let html = view! { <LocalTime at=at(2026, 7, 1, 10, 0)/> }.to_html();
        assert!(html.contains(r#"datetime="2026-07-01T12:00:00+02:00""#), "{html}");
        assert!(html.contains(">01-07-2026 12:00<"), "{html}");
    }
}
