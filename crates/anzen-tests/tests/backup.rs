//! Backup and restore at the store level, on SQLite and on PostgreSQL (test names
//! `sqlite::<story>` and `postgres::<story>`), across the two backends, and the archive's
//! refusal of every truncation and of every changed byte.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anzen_app::ports::prelude::*;
use anzen_app::{App, Caller, FixedClock};
use anzen_store::SqlStore;
use anzen_store::backup::{self, BackupError, Manifest};
use anzen_tests::fixtures::{self, cloud_ehr_profile};
use anzen_tests::{TestDb, on_both_backends};
use tokio::io::AsyncWriteExt;

on_both_backends!(
    a_restore_is_exact_and_its_chain_verifies,
    a_refused_load_writes_nothing_and_an_undo_empties,
    a_database_with_rows_is_not_a_target
);

/// The demo data set (every kind of record), plus an organisation that refers to one
/// created after it, so that rows in key order meet a reference before its target. With
/// `apart`, enough organisations lie between the two that they are loaded by different
/// statements.
async fn seed(db: &TestDb, apart: bool) -> App {
    let app = db.app();
    anzen_app::demo::seed(&app, &Caller::operator("seed"), "a demo password 1")
        .await
        .expect("the demo data set is created");
    let older = fixtures::provider(&app, "Older KK").await;
    if apart {
        for i in 0..300 {
            fixtures::provider(&app, &format!("Between {i}")).await;
        }
    }
    let newer = fixtures::provider(&app, "Newer KK").await;
    assert!(older.id.to_string() < newer.id.to_string());
    sqlx::query("UPDATE organisations SET registered_by = $1 WHERE id = $2")
        .bind(newer.id.to_string())
        .bind(older.id.to_string())
        .execute(db.store.pool())
        .await
        .unwrap();
    fixtures::offering(&app, &newer, cloud_ehr_profile("Newer EHR")).await;
    app
}

async fn write_backup(store: &SqlStore, path: &Path) -> Manifest {
    let file = tokio::fs::File::create(path).await.unwrap();
    let (manifest, mut out) = store
        .backup(
            tokio::io::BufWriter::new(file),
            &fixtures::audit_key(),
            "test",
            &mut |_| {},
        )
        .await
        .expect("the backup is written");
    out.flush().await.unwrap();
    manifest
}

async fn check(path: &Path) -> Result<Manifest, BackupError> {
    backup::check_archive(path, &fixtures::audit_key(), &mut |_| {}).await
}

async fn fresh_like(db: &TestDb) -> TestDb {
    match db.store.backend() {
        anzen_app::ports::Backend::Sqlite => TestDb::sqlite().await,
        anzen_app::ports::Backend::Postgres => TestDb::postgres().await,
    }
}

async fn restore(target: &SqlStore, path: &Path) -> Result<backup::Restored, BackupError> {
    let manifest = check(path).await?;
    target
        .restore(path, &manifest, &fixtures::audit_key(), &mut |_| {})
        .await
}

async fn count(store: &SqlStore, table: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(store.pool())
        .await
        .unwrap()
}

/// The versions of this anzen's migrations (their numbers need not be contiguous).
fn migration_versions(backend: anzen_app::ports::Backend) -> Vec<i64> {
    anzen_store::SqlStore::migration_names(backend)
        .iter()
        .map(|n| n.split('_').next().unwrap().parse().unwrap())
        .collect()
}

fn newest_migration(backend: anzen_app::ports::Backend) -> i64 {
    migration_versions(backend).into_iter().max().unwrap()
}

async fn a_restore_is_exact_and_its_chain_verifies(db: &TestDb) {
    seed(db, true).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.anzen");
    let manifest = write_backup(&db.store, &path).await;
    assert_eq!(check(&path).await.unwrap(), manifest);
    assert_eq!(manifest.backend, db.store.backend().name());
    assert_eq!(
        manifest.migration_level,
        newest_migration(db.store.backend())
    );
    for table in ["organisations", "users", "risks", "audit_log", "audit_head"] {
        let listed = manifest.tables.iter().find(|t| t.name == table).unwrap();
        assert_eq!(listed.rows as i64, count(&db.store, table).await, "{table}");
    }
    assert_eq!(manifest.audit.last_seq, count(&db.store, "audit_log").await);

    let target = fresh_like(db).await;
    restore(&target.store, &path)
        .await
        .expect("the archive restores");
    let again = write_backup(&target.store, &dir.path().join("b.anzen")).await;
    assert_eq!(again.tables, manifest.tables, "every table is identical");
    assert_eq!(again.audit, manifest.audit);
    let report = target.app().verify_audit().await.unwrap();
    assert_eq!(
        (report.entries, report.first_break),
        (manifest.audit.last_seq, None)
    );
    // The restored database takes new changes on the restored chain.
    fixtures::provider(&target.app(), "After the restore").await;
    let report = target.app().verify_audit().await.unwrap();
    assert_eq!(
        (report.entries, report.first_break),
        (manifest.audit.last_seq + 1, None)
    );
    target.cleanup().await;
}

async fn a_refused_load_writes_nothing_and_an_undo_empties(db: &TestDb) {
    seed(db, false).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.anzen");
    write_backup(&db.store, &path).await;
    let manifest = check(&path).await.unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let target = fresh_like(db).await;

    // The archive is cut after it was checked: the load finds out and rolls back.
    let cut = dir.path().join("cut.anzen");
    std::fs::write(&cut, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let err = target
        .store
        .restore(&cut, &manifest, &fixtures::audit_key(), &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BackupError::BadArchive(m) if m.contains("truncated")),
        "{err}"
    );
    target
        .store
        .ensure_empty()
        .await
        .expect("nothing was written");
    assert_eq!(count(&target.store, "organisations").await, 0);

    // A different archive than the one checked is refused as well.
    let other = dir.path().join("other.anzen");
    fixtures::provider(&db.app(), "One more").await;
    write_backup(&db.store, &other).await;
    let err = target
        .store
        .restore(&other, &manifest, &fixtures::audit_key(), &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BackupError::BadArchive(m) if m.contains("changed")),
        "{err}"
    );
    target
        .store
        .ensure_empty()
        .await
        .expect("nothing was written");

    // A committed restore can be undone, back to an empty database that takes a restore.
    let restored = restore(&target.store, &path).await.unwrap();
    assert!(count(&target.store, "organisations").await > 0);
    target.store.undo_restore(&restored).await.unwrap();
    target
        .store
        .ensure_empty()
        .await
        .expect("the undo leaves it empty");
    assert_eq!(
        count(&target.store, "audit_head").await,
        1,
        "the head row is back"
    );
    restore(&target.store, &path)
        .await
        .expect("an undone database takes a restore");
    let report = target.app().verify_audit().await.unwrap();
    assert_eq!(
        (report.entries, report.first_break),
        (manifest.audit.last_seq, None)
    );
    target.cleanup().await;
}

async fn a_database_with_rows_is_not_a_target(db: &TestDb) {
    seed(db, false).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.anzen");
    write_backup(&db.store, &path).await;
    let target = fresh_like(db).await;
    fixtures::provider(&target.app(), "Already here").await;
    let err = restore(&target.store, &path).await.unwrap_err();
    assert!(
        matches!(&err, BackupError::NotEmpty { table } if table == "audit_log"),
        "{err}"
    );
    assert!(err.is_callers_fault());
    assert_eq!(
        count(&target.store, "organisations").await,
        1,
        "left as it was"
    );
    // The source itself is no target either.
    let err = restore(&db.store, &path).await.unwrap_err();
    assert!(matches!(err, BackupError::NotEmpty { .. }), "{err}");
    target.cleanup().await;
}

/// Writes `bytes` to a fresh file and checks it.
async fn check_bytes(dir: &Path, bytes: &[u8]) -> Result<Manifest, BackupError> {
    let path: PathBuf = dir.join("variant.anzen");
    std::fs::write(&path, bytes).unwrap();
    check(&path).await
}

#[tokio::test]
async fn every_truncation_and_every_changed_byte_is_refused() {
    let db = TestDb::sqlite().await;
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.anzen");
    write_backup(&db.store, &path).await;
    let bytes = std::fs::read(&path).unwrap();
    check_bytes(dir.path(), &bytes)
        .await
        .expect("the original is accepted");

    // Cut at every line end and inside every line.
    let mut cuts: Vec<usize> = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            cuts.extend([i, i + 1]);
        }
    }
    cuts.retain(|&c| c < bytes.len());
    cuts.push(0);
    for cut in cuts {
        let err = check_bytes(dir.path(), &bytes[..cut]).await.unwrap_err();
        assert!(
            matches!(&err, BackupError::BadArchive(m) if m.contains("truncated") || m.contains("empty")),
            "cut at {cut}: {err}"
        );
    }

    // Change one byte at a time, to another bit and (for letters) to the other case (`A`
    // for `a` in hex): every byte of the format line and of the signature line, which are
    // parsed rather than hashed, and every fifth byte of the rest, which the digests and the
    // signature cover.
    let first_end = bytes.iter().position(|b| *b == b'\n').unwrap();
    let signature_start = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let mut changed = bytes.clone();
    for i in 0..bytes.len() {
        let parsed = i <= first_end || i >= signature_start;
        if !parsed && i % 5 != 0 {
            continue;
        }
        for flip in [0x01, 0x20] {
            if flip == 0x20 && !parsed {
                continue;
            }
            changed[i] ^= flip;
            let result = check_bytes(dir.path(), &changed).await;
            assert!(
                matches!(result, Err(BackupError::BadArchive(_))),
                "byte {i} ({:?} for {:?}) changed: {:?}",
                changed[i] as char,
                bytes[i] as char,
                result.map(|m| m.key_id)
            );
            changed[i] = bytes[i];
        }
    }

    // Anything after the signature, and a signature by another key.
    let mut longer = bytes.clone();
    longer.extend_from_slice(b"[]\n");
    let err = check_bytes(dir.path(), &longer).await.unwrap_err();
    assert!(err.to_string().contains("after the signature"), "{err}");
    std::fs::write(&path, &bytes).unwrap();
    let other = anzen_app::Ed25519Signer::from_secret([1; 32]);
    let err = backup::check_archive(&path, &other, &mut |_| {})
        .await
        .unwrap_err();
    assert!(err.to_string().contains("signed with audit key"), "{err}");
    db.cleanup().await;
}

/// SQLite to PostgreSQL and back: the same format on both, the same content after each hop.
#[tokio::test]
async fn an_archive_moves_between_the_backends() {
    let source = TestDb::sqlite().await;
    seed(&source, true).await;
    let dir = tempfile::tempdir().unwrap();
    let first = write_backup(&source.store, &dir.path().join("1.anzen")).await;

    let pg = TestDb::postgres().await;
    restore(&pg.store, &dir.path().join("1.anzen"))
        .await
        .unwrap();
    let second = write_backup(&pg.store, &dir.path().join("2.anzen")).await;
    assert_eq!(second.backend, "postgres");
    assert_eq!(second.tables, first.tables);

    let back = TestDb::sqlite().await;
    restore(&back.store, &dir.path().join("2.anzen"))
        .await
        .unwrap();
    let third = write_backup(&back.store, &dir.path().join("3.anzen")).await;
    assert_eq!(third.tables, first.tables);
    let report = back.app().verify_audit().await.unwrap();
    assert_eq!(
        (report.entries, report.first_break),
        (first.audit.last_seq, None)
    );
    for db in [source, pg, back] {
        db.cleanup().await;
    }
}

/// An archive from a database one migration behind this anzen: the restore applies the
/// migrations up to the archive's level, loads, and the newer migration runs afterwards; a
/// database already beyond the archive's level is refused.
#[tokio::test]
async fn an_archive_from_an_older_level_is_restored_at_its_level() {
    let dir = tempfile::tempdir().unwrap();
    let open = |name: &str| {
        anzen_store::StoreOptions::new(format!("sqlite://{}", dir.path().join(name).display()))
    };
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../anzen-store/migrations/sqlite");
    let backend = anzen_app::ports::Backend::Sqlite;
    let latest = newest_migration(backend);
    let older = migration_versions(backend)
        .into_iter()
        .filter(|v| *v < latest)
        .max()
        .unwrap();
    let source = anzen_store::SqlStore::connect(&open("source.db"))
        .await
        .unwrap();
    sqlx::migrate::Migrator::new(migrations.as_path())
        .await
        .unwrap()
        .run_to(older, source.pool())
        .await
        .unwrap();
    // A row written as that level's schema has it (the use-cases may need newer migrations).
    sqlx::query(
        "INSERT INTO organisations (id, kind, name, created_at) \
         VALUES ('01900000-0000-7000-8000-000000000001', 'provider', 'Provider A', \
         '2026-11-25T03:00:00.000000Z')",
    )
    .execute(source.pool())
    .await
    .unwrap();
    let path = dir.path().join("older.anzen");
    let manifest = write_backup(&source, &path).await;
    assert_eq!(manifest.migration_level, older);

    // A migrated database is beyond the archive: refused, untouched.
    let migrated = TestDb::sqlite().await;
    let err = restore(&migrated.store, &path).await.unwrap_err();
    assert!(
        matches!(&err, BackupError::Mismatch(m) if m.contains("beyond the archive's level")),
        "{err}"
    );
    migrated.cleanup().await;

    let target = anzen_store::SqlStore::connect(&open("target.db"))
        .await
        .unwrap();
    restore(&target, &path).await.unwrap();
    let level: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(target.pool())
        .await
        .unwrap();
    assert_eq!(level, older, "restored at the archive's level");
    target.migrate().await.unwrap();
    let restored = App::new(
        Arc::new(target.clone()),
        Arc::new(FixedClock(fixtures::now())),
        Arc::new(fixtures::audit_key()),
    );
    let report = restored.verify_audit().await.unwrap();
    assert_eq!((report.entries, report.first_break), (0, None));
    assert_eq!(count(&target, "organisations").await, 1);
    let level: i64 = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations")
        .fetch_one(target.pool())
        .await
        .unwrap();
    assert_eq!(level, latest, "then brought up to this anzen's level");
}

#[tokio::test]
async fn an_archive_from_a_newer_anzen_is_refused() {
    let db = TestDb::sqlite().await;
    let dir = tempfile::tempdir().unwrap();
    let mut manifest = write_backup(&db.store, &dir.path().join("a.anzen")).await;
    for backend in [
        anzen_app::ports::Backend::Sqlite,
        anzen_app::ports::Backend::Postgres,
    ] {
        backup::check_level(&manifest, backend).expect("this anzen's own level");
    }
    manifest.migrations.push(backup::AppliedMigration {
        version: 9999,
        description: "from the future".into(),
    });
    manifest.migration_level = 9999;
    let err = backup::check_level(&manifest, anzen_app::ports::Backend::Sqlite).unwrap_err();
    assert!(err.to_string().contains("9999_from the future"), "{err}");
    manifest.migrations.remove(2);
    manifest.migrations.pop();
    manifest.migration_level = manifest.migrations.last().unwrap().version;
    let err = backup::check_level(&manifest, anzen_app::ports::Backend::Sqlite).unwrap_err();
    assert!(err.to_string().contains("differ"), "{err}");
    db.cleanup().await;
}
