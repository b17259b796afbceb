//! Organisations: the list and the form to register one.

use anzen_app::orgs::OrganisationInput;
use anzen_domain::access::{Action, Subject};
use anzen_domain::org::{InstitutionKind, OrgKind};
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{
    Choice, FormErrors, Names, Paging, can, fail, forbidden, label, org_type_label, page_number,
    window,
};
use super::{render, render_status, see_other};
use crate::AppState;
use crate::extract::SignedIn;

#[derive(Debug, Clone)]
struct Row {
    name: String,
    kind: String,
    registered_by: String,
    created_at: String,
    /// The disclosures to a medical institution (Table 4-1), for roles that read them.
    disclosures_href: String,
}

#[derive(Template)]
#[template(path = "orgs/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    paging: Paging,
    can_write: bool,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    page: String,
}

pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let page = page_number(&q.page);
    let listed = match state
        .app
        .list_organisations(&user.caller, window(page))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        listed.rows.iter().filter_map(|o| o.registered_by),
        [],
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let ledger = user.caller.reach(Subject::Ledger, Action::Read, ctx.now);
    let rows = listed
        .rows
        .iter()
        .map(|o| Row {
            name: o.name.to_string(),
            kind: org_type_label(ctx.lang, &o.org_type),
            registered_by: o.registered_by.map(|r| names.org(r)).unwrap_or_default(),
            created_at: crate::dates::format_timestamp(o.created_at, ctx.lang),
            disclosures_href: match ledger {
                _ if o.org_type.kind() != anzen_domain::org::OrgKind::MedicalInstitution => {
                    String::new()
                }
                anzen_domain::access::Reach::Nothing => String::new(),
                anzen_domain::access::Reach::AsInstitution(own) if own != o.id => String::new(),
                _ => format!("/institutions/{}/disclosures", o.id),
            },
        })
        .collect();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.organisations"), Nav::Organisations),
        rows,
        total: listed.total,
        paging: Paging::new("/organisations", &[], page, listed.total),
        can_write: can(&user, Subject::Organisations, Action::Write),
    };
    render(ctx, &page)
}

#[derive(Template)]
#[template(path = "orgs/new.html")]
struct NewPage {
    chrome: Chrome,
    kinds: Vec<Choice>,
    institution_kinds: Vec<Choice>,
    org_name: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct OrgForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    institution_kind: String,
    #[serde(default)]
    name: String,
}

fn form_page(user: &SignedIn, form: &OrgForm, errors: FormErrors) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = NewPage {
        chrome: ctx.chrome(ctx.t("orgs.add"), Nav::Organisations),
        kinds: OrgKind::ALL
            .iter()
            .map(|k| {
                Choice::new(
                    k.code(),
                    label(lang, k.label_ja(), k.label_en()),
                    &form.kind,
                )
            })
            .collect(),
        institution_kinds: std::iter::once(Choice::new(
            "",
            ctx.t("orgs.institution_kind_none"),
            &form.institution_kind,
        ))
        .chain(InstitutionKind::ALL.iter().map(|k| {
            Choice::new(
                k.code(),
                label(lang, k.label_ja(), k.label_en()),
                &form.institution_kind,
            )
        }))
        .collect(),
        org_name: form.name.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

pub async fn new_form(user: SignedIn) -> Response {
    if !can(&user, Subject::Organisations, Action::Write) {
        return forbidden(&user.ctx);
    }
    form_page(&user, &OrgForm::default(), FormErrors::default())
}

pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<OrgForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Organisations, Action::Write) {
        return forbidden(ctx);
    }
    let input = OrganisationInput {
        kind: form.kind.clone(),
        institution_kind: form.institution_kind.clone(),
        name: form.name.clone(),
        registered_by: String::new(),
    };
    match state.app.add_organisation(&user.caller, input).await {
        Ok(org) => see_other(
            ctx,
            "/organisations",
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("flash.created"), org.name),
            )),
        ),
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => form_page(&user, &form, errors),
            None => fail(ctx, e),
        },
    }
}
