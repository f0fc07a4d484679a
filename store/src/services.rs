//! The services a vendor delivers (diensten) and the vendor's contact persons. Both belong to one
//! vendor and go when the vendor goes.

use crate::db::{Db, Tx};
use crate::error::{found, parse_key, Result, StoreError};
use crate::vendors::name_key;
use domain::vendor::{ContactPerson, Criticality, NewContactPerson, NewVendorService, VendorService};
use domain::{VendorId, VendorServiceId};

/// The conflict hint for a service name the vendor already uses.
pub const SERVICE_NAME: &str = "service_name";

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    vendor_id: i64,
    name: String,
    description: Option<String>,
    criticality: String,
    personal_data: bool,
}

impl TryFrom<ServiceRow> for VendorService {
    type Error = StoreError;
    fn try_from(r: ServiceRow) -> Result<Self> {
        Ok(VendorService {
            id: VendorServiceId(r.id),
            vendor_id: VendorId(r.vendor_id),
            name: r.name,
            description: r.description,
            criticality: parse_key("criticality", &r.criticality, Criticality::parse)?,
            personal_data: r.personal_data,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    vendor_id: i64,
    name: String,
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

impl From<ContactRow> for ContactPerson {
    fn from(r: ContactRow) -> Self {
        ContactPerson {
            id: r.id,
            vendor_id: VendorId(r.vendor_id),
            name: r.name,
            role: r.role,
            email: r.email,
            phone: r.phone,
        }
    }
}

/// Adds a service to a vendor. `Conflict("service_name")` when the vendor already has a service of
/// that name (case-insensitively), `Conflict("foreign_key")` when the vendor does not exist.
#[tracing::instrument(skip_all)]
pub async fn insert_service(tx: &mut Tx, vendor: VendorId, s: &NewVendorService) -> Result<VendorServiceId> {
    let id: i64 = on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO vendor_services (vendor_id, name, name_key, description, criticality, personal_data)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(vendor.0)
    .bind(&s.name)
    .bind(name_key(&s.name))
    .bind(&s.description)
    .bind(s.criticality.key())
    .bind(s.personal_data)
    .fetch_one(ex)
    .await)
    .map_err(|e| StoreError::from(e).unique_as(SERVICE_NAME))?;
    Ok(VendorServiceId(id))
}

/// A vendor's services, ordered by name (case-insensitively).
#[tracing::instrument(skip_all)]
pub async fn list_services(db: &Db, vendor: VendorId) -> Result<Vec<VendorService>> {
    let rows: Vec<ServiceRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, vendor_id, name, description, criticality, personal_data
         FROM vendor_services WHERE vendor_id = $1 ORDER BY name_key, id"
    )
    .bind(vendor.0)
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(VendorService::try_from).collect()
}

/// Every vendor's services, by vendor and then name.
#[tracing::instrument(skip_all)]
pub async fn list_all_services(db: &Db) -> Result<Vec<VendorService>> {
    let rows: Vec<ServiceRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, vendor_id, name, description, criticality, personal_data
         FROM vendor_services ORDER BY vendor_id, name_key, id"
    )
    .fetch_all(ex)
    .await)?;
    rows.into_iter().map(VendorService::try_from).collect()
}

/// One service; `NotFound` when it does not exist.
#[tracing::instrument(skip_all)]
pub async fn get_service(db: &Db, id: VendorServiceId) -> Result<VendorService> {
    let row: ServiceRow = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, vendor_id, name, description, criticality, personal_data FROM vendor_services WHERE id = $1"
    )
    .bind(id.0)
    .fetch_one(ex)
    .await)?;
    row.try_into()
}

/// Deletes one of a vendor's services (and its links to contracts). `NotFound` when the service does
/// not exist or belongs to another vendor.
#[tracing::instrument(skip_all)]
pub async fn delete_service(tx: &mut Tx, vendor: VendorId, id: VendorServiceId) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM vendor_services WHERE id = $1 AND vendor_id = $2")
        .bind(id.0)
        .bind(vendor.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(affected)
}

/// Adds a contact person to a vendor; returns the new id. `Conflict("foreign_key")` for an unknown
/// vendor.
#[tracing::instrument(skip_all)]
pub async fn insert_contact(tx: &mut Tx, vendor: VendorId, c: &NewContactPerson) -> Result<i64> {
    Ok(on_tx!(tx, |ex| sqlx::query_scalar(
        "INSERT INTO contact_persons (vendor_id, name, role, email, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id"
    )
    .bind(vendor.0)
    .bind(&c.name)
    .bind(&c.role)
    .bind(&c.email)
    .bind(&c.phone)
    .fetch_one(ex)
    .await)?)
}

/// A vendor's contact persons, ordered by name (case-insensitively), then by when they were added.
#[tracing::instrument(skip_all)]
pub async fn list_contacts(db: &Db, vendor: VendorId) -> Result<Vec<ContactPerson>> {
    let rows: Vec<ContactRow> = on_db!(db, |ex| sqlx::query_as(
        "SELECT id, vendor_id, name, role, email, phone FROM contact_persons WHERE vendor_id = $1 ORDER BY id"
    )
    .bind(vendor.0)
    .fetch_all(ex)
    .await)?;
    let mut contacts: Vec<ContactPerson> = rows.into_iter().map(ContactPerson::from).collect();
    // Sorted here rather than in SQL: SQLite's lower() only folds ASCII, so the backends would differ.
    contacts.sort_by_cached_key(|c| (c.name.to_lowercase(), c.id));
    Ok(contacts)
}

/// Deletes one of a vendor's contact persons. `NotFound` when it does not exist or belongs to another
/// vendor.
#[tracing::instrument(skip_all)]
pub async fn delete_contact(tx: &mut Tx, vendor: VendorId, contact_id: i64) -> Result<()> {
    let affected = on_tx!(tx, |ex| sqlx::query("DELETE FROM contact_persons WHERE id = $1 AND vendor_id = $2")
        .bind(contact_id)
        .bind(vendor.0)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    found(affected)
}
