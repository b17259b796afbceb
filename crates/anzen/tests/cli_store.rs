//! The database commands through the real binary, on a temporary SQLite database.

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

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("anzen").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("ANZEN_CONFIG")
            .env(
                "ANZEN_DATABASE_URL",
                format!("sqlite://{}", self.dir.path().join("db/anzen.db").display()),
            )
            .env("ANZEN_ACTOR", "compliance-officer");
        cmd
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self
            .cmd()
            .args(args)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    }
}

#[test]
fn organisations_offerings_and_verdict_history() {
    let env = Env::new();
    env.cmd()
        .arg("migrate")
        .assert()
        .success()
        .stdout(predicate::str::contains("sqlite"));
    env.cmd()
        .args(["org", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no organisations yet"));
    let provider = env.json(&[
        "org",
        "add",
        "--kind",
        "provider",
        "--name",
        "さくらメディカルクラウド株式会社",
    ]);
    let pid = provider["id"].as_str().unwrap().to_owned();
    let hospital = env.json(&[
        "org",
        "add",
        "--kind",
        "medical_institution",
        "--institution-kind",
        "hospital",
        "--name",
        "みなと総合病院",
    ]);
    assert_eq!(hospital["institution_kind"], "hospital");

    let no_contract = env.write("a.json", r#"{"schema":"anzen/scope-profile/v1","service":"Cloud EHR","handles_medical_information":true}"#);
    let offering = env.json(&[
        "offering",
        "add",
        "--provider",
        &pid,
        "--profile",
        &no_contract,
    ]);
    assert_eq!(offering["verdict"]["in_scope"], false);
    let oid = offering["id"].as_str().unwrap().to_owned();

    let with_contract = env.write(
        "b.json",
        r#"{"schema":"anzen/scope-profile/v1","service":"Cloud EHR","contract":{"provision":true},"handles_medical_information":true}"#,
    );
    env.cmd()
        .args([
            "offering",
            "set-profile",
            &oid,
            "--profile",
            &with_contract,
            "--revision",
            "1",
        ])
        .assert()
        .success();
    // A second writer that still holds revision 1 is refused and changes nothing.
    env.cmd()
        .args([
            "offering",
            "set-profile",
            &oid,
            "--profile",
            &no_contract,
            "--revision",
            "1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("changed since revision 1"));

    let shown = env.json(&["offering", "show", &oid]);
    assert_eq!(shown["verdict"]["in_scope"], true);
    let history = shown["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["verdict"]["in_scope"], false);
    assert_eq!(history[1]["recorded_by"], "operator:compliance-officer");

    env.cmd()
        .args(["offering", "show", &oid])
        .assert()
        .success()
        .stdout(predicate::str::contains("判定変更 / decision changed"));

    // Another organisation's member sees none of it.
    let other = env.json(&["org", "add", "--kind", "provider", "--name", "Other KK"]);
    let other_id = other["id"].as_str().unwrap();
    env.cmd()
        .args(["--as-org", other_id, "offering", "show", &oid])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("offering not found"));
    let listed = env.json(&["--as-org", other_id, "offering", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 0);
}

#[test]
fn bad_input_names_the_field() {
    let env = Env::new();
    env.cmd()
        .args(["org", "add", "--kind", "vendor", "--name", "X"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("kind").and(predicate::str::contains("medical_institution")),
        );
    env.cmd()
        .args(["org", "add", "--kind", "medical_institution", "--name", "X"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("institution_kind")
                .and(predicate::str::contains("dental_clinic")),
        );
    env.cmd()
        .args(["org", "add", "--kind", "provider", "--name", "  "])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("name: must not be empty"));
    env.cmd()
        .args(["offering", "show", "not-a-uuid"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a valid offering id"));
    let provider = env.json(&["org", "add", "--kind", "provider", "--name", "P"]);
    let hospital = env.json(&[
        "org",
        "add",
        "--kind",
        "medical_institution",
        "--institution-kind",
        "clinic",
        "--name",
        "C",
    ]);
    let profile = env.write(
        "p.json",
        r#"{"schema":"anzen/scope-profile/v1","service":"S","contract":{"provision":true}}"#,
    );
    let offering = env.json(&[
        "offering",
        "add",
        "--provider",
        provider["id"].as_str().unwrap(),
        "--profile",
        &profile,
    ]);
    env.cmd()
        .args([
            "contract",
            "add",
            "--institution",
            hospital["id"].as_str().unwrap(),
            "--provider",
            provider["id"].as_str().unwrap(),
            "--offering",
            offering["id"].as_str().unwrap(),
            "--kind",
            "provision",
            "--starts-on",
            "2026-04-01",
            "--ends-on",
            "2026-03-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ends_on"));
    // The hospital cannot be the provider of a contract.
    env.cmd()
        .args([
            "contract",
            "add",
            "--institution",
            hospital["id"].as_str().unwrap(),
            "--provider",
            hospital["id"].as_str().unwrap(),
            "--offering",
            offering["id"].as_str().unwrap(),
            "--kind",
            "lease",
            "--starts-on",
            "2026-04-01",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("provider"));
    let contracts = env.json(&["contract", "list"]);
    assert_eq!(
        contracts.as_array().unwrap().len(),
        0,
        "nothing half-written"
    );
}

#[test]
fn a_bad_configuration_file_is_explained() {
    let env = Env::new();
    let cfg = env.write(
        "anzen.toml",
        "[database]\nurl = \"sqlite://x.db\"\npool_size = 3\n",
    );
    env.cmd()
        .env_remove("ANZEN_DATABASE_URL")
        .args(["--config", &cfg, "org", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pool_size"));
    env.cmd()
        .args(["config", "example"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[database]"));
}

#[test]
fn demo_creates_a_fresh_database_and_refuses_to_overwrite_it() {
    let env = Env::new();
    env.cmd()
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("さくらクラウド電子カルテ")
                .and(predicate::str::contains("fictional")),
        );
    env.cmd()
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    env.cmd()
        .args(["demo", "--dir", "d", "--force", "--no-serve"])
        .assert()
        .success();
}

#[test]
fn audit_verify_names_a_changed_entry() {
    let env = Env::new();
    let provider = env.json(&["org", "add", "--kind", "provider", "--name", "P"]);
    let profile = env.write(
        "p.json",
        r#"{"schema":"anzen/scope-profile/v1","service":"S","contract":{"provision":true}}"#,
    );
    env.json(&[
        "offering",
        "add",
        "--provider",
        provider["id"].as_str().unwrap(),
        "--profile",
        &profile,
    ]);
    env.json(&["org", "add", "--kind", "provider", "--name", "Q"]);
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 entries"));

    // Change the second entry behind anzen's back, as someone with database access could.
    let db = env.dir.path().join("db/anzen.db");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        sqlx::query("UPDATE audit_log SET actor = 'operator:someone-else' WHERE seq = 2")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    env.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("1 entries verified"))
        .stderr(
            predicate::str::contains("audit entry #2").and(predicate::str::contains("altered")),
        );
}
