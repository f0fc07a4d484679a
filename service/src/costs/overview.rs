//! The cost overview of a year: invoiced costs accrued over the months their periods cover, the
//! budget, the year-end forecast (invoices so far plus the contract value of the months no invoice
//! covers, with known indexation), and the split per cost centre, vendor, contract and served
//! organisation (by verdeelsleutel: the contract's own key, else its cost centre's key).

use crate::policy::Action;
use crate::{Actor, ServiceError, Services};
use chrono::Datelike;
use domain::contract::{Contract, ContractStatus, Renewal};
use domain::costs::accrual::spread_over_months;
use domain::costs::allocation::allocate;
use domain::costs::forecast::{forecast_year, monthly_value_cents, ContractCostTerms, CostPeriod, PriceChange};
use domain::deadlines::current_term_end;
use domain::views_costs::{AllocationKeyView, AllocationTarget, CostFigures, CostOverview, MonthCosts};
use domain::ContractId;
use std::collections::{BTreeMap, HashMap};

/// Sums per row key: (actual, forecast).
#[derive(Default)]
struct Sums(BTreeMap<String, (i64, i64)>);

impl Sums {
    fn add(&mut self, key: &str, actual: i64, forecast: i64) {
        let e = self.0.entry(key.to_string()).or_default();
        e.0 += actual;
        e.1 += forecast;
    }
}

/// The contract's end for the forecast: the end of its current term when it will not go on (fixed
/// term, terminated or being re-tendered, no options left), else open.
pub fn forecast_end(c: &Contract, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
    let ends = match c.status {
        ContractStatus::Terminated | ContractStatus::Retender => true,
        ContractStatus::Active => match c.renewal {
            Renewal::Fixed => true,
            Renewal::Options { count, exercised, .. } => exercised >= count,
            Renewal::Tacit { .. } => false,
        },
    };
    ends.then(|| current_term_end(c, today))
}

impl Services {
    /// The overview of `year` (this year when `None`).
    #[tracing::instrument(skip_all)]
    pub async fn cost_overview(&self, actor: &Actor, year: Option<i32>) -> Result<CostOverview, ServiceError> {
        self.guard(actor, Action::ViewCosts, "costs.view", "cost_overview".into()).await?;
        let today = self.clock().today();
        let year =
            year.filter(|y| (domain::text::YEAR_MIN..=domain::text::YEAR_MAX).contains(y)).unwrap_or(today.year());
        let db = self.db();
        let (lines, contracts, changes, budgets, centres, organisations, keys, span, all_budgets) = tokio::try_join!(
            store::cost_periods_in_year(db, year),
            store::list_contracts(db),
            store::list_price_changes(db, None),
            store::list_budgets(db, Some(year)),
            store::list_cost_centres(db),
            store::list_organisations(db),
            store::list_allocation_keys(db),
            store::cost_years(db),
            store::list_budgets(db, None),
        )?;
        let mut changes_by: HashMap<ContractId, Vec<PriceChange>> = HashMap::new();
        for (c, p) in changes {
            changes_by
                .entry(c)
                .or_default()
                .push(PriceChange { effective_from: p.effective_from, basis_points: p.basis_points });
        }
        let terms: Vec<ContractCostTerms> = contracts
            .iter()
            .map(|c| ContractCostTerms {
                contract: c.id.0,
                start: c.start,
                end: forecast_end(c, today),
                annual_value_cents: c.annual_value_cents,
                price_changes: changes_by.remove(&c.id).unwrap_or_default(),
            })
            .collect();
        let periods: Vec<CostPeriod> = lines
            .iter()
            .map(|l| CostPeriod {
                contract: l.contract_id,
                start: l.period_start,
                end: l.period_end,
                amount_cents: l.amount_cents,
            })
            .collect();
        let forecasts = forecast_year(year, &terms, &periods);

        let contract_by: HashMap<i64, &Contract> = contracts.iter().map(|c| (c.id.0, c)).collect();
        let terms_by: HashMap<i64, &ContractCostTerms> = terms.iter().map(|t| (t.contract, t)).collect();
        let key_by: HashMap<AllocationTarget, &AllocationKeyView> = keys.iter().map(|k| (k.target, k)).collect();
        let org_name: HashMap<i64, &str> = organisations.iter().map(|o| (o.id.0, o.name.as_str())).collect();
        let centre_name: HashMap<i64, String> =
            centres.iter().map(|c| (c.id.0, format!("{} {}", c.code, c.name))).collect();

        let mut month_actual = [0i64; 12];
        let mut month_expected = [0i64; 12];
        let (mut by_centre, mut by_vendor, mut by_contract, mut by_org) =
            (Sums::default(), Sums::default(), Sums::default(), Sums::default());
        let mut latest_centre: HashMap<i64, (chrono::NaiveDate, i64)> = HashMap::new();
        let mut vat = 0i64;
        let split = |contract: i64, centre: Option<i64>, cents: i64, actual: bool, by_org: &mut Sums| {
            let key = key_by
                .get(&AllocationTarget::Contract(ContractId(contract)))
                .or_else(|| centre.and_then(|c| key_by.get(&AllocationTarget::CostCentre(domain::CostCentreId(c)))));
            let parts = key.and_then(|k| {
                let weights: Vec<u64> = k.shares.iter().map(|s| s.weight).collect();
                allocate(cents, &weights).ok().map(|p| (k, p))
            });
            match parts {
                Some((k, parts)) => {
                    for (s, part) in k.shares.iter().zip(parts) {
                        let name = org_name.get(&s.organisation.0).copied().unwrap_or("?");
                        let id = s.organisation.0.to_string();
                        by_org.add(&format!("{name}\u{1f}{id}"), if actual { part } else { 0 }, part);
                    }
                }
                None => by_org.add("\u{1f}", if actual { cents } else { 0 }, cents),
            }
        };
        for l in &lines {
            let mut in_year = 0i64;
            for (y, m, cents) in spread_over_months(l.amount_cents, l.period_start, l.period_end) {
                if y == year {
                    month_actual[(m - 1) as usize] += cents;
                    in_year += cents;
                }
            }
            let share_of_vat = if l.amount_cents != 0 {
                (i128::from(l.vat_cents) * i128::from(in_year) / i128::from(l.amount_cents)) as i64
            } else {
                0
            };
            vat += share_of_vat;
            let vendor = contract_by.get(&l.contract_id).map(|c| c.vendor_name.as_str()).unwrap_or("?");
            by_vendor.add(&format!("{vendor}\u{1f}{}", l.vendor_id), in_year, in_year);
            by_centre.add(&l.cost_centre_id.to_string(), in_year, in_year);
            split(l.contract_id, Some(l.cost_centre_id), in_year, true, &mut by_org);
            let e = latest_centre.entry(l.contract_id).or_insert((l.period_end, l.cost_centre_id));
            if l.period_end >= e.0 {
                *e = (l.period_end, l.cost_centre_id);
            }
        }
        for f in &forecasts {
            let c = contract_by.get(&f.contract);
            by_contract.add(&f.contract.to_string(), f.actual_cents, f.forecast_cents);
            if f.expected_cents == 0 {
                continue;
            }
            if let Some(t) = terms_by.get(&f.contract) {
                for &m in &f.uncovered_months {
                    month_expected[(m - 1) as usize] += monthly_value_cents(t, year, m);
                }
            }
            if let Some(c) = c {
                by_vendor.add(&format!("{}\u{1f}{}", c.vendor_name, c.vendor_id), 0, f.expected_cents);
            }
            let centre = latest_centre.get(&f.contract).map(|&(_, c)| c);
            by_centre.add(&centre.map(|c| c.to_string()).unwrap_or_default(), 0, f.expected_cents);
            split(f.contract, centre, f.expected_cents, false, &mut by_org);
        }

        let budget_cents: i64 = budgets.iter().map(|b| b.amount_cents).sum();
        let mut months = Vec::with_capacity(12);
        let (mut cum_actual, mut cum_forecast) = (0i64, 0i64);
        for m in 0..12 {
            cum_actual += month_actual[m];
            cum_forecast += month_actual[m] + month_expected[m];
            months.push(MonthCosts {
                month: m as u32 + 1,
                actual_cents: month_actual[m],
                cumulative_actual_cents: cum_actual,
                cumulative_budget_cents: (i128::from(budget_cents) * (m as i128 + 1) / 12) as i64,
                cumulative_forecast_cents: cum_forecast,
            });
        }

        let budget_of: HashMap<i64, i64> = budgets.iter().map(|b| (b.cost_centre.0, b.amount_cents)).collect();
        let mut cost_centres: Vec<CostFigures> = centres
            .iter()
            .filter(|c| budget_of.contains_key(&c.id.0) || by_centre.0.contains_key(&c.id.0.to_string()))
            .map(|c| {
                let (a, f) = by_centre.0.get(&c.id.0.to_string()).copied().unwrap_or_default();
                CostFigures {
                    id: c.id.0.to_string(),
                    name: centre_name.get(&c.id.0).cloned().unwrap_or_default(),
                    budget_cents: budget_of.get(&c.id.0).copied(),
                    actual_cents: a,
                    forecast_cents: f,
                }
            })
            .collect();
        if let Some(&(a, f)) = by_centre.0.get("") {
            cost_centres.push(CostFigures {
                id: String::new(),
                name: String::new(),
                budget_cents: None,
                actual_cents: a,
                forecast_cents: f,
            });
        }
        let named = |sums: Sums| -> Vec<CostFigures> {
            let mut rows: Vec<CostFigures> = sums
                .0
                .into_iter()
                .map(|(k, (a, f))| {
                    let (name, id) = k.split_once('\u{1f}').unwrap_or((&k, ""));
                    CostFigures {
                        id: id.to_string(),
                        name: name.to_string(),
                        budget_cents: None,
                        actual_cents: a,
                        forecast_cents: f,
                    }
                })
                .collect();
            rows.sort_by(|a, b| b.forecast_cents.cmp(&a.forecast_cents).then_with(|| a.name.cmp(&b.name)));
            rows
        };
        let vendors = named(by_vendor);
        let mut organisations_rows = named(by_org);
        // "Not allocated" last.
        organisations_rows.sort_by_key(|r| r.id.is_empty());
        let mut contracts_rows: Vec<CostFigures> = by_contract
            .0
            .into_iter()
            .filter(|(_, (a, f))| *a != 0 || *f != 0)
            .map(|(id, (a, f))| {
                let c = id.parse::<i64>().ok().and_then(|i| contract_by.get(&i));
                let name = c.map(|c| format!("{} – {}", c.reference, c.title)).unwrap_or_else(|| id.clone());
                CostFigures { id, name, budget_cents: None, actual_cents: a, forecast_cents: f }
            })
            .collect();
        contracts_rows.sort_by(|a, b| b.forecast_cents.cmp(&a.forecast_cents).then_with(|| a.name.cmp(&b.name)));

        let mut years: Vec<i32> = all_budgets.iter().map(|b| b.year).collect();
        if let (Some(first), Some(last)) = span {
            years.extend(first.year()..=last.year());
        }
        years.push(today.year());
        years.push(year);
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();

        Ok(CostOverview {
            year,
            budget_cents,
            actual_cents: cum_actual,
            vat_cents: vat,
            forecast_cents: cum_forecast,
            months,
            cost_centres,
            vendors,
            organisations: organisations_rows,
            contracts: contracts_rows,
            years,
        })
    }
}
