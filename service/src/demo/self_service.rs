//! The demo's self-service: the shipped forms and profiles, the profiles filled with the demo's
//! services and licences, the medewerker's line manager (the ICT head) and current profile, and three
//! example requests (an overdue intake, a problem report in progress, a completed access request).

use crate::requests::shipped::seed_defaults;
use crate::ServiceError;
use chrono::{DateTime, Duration, Utc};
use domain::requests::answers::service_of;
use domain::requests::views::EventKind;
use domain::requests::workflow::{due_on, initial_status};
use domain::requests::{
    check_answers, take_step, Approvals, Capacity, FieldKind, FormPurpose, ProfileInput, ServiceChoice, Side, Step,
};
use domain::{LicenceId, Role, UserId, VendorServiceId};
use std::collections::BTreeMap;
use store::Tx;

/// Profile name -> (service names, licence types) it bundles in the demo.
#[rustfmt::skip]
const BUNDLES: &[(&str, &[&str], &[&str])] = &[
    ("Zelfredzaam", &["E-mail en agenda", "Samenwerken en bestanden"], &["Kantoorlicentie E3"]),
    ("Ontzorgd", &["E-mail en agenda", "Samenwerken en bestanden", "Zaaksysteem"], &["Kantoorlicentie E3", "Zaaksysteem gebruiker"]),
    ("Veiligheid voor alles", &["E-mail en agenda", "Zaaksysteem", "BRP-bevragingen"], &["Kantoorlicentie E3", "Zaaksysteem gebruiker", "Tweefactortoken"]),
    ("Ultra mobiel", &["E-mail en agenda", "Samenwerken en bestanden"], &["Kantoorlicentie E3", "Tweefactortoken"]),
];

pub(super) async fn seed_self_service(
    tx: &mut Tx,
    users: &[(Role, UserId)],
    services: &[(&str, VendorServiceId)],
    licences: &[(&str, LicenceId)],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let profiles = seed_defaults(tx, now).await?;
    for (name, service_names, licence_types) in BUNDLES {
        let Some((id, p)) = profiles.iter().find(|(_, p)| p.name == *name) else { continue };
        let input = ProfileInput {
            services: services.iter().filter(|(n, _)| service_names.contains(n)).map(|(_, s)| *s).collect(),
            licences: licences.iter().filter(|(t, _)| licence_types.contains(t)).map(|(_, l)| *l).collect(),
            ..p.clone()
        };
        store::update_work_profile(tx, *id, &input, now).await?;
    }
    let user = |role: Role| users.iter().find(|(r, _)| *r == role).map(|(_, id)| *id);
    if let (Some(staff), Some(head)) = (user(Role::Medewerker), user(Role::IctManager)) {
        store::set_manager(tx, staff, Some(head)).await?;
        let first = profiles.iter().find(|(_, p)| p.name == "Zelfredzaam").map(|(id, _)| *id);
        store::set_work_profile(tx, staff, first).await?;
    }
    Ok(())
}

/// One example request: who, on which form, the answers by field label (`{dag}`: the filing day), how many days ago it was
/// filed, and the steps taken since (by the regisseur, or the manager), each a day later.
struct Example {
    requester: Role,
    purpose: FormPurpose,
    answers: &'static [(&'static str, &'static str)],
    days_ago: i64,
    steps: &'static [(Step, Option<&'static str>)],
}

#[rustfmt::skip]
const EXAMPLES: &[Example] = &[
    Example { requester: Role::Inkoper, purpose: FormPurpose::Intake, days_ago: 25, steps: &[], answers: &[
        ("Naam van de software", "Contractbeheer voor inkoop"), ("Welk probleem lost het op?", "Aanbestedingsdossiers staan nu in losse mappen."),
        ("Is het als clouddienst (SaaS) te krijgen?", "Ja, als SaaS (clouddienst)"), ("Aantal gebruikers", "12")] },
    Example { requester: Role::Medewerker, purpose: FormPurpose::Problem, days_ago: 2, answers: &[
        ("Dienst", "Afsprakenmodule"), ("Wat gaat er mis?", "Burgers krijgen geen bevestigingsmail van hun afspraak."), ("Kunt u verder werken?", "ja")],
        steps: &[(Step::Start, Some("De leverancier onderzoekt het; een oplossing wordt vrijdag verwacht."))] },
    Example { requester: Role::IctManager, purpose: FormPurpose::Access, days_ago: 40, answers: &[
        ("Dienst", "Zaaksysteem"), ("Wat hebt u nodig?", "Meer rechten in de dienst"), ("Vanaf", "{dag}"), ("Toelichting", "Beheerrechten voor de zaaktypecatalogus.")],
        steps: &[(Step::Approve(Side::Regie), None), (Step::Start, None), (Step::Complete, Some("Rechten toegekend door de leverancier."))] },
];

/// Files the example requests so that the regie team's list shows every kind of state at first start.
pub(super) async fn seed_requests(
    tx: &mut Tx,
    users: &[(Role, UserId)],
    services: &[(&str, VendorServiceId)],
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let versions = store::current_versions_in(tx).await?;
    let regisseur = users.iter().find(|(r, _)| *r == Role::Regisseur).map(|(_, id)| *id);
    let choices: Vec<ServiceChoice> = services
        .iter()
        .map(|(name, id)| ServiceChoice { id: *id, name: (*name).into(), vendor_name: String::new() })
        .collect();
    for (n, e) in EXAMPLES.iter().enumerate() {
        let (Some(v), Some(&(_, requester))) =
            (versions.iter().find(|v| v.purpose == e.purpose), users.iter().find(|(r, _)| *r == e.requester))
        else {
            continue;
        };
        let filed = now - Duration::days(e.days_ago);
        let day = filed.with_timezone(&chrono_tz::Europe::Amsterdam).date_naive();
        let input: BTreeMap<String, String> = v
            .fields
            .iter()
            .filter_map(|f| {
                let (_, value) = e.answers.iter().find(|(label, _)| *label == f.label)?;
                let value = match f.kind {
                    FieldKind::Service => choices.iter().find(|c| c.name == *value)?.id.to_string(),
                    _ => value.replace("{dag}", &day.format("%Y-%m-%d").to_string()),
                };
                Some((f.key.clone(), value))
            })
            .collect();
        let answers = check_answers(&v.fields, &input, day, &choices)
            .map_err(|err| ServiceError::Unexpected(format!("demo request {n}: {err:?}")))?;
        let mut approvals = Approvals::for_form(v.approval);
        if approvals.manager_needed && e.requester != Role::Medewerker {
            // Only the medewerker has a manager in the demo: the regie team approves instead.
            approvals.manager_needed = false;
            approvals.regie_needed = true;
        }
        let mut status = initial_status(approvals);
        let id = store::insert_request(
            tx,
            &store::NewRequest {
                version: v.id,
                requester,
                submit_token: format!("demo-{n}"),
                status,
                approvals,
                service: service_of(&answers),
                answers,
                profile: None,
                filed_at: filed,
                due_on: due_on(day, v.handling_days),
            },
        )
        .await?;
        store::insert_request_event(tx, id, filed, Some(requester), EventKind::Filed, None, None).await?;
        let mut at = filed;
        for (step, note) in e.steps {
            at += Duration::days(1);
            let who = Capacity { requester: false, manager: false, regie: true };
            let after = take_step(status, approvals, *step, who)
                .map_err(|r| ServiceError::Unexpected(format!("demo request {n}: {r:?}")))?;
            store::move_request(tx, id, (status, approvals), (after.status, after.approvals), at).await?;
            let (kind, side) = EventKind::of_step(*step);
            store::insert_request_event(tx, id, at, regisseur, kind, side, *note).await?;
            (status, approvals) = (after.status, after.approvals);
        }
    }
    Ok(())
}
