//! Contracts: terms of every renewal kind, service links, state changes and decisions.

use crate::fixtures::{at, begin, day, new_contract, service, user, vendor};
use domain::contract::{ContractStatus, Decision, Period, PriceModel, Renewal};
use domain::{ContractId, UserId};
use store::{Db, StoreError};

async fn every_renewal_kind_and_notice_unit_round_trips(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let s1 = service(db, v, "Zaaksysteem").await;
    let s2 = service(db, v, "Archief").await;
    let cases = [
        (Renewal::Tacit { period_months: 12 }, Period::Months(3)),
        (Renewal::Options { count: 2, length_months: 24, exercised: 0 }, Period::Days(90)),
        (Renewal::Fixed, Period::Days(0)),
    ];
    for (i, (renewal, notice)) in cases.into_iter().enumerate() {
        let mut c = new_contract(v, &format!("2026-00{i}"), &[s2, s1]);
        c.service_ids.sort();
        c.renewal = renewal;
        c.notice = notice;
        c.lead_time_months = i as u32;
        c.annual_value_cents = 1_234_567_890_123 + i as i64;
        c.price_model = PriceModel::PerSeat;
        let mut tx = begin(db).await;
        let id = store::insert_contract(&mut tx, &c, at(0)).await.unwrap();
        tx.commit().await.unwrap();

        let got = store::get_contract(db, id).await.unwrap();
        assert_eq!((got.id, got.vendor_id, got.vendor_name.as_str()), (id, v, "Zaakwijs"));
        assert_eq!(
            (got.reference.as_str(), got.title.as_str(), got.owner.as_str()),
            (c.reference.as_str(), "Zaaksysteem", "Team Regie")
        );
        assert_eq!((got.start, got.initial_end), (day(2026, 1, 1), day(2028, 12, 31)));
        assert_eq!((got.renewal, got.notice, got.lead_time_months), (renewal, notice, i as u32));
        assert_eq!((got.annual_value_cents, got.price_model), (c.annual_value_cents, PriceModel::PerSeat));
        assert_eq!((got.status, got.decided_term_end), (ContractStatus::Active, None));
        assert_eq!(got.service_ids, c.service_ids, "sorted");
    }
}
conformance!(every_renewal_kind_and_notice_unit_round_trips);

async fn contract_references_are_unique_and_vendors_must_exist(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let mut tx = begin(db).await;
    store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[]), at(0)).await.unwrap();
    tx.commit().await.unwrap();
    let mut tx = begin(db).await;
    let dup = store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[]), at(0)).await;
    assert!(matches!(dup, Err(StoreError::Conflict(ref c)) if c == "contract_reference"), "{dup:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let orphan = store::insert_contract(&mut tx, &new_contract(domain::VendorId(99), "2026-002", &[]), at(0)).await;
    assert!(matches!(orphan, Err(StoreError::Conflict(ref c)) if c == "foreign_key"), "{orphan:?}");
    drop(tx);
    let mut tx = begin(db).await;
    let bad =
        store::insert_contract(&mut tx, &new_contract(v, "2026-003", &[domain::VendorServiceId(99)]), at(0)).await;
    assert!(matches!(bad, Err(StoreError::Conflict(ref c)) if c == "foreign_key"), "{bad:?}");
    drop(tx);
    assert_eq!(store::list_contracts(db).await.unwrap().len(), 1, "failed inserts leave nothing");
}
conformance!(contract_references_are_unique_and_vendors_must_exist);

async fn an_update_replaces_terms_and_links_but_keeps_the_state(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let s1 = service(db, v, "Zaaksysteem").await;
    let s2 = service(db, v, "Archief").await;
    let s3 = service(db, v, "Portaal").await;
    let mut c = new_contract(v, "2026-001", &[s1, s2]);
    c.renewal = Renewal::Options { count: 3, length_months: 12, exercised: 0 };
    let mut tx = begin(db).await;
    let id = store::insert_contract(&mut tx, &c, at(0)).await.unwrap();
    tx.commit().await.unwrap();

    let mut state = store::get_contract(db, id).await.unwrap();
    state.renewal = Renewal::Options { count: 3, length_months: 12, exercised: 1 };
    state.status = ContractStatus::Retender;
    state.decided_term_end = Some(day(2029, 12, 31));
    let mut tx = begin(db).await;
    store::save_contract_state(&mut tx, &state, at(10)).await.unwrap();
    tx.commit().await.unwrap();

    let mut changed = new_contract(v, "2026-001-A", &[s3, s2]);
    changed.service_ids.sort();
    changed.title = "Zaaksysteem en portaal".into();
    changed.renewal = Renewal::Options { count: 4, length_months: 6, exercised: 0 };
    changed.notice = Period::Days(45);
    changed.initial_end = day(2027, 6, 30);
    let mut tx = begin(db).await;
    store::update_contract(&mut tx, id, &changed, at(20)).await.unwrap();
    tx.commit().await.unwrap();

    let got = store::get_contract(db, id).await.unwrap();
    assert_eq!((got.reference.as_str(), got.title.as_str()), ("2026-001-A", "Zaaksysteem en portaal"));
    assert_eq!((got.initial_end, got.notice), (day(2027, 6, 30), Period::Days(45)));
    assert_eq!(got.renewal, Renewal::Options { count: 4, length_months: 6, exercised: 1 }, "exercised kept");
    assert_eq!((got.status, got.decided_term_end), (ContractStatus::Retender, Some(day(2029, 12, 31))));
    assert_eq!(got.service_ids, changed.service_ids);

    let mut tx = begin(db).await;
    let r = store::update_contract(&mut tx, ContractId(999), &changed, at(30)).await;
    assert!(matches!(r, Err(StoreError::NotFound)), "{r:?}");
}
conformance!(an_update_replaces_terms_and_links_but_keeps_the_state);

async fn saving_state_of_a_tacit_contract_leaves_options_alone(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let mut tx = begin(db).await;
    let id = store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[]), at(0)).await.unwrap();
    tx.commit().await.unwrap();
    let mut c = store::get_contract(db, id).await.unwrap();
    c.status = ContractStatus::Terminated;
    c.decided_term_end = Some(day(2028, 12, 31));
    let mut tx = begin(db).await;
    store::save_contract_state(&mut tx, &c, at(5)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_contract(db, id).await.unwrap(), c);

    c.status = ContractStatus::Active;
    c.decided_term_end = None;
    let mut tx = begin(db).await;
    store::save_contract_state(&mut tx, &c, at(6)).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_contract(db, id).await.unwrap(), c, "the decided term end can be cleared");

    c.id = ContractId(999);
    let mut tx = begin(db).await;
    assert!(matches!(store::save_contract_state(&mut tx, &c, at(7)).await, Err(StoreError::NotFound)));
}
conformance!(saving_state_of_a_tacit_contract_leaves_options_alone);

async fn contracts_are_listed_with_their_own_services(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let w = vendor(db, "Geowijs").await;
    let s1 = service(db, v, "Zaaksysteem").await;
    let s2 = service(db, v, "Archief").await;
    let g1 = service(db, w, "Kaarten").await;
    let mut tx = begin(db).await;
    let a = store::insert_contract(&mut tx, &new_contract(v, "A", &[s1, s2]), at(0)).await.unwrap();
    let b = store::insert_contract(&mut tx, &new_contract(w, "B", &[g1]), at(0)).await.unwrap();
    let c = store::insert_contract(&mut tx, &new_contract(v, "C", &[]), at(0)).await.unwrap();
    tx.commit().await.unwrap();

    let list = store::list_contracts(db).await.unwrap();
    let rows: Vec<_> = list.iter().map(|c| (c.id, c.vendor_name.as_str(), c.service_ids.clone())).collect();
    assert_eq!(rows, [(a, "Zaakwijs", vec![s1, s2]), (b, "Geowijs", vec![g1]), (c, "Zaakwijs", vec![])]);
    assert_eq!(list[0], store::get_contract(db, a).await.unwrap());
}
conformance!(contracts_are_listed_with_their_own_services);

async fn decisions_are_listed_newest_first_with_names(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let an = user(db, "an", "An Jansen").await;
    let piet = user(db, "piet", "Piet de Boer").await;
    let mut tx = begin(db).await;
    let id = store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[]), at(0)).await.unwrap();
    let other = store::insert_contract(&mut tx, &new_contract(v, "2026-002", &[]), at(0)).await.unwrap();
    let long = "n".repeat(4000);
    store::insert_decision(&mut tx, id, Decision::Renew, day(2028, 12, 31), Some(&long), an, at(100)).await.unwrap();
    store::insert_decision(&mut tx, id, Decision::Terminate, day(2029, 12, 31), None, piet, at(200)).await.unwrap();
    store::insert_decision(&mut tx, other, Decision::Retender, day(2028, 12, 31), None, an, at(150)).await.unwrap();
    tx.commit().await.unwrap();

    let list = store::list_decisions(db, id).await.unwrap();
    assert_eq!(list.len(), 2);
    let (newest, oldest) = (&list[0], &list[1]);
    assert_eq!(
        (newest.decision, newest.decided_by, newest.decided_by_name.as_str()),
        (Decision::Terminate, piet, "Piet de Boer")
    );
    assert_eq!((newest.term_end, newest.note.as_deref(), newest.decided_at), (day(2029, 12, 31), None, at(200)));
    assert_eq!((oldest.decision, oldest.decided_by_name.as_str()), (Decision::Renew, "An Jansen"));
    assert_eq!((oldest.note.as_deref(), oldest.decided_at), (Some(long.as_str()), at(100)));

    let mut tx = begin(db).await;
    let r = store::insert_decision(&mut tx, id, Decision::Renew, day(2030, 1, 1), None, UserId(999), at(300)).await;
    assert!(matches!(r, Err(StoreError::Conflict(ref c)) if c == "foreign_key"), "{r:?}");
}
conformance!(decisions_are_listed_newest_first_with_names);

async fn deleting_a_contract_takes_links_and_decisions_along(db: &Db) {
    let v = vendor(db, "Zaakwijs").await;
    let s = service(db, v, "Zaaksysteem").await;
    let an = user(db, "an", "An").await;
    let mut tx = begin(db).await;
    let id = store::insert_contract(&mut tx, &new_contract(v, "2026-001", &[s]), at(0)).await.unwrap();
    store::insert_decision(&mut tx, id, Decision::Renew, day(2028, 12, 31), None, an, at(1)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = begin(db).await;
    store::delete_contract(&mut tx, id).await.unwrap();
    assert!(matches!(store::delete_contract(&mut tx, id).await, Err(StoreError::NotFound)));
    tx.commit().await.unwrap();
    assert!(matches!(store::get_contract(db, id).await, Err(StoreError::NotFound)));
    assert!(store::list_decisions(db, id).await.unwrap().is_empty());
    assert!(store::list_contracts(db).await.unwrap().is_empty());
    assert_eq!(store::get_service(db, s).await.unwrap().id, s, "the service stays");
}
conformance!(deleting_a_contract_takes_links_and_decisions_along);
