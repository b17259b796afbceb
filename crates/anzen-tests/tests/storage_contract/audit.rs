//! The signed audit chain: every change is sealed in its own transaction, the chain verifies,
//! a changed row is named, concurrent writers keep the chain whole. Its signed head names
//! removed newest entries and refuses to cover them up; checkpoints prove that nothing before
//! them was removed or changed (see `audit_head.rs`).

use anzen_app::ports::prelude::*;
use anzen_app::ports::{AuditQuery, Page, Reach};
use anzen_domain::audit::BreakReason;
use anzen_tests::fixtures::{self, cloud_ehr_profile};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    every_change_is_sealed_and_the_chain_verifies,
    a_changed_row_is_named,
    concurrent_writers_keep_the_chain_whole
);

async fn every_change_is_sealed_and_the_chain_verifies(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    app.update_offering_profile(
        &fixtures::operator(),
        o.id,
        None,
        cloud_ehr_profile("Cloud EHR 2"),
    )
    .await
    .unwrap();
    fixtures::offering(&app, &b, cloud_ehr_profile("B's EHR")).await;

    let entries = db.store.audit_after(0, 100).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "organisation.create",
            "organisation.create",
            "offering.create",
            "offering.update_profile",
            "offering.create"
        ]
    );
    assert_eq!(
        entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    let update = &entries[3];
    assert_eq!(update.actor, "operator:test-operator");
    assert_eq!(update.object_id, o.id.to_string());
    assert!(update.before_digest.is_some() && update.after_digest.is_some());
    assert_ne!(update.before_digest, update.after_digest);

    let report = app.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.problems());
    assert_eq!(report.head.seq, 5);
    assert_eq!((report.entries, report.first_break), (5, None));

    // Each organisation's trail shows its own entries only.
    let trail = db
        .store
        .list_audit(Reach::Owned(a.id), &AuditQuery::default(), Page::all())
        .await
        .unwrap();
    assert_eq!(trail.total, 3);
    assert!(trail.rows.iter().all(|e| e.org == Some(a.id)));
    assert_eq!(trail.rows[0].seq, 4, "newest first");
    let filtered = AuditQuery {
        action: Some("offering.create".into()),
        ..Default::default()
    };
    assert_eq!(
        db.store
            .list_audit(Reach::Everything, &filtered, Page::all())
            .await
            .unwrap()
            .total,
        2
    );
}

async fn a_changed_row_is_named(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::offering(&app, &a, cloud_ehr_profile("Cloud PACS")).await;
    sqlx::query("UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 2")
        .execute(db.store.pool())
        .await
        .unwrap();
    let report = app.verify_audit().await.unwrap();
    let broken = report.first_break.expect("the change is found");
    assert_eq!(
        (broken.seq, broken.reason),
        (2, BreakReason::ContentChanged)
    );
    assert_eq!(report.entries, 1, "the entries before it verified");
    // A chain signed by another key does not verify either.
    let other = anzen_app::App::new(
        db.store.clone(),
        std::sync::Arc::new(anzen_app::FixedClock(fixtures::now())),
        std::sync::Arc::new(anzen_app::Ed25519Signer::from_secret([1; 32])),
    );
    let report = other.verify_audit().await.unwrap();
    assert!(matches!(
        report.first_break.unwrap().reason,
        BreakReason::UnknownKey(_)
    ));
}

async fn concurrent_writers_keep_the_chain_whole(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let mut tasks = Vec::new();
    for i in 0..12 {
        let app = app.clone();
        let a = a.clone();
        tasks.push(tokio::spawn(async move {
            fixtures::offering(&app, &a, cloud_ehr_profile(&format!("EHR {i}"))).await
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let report = app.verify_audit().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.problems());
    assert_eq!((report.entries, report.first_break), (13, None));
}
