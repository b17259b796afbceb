//! Offerings: the list with search and scope filter, the CSV export of the filtered list, and
//! one offering with its profile, current verdict, verdict history, supply links and
//! contracts.

use anzen_app::AppError;
use anzen_app::ports::{ContractQuery, OfferingQuery, Page};
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::OfferingId;
use anzen_domain::offering::Offering;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, Nav};
use super::common::{
    Names, Paging, can, csv_download, fail, href_with, label, not_found, page_number, window,
};
use super::render;
use super::scope_view::{CategoryView, ProfileRow, VerdictView, categories, profile_rows};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;

#[derive(Debug, Clone)]
struct Row {
    href: String,
    name: String,
    provider: String,
    in_scope: bool,
    categories: Vec<CategoryView>,
    updated_at: String,
}

#[derive(Template)]
#[template(path = "offerings/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    q: String,
    scope: String,
    paging: Paging,
    csv_href: String,
    can_write: bool,
    filtered: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    page: String,
}

impl ListQuery {
    fn query(&self) -> OfferingQuery {
        OfferingQuery {
            search: Some(self.q.trim().to_owned()).filter(|s| !s.is_empty()),
            in_scope: match self.scope.as_str() {
                "in" => Some(true),
                "out" => Some(false),
                _ => None,
            },
            provider: None,
        }
    }

    /// The filters as they go back into links (an unknown scope value is dropped).
    fn filters(&self) -> Vec<(&'static str, &str)> {
        let scope = match self.scope.as_str() {
            s @ ("in" | "out") => s,
            _ => "",
        };
        vec![("q", self.q.trim()), ("scope", scope)]
    }
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
        .list_offerings(&user.caller, &q.query(), window(page))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let rows = listed
        .rows
        .iter()
        .map(|o| Row {
            href: format!("/offerings/{}", o.id),
            name: o.name.to_string(),
            provider: o.provider_name.clone(),
            in_scope: o.in_scope,
            categories: crate::ui::scope_view::category_views(ctx.lang, &o.categories),
            updated_at: dates::format_timestamp(o.updated_at, ctx.lang),
        })
        .collect();
    let filters = q.filters();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.offerings"), Nav::Offerings),
        rows,
        total: listed.total,
        q: q.q.trim().to_owned(),
        scope: filters[1].1.to_owned(),
        paging: Paging::new("/offerings", &filters, page, listed.total),
        csv_href: href_with("/offerings.csv", &filters),
        can_write: can(&user, Subject::Offerings, Action::Write),
        filtered: filters.iter().any(|(_, v)| !v.is_empty()),
    };
    render(ctx, &page)
}

/// `GET /offerings.csv`: every offering of the filtered list.
pub async fn csv(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let listed = match state.app.export_offerings(&user.caller, &q.query()).await {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(&state, &user, listed.iter().map(|o| o.provider), []).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let rows: Vec<Vec<String>> = listed
        .iter()
        .map(|o: &Offering| {
            vec![
                o.id.to_string(),
                o.name.to_string(),
                names.org(o.provider),
                o.verdict.in_scope.to_string(),
                o.verdict
                    .categories
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(" "),
                o.verdict.covers_non_medical_data.to_string(),
                o.verdict
                    .reasons
                    .iter()
                    .map(|r| r.reference.as_str())
                    .collect::<Vec<_>>()
                    .join(" / "),
                o.revision.to_string(),
                o.updated_at.to_string(),
            ]
        })
        .collect();
    csv_download(
        ctx,
        "offerings.csv",
        &[
            "id",
            "name",
            "provider",
            "in_scope",
            "categories",
            "covers_non_medical_data",
            "faq_references",
            "revision",
            "updated_at",
        ],
        &rows,
    )
}

#[derive(Debug, Clone)]
struct HistoryRow {
    sequence: i64,
    recorded_at: String,
    recorded_by: String,
    in_scope: bool,
    categories: Vec<CategoryView>,
    changed: bool,
}

#[derive(Debug, Clone)]
struct LinkRow {
    code: &'static str,
    code_label: &'static str,
    supplier: String,
    selected_by: String,
    contract_holder: String,
    description: String,
}

#[derive(Debug, Clone)]
struct ContractRow {
    institution: String,
    kind: &'static str,
    starts_on: String,
    ends_on: String,
    reference: String,
}

#[derive(Template)]
#[template(path = "offerings/show.html")]
struct ShowPage {
    chrome: Chrome,
    id: String,
    offering_name: String,
    provider: String,
    description: String,
    revision: i64,
    updated_at: String,
    profile: Vec<ProfileRow>,
    verdict: VerdictView,
    history: Vec<HistoryRow>,
    links: Option<Vec<LinkRow>>,
    contracts: Option<Vec<ContractRow>>,
    can_reassess: bool,
    /// The role reads the statements of applicability (FAQ 5.3, 7).
    reads_controls: bool,
    /// The configuration and information flows (GL 5.1.1), for roles that read risks.
    config: Option<super::risks::config::OfferingConfig>,
    /// Issue documents for institutions; `None` for a role offered none.
    documents: Option<super::documents::DocumentsSection>,
    /// Safety evaluations (GL 4.3); `None` for a role that reads none.
    evaluations: Option<super::evaluations::EvaluationsSection>,
    /// Incidents of the offering (GL 3.2); `None` for a role that sees none.
    incidents: Option<super::incidents::IncidentsSection>,
}

/// `Ok(None)` when the role cannot read that subject at all.
fn readable<T>(r: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(AppError::Forbidden(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    let detail = match state.app.offering(&user.caller, id).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let links = match readable(state.app.list_supply_links(&user.caller, Some(id)).await) {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let contracts = match readable(
        state
            .app
            .list_contracts(
                &user.caller,
                &ContractQuery {
                    offering: Some(id),
                    ..ContractQuery::default()
                },
                Page::all(),
            )
            .await,
    ) {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let config = match super::risks::config::offering_config(&state, &user, id).await {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let o = &detail.offering;
    let mut org_ids = vec![o.provider];
    let mut offering_ids = Vec::new();
    for l in links.iter().flatten() {
        org_ids.extend([l.supplier, l.selected_by, l.contract_holder]);
        offering_ids.extend(l.supplier_offering);
    }
    for c in contracts.iter().flat_map(|c| c.rows.iter()) {
        org_ids.push(c.institution);
    }
    let names = match Names::for_ids(&state, &user, org_ids, offering_ids).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let mut institutions: Vec<(anzen_domain::ids::OrgId, String)> = contracts
        .iter()
        .flat_map(|c| c.rows.iter())
        .map(|c| (c.institution, names.org(c.institution)))
        .collect();
    institutions.sort();
    institutions.dedup();
    let documents = match super::documents::section(&state, &user, id, &institutions).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let evaluations = match super::evaluations::section(&state, &user, id).await {
        Ok(e) => e,
        Err(e) => return fail(ctx, e),
    };
    let incidents = match super::incidents::section(&state, &user, id, &institutions).await {
        Ok(i) => i,
        Err(e) => return fail(ctx, e),
    };
    let history = detail
        .history
        .iter()
        .enumerate()
        .rev()
        .map(|(i, r)| HistoryRow {
            sequence: r.sequence,
            recorded_at: dates::format_timestamp(r.recorded_at, lang),
            recorded_by: super::audit_text::actor(lang, &r.recorded_by, &Default::default()),
            in_scope: r.verdict.in_scope,
            categories: categories(lang, &r.verdict),
            changed: i > 0 && r.decision_differs(&detail.history[i - 1]),
        })
        .collect();
    let page = ShowPage {
        chrome: ctx.chrome(o.name.to_string(), Nav::Offerings),
        id: o.id.to_string(),
        offering_name: o.name.to_string(),
        provider: names.org(o.provider),
        description: o.description.clone().unwrap_or_default(),
        revision: o.revision,
        updated_at: dates::format_timestamp(o.updated_at, lang),
        profile: profile_rows(lang, &o.profile),
        verdict: VerdictView::new(lang, &o.verdict),
        history,
        links: links.map(|ls| {
            ls.iter()
                .map(|l| LinkRow {
                    code: l.code.code(),
                    code_label: label(lang, l.code.label_ja(), l.code.label_en()),
                    supplier: names.org(l.supplier),
                    selected_by: names.org(l.selected_by),
                    contract_holder: names.org(l.contract_holder),
                    description: l.description.clone().unwrap_or_default(),
                })
                .collect()
        }),
        contracts: contracts.map(|cs| {
            cs.rows
                .iter()
                .map(|c| ContractRow {
                    institution: names.org(c.institution),
                    kind: label(lang, c.kind.label_ja(), c.kind.label_en()),
                    starts_on: dates::format_date(c.period.starts_on(), lang),
                    ends_on: c
                        .period
                        .ends_on()
                        .map(|d| dates::format_date(d, lang))
                        .unwrap_or_default(),
                    reference: c.reference.clone().unwrap_or_default(),
                })
                .collect()
        }),
        can_reassess: can(&user, Subject::Offerings, Action::Write),
        reads_controls: can(&user, Subject::Controls, Action::Read),
        config,
        documents,
        evaluations,
        incidents,
    };
    render(ctx, &page)
}
