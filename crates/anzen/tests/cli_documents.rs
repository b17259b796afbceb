//! Documents from the command line, on the demo data in a temporary SQLite database:
//! `anzen document render` issues a file whole (and records it), `anzen document verify`
//! accepts that exact file (exit 0) and rejects it with one byte changed (exit 3), a
//! re-issue after no change says so, and bad input is refused with exit 2 naming the field
//! and the accepted values, writing no file and issuing nothing.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn anzen(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .args([
            "--database-url",
            &format!("sqlite://{}", dir.join("d/anzen.db").display()),
        ]);
    cmd
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = anzen(dir)
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// The id of the demo's cloud EHR and of the hospital that contracts it.
fn ids(dir: &Path) -> (String, String) {
    let offerings = json(
        dir,
        &["offering", "list", "--format", "json", "--limit", "100"],
    );
    let ehr = offerings
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "さくらクラウド電子カルテ")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let orgs = json(dir, &["org", "list", "--format", "json", "--limit", "100"]);
    let hospital = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "みなと総合病院")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (ehr, hospital)
}

#[test]
fn an_issued_file_verifies_and_one_changed_byte_does_not() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    anzen(dir)
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success();
    let (ehr, hospital) = ids(dir);

    anzen(dir)
        .args(["document", "render", "risk-treatment", "--offering", &ehr])
        .args([
            "--institution",
            &hospital,
            "--format",
            "docx",
            "-o",
            "rt.docx",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("issued RT-").and(predicate::str::contains("first issue")),
        );
    let bytes = std::fs::read(dir.join("rt.docx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a ZIP");

    anzen(dir)
        .args(["document", "verify", "rt.docx"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("ISSUED RT-")
                .and(predicate::str::contains("みなと総合病院"))
                .and(predicate::str::contains("audit entry #")),
        );
    let v = json(dir, &["document", "verify", "rt.docx", "--format", "json"]);
    assert_eq!(v["issued"]["institution"], hospital.as_str());

    let mut changed = bytes.clone();
    let at = changed.len() / 2;
    changed[at] ^= 0x20;
    std::fs::write(dir.join("changed.docx"), &changed).unwrap();
    anzen(dir)
        .args(["document", "verify", "changed.docx"])
        .assert()
        .code(3)
        .stdout(predicate::str::contains("NOT ISSUED"));

    // The same data again: the same version, no change since the first issue.
    anzen(dir)
        .args(["document", "render", "risk-treatment", "--offering", &ehr])
        .args([
            "--institution",
            &hospital,
            "--format",
            "xlsx",
            "-o",
            "rt.xlsx",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("version 1")
                .and(predicate::str::contains("no change since RT-")),
        );
    let listed = json(dir, &["document", "list", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_names_the_field_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    anzen(dir)
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success();
    let (ehr, _) = ids(dir);
    let cases: &[(&[&str], &str)] = &[
        (
            &["minutes", "--offering", &ehr],
            "kind: unknown value `minutes` (accepted values: risk-treatment",
        ),
        (
            &["risk-treatment", "--offering", &ehr, "--format", "odt"],
            "format: unknown format \"odt\" (accepted values: pdf, docx, xlsx)",
        ),
        (&["risk-treatment", "--offering", "nope"], "offering"),
        (
            &["disclosure", "--offering", &ehr],
            "institution: the Table 4-1 disclosure is made per institution",
        ),
        (
            &[
                "risk-treatment",
                "--offering",
                "01a24df6-0000-7000-8000-000000000000",
            ],
            "offering not found",
        ),
    ];
    for (args, message) in cases {
        anzen(dir)
            .args(["document", "render"])
            .args(*args)
            .args(["-o", "out.pdf"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(*message));
        assert!(!dir.join("out.pdf").exists(), "{args:?} wrote a file");
    }
    let listed = json(dir, &["document", "list", "--format", "json"]);
    assert_eq!(listed.as_array().unwrap().len(), 0, "nothing was issued");
    anzen(dir)
        .args(["document", "verify", "missing.pdf"])
        .assert()
        .code(2);
    // Larger than any document anzen issues (256 MiB): refused by its size, unread (sparse).
    std::fs::File::create(dir.join("huge.pdf"))
        .unwrap()
        .set_len(256 * 1024 * 1024 + 1)
        .unwrap();
    anzen(dir)
        .args(["document", "verify", "huge.pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "huge.pdf: is larger than any document",
        ));
}
