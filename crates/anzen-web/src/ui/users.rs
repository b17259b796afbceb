//! Users of the organisation: the list; for administrators the form to create a user (the
//! role limited to those that fit the chosen organisation), the password reset to a temporary
//! password, and multi-factor authentication for every member.

use anzen_app::accounts::UserInput;
use anzen_app::accounts::secrets::random_token;
use anzen_domain::access::{Action, Role, Subject};
use anzen_domain::ids::{OrgId, UserId};
use anzen_domain::org::Organisation;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{
    Choice, FormErrors, Names, Paging, can, fail, forbidden, label, not_found, org_names,
    org_type_label, page_number, window,
};
use super::{render, render_status, see_other};
use crate::AppState;
use crate::extract::SignedIn;
use crate::i18n::{self, Lang};

#[derive(Debug, Clone)]
struct Row {
    id: String,
    display_name: String,
    login: String,
    org: String,
    role: &'static str,
    mfa: bool,
    must_change_password: bool,
    disabled: bool,
    access_until: String,
    is_self: bool,
}

#[derive(Template)]
#[template(path = "users/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    paging: Paging,
    can_write: bool,
    org_requires_mfa: bool,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
}

fn role_label(lang: Lang, r: Role) -> &'static str {
    label(lang, r.label_ja(), r.label_en())
}

pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = page_number(&q.page);
    let listed = match state.app.list_users(&user.caller, window(page)).await {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(&state, &user, listed.rows.iter().map(|u| u.org), []).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let can_write = can(&user, Subject::Users, Action::Write);
    let org_requires_mfa = if can_write {
        match state.app.own_org_requires_mfa(user.session()).await {
            Ok(r) => r,
            Err(e) => return fail(ctx, e),
        }
    } else {
        false
    };
    let me = user.caller.user_id();
    let rows = listed
        .rows
        .iter()
        .map(|u| Row {
            id: u.id.to_string(),
            display_name: u.display_name.to_string(),
            login: u.login.to_string(),
            org: names.org(u.org),
            role: role_label(lang, u.role),
            mfa: u.mfa_enabled,
            must_change_password: u.must_change_password,
            disabled: u.disabled,
            access_until: u
                .access_until
                .map(|t| crate::dates::format_timestamp(t, lang))
                .unwrap_or_default(),
            is_self: Some(u.id) == me,
        })
        .collect();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.users"), Nav::Users),
        rows,
        total: listed.total,
        paging: Paging::new("/users", &[], page, listed.total),
        can_write,
        org_requires_mfa,
    };
    render(ctx, &page)
}

#[derive(Template)]
#[template(path = "users/new.html")]
struct NewPage {
    chrome: Chrome,
    /// Step 1: the organisations to choose from.
    orgs: Vec<Choice>,
    /// Step 2: the chosen organisation.
    org_id: String,
    org_label: String,
    roles: Vec<Choice>,
    login: String,
    display_name: String,
    access_until: String,
    auditor_possible: bool,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    org: String,
    #[serde(default)]
    login: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    access_until: String,
}

/// The roles an administrator may give in `org`: those that fit its kind, and an
/// administrator only in their own organisation.
fn roles_for(org: &Organisation, own: Option<OrgId>) -> Vec<Role> {
    Role::ALL
        .iter()
        .copied()
        .filter(|r| r.fits(org.org_type.kind()))
        .filter(|r| *r != Role::ProviderAdmin || Some(org.id) == own)
        .collect()
}

/// The organisations an administrator creates users for: their own and those it registered.
fn managed(orgs: Vec<Organisation>, own: Option<OrgId>) -> Vec<Organisation> {
    orgs.into_iter()
        .filter(|o| Some(o.id) == own || (o.registered_by.is_some() && o.registered_by == own))
        .collect()
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &UserForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let own = user.caller.org();
    let orgs = match org_names(state, user).await {
        Ok(o) => managed(o, own),
        Err(e) => return fail(ctx, e),
    };
    let chosen = form
        .org
        .trim()
        .parse::<OrgId>()
        .ok()
        .and_then(|id| orgs.iter().find(|o| o.id == id));
    let (org_id, org_label, roles, auditor_possible) = match chosen {
        Some(o) => {
            let roles = roles_for(o, own);
            let current = if form.role.is_empty() {
                roles.first().map(|r| r.code()).unwrap_or("")
            } else {
                form.role.as_str()
            };
            (
                o.id.to_string(),
                format!(
                    "{}{}",
                    o.name,
                    i18n::paren(lang, org_type_label(lang, &o.org_type))
                ),
                roles
                    .iter()
                    .map(|r| Choice::new(r.code(), role_label(lang, *r), current))
                    .collect(),
                roles.contains(&Role::Auditor),
            )
        }
        None => (String::new(), String::new(), Vec::new(), false),
    };
    let page = NewPage {
        chrome: ctx.chrome(ctx.t("users.add"), Nav::Users),
        orgs: orgs
            .iter()
            .map(|o| {
                Choice::new(
                    o.id.to_string(),
                    format!(
                        "{}{}",
                        o.name,
                        i18n::paren(lang, org_type_label(lang, &o.org_type))
                    ),
                    &form.org,
                )
            })
            .collect(),
        org_id,
        org_label,
        roles,
        login: form.login.clone(),
        display_name: form.display_name.clone(),
        access_until: form.access_until.clone(),
        auditor_possible,
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    org: String,
}

/// `GET /users/new[?org=ID]`: first the organisation, then the user's details with the
/// roles that fit it (no script: the organisation is chosen with a plain GET form).
pub async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<NewQuery>,
) -> Response {
    if !can(&user, Subject::Users, Action::Write) {
        return forbidden(&user.ctx);
    }
    let form = UserForm {
        org: q.org,
        ..Default::default()
    };
    form_page(&state, &user, &form, FormErrors::default()).await
}

#[derive(Template)]
#[template(path = "users/password.html")]
struct PasswordPage {
    chrome: Chrome,
    heading: String,
    login: String,
    password: String,
}

/// A temporary password: 16 random characters in groups of four.
fn temporary_password() -> Result<String, anzen_app::AppError> {
    let raw: Vec<char> = random_token()?.chars().take(16).collect();
    Ok(raw
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-"))
}

fn show_password(user: &SignedIn, heading_key: &str, login: String, password: String) -> Response {
    let ctx = &user.ctx;
    let page = PasswordPage {
        chrome: ctx.chrome(ctx.t(heading_key), Nav::Users),
        heading: ctx.t(heading_key).to_owned(),
        login,
        password,
    };
    render(ctx, &page)
}

/// `POST /users`: creates the user with a temporary password, shown once.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<UserForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Users, Action::Write) {
        return forbidden(ctx);
    }
    let password = match temporary_password() {
        Ok(p) => p,
        Err(e) => return fail(ctx, e),
    };
    let input = UserInput {
        org: form.org.clone(),
        login: form.login.clone(),
        display_name: form.display_name.clone(),
        role: form.role.clone(),
        password: password.clone(),
        access_until: form.access_until.clone(),
        must_change_password: Some(true),
    };
    match state.app.add_user(&user.caller, input).await {
        Ok(created) => show_password(&user, "users.created", created.login.to_string(), password),
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => form_page(&state, &user, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}

/// `POST /users/{id}/reset-password`: a new temporary password, shown once; the user must
/// change it at the next sign-in.
pub async fn reset_password(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Users, Action::Write) {
        return forbidden(ctx);
    }
    let Ok(id) = raw.parse::<UserId>() else {
        return not_found(ctx, "user");
    };
    let password = match temporary_password() {
        Ok(p) => p,
        Err(e) => return fail(ctx, e),
    };
    let login = match state
        .app
        .list_users(&user.caller, anzen_app::ports::Page::all())
        .await
    {
        Ok(l) => l
            .rows
            .into_iter()
            .find(|u| u.id == id)
            .map(|u| u.login.to_string()),
        Err(e) => return fail(ctx, e),
    };
    let Some(login) = login else {
        return not_found(ctx, "user");
    };
    match state
        .app
        .reset_password(&user.caller, id, password.clone())
        .await
    {
        Ok(()) => show_password(&user, "users.password_reset", login, password),
        Err(e) => fail(ctx, e),
    }
}

#[derive(Debug, Deserialize)]
pub struct MfaForm {
    #[serde(default)]
    required: String,
}

/// `POST /users/mfa`: requires (or no longer requires) MFA of every member of the
/// administrator's organisation.
pub async fn require_mfa(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<MfaForm>,
) -> Response {
    let ctx = &user.ctx;
    let Some(org) = user.caller.org() else {
        return forbidden(ctx);
    };
    let required = form.required == "true";
    match state
        .app
        .set_org_requires_mfa(&user.caller, org, required)
        .await
    {
        Ok(()) => see_other(
            ctx,
            "/users",
            Some((
                FlashKind::Success,
                ctx.t(if required {
                    "flash.mfa_required"
                } else {
                    "flash.mfa_optional"
                })
                .to_owned(),
            )),
        ),
        Err(e) => fail(ctx, e),
    }
}
