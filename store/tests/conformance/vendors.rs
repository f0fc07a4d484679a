//! Vendors, their services and contact persons.

use crate::fixtures::{at, begin, new_contact, new_contract, new_service, new_vendor, service, vendor};
use domain::vendor::{Criticality, NewContactPerson, NewVendorService, SourcingModel, VendorCategory};
use domain::{VendorId, VendorServiceId};
use store::{Db, StoreError};

fn is_conflict<T: std::fmt::Debug>(r: &Result<T, StoreError>, hint: &str) -> bool {
    matches!(r, Err(StoreError::Conflict(c)) if c == hint)
}

async fn a_vendor_round_trips_with_long_notes(db: &Db) {
    let mut v = new_vendor("Zaakwijs B.V.");
    v.notes = Some("é".repeat(4000));
    v.category = VendorCategory::Sociaal;
    v.sourcing = SourcingModel::Maatwerk;
    v.criticality = Criticality::Vitaal;
    let mut tx = begin(db).await;
    let id = store::insert_vendor(&mut tx, &v, at(0)).await.unwrap();
    tx.commit().await.unwrap();
    let got = store::get_vendor(db, id).await.unwrap();
    assert_eq!((got.id, got.name.as_str(), got.kvk.as_str()), (id, "Zaakwijs B.V.", "12345678"));
    assert_eq!((got.category, got.sourcing, got.criticality), (v.category, v.sourcing, v.criticality));
    assert_eq!(got.notes, v.notes);
}
conformance!(a_vendor_round_trips_with_long_notes);

async fn vendor_names_are_unique_regardless_of_case_and_spaces(db: &Db) {
    let id = vendor(db, "Zaakwijs B.V.").await;
    let other = vendor(db, "Geowijs").await;
    let mut tx = begin(db).await;
    let dup = store::insert_vendor(&mut tx, &new_vendor(" ZAAKWIJS b.v. "), at(0)).await;
    assert!(is_conflict(&dup, "vendor_name"), "{dup:?}");
    drop(tx);

    let mut tx = begin(db).await;
    let dup = store::update_vendor(&mut tx, other, &new_vendor("zaakwijs b.v."), at(1)).await;
    assert!(is_conflict(&dup, "vendor_name"), "{dup:?}");
    drop(tx);

    // Renaming a vendor to another spelling of its own name is fine.
    let mut tx = begin(db).await;
    store::update_vendor(&mut tx, id, &new_vendor("ZaakWijs BV"), at(1)).await.unwrap();
    store::update_vendor(&mut tx, id, &new_vendor("zaakwijs bv"), at(2)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_vendor(db, id).await.unwrap().name, "zaakwijs bv");
    assert_eq!(store::get_vendor(db, other).await.unwrap().name, "Geowijs");
}
conformance!(vendor_names_are_unique_regardless_of_case_and_spaces);

async fn unknown_vendors_are_not_found(db: &Db) {
    assert!(matches!(store::get_vendor(db, VendorId(42)).await, Err(StoreError::NotFound)));
    let mut tx = begin(db).await;
    let r = store::update_vendor(&mut tx, VendorId(42), &new_vendor("X"), at(0)).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
    let r = store::delete_vendor(&mut tx, VendorId(42)).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
}
conformance!(unknown_vendors_are_not_found);

async fn vendors_are_listed_by_name_with_their_counts(db: &Db) {
    let z = vendor(db, "zaakwijs").await;
    let a = vendor(db, "Atlas").await;
    let b = vendor(db, "bureau Geo").await;
    let s1 = service(db, z, "Zaaksysteem").await;
    service(db, z, "Archief").await;
    service(db, b, "Kaarten").await;
    let mut tx = begin(db).await;
    store::insert_contract(&mut tx, &new_contract(z, "2026-001", &[s1]), at(0)).await.unwrap();
    store::insert_contract(&mut tx, &new_contract(z, "2026-002", &[]), at(0)).await.unwrap();
    tx.commit().await.unwrap();

    let list = store::list_vendors(db).await.unwrap();
    let rows: Vec<_> = list.iter().map(|v| (v.id, v.name.as_str(), v.service_count, v.contract_count)).collect();
    assert_eq!(rows, [(a, "Atlas", 0, 0), (b, "bureau Geo", 1, 0), (z, "zaakwijs", 2, 2)]);
    assert_eq!((list[0].category, list[0].criticality), (VendorCategory::ZaakgerichtWerken, Criticality::Hoog));
}
conformance!(vendors_are_listed_by_name_with_their_counts);

async fn a_vendor_with_contracts_cannot_be_deleted(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let s = service(db, v, "Zaaksysteem").await;
    let mut tx = begin(db).await;
    store::insert_contact(&mut tx, v, &new_contact("An")).await.unwrap();
    let c = store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[s]), at(0)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = begin(db).await;
    let r = store::delete_vendor(&mut tx, v).await;
    assert!(is_conflict(&r, "foreign_key"), "{r:?}");
    drop(tx);
    assert_eq!(store::get_vendor(db, v).await.unwrap().name, "Zaakwijs");
    assert_eq!(store::list_services(db, v).await.unwrap().len(), 1);
    assert_eq!(store::list_contacts(db, v).await.unwrap().len(), 1);
    assert_eq!(store::get_contract(db, c).await.unwrap().service_ids, [s]);

    // Without contracts it goes, and takes its services and contacts along.
    let mut tx = begin(db).await;
    store::delete_contract(&mut tx, c).await.unwrap();
    store::delete_vendor(&mut tx, v).await.unwrap();
    tx.commit().await.unwrap();
    assert!(matches!(store::get_vendor(db, v).await, Err(StoreError::NotFound)));
    assert!(matches!(store::get_service(db, s).await, Err(StoreError::NotFound)));
    assert!(store::list_contacts(db, v).await.unwrap().is_empty());
}
conformance!(a_vendor_with_contracts_cannot_be_deleted);

async fn services_round_trip_and_names_are_unique_per_vendor(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let w = vendor(db, "Geowijs").await;
    let full = NewVendorService {
        name: "Zaaksysteem".into(),
        description: Some("Zaakgericht werken, SaaS".into()),
        criticality: Criticality::Vitaal,
        personal_data: true,
    };
    let mut tx = begin(db).await;
    let id = store::insert_service(&mut tx, v, &full).await.unwrap();
    let plain = store::insert_service(&mut tx, v, &new_service("Archief")).await.unwrap();
    store::insert_service(&mut tx, w, &new_service("zaaksysteem")).await.unwrap();
    tx.commit().await.unwrap();

    let got = store::get_service(db, id).await.unwrap();
    assert_eq!((got.id, got.vendor_id, got.name.as_str()), (id, v, "Zaaksysteem"));
    assert_eq!(
        (got.description.as_deref(), got.criticality, got.personal_data),
        (Some("Zaakgericht werken, SaaS"), Criticality::Vitaal, true)
    );
    let list = store::list_services(db, v).await.unwrap();
    assert_eq!(list.iter().map(|s| s.id).collect::<Vec<_>>(), [plain, id], "by name");
    assert_eq!((list[0].description.as_deref(), list[0].personal_data), (None, false));

    let mut tx = begin(db).await;
    let dup = store::insert_service(&mut tx, v, &new_service(" ZAAKSYSTEEM")).await;
    assert!(is_conflict(&dup, "service_name"), "{dup:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let orphan = store::insert_service(&mut tx, VendorId(999), &new_service("X")).await;
    assert!(is_conflict(&orphan, "foreign_key"), "{orphan:?}");
}
conformance!(services_round_trip_and_names_are_unique_per_vendor);

async fn a_service_is_deleted_only_through_its_own_vendor(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let w = vendor(db, "Geowijs").await;
    let s = service(db, v, "Zaaksysteem").await;
    let c = {
        let mut tx = begin(db).await;
        let c = store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[s]), at(0)).await.unwrap();
        tx.commit().await.unwrap();
        c
    };
    assert!(matches!(store::get_service(db, VendorServiceId(999)).await, Err(StoreError::NotFound)));
    let mut tx = begin(db).await;
    assert!(matches!(store::delete_service(&mut tx, w, s).await, Err(StoreError::NotFound)));
    assert!(matches!(store::delete_service(&mut tx, v, VendorServiceId(999)).await, Err(StoreError::NotFound)));
    store::delete_service(&mut tx, v, s).await.unwrap();
    tx.commit().await.unwrap();
    assert!(store::list_services(db, v).await.unwrap().is_empty());
    assert!(store::get_contract(db, c).await.unwrap().service_ids.is_empty(), "the link goes with the service");
}
conformance!(a_service_is_deleted_only_through_its_own_vendor);

async fn contact_persons_round_trip_sorted_by_name(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let w = vendor(db, "Geowijs").await;
    let full = NewContactPerson {
        name: "Bea de Vries".into(),
        role: Some("Accountmanager".into()),
        email: Some("bea@zaakwijs.nl".into()),
        phone: Some("+31 30 123 4567".into()),
    };
    let mut tx = begin(db).await;
    let orphan = store::insert_contact(&mut tx, VendorId(999), &new_contact("X")).await;
    assert!(is_conflict(&orphan, "foreign_key"), "{orphan:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let bea = store::insert_contact(&mut tx, v, &full).await.unwrap();
    let an = store::insert_contact(&mut tx, v, &new_contact("an Jansen")).await.unwrap();
    store::insert_contact(&mut tx, w, &new_contact("Cor")).await.unwrap();
    tx.commit().await.unwrap();

    let list = store::list_contacts(db, v).await.unwrap();
    assert_eq!(list.iter().map(|c| c.id).collect::<Vec<_>>(), [an, bea]);
    let b = &list[1];
    assert_eq!((b.vendor_id, b.name.as_str(), b.role.as_deref()), (v, "Bea de Vries", Some("Accountmanager")));
    assert_eq!((b.email.as_deref(), b.phone.as_deref()), (Some("bea@zaakwijs.nl"), Some("+31 30 123 4567")));
    assert_eq!((list[0].role.as_ref(), list[0].email.as_ref(), list[0].phone.as_ref()), (None, None, None));

    let mut tx = begin(db).await;
    assert!(matches!(store::delete_contact(&mut tx, w, an).await, Err(StoreError::NotFound)));
    store::delete_contact(&mut tx, v, an).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::list_contacts(db, v).await.unwrap().iter().map(|c| c.id).collect::<Vec<_>>(), [bea]);
}
conformance!(contact_persons_round_trip_sorted_by_name);
