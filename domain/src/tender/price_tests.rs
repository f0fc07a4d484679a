//! Hand-computed totals of the price model, and the refusals with their fields.

use super::*;

fn model(one_off: i64, per_year: i64, per_seat_month: i64, seats: u32, bp: i32) -> PriceModel {
    PriceModel {
        one_off_cents: one_off,
        per_year_cents: per_year,
        per_seat_month_cents: per_seat_month,
        seats,
        indexation_bp: bp,
    }
}

#[test]
fn the_worked_example_of_the_documentation() {
    // EUR 10,000 one-off, EUR 12,000 per year, EUR 2.50 per seat per month for 100 seats, 3 % indexation,
    // 30 months:
    //   one-off                                                       1,000,000
    //   year 1 (12 months): 1,200,000 + 100 x 250 x 12 = 1,500,000 x 1  = 1,500,000
    //   year 2 (12 months): 1,500,000 x 1.03                           = 1,545,000
    //   year 3 ( 6 months): (600,000 + 100 x 250 x 6 = 750,000) x 1.03^2
    //                       = 750,000 x 1.0609                        =   795,675
    //   total                                                          4,840,675 cents = EUR 48,406.75
    assert_eq!(total_price(&model(1_000_000, 1_200_000, 250, 100, 300), 30), Ok(4_840_675));
}

#[test]
fn full_years_and_a_pro_rata_last_year() {
    // 24 months: 2 x 1,000.
    assert_eq!(total_price(&model(0, 1_000, 0, 0, 0), 24), Ok(2_000));
    // 13 months: 1,000 + 1,000 x 1/12 = 83.33 -> 83.
    assert_eq!(total_price(&model(0, 1_000, 0, 0, 0), 13), Ok(1_083));
    // 1 month: 1,200 / 12 = 100, 2 seats x 5 x 1 = 10, one-off 7.
    assert_eq!(total_price(&model(7, 1_200, 5, 2, 0), 1), Ok(117));
}

#[test]
fn seats_are_charged_per_month_of_each_year_and_indexed() {
    // 3 seats at 19.99 for 14 months, 1.5 %: year 1 = 3 x 1,999 x 12 = 71,964;
    // year 2 = 3 x 1,999 x 2 = 11,994 x 1.015 = 12,173.91 -> 12,174; total 84,138.
    assert_eq!(total_price(&model(0, 0, 1_999, 3, 150), 14), Ok(84_138));
}

#[test]
fn indexation_compounds_from_year_two() {
    // 10 %: 10,000 + 11,000 + 12,100 = 33,100; the one-off amount is never indexed.
    assert_eq!(total_price(&model(500, 10_000, 0, 0, 1_000), 36), Ok(33_600));
}

#[test]
fn each_year_is_rounded_once_half_away_from_zero() {
    // 25 %: year 2 = 2 x 1.25 = 2.5 -> 3; total 2 + 3 = 5.
    assert_eq!(total_price(&model(0, 2, 0, 0, 2_500), 24), Ok(5));
    // -50 %: year 2 = 3 x 0.5 = 1.5 -> 2 (half away from zero, also when prices fall); total 3 + 2 = 5.
    assert_eq!(total_price(&model(0, 3, 0, 0, -5_000), 24), Ok(5));
    // 40 % on 1 cent: year 2 = 1.4 -> 1, year 3 = 1.96 -> 2 (exact compounding; indexing the rounded
    // price of year 2 would give 1 again); total 1 + 1 + 2 = 4.
    assert_eq!(total_price(&model(0, 1, 0, 0, 4_000), 36), Ok(4));
    // The pro rata part is not rounded before indexation: 18 months of 1 cent a year at -20 %:
    // year 2 = 1 x 6/12 x 0.8 = 0.4 -> 0 (rounding 0.5 to 1 first would give 0.8 -> 1); total 1.
    assert_eq!(total_price(&model(0, 1, 0, 0, -2_000), 18), Ok(1));
}

#[test]
fn a_long_term_is_exact() {
    // 50 years of EUR 100 at +50 %: 10,000 x (1.5^50 - 1) / 0.5 = 12,752,429,984,280.99 before rounding;
    // with every year rounded to the cent (checked with exact fractions) 12,752,429,984,280.
    assert_eq!(total_price(&model(0, 10_000, 0, 0, 5_000), 600), Ok(12_752_429_984_280));
}

#[test]
fn negative_amounts_are_refused_at_their_field() {
    let e = |m: PriceModel| total_price(&m, 12).unwrap_err();
    assert_eq!(e(model(-1, 0, 0, 0, 0)), PriceError::Negative { field: "eenmalig" });
    assert_eq!(e(model(0, -1, 0, 0, 0)), PriceError::Negative { field: "per_jaar" });
    assert_eq!(e(model(0, 0, -1, 0, 0)), PriceError::Negative { field: "per_plek_maand" });
    // A negative amount is reported before a bad term.
    assert_eq!(total_price(&model(0, -1, 0, 0, 0), 0).unwrap_err().field(), "per_jaar");
    assert_eq!(e(model(0, 0, -1, 0, 0)).problem(), Problem::Negative);
}

#[test]
fn the_indexation_and_the_term_have_ranges() {
    let indexation = PriceError::OutOfRange { field: "indexatie", min: -50, max: 50 };
    assert_eq!(total_price(&model(0, 100, 0, 0, 5_001), 12), Err(indexation));
    assert_eq!(total_price(&model(0, 100, 0, 0, -5_001), 12), Err(indexation));
    assert!(total_price(&model(0, 100, 0, 0, 5_000), 24).is_ok());
    assert!(total_price(&model(0, 100, 0, 0, -5_000), 24).is_ok());
    let term = PriceError::OutOfRange { field: "looptijd", min: 1, max: 600 };
    assert_eq!(total_price(&model(0, 100, 0, 0, 0), 0), Err(term));
    assert_eq!(total_price(&model(0, 100, 0, 0, 0), 601), Err(term));
    assert_eq!(term.problem(), Problem::OutOfRange { min: 1, max: 600 });
    assert_eq!(Invalid::from(term).for_field("looptijd"), Some(Problem::OutOfRange { min: 1, max: 600 }));
}

#[test]
fn too_large_amounts_and_totals_are_refused_at_the_largest_part() {
    let max = MAX_AMOUNT_CENTS;
    assert_eq!(max, 999_999_999_999_999);
    assert_eq!(total_price(&model(max + 1, 0, 0, 0, 0), 1), Err(PriceError::TooLarge { field: "eenmalig" }));
    assert_eq!(total_price(&model(0, 0, i64::MAX, 1, 0), 1), Err(PriceError::TooLarge { field: "per_plek_maand" }));
    // Exactly the maximum is accepted; one cent more (1 month of 12 cents a year) is not.
    assert_eq!(total_price(&model(max, 0, 0, 0, 0), 1), Ok(max));
    assert_eq!(total_price(&model(max, 12, 0, 0, 0), 1), Err(PriceError::TooLarge { field: "eenmalig" }));
    // EUR 10,000 a year at +50 % for 50 years: 1,000,000 x (1.5^50 - 1) / 0.5 = about 1.3 x 10^15.
    assert_eq!(total_price(&model(5, 1_000_000, 0, 0, 5_000), 600), Err(PriceError::TooLarge { field: "per_jaar" }));
    // All seats at EUR 10 billion a month: the seats part is the largest; no overflow, no panic.
    let seats = model(max, max, 1_000_000_000_000, u32::MAX, 5_000);
    assert_eq!(total_price(&seats, 600), Err(PriceError::TooLarge { field: "per_plek_maand" }));
    assert_eq!(PriceError::TooLarge { field: "per_jaar" }.problem(), Problem::AmountTooLarge);
}
