//! The safety evaluations section of an offering's page (GL 4.3; Table 4-1 ②-4): the
//! evaluations newest first with their findings and what each finding raised, the form to
//! record one (the provider), and per finding the forms to raise a risk of the offering's
//! register or a planned (対応予定) Appendix 2 statement. An institution contracting the
//! offering reads the list; a partner sees no section.

use anzen_app::evaluations::FollowUpInput;
use anzen_app::risks::RiskInput;
use anzen_domain::access::{Action, Subject};
use anzen_domain::evaluation::{
    EvaluationResult, EvaluatorType, FindingSeverity, FollowUp, NewEvaluation, NewFinding,
};
use anzen_domain::ids::{EvaluationId, OfferingId};
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::ui::chrome::FlashKind;
use crate::ui::common::{Choice, can, fail, forbidden, label, not_found};
use crate::ui::see_other;

/// How many finding rows the form offers (blank rows are ignored).
const FORM_FINDINGS: usize = 5;

#[derive(Debug, Clone)]
pub(crate) struct FindingRow {
    pub index: usize,
    pub severity_code: &'static str,
    pub severity: &'static str,
    pub text: String,
    /// What it raised, as shown (empty: nothing yet).
    pub follow_up: String,
    /// The link to what it raised.
    pub follow_up_href: String,
}

#[derive(Debug, Clone)]
pub(crate) struct EvaluationRow {
    pub id: String,
    pub revision: i64,
    pub evaluated_on: String,
    pub evaluator_type: &'static str,
    pub evaluator: String,
    pub organisation: String,
    pub result_code: &'static str,
    pub result: &'static str,
    pub scope: String,
    pub summary: String,
    /// GL 4.3: the note on a self-assessment (less objective), cited.
    pub note: String,
    pub findings: Vec<FindingRow>,
    pub latest: bool,
}

/// The section, ready for `evaluations/section.html`.
#[derive(Debug, Clone)]
pub struct EvaluationsSection {
    pub rows: Vec<EvaluationRow>,
    /// The provider records evaluations and raises findings.
    pub can_write: bool,
    pub evaluator_types: Vec<Choice>,
    pub results: Vec<Choice>,
    pub severities: Vec<Choice>,
    pub finding_slots: Vec<usize>,
    /// The Appendix 2 version a planned statement is made on by default.
    pub catalogue_version: String,
}

/// The section of an offering's page; `None` when the role reads no evaluations.
pub async fn section(
    state: &AppState,
    user: &SignedIn,
    offering: OfferingId,
) -> Result<Option<EvaluationsSection>, anzen_app::AppError> {
    if !can(user, Subject::Evaluations, Action::Read) {
        return Ok(None);
    }
    let lang = user.ctx.lang;
    let all = state.app.list_evaluations(&user.caller, offering).await?;
    let latest = anzen_domain::evaluation::latest(all.iter().rev().map(|e| &e.evaluation));
    let rows = all
        .iter()
        .map(|e| {
            let x = &e.evaluation;
            EvaluationRow {
                id: e.id.to_string(),
                revision: e.revision,
                evaluated_on: dates::format_date(x.evaluated_on, lang),
                evaluator_type: label(
                    lang,
                    x.evaluator_type.label_ja(),
                    x.evaluator_type.label_en(),
                ),
                evaluator: x.evaluator.to_string(),
                organisation: x
                    .organisation
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                result_code: x.result.code(),
                result: label(lang, x.result.label_ja(), x.result.label_en()),
                scope: x.scope.clone(),
                summary: x.summary.clone().unwrap_or_default(),
                note: x
                    .objectivity_note()
                    .map(|n| crate::ui::chain::cited(lang, &n))
                    .unwrap_or_default(),
                findings: x
                    .findings
                    .iter()
                    .enumerate()
                    .map(|(index, f)| {
                        let (follow_up, follow_up_href) = match &f.follow_up {
                            None => (String::new(), String::new()),
                            Some(FollowUp::Risk { risk }) => (
                                crate::i18n::t(lang, "evaluations.raised_risk").to_owned(),
                                format!("/risks/{risk}"),
                            ),
                            Some(FollowUp::PlannedStatement { key, .. }) => (
                                format!(
                                    "{} {key}",
                                    crate::i18n::t(lang, "evaluations.raised_statement")
                                ),
                                format!("/offerings/{offering}/controls"),
                            ),
                        };
                        FindingRow {
                            index,
                            severity_code: f.severity.code(),
                            severity: label(lang, f.severity.label_ja(), f.severity.label_en()),
                            text: f.text.clone(),
                            follow_up,
                            follow_up_href,
                        }
                    })
                    .collect(),
                latest: latest.is_some_and(|l| std::ptr::eq(l, x)),
            }
        })
        .collect();
    let choose = || Choice::new("", user.ctx.t("form.choose"), "");
    Ok(Some(EvaluationsSection {
        rows,
        can_write: can(user, Subject::Evaluations, Action::Write),
        evaluator_types: std::iter::once(choose())
            .chain(
                EvaluatorType::ALL
                    .iter()
                    .map(|t| Choice::new(t.code(), label(lang, t.label_ja(), t.label_en()), "")),
            )
            .collect(),
        results: std::iter::once(choose())
            .chain(
                EvaluationResult::ALL
                    .iter()
                    .map(|r| Choice::new(r.code(), label(lang, r.label_ja(), r.label_en()), "")),
            )
            .collect(),
        severities: std::iter::once(Choice::new("", user.ctx.t("evaluations.no_finding"), ""))
            .chain(
                FindingSeverity::ALL
                    .iter()
                    .map(|s| Choice::new(s.code(), label(lang, s.label_ja(), s.label_en()), "")),
            )
            .collect(),
        finding_slots: (0..FORM_FINDINGS).collect(),
        catalogue_version: anzen_app::controls::builtin_partial()
            .map(|c| c.meta.version.clone())
            .unwrap_or_default(),
    }))
}

/// The form of a new evaluation: the fixed fields and up to five findings.
#[derive(Debug, Default, Deserialize)]
pub struct EvaluationForm {
    #[serde(default)]
    evaluator_type: String,
    #[serde(default)]
    evaluator: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    evaluated_on: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    severity_0: String,
    #[serde(default)]
    text_0: String,
    #[serde(default)]
    severity_1: String,
    #[serde(default)]
    text_1: String,
    #[serde(default)]
    severity_2: String,
    #[serde(default)]
    text_2: String,
    #[serde(default)]
    severity_3: String,
    #[serde(default)]
    text_3: String,
    #[serde(default)]
    severity_4: String,
    #[serde(default)]
    text_4: String,
}

impl EvaluationForm {
    fn input(&self) -> NewEvaluation {
        let pairs = [
            (&self.severity_0, &self.text_0),
            (&self.severity_1, &self.text_1),
            (&self.severity_2, &self.text_2),
            (&self.severity_3, &self.text_3),
            (&self.severity_4, &self.text_4),
        ];
        NewEvaluation {
            evaluator_type: self.evaluator_type.clone(),
            evaluator: self.evaluator.clone(),
            organisation: self.organisation.clone(),
            evaluated_on: self.evaluated_on.clone(),
            scope: self.scope.clone(),
            result: self.result.clone(),
            summary: self.summary.clone(),
            findings: pairs
                .iter()
                .filter(|(s, t)| !s.trim().is_empty() || !t.trim().is_empty())
                .map(|(s, t)| NewFinding {
                    severity: (*s).clone(),
                    text: (*t).clone(),
                })
                .collect(),
        }
    }
}

/// `POST /offerings/{id}/evaluations`.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<EvaluationForm>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    if !can(&user, Subject::Evaluations, Action::Write) {
        return forbidden(ctx);
    }
    match state
        .app
        .record_evaluation(&user.caller, id, form.input())
        .await
    {
        Ok(_) => see_other(
            ctx,
            &format!("/offerings/{id}#evaluations"),
            Some((FlashKind::Success, ctx.t("flash.created").to_owned())),
        ),
        Err(e) => fail(ctx, e),
    }
}

/// The form raising a finding's follow-up.
#[derive(Debug, Default, Deserialize)]
pub struct FollowUpForm {
    #[serde(default)]
    finding: String,
    #[serde(default)]
    revision: String,
    /// `risk` or `planned_statement`.
    #[serde(default)]
    kind: String,
    #[serde(default)]
    impact: String,
    #[serde(default)]
    likelihood: String,
    #[serde(default)]
    confidentiality: Option<String>,
    #[serde(default)]
    integrity: Option<String>,
    #[serde(default)]
    availability: Option<String>,
    #[serde(default)]
    catalogue_version: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    by: String,
}

/// `POST /evaluations/{id}/follow-ups`.
pub async fn raise(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<FollowUpForm>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<EvaluationId>() else {
        return not_found(ctx, "evaluation");
    };
    if !can(&user, Subject::Evaluations, Action::Write) {
        return forbidden(ctx);
    }
    let index = match anzen_app::evaluations::finding_index(&form.finding) {
        Ok(i) => i,
        Err(fe) => return fail(ctx, fe.into()),
    };
    let input = match form.kind.as_str() {
        "planned_statement" => FollowUpInput::PlannedStatement {
            catalogue_version: form.catalogue_version.clone(),
            key: form.key.clone(),
            what: String::new(),
            by: form.by.clone(),
        },
        _ => FollowUpInput::Risk(RiskInput {
            impact: form.impact.clone(),
            likelihood: form.likelihood.clone(),
            confidentiality: form.confidentiality.is_some(),
            integrity: form.integrity.is_some(),
            availability: form.availability.is_some(),
            ..RiskInput::default()
        }),
    };
    let revision = form.revision.trim().parse::<i64>().ok();
    match state
        .app
        .raise_finding(&user.caller, id, index, revision, input)
        .await
    {
        Ok(e) => see_other(
            ctx,
            &format!("/offerings/{}#evaluation-{id}", e.offering),
            Some((FlashKind::Success, ctx.t("flash.saved").to_owned())),
        ),
        Err(e) => fail(ctx, e),
    }
}
