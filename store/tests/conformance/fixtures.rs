//! Valid domain values to store, built through the domain's own parsers.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::contract::{NewContract, Period, PriceModel, Renewal};
use domain::vendor::{
    Criticality, KvkNumber, NewContactPerson, NewVendor, NewVendorService, SourcingModel, VendorCategory,
};
use domain::{Role, UserId, VendorId, VendorServiceId};
use store::{Db, Tx};

/// A moment with microseconds, the finest precision both backends keep.
pub fn at(secs_after_2026: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap()
        + chrono::Duration::seconds(secs_after_2026)
        + chrono::Duration::microseconds(123_456)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn new_vendor(name: &str) -> NewVendor {
    NewVendor {
        name: name.to_string(),
        kvk: KvkNumber::parse("kvk", "12345678").unwrap(),
        category: VendorCategory::ZaakgerichtWerken,
        sourcing: SourcingModel::Saas,
        criticality: Criticality::Hoog,
        notes: None,
    }
}

pub fn new_service(name: &str) -> NewVendorService {
    NewVendorService {
        name: name.to_string(),
        description: None,
        criticality: Criticality::Midden,
        personal_data: false,
    }
}

pub fn new_contact(name: &str) -> NewContactPerson {
    NewContactPerson { name: name.to_string(), role: None, email: None, phone: None }
}

pub fn new_contract(vendor: VendorId, reference: &str, services: &[VendorServiceId]) -> NewContract {
    NewContract {
        vendor_id: vendor,
        reference: reference.to_string(),
        title: "Zaaksysteem".into(),
        owner: "Team Regie".into(),
        start: day(2026, 1, 1),
        initial_end: day(2028, 12, 31),
        renewal: Renewal::Tacit { period_months: 12 },
        notice: Period::Months(3),
        lead_time_months: 9,
        annual_value_cents: 12_000_000,
        price_model: PriceModel::Fixed,
        service_ids: services.to_vec(),
    }
}

pub async fn begin(db: &Db) -> Tx {
    db.begin().await.unwrap()
}

/// Commits a vendor and returns its id.
pub async fn vendor(db: &Db, name: &str) -> VendorId {
    let mut tx = begin(db).await;
    let id = store::insert_vendor(&mut tx, &new_vendor(name), at(0)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// Commits a service of `vendor` and returns its id.
pub async fn service(db: &Db, vendor: VendorId, name: &str) -> VendorServiceId {
    let mut tx = begin(db).await;
    let id = store::insert_service(&mut tx, vendor, &new_service(name)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

/// Commits a user and returns its id.
pub async fn user(db: &Db, username: &str, display_name: &str) -> UserId {
    let mut tx = begin(db).await;
    let id = store::insert_user(&mut tx, username, display_name, Role::Regisseur, "$argon2id$hash").await.unwrap();
    tx.commit().await.unwrap();
    id
}
