//! The audit chain's signed head and checkpoints, on both backends: removing the newest
//! entries (one, several, all) is named; moving the head back without the key shows and
//! stops every further change; a checkpoint round-trips, a tampered one is refused, an entry
//! changed before it is found, and a rolled-back database is caught by it.

use std::sync::Arc;

use anzen_app::orgs::OrganisationInput;
use anzen_app::ports::prelude::*;
use anzen_app::{App, AppError, AuditSigner, Ed25519Signer, FixedClock};
use anzen_domain::access::Role;
use anzen_domain::audit::{BreakReason, Checkpoint, CheckpointFinding, HeadFinding};
use anzen_tests::fixtures::{self, cloud_ehr_profile};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    removing_the_newest_entries_is_named,
    moving_the_head_back_shows_and_stops_changes,
    a_checkpoint_round_trips_and_a_tampered_one_is_refused,
    a_checkpoint_finds_an_entry_changed_before_it,
    a_checkpoint_catches_a_rollback_to_an_older_copy,
    an_unsigned_head_is_signed_once_after_checks,
    checkpoints_are_for_those_who_read_the_audit_trail
);

async fn exec(db: &TestDb, sql: &str) {
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(db.store.pool())
        .await
        .unwrap();
}

/// Five changes: entries 1–5.
async fn five_entries(app: &App) {
    let a = fixtures::provider(app, "Provider A").await;
    for name in ["EHR", "PACS", "PHR", "Lab"] {
        fixtures::offering(app, &a, cloud_ehr_profile(name)).await;
    }
}

/// A change through the use-case, with its result.
async fn add_provider(app: &App, name: &str) -> Result<(), AppError> {
    app.add_organisation(
        &fixtures::operator(),
        OrganisationInput {
            kind: "provider".into(),
            institution_kind: String::new(),
            name: name.into(),
            registered_by: String::new(),
        },
    )
    .await
    .map(|_| ())
}

async fn head_row(db: &TestDb) -> (i64, String, Option<String>, Option<String>) {
    let h = db.store.audit_head_snapshot().await.unwrap().head;
    (h.seq, h.hash, h.signature, h.key_id)
}

async fn restore_head(db: &TestDb, row: &(i64, String, Option<String>, Option<String>)) {
    sqlx::query(
        "UPDATE audit_head SET last_seq = $1, last_hash = $2, signature = $3, key_id = $4 WHERE id = 1",
    )
    .bind(row.0)
    .bind(row.1.as_str())
    .bind(row.2.as_deref())
    .bind(row.3.as_deref())
    .execute(db.store.pool())
    .await
    .unwrap();
}

async fn removing_the_newest_entries_is_named(db: &TestDb) {
    let app = db.app();
    five_entries(&app).await;
    let head = db.store.audit_head_snapshot().await.unwrap();
    assert_eq!(head.head.seq, 5);
    assert!(
        fixtures::audit_key().verify(
            &head.head.message(),
            head.head.signature.as_deref().unwrap()
        ),
        "every append signs the head it moves to"
    );
    assert_eq!(head.head.key_id, Some(fixtures::audit_key().key_id()));

    exec(db, "DELETE FROM audit_log WHERE seq = 5").await;
    let report = app.verify_audit().await.unwrap();
    assert!(!report.is_intact());
    assert_eq!(report.first_break, None, "what is left is a whole chain");
    assert_eq!(
        report.head_findings,
        vec![HeadFinding::MissingNewest {
            chain_end: 4,
            head: 5,
            head_signed: true
        }]
    );
    assert_eq!(
        report.problems(),
        vec!["entry 5 is missing: the chain ends at 4, its signed head is 5"]
    );

    exec(db, "DELETE FROM audit_log WHERE seq >= 3").await;
    assert_eq!(
        app.verify_audit().await.unwrap().problems(),
        vec!["entries 3–5 are missing: the chain ends at 2, its signed head is 5"]
    );

    exec(db, "DELETE FROM audit_log").await;
    let report = app.verify_audit().await.unwrap();
    assert_eq!(report.entries, 0);
    assert_eq!(
        report.problems(),
        vec!["entries 1–5 are missing: the chain is empty, its signed head is 5"]
    );
}

async fn moving_the_head_back_shows_and_stops_changes(db: &TestDb) {
    let app = db.app();
    five_entries(&app).await;
    let four = db.store.audit_after(3, 1).await.unwrap().remove(0);
    let at_five = head_row(db).await;

    // The head moved back without removing anything leaves an entry after it.
    sqlx::query(
        "UPDATE audit_head SET last_seq = 4, last_hash = $1, signature = NULL WHERE id = 1",
    )
    .bind(four.hash.as_str())
    .execute(db.store.pool())
    .await
    .unwrap();
    assert_eq!(
        app.verify_audit().await.unwrap().head_findings,
        vec![
            HeadFinding::NotSigned { head: 4 },
            HeadFinding::BeyondHead { head: 4, newest: 5 }
        ]
    );
    restore_head(db, &at_five).await;
    assert!(app.verify_audit().await.unwrap().is_intact());

    exec(db, "DELETE FROM audit_log WHERE seq = 5").await;

    // The head moved back to entry 4, with the signature it had at 5.
    sqlx::query("UPDATE audit_head SET last_seq = 4, last_hash = $1 WHERE id = 1")
        .bind(four.hash.as_str())
        .execute(db.store.pool())
        .await
        .unwrap();
    let report = app.verify_audit().await.unwrap();
    assert_eq!(
        report.head_findings,
        vec![HeadFinding::BadSignature { head: 4 }]
    );
    let refused = add_provider(&app, "Provider B").await;
    assert!(
        matches!(&refused, Err(AppError::Internal(m)) if m.contains("nothing was changed") && m.contains("does not verify")),
        "{refused:?}"
    );

    // … or without a signature: not signed, and still no change covers it up.
    exec(db, "UPDATE audit_head SET signature = NULL, key_id = NULL").await;
    let report = app.verify_audit().await.unwrap();
    assert_eq!(
        report.head_findings,
        vec![HeadFinding::NotSigned { head: 4 }]
    );
    assert!(!report.is_intact());
    let refused = add_provider(&app, "Provider B").await;
    assert!(
        matches!(&refused, Err(AppError::Internal(m)) if m.contains("not signed")),
        "{refused:?}"
    );
    let entries = db.store.audit_after(0, 100).await.unwrap();
    assert_eq!(entries.len(), 4, "the refused changes wrote no entry");
    assert_eq!(db.store.audit_head_snapshot().await.unwrap().head.seq, 4);
    let orgs = db
        .store
        .list_organisations(
            anzen_app::ports::Reach::Everything,
            anzen_app::ports::Page::all(),
        )
        .await
        .unwrap();
    assert_eq!(orgs.total, 1, "nor the organisation");
}

async fn a_checkpoint_round_trips_and_a_tampered_one_is_refused(db: &TestDb) {
    let app = db.app();
    five_entries(&app).await;
    let cp = app.audit_checkpoint(&fixtures::operator()).await.unwrap();
    assert_eq!(cp.format, "anzen/audit-checkpoint/v1");
    assert_eq!(cp.seq, 5);
    assert_eq!(cp.at, "2026-11-25T03:00:00.000000Z");
    assert_eq!(cp.public_key, fixtures::audit_key().public_key());
    let text = serde_json::to_string_pretty(&cp).unwrap();
    let read = Checkpoint::parse(&text).unwrap();
    assert_eq!(read, cp);

    // Later changes do not disturb an earlier checkpoint.
    fixtures::provider(&app, "Provider B").await;
    let report = app.verify_audit_with(Some(&read)).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.problems());
    assert_eq!(report.checkpoint.as_ref().unwrap().findings, vec![]);
    assert!(report.summary().contains("the checkpoint of entry 5"));

    // A checkpoint edited to name another entry, or another hash, proves nothing.
    for edit in [
        r#""seq": 4"#.to_owned(),
        format!(r#""hash": "{}""#, "0".repeat(63) + "1"),
        r#""at": "2030-01-01T00:00:00.000000Z""#.to_owned(),
    ] {
        let field = edit.split(':').next().unwrap();
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(field))
            .unwrap();
        let tampered = text.replace(line.trim_end_matches(','), &format!("  {edit}"));
        assert_ne!(tampered, text);
        let tampered = Checkpoint::parse(&tampered).unwrap();
        let report = app.verify_audit_with(Some(&tampered)).await.unwrap();
        assert_eq!(
            report.checkpoint.unwrap().findings,
            vec![CheckpointFinding::BadSignature],
            "{edit}"
        );
    }

    // One signed by another key is not this server's.
    let other = App::new(
        db.store.clone(),
        Arc::new(FixedClock(fixtures::now())),
        Arc::new(Ed25519Signer::from_secret([1; 32])),
    );
    let other_key = Ed25519Signer::from_secret([1; 32]);
    let mut foreign = cp.clone();
    foreign.public_key = other_key.public_key();
    foreign.key_id = foreign.public_key[..16].to_owned();
    foreign.signature = other_key.sign(&foreign.message());
    let findings = app
        .verify_audit_with(Some(&foreign))
        .await
        .unwrap()
        .checkpoint
        .unwrap()
        .findings;
    assert!(
        matches!(findings[..], [CheckpointFinding::OtherKey { .. }]),
        "{findings:?}"
    );
    // … and that key cannot take a checkpoint of this chain: the head is not its own.
    assert!(matches!(
        other.audit_checkpoint(&fixtures::operator()).await,
        Err(AppError::Conflict(m)) if m.contains("unknown key")
    ));
}

async fn a_checkpoint_finds_an_entry_changed_before_it(db: &TestDb) {
    let app = db.app();
    five_entries(&app).await;
    let cp = app.audit_checkpoint(&fixtures::operator()).await.unwrap();
    fixtures::provider(&app, "Provider B").await;
    let two = db.store.audit_after(1, 1).await.unwrap().remove(0);
    exec(
        db,
        "UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 2",
    )
    .await;
    let report = app.verify_audit_with(Some(&cp)).await.unwrap();
    assert_eq!(
        report
            .first_break
            .as_ref()
            .map(|b| (b.seq, b.reason.clone())),
        Some((2, BreakReason::ContentChanged))
    );
    assert_eq!(
        report.checkpoint.unwrap().findings,
        vec![CheckpointFinding::ChainBroken {
            checkpoint: 5,
            first_break: 2
        }]
    );

    // The checkpoint's entry itself replaced by another (re-hashed, so its link to the next
    // entry breaks after it, but the checkpoint names it at once).
    sqlx::query("UPDATE audit_log SET summary = $1 WHERE seq = 2")
        .bind(two.summary.as_str())
        .execute(db.store.pool())
        .await
        .unwrap();
    assert!(app.verify_audit_with(Some(&cp)).await.unwrap().is_intact());
    let mut five = db.store.audit_after(4, 1).await.unwrap().remove(0);
    assert_eq!(five.seq, 5);
    five.summary = "another offering".into();
    five.hash = five.compute_hash();
    sqlx::query("UPDATE audit_log SET summary = $1, hash = $2 WHERE seq = 5")
        .bind(five.summary.as_str())
        .bind(five.hash.as_str())
        .execute(db.store.pool())
        .await
        .unwrap();
    let report = app.verify_audit_with(Some(&cp)).await.unwrap();
    let findings = report.checkpoint.unwrap().findings;
    assert_eq!(
        findings,
        vec![
            CheckpointFinding::EntryChanged { seq: 5 },
            CheckpointFinding::ChainBroken {
                checkpoint: 5,
                first_break: 5
            }
        ]
    );
}

async fn a_checkpoint_catches_a_rollback_to_an_older_copy(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::offering(&app, &a, cloud_ehr_profile("EHR")).await;
    fixtures::offering(&app, &a, cloud_ehr_profile("PACS")).await;
    // Someone keeps a copy of the database at entry 3 (its head is validly signed) …
    let at_three = head_row(db).await;
    fixtures::offering(&app, &a, cloud_ehr_profile("PHR")).await;
    fixtures::offering(&app, &a, cloud_ehr_profile("Lab")).await;
    let cp = app.audit_checkpoint(&fixtures::operator()).await.unwrap();
    // … and later puts it back: entries 4 and 5 and the head as it was.
    exec(db, "DELETE FROM audit_log WHERE seq > 3").await;
    restore_head(db, &at_three).await;

    // Within the database, the older copy is whole.
    assert!(app.verify_audit().await.unwrap().is_intact());
    // The checkpoint kept outside shows the rollback.
    let report = app.verify_audit_with(Some(&cp)).await.unwrap();
    assert!(!report.is_intact());
    assert_eq!(
        report.checkpoint.as_ref().unwrap().findings,
        vec![
            CheckpointFinding::RolledBack {
                checkpoint: 5,
                head: 3
            },
            CheckpointFinding::EntryMissing { seq: 5 }
        ]
    );
    assert!(
        report.problems()[0].contains("the checkpoint names entry 5 but the chain's head is 3"),
        "{:?}",
        report.problems()
    );
}

async fn an_unsigned_head_is_signed_once_after_checks(db: &TestDb) {
    let app = db.app();
    five_entries(&app).await;
    // As a database from before signed heads is after its upgrade.
    exec(db, "UPDATE audit_head SET signature = NULL, key_id = NULL").await;
    let report = app.verify_audit().await.unwrap();
    assert_eq!(
        report.head_findings,
        vec![HeadFinding::NotSigned { head: 5 }]
    );
    assert!(
        report.problems()[0].contains("not signed yet"),
        "{:?}",
        report.problems()
    );
    assert_eq!(app.sign_unsigned_audit_head().await.unwrap(), Some(5));
    assert_eq!(app.sign_unsigned_audit_head().await.unwrap(), None, "once");
    assert!(app.verify_audit().await.unwrap().is_intact());
    fixtures::provider(&app, "Provider B").await;
    assert!(app.verify_audit().await.unwrap().is_intact());

    // A head that does not name the newest entry is not signed.
    exec(db, "DELETE FROM audit_log WHERE seq = 6").await;
    exec(db, "UPDATE audit_head SET signature = NULL, key_id = NULL").await;
    let refused = app.sign_unsigned_audit_head().await;
    assert!(
        matches!(&refused, Err(AppError::Conflict(m)) if m.contains("entry 6 is missing")),
        "{refused:?}"
    );
    assert!(
        db.store
            .audit_head_snapshot()
            .await
            .unwrap()
            .head
            .signature
            .is_none()
    );
}

async fn checkpoints_are_for_those_who_read_the_audit_trail(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    for (role, login, allowed) in [
        (Role::ProviderAdmin, "admin@a.example", true),
        (Role::Auditor, "auditor@a.example", true),
        (Role::ProviderMember, "member@a.example", false),
    ] {
        let caller = fixtures::user_caller(&app, &a, role, login).await;
        let result = app.audit_checkpoint(&caller).await;
        assert_eq!(result.is_ok(), allowed, "{role:?}: {result:?}");
        if !allowed {
            assert!(matches!(result, Err(AppError::Forbidden(_))));
        }
    }
    let hospital = fixtures::hospital(&app, "Hospital").await;
    let reviewer =
        fixtures::user_caller(&app, &hospital, Role::InstitutionReviewer, "r@h.example").await;
    assert!(matches!(
        app.audit_checkpoint(&reviewer).await,
        Err(AppError::Forbidden(_))
    ));
}
