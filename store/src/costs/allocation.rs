//! Served organisations and the verdeelsleutels that divide costs over them.

use super::key;
use crate::db::{Db, Tx};
use crate::error::{found, Result, StoreError};
use chrono::{DateTime, Utc};
use domain::views_costs::{AllocationKeyView, AllocationShare, AllocationTarget, Organisation};
use domain::{ContractId, CostCentreId, OrganisationId};

/// The constraint a second organisation with the same name breaks.
pub const ORGANISATION_NAME: &str = "served_organisation_name";

#[derive(sqlx::FromRow)]
struct OrgRow {
    id: i64,
    name: String,
    inhabitants: Option<i64>,
    employees: Option<i64>,
}

fn count(v: Option<i64>) -> Option<u64> {
    v.and_then(|n| u64::try_from(n).ok())
}

fn stored(v: Option<u64>) -> Option<i64> {
    v.map(|n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// All served organisations by name.
#[tracing::instrument(skip_all)]
pub async fn list_organisations(db: &Db) -> Result<Vec<Organisation>> {
    let rows: Vec<OrgRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, name, inhabitants, employees FROM served_organisations ORDER BY name_key"
    )
    .fetch_all(ex)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Organisation {
            id: OrganisationId(r.id),
            name: r.name,
            inhabitants: count(r.inhabitants),
            employees: count(r.employees),
        })
        .collect())
}

/// Adds an organisation; `Conflict(ORGANISATION_NAME)` when the name exists.
#[tracing::instrument(skip_all)]
pub async fn insert_organisation(
    tx: &mut Tx,
    name: &str,
    inhabitants: Option<u64>,
    employees: Option<u64>,
    now: DateTime<Utc>,
) -> Result<OrganisationId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO served_organisations (name, name_key, inhabitants, employees, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(name)
    .bind(key(name))
    .bind(stored(inhabitants))
    .bind(stored(employees))
    .bind(now)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(ORGANISATION_NAME))?;
    Ok(OrganisationId(id))
}

/// Replaces an organisation's name and counts; `NotFound` or `Conflict(ORGANISATION_NAME)`.
#[tracing::instrument(skip_all)]
pub async fn update_organisation(
    tx: &mut Tx,
    id: OrganisationId,
    name: &str,
    inhabitants: Option<u64>,
    employees: Option<u64>,
) -> Result<()> {
    let n = on_tx!(tx, |ex| sqlx::query(
        "UPDATE served_organisations SET name = $1, name_key = $2, inhabitants = $3, employees = $4 WHERE id = $5"
    )
    .bind(name)
    .bind(key(name))
    .bind(stored(inhabitants))
    .bind(stored(employees))
    .bind(id.0)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .map_err(|e| StoreError::from(e).unique_as(ORGANISATION_NAME))?;
    found(n)
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    contract_id: Option<i64>,
    cost_centre_id: Option<i64>,
    label: String,
    basis: String,
    organisation_id: Option<i64>,
    organisation_name: Option<String>,
    weight: Option<i64>,
}

/// Every key with its shares (fixed weights as stored; count keys carry the organisations' current
/// inhabitants or employees, 0 when unknown).
#[tracing::instrument(skip_all)]
pub async fn list_allocation_keys(db: &Db) -> Result<Vec<AllocationKeyView>> {
    let rows: Vec<KeyRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT k.contract_id, k.cost_centre_id,
                COALESCE(c.reference, cc.code || ' ' || cc.name) AS label, k.basis,
                s.organisation_id, o.name AS organisation_name,
                CASE k.basis WHEN 'inwoners' THEN COALESCE(o.inhabitants, 0)
                             WHEN 'medewerkers' THEN COALESCE(o.employees, 0)
                             ELSE s.weight END AS weight
         FROM allocation_keys k
         LEFT JOIN contracts c ON c.id = k.contract_id
         LEFT JOIN cost_centres cc ON cc.id = k.cost_centre_id
         LEFT JOIN allocation_shares s ON s.key_id = k.id
         LEFT JOIN served_organisations o ON o.id = s.organisation_id
         ORDER BY k.id, o.name_key"
    )
    .fetch_all(ex)
    .await)?;
    let mut keys: Vec<AllocationKeyView> = Vec::new();
    for r in rows {
        let target = match (r.contract_id, r.cost_centre_id) {
            (Some(c), None) => AllocationTarget::Contract(ContractId(c)),
            (None, Some(c)) => AllocationTarget::CostCentre(CostCentreId(c)),
            _ => return Err(StoreError::Corrupt("allocation key without one target".into())),
        };
        if keys.last().map(|k| k.target) != Some(target) {
            keys.push(AllocationKeyView { target, target_label: r.label, basis: r.basis, shares: Vec::new() });
        }
        if let (Some(org), Some(name), Some(w), Some(k)) =
            (r.organisation_id, r.organisation_name, r.weight, keys.last_mut())
        {
            k.shares.push(AllocationShare {
                organisation: OrganisationId(org),
                organisation_name: name,
                weight: u64::try_from(w).unwrap_or(0),
            });
        }
    }
    Ok(keys)
}

/// Replaces the key of a target with `basis` and `shares` (organisation, weight); returns whether a
/// key existed before. `Conflict("foreign_key")` for an unknown target or organisation.
#[tracing::instrument(skip_all)]
pub async fn replace_allocation_key(
    tx: &mut Tx,
    target: AllocationTarget,
    basis: &str,
    shares: &[(OrganisationId, u64)],
    now: DateTime<Utc>,
) -> Result<bool> {
    let existed = delete_allocation_key(tx, target).await?;
    let (contract, centre) = match target {
        AllocationTarget::Contract(c) => (Some(c.0), None),
        AllocationTarget::CostCentre(c) => (None, Some(c.0)),
    };
    let id: i64 = on_tx!(&mut *tx, |ex| sqlx::query_scalar(
        "INSERT INTO allocation_keys (contract_id, cost_centre_id, basis, updated_at) VALUES ($1, $2, $3, $4)
         RETURNING id"
    )
    .bind(contract)
    .bind(centre)
    .bind(basis)
    .bind(now)
    .fetch_one(ex)
    .await)?;
    for (org, weight) in shares {
        on_tx!(&mut *tx, |ex| sqlx::query(
            "INSERT INTO allocation_shares (key_id, organisation_id, weight) VALUES ($1, $2, $3)"
        )
        .bind(id)
        .bind(org.0)
        .bind(i64::try_from(*weight).unwrap_or(i64::MAX))
        .execute(ex)
        .await
        .map(drop))?;
    }
    Ok(existed)
}

/// Removes the key of a target; returns whether there was one.
#[tracing::instrument(skip_all)]
pub async fn delete_allocation_key(tx: &mut Tx, target: AllocationTarget) -> Result<bool> {
    let n = on_tx!(tx, |ex| {
        let q = match target {
            AllocationTarget::Contract(c) => {
                sqlx::query("DELETE FROM allocation_keys WHERE contract_id = $1").bind(c.0)
            }
            AllocationTarget::CostCentre(c) => {
                sqlx::query("DELETE FROM allocation_keys WHERE cost_centre_id = $1").bind(c.0)
            }
        };
        q.execute(ex).await.map(|r| r.rows_affected())
    })?;
    Ok(n > 0)
}
