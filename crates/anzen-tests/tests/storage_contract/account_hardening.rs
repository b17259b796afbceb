//! Accounts under attack: a password reset revokes sessions and API tokens, a password change
//! ends the other sessions, common passwords are refused, TOTP secrets are encrypted at rest
//! (and plain ones left by older versions are encrypted at start).

use anzen_app::AppError;
use anzen_app::accounts::{UserInput, totp};
use anzen_app::ports::SessionState;
use anzen_app::ports::prelude::*;
use anzen_domain::access::Role;
use anzen_tests::fixtures::{self, PASSWORD};
use anzen_tests::{TestDb, on_both_backends};
use jiff::SignedDuration;
use sqlx::Row;

use crate::accounts::enrolled_admin;

on_both_backends!(
    a_password_reset_revokes_sessions_and_api_tokens,
    a_password_change_ends_the_other_sessions_only,
    common_passwords_are_refused_with_the_field_named,
    totp_secrets_are_encrypted_at_rest,
);

async fn a_password_reset_revokes_sessions_and_api_tokens(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let member = fixtures::user(&app, &a, Role::ProviderMember, "member@a.example").await;
    let other = fixtures::user(&app, &a, Role::ProviderMember, "other@a.example").await;
    let mut sessions = Vec::new();
    let mut tokens = Vec::new();
    for login in ["member@a.example", "member@a.example", "other@a.example"] {
        let step = app.sign_in(login, PASSWORD, "127.0.0.1").await.unwrap();
        let ctx = app.session_context(&step.token).await.unwrap();
        tokens.push(app.create_api_token(&ctx, "CI", None).await.unwrap().secret);
        sessions.push(step.token);
    }
    for t in &tokens {
        assert!(app.caller_for_token(t).await.is_ok());
    }

    app.reset_password(
        &fixtures::operator(),
        member.id,
        "a new temporary passphrase".into(),
    )
    .await
    .unwrap();

    for (i, (session, token)) in sessions.iter().zip(&tokens).enumerate() {
        let of_member = i < 2;
        assert_eq!(
            app.session_context(session).await.is_err(),
            of_member,
            "session {i}"
        );
        let caller = app.caller_for_token(token).await;
        if of_member {
            assert!(
                matches!(caller, Err(AppError::Unauthenticated)),
                "token {i}: {caller:?}"
            );
        } else {
            assert!(caller.is_ok(), "another user's token stays valid");
        }
    }
    let stored = db.store.list_api_tokens(member.id).await.unwrap();
    assert!(stored.iter().all(|t| t.revoked_at.is_some()));
    assert!(
        db.store.list_api_tokens(other.id).await.unwrap()[0]
            .revoked_at
            .is_none()
    );
    let entry = db
        .store
        .audit_after(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.action == "user.reset_password")
        .unwrap();
    assert!(
        entry.summary.contains("2 API tokens revoked"),
        "{}",
        entry.summary
    );
    // The user signs in with the temporary password and must change it.
    let step = app
        .sign_in(
            "member@a.example",
            "a new temporary passphrase",
            "127.0.0.1",
        )
        .await
        .unwrap();
    assert!(step.must_change_password);
}

async fn a_password_change_ends_the_other_sessions_only(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::user(&app, &a, Role::ProviderMember, "member@a.example").await;
    fixtures::user(&app, &a, Role::ProviderMember, "other@a.example").await;
    let here = app
        .sign_in("member@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let elsewhere = app
        .sign_in("member@a.example", PASSWORD, "192.0.2.1")
        .await
        .unwrap();
    let someone_else = app
        .sign_in("other@a.example", PASSWORD, "192.0.2.2")
        .await
        .unwrap();
    let ctx = app.session_context(&here.token).await.unwrap();
    let token = app.create_api_token(&ctx, "CI", None).await.unwrap().secret;

    // Refused changes end nothing.
    let wrong = app
        .change_password(&ctx, "not my password", "a brand new passphrase")
        .await;
    assert!(matches!(wrong, Err(AppError::Invalid(ref e)) if e.field == "current_password"));
    assert!(app.session_context(&elsewhere.token).await.is_ok());

    let rotated = app
        .change_password(&ctx, PASSWORD, "a brand new passphrase")
        .await
        .unwrap();
    assert_eq!(rotated.state, SessionState::Active);
    assert_ne!(rotated.token, here.token, "this session's token is rotated");
    let now = app.session_context(&rotated.token).await.unwrap();
    assert_eq!(now.user.id, ctx.user.id);
    assert_eq!(
        now.session.expires_at, ctx.session.expires_at,
        "the rotation does not extend the session"
    );
    assert!(app.session_context(&here.token).await.is_err());
    assert!(
        app.session_context(&elsewhere.token).await.is_err(),
        "the other session is signed out"
    );
    assert!(app.session_context(&someone_else.token).await.is_ok());
    assert!(
        app.caller_for_token(&token).await.is_ok(),
        "the user's own change keeps their API tokens"
    );
    assert!(matches!(
        app.sign_in("member@a.example", PASSWORD, "127.0.0.1").await,
        Err(AppError::Unauthenticated)
    ));
    assert!(
        app.sign_in("member@a.example", "a brand new passphrase", "127.0.0.1")
            .await
            .is_ok()
    );
}

async fn common_passwords_are_refused_with_the_field_named(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    for (password, why) in [
        ("Password2024!", "commonly used"),
        ("qwertyuiop123", "commonly used"),
        ("hello nurse@a.example", "login id"),
    ] {
        let refused = app
            .add_user(
                &fixtures::operator(),
                UserInput {
                    org: a.id.to_string(),
                    login: "nurse@a.example".into(),
                    display_name: "Nurse".into(),
                    role: "provider_member".into(),
                    password: password.into(),
                    ..Default::default()
                },
            )
            .await;
        match refused {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.field, "password");
                assert!(e.message.contains(why), "{password}: {}", e.message);
            }
            other => panic!("{password}: {other:?}"),
        }
    }
    let user = fixtures::user(&app, &a, Role::ProviderMember, "member@a.example").await;
    let refused = app
        .reset_password(&fixtures::operator(), user.id, "iloveyou123456".into())
        .await;
    assert!(matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "password"));
    let step = app
        .sign_in("member@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let ctx = app.session_context(&step.token).await.unwrap();
    let refused = app.change_password(&ctx, PASSWORD, "1q2w3e4r5t6y").await;
    assert!(matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "new_password"));
    // Nothing was changed by the refusals.
    assert!(app.session_context(&step.token).await.is_ok());
}

async fn stored_secret(db: &TestDb, login: &str) -> String {
    sqlx::query("SELECT mfa_secret FROM users WHERE login = $1")
        .bind(login)
        .fetch_one(db.store.pool())
        .await
        .unwrap()
        .try_get::<String, _>(0)
        .unwrap()
}

async fn totp_secrets_are_encrypted_at_rest(db: &TestDb) {
    let (secret, recovery) = enrolled_admin(db, "admin@a.example").await;
    let stored = stored_secret(db, "admin@a.example").await;
    assert!(stored.starts_with("v1:"), "{stored}");
    assert!(!stored.contains(&secret));

    // An older version left the secret in plain text: it is encrypted at the next start,
    // once, and signing in with the app still works.
    sqlx::query("UPDATE users SET mfa_secret = $1 WHERE login = $2")
        .bind(secret.as_str())
        .bind("admin@a.example")
        .execute(db.store.pool())
        .await
        .unwrap();
    let at = fixtures::now()
        .checked_add(SignedDuration::from_mins(1))
        .unwrap();
    let app = db.app_at(at);
    assert_eq!(app.encrypt_stored_secrets().await.unwrap(), 1);
    assert_eq!(app.encrypt_stored_secrets().await.unwrap(), 0);
    let stored = stored_secret(db, "admin@a.example").await;
    assert!(stored.starts_with("v1:") && !stored.contains(&secret));
    let encrypted = db
        .store
        .audit_after(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "user.mfa_secret_encrypt")
        .count();
    assert_eq!(encrypted, 1);
    let step = app
        .sign_in("admin@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let pending = app.session_context(&step.token).await.unwrap();
    let code = totp::code_at(&secret, at.as_second()).unwrap();
    assert_eq!(
        app.verify_mfa(&pending, &code).await.unwrap().state,
        SessionState::Active
    );

    // A sealed secret copied to another user's row does not open there.
    fixtures::user(
        &app,
        &fixtures::provider(&app, "B").await,
        Role::ProviderAdmin,
        "admin@b.example",
    )
    .await;
    sqlx::query("UPDATE users SET mfa_secret = $1, mfa_enabled = 1 WHERE login = $2")
        .bind(stored.as_str())
        .bind("admin@b.example")
        .execute(db.store.pool())
        .await
        .unwrap();
    let step = app
        .sign_in("admin@b.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let pending = app.session_context(&step.token).await.unwrap();
    let later = at.checked_add(SignedDuration::from_mins(1)).unwrap();
    let code = totp::code_at(&secret, later.as_second()).unwrap();
    let refused = db.app_at(later).verify_mfa(&pending, &code).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "code"),
        "{refused:?}"
    );

    // With another secrets key (the key file replaced) no TOTP code is accepted, but the
    // hashed recovery codes still are.
    let store: std::sync::Arc<dyn anzen_app::Store> = db.store.clone();
    let replaced = anzen_app::App::new(
        store,
        std::sync::Arc::new(anzen_app::FixedClock(later)),
        std::sync::Arc::new(fixtures::audit_key()),
    )
    .with_secret_cipher(std::sync::Arc::new(anzen_app::XChaChaCipher::from_key(
        [1; 32],
    )));
    for (code, accepted) in [(code.as_str(), false), (recovery[0].as_str(), true)] {
        let step = replaced
            .sign_in("admin@a.example", PASSWORD, "127.0.0.1")
            .await
            .unwrap();
        let pending = replaced.session_context(&step.token).await.unwrap();
        assert_eq!(
            replaced.verify_mfa(&pending, code).await.is_ok(),
            accepted,
            "{code}"
        );
    }
}
