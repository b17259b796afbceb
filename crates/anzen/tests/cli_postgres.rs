//! The audit commands and the demo through the real binary on PostgreSQL (a new database in
//! the server `ANZEN_TEST_POSTGRES_URL` names; `scripts/test` starts a throwaway one): the demo
//! honours --database-url and refuses a database with tables unless --force; removed newest
//! entries are named; a read-only command on an empty database creates no table.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::shared_db::Db;

/// The tables of the database's schema.
fn tables(db: &Db) -> i64 {
    db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")
}

fn anzen(dir: &std::path::Path, url: &str) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .args(["--database-url", url]);
    cmd
}

#[test]
fn the_demo_on_postgres_is_checkpointed_and_guards_a_database_with_tables() {
    let db = Db::postgres("cli");
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();

    // A command that only reads finds no anzen data and creates nothing.
    anzen(dir, &db.url)
        .args(["audit", "verify"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no anzen data"));
    assert_eq!(tables(&db), 0);

    anzen(dir, &db.url)
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(format!("database: {}", db.url))
                .and(predicate::str::contains("d/audit-checkpoint.json")),
        );
    assert!(!dir.join("d/anzen.db").exists(), "no SQLite file beside it");
    let config = std::fs::read_to_string(dir.join("d/anzen.toml")).unwrap();
    assert!(
        config.contains(&format!("url = \"{}\"", db.url)),
        "{config}"
    );
    anzen(dir, &db.url)
        .args(["audit", "verify", "--checkpoint", "d/audit-checkpoint.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("holds"));

    // A second demo on the same database is refused, saying what --force does.
    anzen(dir, &db.url)
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("is not empty")
                .and(predicate::str::contains("--force drops every table")),
        );

    // The newest entry removed: named against the signed head and the checkpoint.
    db.exec(&["DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)"]);
    anzen(dir, &db.url)
        .args(["audit", "verify", "--checkpoint", "d/audit-checkpoint.json"])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("is missing: the chain ends at").and(
                predicate::str::contains("which the checkpoint names, is missing"),
            ),
        );

    // --force starts over: a new key, a new chain, a new checkpoint.
    anzen(dir, &db.url)
        .args(["demo", "--dir", "d", "--no-serve", "--force"])
        .assert()
        .success();
    anzen(dir, &db.url)
        .args(["audit", "verify", "--checkpoint", "d/audit-checkpoint.json"])
        .assert()
        .success();
}
