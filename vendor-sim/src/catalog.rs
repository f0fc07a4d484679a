//! The simulated vendors: fictional names, Statuspage page ids, time zones and component trees, all drawn
//! from the seed. Independent of the clock, so callers can look up component indices before starting.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use rand::seq::SliceRandom;
use rand::Rng;

use crate::seed::{self, Stream};

const PREFIXES: [&str; 12] =
    ["Polder", "Delta", "Gracht", "Duin", "Tulp", "Molen", "Kade", "Brug", "Wadden", "Veen", "Dijk", "Klomp"];
const SUFFIXES: [&str; 10] = ["Cloud", "Desk", "Flow", "Mail", "Werk", "Sync", "Docs", "Pay", "Zaak", "Plan"];
/// Time zones with their weight; Dutch vendors dominate, as in the target market.
const ZONES: [Tz; 7] = [
    Tz::Europe__Amsterdam,
    Tz::Europe__Amsterdam,
    Tz::Europe__Amsterdam,
    Tz::Etc__UTC,
    Tz::America__Los_Angeles,
    Tz::Europe__London,
    Tz::America__New_York,
];
/// (Dutch, English) component names.
const COMPONENTS: [(&str, &str); 14] = [
    ("Portaal", "Web portal"),
    ("API", "API"),
    ("Inloggen (SSO)", "Single sign-on"),
    ("Zaakregistratie", "Case management"),
    ("Documentopslag", "Document storage"),
    ("E-mailverzending", "Email delivery"),
    ("Rapportages", "Reporting"),
    ("Mobiele app", "Mobile app"),
    ("Betalingen", "Payments"),
    ("Koppelingen", "Integrations"),
    ("Notificaties", "Notifications"),
    ("Zoeken", "Search"),
    ("Agenda", "Calendar"),
    ("Formulieren", "Forms"),
];
const GROUPS: [(&str, &str); 3] =
    [("Kernapplicatie", "Core platform"), ("Berichtenverkeer", "Messaging"), ("Gebruikersomgeving", "Workspace")];

/// One simulated vendor and its Statuspage page.
#[derive(Clone, Debug, PartialEq)]
pub struct VendorProfile {
    pub index: usize,
    pub name: String,
    pub page_id: String,
    /// The (fictional, `.example`) public status page address shown in `page.url`.
    pub url: String,
    pub time_zone: Tz,
    /// Dutch texts for Dutch vendors, English otherwise.
    pub dutch: bool,
    /// Leaf components; scenarios address them by index. Always 3 to 6.
    pub components: Vec<ComponentProfile>,
    /// Component groups (Statuspage components with `group: true`); zero or one.
    pub groups: Vec<GroupProfile>,
}

/// A leaf component of a vendor's page, in its state before any scenario touches it.
#[derive(Clone, Debug, PartialEq)]
pub struct ComponentProfile {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Index into [`VendorProfile::groups`].
    pub group: Option<usize>,
    pub position: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A component group; its status is the worst of its members'.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupProfile {
    pub id: String,
    pub name: String,
    pub position: u32,
    pub created_at: DateTime<Utc>,
    /// Indices into [`VendorProfile::components`].
    pub members: Vec<usize>,
}

/// The vendors for `seed`, in index order.
pub fn catalog(seed: u64, vendors: usize) -> Vec<VendorProfile> {
    let mut names: Vec<String> =
        PREFIXES.iter().flat_map(|p| SUFFIXES.iter().map(move |s| format!("{p}{s}"))).collect();
    names.shuffle(&mut seed::rng(seed, Stream::Names, 0, 0));
    (0..vendors)
        .map(|i| {
            let base = &names[i % names.len()];
            let name = if i < names.len() { base.clone() } else { format!("{base} {}", i / names.len() + 1) };
            vendor(seed, i, name)
        })
        .collect()
}

fn vendor(seed: u64, index: usize, name: String) -> VendorProfile {
    let mut rng = seed::rng(seed, Stream::Vendor, index as u64, 0);
    let page_id = seed::id(&mut rng);
    let time_zone = ZONES[rng.gen_range(0..ZONES.len())];
    let dutch = time_zone == Tz::Europe__Amsterdam;
    let slug: String = name.to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
    let count = rng.gen_range(3..=6);
    let mut picks: Vec<(&str, &str)> = COMPONENTS.to_vec();
    picks.shuffle(&mut rng);
    let grouped = if rng.gen_bool(0.6) { rng.gen_range(2..=count.min(4) - 1) } else { 0 };
    let ungrouped = count - grouped;
    let mut components = Vec::with_capacity(count);
    for (i, (nl, en)) in picks.into_iter().take(count).enumerate() {
        let label = if dutch { nl } else { en };
        let description = rng.gen_bool(0.5).then(|| {
            if dutch {
                format!("Beschikbaarheid en snelheid van {label}")
            } else {
                format!("Availability and performance of {label}")
            }
        });
        let created_at = past_instant(&mut rng);
        let in_group = i >= ungrouped;
        components.push(ComponentProfile {
            id: seed::id(&mut rng),
            name: label.to_string(),
            description,
            group: in_group.then_some(0),
            position: if in_group { (i - ungrouped + 1) as u32 } else { (i + 1) as u32 },
            created_at,
            updated_at: created_at + TimeDelta::seconds(rng.gen_range(3_600..700 * 86_400)),
        });
    }
    let groups = if grouped == 0 {
        Vec::new()
    } else {
        let (nl, en) = GROUPS[rng.gen_range(0..GROUPS.len())];
        vec![GroupProfile {
            id: seed::id(&mut rng),
            name: if dutch { nl } else { en }.to_string(),
            position: (ungrouped + 1) as u32,
            created_at: past_instant(&mut rng),
            members: (ungrouped..count).collect(),
        }]
    };
    VendorProfile {
        index,
        name,
        page_id,
        url: format!("https://status.{slug}.example"),
        time_zone,
        dutch,
        components,
        groups,
    }
}

/// An instant between 2016 and 2021, with milliseconds, like real component creation dates.
fn past_instant(rng: &mut impl Rng) -> DateTime<Utc> {
    let start = Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 0).single().unwrap_or_default();
    start + TimeDelta::milliseconds(rng.gen_range(0..5 * 365 * 86_400_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vendors_have_unique_names_and_three_to_six_components() {
        let vendors = catalog(42, 150);
        let mut names: Vec<&str> = vendors.iter().map(|v| v.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 150);
        for v in &vendors {
            assert!((3..=6).contains(&v.components.len()), "{v:?}");
            for g in &v.groups {
                assert!(g.members.len() >= 2);
                assert!(g.members.iter().all(|&m| v.components[m].group == Some(0)));
            }
        }
        assert!(vendors.iter().any(|v| !v.groups.is_empty()));
        assert!(vendors.iter().any(|v| v.groups.is_empty()));
        assert_eq!(vendors, catalog(42, 150));
    }
}
