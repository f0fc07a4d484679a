//! Filing: the shipped forms, line managers, one request per token, bad answers, the intake rule, retired versions and a form the regie team builds.

use super::*;

async fn the_shipped_forms_and_profiles_are_created_once(db: &Db) {
    let s = Services::with_clock(db.clone(), Settings::default(), Clock::Fixed(t0()));
    s.ensure_self_service_defaults().await.unwrap();
    s.ensure_self_service_defaults().await.unwrap();
    let defaults: Vec<_> = crate::support::audit_log(db)
        .await
        .into_iter()
        .filter(|e| e.record.action == "requests.defaults")
        .map(|e| (e.record.actor, e.record.object, e.record.detail))
        .collect();
    let entry = |object: &str, detail: &str| ("system".to_string(), object.to_string(), Some(detail.to_string()));
    assert_eq!(defaults, [entry("request_forms", "4 formulieren"), entry("work_profiles", "4 werkprofielen")]);

    let regisseur = user(&s, "reggie", Role::Regisseur).await;
    let forms: Vec<_> = s
        .request_forms(&regisseur)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.title, f.purpose, f.approval, f.handling_days, f.version_number, f.version.is_some(), f.withdrawn))
        .collect();
    let form = |title: &str, purpose, approval, days| (title.to_string(), purpose, approval, days, 1, true, false);
    use domain::requests::Approval;
    assert_eq!(
        forms,
        [
            form("Nieuwe software voorstellen", FormPurpose::Intake, Approval::Regie, 20),
            form("Storing melden", FormPurpose::Problem, Approval::None, 1),
            form("Toegang of licentie aanvragen", FormPurpose::Access, Approval::Both, 5),
            form("Werkprofiel wijzigen", FormPurpose::Profile, Approval::Both, 10),
        ]
    );
    let mw = user(&s, "mo", Role::Medewerker).await;
    let portal = s.portal(&mw).await.unwrap();
    let offered: Vec<_> = portal.forms.iter().map(|f| f.purpose).collect();
    assert_eq!(offered, [FormPurpose::Intake, FormPurpose::Problem, FormPurpose::Access], "profile changes are not");
    let profiles: Vec<_> = portal.profiles.iter().map(|p| (p.name.as_str(), p.members)).collect();
    assert_eq!(profiles, [("Ontzorgd", 0), ("Ultra mobiel", 0), ("Veiligheid voor alles", 0), ("Zelfredzaam", 0)]);
    assert_eq!(portal.my_profile, None);
}
both_dbs!(the_shipped_forms_and_profiles_are_created_once);

async fn a_beheerder_sets_a_line_manager_and_nobody_manages_themselves(db: &Db) {
    let w = world(db).await;
    assert_eq!(store::placement(db, w.mw.user_id).await.unwrap().manager, Some(w.manager.user_id));
    let seen = audit_count(db).await;
    let own = w.s.set_user_manager(&w.beheerder, w.mw.user_id, Some(w.mw.user_id)).await;
    assert_eq!(problem_with_detail(own, "leidinggevende"), (Problem::UnknownChoice, None));
    let unknown = w.s.set_user_manager(&w.beheerder, w.mw.user_id, Some(domain::UserId(9_999))).await;
    assert_eq!(problem_with_detail(unknown, "leidinggevende"), (Problem::UnknownChoice, None));
    let nobody = w.s.set_user_manager(&w.beheerder, domain::UserId(9_999), Some(w.manager.user_id)).await;
    assert!(matches!(nobody, Err(ServiceError::NotFound)), "{nobody:?}");
    assert_eq!(audit_count(db).await, seen);
    assert_eq!(store::placement(db, w.mw.user_id).await.unwrap().manager, Some(w.manager.user_id));

    w.s.set_user_manager(&w.beheerder, w.mw.user_id, Some(w.stranger.user_id)).await.unwrap();
    w.s.set_user_manager(&w.beheerder, w.manager.user_id, None).await.unwrap();
    w.s.set_user_manager(&w.beheerder, w.mw.user_id, None).await.unwrap();
    let audit: Vec<_> = audit_since(db, seen)
        .await
        .into_iter()
        .map(|e| (e.record.actor, e.record.action, e.record.object, e.record.detail))
        .collect();
    let entry = |user: domain::UserId, detail: String| {
        ("bea".to_string(), "users.manager".to_string(), format!("user:{user}"), Some(detail))
    };
    assert_eq!(
        audit,
        [
            entry(w.mw.user_id, format!("leidinggevende user:{}", w.stranger.user_id)),
            entry(w.manager.user_id, "geen leidinggevende".into()),
            entry(w.mw.user_id, "geen leidinggevende".into()),
        ]
    );
    assert_eq!(store::placement(db, w.mw.user_id).await.unwrap().manager, None);
}
both_dbs!(a_beheerder_sets_a_line_manager_and_nobody_manages_themselves);

async fn a_second_submit_with_the_same_token_files_one_request(db: &Db) {
    let w = world(db).await;
    let fill = access_form(&w, &w.mw).await;
    let answers = access_answers(&w, "Eerste klik.");
    let first = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    let seen = audit_count(db).await;
    let other_answers = access_answers(&w, "Tweede klik, andere tekst.");
    let again = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &other_answers, None).await.unwrap();
    assert_eq!(again, Filed { id: first.id, again: true });
    assert!(!first.again);
    assert_eq!(audit_count(db).await, seen, "the second click records nothing");

    let mine = w.s.portal(&w.mw).await.unwrap().mine;
    assert_eq!(mine.iter().map(|r| r.id).collect::<Vec<_>>(), [first.id]);
    assert_eq!(count_rows(db, "requests").await, 1);
    assert_eq!(count_rows(db, "request_events").await, 1);
    let v = w.s.request_view(&w.mw, first.id).await.unwrap();
    assert_eq!(v.answers[3].value, "Eerste klik.", "the first submit's answers stand");

    // Somebody else's token files nothing (it is not theirs to reuse).
    let theirs = w.s.file_request(&w.stranger, fill.version, &fill.submit_token, &answers, None).await;
    assert_eq!(problem_with_detail(theirs, "formulier"), (Problem::FormVersionRetired, None));
    // A new page load gives a new token, and so a new request.
    let fresh = access_form(&w, &w.mw).await;
    assert_ne!(fresh.submit_token, fill.submit_token);
    let second = w.s.file_request(&w.mw, fresh.version, &fresh.submit_token, &answers, None).await.unwrap();
    assert_ne!(second.id, first.id);
    assert!(!second.again);
    assert_eq!(count_rows(db, "requests").await, 2);
}
both_dbs!(a_second_submit_with_the_same_token_files_one_request);

async fn bad_answers_are_refused_at_their_field_and_nothing_is_filed(db: &Db) {
    let w = world(db).await;
    let fill = access_form(&w, &w.mw).await;
    let seen = audit_count(db).await;

    let empty = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &BTreeMap::new(), None).await;
    assert_eq!(
        problems(empty),
        [
            ("veld_1".to_string(), Problem::Required),
            ("veld_2".to_string(), Problem::Required),
            ("veld_3".to_string(), Problem::Required)
        ]
    );

    let yesterday = (w.s.clock().today() - Duration::days(1)).format("%d-%m-%Y").to_string();
    let too_long = "x".repeat(4001);
    let bad = input(&[("veld_1", "999999"), ("veld_2", "Een tablet"), ("veld_3", &yesterday), ("veld_4", &too_long)]);
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &bad, None).await;
    assert_eq!(
        problems(refused),
        [
            ("veld_1".to_string(), Problem::UnknownChoice),
            ("veld_2".to_string(), Problem::UnknownChoice),
            ("veld_3".to_string(), Problem::DateInPast),
            ("veld_4".to_string(), Problem::TooLong { max: 4000 })
        ]
    );
    let mut one_bad = access_answers(&w, "");
    one_bad.insert("veld_3".into(), "31-02-2026".into());
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &one_bad, None).await;
    assert_eq!(problems(refused), [("veld_3".to_string(), Problem::NotADate)]);
    let refused = w.s.file_request(&w.mw, fill.version, "   ", &access_answers(&w, ""), None).await;
    assert_eq!(problem_with_detail(refused, "formulier"), (Problem::FormVersionRetired, None), "a token is needed");

    assert!(w.s.portal(&w.mw).await.unwrap().mine.is_empty());
    assert_eq!(count_rows(db, "requests").await, 0);
    assert_eq!(count_rows(db, "request_events").await, 0);
    assert_eq!(audit_count(db).await, seen);

    // The same token still files once the answers are right, and the long text at its limit is kept.
    let exactly = "y".repeat(4000);
    let ok = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &access_answers(&w, &exactly), None).await;
    let v = w.s.request_view(&w.mw, ok.unwrap().id).await.unwrap();
    assert_eq!(v.answers[3].value, exactly);
}
both_dbs!(bad_answers_are_refused_at_their_field_and_nothing_is_filed);

async fn an_intake_for_custom_software_needs_a_reason(db: &Db) {
    let w = world(db).await;
    let intake = form_for(&w, FormPurpose::Intake).await;
    let fill = w.s.form_to_fill(&w.mw, intake.id).await.unwrap();
    let kinds: Vec<_> = fill.fields.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FieldKind::Text,
            FieldKind::LongText,
            FieldKind::Choice,
            FieldKind::LongText,
            FieldKind::Number,
            FieldKind::YesNo,
            FieldKind::Date
        ]
    );
    let mut answers = input(&[
        ("veld_1", "Roosterplanner"),
        ("veld_2", "Diensten van de buitendienst plannen."),
        ("veld_3", "Nee, het moet maatwerk worden"),
        ("veld_5", "40"),
    ]);
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await;
    assert_eq!(problems(refused), [("veld_4".to_string(), Problem::Required)]);
    answers.insert("veld_5".into(), "0".into());
    let refused = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await;
    assert_eq!(problems(refused), [("veld_5".to_string(), Problem::OutOfRange { min: 1, max: 100_000 })]);
    assert_eq!(count_rows(db, "requests").await, 0);

    answers.insert("veld_4".into(), "Geen leverancier kent onze roosterregels.".into());
    answers.insert("veld_5".into(), "40".into());
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    let v = w.s.request_view(&w.regisseur, filed.id).await.unwrap();
    assert_eq!(
        values(&v),
        [
            "Roosterplanner",
            "Diensten van de buitendienst plannen.",
            "Nee, het moet maatwerk worden",
            "Geen leverancier kent onze roosterregels.",
            "40",
            "nee",
            ""
        ]
    );
    assert_eq!((v.status, v.due_on), (RequestStatus::Submitted, w.s.clock().today() + Duration::days(20)));
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: false, regie_needed: true, manager_given: false, regie_given: false }
    );
    // SaaS needs no reason.
    let fill = w.s.form_to_fill(&w.mw, intake.id).await.unwrap();
    answers.insert("veld_3".into(), "Ja, als SaaS (clouddienst)".into());
    answers.remove("veld_4");
    w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    assert_eq!(w.s.portal(&w.mw).await.unwrap().mine.len(), 2);
}
both_dbs!(an_intake_for_custom_software_needs_a_reason);

async fn a_retired_form_version_is_refused(db: &Db) {
    let w = world(db).await;
    let access = form_for(&w, FormPurpose::Access).await;
    let old = w.s.form_to_fill(&w.mw, access.id).await.unwrap();
    let field =
        FieldForm { label: "Kostenplaats".into(), soort: "tekst".into(), maxlengte: "20".into(), ..Default::default() };
    w.s.add_form_field(&w.regisseur, access.id, &field).await.unwrap();
    assert!(form_for(&w, FormPurpose::Access).await.unpublished_changes);
    // Until the draft is published the old version is still the one filed.
    assert_eq!(w.s.form_to_fill(&w.mw, access.id).await.unwrap().version, old.version);
    let v2 = w.s.publish_request_form(&w.regisseur, access.id).await.unwrap();
    assert_ne!(v2, old.version);
    let summary = form_for(&w, FormPurpose::Access).await;
    assert_eq!((summary.version, summary.version_number, summary.unpublished_changes), (Some(v2), 2, false));
    let editor = w.s.form_editor(&w.regisseur, access.id).await.unwrap();
    let versions: Vec<_> = editor.versions.iter().map(|v| (v.number, v.retired_at.is_some(), v.fields)).collect();
    assert!(versions.contains(&(1, true, 4)) && versions.contains(&(2, false, 5)), "{versions:?}");

    let seen = audit_count(db).await;
    let stale = w.s.file_request(&w.mw, old.version, &old.submit_token, &access_answers(&w, ""), None).await;
    assert_eq!(problem_with_detail(stale, "formulier"), (Problem::FormVersionRetired, None));
    assert!(w.s.portal(&w.mw).await.unwrap().mine.is_empty());
    assert_eq!(count_rows(db, "requests").await, 0);
    assert_eq!(audit_count(db).await, seen);
    let unknown = w.s.file_request(&w.mw, domain::FormVersionId(9_999), "t", &access_answers(&w, ""), None).await;
    assert_eq!(problem_with_detail(unknown, "formulier"), (Problem::FormVersionRetired, None));

    // The new version, with its new field, files.
    let new = w.s.form_to_fill(&w.mw, access.id).await.unwrap();
    assert_eq!((new.version, new.version_number, new.fields.len()), (v2, 2, 5));
    assert_eq!((new.fields[4].key.as_str(), new.fields[4].kind), ("veld_5", FieldKind::Text));
    let mut answers = access_answers(&w, "");
    answers.insert("veld_5".into(), "KP-4100".into());
    let id = w.s.file_request(&w.mw, new.version, &new.submit_token, &answers, None).await.unwrap().id;
    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert_eq!(v.version_number, 2);
    assert_eq!(values(&v), ["Zaaksysteem", "Een licentie", "2026-03-02", "", "KP-4100"]);
}
both_dbs!(a_retired_form_version_is_refused);

async fn a_regisseur_builds_a_form_with_three_fields_and_a_medewerker_files_it(db: &Db) {
    let w = world(db).await;
    let seen = audit_count(db).await;
    let settings = FormSettingsForm {
        titel: "Laptop aanvragen".into(),
        omschrijving: "Een laptop of tablet voor thuis.".into(),
        goedkeuring: "regisseur".into(),
        doorlooptijd: "3".into(),
    };
    let form = w.s.create_request_form(&w.regisseur, &settings).await.unwrap();
    // Not offered before it is published, and it cannot be published without a field.
    assert!(!w.s.portal(&w.mw).await.unwrap().forms.iter().any(|f| f.id == form));
    assert!(matches!(w.s.form_to_fill(&w.mw, form).await, Err(ServiceError::NotFound)));
    let empty = w.s.publish_request_form(&w.regisseur, form).await;
    assert_eq!(problem_with_detail(empty, "label"), (Problem::Required, None));

    let fields = [
        FieldForm { label: "Merk".into(), soort: "tekst".into(), verplicht: "on".into(), ..Default::default() },
        FieldForm {
            label: "Soort".into(),
            soort: "keuze".into(),
            verplicht: "on".into(),
            keuzes: "Laptop\nTablet".into(),
            ..Default::default()
        },
        FieldForm { label: "Met muis?".into(), soort: "ja_nee".into(), ..Default::default() },
    ];
    for f in &fields {
        w.s.add_form_field(&w.regisseur, form, f).await.unwrap();
    }
    let refused =
        w.s.add_form_field(&w.regisseur, form, &FieldForm { label: "Kleur".into(), ..Default::default() }).await;
    assert_eq!(problem_with_detail(refused, "soort"), (Problem::Required, None));
    let version = w.s.publish_request_form(&w.regisseur, form).await.unwrap();
    let audit: Vec<_> = audit_since(db, seen).await.into_iter().map(|e| (e.record.action, e.record.detail)).collect();
    let entry = |a: &str, d: &str| (a.to_string(), Some(d.to_string()));
    assert_eq!(
        audit,
        [
            entry("requests.form.create", "Laptop aanvragen"),
            entry("requests.form.field", "+ Merk (tekst)"),
            entry("requests.form.field", "+ Soort (keuze)"),
            entry("requests.form.field", "+ Met muis? (ja_nee)"),
            entry("requests.form.publish", "versie 1"),
        ]
    );

    let offered = w.s.portal(&w.mw).await.unwrap().forms;
    let summary = offered.iter().find(|f| f.id == form).expect("the new form is offered");
    assert_eq!((summary.purpose, summary.version, summary.handling_days), (FormPurpose::Custom, Some(version), 3));
    let fill = w.s.form_to_fill(&w.mw, form).await.unwrap();
    let shape: Vec<_> = fill.fields.iter().map(|f| (f.key.as_str(), f.kind, f.required)).collect();
    assert_eq!(
        shape,
        [("veld_1", FieldKind::Text, true), ("veld_2", FieldKind::Choice, true), ("veld_3", FieldKind::YesNo, false)]
    );
    assert!(fill.services.is_empty(), "no service field, no service list");
    let answers = input(&[("veld_1", "  Dell "), ("veld_2", "Tablet"), ("veld_3", "on")]);
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    let v = w.s.request_view(&w.regisseur, filed.id).await.unwrap();
    assert_eq!(values(&v), ["Dell", "Tablet", "ja"]);
    assert_eq!(
        (v.form_title.as_str(), v.status, v.purpose),
        ("Laptop aanvragen", RequestStatus::Submitted, FormPurpose::Custom)
    );
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: false, regie_needed: true, manager_given: false, regie_given: false }
    );
    assert_eq!(v.due_on, w.s.clock().today() + Duration::days(3));
    // Without a tick the yes/no field is "nee".
    let fill = w.s.form_to_fill(&w.mw, form).await.unwrap();
    let answers = input(&[("veld_1", "HP"), ("veld_2", "Laptop")]);
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    assert_eq!(values(&w.s.request_view(&w.mw, filed.id).await.unwrap()), ["HP", "Laptop", "nee"]);

    // Draft edits: a field added, moved up twice, moves past either end change nothing, then removed.
    let kleur = FieldForm { label: "Kleur".into(), soort: "tekst".into(), ..Default::default() };
    w.s.add_form_field(&w.regisseur, form, &kleur).await.unwrap();
    let seen = audit_count(db).await;
    w.s.edit_form_field(&w.regisseur, form, "veld_4", FieldEdit::Up).await.unwrap();
    w.s.edit_form_field(&w.regisseur, form, "veld_4", FieldEdit::Up).await.unwrap();
    w.s.edit_form_field(&w.regisseur, form, "veld_1", FieldEdit::Up).await.unwrap();
    w.s.edit_form_field(&w.regisseur, form, "veld_3", FieldEdit::Down).await.unwrap();
    let missing = w.s.edit_form_field(&w.regisseur, form, "veld_9", FieldEdit::Remove).await;
    assert!(matches!(missing, Err(ServiceError::NotFound)), "{missing:?}");
    let editor = w.s.form_editor(&w.regisseur, form).await.unwrap();
    let keys: Vec<_> = editor.draft.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["veld_1", "veld_4", "veld_2", "veld_3"]);
    assert!(editor.summary.unpublished_changes);
    assert_eq!(w.s.form_to_fill(&w.mw, form).await.unwrap().fields.len(), 3, "the draft is not filed");
    w.s.edit_form_field(&w.regisseur, form, "veld_4", FieldEdit::Remove).await.unwrap();
    let editor = w.s.form_editor(&w.regisseur, form).await.unwrap();
    assert_eq!(editor.draft.iter().map(|f| f.key.as_str()).collect::<Vec<_>>(), ["veld_1", "veld_2", "veld_3"]);
    assert!(!editor.summary.unpublished_changes, "back as published");
    let details: Vec<_> = audit_since(db, seen).await.into_iter().map(|e| e.record.detail).collect();
    let detail = |d: &str| Some(d.to_string());
    assert_eq!(details, [detail("^ Kleur"), detail("^ Kleur"), detail("- Kleur")]);

    // A withdrawn form is no longer offered, and its version no longer files.
    w.s.withdraw_request_form(&w.regisseur, form, true).await.unwrap();
    assert!(!w.s.portal(&w.mw).await.unwrap().forms.iter().any(|f| f.id == form));
    let fill_token = "nog-een-klik";
    let late = w.s.file_request(&w.mw, version, fill_token, &answers, None).await;
    assert_eq!(problem_with_detail(late, "formulier"), (Problem::FormVersionRetired, None));
}
both_dbs!(a_regisseur_builds_a_form_with_three_fields_and_a_medewerker_files_it);
