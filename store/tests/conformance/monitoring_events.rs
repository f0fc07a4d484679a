//! Vendor incidents, maintenances and the component map of status-page sources.

use crate::fixtures::{at, begin, service, vendor};
use crate::monitoring::{monitored, source};
use chrono::{DateTime, Utc};
use store::{
    Db, EventScope, IncidentRow, IncidentUpdateRow, IncidentUpsert, MaintenanceRow, SourceComponentRow, StoreError,
};

pub fn incident(vendor_id: &str, status: &str, resolved_at: Option<DateTime<Utc>>) -> IncidentRow {
    IncidentRow {
        vendor_incident_id: vendor_id.into(),
        name: "Storing inloggen".into(),
        status: status.into(),
        impact: "major".into(),
        created_at: at(0),
        updated_at: at(0),
        resolved_at,
        shortlink: Some("https://stspg.io/abc".into()),
    }
}

fn update(vendor_id: &str, status: &str, body: &str, secs: i64) -> IncidentUpdateRow {
    IncidentUpdateRow {
        vendor_update_id: vendor_id.into(),
        status: status.into(),
        body: body.into(),
        created_at: at(secs),
    }
}

pub fn maintenance(vendor_id: &str, scheduled_for: Option<DateTime<Utc>>) -> MaintenanceRow {
    MaintenanceRow {
        vendor_maintenance_id: vendor_id.into(),
        name: "Database-upgrade".into(),
        status: "scheduled".into(),
        impact: "maintenance".into(),
        scheduled_for,
        scheduled_until: scheduled_for.map(|t| t + chrono::Duration::hours(2)),
        created_at: at(0),
        updated_at: at(0),
    }
}

async fn an_incident_is_stored_once_and_updated_as_it_progresses(db: &Db) {
    let (s, a) = monitored(db).await;
    let first = update("u1", "investigating", "We onderzoeken het.", 0);
    let mut tx = begin(db).await;
    let r = store::upsert_incident(&mut tx, a, &incident("inc-1", "investigating", None), std::slice::from_ref(&first))
        .await;
    let IncidentUpsert { id, created, new_updates } = r.unwrap();
    assert_eq!((created, new_updates), (true, 1));
    tx.commit().await.unwrap();
    let open = store::open_incidents(db, EventScope::Service(s)).await.unwrap();
    assert_eq!(
        open.iter().map(|i| (i.origin.id, i.incident.status.as_str())).collect::<Vec<_>>(),
        [(id, "investigating")]
    );
    assert_eq!((open[0].origin.source_id, open[0].origin.service_id), (a, s));
    assert_eq!(
        (open[0].origin.service_name.as_str(), open[0].origin.vendor_name.as_str()),
        ("Zaaksysteem", "Zaakwijs")
    );

    // The next poll: resolved, one update edited, one new (vendors list the newest first).
    let mut resolved = incident("inc-1", "resolved", Some(at(600)));
    resolved.updated_at = at(600);
    let edited = update("u1", "investigating", "We onderzoeken het (bijgewerkt).", 0);
    let fixed = update("u2", "resolved", "Opgelost.", 600);
    let mut tx = begin(db).await;
    let again = store::upsert_incident(&mut tx, a, &resolved, &[fixed.clone(), edited.clone()]).await.unwrap();
    assert_eq!(again, IncidentUpsert { id, created: false, new_updates: 1 });
    // Repeating the same document changes nothing.
    let same = store::upsert_incident(&mut tx, a, &resolved, &[fixed.clone(), edited.clone()]).await.unwrap();
    assert_eq!(same, IncidentUpsert { id, created: false, new_updates: 0 });
    tx.commit().await.unwrap();

    assert_eq!(store::incident_updates(db, id).await.unwrap(), [edited, fixed]);
    assert!(store::open_incidents(db, EventScope::All).await.unwrap().is_empty());

    // The same vendor id on another source is another incident.
    let b = source(db, s, "Second page").await;
    let mut tx = begin(db).await;
    let other = store::upsert_incident(&mut tx, b, &incident("inc-1", "identified", None), &[]).await.unwrap();
    tx.commit().await.unwrap();
    assert!(other.created && other.id != id);
    let mut tx = begin(db).await;
    let r = store::upsert_incident(&mut tx, store::SourceId(999), &incident("x", "identified", None), &[]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "foreign_key"), "{r:?}");
}
conformance!(an_incident_is_stored_once_and_updated_as_it_progresses);

async fn open_incidents_are_listed_per_vendor_and_service(db: &Db) {
    let (s, a) = monitored(db).await;
    let v2 = vendor(db, "Geowijs").await;
    let t = service(db, v2, "Kaarten").await;
    let u = service(db, v2, "Geodata").await;
    let b = source(db, t, "Geowijs status").await;
    let mut tx = begin(db).await;
    store::upsert_incident(&mut tx, a, &incident("a-1", "identified", None), &[]).await.unwrap();
    let mut newer = incident("b-1", "monitoring", None);
    newer.created_at = at(60);
    store::upsert_incident(&mut tx, b, &newer, &[]).await.unwrap();
    store::upsert_incident(&mut tx, b, &incident("b-0", "postmortem", None), &[]).await.unwrap();
    tx.commit().await.unwrap();

    let ids =
        |list: Vec<store::StoredIncident>| list.into_iter().map(|i| i.incident.vendor_incident_id).collect::<Vec<_>>();
    assert_eq!(ids(store::open_incidents(db, EventScope::All).await.unwrap()), ["b-1", "a-1"], "newest first");
    assert_eq!(ids(store::open_incidents(db, EventScope::Vendor(v2)).await.unwrap()), ["b-1"]);
    assert_eq!(ids(store::open_incidents(db, EventScope::Service(s)).await.unwrap()), ["a-1"]);
    assert!(store::open_incidents(db, EventScope::Service(u)).await.unwrap().is_empty());
    // Mapping one of the page's components to a service brings its incidents into that service's scope.
    let mut tx = begin(db).await;
    let map = [SourceComponentRow { vendor_component_id: "cmp-geodata".into(), service_id: Some(u) }];
    store::set_source_components(&mut tx, b, &map).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(ids(store::open_incidents(db, EventScope::Service(u)).await.unwrap()), ["b-1"]);
}
conformance!(open_incidents_are_listed_per_vendor_and_service);

async fn a_maintenance_keeps_when_it_was_first_seen(db: &Db) {
    let (s, a) = monitored(db).await;
    let mut tx = begin(db).await;
    let (id, created) =
        store::upsert_maintenance(&mut tx, a, &maintenance("m-1", Some(at(86_400))), at(10)).await.unwrap();
    assert!(created);
    let mut moved = maintenance("m-1", Some(at(2 * 86_400)));
    (moved.status, moved.updated_at) = ("in_progress".into(), at(20));
    assert_eq!(store::upsert_maintenance(&mut tx, a, &moved, at(20)).await.unwrap(), (id, false));
    tx.commit().await.unwrap();

    let list = store::upcoming_maintenances(db, EventScope::Service(s), at(30)).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].origin.id, &list[0].maintenance, list[0].first_seen_at), (id, &moved, at(10)));
}
conformance!(a_maintenance_keeps_when_it_was_first_seen);

async fn upcoming_maintenances_leave_out_finished_ones(db: &Db) {
    let (_, a) = monitored(db).await;
    let v2 = vendor(db, "Geowijs").await;
    let b = source(db, service(db, v2, "Kaarten").await, "Geowijs status").await;
    let mut done = maintenance("done", Some(at(3_600)));
    done.status = "completed".into();
    let mut unscheduled = maintenance("unscheduled", None);
    unscheduled.scheduled_until = None;
    let mut tx = begin(db).await;
    for (source, m) in [
        (a, maintenance("past", Some(at(-86_400)))),
        (a, maintenance("ongoing", Some(at(-3_600)))),
        (a, maintenance("later", Some(at(7 * 86_400)))),
        (a, done),
        (a, unscheduled),
        (b, maintenance("soon", Some(at(86_400)))),
    ] {
        store::upsert_maintenance(&mut tx, source, &m, at(-100_000)).await.unwrap();
    }
    tx.commit().await.unwrap();

    let ids = |list: Vec<store::StoredMaintenance>| {
        list.into_iter().map(|m| m.maintenance.vendor_maintenance_id).collect::<Vec<_>>()
    };
    let all = store::upcoming_maintenances(db, EventScope::All, at(0)).await.unwrap();
    assert_eq!(ids(all), ["ongoing", "soon", "later", "unscheduled"]);
    assert_eq!(ids(store::upcoming_maintenances(db, EventScope::Vendor(v2), at(0)).await.unwrap()), ["soon"]);
}
conformance!(upcoming_maintenances_leave_out_finished_ones);

async fn a_source_component_map_is_replaced_and_survives_service_deletion(db: &Db) {
    let (s, a) = monitored(db).await;
    let v = vendor(db, "Geowijs").await;
    let t = service(db, v, "Kaarten").await;
    let row = |id: &str, service| SourceComponentRow { vendor_component_id: id.into(), service_id: service };
    let mut tx = begin(db).await;
    store::set_source_components(&mut tx, a, &[row("c2", Some(t)), row("c1", Some(s)), row("c3", None)]).await.unwrap();
    store::set_source_components(&mut tx, a, &[row("c2", Some(t)), row("c1", Some(s))]).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::source_components(db, a).await.unwrap(), [row("c1", Some(s)), row("c2", Some(t))]);

    let mut tx = begin(db).await;
    let r = store::set_source_components(&mut tx, a, &[row("c1", None), row("c1", Some(s))]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "source_component"), "{r:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let r = store::set_source_components(&mut tx, a, &[row("c1", Some(domain::VendorServiceId(999)))]).await;
    assert!(matches!(&r, Err(StoreError::Conflict(c)) if c == "foreign_key"), "{r:?}");
    drop(tx);

    // Deleting the other vendor's service unmaps its component.
    let mut tx = begin(db).await;
    store::delete_service(&mut tx, v, t).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::source_components(db, a).await.unwrap(), [row("c1", Some(s)), row("c2", None)]);
}
conformance!(a_source_component_map_is_replaced_and_survives_service_deletion);
