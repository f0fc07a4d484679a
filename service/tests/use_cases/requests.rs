//! Self-service: filing requests on the shipped forms and on a form the regie team builds, the
//! approval workflow with its history and audit entries, who may see and decide what, work profiles
//! that change licence counts, problem reports refused for a known disruption, and the anonymisation
//! of closed requests, on both databases.

use crate::support::{audit_count, audit_since, count_rows, register, service_form, t0, user, Register, ORIGIN};
use chrono::Duration;
use domain::costs::forms::LicenceForm;
use domain::monitoring::{CheckState, IntervalChange};
use domain::requests::views::{EventKind, FormSummary, FormToFill, Health, RequestView};
use domain::requests::{
    Approvals, FieldForm, FieldKind, FormPurpose, FormSettingsForm, ProfileForm, RequestStatus, Side, Step,
};
use domain::{LicenceId, Problem, RequestId, Role, VendorServiceId, WorkProfileId};
use service::auth::system_actor;
use service::clock::Clock;
use service::requests::filing::Filed;
use service::requests::forms::FieldEdit;
use service::{Actor, ServiceError, Services, Settings};
use std::collections::BTreeMap;
use store::{Db, IncidentRow, NewSourceRow};

/// The people of a self-service test: the regie team, a line manager and the medewerker they manage,
/// and a colleague who manages nobody; with the shipped forms and profiles and a small register.
struct World {
    s: Services,
    beheerder: Actor,
    regisseur: Actor,
    manager: Actor,
    mw: Actor,
    stranger: Actor,
    r: Register,
}

async fn world_with(db: &Db, clock: Clock) -> World {
    let s = Services::with_clock(db.clone(), Settings::default(), clock);
    s.ensure_self_service_defaults().await.unwrap();
    let beheerder = user(&s, "bea", Role::Beheerder).await;
    let regisseur = user(&s, "reggie", Role::Regisseur).await;
    let manager = user(&s, "manon", Role::Medewerker).await;
    let mw = user(&s, "mo", Role::Medewerker).await;
    let stranger = user(&s, "sam", Role::Medewerker).await;
    let r = register(&s, "1").await;
    s.set_user_manager(&beheerder, mw.user_id, Some(manager.user_id)).await.unwrap();
    World { s, beheerder, regisseur, manager, mw, stranger, r }
}

async fn world(db: &Db) -> World {
    world_with(db, Clock::Fixed(t0())).await
}

/// The regie team's summary of the form for `purpose` (the shipped forms are one per purpose).
async fn form_for(w: &World, purpose: FormPurpose) -> FormSummary {
    let forms = w.s.request_forms(&w.regisseur).await.unwrap();
    forms.into_iter().find(|f| f.purpose == purpose).unwrap_or_else(|| panic!("a shipped {purpose:?} form"))
}

/// The shipped access form as `actor` fills it in.
async fn access_form(w: &World, actor: &Actor) -> FormToFill {
    let form = form_for(w, FormPurpose::Access).await;
    w.s.form_to_fill(actor, form.id).await.unwrap()
}

fn input(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Valid answers to the shipped access form: the register's service, a licence, from today.
fn access_answers(w: &World, note: &str) -> BTreeMap<String, String> {
    let today = w.s.clock().today().format("%Y-%m-%d").to_string();
    input(&[("veld_1", &w.r.service.to_string()), ("veld_2", "Een licentie"), ("veld_3", &today), ("veld_4", note)])
}

/// `actor` files the shipped access form with valid answers.
async fn file_access(w: &World, actor: &Actor, note: &str) -> RequestId {
    let fill = access_form(w, actor).await;
    let filed = w.s.file_request(actor, fill.version, &fill.submit_token, &access_answers(w, note), None).await;
    let filed = filed.unwrap();
    assert!(!filed.again);
    filed.id
}

async fn step(w: &World, actor: &Actor, id: RequestId, step: Step) -> RequestStatus {
    w.s.take_request_step(actor, id, step, "").await.unwrap()
}

/// The problem reported at `field` with its detail; panics unless `result` is `Invalid` there.
#[track_caller]
fn problem_with_detail<T: std::fmt::Debug>(result: Result<T, ServiceError>, field: &str) -> (Problem, Option<String>) {
    match result {
        Err(ServiceError::Invalid(inv)) => {
            let p = inv.for_field(field).unwrap_or_else(|| panic!("expected a problem at {field:?}, got {inv:?}"));
            (p, inv.detail_for(field).map(str::to_string))
        }
        other => panic!("expected Invalid at {field:?}, got {other:?}"),
    }
}

/// The problems of an `Invalid` result by field, in the order reported.
#[track_caller]
fn problems<T: std::fmt::Debug>(result: Result<T, ServiceError>) -> Vec<(String, Problem)> {
    match result {
        Err(ServiceError::Invalid(inv)) => inv.0.into_iter().map(|e| (e.field, e.problem)).collect(),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn kinds(v: &RequestView) -> Vec<(EventKind, Option<Side>)> {
    v.events.iter().map(|e| (e.kind, e.side)).collect()
}

fn values(v: &RequestView) -> Vec<&str> {
    v.answers.iter().map(|a| a.value.as_str()).collect()
}

/// Asserts that the only audit entry written since `seen` is `actor`'s denied `action` on `id`.
async fn one_denied(db: &Db, seen: i64, actor: &Actor, action: &str, id: RequestId) {
    let entries = audit_since(db, seen).await;
    let got: Vec<_> = entries
        .iter()
        .map(|e| {
            let r = &e.record;
            (r.actor.clone(), r.action.clone(), r.object.clone(), r.result.clone(), r.origin.clone())
        })
        .collect();
    let want =
        (actor.username.clone(), action.to_string(), format!("request:{id}"), "denied".to_string(), ORIGIN.to_string());
    assert_eq!(got, vec![want]);
}

async fn the_shipped_forms_and_profiles_are_created_once(db: &Db) {
    let s = Services::with_clock(db.clone(), Settings::default(), Clock::Fixed(t0()));
    s.ensure_self_service_defaults().await.unwrap();
    s.ensure_self_service_defaults().await.unwrap();
    let defaults: Vec<_> = crate::support::audit_log(db)
        .await
        .into_iter()
        .filter(|e| e.record.action == "requests.defaults")
        .map(|e| (e.record.actor, e.record.object, e.record.detail))
        .collect();
    let entry = |object: &str, detail: &str| ("system".to_string(), object.to_string(), Some(detail.to_string()));
    assert_eq!(defaults, [entry("request_forms", "4 formulieren"), entry("work_profiles", "4 werkprofielen")]);

    let regisseur = user(&s, "reggie", Role::Regisseur).await;
    let forms: Vec<_> = s
        .request_forms(&regisseur)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.title, f.purpose, f.approval, f.handling_days, f.version_number, f.version.is_some(), f.withdrawn))
        .collect();
    let form = |title: &str, purpose, approval, days| (title.to_string(), purpose, approval, days, 1, true, false);
    use domain::requests::Approval;
    assert_eq!(
        forms,
        [
            form("Nieuwe software voorstellen", FormPurpose::Intake, Approval::Regie, 20),
            form("Storing melden", FormPurpose::Problem, Approval::None, 1),
            form("Toegang of licentie aanvragen", FormPurpose::Access, Approval::Both, 5),
            form("Werkprofiel wijzigen", FormPurpose::Profile, Approval::Both, 10),
        ]
    );
    let mw = user(&s, "mo", Role::Medewerker).await;
    let portal = s.portal(&mw).await.unwrap();
    let offered: Vec<_> = portal.forms.iter().map(|f| f.purpose).collect();
    assert_eq!(offered, [FormPurpose::Intake, FormPurpose::Problem, FormPurpose::Access], "profile changes are not");
    let profiles: Vec<_> = portal.profiles.iter().map(|p| (p.name.as_str(), p.members)).collect();
    assert_eq!(profiles, [("Ontzorgd", 0), ("Ultra mobiel", 0), ("Veiligheid voor alles", 0), ("Zelfredzaam", 0)]);
    assert_eq!(portal.my_profile, None);
}
both_dbs!(the_shipped_forms_and_profiles_are_created_once);

async fn a_beheerder_sets_a_line_manager_and_nobody_manages_themselves(db: &Db) {
    let w = world(db).await;
    assert_eq!(store::placement(db, w.mw.user_id).await.unwrap().manager, Some(w.manager.user_id));
    let seen = audit_count(db).await;
    let own = w.s.set_user_manager(&w.beheerder, w.mw.user_id, Some(w.mw.user_id)).await;
    assert_eq!(problem_with_detail(own, "leidinggevende"), (Problem::UnknownChoice, None));
    let unknown = w.s.set_user_manager(&w.beheerder, w.mw.user_id, Some(domain::UserId(9_999))).await;
    assert_eq!(problem_with_detail(unknown, "leidinggevende"), (Problem::UnknownChoice, None));
    let nobody = w.s.set_user_manager(&w.beheerder, domain::UserId(9_999), Some(w.manager.user_id)).await;
    assert!(matches!(nobody, Err(ServiceError::NotFound)), "{nobody:?}");
    assert_eq!(audit_count(db).await, seen);
    assert_eq!(store::placement(db, w.mw.user_id).await.unwrap().manager, Some(w.manager.user_id));

    w.s.set_user_manager(&w.beheerder, w.mw.user_id, Some(w.stranger.user_id)).await.unwrap();
    w.s.set_user_manager(&w.beheerder, w.manager.user_id, None).await.unwrap();
    w.s.set_user_manager(&w.beheerder, w.mw.user_id, None).await.unwrap();
    let audit: Vec<_> = audit_since(db, seen)
        .await
        .into_iter()
        .map(|e| (e.record.actor, e.record.action, e.record.object, e.record.detail))
        .collect();
    let entry = |user: domain::UserId, detail: String| {
        ("bea".to_string(), "users.manager".to_string(), format!("user:{user}"), Some(detail))
    };
    assert_eq!(
        audit,
        [
            entry(w.mw.user_id, format!("leidinggevende user:{}", w.stranger.user_id)),
            entry(w.manager.user_id, "geen leidinggevende".into()),
            entry(w.mw.user_id, "geen leidinggevende".into()),
        ]
    );
    assert_eq!(store::placement(db, w.mw.user_id).await.unwrap().manager, None);
}
both_dbs!(a_beheerder_sets_a_line_manager_and_nobody_manages_themselves);

async fn a_medewerker_files_an_access_request_that_manager_and_regisseur_approve_and_the_regie_completes(db: &Db) {
    let w = world(db).await;
    let today = w.s.clock().today();
    let fill = access_form(&w, &w.mw).await;
    assert_eq!((fill.title.as_str(), fill.version_number), ("Toegang of licentie aanvragen", 1));
    let shape: Vec<(&str, FieldKind, bool)> =
        fill.fields.iter().map(|f| (f.key.as_str(), f.kind, f.required)).collect();
    assert_eq!(
        shape,
        [
            ("veld_1", FieldKind::Service, true),
            ("veld_2", FieldKind::Choice, true),
            ("veld_3", FieldKind::Date, true),
            ("veld_4", FieldKind::LongText, false)
        ]
    );
    assert_eq!(fill.services.iter().map(|s| s.id).collect::<Vec<_>>(), [w.r.service]);

    let seen = audit_count(db).await;
    let answers = access_answers(&w, "Voor het nieuwe zaaktype.");
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    assert!(!filed.again);
    let id = filed.id;

    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert_eq!(v.status, RequestStatus::Submitted);
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: true, regie_needed: true, manager_given: false, regie_given: false }
    );
    assert_eq!(values(&v), ["Zaaksysteem", "Een licentie", "2026-03-02", "Voor het nieuwe zaaktype."]);
    assert_eq!(v.answers[0].service, Some(w.r.service));
    assert_eq!(
        (v.requester, v.requester_name.as_deref(), v.manager_name.as_deref()),
        (Some(w.mw.user_id), Some("Test mo"), Some("Test manon"))
    );
    assert_eq!((v.filed_at, v.due_on, v.overdue), (t0(), today + Duration::days(5), false));
    assert_eq!(
        (v.form_title.as_str(), v.version_number, v.purpose),
        ("Toegang of licentie aanvragen", 1, FormPurpose::Access)
    );
    assert_eq!(v.steps, [Step::Cancel], "the requester may only cancel");
    assert!(!v.anonymised);

    // The manager sees it waiting for them in the portal, and may approve or reject it.
    let portal = w.s.portal(&w.manager).await.unwrap();
    assert_eq!(
        portal.to_approve.iter().map(|r| (r.id, r.waiting_for)).collect::<Vec<_>>(),
        [(id, Some(Side::Manager))]
    );
    assert!(portal.team.is_empty() && portal.mine.is_empty());
    let as_manager = w.s.request_view(&w.manager, id).await.unwrap();
    assert_eq!(as_manager.steps, [Step::Approve(Side::Manager), Step::Reject(Side::Manager)]);
    assert_eq!(step(&w, &w.manager, id, Step::Approve(Side::Manager)).await, RequestStatus::Submitted);

    let list = w.s.request_list(&w.regisseur, Some(RequestStatus::Submitted)).await.unwrap();
    assert_eq!(list.requests.iter().map(|r| (r.id, r.waiting_for)).collect::<Vec<_>>(), [(id, Some(Side::Regie))]);
    assert_eq!(list.requests[0].service_name.as_deref(), Some("Zaaksysteem"));
    assert_eq!((list.total, list.open, list.overdue), (1, 1, 0));
    let as_regie = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(as_regie.steps, [Step::Approve(Side::Regie), Step::Reject(Side::Regie), Step::Cancel]);
    assert_eq!(step(&w, &w.regisseur, id, Step::Approve(Side::Regie)).await, RequestStatus::Approved);
    assert_eq!(step(&w, &w.regisseur, id, Step::Start).await, RequestStatus::InProgress);
    assert_eq!(step(&w, &w.regisseur, id, Step::Complete).await, RequestStatus::Done);

    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert_eq!(v.status, RequestStatus::Done);
    assert_eq!(
        kinds(&v),
        [
            (EventKind::Filed, None),
            (EventKind::Approved, Some(Side::Manager)),
            (EventKind::Approved, Some(Side::Regie)),
            (EventKind::Started, None),
            (EventKind::Completed, None)
        ]
    );
    let who: Vec<_> = v.events.iter().map(|e| e.actor_name.as_deref()).collect();
    assert_eq!(
        who,
        [Some("Test mo"), Some("Test manon"), Some("Test reggie"), Some("Test reggie"), Some("Test reggie")]
    );
    assert!(v.events.iter().all(|e| e.text.is_none() && e.at == t0()), "{:?}", v.events);
    assert!(v.steps.is_empty(), "nothing more to do: {:?}", v.steps);
    assert!(v.licences.is_empty());

    let mine = w.s.portal(&w.mw).await.unwrap().mine;
    assert_eq!(mine.iter().map(|r| (r.id, r.status)).collect::<Vec<_>>(), [(id, RequestStatus::Done)]);
    let list = w.s.request_list(&w.regisseur, None).await.unwrap();
    assert_eq!((list.total, list.open, list.overdue), (1, 0, 0));

    let audit: Vec<_> = audit_since(db, seen)
        .await
        .into_iter()
        .map(|e| (e.record.actor, e.record.action, e.record.object, e.record.result, e.record.detail))
        .collect();
    let object = format!("request:{id}");
    let entry = |actor: &str, action: &str, detail: &str| {
        (actor.to_string(), action.to_string(), object.clone(), "ok".to_string(), Some(detail.to_string()))
    };
    assert_eq!(
        audit,
        [
            entry("mo", "requests.file", "Toegang of licentie aanvragen (versie 1)"),
            entry("manon", "requests.step", "ingediend -> ingediend"),
            entry("reggie", "requests.step", "ingediend -> goedgekeurd"),
            entry("reggie", "requests.step", "goedgekeurd -> in_behandeling"),
            entry("reggie", "requests.step", "in_behandeling -> afgerond"),
        ]
    );
    assert_eq!(w.s.verify_audit_chain().await.unwrap().first_broken, None);
}
both_dbs!(a_medewerker_files_an_access_request_that_manager_and_regisseur_approve_and_the_regie_completes);

async fn nobody_approves_their_own_request_and_a_stranger_gets_forbidden(db: &Db) {
    let w = world(db).await;
    w.s.set_user_manager(&w.beheerder, w.regisseur.user_id, Some(w.manager.user_id)).await.unwrap();
    let id = file_access(&w, &w.regisseur, "").await;

    let before = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(before.steps, [Step::Cancel], "a regisseur's own request offers no decision");
    let seen = audit_count(db).await;
    let own = w.s.take_request_step(&w.regisseur, id, Step::Approve(Side::Regie), "").await;
    assert_eq!(problem_with_detail(own, "besluit"), (Problem::OwnRequest, None));
    let own = w.s.take_request_step(&w.regisseur, id, Step::Reject(Side::Regie), "Niet nodig.").await;
    assert_eq!(problem_with_detail(own, "besluit"), (Problem::OwnRequest, None));
    assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before, "the refusal changed nothing");
    assert_eq!(audit_count(db).await, seen, "a refused decision is not audited as done");

    // A colleague who is neither the requester, their manager nor the regie team may not look.
    let seen = audit_count(db).await;
    assert!(matches!(w.s.request_view(&w.stranger, id).await, Err(ServiceError::Forbidden)));
    one_denied(db, seen, &w.stranger, "requests.view", id).await;
    let seen = audit_count(db).await;
    let refused = w.s.comment_on_request(&w.stranger, id, "Mag ik meekijken?").await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)), "{refused:?}");
    one_denied(db, seen, &w.stranger, "requests.comment", id).await;
    assert!(w.s.portal(&w.stranger).await.unwrap().mine.is_empty());
    assert!(matches!(w.s.request_list(&w.stranger, None).await, Err(ServiceError::Forbidden)));

    // The requester's manager may see it and decide; another regie member may approve it.
    let as_manager = w.s.request_view(&w.manager, id).await.unwrap();
    assert_eq!(as_manager.steps, [Step::Approve(Side::Manager), Step::Reject(Side::Manager)]);
    assert_eq!(as_manager.requester_name.as_deref(), Some("Test reggie"));
    assert_eq!(step(&w, &w.manager, id, Step::Approve(Side::Manager)).await, RequestStatus::Submitted);
    assert_eq!(step(&w, &w.beheerder, id, Step::Approve(Side::Regie)).await, RequestStatus::Approved);

    // Without a line manager the regie team approves in the manager's place, and the history says so.
    let id = file_access(&w, &w.beheerder, "").await;
    let v = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: false, regie_needed: true, manager_given: false, regie_given: false }
    );
    assert_eq!(v.events[0].text.as_deref(), Some("Geen leidinggevende bekend: de regie keurt goed."));
    assert_eq!(v.manager_name, None);
    let own = w.s.take_request_step(&w.beheerder, id, Step::Approve(Side::Regie), "").await;
    assert_eq!(problem_with_detail(own, "besluit"), (Problem::OwnRequest, None));
    assert_eq!(step(&w, &w.regisseur, id, Step::Approve(Side::Regie)).await, RequestStatus::Approved);
}
both_dbs!(nobody_approves_their_own_request_and_a_stranger_gets_forbidden);

async fn a_second_submit_with_the_same_token_files_one_request(db: &Db) {
    let w = world(db).await;
    let fill = access_form(&w, &w.mw).await;
    let answers = access_answers(&w, "Eerste klik.");
    let first = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    let seen = audit_count(db).await;
    let other_answers = access_answers(&w, "Tweede klik, andere tekst.");
    let again = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &other_answers, None).await.unwrap();
    assert_eq!(again, Filed { id: first.id, again: true });
    assert!(!first.again);
    assert_eq!(audit_count(db).await, seen, "the second click records nothing");

    let mine = w.s.portal(&w.mw).await.unwrap().mine;
    assert_eq!(mine.iter().map(|r| r.id).collect::<Vec<_>>(), [first.id]);
    assert_eq!(count_rows(db, "requests").await, 1);
    assert_eq!(count_rows(db, "request_events").await, 1);
    let v = w.s.request_view(&w.mw, first.id).await.unwrap();
    assert_eq!(v.answers[3].value, "Eerste klik.", "the first submit's answers stand");

    // Somebody else's token files nothing (it is not theirs to reuse).
    let theirs = w.s.file_request(&w.stranger, fill.version, &fill.submit_token, &answers, None).await;
    assert_eq!(problem_with_detail(theirs, "formulier"), (Problem::FormVersionRetired, None));
    // A new page load gives a new token, and so a new request.
    let fresh = access_form(&w, &w.mw).await;
    assert_ne!(fresh.submit_token, fill.submit_token);
    let second = w.s.file_request(&w.mw, fresh.version, &fresh.submit_token, &answers, None).await.unwrap();
    assert_ne!(second.id, first.id);
    assert!(!second.again);
    assert_eq!(count_rows(db, "requests").await, 2);
}
both_dbs!(a_second_submit_with_the_same_token_files_one_request);

async fn bad_answers_are_refused_at_their_field_and_nothing_is_filed(db: &Db) {
    let w = world(db).await;
    let fill = access_form(&w, &w.mw).await;
    let seen = audit_count(db).await;

    let empty = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &BTreeMap::new(), None).await;
    assert_eq!(
        problems(empty),
        [
            ("veld_1".to_string(), Problem::Required),
            ("veld_2".to_string(), Problem::Required),
            ("veld_3".to_string(), Problem::Required)
        ]
    );

    let yesterday = (w.s.clock().today() - Duration::days(1)).format("%d-%m-%Y").to_string();
    let too_long = "x".repeat(4001);
    let bad = input(&[("veld_1", "999999"), ("veld_2", "Een tablet"), ("veld_3", &yesterday), ("veld_4", &too_long)]);
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &bad, None).await;
    assert_eq!(
        problems(refused),
        [
            ("veld_1".to_string(), Problem::UnknownChoice),
            ("veld_2".to_string(), Problem::UnknownChoice),
            ("veld_3".to_string(), Problem::DateInPast),
            ("veld_4".to_string(), Problem::TooLong { max: 4000 })
        ]
    );
    let mut one_bad = access_answers(&w, "");
    one_bad.insert("veld_3".into(), "31-02-2026".into());
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &one_bad, None).await;
    assert_eq!(problems(refused), [("veld_3".to_string(), Problem::NotADate)]);
    let refused = w.s.file_request(&w.mw, fill.version, "   ", &access_answers(&w, ""), None).await;
    assert_eq!(problem_with_detail(refused, "formulier"), (Problem::FormVersionRetired, None), "a token is needed");

    assert!(w.s.portal(&w.mw).await.unwrap().mine.is_empty());
    assert_eq!(count_rows(db, "requests").await, 0);
    assert_eq!(count_rows(db, "request_events").await, 0);
    assert_eq!(audit_count(db).await, seen);

    // The same token still files once the answers are right, and the long text at its limit is kept.
    let exactly = "y".repeat(4000);
    let ok = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &access_answers(&w, &exactly), None).await;
    let v = w.s.request_view(&w.mw, ok.unwrap().id).await.unwrap();
    assert_eq!(v.answers[3].value, exactly);
}
both_dbs!(bad_answers_are_refused_at_their_field_and_nothing_is_filed);

async fn an_intake_for_custom_software_needs_a_reason(db: &Db) {
    let w = world(db).await;
    let intake = form_for(&w, FormPurpose::Intake).await;
    let fill = w.s.form_to_fill(&w.mw, intake.id).await.unwrap();
    let kinds: Vec<_> = fill.fields.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FieldKind::Text,
            FieldKind::LongText,
            FieldKind::Choice,
            FieldKind::LongText,
            FieldKind::Number,
            FieldKind::YesNo,
            FieldKind::Date
        ]
    );
    let mut answers = input(&[
        ("veld_1", "Roosterplanner"),
        ("veld_2", "Diensten van de buitendienst plannen."),
        ("veld_3", "Nee, het moet maatwerk worden"),
        ("veld_5", "40"),
    ]);
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await;
    assert_eq!(problems(refused), [("veld_4".to_string(), Problem::Required)]);
    answers.insert("veld_5".into(), "0".into());
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await;
    assert_eq!(problems(refused), [("veld_5".to_string(), Problem::OutOfRange { min: 1, max: 100_000 })]);
    assert_eq!(count_rows(db, "requests").await, 0);

    answers.insert("veld_4".into(), "Geen leverancier kent onze roosterregels.".into());
    answers.insert("veld_5".into(), "40".into());
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    let v = w.s.request_view(&w.regisseur, filed.id).await.unwrap();
    assert_eq!(
        values(&v),
        [
            "Roosterplanner",
            "Diensten van de buitendienst plannen.",
            "Nee, het moet maatwerk worden",
            "Geen leverancier kent onze roosterregels.",
            "40",
            "nee",
            ""
        ]
    );
    assert_eq!((v.status, v.due_on), (RequestStatus::Submitted, w.s.clock().today() + Duration::days(20)));
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: false, regie_needed: true, manager_given: false, regie_given: false }
    );
    // SaaS needs no reason.
    let fill = w.s.form_to_fill(&w.mw, intake.id).await.unwrap();
    answers.insert("veld_3".into(), "Ja, als SaaS (clouddienst)".into());
    answers.remove("veld_4");
    w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    assert_eq!(w.s.portal(&w.mw).await.unwrap().mine.len(), 2);
}
both_dbs!(an_intake_for_custom_software_needs_a_reason);

async fn a_retired_form_version_is_refused(db: &Db) {
    let w = world(db).await;
    let access = form_for(&w, FormPurpose::Access).await;
    let old = w.s.form_to_fill(&w.mw, access.id).await.unwrap();
    let field =
        FieldForm { label: "Kostenplaats".into(), soort: "tekst".into(), maxlengte: "20".into(), ..Default::default() };
    w.s.add_form_field(&w.regisseur, access.id, &field).await.unwrap();
    assert!(form_for(&w, FormPurpose::Access).await.unpublished_changes);
    // Until the draft is published the old version is still the one filed.
    assert_eq!(w.s.form_to_fill(&w.mw, access.id).await.unwrap().version, old.version);
    let v2 = w.s.publish_request_form(&w.regisseur, access.id).await.unwrap();
    assert_ne!(v2, old.version);
    let summary = form_for(&w, FormPurpose::Access).await;
    assert_eq!((summary.version, summary.version_number, summary.unpublished_changes), (Some(v2), 2, false));
    let editor = w.s.form_editor(&w.regisseur, access.id).await.unwrap();
    let versions: Vec<_> = editor.versions.iter().map(|v| (v.number, v.retired_at.is_some(), v.fields)).collect();
    assert!(versions.contains(&(1, true, 4)) && versions.contains(&(2, false, 5)), "{versions:?}");

    let seen = audit_count(db).await;
    let stale = w.s.file_request(&w.mw, old.version, &old.submit_token, &access_answers(&w, ""), None).await;
    assert_eq!(problem_with_detail(stale, "formulier"), (Problem::FormVersionRetired, None));
    assert!(w.s.portal(&w.mw).await.unwrap().mine.is_empty());
    assert_eq!(count_rows(db, "requests").await, 0);
    assert_eq!(audit_count(db).await, seen);
    let unknown = w.s.file_request(&w.mw, domain::FormVersionId(9_999), "t", &access_answers(&w, ""), None).await;
    assert_eq!(problem_with_detail(unknown, "formulier"), (Problem::FormVersionRetired, None));

    // The new version, with its new field, files.
    let new = w.s.form_to_fill(&w.mw, access.id).await.unwrap();
    assert_eq!((new.version, new.version_number, new.fields.len()), (v2, 2, 5));
    assert_eq!((new.fields[4].key.as_str(), new.fields[4].kind), ("veld_5", FieldKind::Text));
    let mut answers = access_answers(&w, "");
    answers.insert("veld_5".into(), "KP-4100".into());
    let id = w.s.file_request(&w.mw, new.version, &new.submit_token, &answers, None).await.unwrap().id;
    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert_eq!(v.version_number, 2);
    assert_eq!(values(&v), ["Zaaksysteem", "Een licentie", "2026-03-02", "", "KP-4100"]);
}
both_dbs!(a_retired_form_version_is_refused);

async fn a_regisseur_builds_a_form_with_three_fields_and_a_medewerker_files_it(db: &Db) {
    let w = world(db).await;
    let seen = audit_count(db).await;
    let settings = FormSettingsForm {
        titel: "Laptop aanvragen".into(),
        omschrijving: "Een laptop of tablet voor thuis.".into(),
        goedkeuring: "regisseur".into(),
        doorlooptijd: "3".into(),
    };
    let form = w.s.create_request_form(&w.regisseur, &settings).await.unwrap();
    // Not offered before it is published, and it cannot be published without a field.
    assert!(!w.s.portal(&w.mw).await.unwrap().forms.iter().any(|f| f.id == form));
    assert!(matches!(w.s.form_to_fill(&w.mw, form).await, Err(ServiceError::NotFound)));
    let empty = w.s.publish_request_form(&w.regisseur, form).await;
    assert_eq!(problem_with_detail(empty, "label"), (Problem::Required, None));

    let fields = [
        FieldForm { label: "Merk".into(), soort: "tekst".into(), verplicht: "on".into(), ..Default::default() },
        FieldForm {
            label: "Soort".into(),
            soort: "keuze".into(),
            verplicht: "on".into(),
            keuzes: "Laptop\nTablet".into(),
            ..Default::default()
        },
        FieldForm { label: "Met muis?".into(), soort: "ja_nee".into(), ..Default::default() },
    ];
    for f in &fields {
        w.s.add_form_field(&w.regisseur, form, f).await.unwrap();
    }
    let refused =
        w.s.add_form_field(&w.regisseur, form, &FieldForm { label: "Kleur".into(), ..Default::default() }).await;
    assert_eq!(problem_with_detail(refused, "soort"), (Problem::Required, None));
    let version = w.s.publish_request_form(&w.regisseur, form).await.unwrap();
    let audit: Vec<_> = audit_since(db, seen).await.into_iter().map(|e| (e.record.action, e.record.detail)).collect();
    let entry = |a: &str, d: &str| (a.to_string(), Some(d.to_string()));
    assert_eq!(
        audit,
        [
            entry("requests.form.create", "Laptop aanvragen"),
            entry("requests.form.field", "+ Merk (tekst)"),
            entry("requests.form.field", "+ Soort (keuze)"),
            entry("requests.form.field", "+ Met muis? (ja_nee)"),
            entry("requests.form.publish", "versie 1"),
        ]
    );

    let offered = w.s.portal(&w.mw).await.unwrap().forms;
    let summary = offered.iter().find(|f| f.id == form).expect("the new form is offered");
    assert_eq!((summary.purpose, summary.version, summary.handling_days), (FormPurpose::Custom, Some(version), 3));
    let fill = w.s.form_to_fill(&w.mw, form).await.unwrap();
    let shape: Vec<_> = fill.fields.iter().map(|f| (f.key.as_str(), f.kind, f.required)).collect();
    assert_eq!(
        shape,
        [("veld_1", FieldKind::Text, true), ("veld_2", FieldKind::Choice, true), ("veld_3", FieldKind::YesNo, false)]
    );
    assert!(fill.services.is_empty(), "no service field, no service list");
    let answers = input(&[("veld_1", "  Dell "), ("veld_2", "Tablet"), ("veld_3", "on")]);
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    let v = w.s.request_view(&w.regisseur, filed.id).await.unwrap();
    assert_eq!(values(&v), ["Dell", "Tablet", "ja"]);
    assert_eq!(
        (v.form_title.as_str(), v.status, v.purpose),
        ("Laptop aanvragen", RequestStatus::Submitted, FormPurpose::Custom)
    );
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: false, regie_needed: true, manager_given: false, regie_given: false }
    );
    assert_eq!(v.due_on, w.s.clock().today() + Duration::days(3));
    // Without a tick the yes/no field is "nee".
    let fill = w.s.form_to_fill(&w.mw, form).await.unwrap();
    let answers = input(&[("veld_1", "HP"), ("veld_2", "Laptop")]);
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    assert_eq!(values(&w.s.request_view(&w.mw, filed.id).await.unwrap()), ["HP", "Laptop", "nee"]);

    // Draft edits: a field added, moved up twice, moves past either end change nothing, then removed.
    let kleur = FieldForm { label: "Kleur".into(), soort: "tekst".into(), ..Default::default() };
    w.s.add_form_field(&w.regisseur, form, &kleur).await.unwrap();
    let seen = audit_count(db).await;
    w.s.edit_form_field(&w.regisseur, form, "veld_4", FieldEdit::Up).await.unwrap();
    w.s.edit_form_field(&w.regisseur, form, "veld_4", FieldEdit::Up).await.unwrap();
    w.s.edit_form_field(&w.regisseur, form, "veld_1", FieldEdit::Up).await.unwrap();
    w.s.edit_form_field(&w.regisseur, form, "veld_3", FieldEdit::Down).await.unwrap();
    let missing = w.s.edit_form_field(&w.regisseur, form, "veld_9", FieldEdit::Remove).await;
    assert!(matches!(missing, Err(ServiceError::NotFound)), "{missing:?}");
    let editor = w.s.form_editor(&w.regisseur, form).await.unwrap();
    let keys: Vec<_> = editor.draft.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["veld_1", "veld_4", "veld_2", "veld_3"]);
    assert!(editor.summary.unpublished_changes);
    assert_eq!(w.s.form_to_fill(&w.mw, form).await.unwrap().fields.len(), 3, "the draft is not filed");
    w.s.edit_form_field(&w.regisseur, form, "veld_4", FieldEdit::Remove).await.unwrap();
    let editor = w.s.form_editor(&w.regisseur, form).await.unwrap();
    assert_eq!(editor.draft.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["veld_1", "veld_2", "veld_3"]);
    assert!(!editor.summary.unpublished_changes, "back as published");
    let details: Vec<_> = audit_since(db, seen).await.into_iter().map(|e| e.record.detail).collect();
    let detail = |d: &str| Some(d.to_string());
    assert_eq!(details, [detail("^ Kleur"), detail("^ Kleur"), detail("- Kleur")]);

    // A withdrawn form is no longer offered, and its version no longer files.
    w.s.withdraw_request_form(&w.regisseur, form, true).await.unwrap();
    assert!(!w.s.portal(&w.mw).await.unwrap().forms.iter().any(|f| f.id == form));
    let fill_token = "nog-een-klik";
    let late = w.s.file_request(&w.mw, version, fill_token, &answers, None).await;
    assert_eq!(problem_with_detail(late, "formulier"), (Problem::FormVersionRetired, None));
}
both_dbs!(a_regisseur_builds_a_form_with_three_fields_and_a_medewerker_files_it);

fn licence_form(soort: &str, product: &str, seats: &str, price: &str) -> LicenceForm {
    LicenceForm {
        soort: soort.into(),
        product: product.into(),
        ingekocht: seats.into(),
        prijs_per_maand: price.into(),
        ..Default::default()
    }
}

/// Assigned seats of a licence as the licence list shows them (none when never measured).
async fn assigned(w: &World, licence: LicenceId) -> Option<u32> {
    let list = w.s.licences(&w.regisseur, None).await.unwrap();
    let row = list.rows.into_iter().find(|r| r.licence.id == licence).expect("the licence is listed");
    row.licence.latest.map(|u| u.assigned)
}

/// `actor` asks for `profile` on the profile page's form, the manager and the regie team approve,
/// and the regie team completes it.
async fn change_profile(w: &World, actor: &Actor, profile: WorkProfileId) -> RequestId {
    let choice = w.s.profile_choice(actor, profile).await.unwrap();
    let fill = choice.form.expect("the profile change form is offered");
    assert_eq!(fill.purpose, FormPurpose::Profile);
    let today = w.s.clock().today().format("%Y-%m-%d").to_string();
    let answers = input(&[("veld_1", &today), ("veld_2", "Ik werk voortaan vooral onderweg.")]);
    let id = w.s.file_request(actor, fill.version, &fill.submit_token, &answers, Some(profile)).await.unwrap().id;
    step(w, &w.manager, id, Step::Approve(Side::Manager)).await;
    step(w, &w.regisseur, id, Step::Approve(Side::Regie)).await;
    step(w, &w.regisseur, id, Step::Start).await;
    assert_eq!(step(w, &w.regisseur, id, Step::Complete).await, RequestStatus::Done);
    id
}

async fn choosing_a_work_profile_changes_the_licence_counts_on_completion(db: &Db) {
    let w = world(db).await;
    let e3 = licence_form("Kantoorlicentie E3", "office 365 e3", "10", "30,00");
    let l1 = w.s.add_licence(&w.regisseur, w.r.contract, &e3).await.unwrap();
    let zaak = licence_form("Zaaksysteem gebruiker", "", "20", "10,00");
    let l2 = w.s.add_licence(&w.regisseur, w.r.contract, &zaak).await.unwrap();
    let report = include_bytes!("../fixtures/usage/office365-active-user-detail.csv");
    let usage = w.s.import_m365_usage(&w.regisseur, l1, report).await.unwrap().unwrap();
    assert_eq!(usage.assigned, 4);
    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(4), None));

    let shipped = w.s.profile_register(&w.regisseur).await.unwrap().profiles;
    let id_of = |name: &str| shipped.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}")).id;
    let (a, b) = (id_of("Zelfredzaam"), id_of("Ultra mobiel"));
    let bundle = |name: &str, device: &str, licence: LicenceId| ProfileForm {
        naam: name.into(),
        omschrijving: String::new(),
        apparaat: device.into(),
        maatregelen: vec!["mfa".into()],
        diensten: vec![w.r.service.to_string()],
        licenties: vec![licence.to_string()],
    };
    w.s.save_work_profile(&w.regisseur, Some(a), &bundle("Zelfredzaam", "laptop", l1)).await.unwrap();
    w.s.save_work_profile(&w.regisseur, Some(b), &bundle("Ultra mobiel", "laptop_en_telefoon", l2)).await.unwrap();
    let unknown = w.s.save_work_profile(&w.regisseur, None, &bundle("Nieuw", "laptop", LicenceId(9_999))).await;
    assert_eq!(problem_with_detail(unknown, "licenties"), (Problem::UnknownChoice, None));
    let mut no_service = bundle("Nieuw", "laptop", l1);
    no_service.diensten = vec!["9999".into()];
    let unknown = w.s.save_work_profile(&w.regisseur, None, &no_service).await;
    assert_eq!(problem_with_detail(unknown, "diensten"), (Problem::UnknownChoice, None));
    let twice = w.s.save_work_profile(&w.regisseur, None, &bundle(" ultra MOBIEL ", "laptop", l2)).await;
    assert_eq!(problem_with_detail(twice, "naam"), (Problem::Duplicate, None));
    assert_eq!(w.s.profile_register(&w.regisseur).await.unwrap().profiles.len(), 4);

    // The profile change form is filed from the profile page only.
    let portal = w.s.portal(&w.mw).await.unwrap();
    assert!(!portal.forms.iter().any(|f| f.purpose == FormPurpose::Profile));
    assert_eq!(portal.my_profile, None);
    let profile_form = form_for(&w, FormPurpose::Profile).await;
    assert!(matches!(w.s.form_to_fill(&w.mw, profile_form.id).await, Err(ServiceError::NotFound)));

    // First the medewerker gets profile A: one seat of L1 more.
    let first = w.s.profile_choice(&w.mw, a).await.unwrap();
    assert_eq!(first.current, None);
    assert_eq!(first.change.licences.iter().map(|c| (c.licence, c.delta)).collect::<Vec<_>>(), [(l1, 1)]);
    change_profile(&w, &w.mw, a).await;
    assert_eq!(w.s.portal(&w.mw).await.unwrap().my_profile, Some(a));
    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(5), None));

    // Then B: a seat of L2 more, one of L1 back.
    let choice = w.s.profile_choice(&w.mw, b).await.unwrap();
    assert_eq!(choice.current.as_ref().map(|p| p.id), Some(a));
    assert_eq!(choice.pending, None);
    let deltas: Vec<_> = choice.change.licences.iter().map(|c| (c.licence, c.delta)).collect();
    assert_eq!(deltas, [(l1, -1), (l2, 1)]);
    assert_eq!(choice.change.device_to, Some(domain::requests::DeviceClass::LaptopAndPhone));
    let same = w.s.profile_choice(&w.mw, a).await.unwrap();
    assert!(same.form.is_none(), "no form to ask for the profile one has");

    let fill = choice.form.unwrap();
    let today = w.s.clock().today().format("%Y-%m-%d").to_string();
    let answers = input(&[("veld_1", &today)]);
    let none = w.s.file_request(&w.mw, fill.version, "zonder-profiel", &answers, None).await;
    assert_eq!(problem_with_detail(none, "profiel"), (Problem::Required, None));
    let mine = w.s.file_request(&w.mw, fill.version, "hetzelfde", &answers, Some(a)).await;
    assert_eq!(problem_with_detail(mine, "profiel"), (Problem::StepNotAllowed, None));
    let id = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, Some(b)).await.unwrap().id;
    let v = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(v.profile, Some((b, "Ultra mobiel".to_string())));
    let seats: Vec<_> = v.licences.iter().map(|l| (l.change.licence, l.change.delta, l.applied)).collect();
    assert_eq!(seats, [(l1, -1, false), (l2, 1, false)]);
    assert_eq!(v.licences[1].change.licence_type, "Zaaksysteem gebruiker");
    assert_eq!(v.licences[1].change.contract_reference, "VO-1");

    // While it is open, no second change is asked for.
    let pending = w.s.profile_choice(&w.mw, id_of("Ontzorgd")).await.unwrap();
    assert_eq!((pending.pending, pending.form.is_none()), (Some(id), true));
    let second = w.s.file_request(&w.mw, fill.version, "tweede-wijziging", &answers, Some(id_of("Ontzorgd"))).await;
    assert_eq!(problem_with_detail(second, "profiel"), (Problem::StepNotAllowed, None));

    step(&w, &w.manager, id, Step::Approve(Side::Manager)).await;
    step(&w, &w.regisseur, id, Step::Approve(Side::Regie)).await;
    step(&w, &w.regisseur, id, Step::Start).await;
    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(5), None), "nothing changes before completion");
    let seen = audit_count(db).await;
    assert_eq!(step(&w, &w.regisseur, id, Step::Complete).await, RequestStatus::Done);

    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(4), Some(1)));
    let detail = w.s.licence_detail(&w.regisseur, l2, None).await.unwrap();
    let latest = detail.row.licence.latest.unwrap();
    assert_eq!((latest.measured_on, latest.origin.as_str(), latest.assigned), (w.s.clock().today(), "handmatig", 1));
    let l1_now = w.s.licence_detail(&w.regisseur, l1, None).await.unwrap().row.licence.latest.unwrap();
    assert_eq!((l1_now.assigned, l1_now.active, l1_now.inactive_30), (4, 1, Some(3)), "the rest of the use is kept");

    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert!(v.licences.iter().all(|l| l.applied), "{:?}", v.licences);
    assert_eq!(v.licences.len(), 2);
    let changed = v.events.iter().find(|e| e.kind == EventKind::LicencesChanged).expect("a licence event");
    let text = format!("licentie {l1}: 5 -> 4 toegewezen; licentie {l2}: 0 -> 1 toegewezen");
    assert_eq!(changed.text.as_deref(), Some(text.as_str()));
    let portal = w.s.portal(&w.mw).await.unwrap();
    assert_eq!(portal.my_profile, Some(b));
    let members: Vec<_> =
        portal.profiles.iter().filter(|p| p.id == a || p.id == b).map(|p| (p.id, p.members)).collect();
    assert!(members.contains(&(a, 0)) && members.contains(&(b, 1)), "{members:?}");
    let audit: Vec<_> = audit_since(db, seen).await.into_iter().map(|e| (e.record.action, e.record.detail)).collect();
    assert_eq!(
        audit,
        [
            ("requests.licences".to_string(), Some(text.clone())),
            ("requests.step".to_string(), Some("in_behandeling -> afgerond".to_string()))
        ]
    );
}
both_dbs!(choosing_a_work_profile_changes_the_licence_counts_on_completion);

/// A monitoring source of `kind` feeding `service`.
async fn source(db: &Db, service: VendorServiceId, kind: &str) -> store::SourceId {
    let row = NewSourceRow {
        service_id: service,
        kind: kind.into(),
        name: format!("{kind} bron"),
        config_json: r#"{"url":"https://status.example"}"#.into(),
        interval_secs: 60,
        timeout_ms: 5000,
        enabled: true,
    };
    let mut tx = db.begin().await.unwrap();
    let id = store::insert_source(&mut tx, &row, t0() - Duration::days(30)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn intervals(db: &Db, src: store::SourceId, service: VendorServiceId, changes: &[IntervalChange]) {
    let mut tx = db.begin().await.unwrap();
    store::apply_interval_changes(&mut tx, src, service, changes, t0()).await.unwrap();
    tx.commit().await.unwrap();
}

async fn a_problem_report_for_a_service_with_a_known_outage_is_refused_with_a_link(db: &Db) {
    let w = world(db).await;
    let cli = system_actor();
    let documents = w.s.add_service(&cli, w.r.vendor, &service_form("Documentbeheer")).await.unwrap();
    let archive = w.s.add_service(&cli, w.r.vendor, &service_form("Archief")).await.unwrap();
    // Our probe sees the Zaaksysteem down since half an hour.
    let probe = source(db, w.r.service, "http").await;
    let down_since = t0() - Duration::minutes(30);
    intervals(
        db,
        probe,
        w.r.service,
        &[
            IntervalChange::Open { state: CheckState::Up, start: t0() - Duration::days(1) },
            IntervalChange::Close { end: down_since },
            IntervalChange::Open { state: CheckState::Down, start: down_since },
        ],
    )
    .await;
    // The vendor reports an open incident on Documentbeheer that our measurement does not see.
    let page = source(db, documents, "statuspage").await;
    let incident = IncidentRow {
        vendor_incident_id: "inc-1".into(),
        name: "Trage documenten".into(),
        status: "investigating".into(),
        impact: "minor".into(),
        created_at: t0() - Duration::hours(2),
        updated_at: t0() - Duration::hours(2),
        resolved_at: None,
        shortlink: Some("https://stspg.io/inc-1".into()),
    };
    let mut tx = db.begin().await.unwrap();
    store::upsert_incident(&mut tx, page, &incident, &[]).await.unwrap();
    tx.commit().await.unwrap();

    let catalogue = w.s.portal(&w.mw).await.unwrap().services;
    let health: Vec<_> = catalogue.iter().map(|s| (s.name.as_str(), s.health, s.since)).collect();
    assert_eq!(
        health,
        [
            ("Archief", Health::Unknown, None),
            ("Documentbeheer", Health::Degraded, Some(t0() - Duration::hours(2))),
            ("Zaaksysteem", Health::Down, Some(down_since))
        ]
    );
    let known = catalogue[1].incident.clone().unwrap();
    assert_eq!((known.name.as_str(), known.link.as_deref()), ("Trage documenten", Some("https://stspg.io/inc-1")));

    let problem = form_for(&w, FormPurpose::Problem).await;
    let report = |service: VendorServiceId| input(&[("veld_1", &service.to_string()), ("veld_2", "Het laadt niet.")]);
    let fill = w.s.form_to_fill(&w.mw, problem.id).await.unwrap();
    let seen = audit_count(db).await;
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(w.r.service), None).await;
    let link = format!("/zelfservice#dienst-{}", w.r.service);
    assert_eq!(problem_with_detail(refused, "veld_1"), (Problem::KnownDisruption, Some(link)));
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(documents), None).await;
    let vendor_link = Some("https://stspg.io/inc-1".to_string());
    assert_eq!(problem_with_detail(refused, "veld_1"), (Problem::KnownDisruption, vendor_link));
    assert_eq!(count_rows(db, "requests").await, 0);
    assert_eq!(audit_count(db).await, seen);

    // A service without a known disruption is reported, and needs no approval.
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(archive), None).await.unwrap();
    let v = w.s.request_view(&w.regisseur, filed.id).await.unwrap();
    assert_eq!((v.status, v.approvals), (RequestStatus::Approved, Approvals::default()));
    assert_eq!(values(&v), ["Archief", "Het laadt niet.", "", "nee"]);
    assert_eq!(v.steps, [Step::Start, Step::Cancel]);
    assert_eq!(kinds(&v), [(EventKind::Filed, None)]);
    assert_eq!(v.due_on, w.s.clock().today() + Duration::days(1));

    // Once the probe sees the Zaaksysteem up again, it can be reported.
    intervals(
        db,
        probe,
        w.r.service,
        &[IntervalChange::Close { end: t0() }, IntervalChange::Open { state: CheckState::Up, start: t0() }],
    )
    .await;
    let fill = w.s.form_to_fill(&w.mw, problem.id).await.unwrap();
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &report(w.r.service), None).await.unwrap();
    assert_eq!(w.s.request_view(&w.mw, filed.id).await.unwrap().status, RequestStatus::Approved);
    assert_eq!(w.s.portal(&w.mw).await.unwrap().mine.len(), 2);
}
both_dbs!(a_problem_report_for_a_service_with_a_known_outage_is_refused_with_a_link);

async fn closed_requests_are_anonymised_after_the_retention_period(db: &Db) {
    let clock = Clock::manual(t0());
    let w = world_with(db, clock.clone()).await;
    let closed = file_access(&w, &w.mw, "Bel mij op 06-12345678.").await;
    w.s.comment_on_request(&w.manager, closed, "Waarvoor precies?").await.unwrap();
    w.s.take_request_step(&w.mw, closed, Step::Cancel, "Toch niet nodig.").await.unwrap();
    let open = file_access(&w, &w.mw, "Deze blijft open.").await;
    let before_open = w.s.request_view(&w.regisseur, open).await.unwrap();

    let days = 30;
    clock.advance(Duration::days(days) - Duration::seconds(1));
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 0, "not yet");
    clock.advance(Duration::seconds(1));
    let seen = audit_count(db).await;
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 1);
    let entries = audit_since(db, seen).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        (entries[0].record.action.as_str(), entries[0].record.object.as_str()),
        ("requests.anonymise", "requests")
    );
    assert_eq!(entries[0].record.detail.as_deref(), Some("1 aanvragen, gesloten voor 2026-03-02 09:00 UTC"));

    let v = w.s.request_view(&w.regisseur, closed).await.unwrap();
    assert!(v.anonymised);
    assert_eq!((v.requester, v.requester_name.as_deref(), v.manager_name.as_deref()), (None, None, None));
    assert_eq!(v.status, RequestStatus::Cancelled);
    assert_eq!(values(&v), ["Zaaksysteem", "Een licentie", "2026-03-02", "[geanonimiseerd]"]);
    assert_eq!(v.answers[0].service, Some(w.r.service), "the service stays for the statistics");
    let history: Vec<_> = v.events.iter().map(|e| (e.kind, e.actor_name.as_deref(), e.text.as_deref())).collect();
    assert_eq!(
        history,
        [
            (EventKind::Filed, None, None),
            (EventKind::Comment, None, Some("[geanonimiseerd]")),
            (EventKind::Cancelled, None, Some("[geanonimiseerd]")),
            (EventKind::Anonymised, None, None)
        ]
    );
    assert_eq!(v.events[3].at, t0() + Duration::days(days));
    // Unlinked, the request is no longer the medewerker's (nor their manager's) to see.
    assert!(matches!(w.s.request_view(&w.mw, closed).await, Err(ServiceError::Forbidden)));
    assert!(matches!(w.s.request_view(&w.manager, closed).await, Err(ServiceError::Forbidden)));
    assert_eq!(w.s.portal(&w.mw).await.unwrap().mine.iter().map(|r| r.id).collect::<Vec<_>>(), [open]);
    let refused = w.s.comment_on_request(&w.regisseur, closed, "Nog iets.").await;
    assert_eq!(problem_with_detail(refused, "opmerking"), (Problem::StepNotAllowed, None));

    let list = w.s.request_list(&w.regisseur, None).await.unwrap();
    assert_eq!((list.total, list.open, list.overdue), (2, 1, 1), "the open one is past its five days");
    let overdue: Vec<_> = list.requests.iter().filter(|r| r.overdue).map(|r| r.id).collect();
    assert_eq!(overdue, [open]);
    assert_eq!(list.requests.iter().find(|r| r.id == closed).unwrap().requester_name, None);

    let seen = audit_count(db).await;
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 0, "a second run finds nothing");
    clock.advance(Duration::days(400));
    assert_eq!(w.s.anonymise_closed_requests(days as u32).await.unwrap(), 0, "an open request is never anonymised");
    assert_eq!(audit_count(db).await, seen, "a run that anonymises nothing records nothing");
    let still_open = w.s.request_view(&w.regisseur, open).await.unwrap();
    assert!(!still_open.anonymised);
    assert_eq!((still_open.requester, still_open.answers.clone()), (Some(w.mw.user_id), before_open.answers));
    assert_eq!(still_open.events, before_open.events);
}
both_dbs!(closed_requests_are_anonymised_after_the_retention_period);

async fn every_illegal_step_is_refused_and_changes_nothing(db: &Db) {
    let w = world(db).await;
    let id = file_access(&w, &w.mw, "").await;

    // Refusals in the workflow: reported at `besluit`, nothing changes and nothing is audited.
    let not_now = [(&w.regisseur, Step::Complete), (&w.regisseur, Step::Start), (&w.beheerder, Step::Start)];
    for (who, s) in not_now {
        let before = w.s.request_view(&w.regisseur, id).await.unwrap();
        let seen = audit_count(db).await;
        let refused = w.s.take_request_step(who, id, s, "").await;
        assert_eq!(problem_with_detail(refused, "besluit"), (Problem::StepNotAllowed, None), "{s:?}");
        assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before, "{s:?}");
        assert_eq!(audit_count(db).await, seen, "{s:?}");
    }

    // Steps taken in a capacity one does not have: forbidden, with a denied audit entry.
    let not_yours = [
        (&w.stranger, Step::Approve(Side::Manager)),
        (&w.stranger, Step::Cancel),
        (&w.mw, Step::Approve(Side::Manager)),
        (&w.mw, Step::Approve(Side::Regie)),
        (&w.manager, Step::Approve(Side::Regie)),
        (&w.manager, Step::Cancel),
        (&w.regisseur, Step::Approve(Side::Manager)),
        (&w.regisseur, Step::Reject(Side::Manager)),
    ];
    for (who, s) in not_yours {
        let before = w.s.request_view(&w.regisseur, id).await.unwrap();
        let seen = audit_count(db).await;
        let refused = w.s.take_request_step(who, id, s, "Omdat het kan.").await;
        assert!(matches!(refused, Err(ServiceError::Forbidden)), "{} {s:?}: {refused:?}", who.username);
        assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before, "{s:?}");
        one_denied(db, seen, who, "requests.step", id).await;
    }

    // A rejection needs a reason; a note too long is refused.
    let before = w.s.request_view(&w.regisseur, id).await.unwrap();
    let refused = w.s.take_request_step(&w.manager, id, Step::Reject(Side::Manager), "  ").await;
    assert_eq!(problem_with_detail(refused, "toelichting"), (Problem::Required, None));
    let long = "z".repeat(2001);
    let refused = w.s.take_request_step(&w.manager, id, Step::Approve(Side::Manager), &long).await;
    assert_eq!(problem_with_detail(refused, "toelichting"), (Problem::TooLong { max: 2000 }, None));
    assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before);

    // An approval given once is not given twice.
    assert_eq!(step(&w, &w.manager, id, Step::Approve(Side::Manager)).await, RequestStatus::Submitted);
    let twice = w.s.take_request_step(&w.manager, id, Step::Approve(Side::Manager), "").await;
    assert_eq!(problem_with_detail(twice, "besluit"), (Problem::StepNotAllowed, None));

    // A rejected request is closed: nothing more happens to it.
    let rejected = w.s.take_request_step(&w.regisseur, id, Step::Reject(Side::Regie), "Geen budget.").await;
    assert_eq!(rejected.unwrap(), RequestStatus::Rejected);
    let closed = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(
        closed.events.last().map(|e| (e.kind, e.side, e.text.as_deref())),
        Some((EventKind::Rejected, Some(Side::Regie), Some("Geen budget.")))
    );
    assert!(closed.steps.is_empty());
    let after_close = [
        (&w.mw, Step::Cancel),
        (&w.regisseur, Step::Cancel),
        (&w.regisseur, Step::Approve(Side::Regie)),
        (&w.regisseur, Step::Start),
        (&w.regisseur, Step::Complete),
        (&w.manager, Step::Reject(Side::Manager)),
    ];
    for (who, s) in after_close {
        let seen = audit_count(db).await;
        let refused = w.s.take_request_step(who, id, s, "Alsnog.").await;
        assert_eq!(problem_with_detail(refused, "besluit"), (Problem::StepNotAllowed, None), "{s:?}");
        assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), closed, "{s:?}");
        assert_eq!(audit_count(db).await, seen, "{s:?}");
    }

    // An unknown request is not found, for anyone.
    let missing = w.s.take_request_step(&w.regisseur, RequestId(9_999), Step::Start, "").await;
    assert!(matches!(missing, Err(ServiceError::NotFound)), "{missing:?}");
    assert!(matches!(w.s.request_view(&w.mw, RequestId(9_999)).await, Err(ServiceError::NotFound)));
}
both_dbs!(every_illegal_step_is_refused_and_changes_nothing);
