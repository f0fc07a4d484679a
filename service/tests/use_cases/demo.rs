//! The demo organisation: seeded once, complete enough to show every renewal kind and deadline state,
//! with one account per role.

use crate::support::{count_rows, services_at, t0, ORIGIN};
use chrono::{DateTime, TimeZone, Utc};
use domain::deadlines::DeadlineStatus;
use domain::views::DeadlineFilter;
use domain::Role;
use service::auth::system_actor;
use service::demo::{demo_credentials, seed, seed_with_monitoring, DemoSim};
use service::Actor;
use std::collections::BTreeSet;
use store::Db;

const TABLES: [&str; 8] = [
    "users",
    "vendors",
    "vendor_services",
    "contact_persons",
    "contracts",
    "contract_services",
    "contract_decisions",
    "audit_log",
];

async fn row_counts(db: &Db) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for table in TABLES {
        counts.push((table, count_rows(db, table).await));
    }
    counts
}

async fn seeding_twice_seeds_once(db: &Db) {
    let s = services_at(db, t0());
    assert!(seed(&s).await.unwrap(), "the first run seeds");
    let after_first = row_counts(db).await;
    assert!(!seed(&s).await.unwrap(), "the second run does nothing");
    assert_eq!(row_counts(db).await, after_first, "no duplicate rows");

    let audit = store::audit_in_order(db, 0, 100).await.unwrap();
    // The shipped self-service forms and profiles (one entry each), then the demo itself.
    assert_eq!(
        audit.iter().map(|e| e.record.action.as_str()).collect::<Vec<_>>(),
        ["requests.defaults", "requests.defaults", "demo.seed"]
    );
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None);
}
both_dbs!(seeding_twice_seeds_once);

/// A database that already has an account is left alone.
async fn an_installation_with_users_is_not_seeded(db: &Db) {
    let s = services_at(db, t0());
    crate::support::user(&s, "beheer", Role::Beheerder).await;
    assert!(!seed(&s).await.unwrap());
    assert_eq!(count_rows(db, "vendors").await, 0);
}
both_dbs!(an_installation_with_users_is_not_seeded);

/// Seeds on `now` and checks the contents as the demo accounts see them.
async fn the_demo_shows_everything_on(db: &Db, now: DateTime<Utc>) {
    let s = services_at(db, now);
    assert!(seed(&s).await.unwrap());

    // One account per role, each signing in with the printed password.
    let users = store::list_users(db).await.unwrap();
    let roles: Vec<Role> = users.iter().map(|u| u.role).collect();
    assert_eq!(roles.len(), Role::ALL.len(), "{users:?}");
    for role in Role::ALL {
        assert_eq!(roles.iter().filter(|r| **r == role).count(), 1, "one {role}");
    }
    for (role, username, password) in demo_credentials() {
        let session = s.sign_in(&username, &password, ORIGIN).await.unwrap();
        let me = s.resolve_session(&session.token, ORIGIN).await.unwrap().unwrap();
        assert_eq!(me.actor.role, role);
    }
    let regisseur = users.iter().find(|u| u.role == Role::Regisseur).unwrap();
    let regisseur = Actor {
        user_id: regisseur.id,
        username: regisseur.username.clone(),
        display_name: regisseur.display_name.clone(),
        role: Role::Regisseur,
        origin: ORIGIN.into(),
    };

    let vendors = s.list_vendors(&regisseur).await.unwrap();
    assert!(vendors.len() >= 10, "{} vendors", vendors.len());
    assert!(vendors.iter().all(|v| v.service_count > 0), "every vendor delivers a service");
    let rows = s.upcoming_deadlines(&regisseur, &DeadlineFilter::default()).await.unwrap();
    assert!(rows.len() >= 12, "{} contracts", rows.len());

    let kinds: BTreeSet<&str> = rows.iter().map(|r| r.contract.renewal.key()).collect();
    assert_eq!(kinds, BTreeSet::from(["fixed", "options", "tacit"]));
    for status in [DeadlineStatus::OnSchedule, DeadlineStatus::ActionNeeded, DeadlineStatus::Overdue] {
        let n = rows.iter().filter(|r| r.deadlines.status == status).count();
        assert!(n > 0, "no contract is {status:?} on {now}: {:#?}", summary(&rows));
    }
    assert!(rows.windows(2).all(|w| w[0].deadlines.decision_date <= w[1].deadlines.decision_date));

    // Every contract is consistent: services of its own vendor, and a detail page that opens.
    for r in &rows {
        let detail = s.contract_detail(&regisseur, r.contract.id).await.unwrap();
        assert_eq!(detail.services.len(), r.contract.service_ids.len(), "{}", r.contract.reference);
        assert!(detail.services.iter().all(|x| x.vendor_id == r.contract.vendor_id));
        assert!(r.contract.start <= r.contract.initial_end, "{}", r.contract.reference);
    }
    assert_eq!(s.verify_audit_chain().await.unwrap().first_broken, None);
}

fn summary(rows: &[domain::views::ContractWithDeadlines]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{} {:?} {:?}", r.contract.reference, r.deadlines.decision_date, r.deadlines.status))
        .collect()
}

async fn the_demo_shows_everything(db: &Db) {
    the_demo_shows_everything_on(db, t0()).await;
}
both_dbs!(the_demo_shows_everything);

/// On New Year's Eve late at night (already 1 January in Amsterdam) and at a month's end.
async fn the_demo_shows_everything_at_a_year_end(db: &Db) {
    the_demo_shows_everything_on(db, Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap()).await;
}
both_dbs!(the_demo_shows_everything_at_a_year_end);

/// The simulated vendors as `regiekamer demo` runs them.
pub fn demo_sim() -> DemoSim {
    let vendors = vendor_sim::catalog(2026, 12);
    DemoSim {
        base_url: "http://127.0.0.1:3100".into(),
        vendor_components: vendors.iter().map(|v| v.components.iter().map(|c| c.id.clone()).collect()).collect(),
        purchased_seats: (0..vendors.len()).map(|i| vendor_sim::purchased_seats(2026, i)).collect(),
        daily_active_seats: (0..vendors.len())
            .map(|i| {
                (1..=3).rev().map(|d| (t0() - chrono::TimeDelta::days(d), 100 + i as u32 * 10 + d as u32)).collect()
            })
            .collect(),
    }
}

/// With the simulator, every demo vendor gets a Statuspage source mapped onto its services and the
/// first few a health probe, all seeded once, in the one audited transaction.
async fn the_demo_monitors_the_simulated_vendors_once(db: &Db) {
    let s = services_at(db, t0());
    let sim = demo_sim();
    assert!(seed_with_monitoring(&s, Some(&sim)).await.unwrap(), "the first run seeds");
    let counts =
        || async { (count_rows(db, "sources").await, count_rows(db, "source_components").await, row_counts(db).await) };
    let after_first = counts().await;
    assert!(!seed_with_monitoring(&s, Some(&sim)).await.unwrap(), "the second run does nothing");
    assert_eq!(counts().await, after_first, "no duplicate sources");

    let sources = store::list_sources(db).await.unwrap();
    let kinds = |kind: &str| sources.iter().filter(|r| r.settings.kind == kind).count();
    assert_eq!((kinds("statuspage"), kinds("http"), kinds("json")), (12, 4, 2));
    let loaded = service::monitoring::load_sources(db, &[]).await.unwrap();
    assert_eq!((loaded.sources.len(), loaded.unusable.len()), (18, 0), "every seeded source is usable");

    // The licence figures carry the seats the simulated vendor reports as purchased as contracted number.
    let mut contracted: Vec<u64> = sources
        .iter()
        .filter(|r| r.settings.kind == "json")
        .map(|r| serde_json::from_str::<serde_json::Value>(&r.settings.config_json).unwrap())
        .map(|c| c["contracted"]["licenties_actief"].as_u64().unwrap())
        .collect();
    contracted.sort();
    let mut purchased: Vec<u64> = sim.purchased_seats[..2].iter().map(|&n| u64::from(n)).collect();
    purchased.sort();
    assert_eq!(contracted, purchased);
    // With the last days' values the simulator reported, so that the trend shows from the start.
    let admin = s.list_sources(&system_actor()).await.unwrap();
    let usage = admin.iter().find(|v| v.kind == "json" && v.vendor_name == "Zaakwijs B.V.").unwrap();
    let detail = s.source_detail(&system_actor(), usage.id).await.unwrap();
    let trend: Vec<f64> = detail.metrics[0].trend.iter().map(|d| d.value).collect();
    assert_eq!(trend, [103.0, 102.0, 101.0]);
    assert_eq!(detail.metrics[0].contracted, Some(u64::from(sim.purchased_seats[0])));

    // Vendor 0's page maps its first components onto the vendor's two services, in order.
    let page = sources.iter().find(|r| r.settings.kind == "statuspage" && r.vendor_name == "Zaakwijs B.V.").unwrap();
    let map = store::source_components(db, page.id).await.unwrap();
    assert_eq!(map.len(), 2);
    assert!(map.iter().all(|c| sim.vendor_components[0][..2].contains(&c.vendor_component_id)));

    let audit = store::audit_in_order(db, 0, 100).await.unwrap();
    // The shipped self-service forms and profiles (one entry each), then the demo itself.
    assert_eq!(
        audit.iter().map(|e| e.record.action.as_str()).collect::<Vec<_>>(),
        ["requests.defaults", "requests.defaults", "demo.seed"]
    );
}
both_dbs!(the_demo_monitors_the_simulated_vendors_once);

/// Without the simulator the demo has no sources.
async fn the_demo_without_the_simulator_has_no_sources(db: &Db) {
    let s = services_at(db, t0());
    assert!(seed(&s).await.unwrap());
    assert_eq!(count_rows(db, "sources").await, 0);
}
both_dbs!(the_demo_without_the_simulator_has_no_sources);
