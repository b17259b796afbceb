//! The provider's own controls (`GET`/`POST /controls/provider`, FAQ 5.3-R4) and the chapter 6
//! regulatory requirements not met by the offerings the user reaches
//! (`GET /controls/regulatory`, FAQ 7).

use anzen_app::AppError;
use anzen_domain::access::{Action, Subject};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{FormErrors, can, fail, forbidden, label};
use crate::ui::{render, render_status, see_other};

#[derive(Debug, Clone)]
struct ControlRow {
    key: String,
    title: String,
    description: String,
    created: String,
}

#[derive(Template)]
#[template(path = "controls/provider.html")]
struct ProviderPage {
    chrome: Chrome,
    rows: Vec<ControlRow>,
    can_write: bool,
    key: String,
    title: String,
    description: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct ControlForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
}

async fn provider_page(
    state: &AppState,
    user: &SignedIn,
    form: &ControlForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let controls = match state.app.list_provider_controls(&user.caller).await {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let page = ProviderPage {
        chrome: ctx.chrome(ctx.t("controls.provider.title"), Nav::Offerings),
        rows: controls
            .iter()
            .map(|c| ControlRow {
                key: c.key.clone(),
                title: c.title.clone(),
                description: c.description.clone(),
                created: format!(
                    "{} {}",
                    dates::format_timestamp(c.created_at, ctx.lang),
                    crate::ui::audit_text::actor(ctx.lang, &c.created_by, &Default::default())
                ),
            })
            .collect(),
        can_write: can(user, Subject::Controls, Action::Write),
        key: form.key.clone(),
        title: form.title.clone(),
        description: form.description.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /controls/provider`.
pub async fn list(State(state): State<AppState>, user: SignedIn) -> Response {
    provider_page(
        &state,
        &user,
        &ControlForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /controls/provider`.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<ControlForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Controls, Action::Write) {
        return forbidden(ctx);
    }
    match state
        .app
        .add_provider_control(&user.caller, &form.key, &form.title, &form.description)
        .await
    {
        Ok(c) => see_other(
            ctx,
            "/controls/provider",
            Some((
                FlashKind::Success,
                format!("{} {} {}", ctx.t("flash.created"), c.key, c.title),
            )),
        ),
        Err(AppError::Invalid(fe)) => {
            let errors = super::messages::form_errors(ctx.lang, &fe);
            provider_page(&state, &user, &form, errors).await
        }
        Err(e) => fail(ctx, e),
    }
}

#[derive(Debug, Clone)]
struct UnmetRowView {
    offering: String,
    href: String,
    key: String,
    title: String,
    reason_code: &'static str,
    reason: &'static str,
    planned_by: String,
}

#[derive(Template)]
#[template(path = "controls/regulatory.html")]
struct RegulatoryPage {
    chrome: Chrome,
    rows: Vec<UnmetRowView>,
}

/// `GET /controls/regulatory`.
pub async fn regulatory(State(state): State<AppState>, user: SignedIn) -> Response {
    let ctx = &user.ctx;
    let unmet = match state.app.unmet_regulatory(&user.caller, None).await {
        Ok(u) => u,
        Err(e) => return fail(ctx, e),
    };
    let page = RegulatoryPage {
        chrome: ctx.chrome(ctx.t("controls.regulatory.title"), Nav::Offerings),
        rows: unmet
            .iter()
            .map(|u| UnmetRowView {
                offering: u.offering_name.clone(),
                href: format!("/offerings/{}/controls#regulatory", u.offering),
                key: u.key.clone(),
                title: u.title.clone(),
                reason_code: u.reason.code(),
                reason: label(ctx.lang, u.reason.label_ja(), u.reason.label_en()),
                planned_by: u
                    .planned_by
                    .map(|d| dates::format_date(d, ctx.lang))
                    .unwrap_or_default(),
            })
            .collect(),
    };
    render(ctx, &page)
}
