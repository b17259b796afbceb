//! The provider's risk matrix (GL 5.1.2, 5.1.3): the current version with its scales, cells
//! and criteria, labelled as an example when it is anzen's default, and the form in which a
//! provider administrator defines a new version (the level of each cell and the review
//! interval of each level; the scales' labels stay as they are).

use anzen_app::AppError;
use anzen_domain::access::Role;
use anzen_domain::risk::{MatrixVersion, RiskLevel, RiskMatrix, ScalePoint};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::view::{CriterionView, Grid, criteria, grid};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Choice, FormErrors, fail, forbidden};
use crate::ui::{render, render_status, see_other};

#[derive(Debug, Clone)]
struct PointRow {
    value: u8,
    label: String,
    description: String,
}

fn points(lang: Lang, ps: &[ScalePoint]) -> Vec<PointRow> {
    ps.iter()
        .rev()
        .map(|p| PointRow {
            value: p.value,
            label: match lang {
                Lang::Ja => p.label_ja.clone(),
                Lang::En => p.label_en.clone(),
            },
            description: super::view::point_description(lang, p),
        })
        .collect()
}

/// One cell of the form: its `<select>` of levels.
#[derive(Debug, Clone)]
struct CellInput {
    name: String,
    label: String,
    levels: Vec<Choice>,
    error: String,
}

#[derive(Debug, Clone)]
struct FormRow {
    label: String,
    cells: Vec<CellInput>,
}

#[derive(Debug, Clone)]
struct IntervalInput {
    level: &'static str,
    name: String,
    value: String,
    error: String,
}

#[derive(Template)]
#[template(path = "risks/matrix.html")]
struct MatrixPage {
    chrome: Chrome,
    version: i64,
    created_by: String,
    created_at: String,
    default_example: bool,
    impact: Vec<PointRow>,
    likelihood: Vec<PointRow>,
    matrix: Grid,
    criteria: Vec<CriterionView>,
    can_define: bool,
    columns: Vec<String>,
    form_rows: Vec<FormRow>,
    intervals: Vec<IntervalInput>,
    errors: FormErrors,
}

/// The form's values: `cell_{impact}_{likelihood}` (1-based) and `interval_{LEVEL}`.
type Posted = Vec<(String, String)>;

fn posted<'a>(form: Option<&'a Posted>, name: &str) -> Option<&'a str> {
    form.and_then(|f| f.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()))
}

fn page(user: &SignedIn, m: &MatrixVersion, form: Option<&Posted>, errors: FormErrors) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let matrix = &m.matrix;
    let g = grid(
        lang,
        matrix,
        matrix.impact.len(),
        matrix.likelihood.len(),
        |_, _| None,
    );
    let form_rows = g
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let i = matrix.impact.len() - r;
            FormRow {
                label: row.label.clone(),
                cells: row
                    .cells
                    .iter()
                    .enumerate()
                    .map(|(l, cell)| {
                        let current = posted(form, &cell.name)
                            .map(str::to_owned)
                            .or_else(|| cell.level.as_ref().map(|lv| lv.code.to_owned()))
                            .unwrap_or_default();
                        CellInput {
                            name: cell.name.clone(),
                            label: format!(
                                "{} {} × {} {}",
                                ctx.t("risks.impact"),
                                i,
                                ctx.t("risks.likelihood"),
                                l + 1
                            ),
                            levels: RiskLevel::ALL
                                .iter()
                                .map(|lv| Choice::new(lv.code(), lv.code(), &current))
                                .collect(),
                            error: errors.get(&cell.name).to_owned(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let criteria_views = criteria(lang, matrix);
    let intervals = criteria_views
        .iter()
        .map(|c| IntervalInput {
            level: c.level.code,
            name: c.field.clone(),
            value: posted(form, &c.field)
                .map(str::to_owned)
                .unwrap_or_else(|| c.interval.to_string()),
            error: errors.get(&c.field).to_owned(),
        })
        .collect();
    let page = MatrixPage {
        chrome: ctx.chrome(ctx.t("risks.matrix.title"), Nav::Risks),
        version: m.version,
        created_by: crate::ui::audit_text::actor(lang, &m.created_by, &Default::default()),
        created_at: dates::format_timestamp(m.created_at, lang),
        default_example: *matrix == RiskMatrix::default_example(),
        impact: points(lang, &matrix.impact),
        likelihood: points(lang, &matrix.likelihood),
        columns: g.columns.clone(),
        matrix: g,
        criteria: criteria_views,
        can_define: is_admin(user),
        form_rows,
        intervals,
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

fn is_admin(user: &SignedIn) -> bool {
    user.session().user.role == Role::ProviderAdmin
}

/// `GET /risks/matrix`.
pub async fn show(State(state): State<AppState>, user: SignedIn) -> Response {
    match state.app.risk_matrix(&user.caller).await {
        Ok(m) => page(&user, &m, None, FormErrors::default()),
        Err(e) => fail(&user.ctx, e),
    }
}

/// The new matrix of the form: the current scales and criteria with the posted cells and
/// intervals. An error names the form's field.
fn matrix_of(current: &RiskMatrix, form: &Posted) -> Result<RiskMatrix, (String, String)> {
    let mut m = current.clone();
    for (i, row) in m.cells.iter_mut().enumerate() {
        for (l, cell) in row.iter_mut().enumerate() {
            let name = format!("cell_{}_{}", i + 1, l + 1);
            let raw = posted(Some(form), &name).unwrap_or_default();
            *cell = RiskLevel::from_code(raw.trim())
                .ok_or_else(|| (name.clone(), format!("unknown value `{raw}`")))?;
        }
    }
    for c in &mut m.criteria {
        let name = format!("interval_{}", c.level.code());
        let raw = posted(Some(form), &name).unwrap_or_default();
        c.review_interval_days = raw
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|d| (1..=1095).contains(d))
            .ok_or_else(|| (name.clone(), "must be 1 to 1095 days".to_owned()))?;
    }
    Ok(m)
}

/// The form's field of a matrix validation error (`cells[0][1]` → `cell_1_2`,
/// `criteria[2].…` → `interval_B`).
fn field_of(current: &RiskMatrix, field: &str) -> String {
    if let Some(rest) = field.strip_prefix("cells[") {
        let nums: Vec<usize> = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        if let [i, l] = nums[..] {
            return format!("cell_{}_{}", i + 1, l + 1);
        }
    }
    if let Some(rest) = field.strip_prefix("criteria[")
        && let Some(i) = rest.split(']').next().and_then(|s| s.parse::<usize>().ok())
        && let Some(c) = current.criteria.get(i)
    {
        return format!("interval_{}", c.level.code());
    }
    field.to_owned()
}

/// `POST /risks/matrix`: a new version; 303 back to the matrix.
pub async fn define(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<Posted>,
) -> Response {
    let ctx = &user.ctx;
    let current = match state.app.risk_matrix(&user.caller).await {
        Ok(m) => m,
        Err(e) => return fail(ctx, e),
    };
    if !is_admin(&user) {
        return forbidden(ctx);
    }
    let matrix = match matrix_of(&current.matrix, &form) {
        Ok(m) => m,
        Err((field, message)) => {
            let fe = anzen_domain::FieldError::new(field, message);
            let errors = FormErrors::from_field_error(ctx.lang, &fe);
            return page(&user, &current, Some(&form), errors);
        }
    };
    match state.app.set_risk_matrix(&user.caller, matrix).await {
        Ok(v) => see_other(
            ctx,
            "/risks/matrix",
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("risks.matrix.created"), v.version),
            )),
        ),
        Err(AppError::Invalid(mut fe)) => {
            fe.field = field_of(&current.matrix, &fe.field);
            let errors = FormErrors::from_field_error(ctx.lang, &fe);
            page(&user, &current, Some(&form), errors)
        }
        Err(e) => fail(ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_errors_name_the_form_fields() {
        let m = RiskMatrix::default_example();
        assert_eq!(field_of(&m, "cells[0][1]"), "cell_1_2");
        assert_eq!(
            field_of(&m, "criteria[2].review_interval_days"),
            "interval_B"
        );
        assert_eq!(field_of(&m, "criteria"), "criteria");
    }

    #[test]
    fn the_form_gives_a_new_matrix_or_names_the_bad_field() {
        let m = RiskMatrix::default_example();
        let mut form: Posted = Vec::new();
        for i in 1..=5 {
            for l in 1..=5 {
                let level = m.cells[i - 1][l - 1];
                form.push((format!("cell_{i}_{l}"), level.code().to_owned()));
            }
        }
        for c in &m.criteria {
            form.push((format!("interval_{}", c.level.code()), "30".to_owned()));
        }
        let new = matrix_of(&m, &form).unwrap();
        assert!(new.criteria.iter().all(|c| c.review_interval_days == 30));
        form[0].1 = "Z".into();
        assert_eq!(matrix_of(&m, &form).unwrap_err().0, "cell_1_1");
    }
}
