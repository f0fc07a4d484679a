use super::*;

const HEADER: &str = "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,\
Has Exchange License,Has OneDrive License,Has SharePoint License,Has Skype For Business License,Has Yammer License,\
Has Teams License,Exchange Last Activity Date,OneDrive Last Activity Date,SharePoint Last Activity Date,\
Skype For Business Last Activity Date,Yammer Last Activity Date,Teams Last Activity Date,\
Exchange License Assign Date,OneDrive License Assign Date,SharePoint License Assign Date,\
Skype For Business License Assign Date,Yammer License Assign Date,Teams License Assign Date,Assigned Products";

/// Report date 2026-03-31. Users: A active (Teams 2026-03-31); B concealed, last active 2026-02-15 (44 days);
/// C never active; D deleted; E last active 2025-12-01 (120 days), only Visio; F without products;
/// G with Yes/No, last active 2026-01-20 (70 days), E1 + Teams; H last active 2026-03-01 (exactly 30 days).
const ROWS: &[&str] = &[
    "2026-03-31,an@gemeente.nl,An,False,,True,True,True,False,False,True,2026-03-30,,2026-03-02,,,2026-03-31,\
     2024-01-10,2024-01-10,2024-01-10,,,2024-01-10,MICROSOFT 365 E3+POWER BI PRO",
    "2026-03-31,77E5979DD60BA6EAA53E814DBEEEFA5F,4291DA7C39EE3263E97336B42734A667,False,,True,True,True,True,True,\
     True,2026-02-15,2026-01-02,,,,2025-11-30,2021-01-10,2021-01-10,2021-01-10,2021-01-10,2021-01-10,2021-01-10,\
     Microsoft 365 E3",
    "2026-03-31,C1A2B3C4D5E6F708192A3B4C5D6E7F80,0F1E2D3C4B5A69788796A5B4C3D2E1F0,False,,True,True,True,False,False,\
     True,,,,,,,2025-06-01,2025-06-01,2025-06-01,,,2025-06-01,MICROSOFT 365 E3",
    "2026-03-31,dirk@gemeente.nl,Dirk,True,2026-03-01,True,True,True,False,False,True,2026-02-27,,,,,2026-02-28,\
     2020-05-05,2020-05-05,2020-05-05,,,2020-05-05,MICROSOFT 365 E3",
    "2026-03-31,eva@gemeente.nl,Eva,False,,False,False,False,False,False,False,2025-12-01,,,,,,,,,,,,VISIO PLAN 2",
    "2026-03-31,frank@gemeente.nl,Frank,False,,False,False,False,False,False,False,2026-03-30,,,,,,,,,,,,",
    "2026-03-31,gijs@gemeente.nl,Gijs,No,,Yes,No,No,No,No,Yes,2026-01-20,,,,,2026-01-05,2023-02-02,,,,,2023-02-02,\
     \"Office 365 E1+Microsoft Teams Exploratory\"",
    "2026-03-31,hanna@gemeente.nl,Hanna,false,,true,true,true,false,false,true,2026-03-01,,,,,,2022-01-01,2022-01-01,\
     2022-01-01,,,2022-01-01,Microsoft 365 E3",
];

fn report(rows: &[&str]) -> String {
    let mut text = String::from(HEADER);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text.push('\n');
    text
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn counts(report_date: NaiveDate, assigned: u32, inactive: [u32; 3]) -> UsageCounts {
    UsageCounts {
        report_date,
        assigned,
        active_30: assigned - inactive[0],
        inactive_30: inactive[0],
        inactive_60: inactive[1],
        inactive_90: inactive[2],
    }
}

#[test]
fn any_product_counts_every_licensed_user_that_is_not_deleted() {
    // Assigned: A, B, C, E, G, H (D deleted, F no products) = 6.
    // Inactive > 30 days: B (44), C (never), E (120), G (70) = 4; > 60: C, E, G = 3; > 90: C, E = 2.
    // H's 30 days is not more than 30, so H is active; active_30 = 6 - 4 = 2 (A, H).
    let got = count_m365_active_users(report(ROWS).as_bytes(), None);
    assert_eq!(got, Ok(counts(d(2026, 3, 31), 6, [4, 3, 2])));
    assert_eq!(count_m365_active_users(report(ROWS).as_bytes(), Some("  ")), got);
}

#[test]
fn one_product_is_matched_case_insensitively_in_any_of_the_joined_products() {
    // "e3": A, B, C, H; inactive > 30: B, C; > 60: C; > 90: C.
    assert_eq!(count_m365_active_users(report(ROWS).as_bytes(), Some("e3")), Ok(counts(d(2026, 3, 31), 4, [2, 1, 1])));
    // "power bi" is only A's second product.
    assert_eq!(
        count_m365_active_users(report(ROWS).as_bytes(), Some("Power BI")),
        Ok(counts(d(2026, 3, 31), 1, [0, 0, 0]))
    );
    // "teams exploratory": G only (70 days).
    assert_eq!(
        count_m365_active_users(report(ROWS).as_bytes(), Some("TEAMS EXPLORATORY")),
        Ok(counts(d(2026, 3, 31), 1, [1, 1, 0]))
    );
    assert_eq!(count_m365_active_users(report(ROWS).as_bytes(), Some("E5")), Ok(counts(d(2026, 3, 31), 0, [0, 0, 0])));
}

#[test]
fn the_real_example_row_reads_with_bom_and_crlf() {
    let text = format!(
        "\u{feff}{HEADER}\r\n2022-10-23,77E5979DD60BA6EAA53E814DBEEEFA5F,4291DA7C39EE3263E97336B42734A667,False,,True,\
         True,True,True,True,True,2020-09-12,2022-09-12,2021-10-30,2020-10-30,2019-04-21,2017-09-20,2021-01-10,\
         2021-01-10,2021-01-10,2021-01-10,2021-01-10,2021-01-10,MICROSOFT 365 E5 DEVELOPER (WITHOUT WINDOWS AND \
         AUDIO CONFERENCING)\r\n\r\n"
    );
    // Latest activity 2022-09-12 (OneDrive), 41 days before 2022-10-23: inactive for 30, active for 60 and 90.
    assert_eq!(
        count_m365_active_users(text.as_bytes(), Some("e5 developer")),
        Ok(counts(d(2022, 10, 23), 1, [1, 0, 0]))
    );
}

#[test]
fn a_row_with_more_fields_than_the_header_is_refused_with_its_line() {
    let shifted = "2022-10-23,77E5979DD60BA6EAA53E814DBEEEFA5F,4291DA7C39EE3263E97336B42734A667,False,,True,True,True,\
                   True,True,True,2020-09-12,,2022-09-12,2021-10-30,,2020-10-30,2019-04-21,2017-09-20,2021-01-10,\
                   2021-01-10,2021-01-10,2021-01-10,2021-01-10,2021-01-10,MICROSOFT 365 E5";
    let e = count_m365_active_users(report(&[shifted]).as_bytes(), None);
    assert_eq!(e, Err(UsageError::FieldCount { line: 2, found: 26, expected: 24 }));
    assert!(e.err().is_some_and(|e| e.message_nl().starts_with("regel 2: 26 velden, de kop heeft 24")));
    let e = count_m365_active_users(report(&[ROWS[0], ROWS[1], "2026-03-31,x"]).as_bytes(), None);
    assert_eq!(e, Err(UsageError::FieldCount { line: 4, found: 2, expected: 24 }));
}

#[test]
fn a_subset_of_columns_from_another_report_version_reads() {
    let text = "Report Refresh Date,User Principal Name,Is Deleted,Teams Last Activity Date,Assigned Products\n\
                2026-03-31,a,FALSE,2026-03-30,Microsoft 365 E3\n\
                2026-03-31,b,False,,Microsoft 365 E3\n";
    assert_eq!(count_m365_active_users(text.as_bytes(), None), Ok(counts(d(2026, 3, 31), 2, [1, 1, 1])));
}

#[test]
fn a_missing_required_column_is_an_unknown_layout_naming_it() {
    let e =
        count_m365_active_users(b"Report Refresh Date,Is Deleted,Teams Last Activity Date\n2026-03-31,False,\n", None);
    assert_eq!(e, Err(UsageError::UnknownLayout { missing: "Assigned Products".into() }));
    let e = count_m365_active_users(b"Report Refresh Date,Is Deleted,Assigned Products\n", None);
    assert_eq!(e, Err(UsageError::UnknownLayout { missing: "… Last Activity Date".into() }));
    let e = count_m365_active_users(b"Naam;Afdeling\nAn;ICT\n", None);
    assert_eq!(
        e,
        Err(UsageError::UnknownLayout {
            missing: "Report Refresh Date, Is Deleted, Assigned Products, … Last Activity Date".into()
        })
    );
    assert!(e.err().is_some_and(|e| e.message_en().contains("'Report Refresh Date, Is Deleted")));
}

#[test]
fn rows_must_share_one_refresh_date() {
    let other = ROWS[2].replacen("2026-03-31", "2026-03-30", 1);
    let e = count_m365_active_users(report(&[ROWS[0], ROWS[1], &other]).as_bytes(), None);
    assert_eq!(e, Err(UsageError::RefreshDateDiffers { line: 4, found: d(2026, 3, 30), first: d(2026, 3, 31) }));
    assert!(e.err().is_some_and(|e| e.message_nl().starts_with("regel 4: verversingsdatum 2026-03-30")));
}

#[test]
fn bad_values_are_refused_with_line_and_column() {
    let maybe = ROWS[0].replacen("False", "Maybe", 1);
    let e = count_m365_active_users(report(&[ROWS[1], &maybe]).as_bytes(), None);
    assert_eq!(e, Err(UsageError::NotABoolean { line: 3, column: "Is Deleted".into(), value: "Maybe".into() }));
    let us_date = ROWS[0].replacen("2026-03-30", "03/30/2026", 1);
    let e = count_m365_active_users(report(&[&us_date]).as_bytes(), None);
    let column = "Exchange Last Activity Date".to_string();
    assert_eq!(e, Err(UsageError::NotADate { line: 2, column, value: "03/30/2026".into() }));
    let no_refresh = ROWS[0].replacen("2026-03-31", "", 1);
    let e = count_m365_active_users(report(&[&no_refresh]).as_bytes(), None);
    assert!(matches!(e, Err(UsageError::NotADate { line: 2, .. })), "{e:?}");
    for e in [UsageError::NoUsers, UsageError::NotUtf8 { line: 3 }, UsageError::UnclosedQuote { line: 2 }] {
        assert!(!e.message_nl().is_empty() && e.message_nl() != e.message_en());
    }
}

#[test]
fn an_empty_report_or_bytes_that_are_not_utf8_are_refused() {
    assert_eq!(count_m365_active_users(b"", None), Err(UsageError::NoUsers));
    assert_eq!(count_m365_active_users(report(&[]).as_bytes(), None), Err(UsageError::NoUsers));
    let mut bytes = report(&[ROWS[0]]).into_bytes();
    bytes.extend_from_slice(b"2026-03-31,\xFF\n");
    assert_eq!(count_m365_active_users(&bytes, None), Err(UsageError::NotUtf8 { line: 3 }));
}

#[test]
fn fifty_thousand_users_are_counted_in_one_pass() {
    let mut text = String::with_capacity(50_000 * 260);
    text.push_str(HEADER);
    for i in 0..50_000u32 {
        // Every fourth user has not been active for 45 days; every tenth is deleted.
        let last = if i % 4 == 0 { "2026-02-14" } else { "2026-03-29" };
        let deleted = if i % 10 == 0 { "True" } else { "False" };
        text.push_str(&format!(
            "\n2026-03-31,{i:032X},{i:032x},{deleted},,True,True,True,False,False,True,{last},,,,,{last},\
             2024-01-01,2024-01-01,2024-01-01,,,2024-01-01,MICROSOFT 365 E3+MICROSOFT TEAMS ROOMS PRO"
        ));
    }
    let started = std::time::Instant::now();
    let got = count_m365_active_users(text.as_bytes(), Some("365 e3"));
    // Not deleted: 45.000. Inactive: multiples of 4 that are not multiples of 10 (i.e. of 20):
    // 12.500 - 2.500 = 10.000.
    assert_eq!(got, Ok(counts(d(2026, 3, 31), 45_000, [10_000, 0, 0])));
    assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
}

proptest::proptest! {
    #[test]
    fn no_input_panics(body in "[0-9A-Za-z,\\-\"+\r\n ]{0,200}") {
        let _ = count_m365_active_users(format!("{HEADER}\n{body}").as_bytes(), Some("e3"));
        let _ = count_m365_active_users(body.as_bytes(), None);
    }
}
