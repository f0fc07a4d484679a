//! The demo's costs: three cost centres with budgets for last year and this year, four municipalities
//! the werkorganisatie serves with a verdeelsleutel per cost centre (and one contract with its own),
//! an indexation of +3,2 % on most contracts from 1 January this year and a known +2,5 % on the
//! Zaaksysteem from 1 July, and two years of monthly invoices (21 % VAT) up to last month, with one
//! credit note. This year's budgets are set so that one cost centre ends the year over budget.

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use domain::views_costs::{AllocationTarget, Budget, PriceChangeView};
use domain::{ContractId, CostCentreId, OrganisationId, VendorId};
use store::{NewCostLine, Tx};

/// The demo's cost centres: code, name.
const CENTRES: [(&str, &str); 3] = [
    ("ICT-01", "Werkplek en kantoorautomatisering"),
    ("ICT-02", "Bedrijfsapplicaties"),
    ("ICT-03", "Infrastructuur en beveiliging"),
];

/// The municipalities: name, inhabitants, employees of the werkorganisatie working for it.
const MUNICIPALITIES: [(&str, u64, u64); 4] = [
    ("Gemeente Heerenveld", 41_250, 212),
    ("Gemeente Lingedijk", 27_830, 148),
    ("Gemeente Zederik-Oost", 18_460, 97),
    ("Gemeente Ameide-Waard", 12_090, 63),
];

/// The cost centre (index into [`CENTRES`]) of each demo vendor, by vendor index.
const VENDOR_CENTRE: [usize; 12] = [1, 1, 0, 1, 1, 1, 1, 2, 2, 0, 1, 1];

/// Budget this year as a percentage of the centre's contract value: ICT-01 is tight.
const BUDGET_PCT: [i64; 3] = [97, 106, 104];

/// A demo contract as the cost seed needs it.
pub struct CostContract {
    pub id: ContractId,
    pub vendor: VendorId,
    pub vendor_index: usize,
    pub reference: &'static str,
    pub start: NaiveDate,
    pub annual_value_cents: i64,
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

/// Seeds everything above into `tx`.
pub async fn seed_costs(
    tx: &mut Tx,
    contracts: &[CostContract],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), store::StoreError> {
    let mut centres: Vec<CostCentreId> = Vec::new();
    for (code, name) in CENTRES {
        centres.push(store::insert_cost_centre(tx, code, name, now).await?);
    }
    let mut orgs: Vec<OrganisationId> = Vec::new();
    for (name, inhabitants, employees) in MUNICIPALITIES {
        orgs.push(store::insert_organisation(tx, name, Some(inhabitants), Some(employees), now).await?);
    }
    store::replace_allocation_key(tx, AllocationTarget::CostCentre(centres[0]), "medewerkers", &zero(&orgs), now)
        .await?;
    store::replace_allocation_key(tx, AllocationTarget::CostCentre(centres[1]), "inwoners", &zero(&orgs), now).await?;
    let fixed: Vec<(OrganisationId, u64)> = orgs.iter().copied().zip([4_000, 2_500, 2_000, 1_500]).collect();
    store::replace_allocation_key(tx, AllocationTarget::CostCentre(centres[2]), "vast", &fixed, now).await?;

    let year = today.year();
    let this_january = first_of(year, 1);
    let mut values = [0i64; 3];
    for c in contracts {
        values[VENDOR_CENTRE[c.vendor_index]] += c.annual_value_cents;
        if c.reference == "VO-2023-045" {
            // The subsidy portal serves two municipalities only, half each.
            let own = [(orgs[0], 5_000), (orgs[1], 5_000)];
            store::replace_allocation_key(tx, AllocationTarget::Contract(c.id), "vast", &own, now).await?;
        }
        if c.start < this_january {
            let change = PriceChangeView { effective_from: this_january, basis_points: 320 };
            store::upsert_price_change(tx, c.id, &change).await?;
        }
        if c.reference == "VO-2022-014" {
            let july = first_of(year, 7);
            store::upsert_price_change(tx, c.id, &PriceChangeView { effective_from: july, basis_points: 250 }).await?;
        }
    }
    for (i, centre) in centres.iter().enumerate() {
        let last = Budget { cost_centre: *centre, year: year - 1, amount_cents: round_euros(values[i]) };
        store::upsert_budget(tx, &last).await?;
        let this = Budget { cost_centre: *centre, year, amount_cents: round_euros(values[i] * BUDGET_PCT[i] / 100) };
        store::upsert_budget(tx, &this).await?;
    }
    let lines = invoices(contracts, &centres, today);
    store::insert_cost_lines(tx, &lines, now).await?;
    Ok(())
}

fn zero(orgs: &[OrganisationId]) -> Vec<(OrganisationId, u64)> {
    orgs.iter().map(|o| (*o, 0)).collect()
}

/// Whole thousands of euros.
fn round_euros(cents: i64) -> i64 {
    (cents + 50_000) / 100_000 * 100_000
}

/// Monthly invoices from January last year (or the contract's start) to last month; from this year
/// with the +3,2 % indexation. The hosting contract got a credit note last month (a service credit).
fn invoices(contracts: &[CostContract], centres: &[CostCentreId], today: NaiveDate) -> Vec<NewCostLine> {
    let mut out = Vec::new();
    let first = first_of(today.year() - 1, 1);
    let this_month = first_of(today.year(), today.month());
    for c in contracts {
        let prefix: String = c.reference.chars().filter(char::is_ascii_digit).collect();
        let mut month = first.max(first_of(c.start.year(), c.start.month()));
        let mut n = 0;
        while month < this_month {
            let end = month.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(month);
            let base = c.annual_value_cents / 12;
            let indexed = month.year() == today.year() && c.start < first_of(today.year(), 1);
            let amount = if indexed { base * 10_320 / 10_000 } else { base };
            n += 1;
            out.push(NewCostLine {
                contract: c.id,
                vendor: c.vendor,
                invoice_number: format!("F{prefix}-{}{:02}-{n:03}", month.year(), month.month()),
                invoice_date: month,
                period_start: month,
                period_end: end,
                amount_cents: amount,
                vat_cents: amount * 21 / 100,
                kind: "factuur".into(),
                cost_centre: centres[VENDOR_CENTRE[c.vendor_index]],
            });
            month = end.succ_opt().unwrap_or(this_month);
        }
        if c.reference == "VO-2022-027" {
            let last_month = this_month.checked_sub_months(Months::new(1)).unwrap_or(this_month);
            let end = this_month.pred_opt().unwrap_or(this_month);
            out.push(NewCostLine {
                contract: c.id,
                vendor: c.vendor,
                invoice_number: format!("C{prefix}-{}{:02}", last_month.year(), last_month.month()),
                invoice_date: this_month.pred_opt().unwrap_or(this_month),
                period_start: last_month,
                period_end: end,
                amount_cents: -194_750,
                vat_cents: -40_898,
                kind: "creditnota".into(),
                cost_centre: centres[VENDOR_CENTRE[c.vendor_index]],
            });
        }
    }
    out
}
