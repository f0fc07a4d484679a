//! SLA terms per contract: every field round-trips exactly, a save replaces the staffel, and the
//! terms go with their contract.

use crate::fixtures::{at, begin, new_contract, vendor};
use domain::sla::contract_terms::{ContractSlaTerms, MeasurementBasis, MeasurementPeriod, ResolutionTargets};
use domain::sla::terms::{CreditTier, ServiceWindow, SlaTerms};
use domain::ContractId;
use store::{Db, StoreError};

fn weekly_terms() -> ContractSlaTerms {
    ContractSlaTerms {
        terms: SlaTerms {
            target_pct: 99.8765,
            window: ServiceWindow::Weekly {
                weekdays: [true, true, false, true, true, false, true],
                from_minute: 450,
                to_minute: 1440,
                exclude_holidays: true,
            },
            maintenance_notice_days: 5,
            degraded_counts_as_down: true,
            staffel: vec![
                CreditTier { below_pct: 98.0, credit_pct: 30.0 },
                CreditTier { below_pct: 99.8, credit_pct: 5.5 },
                CreditTier { below_pct: 99.0, credit_pct: 15.0 },
            ],
            credit_cap_pct: 25.0,
            monthly_fee_cents: 850_000,
        },
        period: MeasurementPeriod::Quarter,
        basis: MeasurementBasis::Worst,
        resolution: ResolutionTargets { minor: None, major: Some(480), critical: Some(240) },
        monthly_fee_override_cents: Some(850_000),
    }
}

fn always_terms() -> ContractSlaTerms {
    ContractSlaTerms {
        terms: SlaTerms {
            target_pct: 100.0,
            window: ServiceWindow::Always,
            maintenance_notice_days: 0,
            degraded_counts_as_down: false,
            staffel: Vec::new(),
            credit_cap_pct: 0.0,
            monthly_fee_cents: 0,
        },
        period: MeasurementPeriod::Month,
        basis: MeasurementBasis::Probe,
        resolution: ResolutionTargets { minor: Some(1), major: Some(2), critical: Some(525_600) },
        monthly_fee_override_cents: None,
    }
}

async fn contract(db: &Db, reference: &str) -> ContractId {
    let v = vendor(db, &format!("Leverancier {reference}")).await;
    let mut tx = begin(db).await;
    let id = store::insert_contract(&mut tx, &new_contract(v, reference, &[]), at(0)).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn sla_terms_round_trip_and_a_save_replaces_the_staffel(db: &Db) {
    let c = contract(db, "2026-001").await;
    assert_eq!(store::get_sla_terms(db, c).await.unwrap(), None);

    let mut tx = begin(db).await;
    assert!(!store::upsert_sla_terms(&mut tx, c, &weekly_terms(), at(0)).await.unwrap(), "new");
    tx.commit().await.unwrap();
    assert_eq!(store::get_sla_terms(db, c).await.unwrap(), Some(weekly_terms()), "staffel in the order entered");

    let mut tx = begin(db).await;
    assert!(store::upsert_sla_terms(&mut tx, c, &always_terms(), at(60)).await.unwrap(), "replaced");
    tx.commit().await.unwrap();
    assert_eq!(store::get_sla_terms(db, c).await.unwrap(), Some(always_terms()), "no tier left over");
}
conformance!(sla_terms_round_trip_and_a_save_replaces_the_staffel);

async fn sla_terms_need_their_contract_and_go_with_it(db: &Db) {
    let mut tx = begin(db).await;
    let orphan = store::upsert_sla_terms(&mut tx, ContractId(9_999), &weekly_terms(), at(0)).await;
    assert!(matches!(orphan, Err(StoreError::Conflict(ref c)) if c == "foreign_key"), "{orphan:?}");
    drop(tx);

    let kept = contract(db, "2026-002").await;
    let gone = contract(db, "2026-003").await;
    let mut tx = begin(db).await;
    store::upsert_sla_terms(&mut tx, kept, &weekly_terms(), at(0)).await.unwrap();
    store::upsert_sla_terms(&mut tx, gone, &weekly_terms(), at(0)).await.unwrap();
    tx.commit().await.unwrap();

    let mut tx = begin(db).await;
    assert!(store::delete_sla_terms(&mut tx, kept).await.unwrap());
    assert!(!store::delete_sla_terms(&mut tx, kept).await.unwrap(), "nothing left to delete");
    store::delete_contract(&mut tx, gone).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store::get_sla_terms(db, kept).await.unwrap(), None);
    assert_eq!(store::get_sla_terms(db, gone).await.unwrap(), None);
    let tiers: i64 = match db {
        Db::Sqlite { read, .. } => {
            sqlx::query_scalar("SELECT COUNT(*) FROM contract_sla_tiers").fetch_one(read).await.unwrap()
        }
        Db::Postgres(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM contract_sla_tiers").fetch_one(pool).await.unwrap()
        }
    };
    assert_eq!(tiers, 0, "the staffel went with the terms and with the contract");
}
conformance!(sla_terms_need_their_contract_and_go_with_it);
