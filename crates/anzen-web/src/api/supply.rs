//! `/supply-links`: which components of an offering other providers supply (GL 2.2).

use anzen_app::supply::SupplyLinkInput;
use anzen_domain::ids::OfferingId;
use anzen_domain::supply as d;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::enums::{ComponentCode, Layer, Visibility};
use super::extract::{Body, Query, id_param, page};
use super::list::list_of;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// A component of an offering supplied by another provider, with who selected the supplier
/// and who holds the contract with it (GL 2.2.2, 2.2.3; FAQ 2.1).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupplyLink {
    pub id: Uuid,
    /// The provider of `offering`, which recorded and owns the link.
    pub owner: Uuid,
    pub offering: Uuid,
    pub code: ComponentCode,
    /// The layer of `code`.
    pub layer: Layer,
    pub supplier: Uuid,
    /// The supplier's own offering, when it is recorded in anzen.
    pub supplier_offering: Option<Uuid>,
    pub selected_by: Uuid,
    pub contract_holder: Uuid,
    /// Whether the offering's provider can see into the component (FAQ 2.1 R3).
    pub visibility: Visibility,
    pub description: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

impl From<d::SupplyLink> for SupplyLink {
    fn from(l: d::SupplyLink) -> Self {
        SupplyLink {
            id: *l.id.as_uuid(),
            owner: *l.owner.as_uuid(),
            offering: *l.offering.as_uuid(),
            code: l.code.into(),
            layer: l.code.layer().into(),
            supplier: *l.supplier.as_uuid(),
            supplier_offering: l.supplier_offering.map(|o| *o.as_uuid()),
            selected_by: *l.selected_by.as_uuid(),
            contract_holder: *l.contract_holder.as_uuid(),
            visibility: l.visibility.into(),
            description: l.description,
            created_at: l.created_at,
        }
    }
}

/// A new supply link of one of the caller's organisation's offerings.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupplyLink {
    pub offering: Uuid,
    pub code: ComponentCode,
    /// The provider or partner that supplies the component (not the offering's provider).
    pub supplier: Uuid,
    /// The supplier's own offering, when recorded in anzen.
    #[serde(default)]
    pub supplier_offering: Option<Uuid>,
    /// Who selected the supplier; defaults to the offering's provider.
    #[serde(default)]
    pub selected_by: Option<Uuid>,
    /// Who holds the contract with the supplier; defaults to the offering's provider.
    #[serde(default)]
    pub contract_holder: Option<Uuid>,
    /// Whether the offering's provider can see into the component; default `known`.
    #[serde(default)]
    pub visibility: Option<Visibility>,
    /// Up to 2000 characters.
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
}

/// The filters of the supply link list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SupplyParams {
    /// Only the links of this offering.
    #[param(value_type = Option<Uuid>)]
    pub offering: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

list_of!(
    /// A page of supply links.
    SupplyLinkList of SupplyLink
);

/// List supply links
///
/// The links the caller can see: its organisation's; for an institution reviewer those of
/// the offerings it contracts; for a partner those naming it as supplier.
#[utoipa::path(
    get,
    path = "/supply-links",
    tag = "supply-links",
    operation_id = "list_supply_links",
    security(("bearer" = [])),
    params(SupplyParams),
    responses((status = 200, description = "A page of supply links", body = SupplyLinkList)),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<SupplyParams>,
) -> Result<Json<SupplyLinkList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let offering = id_param("offering", &q.offering, OfferingId::parse_field)?;
    let rows = state.app.list_supply_links(&caller, offering).await?;
    Ok(Json(SupplyLinkList::from_all(rows, page)))
}

/// Record a supply link
#[utoipa::path(
    post,
    path = "/supply-links",
    tag = "supply-links",
    operation_id = "create_supply_link",
    security(("bearer" = [])),
    request_body = NewSupplyLink,
    responses(
        (status = 201, description = "Recorded", body = SupplyLink),
        (status = 403, description = "The role cannot record supply links (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewSupplyLink>,
) -> Result<Response, Problem> {
    let id = |o: Option<Uuid>| o.map(|u| u.to_string()).unwrap_or_default();
    let input = SupplyLinkInput {
        offering: body.offering.to_string(),
        code: d::ComponentCode::from(body.code).code().to_owned(),
        supplier: body.supplier.to_string(),
        supplier_offering: id(body.supplier_offering),
        selected_by: id(body.selected_by),
        contract_holder: id(body.contract_holder),
        visibility: body
            .visibility
            .map(|v| anzen_domain::chain::Visibility::from(v).code().to_owned())
            .unwrap_or_default(),
        description: body.description.unwrap_or_default(),
    };
    let link = state.app.add_supply_link(&caller, input).await?;
    Ok((StatusCode::CREATED, Json(SupplyLink::from(link))).into_response())
}
