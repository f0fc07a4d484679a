use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn cost_line() -> CostLineForm {
    CostLineForm {
        factuurnummer: " F-2026-001 ".into(),
        factuurdatum: "15-01-2026".into(),
        periode_van: "2026-01-01".into(),
        periode_tot: "31-12-2026".into(),
        bedrag: "12.000,00".into(),
        btw: "2.520,00".into(),
        kostenplaats: "KP-4100".into(),
        soort: String::new(),
    }
}

#[test]
fn a_complete_cost_line_parses() {
    let got = CostLineInput::parse(&cost_line());
    let want = CostLineInput {
        invoice_number: "F-2026-001".into(),
        invoice_date: d(2026, 1, 15),
        period_start: d(2026, 1, 1),
        period_end: d(2026, 12, 31),
        amount_cents: 1_200_000,
        vat_cents: 252_000,
        cost_centre: "KP-4100".into(),
        kind: CostKind::Invoice,
    };
    assert_eq!(got, Ok(want));
    let credit =
        CostLineForm { bedrag: "-100,00".into(), btw: "-21,00".into(), soort: "creditnota".into(), ..cost_line() };
    assert_eq!(CostLineInput::parse(&credit).map(|c| (c.amount_cents, c.kind)), Ok((-10_000, CostKind::CreditNote)));
}

#[test]
fn every_bad_cost_line_field_is_reported_at_its_own_name() {
    let f = CostLineForm {
        factuurnummer: String::new(),
        factuurdatum: "31-02-2026".into(),
        periode_van: "nu".into(),
        periode_tot: String::new(),
        bedrag: "1.234".into(),
        btw: "1.234.56".into(),
        kostenplaats: "x".repeat(33),
        soort: "bon".into(),
    };
    let e = CostLineInput::parse(&f).unwrap_err();
    assert_eq!(e.for_field("factuurnummer"), Some(Problem::Required));
    assert_eq!(e.for_field("factuurdatum"), Some(Problem::NotADate));
    assert_eq!(e.for_field("periode_van"), Some(Problem::NotADate));
    assert_eq!(e.for_field("periode_tot"), Some(Problem::Required));
    assert_eq!(e.for_field("bedrag"), Some(Problem::AmbiguousAmount));
    assert_eq!(e.for_field("btw"), Some(Problem::TwoDecimalSeparators));
    assert_eq!(e.for_field("kostenplaats"), Some(Problem::TooLong { max: 32 }));
    assert_eq!(e.for_field("soort"), Some(Problem::UnknownChoice));
    let e =
        CostLineInput::parse(&CostLineForm { bedrag: "12,3456".into(), btw: "10000000000000".into(), ..cost_line() })
            .unwrap_err();
    assert_eq!(e.for_field("bedrag"), Some(Problem::TooManyDecimals));
    assert_eq!(e.for_field("btw"), Some(Problem::AmountTooLarge));
}

#[test]
fn cost_line_signs_and_period_follow_the_csv_rules() {
    let e = CostLineInput::parse(&CostLineForm { bedrag: "-5".into(), btw: "-1".into(), ..cost_line() }).unwrap_err();
    assert_eq!(e.for_field("bedrag"), Some(Problem::NegativeNotCreditNote));
    let e = CostLineInput::parse(&CostLineForm { soort: "creditnota".into(), ..cost_line() }).unwrap_err();
    assert_eq!(e.for_field("bedrag"), Some(Problem::CreditNoteNotNegative));
    let e = CostLineInput::parse(&CostLineForm { btw: "-1,00".into(), ..cost_line() }).unwrap_err();
    assert_eq!(e.for_field("btw"), Some(Problem::VatSign));
    let e = CostLineInput::parse(&CostLineForm { periode_tot: "31-12-2025".into(), ..cost_line() }).unwrap_err();
    assert_eq!(e.for_field("periode_tot"), Some(Problem::EndBeforeStart));
    assert!(CostLineInput::parse(&CostLineForm { btw: "0".into(), ..cost_line() }).is_ok());
}

#[test]
fn a_cost_centre_code_has_no_spaces() {
    let ok = CostCentreForm { code: " KP-4100 ".into(), naam: "ICT-beheer".into() };
    assert_eq!(CostCentreInput::parse(&ok), Ok(CostCentreInput { code: "KP-4100".into(), name: "ICT-beheer".into() }));
    let e = CostCentreInput::parse(&CostCentreForm { code: "KP 4100".into(), naam: String::new() }).unwrap_err();
    assert_eq!(e.for_field("code"), Some(Problem::CodeWithSpaces));
    assert_eq!(e.for_field("naam"), Some(Problem::Required));
    let e = CostCentreInput::parse(&CostCentreForm { code: "K".repeat(33), naam: "n".repeat(121) }).unwrap_err();
    assert_eq!(e.for_field("code"), Some(Problem::TooLong { max: 32 }));
    assert_eq!(e.for_field("naam"), Some(Problem::TooLong { max: 120 }));
}

#[test]
fn a_budget_has_a_plausible_year_and_no_negative_amount() {
    let ok = BudgetForm { kostenplaats: "KP-4100".into(), jaar: "2026".into(), bedrag: "€ 250.000,00".into() };
    assert_eq!(
        BudgetInput::parse(&ok),
        Ok(BudgetInput { cost_centre: "KP-4100".into(), year: 2026, amount_cents: 25_000_000 })
    );
    assert_eq!(BudgetInput::parse(&BudgetForm { bedrag: "0".into(), ..ok.clone() }).map(|b| b.amount_cents), Ok(0));
    let e = BudgetInput::parse(&BudgetForm { kostenplaats: String::new(), jaar: "1850".into(), bedrag: "-1".into() })
        .unwrap_err();
    assert_eq!(e.for_field("kostenplaats"), Some(Problem::Required));
    assert_eq!(e.for_field("jaar"), Some(Problem::OutOfRange { min: 1900, max: 2199 }));
    assert_eq!(e.for_field("bedrag"), Some(Problem::Negative));
    let e = BudgetInput::parse(&BudgetForm { jaar: "twintig".into(), bedrag: String::new(), ..ok }).unwrap_err();
    assert_eq!(e.for_field("jaar"), Some(Problem::NotANumber));
    assert_eq!(e.for_field("bedrag"), Some(Problem::Required));
}

#[test]
fn an_organisation_may_leave_its_counts_empty() {
    let f = OrganisationForm { naam: "Gemeente Noord".into(), inwoners: "41250".into(), medewerkers: " ".into() };
    assert_eq!(
        OrganisationInput::parse(&f),
        Ok(OrganisationInput { name: "Gemeente Noord".into(), inhabitants: Some(41_250), employees: None })
    );
    let zero = OrganisationForm { medewerkers: "0".into(), ..f.clone() };
    assert_eq!(OrganisationInput::parse(&zero).map(|o| o.employees), Ok(Some(0)));
    let e = OrganisationInput::parse(&OrganisationForm {
        naam: String::new(),
        inwoners: "-3".into(),
        medewerkers: "veel".into(),
    })
    .unwrap_err();
    assert_eq!(e.for_field("naam"), Some(Problem::Required));
    assert_eq!(e.for_field("inwoners"), Some(Problem::Negative));
    assert_eq!(e.for_field("medewerkers"), Some(Problem::NotANumber));
}

#[test]
fn a_price_change_has_a_date_and_a_percentage() {
    let f = PriceChangeForm { ingangsdatum: "01-07-2026".into(), indexatie: "3,25".into() };
    assert_eq!(PriceChangeInput::parse(&f), Ok(PriceChangeInput { effective_from: d(2026, 7, 1), basis_points: 325 }));
    let neg = PriceChangeForm { indexatie: "-1.5".into(), ..f };
    assert_eq!(PriceChangeInput::parse(&neg).map(|p| p.basis_points), Ok(-150));
    let e =
        PriceChangeInput::parse(&PriceChangeForm { ingangsdatum: String::new(), indexatie: "75".into() }).unwrap_err();
    assert_eq!(e.for_field("ingangsdatum"), Some(Problem::Required));
    assert_eq!(e.for_field("indexatie"), Some(Problem::OutOfRange { min: -50, max: 50 }));
}

fn licence() -> LicenceForm {
    LicenceForm {
        soort: "Microsoft 365 E3".into(),
        product: "365 E3".into(),
        ingekocht: "500".into(),
        prijs_per_maand: "32,50".into(),
        true_up: "01-10-2026".into(),
        true_down: String::new(),
        vrij_onder: "10".into(),
        benutting_onder: "80".into(),
    }
}

#[test]
fn a_complete_licence_parses() {
    let want = LicenceInput {
        licence_type: "Microsoft 365 E3".into(),
        product: Some("365 E3".into()),
        purchased: 500,
        unit_price_cents_month: 3_250,
        true_up: Some(d(2026, 10, 1)),
        true_down: None,
        free_below: Some(10),
        utilisation_below_pct: Some(80),
    };
    assert_eq!(LicenceInput::parse(&licence()), Ok(want));
    let bare = LicenceForm {
        product: String::new(),
        true_up: String::new(),
        vrij_onder: String::new(),
        benutting_onder: String::new(),
        ..licence()
    };
    let got = LicenceInput::parse(&bare).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!((got.product, got.true_up, got.free_below, got.utilisation_below_pct), (None, None, None, None));
}

#[test]
fn every_bad_licence_field_is_reported() {
    let f = LicenceForm {
        soort: String::new(),
        product: "a\u{202e}b".into(),
        ingekocht: "1000001".into(),
        prijs_per_maand: "-32,50".into(),
        true_up: "2026-13-01".into(),
        true_down: "01-01-1800".into(),
        vrij_onder: "-1".into(),
        benutting_onder: "0".into(),
    };
    let e = LicenceInput::parse(&f).unwrap_err();
    assert_eq!(e.for_field("soort"), Some(Problem::Required));
    assert_eq!(e.for_field("product"), Some(Problem::ForbiddenCharacter));
    assert_eq!(e.for_field("ingekocht"), Some(Problem::OutOfRange { min: 0, max: 1_000_000 }));
    assert_eq!(e.for_field("prijs_per_maand"), Some(Problem::Negative));
    assert_eq!(e.for_field("true_up"), Some(Problem::NotADate));
    assert_eq!(e.for_field("true_down"), Some(Problem::YearOutOfRange { min: 1900, max: 2199 }));
    assert_eq!(e.for_field("vrij_onder"), Some(Problem::Negative));
    assert_eq!(e.for_field("benutting_onder"), Some(Problem::OutOfRange { min: 1, max: 100 }));
    let e = LicenceInput::parse(&LicenceForm { benutting_onder: "101".into(), ingekocht: String::new(), ..licence() })
        .unwrap_err();
    assert_eq!(e.for_field("benutting_onder"), Some(Problem::OutOfRange { min: 1, max: 100 }));
    assert_eq!(e.for_field("ingekocht"), Some(Problem::Required));
}

#[test]
fn forms_read_from_json_with_missing_fields_as_empty() {
    let f: LicenceForm = serde_json::from_str(r#"{"soort": "Visio"}"#).unwrap_or_default();
    assert_eq!((f.soort.as_str(), f.ingekocht.as_str()), ("Visio", ""));
    let f: CostLineForm = serde_json::from_str("{}").unwrap_or_default();
    assert_eq!(f, CostLineForm::default());
}
