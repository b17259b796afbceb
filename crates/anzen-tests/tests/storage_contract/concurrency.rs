//! One unit of work per use-case under concurrency: writers that arrive together all succeed
//! (they take turns, none waits for a lock its own transaction holds), and a change decided on
//! a copy that another writer changed meanwhile is refused (409) naming the current revision.

use anzen_app::AppError;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{Page, Reach, RiskQuery};
use anzen_app::risks::{MeasureInput, TreatmentInput};
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    sixteen_concurrent_risk_writes_all_succeed,
    a_decision_on_a_stale_copy_is_refused_with_the_current_revision,
);

async fn sixteen_concurrent_risk_writes_all_succeed(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let before = db.store.audit_after(0, 100_000).await.unwrap().len();
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (app, me) = (app.clone(), me.clone());
        let input = risk_input(&o, &format!("同時登録 {i}"), 3, 2);
        tasks.push(tokio::spawn(async move {
            let r = app.add_risk(&me, input).await?;
            // Each new risk is treated at once: a second write that reads the first.
            let reduce = TreatmentInput {
                option: "reduce".into(),
                measures: vec![MeasureInput {
                    description: "多要素認証".into(),
                    ..Default::default()
                }],
                rationale: "低減".into(),
                residual_impact: "1".into(),
                residual_likelihood: "1".into(),
                ..Default::default()
            };
            app.decide_treatment(&me, r.id, Some(r.revision), reduce)
                .await
        }));
    }
    for t in tasks {
        let r = t.await.unwrap();
        assert!(r.is_ok(), "{r:?}");
    }
    let risks = db
        .store
        .list_risks(Reach::Owned(a.id), &RiskQuery::default(), Page::all())
        .await
        .unwrap();
    assert_eq!(risks.total, 16);
    assert!(risks.rows.iter().all(|r| r.risk.treatment.is_some()));
    // Every change and its audit entry: one chain, no gap, no fork. The first write also
    // created the provider's default matrix (one more entry).
    let entries = db.store.audit_after(0, 100_000).await.unwrap();
    assert_eq!(entries.len(), before + 16 * 2 + 1);
    let report = app.verify_audit().await.unwrap();
    assert_eq!(report.first_break, None);
}

async fn a_decision_on_a_stale_copy_is_refused_with_the_current_revision(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let r = app
        .add_risk(&me, risk_input(&o, "なりすまし", 3, 3))
        .await
        .unwrap();
    // Eight writers decide on the same copy (revision 1) at once: exactly one wins.
    let mut tasks = Vec::new();
    for i in 0..8 {
        let (app, me) = (app.clone(), me.clone());
        tasks.push(tokio::spawn(async move {
            app.reassess_risk(&me, r.id, Some(r.revision), &format!("{}", 1 + i % 4), "2")
                .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => won += 1,
            Err(AppError::Conflict(m)) => {
                assert!(m.contains("the current revision is 2"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(won, 1);
    let now = db.store.risk(Reach::Owned(a.id), r.id).await.unwrap();
    assert_eq!(now.risk.revision, 2);
}
