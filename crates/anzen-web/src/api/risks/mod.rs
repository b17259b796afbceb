//! The risk register (GL chapter 5; FAQ 5, 5.1, 5.2): `/risks` with its heat map and the
//! provider's matrix, the treatment, reassessment, review and the institutions' consent of
//! one risk, the configuration and information flows of an offering, technology-change
//! notices, and the duties treatments place on the caller's institution.
//!
//! The consent rule is the domain's (`anzen_domain::risk::rules::check_consent`): only a
//! reviewer of an institution whose contracts the risk touches agrees, to the content they
//! saw (the `digest` of the risk as read). A provider's role can never agree: 403.

use anzen_app::AppError;
use anzen_app::Caller;
use anzen_app::ports::{HeatCell as AppHeatCell, RiskRow};
use anzen_app::risks::{
    ComponentInput, FlowInput, MeasureInput, RiskDetail as AppRiskDetail, RiskInput, TreatmentInput,
};
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Role, Subject};
use anzen_domain::ids::{OfferingId, OrgId, RiskId};
use anzen_domain::risk::{self as d, rules};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::enums::mirror_enum;
use super::extract::{Body, PathId, Query, page};
use super::list::{PageParams, list_of};
use super::orgs::created;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;
use crate::ui::risks::filters::{FilterText, risk_query};

mod config;
mod dto;
mod matrix;
mod notices;
pub use config::*;
pub use dto::*;
pub use matrix::*;
pub use notices::*;

/// A use-case's refusal with its field named by the body's JSON path
/// (`treatment.measures[0].description` → `measures.0.description`).
pub(crate) fn api_error(e: AppError) -> Problem {
    match e {
        AppError::Invalid(mut fe) => {
            fe.field = api_field(&fe.field);
            Problem::invalid(fe)
        }
        other => other.into(),
    }
}

fn api_field(field: &str) -> String {
    let f = field.strip_prefix("treatment.").unwrap_or(field);
    let f = match f {
        "residual" => "residual_impact",
        "cia" => "confidentiality",
        other => other,
    };
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        match c {
            '[' => out.push('.'),
            ']' => {}
            c => out.push(c),
        }
    }
    out
}

/// The filters of the register and its heat map.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RiskParams {
    /// Only the risks of this offering.
    #[param(value_type = Option<Uuid>)]
    pub offering: Option<String>,
    /// Inherent level.
    #[param(value_type = Option<RiskLevel>)]
    pub level: Option<String>,
    /// Residual level.
    #[param(value_type = Option<RiskLevel>)]
    pub residual_level: Option<String>,
    #[param(value_type = Option<RiskStatus>)]
    pub status: Option<String>,
    /// Treatment option.
    #[param(value_type = Option<TreatmentOption>)]
    pub option: Option<String>,
    /// A case-insensitive part of the title, threat or vulnerability.
    pub q: Option<String>,
    /// `due`: next review today or earlier; `overdue`: before today.
    #[param(value_type = Option<super::enums::ReviewFilter>)]
    pub review: Option<String>,
    /// Only risks marked for review (`true`).
    #[param(value_type = Option<bool>)]
    pub flagged: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

/// The filters of the heat map.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HeatMapParams {
    /// Only the risks of this offering.
    #[param(value_type = Option<Uuid>)]
    pub offering: Option<String>,
    #[param(value_type = Option<RiskStatus>)]
    pub status: Option<String>,
    #[param(value_type = Option<TreatmentOption>)]
    pub option: Option<String>,
    /// A case-insensitive part of the title, threat or vulnerability.
    pub q: Option<String>,
}

fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or_default()
}

list_of!(
    /// A page of risks, most severe first.
    RiskList of Risk
);

/// List the risk register
///
/// The risks the caller can see (an institution's reviewer: those of the offerings it
/// contracts), most severe first, with filters.
#[utoipa::path(
    get,
    path = "/risks",
    tag = "risks",
    operation_id = "list_risks",
    security(("bearer" = [])),
    params(RiskParams),
    responses(
        (status = 200, description = "A page of risks", body = RiskList),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<RiskParams>,
) -> Result<Json<RiskList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let filters = FilterText {
        offering: s(&q.offering),
        level: s(&q.level),
        residual_level: s(&q.residual_level),
        status: s(&q.status),
        option: s(&q.option),
        q: s(&q.q),
        review: s(&q.review),
        flagged: s(&q.flagged),
    };
    let query = risk_query(&filters, state.app.today_in_japan(), true)?;
    let listed = state.app.list_risks(&caller, &query, page).await?;
    Ok(Json(RiskList::from_listed(listed)))
}

/// A risk identified on an offering (GL 5.1.1) and analysed on the provider's current
/// matrix (GL 5.1.2).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"title": "4桁の数字のパスワードによる不正ログイン", "threat": "不正ログイン", "vulnerability": "4桁の数字のパスワード", "confidentiality": true, "integrity": true, "impact": 5, "likelihood": 5}))]
pub struct NewRisk {
    /// An offering of the caller's organisation.
    pub offering: Uuid,
    /// The information flow it is identified on (of that offering).
    #[serde(default)]
    pub flow: Option<Uuid>,
    /// 1–200 characters on one line.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub title: String,
    #[schema(max_length = 2000)]
    pub threat: String,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub vulnerability: String,
    /// At least one of confidentiality, integrity and availability.
    #[serde(default)]
    pub confidentiality: bool,
    #[serde(default)]
    pub integrity: bool,
    #[serde(default)]
    pub availability: bool,
    /// A point of the matrix's impact scale (1…n).
    #[schema(minimum = 1, maximum = 10)]
    pub impact: i64,
    /// A point of the matrix's likelihood scale (1…n).
    #[schema(minimum = 1, maximum = 10)]
    pub likelihood: i64,
}

/// Identify a risk
///
/// Records a risk on an offering of the caller's organisation, analysed on its current
/// matrix (the default example, version 1, until the provider sets its own).
#[utoipa::path(
    post,
    path = "/risks",
    tag = "risks",
    operation_id = "create_risk",
    security(("bearer" = [])),
    request_body = NewRisk,
    responses(
        (status = 201, description = "Recorded, with its level", body = RiskDetail,
            headers(("location" = String, description = "The new risk's URL"))),
        (status = 403, description = "The role cannot record risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewRisk>,
) -> Result<Response, Problem> {
    let input = RiskInput {
        offering: body.offering.to_string(),
        flow: body.flow.map(|f| f.to_string()).unwrap_or_default(),
        title: body.title,
        threat: body.threat,
        vulnerability: body.vulnerability,
        confidentiality: body.confidentiality,
        integrity: body.integrity,
        availability: body.availability,
        impact: body.impact.to_string(),
        likelihood: body.likelihood.to_string(),
    };
    let risk = state
        .app
        .add_risk(&caller, input)
        .await
        .map_err(api_error)?;
    let detail = state.app.risk_detail(&caller, risk.id).await?;
    Ok(created(
        &format!("/api/v1/risks/{}", risk.id),
        detail_dto(&caller, state.app.now(), detail),
    ))
}

/// Show a risk
///
/// The risk with the institutions it touches, their consents, where its treatment stands,
/// and the digest of its current content (which a consent quotes).
#[utoipa::path(
    get,
    path = "/risks/{id}",
    tag = "risks",
    operation_id = "get_risk",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    responses(
        (status = 200, description = "The risk", body = RiskDetail),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<RiskDetail>, Problem> {
    let detail = state
        .app
        .risk_detail(&caller, RiskId::from_uuid(id))
        .await?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

/// A measure of a treatment.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureBody {
    pub description: String,
    /// Defaults to the provider.
    #[serde(default)]
    pub owner: MeasureOwnerKind,
    /// The institution (one the risk touches) or the subcontractor.
    #[serde(default)]
    pub owner_org: Option<Uuid>,
    /// Control keys (Appendix 2 or the provider's own).
    #[serde(default)]
    pub controls: Vec<String>,
    /// YYYY-MM-DD.
    #[serde(default)]
    #[schema(format = Date)]
    pub due: Option<String>,
    #[serde(default)]
    pub done: bool,
}

/// A treatment decision with its residual risk (GL 5.1.4, 5.1.5).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TreatmentUpdate {
    pub option: TreatmentOption,
    #[serde(default)]
    pub measures: Vec<MeasureBody>,
    /// Why this option (required unless the level needs no treatment).
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub rationale: String,
    /// The options weighed (required for share and accept).
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub options_considered: String,
    /// The residual risk, on the scale of the risk's matrix version.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10)]
    pub residual_impact: Option<i64>,
    #[serde(default)]
    #[schema(minimum = 1, maximum = 10)]
    pub residual_likelihood: Option<i64>,
    /// What the institutions read before they agree (required for share and accept).
    #[serde(default)]
    #[schema(max_length = 8000)]
    pub explanation: String,
    /// The revision the change is based on; a stale one is refused with 409.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

fn revision_of(revision: i64) -> Result<i64, Problem> {
    super::extract::revision("revision", revision, 1)
}

/// Decide a risk's treatment
///
/// Sets the treatment, its measures and owners, and the residual risk. A change of the
/// material content (level, treatment, measures, residual risk, explanation) voids the
/// institutions' earlier consents: the risk then needs re-consent (FAQ 5.1, 5.2). Sharing
/// or accepting takes effect only once every affected institution agrees.
#[utoipa::path(
    put,
    path = "/risks/{id}/treatment",
    tag = "risks",
    operation_id = "decide_risk_treatment",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = TreatmentUpdate,
    responses(
        (status = 200, description = "The risk with its treatment", body = RiskDetail),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The risk changed since `revision` (`conflict`); nothing was written", body = crate::error::ErrorBody),
    ),
)]
pub async fn treat(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<TreatmentUpdate>,
) -> Result<Json<RiskDetail>, Problem> {
    let revision = revision_of(body.revision)?;
    let opt_num = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
    let input = TreatmentInput {
        option: d::TreatmentOption::from(body.option).code().to_owned(),
        measures: body
            .measures
            .into_iter()
            .map(|m| MeasureInput {
                description: m.description,
                owner: match m.owner {
                    MeasureOwnerKind::Provider => "provider",
                    MeasureOwnerKind::Institution => "institution",
                    MeasureOwnerKind::Subcontractor => "subcontractor",
                }
                .to_owned(),
                owner_org: m.owner_org.map(|o| o.to_string()).unwrap_or_default(),
                controls: m.controls.join("\n"),
                due: m.due.unwrap_or_default(),
                done: m.done,
            })
            .collect(),
        rationale: body.rationale,
        options_considered: body.options_considered,
        residual_impact: opt_num(body.residual_impact),
        residual_likelihood: opt_num(body.residual_likelihood),
        explanation: body.explanation,
    };
    let id = RiskId::from_uuid(id);
    state
        .app
        .decide_treatment(&caller, id, Some(revision), input)
        .await
        .map_err(api_error)?;
    let detail = state.app.risk_detail(&caller, id).await?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

/// A new analysis of a risk on the provider's current matrix.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentUpdate {
    #[schema(minimum = 1, maximum = 10)]
    pub impact: i64,
    #[schema(minimum = 1, maximum = 10)]
    pub likelihood: i64,
    /// The revision the change is based on; a stale one is refused with 409.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// Reassess a risk
///
/// Analyses the risk again on the provider's current matrix. A changed level is a material
/// change: earlier consents no longer count. The decided treatment is checked again by the
/// rule that decided it (GL 5.1.3 Table 5-2, FAQ 5.1): a level it no longer meets is
/// recorded and the risk is reopened (status `reopened`, `reason` naming the rule), and no
/// consent makes it effective until a new treatment is decided. A level below the residual
/// risk is refused (422 naming `impact`, GL 5.1.5 (3)); nothing is written.
#[utoipa::path(
    put,
    path = "/risks/{id}/assessment",
    tag = "risks",
    operation_id = "reassess_risk",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = AssessmentUpdate,
    responses(
        (status = 200, description = "The risk with its new analysis", body = RiskDetail),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The risk changed since `revision` (`conflict`); nothing was written", body = crate::error::ErrorBody),
    ),
)]
pub async fn reassess(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<AssessmentUpdate>,
) -> Result<Json<RiskDetail>, Problem> {
    let revision = revision_of(body.revision)?;
    let id = RiskId::from_uuid(id);
    state
        .app
        .reassess_risk(
            &caller,
            id,
            Some(revision),
            &body.impact.to_string(),
            &body.likelihood.to_string(),
        )
        .await
        .map_err(api_error)?;
    let detail = state.app.risk_detail(&caller, id).await?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

/// That a risk was reviewed and its treatment still holds.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewMark {
    /// The revision the review is based on; a stale one is refused with 409.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// Mark a risk reviewed (refused)
///
/// Always refused with 409 (`conflict`), nothing written: a review is recorded by
/// reassessing the risk (`POST /risks/{id}/reassess`), which clears its review marks and
/// schedules the next periodic review (GL 5.1.7, FAQ 5.2). Marking a risk reviewed would end
/// the cycle without repeating it.
#[utoipa::path(
    post,
    path = "/risks/{id}/review",
    tag = "risks",
    operation_id = "mark_risk_reviewed",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = ReviewMark,
    responses(
        (status = 200, description = "Never: the request is always refused", body = RiskDetail),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "Refused (`conflict`): reassess the risk to review it; nothing was written", body = crate::error::ErrorBody),
    ),
)]
pub async fn review(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<ReviewMark>,
) -> Result<Json<RiskDetail>, Problem> {
    let revision = revision_of(body.revision)?;
    let id = RiskId::from_uuid(id);
    state
        .app
        .mark_risk_reviewed(&caller, id, Some(revision))
        .await
        .map_err(api_error)?;
    let detail = state.app.risk_detail(&caller, id).await?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

/// An institution's agreement to what it was shown.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentBody {
    /// The `digest` of the risk as read (GET /risks/{id}). If the risk changed since, the
    /// consent is refused (422, field `digest`) and nothing is written.
    pub digest: String,
}

/// Refuses a role that can never agree to a risk (FAQ 5.1).
pub(crate) fn may_consent(caller: &Caller) -> Result<(), AppError> {
    match caller {
        Caller::User(p) if p.role == Role::InstitutionReviewer => Ok(()),
        _ => Err(AppError::Forbidden(rules::CONSENT_ONLY_BY_INSTITUTION.en)),
    }
}

/// Agree to a risk's treatment and residual risk
///
/// A reviewer of an institution whose contracts the risk touches agrees to the content it
/// read, quoted by its `digest` (FAQ 5.1, 5.2). Refused for a provider's roles (403), for
/// an institution the risk does not touch (404), and when the risk changed since it was
/// read (422 naming `digest`); a refusal writes nothing.
#[utoipa::path(
    post,
    path = "/risks/{id}/consent",
    tag = "risks",
    operation_id = "consent_to_risk",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = ConsentBody,
    responses(
        (status = 200, description = "The risk with the consent recorded", body = RiskDetail),
        (status = 403, description = "Only an institution's reviewer agrees (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn consent(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<ConsentBody>,
) -> Result<Json<RiskDetail>, Problem> {
    may_consent(&caller)?;
    let detail = state
        .app
        .consent_to_risk(&caller, RiskId::from_uuid(id), &body.digest)
        .await
        .map_err(api_error)?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_domain() {
        macro_rules! same_codes {
            ($($dto:ident => $domain:ty),+ $(,)?) => {
                $(
                    assert_eq!($dto::ALL.len(), <$domain>::ALL.len(), stringify!($dto));
                    for &v in $dto::ALL {
                        let d: $domain = v.into();
                        assert_eq!(serde_json::to_value(v).unwrap(), d.code());
                        assert_eq!($dto::from(d), v);
                    }
                )+
            };
        }
        same_codes!(
            RiskLevel => d::RiskLevel,
            RiskStatus => d::RiskStatus,
            TreatmentOption => d::TreatmentOption,
            Environment => d::Environment,
            FlowClass => d::FlowClass,
            ComponentKind => d::ComponentKind,
        );
    }

    #[test]
    fn use_case_fields_become_json_paths() {
        assert_eq!(
            api_field("treatment.measures[0].description"),
            "measures.0.description"
        );
        assert_eq!(api_field("measures[2].owner_org"), "measures.2.owner_org");
        assert_eq!(api_field("cells[1][3]"), "cells.1.3");
        assert_eq!(api_field("residual"), "residual_impact");
        assert_eq!(api_field("digest"), "digest");
    }
}
