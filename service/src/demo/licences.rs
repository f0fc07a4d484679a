//! The demo's licences: three SaaS suites bought per seat, with a year of monthly measured use that
//! shows real over-licensing (so that rightsizing shows a saving at first start) and one licence
//! that is nearly full (the "few free seats" flag).

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use domain::views_licences::UsageSnapshot;
use domain::ContractId;
use store::{NewLicence, Tx};

/// A demo licence: contract reference, licence type, product in the report, purchased, price per month in
/// cents, assigned, active, inactive 60 and 90 days, free-seat threshold, utilisation threshold %.
struct L(&'static str, &'static str, &'static str, u32, i64, u32, u32, u32, u32, u32, u32);

#[rustfmt::skip]
const LICENCES: [L; 3] = [
    L("VO-2023-002", "Kantoorlicentie E3", "OFFICE 365 E3", 1_450, 3_240, 1_238, 1_012, 171, 131, 50, 80),
    L("VO-2022-014", "Zaaksysteem gebruiker", "", 900, 2_800, 812, 690, 96, 74, 25, 85),
    L("VO-2024-033", "Tweefactortoken", "", 1_600, 95, 1_571, 1_549, 12, 9, 100, 70),
];

/// Seeds the licences of the demo contracts in `contracts` (reference, id); returns (type, id) of each.
pub async fn seed_licences(
    tx: &mut Tx,
    contracts: &[(&str, ContractId)],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Vec<(&'static str, domain::LicenceId)>, store::StoreError> {
    let mut ids = Vec::new();
    let first = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    // The next true-down: 1 January next year.
    let true_down = NaiveDate::from_ymd_opt(today.year() + 1, 1, 1);
    let true_up = NaiveDate::from_ymd_opt(today.year(), 7, 1).filter(|d| *d > today).or(true_down);
    for L(reference, kind, product, purchased, price, assigned, active, idle60, idle90, free, pct) in LICENCES {
        let Some(&(_, contract)) = contracts.iter().find(|(r, _)| *r == reference) else { continue };
        let l = NewLicence {
            licence_type: kind.into(),
            product: Some(product.to_string()).filter(|p| !p.is_empty()),
            purchased,
            unit_price_cents: price,
            true_up,
            true_down,
            free_below: Some(free),
            utilisation_below_pct: Some(pct),
        };
        let id = store::insert_licence(tx, contract, &l, now).await?;
        ids.push((kind, id));
        // Twelve months back to now, use growing slowly to today's figures.
        for back in (0..12u32).rev() {
            let day = if back == 0 {
                today
            } else {
                first
                    .checked_sub_months(Months::new(back))
                    .and_then(|d| d.checked_add_days(chrono::Days::new(14)))
                    .unwrap_or(today)
            };
            let shrink = |n: u32| n - n * back / 100;
            let snapshot = UsageSnapshot {
                measured_on: day,
                origin: if back == 0 { "m365".into() } else { "handmatig".into() },
                assigned: shrink(assigned),
                active: shrink(active),
                inactive_30: Some(shrink(assigned) - shrink(active)),
                inactive_60: Some(shrink(idle60)),
                inactive_90: Some(shrink(idle90)),
            };
            store::upsert_licence_usage(tx, id, &snapshot, now).await?;
        }
    }
    Ok(ids)
}
