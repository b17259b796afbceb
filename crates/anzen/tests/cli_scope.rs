//! `anzen scope check` through the real binary: the contract's examples and bad input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/scope-profiles")
        .join(name)
}

fn anzen() -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL");
    cmd
}

fn verdict(file: &Path) -> Value {
    let out = anzen()
        .args(["scope", "check"])
        .arg(file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("the verdict is JSON")
}

#[test]
fn the_contract_examples_give_the_stated_verdicts() {
    let v = verdict(&example("cloud-ehr.json"));
    assert_eq!(v["schema"], "anzen/scope-verdict/v1");
    assert_eq!(v["in_scope"], true);
    assert_eq!(v["categories"], serde_json::json!(["contracted_provider"]));

    let v = verdict(&example("iaas-region.json"));
    assert_eq!(v["in_scope"], true);
    assert_eq!(
        v["categories"],
        serde_json::json!(["supply_chain_provider"])
    );

    let v = verdict(&example("pacs-sold-outright.json"));
    assert_eq!(v["in_scope"], false);
    assert_eq!(v["categories"], serde_json::json!([]));
    assert_eq!(v["covers_non_medical_data"], false);
    let refs: Vec<&str> = v["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ref"].as_str().unwrap())
        .collect();
    assert!(refs.contains(&"FAQ 1.1"), "{refs:?}");
}

#[test]
fn text_format_speaks_japanese_and_english() {
    anzen()
        .args(["scope", "check", "--format", "text"])
        .arg(example("phr-from-institution.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains("対象 / in scope"))
        .stdout(predicate::str::contains("patient_directed_recipient"))
        .stdout(predicate::str::contains("FAQ 1.4"));
}

#[test]
fn standard_input_is_accepted() {
    anzen()
        .args(["scope", "check", "-"])
        .write_stdin(
            r#"{"schema":"anzen/scope-profile/v1","service":"X","supplies_in_scope_service":true}"#,
        )
        .assert()
        .success()
        .stdout(predicate::str::contains("supply_chain_provider"));
}

/// Runs `scope check` on `content` and expects exit 2, no panic, and every `needle` in stderr.
fn refused(content: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("profile.json");
    std::fs::write(&file, content).unwrap();
    let assert = anzen()
        .args(["scope", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
    for n in needles {
        assert!(stderr.contains(n), "stderr lacks {n:?}: {stderr}");
    }
}

#[test]
fn bad_input_exits_2_with_a_message_naming_the_field_and_accepted_values() {
    refused(
        r#"{"schema":"anzen/scope-profile/v1","service":"X","colour":"red"}"#,
        &["colour", "unknown field", "supplies_in_scope_service"],
    );
    refused(
        r#"{"schema":"anzen/scope-profile/v1","service":"X","handles_medical_information":"yes"}"#,
        &["handles_medical_information", "boolean", "true, false"],
    );
    refused(
        r#"{"schema":"anzen/scope-profile/v1","service":"X","contract":{"maintenance":"weekly"}}"#,
        &[
            "contract.maintenance",
            "weekly",
            "provider_judgement",
            "security_patches_only",
        ],
    );
    refused(
        r#"{"schema":"anzen/scope-profile/v1","service":"X","deployment":"on_the_moon"}"#,
        &["deployment", "inside_institution", "outside_institution"],
    );
    refused("", &["empty"]);
    refused("this is not json", &["not valid JSON"]);
    refused(r#"{"service":"X"}"#, &["schema", "required"]);
    refused(
        r#"{"schema":"anzen/scope-profile/v9","service":"X"}"#,
        &["schema", "anzen/scope-profile/v1"],
    );
}

#[test]
fn a_directory_or_a_missing_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    anzen()
        .args(["scope", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a directory"));
    anzen()
        .args(["scope", "check"])
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the file"));
}

#[test]
fn a_file_or_standard_input_over_1_mib_exits_2_unread() {
    let dir = tempfile::tempdir().unwrap();
    // Valid JSON of 1 MiB + 1 byte: refused for its size, before it is parsed.
    let big = format!("{{}}{}", " ".repeat(1024 * 1024 - 1));
    let file = dir.path().join("big.json");
    std::fs::write(&file, &big).unwrap();
    anzen()
        .args(["scope", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("big.json").and(predicate::str::contains("1024 KiB")));
    anzen()
        .args(["scope", "check", "-"])
        .write_stdin(big)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("standard input").and(predicate::str::contains("1024 KiB")),
        );
}

#[test]
fn an_unknown_format_is_a_usage_error() {
    anzen()
        .args(["scope", "check", "--format", "yaml"])
        .arg(example("cloud-ehr.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("json").and(predicate::str::contains("text")));
}
