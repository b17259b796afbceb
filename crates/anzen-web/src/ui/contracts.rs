//! Contracts between medical institutions and providers: the list, its CSV export and the
//! form to record one (institution and offering limited to what the user may see).

use anzen_app::contracts::ContractInput;
use anzen_app::ports::{ContractQuery, OfferingQuery, Page};
use anzen_domain::access::{Action, Subject};
use anzen_domain::contract::{Contract, ContractKind};
use anzen_domain::ids::OfferingId;
use anzen_domain::org::OrgKind;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{
    Choice, FormErrors, Names, Paging, can, csv_download, era_hint, fail, forbidden, label,
    org_names, page_number, window,
};
use super::dashboard::ENDING_WITHIN_DAYS;
use super::{render, render_status, see_other};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;

#[derive(Debug, Clone)]
struct Row {
    institution: String,
    provider: String,
    offering: String,
    offering_href: String,
    kind: &'static str,
    starts_on: String,
    ends_on: String,
    ending_soon: bool,
    reference: String,
    /// The contract's page with its lifecycle agreements (GL 3.2).
    agreements_href: String,
}

#[derive(Template)]
#[template(path = "contracts/list.html")]
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
    let page = page_number(&q.page);
    let listed = match state
        .app
        .list_contracts(&user.caller, &ContractQuery::default(), window(page))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        listed.rows.iter().flat_map(|c| [c.institution, c.provider]),
        listed.rows.iter().map(|c| c.offering),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let today = state.app.today_in_japan();
    let horizon = today
        .checked_add(jiff::Span::new().days(ENDING_WITHIN_DAYS))
        .unwrap_or(today);
    let rows = listed
        .rows
        .iter()
        .map(|c| Row {
            institution: names.org(c.institution),
            provider: names.org(c.provider),
            offering: names.offering(c.offering),
            offering_href: if names.sees_offering(c.offering) {
                format!("/offerings/{}", c.offering)
            } else {
                String::new()
            },
            kind: label(lang, c.kind.label_ja(), c.kind.label_en()),
            starts_on: dates::format_date(c.period.starts_on(), lang),
            ends_on: c
                .period
                .ends_on()
                .map(|d| dates::format_date(d, lang))
                .unwrap_or_default(),
            ending_soon: c
                .period
                .ends_on()
                .is_some_and(|d| d >= today && d <= horizon),
            reference: c.reference.clone().unwrap_or_default(),
            agreements_href: format!("/contracts/{}/agreements", c.id),
        })
        .collect();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.contracts"), Nav::Contracts),
        rows,
        total: listed.total,
        paging: Paging::new("/contracts", &[], page, listed.total),
        can_write: can(&user, Subject::Contracts, Action::Write),
    };
    render(ctx, &page)
}

/// `GET /contracts.csv`: every contract the user may see.
pub async fn csv(State(state): State<AppState>, user: SignedIn) -> Response {
    let ctx = &user.ctx;
    let listed = match state
        .app
        .list_contracts(&user.caller, &ContractQuery::default(), Page::all())
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        listed.rows.iter().flat_map(|c| [c.institution, c.provider]),
        listed.rows.iter().map(|c| c.offering),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let rows: Vec<Vec<String>> = listed
        .rows
        .iter()
        .map(|c: &Contract| {
            vec![
                c.id.to_string(),
                names.org(c.institution),
                names.org(c.provider),
                names.offering(c.offering),
                c.kind.code().to_owned(),
                c.period.starts_on().to_string(),
                c.period
                    .ends_on()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                c.reference.clone().unwrap_or_default(),
                c.created_at.to_string(),
            ]
        })
        .collect();
    csv_download(
        ctx,
        "contracts.csv",
        &[
            "id",
            "institution",
            "provider",
            "offering",
            "kind",
            "starts_on",
            "ends_on",
            "reference",
            "created_at",
        ],
        &rows,
    )
}

#[derive(Template)]
#[template(path = "contracts/new.html")]
struct NewPage {
    chrome: Chrome,
    institutions: Vec<Choice>,
    offerings: Vec<Choice>,
    kinds: Vec<Choice>,
    starts_on: String,
    ends_on: String,
    starts_on_era: String,
    ends_on_era: String,
    reference: String,
    errors: FormErrors,
    no_institutions: bool,
    no_offerings: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ContractForm {
    #[serde(default)]
    institution: String,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
    #[serde(default)]
    reference: String,
}

async fn form_page(
    state: &AppState,
    user: &SignedIn,
    form: &ContractForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let orgs = match org_names(state, user).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let own = user.caller.org();
    let offerings = match state
        .app
        .list_offerings(&user.caller, &OfferingQuery::default(), Page::all())
        .await
    {
        Ok(l) => l.rows,
        Err(e) => return fail(ctx, e),
    };
    let placeholder = |current: &str| Choice::new("", ctx.t("form.choose"), current);
    let institutions: Vec<Choice> = std::iter::once(placeholder(&form.institution))
        .chain(
            orgs.iter()
                .filter(|o| o.org_type.kind() == OrgKind::MedicalInstitution)
                .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), &form.institution)),
        )
        .collect();
    let offering_choices: Vec<Choice> = std::iter::once(placeholder(&form.offering))
        .chain(
            offerings
                .iter()
                .filter(|o| own.is_none_or(|own| o.provider == own))
                .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), &form.offering)),
        )
        .collect();
    let kind = if form.kind.is_empty() {
        ContractKind::Provision.code()
    } else {
        form.kind.as_str()
    };
    let page = NewPage {
        chrome: ctx.chrome(ctx.t("contracts.add"), Nav::Contracts),
        no_institutions: institutions.len() == 1,
        no_offerings: offering_choices.len() == 1,
        institutions,
        offerings: offering_choices,
        kinds: ContractKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), label(lang, k.label_ja(), k.label_en()), kind))
            .collect(),
        starts_on: form.starts_on.clone(),
        ends_on: form.ends_on.clone(),
        starts_on_era: era_hint(lang, &form.starts_on),
        ends_on_era: era_hint(lang, &form.ends_on),
        reference: form.reference.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

pub async fn new_form(State(state): State<AppState>, user: SignedIn) -> Response {
    if !can(&user, Subject::Contracts, Action::Write) {
        return forbidden(&user.ctx);
    }
    form_page(
        &state,
        &user,
        &ContractForm::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<ContractForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Contracts, Action::Write) {
        return forbidden(ctx);
    }
    // The provider is the offering's; the use-case checks that the user records for it.
    let own = user.caller.org().map(|o| o.to_string()).unwrap_or_default();
    let provider = match form.offering.trim().parse::<OfferingId>() {
        Ok(id) => match state.app.offering(&user.caller, id).await {
            Ok(d) => d.offering.provider.to_string(),
            Err(_) => own,
        },
        Err(_) => own,
    };
    let input = ContractInput {
        institution: form.institution.clone(),
        provider,
        offering: form.offering.clone(),
        kind: form.kind.clone(),
        starts_on: form.starts_on.clone(),
        ends_on: form.ends_on.clone(),
        reference: form.reference.clone(),
    };
    match state.app.add_contract(&user.caller, input).await {
        Ok(c) => {
            let lang = ctx.lang;
            let period = match c.period.ends_on() {
                Some(end) => format!(
                    "{} 〜 {}",
                    dates::format_date(c.period.starts_on(), lang),
                    dates::format_date(end, lang)
                ),
                None => format!(
                    "{} 〜 {}",
                    dates::format_date(c.period.starts_on(), lang),
                    ctx.t("contracts.open_ended")
                ),
            };
            see_other(
                ctx,
                "/contracts",
                Some((
                    FlashKind::Success,
                    format!(
                        "{} {}: {period}",
                        ctx.t("flash.created"),
                        ctx.t("contracts.period")
                    ),
                )),
            )
        }
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => form_page(&state, &user, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}
