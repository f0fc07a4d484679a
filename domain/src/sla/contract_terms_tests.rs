use super::*;

pub(crate) fn form() -> SlaTermsForm {
    SlaTermsForm {
        target: "99,8".into(),
        window: "weekly".into(),
        weekdays: ["mon", "tue", "wed", "thu", "fri"].map(String::from).to_vec(),
        from: "08:00".into(),
        to: "18:00".into(),
        exclude_holidays: "on".into(),
        period: "month".into(),
        basis: "worst".into(),
        degraded_counts: String::new(),
        notice_days: "5".into(),
        resolution_minor: String::new(),
        resolution_major: "480".into(),
        resolution_critical: "240".into(),
        staffel: vec![
            TierForm { below: "99,8".into(), credit: "5".into() },
            TierForm::default(),
            TierForm { below: "99.0 %".into(), credit: "10".into() },
        ],
        cap: "25".into(),
        monthly_fee: String::new(),
    }
}

#[test]
fn a_weekly_window_with_a_staffel_parses_and_skips_empty_rows() {
    let t = ContractSlaTerms::parse(&form()).unwrap();
    assert_eq!(t.terms.target_pct, 99.8);
    assert_eq!(
        t.terms.window,
        ServiceWindow::Weekly {
            weekdays: [true, true, true, true, true, false, false],
            from_minute: 480,
            to_minute: 1080,
            exclude_holidays: true
        }
    );
    assert_eq!((t.period, t.basis), (MeasurementPeriod::Month, MeasurementBasis::Worst));
    assert_eq!(t.terms.maintenance_notice_days, 5);
    assert!(!t.terms.degraded_counts_as_down);
    assert_eq!(t.resolution, ResolutionTargets { minor: None, major: Some(480), critical: Some(240) });
    assert_eq!(
        t.terms.staffel,
        vec![CreditTier { below_pct: 99.8, credit_pct: 5.0 }, CreditTier { below_pct: 99.0, credit_pct: 10.0 }]
    );
    assert_eq!((t.terms.credit_cap_pct, t.monthly_fee_override_cents), (25.0, None));
}

#[test]
fn the_monthly_fee_is_the_annual_value_over_twelve_unless_one_is_set() {
    let follows = ContractSlaTerms::parse(&form()).unwrap();
    assert_eq!(follows.monthly_fee_cents(12_000_000), 1_000_000);
    assert_eq!(follows.evaluation_terms(100).monthly_fee_cents, 8, "rounded down");
    let set = ContractSlaTerms::parse(&SlaTermsForm { monthly_fee: "8.500,00".into(), ..form() }).unwrap();
    assert_eq!(set.monthly_fee_override_cents, Some(850_000));
    assert_eq!(set.evaluation_terms(12_000_000).monthly_fee_cents, 850_000);
}

#[test]
fn every_bad_field_of_the_issue_is_reported_at_its_form_field() {
    let bad = SlaTermsForm {
        target: "100,5".into(),
        weekdays: Vec::new(),
        from: "18:00".into(),
        to: "08:00".into(),
        staffel: vec![
            TierForm { below: "99,5".into(), credit: "5".into() },
            TierForm::default(),
            TierForm { below: "99,5".into(), credit: "10".into() },
        ],
        cap: "120".into(),
        monthly_fee: "-1".into(),
        ..form()
    };
    let inv = ContractSlaTerms::parse(&bad).unwrap_err();
    assert_eq!(inv.for_field("target"), Some(Problem::PercentOutOfRange));
    assert_eq!(inv.for_field("weekdays"), Some(Problem::NoWeekdays));
    assert_eq!(inv.for_field("to"), Some(Problem::FromNotBeforeTo));
    assert_eq!(inv.for_field("staffel[2].below"), Some(Problem::DuplicateTier), "the form's row, not the tier's");
    assert_eq!(inv.for_field("cap"), Some(Problem::PercentOutOfRange));
    assert_eq!(inv.for_field("monthly_fee"), Some(Problem::Negative));
    let zero = ContractSlaTerms::parse(&SlaTermsForm { target: "0".into(), ..form() }).unwrap_err();
    assert_eq!(zero.for_field("target"), Some(Problem::PercentOutOfRange));
    assert!(ContractSlaTerms::parse(&SlaTermsForm { target: "100".into(), ..form() }).is_ok());
}

#[test]
fn unreadable_fields_keep_their_own_problem_and_the_rest_is_still_checked() {
    let bad = SlaTermsForm {
        target: "hoog".into(),
        from: "8 uur".into(),
        to: "24:01".into(),
        period: "week".into(),
        basis: String::new(),
        notice_days: "-2".into(),
        resolution_minor: "0".into(),
        staffel: vec![TierForm { below: "99".into(), credit: String::new() }],
        cap: "101".into(),
        ..form()
    };
    let inv = ContractSlaTerms::parse(&bad).unwrap_err();
    assert_eq!(inv.for_field("target"), Some(Problem::NotANumber));
    assert_eq!(inv.for_field("from"), Some(Problem::TimeFormat));
    assert_eq!(inv.for_field("to"), Some(Problem::TimeFormat));
    assert_eq!(inv.for_field("period"), Some(Problem::UnknownChoice));
    assert_eq!(inv.for_field("basis"), Some(Problem::Required));
    assert_eq!(inv.for_field("notice_days"), Some(Problem::Negative));
    assert_eq!(inv.for_field("resolution_minor"), Some(Problem::OutOfRange { min: 1, max: MAX_RESOLUTION_MINUTES }));
    assert_eq!(inv.for_field("staffel[0].credit"), Some(Problem::Required));
    assert_eq!(inv.for_field("cap"), Some(Problem::PercentOutOfRange));
    assert_eq!(inv.0.iter().filter(|e| e.field == "target").count(), 1, "one problem per field");
}

#[test]
fn a_round_the_clock_window_needs_no_hours_and_too_many_tiers_are_refused() {
    let always =
        SlaTermsForm { window: "always".into(), weekdays: Vec::new(), from: "".into(), to: "".into(), ..form() };
    assert_eq!(ContractSlaTerms::parse(&always).unwrap().terms.window, ServiceWindow::Always);
    let many = SlaTermsForm {
        staffel: (0..6).map(|i| TierForm { below: format!("{}", 99 - i), credit: format!("{}", i + 1) }).collect(),
        ..form()
    };
    assert_eq!(ContractSlaTerms::parse(&many).unwrap_err().for_field("staffel"), Some(Problem::TooMany { max: 5 }));
    let none = SlaTermsForm { window: String::new(), ..form() };
    assert_eq!(ContractSlaTerms::parse(&none).unwrap_err().for_field("window"), Some(Problem::Required));
}

#[test]
fn stored_terms_fill_the_form_so_that_it_parses_back_to_the_same_terms() {
    for f in [form(), SlaTermsForm { window: "always".into(), monthly_fee: "1.234,5".into(), ..form() }] {
        let t = ContractSlaTerms::parse(&f).unwrap();
        assert_eq!(ContractSlaTerms::parse(&to_form(&t)).unwrap(), t);
    }
    assert_eq!(percent_text(99.8), "99,8");
    assert_eq!(percent_text(99.9999), "99,9999");
    assert_eq!(percent_text(5.0), "5");
    assert_eq!(clock_text(1440), "24:00");
    assert_eq!(clock("to", "24:00"), Ok(1440));
    assert_eq!(clock("to", "7:30"), Ok(450));
}
