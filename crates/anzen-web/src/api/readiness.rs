//! Agree before providing (FAQ 2.1, 6.1): `GET /contracts/{id}/readiness` and
//! `GET /readiness` (every contract in force or starting later that the caller sees).
//! What makes a contract ready is the domain's rule (`anzen_domain::readiness`).

use anzen_app::readiness::ContractReadiness;
use anzen_domain::ids::ContractId;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::extract::PathId;
use super::problem::Problem;
use super::risks::api_error;
use crate::AppState;
use crate::extract::ApiCaller;

/// What keeps a contract from being ready.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReadinessGap {
    /// `disclosure`, `responsibility_matrix`, `operational_rules` or `risk_consent`.
    pub gap: String,
    /// The guideline or FAQ section it comes from.
    pub rule: String,
    pub message_ja: String,
    pub message_en: String,
    /// What is missing: Table 4-1 item keys, risk titles.
    pub detail: Vec<String>,
}

/// One contract's readiness.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Readiness {
    pub contract: Uuid,
    pub institution: Uuid,
    pub institution_name: String,
    pub offering: Uuid,
    pub offering_name: String,
    pub starts_on: String,
    pub ready: bool,
    /// In force although not ready (the gap is on record in the audit trail).
    pub started_unready: bool,
    pub gaps: Vec<ReadinessGap>,
}

impl From<ContractReadiness> for Readiness {
    fn from(r: ContractReadiness) -> Self {
        Self {
            ready: r.ready(),
            contract: *r.contract.id.as_uuid(),
            institution: *r.contract.institution.as_uuid(),
            institution_name: r.institution_name,
            offering: *r.contract.offering.as_uuid(),
            offering_name: r.offering_name,
            starts_on: r.contract.period.starts_on().to_string(),
            started_unready: r.started_unready,
            gaps: r
                .gaps
                .into_iter()
                .map(|g| ReadinessGap {
                    gap: g.code.to_owned(),
                    rule: g.rule.reference.to_owned(),
                    message_ja: g.rule.ja.to_owned(),
                    message_en: g.rule.en.to_owned(),
                    detail: g.detail,
                })
                .collect(),
        }
    }
}

/// The readiness of every contract.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReadinessList {
    /// Not-ready contracts first.
    pub items: Vec<Readiness>,
}

/// A contract's readiness
///
/// Whether the institution has been given the Table 4-1 items, has agreed the responsibility
/// matrix and the current 運用管理規程, and has agreed to every risk that needs its consent
/// (FAQ 2.1, 6.1; FAQ 5.1, 5.2). A contract may start with gaps; they are listed here, on the
/// dashboard and in the institution's view.
#[utoipa::path(
    get,
    path = "/contracts/{id}/readiness",
    tag = "contracts",
    operation_id = "contract_readiness",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    responses(
        (status = 200, description = "The readiness", body = Readiness),
        (status = 404, description = "No such contract within reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn contract(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<Readiness>, Problem> {
    let r = state
        .app
        .contract_readiness(&caller, ContractId::from_uuid(id))
        .await
        .map_err(api_error)?;
    Ok(Json(r.into()))
}

/// The readiness of every contract
///
/// Every contract in force or starting later that the caller sees, not-ready ones first.
#[utoipa::path(
    get,
    path = "/readiness",
    tag = "contracts",
    operation_id = "readiness_overview",
    security(("bearer" = [])),
    responses((status = 200, description = "The contracts and their readiness", body = ReadinessList)),
)]
pub async fn overview(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<ReadinessList>, Problem> {
    let rows = state
        .app
        .readiness_overview(&caller)
        .await
        .map_err(api_error)?;
    Ok(Json(ReadinessList {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}
