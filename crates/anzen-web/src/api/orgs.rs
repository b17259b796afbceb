//! `/organisations`: list, register, show.

use anzen_app::orgs::OrganisationInput;
use anzen_domain::ids::OrgId;
use anzen_domain::org as d;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::enums::{InstitutionKind, OrgKind};
use super::extract::{Body, PathId, Query, page};
use super::list::{PageParams, list_of};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// An organisation: a provider, a medical institution or a partner provider.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Organisation {
    pub id: Uuid,
    pub kind: OrgKind,
    /// For a medical institution: which kind of 医療機関等.
    pub institution_kind: Option<InstitutionKind>,
    pub name: String,
    /// The organisation that registered this one (it owns the record).
    pub registered_by: Option<Uuid>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

impl From<d::Organisation> for Organisation {
    fn from(o: d::Organisation) -> Self {
        Organisation {
            id: *o.id.as_uuid(),
            kind: o.org_type.kind().into(),
            institution_kind: o.org_type.institution_kind().map(Into::into),
            name: o.name.to_string(),
            registered_by: o.registered_by.map(|r| *r.as_uuid()),
            created_at: o.created_at,
        }
    }
}

/// A new organisation, registered by (and owned by) the caller's organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"kind": "medical_institution", "institution_kind": "clinic", "name": "みどり内科クリニック"}))]
pub struct NewOrganisation {
    pub kind: OrgKind,
    /// Required for a medical institution, refused for other kinds.
    #[serde(default)]
    pub institution_kind: Option<InstitutionKind>,
    /// 1–200 characters on one line.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub name: String,
}

list_of!(
    /// A page of organisations, by name.
    OrganisationList of Organisation
);

/// List organisations
///
/// The organisations the caller can see: their own and those it registered; for an
/// institution reviewer also the providers it contracts and their suppliers; for a partner
/// the providers it supplies.
#[utoipa::path(
    get,
    path = "/organisations",
    tag = "organisations",
    operation_id = "list_organisations",
    security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, description = "A page of organisations", body = OrganisationList)),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<PageParams>,
) -> Result<Json<OrganisationList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let listed = state.app.list_organisations(&caller, page).await?;
    Ok(Json(OrganisationList::from_listed(listed)))
}

/// Register an organisation
///
/// Registers an institution, partner or provider on behalf of the caller's organisation,
/// which owns the record.
#[utoipa::path(
    post,
    path = "/organisations",
    tag = "organisations",
    operation_id = "create_organisation",
    security(("bearer" = [])),
    request_body = NewOrganisation,
    responses(
        (status = 201, description = "Registered", body = Organisation,
            headers(("location" = String, description = "The new organisation's URL"))),
        (status = 403, description = "The role cannot register organisations (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewOrganisation>,
) -> Result<Response, Problem> {
    let input = OrganisationInput {
        kind: anzen_domain::org::OrgKind::from(body.kind)
            .code()
            .to_owned(),
        institution_kind: body
            .institution_kind
            .map(|k| {
                anzen_domain::org::InstitutionKind::from(k)
                    .code()
                    .to_owned()
            })
            .unwrap_or_default(),
        name: body.name,
        registered_by: String::new(),
    };
    let org = state.app.add_organisation(&caller, input).await?;
    Ok(created(
        &format!("/api/v1/organisations/{}", org.id),
        Organisation::from(org),
    ))
}

/// Show an organisation
#[utoipa::path(
    get,
    path = "/organisations/{id}",
    tag = "organisations",
    operation_id = "get_organisation",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The organisation's id")),
    responses((status = 200, description = "The organisation", body = Organisation)),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Organisation>, Problem> {
    let org = state
        .app
        .organisation(&caller, OrgId::from_uuid(id))
        .await?;
    Ok(Json(org.into()))
}

/// A 201 response with a `Location` header.
pub fn created<T: Serialize>(location: &str, body: T) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location.to_owned())],
        Json(body),
    )
        .into_response()
}
