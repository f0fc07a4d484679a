//! Status-page components of a source and which of our services each stands for, so that a vendor's
//! component states become intervals of the right services.

use super::SourceId;
use crate::db::{Db, Tx};
use crate::error::{Result, StoreError};
use domain::VendorServiceId;

/// The conflict hint for a vendor component listed twice for one source.
pub const SOURCE_COMPONENT: &str = "source_component";

/// A vendor component of a source and the service it stands for (`None`: known, not mapped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceComponentRow {
    pub vendor_component_id: String,
    pub service_id: Option<VendorServiceId>,
}

/// Replaces a source's component map. `Conflict("source_component")` when a component is listed twice,
/// `Conflict("foreign_key")` for an unknown source or service.
#[tracing::instrument(skip_all, fields(source = %source))]
pub async fn set_source_components(tx: &mut Tx, source: SourceId, components: &[SourceComponentRow]) -> Result<()> {
    on_tx!(tx, |ex| {
        sqlx::query("DELETE FROM source_components WHERE source_id = $1").bind(source.0).execute(&mut *ex).await?;
        for c in components {
            sqlx::query(
                "INSERT INTO source_components (source_id, vendor_component_id, service_id) VALUES ($1, $2, $3)",
            )
            .bind(source.0)
            .bind(&c.vendor_component_id)
            .bind(c.service_id.map(|s| s.0))
            .execute(&mut *ex)
            .await
            .map_err(|e| StoreError::from(e).unique_as(SOURCE_COMPONENT))?;
        }
    });
    Ok(())
}

/// A source's component map, by vendor component id.
#[tracing::instrument(skip_all)]
pub async fn source_components(db: &Db, source: SourceId) -> Result<Vec<SourceComponentRow>> {
    let rows: Vec<(String, Option<i64>)> = on_db!(db, |ex| {
        sqlx::query_as(
        "SELECT vendor_component_id, service_id FROM source_components WHERE source_id = $1 ORDER BY vendor_component_id"
    )
    .bind(source.0)
    .fetch_all(ex)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(vendor_component_id, service_id)| SourceComponentRow {
            vendor_component_id,
            service_id: service_id.map(VendorServiceId),
        })
        .collect())
}

/// Every source's component map in one query, by source and vendor component id.
#[tracing::instrument(skip_all)]
pub async fn all_source_components(db: &Db) -> Result<Vec<(SourceId, SourceComponentRow)>> {
    let rows: Vec<(i64, String, Option<i64>)> = on_db!(db, |ex| {
        sqlx::query_as(
            "SELECT source_id, vendor_component_id, service_id FROM source_components
             ORDER BY source_id, vendor_component_id",
        )
        .fetch_all(ex)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(source, vendor_component_id, service_id)| {
            (SourceId(source), SourceComponentRow { vendor_component_id, service_id: service_id.map(VendorServiceId) })
        })
        .collect())
}
