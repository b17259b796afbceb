//! `/offerings`: list, record (with the first verdict), show with the verdict history, and
//! change the scope profile (a new verdict, guarded by the revision).

use anzen_app::offerings::{OfferingDetail as AppOfferingDetail, OfferingInput};
use anzen_app::ports::OfferingQuery;
use anzen_domain::FieldError;
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::offering as d;
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{Body, PathId, Query, bool_param, id_param, page, revision, text_param};
use super::list::list_of;
use super::orgs::created;
use super::problem::Problem;
use super::scope::{ScopeProfile, ScopeVerdict};
use crate::AppState;
use crate::extract::ApiCaller;

/// An offering with its current scope profile and verdict.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Offering {
    pub id: Uuid,
    /// The organisation that offers it (and owns the record).
    pub provider: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub profile: ScopeProfile,
    pub verdict: ScopeVerdict,
    /// Incremented on every change; send it back with a profile change.
    pub revision: i64,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: jiff::Timestamp,
}

impl From<d::Offering> for Offering {
    fn from(o: d::Offering) -> Self {
        Offering {
            id: *o.id.as_uuid(),
            provider: *o.provider.as_uuid(),
            name: o.name.to_string(),
            description: o.description,
            profile: o.profile.into(),
            verdict: o.verdict.into(),
            revision: o.revision,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// An offering as listed: its verdict's decision without the profile and the reasons
/// (read one offering for those).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfferingSummary {
    pub id: Uuid,
    /// The organisation that offers it.
    pub provider: Uuid,
    pub provider_name: String,
    pub name: String,
    /// Whether the guideline applies to it.
    pub in_scope: bool,
    /// The categories under which it applies.
    pub categories: Vec<super::enums::ScopeCategory>,
    /// Whether the offering's data that is not medical information is in scope too (FAQ 1.4).
    pub covers_non_medical_data: bool,
    pub revision: i64,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: jiff::Timestamp,
}

impl From<d::OfferingSummary> for OfferingSummary {
    fn from(o: d::OfferingSummary) -> Self {
        OfferingSummary {
            id: *o.id.as_uuid(),
            provider: *o.provider.as_uuid(),
            provider_name: o.provider_name,
            name: o.name.to_string(),
            in_scope: o.in_scope,
            categories: o.categories.into_iter().map(Into::into).collect(),
            covers_non_medical_data: o.covers_non_medical_data,
            revision: o.revision,
            updated_at: o.updated_at,
        }
    }
}

/// One entry of the verdict history: the profile as it was, its verdict, who and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerdictRecord {
    pub id: Uuid,
    /// 1 for the first verdict, then 2, 3, …
    pub sequence: i64,
    pub profile: ScopeProfile,
    pub verdict: ScopeVerdict,
    /// Who recorded it, e.g. `user:member@example.jp`.
    pub recorded_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub recorded_at: jiff::Timestamp,
}

impl From<d::VerdictRecord> for VerdictRecord {
    fn from(r: d::VerdictRecord) -> Self {
        VerdictRecord {
            id: *r.id.as_uuid(),
            sequence: r.sequence,
            profile: r.profile.into(),
            verdict: r.verdict.into(),
            recorded_by: r.recorded_by,
            recorded_at: r.recorded_at,
        }
    }
}

/// An offering with its verdict history, oldest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfferingDetail {
    pub offering: Offering,
    pub history: Vec<VerdictRecord>,
}

impl From<AppOfferingDetail> for OfferingDetail {
    fn from(d: AppOfferingDetail) -> Self {
        OfferingDetail {
            offering: d.offering.into(),
            history: d.history.into_iter().map(Into::into).collect(),
        }
    }
}

/// A new offering. Its verdict is decided from the profile and returned.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOffering {
    /// The offering provider; defaults to the caller's organisation (the only one a user
    /// may record offerings for).
    #[serde(default)]
    pub provider: Option<Uuid>,
    /// Defaults to the profile's `service`.
    #[serde(default)]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub name: Option<String>,
    /// Up to 4000 characters.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description: Option<String>,
    pub profile: ScopeProfile,
}

/// A change of an offering's scope profile.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileUpdate {
    pub profile: ScopeProfile,
    /// The revision the change is based on (the offering's `revision` as last read). If
    /// the offering changed since, the change is refused with 409 and nothing is written.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// The filters of the offering list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OfferingParams {
    /// A case-insensitive part of the name.
    pub q: Option<String>,
    /// Only offerings in scope (`true`) or out of scope (`false`).
    #[param(value_type = Option<bool>)]
    pub in_scope: Option<String>,
    /// Only the offerings of this provider.
    #[param(value_type = Option<Uuid>)]
    pub provider: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

list_of!(
    /// A page of offerings, by name.
    OfferingList of OfferingSummary
);

/// List offerings
///
/// The offerings the caller can see (an institution reviewer: those it contracts; a
/// partner: its own), with the decision of their current verdicts. Read one offering for
/// its profile and the verdict's reasons.
#[utoipa::path(
    get,
    path = "/offerings",
    tag = "offerings",
    operation_id = "list_offerings",
    security(("bearer" = [])),
    params(OfferingParams),
    responses((status = 200, description = "A page of offerings", body = OfferingList)),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<OfferingParams>,
) -> Result<Json<OfferingList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let query = OfferingQuery {
        search: text_param(&q.q),
        in_scope: bool_param("in_scope", &q.in_scope)?,
        provider: id_param("provider", &q.provider, OrgId::parse_field)?,
    };
    let listed = state.app.list_offerings(&caller, &query, page).await?;
    Ok(Json(OfferingList::from_listed(listed)))
}

/// Record an offering
///
/// Records an offering of the caller's organisation with its scope profile; the response
/// carries the verdict decided from it.
#[utoipa::path(
    post,
    path = "/offerings",
    tag = "offerings",
    operation_id = "create_offering",
    security(("bearer" = [])),
    request_body = NewOffering,
    responses(
        (status = 201, description = "Recorded, with its first verdict", body = Offering,
            headers(("location" = String, description = "The new offering's URL"))),
        (status = 403, description = "The role cannot record offerings (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewOffering>,
) -> Result<Response, Problem> {
    let profile = body.profile.into_domain("profile.")?;
    let provider = match body.provider.map(OrgId::from_uuid).or(caller.org()) {
        Some(p) => p.to_string(),
        None => return Err(FieldError::new("provider", "is required").into()),
    };
    let input = OfferingInput {
        provider,
        name: body.name.unwrap_or_else(|| profile.service.clone()),
        description: body.description.unwrap_or_default(),
        profile,
    };
    let offering = state.app.add_offering(&caller, input).await?;
    Ok(created(
        &format!("/api/v1/offerings/{}", offering.id),
        Offering::from(offering),
    ))
}

/// Show an offering
///
/// The offering with its current verdict and the history of every verdict it had.
#[utoipa::path(
    get,
    path = "/offerings/{id}",
    tag = "offerings",
    operation_id = "get_offering",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    responses((status = 200, description = "The offering and its verdict history", body = OfferingDetail)),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<OfferingDetail>, Problem> {
    let detail = state
        .app
        .offering(&caller, OfferingId::from_uuid(id))
        .await?;
    Ok(Json(detail.into()))
}

/// Change the scope profile of an offering
///
/// Decides a new verdict from the profile and appends it to the history. The body names
/// the revision it is based on; a stale revision is refused with 409 and changes nothing.
#[utoipa::path(
    put,
    path = "/offerings/{id}/profile",
    tag = "offerings",
    operation_id = "update_offering_profile",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = ProfileUpdate,
    responses(
        (status = 200, description = "The offering with its new verdict and history", body = OfferingDetail),
        (status = 403, description = "The role cannot change offerings (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The offering changed since `revision` (`conflict`); nothing was written", body = crate::error::ErrorBody),
    ),
)]
pub async fn update_profile(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<ProfileUpdate>,
) -> Result<Json<OfferingDetail>, Problem> {
    let revision = revision("revision", body.revision, 1)?;
    let profile = body.profile.into_domain("profile.")?;
    let detail = state
        .app
        .update_offering_profile(&caller, OfferingId::from_uuid(id), Some(revision), profile)
        .await?;
    Ok(Json(detail.into()))
}
