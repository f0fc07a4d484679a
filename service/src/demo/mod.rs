//! The demo organisation: a fictional shared-service organisation working for five municipalities,
//! with SaaS vendors, their services, contracts in every renewal type and deadline state (each with
//! SLA terms, `sla.rs`), and one user per role. Seeded once, in one transaction, with dates relative
//! to the day of seeding so that the Termijnen page shows every state. With the simulated vendors it
//! also gets monitoring sources (`sources.rs`) and 13 months of their history (`history.rs`, written
//! by `write.rs`), so that the SLA pages have something to show from the first start.

use crate::audit::{append, record, Outcome};
use crate::auth::{hash_password, system_actor};
use crate::{ServiceError, Services};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use domain::contract::{Contract, ContractStatus, Decision, NewContract, Period, PriceModel, Renewal};
use domain::vendor::{
    Criticality as C, KvkNumber, NewContactPerson, NewVendor, NewVendorService, SourcingModel, VendorCategory as Cat,
};
use domain::ContractId;
use domain::Role;

mod costs;
mod events;
mod history;
mod licences;
mod rng;
mod rollups;
mod self_service;
mod sla;
mod sources;
mod story;
mod write;

/// The demo accounts: user name = role name; password as printed at start.
pub fn demo_credentials() -> Vec<(Role, String, String)> {
    Role::ALL.iter().map(|r| (*r, r.as_str().to_string(), format!("demo-{}-wachtwoord", r.as_str()))).collect()
}

const ORG: &str = "Werkorganisatie Vijfheerenlanden-Oost";

struct V {
    name: &'static str,
    kvk: &'static str,
    cat: Cat,
    src: SourcingModel,
    crit: C,
    services: &'static [(&'static str, &'static str, C, bool)],
    contact: (&'static str, &'static str, &'static str),
}

#[rustfmt::skip]
const VENDORS: &[V] = &[
    V { name: "Zaakwijs B.V.", kvk: "61234501", cat: Cat::ZaakgerichtWerken, src: SourcingModel::Saas, crit: C::Vitaal,
        services: &[("Zaaksysteem", "Zaakgericht werken voor alle vijf gemeenten", C::Vitaal, true), ("Documentbeheer", "Archief en DMS", C::Hoog, true)],
        contact: ("Sanne de Vries", "Accountmanager", "sanne.devries@zaakwijs.example") },
    V { name: "Burgerloket Online B.V.", kvk: "61234502", cat: Cat::Burgerzaken, src: SourcingModel::Saas, crit: C::Vitaal,
        services: &[("BRP-bevragingen", "Raadplegen basisregistratie personen", C::Vitaal, true), ("Afsprakenmodule", "Online afspraken burgerzaken", C::Midden, true)],
        contact: ("Ahmed Benali", "Servicemanager", "a.benali@burgerloket.example") },
    V { name: "CloudKantoor Nederland B.V.", kvk: "61234503", cat: Cat::Kantoorautomatisering, src: SourcingModel::Saas, crit: C::Hoog,
        services: &[("E-mail en agenda", "", C::Hoog, true), ("Samenwerken en bestanden", "Teams, sites en bestanden", C::Hoog, true)],
        contact: ("Linda Jansen", "Customer success", "linda@cloudkantoor.example") },
    V { name: "FinStroom B.V.", kvk: "61234504", cat: Cat::Financien, src: SourcingModel::Saas, crit: C::Hoog,
        services: &[("Financiële administratie", "", C::Hoog, false), ("Inkoopfacturen", "Digitale factuurverwerking", C::Midden, false)],
        contact: ("Pieter Bakker", "Accountmanager", "p.bakker@finstroom.example") },
    V { name: "Personeelsplein B.V.", kvk: "61234505", cat: Cat::Personeel, src: SourcingModel::Saas, crit: C::Hoog,
        services: &[("HR en salarisadministratie", "", C::Hoog, true)],
        contact: ("Fatima El Idrissi", "Servicemanager", "fatima@personeelsplein.example") },
    V { name: "Sociaal Net B.V.", kvk: "61234506", cat: Cat::Sociaal, src: SourcingModel::Saas, crit: C::Vitaal,
        services: &[("Regie Wmo en Jeugd", "Aanvragen, beschikkingen en berichtenverkeer", C::Vitaal, true)],
        contact: ("Joost Visser", "Accountmanager", "joost.visser@sociaalnet.example") },
    V { name: "Kaartwerk Geo B.V.", kvk: "61234507", cat: Cat::Geo, src: SourcingModel::Saas, crit: C::Midden,
        services: &[("GIS-viewer", "", C::Midden, false), ("BGT-beheer", "Bijhouding basisregistratie grootschalige topografie", C::Midden, false)],
        contact: ("Eva Mulder", "Consultant", "eva@kaartwerk.example") },
    V { name: "Veilig Verbonden B.V.", kvk: "61234508", cat: Cat::Beveiliging, src: SourcingModel::Saas, crit: C::Vitaal,
        services: &[("SOC-monitoring", "24x7 beveiligingsmonitoring", C::Vitaal, true), ("Tweefactorauthenticatie", "", C::Hoog, true)],
        contact: ("Tom de Boer", "Security officer", "tom@veiligverbonden.example") },
    V { name: "Netwerk Noord Hosting B.V.", kvk: "61234509", cat: Cat::Infrastructuur, src: SourcingModel::Iaas, crit: C::Hoog,
        services: &[("Virtuele servers", "", C::Hoog, true), ("Back-up en herstel", "", C::Hoog, true)],
        contact: ("Kees Smit", "Servicedeskmanager", "kees.smit@netwerknoord.example") },
    V { name: "Stemkracht Communicatie B.V.", kvk: "61234510", cat: Cat::Communicatie, src: SourcingModel::Saas, crit: C::Midden,
        services: &[("Website en CMS", "Websites van de vijf gemeenten", C::Midden, false), ("Klantcontact-chat", "", C::Laag, true)],
        contact: ("Noor Hendriks", "Projectleider", "noor@stemkracht.example") },
    V { name: "Heffingwijzer B.V.", kvk: "61234511", cat: Cat::Financien, src: SourcingModel::Saas, crit: C::Hoog,
        services: &[("Belastingen en heffingen", "WOZ en gemeentelijke belastingen", C::Hoog, true)],
        contact: ("Ruud Peters", "Accountmanager", "ruud@heffingwijzer.example") },
    V { name: "Maatwerk Madelief B.V.", kvk: "61234512", cat: Cat::Overig, src: SourcingModel::Maatwerk, crit: C::Laag,
        services: &[("Subsidieportaal", "Maatwerkapplicatie voor subsidieaanvragen", C::Laag, true)],
        contact: ("Madelief Vos", "Eigenaar", "madelief@maatwerkmadelief.example") },
];

/// A demo contract: vendor index, reference, title, owner, months from today to the end of the current
/// term, term length in months, renewal, notice, lead time, annual value in euros, price model, and a
/// decision already recorded.
struct K(
    usize,
    &'static str,
    &'static str,
    &'static str,
    i32,
    u32,
    Renewal,
    Period,
    u32,
    i64,
    PriceModel,
    Option<Decision>,
);

fn contracts() -> Vec<K> {
    use Period::{Days, Months as M};
    use Renewal::*;
    #[rustfmt::skip]
    let v = vec![
        K(0, "VO-2022-014", "Zaaksysteem en documentbeheer", "Team Regie", 26, 48, Tacit { period_months: 12 }, M(6), 9, 412_000, PriceModel::PerSeat, None),
        K(1, "VO-2021-031", "Burgerzakenapplicatie", "Team Regie", 8, 36, Tacit { period_months: 12 }, M(3), 3, 186_500, PriceModel::Fixed, None),
        K(2, "VO-2023-002", "Kantoorautomatisering in de cloud", "Informatiemanagement", 2, 36, Tacit { period_months: 12 }, M(3), 6, 698_000, PriceModel::PerSeat, None),
        K(3, "VO-2020-007", "Financieel systeem", "Team Financiën", 14, 48, Options { count: 2, length_months: 12, exercised: 0 }, M(6), 9, 143_250, PriceModel::Fixed, None),
        K(4, "VO-2019-011", "HR- en salarissysteem", "Team P&O", 5, 60, Options { count: 2, length_months: 12, exercised: 2 }, M(6), 9, 121_000, PriceModel::PerSeat, None),
        K(5, "VO-2024-004", "Regiesysteem sociaal domein", "Team Sociaal Domein", 30, 36, Options { count: 3, length_months: 12, exercised: 1 }, M(6), 12, 275_000, PriceModel::Usage, None),
        K(6, "VO-2023-019", "Geo-informatievoorziening", "Informatiemanagement", 1, 24, Fixed, M(0), 6, 58_400, PriceModel::Fixed, None),
        K(7, "VO-2024-021", "Security operations center", "CISO", 19, 24, Tacit { period_months: 12 }, Days(90), 6, 96_000, PriceModel::Fixed, None),
        K(8, "VO-2022-027", "Hosting en back-up", "Team Regie", 11, 36, Tacit { period_months: 24 }, M(6), 9, 233_700, PriceModel::Usage, Some(Decision::Renew)),
        K(9, "VO-2025-003", "Websites en chat", "Team Communicatie", 7, 24, Tacit { period_months: 12 }, M(2), 4, 44_900, PriceModel::Fixed, None),
        K(10, "VO-2021-040", "Belastingapplicatie", "Team Financiën", 40, 60, Fixed, M(0), 12, 167_300, PriceModel::Fixed, None),
        K(7, "VO-2024-033", "Tweefactorauthenticatie", "CISO", 4, 24, Tacit { period_months: 12 }, M(1), 1, 18_600, PriceModel::PerSeat, None),
        K(11, "VO-2023-045", "Subsidieportaal (maatwerk)", "Team Subsidies", 3, 36, Fixed, M(0), 3, 22_000, PriceModel::Fixed, Some(Decision::Retender)),
    ];
    v
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    let first_next = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).and_then(|f| f.checked_add_months(Months::new(1)));
    first_next.and_then(|f| f.pred_opt()).unwrap_or(d)
}

/// The simulated vendors (`vendor-sim`) the demo monitors: where they listen and, per vendor in index
/// order, the ids of their Statuspage components in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoSim {
    /// E.g. `http://127.0.0.1:3100`; vendor `i` lives under `{base_url}/v/{i}`.
    pub base_url: String,
    pub vendor_components: Vec<Vec<String>>,
    /// Per vendor, the seats its `usage.json` reports as purchased: the contracted number of licences
    /// the demo's licence figures are shown against.
    pub purchased_seats: Vec<u32>,
    /// Per vendor, the seats its `usage.json` reported as active on each of the last days (oldest
    /// first): written as the licence figure's history, so that its trend shows from the start.
    pub daily_active_seats: Vec<Vec<(DateTime<Utc>, u32)>>,
}

/// Seeds the demo organisation unless the database already has users. Returns whether it seeded.
pub async fn seed(services: &Services) -> Result<bool, ServiceError> {
    seed_with_monitoring(services, None).await
}

/// Like [`seed`], and with `sim` also a Statuspage source per demo vendor (its first components mapped
/// onto the vendor's services in order), a health probe for the first few, and 13 months of their
/// history up to the clock's now (`history.rs`), all in the same transaction.
pub async fn seed_with_monitoring(services: &Services, sim: Option<&DemoSim>) -> Result<bool, ServiceError> {
    if store::count_users(services.db()).await? > 0 {
        return Ok(false);
    }
    let actor = system_actor();
    let now = services.clock().now();
    let today = services.clock().today();
    let invalid = |e: domain::Invalid| ServiceError::Unexpected(format!("demo data invalid: {e:?}"));
    let mut tx = services.db().begin().await?;
    let mut service_ids = Vec::new();
    let mut vendor_ids = Vec::new();
    for v in VENDORS {
        let nv = NewVendor {
            name: v.name.into(),
            kvk: KvkNumber::parse("kvk", v.kvk).map_err(invalid)?,
            category: v.cat,
            sourcing: v.src,
            criticality: v.crit,
            notes: Some(format!("Leverancier van {ORG}.")),
        };
        let id = store::insert_vendor(&mut tx, &nv, now).await?;
        let mut ids = Vec::new();
        for (name, desc, crit, pd) in v.services {
            let s = NewVendorService {
                name: (*name).into(),
                description: Some((*desc).to_string()).filter(|d| !d.is_empty()),
                criticality: *crit,
                personal_data: *pd,
            };
            ids.push(store::insert_service(&mut tx, id, &s).await?);
        }
        let (name, role, email) = v.contact;
        let c = NewContactPerson { name: name.into(), role: Some(role.into()), email: Some(email.into()), phone: None };
        store::insert_contact(&mut tx, id, &c).await?;
        vendor_ids.push(id);
        service_ids.push(ids);
    }
    let mut regisseur = None;
    let mut user_ids = Vec::new();
    for (role, username, password) in demo_credentials() {
        let display = format!("Demo {}", role.as_str());
        let id = store::insert_user(&mut tx, &username, &display, role, &hash_password(&password)?).await?;
        user_ids.push((role, id));
        if role == Role::Regisseur {
            regisseur = Some(id);
        }
    }
    let regisseur = regisseur.unwrap_or(domain::UserId(0));
    let mut contract_ids = Vec::new();
    let mut starts = Vec::new();
    for K(vi, reference, title, owner, months_ahead, length, renewal, notice, lead, euros, price_model, decision) in
        contracts()
    {
        let end_month = if months_ahead >= 0 {
            today.checked_add_months(Months::new(months_ahead as u32))
        } else {
            today.checked_sub_months(Months::new(months_ahead.unsigned_abs()))
        };
        let initial_end = end_of_month(end_month.unwrap_or(today));
        let start =
            initial_end.succ_opt().and_then(|d| d.checked_sub_months(Months::new(length))).unwrap_or(initial_end);
        let exercised = match renewal {
            Renewal::Options { exercised, .. } => exercised,
            _ => 0,
        };
        // An option contract's exercised options extend the term beyond the initial end.
        let initial_end = match renewal {
            Renewal::Options { length_months, .. } if exercised > 0 => initial_end
                .checked_sub_months(Months::new(length_months * exercised))
                .map(end_of_month)
                .unwrap_or(initial_end),
            _ => initial_end,
        };
        let c = NewContract {
            vendor_id: vendor_ids[vi],
            reference: reference.into(),
            title: title.into(),
            owner: owner.into(),
            start,
            initial_end,
            renewal: match renewal {
                Renewal::Options { count, length_months, .. } => {
                    Renewal::Options { count, length_months, exercised: 0 }
                }
                r => r,
            },
            notice,
            lead_time_months: lead,
            annual_value_cents: euros * 100,
            price_model,
            service_ids: service_ids[vi].clone(),
        };
        let id = store::insert_contract(&mut tx, &c, now).await?;
        contract_ids.push((id, vi));
        starts.push(c.start);
        let mut stored = as_contract(id, c);
        if exercised > 0 {
            stored.renewal = renewal;
            store::save_contract_state(&mut tx, &stored, now).await?;
        }
        if let Some(d) = decision {
            let next = domain::deadlines::apply_decision(&stored, d, today)
                .map_err(|p| ServiceError::Unexpected(format!("demo decision: {p:?}")))?;
            let term_end = next.decided_term_end.unwrap_or(stored.initial_end);
            store::save_contract_state(&mut tx, &next, now).await?;
            store::insert_decision(&mut tx, id, d, term_end, Some("Besloten in het regieoverleg."), regisseur, now)
                .await?;
        }
    }
    let cost_contracts: Vec<costs::CostContract> = contracts()
        .iter()
        .zip(&contract_ids)
        .zip(&starts)
        .map(|((k, &(id, vi)), &start)| costs::CostContract {
            id,
            vendor: vendor_ids[vi],
            vendor_index: vi,
            reference: k.1,
            start,
            annual_value_cents: k.9 * 100,
        })
        .collect();
    costs::seed_costs(&mut tx, &cost_contracts, today, now).await?;
    let references: Vec<(&str, ContractId)> = cost_contracts.iter().map(|c| (c.reference, c.id)).collect();
    let licence_ids = licences::seed_licences(&mut tx, &references, today, now).await?;
    let named_services: Vec<(&str, domain::VendorServiceId)> = VENDORS
        .iter()
        .zip(&service_ids)
        .flat_map(|(v, ids)| v.services.iter().map(|s| s.0).zip(ids.iter().copied()))
        .collect();
    self_service::seed_self_service(&mut tx, &user_ids, &named_services, &licence_ids, now).await?;
    self_service::seed_requests(&mut tx, &user_ids, &named_services, now).await?;
    for (id, vi) in contract_ids {
        let (always, probe) = (VENDORS[vi].crit == C::Vitaal, vi < sources::HEALTH_PROBES);
        store::upsert_sla_terms(&mut tx, id, &sla::terms(always, probe).map_err(invalid)?, now).await?;
    }
    if let Some(sim) = sim {
        let seeded = sources::seed_sources(&mut tx, sim, &service_ids, now).await?;
        let shapes: Vec<history::VendorShape> = VENDORS
            .iter()
            .zip(&seeded)
            .map(|(v, s)| history::VendorShape {
                services: s.as_ref().map_or(0, |s| s.mapped.len()),
                probe: s.as_ref().is_some_and(|s| s.probe.is_some()),
                always: v.crit == C::Vitaal,
            })
            .collect();
        let counts = write::write_history(&mut tx, &history::plan(now, &shapes), &seeded).await?;
        tracing::info!(?counts, "demo history written");
    }
    append(&mut tx, record(now, &actor, "demo.seed", "database".into(), Outcome::Ok, Some(ORG.into()))).await?;
    tx.commit().await?;
    Ok(true)
}

/// The stored shape of a contract just inserted, for recording its demo state.
fn as_contract(id: ContractId, c: NewContract) -> Contract {
    Contract {
        id,
        vendor_id: c.vendor_id,
        vendor_name: String::new(),
        reference: c.reference,
        title: c.title,
        owner: c.owner,
        start: c.start,
        initial_end: c.initial_end,
        renewal: c.renewal,
        notice: c.notice,
        lead_time_months: c.lead_time_months,
        annual_value_cents: c.annual_value_cents,
        price_model: c.price_model,
        status: ContractStatus::Active,
        decided_term_end: None,
        service_ids: c.service_ids,
    }
}
