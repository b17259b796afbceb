//! The thread of a risk with its institutions (GL 5.1.6 (1)): questions, declines and
//! answers stored with their audit entries; each institution reads its own thread; a decline
//! keeps the treatment from taking effect until it is answered; a refusal writes nothing.

use anzen_app::AppError;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{AuditQuery, Page, Reach};
use anzen_app::risks::TreatmentInput;
use anzen_domain::access::Role;
use anzen_domain::risk::{EntryKind, RiskStatus};
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    questions_declines_and_answers_are_stored_and_seen_by_their_sides,
    a_stricter_matrix_version_reopens_what_it_no_longer_accepts,
);

async fn audit_total(db: &TestDb) -> i64 {
    db.app()
        .list_audit(
            &anzen_app::Caller::operator("tests"),
            &AuditQuery::default(),
            Page::first(1),
        )
        .await
        .unwrap()
        .total
}

async fn questions_declines_and_answers_are_stored_and_seen_by_their_sides(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let c = fixtures::hospital(&app, "Clinic").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    fixtures::contract(&app, &c, &a, &o).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let stranger = fixtures::user_caller(&app, &b, Role::ProviderMember, "m@b.example").await;
    let hospital_it =
        fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let clinic_it =
        fixtures::user_caller(&app, &c, Role::InstitutionReviewer, "it@c.example").await;
    let risk = app
        .add_risk(&member, risk_input(&o, "操作ログの長期保存不足", 3, 3))
        .await
        .unwrap();
    let treated = app
        .decide_treatment(
            &member,
            risk.id,
            None,
            TreatmentInput {
                option: "accept".into(),
                rationale: "影響が小さい".into(),
                options_considered: "低減と比較".into(),
                residual_impact: "3".into(),
                residual_likelihood: "3".into(),
                explanation: "説明".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let digest = app
        .risk_detail(&hospital_it, treated.id)
        .await
        .unwrap()
        .digest;

    // Refusals write nothing: no entry, no audit entry.
    let audit = audit_total(db).await;
    for (what, r) in [
        (
            "an empty reason",
            app.decline_risk(&hospital_it, risk.id, &digest, " ").await,
        ),
        (
            "a stale digest",
            app.decline_risk(&hospital_it, risk.id, "old", "x").await,
        ),
        (
            "the provider",
            app.decline_risk(&member, risk.id, &digest, "x").await,
        ),
        (
            "another provider's answer",
            app.answer_on_risk(
                &stranger,
                risk.id,
                &uuid::Uuid::from_u128(0x5eed).to_string(),
                "x",
            )
            .await,
        ),
    ] {
        assert!(
            matches!(
                r,
                Err(AppError::Invalid(_) | AppError::Forbidden(_) | AppError::NotFound { .. })
            ),
            "{what}: {r:?}"
        );
    }
    assert!(db.store.risk_thread(risk.id).await.unwrap().is_empty());
    assert_eq!(audit_total(db).await, audit);

    // A decline and a question, each with its audit entry in the same transaction.
    let d = app
        .decline_risk(&hospital_it, risk.id, &digest, "説明が足りない")
        .await
        .unwrap();
    assert_eq!(d.row.status, RiskStatus::Declined);
    let decline = d.thread[0].id;
    app.ask_about_risk(&clinic_it, risk.id, "保存期間は？")
        .await
        .unwrap();
    assert_eq!(audit_total(db).await, audit + 2);
    let stored = db.store.risk_thread(risk.id).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0].kind, EntryKind::Decline);
    assert_eq!(stored[0].text, "説明が足りない");
    assert_eq!(stored[0].digest, digest);
    assert_eq!(stored[1].kind, EntryKind::Question);
    assert_eq!(
        db.store
            .risk(Reach::Owned(a.id), risk.id)
            .await
            .unwrap()
            .status,
        RiskStatus::Declined
    );

    // Each side sees its own thread: the provider both, each institution its own.
    assert_eq!(
        app.risk_detail(&member, risk.id)
            .await
            .unwrap()
            .thread
            .len(),
        2
    );
    let theirs = app.risk_detail(&hospital_it, risk.id).await.unwrap().thread;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].institution, h.id);
    let theirs = app.risk_detail(&clinic_it, risk.id).await.unwrap().thread;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].institution, c.id);

    // The answer to the decline lets the hospital be asked again.
    let refused = app.consent_to_risk(&hospital_it, risk.id, &digest).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "digest"),
        "{refused:?}"
    );
    let answered = app
        .answer_on_risk(&member, risk.id, &decline.to_string(), "理由を補足します")
        .await
        .unwrap();
    assert_eq!(answered.row.status, RiskStatus::AwaitingConsent);
    let stored = db.store.risk_thread(risk.id).await.unwrap();
    assert_eq!(stored[2].in_reply_to, Some(decline));
    assert_eq!(
        stored[2].institution, h.id,
        "the answer belongs to the hospital's thread"
    );
    app.consent_to_risk(&hospital_it, risk.id, &digest)
        .await
        .unwrap();
    app.consent_to_risk(&clinic_it, risk.id, &digest)
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
}

/// GL 5.1.3 Table 5-2, FAQ 5.1: a new matrix version whose criteria no longer accept a
/// treatment leaves the risk reopened (never shown as treated), and no consent changes that.
async fn a_stricter_matrix_version_reopens_what_it_no_longer_accepts(db: &TestDb) {
    use anzen_app::risks::MeasureInput;
    use anzen_domain::risk::{Requirement, RiskLevel, RiskMatrix};
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let admin = fixtures::user_caller(&app, &a, Role::ProviderAdmin, "admin@a.example").await;
    // Level A (impact 4 × likelihood 4 on the default matrix), reduced by one measure.
    let risk = app
        .add_risk(&member, risk_input(&o, "保守端末からの情報漏えい", 4, 4))
        .await
        .unwrap();
    app.decide_treatment(
        &member,
        risk.id,
        None,
        TreatmentInput {
            option: "reduce".into(),
            measures: vec![MeasureInput {
                description: "端末の暗号化".into(),
                ..Default::default()
            }],
            rationale: "漏えいの影響を下げる".into(),
            residual_impact: "2".into(),
            residual_likelihood: "2".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let status = |db: &TestDb| {
        let store = db.store.clone();
        async move {
            store
                .risk(Reach::Owned(a.id), risk.id)
                .await
                .unwrap()
                .status
        }
    };
    assert_eq!(
        status(db).await,
        RiskStatus::Effective,
        "no institution yet"
    );
    let mut stricter = RiskMatrix::default_example();
    for c in &mut stricter.criteria {
        if c.level == RiskLevel::A {
            c.requirement = Requirement::Mandatory { min_measures: 2 };
        }
    }
    app.set_risk_matrix(&admin, stricter).await.unwrap();
    assert_eq!(status(db).await, RiskStatus::Reopened);
    let d = app.risk_detail(&member, risk.id).await.unwrap();
    let reason = d.state.reason().expect("the reason is shown");
    assert_eq!(reason.field, "treatment.measures");
    assert!(reason.message.contains("GL 5.1.3"), "{reason}");
}
