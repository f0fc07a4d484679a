//! Filed requests, their history and the licence seats a profile change implies.

use super::{corrupt, json, u32_of};
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::requests::views::{EventKind, RequestEvent, RequestLicence};
use domain::requests::{Answer, Approvals, FormPurpose, LicenceChange, RequestStatus, Side};
use domain::{FormVersionId, LicenceId, RequestFormId, RequestId, UserId, VendorServiceId, WorkProfileId};

/// at, actor name, kind, side, text.
type EventRow = (DateTime<Utc>, Option<String>, String, Option<String>, Option<String>);
/// licence, type, contract reference, delta, applied at.
type LicenceRow = (i64, String, String, i64, Option<DateTime<Utc>>);

/// The conflict hint when a submit token was used before (a second click on submit).
pub const SUBMIT_TOKEN: &str = "request_submit_token";

/// A request ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub version: FormVersionId,
    pub requester: UserId,
    pub submit_token: String,
    pub status: RequestStatus,
    pub approvals: Approvals,
    pub answers: Vec<Answer>,
    pub service: Option<VendorServiceId>,
    pub profile: Option<WorkProfileId>,
    pub filed_at: DateTime<Utc>,
    pub due_on: NaiveDate,
}

/// Stores a request; `Conflict(SUBMIT_TOKEN)` when its token was used before.
#[tracing::instrument(skip_all)]
pub async fn insert_request(tx: &mut Tx, r: &NewRequest) -> Result<RequestId> {
    let answers = serde_json::to_string(&r.answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO requests (form_version_id, requester_id, submit_token, status, manager_needed, regie_needed,
             manager_given, regie_given, answers, service_id, profile_id, filed_at, due_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"
    )
    .bind(r.version.0)
    .bind(r.requester.0)
    .bind(&r.submit_token)
    .bind(r.status.key())
    .bind(r.approvals.manager_needed)
    .bind(r.approvals.regie_needed)
    .bind(r.approvals.manager_given)
    .bind(r.approvals.regie_given)
    .bind(answers)
    .bind(r.service.map(|s| s.0))
    .bind(r.profile.map(|p| p.0))
    .bind(r.filed_at)
    .bind(r.due_on)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(SUBMIT_TOKEN))?;
    Ok(RequestId(id))
}

/// The request filed with a submit token, and by whom.
#[tracing::instrument(skip_all)]
pub async fn request_by_token(db: &Db, token: &str) -> Result<Option<(RequestId, Option<UserId>)>> {
    let row: Option<(i64, Option<i64>)> =
        on_db!(db, |ex| sqlx::query_as("SELECT id, requester_id FROM requests WHERE submit_token = $1")
            .bind(token)
            .fetch_optional(ex)
            .await)?;
    Ok(row.map(|(id, u)| (RequestId(id), u.map(UserId))))
}

/// A request as stored, with its form version's facts and the requester's manager.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    pub id: RequestId,
    pub form: RequestFormId,
    pub form_title: String,
    pub version_number: u32,
    pub purpose: FormPurpose,
    pub requester: Option<UserId>,
    pub requester_name: Option<String>,
    pub manager: Option<UserId>,
    pub manager_name: Option<String>,
    pub status: RequestStatus,
    pub approvals: Approvals,
    pub answers: Vec<Answer>,
    pub service: Option<VendorServiceId>,
    pub profile: Option<(WorkProfileId, String)>,
    pub filed_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub closed_at: Option<DateTime<Utc>>,
    pub anonymised_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    id: i64,
    form_id: i64,
    form_title: String,
    version_number: i64,
    purpose: String,
    requester_id: Option<i64>,
    requester_name: Option<String>,
    manager_id: Option<i64>,
    manager_name: Option<String>,
    status: String,
    manager_needed: bool,
    regie_needed: bool,
    manager_given: bool,
    regie_given: bool,
    answers: String,
    service_id: Option<i64>,
    profile_id: Option<i64>,
    profile_name: Option<String>,
    filed_at: DateTime<Utc>,
    due_on: NaiveDate,
    closed_at: Option<DateTime<Utc>>,
    anonymised_at: Option<DateTime<Utc>>,
}

pub(super) fn status(key: &str) -> Result<RequestStatus> {
    RequestStatus::parse(key).ok_or_else(|| corrupt("status", key))
}

const SELECT: &str = "SELECT r.id, v.form_id, v.title AS form_title, v.number AS version_number, v.purpose,
        r.requester_id, u.display_name AS requester_name, u.manager_id, m.display_name AS manager_name, r.status,
        r.manager_needed, r.regie_needed, r.manager_given, r.regie_given, r.answers, r.service_id, r.profile_id,
        p.name AS profile_name, r.filed_at, r.due_on, r.closed_at, r.anonymised_at
     FROM requests r JOIN request_form_versions v ON v.id = r.form_version_id
     LEFT JOIN users u ON u.id = r.requester_id LEFT JOIN users m ON m.id = u.manager_id
     LEFT JOIN work_profiles p ON p.id = r.profile_id
     WHERE r.id = $1";

impl TryFrom<RequestRow> for StoredRequest {
    type Error = StoreError;
    fn try_from(r: RequestRow) -> Result<Self> {
        Ok(StoredRequest {
            id: RequestId(r.id),
            form: RequestFormId(r.form_id),
            form_title: r.form_title,
            version_number: u32_of("number", r.version_number)?,
            purpose: FormPurpose::parse(&r.purpose).ok_or_else(|| corrupt("purpose", &r.purpose))?,
            requester: r.requester_id.map(UserId),
            requester_name: r.requester_name,
            manager: r.manager_id.map(UserId),
            manager_name: r.manager_name,
            status: status(&r.status)?,
            approvals: Approvals {
                manager_needed: r.manager_needed,
                regie_needed: r.regie_needed,
                manager_given: r.manager_given,
                regie_given: r.regie_given,
            },
            answers: json("answers", &r.answers)?,
            service: r.service_id.map(VendorServiceId),
            profile: r.profile_id.map(|p| (WorkProfileId(p), r.profile_name.unwrap_or_default())),
            filed_at: r.filed_at,
            due_on: r.due_on,
            closed_at: r.closed_at,
            anonymised_at: r.anonymised_at,
        })
    }
}

/// One request; `NotFound` when unknown.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn get_request(db: &Db, id: RequestId) -> Result<StoredRequest> {
    let row: RequestRow =
        on_db!(db, |ex| sqlx::query_as(SELECT).bind(id.0).fetch_optional(ex).await)?.ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// One request read inside `tx`.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn get_request_in(tx: &mut Tx, id: RequestId) -> Result<StoredRequest> {
    let row: RequestRow =
        on_tx!(tx, |ex| sqlx::query_as(SELECT).bind(id.0).fetch_optional(ex).await)?.ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// Moves a request from `before` to `after` (status and approvals) only if it is still as `before`
/// (another person may have taken a step meanwhile); returns whether it moved. Closing sets
/// `closed_at`.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn move_request(
    tx: &mut Tx,
    id: RequestId,
    before: (RequestStatus, Approvals),
    after: (RequestStatus, Approvals),
    now: DateTime<Utc>,
) -> Result<bool> {
    let n = on_tx!(tx, |ex| sqlx::query(
        "UPDATE requests SET status = $1, manager_given = $2, regie_given = $3,
             closed_at = CASE WHEN $4 THEN $5 ELSE closed_at END
         WHERE id = $6 AND status = $7 AND manager_given = $8 AND regie_given = $9"
    )
    .bind(after.0.key())
    .bind(after.1.manager_given)
    .bind(after.1.regie_given)
    .bind(after.0.is_closed())
    .bind(now)
    .bind(id.0)
    .bind(before.0.key())
    .bind(before.1.manager_given)
    .bind(before.1.regie_given)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// Adds an entry to a request's history.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn insert_request_event(
    tx: &mut Tx,
    id: RequestId,
    at: DateTime<Utc>,
    actor: Option<UserId>,
    kind: EventKind,
    side: Option<Side>,
    text: Option<&str>,
) -> Result<()> {
    on_tx!(tx, |ex| sqlx::query(
        "INSERT INTO request_events (request_id, at, actor_id, kind, side, text) VALUES ($1, $2, $3, $4, $5, $6)"
    )
    .bind(id.0)
    .bind(at)
    .bind(actor.map(|a| a.0))
    .bind(kind.key())
    .bind(side.map(Side::key))
    .bind(text)
    .execute(ex)
    .await
    .map(drop))?;
    Ok(())
}

/// A request's history, oldest first.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn request_events(db: &Db, id: RequestId) -> Result<Vec<RequestEvent>> {
    let rows: Vec<EventRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT e.at, u.display_name, e.kind, e.side, e.text FROM request_events e
             LEFT JOIN users u ON u.id = e.actor_id WHERE e.request_id = $1 ORDER BY e.at, e.id"
    )
    .bind(id.0)
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|(at, actor_name, kind, side, text)| {
            Ok(RequestEvent {
                at,
                actor_name,
                kind: EventKind::parse(&kind).ok_or_else(|| corrupt("event kind", &kind))?,
                side: side.as_deref().map(|s| Side::parse(s).ok_or_else(|| corrupt("side", s))).transpose()?,
                text,
            })
        })
        .collect()
}

/// Records the licence seats a request implies.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn insert_request_licences(tx: &mut Tx, id: RequestId, changes: &[LicenceChange]) -> Result<()> {
    for c in changes {
        on_tx!(&mut *tx, |ex| sqlx::query(
            "INSERT INTO request_licences (request_id, licence_id, licence_type, contract_reference, delta)
             VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id.0)
        .bind(c.licence.0)
        .bind(&c.licence_type)
        .bind(&c.contract_reference)
        .bind(i64::from(c.delta))
        .execute(ex)
        .await
        .map(drop))?;
    }
    Ok(())
}

/// The licence seats of a request.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn request_licences(db: &Db, id: RequestId) -> Result<Vec<RequestLicence>> {
    let rows: Vec<LicenceRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT licence_id, licence_type, contract_reference, delta, applied_at FROM request_licences
         WHERE request_id = $1 ORDER BY licence_id"
    )
    .bind(id.0)
    .fetch_all(ex)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(l, licence_type, contract_reference, delta, applied)| RequestLicence {
            change: LicenceChange {
                licence: LicenceId(l),
                licence_type,
                contract_reference,
                delta: if delta < 0 { -1 } else { 1 },
            },
            applied: applied.is_some(),
        })
        .collect())
}

/// Marks a request's licence seats applied; returns the ones that were not applied before.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn apply_request_licences(tx: &mut Tx, id: RequestId, now: DateTime<Utc>) -> Result<Vec<(LicenceId, i32)>> {
    let rows: Vec<(i64, i64)> = on_tx!(&mut *tx, |ex| {
        sqlx::query_as(
        "SELECT licence_id, delta FROM request_licences WHERE request_id = $1 AND applied_at IS NULL ORDER BY licence_id"
    )
    .bind(id.0)
    .fetch_all(ex)
    .await
    })?;
    on_tx!(tx, |ex| sqlx::query(
        "UPDATE request_licences SET applied_at = $1 WHERE request_id = $2 AND applied_at IS NULL"
    )
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(drop))?;
    Ok(rows.into_iter().map(|(l, d)| (LicenceId(l), if d < 0 { -1 } else { 1 })).collect())
}
