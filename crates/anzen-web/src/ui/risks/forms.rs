//! The forms of the register: identify a risk on an offering (GL 5.1.1, 5.1.2), decide its
//! treatment with measures, owners and the residual risk (GL 5.1.4, 5.1.5), reassess it,
//! and raise a technology-change notice that marks risks for review (FAQ 5.2).
//!
//! Bad input re-renders the form (422) with the message next to its field; nothing is
//! written. The treatment form has a fixed number of measure rows and a button that adds
//! rows without saving (no JavaScript).

use anzen_app::AppError;
use anzen_app::ports::{OfferingQuery, Page};
use anzen_app::risks::{MeasureInput, RiskInput, TreatmentInput};
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::{OfferingId, OrgId, RiskId};
use anzen_domain::org::OrgKind;
use anzen_domain::risk::{MatrixVersion, MeasureOwner, TreatmentOption};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::view::{
    CriterionView, Grid, LevelView, PointChoice, criteria, grid, option_label, point_choices,
};
use crate::AppState;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Choice, FormErrors, Names, can, fail, forbidden, not_found, org_names};
use crate::ui::{render, render_status, see_other};

/// Renders `page` with 200, or 422 when it shows errors.
fn form_response<T: Template>(user: &SignedIn, errors: &FormErrors, page: &T) -> Response {
    if errors.is_empty() {
        render(&user.ctx, page)
    } else {
        render_status(&user.ctx, StatusCode::UNPROCESSABLE_ENTITY, page)
    }
}

/// The form's field id of a use-case's field (`treatment.measures[0].description` →
/// `measure_description_0`, `cells[0][1]` → `cell_1_2`).
pub fn form_field(field: &str) -> String {
    let f = field.strip_prefix("treatment.").unwrap_or(field);
    if let Some(rest) = f.strip_prefix("measures[")
        && let Some((i, name)) = rest.split_once("].")
    {
        let name = match name {
            "owner_org" => "owner",
            other => other,
        };
        return format!("measure_{name}_{i}");
    }
    f.to_owned()
}

/// The errors of a use-case's refusal, named by the form's fields.
fn errors_of(lang: Lang, e: &AppError) -> Option<FormErrors> {
    match e {
        AppError::Invalid(fe) => {
            let mut fe = fe.clone();
            fe.field = form_field(&fe.field);
            Some(FormErrors::from_field_error(lang, &fe))
        }
        _ => None,
    }
}

// ------------------------------------------------------------------------- new risk

#[derive(Debug, Clone)]
struct FlowChoice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Debug, Clone)]
struct FlowGroup {
    offering: String,
    flows: Vec<FlowChoice>,
}

#[derive(Template)]
#[template(path = "risks/new.html")]
struct NewPage {
    chrome: Chrome,
    offerings: Vec<Choice>,
    flow_groups: Vec<FlowGroup>,
    flow_none_selected: bool,
    title: String,
    threat: String,
    vulnerability: String,
    confidentiality: bool,
    integrity: bool,
    availability: bool,
    impact: Vec<PointChoice>,
    likelihood: Vec<PointChoice>,
    matrix: Grid,
    matrix_version: i64,
    errors: FormErrors,
    no_offerings: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewRiskForm {
    #[serde(default)]
    offering: String,
    #[serde(default)]
    flow: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    threat: String,
    #[serde(default)]
    vulnerability: String,
    #[serde(default)]
    confidentiality: String,
    #[serde(default)]
    integrity: String,
    #[serde(default)]
    availability: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    likelihood: String,
}

async fn new_page(
    state: &AppState,
    user: &SignedIn,
    form: &NewRiskForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let m = match state.app.risk_matrix(&user.caller).await {
        Ok(m) => m,
        Err(e) => return fail(ctx, e),
    };
    let own = user.caller.org();
    let offerings: Vec<_> = match state
        .app
        .list_offerings(&user.caller, &OfferingQuery::default(), Page::all())
        .await
    {
        Ok(l) => l
            .rows
            .into_iter()
            .filter(|o| own.is_none_or(|own| o.provider == own))
            .collect(),
        Err(e) => return fail(ctx, e),
    };
    let chosen = form.offering.trim().parse::<OfferingId>().ok();
    let mut flow_groups = Vec::new();
    for o in offerings
        .iter()
        .filter(|o| chosen.is_none_or(|c| c == o.id))
    {
        let flows = match state.app.list_flows(&user.caller, o.id).await {
            Ok(f) => f,
            Err(e) => return fail(ctx, e),
        };
        if flows.is_empty() {
            continue;
        }
        flow_groups.push(FlowGroup {
            offering: o.name.to_string(),
            flows: flows
                .iter()
                .map(|f| FlowChoice {
                    value: f.id.to_string(),
                    label: format!("{} / {} / {}", f.who, f.what, f.how),
                    selected: f.id.to_string() == form.flow.trim(),
                })
                .collect(),
        });
    }
    let page = NewPage {
        chrome: ctx.chrome(ctx.t("risks.new"), Nav::Risks),
        no_offerings: offerings.is_empty(),
        offerings: std::iter::once(Choice::new("", ctx.t("form.choose"), &form.offering))
            .chain(
                offerings
                    .iter()
                    .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), &form.offering)),
            )
            .collect(),
        flow_none_selected: !flow_groups
            .iter()
            .flat_map(|g| g.flows.iter())
            .any(|f| f.selected),
        flow_groups,
        title: form.title.clone(),
        threat: form.threat.clone(),
        vulnerability: form.vulnerability.clone(),
        confidentiality: !form.confidentiality.is_empty(),
        integrity: !form.integrity.is_empty(),
        availability: !form.availability.is_empty(),
        impact: point_choices(lang, &m.matrix.impact, &form.impact),
        likelihood: point_choices(lang, &m.matrix.likelihood, &form.likelihood),
        matrix: grid(
            lang,
            &m.matrix,
            m.matrix.impact.len(),
            m.matrix.likelihood.len(),
            |_, _| None,
        ),
        matrix_version: m.version,
        errors: errors.clone(),
    };
    form_response(user, &errors, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    offering: String,
}

/// `GET /risks/new[?offering=ID]`.
pub async fn new_form(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<NewQuery>,
) -> Response {
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(&user.ctx);
    }
    let form = NewRiskForm {
        offering: q.offering,
        ..NewRiskForm::default()
    };
    new_page(&state, &user, &form, FormErrors::default()).await
}

/// `POST /risks`: identifies and analyses the risk; 303 to its page.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<NewRiskForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(ctx);
    }
    let input = RiskInput {
        offering: form.offering.clone(),
        flow: form.flow.clone(),
        title: form.title.clone(),
        threat: form.threat.clone(),
        vulnerability: form.vulnerability.clone(),
        confidentiality: !form.confidentiality.is_empty(),
        integrity: !form.integrity.is_empty(),
        availability: !form.availability.is_empty(),
        impact: form.impact.clone(),
        likelihood: form.likelihood.clone(),
    };
    match state.app.add_risk(&user.caller, input).await {
        Ok(r) => see_other(
            ctx,
            &format!("/risks/{}", r.id),
            Some((
                FlashKind::Success,
                format!(
                    "{} {} ({})",
                    ctx.t("flash.created"),
                    r.title,
                    r.inherent.level
                ),
            )),
        ),
        Err(e) => match errors_of(ctx.lang, &e) {
            Some(errors) => new_page(&state, &user, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}

// ------------------------------------------------------------------------ treatment

/// Measure rows shown beyond the existing ones, and added by "more rows".
const SPARE_ROWS: usize = 2;
/// The most measure rows a form takes.
const MAX_ROWS: usize = 30;

#[derive(Debug, Clone, Default)]
struct MeasureRow {
    index: usize,
    description: String,
    owners: Vec<Choice>,
    controls: String,
    due: String,
    done: bool,
    description_error: String,
    owner_error: String,
    due_error: String,
}

#[derive(Template)]
#[template(path = "risks/treatment.html")]
struct TreatmentPage {
    chrome: Chrome,
    id: String,
    title: String,
    revision: String,
    inherent: LevelView,
    criterion: String,
    options: Vec<OptionChoice>,
    rows: Vec<MeasureRow>,
    row_count: usize,
    rationale: String,
    options_considered: String,
    residual_impact: Vec<PointChoice>,
    residual_likelihood: Vec<PointChoice>,
    explanation: String,
    matrix_version: i64,
    errors: FormErrors,
}

#[derive(Debug, Clone)]
struct OptionChoice {
    value: &'static str,
    label: &'static str,
    hint: &'static str,
    checked: bool,
}

/// The treatment form as posted: indexed measure fields (`measure_description_0`, …).
#[derive(Debug, Clone, Default)]
pub struct TreatmentForm {
    revision: String,
    option: String,
    measures: Vec<MeasureFields>,
    rationale: String,
    options_considered: String,
    residual_impact: String,
    residual_likelihood: String,
    explanation: String,
    rows: usize,
    more_rows: bool,
}

#[derive(Debug, Clone, Default)]
struct MeasureFields {
    description: String,
    /// `provider`, `institution:<id>` or `subcontractor:<id>`.
    owner: String,
    controls: String,
    due: String,
    done: bool,
}

impl TreatmentForm {
    fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut f = TreatmentForm::default();
        let mut measures: Vec<MeasureFields> = Vec::new();
        for (k, v) in pairs {
            let indexed = k.rsplit_once('_').and_then(|(name, i)| {
                i.parse::<usize>()
                    .ok()
                    .filter(|i| *i < MAX_ROWS)
                    .map(|i| (name.to_owned(), i))
            });
            if let Some((name, i)) = indexed.filter(|(n, _)| n.starts_with("measure_")) {
                if measures.len() <= i {
                    measures.resize(i + 1, MeasureFields::default());
                }
                let m = &mut measures[i];
                match name.as_str() {
                    "measure_description" => m.description = v,
                    "measure_owner" => m.owner = v,
                    "measure_controls" => m.controls = v,
                    "measure_due" => m.due = v,
                    "measure_done" => m.done = !v.is_empty(),
                    _ => {}
                }
                continue;
            }
            match k.as_str() {
                "revision" => f.revision = v,
                "option" => f.option = v,
                "rationale" => f.rationale = v,
                "options_considered" => f.options_considered = v,
                "residual_impact" => f.residual_impact = v,
                "residual_likelihood" => f.residual_likelihood = v,
                "explanation" => f.explanation = v,
                "rows" => f.rows = v.trim().parse().unwrap_or(0),
                "more_rows" => f.more_rows = true,
                _ => {}
            }
        }
        f.measures = measures;
        f
    }

    /// The measures as the use-case takes them: rows without a description are left out;
    /// `positions` maps each kept measure to its row.
    fn inputs(&self) -> (Vec<MeasureInput>, Vec<usize>) {
        let mut inputs = Vec::new();
        let mut positions = Vec::new();
        for (i, m) in self.measures.iter().enumerate() {
            if m.description.trim().is_empty()
                && m.controls.trim().is_empty()
                && m.due.trim().is_empty()
            {
                continue;
            }
            let (owner, owner_org) = match m.owner.split_once(':') {
                Some((kind, org)) => (kind.to_owned(), org.to_owned()),
                None => (m.owner.clone(), String::new()),
            };
            inputs.push(MeasureInput {
                description: m.description.clone(),
                owner,
                owner_org,
                controls: m.controls.clone(),
                due: m.due.clone(),
                done: m.done,
            });
            positions.push(i);
        }
        (inputs, positions)
    }
}

/// The owners a measure may have: the provider, each institution the risk touches, and
/// the partners the provider registered (its subcontractors).
async fn owner_choices(
    state: &AppState,
    user: &SignedIn,
    affected: &[OrgId],
) -> Result<Vec<(String, String)>, AppError> {
    let lang = user.ctx.lang;
    let names = Names::for_ids(state, user, affected.iter().copied(), []).await?;
    let mut owners = vec![(
        "provider".to_owned(),
        user.ctx.t("risks.owner.provider").to_owned(),
    )];
    for org in affected {
        owners.push((
            format!("institution:{org}"),
            format!(
                "{}: {}",
                crate::i18n::t(lang, "risks.owner.institution"),
                names.org(*org)
            ),
        ));
    }
    for o in org_names(state, user).await? {
        if o.org_type.kind() == OrgKind::Partner {
            owners.push((
                format!("subcontractor:{}", o.id),
                format!(
                    "{}: {}",
                    crate::i18n::t(lang, "risks.owner.subcontractor"),
                    o.name
                ),
            ));
        }
    }
    Ok(owners)
}

async fn treatment_page(
    state: &AppState,
    user: &SignedIn,
    id: RiskId,
    form: Option<&TreatmentForm>,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let detail = match state.app.risk_detail(&user.caller, id).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let risk = &detail.row.risk;
    let owners = match owner_choices(state, user, &detail.affected).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    // The form as posted, or the current treatment.
    let current = match form {
        Some(f) => f.clone(),
        None => {
            let t = risk.treatment.as_ref();
            TreatmentForm {
                revision: risk.revision.to_string(),
                option: t.map(|t| t.option.code().to_owned()).unwrap_or_default(),
                measures: t
                    .iter()
                    .flat_map(|t| t.measures.iter())
                    .map(|m| MeasureFields {
                        description: m.description.clone(),
                        owner: match m.owner {
                            MeasureOwner::Provider => "provider".to_owned(),
                            MeasureOwner::Institution(o) => format!("institution:{o}"),
                            MeasureOwner::Subcontractor(o) => format!("subcontractor:{o}"),
                        },
                        controls: m.controls.join(", "),
                        due: m.due.map(|d| d.to_string()).unwrap_or_default(),
                        done: m.done,
                    })
                    .collect(),
                rationale: t.map(|t| t.rationale.clone()).unwrap_or_default(),
                options_considered: t.map(|t| t.options_considered.clone()).unwrap_or_default(),
                residual_impact: risk
                    .residual
                    .as_ref()
                    .map(|r| r.impact.to_string())
                    .unwrap_or_default(),
                residual_likelihood: risk
                    .residual
                    .as_ref()
                    .map(|r| r.likelihood.to_string())
                    .unwrap_or_default(),
                explanation: risk.explanation.clone(),
                rows: 0,
                more_rows: false,
            }
        }
    };
    let filled = current
        .measures
        .iter()
        .rposition(|m| !m.description.trim().is_empty())
        .map_or(0, |i| i + 1);
    let mut row_count = current.rows.max(filled + SPARE_ROWS).max(3);
    if current.more_rows {
        row_count += SPARE_ROWS;
    }
    let row_count = row_count.min(MAX_ROWS);
    let rows = (0..row_count)
        .map(|i| {
            let m = current.measures.get(i).cloned().unwrap_or_default();
            let owner = if m.owner.is_empty() {
                "provider".to_owned()
            } else {
                m.owner.clone()
            };
            MeasureRow {
                index: i,
                owners: owners
                    .iter()
                    .map(|(v, l)| Choice::new(v.clone(), l.clone(), &owner))
                    .collect(),
                description_error: errors.get(&format!("measure_description_{i}")).to_owned(),
                owner_error: errors.get(&format!("measure_owner_{i}")).to_owned(),
                due_error: errors.get(&format!("measure_due_{i}")).to_owned(),
                description: m.description,
                controls: m.controls,
                due: m.due,
                done: m.done,
            }
        })
        .collect();
    let matrix = &detail.matrix.matrix;
    let criterion = LevelView::new(lang, risk.inherent.level, Some(matrix));
    let page = TreatmentPage {
        chrome: ctx.chrome(
            format!("{} — {}", ctx.t("risks.treat"), risk.title),
            Nav::Risks,
        ),
        id: risk.id.to_string(),
        title: risk.title.to_string(),
        revision: current.revision.clone(),
        criterion: criterion.criterion.clone(),
        inherent: criterion,
        options: TreatmentOption::ALL
            .iter()
            .map(|o| OptionChoice {
                value: o.code(),
                label: option_label(lang, *o),
                hint: ctx.t(match o {
                    TreatmentOption::Reduce => "risks.option.reduce_hint",
                    TreatmentOption::Avoid => "risks.option.avoid_hint",
                    TreatmentOption::Share => "risks.option.share_hint",
                    TreatmentOption::Accept => "risks.option.accept_hint",
                }),
                checked: o.code() == current.option.trim(),
            })
            .collect(),
        rows,
        row_count,
        rationale: current.rationale.clone(),
        options_considered: current.options_considered.clone(),
        residual_impact: point_choices(lang, &matrix.impact, &current.residual_impact),
        residual_likelihood: point_choices(lang, &matrix.likelihood, &current.residual_likelihood),
        explanation: current.explanation.clone(),
        matrix_version: detail.matrix.version,
        errors: errors.clone(),
    };
    form_response(user, &errors, &page)
}

fn risk_id(raw: &str) -> Option<RiskId> {
    raw.parse::<RiskId>().ok()
}

/// `GET /risks/{id}/treatment`.
pub async fn treatment_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let Some(id) = risk_id(&raw) else {
        return not_found(&user.ctx, "risk");
    };
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(&user.ctx);
    }
    treatment_page(&state, &user, id, None, FormErrors::default()).await
}

/// `POST /risks/{id}/treatment`: decides the treatment; 303 to the risk.
pub async fn treat(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    let Some(id) = risk_id(&raw) else {
        return not_found(&user.ctx, "risk");
    };
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(ctx);
    }
    let form = TreatmentForm::parse(pairs);
    if form.more_rows {
        return treatment_page(&state, &user, id, Some(&form), FormErrors::default()).await;
    }
    let Some(revision) = form.revision.trim().parse::<i64>().ok().filter(|r| *r >= 1) else {
        let errors = FormErrors::one("revision", ctx.t("risks.error.revision"));
        return treatment_page(&state, &user, id, Some(&form), errors).await;
    };
    let (measures, positions) = form.inputs();
    let input = TreatmentInput {
        option: form.option.clone(),
        measures,
        rationale: form.rationale.clone(),
        options_considered: form.options_considered.clone(),
        residual_impact: form.residual_impact.clone(),
        residual_likelihood: form.residual_likelihood.clone(),
        explanation: form.explanation.clone(),
    };
    match state
        .app
        .decide_treatment(&user.caller, id, Some(revision), input)
        .await
    {
        Ok(r) => {
            let option = r
                .treatment
                .as_ref()
                .map(|t| option_label(ctx.lang, t.option))
                .unwrap_or_default();
            see_other(
                ctx,
                &format!("/risks/{id}"),
                Some((
                    FlashKind::Success,
                    format!("{} {option}", ctx.t("risks.treated")),
                )),
            )
        }
        Err(AppError::Invalid(mut fe)) => {
            // The use-case counts the measures it was given; name the form's row.
            let field = form_field(&fe.field);
            fe.field = match field.rsplit_once('_') {
                Some((name, i)) if name.starts_with("measure_") => {
                    let row = i
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| positions.get(i).copied())
                        .unwrap_or(0);
                    format!("{name}_{row}")
                }
                _ => field,
            };
            let errors = FormErrors::from_field_error(ctx.lang, &fe);
            treatment_page(&state, &user, id, Some(&form), errors).await
        }
        Err(e) => fail(ctx, e),
    }
}

// ------------------------------------------------------------------------- reassess

#[derive(Template)]
#[template(path = "risks/reassess.html")]
struct ReassessPage {
    chrome: Chrome,
    id: String,
    title: String,
    revision: String,
    current: LevelView,
    current_values: String,
    impact: Vec<PointChoice>,
    likelihood: Vec<PointChoice>,
    matrix: Grid,
    matrix_version: i64,
    criteria: Vec<CriterionView>,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct ReassessForm {
    #[serde(default)]
    revision: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    likelihood: String,
}

async fn reassess_page(
    state: &AppState,
    user: &SignedIn,
    id: RiskId,
    form: Option<&ReassessForm>,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let detail = match state.app.risk_detail(&user.caller, id).await {
        Ok(d) => d,
        Err(e) => return fail(ctx, e),
    };
    let m: MatrixVersion = match state.app.risk_matrix(&user.caller).await {
        Ok(m) => m,
        Err(e) => return fail(ctx, e),
    };
    let risk = &detail.row.risk;
    let (revision, impact, likelihood) = match form {
        Some(f) => (f.revision.clone(), f.impact.clone(), f.likelihood.clone()),
        None => (
            risk.revision.to_string(),
            risk.inherent.impact.to_string(),
            risk.inherent.likelihood.to_string(),
        ),
    };
    let page = ReassessPage {
        chrome: ctx.chrome(
            format!("{} — {}", ctx.t("risks.reassess"), risk.title),
            Nav::Risks,
        ),
        id: risk.id.to_string(),
        title: risk.title.to_string(),
        revision,
        current: LevelView::new(lang, risk.inherent.level, Some(&detail.matrix.matrix)),
        current_values: format!("{}×{}", risk.inherent.impact, risk.inherent.likelihood),
        impact: point_choices(lang, &m.matrix.impact, &impact),
        likelihood: point_choices(lang, &m.matrix.likelihood, &likelihood),
        matrix: grid(
            lang,
            &m.matrix,
            m.matrix.impact.len(),
            m.matrix.likelihood.len(),
            |_, _| None,
        ),
        matrix_version: m.version,
        criteria: criteria(lang, &m.matrix),
        errors: errors.clone(),
    };
    form_response(user, &errors, &page)
}

/// `GET /risks/{id}/reassess`.
pub async fn reassess_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let Some(id) = risk_id(&raw) else {
        return not_found(&user.ctx, "risk");
    };
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(&user.ctx);
    }
    reassess_page(&state, &user, id, None, FormErrors::default()).await
}

/// `POST /risks/{id}/reassess`: analyses the risk again on the current matrix.
pub async fn reassess(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<ReassessForm>,
) -> Response {
    let ctx = &user.ctx;
    let Some(id) = risk_id(&raw) else {
        return not_found(&user.ctx, "risk");
    };
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(ctx);
    }
    let Some(revision) = form.revision.trim().parse::<i64>().ok().filter(|r| *r >= 1) else {
        let errors = FormErrors::one("revision", ctx.t("risks.error.revision"));
        return reassess_page(&state, &user, id, Some(&form), errors).await;
    };
    match state
        .app
        .reassess_risk(
            &user.caller,
            id,
            Some(revision),
            &form.impact,
            &form.likelihood,
        )
        .await
    {
        Ok(r) => see_other(
            ctx,
            &format!("/risks/{id}"),
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("risks.reassessed"), r.inherent.level),
            )),
        ),
        Err(e) => match errors_of(ctx.lang, &e) {
            Some(errors) => reassess_page(&state, &user, id, Some(&form), errors).await,
            None => fail(ctx, e),
        },
    }
}

// ---------------------------------------------------------------- technology notice

/// A risk a notice will mark, as listed by the preview.
#[derive(Debug, Clone)]
struct RiskChoice {
    href: String,
    label: String,
    level: LevelView,
}

#[derive(Template)]
#[template(path = "risks/notice.html")]
struct NoticePage {
    chrome: Chrome,
    title: String,
    description: String,
    control: String,
    /// The risks the notice will mark, once previewed.
    preview: Option<Vec<RiskChoice>>,
    errors: FormErrors,
}

#[allow(clippy::too_many_arguments)]
async fn notice_page(
    state: &AppState,
    user: &SignedIn,
    title: &str,
    description: &str,
    control: &str,
    preview: Option<Vec<anzen_app::ports::RiskRow>>,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let rows = preview.unwrap_or_default();
    let names = match Names::for_ids(state, user, [], rows.iter().map(|r| r.risk.offering)).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let listed: Vec<RiskChoice> = rows
        .iter()
        .map(|r| RiskChoice {
            href: format!("/risks/{}", r.risk.id),
            label: format!("{} — {}", r.risk.title, names.offering(r.risk.offering)),
            level: LevelView::new(ctx.lang, r.risk.inherent.level, None),
        })
        .collect();
    let page = NoticePage {
        chrome: ctx.chrome(ctx.t("risks.notice.new"), Nav::Risks),
        title: title.to_owned(),
        description: description.to_owned(),
        control: control.to_owned(),
        preview: (!control.trim().is_empty() && errors.is_empty()).then_some(listed),
        errors: errors.clone(),
    };
    form_response(user, &errors, &page)
}

/// `GET /tech-notices/new`.
pub async fn notice_form(State(state): State<AppState>, user: SignedIn) -> Response {
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(&user.ctx);
    }
    notice_page(&state, &user, "", "", "", None, FormErrors::default()).await
}

/// The fields of the notice form.
fn notice_fields(pairs: &[(String, String)]) -> (String, String, String) {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    (get("title"), get("description"), get("control"))
}

/// `POST /tech-notices/preview`: lists the risks a notice on the control will mark (FAQ 5.2),
/// writing nothing.
pub async fn preview_notice(
    State(state): State<AppState>,
    user: SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(ctx);
    }
    let (title, description, control) = notice_fields(&pairs);
    match state.app.preview_tech_notice(&user.caller, &control).await {
        Ok(p) => {
            notice_page(
                &state,
                &user,
                &title,
                &description,
                &p.control.key,
                Some(p.risks),
                FormErrors::default(),
            )
            .await
        }
        Err(AppError::Invalid(fe)) => {
            let errors = FormErrors::from_field_error(ctx.lang, &fe);
            notice_page(&state, &user, &title, &description, &control, None, errors).await
        }
        Err(e) => fail(ctx, e),
    }
}

/// `POST /tech-notices`: raises the notice on a control and marks exactly the risks whose
/// measures implement it.
pub async fn raise_notice(
    State(state): State<AppState>,
    user: SignedIn,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Risks, Action::Write) {
        return forbidden(ctx);
    }
    let (title, description, control) = notice_fields(&pairs);
    match state
        .app
        .raise_tech_notice(&user.caller, &title, &description, &control)
        .await
    {
        Ok((n, _)) => see_other(
            ctx,
            "/risks?flagged=1",
            Some((
                FlashKind::Success,
                format!(
                    "{} {} ({})",
                    ctx.t("risks.notice.raised"),
                    n.title,
                    n.risks_marked
                ),
            )),
        ),
        Err(AppError::Invalid(fe)) => {
            let errors = FormErrors::from_field_error(ctx.lang, &fe);
            notice_page(&state, &user, &title, &description, &control, None, errors).await
        }
        Err(e) => fail(ctx, e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn use_case_fields_name_the_form_fields() {
        assert_eq!(
            form_field("treatment.measures[1].description"),
            "measure_description_1"
        );
        assert_eq!(form_field("measures[0].owner_org"), "measure_owner_0");
        assert_eq!(form_field("treatment.option"), "option");
        assert_eq!(form_field("residual"), "residual");
    }

    #[test]
    fn measure_rows_are_read_from_indexed_fields() {
        let pairs = vec![
            ("measure_description_1".to_owned(), "12文字以上".to_owned()),
            ("measure_owner_1".to_owned(), "institution:x".to_owned()),
            ("measure_description_0".to_owned(), "".to_owned()),
            ("measure_description_99".to_owned(), "too far".to_owned()),
            ("option".to_owned(), "reduce".to_owned()),
        ];
        let f = TreatmentForm::parse(pairs);
        assert_eq!(f.option, "reduce");
        let (inputs, positions) = f.inputs();
        assert_eq!(inputs.len(), 1);
        assert_eq!(positions, [1]);
        assert_eq!(inputs[0].owner, "institution");
        assert_eq!(inputs[0].owner_org, "x");
    }
}
