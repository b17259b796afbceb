//! Running anzen in production, against a real `anzen serve` on the demo data (SQLite):
//! `/metrics` is off by default, then behind its token or on its own address only, and names
//! its metrics with route templates; `/readyz` and `anzen healthcheck` say ready, and name
//! the migration that is missing; `serve` refuses an address other than loopback unless a
//! TLS-ending proxy is declared.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use predicates::prelude::*;
use sqlx::Connection;

const TOKEN: &str = "metrics-token-0123456789";

fn url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("d/anzen.db").display())
}

fn anzen(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env_remove("ANZEN_BIND")
        .env_remove("ANZEN_METRICS_TOKEN")
        .env_remove("ANZEN_BEHIND_PROXY")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .args(["--database-url", &url(dir)]);
    cmd
}

fn demo(dir: &Path) {
    anzen(dir)
        .args(["demo", "--dir", "d", "--no-serve"])
        .assert()
        .success();
}

/// A running `anzen serve` with the configuration `config` (TOML).
struct Server {
    child: Child,
    addr: String,
    metrics_addr: Option<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(dir: &Path, config: &str, bind: &str, env: &[(&str, &str)]) -> Server {
    std::fs::write(dir.join("anzen.toml"), config).unwrap();
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("anzen"));
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env_remove("ANZEN_METRICS_TOKEN")
        .env_remove("ANZEN_BEHIND_PROXY")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_BIND", bind)
        .env("ANZEN_LOG", "warn")
        .args([
            "--config",
            "anzen.toml",
            "--database-url",
            &url(dir),
            "serve",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap());
    let mut metrics_addr = None;
    let addr = loop {
        let mut line = String::new();
        assert!(lines.read_line(&mut line).unwrap() > 0, "the server ended");
        if let Some(a) = line.trim().strip_prefix("metrics: http://") {
            metrics_addr = Some(a.trim_end_matches("/metrics").to_owned());
        }
        if let Some(a) = line.trim().strip_prefix("anzen is listening on http://") {
            break a.to_owned();
        }
    };
    Server {
        child,
        addr,
        metrics_addr,
    }
}

/// GET `path` with extra headers: the status, the response's head and its body.
fn get(addr: &str, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    s.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    (status, head.to_owned(), body.to_owned())
}

/// Polls `path` until `ok` holds of its answer (at most 20 s).
fn wait_for(
    addr: &str,
    path: &str,
    headers: &[(&str, &str)],
    ok: impl Fn(u16, &str) -> bool,
) -> String {
    let start = Instant::now();
    loop {
        let (status, _, body) = get(addr, path, headers);
        if ok(status, &body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{path} never became what the test waits for: {status} {body}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn api_token(dir: &Path) -> String {
    let out = anzen(dir)
        .args(["token", "create", "--user", "admin@sakura-medical.example"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out)
        .unwrap()
        .split_whitespace()
        .find(|w| w.starts_with("anzen_"))
        .unwrap()
        .to_owned()
}

#[test]
fn metrics_need_their_token_and_name_routes_by_template() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    demo(dir);
    let token = api_token(dir);

    // Off by default: no /metrics.
    let off = serve(dir, "", "127.0.0.1:0", &[]);
    assert_eq!(get(&off.addr, "/metrics", &[]).0, 404);
    drop(off);

    let config = format!("[metrics]\nenabled = true\ntoken = \"{TOKEN}\"\n");
    let s = serve(dir, &config, "127.0.0.1:0", &[]);
    assert_eq!(s.metrics_addr, None, "served on the main address");
    let bearer = format!("Bearer {token}");
    let (status, _, _) = get(&s.addr, "/api/v1/risks", &[("Authorization", &bearer)]);
    assert_eq!(status, 200);
    let unknown = "/api/v1/risks/01900000-0000-7000-8000-000000000000";
    assert_eq!(get(&s.addr, unknown, &[("Authorization", &bearer)]).0, 404);
    get(&s.addr, "/no/such/page", &[]);

    for refused in [
        vec![],
        vec![("Authorization", "Bearer wrong-token-0123456789")],
    ] {
        let (status, head, body) = get(&s.addr, "/metrics", &refused);
        assert_eq!(status, 401, "{head}");
        assert!(!body.contains("anzen_http"), "{body}");
    }
    let auth = format!("Bearer {TOKEN}");
    let text = wait_for(&s.addr, "/metrics", &[("Authorization", &auth)], |st, b| {
        st == 200 && b.contains("anzen_audit_last_verification_ok")
    });
    for name in [
        "# TYPE anzen_http_requests_total counter",
        "anzen_http_requests_total{method=\"GET\",route=\"/api/v1/risks\",status=\"200\"} 1",
        "anzen_http_requests_total{method=\"GET\",route=\"/api/v1/risks/{id}\",status=\"404\"} 1",
        "route=\"(unmatched)\",status=\"404\"",
        "# TYPE anzen_http_request_duration_seconds histogram",
        "anzen_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/risks\",le=\"+Inf\"} 1",
        "anzen_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/risks\"} 1",
        "anzen_db_pool_connections{state=\"idle\"}",
        "anzen_db_pool_connections{state=\"in_use\"}",
        "anzen_db_pool_max_connections 8",
        "anzen_db_acquire_wait_seconds_count{kind=\"read\"}",
        "anzen_db_acquire_wait_seconds_bucket{kind=\"write\",le=\"+Inf\"}",
        "anzen_document_jobs{state=\"rendering\"} 0",
        "anzen_document_jobs_limit 4",
        "anzen_document_jobs_failed_total 0",
        "anzen_mails_sent_total 0",
        "anzen_mails_failed_total 0",
        "anzen_audit_chain_entries ",
        "anzen_audit_last_verification_ok 1",
        "anzen_audit_last_verification_timestamp_seconds ",
        "anzen_job_runner_last_round_timestamp_seconds ",
    ] {
        assert!(text.contains(name), "`{name}` is missing from\n{text}");
    }
    // No raw path and no id reaches a label.
    assert!(!text.contains("01900000-0000"), "{text}");
    assert!(!text.contains("/no/such/page"), "{text}");
    let value = |name: &str| -> i64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap()
            .parse()
            .unwrap()
    };
    let chain = value("anzen_audit_chain_entries");
    let verified = value("anzen_audit_last_verification_entries");
    assert!(verified > 0 && verified <= chain, "{verified} of {chain}");
}

#[test]
fn metrics_on_their_own_address_are_not_on_the_main_one() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    demo(dir);
    let s = serve(
        dir,
        "[metrics]\nenabled = true\nbind = \"127.0.0.1:0\"\n",
        "127.0.0.1:0",
        &[],
    );
    let metrics = s
        .metrics_addr
        .clone()
        .expect("the metrics' address is printed");
    assert_ne!(metrics, s.addr);
    assert_eq!(get(&s.addr, "/metrics", &[]).0, 404);
    let (status, head, body) = get(&metrics, "/metrics", &[]);
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase()
            .contains("content-type: text/plain; version=0.0.4"),
        "{head}"
    );
    assert!(
        body.contains("# TYPE anzen_db_pool_connections gauge"),
        "{body}"
    );
    // The metrics' address serves nothing else.
    assert_eq!(get(&metrics, "/healthz", &[]).0, 404);
    assert_eq!(get(&metrics, "/api/v1/risks", &[]).0, 404);
}

#[test]
fn readiness_names_what_is_missing_and_healthcheck_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    demo(dir);
    let s = serve(dir, "", "127.0.0.1:0", &[]);
    let body = wait_for(&s.addr, "/readyz", &[], |st, _| st == 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "ready");
    for check in ["database", "migrations", "job_runner"] {
        assert_eq!(v["checks"][check], "ok", "{body}");
    }
    assert_eq!(get(&s.addr, "/healthz", &[]).0, 200);
    let base = format!("http://{}", s.addr);
    anzen(dir)
        .args(["healthcheck", "--url", &base])
        .assert()
        .success()
        .stdout(predicate::str::contains("ready"));
    // The default address comes from server.bind.
    anzen(dir)
        .env("ANZEN_BIND", &s.addr)
        .arg("healthcheck")
        .assert()
        .success();

    // A migration of this build that the database does not have: not ready, named.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut c = sqlx::SqliteConnection::connect(&url(dir)).await.unwrap();
        sqlx::query("DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)")
            .execute(&mut c)
            .await
            .unwrap();
    });
    let (status, _, body) = get(&s.addr, "/readyz", &[]);
    assert_eq!(status, 503, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "not_ready");
    assert_eq!(v["not_ready"], serde_json::json!(["migrations"]), "{body}");
    assert!(
        v["checks"]["migrations"]
            .as_str()
            .unwrap()
            .contains("1 not applied"),
        "{body}"
    );
    let out = anzen(dir)
        .args(["healthcheck", "--url", &base])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.trim().lines().count(), 1, "one line: {out}");
    assert!(
        out.contains("not ready") && out.contains("migrations"),
        "{out}"
    );
    drop(s);

    // Nobody listening: one line, exit 1. A URL it cannot use: exit 2 naming --url.
    let out = anzen(dir)
        .args(["healthcheck", "--url", &base])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("does not answer") && out.trim().lines().count() == 1,
        "{out}"
    );
    anzen(dir)
        .args(["healthcheck", "--url", "https://anzen.example"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--url"));
}

#[test]
fn serve_refuses_a_public_address_unless_a_tls_proxy_is_declared() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    demo(dir);
    anzen(dir)
        .env("ANZEN_BIND", "0.0.0.0:0")
        .arg("serve")
        .timeout(Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("server.behind_proxy = true")
                .and(predicate::str::contains("server.trusted_proxies"))
                .and(predicate::str::contains("0.0.0.0:0")),
        );
    // Declared: it serves (and answers on loopback too).
    let s = serve(
        dir,
        "[server]\nbehind_proxy = true\npublic_url = \"https://anzen.example\"\n",
        "0.0.0.0:0",
        &[],
    );
    let port = s.addr.rsplit(':').next().unwrap();
    let (status, head, _) = get(&format!("127.0.0.1:{port}"), "/healthz", &[]);
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase().contains("strict-transport-security"),
        "{head}"
    );
    drop(s);
    let s = serve(
        dir,
        "[server]\ntrusted_proxies = [\"10.0.0.1\"]\n",
        "0.0.0.0:0",
        &[],
    );
    assert!(s.addr.starts_with("0.0.0.0:"), "{}", s.addr);
    drop(s);
    let s = serve(dir, "", "0.0.0.0:0", &[("ANZEN_BEHIND_PROXY", "true")]);
    assert!(s.addr.starts_with("0.0.0.0:"));
}
