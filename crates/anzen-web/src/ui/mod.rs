//! The server-rendered UI: page chrome shared by every page, and the pages. Forms post and
//! redirect (POST → 303 → GET) with a one-time flash message.

mod account;
mod audit;
pub(crate) mod audit_text;
pub mod chain;
mod checklist;
pub mod chrome;
mod common;
mod contracts;
pub mod controls;
mod dashboard;
mod dashboard_tasks;
pub(crate) mod document_jobs;
mod documents;
pub(crate) mod error_page;
mod evaluations;
mod incidents;
#[cfg(test)]
mod kit_tests;
mod offerings;
mod oprules;
mod orgs;
pub(crate) mod risks;
pub(crate) mod scope_view;
mod signin;
mod supply;
mod users;
mod wizard;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderValue};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::cookie::Cookie;

use crate::extract::PageCtx;
use crate::{AppState, PageError, cookies};
use chrome::{Flash, FlashKind};

/// Every UI route, behind the CSRF guard.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(signin::login_page).post(signin::login))
        .route("/login/mfa", get(signin::mfa_page).post(signin::mfa))
        .route(
            "/login/mfa/enrol",
            get(signin::enrol_page).post(signin::enrol),
        )
        .route("/logout", post(signin::logout))
        .route("/lang", post(signin::switch_lang))
        .route("/", get(dashboard::show))
        .route("/organisations", get(orgs::list).post(orgs::create))
        .route("/organisations/new", get(orgs::new_form))
        .route("/offerings", get(offerings::list))
        .route("/offerings.csv", get(offerings::csv))
        .route("/offerings/{id}", get(offerings::show))
        .route("/offerings/{id}/documents", post(documents::issue))
        .route("/offerings/{id}/documents/jobs", post(document_jobs::start))
        .route("/documents/jobs/{id}", get(document_jobs::show))
        .route("/documents/jobs/{id}/file", get(document_jobs::file))
        .route(
            "/offerings/{id}/checklist",
            get(checklist::show).post(checklist::answer),
        )
        .route("/offerings/{id}/checklist/import", post(checklist::import))
        .route(
            "/offerings/{id}/checklist/editions",
            post(checklist::import_edition),
        )
        .route("/offerings/{id}/evaluations", post(evaluations::create))
        .route("/evaluations/{id}/follow-ups", post(evaluations::raise))
        .route("/documents", get(documents::list))
        .route(
            "/operational-rules",
            get(oprules::list).post(oprules::issue),
        )
        .route("/operational-rules/new", get(oprules::new))
        .route("/operational-rules/{id}", get(oprules::view))
        .route("/operational-rules/{id}/responses", post(oprules::respond))
        .route("/documents/verify", post(documents::verify))
        .route("/offerings/{id}/incidents", post(incidents::record))
        .route("/incidents", get(incidents::list))
        .route(
            "/incidents/{id}",
            get(incidents::show).post(incidents::update),
        )
        .route("/incidents/{id}/acknowledge", post(incidents::acknowledge))
        .route("/incidents/{id}/prevention", post(incidents::answer))
        .route("/incidents/{id}/close", post(incidents::close))
        .route("/scope/wizard", get(wizard::start).post(wizard::answer))
        .route("/scope/wizard/save", post(wizard::save))
        .route("/contracts", get(contracts::list).post(contracts::create))
        .route("/contracts.csv", get(contracts::csv))
        .route("/contracts/new", get(contracts::new_form))
        .route("/supply-links", get(supply::list).post(supply::create))
        .route("/supply-links/new", get(supply::new_form))
        .route("/audit", get(audit::list))
        .route("/audit.csv", get(audit::csv))
        .route("/users", get(users::list).post(users::create))
        .route("/users/new", get(users::new_form))
        .route("/users/mfa", post(users::require_mfa))
        .route("/users/{id}/reset-password", post(users::reset_password))
        .route("/account", get(account::show))
        .route(
            "/account/password",
            get(account::password_form).post(account::change_password),
        )
        .route(
            "/account/mfa",
            get(account::mfa_form).post(account::mfa_confirm),
        )
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route(
            "/risks",
            get(risks::register::list).post(risks::forms::create),
        )
        .route("/risks.csv", get(risks::register::csv))
        .route("/risks.xlsx", get(risks::register::xlsx))
        .route("/risks/new", get(risks::forms::new_form))
        .route("/risks/heat-map", get(risks::register::heat_map))
        .route(
            "/risks/matrix",
            get(risks::matrix::show).post(risks::matrix::define),
        )
        .route("/risks/{id}", get(risks::page::show))
        .route(
            "/risks/{id}/consent",
            get(risks::page::consent_form).post(risks::page::consent),
        )
        .route(
            "/risks/{id}/treatment",
            get(risks::forms::treatment_form).post(risks::forms::treat),
        )
        .route(
            "/risks/{id}/reassess",
            get(risks::forms::reassess_form).post(risks::forms::reassess),
        )
        .route("/risks/{id}/review", post(risks::page::review))
        .route("/risks/{id}/decline", post(risks::voice::decline))
        .route("/risks/{id}/questions", post(risks::voice::ask))
        .route("/risks/{id}/answers", post(risks::voice::answer))
        .route("/tech-notices", post(risks::forms::raise_notice))
        .route("/tech-notices/preview", post(risks::forms::preview_notice))
        .route("/tech-notices/new", get(risks::forms::notice_form))
        .route("/institution/duties", get(risks::register::duties))
        .route(
            "/offerings/{id}/components",
            post(risks::config::add_component),
        )
        .route(
            "/offerings/{id}/components/new",
            get(risks::config::component_form),
        )
        .route("/offerings/{id}/flows", post(risks::config::add_flow))
        .route("/offerings/{id}/flows/new", get(risks::config::flow_form))
        .route("/flows/{id}", post(risks::flow_edit::update_flow))
        .route("/flows/{id}/edit", get(risks::flow_edit::edit_flow_form))
        .merge(chain_routes())
        .merge(controls_routes())
}

/// The supply chain's pages: the chain diagram, agreements, certifications, the device
/// ledger, disclosures and change notifications.
fn chain_routes() -> Router<AppState> {
    use chain::{
        agreements, certifications, devices, disclosures, notifications, notifications_sent, page,
    };
    Router::new()
        .route("/offerings/{id}/chain", get(page::show))
        .route(
            "/contracts/{id}/agreements",
            get(agreements::list).post(agreements::open),
        )
        .route(
            "/agreements/{id}",
            get(agreements::show).post(agreements::revise),
        )
        .route("/agreements/{id}/agree", post(agreements::agree))
        .route(
            "/certifications",
            get(certifications::list).post(certifications::create),
        )
        .route("/certifications/exemption", post(chain::exemption::record))
        .route(
            "/certifications/exemption/withdraw",
            post(chain::exemption::withdraw),
        )
        .route("/devices", get(devices::list).post(devices::create))
        .route("/devices/new", get(devices::new_form))
        .route("/devices/{id}", post(devices::update))
        .route("/devices/{id}/edit", get(devices::edit_form))
        .route(
            "/devices/{id}/dispose",
            get(devices::dispose_form).post(devices::dispose),
        )
        .route(
            "/institutions/{id}/disclosures",
            get(disclosures::show).post(disclosures::create),
        )
        .route(
            "/notifications",
            get(notifications::inbox).post(notifications::announce),
        )
        .route("/notifications/new", get(notifications::announce_form))
        .route("/notifications/sent", get(notifications_sent::sent))
        .route(
            "/notifications/{id}/acknowledge",
            post(notifications::acknowledge),
        )
}

/// The controls' pages (FAQ 5.3, 5.4, 7): the statement table of an offering with its
/// exports and forms, the Appendix 2 versions and their upload, the provider's own controls,
/// and the regulatory requirements not met.
fn controls_routes() -> Router<AppState> {
    use controls::{catalogues, form, provider, table};
    Router::new()
        .route("/offerings/{id}/controls", get(table::show))
        .route("/offerings/{id}/controls.csv", get(table::csv))
        .route("/offerings/{id}/controls.xlsx", get(table::xlsx))
        .route(
            "/offerings/{id}/controls/statement",
            get(form::show).post(form::save),
        )
        .route(
            "/controls/catalogues",
            get(catalogues::list).post(catalogues::upload),
        )
        .route("/controls/catalogues/{id}", get(catalogues::show))
        .route(
            "/controls/provider",
            get(provider::list).post(provider::create),
        )
        .route("/controls/regulatory", get(provider::regulatory))
}

/// Adds the CSRF guard in front of the UI routes (it needs the state).
pub fn guarded(router: Router<AppState>, state: AppState) -> Router<AppState> {
    router.route_layer(axum::middleware::from_fn_with_state(
        state,
        crate::csrf::guard,
    ))
}

fn add_cookie(res: &mut Response, cookie: Cookie<'static>) {
    if let Ok(v) = HeaderValue::from_str(&cookie.to_string()) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Renders a page: sets the pre-sign-in cookie on a first visit and clears a shown flash.
pub fn render<T: Template>(ctx: &PageCtx, page: &T) -> Response {
    render_status(ctx, StatusCode::OK, page)
}

pub fn render_status<T: Template>(ctx: &PageCtx, status: StatusCode, page: &T) -> Response {
    let html = match page.render() {
        Ok(h) => h,
        Err(e) => {
            return PageError::new(
                anzen_app::AppError::Internal(format!("template: {e}")),
                ctx.lang,
            )
            .into_response();
        }
    };
    let mut res = (status, Html(html)).into_response();
    if let Some(token) = &ctx.new_pre_sign_in {
        add_cookie(&mut res, cookies::pre_sign_in(token.clone(), ctx.secure));
    }
    if ctx.flash.is_some() {
        add_cookie(&mut res, cookies::removal(cookies::FLASH, ctx.secure));
    }
    res
}

/// A 303 redirect to `to`, with an optional flash for the next page.
pub fn see_other(ctx: &PageCtx, to: &str, flash: Option<(FlashKind, String)>) -> Response {
    let mut res = Redirect::to(to).into_response();
    if let Some((kind, message)) = flash {
        add_cookie(
            &mut res,
            cookies::flash(&Flash { kind, message }, ctx.secure),
        );
    }
    res
}

/// Only local paths are followed after sign-in or a language switch.
pub fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.starts_with("/login")
        && !next.starts_with("/logout");
    if ok { next.to_owned() } else { "/".to_owned() }
}

/// The page for unknown paths.
pub async fn not_found(ctx: PageCtx) -> Response {
    error_page::page(&ctx, anzen_app::AppError::NotFound { what: "page" })
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next("/offerings?page=2"), "/offerings?page=2");
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil",
            "javascript:alert(1)",
            "/login",
            "",
        ] {
            assert_eq!(safe_next(bad), "/", "{bad}");
        }
    }
}
