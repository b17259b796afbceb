//! Accounts: sign-in with MFA, session rotation and expiry, lockout, throttling, API tokens,
//! user isolation.

use anzen_app::AppError;
use anzen_app::accounts::totp;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{Page, Reach, SessionState};
use anzen_domain::access::Role;
use anzen_tests::fixtures::{self, PASSWORD};
use anzen_tests::{TestDb, on_both_backends};
use jiff::{SignedDuration, Timestamp};

on_both_backends!(
    an_administrator_enrols_and_signs_in_with_mfa,
    sessions_end_when_idle_or_signed_out,
    repeated_failures_lock_the_account,
    too_many_attempts_from_one_client_are_refused,
    api_tokens_are_hashed_scoped_and_revocable,
    users_are_isolated,
    a_totp_step_is_consumed_once_whatever_the_concurrency,
    a_recovery_code_is_used_once_whatever_the_concurrency,
    failed_codes_lock_the_account_across_password_steps,
);

fn later(mins: i64) -> Timestamp {
    fixtures::now()
        .checked_add(SignedDuration::from_mins(mins))
        .unwrap()
}

async fn an_administrator_enrols_and_signs_in_with_mfa(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let admin = fixtures::user(&app, &a, Role::ProviderAdmin, "admin@a.example").await;

    // Administrators must enrol MFA before anything else.
    let step = app
        .sign_in("Admin@A.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(step.state, SessionState::MfaEnrolment);
    let ctx = app.session_context(&step.token).await.unwrap();
    assert!(!ctx.is_active() && ctx.mfa_required);
    let enrolment = app.start_mfa_enrolment(&ctx).await.unwrap();
    let wrong = app.confirm_mfa_enrolment(&ctx, "000000").await;
    assert!(
        matches!(wrong, Err(AppError::Invalid(ref e)) if e.field == "code"),
        "{wrong:?}"
    );
    let code = totp::code_at(&enrolment.secret, fixtures::now().as_second()).unwrap();
    let (recovery, active) = app.confirm_mfa_enrolment(&ctx, &code).await.unwrap();
    assert_eq!(recovery.len(), 10);
    let active = active.expect("the enrolment session becomes active");
    assert_eq!(active.state, SessionState::Active);
    assert_ne!(active.token, step.token, "the session token is rotated");
    assert!(
        app.session_context(&step.token).await.is_err(),
        "the old token is void"
    );
    let ctx = app.session_context(&active.token).await.unwrap();
    assert!(ctx.is_active());
    assert_eq!(ctx.user.id, admin.id);

    // The next sign-in asks for a code; the code already used is refused (no replay).
    app.sign_out(&ctx).await.unwrap();
    let step = app
        .sign_in("admin@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(step.state, SessionState::MfaPending);
    let pending = app.session_context(&step.token).await.unwrap();
    assert!(
        app.verify_mfa(&pending, &code).await.is_err(),
        "a code is accepted once"
    );
    // A recovery code works, once.
    let ok = app
        .verify_mfa(&pending, &recovery[0].to_uppercase())
        .await
        .unwrap();
    assert_eq!(ok.state, SessionState::Active);
    let step = app
        .sign_in("admin@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let pending = app.session_context(&step.token).await.unwrap();
    assert!(
        app.verify_mfa(&pending, &recovery[0]).await.is_err(),
        "a recovery code is used once"
    );
    // A minute later, the new code works.
    let app2 = db.app_at(later(1));
    let step = app2
        .sign_in("admin@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let pending = app2.session_context(&step.token).await.unwrap();
    let code = totp::code_at(&enrolment.secret, later(1).as_second()).unwrap();
    assert_eq!(
        app2.verify_mfa(&pending, &code).await.unwrap().state,
        SessionState::Active
    );
}

async fn sessions_end_when_idle_or_signed_out(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::user(&app, &a, Role::ProviderMember, "member@a.example").await;
    let step = app
        .sign_in("member@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    assert_eq!(
        step.state,
        SessionState::Active,
        "MFA is optional for members"
    );
    // Each request moves the idle end: 29 minutes after the last one is fine, 31 is not.
    assert!(
        db.app_at(later(29))
            .session_context(&step.token)
            .await
            .is_ok()
    );
    assert!(
        db.app_at(later(58))
            .session_context(&step.token)
            .await
            .is_ok()
    );
    assert!(
        db.app_at(later(89))
            .session_context(&step.token)
            .await
            .is_err(),
        "idle for over 30 minutes"
    );
    // Whatever the activity, the session ends 12 hours after sign-in.
    let step = app
        .sign_in("member@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    for mins in (20..=700).step_by(20) {
        assert!(
            db.app_at(later(mins))
                .session_context(&step.token)
                .await
                .is_ok(),
            "{mins}"
        );
    }
    assert!(
        db.app_at(later(721))
            .session_context(&step.token)
            .await
            .is_err(),
        "absolute end"
    );
    let step = app
        .sign_in("member@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let ctx = app.session_context(&step.token).await.unwrap();
    app.sign_out(&ctx).await.unwrap();
    assert!(matches!(
        app.session_context(&step.token).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(app.session_context("not-a-token").await.is_err());
}

async fn repeated_failures_lock_the_account(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::user(&app, &a, Role::ProviderMember, "member@a.example").await;
    for _ in 0..5 {
        assert!(matches!(
            app.sign_in("member@a.example", "wrong password!", "10.0.0.1")
                .await,
            Err(AppError::Unauthenticated)
        ));
    }
    // Locked: even the right password is refused, with the same answer.
    assert!(matches!(
        app.sign_in("member@a.example", PASSWORD, "10.0.0.2").await,
        Err(AppError::Unauthenticated)
    ));
    let locked = db
        .store
        .audit_after(0, 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "user.locked")
        .count();
    assert_eq!(locked, 1);
    // After the lockout period the right password works again.
    assert!(
        db.app_at(later(16))
            .sign_in("member@a.example", PASSWORD, "10.0.0.3")
            .await
            .is_ok()
    );
    // Unknown users get the same answer.
    assert!(matches!(
        app.sign_in("nobody@a.example", PASSWORD, "10.0.0.4").await,
        Err(AppError::Unauthenticated)
    ));
}

async fn too_many_attempts_from_one_client_are_refused(db: &TestDb) {
    let app = db.app();
    for _ in 0..20 {
        assert!(matches!(
            app.sign_in("nobody@x.example", "whatever pass", "192.0.2.9")
                .await,
            Err(AppError::Unauthenticated)
        ));
    }
    assert!(matches!(
        app.sign_in("nobody@x.example", "whatever pass", "192.0.2.9")
            .await,
        Err(AppError::TooManyAttempts)
    ));
    // Another client is not affected, nor the same client in the next window.
    assert!(matches!(
        app.sign_in("nobody@x.example", "whatever pass", "192.0.2.10")
            .await,
        Err(AppError::Unauthenticated)
    ));
    assert!(matches!(
        db.app_at(later(6))
            .sign_in("nobody@x.example", "whatever pass", "192.0.2.9")
            .await,
        Err(AppError::Unauthenticated)
    ));
}

async fn api_tokens_are_hashed_scoped_and_revocable(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::user(&app, &a, Role::ProviderMember, "member@a.example").await;
    let step = app
        .sign_in("member@a.example", PASSWORD, "127.0.0.1")
        .await
        .unwrap();
    let ctx = app.session_context(&step.token).await.unwrap();
    let token = app.create_api_token(&ctx, "CI", Some(30)).await.unwrap();
    assert!(token.secret.starts_with("anzen_"));
    let stored = db.store.list_api_tokens(ctx.user.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token.secret, "hashed at rest");
    let caller = app.caller_for_token(&token.secret).await.unwrap();
    assert_eq!(caller.org(), Some(a.id));
    assert!(app.caller_for_token("anzen_forged").await.is_err());
    assert!(
        db.app_at(later(60 * 24 * 31))
            .caller_for_token(&token.secret)
            .await
            .is_err(),
        "expired"
    );
    app.revoke_api_token(&ctx, &token.record.id).await.unwrap();
    assert!(matches!(
        app.caller_for_token(&token.secret).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(app.create_api_token(&ctx, "x", Some(0)).await.is_err());
}

async fn users_are_isolated(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let ua = fixtures::user(&app, &a, Role::ProviderMember, "m@a.example").await;
    let ub = fixtures::user(&app, &b, Role::ProviderMember, "m@b.example").await;
    let seen = db
        .store
        .list_users(Reach::Owned(a.id), Page::all())
        .await
        .unwrap();
    assert_eq!(seen.rows, vec![ua.clone()]);
    assert!(db.store.user(Reach::Owned(a.id), ub.id).await.is_err());
    assert!(db.store.user(Reach::Owned(a.id), ua.id).await.is_ok());
    // A login is unique across the installation.
    let dup = app
        .add_user(
            &fixtures::operator(),
            anzen_app::accounts::UserInput {
                org: b.id.to_string(),
                login: "M@A.example".into(),
                display_name: "x".into(),
                role: "provider_member".into(),
                password: PASSWORD.into(),
                ..Default::default()
            },
        )
        .await;
    assert!(
        matches!(dup, Err(AppError::Invalid(ref e)) if e.field == "login"),
        "{dup:?}"
    );
}

/// An administrator with an authenticator app; returns its secret and the recovery codes.
pub(crate) async fn enrolled_admin(db: &TestDb, login: &str) -> (String, Vec<String>) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    fixtures::user(&app, &a, Role::ProviderAdmin, login).await;
    let step = app.sign_in(login, PASSWORD, "127.0.0.1").await.unwrap();
    let ctx = app.session_context(&step.token).await.unwrap();
    let enrolment = app.start_mfa_enrolment(&ctx).await.unwrap();
    let code = totp::code_at(&enrolment.secret, fixtures::now().as_second()).unwrap();
    let (recovery, _) = app.confirm_mfa_enrolment(&ctx, &code).await.unwrap();
    (enrolment.secret, recovery)
}

/// `n` sessions of `login` waiting for their second step, at `at`.
async fn pending_sessions(
    app: &anzen_app::App,
    login: &str,
    n: usize,
) -> Vec<anzen_app::accounts::SessionContext> {
    let mut pending = Vec::new();
    for i in 0..n {
        let step = app
            .sign_in(login, PASSWORD, &format!("10.1.0.{i}"))
            .await
            .unwrap();
        assert_eq!(step.state, SessionState::MfaPending);
        pending.push(app.session_context(&step.token).await.unwrap());
    }
    pending
}

/// Sends `code` from every session at once; returns how many were signed in.
async fn concurrent_codes(
    app: &anzen_app::App,
    pending: Vec<anzen_app::accounts::SessionContext>,
    code: &str,
) -> usize {
    let tasks: Vec<_> = pending
        .into_iter()
        .map(|ctx| {
            let app = app.clone();
            let code = code.to_owned();
            tokio::spawn(async move { app.verify_mfa(&ctx, &code).await })
        })
        .collect();
    let mut signed_in = 0;
    for t in tasks {
        match t.await.unwrap() {
            Ok(step) => {
                assert_eq!(step.state, SessionState::Active);
                signed_in += 1;
            }
            Err(AppError::Invalid(e)) => assert_eq!(e.field, "code"),
            Err(e) => panic!("unexpected: {e:?}"),
        }
    }
    signed_in
}

async fn a_totp_step_is_consumed_once_whatever_the_concurrency(db: &TestDb) {
    let (secret, _) = enrolled_admin(db, "admin@a.example").await;
    let at = later(1);
    let app = db.app_at(at);
    let code = totp::code_at(&secret, at.as_second()).unwrap();
    let pending = pending_sessions(&app, "admin@a.example", 4).await;
    assert_eq!(
        concurrent_codes(&app, pending, &code).await,
        1,
        "4 sessions sent the same code at once"
    );

    // The store's compare-and-set itself: of 4 concurrent transactions consuming one later
    // step, exactly one succeeds; an earlier step never does.
    let user = db
        .store
        .account_by_login("admin@a.example")
        .await
        .unwrap()
        .unwrap();
    let stored = user.mfa_secret.clone().unwrap();
    let step = at.as_second() / 30 + 2;
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let store = db.store.clone();
            let stored = stored.clone();
            tokio::spawn(async move {
                let mut tx = store.begin().await.unwrap();
                let won = tx
                    .consume_totp_step(user.user.id, &stored, step)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                won
            })
        })
        .collect();
    let mut won = 0;
    for t in tasks {
        won += usize::from(t.await.unwrap());
    }
    assert_eq!(won, 1);
    let mut tx = db.store.begin().await.unwrap();
    assert!(
        !tx.consume_totp_step(user.user.id, &stored, step - 1)
            .await
            .unwrap()
    );
    assert!(
        !tx.consume_totp_step(user.user.id, "another secret", step + 1)
            .await
            .unwrap(),
        "only while the secret is the one the code was checked against"
    );
    tx.commit().await.unwrap();
    assert_eq!(
        db.store.account(user.user.id).await.unwrap().mfa_last_step,
        Some(step)
    );
}

/// Failed codes are counted in the database, and a correct password does not clear them:
/// five failed codes lock the account, however many times the password is entered.
async fn failed_codes_lock_the_account_across_password_steps(db: &TestDb) {
    let (secret, _) = enrolled_admin(db, "admin@a.example").await;
    let app = db.app_at(later(1));
    for _ in 0..5 {
        let pending = pending_sessions(&app, "admin@a.example", 1).await;
        assert!(app.verify_mfa(&pending[0], "000000").await.is_err());
    }
    assert!(matches!(
        app.sign_in("admin@a.example", PASSWORD, "10.2.0.1").await,
        Err(AppError::Unauthenticated)
    ));
    let locked = db
        .store
        .account_by_login("admin@a.example")
        .await
        .unwrap()
        .unwrap();
    assert!(locked.locked_until.is_some());
    // After the lockout the right code works, and a complete sign-in clears the count.
    let app = db.app_at(later(17));
    let pending = pending_sessions(&app, "admin@a.example", 1).await;
    let code = totp::code_at(&secret, later(17).as_second()).unwrap();
    app.verify_mfa(&pending[0], &code).await.unwrap();
    let account = db.store.account(locked.user.id).await.unwrap();
    assert_eq!((account.failed_logins, account.locked_until), (0, None));
}

async fn a_recovery_code_is_used_once_whatever_the_concurrency(db: &TestDb) {
    let (_, recovery) = enrolled_admin(db, "admin@a.example").await;
    let app = db.app_at(later(1));
    let pending = pending_sessions(&app, "admin@a.example", 4).await;
    assert_eq!(concurrent_codes(&app, pending, &recovery[3]).await, 1);
    // The other codes still work, each once.
    let pending = pending_sessions(&app, "admin@a.example", 2).await;
    assert_eq!(concurrent_codes(&app, pending, &recovery[4]).await, 1);
}
