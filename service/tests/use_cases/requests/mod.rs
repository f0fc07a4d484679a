//! Self-service: filing requests on the shipped forms and on a form the regie team builds, the
//! approval workflow with its history and audit entries, who may see and decide what, work profiles
//! that change licence counts, problem reports refused for a known disruption, and the anonymisation
//! of closed requests, on both databases. This file holds the shared world and helpers; the tests are
//! in the files next to it.

mod filing;
mod outage_privacy;
mod profiles;
mod workflow;

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
