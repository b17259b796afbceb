//! `anzen audit verify`, `--checkpoint`, `anzen audit checkpoint` and the read-only commands
//! through the real binary, on a temporary SQLite database: removed newest entries are named,
//! a checkpoint round-trips and a tampered one is refused, an upgraded database gets its head
//! signed, and a command that only reads creates no database and no key.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("db/anzen.db")
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("anzen").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("ANZEN_CONFIG")
            .env_remove("ANZEN_AUDIT_KEY")
            .env(
                "ANZEN_DATABASE_URL",
                format!("sqlite://{}", self.db().display()),
            )
            .env("ANZEN_ACTOR", "compliance-officer");
        cmd
    }

    /// Three changes: entries 1–3.
    fn three_entries(&self) {
        for name in ["P", "Q", "R"] {
            self.cmd()
                .args(["org", "add", "--kind", "provider", "--name", name])
                .assert()
                .success();
        }
    }

    /// Runs SQL on the database behind anzen's back, as someone with database access could.
    fn sql(&self, statements: &[&str]) {
        sql_on(&format!("sqlite://{}", self.db().display()), statements);
    }

    fn checkpoint(&self, name: &str) -> String {
        let out = self
            .cmd()
            .args(["audit", "checkpoint"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let path = self.dir.path().join(name);
        std::fs::write(&path, &out).unwrap();
        path.display().to_string()
    }
}

fn sql_on(url: &str, statements: &[&str]) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(url).await.unwrap();
        for s in statements {
            sqlx::query(sqlx::AssertSqlSafe(*s))
                .execute(&mut conn)
                .await
                .unwrap();
        }
    });
}

/// Every file under `dir`, relative.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            out.extend(files(&e.path()).into_iter().map(|f| format!("{name}/{f}")));
            out.push(format!("{name}/"));
        } else {
            out.push(name);
        }
    }
    out.sort();
    out
}

#[test]
fn removed_newest_entries_are_named() {
    let env = Env::new();
    env.three_entries();
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 entries").and(predicate::str::contains("intact")));

    env.sql(&["DELETE FROM audit_log WHERE seq = 3"]);
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "entry 3 is missing: the chain ends at 2, its signed head is 3",
        ));
    // No checkpoint is issued over it.
    env.cmd()
        .args(["audit", "checkpoint"])
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("no checkpoint"));

    env.sql(&["DELETE FROM audit_log"]);
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "entries 1–3 are missing: the chain is empty, its signed head is 3",
        ));
}

#[test]
fn a_head_moved_back_is_refused_and_stops_changes() {
    let env = Env::new();
    env.three_entries();
    env.sql(&[
        "DELETE FROM audit_log WHERE seq = 3",
        "UPDATE audit_head SET last_seq = 2, \
         last_hash = (SELECT hash FROM audit_log WHERE seq = 2), signature = NULL",
    ]);
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("head (#2) is not signed"));
    env.cmd()
        .args(["org", "add", "--kind", "provider", "--name", "S"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing was changed"));
    env.cmd()
        .args(["org", "list", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"S\"").not());
}

#[test]
fn a_checkpoint_round_trips_and_a_tampered_one_is_refused() {
    let env = Env::new();
    env.three_entries();
    let file = env.checkpoint("checkpoint.json");
    let cp: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(cp["format"], "anzen/audit-checkpoint/v1");
    assert_eq!(cp["seq"], 3);
    assert_eq!(cp["public_key"].as_str().unwrap().len(), 64);
    env.cmd()
        .args(["org", "add", "--kind", "provider", "--name", "S"])
        .assert()
        .success();
    env.cmd()
        .args(["audit", "verify", "--checkpoint", &file])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("4 entries")
                .and(predicate::str::contains("the checkpoint of entry 3"))
                .and(predicate::str::contains("holds")),
        );

    // Edited to name entry 2: its signature no longer holds.
    let text = std::fs::read_to_string(&file).unwrap();
    let tampered = env.dir.path().join("tampered.json");
    std::fs::write(&tampered, text.replace("\"seq\": 3", "\"seq\": 2")).unwrap();
    env.cmd()
        .args(["audit", "verify", "--checkpoint"])
        .arg(&tampered)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "the checkpoint's signature does not verify",
        ));

    // Not a checkpoint at all: the field at fault, exit 2.
    std::fs::write(&tampered, text.replace("anzen/audit-checkpoint/v1", "v0")).unwrap();
    env.cmd()
        .args(["audit", "verify", "--checkpoint"])
        .arg(&tampered)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("format").and(predicate::str::contains(
                "accepted values: anzen/audit-checkpoint/v1",
            )),
        );
    env.cmd()
        .args(["audit", "verify", "--checkpoint", "missing.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));

    // An entry changed before the checkpoint is found.
    env.sql(&["UPDATE audit_log SET summary = 'nothing happened' WHERE seq = 2"]);
    env.cmd()
        .args(["audit", "verify", "--checkpoint", &file])
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("audit entry #2").and(predicate::str::contains(
                "to the checkpoint's entry 3: it breaks at entry 2",
            )),
        );
}

#[test]
fn read_only_commands_create_no_database_and_no_key() {
    let env = Env::new();
    let uuid = "01900000-0000-7000-8000-000000000000";
    let read_only: &[&[&str]] = &[
        &["audit", "verify"],
        &["audit", "verify", "--checkpoint", "cp.json"],
        &["audit", "checkpoint"],
        &["org", "list"],
        &["offering", "list"],
        &["offering", "show", uuid],
        &["contract", "list"],
        &["supply", "list"],
        &["user", "list"],
    ];
    for args in read_only {
        env.cmd().args(*args).assert().code(2).stderr(
            predicate::str::contains(env.db().display().to_string())
                .and(predicate::str::contains("creates none")),
        );
        assert_eq!(files(env.dir.path()), Vec::<String>::new(), "{args:?}");
    }

    // With a database but no key at the configured path: named, not created.
    env.cmd().arg("migrate").assert().success();
    let key = env.dir.path().join("elsewhere/audit.key");
    for args in read_only {
        env.cmd()
            .env("ANZEN_AUDIT_KEY", &key)
            .args(*args)
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(key.display().to_string())
                    .and(predicate::str::contains("no audit key")),
            );
    }
    assert!(!key.exists() && !env.dir.path().join("elsewhere").exists());
}

#[test]
fn an_older_database_is_refused_until_migrated_which_signs_its_head() {
    let env = Env::new();
    env.three_entries();
    // The database as it was before signed heads.
    env.sql(&[
        "ALTER TABLE audit_head DROP COLUMN signature",
        "ALTER TABLE audit_head DROP COLUMN key_id",
        "DELETE FROM _sqlx_migrations WHERE version = 9",
    ]);
    env.cmd().args(["audit", "verify"]).assert().code(2).stderr(
        predicate::str::contains("schema version 8").and(predicate::str::contains("anzen migrate")),
    );
    env.cmd()
        .arg("migrate")
        .assert()
        .success()
        .stderr(predicate::str::contains("signed the audit chain's head"));
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 entries").and(predicate::str::contains("intact")));
    env.three_entries();
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("6 entries"));

    // A head whose signature went missing later is signed only on request.
    env.sql(&["UPDATE audit_head SET signature = NULL"]);
    env.cmd().arg("migrate").assert().success();
    env.cmd().args(["audit", "verify"]).assert().code(1);
    env.cmd()
        .args(["audit", "sign-head"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(#6) is signed now"));
    env.cmd().args(["audit", "verify"]).assert().success();
}

#[test]
fn the_demo_leaves_a_checkpoint_that_verifies() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("d/audit-checkpoint.json") && out.contains("export ANZEN_CONFIG="),
        "{out}"
    );
    let cp: Value = serde_json::from_str(
        &std::fs::read_to_string(env.dir.path().join("d/audit-checkpoint.json")).unwrap(),
    )
    .unwrap();
    assert!(cp["seq"].as_i64().unwrap() > 10, "{cp}");
    env.cmd()
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .args([
            "--database-url",
            "sqlite://d/anzen.db",
            "audit",
            "verify",
            "--checkpoint",
            "d/audit-checkpoint.json",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("holds"));
    // The database the global --database-url names, not the folder's.
    env.cmd()
        .args([
            "--database-url",
            "sqlite://other/demo.db",
            "demo",
            "--dir",
            "e",
            "--no-serve",
        ])
        .assert()
        .success();
    assert!(env.dir.path().join("other/demo.db").is_file());
    assert!(!env.dir.path().join("e/anzen.db").exists());
    assert!(env.dir.path().join("e/audit-checkpoint.json").is_file());
}
