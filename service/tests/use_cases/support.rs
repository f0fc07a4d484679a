//! What the tests share: a fixed clock, one account per role, valid forms, a small register to act
//! on, and raw looks at the database (counts, snapshots, the audit log, direct SQL for tampering).

use chrono::{DateTime, TimeZone, Utc};
use domain::contract::{Contract, ContractForm, DecisionForm, DecisionRecord};
use domain::sla::contract_terms::{SlaTermsForm, TierForm};
use domain::vendor::{ContactForm, ContactPerson, ServiceForm, Vendor, VendorForm, VendorService};
use domain::{ContractId, Problem, Role, VendorId, VendorServiceId};
use service::auth::system_actor;
use service::clock::Clock;
use service::{Actor, ServiceError, Services, Settings};
use sqlx::AssertSqlSafe;
use store::{AuditEntry, AuditFilter, Db, UserAuth};

/// The client address of every test actor (TEST-NET-1).
pub const ORIGIN: &str = "192.0.2.1";

/// "Now" in every test unless a test moves the clock: Monday 2 March 2026, 10:00 in Amsterdam.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
}

/// The use cases on `db` with the default settings and the clock fixed at [`t0`].
pub fn services(db: &Db) -> Services {
    services_at(db, t0())
}

/// The use cases on `db` with the clock fixed at `now`.
pub fn services_at(db: &Db, now: DateTime<Utc>) -> Services {
    Services::with_clock(db.clone(), Settings::default(), Clock::Fixed(now))
}

pub fn password(role: Role) -> String {
    format!("{}-wachtwoord-2026", role.as_str())
}

/// Creates the account `username` (as the command line does) and returns the actor acting as it.
pub async fn user(s: &Services, username: &str, role: Role) -> Actor {
    let display_name = format!("Test {username}");
    let user_id = s.add_user(&system_actor(), username, &display_name, role, &password(role)).await.unwrap();
    Actor { user_id, username: username.to_string(), display_name, role, origin: ORIGIN.to_string() }
}

/// A KvK number of its own for each vendor name (KvK numbers are unique among vendors).
pub fn kvk_for(name: &str) -> String {
    let n = name.trim().to_lowercase().bytes().fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
    format!("{:08}", n % 100_000_000)
}

pub fn vendor_form(name: &str) -> VendorForm {
    VendorForm {
        name: name.to_string(),
        kvk: kvk_for(name),
        category: "zaakgericht-werken".into(),
        sourcing: "saas".into(),
        criticality: "hoog".into(),
        notes: String::new(),
    }
}

pub fn service_form(name: &str) -> ServiceForm {
    ServiceForm { name: name.to_string(), criticality: "midden".into(), ..Default::default() }
}

/// A valid HTTP monitoring source polled every minute.
pub fn source_form(n: usize) -> domain::views_monitoring::SourceForm {
    domain::views_monitoring::SourceForm {
        kind: "http".into(),
        name: format!("Portaal {n}"),
        url: "https://portaal.leverancier.example/health".into(),
        interval_secs: "60".into(),
        enabled: true,
        ..Default::default()
    }
}

pub fn contact_form(name: &str) -> ContactForm {
    ContactForm { name: name.to_string(), email: "contact@leverancier.example".into(), ..Default::default() }
}

/// A contract from 1 January 2024 to 31 December 2026, renewed tacitly by 12 months unless notice
/// is given 3 months ahead; decided 6 months before that. On [`t0`] its decision date (30 March 2026)
/// is less than 90 days away, so it shows "actie nodig".
pub fn contract_form(vendor: VendorId, reference: &str, services: &[VendorServiceId]) -> ContractForm {
    ContractForm {
        vendor_id: vendor.to_string(),
        reference: reference.to_string(),
        title: "Zaaksysteem".into(),
        owner: "Team Regie".into(),
        start: "2024-01-01".into(),
        initial_end: "2026-12-31".into(),
        renewal: "tacit".into(),
        renewal_period_months: "12".into(),
        notice_amount: "3".into(),
        notice_unit: "months".into(),
        lead_time_months: "6".into(),
        annual_value: "120.000,00".into(),
        price_model: "vast".into(),
        services: services.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// Like [`contract_form`], with `count` option years of 12 months instead of tacit renewal.
pub fn options_contract_form(vendor: VendorId, reference: &str, count: u32) -> ContractForm {
    ContractForm {
        renewal: "options".into(),
        renewal_period_months: String::new(),
        option_count: count.to_string(),
        option_length_months: "12".into(),
        ..contract_form(vendor, reference, &[])
    }
}

/// Valid SLA terms: 99,8 % on working days 08:00-18:00 without public holidays, with a staffel.
pub fn sla_form() -> SlaTermsForm {
    SlaTermsForm {
        target: "99,8".into(),
        window: "weekly".into(),
        weekdays: ["mon", "tue", "wed", "thu", "fri"].map(String::from).to_vec(),
        from: "08:00".into(),
        to: "18:00".into(),
        exclude_holidays: "on".into(),
        period: "month".into(),
        basis: "worst".into(),
        notice_days: "5".into(),
        resolution_critical: "240".into(),
        staffel: vec![
            TierForm { below: "99,8".into(), credit: "5".into() },
            TierForm { below: "99".into(), credit: "10".into() },
        ],
        cap: "25".into(),
        ..Default::default()
    }
}

pub fn decision(key: &str) -> DecisionForm {
    DecisionForm { decision: key.to_string(), note: "Besloten in het regieoverleg.".into() }
}

/// A small register to act on: a vendor with a service, a contact and a contract, and a second
/// vendor without contracts (one that may be removed).
#[derive(Debug, Clone, Copy)]
pub struct Register {
    pub vendor: VendorId,
    pub service: VendorServiceId,
    pub contact: i64,
    pub contract: ContractId,
    pub vendor_without_contracts: VendorId,
}

/// Builds a [`Register`] as the command line would; `tag` keeps names and references unique.
pub async fn register(s: &Services, tag: &str) -> Register {
    let cli = system_actor();
    let vendor = s.register_vendor(&cli, &vendor_form(&format!("Zaakwijs {tag} B.V."))).await.unwrap();
    let service = s.add_service(&cli, vendor, &service_form("Zaaksysteem")).await.unwrap();
    let contact = s.add_contact(&cli, vendor, &contact_form("Sanne de Vries")).await.unwrap();
    let form = contract_form(vendor, &format!("VO-{tag}"), &[service]);
    let contract = s.register_contract(&cli, &form).await.unwrap();
    let vendor_without_contracts = s.register_vendor(&cli, &vendor_form(&format!("Geowijs {tag} B.V."))).await.unwrap();
    Register { vendor, service, contact, contract, vendor_without_contracts }
}

/// The problem reported at `field`; panics unless `result` is `Invalid` with a problem there.
#[track_caller]
pub fn problem_at<T: std::fmt::Debug>(result: Result<T, ServiceError>, field: &str) -> Problem {
    match result {
        Err(ServiceError::Invalid(inv)) => {
            inv.for_field(field).unwrap_or_else(|| panic!("expected a problem at {field:?}, got {inv:?}"))
        }
        other => panic!("expected Invalid at {field:?}, got {other:?}"),
    }
}

/// Runs `$body` with `$pool` bound to the backend's pool (on SQLite the writer, so that changes made
/// through it are ordered with the service's own writes).
macro_rules! on_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            Db::Sqlite { write, .. } => {
                let $pool = write;
                $body
            }
            Db::Postgres(pool) => {
                let $pool = pool;
                $body
            }
        }
    };
}

/// Runs a statement with one integer parameter (`$1`) directly, bypassing the use cases; returns the
/// number of rows affected.
pub async fn execute(db: &Db, sql: &'static str, param: i64) -> u64 {
    on_pool!(db, |pool| sqlx::query(sql).bind(param).execute(pool).await.unwrap().rows_affected())
}

/// Runs a statement without parameters directly.
pub async fn execute_plain(db: &Db, sql: &'static str) {
    on_pool!(db, |pool| sqlx::query(sql).execute(pool).await.map(drop).unwrap())
}

/// The number of rows in `table` (one of ours).
pub async fn count_rows(db: &Db, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    on_pool!(db, |pool| sqlx::query_scalar(AssertSqlSafe(sql)).fetch_one(pool).await.unwrap())
}

/// Overwrites every column of audit entry `id` except the id with `e`'s values.
pub async fn overwrite_audit_entry(db: &Db, id: i64, e: &AuditEntry) {
    let sql = "UPDATE audit_log SET at = $1, actor = $2, action = $3, object = $4, result = $5, origin = $6,
                   detail = $7, prev_hash = $8, hash = $9
               WHERE id = $10";
    let r = &e.record;
    let affected = on_pool!(db, |pool| sqlx::query(sql)
        .bind(r.at)
        .bind(&r.actor)
        .bind(&r.action)
        .bind(&r.object)
        .bind(&r.result)
        .bind(&r.origin)
        .bind(&r.detail)
        .bind(&e.prev_hash)
        .bind(&e.hash)
        .bind(id)
        .execute(pool)
        .await
        .unwrap()
        .rows_affected());
    assert_eq!(affected, 1, "audit entry {id} exists");
}

/// How many audit entries there are.
pub async fn audit_count(db: &Db) -> i64 {
    store::count_audit(db, &AuditFilter::default()).await.unwrap()
}

/// The whole audit log, oldest first.
pub async fn audit_log(db: &Db) -> Vec<AuditEntry> {
    store::audit_in_order(db, 0, 10_000).await.unwrap()
}

/// The audit entries written after the first `seen`, oldest first.
pub async fn audit_since(db: &Db, seen: i64) -> Vec<AuditEntry> {
    let mut log = audit_log(db).await;
    log.drain(..usize::try_from(seen).unwrap().min(log.len()));
    log
}

/// Everything the use cases can change, read back through the store, to show that a refused or
/// failed change left the register as it was.
#[derive(Debug, PartialEq, Eq)]
pub struct Snapshot {
    vendors: Vec<Vendor>,
    services: Vec<VendorService>,
    contacts: Vec<ContactPerson>,
    contracts: Vec<Contract>,
    decisions: Vec<Vec<DecisionRecord>>,
    users: Vec<UserAuth>,
    sessions: i64,
    contract_services: i64,
    /// Each contract's SLA terms, as text (the terms hold floats, so they are not `Eq`).
    sla_terms: Vec<String>,
    /// Rows in the cost tables (cost centres, budgets, lines, uploads, organisations, keys, shares,
    /// price changes).
    costs: Vec<i64>,
    /// Rows in the self-service tables (forms, versions, requests, their history and licence seats,
    /// work profiles and what they bundle).
    self_service: Vec<i64>,
    /// Each user's line manager and work profile.
    placements: Vec<store::Placement>,
}

pub async fn snapshot(db: &Db) -> Snapshot {
    let mut snap = Snapshot {
        vendors: Vec::new(),
        services: Vec::new(),
        contacts: Vec::new(),
        contracts: store::list_contracts(db).await.unwrap(),
        decisions: Vec::new(),
        users: Vec::new(),
        sessions: count_rows(db, "sessions").await,
        contract_services: count_rows(db, "contract_services").await,
        sla_terms: Vec::new(),
        costs: Vec::new(),
        self_service: Vec::new(),
        placements: Vec::new(),
    };
    for table in [
        "cost_centres",
        "budgets",
        "cost_lines",
        "cost_imports",
        "served_organisations",
        "allocation_keys",
        "allocation_shares",
        "price_changes",
    ] {
        snap.costs.push(count_rows(db, table).await);
    }
    for table in [
        "request_forms",
        "request_form_versions",
        "requests",
        "request_events",
        "request_licences",
        "work_profiles",
        "work_profile_services",
        "work_profile_licences",
    ] {
        snap.self_service.push(count_rows(db, table).await);
    }
    for v in store::list_vendors(db).await.unwrap() {
        snap.vendors.push(store::get_vendor(db, v.id).await.unwrap());
        snap.services.extend(store::list_services(db, v.id).await.unwrap());
        snap.contacts.extend(store::list_contacts(db, v.id).await.unwrap());
    }
    for c in &snap.contracts {
        snap.decisions.push(store::list_decisions(db, c.id).await.unwrap());
        snap.sla_terms.push(format!("{:?}", store::get_sla_terms(db, c.id).await.unwrap()));
    }
    for u in store::list_users(db).await.unwrap() {
        snap.users.push(store::get_user(db, u.id).await.unwrap());
        snap.placements.push(store::placement(db, u.id).await.unwrap());
    }
    snap
}
