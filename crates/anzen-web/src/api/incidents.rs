//! Incidents and the crisis response (GL 3.2 危機管理対応時, FAQ 3; GL 5.1.7):
//! `GET|POST /offerings/{id}/incidents`, `GET|PUT /incidents/{id}`, `GET /incidents`,
//! `POST /incidents/{id}/acknowledge`, `POST /incidents/{id}/prevention` and
//! `POST /incidents/{id}/close`.
//!
//! Who may record, acknowledge, answer and close is the domain's policy
//! (`anzen_domain::incident::rules`): the offering's provider records, updates and closes; a
//! reviewer of each affected institution acknowledges the report and agrees to the prevention
//! measures or declines them with a reason, for its own institution only. Recording marks
//! every risk of the offering for review and notifies exactly the affected institutions. Bad
//! input is a 422 naming the field; a refusal writes nothing.

use anzen_app::AppError;
use anzen_app::incidents::Recorded;
use anzen_domain::ids::{IncidentId, OfferingId};
use anzen_domain::incident as d;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{Body, PathId, Query, page, revision, text_param};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// Where an incident stands in the crisis response (GL 3.2): `open`, `cause_identified`,
/// `prevention_proposed`, `closed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IncidentStatus {
    Open,
    CauseIdentified,
    PreventionProposed,
    Closed,
}

impl From<d::IncidentStatus> for IncidentStatus {
    fn from(s: d::IncidentStatus) -> Self {
        match s {
            d::IncidentStatus::Open => Self::Open,
            d::IncidentStatus::CauseIdentified => Self::CauseIdentified,
            d::IncidentStatus::PreventionProposed => Self::PreventionProposed,
            d::IncidentStatus::Closed => Self::Closed,
        }
    }
}

/// An answer to the prevention measures: `agreed` or `declined`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PreventionAnswer {
    Agreed,
    Declined,
}

impl From<d::PreventionAnswer> for PreventionAnswer {
    fn from(a: d::PreventionAnswer) -> Self {
        match a {
            d::PreventionAnswer::Agreed => Self::Agreed,
            d::PreventionAnswer::Declined => Self::Declined,
        }
    }
}

impl From<PreventionAnswer> for d::PreventionAnswer {
    fn from(a: PreventionAnswer) -> Self {
        match a {
            PreventionAnswer::Agreed => Self::Agreed,
            PreventionAnswer::Declined => Self::Declined,
        }
    }
}

/// What an incident harmed (at least one).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentImpact {
    #[serde(default)]
    pub confidentiality: bool,
    #[serde(default)]
    pub integrity: bool,
    #[serde(default)]
    pub availability: bool,
}

/// An institution's answer to one version of the prevention measures.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentAnswer {
    pub answer: PreventionAnswer,
    pub reason: Option<String>,
    /// The `prevention_version` answered.
    pub version: i64,
    pub by: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
}

/// An affected institution with its acknowledgement and its latest answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IncidentParty {
    pub institution: Uuid,
    pub acknowledged_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub acknowledged_at: Option<jiff::Timestamp>,
    pub answer: Option<IncidentAnswer>,
}

/// An incident as the caller may see it: the provider with every affected institution, an
/// institution with its own part only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Incident {
    pub id: Uuid,
    pub provider: Uuid,
    pub offering: Uuid,
    pub title: String,
    pub description: String,
    #[schema(value_type = String, format = DateTime)]
    pub occurred_at: jiff::Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub detected_at: jiff::Timestamp,
    pub impact: IncidentImpact,
    pub actions: Option<String>,
    pub cause: Option<String>,
    pub prevention: Option<String>,
    /// The version of the prevention measures (0: none proposed); an answer quotes it.
    pub prevention_version: i64,
    pub status: IncidentStatus,
    pub parties: Vec<IncidentParty>,
    /// Send it back with an update or a close; a stale one is a 409.
    pub revision: i64,
    pub recorded_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: jiff::Timestamp,
    pub closed_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub closed_at: Option<jiff::Timestamp>,
}

impl From<d::Incident> for Incident {
    fn from(i: d::Incident) -> Self {
        let status = i.status().into();
        Self {
            id: *i.id.as_uuid(),
            provider: *i.provider.as_uuid(),
            offering: *i.offering.as_uuid(),
            title: i.title.to_string(),
            description: i.description,
            occurred_at: i.occurred_at,
            detected_at: i.detected_at,
            impact: IncidentImpact {
                confidentiality: i.impact.confidentiality,
                integrity: i.impact.integrity,
                availability: i.impact.availability,
            },
            actions: i.actions,
            cause: i.cause,
            prevention: i.prevention,
            prevention_version: i.prevention_version,
            status,
            parties: i
                .parties
                .into_iter()
                .map(|p| IncidentParty {
                    institution: *p.institution.as_uuid(),
                    acknowledged_by: p.acknowledged_by,
                    acknowledged_at: p.acknowledged_at,
                    answer: p.answer.map(|a| IncidentAnswer {
                        answer: a.answer.into(),
                        reason: a.reason,
                        version: a.version,
                        by: a.by,
                        at: a.at,
                    }),
                })
                .collect(),
            revision: i.revision,
            recorded_by: i.recorded_by,
            created_at: i.created_at,
            updated_at: i.updated_at,
            closed_by: i.closed_by,
            closed_at: i.closed_at,
        }
    }
}

super::list::list_of!(
    /// A page of incidents, the most recently detected first.
    IncidentList of Incident
);

/// What happened, when, what it harmed and whom it affects.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    /// What happened, in a line.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// What happened and its scope (GL 3.2 (a)).
    #[schema(min_length = 1, max_length = 4000, pattern = r"\S")]
    pub description: String,
    /// When it occurred: RFC 3339, or a date and time without offset read as Japanese time
    /// (`2026-11-20T09:30`); not in the future.
    #[schema(example = "2026-11-20T09:30:00+09:00")]
    pub occurred_at: String,
    /// When it was detected: at or after `occurred_at`, not in the future.
    #[schema(example = "2026-11-20T11:00:00+09:00")]
    pub detected_at: String,
    /// What it harmed: at least one of confidentiality, integrity, availability.
    pub impact: IncidentImpact,
    /// The affected institutions (ids): each must contract the offering; they, and only
    /// they, are notified.
    #[schema(min_items = 1, max_items = 200)]
    pub affected: Vec<Uuid>,
    /// Remedial actions taken so far (善後策) and the recovery outlook.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub actions: Option<String>,
    /// The cause, when already known.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub cause: Option<String>,
    /// Re-occurrence prevention measures (needs `cause`).
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub prevention: Option<String>,
}

/// The incident as recorded, the risks it marked and the institutions notified.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordedIncident {
    pub incident: Incident,
    /// The risks of the offering newly marked for review (GL 5.1.7).
    pub risks_marked: Vec<Uuid>,
    /// The notification sent.
    pub notification: Uuid,
    /// The institutions notified (exactly the affected ones).
    pub notified: Vec<Uuid>,
}

impl TryFrom<Recorded> for RecordedIncident {
    type Error = AppError;

    fn try_from(r: Recorded) -> Result<Self, AppError> {
        Ok(Self {
            incident: r.incident.into(),
            risks_marked: r.marked.iter().map(|m| *m.as_uuid()).collect(),
            notification: Uuid::try_parse(&r.notification.id)
                .map_err(|_| AppError::Internal("a notification id is not a UUID".into()))?,
            notified: r.recipients.iter().map(|x| *x.org.as_uuid()).collect(),
        })
    }
}

/// Names fields the way the API does: `affected[1]` → `affected.1`.
fn api_error(e: AppError) -> Problem {
    match e {
        AppError::Invalid(mut fe) => {
            fe.field = fe.field.replace('[', ".").replace(']', "");
            Problem::invalid(fe)
        }
        other => other.into(),
    }
}

/// Record an incident
///
/// The offering's provider records an incident (GL 3.2 危機管理対応時): every risk of the
/// offering is marked for review (GL 5.1.7) and exactly the affected institutions are
/// notified (in the app and by mail), in one transaction with the audit entries. Refused: a
/// role that records nothing (403), an offering the caller cannot see (404), bad input or an
/// institution that does not contract the offering (422 naming the field); nothing written.
#[utoipa::path(
    post,
    path = "/offerings/{id}/incidents",
    tag = "incidents",
    operation_id = "record_incident",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = RecordBody,
    responses(
        (status = 201, description = "The incident as recorded", body = RecordedIncident),
        (status = 403, description = "Only the offering's provider records (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "Bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn record(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<RecordBody>,
) -> Result<(axum::http::StatusCode, Json<RecordedIncident>), Problem> {
    let input = d::IncidentInput {
        title: body.title,
        description: body.description,
        occurred_at: body.occurred_at,
        detected_at: body.detected_at,
        confidentiality: body.impact.confidentiality,
        integrity: body.impact.integrity,
        availability: body.impact.availability,
        affected: body.affected.iter().map(Uuid::to_string).collect(),
        actions: body.actions.unwrap_or_default(),
        cause: body.cause.unwrap_or_default(),
        prevention: body.prevention.unwrap_or_default(),
    };
    let recorded = state
        .app
        .record_incident(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(api_error)?;
    Ok((axum::http::StatusCode::CREATED, Json(recorded.try_into()?)))
}

/// Listing parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IncidentParams {
    /// Rows per page (1–500, default 50).
    pub limit: Option<String>,
    /// Rows to skip.
    pub offset: Option<String>,
}

/// List an offering's incidents
///
/// The incidents of the offering the caller may see, the most recently detected first: its
/// provider sees all, an institution those affecting it.
#[utoipa::path(
    get,
    path = "/offerings/{id}/incidents",
    tag = "incidents",
    operation_id = "list_offering_incidents",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), IncidentParams),
    responses(
        (status = 200, description = "A page of incidents", body = IncidentList),
        (status = 403, description = "The role sees no incidents (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_of_offering(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<IncidentParams>,
) -> Result<Json<IncidentList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let listed = state
        .app
        .offering_incidents(&caller, OfferingId::from_uuid(id), page)
        .await?;
    Ok(Json(IncidentList::from_listed(listed)))
}

/// Listing parameters of every incident.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AllIncidentParams {
    /// Only this offering's incidents (id).
    pub offering: Option<String>,
    /// Rows per page (1–500, default 50).
    pub limit: Option<String>,
    /// Rows to skip.
    pub offset: Option<String>,
}

/// List incidents
///
/// Every incident the caller may see: a provider's users those of its offerings, an
/// institution's reviewers those that affect their institution; a partner none (403).
#[utoipa::path(
    get,
    path = "/incidents",
    tag = "incidents",
    operation_id = "list_incidents",
    security(("bearer" = [])),
    params(AllIncidentParams),
    responses(
        (status = 200, description = "A page of incidents", body = IncidentList),
        (status = 403, description = "The role sees no incidents (`forbidden`)", body = crate::error::ErrorBody),
        (status = 422, description = "A bad parameter, named (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<AllIncidentParams>,
) -> Result<Json<IncidentList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let offering = text_param(&q.offering)
        .map(|o| OfferingId::parse_field("offering", &o))
        .transpose()?;
    let listed = state.app.list_incidents(&caller, offering, page).await?;
    Ok(Json(IncidentList::from_listed(listed)))
}

/// One incident
#[utoipa::path(
    get,
    path = "/incidents/{id}",
    tag = "incidents",
    operation_id = "get_incident",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    responses(
        (status = 200, description = "The incident as the caller may see it", body = Incident),
        (status = 403, description = "The role sees no incidents (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such incident within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Incident>, Problem> {
    let i = state
        .app
        .incident(&caller, IncidentId::from_uuid(id))
        .await?;
    Ok(Json(i.into()))
}

/// The actions, cause and prevention measures as they now stand, and the revision read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateBody {
    /// Remedial actions taken (善後策) and the recovery outlook; empty: none yet.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub actions: Option<String>,
    /// The cause; empty: not yet known.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub cause: Option<String>,
    /// Re-occurrence prevention measures (needs `cause`); a changed text is a new version
    /// every affected institution answers again.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub prevention: Option<String>,
    /// The revision the update is based on; a stale one is refused with 409.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// Update an incident
///
/// The offering's provider records the actions, the cause and the prevention measures
/// (GL 3.2 (a)–(c)); the affected institutions are notified. Refused: not the provider (403),
/// a stale `revision` or a closed incident (409), prevention measures without a cause or bad
/// input (422 naming the field); nothing written.
#[utoipa::path(
    put,
    path = "/incidents/{id}",
    tag = "incidents",
    operation_id = "update_incident",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    request_body = UpdateBody,
    responses(
        (status = 200, description = "The incident as updated", body = Incident),
        (status = 403, description = "Only the offering's provider updates (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The incident changed since `revision`, or is closed (`conflict`)", body = crate::error::ErrorBody),
        (status = 422, description = "Bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn update(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<UpdateBody>,
) -> Result<Json<Incident>, Problem> {
    let rev = revision("revision", body.revision, 1)?;
    let input = d::UpdateInput {
        actions: body.actions.unwrap_or_default(),
        cause: body.cause.unwrap_or_default(),
        prevention: body.prevention.unwrap_or_default(),
    };
    let i = state
        .app
        .update_incident(&caller, IncidentId::from_uuid(id), rev, input)
        .await
        .map_err(api_error)?;
    Ok(Json(i.into()))
}

/// Acknowledge an incident's report
///
/// A reviewer of an affected institution records that its institution received the report
/// (GL 3.2 (a)), once. Refused: anyone else (403), an incident the caller cannot see (404),
/// an acknowledgement already recorded (409).
#[utoipa::path(
    post,
    path = "/incidents/{id}/acknowledge",
    tag = "incidents",
    operation_id = "acknowledge_incident",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    responses(
        (status = 200, description = "The incident with the acknowledgement", body = Incident),
        (status = 403, description = "Only an affected institution's reviewer acknowledges (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such incident within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "Already acknowledged (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn acknowledge(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Incident>, Problem> {
    let i = state
        .app
        .acknowledge_incident(&caller, IncidentId::from_uuid(id))
        .await?;
    Ok(Json(i.into()))
}

/// An institution's answer to the prevention measures.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreventionBody {
    pub answer: PreventionAnswer,
    /// The `prevention_version` read; a changed one is refused with 409.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub version: i64,
    /// Why the institution declines (required to decline); a remark with an agreement.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub reason: Option<String>,
}

/// Agree to or decline the prevention measures
///
/// A reviewer of an affected institution answers, for its institution, the prevention
/// measures it read (GL 3.2 (c)); a decline needs its reason and the provider revises the
/// measures. Refused: anyone else (403), an incident the caller cannot see (404), changed
/// measures, an answer already given to them, or a closed incident (409), no measures
/// proposed or a decline without a reason (422 naming the field).
#[utoipa::path(
    post,
    path = "/incidents/{id}/prevention",
    tag = "incidents",
    operation_id = "answer_incident_prevention",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    request_body = PreventionBody,
    responses(
        (status = 200, description = "The incident with the answer", body = Incident),
        (status = 403, description = "Only an affected institution's reviewer answers (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such incident within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "The measures changed, were answered already, or the incident is closed (`conflict`)", body = crate::error::ErrorBody),
        (status = 422, description = "Bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn prevention(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<PreventionBody>,
) -> Result<Json<Incident>, Problem> {
    let version = revision("version", body.version, 1)?;
    let i = state
        .app
        .answer_incident_prevention(
            &caller,
            IncidentId::from_uuid(id),
            version,
            body.answer.into(),
            body.reason.as_deref().unwrap_or_default(),
        )
        .await
        .map_err(api_error)?;
    Ok(Json(i.into()))
}

/// The revision a close is based on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseBody {
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// Close an incident
///
/// The offering's provider closes the incident once its cause and prevention measures are
/// recorded and every affected institution agreed to the measures as they stand (GL 3.2
/// (c)). Refused: not the provider (403), a stale `revision` or a closed incident (409),
/// agreement missing (422 naming `prevention`).
#[utoipa::path(
    post,
    path = "/incidents/{id}/close",
    tag = "incidents",
    operation_id = "close_incident",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The incident's id")),
    request_body = CloseBody,
    responses(
        (status = 200, description = "The incident, closed", body = Incident),
        (status = 403, description = "Only the offering's provider closes (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The incident changed since `revision`, or is closed (`conflict`)", body = crate::error::ErrorBody),
        (status = 422, description = "Not every affected institution agreed (`invalid`, field `prevention`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn close(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<CloseBody>,
) -> Result<Json<Incident>, Problem> {
    let rev = revision("revision", body.revision, 1)?;
    let i = state
        .app
        .close_incident(&caller, IncidentId::from_uuid(id), rev)
        .await
        .map_err(api_error)?;
    Ok(Json(i.into()))
}
