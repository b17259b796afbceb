//! Accounts under attack, over HTTP against the real server: one TOTP code signs in once
//! whatever the concurrency, an administrator's password reset revokes the user's API tokens
//! and sessions, a password change signs the other sessions out, common passwords are refused
//! with the field named in both languages, TOTP secrets are not stored in plain text, and the
//! database files are private.

use crate::api_support;
use crate::support;

use anzen_domain::access::Role;
use api_support::call;
use serde_json::json;
use support::{PASSWORD, TestApp, csrf_of, location};

/// A client that has passed the password step of `role` and waits for its code, with the
/// CSRF token of the code form.
async fn waiting_for_code(t: &TestApp, role: Role) -> (reqwest::Client, String) {
    let c = t.client();
    let page = c.get(t.url("/login")).send().await.unwrap();
    let page = page.text().await.unwrap();
    let res = c
        .post(t.url("/login"))
        .form(&[
            ("csrf_token", csrf_of(&page).as_str()),
            ("login", t.login_of(role).as_str()),
            ("password", PASSWORD),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/login/mfa");
    let page = c.get(t.url("/login/mfa")).send().await.unwrap();
    let csrf = csrf_of(&page.text().await.unwrap());
    (c, csrf)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_sessions_sending_one_totp_code_at_once_sign_in_once_on_sqlite() {
    four_sessions_sending_one_totp_code_at_once(TestApp::spawn().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn four_sessions_sending_one_totp_code_at_once_sign_in_once_on_postgres() {
    four_sessions_sending_one_totp_code_at_once(TestApp::spawn_on_postgres().await).await;
}

async fn four_sessions_sending_one_totp_code_at_once(t: TestApp) {
    // Enrol the administrator's authenticator (the clock then moves to the next step).
    t.sign_in(&t.client(), Role::ProviderAdmin).await;
    let secret = t.totp_secret(Role::ProviderAdmin);
    let mut waiting = Vec::new();
    for _ in 0..4 {
        waiting.push(waiting_for_code(&t, Role::ProviderAdmin).await);
    }
    let code = t.code(&secret);
    let sends: Vec<_> = waiting
        .iter()
        .map(|(c, csrf)| {
            c.post(t.url("/login/mfa"))
                .form(&[("csrf_token", csrf.as_str()), ("code", code.as_str())])
                .send()
        })
        .collect();
    let answers = futures_join_all(sends).await;
    let statuses: Vec<u16> = answers.iter().map(|r| r.status().as_u16()).collect();
    let signed_in = answers
        .iter()
        .filter(|r| r.status() == 303 && location(r) == "/")
        .count();
    assert_eq!(signed_in, 1, "statuses: {statuses:?}");
    assert_eq!(
        statuses.iter().filter(|s| **s == 422).count(),
        3,
        "{statuses:?}"
    );
    // Exactly one of the four clients reaches the dashboard.
    let mut at_home = 0;
    for (c, _) in &waiting {
        if c.get(t.url("/")).send().await.unwrap().status() == 200 {
            at_home += 1;
        }
    }
    assert_eq!(at_home, 1);
}

/// Awaits every request, in order (the requests run concurrently).
async fn futures_join_all<F>(futures: Vec<F>) -> Vec<reqwest::Response>
where
    F: std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap().unwrap());
    }
    out
}

#[tokio::test]
async fn a_password_reset_revokes_the_users_api_tokens_and_sessions() {
    let t = TestApp::spawn().await;
    let admin = t.token(Role::ProviderAdmin).await;
    let member_token = t.token(Role::ProviderMember).await;
    let browser = t.client();
    t.sign_in(&browser, Role::ProviderMember).await;
    assert_eq!(
        call(&t, "GET", "/me", Some(&member_token), None)
            .await
            .status,
        200
    );
    assert_eq!(browser.get(t.url("/")).send().await.unwrap().status(), 200);

    let member = call(&t, "GET", "/me", Some(&member_token), None).await.body["user"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reset = call(
        &t,
        "POST",
        &format!("/users/{member}/password-reset"),
        Some(&admin),
        Some(&json!({"password": "a temporary passphrase 7"})),
    )
    .await;
    assert_eq!(reset.status, 204, "{}", reset.text);

    let me = call(&t, "GET", "/me", Some(&member_token), None).await;
    assert_eq!(me.status, 401, "{}", me.text);
    assert_eq!(me.code(), "unauthenticated");
    let home = browser.get(t.url("/")).send().await.unwrap();
    assert_eq!(location(&home), "/login?next=%2F", "the session is gone");
    // The administrator's own token is untouched.
    assert_eq!(call(&t, "GET", "/me", Some(&admin), None).await.status, 200);
}

#[tokio::test]
async fn a_password_change_signs_the_other_session_out_and_keeps_this_one() {
    let t = TestApp::spawn().await;
    let here = t.client();
    let elsewhere = t.client();
    t.sign_in(&here, Role::ProviderMember).await;
    t.sign_in(&elsewhere, Role::ProviderMember).await;
    let page = here.get(t.url("/account/password")).send().await.unwrap();
    let page = page.text().await.unwrap();
    let res = here
        .post(t.url("/account/password"))
        .form(&[
            ("csrf_token", csrf_of(&page).as_str()),
            ("current_password", PASSWORD),
            ("new_password", "a fresh passphrase for tests"),
            ("confirm_password", "a fresh passphrase for tests"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account");
    let account = here.get(t.url("/account")).send().await.unwrap();
    assert_eq!(account.status(), 200, "this session goes on");
    let html = account.text().await.unwrap();
    assert!(html.contains("ほかの端末・ブラウザーのセッションはサインアウトされました"));
    let other = elsewhere.get(t.url("/account")).send().await.unwrap();
    assert_eq!(
        location(&other),
        "/login?next=%2Faccount",
        "the other session is signed out"
    );
}

#[tokio::test]
async fn a_common_password_is_refused_naming_the_field_in_both_languages() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    for (lang, expected) in [
        ("ja", "よく使われるパスワード"),
        ("en", "commonly used password that attackers try first"),
    ] {
        let page = c.get(t.url("/account/password")).send().await.unwrap();
        let page = page.text().await.unwrap();
        let res = c
            .post(t.url("/account/password"))
            .header("accept-language", lang)
            .form(&[
                ("csrf_token", csrf_of(&page).as_str()),
                ("current_password", PASSWORD),
                ("new_password", "Password2024!"),
                ("confirm_password", "Password2024!"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 422);
        let html = res.text().await.unwrap();
        assert!(html.contains(expected), "{lang}");
        assert!(
            html.contains("href=\"#field-new_password\""),
            "{lang}: the summary links the field"
        );
    }
    // The API names the field too.
    let admin = t.token(Role::ProviderAdmin).await;
    let me = call(&t, "GET", "/me", Some(&admin), None).await;
    let org = me.body["organisation"]["id"].as_str().unwrap().to_owned();
    let refused = call(
        &t,
        "POST",
        "/users",
        Some(&admin),
        Some(&json!({
            "org": org,
            "login": "new.nurse@example.jp",
            "display_name": "新人",
            "role": "provider_member",
            "password": "qwertyuiop123",
        })),
    )
    .await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    assert_eq!(refused.field(), "password");
    assert!(refused.text.contains("commonly used"), "{}", refused.text);
}

#[tokio::test]
async fn the_totp_secret_is_not_stored_in_plain_text() {
    let t = TestApp::spawn().await;
    t.sign_in(&t.client(), Role::ProviderAdmin).await;
    let secret = t.totp_secret(Role::ProviderAdmin);
    let db = t.db_path();
    let mut bytes = Vec::new();
    for name in ["anzen.db", "anzen.db-wal"] {
        bytes.extend(std::fs::read(db.with_file_name(name)).unwrap_or_default());
    }
    assert!(bytes.len() > 10_000, "the database was read");
    let found = bytes
        .windows(secret.len())
        .any(|w| w.eq_ignore_ascii_case(secret.as_bytes()));
    assert!(
        !found,
        "the TOTP secret is in the database files in plain text"
    );
    assert!(
        bytes.windows(3).any(|w| w == b"v1:"),
        "the sealed secret is stored"
    );
}

#[cfg(unix)]
#[tokio::test]
async fn the_database_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestApp::spawn().await;
    t.sign_in(&t.client(), Role::ProviderMember).await;
    for name in ["anzen.db", "anzen.db-wal", "anzen.db-shm"] {
        let path = t.db_path().with_file_name(name);
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600,
            "{name}"
        );
    }
}
