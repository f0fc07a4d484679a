//! Names for the audit log: the current names of actors and objects, and the filter on one object.

use crate::fixtures::{at, begin, service, user, vendor};
use store::{AuditFilter, AuditRecord, Db};

async fn the_names_of_actors_and_objects_are_found_and_deleted_ones_are_absent(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let svc = service(db, v, "Zaaksysteem").await;
    let u = user(db, "anna", "Anna de Vries").await;
    let (vendor_obj, service_obj, user_obj) =
        (format!("vendor:{}", v.0), format!("service:{}", svc.0), format!("user:{}", u.0));
    let objects =
        [vendor_obj.as_str(), service_obj.as_str(), user_obj.as_str(), "vendor:999", "address:10.0.0.1", "audit_log"];
    let names = store::audit_names(db, ["anna", "system"], objects).await.unwrap();

    let anna = &names.actors["anna"];
    assert_eq!((anna.display_name.as_str(), anna.role), ("Anna de Vries", domain::Role::Regisseur));
    assert!(!names.actors.contains_key("system"), "not a user");
    assert_eq!(names.objects[&vendor_obj].name, "Zaakwijs");
    assert_eq!(names.objects[&vendor_obj].vendor_id, None);
    assert_eq!(names.objects[&service_obj].name, "Zaaksysteem");
    assert_eq!(names.objects[&service_obj].vendor_id, Some(v.0), "a service links to its vendor");
    assert_eq!(names.objects[&user_obj].name, "Anna de Vries");
    assert_eq!(names.objects.len(), 3, "a deleted vendor, an address and the log itself have no name: {names:?}");
}
conformance!(the_names_of_actors_and_objects_are_found_and_deleted_ones_are_absent);

async fn a_whole_object_filter_matches_only_that_object(db: &Db) {
    for (i, object) in ["vendor:1", "vendor:12", "contract:1"].into_iter().enumerate() {
        let r = AuditRecord {
            at: at(i as i64),
            actor: "an".into(),
            action: "vendor.update".into(),
            object: object.into(),
            result: "ok".into(),
            origin: "127.0.0.1".into(),
            detail: None,
        };
        let mut tx = begin(db).await;
        let prev = store::lock_audit_tail(&mut tx).await.unwrap().unwrap_or_default();
        store::insert_audit(&mut tx, &r, &prev, &format!("{prev}>{i}")).await.unwrap();
        tx.commit().await.unwrap();
    }
    let objects = |o: &str| {
        let f = AuditFilter { object: Some(o.into()), ..Default::default() };
        async move { store::list_audit(db, &f).await.unwrap().into_iter().map(|e| e.record.object).collect::<Vec<_>>() }
    };
    assert_eq!(objects("vendor:1").await, ["vendor:1"], "not vendor:12");
    assert_eq!(objects("vendor:").await, ["vendor:12", "vendor:1"], "part of an object still matches");
    assert_eq!(objects(":1").await, ["contract:1", "vendor:12", "vendor:1"]);
}
conformance!(a_whole_object_filter_matches_only_that_object);
