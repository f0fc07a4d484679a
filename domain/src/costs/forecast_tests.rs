use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn terms(
    contract: i64,
    start: NaiveDate,
    end: Option<NaiveDate>,
    annual: i64,
    changes: &[(NaiveDate, i32)],
) -> ContractCostTerms {
    ContractCostTerms {
        contract,
        start,
        end,
        annual_value_cents: annual,
        price_changes: changes
            .iter()
            .map(|(effective_from, basis_points)| PriceChange {
                effective_from: *effective_from,
                basis_points: *basis_points,
            })
            .collect(),
    }
}

fn line(contract: i64, start: NaiveDate, end: NaiveDate, amount_cents: i64) -> CostPeriod {
    CostPeriod { contract, start, end, amount_cents }
}

#[test]
fn invoices_for_the_first_quarter_and_indexation_from_july() {
    // Annual value 120.000,00 -> 10.000,00 a month. Invoices for January, February and March of 10.000,00
    // each are the actual: 30.000,00. April-June are not invoiced yet: 3 x 10.000,00 = 30.000,00.
    // Indexation +3 % from 1 July: July-December 6 x 10.300,00 = 61.800,00.
    // Forecast = 30.000 + 30.000 + 61.800 = 121.800,00.
    let t = terms(7, d(2024, 1, 1), None, 12_000_000, &[(d(2026, 7, 1), 300)]);
    let lines: Vec<CostPeriod> = (1..=3).map(|m| line(7, d(2026, m, 1), month_end(d(2026, m, 1)), 1_000_000)).collect();
    let f = forecast_year(2026, &[t], &lines);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].actual_cents, 3_000_000);
    assert_eq!(f[0].uncovered_months, (4..=12).collect::<Vec<u32>>());
    assert_eq!(f[0].expected_cents, 3_000_000 + 6_180_000);
    assert_eq!(f[0].forecast_cents, 12_180_000);
}

#[test]
fn a_contract_starting_mid_year_expects_only_the_months_of_its_term() {
    // Start 15 April, annual 60.000,00 -> 5.000,00 a month; April counts (it lies partly within the term),
    // so April-December = 9 x 5.000,00 = 45.000,00.
    let t = terms(1, d(2026, 4, 15), None, 6_000_000, &[]);
    let f = forecast_year(2026, &[t], &[]);
    assert_eq!(f[0].uncovered_months, (4..=12).collect::<Vec<u32>>());
    assert_eq!((f[0].actual_cents, f[0].expected_cents, f[0].forecast_cents), (0, 4_500_000, 4_500_000));
    // A term ending 30 September: January-September = 9 months.
    let t = terms(2, d(2020, 1, 1), Some(d(2026, 9, 30)), 6_000_000, &[]);
    assert_eq!(forecast_year(2026, &[t], &[])[0].uncovered_months, (1..=9).collect::<Vec<u32>>());
    // A contract that starts next year expects nothing this year.
    let t = terms(3, d(2027, 1, 1), None, 6_000_000, &[]);
    assert_eq!(forecast_year(2026, &[t], &[])[0].forecast_cents, 0);
}

#[test]
fn an_invoice_spanning_two_years_counts_its_days_in_this_year() {
    // A year invoice 1 July 2025 - 30 June 2026 of 12.000,00 (365 days, 3.287,67 cents a day).
    // Per month: a 31-day month 101.917,8 cents, a 30-day month 98.630,1, February 92.054,8. The floors add
    // up to 1.199.993; the 7 cents left go to the largest remainders: the seven 31-day months.
    // 2026: Jan 101.918 + Feb 92.054 + Mar 101.918 + Apr 98.630 + May 101.918 + Jun 98.630 = 595.068.
    // July-December are not covered: 6 x 1.000,00 (annual 12.000,00 / 12) = 600.000.
    let t = terms(4, d(2025, 1, 1), None, 1_200_000, &[]);
    let f = forecast_year(2026, std::slice::from_ref(&t), &[line(4, d(2025, 7, 1), d(2026, 6, 30), 1_200_000)]);
    assert_eq!(f[0].actual_cents, 595_068);
    assert_eq!(f[0].uncovered_months, (7..=12).collect::<Vec<u32>>());
    assert_eq!(f[0].forecast_cents, 595_068 + 600_000);
    // The 2025 side of the same invoice: 1.200.000 - 595.068 = 604.932; January-June 2025 uncovered.
    let f = forecast_year(2025, &[t], &[line(4, d(2025, 7, 1), d(2026, 6, 30), 1_200_000)]);
    assert_eq!((f[0].actual_cents, f[0].expected_cents), (604_932, 600_000));
}

#[test]
fn a_negative_price_change_lowers_the_monthly_value_and_changes_compound() {
    // Annual 12.000,00 -> 1.000,00 a month. -2,5 % from 1 March: 975,00. +10 % from 15 June, which is
    // after 1 June, so it counts from July: 975,00 x 1,10 = 1.072,50.
    // Jan-Feb 2 x 1.000,00 + Mar-Jun 4 x 975,00 + Jul-Dec 6 x 1.072,50 = 2.000 + 3.900 + 6.435 = 12.335,00.
    let t = terms(5, d(2020, 1, 1), None, 1_200_000, &[(d(2026, 6, 15), 1000), (d(2026, 3, 1), -250)]);
    assert_eq!(monthly_value_cents(&t, 2026, 2), 100_000);
    assert_eq!(monthly_value_cents(&t, 2026, 3), 97_500);
    assert_eq!(monthly_value_cents(&t, 2026, 6), 97_500);
    assert_eq!(monthly_value_cents(&t, 2026, 7), 107_250);
    assert_eq!(forecast_year(2026, &[t], &[])[0].expected_cents, 1_233_500);
}

#[test]
fn the_monthly_value_is_rounded_half_away_from_zero_once() {
    // 1.000,00 / 12 = 83,3333 -> 83,33; with +2,5 %: 85,41666 -> 85,42.
    let mut t = terms(6, d(2020, 1, 1), None, 100_000, &[]);
    assert_eq!(monthly_value_cents(&t, 2026, 1), 8_333);
    t.price_changes.push(PriceChange { effective_from: d(2026, 1, 1), basis_points: 250 });
    assert_eq!(monthly_value_cents(&t, 2026, 1), 8_542);
    // 6 cents a year = 0,5 cent a month -> 1 cent; -6 -> -1; 18 -> 1,5 -> 2.
    for (annual, month) in [(6, 1), (-6, -1), (18, 2), (-18, -2), (17, 1), (0, 0)] {
        assert_eq!(monthly_value_cents(&terms(1, d(2020, 1, 1), None, annual, &[]), 2026, 5), month, "{annual}");
    }
    // Exactly half after a change: 1 cent / 12 x 6 (+500 %) = 0,5 -> 1 (no rounding before the end).
    assert_eq!(monthly_value_cents(&terms(1, d(2020, 1, 1), None, 1, &[(d(2020, 1, 1), 50_000)]), 2026, 5), 1);
    // Two changes of +10 % compound to +21 %: 1.000,00 x 1,21 = 1.210,00.
    let t = terms(1, d(2020, 1, 1), None, 1_200_000, &[(d(2024, 1, 1), 1000), (d(2025, 1, 1), 1000)]);
    assert_eq!(monthly_value_cents(&t, 2026, 1), 121_000);
    assert_eq!(monthly_value_cents(&t, 2026, 13), 0, "no month 13");
}

#[test]
fn extreme_terms_saturate_instead_of_panicking() {
    let many: Vec<(NaiveDate, i32)> = (0..200).map(|i| (d(1900, 1, 1) + chrono::Days::new(i), 5000)).collect();
    let t = terms(1, d(1900, 1, 1), None, i64::MAX, &many);
    assert_eq!(monthly_value_cents(&t, 2026, 1), i64::MAX);
    let t = terms(1, d(1900, 1, 1), None, i64::MIN, &many);
    assert_eq!(monthly_value_cents(&t, 2026, 1), i64::MIN);
    let t = terms(1, d(1900, 1, 1), None, 1_200_000, &[(d(2000, 1, 1), -10_000)]);
    assert_eq!(monthly_value_cents(&t, 2026, 1), 0, "-100 %");
    let t = terms(1, d(1900, 1, 1), None, 1_200_000, &[(d(2000, 1, 1), -20_000)]);
    assert_eq!(monthly_value_cents(&t, 2026, 1), -100_000, "-200 % turns the sign");
    let f = forecast_year(
        2026,
        &[terms(1, d(1900, 1, 1), None, i64::MAX, &[])],
        &[line(1, d(2026, 1, 1), d(2026, 1, 1), i64::MAX)],
    );
    assert_eq!(f[0].forecast_cents, i64::MAX);
}

#[test]
fn cost_lines_of_contracts_without_terms_still_count_as_actual() {
    let t = terms(10, d(2020, 1, 1), None, 1_200_000, &[]);
    let lines = [
        line(30, d(2026, 2, 1), d(2026, 2, 28), 5_000),
        line(20, d(2026, 1, 1), d(2026, 1, 31), 7_000),
        line(20, d(2026, 12, 1), d(2027, 1, 31), 6_200),
        line(40, d(2025, 1, 1), d(2025, 1, 31), 1_000),
        line(10, d(2026, 1, 1), d(2026, 12, 31), 1_200_000),
    ];
    let f = forecast_year(2026, &[t], &lines);
    let got: Vec<(i64, i64, i64)> = f.iter().map(|c| (c.contract, c.actual_cents, c.expected_cents)).collect();
    // Contract 20: 7.000 + December's 31 of 62 days of 6.200 = 3.100 -> 10.100. Contract 40 has nothing in 2026.
    assert_eq!(got, vec![(10, 1_200_000, 0), (20, 10_100, 0), (30, 5_000, 0)]);
    assert!(f[0].uncovered_months.is_empty());
}

#[test]
fn indexation_percentages_read_into_basis_points() {
    assert_eq!(parse_indexation_bp("i", "2,5"), Ok(250));
    assert_eq!(parse_indexation_bp("i", "-1.25"), Ok(-125));
    assert_eq!(parse_indexation_bp("i", "3"), Ok(300));
    assert_eq!(parse_indexation_bp("i", "50"), Ok(5000));
    assert_eq!(parse_indexation_bp("i", "-50 %"), Ok(-5000));
    let problem = |s: &str| parse_indexation_bp("i", s).err().and_then(|e| e.for_field("i"));
    assert_eq!(problem("50,01"), Some(Problem::OutOfRange { min: -50, max: 50 }));
    assert_eq!(problem("-51"), Some(Problem::OutOfRange { min: -50, max: 50 }));
    assert_eq!(problem("99999999999999999999"), Some(Problem::OutOfRange { min: -50, max: 50 }));
    assert_eq!(problem(""), Some(Problem::Required));
    assert_eq!(problem("drie"), Some(Problem::NotANumber));
    assert_eq!(problem("1,234"), Some(Problem::TooManyDecimals));
}

proptest::proptest! {
    #[test]
    fn the_exact_monthly_value_matches_a_float_away_from_halves(
        annual in -10_000_000_000i64..10_000_000_000,
        bps in proptest::collection::vec(-5000i32..=5000, 0..4),
    ) {
        let changes: Vec<(NaiveDate, i32)> = bps.iter().map(|b| (d(2020, 1, 1), *b)).collect();
        let t = terms(1, d(2020, 1, 1), None, annual, &changes);
        let exact = bps.iter().fold(annual as f64 / 12.0, |v, b| v * (1.0 + f64::from(*b) / 10_000.0));
        let got = monthly_value_cents(&t, 2026, 1);
        if (exact.abs().fract() - 0.5).abs() > 1e-3 {
            proptest::prop_assert_eq!(got as f64, exact.round());
        }
    }
}
