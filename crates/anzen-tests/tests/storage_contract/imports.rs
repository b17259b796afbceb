//! Imports within their limits: an official-size Appendix 2 (1,400 controls) is stored whole,
//! and a file refused by a limit (rows, cell length, time) writes nothing, neither a version
//! nor an audit entry.

use std::time::Duration;

use anzen_app::controls::ImportError;
use anzen_app::import::{Limit, LimitExceeded};
use anzen_app::ports::prelude::*;
use anzen_app::{AppError, Settings};
use anzen_tests::appendix2::{appendix2_table, to_csv};
use anzen_tests::{TestDb, fixtures, on_both_backends};

on_both_backends!(
    an_official_size_file_is_stored_whole,
    a_file_past_a_limit_writes_nothing,
);

async fn audit_len(db: &TestDb) -> usize {
    db.store.audit_after(0, 1_000_000).await.unwrap().len()
}

async fn an_official_size_file_is_stored_whole(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let me = fixtures::member_of(&a);
    let bytes = to_csv(&appendix2_table(1_400, 150, 40, 11));
    let outcome = app
        .import_catalogue(&me, "別紙2.csv", &bytes, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcome.report.items, 1_400);
    let stored = db
        .store
        .catalogue_version(outcome.version.id)
        .await
        .unwrap();
    assert_eq!(stored.catalogue.items.len(), 1_400);
}

fn refusal(r: Result<anzen_app::controls::ImportOutcome, ImportError>) -> LimitExceeded {
    match r {
        Err(ImportError::App(AppError::LimitExceeded(l))) => l,
        other => panic!("expected a refusal by a limit, got {other:?}"),
    }
}

async fn a_file_past_a_limit_writes_nothing(db: &TestDb) {
    let mut settings = Settings::default();
    settings.import_limits.rows = 100;
    let app = db.app().with_settings(settings);
    let a = fixtures::provider(&app, "Provider A").await;
    let me = fixtures::member_of(&a);
    let versions = db
        .store
        .list_catalogues("appendix2", Some(a.id))
        .await
        .unwrap()
        .len();
    let audit = audit_len(db).await;

    let rows = appendix2_table(200, 20, 5, 12);
    let l = refusal(
        app.import_catalogue(&me, "rows.csv", &to_csv(&rows), None)
            .await,
    );
    assert_eq!((l.limit, l.value, l.row), (Limit::Rows, 100, Some(101)));

    let mut rows = appendix2_table(3, 20, 5, 13);
    rows[4][6] = "長".repeat(10_001);
    let l = refusal(
        app.import_catalogue(&me, "cell.csv", &to_csv(&rows), None)
            .await,
    );
    assert_eq!(
        (l.limit, l.row, l.column.as_deref()),
        (Limit::CellLength, Some(5), Some("G"))
    );

    let mut settings = Settings::default();
    settings.import_limits.time = Duration::ZERO;
    let slow = db.app().with_settings(settings);
    let l = refusal(
        slow.import_catalogue(&me, "time.csv", &to_csv(&rows[..4]), None)
            .await,
    );
    assert_eq!(l.limit, Limit::Time);

    assert_eq!(
        db.store
            .list_catalogues("appendix2", Some(a.id))
            .await
            .unwrap()
            .len(),
        versions,
        "no version stored"
    );
    assert_eq!(audit_len(db).await, audit, "no audit entry");
    // The same files within the limits import.
    assert!(
        db.app()
            .import_catalogue(&me, "cell.csv", &to_csv(&rows[..4]), None)
            .await
            .is_ok()
    );
}
