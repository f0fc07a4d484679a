//! Vendors, their services and contact persons: validation, uniqueness and removal.

use crate::support::{
    audit_count, contact_form, contract_form, kvk_for, problem_at, register, service_form, services, snapshot, user,
    vendor_form,
};
use domain::vendor::{ContactForm, Criticality, VendorCategory, VendorForm};
use domain::{Problem, Role, VendorId};
use service::ServiceError;
use store::Db;

async fn a_vendor_is_registered_with_its_services_and_contacts(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let v = s
        .register_vendor(
            &regisseur,
            &VendorForm {
                kvk: "6123 4501".into(),
                notes: " Hoofdleverancier ".into(),
                ..vendor_form(" Zaakwijs B.V. ")
            },
        )
        .await
        .unwrap();
    let svc = s.add_service(&regisseur, v, &service_form("Zaaksysteem")).await.unwrap();
    let contact = s.add_contact(&regisseur, v, &contact_form("Sanne de Vries")).await.unwrap();

    let overview = s.vendor_overview(&regisseur, v).await.unwrap();
    assert_eq!(overview.vendor.name, "Zaakwijs B.V.", "trimmed");
    assert_eq!(overview.vendor.kvk, "61234501", "spaces removed");
    assert_eq!(overview.vendor.category, VendorCategory::ZaakgerichtWerken);
    assert_eq!(overview.vendor.criticality, Criticality::Hoog);
    assert_eq!(overview.vendor.notes.as_deref(), Some("Hoofdleverancier"));
    assert_eq!(overview.services.iter().map(|x| x.id).collect::<Vec<_>>(), [svc]);
    assert_eq!(overview.contacts.iter().map(|x| x.id).collect::<Vec<_>>(), [contact]);
    assert!(overview.contracts.is_empty());

    let list = s.list_vendors(&regisseur).await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].service_count, list[0].contract_count), (1, 0));
}
both_dbs!(a_vendor_is_registered_with_its_services_and_contacts);

async fn an_invalid_kvk_number_is_refused_at_its_field(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let before = snapshot(db).await;
    let audited = audit_count(db).await;
    for kvk in ["1234567", "123456789", "1234567a", "12-345678"] {
        let result =
            s.register_vendor(&regisseur, &VendorForm { kvk: kvk.into(), ..vendor_form("Zaakwijs B.V.") }).await;
        assert_eq!(problem_at(result, "kvk"), Problem::KvkFormat, "{kvk}");
    }
    let empty = s.register_vendor(&regisseur, &VendorForm { kvk: " ".into(), ..vendor_form("Zaakwijs B.V.") }).await;
    assert_eq!(problem_at(empty, "kvk"), Problem::Required);
    assert_eq!(snapshot(db).await, before);
    assert_eq!(audit_count(db).await, audited);

    // Also when updating.
    let v = s.register_vendor(&regisseur, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    let update = s.update_vendor(&regisseur, v, &VendorForm { kvk: "1234".into(), ..vendor_form("Zaakwijs") }).await;
    assert_eq!(problem_at(update, "kvk"), Problem::KvkFormat);
    assert_eq!(s.vendor_overview(&regisseur, v).await.unwrap().vendor.name, "Zaakwijs B.V.");
}
both_dbs!(an_invalid_kvk_number_is_refused_at_its_field);

async fn a_duplicate_vendor_name_is_refused_whatever_its_case(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let zaakwijs = s.register_vendor(&regisseur, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    let geowijs = s.register_vendor(&regisseur, &vendor_form("Geowijs B.V.")).await.unwrap();
    let before = snapshot(db).await;
    let audited = audit_count(db).await;

    for name in ["ZAAKWIJS B.V.", "zaakwijs b.v.", "  Zaakwijs B.V. "] {
        let result = s.register_vendor(&regisseur, &vendor_form(name)).await;
        assert_eq!(problem_at(result, "name"), Problem::Duplicate, "{name:?}");
    }
    let rename = s.update_vendor(&regisseur, geowijs, &vendor_form("zaakWIJS b.v.")).await;
    assert_eq!(problem_at(rename, "name"), Problem::Duplicate);
    assert_eq!(snapshot(db).await, before, "nothing written");
    assert_eq!(audit_count(db).await, audited, "no audit entry either");

    // A vendor may keep its own name in another case; services are unique per vendor.
    s.update_vendor(&regisseur, zaakwijs, &vendor_form("ZaakWijs B.V.")).await.unwrap();
    s.add_service(&regisseur, zaakwijs, &service_form("Hosting")).await.unwrap();
    s.add_service(&regisseur, geowijs, &service_form("Hosting")).await.unwrap();
    let again = s.add_service(&regisseur, zaakwijs, &service_form("HOSTING")).await;
    assert_eq!(problem_at(again, "name"), Problem::Duplicate);
}
both_dbs!(a_duplicate_vendor_name_is_refused_whatever_its_case);

async fn a_second_vendor_with_the_same_kvk_number_is_refused_naming_the_first(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let first = s.register_vendor(&regisseur, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    let same_kvk = |name: &str| VendorForm { kvk: kvk_for("Zaakwijs B.V."), ..vendor_form(name) };
    let other = s.register_vendor(&regisseur, &vendor_form("Geowijs B.V.")).await.unwrap();
    let before = snapshot(db).await;
    let audited = audit_count(db).await;

    let expect_first = |result: Result<_, ServiceError>| match result {
        Err(ServiceError::Invalid(inv)) => {
            assert_eq!(inv.for_field("kvk"), Some(Problem::KvkInUse { vendor: first }));
            assert_eq!(inv.detail_for("kvk"), Some("Zaakwijs B.V."), "the message names the vendor");
        }
        other => panic!("expected the KvK number to be refused, got {other:?}"),
    };
    expect_first(s.register_vendor(&regisseur, &same_kvk("Zaakwijs Holding B.V.")).await.map(drop));
    expect_first(s.update_vendor(&regisseur, other, &same_kvk("Geowijs B.V.")).await);
    assert_eq!(snapshot(db).await, before, "nothing written");
    assert_eq!(audit_count(db).await, audited);

    // A vendor keeps its own number when it is saved again.
    s.update_vendor(&regisseur, first, &VendorForm { notes: "Hoofdleverancier".into(), ..same_kvk("Zaakwijs B.V.") })
        .await
        .unwrap();
}
both_dbs!(a_second_vendor_with_the_same_kvk_number_is_refused_naming_the_first);

async fn a_vendor_with_contracts_cannot_be_removed(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let before = snapshot(db).await;
    let audited = audit_count(db).await;

    let result = s.remove_vendor(&regisseur, r.vendor).await;
    assert!(matches!(result, Err(ServiceError::Conflict(_))), "{result:?}");
    assert_eq!(snapshot(db).await, before, "vendor, services, contacts and contract links all stay");
    assert_eq!(audit_count(db).await, audited);

    // Without the contract the vendor goes, with its services and contacts.
    s.remove_contract(&regisseur, r.contract).await.unwrap();
    s.remove_vendor(&regisseur, r.vendor).await.unwrap();
    assert!(matches!(s.vendor_overview(&regisseur, r.vendor).await, Err(ServiceError::NotFound)));
    let ids: Vec<VendorId> = s.list_vendors(&regisseur).await.unwrap().iter().map(|v| v.id).collect();
    assert_eq!(ids, [r.vendor_without_contracts]);
    assert!(store::list_services(db, r.vendor).await.unwrap().is_empty());
    assert!(store::list_contacts(db, r.vendor).await.unwrap().is_empty());
}
both_dbs!(a_vendor_with_contracts_cannot_be_removed);

async fn unknown_vendors_services_and_contacts_are_not_found(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let other = r.vendor_without_contracts;
    let nobody = VendorId(9_999);
    let before = snapshot(db).await;

    assert!(matches!(s.vendor_overview(&regisseur, nobody).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.update_vendor(&regisseur, nobody, &vendor_form("X")).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.remove_vendor(&regisseur, nobody).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.add_service(&regisseur, nobody, &service_form("X")).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.add_contact(&regisseur, nobody, &contact_form("X")).await, Err(ServiceError::NotFound)));
    // A service or contact is only removed through its own vendor.
    assert!(matches!(s.remove_service(&regisseur, other, r.service).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.remove_contact(&regisseur, other, r.contact).await, Err(ServiceError::NotFound)));
    assert_eq!(snapshot(db).await, before);
}
both_dbs!(unknown_vendors_services_and_contacts_are_not_found);

async fn a_contact_email_is_checked(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let v = s.register_vendor(&regisseur, &vendor_form("Zaakwijs B.V.")).await.unwrap();
    for email in ["sanne@", "sanne@zaakwijs", "sanne de vries@zaakwijs.example"] {
        let form = ContactForm { email: email.into(), ..contact_form("Sanne de Vries") };
        assert_eq!(problem_at(s.add_contact(&regisseur, v, &form).await, "email"), Problem::EmailFormat, "{email}");
    }
    assert!(s.vendor_overview(&regisseur, v).await.unwrap().contacts.is_empty());
}
both_dbs!(a_contact_email_is_checked);

async fn contracts_show_on_their_vendors_page(db: &Db) {
    let s = services(db);
    let inkoper = user(&s, "an", Role::Inkoper).await;
    let r = register(&s, "1").await;
    let extra =
        s.register_contract(&service::auth::system_actor(), &contract_form(r.vendor, "VO-extra", &[])).await.unwrap();
    let overview = s.vendor_overview(&inkoper, r.vendor).await.unwrap();
    assert_eq!(overview.contracts.iter().map(|c| c.id).collect::<Vec<_>>(), [r.contract, extra]);
    assert!(s.vendor_overview(&inkoper, r.vendor_without_contracts).await.unwrap().contracts.is_empty());
}
both_dbs!(contracts_show_on_their_vendors_page);
