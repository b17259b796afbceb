//! A graceful stop through the real binary: `anzen serve` on the demo data gets SIGTERM while a
//! request is in flight and document jobs are rendering. It must stop accepting connections,
//! still answer the request in flight (its body is sent only after the signal, so the request
//! is certainly in flight at that moment), let the document jobs finish and record their
//! issues (they outlive the request: the server says it waits for them after the last answer),
//! then exit with status 0 and nothing reported unfinished.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

fn anzen(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_ACTOR", "operator")
        .args(["--database-url", "sqlite://d/anzen.db"]);
    cmd
}

/// Sends a whole request on a new connection and reads the whole answer: (status, body).
fn request(addr: SocketAddr, head: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body.as_bytes()).unwrap();
    answer(s)
}

fn answer(mut s: TcpStream) -> (u16, String) {
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("an HTTP answer: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

fn head(method: &str, path: &str, token: &str, body_len: usize) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {body_len}\r\nConnection: close\r\n\r\n"
    )
}

/// The server, killed if the test fails before it exits.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn sigterm_lets_the_request_in_flight_and_the_document_job_finish_then_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    anzen(dir)
        .args([
            "demo",
            "--no-serve",
            "--dir",
            "d",
            "--password",
            "Graceful-stop-2026",
        ])
        .assert()
        .success();
    let out = anzen(dir)
        .args(["token", "create", "--user", "admin@sakura-medical.example"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let token = stdout
        .lines()
        .find_map(|l| l.split_once(": anzen_").map(|(_, t)| format!("anzen_{t}")))
        .expect("the token is printed");

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("anzen"))
        .current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_BIND", "127.0.0.1:0")
        .env("ANZEN_LOG", "info")
        .args(["--database-url", "sqlite://d/anzen.db", "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let stderr = child.stderr.take().unwrap();
    let pid = child.id();
    let mut server = Server(child);
    let addr: SocketAddr = lines
        .next()
        .unwrap()
        .unwrap()
        .rsplit("http://")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = BufReader::new(stderr).read_to_string(&mut text);
        text
    });

    // The offering whose risks the demo records.
    let (status, risks) = request(addr, &head("GET", "/api/v1/risks", &token, 0), "");
    assert_eq!(status, 200, "{risks}");
    let risks: serde_json::Value = serde_json::from_str(&risks).unwrap();
    let offering = risks["items"][0]["offering"].as_str().unwrap().to_owned();

    // A request in flight: its head and the first half of its body are sent now, the rest
    // only after the signal.
    let new_org =
        r#"{"kind":"medical_institution","institution_kind":"clinic","name":"やまぶきクリニック"}"#;
    let mut in_flight = TcpStream::connect(addr).unwrap();
    in_flight
        .write_all(head("POST", "/api/v1/organisations", &token, new_org.len()).as_bytes())
        .unwrap();
    let (first, rest) = new_org.split_at(new_org.len() / 2);
    in_flight.write_all(first.as_bytes()).unwrap();

    // Document jobs (as many as a node renders at once), rendering when the signal comes.
    let kinds = [
        "applicability",
        "risk-treatment",
        "responsibility",
        "diagram",
    ];
    let mut jobs = Vec::new();
    for kind in kinds {
        let body = format!(r#"{{"kind":"{kind}","offering":"{offering}","format":"pdf"}}"#);
        let (status, job) = request(
            addr,
            &head("POST", "/api/v1/documents/jobs", &token, body.len()),
            &body,
        );
        assert_eq!(status, 202, "{kind}: {job}");
        let job: serde_json::Value = serde_json::from_str(&job).unwrap();
        jobs.push(format!(
            "/api/v1/documents/jobs/{}",
            job["id"].as_str().unwrap()
        ));
    }
    let (_, state) = request(addr, &head("GET", &jobs[0], &token, 0), "");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    assert_eq!(
        state["state"], "rendering",
        "the job must still render when the signal comes: {state}"
    );

    std::thread::sleep(Duration::from_millis(200));
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    std::thread::sleep(Duration::from_millis(300));

    // Stopping: no new connection is accepted, but the process waits for its work.
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err(),
        "a stopping server accepts no connection"
    );
    assert!(
        server.0.try_wait().unwrap().is_none(),
        "the server waits for the request in flight"
    );
    in_flight.write_all(rest.as_bytes()).unwrap();
    let (status, created) = answer(in_flight);
    assert_eq!(status, 201, "the request in flight is answered: {created}");

    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the server did not exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let log = log.join().unwrap();
    assert_eq!(status.code(), Some(0), "a graceful stop exits 0: {log}");
    assert!(log.contains("shutting down"), "{log}");
    // The jobs outlived the requests: the server waited for them after the last answer.
    assert!(
        log.contains("requests finished; waiting for"),
        "the document jobs were still rendering after the requests: {log}"
    );
    assert!(log.contains("anzen stopped"), "{log}");
    assert!(!log.contains("unfinished"), "{log}");

    anzen(dir)
        .args(["org", "list"])
        .assert()
        .success()
        .stdout(predicates::str::contains("やまぶきクリニック"));
    // Every job's document was issued and recorded.
    let out = anzen(dir)
        .args(["document", "list", "--format", "json"])
        .assert()
        .success();
    let listed: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let listed = listed
        .as_array()
        .or_else(|| listed["items"].as_array())
        .cloned()
        .unwrap_or_else(|| panic!("a list: {listed}"));
    assert_eq!(listed.len(), kinds.len(), "{listed:?}");
    anzen(dir).args(["audit", "verify"]).assert().success();
}
