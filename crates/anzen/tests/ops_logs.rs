//! JSON logs of a real `anzen serve` at debug level: every line is a JSON object, each
//! request has a line with its request id (the caller's `x-request-id`, echoed), route
//! template, status and duration, and no line carries a password, an API token, a TOTP
//! secret or code, or a session cookie used during the run.

use std::path::Path;
use std::process::{Child, Stdio};

use assert_cmd::Command;
use serde_json::Value;

const ADMIN: &str = "admin@sakura-medical.example";
const PASSWORD: &str = "correct horse battery staple 7";

fn url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("d/anzen.db").display())
}

fn anzen(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("anzen").unwrap();
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env_remove("ANZEN_LOG")
        .env_remove("ANZEN_LOG_FORMAT")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .args(["--database-url", &url(dir)]);
    cmd
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s
        .find(start)
        .unwrap_or_else(|| panic!("`{start}` not in {s}"))
        + start.len();
    &s[from..from + s[from..].find(end).unwrap()]
}

fn cookie_value(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .map(|c| c.split(';').next().unwrap().to_owned())
        .filter(|c| !c.is_empty())
}

#[tokio::test(flavor = "multi_thread")]
async fn json_logs_carry_each_request_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    anzen(dir)
        .args(["demo", "--dir", "d", "--no-serve", "--password", PASSWORD])
        .assert()
        .success();
    let out = anzen(dir)
        .args(["token", "create", "--user", ADMIN])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let api_token = String::from_utf8(out)
        .unwrap()
        .split_whitespace()
        .find(|w| w.starts_with("anzen_"))
        .unwrap()
        .to_owned();

    std::fs::write(
        dir.join("anzen.toml"),
        "[log]\nlevel = \"debug\"\nformat = \"json\"\n",
    )
    .unwrap();
    let log_path = dir.join("server.log");
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("anzen"));
    cmd.current_dir(dir)
        .env_remove("ANZEN_CONFIG")
        .env_remove("ANZEN_DATABASE_URL")
        .env_remove("ANZEN_SMTP_URL")
        .env_remove("ANZEN_LOG")
        .env_remove("ANZEN_LOG_FORMAT")
        .env("ANZEN_AUDIT_KEY", "d/audit-signing.key")
        .env("ANZEN_BIND", "127.0.0.1:0")
        .args([
            "--config",
            "anzen.toml",
            "--database-url",
            &url(dir),
            "serve",
        ])
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log_path).unwrap());
    let mut server = Killed(cmd.spawn().unwrap());
    let stdout = server.0.stdout.take().unwrap();
    let addr = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(stdout);
        loop {
            let mut line = String::new();
            assert!(lines.read_line(&mut line).unwrap() > 0, "the server ended");
            if let Some(a) = line.trim().strip_prefix("anzen is listening on http://") {
                break a.to_owned();
            }
        }
    })
    .await
    .unwrap();
    let base = format!("http://{addr}");
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut secrets = vec![PASSWORD.to_owned(), api_token.clone()];

    // Sign in with the password, enrol an authenticator app (TOTP), reach a page.
    let page = client.get(format!("{base}/login")).send().await.unwrap();
    let page = page.text().await.unwrap();
    let csrf = between(&page, "name=\"csrf_token\" value=\"", "\"").to_owned();
    let res = client
        .post(format!("{base}/login"))
        .header("x-request-id", "ops-test-sign-in")
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("login", ADMIN),
            ("password", PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["x-request-id"], "ops-test-sign-in", "echoed");
    secrets.extend(cookie_value(&res, "anzen_session"));
    let page = client
        .get(format!("{base}/login/mfa/enrol"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let totp_secret = between(&page, "id=\"mfa-secret\" class=\"secret\">", "<").to_owned();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let code = anzen_app::accounts::totp::code_at(&totp_secret, now).unwrap();
    let res = client
        .post(format!("{base}/login/mfa/enrol"))
        .form(&[
            (
                "csrf_token",
                between(&page, "name=\"csrf_token\" value=\"", "\""),
            ),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200, "enrolled");
    let session = cookie_value(&res, "anzen_session").expect("a new session");
    secrets.push(totp_secret);
    secrets.push(session);
    let res = client.get(format!("{base}/risks")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let generated = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(
        generated.len(),
        36,
        "a new id when none is given: {generated}"
    );

    // The JSON API with the token; a request id that is not a plain token is replaced.
    let res = reqwest::Client::new()
        .get(format!("{base}/api/v1/risks"))
        .bearer_auth(&api_token)
        .header("x-request-id", "bad id\"}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_ne!(res.headers()["x-request-id"], "bad id\"}");
    drop(server);

    let log = std::fs::read_to_string(&log_path).unwrap();
    for secret in &secrets {
        assert!(secret.len() >= 16, "a secret worth looking for: {secret}");
        assert!(
            !log.contains(secret.as_str()),
            "a secret is in the log: {secret}"
        );
    }
    // The TOTP code too, unless it is a number the log holds for another reason.
    assert!(
        !log.contains(&format!("\"{code}\"")),
        "the TOTP code is in the log"
    );
    let lines: Vec<Value> = log
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(
        lines.iter().any(|l| l["level"] == "DEBUG"),
        "debug lines are written"
    );
    let requests: Vec<&Value> = lines.iter().filter(|l| l["message"] == "request").collect();
    for r in &requests {
        for field in [
            "request_id",
            "method",
            "route",
            "status",
            "duration_ms",
            "timestamp",
        ] {
            assert!(!r[field].is_null(), "`{field}` missing in {r}");
        }
    }
    let line_of = |id: &str| {
        requests
            .iter()
            .find(|r| r["request_id"] == id)
            .unwrap_or_else(|| panic!("no line of request {id}"))
    };
    let sign_in = line_of("ops-test-sign-in");
    assert_eq!(sign_in["route"], "/login");
    assert_eq!(sign_in["method"], "POST");
    assert_eq!(sign_in["status"], 303);
    assert_eq!(line_of(&generated)["route"], "/risks");
    assert!(
        requests
            .iter()
            .any(|r| r["route"] == "/api/v1/risks" && r["status"] == 200),
        "the API request is logged"
    );
}
