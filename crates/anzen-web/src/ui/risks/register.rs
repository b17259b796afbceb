//! The register: the filtered list with pagination, its CSV and XLSX exports, the heat map
//! of inherent and residual risk, and an institution's duties.

use anzen_app::AppError;
use anzen_app::ports::{OfferingQuery, Page, RiskQuery, RiskRow};
use anzen_domain::access::{Action, Subject};
use anzen_domain::risk::{RiskLevel, RiskStatus, TreatmentOption};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::filters::{FilterText, risk_query};
use super::view::{
    Grid, LevelView, StatusView, cia_text, grid, option_label, own_institution, review_reason_text,
};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, Nav};
use crate::ui::common::{
    Choice, Names, Paging, can, csv_download, fail, href_with, label, page_number, window,
};
use crate::ui::render;

/// The register's query string.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    offering: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    residual_level: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    option: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    review: String,
    #[serde(default)]
    flagged: String,
    #[serde(default)]
    page: String,
}

impl ListQuery {
    fn text(&self) -> FilterText<'_> {
        FilterText {
            offering: &self.offering,
            level: &self.level,
            residual_level: &self.residual_level,
            status: &self.status,
            option: &self.option,
            q: &self.q,
            review: &self.review,
            flagged: &self.flagged,
        }
    }

    fn query(&self, state: &AppState) -> RiskQuery {
        risk_query(&self.text(), state.app.today_in_japan(), false).unwrap_or_default()
    }

    /// The filters that apply, as they go back into links (unknown values dropped).
    fn filters(&self, q: &RiskQuery) -> Vec<(&'static str, String)> {
        vec![
            (
                "offering",
                q.offering.map(|o| o.to_string()).unwrap_or_default(),
            ),
            (
                "level",
                q.level.map(|l| l.code().to_owned()).unwrap_or_default(),
            ),
            (
                "residual_level",
                q.residual_level
                    .map(|l| l.code().to_owned())
                    .unwrap_or_default(),
            ),
            (
                "status",
                q.status.map(|s| s.code().to_owned()).unwrap_or_default(),
            ),
            (
                "option",
                q.option.map(|o| o.code().to_owned()).unwrap_or_default(),
            ),
            ("q", self.q.trim().to_owned()),
            (
                "review",
                match self.review.trim() {
                    r @ ("due" | "overdue") => r.to_owned(),
                    _ => String::new(),
                },
            ),
            (
                "flagged",
                if q.flagged { "1".into() } else { String::new() },
            ),
        ]
    }
}

fn pairs<'a>(filters: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    filters.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[derive(Debug, Clone)]
struct Row {
    href: String,
    title: String,
    offering: String,
    inherent: LevelView,
    inherent_values: String,
    option: String,
    residual: Option<LevelView>,
    status: StatusView,
    next_review: String,
    overdue: bool,
    marks: usize,
}

#[derive(Template)]
#[template(path = "risks/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    paging: Paging,
    offerings: Vec<Choice>,
    levels: Vec<Choice>,
    residual_levels: Vec<Choice>,
    statuses: Vec<Choice>,
    options: Vec<Choice>,
    reviews: Vec<Choice>,
    q: String,
    flagged: bool,
    filtered: bool,
    csv_href: String,
    xlsx_href: String,
    heat_href: String,
    can_write: bool,
    is_institution: bool,
}

/// The options of a filter's `<select>`: "any" first, then every value.
pub(crate) fn choices<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label_of: impl Fn(T) -> String,
    current: &str,
    any: &str,
) -> Vec<Choice> {
    std::iter::once(Choice::new("", any, current))
        .chain(
            all.iter()
                .map(|v| Choice::new(code(*v), label_of(*v), current)),
        )
        .collect()
}

/// The offerings of the filter: those the user sees.
async fn offering_choices(
    state: &AppState,
    user: &SignedIn,
    current: &str,
) -> Result<Vec<Choice>, AppError> {
    let offerings = state
        .app
        .list_offerings(&user.caller, &OfferingQuery::default(), Page::all())
        .await?;
    Ok(
        std::iter::once(Choice::new("", user.ctx.t("risks.filter.any"), current))
            .chain(
                offerings
                    .rows
                    .iter()
                    .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), current)),
            )
            .collect(),
    )
}

fn row_of(lang: Lang, names: &Names, today: jiff::civil::Date, r: &RiskRow) -> Row {
    let risk = &r.risk;
    Row {
        href: format!("/risks/{}", risk.id),
        title: risk.title.to_string(),
        offering: names.offering(risk.offering),
        inherent: LevelView::new(lang, risk.inherent.level, None),
        inherent_values: format!("{}×{}", risk.inherent.impact, risk.inherent.likelihood),
        option: risk
            .treatment
            .as_ref()
            .map(|t| option_label(lang, t.option).to_owned())
            .unwrap_or_default(),
        residual: risk
            .residual
            .as_ref()
            .map(|a| LevelView::new(lang, a.level, None)),
        status: StatusView::new(lang, r.status),
        next_review: risk
            .next_review
            .map(|d| dates::format_date(d, lang))
            .unwrap_or_default(),
        overdue: risk.next_review.is_some_and(|d| d < today),
        marks: risk.review_flags.len(),
    }
}

/// `GET /risks`: the register with its filters.
pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = page_number(&q.page);
    let query = q.query(&state);
    let listed = match state
        .app
        .list_risks(&user.caller, &query, window(page))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let filters = q.filters(&query);
    let offerings = match offering_choices(&state, &user, &filters[0].1).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        [],
        listed.rows.iter().map(|r| r.risk.offering),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let today = state.app.today_in_japan();
    let any = ctx.t("risks.filter.any");
    let level_label = |l: RiskLevel| l.code().to_owned();
    let page_view = ListPage {
        chrome: ctx.chrome(ctx.t("risks.title"), Nav::Risks),
        rows: listed
            .rows
            .iter()
            .map(|r| row_of(lang, &names, today, r))
            .collect(),
        total: listed.total,
        paging: Paging::new("/risks", &pairs(&filters), page, listed.total),
        offerings,
        levels: choices(
            RiskLevel::ALL,
            |l| l.code(),
            level_label,
            &filters[1].1,
            any,
        ),
        residual_levels: choices(
            RiskLevel::ALL,
            |l| l.code(),
            level_label,
            &filters[2].1,
            any,
        ),
        statuses: choices(
            RiskStatus::ALL,
            |s| s.code(),
            |s| label(lang, s.label_ja(), s.label_en()).to_owned(),
            &filters[3].1,
            any,
        ),
        options: choices(
            TreatmentOption::ALL,
            |o| o.code(),
            |o| option_label(lang, o).to_owned(),
            &filters[4].1,
            any,
        ),
        reviews: vec![
            Choice::new("", any, &filters[6].1),
            Choice::new("due", ctx.t("risks.filter.review_due"), &filters[6].1),
            Choice::new(
                "overdue",
                ctx.t("risks.filter.review_overdue"),
                &filters[6].1,
            ),
        ],
        q: filters[5].1.clone(),
        flagged: query.flagged,
        filtered: filters.iter().any(|(_, v)| !v.is_empty()),
        csv_href: href_with("/risks.csv", &pairs(&filters)),
        xlsx_href: href_with("/risks.xlsx", &pairs(&filters)),
        heat_href: href_with("/risks/heat-map", &pairs(&filters)),
        can_write: can(&user, Subject::Risks, Action::Write),
        is_institution: own_institution(&user).is_some(),
    };
    render(ctx, &page_view)
}

/// The rows of an export: every risk of the filtered register, with the offerings' names.
async fn export_rows(
    state: &AppState,
    user: &SignedIn,
    q: &ListQuery,
) -> Result<(Vec<RiskRow>, Names), AppError> {
    let listed = state
        .app
        .list_risks(&user.caller, &q.query(state), Page::all())
        .await?;
    let names = Names::for_ids(
        state,
        user,
        listed.rows.iter().flat_map(|r| {
            r.risk
                .treatment
                .iter()
                .flat_map(|t| t.measures.iter())
                .filter_map(|m| match m.owner {
                    anzen_domain::risk::MeasureOwner::Institution(o)
                    | anzen_domain::risk::MeasureOwner::Subcontractor(o) => Some(o),
                    anzen_domain::risk::MeasureOwner::Provider => None,
                })
                .collect::<Vec<_>>()
        }),
        listed.rows.iter().map(|r| r.risk.offering),
    )
    .await?;
    Ok((listed.rows, names))
}

/// The columns of the exports: (CSV header, i18n key of the XLSX header, width).
const COLUMNS: &[(&str, &str, f64)] = &[
    ("id", "risks.col.id", 38.0),
    ("offering", "risks.col.offering", 28.0),
    ("title", "risks.col.title", 40.0),
    ("threat", "risks.col.threat", 30.0),
    ("vulnerability", "risks.col.vulnerability", 30.0),
    ("cia", "risks.col.cia", 14.0),
    ("impact", "risks.col.impact", 8.0),
    ("likelihood", "risks.col.likelihood", 8.0),
    ("level", "risks.col.level", 8.0),
    ("matrix_version", "risks.col.matrix_version", 10.0),
    ("option", "risks.col.option", 12.0),
    ("measures", "risks.col.measures", 50.0),
    ("residual_impact", "risks.col.residual_impact", 8.0),
    ("residual_likelihood", "risks.col.residual_likelihood", 8.0),
    ("residual_level", "risks.col.residual_level", 8.0),
    ("status", "risks.col.status", 18.0),
    ("next_review", "risks.col.next_review", 12.0),
    ("review_marks", "risks.col.review_marks", 30.0),
    ("revision", "risks.col.revision", 8.0),
    ("updated_at", "risks.col.updated_at", 20.0),
];

/// One value of an export row.
enum Cell {
    Text(String),
    Number(f64),
    Date(Option<jiff::civil::Date>),
    Time(jiff::Timestamp),
}

fn cells(lang: Lang, names: &Names, r: &RiskRow) -> Vec<Cell> {
    let risk = &r.risk;
    let measures = risk
        .treatment
        .iter()
        .flat_map(|t| t.measures.iter())
        .map(|m| {
            let owner = match m.owner {
                anzen_domain::risk::MeasureOwner::Provider => {
                    crate::i18n::t(lang, "risks.owner.provider").to_owned()
                }
                anzen_domain::risk::MeasureOwner::Institution(o)
                | anzen_domain::risk::MeasureOwner::Subcontractor(o) => names.org(o),
            };
            format!("{} ({owner})", m.description)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let num = |v: Option<u8>| v.map_or(Cell::Text(String::new()), |v| Cell::Number(f64::from(v)));
    vec![
        Cell::Text(risk.id.to_string()),
        Cell::Text(names.offering(risk.offering)),
        Cell::Text(risk.title.to_string()),
        Cell::Text(risk.threat.clone()),
        Cell::Text(risk.vulnerability.clone()),
        Cell::Text(cia_text(lang, risk.cia)),
        Cell::Number(f64::from(risk.inherent.impact)),
        Cell::Number(f64::from(risk.inherent.likelihood)),
        Cell::Text(risk.inherent.level.code().to_owned()),
        Cell::Number(risk.inherent.matrix_version as f64),
        Cell::Text(
            risk.treatment
                .as_ref()
                .map(|t| option_label(lang, t.option).to_owned())
                .unwrap_or_default(),
        ),
        Cell::Text(measures),
        num(risk.residual.as_ref().map(|a| a.impact)),
        num(risk.residual.as_ref().map(|a| a.likelihood)),
        Cell::Text(
            risk.residual
                .as_ref()
                .map(|a| a.level.code().to_owned())
                .unwrap_or_default(),
        ),
        Cell::Text(label(lang, r.status.label_ja(), r.status.label_en()).to_owned()),
        Cell::Date(risk.next_review),
        Cell::Text(
            risk.review_flags
                .iter()
                .map(|f| review_reason_text(lang, f))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        Cell::Number(risk.revision as f64),
        Cell::Time(risk.updated_at),
    ]
}

/// `GET /risks.csv`: every risk of the filtered register.
pub async fn csv(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let (rows, names) = match export_rows(&state, &user, &q).await {
        Ok(r) => r,
        Err(e) => return fail(ctx, e),
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            cells(ctx.lang, &names, r)
                .into_iter()
                .map(|c| match c {
                    Cell::Text(s) => s,
                    Cell::Number(n) => n.to_string(),
                    Cell::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
                    Cell::Time(t) => t.to_string(),
                })
                .collect()
        })
        .collect();
    let header: Vec<&str> = COLUMNS.iter().map(|(h, _, _)| *h).collect();
    csv_download(ctx, "risks.csv", &header, &rows)
}

/// The register as an XLSX workbook: a header row, the sheet リスク対応一覧, column widths, a
/// frozen header, dates as dates.
fn workbook(
    lang: Lang,
    names: &Names,
    rows: &[RiskRow],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("リスク対応一覧")?;
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E2F3")
        .set_border_bottom(FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let wrap = Format::new().set_text_wrap();
    for (c, (_, key, width)) in COLUMNS.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, crate::i18n::t(lang, key), &head)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in cells(lang, names, row).into_iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    sheet.write_string_with_format(r, c, s, &wrap)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(r, c, n)?;
                }
                Cell::Date(None) => {}
                Cell::Date(Some(d)) => {
                    let when = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )?;
                    sheet.write_date_with_format(r, c, &when, &date)?;
                }
                Cell::Time(t) => {
                    // In Japan time, without its offset (Excel has no time zones).
                    let z = t.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)));
                    let when = ExcelDateTime::from_ymd(
                        u16::try_from(z.year()).unwrap_or(1900),
                        u8::try_from(z.month()).unwrap_or(1),
                        u8::try_from(z.day()).unwrap_or(1),
                    )?
                    .and_hms(
                        u16::try_from(z.hour()).unwrap_or(0),
                        u8::try_from(z.minute()).unwrap_or(0),
                        u8::try_from(z.second()).unwrap_or(0),
                    )?;
                    sheet.write_datetime_with_format(r, c, &when, &time)?;
                }
            }
        }
    }
    let last = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(COLUMNS.len() - 1).unwrap_or(0);
    sheet.autofilter(0, 0, last, last_col)?;
    book.save_to_buffer()
}

/// `GET /risks.xlsx`: every risk of the filtered register as a workbook.
pub async fn xlsx(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let (rows, names) = match export_rows(&state, &user, &q).await {
        Ok(r) => r,
        Err(e) => return fail(ctx, e),
    };
    match workbook(ctx.lang, &names, &rows) {
        Ok(bytes) => (
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"risks.xlsx\"",
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => fail(ctx, AppError::Internal(format!("XLSX: {e}"))),
    }
}

#[derive(Debug, Clone)]
struct Legend {
    level: LevelView,
    description: String,
}

#[derive(Debug, Clone)]
struct HeatTable {
    id: &'static str,
    caption_key: &'static str,
    total: i64,
    grid: Grid,
}

#[derive(Template)]
#[template(path = "risks/heat_map.html")]
struct HeatPage {
    chrome: Chrome,
    tables: Vec<HeatTable>,
    matrix_version: i64,
    legend: Vec<Legend>,
    offerings: Vec<Choice>,
    statuses: Vec<Choice>,
    list_href: String,
}

/// `GET /risks/heat-map`: the counts of risks per cell, before and after treatment, on the
/// current matrix's grid.
pub async fn heat_map(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let query = q.query(&state);
    let heat = match state.app.risk_heat_map(&user.caller, &query).await {
        Ok(h) => h,
        Err(e) => return fail(ctx, e),
    };
    let m = match state.app.risk_matrix(&user.caller).await {
        Ok(m) => m,
        Err(e) => return fail(ctx, e),
    };
    let filters = q.filters(&query);
    let offerings = match offering_choices(&state, &user, &filters[0].1).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    // The grid covers the matrix, and any cell counted outside it (an older matrix).
    let all = heat.inherent.iter().chain(heat.residual.iter());
    let impact = all
        .clone()
        .map(|c| usize::from(c.impact))
        .max()
        .unwrap_or(0)
        .max(m.matrix.impact.len());
    let likelihood = all
        .map(|c| usize::from(c.likelihood))
        .max()
        .unwrap_or(0)
        .max(m.matrix.likelihood.len());
    let count_in = |cells: &[anzen_app::ports::HeatCell]| {
        let cells = cells.to_vec();
        move |i: u8, l: u8| {
            Some(
                cells
                    .iter()
                    .filter(|c| c.impact == i && c.likelihood == l)
                    .map(|c| c.count)
                    .sum(),
            )
        }
    };
    let any = ctx.t("risks.filter.any");
    let page = HeatPage {
        chrome: ctx.chrome(ctx.t("risks.heat.title"), Nav::Risks),
        tables: vec![
            HeatTable {
                id: "heat-inherent",
                caption_key: "risks.heat.inherent",
                total: heat.inherent.iter().map(|c| c.count).sum(),
                grid: grid(
                    lang,
                    &m.matrix,
                    impact,
                    likelihood,
                    count_in(&heat.inherent),
                ),
            },
            HeatTable {
                id: "heat-residual",
                caption_key: "risks.heat.residual",
                total: heat.residual.iter().map(|c| c.count).sum(),
                grid: grid(
                    lang,
                    &m.matrix,
                    impact,
                    likelihood,
                    count_in(&heat.residual),
                ),
            },
        ],
        matrix_version: m.version,
        legend: m
            .matrix
            .criteria
            .iter()
            .map(|c| Legend {
                level: LevelView::new(lang, c.level, Some(&m.matrix)),
                description: match lang {
                    Lang::Ja => c.description_ja.clone(),
                    Lang::En => c.description_en.clone(),
                },
            })
            .collect(),
        offerings,
        statuses: choices(
            RiskStatus::ALL,
            |s| s.code(),
            |s| label(lang, s.label_ja(), s.label_en()).to_owned(),
            &filters[3].1,
            any,
        ),
        list_href: href_with("/risks", &pairs(&filters)),
    };
    render(ctx, &page)
}

#[derive(Debug, Clone)]
struct DutyRow {
    risk_href: String,
    risk_title: String,
    offering: String,
    description: String,
}

#[derive(Template)]
#[template(path = "risks/duties.html")]
struct DutiesPage {
    chrome: Chrome,
    rows: Vec<DutyRow>,
}

/// `GET /institution/duties`: what risk treatments ask of the user's institution (FAQ 5.2).
pub async fn duties(State(state): State<AppState>, user: SignedIn) -> Response {
    let ctx = &user.ctx;
    let duties = match state.app.my_institution_duties(&user.caller).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(&state, &user, [], duties.iter().map(|d| d.offering)).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let page = DutiesPage {
        chrome: ctx.chrome(ctx.t("risks.duties.title"), Nav::Risks),
        rows: duties
            .iter()
            .map(|d| DutyRow {
                risk_href: format!("/risks/{}", d.risk),
                risk_title: d.risk_title.clone(),
                offering: names.offering(d.offering),
                description: d.description.clone(),
            })
            .collect(),
    };
    render(ctx, &page)
}
