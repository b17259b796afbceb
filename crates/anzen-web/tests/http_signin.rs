//! Signing in over HTTP: password, MFA enrolment and codes, CSRF refusal, security headers.

use crate::support;

use anzen_domain::access::Role;
use support::{PASSWORD, TestApp, csrf_of, location};

#[tokio::test]
async fn an_administrator_enrols_mfa_then_signs_in_with_a_code() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderAdmin).await;
    let home = c.get(t.url("/")).send().await.unwrap();
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert!(
        html.contains("佐藤 管理者"),
        "the dashboard greets the administrator"
    );
    // Sign out, then in again: this time a code is asked for.
    let res = c
        .post(t.url("/logout"))
        .form(&[("csrf_token", csrf_of(&html).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&res), "/login");
    assert_eq!(
        location(&c.get(t.url("/")).send().await.unwrap()),
        "/login?next=%2F"
    );
    t.sign_in(&c, Role::ProviderAdmin).await;
    assert_eq!(c.get(t.url("/")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_form_posted_without_its_csrf_token_is_refused() {
    let t = TestApp::spawn().await;
    let c = t.client();
    c.get(t.url("/login")).send().await.unwrap();
    let login = t.login_of(Role::ProviderMember);
    let res = c
        .post(t.url("/login"))
        .form(&[("login", login.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let res = c
        .post(t.url("/login"))
        .form(&[
            ("csrf_token", "forged"),
            ("login", login.as_str()),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    // Signed in, the session's token is required; the pre-sign-in token no longer works.
    t.sign_in(&c, Role::ProviderMember).await;
    let res = c
        .post(t.url("/logout"))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert_eq!(
        c.get(t.url("/")).send().await.unwrap().status(),
        200,
        "still signed in"
    );
}

#[tokio::test]
async fn wrong_passwords_get_one_answer_and_pages_carry_security_headers() {
    let t = TestApp::spawn().await;
    let c = t.client();
    let page = c.get(t.url("/login")).send().await.unwrap();
    let h = page.headers().clone();
    assert!(
        h["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let html = page.text().await.unwrap();
    for login in [
        t.login_of(Role::ProviderMember),
        "nobody@example.jp".to_owned(),
    ] {
        let res = c
            .post(t.url("/login"))
            .form(&[
                ("csrf_token", csrf_of(&html).as_str()),
                ("login", login.as_str()),
                ("password", "wrong password!!"),
                ("next", "/"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("ログインIDまたはパスワード")
        );
    }
    assert_eq!(c.get(t.url("/healthz")).send().await.unwrap().status(), 200);
}
