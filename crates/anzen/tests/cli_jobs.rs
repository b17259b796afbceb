//! Recurring jobs through the real binary, on SQLite and on PostgreSQL (a new database in
//! the server `ANZEN_TEST_POSTGRES_URL` names): two `anzen serve` processes started at the
//! same moment on one database leave exactly one pending job of each recurring kind, and
//! one mail per overdue risk per day reaches the SMTP sink, however many runs happen
//! (`anzen jobs run` makes a job due now). `anzen jobs run` refuses an unknown name.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;

use crate::shared_db;
use shared_db::Db;

const RECURRING: [&str; 3] = ["purge_sessions", "review_reminders", "refresh_statuses"];

impl Db {
    fn pending(&self) -> Vec<i64> {
        RECURRING
            .iter()
            .map(|k| {
                self.count(&format!(
                    "SELECT COUNT(*) FROM jobs WHERE kind = '{k}' AND done_at IS NULL"
                ))
            })
            .collect()
    }
}

fn anzen(dir: &Path, db: &Db, smtp: &str) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_SMTP_URL", smtp)
        .args(["--database-url", &db.url]);
    cmd
}

/// Starts `anzen serve` on a free port; the child and its stdout lines.
fn spawn_serve(dir: &Path, db: &Db, smtp: &str) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("anzen"))
        .current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_SMTP_URL", smtp)
        .env("ANZEN_BIND", "127.0.0.1:0")
        .args(["--database-url", &db.url, "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// Reads the server's output until it says it listens (it queued the recurring jobs first).
fn wait_ready(out: &mut BufReader<std::process::ChildStdout>) {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            out.read_line(&mut line).unwrap() > 0,
            "anzen serve ended before listening"
        );
        if line.contains("anzen is listening") {
            return;
        }
    }
}

/// Polls until `done` holds (the job worker runs in the background; no timing is asserted,
/// the bound only stops a broken build from hanging).
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..1200 {
        if done() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("never happened: {what}");
}

fn two_nodes_schedule_once_and_remind_once(dir: &Path, db: &Db) {
    let sink = db.rt.block_on(anzen_mail::sink::SmtpSink::start()).unwrap();
    let smtp = sink.url();

    anzen(dir, db, "")
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success();
    // Two risks of a provider with mail addresses are overdue; no other is.
    db.exec(&[
        "UPDATE risks SET next_review = NULL",
        "UPDATE risks SET next_review = '2020-01-01' WHERE id IN (SELECT r.id FROM risks r \
         WHERE EXISTS (SELECT 1 FROM users u WHERE u.org_id = r.org_id AND u.disabled = 0 \
         AND u.login LIKE '%@%') ORDER BY r.id LIMIT 2)",
        "DELETE FROM jobs",
    ]);
    let overdue = db.count("SELECT COUNT(*) FROM risks WHERE next_review IS NOT NULL");
    assert_eq!(overdue, 2, "the demo has risks of a provider with users");

    // Two nodes start at the same moment.
    let (mut a, mut out_a) = spawn_serve(dir, db, &smtp);
    let (mut b, mut out_b) = spawn_serve(dir, db, &smtp);
    wait_ready(&mut out_a);
    wait_ready(&mut out_b);
    assert_eq!(db.pending(), vec![1, 1, 1], "one pending job of each kind");

    // The reminders were due at once: one node ran them.
    eventually("the nodes ran the due recurring jobs", || {
        RECURRING.iter().all(|k| {
            db.count(&format!(
                "SELECT COUNT(*) FROM jobs WHERE kind = '{k}' AND done_at IS NOT NULL"
            )) >= 1
        })
    });
    eventually("the reminders reached the sink", || {
        sink.received().len() >= 2
    });
    assert_eq!(db.pending(), vec![1, 1, 1], "each re-scheduled itself once");

    // An operator runs the reminders again, twice at once, while the nodes run.
    let runs: Vec<_> = (0..2)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("anzen"))
                .current_dir(dir)
                .env_remove("ANZEN_CONFIG")
                .env_remove("ANZEN_DATABASE_URL")
                .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
                .env("ANZEN_SMTP_URL", &smtp)
                .args(["--database-url", &db.url, "jobs", "run", "review_reminders"])
                .output_async()
        })
        .collect();
    for run in runs {
        let out = run.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || stderr.contains("being run by another node"),
            "{stderr}"
        );
    }
    a.kill().unwrap();
    b.kill().unwrap();
    a.wait().unwrap();
    b.wait().unwrap();

    let received = sink.received();
    assert_eq!(received.len(), 2, "one mail per overdue risk per day");
    for mail in &received {
        assert!(
            mail.to.iter().all(|t| t.contains('@')),
            "mailed to the provider's users: {:?}",
            mail.to
        );
    }
    assert_eq!(
        db.count("SELECT COUNT(*) FROM review_reminders_sent"),
        2,
        "one reminder recorded per risk for the day"
    );
    assert_eq!(db.pending(), vec![1, 1, 1]);

    // An unknown job is refused, naming the accepted ones.
    anzen(dir, db, "")
        .args(["jobs", "run", "nightly"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("NAME").and(predicate::str::contains(
                "purge_sessions, review_reminders, refresh_statuses",
            )),
        );
}

trait SpawnOutput {
    fn output_async(&mut self) -> Child;
}

impl SpawnOutput for std::process::Command {
    fn output_async(&mut self) -> Child {
        self.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }
}

#[test]
fn two_nodes_on_sqlite_schedule_once_and_remind_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::sqlite(dir.path());
    two_nodes_schedule_once_and_remind_once(dir.path(), &db);
}

#[test]
fn two_nodes_on_postgres_schedule_once_and_remind_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::postgres("jobs");
    two_nodes_schedule_once_and_remind_once(dir.path(), &db);
}
