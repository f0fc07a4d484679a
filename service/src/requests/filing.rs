//! The portal and filing a request: the form as it stands now, checked answers, one request per
//! submit token, a problem report for a service with a known disruption refused with a link to it.

use super::summary;
use crate::audit::{append, record, Outcome};
use crate::auth::random_hex;
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::requests::answers::{service_of, ServiceChoice};
use domain::requests::views::{EventKind, FormToFill, Portal};
use domain::requests::workflow::{due_on, initial_status};
use domain::requests::{check_answers, compare, Approvals, FormPurpose, Side};
use domain::{FormVersionId, Invalid, Problem, RequestFormId, RequestId, WorkProfileId};
use std::collections::BTreeMap;
use store::{NewRequest, RequestScope, StoredVersion, SUBMIT_TOKEN};

/// The field a problem about the form itself (retired version, missing token) is reported at.
pub const FORM_FIELD: &str = "formulier";
/// The most requests each list of the portal shows.
const PORTAL_LIST: u32 = 50;

/// A filed request: the new one, or the one an earlier click with the same token filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    pub id: RequestId,
    pub again: bool,
}

/// "Cloud, tenzij": choosing custom software needs a reason, in the first long text after the choice.
fn custom_needs_reason(answers: &[domain::requests::Answer]) -> Result<(), Invalid> {
    let Some(i) = answers.iter().position(|a| a.value == crate::requests::shipped::INTAKE_CUSTOM) else {
        return Ok(());
    };
    match answers[i + 1..].iter().find(|a| a.kind == domain::requests::FieldKind::LongText) {
        Some(reason) if reason.value.is_empty() => Err(Invalid::one(&reason.key, Problem::Required)),
        _ => Ok(()),
    }
}

impl Services {
    /// The staff portal: catalogue, forms, work profiles, my requests and my team's.
    #[tracing::instrument(skip_all)]
    pub async fn portal(&self, actor: &Actor) -> Result<Portal, ServiceError> {
        self.guard(actor, Action::FileRequests, "requests.portal", "portal".into()).await?;
        let db = self.db();
        let (services, forms, profiles, placement, mine, team) = tokio::try_join!(
            self.catalogue(),
            async { Ok(store::list_forms(db).await?) },
            async { Ok::<_, ServiceError>(store::list_work_profiles(db).await?) },
            async { Ok::<_, ServiceError>(store::placement(db, actor.user_id).await?) },
            async {
                Ok::<_, ServiceError>(
                    store::list_requests(db, RequestScope::Requester(actor.user_id), None, PORTAL_LIST).await?,
                )
            },
            async {
                Ok::<_, ServiceError>(
                    store::list_requests(db, RequestScope::TeamOf(actor.user_id), None, PORTAL_LIST).await?,
                )
            },
        )?;
        let today = self.clock().today();
        let (to_approve, team): (Vec<_>, Vec<_>) =
            team.into_iter().map(|r| summary(r, today)).partition(|r| r.waiting_for == Some(Side::Manager));
        Ok(Portal {
            services,
            forms: forms
                .into_iter()
                .filter(|f| !f.withdrawn && f.version.is_some() && f.purpose != FormPurpose::Profile)
                .collect(),
            profiles,
            my_profile: placement.profile,
            mine: mine.into_iter().map(|r| summary(r, today)).collect(),
            to_approve,
            team,
        })
    }

    pub(crate) async fn service_choices(&self) -> Result<Vec<ServiceChoice>, ServiceError> {
        Ok(self
            .catalogue()
            .await?
            .into_iter()
            .map(|s| ServiceChoice { id: s.id, name: s.name, vendor_name: s.vendor_name })
            .collect())
    }

    pub(crate) async fn to_fill(&self, v: StoredVersion) -> Result<FormToFill, ServiceError> {
        let services = if v.fields.iter().any(|f| f.kind == domain::requests::FieldKind::Service) {
            self.service_choices().await?
        } else {
            Vec::new()
        };
        Ok(FormToFill {
            form: v.form,
            version: v.id,
            version_number: v.number,
            title: v.title,
            description: v.description,
            purpose: v.purpose,
            approval: v.approval,
            handling_days: v.handling_days,
            fields: v.fields,
            services,
            submit_token: random_hex(),
        })
    }

    /// A form to fill in: its current version and a fresh submit token. Profile changes are filed
    /// from the profile page, so that form is not offered here.
    #[tracing::instrument(skip_all, fields(form = %form))]
    pub async fn form_to_fill(&self, actor: &Actor, form: RequestFormId) -> Result<FormToFill, ServiceError> {
        self.guard(actor, Action::FileRequests, "requests.form", format!("form:{form}")).await?;
        let v = store::current_version(self.db(), form).await?.ok_or(ServiceError::NotFound)?;
        if v.purpose == FormPurpose::Profile {
            return Err(ServiceError::NotFound);
        }
        self.to_fill(v).await
    }

    /// Files a request on form version `version` with the answers in `input` (field key -> text).
    /// A second call with the same `token` by the same person files nothing and returns the first
    /// request. A profile change names the chosen `profile`.
    #[tracing::instrument(skip_all, fields(version = %version))]
    pub async fn file_request(
        &self,
        actor: &Actor,
        version: FormVersionId,
        token: &str,
        input: &BTreeMap<String, String>,
        profile: Option<WorkProfileId>,
    ) -> Result<Filed, ServiceError> {
        self.guard(actor, Action::FileRequests, "requests.file", format!("form_version:{version}")).await?;
        let token = token.trim();
        if token.is_empty() || token.len() > 128 {
            return Err(Invalid::one(FORM_FIELD, Problem::FormVersionRetired).into());
        }
        if let Some(existing) = self.earlier(actor, token).await? {
            return Ok(existing);
        }
        let db = self.db();
        let now = self.clock().now();
        let today = self.clock().today();
        let mut tx = db.begin().await?;
        let v = match store::version_in(&mut tx, version).await {
            Ok(v) if v.current => v,
            Ok(_) | Err(store::StoreError::NotFound) => {
                return Err(Invalid::one(FORM_FIELD, Problem::FormVersionRetired).into());
            }
            Err(e) => return Err(e.into()),
        };
        drop(tx);
        let services = self.service_choices().await?;
        let answers = check_answers(&v.fields, input, today, &services)?;
        let service = service_of(&answers);
        if v.purpose == FormPurpose::Problem {
            self.refuse_known_disruption(&v, service).await?;
        }
        if v.purpose == FormPurpose::Intake {
            custom_needs_reason(&answers)?;
        }
        let placement = store::placement(db, actor.user_id).await?;
        let (chosen, changes) = match (v.purpose, profile) {
            (FormPurpose::Profile, Some(p)) => {
                let profiles = store::list_work_profiles(db).await?;
                let to = profiles
                    .iter()
                    .find(|x| x.id == p)
                    .ok_or_else(|| Invalid::one("profiel", Problem::UnknownChoice))?;
                if placement.profile == Some(p) || store::open_profile_request(db, actor.user_id).await?.is_some() {
                    return Err(Invalid::one("profiel", Problem::StepNotAllowed).into());
                }
                let from = placement.profile.and_then(|c| profiles.iter().find(|x| x.id == c));
                (Some(p), compare(from, to).licences)
            }
            (FormPurpose::Profile, None) => return Err(Invalid::one("profiel", Problem::Required).into()),
            _ => (None, Vec::new()),
        };
        let mut approvals = Approvals::for_form(v.approval);
        let mut note = None;
        if approvals.manager_needed && placement.manager.is_none() {
            // Nobody could give the manager's approval: the regie team approves instead.
            approvals.manager_needed = false;
            approvals.regie_needed = true;
            note = Some("Geen leidinggevende bekend: de regie keurt goed.");
        }
        let new = NewRequest {
            version: v.id,
            requester: actor.user_id,
            submit_token: token.to_string(),
            status: initial_status(approvals),
            approvals,
            answers,
            service,
            profile: chosen,
            filed_at: now,
            due_on: due_on(today, v.handling_days),
        };
        let mut tx = db.begin().await?;
        let id = match store::insert_request(&mut tx, &new).await {
            Ok(id) => id,
            Err(store::StoreError::Conflict(c)) if c == SUBMIT_TOKEN => {
                drop(tx);
                return self.earlier(actor, token).await?.ok_or(ServiceError::Conflict(c));
            }
            Err(e) => return Err(e.into()),
        };
        store::insert_request_event(&mut tx, id, now, Some(actor.user_id), EventKind::Filed, None, note).await?;
        store::insert_request_licences(&mut tx, id, &changes).await?;
        let detail = format!("{} (versie {})", v.title, v.number);
        append(&mut tx, record(now, actor, "requests.file", format!("request:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(Filed { id, again: false })
    }

    /// The request an earlier submit with `token` filed, when it was this person's.
    async fn earlier(&self, actor: &Actor, token: &str) -> Result<Option<Filed>, ServiceError> {
        match store::request_by_token(self.db(), token).await? {
            Some((id, Some(who))) if who == actor.user_id => Ok(Some(Filed { id, again: true })),
            Some(_) => Err(Invalid::one(FORM_FIELD, Problem::FormVersionRetired).into()),
            None => Ok(None),
        }
    }

    /// A problem report for a service that monitoring (or the vendor) already shows as disrupted is
    /// refused at the service field, with the vendor's incident link (or the catalogue entry).
    async fn refuse_known_disruption(
        &self,
        v: &StoredVersion,
        service: Option<domain::VendorServiceId>,
    ) -> Result<(), ServiceError> {
        let Some(service) = service else { return Ok(()) };
        let Some(s) = self.catalogue().await?.into_iter().find(|s| s.id == service) else { return Ok(()) };
        if !s.health.is_disrupted() {
            return Ok(());
        }
        let field = v
            .fields
            .iter()
            .find(|f| f.kind == domain::requests::FieldKind::Service)
            .map(|f| f.key.as_str())
            .unwrap_or(FORM_FIELD);
        let link = s.incident.and_then(|i| i.link).unwrap_or_else(|| format!("/zelfservice#dienst-{}", s.id));
        Err(Invalid::one_with(field, Problem::KnownDisruption, link).into())
    }
}
