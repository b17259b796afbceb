//! Safe upgrades through the real binary, on SQLite and on PostgreSQL (a new database in the
//! server `ANZEN_TEST_POSTGRES_URL` names; `scripts/test` starts a throwaway one).
//!
//! The upgrade starts from data written by an older anzen, not from the current code
//! imitating one: `fixtures/upgrade-0016/` holds SQL dumps made once by the anzen of commit
//! e9571d7, whose schema stops at migration 0016 (`make.sh` there is how: the demo data set,
//! API tokens, a queue job run, and writes through that version's JSON API — a question on a
//! risk, a technology-change notice, an issued document — on both backends), with the audit
//! key and a checkpoint of the chain that version signed. Applying only the current
//! migrations up to 0016 and filling the tables with today's code would not show that data of
//! that era survives. Each test loads a dump into a new database, then `anzen migrate --check`
//! must list the pending migrations (exit 1) and change nothing, `anzen migrate` must apply
//! them, `--check` must then say the database is up to date (exit 0), every row of every table
//! of the fixture must still be there (counts, and a few values), the old chain must verify
//! against the old checkpoint, and the upgraded database must take a new write.
//!
//! Also: a database that a newer anzen migrated (an applied migration this binary does not
//! know) is refused by every command, with both schema versions named, and left unchanged.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use sqlx::{Connection, Row};

use crate::shared_db;
use shared_db::Db;

/// The schema version of the fixture.
const FIXTURE_VERSION: i64 = 16;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/upgrade-0016")
        .join(name)
}

/// The migrations this anzen ships (version, file stem), from the migrations folder.
fn shipped_migrations() -> Vec<(i64, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../anzen-store/migrations/sqlite");
    let mut all: Vec<(i64, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| {
            let stem = n.strip_suffix(".sql")?.to_owned();
            let version = stem.split('_').next()?.parse().ok()?;
            Some((version, stem))
        })
        .collect();
    all.sort();
    all
}

fn latest() -> i64 {
    shipped_migrations().last().unwrap().0
}

impl Db {
    fn backend(&self) -> &'static str {
        if self.is_postgres() {
            "postgres"
        } else {
            "sqlite"
        }
    }

    /// Runs SQL text (several statements) on one connection.
    fn load(&self, sql: &str) {
        self.rt.block_on(async {
            if self.is_postgres() {
                let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut c)
                    .await
                    .unwrap();
                c.close().await.unwrap();
            } else {
                let path = self.url.strip_prefix("sqlite://").unwrap();
                std::fs::create_dir_all(Path::new(path).parent().unwrap()).unwrap();
                let mut c = sqlx::SqliteConnection::connect(&format!("{}?mode=rwc", self.url))
                    .await
                    .unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut c)
                    .await
                    .unwrap();
                c.close().await.unwrap();
            }
        });
    }

    /// The first column of every row of a query, as text (`NULL` for null).
    fn texts(&self, sql: &str) -> Vec<String> {
        self.rt.block_on(async {
            let rows = if self.is_postgres() {
                let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut c)
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.try_get::<Option<String>, _>(0).unwrap())
                    .collect::<Vec<_>>()
            } else {
                let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&mut c)
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.try_get::<Option<String>, _>(0).unwrap())
                    .collect::<Vec<_>>()
            };
            rows.into_iter()
                .map(|v| v.unwrap_or_else(|| "NULL".to_owned()))
                .collect()
        })
    }

    fn text(&self, sql: &str) -> String {
        let mut all = self.texts(sql);
        assert_eq!(all.len(), 1, "one row from {sql}");
        all.remove(0)
    }

    /// The tables of the database.
    fn tables(&self) -> Vec<String> {
        self.texts(if self.is_postgres() {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name"
        })
    }

    /// Every table with its number of rows.
    fn counts(&self) -> Vec<(String, i64)> {
        self.tables()
            .into_iter()
            .map(|t| {
                let n = self.text(&format!("SELECT CAST(COUNT(*) AS TEXT) FROM \"{t}\""));
                (t, n.parse().unwrap())
            })
            .collect()
    }

    fn applied(&self) -> Vec<i64> {
        let mut all: Vec<i64> = self
            .texts("SELECT CAST(version AS TEXT) FROM _sqlx_migrations")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        all.sort_unstable();
        all
    }
}

fn anzen(dir: &Path, db: &Db) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SECRETS_KEY")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_ACTOR", "operator")
        .args(["--database-url", &db.url]);
    cmd
}

/// Puts the fixture's keys where the server keeps them (private, as it wants them).
fn install_keys(dir: &Path, backend: &str) {
    use std::os::unix::fs::PermissionsExt;
    let d = dir.join("d");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o700)).unwrap();
    for (from, to) in [
        (format!("audit-signing-{backend}.key"), "audit-signing.key"),
        (format!("secrets-{backend}.key"), "secrets.key"),
    ] {
        std::fs::copy(fixture(&from), d.join(to)).unwrap();
        std::fs::set_permissions(d.join(to), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

fn upgrade_from_the_fixture(dir: &Path, db: &Db) {
    let backend = db.backend();
    install_keys(dir, backend);
    let dump = std::fs::read_to_string(fixture(&format!("{backend}.sql"))).unwrap();
    db.load(&dump);
    let old: Vec<i64> = (1..=FIXTURE_VERSION).collect();
    assert_eq!(db.applied(), old, "the fixture is at schema version 16");
    let before = db.counts();
    assert!(
        before.len() > 25 && before.iter().filter(|(_, n)| *n > 0).count() > 20,
        "the fixture fills most of its tables: {before:?}"
    );
    let pending: Vec<(i64, String)> = shipped_migrations()
        .into_iter()
        .filter(|(v, _)| *v > FIXTURE_VERSION)
        .collect();
    assert!(!pending.is_empty());

    // The check lists what is pending, exits 1, and applies nothing.
    let out = anzen(dir, db).args(["migrate", "--check"]).assert().code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for (v, stem) in &pending {
        let description = stem.split_once('_').unwrap().1.replace('_', " ");
        assert!(
            stdout.lines().any(|l| l.starts_with(&format!("{v:04} "))
                && l.trim_end().ends_with(&format!(" {description}"))),
            "{v:04} {description} listed:\n{stdout}"
        );
    }
    assert!(
        stderr.contains(&format!(
            "{} pending migration(s): the database is at schema version {FIXTURE_VERSION}, this \
             anzen needs {}",
            pending.len(),
            latest()
        )) && stderr.contains("anzen migrate"),
        "{stderr}"
    );
    assert_eq!(db.applied(), old, "the check applied nothing");
    assert_eq!(db.counts(), before, "the check changed nothing");

    // The upgrade applies them and says which.
    let out = anzen(dir, db).arg("migrate").assert().success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains(&format!(
            "{} migration(s) applied: the database is at schema version {} ({backend})",
            pending.len(),
            latest()
        )),
        "{stdout}"
    );
    let all: Vec<i64> = shipped_migrations().iter().map(|(v, _)| *v).collect();
    assert_eq!(db.applied(), all);
    anzen(dir, db)
        .args(["migrate", "--check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "the database is up to date: schema version {}",
            latest()
        )));

    // Every row of every table of the fixture is still there.
    let after: Vec<(String, i64)> = db
        .counts()
        .into_iter()
        .filter(|(t, _)| before.iter().any(|(b, _)| b == t))
        .collect();
    let mut expected = before.clone();
    for (t, n) in &mut expected {
        if t == "_sqlx_migrations" {
            *n += i64::try_from(pending.len()).unwrap();
        }
    }
    assert_eq!(after, expected);
    // And their values, in the tables old and new migrations touch.
    assert_eq!(
        db.texts("SELECT name FROM organisations ORDER BY name")
            .iter()
            .filter(|n| n.as_str() == "さくらメディカルクラウド株式会社")
            .count(),
        1
    );
    assert_eq!(
        db.text("SELECT body FROM risk_thread"),
        "バックアップの保管場所は国内ですか。"
    );
    assert_eq!(
        db.text("SELECT control_key FROM tech_notices"),
        "SAKURA-MFA-01"
    );
    assert_eq!(
        db.text("SELECT CAST(COUNT(*) AS TEXT) FROM issued_documents WHERE kind = 'risk-treatment' AND format = 'docx'"),
        "1"
    );
    // 0019 added two columns to components: the old rows get the defaults.
    assert_eq!(
        db.texts(
            "SELECT COALESCE(country, 'none') || ':' || CAST(holds_medical_info AS TEXT) \
             FROM components"
        ),
        vec!["none:0"; 4]
    );

    // The chain written by the old anzen verifies against its own checkpoint.
    let checkpoint = fixture(&format!("audit-checkpoint-{backend}.json"));
    anzen(dir, db)
        .args(["audit", "verify", "--checkpoint"])
        .arg(&checkpoint)
        .assert()
        .success();
    // The upgraded database takes new writes, and the chain still verifies.
    anzen(dir, db)
        .args([
            "org",
            "add",
            "--kind",
            "medical_institution",
            "--institution-kind",
            "clinic",
            "--name",
            "やまぶきクリニック",
        ])
        .assert()
        .success();
    anzen(dir, db)
        .args(["audit", "verify", "--checkpoint"])
        .arg(&checkpoint)
        .assert()
        .success();
}

#[test]
fn a_sqlite_database_of_schema_16_upgrades_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    upgrade_from_the_fixture(dir.path(), &db);
}

#[test]
fn a_postgres_database_of_schema_16_upgrades_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::postgres("upgrade");
    upgrade_from_the_fixture(dir.path(), &db);
}

/// A migration from the future is recorded as applied: every command refuses the database,
/// naming both versions, and changes nothing.
fn a_newer_database_is_refused(dir: &Path, db: &Db) {
    anzen(dir, db).arg("migrate").assert().success();
    let future = latest() + 100;
    let success = if db.is_postgres() { "true" } else { "1" };
    let checksum = if db.is_postgres() {
        "'\\x00'::bytea"
    } else {
        "X'00'"
    };
    db.load(&format!(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES ({future}, 'from a newer anzen', {success}, {checksum}, 0)"
    ));
    let before = db.counts();
    let said = format!(
        "the database is at schema version {future}, newer than this anzen {} (schema version {})",
        env!("CARGO_PKG_VERSION"),
        latest()
    );
    for args in [
        &["serve"][..],
        &["migrate"],
        &["migrate", "--check"],
        &["org", "list"],
        &["audit", "verify"],
        &["org", "add", "--kind", "provider", "--name", "x"],
    ] {
        anzen(dir, db)
            .env("ANZEN_BIND", "127.0.0.1:0")
            .args(args)
            .timeout(std::time::Duration::from_secs(60))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(&said))
            .stderr(predicate::str::contains(format!(
                "unknown migrations: {future}"
            )));
    }
    assert_eq!(db.counts(), before, "nothing changed");
}

#[test]
fn a_sqlite_database_newer_than_the_binary_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    a_newer_database_is_refused(dir.path(), &db);
}

#[test]
fn a_postgres_database_newer_than_the_binary_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::postgres("upgrade");
    a_newer_database_is_refused(dir.path(), &db);
}

#[test]
fn the_check_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    anzen(dir.path(), &db)
        .args(["migrate", "--check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("there is no database at"))
        .stdout(predicate::str::is_match("(?m)^0001 +foundation$").unwrap())
        .stderr(predicate::str::contains(format!(
            "{} pending migration(s): the database is at schema version 0",
            shipped_migrations().len()
        )));
    assert!(!dir.path().join("d").exists(), "nothing was created");
}
