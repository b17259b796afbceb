//! Reviews that follow change (GL 5.1.7; FAQ 5.2): editing an information flow (its risks
//! are marked for review and keep the flow as they were assessed on it), a risk's flow as
//! assessed and as it is now, and the risks a technology-change notice on a control will mark
//! before it is raised.

use anzen_app::risks::{ComponentInput, FlowInput};
use anzen_domain::ids::{ComponentId, FlowId, RiskId};
use anzen_domain::risk as d;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::{Body, PathId};
use super::problem::Problem;
use super::risks::{
    Component, ComponentKind, Environment, FlowClass, InformationFlow, Risk, api_error,
};
use crate::AppState;
use crate::extract::ApiCaller;

/// An edit of an information flow: its whole new content and the revision it is based on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FlowUpdate {
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub who: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub place: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub device_or_medium: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub what: String,
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub how: String,
    pub class: FlowClass,
    pub environment: Environment,
    /// Components of the offering it passes through.
    #[serde(default)]
    pub components: Vec<Uuid>,
    /// The revision the edit is based on; a stale one is refused with 409 naming the current.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// The flow as saved and the risks its edit marked for review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FlowEdited {
    pub flow: InformationFlow,
    /// The risks assessed on the flow, now marked for review (GL 5.1.7).
    pub risks_marked: Vec<Uuid>,
}

/// Edit an information flow
///
/// Replaces the flow's content (GL 5.1.1, 5.2) on its current revision. Every risk assessed
/// on the flow keeps the content it was assessed on (`GET /risks/{id}/flow`) and is marked
/// for review (`flow_changed`, GL 5.1.7) in the same transaction, until it is reassessed.
/// An edit that changes nothing is a 422.
#[utoipa::path(
    put,
    path = "/flows/{id}",
    tag = "risks",
    operation_id = "update_flow",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The flow's id")),
    request_body = FlowUpdate,
    responses(
        (status = 200, description = "The flow as saved", body = FlowEdited),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such flow within reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "The flow changed since `revision` (`conflict`; the message names the current revision); nothing was written", body = crate::error::ErrorBody),
        (status = 422, description = "A field is not valid (`invalid_input`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn update_flow(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<FlowUpdate>,
) -> Result<Json<FlowEdited>, Problem> {
    let revision = super::extract::revision("revision", body.revision, 1)?;
    let input = FlowInput {
        who: body.who,
        place: body.place,
        device_or_medium: body.device_or_medium,
        what: body.what,
        how: body.how,
        class: d::FlowClass::from(body.class).code().to_owned(),
        environment: d::Environment::from(body.environment).code().to_owned(),
        components: body.components.iter().map(Uuid::to_string).collect(),
    };
    let (flow, marked) = state
        .app
        .update_flow(&caller, FlowId::from_uuid(id), Some(revision), input)
        .await
        .map_err(api_error)?;
    Ok(Json(FlowEdited {
        flow: flow.into(),
        risks_marked: marked.iter().map(|r| *r.as_uuid()).collect(),
    }))
}

/// A risk's information flow: as it is now and, when it was edited after the assessment, as
/// the risk was assessed on it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskFlow {
    pub current: InformationFlow,
    /// The content the risk was assessed on; null when it is the current content.
    pub as_assessed: Option<InformationFlow>,
    /// Whether the flow changed since the risk was assessed (a reassessment settles it).
    pub changed_since_assessment: bool,
}

/// The flow a risk was assessed on
///
/// The information flow the risk is identified on, as it is now and as the risk was assessed
/// on it (GL 5.1.7). `null` for a risk identified on no flow.
#[utoipa::path(
    get,
    path = "/risks/{id}/flow",
    tag = "risks",
    operation_id = "risk_flow",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    responses(
        (status = 200, description = "The flow, as assessed and as it is", body = Option<RiskFlow>),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such risk within reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn risk_flow(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Option<RiskFlow>>, Problem> {
    let versions = state
        .app
        .risk_flow(&caller, RiskId::from_uuid(id))
        .await
        .map_err(api_error)?;
    Ok(Json(versions.map(|v| RiskFlow {
        changed_since_assessment: v.as_assessed.is_some(),
        current: v.current.into(),
        as_assessed: v.as_assessed.map(Into::into),
    })))
}

/// The control a technology-change notice would name.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeControl {
    /// An Appendix 2 item key (as written or in ASCII) or the key of one of the provider's
    /// own controls.
    #[schema(min_length = 1, max_length = 200)]
    pub control: String,
}

/// What a notice on a control will mark.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoticePreview {
    /// The control's key (an ASCII key given is read as the item's key).
    pub control: String,
    /// `appendix2` or `provider`.
    pub source: String,
    /// The risks whose measures implement the control: those the notice will mark.
    pub risks: Vec<Risk>,
}

/// Preview a technology-change notice
///
/// Lists, without writing anything, the risks a notice on `control` would mark for review:
/// those whose measures implement it (FAQ 5.2). An unknown control is a 422 naming `control`.
#[utoipa::path(
    post,
    path = "/tech-notices/preview",
    tag = "risks",
    operation_id = "preview_tech_notice",
    security(("bearer" = [])),
    request_body = NoticeControl,
    responses(
        (status = 200, description = "The risks the notice would mark", body = NoticePreview),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 422, description = "An unknown control (`invalid_input`, field `control`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn preview_notice(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NoticeControl>,
) -> Result<Json<NoticePreview>, Problem> {
    let p = state
        .app
        .preview_tech_notice(&caller, &body.control)
        .await
        .map_err(api_error)?;
    Ok(Json(NoticePreview {
        control: p.control.key,
        source: p.control.source.to_owned(),
        risks: p.risks.into_iter().map(Into::into).collect(),
    }))
}

/// An edit of a component of the configuration and the revision it is based on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ComponentUpdate {
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub name: String,
    pub kind: ComponentKind,
    pub environment: Environment,
    /// Where it runs or is kept.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub location: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country it stands in, e.g. `JP` (Table 4-1 ①-1, ②-1,
    /// ②-2; GL 6.1). Blank clears it; left out, it stays.
    #[serde(default)]
    #[schema(max_length = 2, pattern = r"^([A-Za-z]{2})?$")]
    pub country: Option<String>,
    /// It stores medical information (its place answers Table 4-1 ①-1, ②-1, ②-2); left out, it stays.
    #[serde(default)]
    pub holds_medical_info: Option<bool>,
    /// The revision the edit is based on; a stale one is refused with 409 naming the current.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// The component as saved and the risks its edit marked for review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComponentEdited {
    pub component: Component,
    /// The risks on flows passing through the component, now marked for review (GL 5.1.7).
    pub risks_marked: Vec<Uuid>,
}

/// Edit a component of the configuration
///
/// Replaces the component (GL 5.1.1) on its current revision. Every risk on an information
/// flow passing through it is marked for review (`component_changed`, GL 5.1.7) in the same
/// transaction, until it is reassessed. An edit that changes nothing is a 422.
#[utoipa::path(
    put,
    path = "/components/{id}",
    tag = "risks",
    operation_id = "update_component",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The component's id")),
    request_body = ComponentUpdate,
    responses(
        (status = 200, description = "The component as saved", body = ComponentEdited),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such component within reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "The component changed since `revision` (`conflict`; the message names the current revision); nothing was written", body = crate::error::ErrorBody),
        (status = 422, description = "A field is not valid (`invalid_input`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn update_component(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<ComponentUpdate>,
) -> Result<Json<ComponentEdited>, Problem> {
    let revision = super::extract::revision("revision", body.revision, 1)?;
    let input = ComponentInput {
        name: body.name,
        kind: d::ComponentKind::from(body.kind).code().to_owned(),
        environment: d::Environment::from(body.environment).code().to_owned(),
        location: body.location.unwrap_or_default(),
        country: body.country,
        holds_medical_info: body.holds_medical_info,
    };
    let (component, marked) = state
        .app
        .update_component(&caller, ComponentId::from_uuid(id), Some(revision), input)
        .await
        .map_err(api_error)?;
    Ok(Json(ComponentEdited {
        component: component.into(),
        risks_marked: marked.iter().map(|r| *r.as_uuid()).collect(),
    }))
}
