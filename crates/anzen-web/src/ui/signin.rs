//! Signing in and out: password, TOTP or recovery code, authenticator enrolment, and the
//! language switch.

use anzen_app::AppError;
use anzen_app::ports::SessionState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine as _;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::{add_cookie, render, render_status, safe_next, see_other};
use crate::extract::PageCtx;
use crate::i18n::Lang;
use crate::{AppState, cookies};

#[derive(Template)]
#[template(path = "signin/login.html")]
struct LoginPage {
    chrome: Chrome,
    login: String,
    next: String,
    error: String,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn login_page(ctx: PageCtx, Query(q): Query<NextQuery>) -> Response {
    if ctx.session.as_ref().is_some_and(|s| s.is_active()) {
        return Redirect::to("/").into_response();
    }
    let page = LoginPage {
        chrome: ctx.chrome(ctx.t("login.title"), Nav::None),
        login: String::new(),
        next: safe_next(&q.next),
        error: String::new(),
    };
    render(&ctx, &page)
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// Where a fresh session goes next.
fn after_sign_in(state: SessionState, must_change_password: bool, next: &str) -> String {
    match state {
        SessionState::MfaPending => "/login/mfa".into(),
        SessionState::MfaEnrolment => "/login/mfa/enrol".into(),
        SessionState::Active if must_change_password => "/account/password".into(),
        SessionState::Active => safe_next(next),
    }
}

pub async fn login(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<LoginForm>,
) -> Response {
    match state
        .app
        .sign_in(&form.login, &form.password, &ctx.client)
        .await
    {
        Ok(step) => {
            let mut res = see_other(
                &ctx,
                &after_sign_in(step.state, step.must_change_password, &form.next),
                None,
            );
            add_cookie(&mut res, cookies::session(step.token, ctx.secure));
            res
        }
        Err(e) => {
            let (status, key) = match e {
                AppError::TooManyAttempts => (
                    StatusCode::TOO_MANY_REQUESTS,
                    "login.error.too_many_attempts",
                ),
                AppError::Unauthenticated | AppError::Invalid(_) => {
                    (StatusCode::UNAUTHORIZED, "login.error.invalid_credentials")
                }
                other => return super::error_page::page(&ctx, other),
            };
            let page = LoginPage {
                chrome: ctx.chrome(ctx.t("login.title"), Nav::None),
                login: form.login,
                next: safe_next(&form.next),
                error: ctx.t(key).to_owned(),
            };
            render_status(&ctx, status, &page)
        }
    }
}

#[derive(Template)]
#[template(path = "signin/mfa.html")]
struct MfaPage {
    chrome: Chrome,
    error: String,
}

/// The session waiting for `state`, or a redirect to where the visitor belongs.
// The error is the response itself, returned at once; boxing it would gain nothing.
#[allow(clippy::result_large_err)]
fn waiting(
    ctx: &PageCtx,
    state: SessionState,
) -> Result<&anzen_app::accounts::SessionContext, Response> {
    match &ctx.session {
        Some(s) if s.session.state == state => Ok(s),
        Some(s) if s.is_active() => Err(Redirect::to("/").into_response()),
        _ => Err(Redirect::to("/login").into_response()),
    }
}

pub async fn mfa_page(ctx: PageCtx) -> Response {
    if let Err(r) = waiting(&ctx, SessionState::MfaPending) {
        return r;
    }
    render(
        &ctx,
        &MfaPage {
            chrome: ctx.chrome(ctx.t("login.mfa.heading"), Nav::None),
            error: String::new(),
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn mfa(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<CodeForm>,
) -> Response {
    let session = match waiting(&ctx, SessionState::MfaPending) {
        Ok(s) => s.clone(),
        Err(r) => return r,
    };
    match state.app.verify_mfa(&session, &form.code).await {
        Ok(step) => {
            let mut res = see_other(
                &ctx,
                &after_sign_in(step.state, step.must_change_password, "/"),
                Some((FlashKind::Success, ctx.t("flash.signed_in").to_owned())),
            );
            add_cookie(&mut res, cookies::session(step.token, ctx.secure));
            res
        }
        Err(AppError::Invalid(_)) => {
            let page = MfaPage {
                chrome: ctx.chrome(ctx.t("login.mfa.heading"), Nav::None),
                error: ctx.t("login.error.invalid_code").to_owned(),
            };
            render_status(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
        }
        Err(AppError::TooManyAttempts) => {
            let page = MfaPage {
                chrome: ctx.chrome(ctx.t("login.mfa.heading"), Nav::None),
                error: ctx.t("login.error.too_many_attempts").to_owned(),
            };
            render_status(&ctx, StatusCode::TOO_MANY_REQUESTS, &page)
        }
        Err(AppError::Unauthenticated) => Redirect::to("/login").into_response(),
        Err(e) => super::error_page::page(&ctx, e),
    }
}

#[derive(Template)]
#[template(path = "signin/enrol.html")]
struct EnrolPage {
    chrome: Chrome,
    secret: String,
    qr_data_uri: String,
    error: String,
}

/// An SVG QR code of `text` as a data URI (the CSP allows `data:` images only).
fn qr_data_uri(text: &str) -> Result<String, AppError> {
    let code = qrcode::QrCode::new(text.as_bytes())
        .map_err(|e| AppError::Internal(format!("QR code: {e}")))?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

async fn enrol_page_with(state: &AppState, ctx: &PageCtx, error: String) -> Response {
    let session = match waiting(ctx, SessionState::MfaEnrolment) {
        Ok(s) => s.clone(),
        Err(r) => return r,
    };
    let page = state.app.start_mfa_enrolment(&session).await.and_then(|e| {
        Ok(EnrolPage {
            chrome: ctx.chrome(ctx.t("mfa.enrol.title"), Nav::None),
            qr_data_uri: qr_data_uri(&e.otpauth_url)?,
            secret: e.secret,
            error: error.clone(),
        })
    });
    match page {
        Ok(p) if error.is_empty() => render(ctx, &p),
        Ok(p) => render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &p),
        Err(e) => super::error_page::page(ctx, e),
    }
}

pub async fn enrol_page(State(state): State<AppState>, ctx: PageCtx) -> Response {
    enrol_page_with(&state, &ctx, String::new()).await
}

#[derive(Template)]
#[template(path = "signin/recovery.html")]
struct RecoveryPage {
    chrome: Chrome,
    codes: Vec<String>,
    next: String,
}

pub async fn enrol(
    State(state): State<AppState>,
    ctx: PageCtx,
    Form(form): Form<CodeForm>,
) -> Response {
    let session = match waiting(&ctx, SessionState::MfaEnrolment) {
        Ok(s) => s.clone(),
        Err(r) => return r,
    };
    match state.app.confirm_mfa_enrolment(&session, &form.code).await {
        Ok((codes, step)) => {
            let next = step.as_ref().map_or_else(
                || "/".to_owned(),
                |s| after_sign_in(s.state, s.must_change_password, "/"),
            );
            let page = RecoveryPage {
                chrome: ctx.chrome(ctx.t("mfa.enrol.recovery_codes"), Nav::None),
                codes,
                next,
            };
            let mut res = render(&ctx, &page);
            if let Some(step) = step {
                add_cookie(&mut res, cookies::session(step.token, ctx.secure));
            }
            res
        }
        Err(AppError::Invalid(_)) => {
            enrol_page_with(&state, &ctx, ctx.t("login.error.invalid_code").to_owned()).await
        }
        Err(AppError::TooManyAttempts) => {
            enrol_page_with(
                &state,
                &ctx,
                ctx.t("login.error.too_many_attempts").to_owned(),
            )
            .await
        }
        Err(e) => super::error_page::page(&ctx, e),
    }
}

pub async fn logout(State(state): State<AppState>, ctx: PageCtx) -> Response {
    if let Some(session) = &ctx.session
        && let Err(e) = state.app.sign_out(session).await
    {
        return super::error_page::page(&ctx, e);
    }
    let mut res = see_other(
        &ctx,
        "/login",
        Some((FlashKind::Info, ctx.t("flash.signed_out").to_owned())),
    );
    add_cookie(&mut res, cookies::removal(cookies::SESSION, ctx.secure));
    res
}

#[derive(Debug, Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn switch_lang(ctx: PageCtx, Form(form): Form<LangForm>) -> Response {
    let lang = Lang::from_code(&form.lang).unwrap_or(ctx.lang);
    let mut res = see_other(&ctx, &safe_next(&form.next), None);
    add_cookie(&mut res, cookies::lang(lang.code(), ctx.secure));
    res
}
