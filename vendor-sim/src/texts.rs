//! The words vendors put on their status pages: incident titles and update bodies, in Dutch for Dutch
//! vendors and in English otherwise. All fictional, in the tone real pages use.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// What kind of story a title or body is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Topic {
    Outage,
    Degraded,
    Errors,
    Maintenance,
}

/// The incident or maintenance title.
pub(crate) fn title(topic: Topic, component: &str, dutch: bool) -> String {
    match (topic, dutch) {
        (Topic::Outage, true) => format!("Storing: {component} niet bereikbaar"),
        (Topic::Outage, false) => format!("{component} unavailable"),
        (Topic::Degraded, true) => format!("Vertraging bij {component}"),
        (Topic::Degraded, false) => format!("Degraded performance for {component}"),
        (Topic::Errors, true) => format!("Verhoogd aantal foutmeldingen bij {component}"),
        (Topic::Errors, false) => format!("Elevated error rates for {component}"),
        (Topic::Maintenance, true) => format!("Gepland onderhoud aan {component}"),
        (Topic::Maintenance, false) => format!("Scheduled maintenance for {component}"),
    }
}

/// The body of an update with the given Statuspage status.
pub(crate) fn body(topic: Topic, status: &str, component: &str, dutch: bool) -> String {
    let text = match (status, dutch) {
        ("investigating", true) if topic == Topic::Outage => {
            "We onderzoeken meldingen dat {c} niet bereikbaar is. Een volgende update volgt binnen 30 minuten."
        }
        ("investigating", false) if topic == Topic::Outage => {
            "We are investigating reports that {c} is unavailable. We will provide an update within 30 minutes."
        }
        ("investigating", true) => "We onderzoeken meldingen van vertraging en foutmeldingen bij {c}.",
        ("investigating", false) => "We are investigating reports of slow responses and errors for {c}.",
        ("identified", true) => "De oorzaak is gevonden: een defecte configuratiewijziging. We werken aan herstel.",
        ("identified", false) => {
            "The issue has been identified as a faulty configuration change. A fix is being applied."
        }
        ("monitoring", true) => "Er is een oplossing doorgevoerd. We houden {c} nauwlettend in de gaten.",
        ("monitoring", false) => "A fix has been implemented and we are monitoring {c} closely.",
        ("resolved", true) => "Dit incident is opgelost. Onze excuses voor het ongemak.",
        ("resolved", false) => "This incident has been resolved. We apologise for the inconvenience.",
        ("in_progress", true) => "Het geplande onderhoud is begonnen. {c} is tijdelijk niet beschikbaar.",
        ("in_progress", false) => "Scheduled maintenance is currently in progress. {c} is temporarily unavailable.",
        ("completed", true) => "Het onderhoud is afgerond. {c} is weer beschikbaar.",
        ("completed", false) => "The scheduled maintenance has been completed. {c} is available again.",
        (_, true) => "Update over {c}.",
        (_, false) => "Update on {c}.",
    };
    text.replace("{c}", component)
}

/// The announcement of planned work, naming the window in the vendor's own time zone.
pub(crate) fn announcement(component: &str, from: DateTime<Utc>, until: DateTime<Utc>, tz: Tz, dutch: bool) -> String {
    let (from, until) = (from.with_timezone(&tz), until.with_timezone(&tz));
    if dutch {
        format!(
            "Op {} van {} tot {} ({}) voeren we onderhoud uit aan {component}. Tijdens het onderhoud is {component} niet beschikbaar.",
            from.format("%d-%m-%Y"),
            from.format("%H:%M"),
            until.format("%d-%m-%Y %H:%M"),
            from.format("%Z"),
        )
    } else {
        format!(
            "We will be performing maintenance on {component} from {} to {}. {component} will be unavailable during this window.",
            from.format("%a %b %d %H:%M %Z"),
            until.format("%a %b %d %H:%M %Z"),
        )
    }
}
