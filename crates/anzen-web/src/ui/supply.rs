//! Supply links (GL 2.2.1–2.2.3, FAQ 2.1): which components of an offering other providers
//! supply, who selected them and who holds the contract. The list and the form.

use anzen_app::ports::{OfferingQuery, Page};
use anzen_app::supply::SupplyLinkInput;
use anzen_domain::access::{Action, Subject};
use anzen_domain::org::OrgKind;
use anzen_domain::supply::ComponentCode;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{
    Choice, FormErrors, Names, PAGE_SIZE, Paging, can, fail, forbidden, label, org_names,
    page_number,
};
use super::{render, render_status, see_other};
use crate::AppState;
use crate::extract::SignedIn;

#[derive(Debug, Clone)]
struct Row {
    offering: String,
    offering_href: String,
    code: &'static str,
    code_label: &'static str,
    supplier: String,
    selected_by: String,
    contract_holder: String,
    description: String,
    /// FAQ 2.1 R3: the provider cannot see into the component.
    unknown: bool,
    chain_href: String,
}

#[derive(Template)]
#[template(path = "supply/list.html")]
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
    let lang = ctx.lang;
    let links = match state.app.list_supply_links(&user.caller, None).await {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let total = links.len() as i64;
    let page = page_number(&q.page);
    let skip = usize::try_from(i64::from(page - 1) * PAGE_SIZE).unwrap_or(usize::MAX);
    let shown: Vec<_> = links.iter().skip(skip).take(PAGE_SIZE as usize).collect();
    let names = match Names::for_ids(
        &state,
        &user,
        shown
            .iter()
            .flat_map(|l| [l.supplier, l.selected_by, l.contract_holder]),
        shown
            .iter()
            .flat_map(|l| [Some(l.offering), l.supplier_offering])
            .flatten(),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let rows = shown
        .into_iter()
        .map(|l| Row {
            offering: names.offering(l.offering),
            offering_href: if names.sees_offering(l.offering) {
                format!("/offerings/{}", l.offering)
            } else {
                String::new()
            },
            code: l.code.code(),
            code_label: label(lang, l.code.label_ja(), l.code.label_en()),
            supplier: names.org(l.supplier),
            selected_by: names.org(l.selected_by),
            contract_holder: names.org(l.contract_holder),
            description: l.description.clone().unwrap_or_default(),
            unknown: l.visibility == anzen_domain::chain::Visibility::Unknown,
            chain_href: if names.sees_offering(l.offering) {
                format!("/offerings/{}/chain", l.offering)
            } else {
                String::new()
            },
        })
        .collect();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.supply_chain"), Nav::SupplyChain),
        rows,
        total,
        paging: Paging::new("/supply-links", &[], page, total),
        can_write: can(&user, Subject::SupplyLinks, Action::Write),
    };
    render(ctx, &page)
}

#[derive(Template)]
#[template(path = "supply/new.html")]
struct NewPage {
    chrome: Chrome,
    offerings: Vec<Choice>,
    codes: Vec<Choice>,
    suppliers: Vec<Choice>,
    selectors: Vec<Choice>,
    holders: Vec<Choice>,
    visibilities: Vec<Choice>,
    supplier_offering: String,
    description: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    offering: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    supplier: String,
    #[serde(default)]
    supplier_offering: String,
    #[serde(default)]
    selected_by: String,
    #[serde(default)]
    contract_holder: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    description: String,
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &LinkForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let own = user.caller.org();
    let orgs = match org_names(state, user).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let offerings = match state
        .app
        .list_offerings(&user.caller, &OfferingQuery::default(), Page::all())
        .await
    {
        Ok(l) => l.rows,
        Err(e) => return fail(ctx, e),
    };
    let choose = |current: &str| Choice::new("", ctx.t("form.choose"), current);
    let own_default = |current: &str| Choice::new("", ctx.t("supply.default_provider"), current);
    let party = |kinds: &[OrgKind], current: &str| -> Vec<Choice> {
        orgs.iter()
            .filter(|o| kinds.contains(&o.org_type.kind()))
            .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), current))
            .collect()
    };
    let supplier_kinds = [OrgKind::Provider, OrgKind::Partner];
    let party_kinds = [
        OrgKind::Provider,
        OrgKind::Partner,
        OrgKind::MedicalInstitution,
    ];
    let page = NewPage {
        chrome: ctx.chrome(ctx.t("supply.add"), Nav::SupplyChain),
        offerings: std::iter::once(choose(&form.offering))
            .chain(
                offerings
                    .iter()
                    .filter(|o| own.is_none_or(|own| o.provider == own))
                    .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), &form.offering)),
            )
            .collect(),
        codes: std::iter::once(choose(&form.code))
            .chain(ComponentCode::ALL.iter().map(|c| {
                Choice::new(
                    c.code(),
                    label(lang, c.label_ja(), c.label_en()),
                    &form.code,
                )
            }))
            .collect(),
        suppliers: std::iter::once(choose(&form.supplier))
            .chain(
                party(&supplier_kinds, &form.supplier)
                    .into_iter()
                    .filter(|c| own.is_none_or(|own| c.value != own.to_string())),
            )
            .collect(),
        selectors: std::iter::once(own_default(&form.selected_by))
            .chain(party(&party_kinds, &form.selected_by))
            .collect(),
        holders: std::iter::once(own_default(&form.contract_holder))
            .chain(party(&party_kinds, &form.contract_holder))
            .collect(),
        visibilities: anzen_domain::chain::Visibility::ALL
            .iter()
            .map(|v| {
                let current = if form.visibility.is_empty() {
                    anzen_domain::chain::Visibility::Known.code()
                } else {
                    form.visibility.as_str()
                };
                Choice::new(v.code(), label(lang, v.label_ja(), v.label_en()), current)
            })
            .collect(),
        supplier_offering: form.supplier_offering.clone(),
        description: form.description.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

pub async fn new_form(State(state): State<AppState>, user: SignedIn) -> Response {
    if !can(&user, Subject::SupplyLinks, Action::Write) {
        return forbidden(&user.ctx);
    }
    form_page(&state, &user, &LinkForm::default(), FormErrors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<LinkForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::SupplyLinks, Action::Write) {
        return forbidden(ctx);
    }
    let input = SupplyLinkInput {
        offering: form.offering.clone(),
        code: form.code.clone(),
        supplier: form.supplier.clone(),
        supplier_offering: form.supplier_offering.clone(),
        selected_by: form.selected_by.clone(),
        contract_holder: form.contract_holder.clone(),
        visibility: form.visibility.clone(),
        description: form.description.clone(),
    };
    match state.app.add_supply_link(&user.caller, input).await {
        Ok(link) => see_other(
            ctx,
            &format!("/offerings/{}", link.offering),
            Some((FlashKind::Success, ctx.t("flash.created").to_owned())),
        ),
        Err(e) => match super::chain::form_errors(ctx.lang, &e) {
            Some(errors) => form_page(&state, &user, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}
