//! API tokens from the command line, on a temporary SQLite database with the demo data:
//! `anzen token create` prints a token once that the JSON API accepts, audited like the web
//! form; unknown or disabled users and bad --expires are refused with exit 2 naming the
//! option; `anzen token revoke` ends the token; `anzen token list` shows it.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::Stdio;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use sqlx::Connection;

const ADMIN: &str = "admin@sakura-medical.example";

fn url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("d/anzen.db").display())
}

fn anzen(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .args(["--database-url", &url(dir)]);
    cmd
}

fn sql(dir: &Path, statement: &str) -> i64 {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut c = sqlx::SqliteConnection::connect(&url(dir)).await.unwrap();
        if statement.starts_with("SELECT") {
            sqlx::query_scalar(sqlx::AssertSqlSafe(statement))
                .fetch_one(&mut c)
                .await
                .unwrap()
        } else {
            sqlx::query(sqlx::AssertSqlSafe(statement))
                .execute(&mut c)
                .await
                .unwrap()
                .rows_affected() as i64
        }
    })
}

fn tokens(dir: &Path, login: &str) -> Vec<Value> {
    let out = anzen(dir)
        .args(["token", "list", "--user", login, "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice::<Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// The HTTP status of `GET /api/v1/me` with the bearer token, from a running server.
fn status_of_me(addr: &str, token: &str) -> u16 {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET /api/v1/me HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response}"))
}

#[test]
fn tokens_are_created_listed_and_revoked_without_the_web_form() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    anzen(dir)
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success();
    let audited_before = sql(
        dir,
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'api_token.%'",
    );

    // Bad input: exit 2 naming the option, nothing written.
    for days in ["0", "367", "-3", "ten"] {
        anzen(dir)
            .args(["token", "create", "--user", ADMIN, "--expires", days])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains("--expires")
                    .and(predicate::str::contains("1"))
                    .and(predicate::str::contains("366")),
            );
    }
    anzen(dir)
        .args(["token", "create", "--user", "nobody@example.jp"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--user").and(predicate::str::contains("nobody")));
    sql(
        dir,
        "UPDATE users SET disabled = 1 WHERE login = 'auditor@audit.example'",
    );
    anzen(dir)
        .args(["token", "create", "--user", "auditor@audit.example"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--user").and(predicate::str::contains("disabled")));
    assert!(tokens(dir, ADMIN).is_empty());
    assert_eq!(sql(dir, "SELECT COUNT(*) FROM api_tokens"), 0);

    // A token, printed once.
    let out = anzen(dir)
        .args([
            "token",
            "create",
            "--user",
            ADMIN,
            "--expires",
            "30",
            "--name",
            "nightly export",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let secret = out
        .split_whitespace()
        .find(|w| w.starts_with("anzen_"))
        .expect("the token is printed")
        .to_owned();
    let listed = tokens(dir, ADMIN);
    assert_eq!(listed.len(), 1);
    assert_eq!(
        tokens(dir, &ADMIN.to_uppercase()),
        listed,
        "logins are case-insensitive"
    );
    assert_eq!(listed[0]["name"], "nightly export");
    assert!(listed[0]["expires_at"].is_string());
    assert!(listed[0]["revoked_at"].is_null());
    assert!(!serde_json::to_string(&listed).unwrap().contains(&secret));
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    assert!(out.contains(&id));

    // The API accepts it as the user.
    let mut server = std::process::Command::new(assert_cmd::cargo::cargo_bin("anzen"))
        .current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_BIND", "127.0.0.1:0")
        .args(["--database-url", &url(dir), "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(server.stdout.take().unwrap());
    let addr = loop {
        let mut line = String::new();
        assert!(lines.read_line(&mut line).unwrap() > 0, "the server ended");
        if let Some(a) = line.trim().strip_prefix("anzen is listening on http://") {
            break a.to_owned();
        }
    };
    assert_eq!(status_of_me(&addr, &secret), 200);

    // Revoked: the API refuses it; revoking again or an unknown id is refused.
    anzen(dir).args(["token", "revoke", &id]).assert().success();
    assert_eq!(status_of_me(&addr, &secret), 401);
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(tokens(dir, ADMIN)[0]["revoked_at"].is_string());
    anzen(dir)
        .args(["token", "revoke", &id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already revoked"));
    anzen(dir)
        .args(["token", "revoke", "no-such-token"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ID"));

    // Audited like the web form: one entry for the creation, one for the revocation.
    assert_eq!(
        sql(
            dir,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'api_token.%'"
        ) - audited_before,
        2
    );
    anzen(dir).args(["audit", "verify"]).assert().success();
}
