//! The audit commands and the demo through the real binary on PostgreSQL (a new database in
//! the server `ANZEN_TEST_POSTGRES_URL` names; `scripts/test` starts a throwaway one): the demo
//! honours --database-url and refuses a database with tables unless --force; removed newest
//! entries are named; a read-only command on an empty database creates no table.

use assert_cmd::Command;
use predicates::prelude::*;
use sqlx::Connection;

const POSTGRES_URL_VAR: &str = "ANZEN_TEST_POSTGRES_URL";

/// A new database on the test server, dropped at the end.
struct PgDb {
    admin_url: String,
    name: String,
    url: String,
    rt: tokio::runtime::Runtime,
}

impl PgDb {
    fn new() -> Self {
        let admin_url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
            panic!(
                "{POSTGRES_URL_VAR} is not set: these tests need a PostgreSQL server. Run \
                 scripts/test, which starts a throwaway cluster, or set the variable to \
                 postgres://USER@HOST:PORT/postgres"
            )
        });
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let name = format!("anzen_cli_{}", uuid_like());
        rt.block_on(async {
            let mut conn = sqlx::PgConnection::connect(&admin_url).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
        });
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        let url = format!("{base}/{name}");
        Self {
            admin_url,
            name,
            url,
            rt,
        }
    }

    fn sql(&self, statements: &[&str]) {
        self.rt.block_on(async {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            for s in statements {
                sqlx::query(sqlx::AssertSqlSafe(*s))
                    .execute(&mut conn)
                    .await
                    .unwrap();
            }
        });
    }

    fn tables(&self) -> i64 {
        self.rt.block_on(async {
            let mut conn = sqlx::PgConnection::connect(&self.url).await.unwrap();
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'",
            )
            .fetch_one(&mut conn)
            .await
            .unwrap()
        })
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let (admin, name) = (self.admin_url.clone(), self.name.clone());
        self.rt.block_on(async move {
            if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut conn)
                .await;
            }
        });
    }
}

fn uuid_like() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{}_{nanos}", std::process::id())
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
    let db = PgDb::new();
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();

    // A command that only reads finds no anzen data and creates nothing.
    anzen(dir, &db.url)
        .args(["audit", "verify"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no anzen data"));
    assert_eq!(db.tables(), 0);

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
    db.sql(&["DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)"]);
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
