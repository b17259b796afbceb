//! Safety evaluations (GL 4.3; Table 4-1 ②-4) and the GL 4.4 certification exemption:
//! recorded by the provider, read by the institutions contracting the offering and by no
//! one else; a finding raises one risk or one planned statement in the same transaction as
//! its link (a refusal writes neither); the latest evaluation answers ②-4; an exemption is
//! a sequence of audited entries that exempts only on an allowed basis.

use anzen_app::AppError;
use anzen_app::evaluations::FollowUpInput;
use anzen_app::ports::{AuditQuery, Page, RiskQuery};
use anzen_domain::access::Role;
use anzen_domain::chain::{NewExemption, QualificationBasis};
use anzen_domain::evaluation::{FollowUp, NewEvaluation, NewFinding};
use anzen_tests::fixtures::{self, cloud_ehr_profile, iaas_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    evaluations_are_recorded_audited_and_reached_only_by_their_readers,
    a_finding_raises_one_risk_or_planned_statement_with_its_link,
    the_latest_evaluation_answers_table_4_1_item_2_4,
    an_exemption_is_audited_and_exempts_only_on_an_allowed_basis,
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

fn evaluation(on: &str, result: &str, severities: &[&str]) -> NewEvaluation {
    NewEvaluation {
        evaluator_type: "external".into(),
        evaluator: "山田 太郎（システム監査技術者）".into(),
        organisation: "みなと監査法人".into(),
        evaluated_on: on.into(),
        scope: "クラウド電子カルテの運用・保守、データセンター".into(),
        result: result.into(),
        summary: "年次の外部評価".into(),
        findings: severities
            .iter()
            .map(|s| NewFinding {
                severity: (*s).into(),
                text: format!("{s}: 特権IDの利用記録の定期確認が行われていない"),
            })
            .collect(),
    }
}

async fn evaluations_are_recorded_audited_and_reached_only_by_their_readers(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let p = fixtures::partner(&app, "Partner P").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let other = fixtures::hospital(&app, "Clinic C").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let me = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let them = fixtures::user_caller(&app, &b, Role::ProviderAdmin, "admin@b.example").await;
    let partner = fixtures::user_caller(&app, &p, Role::Partner, "p@p.example").await;
    let h_it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let c_it = fixtures::user_caller(&app, &other, Role::InstitutionReviewer, "it@c.example").await;

    let before = audit_total(db).await;
    let e = app
        .record_evaluation(
            &me,
            o.id,
            evaluation(
                "2026-10-01",
                "satisfactory_with_findings",
                &["minor", "observation"],
            ),
        )
        .await
        .unwrap();
    assert_eq!(
        audit_total(db).await,
        before + 1,
        "one audit entry with the record"
    );
    assert_eq!(e.org, a.id);
    assert_eq!(e.revision, 1);
    assert_eq!(e.recorded_by, me.label());
    let listed = app.list_evaluations(&me, o.id).await.unwrap();
    assert_eq!(listed, vec![e.clone()], "read back as written");
    assert_eq!(
        app.evaluation(&h_it, e.id).await.unwrap(),
        e,
        "the contracting institution reads it"
    );
    assert_eq!(app.list_evaluations(&h_it, o.id).await.unwrap().len(), 1);

    // Nobody else reaches it.
    assert!(matches!(
        app.evaluation(&c_it, e.id).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(app.list_evaluations(&c_it, o.id).await.is_err());
    assert!(matches!(
        app.evaluation(&them, e.id).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        app.evaluation(&partner, e.id).await,
        Err(AppError::Forbidden(_))
    ));
    // Only the provider records, on its own offerings.
    let at = audit_total(db).await;
    let refused = [
        app.record_evaluation(&them, o.id, evaluation("2026-10-01", "satisfactory", &[]))
            .await,
        app.record_evaluation(&h_it, o.id, evaluation("2026-10-01", "satisfactory", &[]))
            .await,
        app.record_evaluation(
            &partner,
            o.id,
            evaluation("2026-10-01", "satisfactory", &[]),
        )
        .await,
        // GL 4.3: a result that says more than the findings is refused, naming the field.
        app.record_evaluation(
            &me,
            o.id,
            evaluation("2026-10-01", "satisfactory", &["major"]),
        )
        .await,
        app.record_evaluation(&me, o.id, evaluation("2027-01-01", "satisfactory", &[]))
            .await,
    ];
    assert!(
        matches!(refused[0], Err(AppError::NotFound { .. })),
        "{:?}",
        refused[0]
    );
    assert!(
        matches!(refused[1], Err(AppError::Forbidden(_))),
        "{:?}",
        refused[1]
    );
    assert!(
        matches!(refused[2], Err(AppError::Forbidden(_))),
        "{:?}",
        refused[2]
    );
    assert!(
        matches!(&refused[3], Err(AppError::Invalid(f)) if f.field == "result"),
        "{:?}",
        refused[3]
    );
    assert!(
        matches!(&refused[4], Err(AppError::Invalid(f)) if f.field == "evaluated_on"),
        "{:?}",
        refused[4]
    );
    assert_eq!(audit_total(db).await, at, "a refusal writes nothing");
    assert_eq!(app.list_evaluations(&me, o.id).await.unwrap().len(), 1);
}

async fn a_finding_raises_one_risk_or_planned_statement_with_its_link(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let e = app
        .record_evaluation(
            &me,
            o.id,
            evaluation("2026-10-01", "unsatisfactory", &["major", "minor"]),
        )
        .await
        .unwrap();
    let risks = |app: anzen_app::App| {
        let me = me.clone();
        async move {
            app.list_risks(&me, &RiskQuery::default(), Page::first(1))
                .await
                .unwrap()
                .total
        }
    };
    assert_eq!(risks(app.clone()).await, 0);

    // A refused risk (impact off the scale) writes neither the risk nor the link.
    let at = audit_total(db).await;
    let mut bad = risk_input(&o, "", 9, 2);
    bad.threat = String::new();
    let refused = app
        .raise_finding(&me, e.id, 0, Some(1), FollowUpInput::Risk(bad))
        .await;
    assert!(
        matches!(&refused, Err(AppError::Invalid(f)) if f.field == "impact"),
        "{refused:?}"
    );
    assert_eq!(audit_total(db).await, at);
    assert_eq!(risks(app.clone()).await, 0);
    assert_eq!(app.evaluation(&me, e.id).await.unwrap().revision, 1);

    // The risk takes the finding's text when none is given, and the finding links it.
    let mut input = risk_input(&o, "", 3, 2);
    input.threat = String::new();
    let after = app
        .raise_finding(&me, e.id, 0, Some(1), FollowUpInput::Risk(input))
        .await
        .unwrap();
    // The default matrix (first risk of the provider), the risk and the link.
    assert_eq!(
        audit_total(db).await,
        at + 3,
        "one entry each, in the same transaction"
    );
    assert_eq!(after.revision, 2);
    let Some(FollowUp::Risk { risk }) = after.evaluation.findings[0].follow_up.clone() else {
        panic!("the finding links its risk: {after:?}");
    };
    let detail = app.risk_detail(&me, risk).await.unwrap();
    assert_eq!(detail.row.risk.offering, o.id);
    assert!(
        detail.row.risk.threat.contains("特権ID"),
        "{}",
        detail.row.risk.threat
    );
    assert_eq!(
        app.evaluation(&me, e.id).await.unwrap(),
        after,
        "stored as returned"
    );

    // Once only; and not on a stale revision.
    let again = app
        .raise_finding(
            &me,
            e.id,
            0,
            Some(2),
            FollowUpInput::Risk(risk_input(&o, "再", 2, 2)),
        )
        .await;
    assert!(
        matches!(&again, Err(AppError::Invalid(f)) if f.field == "finding"),
        "{again:?}"
    );
    let stale = app
        .raise_finding(
            &me,
            e.id,
            1,
            Some(1),
            FollowUpInput::Risk(risk_input(&o, "古い", 2, 2)),
        )
        .await;
    assert!(matches!(stale, Err(AppError::Conflict(_))), "{stale:?}");
    assert_eq!(risks(app.clone()).await, 1);

    // A planned Appendix 2 statement (対応予定), through the statement use-case.
    let builtin = anzen_app::controls::builtin_partial().unwrap();
    let key = builtin.items[0].key.clone();
    let planned = app
        .raise_finding(
            &me,
            e.id,
            1,
            Some(2),
            FollowUpInput::PlannedStatement {
                catalogue_version: builtin.meta.version.clone(),
                key: key.clone(),
                what: String::new(),
                by: "2027-03-31".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        planned.evaluation.findings[1].follow_up,
        Some(FollowUp::PlannedStatement {
            catalogue_version: builtin.meta.version.clone(),
            key: key.clone()
        })
    );
    let history = app
        .statement_history(&me, o.id, "appendix2", &builtin.meta.version, &key)
        .await
        .unwrap();
    assert_eq!(
        history.last().map(|s| s.statement.status()),
        Some(anzen_domain::controls::StatementStatus::Planned)
    );
}

async fn the_latest_evaluation_answers_table_4_1_item_2_4(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let unrelated = fixtures::offering(&app, &a, cloud_ehr_profile("Other service")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let me = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let item = |items: Vec<anzen_app::chain::DisclosureItem>| {
        items
            .into_iter()
            .find(|i| i.key == "②-4")
            .expect("②-4 is listed")
    };
    // None yet: nothing suggested, the provider answers by hand.
    assert_eq!(
        item(app.disclosure_items(&me, h.id).await.unwrap()).suggested,
        ""
    );
    app.record_evaluation(
        &me,
        o.id,
        evaluation("2026-09-01", "unsatisfactory", &["major"]),
    )
    .await
    .unwrap();
    app.record_evaluation(&me, o.id, evaluation("2026-10-15", "satisfactory", &[]))
        .await
        .unwrap();
    // Recorded later but evaluated earlier: not the latest.
    app.record_evaluation(
        &me,
        o.id,
        evaluation("2026-08-01", "unsatisfactory", &["major"]),
    )
    .await
    .unwrap();
    // An offering the institution does not contract does not answer for it.
    let mut internal = evaluation("2026-11-01", "unsatisfactory", &["major"]);
    internal.evaluator_type = "self_assessment".into();
    internal.organisation = String::new();
    app.record_evaluation(&me, unrelated.id, internal)
        .await
        .unwrap();
    let suggested = item(app.disclosure_items(&me, h.id).await.unwrap()).suggested;
    assert!(suggested.contains("2026-10-15"), "{suggested}");
    assert!(suggested.contains("外部評価（第三者）"), "{suggested}");
    assert!(
        suggested.contains("適合（是正を要する指摘事項なし）"),
        "{suggested}"
    );
    assert!(
        !suggested.contains("2026-09-01") && !suggested.contains("Other service"),
        "{suggested}"
    );
    // What the provider wrote and disclosed stays as written.
    let d = app
        .disclose(&me, &h.id.to_string(), "②-4", "手書きの回答")
        .await
        .unwrap();
    let it = item(app.disclosure_items(&me, h.id).await.unwrap());
    assert_eq!(it.last.map(|l| l.answer), Some(d.answer));
}

async fn an_exemption_is_audited_and_exempts_only_on_an_allowed_basis(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let net = fixtures::provider(&app, "Network N").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let other = fixtures::hospital(&app, "Clinic C").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let line = fixtures::offering(&app, &net, iaas_profile("閉域網回線")).await;
    fixtures::contract(&app, &h, &net, &line).await;
    let n_me = fixtures::user_caller(&app, &net, Role::ProviderMember, "m@n.example").await;
    let a_me = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let h_it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let c_it = fixtures::user_caller(&app, &other, Role::InstitutionReviewer, "it@c.example").await;
    let claim = |basis: &str| NewExemption {
        basis: basis.into(),
        reason: "閉域網の回線のみを提供し、医療情報にはアクセスしない".into(),
    };

    // Missing without a claim.
    let q = app.qualification_of(&n_me, net.id, &[]).await.unwrap();
    assert!(!q.met && q.exemption.is_none());

    let before = audit_total(db).await;
    let x = app
        .record_exemption(&n_me, claim("no_direct_handling"), Some(0))
        .await
        .unwrap();
    assert_eq!((x.seq, audit_total(db).await), (1, before + 1));
    let q = app.qualification_of(&n_me, net.id, &[]).await.unwrap();
    assert_eq!((q.met, q.basis), (true, Some(QualificationBasis::Exempt)));
    assert_eq!(q.exemption.as_ref().unwrap().notice.rule, "FAQ4.2-R2");
    // The contracting institution sees it; another does not.
    let seen = app.qualification_of(&h_it, net.id, &[]).await.unwrap();
    assert_eq!(seen.basis, Some(QualificationBasis::Exempt));
    assert!(
        app.claimed_exemption(&c_it, net.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        app.record_exemption(&h_it, claim("no_direct_handling"), None)
            .await
            .is_err()
    );

    // A stale change is refused and writes nothing; a basis the guideline does not give is
    // recorded but exempts nothing.
    let at = audit_total(db).await;
    let stale = app.record_exemption(&n_me, claim("other"), Some(0)).await;
    assert!(matches!(stale, Err(AppError::Conflict(_))), "{stale:?}");
    let bad = app.record_exemption(&n_me, claim("exempt"), Some(1)).await;
    assert!(
        matches!(&bad, Err(AppError::Invalid(f)) if f.field == "basis"),
        "{bad:?}"
    );
    assert_eq!(audit_total(db).await, at);
    app.record_exemption(&n_me, claim("certification_in_progress"), Some(1))
        .await
        .unwrap();
    let q = app.qualification_of(&n_me, net.id, &[]).await.unwrap();
    assert!(
        !q.met,
        "certification in progress is no exemption (FAQ 4.2 R1)"
    );
    assert_eq!(q.reasons[1].rule, "FAQ4.2-R1");

    // A provider whose offering handles medical information is not exempt (its scope says so).
    app.record_exemption(&a_me, claim("no_direct_handling"), None)
        .await
        .unwrap();
    let q = app.qualification_of(&a_me, a.id, &[]).await.unwrap();
    assert!(!q.met);
    assert_eq!(
        q.exemption.unwrap().direct_offerings,
        vec![ehr.name.to_string()]
    );

    // Withdrawn: missing again; withdrawing twice is refused.
    let w = app.withdraw_exemption(&n_me, Some(2)).await.unwrap();
    assert_eq!((w.seq, w.exemption), (3, None));
    assert!(
        app.claimed_exemption(&n_me, net.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(app.withdraw_exemption(&n_me, None).await.is_err());
}
