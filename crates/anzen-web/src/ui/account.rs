//! The signed-in user's account: details, password change (where users who must change
//! their password are sent), enrolment of an authenticator app, and API tokens (the secret
//! shown once; revocable).

use anzen_app::AppError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use base64::Engine as _;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{FormErrors, fail, label};
use super::{add_cookie, render, render_status, see_other};
use crate::dates;
use crate::extract::SignedIn;
use crate::{AppState, cookies};

#[derive(Debug, Clone)]
struct TokenRow {
    id: String,
    name: String,
    prefix: String,
    created_at: String,
    expires_at: String,
    last_used_at: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "account/show.html")]
struct AccountPage {
    chrome: Chrome,
    display_name: String,
    login: String,
    org_name: String,
    role: &'static str,
    mfa_enabled: bool,
    mfa_required: bool,
    tokens: Vec<TokenRow>,
    token_name: String,
    token_days: String,
    errors: FormErrors,
}

async fn account_page(
    state: &AppState,
    user: &SignedIn,
    token_name: &str,
    token_days: &str,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let s = user.session();
    let tokens = match state.app.list_api_tokens(s).await {
        Ok(t) => t,
        Err(e) => return fail(ctx, e),
    };
    let page = AccountPage {
        chrome: ctx.chrome(ctx.t("nav.account"), Nav::Account),
        display_name: s.user.display_name.to_string(),
        login: s.user.login.to_string(),
        org_name: s.org_name.clone(),
        role: label(lang, s.user.role.label_ja(), s.user.role.label_en()),
        mfa_enabled: s.user.mfa_enabled,
        mfa_required: s.mfa_required,
        tokens: tokens
            .iter()
            .map(|t| TokenRow {
                id: t.id.clone(),
                name: t.name.clone(),
                prefix: t.prefix.clone(),
                created_at: dates::format_timestamp(t.created_at, lang),
                expires_at: t
                    .expires_at
                    .map(|x| dates::format_timestamp(x, lang))
                    .unwrap_or_default(),
                last_used_at: t
                    .last_used_at
                    .map(|x| dates::format_timestamp(x, lang))
                    .unwrap_or_default(),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        token_name: token_name.to_owned(),
        token_days: token_days.to_owned(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

pub async fn show(State(state): State<AppState>, user: SignedIn) -> Response {
    account_page(&state, &user, "", "", FormErrors::default()).await
}

#[derive(Template)]
#[template(path = "account/password.html")]
struct PasswordPage {
    chrome: Chrome,
    forced: bool,
    errors: FormErrors,
}

fn password_page(user: &SignedIn, errors: FormErrors) -> Response {
    let ctx = &user.ctx;
    let page = PasswordPage {
        chrome: ctx.chrome(ctx.t("account.password.title"), Nav::Account),
        forced: user.session().user.must_change_password,
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

pub async fn password_form(user: SignedIn) -> Response {
    password_page(&user, FormErrors::default())
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm_password: String,
}

pub async fn change_password(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<PasswordForm>,
) -> Response {
    let ctx = &user.ctx;
    if form.new_password != form.confirm_password {
        return password_page(
            &user,
            FormErrors::one("confirm_password", ctx.t("account.password.mismatch")),
        );
    }
    match state
        .app
        .change_password(user.session(), &form.current_password, &form.new_password)
        .await
    {
        // Every other session of the user has ended; this one goes on with a new token.
        Ok(step) => {
            let mut res = see_other(
                ctx,
                "/account",
                Some((
                    FlashKind::Success,
                    ctx.t("flash.password_changed").to_owned(),
                )),
            );
            add_cookie(&mut res, cookies::session(step.token, ctx.secure));
            res
        }
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => password_page(&user, errors),
            None => fail(ctx, e),
        },
    }
}

#[derive(Template)]
#[template(path = "account/mfa.html")]
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

async fn enrol_page(state: &AppState, user: &SignedIn, error: String) -> Response {
    let ctx = &user.ctx;
    if user.session().user.mfa_enabled {
        return see_other(
            ctx,
            "/account",
            Some((FlashKind::Info, ctx.t("account.mfa.already").to_owned())),
        );
    }
    let page = state
        .app
        .start_mfa_enrolment(user.session())
        .await
        .and_then(|e| {
            Ok(EnrolPage {
                chrome: ctx.chrome(ctx.t("mfa.enrol.title"), Nav::Account),
                qr_data_uri: qr_data_uri(&e.otpauth_url)?,
                secret: e.secret,
                error: error.clone(),
            })
        });
    match page {
        Ok(p) if error.is_empty() => render(ctx, &p),
        Ok(p) => render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &p),
        Err(e) => fail(ctx, e),
    }
}

pub async fn mfa_form(State(state): State<AppState>, user: SignedIn) -> Response {
    enrol_page(&state, &user, String::new()).await
}

#[derive(Template)]
#[template(path = "signin/recovery.html")]
struct RecoveryPage {
    chrome: Chrome,
    codes: Vec<String>,
    next: String,
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn mfa_confirm(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<CodeForm>,
) -> Response {
    let ctx = &user.ctx;
    if user.session().user.mfa_enabled {
        return see_other(ctx, "/account", None);
    }
    match state
        .app
        .confirm_mfa_enrolment(user.session(), &form.code)
        .await
    {
        Ok((codes, _)) => render(
            ctx,
            &RecoveryPage {
                chrome: ctx.chrome(ctx.t("mfa.enrol.recovery_codes"), Nav::Account),
                codes,
                next: "/account".into(),
            },
        ),
        Err(AppError::Invalid(_)) => {
            enrol_page(&state, &user, ctx.t("login.error.invalid_code").to_owned()).await
        }
        Err(AppError::TooManyAttempts) => {
            enrol_page(
                &state,
                &user,
                ctx.t("login.error.too_many_attempts").to_owned(),
            )
            .await
        }
        Err(e) => fail(ctx, e),
    }
}

#[derive(Template)]
#[template(path = "account/token.html")]
struct TokenPage {
    chrome: Chrome,
    token_name: String,
    secret: String,
    expires_at: String,
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    days: String,
}

/// `POST /account/tokens`: creates an API token and shows its secret once.
pub async fn create_token(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<TokenForm>,
) -> Response {
    let ctx = &user.ctx;
    let days = match form.days.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(d) => Some(d),
            Err(_) => {
                let errors = FormErrors::one("days", ctx.t("error.field.days"));
                return account_page(&state, &user, &form.name, &form.days, errors).await;
            }
        },
    };
    match state
        .app
        .create_api_token(user.session(), &form.name, days)
        .await
    {
        Ok(t) => render(
            ctx,
            &TokenPage {
                chrome: ctx.chrome(ctx.t("account.tokens.created"), Nav::Account),
                token_name: t.record.name.clone(),
                secret: t.secret,
                expires_at: t
                    .record
                    .expires_at
                    .map(|x| dates::format_timestamp(x, ctx.lang))
                    .unwrap_or_default(),
            },
        ),
        Err(e) => {
            // The use-case names the days field `expires_in_days`; the form calls it `days`.
            let e = match e {
                AppError::Invalid(mut fe) if fe.field == "expires_in_days" => {
                    fe.field = "days".into();
                    AppError::Invalid(fe)
                }
                e => e,
            };
            match FormErrors::from_error(ctx.lang, &e) {
                Some(errors) => account_page(&state, &user, &form.name, &form.days, errors).await,
                None => fail(ctx, e),
            }
        }
    }
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    match state.app.revoke_api_token(user.session(), &id).await {
        Ok(()) => see_other(
            ctx,
            "/account",
            Some((
                FlashKind::Success,
                ctx.t("account.tokens.revoked").to_owned(),
            )),
        ),
        Err(e) => fail(ctx, e),
    }
}
