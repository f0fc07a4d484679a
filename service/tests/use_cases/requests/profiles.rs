//! Work profiles: choosing one changes the licence counts when the request is completed.

use super::*;

fn licence_form(soort: &str, product: &str, seats: &str, price: &str) -> LicenceForm {
    LicenceForm {
        soort: soort.into(),
        product: product.into(),
        ingekocht: seats.into(),
        prijs_per_maand: price.into(),
        ..Default::default()
    }
}

/// Assigned seats of a licence as the licence list shows them (none when never measured).
async fn assigned(w: &World, licence: LicenceId) -> Option<u32> {
    let list = w.s.licences(&w.regisseur, None).await.unwrap();
    let row = list.rows.into_iter().find(|r| r.licence.id == licence).expect("the licence is listed");
    row.licence.latest.map(|u| u.assigned)
}

/// `actor` asks for `profile` on the profile page's form, the manager and the regie team approve,
/// and the regie team completes it.
async fn change_profile(w: &World, actor: &Actor, profile: WorkProfileId) -> RequestId {
    let choice = w.s.profile_choice(actor, profile).await.unwrap();
    let fill = choice.form.expect("the profile change form is offered");
    assert_eq!(fill.purpose, FormPurpose::Profile);
    let today = w.s.clock().today().format("%Y-%m-%d").to_string();
    let answers = input(&[("veld_1", &today), ("veld_2", "Ik werk voortaan vooral onderweg.")]);
    let id = w.s.file_request(actor, fill.version, &fill.submit_token, &answers, Some(profile)).await.unwrap().id;
    step(w, &w.manager, id, Step::Approve(Side::Manager)).await;
    step(w, &w.regisseur, id, Step::Approve(Side::Regie)).await;
    step(w, &w.regisseur, id, Step::Start).await;
    assert_eq!(step(w, &w.regisseur, id, Step::Complete).await, RequestStatus::Done);
    id
}

async fn choosing_a_work_profile_changes_the_licence_counts_on_completion(db: &Db) {
    let w = world(db).await;
    let e3 = licence_form("Kantoorlicentie E3", "office 365 e3", "10", "30,00");
    let l1 = w.s.add_licence(&w.regisseur, w.r.contract, &e3).await.unwrap();
    let zaak = licence_form("Zaaksysteem gebruiker", "", "20", "10,00");
    let l2 = w.s.add_licence(&w.regisseur, w.r.contract, &zaak).await.unwrap();
    let report = include_bytes!("../../fixtures/usage/office365-active-user-detail.csv");
    let usage = w.s.import_m365_usage(&w.regisseur, l1, report).await.unwrap().unwrap();
    assert_eq!(usage.assigned, 4);
    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(4), None));

    let shipped = w.s.profile_register(&w.regisseur).await.unwrap().profiles;
    let id_of = |name: &str| shipped.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}")).id;
    let (a, b) = (id_of("Zelfredzaam"), id_of("Ultra mobiel"));
    let bundle = |name: &str, device: &str, licence: LicenceId| ProfileForm {
        naam: name.into(),
        omschrijving: String::new(),
        apparaat: device.into(),
        maatregelen: vec!["mfa".into()],
        diensten: vec![w.r.service.to_string()],
        licenties: vec![licence.to_string()],
    };
    w.s.save_work_profile(&w.regisseur, Some(a), &bundle("Zelfredzaam", "laptop", l1)).await.unwrap();
    w.s.save_work_profile(&w.regisseur, Some(b), &bundle("Ultra mobiel", "laptop_en_telefoon", l2)).await.unwrap();
    let unknown = w.s.save_work_profile(&w.regisseur, None, &bundle("Nieuw", "laptop", LicenceId(9_999))).await;
    assert_eq!(problem_with_detail(unknown, "licenties"), (Problem::UnknownChoice, None));
    let mut no_service = bundle("Nieuw", "laptop", l1);
    no_service.diensten = vec!["9999".into()];
    let unknown = w.s.save_work_profile(&w.regisseur, None, &no_service).await;
    assert_eq!(problem_with_detail(unknown, "diensten"), (Problem::UnknownChoice, None));
    let twice = w.s.save_work_profile(&w.regisseur, None, &bundle(" ultra MOBIEL ", "laptop", l2)).await;
    assert_eq!(problem_with_detail(twice, "naam"), (Problem::Duplicate, None));
    assert_eq!(w.s.profile_register(&w.regisseur).await.unwrap().profiles.len(), 4);

    // The profile change form is filed from the profile page only.
    let portal = w.s.portal(&w.mw).await.unwrap();
    assert!(!portal.forms.iter().any(|f| f.purpose == FormPurpose::Profile));
    assert_eq!(portal.my_profile, None);
    let profile_form = form_for(&w, FormPurpose::Profile).await;
    assert!(matches!(w.s.form_to_fill(&w.mw, profile_form.id).await, Err(ServiceError::NotFound)));

    // First the medewerker gets profile A: one seat of L1 more.
    let first = w.s.profile_choice(&w.mw, a).await.unwrap();
    assert_eq!(first.current, None);
    assert_eq!(first.change.licences.iter().map(|c| (c.licence, c.delta)).collect::<Vec<_>>(), [(l1, 1)]);
    change_profile(&w, &w.mw, a).await;
    assert_eq!(w.s.portal(&w.mw).await.unwrap().my_profile, Some(a));
    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(5), None));

    // Then B: a seat of L2 more, one of L1 back.
    let choice = w.s.profile_choice(&w.mw, b).await.unwrap();
    assert_eq!(choice.current.as_ref().map(|p| p.id), Some(a));
    assert_eq!(choice.pending, None);
    let deltas: Vec<_> = choice.change.licences.iter().map(|c| (c.licence, c.delta)).collect();
    assert_eq!(deltas, [(l1, -1), (l2, 1)]);
    assert_eq!(choice.change.device_to, Some(domain::requests::DeviceClass::LaptopAndPhone));
    let same = w.s.profile_choice(&w.mw, a).await.unwrap();
    assert!(same.form.is_none(), "no form to ask for the profile one has");

    let fill = choice.form.unwrap();
    let today = w.s.clock().today().format("%Y-%m-%d").to_string();
    let answers = input(&[("veld_1", &today)]);
    let none = w.s.file_request(&w.mw, fill.version, "zonder-profiel", &answers, None).await;
    assert_eq!(problem_with_detail(none, "profiel"), (Problem::Required, None));
    let mine = w.s.file_request(&w.mw, fill.version, "hetzelfde", &answers, Some(a)).await;
    assert_eq!(problem_with_detail(mine, "profiel"), (Problem::StepNotAllowed, None));
    let id = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, Some(b)).await.unwrap().id;
    let v = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(v.profile, Some((b, "Ultra mobiel".to_string())));
    let seats: Vec<_> = v.licences.iter().map(|l| (l.change.licence, l.change.delta, l.applied)).collect();
    assert_eq!(seats, [(l1, -1, false), (l2, 1, false)]);
    assert_eq!(v.licences[1].change.licence_type, "Zaaksysteem gebruiker");
    assert_eq!(v.licences[1].change.contract_reference, "VO-1");

    // While it is open, no second change is asked for.
    let pending = w.s.profile_choice(&w.mw, id_of("Ontzorgd")).await.unwrap();
    assert_eq!((pending.pending, pending.form.is_none()), (Some(id), true));
    let second = w.s.file_request(&w.mw, fill.version, "tweede-wijziging", &answers, Some(id_of("Ontzorgd"))).await;
    assert_eq!(problem_with_detail(second, "profiel"), (Problem::StepNotAllowed, None));

    step(&w, &w.manager, id, Step::Approve(Side::Manager)).await;
    step(&w, &w.regisseur, id, Step::Approve(Side::Regie)).await;
    step(&w, &w.regisseur, id, Step::Start).await;
    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(5), None), "nothing changes before completion");
    let seen = audit_count(db).await;
    assert_eq!(step(&w, &w.regisseur, id, Step::Complete).await, RequestStatus::Done);

    assert_eq!((assigned(&w, l1).await, assigned(&w, l2).await), (Some(4), Some(1)));
    let detail = w.s.licence_detail(&w.regisseur, l2, None).await.unwrap();
    let latest = detail.row.licence.latest.unwrap();
    assert_eq!((latest.measured_on, latest.origin.as_str(), latest.assigned), (w.s.clock().today(), "handmatig", 1));
    let l1_now = w.s.licence_detail(&w.regisseur, l1, None).await.unwrap().row.licence.latest.unwrap();
    assert_eq!((l1_now.assigned, l1_now.active, l1_now.inactive_30), (4, 1, Some(3)), "the rest of the use is kept");

    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert!(v.licences.iter().all(|l| l.applied), "{:?}", v.licences);
    assert_eq!(v.licences.len(), 2);
    let changed = v.events.iter().find(|e| e.kind == EventKind::LicencesChanged).expect("a licence event");
    let text = format!("licentie {l1}: 5 -> 4 toegewezen; licentie {l2}: 0 -> 1 toegewezen");
    assert_eq!(changed.text.as_deref(), Some(text.as_str()));
    let portal = w.s.portal(&w.mw).await.unwrap();
    assert_eq!(portal.my_profile, Some(b));
    let members: Vec<_> =
        portal.profiles.iter().filter(|p| p.id == a || p.id == b).map(|p| (p.id, p.members)).collect();
    assert!(members.contains(&(a, 0)) && members.contains(&(b, 1)), "{members:?}");
    let audit: Vec<_> = audit_since(db, seen).await.into_iter().map(|e| (e.record.action, e.record.detail)).collect();
    assert_eq!(
        audit,
        [
            ("requests.licences".to_string(), Some(text.clone())),
            ("requests.step".to_string(), Some("in_behandeling -> afgerond".to_string()))
        ]
    );
}
both_dbs!(choosing_a_work_profile_changes_the_licence_counts_on_completion);
