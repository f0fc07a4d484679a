//! The workflow: the whole path of an access request, own requests and strangers, and every illegal step.

use super::*;

async fn a_medewerker_files_an_access_request_that_manager_and_regisseur_approve_and_the_regie_completes(db: &Db) {
    let w = world(db).await;
    let today = w.s.clock().today();
    let fill = access_form(&w, &w.mw).await;
    assert_eq!((fill.title.as_str(), fill.version_number), ("Toegang of licentie aanvragen", 1));
    let shape: Vec<(&str, FieldKind, bool)> =
        fill.fields.iter().map(|f| (f.key.as_str(), f.kind, f.required)).collect();
    assert_eq!(
        shape,
        [
            ("veld_1", FieldKind::Service, true),
            ("veld_2", FieldKind::Choice, true),
            ("veld_3", FieldKind::Date, true),
            ("veld_4", FieldKind::LongText, false)
        ]
    );
    assert_eq!(fill.services.iter().map(|s| s.id).collect::<Vec<_>>(), [w.r.service]);

    let seen = audit_count(db).await;
    let answers = access_answers(&w, "Voor het nieuwe zaaktype.");
    let filed = w.s.file_request(&w.mw, fill.version, &fill.submit_token, &answers, None).await.unwrap();
    assert!(!filed.again);
    let id = filed.id;

    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert_eq!(v.status, RequestStatus::Submitted);
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: true, regie_needed: true, manager_given: false, regie_given: false }
    );
    assert_eq!(values(&v), ["Zaaksysteem", "Een licentie", "2026-03-02", "Voor het nieuwe zaaktype."]);
    assert_eq!(v.answers[0].service, Some(w.r.service));
    assert_eq!(
        (v.requester, v.requester_name.as_deref(), v.manager_name.as_deref()),
        (Some(w.mw.user_id), Some("Test mo"), Some("Test manon"))
    );
    assert_eq!((v.filed_at, v.due_on, v.overdue), (t0(), today + Duration::days(5), false));
    assert_eq!(
        (v.form_title.as_str(), v.version_number, v.purpose),
        ("Toegang of licentie aanvragen", 1, FormPurpose::Access)
    );
    assert_eq!(v.steps, [Step::Cancel], "the requester may only cancel");
    assert!(!v.anonymised);

    // The manager sees it waiting for them in the portal, and may approve or reject it.
    let portal = w.s.portal(&w.manager).await.unwrap();
    assert_eq!(
        portal.to_approve.iter().map(|r| (r.id, r.waiting_for)).collect::<Vec<_>>(),
        [(id, Some(Side::Manager))]
    );
    assert!(portal.team.is_empty() && portal.mine.is_empty());
    let as_manager = w.s.request_view(&w.manager, id).await.unwrap();
    assert_eq!(as_manager.steps, [Step::Approve(Side::Manager), Step::Reject(Side::Manager)]);
    assert_eq!(step(&w, &w.manager, id, Step::Approve(Side::Manager)).await, RequestStatus::Submitted);

    let list = w.s.request_list(&w.regisseur, Some(RequestStatus::Submitted)).await.unwrap();
    assert_eq!(list.requests.iter().map(|r| (r.id, r.waiting_for)).collect::<Vec<_>>(), [(id, Some(Side::Regie))]);
    assert_eq!(list.requests[0].service_name.as_deref(), Some("Zaaksysteem"));
    assert_eq!((list.total, list.open, list.overdue), (1, 1, 0));
    let as_regie = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(as_regie.steps, [Step::Approve(Side::Regie), Step::Reject(Side::Regie), Step::Cancel]);
    assert_eq!(step(&w, &w.regisseur, id, Step::Approve(Side::Regie)).await, RequestStatus::Approved);
    assert_eq!(step(&w, &w.regisseur, id, Step::Start).await, RequestStatus::InProgress);
    assert_eq!(step(&w, &w.regisseur, id, Step::Complete).await, RequestStatus::Done);

    let v = w.s.request_view(&w.mw, id).await.unwrap();
    assert_eq!(v.status, RequestStatus::Done);
    assert_eq!(
        kinds(&v),
        [
            (EventKind::Filed, None),
            (EventKind::Approved, Some(Side::Manager)),
            (EventKind::Approved, Some(Side::Regie)),
            (EventKind::Started, None),
            (EventKind::Completed, None)
        ]
    );
    let who: Vec<_> = v.events.iter().map(|e| e.actor_name.as_deref()).collect();
    assert_eq!(
        who,
        [Some("Test mo"), Some("Test manon"), Some("Test reggie"), Some("Test reggie"), Some("Test reggie")]
    );
    assert!(v.events.iter().all(|e| e.text.is_none() && e.at == t0()), "{:?}", v.events);
    assert!(v.steps.is_empty(), "nothing more to do: {:?}", v.steps);
    assert!(v.licences.is_empty());

    let mine = w.s.portal(&w.mw).await.unwrap().mine;
    assert_eq!(mine.iter().map(|r| (r.id, r.status)).collect::<Vec<_>>(), [(id, RequestStatus::Done)]);
    let list = w.s.request_list(&w.regisseur, None).await.unwrap();
    assert_eq!((list.total, list.open, list.overdue), (1, 0, 0));

    let audit: Vec<_> = audit_since(db, seen)
        .await
        .into_iter()
        .map(|e| (e.record.actor, e.record.action, e.record.object, e.record.result, e.record.detail))
        .collect();
    let object = format!("request:{id}");
    let entry = |actor: &str, action: &str, detail: &str| {
        (actor.to_string(), action.to_string(), object.clone(), "ok".to_string(), Some(detail.to_string()))
    };
    assert_eq!(
        audit,
        [
            entry("mo", "requests.file", "Toegang of licentie aanvragen (versie 1)"),
            entry("manon", "requests.step", "ingediend -> ingediend"),
            entry("reggie", "requests.step", "ingediend -> goedgekeurd"),
            entry("reggie", "requests.step", "goedgekeurd -> in_behandeling"),
            entry("reggie", "requests.step", "in_behandeling -> afgerond"),
        ]
    );
    assert_eq!(w.s.verify_audit_chain().await.unwrap().first_broken, None);
}
both_dbs!(a_medewerker_files_an_access_request_that_manager_and_regisseur_approve_and_the_regie_completes);

async fn nobody_approves_their_own_request_and_a_stranger_gets_forbidden(db: &Db) {
    let w = world(db).await;
    w.s.set_user_manager(&w.beheerder, w.regisseur.user_id, Some(w.manager.user_id)).await.unwrap();
    let id = file_access(&w, &w.regisseur, "").await;

    let before = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(before.steps, [Step::Cancel], "a regisseur's own request offers no decision");
    let seen = audit_count(db).await;
    let own = w.s.take_request_step(&w.regisseur, id, Step::Approve(Side::Regie), "").await;
    assert_eq!(problem_with_detail(own, "besluit"), (Problem::OwnRequest, None));
    let own = w.s.take_request_step(&w.regisseur, id, Step::Reject(Side::Regie), "Niet nodig.").await;
    assert_eq!(problem_with_detail(own, "besluit"), (Problem::OwnRequest, None));
    assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before, "the refusal changed nothing");
    assert_eq!(audit_count(db).await, seen, "a refused decision is not audited as done");

    // A colleague who is neither the requester, their manager nor the regie team may not look.
    let seen = audit_count(db).await;
    assert!(matches!(w.s.request_view(&w.stranger, id).await, Err(ServiceError::Forbidden)));
    one_denied(db, seen, &w.stranger, "requests.view", id).await;
    let seen = audit_count(db).await;
    let refused = w.s.comment_on_request(&w.stranger, id, "Mag ik meekijken?").await;
    assert!(matches!(refused, Err(ServiceError::Forbidden)), "{refused:?}");
    one_denied(db, seen, &w.stranger, "requests.comment", id).await;
    assert!(w.s.portal(&w.stranger).await.unwrap().mine.is_empty());
    assert!(matches!(w.s.request_list(&w.stranger, None).await, Err(ServiceError::Forbidden)));

    // The requester's manager may see it and decide; another regie member may approve it.
    let as_manager = w.s.request_view(&w.manager, id).await.unwrap();
    assert_eq!(as_manager.steps, [Step::Approve(Side::Manager), Step::Reject(Side::Manager)]);
    assert_eq!(as_manager.requester_name.as_deref(), Some("Test reggie"));
    assert_eq!(step(&w, &w.manager, id, Step::Approve(Side::Manager)).await, RequestStatus::Submitted);
    assert_eq!(step(&w, &w.beheerder, id, Step::Approve(Side::Regie)).await, RequestStatus::Approved);

    // Without a line manager the regie team approves in the manager's place, and the history says so.
    let id = file_access(&w, &w.beheerder, "").await;
    let v = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(
        v.approvals,
        Approvals { manager_needed: false, regie_needed: true, manager_given: false, regie_given: false }
    );
    assert_eq!(v.events[0].text.as_deref(), Some("Geen leidinggevende bekend: de regie keurt goed."));
    assert_eq!(v.manager_name, None);
    let own = w.s.take_request_step(&w.beheerder, id, Step::Approve(Side::Regie), "").await;
    assert_eq!(problem_with_detail(own, "besluit"), (Problem::OwnRequest, None));
    assert_eq!(step(&w, &w.regisseur, id, Step::Approve(Side::Regie)).await, RequestStatus::Approved);
}
both_dbs!(nobody_approves_their_own_request_and_a_stranger_gets_forbidden);

async fn every_illegal_step_is_refused_and_changes_nothing(db: &Db) {
    let w = world(db).await;
    let id = file_access(&w, &w.mw, "").await;

    // Refusals in the workflow: reported at `besluit`, nothing changes and nothing is audited.
    let not_now = [(&w.regisseur, Step::Complete), (&w.regisseur, Step::Start), (&w.beheerder, Step::Start)];
    for (who, s) in not_now {
        let before = w.s.request_view(&w.regisseur, id).await.unwrap();
        let seen = audit_count(db).await;
        let refused = w.s.take_request_step(who, id, s, "").await;
        assert_eq!(problem_with_detail(refused, "besluit"), (Problem::StepNotAllowed, None), "{s:?}");
        assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before, "{s:?}");
        assert_eq!(audit_count(db).await, seen, "{s:?}");
    }

    // Steps taken in a capacity one does not have: forbidden, with a denied audit entry.
    let not_yours = [
        (&w.stranger, Step::Approve(Side::Manager)),
        (&w.stranger, Step::Cancel),
        (&w.mw, Step::Approve(Side::Manager)),
        (&w.mw, Step::Approve(Side::Regie)),
        (&w.manager, Step::Approve(Side::Regie)),
        (&w.manager, Step::Cancel),
        (&w.regisseur, Step::Approve(Side::Manager)),
        (&w.regisseur, Step::Reject(Side::Manager)),
    ];
    for (who, s) in not_yours {
        let before = w.s.request_view(&w.regisseur, id).await.unwrap();
        let seen = audit_count(db).await;
        let refused = w.s.take_request_step(who, id, s, "Omdat het kan.").await;
        assert!(matches!(refused, Err(ServiceError::Forbidden)), "{} {s:?}: {refused:?}", who.username);
        assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before, "{s:?}");
        one_denied(db, seen, who, "requests.step", id).await;
    }

    // A rejection needs a reason; a note too long is refused.
    let before = w.s.request_view(&w.regisseur, id).await.unwrap();
    let refused = w.s.take_request_step(&w.manager, id, Step::Reject(Side::Manager), "  ").await;
    assert_eq!(problem_with_detail(refused, "toelichting"), (Problem::Required, None));
    let long = "z".repeat(2001);
    let refused = w.s.take_request_step(&w.manager, id, Step::Approve(Side::Manager), &long).await;
    assert_eq!(problem_with_detail(refused, "toelichting"), (Problem::TooLong { max: 2000 }, None));
    assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), before);

    // An approval given once is not given twice.
    assert_eq!(step(&w, &w.manager, id, Step::Approve(Side::Manager)).await, RequestStatus::Submitted);
    let twice = w.s.take_request_step(&w.manager, id, Step::Approve(Side::Manager), "").await;
    assert_eq!(problem_with_detail(twice, "besluit"), (Problem::StepNotAllowed, None));

    // A rejected request is closed: nothing more happens to it.
    let rejected = w.s.take_request_step(&w.regisseur, id, Step::Reject(Side::Regie), "Geen budget.").await;
    assert_eq!(rejected.unwrap(), RequestStatus::Rejected);
    let closed = w.s.request_view(&w.regisseur, id).await.unwrap();
    assert_eq!(
        closed.events.last().map(|e| (e.kind, e.side, e.text.as_deref())),
        Some((EventKind::Rejected, Some(Side::Regie), Some("Geen budget.")))
    );
    assert!(closed.steps.is_empty());
    let after_close = [
        (&w.mw, Step::Cancel),
        (&w.regisseur, Step::Cancel),
        (&w.regisseur, Step::Approve(Side::Regie)),
        (&w.regisseur, Step::Start),
        (&w.regisseur, Step::Complete),
        (&w.manager, Step::Reject(Side::Manager)),
    ];
    for (who, s) in after_close {
        let seen = audit_count(db).await;
        let refused = w.s.take_request_step(who, id, s, "Alsnog.").await;
        assert_eq!(problem_with_detail(refused, "besluit"), (Problem::StepNotAllowed, None), "{s:?}");
        assert_eq!(w.s.request_view(&w.regisseur, id).await.unwrap(), closed, "{s:?}");
        assert_eq!(audit_count(db).await, seen, "{s:?}");
    }

    // An unknown request is not found, for anyone.
    let missing = w.s.take_request_step(&w.regisseur, RequestId(9_999), Step::Start, "").await;
    assert!(matches!(missing, Err(ServiceError::NotFound)), "{missing:?}");
    assert!(matches!(w.s.request_view(&w.mw, RequestId(9_999)).await, Err(ServiceError::NotFound)));
}
both_dbs!(every_illegal_step_is_refused_and_changes_nothing);
