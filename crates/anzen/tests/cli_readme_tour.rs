//! The README's CLI tour (the block between `<!-- cli-tour:begin -->` and `<!-- cli-tour:end -->`),
//! run line by line as written, in a fresh folder after `anzen demo --no-serve`, with the
//! built binary on PATH: each line must succeed, as it would for a newcomer on a fresh clone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The shell lines of the tour, without comments or blank lines.
fn tour_lines() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let begin = readme
        .find("<!-- cli-tour:begin -->")
        .expect("the README has the CLI tour's begin marker");
    let end = readme[begin..]
        .find("<!-- cli-tour:end -->")
        .expect("the README has the CLI tour's end marker")
        + begin;
    readme[begin..end]
        .lines()
        .filter(|l| !l.starts_with("```") && !l.starts_with("<!--"))
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_readme_cli_tour_runs_as_written_after_the_demo() {
    let lines = tour_lines();
    assert!(
        lines.iter().filter(|l| l.starts_with("anzen ")).count() >= 8,
        "the tour has its commands: {lines:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(repo_root().join("examples"), dir.path().join("examples")).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("anzen");
    let bin_dir = bin.parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let clean = |cmd: &mut Command| {
        for var in [
            "ANZEN_CONFIG",
            "ANZEN_DATABASE_URL",
            "ANZEN_AUDIT_KEY",
            "ANZEN_SECRETS_KEY",
            "ANZEN_BIND",
        ] {
            cmd.env_remove(var);
        }
        cmd.current_dir(dir.path()).env("PATH", &path);
    };
    let mut demo = Command::new(&bin);
    clean(&mut demo);
    let out = demo.args(["demo", "--no-serve"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    let config = dir.path().join("demo-data/anzen.toml");
    let config = std::fs::canonicalize(&config).unwrap_or(config);
    assert!(
        printed.contains(&format!("export ANZEN_CONFIG={}", config.display())),
        "the demo prints the line for the CLI: {printed}"
    );

    // The lines run in one shell, in order, as a reader pastes them; each is checked.
    let mut script = String::from("set -u\n");
    for (i, line) in lines.iter().enumerate() {
        script.push_str(&format!(
            "{line} || {{ echo \"README line {n} failed: {quoted}\" >&2; exit 1; }}\n",
            n = i + 1,
            quoted = line.replace('"', "\\\"").replace('$', "\\$"),
        ));
    }
    let mut shell = Command::new("bash");
    clean(&mut shell);
    let out = shell.args(["-c", &script]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "stdout:\n{stdout}\nstderr:\n{stderr}");
    assert!(stdout.contains("intact"), "{stdout}");
    assert!(
        std::fs::read_to_string(dir.path().join("checkpoint.json"))
            .unwrap()
            .contains("anzen/audit-checkpoint/v1")
    );
    // Nothing of the tour created a database or key of its own in the working folder.
    assert!(!dir.path().join("anzen-data").exists());
}
