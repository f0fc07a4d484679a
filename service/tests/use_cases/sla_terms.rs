//! SLA terms per contract: set and replaced by the regisseur with an audit entry, read by everyone who
//! reads the contract, and bad input refused at its fields with nothing saved.

use crate::support::{audit_count, audit_since, problem_at, register, services, sla_form, snapshot, user};
use domain::sla::contract_terms::{MeasurementBasis, SlaTermsForm, TierForm};
use domain::sla::terms::ServiceWindow;
use domain::{ContractId, Problem, Role};
use service::ServiceError;
use store::Db;

async fn a_regisseur_sets_and_replaces_terms_that_an_auditor_reads(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let auditor = user(&s, "anna", Role::Auditor).await;
    let r = register(&s, "1").await;
    assert_eq!(s.contract_sla_terms(&auditor, r.contract).await.unwrap(), None);

    let audited = audit_count(db).await;
    s.set_contract_sla_terms(&regisseur, r.contract, &sla_form()).await.unwrap();
    let got = s.contract_sla_terms(&auditor, r.contract).await.unwrap().expect("terms saved");
    assert_eq!(got.terms.target_pct, 99.8);
    assert!(matches!(got.terms.window, ServiceWindow::Weekly { from_minute: 480, exclude_holidays: true, .. }));
    assert_eq!(got.basis, MeasurementBasis::Worst);
    assert_eq!(got.resolution.critical, Some(240));
    assert_eq!(got.terms.staffel.len(), 2);
    assert_eq!(got.monthly_fee_cents(12_000_000), 1_000_000, "annual value / 12");

    let replaced =
        SlaTermsForm { window: "always".into(), staffel: Vec::new(), monthly_fee: "500".into(), ..sla_form() };
    s.set_contract_sla_terms(&regisseur, r.contract, &replaced).await.unwrap();
    let got = s.contract_sla_terms(&regisseur, r.contract).await.unwrap().unwrap();
    assert_eq!((got.terms.window, got.terms.staffel.len()), (ServiceWindow::Always, 0));
    assert_eq!(got.monthly_fee_override_cents, Some(50_000));

    let entries = audit_since(db, audited).await;
    let updates: Vec<_> = entries.iter().filter(|e| e.record.action == "contract.sla.update").collect();
    assert_eq!(updates.len(), 2, "{entries:#?}");
    assert!(updates.iter().all(|e| e.record.object == format!("contract:{}", r.contract) && e.record.result == "ok"));
    assert!(updates[0].record.detail.as_deref().unwrap().starts_with("set: target 99.8 %"));
    assert!(updates[1].record.detail.as_deref().unwrap().starts_with("replaced: target 99.8 %, 24x7"));
}
both_dbs!(a_regisseur_sets_and_replaces_terms_that_an_auditor_reads);

async fn bad_terms_are_refused_at_their_fields_and_nothing_is_saved(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    s.set_contract_sla_terms(&regisseur, r.contract, &sla_form()).await.unwrap();
    let before = snapshot(db).await;
    let audited = audit_count(db).await;

    let bad = SlaTermsForm {
        target: "100,1".into(),
        weekdays: Vec::new(),
        from: "18:00".into(),
        to: "08:00".into(),
        staffel: vec![
            TierForm { below: "99".into(), credit: "5".into() },
            TierForm { below: "99,0".into(), credit: "10".into() },
        ],
        cap: "101".into(),
        monthly_fee: "-10".into(),
        ..sla_form()
    };
    let result = s.set_contract_sla_terms(&regisseur, r.contract, &bad).await;
    let Err(ServiceError::Invalid(inv)) = result else { panic!("expected Invalid, got {result:?}") };
    for (field, problem) in [
        ("target", Problem::PercentOutOfRange),
        ("weekdays", Problem::NoWeekdays),
        ("to", Problem::FromNotBeforeTo),
        ("staffel[1].below", Problem::DuplicateTier),
        ("cap", Problem::PercentOutOfRange),
        ("monthly_fee", Problem::Negative),
    ] {
        assert_eq!(inv.for_field(field), Some(problem), "{field}: {inv:?}");
    }
    let zero = SlaTermsForm { target: "0".into(), ..sla_form() };
    assert_eq!(
        problem_at(s.set_contract_sla_terms(&regisseur, r.contract, &zero).await, "target"),
        Problem::PercentOutOfRange
    );
    assert_eq!(snapshot(db).await, before, "the saved terms are unchanged");
    assert_eq!(audit_count(db).await, audited, "nothing changed, nothing audited");
}
both_dbs!(bad_terms_are_refused_at_their_fields_and_nothing_is_saved);

async fn terms_of_an_unknown_contract_are_not_found(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let unknown = ContractId(9_999);
    assert!(matches!(s.contract_sla_terms(&regisseur, unknown).await, Err(ServiceError::NotFound)));
    let before = snapshot(db).await;
    let set = s.set_contract_sla_terms(&regisseur, unknown, &sla_form()).await;
    assert!(matches!(set, Err(ServiceError::NotFound)), "{set:?}");
    assert_eq!(snapshot(db).await, before);
}
both_dbs!(terms_of_an_unknown_contract_are_not_found);

async fn a_medewerker_can_neither_read_nor_set_terms_and_is_audited(db: &Db) {
    let s = services(db);
    let medewerker = user(&s, "mw", Role::Medewerker).await;
    let inkoper = user(&s, "ink", Role::Inkoper).await;
    let r = register(&s, "1").await;
    let before = snapshot(db).await;
    let audited = audit_count(db).await;
    assert!(matches!(s.contract_sla_terms(&medewerker, r.contract).await, Err(ServiceError::Forbidden)));
    let set = s.set_contract_sla_terms(&inkoper, r.contract, &sla_form()).await;
    assert!(matches!(set, Err(ServiceError::Forbidden)), "{set:?}");
    assert_eq!(snapshot(db).await, before);
    let denied: Vec<_> = audit_since(db, audited)
        .await
        .into_iter()
        .map(|e| (e.record.actor, e.record.action, e.record.result))
        .collect();
    assert_eq!(
        denied,
        [
            ("mw".to_string(), "contract.sla.view".to_string(), "denied".to_string()),
            ("ink".to_string(), "contract.sla.update".to_string(), "denied".to_string())
        ]
    );
}
both_dbs!(a_medewerker_can_neither_read_nor_set_terms_and_is_audited);
