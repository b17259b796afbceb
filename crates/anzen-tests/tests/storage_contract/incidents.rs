//! Incidents (GL 3.2 危機管理対応時, GL 5.1.7): recording one reports it to exactly the
//! affected institutions (in the app and by mail through a real SMTP peer) and marks the
//! offering's risks for review, in one transaction with its audit entries; each reader
//! reaches only what concerns it; a refused record writes nothing; the crisis response runs
//! to prevention measures agreed by every affected institution, and a change made on a stale
//! revision is refused.

use std::sync::Arc;

use anzen_app::AppError;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{AuditQuery, Page, Reach};
use anzen_domain::access::Role;
use anzen_domain::incident::{IncidentInput, IncidentStatus, PreventionAnswer, UpdateInput};
use anzen_domain::risk::ReviewReason;
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    an_incident_reaches_exactly_the_affected_institutions_and_marks_the_risks,
    the_crisis_response_ends_with_agreed_prevention_measures,
    an_old_incident_still_waits_behind_more_than_a_page_of_newer_ones,
);

async fn audit_total(db: &TestDb) -> i64 {
    db.app()
        .list_audit(
            &fixtures::operator(),
            &AuditQuery::default(),
            Page::first(1),
        )
        .await
        .unwrap()
        .total
}

fn input(affected: &[&anzen_domain::org::Organisation]) -> IncidentInput {
    IncidentInput {
        title: "保守端末からの不正アクセス".into(),
        description: "保守端末がマルウェアに感染し、本番DBへの不審な接続が記録された".into(),
        occurred_at: "2026-11-20T09:30".into(),
        detected_at: "2026-11-20T11:00".into(),
        confidentiality: true,
        affected: affected.iter().map(|o| o.id.to_string()).collect(),
        actions: "保守端末を切り離し、接続元を遮断した".into(),
        ..Default::default()
    }
}

async fn an_incident_reaches_exactly_the_affected_institutions_and_marks_the_risks(db: &TestDb) {
    let sink = anzen_mail::sink::SmtpSink::start().await.unwrap();
    let mailer = anzen_mail::SmtpMailer::new(&sink.url(), "anzen@test.example").unwrap();
    let app = db.app().with_mailer(Arc::new(mailer));
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let c = fixtures::hospital(&app, "Clinic C").await;
    let d = fixtures::hospital(&app, "Dental D").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let pacs = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud PACS")).await;
    let theirs = fixtures::offering(&app, &b, cloud_ehr_profile("B's EHR")).await;
    fixtures::contract(&app, &h, &a, &ehr).await;
    fixtures::contract(&app, &c, &a, &ehr).await;
    fixtures::contract(&app, &d, &b, &theirs).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "ops@a.example").await;
    let stranger = fixtures::user_caller(&app, &b, Role::ProviderMember, "ops@b.example").await;
    let h_it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let c_it = fixtures::user_caller(&app, &c, Role::InstitutionReviewer, "it@c.example").await;
    let partner_org = fixtures::partner(&app, "DC KK").await;
    let partner = fixtures::user_caller(&app, &partner_org, Role::Partner, "noc@dc.example").await;
    let r1 = app
        .add_risk(&member, risk_input(&ehr, "不正ログイン", 3, 3))
        .await
        .unwrap();
    let r2 = app
        .add_risk(&member, risk_input(&ehr, "端末の紛失", 2, 2))
        .await
        .unwrap();
    let other = app
        .add_risk(&member, risk_input(&pacs, "画像の誤送信", 2, 2))
        .await
        .unwrap();

    // A refused record writes nothing: an institution of another provider is not affected
    // by A's offering.
    let before = audit_total(db).await;
    let mails_before = sink.received().len();
    let err = app
        .record_incident(&member, ehr.id, input(&[&h, &d]))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, AppError::Invalid(e) if e.field == "affected[1]"),
        "{err:?}"
    );
    assert_eq!(audit_total(db).await, before);
    assert_eq!(
        app.list_incidents(&member, None, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    // Only the offering's provider records (a reviewer cannot, B cannot see A's offering).
    assert!(matches!(
        app.record_incident(&h_it, ehr.id, input(&[&h])).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.record_incident(&stranger, ehr.id, input(&[&h])).await,
        Err(AppError::NotFound { .. })
    ));

    let rec = app
        .record_incident(&member, ehr.id, input(&[&h]))
        .await
        .unwrap();
    // The incident, a mark on each of the offering's two risks, the notification.
    assert_eq!(audit_total(db).await, before + 4);
    assert_eq!(
        rec.recipients.iter().map(|r| r.org).collect::<Vec<_>>(),
        [h.id]
    );
    let mut marked = rec.marked.clone();
    marked.sort();
    let mut expected = vec![r1.id, r2.id];
    expected.sort();
    assert_eq!(marked, expected, "every risk of the offering, no other");
    let reason = ReviewReason::Incident {
        incident: rec.incident.id.to_string(),
        title: "保守端末からの不正アクセス".into(),
    };
    for (risk, flagged) in [(r1.id, true), (r2.id, true), (other.id, false)] {
        let row = db.store.risk(Reach::Everything, risk).await.unwrap();
        assert_eq!(row.risk.review_flags.contains(&reason), flagged, "{risk}");
    }

    // The mail goes to the hospital alone, from the job queue.
    assert_eq!(app.run_due_jobs("test-worker").await.unwrap(), 1);
    let mails: Vec<_> = sink.received().into_iter().skip(mails_before).collect();
    let to: Vec<String> = mails.iter().flat_map(|m| m.to.clone()).collect();
    assert_eq!(to, ["it@h.example"]);
    // The hospital's inbox has the report; the clinic's has nothing.
    let inbox = app.inbox(&h_it, Page::all()).await.unwrap();
    assert_eq!(inbox.total, 1);
    assert_eq!(inbox.rows[0].notification.change_kind, "incident");
    assert_eq!(
        inbox.rows[0].notification.change_ref,
        rec.incident.id.to_string()
    );
    assert_eq!(app.inbox(&c_it, Page::all()).await.unwrap().total, 0);

    // Reach: the provider sees it with its parties; the hospital sees it with its own part;
    // the clinic (contracting, not affected), another provider and a partner do not.
    let seen = app.incident(&member, rec.incident.id).await.unwrap();
    assert_eq!(seen, rec.incident);
    assert_eq!(seen.status(), IncidentStatus::Open);
    let by_h = app.incident(&h_it, rec.incident.id).await.unwrap();
    assert_eq!(by_h.affected(), [h.id]);
    assert_eq!(
        app.list_incidents(&h_it, None, Page::all())
            .await
            .unwrap()
            .total,
        1
    );
    for caller in [&c_it, &stranger] {
        assert!(matches!(
            app.incident(caller, rec.incident.id).await,
            Err(AppError::NotFound { .. })
        ));
        assert_eq!(
            app.list_incidents(caller, None, Page::all())
                .await
                .unwrap()
                .total,
            0
        );
    }
    assert!(matches!(
        app.list_incidents(&partner, None, Page::all()).await,
        Err(AppError::Forbidden(_))
    ));
    assert_eq!(
        app.list_incidents(&member, Some(pacs.id), Page::all())
            .await
            .unwrap()
            .total,
        0
    );
}

async fn the_crisis_response_ends_with_agreed_prevention_measures(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let c = fixtures::hospital(&app, "Clinic C").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &ehr).await;
    fixtures::contract(&app, &c, &a, &ehr).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "ops@a.example").await;
    let h_it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let c_it = fixtures::user_caller(&app, &c, Role::InstitutionReviewer, "it@c.example").await;
    let id = app
        .record_incident(&member, ehr.id, input(&[&h, &c]))
        .await
        .unwrap()
        .incident
        .id;

    let update = |cause: &str, prevention: &str| UpdateInput {
        actions: "復旧済み。接続元を遮断".into(),
        cause: cause.into(),
        prevention: prevention.into(),
    };
    let i = app
        .update_incident(&member, id, 1, update("保守端末のOS未更新", "月次更新"))
        .await
        .unwrap();
    assert_eq!((i.revision, i.prevention_version), (2, 1));
    assert_eq!(i.status(), IncidentStatus::PreventionProposed);
    // A change made on the revision read before is refused and writes nothing.
    let before = audit_total(db).await;
    assert!(matches!(
        app.update_incident(&member, id, 1, update("x", "y")).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(audit_total(db).await, before);
    // An institution cannot update.
    assert!(matches!(
        app.update_incident(&h_it, id, 2, update("x", "y")).await,
        Err(AppError::Forbidden(_))
    ));

    // Each institution acknowledges its own report, once.
    let by_h = app.acknowledge_incident(&h_it, id).await.unwrap();
    assert!(by_h.parties[0].acknowledged_at.is_some());
    assert!(matches!(
        app.acknowledge_incident(&h_it, id).await,
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(
        app.acknowledge_incident(&member, id).await,
        Err(AppError::Forbidden(_))
    ));

    // H agrees, C declines with its reason; the incident cannot close.
    app.answer_incident_prevention(&h_it, id, 1, PreventionAnswer::Agreed, "")
        .await
        .unwrap();
    assert!(matches!(
        app.answer_incident_prevention(&c_it, id, 1, PreventionAnswer::Declined, " ").await,
        Err(AppError::Invalid(e)) if e.field == "reason"
    ));
    app.answer_incident_prevention(&c_it, id, 1, PreventionAnswer::Declined, "月次では遅い")
        .await
        .unwrap();
    assert!(matches!(
        app.close_incident(&member, id, 2).await,
        Err(AppError::Invalid(e)) if e.field == "prevention"
    ));

    // The provider revises; the earlier answers no longer count; a stale answer is refused.
    let i = app
        .update_incident(
            &member,
            id,
            2,
            update("保守端末のOS未更新", "週次更新と接続前検査"),
        )
        .await
        .unwrap();
    assert_eq!((i.revision, i.prevention_version), (3, 2));
    let stored = app.incident(&member, id).await.unwrap();
    let c_part = stored.party(c.id).unwrap().answer.clone().unwrap();
    assert_eq!(
        (c_part.answer, c_part.version, c_part.reason.as_deref()),
        (PreventionAnswer::Declined, 1, Some("月次では遅い"))
    );
    assert!(stored.party(h.id).unwrap().acknowledged_by.is_some());
    assert!(stored.party(c.id).unwrap().acknowledged_by.is_none());
    assert!(matches!(
        app.answer_incident_prevention(&h_it, id, 1, PreventionAnswer::Agreed, "")
            .await,
        Err(AppError::Conflict(_))
    ));
    for who in [&h_it, &c_it] {
        app.answer_incident_prevention(who, id, 2, PreventionAnswer::Agreed, "")
            .await
            .unwrap();
    }
    assert!(matches!(
        app.close_incident(&member, id, 2).await,
        Err(AppError::Conflict(_))
    ));
    let closed = app.close_incident(&member, id, 3).await.unwrap();
    assert_eq!(closed.status(), IncidentStatus::Closed);
    assert_eq!(
        app.incident(&h_it, id).await.unwrap().status(),
        IncidentStatus::Closed
    );
    assert!(matches!(
        app.update_incident(&member, id, 4, update("x", "y")).await,
        Err(AppError::Conflict(_))
    ));
}

/// The institution's home lists every incident that waits for its acknowledgement (GL 3.2),
/// not only those on the first page of the listing (at most `Page::MAX_LIMIT` rows): the
/// oldest of `MAX_LIMIT + 1` still shows.
async fn an_old_incident_still_waits_behind_more_than_a_page_of_newer_ones(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &ehr).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "ops@a.example").await;
    let h_it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let total = Page::MAX_LIMIT + 1;
    let mut oldest = None;
    for n in 0..total {
        let mut one = input(&[&h]);
        one.title = format!("障害 {n}");
        let recorded = app.record_incident(&member, ehr.id, one).await.unwrap();
        oldest.get_or_insert(recorded.incident.id.to_string());
    }
    let listed = app
        .list_incidents(&h_it, None, Page::first(Page::MAX_LIMIT))
        .await
        .unwrap();
    assert_eq!(listed.total, total);
    assert!(
        listed.rows.iter().all(|i| Some(i.id.to_string()) != oldest),
        "the oldest incident is beyond the listing's first page"
    );
    let tasks = app.institution_tasks(&h_it).await.unwrap().unwrap();
    let waiting: std::collections::BTreeSet<&str> = tasks
        .incidents_to_acknowledge
        .iter()
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(waiting.len(), usize::try_from(total).unwrap());
    assert_eq!(tasks.incidents_to_acknowledge.len(), waiting.len());
    assert!(waiting.contains(oldest.as_deref().unwrap()));
}
