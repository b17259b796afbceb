//! `anzen backup` and `anzen restore` through the real binary: a backup taken while a task
//! keeps writing through the app restores into a new database whose audit trail verifies and
//! whose every table matches the source at the moment of the snapshot, on SQLite and on
//! PostgreSQL (the server named by ANZEN_TEST_POSTGRES_URL; each test creates and drops its
//! own databases); truncated, altered and foreign archives and non-empty targets are refused.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use anzen_app::offerings::OfferingInput;
use anzen_app::orgs::OrganisationInput;
use anzen_app::{App, Caller, Ed25519Signer, SystemClock};
use anzen_domain::ids::OrgId;
use anzen_domain::scope::ScopeProfile;
use anzen_store::{SqlStore, StoreOptions};

struct Env {
    dir: tempfile::TempDir,
    key: PathBuf,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("keys/audit.key");
        Self { dir, key }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A SQLite URL for a database in its own new folder.
    fn sqlite(&self, folder: &str) -> String {
        format!("sqlite://{}", self.path(folder).join("anzen.db").display())
    }

    fn anzen(&self, url: &str) -> Command {
        let mut cmd = Command::cargo_bin("anzen").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("ANZEN_CONFIG")
            .env("ANZEN_DATABASE_URL", url)
            .env("ANZEN_AUDIT_KEY", &self.key)
            .env("ANZEN_ACTOR", "backup-operator");
        cmd
    }

    fn signer(&self) -> Ed25519Signer {
        let text = std::fs::read_to_string(&self.key).unwrap();
        let bytes: Vec<u8> = (0..64)
            .step_by(2)
            .map(|i| u8::from_str_radix(&text.trim()[i..i + 2], 16).unwrap())
            .collect();
        Ed25519Signer::from_secret(bytes.try_into().unwrap())
    }

    /// The app on `url` with the key `anzen migrate` created.
    async fn app(&self, url: &str) -> App {
        let store = SqlStore::open(&StoreOptions::new(url)).await.unwrap();
        App::new(
            Arc::new(store),
            Arc::new(SystemClock),
            Arc::new(self.signer()),
        )
    }
}

fn operator() -> Caller {
    Caller::operator("load-writer")
}

fn profile(service: &str, in_scope: bool) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.contract.provision = in_scope;
    p.handles_medical_information = true;
    p
}

/// One provider registered by `root`, with an offering; every third time the offering's
/// profile changes once more.
async fn write_once(app: &App, root: Option<OrgId>, i: u64) {
    let org = app
        .add_organisation(
            &operator(),
            OrganisationInput {
                kind: "provider".into(),
                institution_kind: String::new(),
                name: format!("Provider {i}"),
                registered_by: root.map(|r| r.to_string()).unwrap_or_default(),
            },
        )
        .await
        .unwrap();
    let offering = app
        .add_offering(
            &operator(),
            OfferingInput {
                provider: org.id.to_string(),
                name: format!("EHR {i}"),
                description: String::new(),
                profile: profile(&format!("EHR {i}"), false),
            },
        )
        .await
        .unwrap();
    if i.is_multiple_of(3) {
        app.update_offering_profile(&operator(), offering.id, None, profile("EHR", true))
            .await
            .unwrap();
    }
}

/// A task that keeps writing through the app until stopped.
struct Load {
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<u64>,
}

impl Load {
    /// Starts writing and returns once the first write has committed.
    async fn start(app: App, root: OrgId) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let written = Arc::new(AtomicU64::new(0));
        let (first, first_done) = tokio::sync::oneshot::channel();
        let task = {
            let stop = stop.clone();
            tokio::spawn(async move {
                let mut first = Some(first);
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    write_once(&app, Some(root), 10_000 + n).await;
                    n += 1;
                    written.store(n, Ordering::SeqCst);
                    if let Some(tx) = first.take() {
                        let _ = tx.send(());
                    }
                }
                n
            })
        };
        first_done.await.unwrap();
        Self { stop, task }
    }

    /// Stops and returns the writes made.
    async fn stop(self) -> u64 {
        self.stop.store(true, Ordering::SeqCst);
        self.task.await.unwrap()
    }
}

/// The manifest of an archive (its second-to-last line).
fn manifest(archive: &Path) -> Value {
    let text = std::fs::read_to_string(archive).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let line: Value = serde_json::from_str(lines[lines.len() - 2]).unwrap();
    line["manifest"].clone()
}

async fn strings(url: &str, sql: &str, seq: Option<i64>) -> Vec<String> {
    let store = SqlStore::connect(&StoreOptions::new(url)).await.unwrap();
    let mut query = sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql.to_owned()));
    if let Some(seq) = seq {
        query = query.bind(seq);
    }
    let mut out = query.fetch_all(store.pool()).await.unwrap();
    store.close().await;
    out.sort();
    out
}

async fn number(url: &str, sql: &str) -> i64 {
    let store = SqlStore::connect(&StoreOptions::new(url)).await.unwrap();
    let n = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_owned()))
        .fetch_one(store.pool())
        .await
        .unwrap();
    store.close().await;
    n
}

/// Seeds `source`, takes a backup while a task keeps writing, then restores it into each
/// target and checks it against the source at the moment of the snapshot.
async fn backup_under_load_restores_exactly(env: &Env, source: &str, targets: &[String]) {
    env.anzen(source).arg("migrate").assert().success();
    let app = env.app(source).await;
    let root = app
        .add_organisation(
            &operator(),
            OrganisationInput {
                kind: "provider".into(),
                institution_kind: String::new(),
                name: "Root KK".into(),
                registered_by: String::new(),
            },
        )
        .await
        .unwrap();
    for i in 0..150 {
        write_once(&app, Some(root.id), i).await;
    }

    let load = Load::start(app.clone(), root.id).await;
    let archive = env.path("under-load.anzen");
    let mut backup = env.anzen(source);
    backup.arg("backup").arg(&archive);
    let output = tokio::task::spawn_blocking(move || backup.output().unwrap())
        .await
        .unwrap();
    let written = load.stop().await;
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(written >= 1, "the writer was at work during the backup");
    assert!(String::from_utf8_lossy(&output.stderr).contains("organisations"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&archive).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the archive holds secrets");
    }

    let manifest = manifest(&archive);
    let last_seq = manifest["audit"]["last_seq"].as_i64().unwrap();
    let source_now = number(source, "SELECT COUNT(*) FROM audit_log").await;
    // What the source held at the snapshot: the rows whose audit entries the archive holds.
    let orgs_then = strings(
        source,
        "SELECT object_id FROM audit_log WHERE action = 'organisation.create' AND seq <= $1",
        Some(last_seq),
    )
    .await;
    let offerings_then = strings(
        source,
        "SELECT object_id FROM audit_log WHERE action = 'offering.create' AND seq <= $1",
        Some(last_seq),
    )
    .await;
    assert!(orgs_then.len() > 150 && source_now >= last_seq);

    for target in targets {
        env.anzen(target)
            .arg("restore")
            .arg(&archive)
            .assert()
            .success()
            .stdout(predicate::str::contains("the audit trail verifies"))
            .stderr(
                predicate::str::contains("verified [")
                    .and(predicate::str::contains("archive checked")),
            );
        env.anzen(target)
            .args(["audit", "verify"])
            .assert()
            .success()
            .stdout(predicate::str::contains(format!("{last_seq} entries")));
        for table in manifest["tables"].as_array().unwrap() {
            let name = table["name"].as_str().unwrap();
            assert_eq!(
                number(target, &format!("SELECT COUNT(*) FROM {name}")).await,
                table["rows"].as_i64().unwrap(),
                "{name} in {target}"
            );
        }
        assert_eq!(
            strings(target, "SELECT id FROM organisations", None).await,
            orgs_then
        );
        assert_eq!(
            strings(target, "SELECT id FROM offerings", None).await,
            offerings_then
        );
        // Every offering's verdict history is whole: one record per revision.
        assert_eq!(
            number(
                target,
                "SELECT CAST(COALESCE(SUM(revision), 0) AS BIGINT) FROM offerings"
            )
            .await,
            number(target, "SELECT COUNT(*) FROM scope_verdicts").await
        );
        assert_eq!(
            number(target, "SELECT last_seq FROM audit_head").await,
            last_seq
        );
    }
    assert_eq!(
        number(
            source,
            "SELECT CAST(COALESCE(SUM(revision), 0) AS BIGINT) FROM offerings"
        )
        .await,
        number(source, "SELECT COUNT(*) FROM scope_verdicts").await,
        "the invariant holds on the source too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_backup_under_write_load_restores_exactly() {
    let env = Env::new();
    let source = env.sqlite("source");
    backup_under_load_restores_exactly(&env, &source, &[env.sqlite("restored")]).await;
}

/// Databases on the test PostgreSQL server, dropped at the end.
struct Postgres {
    admin: String,
    names: Vec<String>,
}

impl Postgres {
    fn new() -> Self {
        let admin = std::env::var("ANZEN_TEST_POSTGRES_URL").unwrap_or_else(|_| {
            panic!(
                "ANZEN_TEST_POSTGRES_URL is not set: the PostgreSQL backup tests need a server. \
                 Run scripts/test, which starts a throwaway PostgreSQL cluster, or set the \
                 variable to postgres://USER@HOST:PORT/postgres"
            )
        });
        Self {
            admin,
            names: Vec::new(),
        }
    }

    async fn admin(&self, sql: String) {
        let store = SqlStore::connect(&StoreOptions::new(&self.admin))
            .await
            .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(store.pool())
            .await
            .unwrap();
        store.close().await;
    }

    /// A new, empty database; its URL.
    async fn create(&mut self) -> String {
        let name = format!("anzen_backup_{}", uuid_like());
        self.admin(format!("CREATE DATABASE {name}")).await;
        self.names.push(name.clone());
        let base = self.admin.split('?').next().unwrap();
        let (server, _) = base.rsplit_once('/').unwrap();
        format!("{server}/{name}")
    }

    async fn drop_all(self) {
        for name in &self.names {
            self.admin(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await;
        }
    }
}

fn uuid_like() -> String {
    use std::time::{SystemTime, UNIX_EPOCH};
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{}_{nanos}", std::process::id())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_backup_under_write_load_restores_into_postgres_and_sqlite() {
    let env = Env::new();
    let mut pg = Postgres::new();
    let source = pg.create().await;
    let target = pg.create().await;
    backup_under_load_restores_exactly(&env, &source, &[target, env.sqlite("from-postgres")]).await;
    pg.drop_all().await;
}

/// A small database and its archive, for the refusals.
async fn small_archive(env: &Env) -> (String, PathBuf) {
    let source = env.sqlite("source");
    env.anzen(&source).arg("migrate").assert().success();
    let app = env.app(&source).await;
    for i in 0..3 {
        write_once(&app, None, i).await;
    }
    let archive = env.path("small.anzen");
    env.anzen(&source)
        .arg("backup")
        .arg(&archive)
        .assert()
        .success();
    (source, archive)
}

#[tokio::test]
async fn a_truncated_archive_is_refused_and_writes_nothing() {
    let env = Env::new();
    let (_, archive) = small_archive(&env).await;
    let bytes = std::fs::read(&archive).unwrap();
    let last_line = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1;
    let first_line = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;
    for cut in [bytes.len() - 1, last_line, bytes.len() / 2, first_line, 10] {
        let cut_file = env.path("cut.anzen");
        std::fs::write(&cut_file, &bytes[..cut]).unwrap();
        env.anzen(&env.sqlite("target"))
            .arg("restore")
            .arg(&cut_file)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("truncated")
                    .and(predicate::str::contains("nothing was restored")),
            );
        assert!(!env.path("target").exists(), "cut at {cut}: no database");
    }
}

#[tokio::test]
async fn an_archive_with_one_byte_changed_is_refused() {
    let env = Env::new();
    let (_, archive) = small_archive(&env).await;
    let bytes = std::fs::read(&archive).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    // A letter inside a row, a digit of a count, a character of the manifest, of the
    // signature, and bytes spread over the whole file.
    let mut positions = vec![
        text.find("Provider 1").unwrap() + 9,
        text.find("\"rows\":").unwrap() + 7,
        text.rfind("\"backend\"").unwrap() + 12,
        text.rfind("\"signature\":\"").unwrap() + 20,
    ];
    positions.extend((1..12).map(|k| bytes.len() * k / 12));
    for position in positions {
        let mut changed = bytes.clone();
        changed[position] ^= 0x01;
        let file = env.path("changed.anzen");
        std::fs::write(&file, &changed).unwrap();
        env.anzen(&env.sqlite("target"))
            .arg("restore")
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("nothing was restored"));
        assert!(!env.path("target").exists(), "byte {position}: no database");
    }
    // The unchanged archive restores.
    env.anzen(&env.sqlite("target"))
        .arg("restore")
        .arg(&archive)
        .assert()
        .success();
}

#[tokio::test]
async fn a_database_with_rows_is_not_a_restore_target() {
    let env = Env::new();
    let (source, archive) = small_archive(&env).await;
    let before = number(&source, "SELECT COUNT(*) FROM organisations").await;
    env.anzen(&source)
        .arg("restore")
        .arg(&archive)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("not empty")
                .and(predicate::str::contains("table `audit_log`")),
        );
    assert_eq!(
        number(&source, "SELECT COUNT(*) FROM organisations").await,
        before
    );
    // A migrated but unused database is empty and takes the restore.
    let target = env.sqlite("migrated");
    env.anzen(&target).arg("migrate").assert().success();
    env.anzen(&target)
        .arg("restore")
        .arg(&archive)
        .assert()
        .success();
    assert_eq!(
        number(&target, "SELECT COUNT(*) FROM organisations").await,
        before
    );
}

#[tokio::test]
async fn the_restore_needs_the_key_that_signed_the_archive() {
    let env = Env::new();
    let (_, archive) = small_archive(&env).await;
    let target = env.sqlite("target");
    let other_key = env.path("other.key");
    std::fs::write(&other_key, format!("{}\n", "11".repeat(32))).unwrap();
    env.anzen(&target)
        .env("ANZEN_AUDIT_KEY", &other_key)
        .arg("restore")
        .arg(&archive)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("signed with audit key"));
    env.anzen(&target)
        .env("ANZEN_AUDIT_KEY", env.path("missing.key"))
        .arg("restore")
        .arg(&archive)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no audit key at")
                .and(predicate::str::contains("missing.key")),
        );
    assert!(!env.path("target").exists());
}

#[tokio::test]
async fn a_backup_never_replaces_a_file_and_needs_a_database() {
    let env = Env::new();
    let (source, archive) = small_archive(&env).await;
    let before = std::fs::read(&archive).unwrap();
    env.anzen(&source)
        .arg("backup")
        .arg(&archive)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read(&archive).unwrap(), before);
    env.anzen(&env.sqlite("nowhere"))
        .arg("backup")
        .arg(env.path("new.anzen"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no database at"));
    assert!(!env.path("nowhere").exists() && !env.path("new.anzen").exists());
}

#[tokio::test]
async fn a_restored_chain_that_does_not_verify_is_removed_again() {
    let env = Env::new();
    let source = env.sqlite("source");
    env.anzen(&source).arg("migrate").assert().success();
    let app = env.app(&source).await;
    for i in 0..3 {
        write_once(&app, None, i).await;
    }
    // Someone with database access changed an entry before the backup: the archive is whole
    // and signed, the chain in it is not.
    let store = SqlStore::connect(&StoreOptions::new(&source))
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET actor = 'operator:someone-else' WHERE seq = 2")
        .execute(store.pool())
        .await
        .unwrap();
    store.close().await;
    let archive = env.path("broken-chain.anzen");
    env.anzen(&source)
        .arg("backup")
        .arg(&archive)
        .assert()
        .success();
    let target = env.sqlite("target");
    for _ in 0..2 {
        env.anzen(&target)
            .arg("restore")
            .arg(&archive)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("does not verify")
                    .and(predicate::str::contains("entry #2"))
                    .and(predicate::str::contains("the restore was undone")),
            );
        for table in ["organisations", "offerings", "audit_log"] {
            assert_eq!(
                number(&target, &format!("SELECT COUNT(*) FROM {table}")).await,
                0,
                "{table}"
            );
        }
    }
}
