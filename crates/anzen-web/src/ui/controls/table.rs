//! `GET /offerings/{id}/controls`: the statement table of an offering (like a statement of
//! applicability), filtered by status or "no statement yet"; the regulatory requirements in
//! their own section; [`TABLE_PAGE_SIZE`] rows a page (`page=`, the shared pagination);
//! `.csv` and `.xlsx` exports of every filtered row.

use std::ops::Range;

use anzen_app::AppError;
use anzen_app::controls::{RowState, StatementTable, TableRow};
use anzen_domain::access::{Action, Subject};
use anzen_domain::controls::{StatementStatus, TextOrigin};
use anzen_domain::ids::OfferingId;
use anzen_domain::risk::TreatmentOption;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::export::{COLUMNS, csv_rows, export_rows, statement_workbook};
use super::{
    details, form_href, matches_filter, origin_label, state_code, state_label, status_label,
};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, Nav};
use crate::ui::common::{
    Choice, Paging, can, csv_download, fail, href_with, not_found, page_number, pages_of,
};
use crate::ui::render;

/// The query string of the table and its exports.
#[derive(Debug, Default, Deserialize)]
pub struct TableQuery {
    #[serde(default)]
    version: String,
    #[serde(default)]
    status: String,
    /// The page of the table (the exports ignore it).
    #[serde(default)]
    page: String,
}

/// Rows of the table a page (the sections together, after the filter). Larger than the
/// other lists' page: a statement of applicability is read section by section.
pub const TABLE_PAGE_SIZE: usize = 100;

impl TableQuery {
    fn version(&self) -> Option<Uuid> {
        Uuid::try_parse(self.version.trim()).ok()
    }

    /// The status filter, when it is one of the known values.
    fn filter(&self) -> &str {
        let f = self.status.trim();
        let known =
            f.is_empty() || f == "none" || f == "review" || StatementStatus::from_code(f).is_some();
        if known { f } else { "" }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct RiskLink {
    pub href: String,
    pub title: String,
    pub accepted: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct RowView {
    pub anchor: String,
    pub key: String,
    pub heading: String,
    pub text: String,
    pub origin: &'static str,
    pub paraphrase: bool,
    pub kubun: String,
    pub desirable: bool,
    pub has_statement: bool,
    pub status_code: &'static str,
    pub status_label: &'static str,
    pub state_code: &'static str,
    pub state_label: &'static str,
    pub from_version: String,
    pub details: Vec<(&'static str, String)>,
    pub risks: Vec<RiskLink>,
    pub stated_by: String,
    pub stated_at: String,
    pub seq: i64,
    pub edit_href: String,
}

pub(crate) fn row_view(lang: Lang, offering: &str, row: &TableRow, n: usize) -> RowView {
    let s = row.statement.as_ref();
    let status = row.status();
    RowView {
        anchor: format!("{}-{n}", super::kind_code(&row.subject)),
        key: row.subject.key().to_owned(),
        heading: row.heading.clone(),
        text: row.text.clone(),
        origin: origin_label(lang, row.text_origin),
        paraphrase: row.text_origin == TextOrigin::Paraphrase,
        kubun: row.kubun_mark.clone(),
        desirable: row.desirable,
        has_statement: s.is_some(),
        status_code: status.map_or("", |s| s.code()),
        status_label: status.map_or("", |s| status_label(lang, s)),
        state_code: state_code(row.state),
        state_label: state_label(lang, row.state),
        from_version: row.from_version.clone().unwrap_or_default(),
        details: s
            .map(|s| details(lang, s.statement.applicability()))
            .unwrap_or_default(),
        risks: row
            .linked_risks
            .iter()
            .map(|r| RiskLink {
                href: format!("/risks/{}", r.id),
                title: r.title.clone().unwrap_or_else(|| r.id.to_string()),
                accepted: r.option == Some(TreatmentOption::Accept),
            })
            .collect(),
        stated_by: s.map(|s| s.stated_by.clone()).unwrap_or_default(),
        stated_at: s
            .map(|s| dates::format_timestamp(s.stated_at, lang))
            .unwrap_or_default(),
        seq: s.map_or(0, |s| s.seq),
        edit_href: form_href(offering, &row.subject),
    }
}

#[derive(Debug, Clone)]
struct UnmetView {
    key: String,
    title: String,
    reason: &'static str,
    planned_by: String,
}

#[derive(Template)]
#[template(path = "controls/table.html")]
struct TablePage {
    chrome: Chrome,
    offering_name: String,
    offering_href: String,
    version_label: String,
    builtin: bool,
    versions: Vec<Choice>,
    statuses: Vec<Choice>,
    filtered: bool,
    /// Each section's rows on this page; `None` when the section is not on it.
    appendix2: Option<Vec<RowView>>,
    provider: Option<Vec<RowView>>,
    regulatory: Option<Vec<RowView>>,
    unmet: Vec<UnmetView>,
    /// Rows after the filter, of every page.
    matching: usize,
    /// The rows of this page, 1-based (`range_first > range_last` when the page has none).
    range_first: usize,
    range_last: usize,
    paging: Paging,
    /// Page 1 with the same filters, for a page past the last.
    first_page_href: String,
    total: usize,
    stated: usize,
    none: usize,
    to_review: usize,
    csv_href: String,
    xlsx_href: String,
    table_href: String,
    can_write: bool,
}

async fn load(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    q: &TableQuery,
) -> Result<StatementTable, AppError> {
    let id = raw
        .parse::<OfferingId>()
        .map_err(|_| AppError::NotFound { what: "offering" })?;
    state
        .app
        .statement_table(&user.caller, id, q.version())
        .await
}

/// The filter choices: any, each status, no statement yet, to review.
pub(crate) fn status_choices(lang: Lang, current: &str) -> Vec<Choice> {
    let t = |k| crate::i18n::t(lang, k);
    let mut out = vec![Choice::new("", t("risks.filter.any"), current)];
    out.extend(
        StatementStatus::ALL
            .iter()
            .map(|s| Choice::new(s.code(), status_label(lang, *s), current)),
    );
    out.push(Choice::new("none", t("controls.state.none"), current));
    out.push(Choice::new(
        "review",
        t("controls.state.to_review"),
        current,
    ));
    out
}

/// The rows of a section that pass the filter, each with its index in the section (for its
/// anchor, the same on every page and under every filter).
fn passing<'a>(rows: &'a [TableRow], filter: &str) -> Vec<(usize, &'a TableRow)> {
    rows.iter()
        .enumerate()
        .filter(|(_, r)| matches_filter(r, filter))
        .collect()
}

/// The rows of each section on page `page` (1-based) of `size` rows, the sections taken in
/// order with `lens` rows each; `None` for a section not on the page. A section without rows
/// is on the page where its rows would begin (the last page at most), for its heading and its
/// empty state.
fn page_slices(lens: [usize; 3], page: u32, size: usize) -> [Option<Range<usize>>; 3] {
    let size = size.max(1);
    let matching: usize = lens.iter().sum();
    let pages = pages_of(
        i64::try_from(matching).unwrap_or(i64::MAX),
        i64::try_from(size).unwrap_or(i64::MAX),
    ) as usize;
    let page = (page as usize).max(1);
    let start = (page - 1).saturating_mul(size);
    let end = start.saturating_add(size);
    let mut before = 0;
    lens.map(|len| {
        let from = start.saturating_sub(before).min(len);
        let to = end.saturating_sub(before).min(len);
        let home = (before / size + 1).min(pages);
        before += len;
        (from < to || (len == 0 && page == home)).then_some(from..to)
    })
}

/// `GET /offerings/{id}/controls`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<TableQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let table = match load(&state, &user, &raw, &q).await {
        Ok(t) => t,
        Err(e) => return fail(ctx, e),
    };
    let filter = q.filter();
    let page_no = page_number(&q.page);
    let offering = table.offering.to_string();
    // The sections in the page's order: regulatory requirements, Appendix 2, the provider's
    // controls.
    let sections = [
        passing(&table.regulatory, filter),
        passing(&table.appendix2, filter),
        passing(&table.provider_controls, filter),
    ];
    let matching: usize = sections.iter().map(Vec::len).sum();
    let slices = page_slices(sections.each_ref().map(Vec::len), page_no, TABLE_PAGE_SIZE);
    let [regulatory, appendix2, provider] = std::array::from_fn(|i| {
        slices[i].clone().map(|range| {
            sections[i][range]
                .iter()
                .map(|(n, r)| row_view(lang, &offering, r, *n))
                .collect::<Vec<RowView>>()
        })
    });
    let range_first = (page_no as usize - 1)
        .saturating_mul(TABLE_PAGE_SIZE)
        .saturating_add(1);
    let range_last = range_first
        .saturating_add(TABLE_PAGE_SIZE - 1)
        .min(matching);
    let all: Vec<&TableRow> = table
        .appendix2
        .iter()
        .chain(&table.provider_controls)
        .chain(&table.regulatory)
        .collect();
    let count = |s: RowState| all.iter().filter(|r| r.state == s).count();
    let version_param = if q.version().is_some() {
        table.catalogue.id.to_string()
    } else {
        String::new()
    };
    let filters = [("version", version_param.as_str()), ("status", filter)];
    let table_href = format!("/offerings/{offering}/controls");
    let paging = Paging::sized(
        &table_href,
        &filters,
        page_no,
        i64::try_from(matching).unwrap_or(i64::MAX),
        i64::try_from(TABLE_PAGE_SIZE).unwrap_or(i64::MAX),
    );
    let page = TablePage {
        chrome: ctx.chrome(
            format!(
                "{} — {}",
                ctx.t("controls.table.title"),
                table.offering_name
            ),
            Nav::Offerings,
        ),
        offering_name: table.offering_name.clone(),
        offering_href: format!("/offerings/{offering}"),
        version_label: table.catalogue.version.clone(),
        builtin: table.catalogue.builtin,
        versions: table
            .versions
            .iter()
            .rev()
            .map(|v| {
                let label = if v.builtin {
                    format!("{} ({})", v.version, ctx.t("controls.catalogue.builtin"))
                } else {
                    v.version.clone()
                };
                Choice::new(v.id.to_string(), label, &table.catalogue.id.to_string())
            })
            .collect(),
        statuses: status_choices(lang, filter),
        filtered: !filter.is_empty(),
        appendix2,
        provider,
        regulatory,
        unmet: table
            .unmet
            .iter()
            .map(|u| UnmetView {
                key: u.key.clone(),
                title: u.title.clone(),
                reason: crate::ui::common::label(lang, u.reason.label_ja(), u.reason.label_en()),
                planned_by: u
                    .planned_by
                    .map(|d| dates::format_date(d, lang))
                    .unwrap_or_default(),
            })
            .collect(),
        matching,
        range_first,
        range_last,
        first_page_href: format!("{}1", paging.href_prefix),
        paging,
        total: all.len(),
        stated: count(RowState::Stated) + count(RowState::Carried),
        none: count(RowState::None),
        to_review: count(RowState::ToReview),
        csv_href: href_with(&format!("/offerings/{offering}/controls.csv"), &filters),
        xlsx_href: href_with(&format!("/offerings/{offering}/controls.xlsx"), &filters),
        table_href,
        can_write: can(&user, Subject::Controls, Action::Write),
    };
    render(ctx, &page)
}

/// The offering id of an export path (`{id}` of `/offerings/{id}/controls.csv`).
fn export_table(raw: &str) -> Option<String> {
    raw.parse::<OfferingId>().ok().map(|id| id.to_string())
}

/// `GET /offerings/{id}/controls.csv`.
pub async fn csv(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<TableQuery>,
) -> Response {
    let ctx = &user.ctx;
    let Some(id) = export_table(&raw) else {
        return not_found(ctx, "offering");
    };
    let table = match load(&state, &user, &id, &q).await {
        Ok(t) => t,
        Err(e) => return fail(ctx, e),
    };
    let rows = export_rows(ctx.lang, &table, q.filter());
    let header: Vec<&str> = COLUMNS.iter().map(|(h, _, _)| *h).collect();
    csv_download(ctx, "statements.csv", &header, &csv_rows(&rows))
}

/// `GET /offerings/{id}/controls.xlsx`.
pub async fn xlsx(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<TableQuery>,
) -> Response {
    let ctx = &user.ctx;
    let Some(id) = export_table(&raw) else {
        return not_found(ctx, "offering");
    };
    let table = match load(&state, &user, &id, &q).await {
        Ok(t) => t,
        Err(e) => return fail(ctx, e),
    };
    let rows = export_rows(ctx.lang, &table, q.filter());
    match statement_workbook(ctx.lang, &rows) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"statements.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => fail(ctx, AppError::Internal(format!("XLSX: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::page_slices;

    #[test]
    fn pages_cut_across_sections() {
        // 6 regulatory, 150 Appendix 2, 60 provider controls: 216 rows, 3 pages of 100.
        let lens = [6, 150, 60];
        assert_eq!(page_slices(lens, 1, 100), [Some(0..6), Some(0..94), None]);
        assert_eq!(
            page_slices(lens, 2, 100),
            [None, Some(94..150), Some(0..44)]
        );
        assert_eq!(page_slices(lens, 3, 100), [None, None, Some(44..60)]);
        // Past the last page: nothing.
        assert_eq!(page_slices(lens, 4, 100), [None, None, None]);
        assert_eq!(page_slices(lens, u32::MAX, 100), [None, None, None]);
    }

    #[test]
    fn empty_sections_stay_where_their_rows_would_begin() {
        // Nothing passes the filter: every section on page 1, with its empty state.
        assert_eq!(
            page_slices([0, 0, 0], 1, 100),
            [Some(0..0), Some(0..0), Some(0..0)]
        );
        // No Appendix 2 row: its heading comes after the regulatory rows, before the
        // provider's rows on page 2.
        assert_eq!(
            page_slices([100, 0, 30], 1, 100),
            [Some(0..100), None, None]
        );
        assert_eq!(
            page_slices([100, 0, 30], 2, 100),
            [None, Some(0..0), Some(0..30)]
        );
        // Empty sections at the very end of a full page stay on the last page.
        assert_eq!(
            page_slices([0, 100, 0], 1, 100),
            [Some(0..0), Some(0..100), Some(0..0)]
        );
    }
}
