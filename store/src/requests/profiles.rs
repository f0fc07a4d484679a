//! Work profiles with the services and licences they bundle, and the people side of self-service:
//! each user's line manager and work profile.

use super::{corrupt, key};
use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::requests::profiles::{ProfileLicence, ProfileService};
use domain::requests::{DeviceClass, Measure, ProfileInput, WorkProfile};
use domain::{UserId, WorkProfileId};
use std::collections::HashMap;

/// The constraint a second profile with the same name breaks.
pub const WORK_PROFILE_NAME: &str = "work_profile_name";

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    name: String,
    description: Option<String>,
    device: String,
    measures: String,
    members: i64,
}

/// Every work profile by name, with what it bundles and how many people have it.
#[tracing::instrument(skip_all)]
pub async fn list_work_profiles(db: &Db) -> Result<Vec<WorkProfile>> {
    let rows: Vec<ProfileRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT p.id, p.name, p.description, p.device, p.measures,
                (SELECT COUNT(*) FROM users u WHERE u.work_profile_id = p.id) AS members
         FROM work_profiles p ORDER BY p.name_key"
    )
    .fetch_all(ex)
    .await)?;
    let services: Vec<(i64, i64, String)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT ps.profile_id, s.id, s.name FROM work_profile_services ps
         JOIN vendor_services s ON s.id = ps.service_id ORDER BY s.name_key, s.id"
    )
    .fetch_all(ex)
    .await)?;
    let licences: Vec<(i64, i64, String, String)> = on_db!(db, |ex| sqlx::query_as(
        "SELECT pl.profile_id, l.id, l.licence_type, c.reference FROM work_profile_licences pl
         JOIN licences l ON l.id = pl.licence_id JOIN contracts c ON c.id = l.contract_id
         ORDER BY l.type_key, l.id"
    )
    .fetch_all(ex)
    .await)?;
    let mut by_profile_s: HashMap<i64, Vec<ProfileService>> = HashMap::new();
    for (p, id, name) in services {
        by_profile_s.entry(p).or_default().push(ProfileService { id: domain::VendorServiceId(id), name });
    }
    let mut by_profile_l: HashMap<i64, Vec<ProfileLicence>> = HashMap::new();
    for (p, id, licence_type, contract_reference) in licences {
        by_profile_l.entry(p).or_default().push(ProfileLicence {
            id: domain::LicenceId(id),
            licence_type,
            contract_reference,
        });
    }
    rows.into_iter()
        .map(|r| {
            let measures = r
                .measures
                .split(',')
                .filter(|m| !m.is_empty())
                .map(|m| Measure::parse(m).ok_or_else(|| corrupt("measure", m)))
                .collect::<Result<Vec<_>>>()?;
            Ok(WorkProfile {
                id: WorkProfileId(r.id),
                name: r.name,
                description: r.description,
                device: DeviceClass::parse(&r.device).ok_or_else(|| corrupt("device", &r.device))?,
                measures,
                services: by_profile_s.remove(&r.id).unwrap_or_default(),
                licences: by_profile_l.remove(&r.id).unwrap_or_default(),
                members: u32::try_from(r.members).unwrap_or(u32::MAX),
            })
        })
        .collect()
}

fn measures(p: &ProfileInput) -> String {
    p.measures.iter().map(|m| m.key()).collect::<Vec<_>>().join(",")
}

async fn set_links(tx: &mut Tx, id: WorkProfileId, p: &ProfileInput) -> Result<()> {
    on_tx!(&mut *tx, |ex| sqlx::query("DELETE FROM work_profile_services WHERE profile_id = $1")
        .bind(id.0)
        .execute(ex)
        .await
        .map(drop))?;
    on_tx!(&mut *tx, |ex| sqlx::query("DELETE FROM work_profile_licences WHERE profile_id = $1")
        .bind(id.0)
        .execute(ex)
        .await
        .map(drop))?;
    for s in &p.services {
        on_tx!(&mut *tx, |ex| sqlx::query(
            "INSERT INTO work_profile_services (profile_id, service_id) VALUES ($1, $2)"
        )
        .bind(id.0)
        .bind(s.0)
        .execute(ex)
        .await
        .map(drop))?;
    }
    for l in &p.licences {
        on_tx!(&mut *tx, |ex| sqlx::query(
            "INSERT INTO work_profile_licences (profile_id, licence_id) VALUES ($1, $2)"
        )
        .bind(id.0)
        .bind(l.0)
        .execute(ex)
        .await
        .map(drop))?;
    }
    Ok(())
}

/// Adds a profile; `Conflict(WORK_PROFILE_NAME)` for a name in use, `Conflict("foreign_key")` for an
/// unknown service or licence.
#[tracing::instrument(skip_all)]
pub async fn insert_work_profile(tx: &mut Tx, p: &ProfileInput, now: DateTime<Utc>) -> Result<WorkProfileId> {
    let id: i64 = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "INSERT INTO work_profiles (name, name_key, description, device, measures, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id"
    )
    .bind(&p.name)
    .bind(key(&p.name))
    .bind(&p.description)
    .bind(p.device.key())
    .bind(measures(p))
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(WORK_PROFILE_NAME))?;
    let id = WorkProfileId(id);
    set_links(tx, id, p).await?;
    Ok(id)
}

/// Changes a profile and what it bundles; `NotFound` when unknown.
#[tracing::instrument(skip_all, fields(profile = %id))]
pub async fn update_work_profile(tx: &mut Tx, id: WorkProfileId, p: &ProfileInput, now: DateTime<Utc>) -> Result<()> {
    let n = on_tx!(&mut *tx, |ex| sqlx::query(
        "UPDATE work_profiles SET name = $1, name_key = $2, description = $3, device = $4, measures = $5,
             updated_at = $6 WHERE id = $7"
    )
    .bind(&p.name)
    .bind(key(&p.name))
    .bind(&p.description)
    .bind(p.device.key())
    .bind(measures(p))
    .bind(now)
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::from(e).unique_as(WORK_PROFILE_NAME))?;
    found(n)?;
    set_links(tx, id, p).await
}

/// A user's line manager and work profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placement {
    pub manager: Option<UserId>,
    pub profile: Option<WorkProfileId>,
}

/// Where a user stands: manager and profile; `NotFound` for an unknown user.
#[tracing::instrument(skip_all, fields(user = %user))]
pub async fn placement(db: &Db, user: UserId) -> Result<Placement> {
    let row: (Option<i64>, Option<i64>) =
        on_db!(db, |ex| sqlx::query_as("SELECT manager_id, work_profile_id FROM users WHERE id = $1")
            .bind(user.0)
            .fetch_optional(ex)
            .await)?
        .ok_or(StoreError::NotFound)?;
    Ok(Placement { manager: row.0.map(UserId), profile: row.1.map(WorkProfileId) })
}

/// Every user's manager, for the user list (user -> manager).
#[tracing::instrument(skip_all)]
pub async fn managers(db: &Db) -> Result<HashMap<UserId, UserId>> {
    let rows: Vec<(i64, i64)> =
        on_db!(db, |ex| sqlx::query_as("SELECT id, manager_id FROM users WHERE manager_id IS NOT NULL")
            .fetch_all(ex)
            .await)?;
    Ok(rows.into_iter().map(|(u, m)| (UserId(u), UserId(m))).collect())
}

/// Sets (or clears) a user's line manager; `NotFound` for an unknown user.
#[tracing::instrument(skip_all, fields(user = %user))]
pub async fn set_manager(tx: &mut Tx, user: UserId, manager: Option<UserId>) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query("UPDATE users SET manager_id = $1 WHERE id = $2")
        .bind(manager.map(|m| m.0))
        .bind(user.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(n)
}

/// Sets a user's work profile (when a profile change is completed).
#[tracing::instrument(skip_all, fields(user = %user))]
pub async fn set_work_profile(tx: &mut Tx, user: UserId, profile: Option<WorkProfileId>) -> Result<()> {
    on_tx!(tx, |ex| sqlx::query("UPDATE users SET work_profile_id = $1 WHERE id = $2")
        .bind(profile.map(|p| p.0))
        .bind(user.0)
        .execute(ex)
        .await
        .map(drop))?;
    Ok(())
}

/// How many work profiles exist (read inside `tx`).
#[tracing::instrument(skip_all)]
pub async fn count_work_profiles(tx: &mut Tx) -> Result<i64> {
    Ok(on_tx!(tx, |ex| sqlx::query_scalar("SELECT COUNT(*) FROM work_profiles").fetch_one(ex).await)?)
}
