//! Safety-management evaluations of an offering (GL 4.3; Table 4-1 ②-4):
//! `/offerings/{id}/evaluations`, `/evaluations/{id}` and `/evaluations/{id}/follow-ups`.
//!
//! The offering's provider records them; an institution reads those of the offerings it
//! contracts; a partner none (403). A finding raises one risk of the offering's register or
//! one planned (対応予定) Appendix 2 statement, in the same transaction as its link.

use anzen_app::AppError;
use anzen_app::evaluations::FollowUpInput;
use anzen_app::ports::StoredEvaluation;
use anzen_app::risks::RiskInput;
use anzen_domain::FieldError;
use anzen_domain::evaluation as d;
use anzen_domain::ids::{EvaluationId, OfferingId};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::chain::ChainRule;
use super::enums::mirror_enum;
use super::extract::{Body, PathId, Query, page, revision};
use super::list::list_of;
use super::orgs::created;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

mirror_enum! {
    /// Who evaluated (GL 4.3): a self-assessment is less objective (flagged, not refused);
    /// an independent internal audit or a third party is desirable.
    EvaluatorType => d::EvaluatorType {
        SelfAssessment = "self_assessment",
        InternalAudit = "internal_audit",
        External = "external",
    }
}

mirror_enum! {
    /// The overall result; it must agree with the findings (GL 4.3).
    EvaluationResult => d::EvaluationResult {
        Satisfactory = "satisfactory",
        SatisfactoryWithFindings = "satisfactory_with_findings",
        Unsatisfactory = "unsatisfactory",
    }
}

mirror_enum! {
    /// How serious a finding is.
    FindingSeverity => d::FindingSeverity {
        Major = "major",
        Minor = "minor",
        Observation = "observation",
    }
}

/// What a finding raised.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FollowUp {
    /// A risk of the offering's register (GL 5.1.1).
    Risk { risk: Uuid },
    /// A planned (対応予定) statement on an Appendix 2 control (FAQ 5.3).
    PlannedStatement {
        catalogue_version: String,
        key: String,
    },
}

/// One finding.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Finding {
    /// Its number (from 0), to raise its follow-up.
    pub index: usize,
    pub severity: FindingSeverity,
    pub text: String,
    pub follow_up: Option<FollowUp>,
}

/// A recorded evaluation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Evaluation {
    pub id: Uuid,
    pub offering: Uuid,
    /// The provider.
    pub org: Uuid,
    /// Send it back with a follow-up; a stale one is 409.
    pub revision: i64,
    pub evaluator_type: EvaluatorType,
    pub evaluator: String,
    /// The third party (external evaluations).
    pub organisation: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub evaluated_on: jiff::civil::Date,
    pub scope: String,
    pub result: EvaluationResult,
    pub summary: Option<String>,
    pub findings: Vec<Finding>,
    /// GL 4.3: set on a self-assessment (less objective).
    pub objectivity_note: Option<ChainRule>,
    pub recorded_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: jiff::Timestamp,
}

fn dto(e: &StoredEvaluation) -> Evaluation {
    let x = &e.evaluation;
    Evaluation {
        id: *e.id.as_uuid(),
        offering: *e.offering.as_uuid(),
        org: *e.org.as_uuid(),
        revision: e.revision,
        evaluator_type: x.evaluator_type.into(),
        evaluator: x.evaluator.to_string(),
        organisation: x.organisation.as_ref().map(ToString::to_string),
        evaluated_on: x.evaluated_on,
        scope: x.scope.clone(),
        result: x.result.into(),
        summary: x.summary.clone(),
        findings: x
            .findings
            .iter()
            .enumerate()
            .map(|(index, f)| Finding {
                index,
                severity: f.severity.into(),
                text: f.text.clone(),
                follow_up: f.follow_up.as_ref().map(|u| match u {
                    d::FollowUp::Risk { risk } => FollowUp::Risk {
                        risk: *risk.as_uuid(),
                    },
                    d::FollowUp::PlannedStatement {
                        catalogue_version,
                        key,
                    } => FollowUp::PlannedStatement {
                        catalogue_version: catalogue_version.clone(),
                        key: key.clone(),
                    },
                }),
            })
            .collect(),
        objectivity_note: x.objectivity_note().as_ref().map(Into::into),
        recorded_by: e.recorded_by.clone(),
        recorded_at: e.recorded_at,
    }
}

impl From<StoredEvaluation> for Evaluation {
    fn from(e: StoredEvaluation) -> Self {
        dto(&e)
    }
}

list_of!(
    /// A page of an offering's evaluations, newest evaluated first.
    EvaluationList of Evaluation
);

/// The paging of the evaluation list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EvaluationParams {
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

/// A finding as sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFinding {
    pub severity: FindingSeverity,
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub text: String,
}

/// A new evaluation of an offering of the caller's organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"evaluator_type": "external", "evaluator": "山田 太郎（システム監査技術者）", "organisation": "みなと監査法人", "evaluated_on": "2026-10-01", "scope": "クラウド電子カルテの運用・保守", "result": "satisfactory_with_findings", "findings": [{"severity": "minor", "text": "特権IDの利用記録の定期確認が行われていない"}]}))]
pub struct NewEvaluation {
    pub evaluator_type: EvaluatorType,
    /// The person or team who evaluated.
    #[schema(min_length = 1, max_length = 200)]
    pub evaluator: String,
    /// Required for an external evaluation (the third party); refused otherwise.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub organisation: Option<String>,
    /// YYYY-MM-DD, not after today.
    #[schema(format = Date)]
    pub evaluated_on: String,
    /// What the evaluation covered.
    #[schema(min_length = 1, max_length = 2000)]
    pub scope: String,
    pub result: EvaluationResult,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub summary: Option<String>,
    /// At most 50.
    #[serde(default)]
    #[schema(max_items = 50)]
    pub findings: Vec<NewFinding>,
}

/// A risk raised from a finding (on the evaluation's offering). An empty title or threat
/// takes the finding's text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingRisk {
    #[serde(default)]
    #[schema(max_length = 200)]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub threat: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub vulnerability: String,
    #[serde(default)]
    pub confidentiality: bool,
    #[serde(default)]
    pub integrity: bool,
    #[serde(default)]
    pub availability: bool,
    #[schema(minimum = 1, maximum = 10)]
    pub impact: i64,
    #[schema(minimum = 1, maximum = 10)]
    pub likelihood: i64,
}

/// A planned (対応予定) Appendix 2 statement raised from a finding. An empty `what` takes the
/// finding's text.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingStatement {
    /// The Appendix 2 version (default: the latest).
    #[serde(default)]
    pub catalogue_version: String,
    pub key: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub what: String,
    /// YYYY-MM-DD: when the control will be in place.
    #[schema(format = Date)]
    pub by: String,
}

/// The follow-up of one finding: exactly one of `risk` and `planned_statement`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFollowUp {
    /// The finding's number (from 0).
    #[schema(minimum = 0, maximum = 49)]
    pub finding: i64,
    /// The evaluation's revision as read.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
    #[serde(default)]
    pub risk: Option<FindingRisk>,
    #[serde(default)]
    pub planned_statement: Option<FindingStatement>,
}

/// The API's name of a field the use-cases name (`findings[0].text` → `findings.0.text`; a
/// follow-up's fields under `risk.` or `planned_statement.`).
fn api_field(field: &str, prefix: Option<&str>) -> String {
    let f = field.replace('[', ".").replace(']', "");
    match prefix {
        Some(p) if f != "finding" && f != "revision" => {
            let f = f.strip_prefix("subject.").unwrap_or(&f);
            let f = if f == "cia" { "confidentiality" } else { f };
            format!("{p}.{f}")
        }
        _ => f,
    }
}

fn api_error(e: AppError, prefix: Option<&str>) -> Problem {
    match e {
        AppError::Invalid(mut fe) => {
            fe.field = api_field(&fe.field, prefix);
            Problem::invalid(fe)
        }
        other => other.into(),
    }
}

/// List the evaluations of an offering
///
/// The offering's provider, or an institution that contracts it (GL 4.3; Table 4-1 ②-4).
#[utoipa::path(
    get,
    path = "/offerings/{id}/evaluations",
    tag = "evaluations",
    operation_id = "list_evaluations",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), EvaluationParams),
    responses(
        (status = 200, description = "The evaluations, newest evaluated first", body = EvaluationList),
        (status = 403, description = "The role reads no evaluations (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<EvaluationParams>,
) -> Result<Json<EvaluationList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let all = state
        .app
        .list_evaluations(&caller, OfferingId::from_uuid(id))
        .await?;
    Ok(Json(EvaluationList::from_all(all, page)))
}

/// Record an evaluation
///
/// An evaluation of an offering of the caller's organisation (GL 4.3): who evaluated (a
/// self-assessment is flagged as less objective), when, what it covered, the result and
/// the findings. The result must agree with the findings (422 naming `result`).
#[utoipa::path(
    post,
    path = "/offerings/{id}/evaluations",
    tag = "evaluations",
    operation_id = "create_evaluation",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = NewEvaluation,
    responses(
        (status = 201, description = "Recorded", body = Evaluation,
            headers(("location" = String, description = "The evaluation"))),
        (status = 403, description = "The role records no evaluations (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewEvaluation>,
) -> Result<Response, Problem> {
    let input = d::NewEvaluation {
        evaluator_type: d::EvaluatorType::from(body.evaluator_type)
            .code()
            .to_owned(),
        evaluator: body.evaluator,
        organisation: body.organisation.unwrap_or_default(),
        evaluated_on: body.evaluated_on,
        scope: body.scope,
        result: d::EvaluationResult::from(body.result).code().to_owned(),
        summary: body.summary.unwrap_or_default(),
        findings: body
            .findings
            .into_iter()
            .map(|f| d::NewFinding {
                severity: d::FindingSeverity::from(f.severity).code().to_owned(),
                text: f.text,
            })
            .collect(),
    };
    let e = state
        .app
        .record_evaluation(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(|e| api_error(e, None))?;
    Ok(created(&format!("/api/v1/evaluations/{}", e.id), dto(&e)))
}

/// Get an evaluation
#[utoipa::path(
    get,
    path = "/evaluations/{id}",
    tag = "evaluations",
    operation_id = "get_evaluation",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The evaluation's id")),
    responses(
        (status = 200, description = "The evaluation", body = Evaluation),
        (status = 403, description = "The role reads no evaluations (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Evaluation>, Problem> {
    let e = state
        .app
        .evaluation(&caller, EvaluationId::from_uuid(id))
        .await?;
    Ok(Json(dto(&e)))
}

/// Raise a finding's follow-up
///
/// Raises a risk of the offering's register (GL 5.1.1) or a planned (対応予定) Appendix 2
/// statement (FAQ 5.3) from one finding, and links it, in one transaction. A finding raises
/// one follow-up (422 naming `finding`); a stale `revision` is 409.
#[utoipa::path(
    post,
    path = "/evaluations/{id}/follow-ups",
    tag = "evaluations",
    operation_id = "raise_finding",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The evaluation's id")),
    request_body = NewFollowUp,
    responses(
        (status = 200, description = "The evaluation with the finding linked", body = Evaluation),
        (status = 403, description = "The role records no evaluations (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The evaluation changed since `revision` (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn raise(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewFollowUp>,
) -> Result<Json<Evaluation>, Problem> {
    let rev = revision("revision", body.revision, 1)?;
    let index = usize::try_from(body.finding)
        .ok()
        .filter(|i| *i < d::MAX_FINDINGS)
        .ok_or_else(|| {
            FieldError::new(
                "finding",
                format!(
                    "`{}` is not a finding number (0 to {})",
                    body.finding,
                    d::MAX_FINDINGS - 1
                ),
            )
        })?;
    let (input, prefix) = match (body.risk, body.planned_statement) {
        (Some(r), None) => (
            FollowUpInput::Risk(RiskInput {
                offering: String::new(),
                flow: String::new(),
                title: r.title,
                threat: r.threat,
                vulnerability: r.vulnerability,
                confidentiality: r.confidentiality,
                integrity: r.integrity,
                availability: r.availability,
                impact: r.impact.to_string(),
                likelihood: r.likelihood.to_string(),
            }),
            "risk",
        ),
        (None, Some(s)) => (
            FollowUpInput::PlannedStatement {
                catalogue_version: s.catalogue_version,
                key: s.key,
                what: s.what,
                by: s.by,
            },
            "planned_statement",
        ),
        _ => {
            return Err(FieldError::new(
                "risk",
                "give exactly one of `risk` and `planned_statement`",
            )
            .with_accepted(["risk", "planned_statement"])
            .into());
        }
    };
    let e = state
        .app
        .raise_finding(
            &caller,
            EvaluationId::from_uuid(id),
            index,
            Some(rev),
            input,
        )
        .await
        .map_err(|e| api_error(e, Some(prefix)))?;
    Ok(Json(dto(&e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_domain() {
        for &v in EvaluatorType::ALL {
            let dv: d::EvaluatorType = v.into();
            assert_eq!(serde_json::to_value(v).unwrap(), dv.code());
        }
        assert_eq!(EvaluatorType::ALL.len(), d::EvaluatorType::ALL.len());
        for &v in EvaluationResult::ALL {
            let dv: d::EvaluationResult = v.into();
            assert_eq!(serde_json::to_value(v).unwrap(), dv.code());
        }
        assert_eq!(EvaluationResult::ALL.len(), d::EvaluationResult::ALL.len());
        for &v in FindingSeverity::ALL {
            let dv: d::FindingSeverity = v.into();
            assert_eq!(serde_json::to_value(v).unwrap(), dv.code());
        }
        assert_eq!(FindingSeverity::ALL.len(), d::FindingSeverity::ALL.len());
    }

    #[test]
    fn fields_are_named_by_their_json_path() {
        let rows = [
            ("findings[3].severity", None, "findings.3.severity"),
            ("result", None, "result"),
            ("impact", Some("risk"), "risk.impact"),
            ("cia", Some("risk"), "risk.confidentiality"),
            ("finding", Some("risk"), "finding"),
            (
                "subject.key",
                Some("planned_statement"),
                "planned_statement.key",
            ),
            ("by", Some("planned_statement"), "planned_statement.by"),
        ];
        for (field, prefix, expected) in rows {
            assert_eq!(api_field(field, prefix), expected, "{field}");
        }
    }
}
