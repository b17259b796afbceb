//! The risk register: configuration and flows, risks within reach, treatment rules, consents
//! and their invalidation, reviews, matrix versions.

use anzen_app::AppError;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{Page, Reach, RiskQuery};
use anzen_app::risks::{ComponentInput, FlowInput, MeasureInput, TreatmentInput};
use anzen_domain::access::Role;
use anzen_domain::risk::{RiskLevel, RiskStatus};
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    risks_are_identified_on_flows_and_isolated,
    sharing_or_accepting_needs_every_affected_institution,
    a_refused_treatment_changes_nothing,
    matrix_versions_and_notices_mark_risks_for_review,
    overdue_reviews_are_mailed_to_the_owner,
);

fn accept(explanation: &str) -> TreatmentInput {
    TreatmentInput {
        option: "accept".into(),
        rationale: "影響が小さく対策の費用に見合わない".into(),
        options_considered: "低減（多要素認証）、回避（サービス停止）と比較".into(),
        residual_impact: "2".into(),
        residual_likelihood: "2".into(),
        explanation: explanation.into(),
        ..Default::default()
    }
}

async fn risks_are_identified_on_flows_and_isolated(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let other = fixtures::hospital(&app, "Other Hospital").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let terminal = app
        .add_component(
            &member,
            o.id,
            ComponentInput {
                name: "保守端末".into(),
                kind: "terminal".into(),
                environment: "development".into(),
                location: "事業者DC".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let flow = app
        .add_flow(
            &member,
            o.id,
            FlowInput {
                who: "開発・保守要員".into(),
                place: "事業者のデータセンター".into(),
                device_or_medium: "開発・保守用端末".into(),
                what: "本番環境のアプリケーション".into(),
                how: "障害解析のため参照".into(),
                class: "patient_personal_information".into(),
                environment: "production".into(),
                components: vec![terminal.id.to_string()],
            },
        )
        .await
        .unwrap();
    let bad = app
        .add_flow(
            &member,
            o.id,
            FlowInput {
                class: "patient_personal_information".into(),
                environment: "production".into(),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(bad, Err(AppError::Invalid(ref e)) if e.field == "who"),
        "{bad:?}"
    );
    let mut input = risk_input(&o, "4桁パスワードによる不正ログイン", 5, 5);
    input.flow = flow.id.to_string();
    let risk = app.add_risk(&member, input).await.unwrap();
    assert_eq!(risk.inherent.level, RiskLevel::S);
    assert_eq!(
        risk.inherent.matrix_version, 1,
        "the default matrix was created on first use"
    );
    app.add_risk(&member, risk_input(&o, "バックアップ媒体の紛失", 2, 2))
        .await
        .unwrap();

    let q = RiskQuery::default();
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(a.id), &q, Page::all())
            .await
            .unwrap()
            .total,
        2
    );
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(b.id), &q, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        db.store
            .list_risks(Reach::AsInstitution(h.id), &q, Page::all())
            .await
            .unwrap()
            .total,
        2
    );
    assert_eq!(
        db.store
            .list_risks(Reach::AsInstitution(other.id), &q, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert!(db.store.risk(Reach::Owned(b.id), risk.id).await.is_err());
    let s_only = RiskQuery {
        level: Some(RiskLevel::S),
        ..Default::default()
    };
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(a.id), &s_only, Page::all())
            .await
            .unwrap()
            .rows[0]
            .risk
            .id,
        risk.id
    );
    let search = RiskQuery {
        search: Some("紛失".into()),
        ..Default::default()
    };
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(a.id), &search, Page::all())
            .await
            .unwrap()
            .total,
        1
    );
    let open = RiskQuery {
        status: Some(RiskStatus::Open),
        ..Default::default()
    };
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(a.id), &open, Page::all())
            .await
            .unwrap()
            .total,
        2
    );
    let heat = db.store.heat_map(Reach::Owned(a.id), &q).await.unwrap();
    assert_eq!(heat.inherent.iter().map(|c| c.count).sum::<i64>(), 2);
    assert!(
        heat.inherent
            .iter()
            .any(|c| (c.impact, c.likelihood, c.count) == (5, 5, 1))
    );
    assert!(heat.residual.is_empty());
    assert_eq!(
        db.store
            .list_flows(Reach::Owned(a.id), o.id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        db.store
            .list_flows(Reach::Owned(b.id), o.id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn sharing_or_accepting_needs_every_affected_institution(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let c = fixtures::hospital(&app, "Clinic").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let hospital_it =
        fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let clinic_it =
        fixtures::user_caller(&app, &c, Role::InstitutionReviewer, "it@c.example").await;
    let risk = app
        .add_risk(&member, risk_input(&o, "操作ログの長期保存不足", 3, 3))
        .await
        .unwrap();
    let risk = app
        .decide_treatment(&member, risk.id, None, accept("説明 v1"))
        .await
        .unwrap();
    let detail = app.risk_detail(&member, risk.id).await.unwrap();
    assert_eq!(
        detail.row.status,
        RiskStatus::AwaitingConsent,
        "accepting alone never takes effect"
    );

    // The provider cannot agree for the institution; another institution cannot either.
    let by_provider = app.consent_to_risk(&member, risk.id, &detail.digest).await;
    assert!(
        matches!(
            by_provider,
            Err(AppError::Invalid(_)) | Err(AppError::Forbidden(_))
        ),
        "{by_provider:?}"
    );
    let by_other = app
        .consent_to_risk(&clinic_it, risk.id, &detail.digest)
        .await;
    assert!(
        by_other.is_err(),
        "an institution the risk does not touch cannot see or agree to it"
    );
    let stale = app.consent_to_risk(&hospital_it, risk.id, "0000").await;
    assert!(
        matches!(stale, Err(AppError::Invalid(ref e)) if e.field == "digest"),
        "{stale:?}"
    );
    assert!(
        db.store.consents(risk.id).await.unwrap().is_empty(),
        "refusals write nothing"
    );

    let agreed = app
        .consent_to_risk(&hospital_it, risk.id, &detail.digest)
        .await
        .unwrap();
    assert_eq!(agreed.row.status, RiskStatus::Effective);

    // A material change voids the agreement: re-consent needed.
    let risk = app
        .decide_treatment(&member, risk.id, None, accept("説明 v2"))
        .await
        .unwrap();
    assert_eq!(
        db.store
            .risk(Reach::Owned(a.id), risk.id)
            .await
            .unwrap()
            .status,
        RiskStatus::ReConsentNeeded
    );
    let d2 = app.risk_detail(&hospital_it, risk.id).await.unwrap();
    app.consent_to_risk(&hospital_it, risk.id, &d2.digest)
        .await
        .unwrap();
    assert_eq!(
        db.store
            .risk(Reach::Owned(a.id), risk.id)
            .await
            .unwrap()
            .status,
        RiskStatus::Effective
    );

    // A new contract brings a new institution that must agree too.
    fixtures::contract(&app, &c, &a, &o).await;
    assert_eq!(
        db.store
            .risk(Reach::Owned(a.id), risk.id)
            .await
            .unwrap()
            .status,
        RiskStatus::AwaitingConsent
    );
    let d3 = app.risk_detail(&clinic_it, risk.id).await.unwrap();
    app.consent_to_risk(&clinic_it, risk.id, &d3.digest)
        .await
        .unwrap();
    assert_eq!(
        db.store
            .risk(Reach::Owned(a.id), risk.id)
            .await
            .unwrap()
            .status,
        RiskStatus::Effective
    );
    assert_eq!(
        db.store.consents(risk.id).await.unwrap().len(),
        3,
        "every consent is kept"
    );
}

async fn a_refused_treatment_changes_nothing(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let risk = app
        .add_risk(&operator_of(&a), risk_input(&o, "4桁パスワード", 5, 5))
        .await
        .unwrap();
    let before = db.store.risk(Reach::Owned(a.id), risk.id).await.unwrap();
    let audit_before = db.store.audit_after(0, 10_000).await.unwrap().len();
    // Level S cannot be closed by accepting alone (GL 5.1.3, FAQ 5.1).
    let refused = app
        .decide_treatment(&operator_of(&a), risk.id, None, accept("説明"))
        .await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "treatment.option"),
        "{refused:?}"
    );
    // Nor reduced by one measure only.
    let one = TreatmentInput {
        option: "reduce".into(),
        measures: vec![MeasureInput {
            description: "12文字以上".into(),
            ..Default::default()
        }],
        rationale: "r".into(),
        residual_impact: "3".into(),
        residual_likelihood: "2".into(),
        ..Default::default()
    };
    let refused = app
        .decide_treatment(&operator_of(&a), risk.id, None, one)
        .await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "treatment.measures"),
        "{refused:?}"
    );
    assert_eq!(
        db.store.risk(Reach::Owned(a.id), risk.id).await.unwrap(),
        before,
        "nothing changed"
    );
    assert_eq!(
        db.store.audit_after(0, 10_000).await.unwrap().len(),
        audit_before,
        "no audit entry"
    );
}

fn operator_of(org: &anzen_domain::org::Organisation) -> anzen_app::Caller {
    fixtures::member_of(org)
}

async fn matrix_versions_and_notices_mark_risks_for_review(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = operator_of(&a);
    let r1 = app.add_risk(&me, risk_input(&o, "R1", 3, 3)).await.unwrap();
    let r2 = app.add_risk(&me, risk_input(&o, "R2", 2, 2)).await.unwrap();
    let mut m = anzen_domain::risk::RiskMatrix::default_example();
    m.criteria[0].review_interval_days = 30;
    let v2 = app.set_risk_matrix(&me, m).await.unwrap();
    assert_eq!(v2.version, 2);
    let flagged = RiskQuery {
        flagged: true,
        ..Default::default()
    };
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(a.id), &flagged, Page::all())
            .await
            .unwrap()
            .total,
        2,
        "both were assessed on version 1"
    );
    let still_v1 = db.store.risk(Reach::Owned(a.id), r1.id).await.unwrap().risk;
    assert_eq!(
        still_v1.inherent.matrix_version, 1,
        "the new matrix does not rewrite past assessments"
    );
    // Marking reviewed is refused (GL 5.1.7): the marks stay.
    assert!(matches!(
        app.mark_risk_reviewed(&me, r1.id, None).await,
        Err(AppError::Conflict(_))
    ));
    // A reassessment is the review: it clears the marks.
    app.reassess_risk(&me, r1.id, None, "3", "3").await.unwrap();
    app.reassess_risk(&me, r2.id, None, "2", "2").await.unwrap();
    assert_eq!(
        db.store
            .list_risks(Reach::Owned(a.id), &flagged, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    // A notice names a control and marks exactly the risks whose measures implement it.
    app.add_provider_control(
        &me,
        "OWN-AUTH-1",
        "認証の強度",
        "利用者認証の方式と強度を定める",
    )
    .await
    .unwrap();
    let with_control = TreatmentInput {
        option: "reduce".into(),
        measures: vec![MeasureInput {
            description: "パスワードを12文字以上にする".into(),
            controls: "OWN-AUTH-1".into(),
            ..Default::default()
        }],
        rationale: "r".into(),
        residual_impact: "2".into(),
        residual_likelihood: "2".into(),
        ..Default::default()
    };
    app.decide_treatment(&me, r1.id, None, with_control)
        .await
        .unwrap();
    let preview = app.preview_tech_notice(&me, "OWN-AUTH-1").await.unwrap();
    assert_eq!(
        preview.risks.iter().map(|r| r.risk.id).collect::<Vec<_>>(),
        vec![r1.id]
    );
    let (notice, marked) = app
        .raise_tech_notice(
            &me,
            "多要素認証の普及",
            "パスワードのみの認証は不十分になった",
            "OWN-AUTH-1",
        )
        .await
        .unwrap();
    assert_eq!(notice.risks_marked, 1);
    assert_eq!(marked, vec![r1.id]);
    let listed = db
        .store
        .list_risks(Reach::Owned(a.id), &flagged, Page::all())
        .await
        .unwrap();
    assert_eq!(
        listed.rows.iter().map(|r| r.risk.id).collect::<Vec<_>>(),
        vec![r1.id]
    );
    let unknown = app.raise_tech_notice(&me, "x", "", "NO-SUCH-CONTROL").await;
    assert!(
        matches!(unknown, Err(AppError::Invalid(ref e)) if e.field == "control"),
        "{unknown:?}"
    );
}

async fn overdue_reviews_are_mailed_to_the_owner(db: &TestDb) {
    let sink = anzen_mail::sink::SmtpSink::start().await.unwrap();
    let mail = || {
        std::sync::Arc::new(anzen_mail::SmtpMailer::new(&sink.url(), "anzen@test.example").unwrap())
    };
    let app = db.app().with_mailer(mail());
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    fixtures::user(&app, &a, Role::ProviderMember, "risk@a.example").await;
    fixtures::user(&app, &b, Role::ProviderMember, "risk@b.example").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = operator_of(&a);
    let r = app
        .add_risk(&me, risk_input(&o, "バックアップの世代不足", 3, 3))
        .await
        .unwrap();
    let reduce = TreatmentInput {
        option: "reduce".into(),
        measures: vec![MeasureInput {
            description: "3世代のオフラインバックアップ".into(),
            ..Default::default()
        }],
        rationale: "低減が費用に見合う".into(),
        residual_impact: "2".into(),
        residual_likelihood: "2".into(),
        ..Default::default()
    };
    let r = app.decide_treatment(&me, r.id, None, reduce).await.unwrap();
    let due = r.next_review.unwrap();
    // Nothing is due yet.
    assert_eq!(app.send_review_reminders().await.unwrap(), 0);
    // The day after the review date, the owner (and only it) is reminded.
    let later = due
        .tomorrow()
        .unwrap()
        .tomorrow()
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .unwrap()
        .timestamp();
    let app = db.app_at(later).with_mailer(mail());
    assert_eq!(app.send_review_reminders().await.unwrap(), 1);
    // A second run the same day (another node, an operator's `jobs run`) mails nothing more.
    assert_eq!(app.send_review_reminders().await.unwrap(), 0);
    let received = sink.received();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].to, ["risk@a.example"]);
    assert!(received[0].data.contains("Subject:"));
    let (overdue, _) = app.risks_to_review(&me, Page::all()).await.unwrap();
    assert_eq!(overdue.total, 1, "the dashboard shows it too");
}
