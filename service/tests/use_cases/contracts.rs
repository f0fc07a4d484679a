//! Contracts: registering them against a vendor's own services, and the decisions that move them on.

use crate::support::{
    audit_count, audit_since, contract_form, decision, options_contract_form, problem_at, register, service_form,
    services, snapshot, t0, user,
};
use chrono::NaiveDate;
use domain::contract::{ContractForm, ContractStatus, Decision, Renewal};
use domain::deadlines::DeadlineStatus;
use domain::views::DeadlineFilter;
use domain::{ContractId, Problem, Role, VendorId};
use service::ServiceError;
use store::Db;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn a_contract_is_registered_with_its_deadlines(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let detail = s.contract_detail(&regisseur, r.contract).await.unwrap();
    assert_eq!(detail.contract.reference, "VO-1");
    assert_eq!(detail.contract.vendor_id, r.vendor);
    assert_eq!(detail.contract.renewal, Renewal::Tacit { period_months: 12 });
    assert_eq!(detail.contract.annual_value_cents, 12_000_000);
    assert_eq!(detail.services.iter().map(|x| x.id).collect::<Vec<_>>(), [r.service]);
    assert_eq!(detail.today, day(2026, 3, 2));
    assert_eq!(detail.deadlines.term_end, day(2026, 12, 31));
    assert_eq!(detail.deadlines.notice_deadline, Some(day(2026, 9, 30)));
    assert_eq!(detail.deadlines.decision_date, day(2026, 3, 30));
    assert_eq!(detail.deadlines.status, DeadlineStatus::ActionNeeded);
    assert!(detail.decisions.is_empty());

    let duplicate = s.register_contract(&regisseur, &contract_form(r.vendor, "VO-1", &[])).await;
    assert_eq!(problem_at(duplicate, "reference"), Problem::Duplicate);
}
both_dbs!(a_contract_is_registered_with_its_deadlines);

async fn services_of_another_vendor_are_refused(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let foreign = s.add_service(&regisseur, r.vendor_without_contracts, &service_form("Geo-viewer")).await.unwrap();
    let before = snapshot(db).await;
    let audited = audit_count(db).await;

    let form = contract_form(r.vendor, "VO-2", &[r.service, foreign]);
    assert_eq!(problem_at(s.register_contract(&regisseur, &form).await, "services"), Problem::UnknownChoice);
    let revised = s.revise_contract(&regisseur, r.contract, &contract_form(r.vendor, "VO-1", &[foreign])).await;
    assert_eq!(problem_at(revised, "services"), Problem::UnknownChoice);
    let no_such = ContractForm { services: vec!["9999".into()], ..contract_form(r.vendor, "VO-2", &[]) };
    assert_eq!(problem_at(s.register_contract(&regisseur, &no_such).await, "services"), Problem::UnknownChoice);
    assert_eq!(snapshot(db).await, before, "nothing written");
    assert_eq!(audit_count(db).await, audited);
}
both_dbs!(services_of_another_vendor_are_refused);

async fn an_unknown_vendor_is_refused_at_its_field(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let before = snapshot(db).await;
    let unknown = contract_form(VendorId(9_999), "VO-2", &[]);
    assert_eq!(problem_at(s.register_contract(&regisseur, &unknown).await, "vendor_id"), Problem::UnknownChoice);
    let moved = contract_form(VendorId(9_999), "VO-1", &[]);
    assert_eq!(
        problem_at(s.revise_contract(&regisseur, r.contract, &moved).await, "vendor_id"),
        Problem::UnknownChoice
    );
    let empty = ContractForm { vendor_id: String::new(), ..contract_form(r.vendor, "VO-2", &[]) };
    assert_eq!(problem_at(s.register_contract(&regisseur, &empty).await, "vendor_id"), Problem::Required);
    assert_eq!(snapshot(db).await, before);
}
both_dbs!(an_unknown_vendor_is_refused_at_its_field);

async fn the_contract_form_offers_the_services_of_the_chosen_vendor_only_to_who_saves_it(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let staff = user(&s, "mo", Role::Medewerker).await;
    let r = register(&s, "1").await;
    let other = s.add_service(&regisseur, r.vendor_without_contracts, &service_form("Geo-viewer")).await.unwrap();
    let audited = audit_count(db).await;

    let ids =
        |list: Option<Vec<domain::vendor::VendorService>>| list.map(|l| l.iter().map(|x| x.id).collect::<Vec<_>>());
    let new = s.contract_form_services(&regisseur, None, Some(r.vendor_without_contracts)).await.unwrap();
    assert_eq!(ids(new), Some(vec![other]));
    let revised = s.contract_form_services(&regisseur, Some(r.contract), Some(r.vendor)).await.unwrap();
    assert_eq!(ids(revised), Some(vec![r.service]));
    assert_eq!(s.contract_form_services(&regisseur, None, None).await.unwrap(), None, "no vendor chosen yet");
    assert_eq!(audit_count(db).await, audited, "reading the form writes nothing");

    let unknown = s.contract_form_services(&regisseur, None, Some(VendorId(9_999))).await;
    assert!(matches!(unknown, Err(ServiceError::NotFound)), "{unknown:?}");
    let gone = s.contract_form_services(&regisseur, Some(ContractId(9_999)), Some(r.vendor)).await;
    assert!(matches!(gone, Err(ServiceError::NotFound)), "{gone:?}");
    let refused = s.contract_form_services(&staff, None, Some(r.vendor)).await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)), "{refused:?}");
    let entries = audit_since(db, audited).await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0].record;
    assert_eq!((e.actor.as_str(), e.action.as_str(), e.result.as_str()), ("mo", "contract.create", "denied"));
}
both_dbs!(the_contract_form_offers_the_services_of_the_chosen_vendor_only_to_who_saves_it);

async fn an_unknown_contract_is_not_found(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let nothing = ContractId(9_999);
    let form = contract_form(r.vendor, "VO-2", &[]);
    assert!(matches!(s.contract_detail(&regisseur, nothing).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.revise_contract(&regisseur, nothing, &form).await, Err(ServiceError::NotFound)));
    assert!(matches!(s.remove_contract(&regisseur, nothing).await, Err(ServiceError::NotFound)));
    let decided = s.record_decision(&regisseur, nothing, &decision("opzeggen")).await;
    assert!(matches!(decided, Err(ServiceError::NotFound)), "{decided:?}");
}
both_dbs!(an_unknown_contract_is_not_found);

async fn a_tacit_renewal_decision_puts_the_contract_on_schedule(db: &Db) {
    let s = services(db);
    let manager = user(&s, "ict", Role::IctManager).await;
    let r = register(&s, "1").await;
    let before = s.contract_detail(&manager, r.contract).await.unwrap();
    assert_eq!(before.deadlines.status, DeadlineStatus::ActionNeeded);
    let audited = audit_count(db).await;

    s.record_decision(&manager, r.contract, &decision("verlengen")).await.unwrap();
    let after = s.contract_detail(&manager, r.contract).await.unwrap();
    assert_eq!(after.contract.decided_term_end, Some(day(2026, 12, 31)));
    assert_eq!(after.contract.status, ContractStatus::Active);
    assert_eq!(after.deadlines.status, DeadlineStatus::OnSchedule);
    assert_eq!(after.decisions.len(), 1);
    let d = &after.decisions[0];
    assert_eq!(
        (d.decision, d.term_end, d.decided_by, d.decided_at),
        (Decision::Renew, day(2026, 12, 31), manager.user_id, t0())
    );
    assert_eq!(d.decided_by_name, "Test ict");
    assert_eq!(d.note.as_deref(), Some("Besloten in het regieoverleg."));

    let entries = audit_since(db, audited).await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0].record;
    assert_eq!((e.actor.as_str(), e.action.as_str(), e.result.as_str()), ("ict", "contract.decide", "ok"));
    assert_eq!(e.object, format!("contract:{}", r.contract));

    let on_schedule = DeadlineFilter { status: Some(DeadlineStatus::OnSchedule), ..Default::default() };
    let rows = s.upcoming_deadlines(&manager, &on_schedule).await.unwrap();
    assert_eq!(rows.iter().map(|x| x.contract.id).collect::<Vec<_>>(), [r.contract]);
}
both_dbs!(a_tacit_renewal_decision_puts_the_contract_on_schedule);

async fn exercising_options_moves_the_term_end_until_none_are_left(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let k = s.register_contract(&regisseur, &options_contract_form(r.vendor, "VO-opties", 2)).await.unwrap();
    let detail = s.contract_detail(&regisseur, k).await.unwrap();
    assert_eq!((detail.deadlines.term_end, detail.deadlines.options_left), (day(2026, 12, 31), 2));

    for (exercised, term_end) in [(1, day(2027, 12, 31)), (2, day(2028, 12, 31))] {
        s.record_decision(&regisseur, k, &decision("optie-lichten")).await.unwrap();
        let detail = s.contract_detail(&regisseur, k).await.unwrap();
        assert_eq!(detail.contract.renewal, Renewal::Options { count: 2, length_months: 12, exercised });
        assert_eq!(detail.deadlines.term_end, term_end, "after {exercised} option(s)");
        assert_eq!(detail.deadlines.options_left, 2 - exercised);
        assert_eq!(detail.decisions.len(), exercised as usize);
    }
    let detail = s.contract_detail(&regisseur, k).await.unwrap();
    assert!(detail.deadlines.ends_at_term_end);
    assert_eq!(detail.deadlines.notice_deadline, None);

    let before = snapshot(db).await;
    let audited = audit_count(db).await;
    let third = s.record_decision(&regisseur, k, &decision("optie-lichten")).await;
    assert_eq!(problem_at(third, "decision"), Problem::NoOptionsLeft);
    assert_eq!(snapshot(db).await, before);
    assert_eq!(audit_count(db).await, audited);

    // Options cannot be exercised on a tacit contract, and renewing is not for option contracts.
    let wrong = s.record_decision(&regisseur, r.contract, &decision("optie-lichten")).await;
    assert_eq!(problem_at(wrong, "decision"), Problem::DecisionNotAllowed);
    let wrong = s.record_decision(&regisseur, k, &decision("verlengen")).await;
    assert_eq!(problem_at(wrong, "decision"), Problem::DecisionNotAllowed);
    let unknown = s.record_decision(&regisseur, k, &decision("doorgaan")).await;
    assert_eq!(problem_at(unknown, "decision"), Problem::UnknownChoice);
}
both_dbs!(exercising_options_moves_the_term_end_until_none_are_left);

async fn terminating_ends_the_contract(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    s.record_decision(&regisseur, r.contract, &decision("opzeggen")).await.unwrap();
    let detail = s.contract_detail(&regisseur, r.contract).await.unwrap();
    assert_eq!(detail.contract.status, ContractStatus::Terminated);
    assert_eq!(detail.contract.decided_term_end, Some(day(2026, 12, 31)));
    assert_eq!(detail.deadlines.term_end, day(2026, 12, 31));
    assert!(detail.deadlines.ends_at_term_end);
    assert_eq!(detail.deadlines.status, DeadlineStatus::OnSchedule);
    assert!(detail.deadlines.allowed.is_empty(), "no further decisions");
    assert_eq!(detail.decisions[0].decision, Decision::Terminate);

    let again = s.record_decision(&regisseur, r.contract, &decision("verlengen")).await;
    assert_eq!(problem_at(again, "decision"), Problem::DecisionNotAllowed);
    let decisions = store::AuditFilter { action: Some("contract.decide".into()), ..Default::default() };
    let audit = store::list_audit(db, &decisions).await.unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].record.detail.as_deref(), Some("opzeggen per 2026-12-31"));

    // Revising the terms keeps the decision; a retender is recorded the same way on another contract.
    let form = ContractForm { title: "Zaaksysteem (opgezegd)".into(), ..contract_form(r.vendor, "VO-1", &[r.service]) };
    s.revise_contract(&regisseur, r.contract, &form).await.unwrap();
    let detail = s.contract_detail(&regisseur, r.contract).await.unwrap();
    assert_eq!(
        (detail.contract.status, detail.contract.title.as_str()),
        (ContractStatus::Terminated, "Zaaksysteem (opgezegd)")
    );
    let k = s.register_contract(&regisseur, &contract_form(r.vendor, "VO-2", &[])).await.unwrap();
    s.record_decision(&regisseur, k, &decision("heraanbesteden")).await.unwrap();
    assert_eq!(s.contract_detail(&regisseur, k).await.unwrap().contract.status, ContractStatus::Retender);
}
both_dbs!(terminating_ends_the_contract);

async fn the_deadline_overview_filters_and_sorts(db: &Db) {
    let s = services(db);
    let inkoper = user(&s, "an", Role::Inkoper).await;
    let r = register(&s, "1").await;
    let cli = service::auth::system_actor();
    let later =
        ContractForm { initial_end: "2029-12-31".into(), owner: "CISO".into(), ..contract_form(r.vendor, "VO-2", &[]) };
    let later = s.register_contract(&cli, &later).await.unwrap();
    let overdue =
        ContractForm { initial_end: "2026-04-30".into(), ..contract_form(r.vendor_without_contracts, "VO-3", &[]) };
    let overdue = s.register_contract(&cli, &overdue).await.unwrap();

    let all = s.upcoming_deadlines(&inkoper, &DeadlineFilter::default()).await.unwrap();
    let order: Vec<_> = all.iter().map(|x| (x.contract.id, x.deadlines.status)).collect();
    assert_eq!(
        order,
        [
            (overdue, DeadlineStatus::Overdue),
            (r.contract, DeadlineStatus::ActionNeeded),
            (later, DeadlineStatus::OnSchedule),
        ],
        "soonest decision date first"
    );
    let ciso = DeadlineFilter { owner: Some(" ciso ".into()), ..Default::default() };
    assert_eq!(s.upcoming_deadlines(&inkoper, &ciso).await.unwrap().len(), 1);
    let of_vendor = DeadlineFilter { vendor: Some(r.vendor_without_contracts), ..Default::default() };
    let rows = s.upcoming_deadlines(&inkoper, &of_vendor).await.unwrap();
    assert_eq!(rows.iter().map(|x| x.contract.id).collect::<Vec<_>>(), [overdue]);

    let summary = s.deadline_summary(&inkoper, 1).await.unwrap();
    assert_eq!((summary.total, summary.action_needed, summary.overdue), (3, 1, 1), "counts over every contract");
    assert_eq!(summary.next.iter().map(|x| x.contract.id).collect::<Vec<_>>(), [overdue], "only the soonest one");
    let summary = s.deadline_summary(&inkoper, 8).await.unwrap();
    assert_eq!(
        summary.next.iter().map(|x| x.contract.id).collect::<Vec<_>>(),
        [overdue, r.contract],
        "contracts on schedule are not among the next decisions"
    );
}
both_dbs!(the_deadline_overview_filters_and_sorts);

/// Two people (or one double click) deciding at the same moment: every recorded decision is
/// reflected in the contract, and a contract never gets more options than it has.
async fn concurrent_decisions_are_not_lost(db: &Db) {
    let s = services(db);
    let regisseur = user(&s, "piet", Role::Regisseur).await;
    let r = register(&s, "1").await;
    let exercise = decision("optie-lichten");

    let three = s.register_contract(&regisseur, &options_contract_form(r.vendor, "VO-drie", 3)).await.unwrap();
    let (a, b) =
        tokio::join!(s.record_decision(&regisseur, three, &exercise), s.record_decision(&regisseur, three, &exercise));
    a.unwrap();
    b.unwrap();
    let detail = s.contract_detail(&regisseur, three).await.unwrap();
    assert_eq!(detail.decisions.len(), 2);
    assert_eq!(detail.contract.renewal, Renewal::Options { count: 3, length_months: 12, exercised: 2 });
    assert_eq!(detail.deadlines.term_end, day(2028, 12, 31));

    let one = s.register_contract(&regisseur, &options_contract_form(r.vendor, "VO-een", 1)).await.unwrap();
    let (a, b) =
        tokio::join!(s.record_decision(&regisseur, one, &exercise), s.record_decision(&regisseur, one, &exercise));
    let problems: Vec<_> =
        [a, b].into_iter().filter_map(Result::err).map(|e| problem_at::<()>(Err(e), "decision")).collect();
    assert_eq!(problems, [Problem::NoOptionsLeft], "exactly one of the two succeeds");
    let detail = s.contract_detail(&regisseur, one).await.unwrap();
    assert_eq!((detail.decisions.len(), detail.deadlines.options_left), (1, 0));

    // Terminating and renewing at once: the row lock orders them. Renew-then-terminate is allowed (a
    // change of mind); terminate-then-renew is not. Either way every recorded decision was applied.
    let (terminate, renew) = (decision("opzeggen"), decision("verlengen"));
    let (a, b) = tokio::join!(
        s.record_decision(&regisseur, r.contract, &terminate),
        s.record_decision(&regisseur, r.contract, &renew)
    );
    a.unwrap();
    let detail = s.contract_detail(&regisseur, r.contract).await.unwrap();
    assert_eq!(detail.contract.status, domain::contract::ContractStatus::Terminated);
    match b {
        Ok(()) => assert_eq!(detail.decisions.len(), 2, "renew came first, then terminate"),
        Err(e) => {
            assert_eq!(problem_at::<()>(Err(e), "decision"), Problem::DecisionNotAllowed);
            assert_eq!(detail.decisions.len(), 1);
        }
    }
}
both_dbs!(concurrent_decisions_are_not_lost);
