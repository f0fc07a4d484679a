//! Costs: the CSV import with its preview (all or nothing, every problem listed), single lines, the
//! registers (cost centres, budgets, organisations, keys, price changes) and the yearly overview with
//! its forecast and allocation, on both databases.

use crate::support::{audit_count, audit_since, count_rows, problem_at, register, services, user};
use domain::costs::forms::{BudgetForm, CostCentreForm, CostLineForm, OrganisationForm, PriceChangeForm};
use domain::views_costs::AllocationTarget;
use domain::{Problem, Role};
use service::costs::lines::{CostLineFilter, CostLineSort};
use service::{Actor, ServiceError, Services};
use store::Db;

fn centre(code: &str) -> CostCentreForm {
    CostCentreForm { code: code.into(), naam: format!("Kostenplaats {code}") }
}

const HEADER: &str = "factuurnummer;factuurdatum;periode van;periode tot;bedrag;btw;kostenplaats;contract\n";

async fn setup(s: &Services) -> (Actor, crate::support::Register) {
    let inkoper = user(s, "ina", Role::Inkoper).await;
    let r = register(s, "1").await;
    s.add_cost_centre(&inkoper, &centre("ICT-01")).await.unwrap();
    (inkoper, r)
}

async fn a_cost_file_is_previewed_then_imported_at_once(db: &Db) {
    let s = services(db);
    let (inkoper, _) = setup(&s).await;
    let csv = format!(
        "\u{feff}{HEADER}F-1;05-01-2026;01-01-2026;31-01-2026;10.000,00;2.100,00;ICT-01;VO-1\r\n\
         F-2;2026-02-05;2026-02-01;2026-02-28;10000.00;2100.00;ict-01;vo-1\r\n"
    );
    let id = s.upload_cost_import(&inkoper, "kosten.csv", csv.as_bytes()).await.unwrap();
    let preview = s.cost_import_preview(&inkoper, id).await.unwrap();
    assert_eq!((preview.rows, preview.error_count, preview.total_cents, preview.vat_cents), (2, 0, 2_000_000, 420_000));
    assert_eq!(preview.sample.len(), 2);
    assert_eq!(preview.sample[1].vendor_name, "Zaakwijs 1 B.V.");
    assert_eq!(count_rows(db, "cost_lines").await, 0, "a preview writes nothing");

    let other = user(&s, "reggie", Role::Regisseur).await;
    assert!(matches!(s.cost_import_preview(&other, id).await, Err(ServiceError::NotFound)), "only the uploader");

    let seen = audit_count(db).await;
    assert_eq!(s.confirm_cost_import(&inkoper, id).await.unwrap(), 2);
    assert_eq!(count_rows(db, "cost_lines").await, 2);
    let entries = audit_since(db, seen).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].record.action, "costs.import");
    assert!(entries[0].record.detail.as_deref().unwrap_or_default().contains("2 regels"), "{entries:?}");
    assert!(matches!(s.confirm_cost_import(&inkoper, id).await, Err(ServiceError::Conflict(_))), "not twice");
    assert!(s.cost_import_preview(&inkoper, id).await.unwrap().imported);
}
both_dbs!(a_cost_file_is_previewed_then_imported_at_once);

async fn a_file_with_one_bad_row_imports_nothing_and_names_every_problem(db: &Db) {
    let s = services(db);
    let (inkoper, r) = setup(&s).await;
    let line = CostLineForm {
        factuurnummer: "F-1".into(),
        factuurdatum: "2026-01-05".into(),
        periode_van: "2026-01-01".into(),
        periode_tot: "2026-01-31".into(),
        bedrag: "100,00".into(),
        btw: "21,00".into(),
        kostenplaats: "ICT-01".into(),
        soort: "factuur".into(),
    };
    s.add_cost_line(&inkoper, r.contract, &line).await.unwrap();
    let csv = format!(
        "{HEADER}F-1;05-02-2026;01-02-2026;28-02-2026;100,00;21,00;ICT-01;VO-1\n\
         F-3;05-02-2026;01-02-2026;28-02-2026;100,00;21,00;ICT-99;VO-1\n\
         F-4;05-02-2026;01-02-2026;28-02-2026;100,00;21,00;ICT-01;VO-404\n\
         F-5;31-02-2026;01-02-2026;28-02-2026;100,00;21,00;ICT-01;VO-1\n\
         F-6;05-02-2026;01-02-2026;28-02-2026;100,00;21,00;ICT-01;VO-1\n\
         F-6;05-03-2026;01-03-2026;31-03-2026;100,00;21,00;ICT-01;VO-1\n"
    );
    let id = s.upload_cost_import(&inkoper, "kosten.csv", csv.as_bytes()).await.unwrap();
    let preview = s.cost_import_preview(&inkoper, id).await.unwrap();
    let found: Vec<(u32, &str)> = preview.errors.iter().map(|e| (e.line, e.column.as_str())).collect();
    for expected in
        [(2, "factuurnummer"), (3, "kostenplaats"), (4, "contract"), (5, "factuurdatum"), (7, "factuurnummer")]
    {
        assert!(found.contains(&expected), "{expected:?} missing in {found:?}");
    }
    assert!(preview.errors.iter().all(|e| !e.message_nl.is_empty() && !e.message_en.is_empty()));
    let before = count_rows(db, "cost_lines").await;
    let audited = audit_count(db).await;
    assert_eq!(problem_at(s.confirm_cost_import(&inkoper, id).await, "bestand"), Problem::ImportHasErrors);
    assert_eq!(count_rows(db, "cost_lines").await, before, "nothing imported");
    assert_eq!(audit_count(db).await, audited);
}
both_dbs!(a_file_with_one_bad_row_imports_nothing_and_names_every_problem);

async fn an_upload_that_is_too_big_or_not_text_is_refused_before_it_is_kept(db: &Db) {
    let s = services(db);
    let (inkoper, _) = setup(&s).await;
    let big = vec![b'a'; domain::costs::import::MAX_IMPORT_BYTES + 1];
    let refused = s.upload_cost_import(&inkoper, "groot.csv", &big).await;
    assert!(matches!(problem_at(refused, "bestand"), Problem::FileTooLarge { .. }));
    let latin1 = b"factuurnummer;bedrag\nF-1;\xe9\n";
    assert_eq!(problem_at(s.upload_cost_import(&inkoper, "oud.csv", latin1).await, "bestand"), Problem::NotUtf8);
    assert_eq!(count_rows(db, "cost_imports").await, 0);
}
both_dbs!(an_upload_that_is_too_big_or_not_text_is_refused_before_it_is_kept);

async fn the_overview_accrues_forecasts_and_divides_the_costs(db: &Db) {
    let s = services(db);
    let (inkoper, r) = setup(&s).await;
    let line = |n: &str, from: &str, to: &str, amount: &str, kind: &str| CostLineForm {
        factuurnummer: n.into(),
        factuurdatum: from.into(),
        periode_van: from.into(),
        periode_tot: to.into(),
        bedrag: amount.into(),
        btw: "0".into(),
        kostenplaats: "ICT-01".into(),
        soort: kind.into(),
    };
    // A year invoice for 2025 counts in 2025 only; January and February 2026 are invoiced.
    s.add_cost_line(&inkoper, r.contract, &line("F-2025", "2025-01-01", "2025-12-31", "120.000,00", "factuur"))
        .await
        .unwrap();
    s.add_cost_line(&inkoper, r.contract, &line("F-1", "2026-01-01", "2026-01-31", "10.000,00", "factuur"))
        .await
        .unwrap();
    s.add_cost_line(&inkoper, r.contract, &line("F-2", "2026-02-01", "2026-02-28", "10.000,00", "factuur"))
        .await
        .unwrap();
    s.add_cost_line(&inkoper, r.contract, &line("C-2", "2026-02-01", "2026-02-28", "-400,00", "creditnota"))
        .await
        .unwrap();
    let change = PriceChangeForm { ingangsdatum: "2026-07-01".into(), indexatie: "3".into() };
    s.set_price_change(&inkoper, r.contract, &change).await.unwrap();
    let budget = BudgetForm { kostenplaats: "ICT-01".into(), jaar: "2026".into(), bedrag: "100.000,00".into() };
    s.set_budget(&inkoper, &budget).await.unwrap();
    let a = s
        .add_organisation(
            &inkoper,
            &OrganisationForm { naam: "Gemeente A".into(), inwoners: "300".into(), medewerkers: "".into() },
        )
        .await
        .unwrap();
    let b = s
        .add_organisation(
            &inkoper,
            &OrganisationForm { naam: "Gemeente B".into(), inwoners: "100".into(), medewerkers: "".into() },
        )
        .await
        .unwrap();
    let centre = store::list_cost_centres(db).await.unwrap()[0].id;
    let shares = [(a, String::new()), (b, String::new())];
    s.set_allocation_key(&inkoper, AllocationTarget::CostCentre(centre), "inwoners", &shares).await.unwrap();

    let ict = user(&s, "ict", Role::IctManager).await;
    let o = s.cost_overview(&ict, Some(2026)).await.unwrap();
    // Invoiced 10.000 + 10.000 - 400; expected March-June 4 x 10.000 and July-December 6 x 10.300 (+3 %).
    assert_eq!(o.actual_cents, 1_960_000);
    assert_eq!(o.forecast_cents, 1_960_000 + 4_000_000 + 6_180_000);
    assert_eq!(o.budget_cents, 10_000_000);
    assert_eq!(o.months[1].cumulative_actual_cents, 1_960_000);
    assert_eq!(o.months[0].cumulative_budget_cents, 833_333);
    assert_eq!(o.months[11].cumulative_budget_cents, 10_000_000);
    assert_eq!(o.months[11].cumulative_forecast_cents, o.forecast_cents);
    // Divided 3 : 1 by inhabitants, to the cent.
    let part = |name: &str| o.organisations.iter().find(|r| r.name == name).map(|r| (r.actual_cents, r.forecast_cents));
    assert_eq!(part("Gemeente A"), Some((1_470_000, 9_105_000)));
    assert_eq!(part("Gemeente B"), Some((490_000, 3_035_000)));
    assert_eq!(o.cost_centres[0].budget_cents, Some(10_000_000));
    assert_eq!(o.vendors.len(), 1);
    let last_year = s.cost_overview(&ict, Some(2025)).await.unwrap();
    assert_eq!(last_year.actual_cents, 12_000_000);
    assert!(last_year.years.contains(&2025) && last_year.years.contains(&2026));

    let page = s
        .cost_lines(&ict, &CostLineFilter { year: Some(2026), ..Default::default() }, CostLineSort::Amount, false, 1)
        .await
        .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.lines[0].invoice_number, "C-2");
}
both_dbs!(the_overview_accrues_forecasts_and_divides_the_costs);

async fn bad_register_input_is_refused_at_its_field_and_nothing_is_written(db: &Db) {
    let s = services(db);
    let (inkoper, r) = setup(&s).await;
    let audited = audit_count(db).await;
    assert_eq!(problem_at(s.add_cost_centre(&inkoper, &centre("ict-01")).await, "code"), Problem::Duplicate);
    let unknown = BudgetForm { kostenplaats: "ICT-77".into(), jaar: "2026".into(), bedrag: "1,00".into() };
    assert_eq!(problem_at(s.set_budget(&inkoper, &unknown).await, "kostenplaats"), Problem::UnknownChoice);
    let a = s
        .add_organisation(&inkoper, &OrganisationForm { naam: "Gemeente A".into(), ..Default::default() })
        .await
        .unwrap();
    let b = s
        .add_organisation(&inkoper, &OrganisationForm { naam: "Gemeente B".into(), ..Default::default() })
        .await
        .unwrap();
    let seen = audit_count(db).await;
    let shares = [(a, "60".to_string()), (b, "30".to_string())];
    let refused = s.set_allocation_key(&inkoper, AllocationTarget::Contract(r.contract), "vast", &shares).await;
    assert_eq!(problem_at(refused, "aandelen"), Problem::SharesNotHundred);
    assert_eq!(count_rows(db, "allocation_keys").await, 0);
    let ok = [(a, "66,67".to_string()), (b, "33,33".to_string())];
    s.set_allocation_key(&inkoper, AllocationTarget::Contract(r.contract), "vast", &ok).await.unwrap();
    assert_eq!(count_rows(db, "allocation_shares").await, 2);
    assert_eq!(audit_count(db).await, seen + 1);
    let bad_change = PriceChangeForm { ingangsdatum: "2026-07-01".into(), indexatie: "3,5,1".into() };
    assert!(s.set_price_change(&inkoper, r.contract, &bad_change).await.is_err());
    assert_eq!(count_rows(db, "price_changes").await, 0);
    assert!(audit_count(db).await >= audited + 3);

    let auditor = user(&s, "audrey", Role::Auditor).await;
    assert!(matches!(s.add_cost_centre(&auditor, &centre("ICT-02")).await, Err(ServiceError::Forbidden)));
    assert!(s.cost_overview(&auditor, None).await.is_ok());
    let staff = user(&s, "mw", Role::Medewerker).await;
    assert!(matches!(s.cost_overview(&staff, None).await, Err(ServiceError::Forbidden)));
}
both_dbs!(bad_register_input_is_refused_at_its_field_and_nothing_is_written);

async fn a_line_entered_by_hand_can_be_removed_and_both_are_audited(db: &Db) {
    let s = services(db);
    let (inkoper, r) = setup(&s).await;
    let form = CostLineForm {
        factuurnummer: "F-9".into(),
        factuurdatum: "05-01-2026".into(),
        periode_van: "01-01-2026".into(),
        periode_tot: "31-01-2026".into(),
        bedrag: "1.234,56".into(),
        btw: "259,26".into(),
        kostenplaats: "ICT-01".into(),
        soort: "factuur".into(),
    };
    let seen = audit_count(db).await;
    let id = s.add_cost_line(&inkoper, r.contract, &form).await.unwrap();
    assert_eq!(problem_at(s.add_cost_line(&inkoper, r.contract, &form).await, "factuurnummer"), Problem::Duplicate);
    let negative =
        CostLineForm { bedrag: "-5,00".into(), btw: "0".into(), factuurnummer: "F-10".into(), ..form.clone() };
    assert_eq!(
        problem_at(s.add_cost_line(&inkoper, r.contract, &negative).await, "bedrag"),
        Problem::NegativeNotCreditNote
    );
    s.remove_cost_line(&inkoper, id).await.unwrap();
    let actions: Vec<String> = audit_since(db, seen).await.into_iter().map(|e| e.record.action).collect();
    assert_eq!(actions, ["costs.line.add", "costs.line.delete"]);
    assert_eq!(count_rows(db, "cost_lines").await, 0);
}
both_dbs!(a_line_entered_by_hand_can_be_removed_and_both_are_audited);

async fn a_microsoft_365_report_gives_the_licence_its_use_and_rightsizing(db: &Db) {
    use domain::costs::forms::LicenceForm;
    let s = services(db);
    let (inkoper, r) = setup(&s).await;
    let form = LicenceForm {
        soort: "Kantoorlicentie E3".into(),
        product: "office 365 e3".into(),
        ingekocht: "10".into(),
        prijs_per_maand: "30,00".into(),
        true_down: "2027-01-01".into(),
        vrij_onder: "5".into(),
        benutting_onder: "50".into(),
        ..Default::default()
    };
    let id = s.add_licence(&inkoper, r.contract, &form).await.unwrap();
    assert_eq!(problem_at(s.add_licence(&inkoper, r.contract, &form).await, "soort"), Problem::Duplicate);

    // Our fixture in the layout of Microsoft 365's "Office 365 active user detail" report: four users
    // with E3 (one deleted, one also with Power BI), one with another product only.
    let good = include_bytes!("../fixtures/usage/office365-active-user-detail.csv");
    let u = s.import_m365_usage(&inkoper, id, good).await.unwrap().unwrap();
    assert_eq!((u.assigned, u.active, u.inactive_30, u.inactive_60, u.inactive_90), (4, 1, Some(3), Some(3), Some(2)));
    let list = s.licences(&inkoper, Some(90)).await.unwrap();
    let row = &list.rows[0];
    // 10 bought - 4 assigned = 6 unassigned, plus 2 idle for 90 days: 8 seats x EUR 30 x 12 = EUR 2.880.
    assert_eq!((row.unassigned, row.removable, row.saving_per_year_cents), (Some(6), Some(8), Some(288_000)));
    assert_eq!(row.utilisation_permille, Some(100));
    assert!(row.utilisation_low && !row.free_seats_low);

    // The published export whose row has more fields than its header is refused, naming the line.
    let seen = audit_count(db).await;
    let bad = include_bytes!("../fixtures/usage/office365-active-user-detail-26-fields.csv");
    let refused = s.import_m365_usage(&inkoper, id, bad).await.unwrap().unwrap_err();
    assert!(refused.message_nl().contains("regel 3"), "{}", refused.message_nl());
    assert!(refused.message_nl().contains("26"), "{}", refused.message_nl());
    assert_eq!(audit_count(db).await, seen, "nothing recorded");
    assert_eq!(count_rows(db, "licence_usage").await, 1);
    let unknown = b"Report Refresh Date,User Principal Name\n2026-02-28,x\n";
    assert!(s.import_m365_usage(&inkoper, id, unknown).await.unwrap().is_err());
}
both_dbs!(a_microsoft_365_report_gives_the_licence_its_use_and_rightsizing);

async fn a_licence_linked_to_a_json_source_takes_its_newest_figures(db: &Db) {
    use domain::costs::forms::LicenceForm;
    let s = services(db);
    let (inkoper, r) = setup(&s).await;
    let form = LicenceForm {
        soort: "Zaak".into(),
        ingekocht: "100".into(),
        prijs_per_maand: "10,00".into(),
        ..Default::default()
    };
    let id = s.add_licence(&inkoper, r.contract, &form).await.unwrap();
    let row = store::NewSourceRow {
        service_id: r.service,
        kind: "json".into(),
        name: "Licentiegebruik".into(),
        config_json: r#"{"url":"https://api.leverancier.example/usage","metrics":{"actief":"/seats/active"}}"#.into(),
        interval_secs: 300,
        timeout_ms: 5_000,
        enabled: false,
    };
    let mut tx = db.begin().await.unwrap();
    let source = store::insert_source(&mut tx, &row, crate::support::t0()).await.unwrap();
    let at = |days: i64| crate::support::t0() - chrono::Duration::days(days);
    let values: Vec<store::MetricValue> = [(40, 70.0), (1, 64.0)]
        .into_iter()
        .map(|(d, v)| store::MetricValue { source_id: source, name: "actief".into(), at: at(d), value: v })
        .collect();
    store::insert_metric_values(&mut tx, &values).await.unwrap();
    tx.commit().await.unwrap();

    let options = s.licence_sources(&inkoper).await.unwrap();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].metrics, ["actief"]);
    let refused = s.link_licence_source(&inkoper, id, Some(source.0), "", "").await;
    assert_eq!(problem_at(refused, "actief"), Problem::Required);
    let http = s.link_licence_source(&inkoper, id, Some(9_999), "", "actief").await;
    assert_eq!(problem_at(http, "bron"), Problem::UnknownChoice);
    s.link_licence_source(&inkoper, id, Some(source.0), "", "actief").await.unwrap();

    let list = s.licences(&inkoper, Some(30)).await.unwrap();
    let latest = list.rows[0].licence.latest.clone().unwrap();
    assert_eq!((latest.origin.as_str(), latest.assigned, latest.active), ("bron", 64, 64));
    assert_eq!(list.rows[0].utilisation_permille, Some(640));
    // 100 bought, 64 in use: 36 to give back at EUR 10 a month.
    assert_eq!(list.rows[0].saving_per_year_cents, Some(36 * 1_000 * 12));
    let detail = s.licence_detail(&inkoper, id, None).await.unwrap();
    assert_eq!(detail.months.iter().map(|m| m.active).collect::<Vec<_>>(), [70, 64]);
    s.link_licence_source(&inkoper, id, None, "", "").await.unwrap();
    assert!(s.licences(&inkoper, None).await.unwrap().rows[0].licence.latest.is_none());
}
both_dbs!(a_licence_linked_to_a_json_source_takes_its_newest_figures);
