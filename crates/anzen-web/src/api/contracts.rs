//! `/contracts`: list and record contracts between institutions and providers.

use anzen_app::contracts::ContractInput;
use anzen_app::ports::ContractQuery;
use anzen_domain::FieldError;
use anzen_domain::contract as d;
use anzen_domain::ids::{OfferingId, OrgId};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::enums::ContractKind;
use super::extract::{Body, Query, id_param, page};
use super::list::list_of;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// A contract between a medical institution and a provider for an offering.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contract {
    pub id: Uuid,
    /// The organisation that recorded it (the provider).
    pub owner: Uuid,
    pub institution: Uuid,
    pub provider: Uuid,
    pub offering: Uuid,
    pub kind: ContractKind,
    #[schema(value_type = String, format = Date)]
    pub starts_on: jiff::civil::Date,
    /// None for an open-ended contract.
    #[schema(value_type = Option<String>, format = Date)]
    pub ends_on: Option<jiff::civil::Date>,
    /// The contract's own reference, e.g. its number.
    pub reference: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

impl From<d::Contract> for Contract {
    fn from(c: d::Contract) -> Self {
        Contract {
            id: *c.id.as_uuid(),
            owner: *c.owner.as_uuid(),
            institution: *c.institution.as_uuid(),
            provider: *c.provider.as_uuid(),
            offering: *c.offering.as_uuid(),
            kind: c.kind.into(),
            starts_on: c.period.starts_on(),
            ends_on: c.period.ends_on(),
            reference: c.reference,
            created_at: c.created_at,
        }
    }
}

/// A new contract, recorded by the provider's own members.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "institution": "0190a0a0-0000-7000-8000-000000000001",
    "offering": "0190a0a0-0000-7000-8000-000000000002",
    "kind": "provision", "starts_on": "2026-04-01", "reference": "SMC-2026-0001"
}))]
pub struct NewContract {
    /// The medical institution.
    pub institution: Uuid,
    /// The provider; defaults to the caller's organisation.
    #[serde(default)]
    pub provider: Option<Uuid>,
    /// One of the provider's offerings.
    pub offering: Uuid,
    pub kind: ContractKind,
    /// YYYY-MM-DD.
    #[schema(format = Date)]
    pub starts_on: String,
    /// YYYY-MM-DD, on or after `starts_on`; absent for an open-ended contract.
    #[serde(default)]
    #[schema(format = Date)]
    pub ends_on: Option<String>,
    /// Up to 200 characters.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub reference: Option<String>,
}

/// The filters of the contract list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ContractParams {
    /// Only the contracts for this offering.
    #[param(value_type = Option<Uuid>)]
    pub offering: Option<String>,
    /// Only the contracts of this institution.
    #[param(value_type = Option<Uuid>)]
    pub institution: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

list_of!(
    /// A page of contracts.
    ContractList of Contract
);

/// List contracts
///
/// The contracts the caller can see: its organisation's, or for an institution reviewer
/// those its institution is party to.
#[utoipa::path(
    get,
    path = "/contracts",
    tag = "contracts",
    operation_id = "list_contracts",
    security(("bearer" = [])),
    params(ContractParams),
    responses(
        (status = 200, description = "A page of contracts", body = ContractList),
        (status = 403, description = "The role cannot see contracts (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<ContractParams>,
) -> Result<Json<ContractList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let query = ContractQuery {
        offering: id_param("offering", &q.offering, OfferingId::parse_field)?,
        institution: id_param("institution", &q.institution, OrgId::parse_field)?,
        ..ContractQuery::default()
    };
    let listed = state.app.list_contracts(&caller, &query, page).await?;
    Ok(Json(ContractList::from_listed(listed)))
}

/// Record a contract
#[utoipa::path(
    post,
    path = "/contracts",
    tag = "contracts",
    operation_id = "create_contract",
    security(("bearer" = [])),
    request_body = NewContract,
    responses(
        (status = 201, description = "Recorded", body = Contract),
        (status = 403, description = "The role cannot record contracts (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewContract>,
) -> Result<Response, Problem> {
    let provider = match body.provider.map(OrgId::from_uuid).or(caller.org()) {
        Some(p) => p.to_string(),
        None => return Err(FieldError::new("provider", "is required").into()),
    };
    let input = ContractInput {
        institution: body.institution.to_string(),
        provider,
        offering: body.offering.to_string(),
        kind: d::ContractKind::from(body.kind).code().to_owned(),
        starts_on: body.starts_on,
        ends_on: body.ends_on.unwrap_or_default(),
        reference: body.reference.unwrap_or_default(),
    };
    let contract = state.app.add_contract(&caller, input).await?;
    Ok((StatusCode::CREATED, Json(Contract::from(contract))).into_response())
}
