//! The job queue shared by app nodes: a job is claimed by one worker at a time; an expired
//! lease is claimed again; a failed job waits for its retry time.

use std::collections::HashSet;

use anzen_app::ports::Job;
use anzen_app::ports::prelude::*;
use anzen_tests::{TestDb, fixtures, on_both_backends};
use jiff::{SignedDuration, Timestamp};

on_both_backends!(
    concurrent_workers_never_share_a_job,
    leases_expire_and_failures_wait,
    recurring_jobs_are_scheduled_once,
    a_stopping_worker_finishes_its_job_and_claims_no_other,
    one_review_reminder_per_risk_per_day
);

fn at(mins: i64) -> Timestamp {
    fixtures::now()
        .checked_add(SignedDuration::from_mins(mins))
        .unwrap()
}

fn job(id: &str, run_after: Timestamp) -> Job {
    Job {
        id: id.into(),
        kind: "test".into(),
        payload: "{}".into(),
        run_after,
        attempts: 0,
    }
}

async fn concurrent_workers_never_share_a_job(db: &TestDb) {
    for i in 0..20 {
        db.store
            .enqueue(&job(&format!("j{i:02}"), at(0)), at(0))
            .await
            .unwrap();
    }
    let mut workers = Vec::new();
    for w in 0..4 {
        let store = db.store.clone();
        workers.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while let Some(j) = store.claim(&format!("w{w}"), at(1), at(6)).await.unwrap() {
                store
                    .complete(&j.id, &format!("w{w}"), at(1))
                    .await
                    .unwrap();
                mine.push(j.id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(
        (all.len(), unique.len()),
        (20, 20),
        "every job ran exactly once"
    );
}

async fn leases_expire_and_failures_wait(db: &TestDb) {
    db.store
        .enqueue(&job("later", at(10)), at(0))
        .await
        .unwrap();
    db.store.enqueue(&job("now", at(0)), at(0)).await.unwrap();
    assert!(
        db.store
            .claim("a", at(1), at(6))
            .await
            .unwrap()
            .is_some_and(|j| j.id == "now" && j.attempts == 1)
    );
    // Leased to a: nobody else gets it until the lease ends; the later job is not due.
    assert!(db.store.claim("b", at(2), at(7)).await.unwrap().is_none());
    let again = db.store.claim("b", at(7), at(12)).await.unwrap().unwrap();
    assert_eq!((again.id.as_str(), again.attempts), ("now", 2));
    // a's late completion does not count: the job is b's now.
    db.store.complete("now", "a", at(7)).await.unwrap();
    db.store.fail("now", "b", "boom", at(30)).await.unwrap();
    assert_eq!(
        db.store
            .claim("c", at(11), at(16))
            .await
            .unwrap()
            .unwrap()
            .id,
        "later"
    );
    db.store.complete("later", "c", at(11)).await.unwrap();
    assert!(
        db.store.claim("c", at(20), at(25)).await.unwrap().is_none(),
        "the failed job waits for its retry time"
    );
    let retried = db.store.claim("c", at(31), at(36)).await.unwrap().unwrap();
    db.store.complete(&retried.id, "c", at(31)).await.unwrap();
    assert!(
        db.store.claim("c", at(60), at(65)).await.unwrap().is_none(),
        "nothing is left"
    );
}

async fn pending_recurring(db: &TestDb) -> Vec<i64> {
    let mut counts = Vec::new();
    for kind in anzen_app::jobs::recurring_kinds() {
        counts.push(db.store.pending_of_kind(kind).await.unwrap());
    }
    counts
}

/// A server that stops lets its worker finish the job it runs, and claim no other: those stay
/// queued for the next node.
async fn a_stopping_worker_finishes_its_job_and_claims_no_other(db: &TestDb) {
    let app = db.app();
    app.schedule_recurring_jobs().await.unwrap();
    let asked = std::sync::atomic::AtomicUsize::new(0);
    // Told to stop after the first claim.
    let keep_going = || asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
    assert_eq!(app.run_due_jobs_while("w", &keep_going).await.unwrap(), 1);
    assert_eq!(asked.load(std::sync::atomic::Ordering::SeqCst), 2);
    // The two others are still due, and the next worker runs them.
    assert_eq!(app.run_due_jobs("w2").await.unwrap(), 2);
    assert_eq!(pending_recurring(db).await, vec![1, 1, 1]);
}

async fn recurring_jobs_are_scheduled_once(db: &TestDb) {
    // Nodes starting together: the unique key, not a check-then-insert, keeps one of each.
    let mut nodes = Vec::new();
    for _ in 0..6 {
        let app = db.app();
        nodes.push(tokio::spawn(async move {
            app.schedule_recurring_jobs().await.unwrap();
        }));
    }
    for n in nodes {
        n.await.unwrap();
    }
    assert_eq!(pending_recurring(db).await, vec![1, 1, 1]);
    let app = db.app();
    app.schedule_recurring_jobs().await.unwrap();
    assert_eq!(pending_recurring(db).await, vec![1, 1, 1]);
    assert_eq!(
        app.run_due_jobs("w").await.unwrap(),
        3,
        "the session purge, the review reminders and the status refresh"
    );
    // Each re-scheduled itself once (later), and scheduling again adds nothing.
    assert_eq!(pending_recurring(db).await, vec![1, 1, 1]);
    app.schedule_recurring_jobs().await.unwrap();
    assert_eq!(pending_recurring(db).await, vec![1, 1, 1]);
    assert_eq!(app.run_due_jobs("w").await.unwrap(), 0);

    // An operator runs one now, due or not; one stays pending.
    assert_eq!(
        app.run_job_now(anzen_app::jobs::REVIEW_REMINDERS, "op")
            .await
            .unwrap(),
        anzen_app::jobs::RunNow::Ran { error: None }
    );
    assert_eq!(pending_recurring(db).await, vec![1, 1, 1]);
    let err = app.run_job_now("nightly", "op").await.unwrap_err();
    match err {
        anzen_app::AppError::Invalid(f) => {
            assert_eq!(f.field, "NAME");
            assert_eq!(f.accepted, anzen_app::jobs::recurring_kinds());
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
}

async fn one_review_reminder_per_risk_per_day(db: &TestDb) {
    use anzen_domain::ids::RiskId;
    let a = RiskId::from_uuid(uuid::Uuid::now_v7());
    let b = RiskId::from_uuid(uuid::Uuid::now_v7());
    let day = jiff::civil::date(2026, 4, 1);
    let mut runs = Vec::new();
    for _ in 0..4 {
        let store = db.store.clone();
        runs.push(tokio::spawn(async move {
            store
                .claim_review_reminders(&[a, b], day, at(0))
                .await
                .unwrap()
        }));
    }
    let mut claimed = Vec::new();
    for r in runs {
        claimed.extend(r.await.unwrap());
    }
    claimed.sort();
    let mut expected = vec![a, b];
    expected.sort();
    assert_eq!(claimed, expected, "each (risk, day) is claimed by one run");
    // Another day is another reminder; a released one can be claimed again.
    let next = day.tomorrow().unwrap();
    assert_eq!(
        db.store
            .claim_review_reminders(&[a], next, at(0))
            .await
            .unwrap(),
        vec![a]
    );
    db.store.release_review_reminder(a, day).await.unwrap();
    assert_eq!(
        db.store
            .claim_review_reminders(&[a, b], day, at(1))
            .await
            .unwrap(),
        vec![a]
    );
}
