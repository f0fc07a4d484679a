//! Request forms and their published versions. The builder edits a form's draft; publishing freezes
//! the draft into a new numbered version and retires the one before, so that a filed request keeps
//! the exact fields it was filed with.

use super::{corrupt, json, u32_of};
use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::requests::views::{FormEditor, FormSummary, VersionInfo};
use domain::requests::{Approval, FieldDef, FormPurpose, FormSettings};
use domain::{FormVersionId, RequestFormId, UserId};

/// id, number, published, retired, fields (JSON), requests filed on it.
type VersionListRow = (i64, i64, DateTime<Utc>, Option<DateTime<Utc>>, String, i64);

#[derive(sqlx::FromRow)]
struct FormRow {
    id: i64,
    title: String,
    description: Option<String>,
    purpose: String,
    approval: String,
    handling_days: i64,
    draft_fields: String,
    withdrawn_at: Option<DateTime<Utc>>,
    version_id: Option<i64>,
    version_number: Option<i64>,
    version_fields: Option<String>,
}

const SELECT: &str = "SELECT f.id, f.title, f.description, f.purpose, f.approval, f.handling_days, f.draft_fields,
        f.withdrawn_at, v.id AS version_id, v.number AS version_number, v.fields AS version_fields
     FROM request_forms f
     LEFT JOIN request_form_versions v ON v.form_id = f.id AND v.retired_at IS NULL";

fn purpose(key: &str) -> Result<FormPurpose> {
    FormPurpose::parse(key).ok_or_else(|| corrupt("purpose", key))
}

fn approval(key: &str) -> Result<Approval> {
    Approval::parse(key).ok_or_else(|| corrupt("approval", key))
}

impl FormRow {
    fn summary(&self) -> Result<FormSummary> {
        Ok(FormSummary {
            id: RequestFormId(self.id),
            title: self.title.clone(),
            description: self.description.clone(),
            purpose: purpose(&self.purpose)?,
            approval: approval(&self.approval)?,
            handling_days: u32_of("handling_days", self.handling_days)?,
            version: self.version_id.map(FormVersionId),
            version_number: self.version_number.map(|n| u32_of("number", n)).transpose()?.unwrap_or(0),
            withdrawn: self.withdrawn_at.is_some(),
            unpublished_changes: self.version_fields.as_deref() != Some(self.draft_fields.as_str()),
        })
    }
}

/// Every form, shipped ones first, then by title.
#[tracing::instrument(skip_all)]
pub async fn list_forms(db: &Db) -> Result<Vec<FormSummary>> {
    let rows: Vec<FormRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY CASE WHEN f.purpose = 'eigen' THEN 1 ELSE 0 END, f.title, f.id"
    )))
    .fetch_all(ex)
    .await)?;
    rows.iter().map(FormRow::summary).collect()
}

/// One form for the builder: settings, draft and every version with how many requests used it.
#[tracing::instrument(skip_all, fields(form = %id))]
pub async fn form_editor(db: &Db, id: RequestFormId) -> Result<FormEditor> {
    let row: FormRow = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE f.id = $1")))
        .bind(id.0)
        .fetch_optional(ex)
        .await)?
    .ok_or(StoreError::NotFound)?;
    let versions: Vec<VersionListRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT v.id, v.number, v.published_at, v.retired_at, v.fields,
                (SELECT COUNT(*) FROM requests r WHERE r.form_version_id = v.id)
         FROM request_form_versions v WHERE v.form_id = $1 ORDER BY v.number DESC"
    )
    .bind(id.0)
    .fetch_all(ex)
    .await)?;
    let versions = versions
        .into_iter()
        .map(|(id, number, published_at, retired_at, fields, requests)| {
            let fields: Vec<FieldDef> = json("fields", &fields)?;
            Ok(VersionInfo {
                id: FormVersionId(id),
                number: u32_of("number", number)?,
                published_at,
                retired_at,
                fields: fields.len() as u32,
                requests: u32_of("requests", requests)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(FormEditor { summary: row.summary()?, draft: json("draft_fields", &row.draft_fields)?, versions })
}

/// The draft fields of a form, read inside `tx` (the builder changes them one at a time).
#[tracing::instrument(skip_all, fields(form = %id))]
pub async fn draft_fields(tx: &mut Tx, id: RequestFormId) -> Result<Vec<FieldDef>> {
    let draft: String = on_tx!(tx, |ex| sqlx::query_scalar("SELECT draft_fields FROM request_forms WHERE id = $1")
        .bind(id.0)
        .fetch_optional(ex)
        .await)?
    .ok_or(StoreError::NotFound)?;
    json("draft_fields", &draft)
}

/// Adds a form with its settings and draft fields (unpublished).
#[tracing::instrument(skip_all)]
pub async fn insert_form(
    tx: &mut Tx,
    settings: &FormSettings,
    purpose: FormPurpose,
    draft: &[FieldDef],
    now: DateTime<Utc>,
) -> Result<RequestFormId> {
    let draft = serde_json::to_string(draft).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO request_forms (title, description, purpose, approval, handling_days, draft_fields, created_at,
             updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id"
    )
    .bind(&settings.title)
    .bind(&settings.description)
    .bind(purpose.key())
    .bind(settings.approval.key())
    .bind(i64::from(settings.handling_days))
    .bind(draft)
    .bind(now)
    .fetch_one(ex)
    .await)?;
    Ok(RequestFormId(id))
}

/// Changes a form's settings (they reach staff with the next publication); `NotFound` when unknown.
#[tracing::instrument(skip_all, fields(form = %id))]
pub async fn update_form_settings(tx: &mut Tx, id: RequestFormId, s: &FormSettings, now: DateTime<Utc>) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query(
        "UPDATE request_forms SET title = $1, description = $2, approval = $3, handling_days = $4, updated_at = $5
         WHERE id = $6"
    )
    .bind(&s.title)
    .bind(&s.description)
    .bind(s.approval.key())
    .bind(i64::from(s.handling_days))
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    found(n)
}

/// Replaces a form's draft fields.
#[tracing::instrument(skip_all, fields(form = %id))]
pub async fn set_draft_fields(tx: &mut Tx, id: RequestFormId, fields: &[FieldDef], now: DateTime<Utc>) -> Result<()> {
    let draft = serde_json::to_string(fields).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let n = on_tx!(tx, |ex| sqlx::query("UPDATE request_forms SET draft_fields = $1, updated_at = $2 WHERE id = $3")
        .bind(draft)
        .bind(now)
        .bind(id.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(n)
}

/// Publishes the draft and settings as the next version and retires the current one; returns the
/// new version's id and number. `by` is none for what the system publishes (the shipped forms).
#[tracing::instrument(skip_all, fields(form = %id))]
pub async fn publish_form(
    tx: &mut Tx,
    id: RequestFormId,
    by: Option<UserId>,
    now: DateTime<Utc>,
) -> Result<(FormVersionId, u32)> {
    let number: i64 = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM request_form_versions WHERE form_id = $1"
    )
    .bind(id.0)
    .fetch_one(ex)
    .await)?;
    on_tx!(&mut *tx, |ex| sqlx::query(
        "UPDATE request_form_versions SET retired_at = $1 WHERE form_id = $2 AND retired_at IS NULL"
    )
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(drop))?;
    let version: Option<i64> = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "INSERT INTO request_form_versions (form_id, number, title, description, purpose, approval, handling_days,
             fields, published_at, published_by)
         SELECT id, $1, title, description, purpose, approval, handling_days, draft_fields, $2, $3
         FROM request_forms WHERE id = $4 RETURNING id"
    )
    .bind(number)
    .bind(now)
    .bind(by.map(|b| b.0))
    .bind(id.0)
    .fetch_optional(ex)
    .await)?;
    let version = version.ok_or(StoreError::NotFound)?;
    on_tx!(tx, |ex| sqlx::query("UPDATE request_forms SET withdrawn_at = NULL, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.0)
        .execute(ex)
        .await
        .map(drop))?;
    Ok((FormVersionId(version), u32_of("number", number)?))
}

/// Withdraws a form from the portal (its current version is retired) or offers it again.
#[tracing::instrument(skip_all, fields(form = %id))]
pub async fn set_form_withdrawn(tx: &mut Tx, id: RequestFormId, withdrawn: bool, now: DateTime<Utc>) -> Result<()> {
    let n = on_tx!(&mut *tx, |ex| sqlx::query(
        "UPDATE request_forms SET withdrawn_at = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(withdrawn.then_some(now))
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    found(n)
}

/// A published version as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVersion {
    pub id: FormVersionId,
    pub form: RequestFormId,
    pub number: u32,
    pub title: String,
    pub description: Option<String>,
    pub purpose: FormPurpose,
    pub approval: Approval,
    pub handling_days: u32,
    pub fields: Vec<FieldDef>,
    /// False when a newer version was published or the form was withdrawn.
    pub current: bool,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    id: i64,
    form_id: i64,
    number: i64,
    title: String,
    description: Option<String>,
    purpose: String,
    approval: String,
    handling_days: i64,
    fields: String,
    retired_at: Option<DateTime<Utc>>,
    withdrawn_at: Option<DateTime<Utc>>,
}

const VERSION: &str = "SELECT v.id, v.form_id, v.number, v.title, v.description, v.purpose, v.approval,
        v.handling_days, v.fields, v.retired_at, f.withdrawn_at
     FROM request_form_versions v JOIN request_forms f ON f.id = v.form_id";

impl TryFrom<VersionRow> for StoredVersion {
    type Error = StoreError;
    fn try_from(r: VersionRow) -> Result<Self> {
        Ok(StoredVersion {
            id: FormVersionId(r.id),
            form: RequestFormId(r.form_id),
            number: u32_of("number", r.number)?,
            title: r.title,
            description: r.description,
            purpose: purpose(&r.purpose)?,
            approval: approval(&r.approval)?,
            handling_days: u32_of("handling_days", r.handling_days)?,
            fields: json("fields", &r.fields)?,
            current: r.retired_at.is_none() && r.withdrawn_at.is_none(),
        })
    }
}

/// A version by id, read inside `tx` so that filing sees the version as it is at that moment.
#[tracing::instrument(skip_all, fields(version = %id))]
pub async fn version_in(tx: &mut Tx, id: FormVersionId) -> Result<StoredVersion> {
    let row: VersionRow = on_tx!(tx, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!("{VERSION} WHERE v.id = $1")))
        .bind(id.0)
        .fetch_optional(ex)
        .await)?
    .ok_or(StoreError::NotFound)?;
    row.try_into()
}

/// The current version of a form (none when unpublished or withdrawn).
#[tracing::instrument(skip_all, fields(form = %form))]
pub async fn current_version(db: &Db, form: RequestFormId) -> Result<Option<StoredVersion>> {
    let row: Option<VersionRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VERSION} WHERE v.form_id = $1 AND v.retired_at IS NULL AND f.withdrawn_at IS NULL"
    )))
    .bind(form.0)
    .fetch_optional(ex)
    .await)?;
    row.map(StoredVersion::try_from).transpose()
}

/// The current version of the first form offered for `purpose` (e.g. the profile change form).
#[tracing::instrument(skip_all)]
pub async fn current_version_for(db: &Db, purpose: FormPurpose) -> Result<Option<StoredVersion>> {
    let row: Option<VersionRow> = on_db!(db, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VERSION} WHERE f.purpose = $1 AND v.retired_at IS NULL AND f.withdrawn_at IS NULL ORDER BY f.id LIMIT 1"
    )))
    .bind(purpose.key())
    .fetch_optional(ex)
    .await)?;
    row.map(StoredVersion::try_from).transpose()
}

/// How many forms exist (read inside `tx`).
#[tracing::instrument(skip_all)]
pub async fn count_forms(tx: &mut Tx) -> Result<i64> {
    Ok(on_tx!(tx, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM request_forms").fetch_one(ex).await)?)
}

/// Every current version, read inside `tx` (the demo files its example requests on them).
#[tracing::instrument(skip_all)]
pub async fn current_versions_in(tx: &mut Tx) -> Result<Vec<StoredVersion>> {
    let rows: Vec<VersionRow> = on_tx!(tx, |ex| sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{VERSION} WHERE v.retired_at IS NULL AND f.withdrawn_at IS NULL ORDER BY v.form_id"
    )))
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(StoredVersion::try_from).collect()
}
