//! One request: its page (only for the requester, their line manager and the regie team), the steps
//! of the workflow with their history, comments both ways, and the regie team's list with overdue
//! requests. Completing a profile change applies its licence seats and the new profile.

use super::{capacity, may_see, summary};
use crate::audit::{append, record, Outcome};
use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use domain::requests::views::{EventKind, RequestList, RequestView};
use domain::requests::workflow::{is_overdue, possible_steps};
use domain::requests::{take_step, FormPurpose, Refusal, RequestStatus, Step};
use domain::text::multiline_text;
use domain::views_licences::UsageSnapshot;
use domain::{Invalid, Problem, RequestId};
use store::{RequestScope, StoredRequest};

/// The longest comment or reason.
pub const MAX_COMMENT: u32 = 2000;
/// The most requests the regie team's list shows.
const LIST_LIMIT: u32 = 500;

impl Services {
    /// Reads a request for `actor`, refusing (and auditing) anyone who may not see it.
    async fn visible_request(&self, actor: &Actor, id: RequestId, action: &str) -> Result<StoredRequest, ServiceError> {
        self.guard(actor, Action::FileRequests, action, format!("request:{id}")).await?;
        let r = store::get_request(self.db(), id).await?;
        if !may_see(capacity(actor, &r)) {
            self.audit_denied(actor, action, format!("request:{id}")).await;
            return Err(ServiceError::Forbidden);
        }
        Ok(r)
    }

    /// A request with its answers, history, licence seats and the steps `actor` may take.
    #[tracing::instrument(skip_all, fields(request = %id))]
    pub async fn request_view(&self, actor: &Actor, id: RequestId) -> Result<RequestView, ServiceError> {
        let r = self.visible_request(actor, id, "requests.view").await?;
        let (events, licences) =
            tokio::try_join!(store::request_events(self.db(), id), store::request_licences(self.db(), id))?;
        let today = self.clock().today();
        let steps = possible_steps(r.status, r.approvals, capacity(actor, &r));
        Ok(RequestView {
            id: r.id,
            form_title: r.form_title,
            version_number: r.version_number,
            purpose: r.purpose,
            requester: r.requester,
            requester_name: r.requester_name,
            manager_name: r.manager_name,
            status: r.status,
            approvals: r.approvals,
            filed_at: r.filed_at,
            due_on: r.due_on,
            overdue: is_overdue(r.status, r.due_on, today),
            answers: r.answers,
            profile: r.profile,
            licences,
            events,
            steps,
            anonymised: r.anonymised_at.is_some(),
        })
    }

    /// Takes a workflow step; a rejection needs a reason (`text`), other steps may carry a note.
    /// Refused steps change nothing and are reported at the `besluit` field.
    #[tracing::instrument(skip_all, fields(request = %id))]
    pub async fn take_request_step(
        &self,
        actor: &Actor,
        id: RequestId,
        step: Step,
        text: &str,
    ) -> Result<RequestStatus, ServiceError> {
        let r = self.visible_request(actor, id, "requests.step").await?;
        let who = capacity(actor, &r);
        let after = match take_step(r.status, r.approvals, step, who) {
            Ok(a) => a,
            Err(refusal) => {
                let problem = match refusal {
                    Refusal::OwnRequest => Problem::OwnRequest,
                    Refusal::NotNow => Problem::StepNotAllowed,
                    Refusal::NotYours => {
                        self.audit_denied(actor, "requests.step", format!("request:{id}")).await;
                        return Err(ServiceError::Forbidden);
                    }
                };
                return Err(Invalid::one("besluit", problem).into());
            }
        };
        let note = multiline_text("toelichting", text, MAX_COMMENT, matches!(step, Step::Reject(_)))?;
        let note = (!note.is_empty()).then_some(note);
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        if !store::move_request(&mut tx, id, (r.status, r.approvals), (after.status, after.approvals), now).await? {
            // Someone else took a step in the meantime.
            return Err(Invalid::one("besluit", Problem::StepNotAllowed).into());
        }
        let (kind, side) = EventKind::of_step(step);
        store::insert_request_event(&mut tx, id, now, Some(actor.user_id), kind, side, note.as_deref()).await?;
        if step == Step::Complete && r.purpose == FormPurpose::Profile {
            self.apply_profile_change(&mut tx, actor, &r, now).await?;
        }
        let detail = format!("{} -> {}", r.status.key(), after.status.key());
        append(&mut tx, record(now, actor, "requests.step", format!("request:{id}"), Outcome::Ok, Some(detail)))
            .await?;
        tx.commit().await?;
        Ok(after.status)
    }

    /// On completing a profile change: the requester gets the profile, and each licence the change
    /// adds or drops gets one seat more or fewer assigned (a new measurement of today, so that the
    /// licence page and rightsizing show it).
    async fn apply_profile_change(
        &self,
        tx: &mut store::Tx,
        actor: &Actor,
        r: &StoredRequest,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), ServiceError> {
        let today = self.clock().today();
        if let (Some(user), Some((profile, _))) = (r.requester, &r.profile) {
            store::set_work_profile(tx, user, Some(*profile)).await?;
        }
        let applied = store::apply_request_licences(tx, r.id, now).await?;
        let mut lines = Vec::new();
        for (licence, delta) in applied {
            let latest = store::licence_usage(self.db(), licence).await?.into_iter().last();
            let (origin, assigned, active, i30, i60, i90) = match &latest {
                // A figure of today is replaced in place so that it stays the one the pages read.
                Some(u) if u.measured_on == today => {
                    (u.origin.clone(), u.assigned, u.active, u.inactive_30, u.inactive_60, u.inactive_90)
                }
                Some(u) => ("handmatig".to_string(), u.assigned, u.active, u.inactive_30, u.inactive_60, u.inactive_90),
                None => ("handmatig".to_string(), 0, 0, None, None, None),
            };
            let new_assigned = if delta < 0 { assigned.saturating_sub(1) } else { assigned.saturating_add(1) };
            let snapshot = UsageSnapshot {
                measured_on: today,
                origin,
                assigned: new_assigned,
                active,
                inactive_30: i30,
                inactive_60: i60,
                inactive_90: i90,
            };
            store::upsert_licence_usage(tx, licence, &snapshot, now).await?;
            lines.push(format!("licentie {licence}: {assigned} -> {new_assigned} toegewezen"));
        }
        if !lines.is_empty() {
            let text = lines.join("; ");
            store::insert_request_event(
                tx,
                r.id,
                now,
                Some(actor.user_id),
                EventKind::LicencesChanged,
                None,
                Some(&text),
            )
            .await?;
            append(tx, record(now, actor, "requests.licences", format!("request:{}", r.id), Outcome::Ok, Some(text)))
                .await?;
        }
        Ok(())
    }

    /// Adds a comment to a request (requester, line manager or regie team).
    #[tracing::instrument(skip_all, fields(request = %id))]
    pub async fn comment_on_request(&self, actor: &Actor, id: RequestId, text: &str) -> Result<(), ServiceError> {
        let r = self.visible_request(actor, id, "requests.comment").await?;
        if r.anonymised_at.is_some() {
            return Err(Invalid::one("opmerking", Problem::StepNotAllowed).into());
        }
        let text = multiline_text("opmerking", text, MAX_COMMENT, true)?;
        let now = self.clock().now();
        let mut tx = self.db().begin().await?;
        store::insert_request_event(&mut tx, id, now, Some(actor.user_id), EventKind::Comment, None, Some(&text))
            .await?;
        append(&mut tx, record(now, actor, "requests.comment", format!("request:{id}"), Outcome::Ok, None)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest requests for the regie team (at most 500), optionally of one status, with the
    /// counts over every request: total, open and overdue.
    #[tracing::instrument(skip_all)]
    pub async fn request_list(&self, actor: &Actor, only: Option<RequestStatus>) -> Result<RequestList, ServiceError> {
        self.guard(actor, Action::HandleRequests, "requests.list", "requests".into()).await?;
        let today = self.clock().today();
        let (rows, (total, open, overdue)) = tokio::try_join!(
            store::list_requests(self.db(), RequestScope::All, only, LIST_LIMIT),
            store::count_requests(self.db(), today),
        )?;
        let requests = rows.into_iter().map(|r| summary(r, today)).collect();
        Ok(RequestList { requests, total, open, overdue })
    }
}
