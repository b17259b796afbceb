//! The GL 4.4 exemption from the certification requirement (FAQ 4.2):
//! `/certification-exemption` (the caller's organisation's claim) and its withdrawal.
//!
//! A provider that does not handle medical information directly records why the Privacy
//! Mark / ISMS requirement does not apply to it. Its certification check then says "exempt"
//! only on a basis the guideline allows and while no in-scope offering of it handles
//! medical information; the FAQ 4.2 caveat (necessary, never sufficient) always comes with it.

use anzen_app::AppError;
use anzen_app::ports::StoredExemption;
use anzen_domain::chain::{self as d, ExemptionStanding as Standing};
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::chain::{ChainRule, api_error};
use super::enums::mirror_enum;
use super::extract::{Body, revision};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

mirror_enum! {
    /// Why a provider says the certification requirement does not apply to it; only
    /// `no_direct_handling` exempts (GL 4.4; FAQ 4.2).
    ExemptionBasis => d::ExemptionBasis {
        NoDirectHandling = "no_direct_handling",
        CertificationInProgress = "certification_in_progress",
        CoveredByPartner = "covered_by_partner",
        Other = "other",
    }
}

/// Where a recorded exemption claim stands (GL 4.4; FAQ 4.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExemptionStanding {
    pub basis: ExemptionBasis,
    /// The provider's reason, as recorded.
    pub reason: String,
    /// Whether the claim exempts the provider from the certification requirement.
    pub exempt: bool,
    /// Why (each cited).
    pub reasons: Vec<ChainRule>,
    /// The in-scope offerings whose scope says they handle medical information (names for
    /// the provider itself, a count for others).
    pub direct_offerings: Vec<String>,
    /// FAQ 4.2 R2: a certificate, or its absence, says nothing about compliance.
    pub notice: ChainRule,
}

pub(crate) fn standing_dto(s: &Standing) -> ExemptionStanding {
    ExemptionStanding {
        basis: s.basis.into(),
        reason: s.reason.clone(),
        exempt: s.exempt,
        reasons: s.reasons.iter().map(Into::into).collect(),
        direct_offerings: s.direct_offerings.clone(),
        notice: (&s.notice).into(),
    }
}

/// The caller's organisation's exemption claim.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Exemption {
    /// The version of the claim (0: never recorded); send it back with a change.
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
    /// `None` when none is in force (never recorded or withdrawn).
    pub standing: Option<ExemptionStanding>,
    pub recorded_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub recorded_at: Option<jiff::Timestamp>,
}

/// A claim as sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewExemption {
    pub basis: ExemptionBasis,
    /// Why the requirement does not apply.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub reason: String,
    /// The `revision` as read (0 when none was recorded).
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

/// A withdrawal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The `revision` as read.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
}

async fn view(
    state: &AppState,
    caller: &anzen_app::Caller,
    x: Option<StoredExemption>,
) -> Result<Exemption, AppError> {
    let standing = match &x {
        Some(s) if s.exemption.is_some() => state
            .app
            .claimed_exemption(caller, s.org)
            .await?
            .map(|c| standing_dto(&c.standing())),
        _ => None,
    };
    Ok(Exemption {
        revision: x.as_ref().map_or(0, |x| x.seq),
        standing,
        recorded_by: x.as_ref().map(|x| x.recorded_by.clone()),
        recorded_at: x.as_ref().map(|x| x.recorded_at),
    })
}

/// Get the exemption claim
///
/// The caller's organisation's claim that the certification requirement does not apply
/// (GL 4.4), with where it stands and the FAQ 4.2 caveat.
#[utoipa::path(
    get,
    path = "/certification-exemption",
    tag = "ledger",
    operation_id = "get_certification_exemption",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The claim (revision 0: none)", body = Exemption),
        (status = 403, description = "The role keeps no ledger (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Exemption>, Problem> {
    let x = state.app.own_exemption(&caller).await?;
    Ok(Json(view(&state, &caller, x).await?))
}

/// Record the exemption claim
///
/// Records (or replaces) why the certification requirement does not apply to the caller's
/// organisation (GL 4.4). Every basis is recorded; only `no_direct_handling` exempts, and
/// only while no in-scope offering of the organisation handles medical information.
/// Audited; a stale `revision` is 409.
#[utoipa::path(
    put,
    path = "/certification-exemption",
    tag = "ledger",
    operation_id = "record_certification_exemption",
    security(("bearer" = [])),
    request_body = NewExemption,
    responses(
        (status = 200, description = "Recorded", body = Exemption),
        (status = 403, description = "The role keeps no ledger (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The claim changed since `revision` (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn record(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewExemption>,
) -> Result<Json<Exemption>, Problem> {
    let rev = revision("revision", body.revision, 0)?;
    let input = d::NewExemption {
        basis: d::ExemptionBasis::from(body.basis).code().to_owned(),
        reason: body.reason,
    };
    let x = state
        .app
        .record_exemption(&caller, input, Some(rev))
        .await
        .map_err(api_error)?;
    Ok(Json(view(&state, &caller, Some(x)).await?))
}

/// Withdraw the exemption claim
#[utoipa::path(
    post,
    path = "/certification-exemption/withdraw",
    tag = "ledger",
    operation_id = "withdraw_certification_exemption",
    security(("bearer" = [])),
    request_body = Withdrawal,
    responses(
        (status = 200, description = "Withdrawn", body = Exemption),
        (status = 403, description = "The role keeps no ledger (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The claim changed since `revision` (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn withdraw(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<Withdrawal>,
) -> Result<Json<Exemption>, Problem> {
    let rev = revision("revision", body.revision, 1)?;
    let x = state
        .app
        .withdraw_exemption(&caller, Some(rev))
        .await
        .map_err(api_error)?;
    Ok(Json(view(&state, &caller, Some(x)).await?))
}
