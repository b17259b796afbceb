//! Stored statuses that depend on the date stay true: the daily job recomputes each risk's
//! status for the day, so a contract that starts later brings its institution's consent
//! requirement (FAQ 5.1) on its first day, not before and not never.

use anzen_app::jobs::{REFRESH_STATUSES, RunNow};
use anzen_app::ports::Reach;
use anzen_app::ports::prelude::*;
use anzen_app::risks::TreatmentInput;
use anzen_domain::access::Role;
use anzen_domain::risk::RiskStatus;
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(a_contract_starting_later_changes_the_status_on_its_first_day);

async fn a_contract_starting_later_changes_the_status_on_its_first_day(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let c = fixtures::hospital(&app, "Clinic").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let hospital_it =
        fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let risk = app
        .add_risk(&member, risk_input(&o, "操作ログの長期保存不足", 3, 3))
        .await
        .unwrap();
    let accept = TreatmentInput {
        option: "accept".into(),
        rationale: "影響が小さく対策の費用に見合わない".into(),
        options_considered: "低減（多要素認証）と比較".into(),
        residual_impact: "2".into(),
        residual_likelihood: "2".into(),
        explanation: "説明".into(),
        ..Default::default()
    };
    app.decide_treatment(&member, risk.id, None, accept)
        .await
        .unwrap();
    let detail = app.risk_detail(&hospital_it, risk.id).await.unwrap();
    app.consent_to_risk(&hospital_it, risk.id, &detail.digest)
        .await
        .unwrap();
    let stored = |db: &TestDb| {
        let store = db.store.clone();
        let owner = a.id;
        async move {
            store
                .risk(Reach::Owned(owner), risk.id)
                .await
                .unwrap()
                .status
        }
    };
    assert_eq!(stored(db).await, RiskStatus::Effective);

    // The clinic's contract starts on 1 December (today is 25 November).
    app.add_contract(
        &fixtures::operator(),
        anzen_app::contracts::ContractInput {
            institution: c.id.to_string(),
            provider: a.id.to_string(),
            offering: o.id.to_string(),
            kind: "provision".into(),
            starts_on: "2026-12-01".into(),
            ends_on: String::new(),
            reference: "C-2".into(),
        },
    )
    .await
    .unwrap();
    // Today the clinic is not yet affected: the daily job makes the stored status say so.
    app.refresh_dated_statuses().await.unwrap();
    assert_eq!(stored(db).await, RiskStatus::Effective);
    let today = app.risk_detail(&member, risk.id).await.unwrap();
    assert_eq!(today.row.status, stored(db).await);

    // On the contract's first day the job (run now by an operator) asks for its consent.
    let first_day = "2026-12-01T01:00:00Z".parse().unwrap();
    let later = db.app_at(first_day);
    assert_eq!(
        later.run_job_now(REFRESH_STATUSES, "op").await.unwrap(),
        RunNow::Ran { error: None }
    );
    assert_eq!(stored(db).await, RiskStatus::AwaitingConsent);
}
