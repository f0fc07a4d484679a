//! Lists of requests (mine, my team's, everyone's for the regie team) and the anonymisation of closed
//! requests after the retention period.

use super::json;
use super::requests::status;
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::requests::anonymise::REDACTED;
use domain::requests::views::EventKind;
use domain::requests::{Answer, Approvals, RequestStatus};
use domain::{RequestId, UserId};

/// Whose requests to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestScope {
    /// Filed by this user.
    Requester(UserId),
    /// Filed by the people this user manages.
    TeamOf(UserId),
    /// Everyone's (the regie team).
    All,
}

/// A request in a list, before the service adds what depends on today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestListRow {
    pub id: RequestId,
    pub form_title: String,
    pub requester_name: Option<String>,
    pub status: RequestStatus,
    pub approvals: Approvals,
    pub filed_at: DateTime<Utc>,
    pub due_on: NaiveDate,
    pub service_name: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    form_title: String,
    requester_name: Option<String>,
    status: String,
    manager_needed: bool,
    regie_needed: bool,
    manager_given: bool,
    regie_given: bool,
    filed_at: DateTime<Utc>,
    due_on: NaiveDate,
    service_name: Option<String>,
}

/// The requests in scope, optionally of one status, newest first, at most `limit`.
#[tracing::instrument(skip_all)]
pub async fn list_requests(
    db: &Db,
    scope: RequestScope,
    only: Option<RequestStatus>,
    limit: u32,
) -> Result<Vec<RequestListRow>> {
    let (requester, manager) = match scope {
        RequestScope::Requester(u) => (Some(u.0), None),
        RequestScope::TeamOf(m) => (None, Some(m.0)),
        RequestScope::All => (None, None),
    };
    let rows: Vec<ListRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT r.id, v.title AS form_title, u.display_name AS requester_name, r.status, r.manager_needed,
                r.regie_needed, r.manager_given, r.regie_given, r.filed_at, r.due_on, s.name AS service_name
         FROM requests r JOIN request_form_versions v ON v.id = r.form_version_id
         LEFT JOIN users u ON u.id = r.requester_id LEFT JOIN vendor_services s ON s.id = r.service_id
         WHERE ($1 IS NULL OR r.requester_id = $1) AND ($2 IS NULL OR u.manager_id = $2)
           AND ($3 IS NULL OR r.status = $3)
         ORDER BY r.filed_at DESC, r.id DESC LIMIT $4"
    )
    .bind(requester)
    .bind(manager)
    .bind(only.map(RequestStatus::key))
    .bind(i64::from(limit))
    .fetch_all(ex)
    .await)?;
    rows.into_iter()
        .map(|r| {
            Ok(RequestListRow {
                id: RequestId(r.id),
                form_title: r.form_title,
                requester_name: r.requester_name,
                status: status(&r.status)?,
                approvals: Approvals {
                    manager_needed: r.manager_needed,
                    regie_needed: r.regie_needed,
                    manager_given: r.manager_given,
                    regie_given: r.regie_given,
                },
                filed_at: r.filed_at,
                due_on: r.due_on,
                service_name: r.service_name,
            })
        })
        .collect()
}

/// Closed requests closed before `cutoff` that still hold personal data, with their answers.
#[tracing::instrument(skip_all)]
pub async fn requests_to_anonymise(tx: &mut Tx, cutoff: DateTime<Utc>) -> Result<Vec<(RequestId, Vec<Answer>)>> {
    let rows: Vec<(i64, String)> = on_tx!(tx, |ex| sqlx::query_as(
        "SELECT id, answers FROM requests WHERE anonymised_at IS NULL AND closed_at IS NOT NULL AND closed_at <= $1
         ORDER BY id"
    )
    .bind(cutoff)
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(|(id, a)| Ok((RequestId(id), json("answers", &a)?))).collect()
}

/// Removes the personal data of one request: the requester link, the given answers (already
/// redacted by the caller), the text of comments and reasons, and who took each step.
#[tracing::instrument(skip_all, fields(request = %id))]
pub async fn anonymise_request(tx: &mut Tx, id: RequestId, answers: &[Answer], now: DateTime<Utc>) -> Result<()> {
    let answers = serde_json::to_string(answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    on_tx!(&mut *tx, |ex| sqlx::query(
        "UPDATE requests SET requester_id = NULL, answers = $1, anonymised_at = $2 WHERE id = $3"
    )
    .bind(answers)
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(drop))?;
    on_tx!(&mut *tx, |ex| sqlx::query(
        "UPDATE request_events SET actor_id = NULL, text = CASE WHEN text IS NULL THEN NULL ELSE $1 END
         WHERE request_id = $2"
    )
    .bind(REDACTED)
    .bind(id.0)
    .execute(ex)
    .await
    .map(drop))?;
    on_tx!(tx, |ex| sqlx::query(
        "INSERT INTO request_events (request_id, at, actor_id, kind, side, text) VALUES ($1, $2, NULL, $3, NULL, NULL)"
    )
    .bind(id.0)
    .bind(now)
    .bind(EventKind::Anonymised.key())
    .execute(ex)
    .await
    .map(drop))?;
    Ok(())
}

/// The open profile change request of a user, if any.
#[tracing::instrument(skip_all, fields(user = %user))]
pub async fn open_profile_request(db: &Db, user: UserId) -> Result<Option<RequestId>> {
    let id: Option<i64> = on_db!(db, |ex| sqlx::query_scalar(
        "SELECT r.id FROM requests r JOIN request_form_versions v ON v.id = r.form_version_id
         WHERE r.requester_id = $1 AND v.purpose = 'werkprofiel'
           AND r.status NOT IN ('afgewezen', 'afgerond', 'geannuleerd')
         ORDER BY r.id DESC LIMIT 1"
    )
    .bind(user.0)
    .fetch_optional(ex)
    .await)?;
    Ok(id.map(RequestId))
}

/// How many requests there are, how many are open and how many of those are past their due date
/// on `today` (the regie team's counts, over every request rather than one page of them).
#[tracing::instrument(skip_all)]
pub async fn count_requests(db: &Db, today: NaiveDate) -> Result<(u32, u32, u32)> {
    let (total, open, overdue): (i64, i64, i64) = on_db!(db, |ex| sqlx::query_as(
        "SELECT COUNT(*),
                COALESCE(SUM(CASE WHEN status NOT IN ('afgewezen', 'afgerond', 'geannuleerd') THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN status NOT IN ('afgewezen', 'afgerond', 'geannuleerd') AND due_on < $1
                                  THEN 1 ELSE 0 END), 0)
         FROM requests"
    )
    .bind(today)
    .fetch_one(ex)
    .await)?;
    let n = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
    Ok((n(total), n(open), n(overdue)))
}
