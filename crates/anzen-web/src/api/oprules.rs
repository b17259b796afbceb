//! 運用管理規程 (GL 5.1.6 (2), FAQ 6, 6.1): `GET /operational-rules/draft`, `GET|POST
//! /operational-rules`, `GET /operational-rules/{id}`, `POST /operational-rules/{id}/responses`
//! and `GET /institutions/{id}/rule-items` (Table 4-1 ②-3).
//!
//! Who may issue, agree, decline, ask and answer is the domain's policy
//! (`anzen_domain::oprules`): a provider's users issue versions; a reviewer of an institution
//! whose contracts a version covers agrees to its exact content (quoted by its `digest`),
//! declines with a reason or asks; the provider answers. Bad input is a 422 naming the field;
//! a refusal writes nothing.

use anzen_app::oprules::{InstitutionItem, RulesView};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::oprules as d;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{Body, PathId, Query, id_param};
use super::problem::Problem;
use super::risks::api_error;
use crate::AppState;
use crate::extract::ApiCaller;

/// One section of the rules: an item (ア)–(サ) or the provider's own.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RulesSection {
    /// `ア`–`サ` for a minimum item (each is required), or the provider's own key.
    #[schema(min_length = 1, max_length = 20)]
    pub key: String,
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    /// Where the draft came from: `manual`, `roles`, `device_ledger`, `audit_trail`,
    /// `contact_desk`, `risk_register` (informative; unknown values count as `manual`).
    #[serde(default)]
    #[schema(max_length = 40)]
    pub prefill: Option<String>,
}

impl From<d::Section> for RulesSection {
    fn from(s: d::Section) -> Self {
        Self {
            key: s.key,
            title: s.title,
            body: s.body,
            prefill: Some(s.prefill),
        }
    }
}

/// Where an institution stands on a version.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RulesStanding {
    Pending,
    Agreed,
    Declined,
    Questioned,
}

/// What a response is.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RulesResponseKind {
    Agree,
    Decline,
    Question,
    Answer,
}

fn kind_dto(k: d::ResponseKind) -> RulesResponseKind {
    match k {
        d::ResponseKind::Agree => RulesResponseKind::Agree,
        d::ResponseKind::Decline => RulesResponseKind::Decline,
        d::ResponseKind::Question => RulesResponseKind::Question,
        d::ResponseKind::Answer => RulesResponseKind::Answer,
    }
}

/// A covered institution and where it stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulesInstitution {
    pub institution: Uuid,
    pub name: String,
    pub standing: RulesStanding,
}

/// A response to a version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulesResponse {
    pub id: String,
    pub institution: Uuid,
    pub kind: RulesResponseKind,
    pub text: String,
    pub digest: String,
    pub user_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
}

/// A version of the rules.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OperationalRules {
    pub id: String,
    /// `null`: the provider's rules for every offering.
    pub offering: Option<Uuid>,
    pub offering_name: Option<String>,
    pub version: i64,
    /// SHA-256 of the content: quote it to agree or decline.
    pub digest: String,
    /// The newest version of its offering's rules (only it can be agreed to).
    pub current: bool,
    pub issued_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: jiff::Timestamp,
    pub sections: Vec<RulesSection>,
    /// The institutions whose contracts it covers (an institution sees itself only).
    pub institutions: Vec<RulesInstitution>,
    pub responses: Vec<RulesResponse>,
}

impl From<RulesView> for OperationalRules {
    fn from(v: RulesView) -> Self {
        Self {
            id: v.rules.id,
            offering: v.rules.offering.map(|o| *o.as_uuid()),
            offering_name: v.offering_name,
            version: v.rules.version,
            digest: v.rules.digest,
            current: v.current,
            issued_by: v.rules.issued_by,
            issued_at: v.rules.issued_at,
            sections: v
                .rules
                .content
                .sections
                .into_iter()
                .map(Into::into)
                .collect(),
            institutions: v
                .institutions
                .into_iter()
                .map(|i| RulesInstitution {
                    institution: *i.institution.as_uuid(),
                    name: i.name,
                    standing: match i.standing {
                        d::Standing::Pending => RulesStanding::Pending,
                        d::Standing::Agreed => RulesStanding::Agreed,
                        d::Standing::Declined => RulesStanding::Declined,
                        d::Standing::Questioned => RulesStanding::Questioned,
                    },
                })
                .collect(),
            responses: v
                .responses
                .into_iter()
                .map(|r| RulesResponse {
                    id: r.id,
                    institution: *r.institution.as_uuid(),
                    kind: kind_dto(r.kind),
                    text: r.text,
                    digest: r.digest,
                    user_name: r.user_name,
                    at: r.at,
                })
                .collect(),
        }
    }
}

/// Which rules: the provider's general ones, or one offering's.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DraftParams {
    /// An offering whose rules differ (id); left out: the general rules.
    pub offering: Option<String>,
}

/// The sections to start from, and the version they come from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulesDraft {
    /// Send it back as `expected_version` when issuing; `null` when there is none yet.
    pub based_on_version: Option<i64>,
    pub sections: Vec<RulesSection>,
}

/// The draft of the next version
///
/// The newest version of these rules, or a first draft drawn from anzen's data: a section
/// for every item (ア)–(サ), its `prefill` saying where it came from (GL 5.1.6 (2), FAQ 6.1).
/// For a provider's users only (403 otherwise).
#[utoipa::path(
    get,
    path = "/operational-rules/draft",
    tag = "operational-rules",
    operation_id = "draft_operational_rules",
    security(("bearer" = [])),
    params(DraftParams),
    responses(
        (status = 200, description = "The draft", body = RulesDraft),
        (status = 403, description = "Not a provider's user (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering of the caller's (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "A bad parameter, named (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn draft(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<DraftParams>,
) -> Result<Json<RulesDraft>, Problem> {
    let offering = id_param("offering", &q.offering, OfferingId::parse_field)?;
    let (based_on_version, sections) = state
        .app
        .rules_draft(&caller, offering)
        .await
        .map_err(api_error)?;
    Ok(Json(RulesDraft {
        based_on_version,
        sections: sections.into_iter().map(Into::into).collect(),
    }))
}

/// A new version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRules {
    /// An offering whose rules differ (id); left out: the general rules.
    #[serde(default)]
    pub offering: Option<Uuid>,
    /// The version the edit started from (`based_on_version` of the draft); left out for
    /// the first. A version issued meanwhile is a 409.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_i64)]
    pub expected_version: Option<i64>,
    #[schema(min_items = 11, max_items = 40)]
    pub sections: Vec<RulesSection>,
}

/// Issue a version of the rules
///
/// Every item (ア)–(サ) needs a body; the provider may add its own items (FAQ 6.1). Each
/// institution the version covers is then asked to agree. Refused: another version issued
/// meanwhile (409), the same content as the current version or a bad section (422 naming
/// it); a refusal writes nothing.
#[utoipa::path(
    post,
    path = "/operational-rules",
    tag = "operational-rules",
    operation_id = "issue_operational_rules",
    security(("bearer" = [])),
    request_body = NewRules,
    responses(
        (status = 201, description = "Issued", body = OperationalRules),
        (status = 403, description = "Not a provider's user (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering of the caller's (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "Another version was issued meanwhile (`conflict`)", body = crate::error::ErrorBody),
        (status = 422, description = "Bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn issue(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewRules>,
) -> Result<(StatusCode, Json<OperationalRules>), Problem> {
    if let Some(v) = body.expected_version {
        super::extract::revision("expected_version", v, 1)?;
    }
    let sections = body
        .sections
        .into_iter()
        .map(|s| d::Section {
            key: s.key,
            title: s.title,
            body: s.body,
            prefill: s.prefill.unwrap_or_default(),
        })
        .collect();
    let rules = state
        .app
        .issue_rules(
            &caller,
            body.offering.map(OfferingId::from_uuid),
            body.expected_version,
            sections,
        )
        .await
        .map_err(api_error)?;
    let view = state
        .app
        .rules_view(&caller, &rules.id)
        .await
        .map_err(api_error)?;
    Ok((StatusCode::CREATED, Json(view.into())))
}

/// The versions the caller may read.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RulesList {
    pub rows: Vec<OperationalRules>,
}

/// List the rules
///
/// A provider's users: every version it issued, newest first. An institution's reviewers:
/// the versions of its providers that cover its contracts, with its own standing only.
#[utoipa::path(
    get,
    path = "/operational-rules",
    tag = "operational-rules",
    operation_id = "list_operational_rules",
    security(("bearer" = [])),
    responses((status = 200, description = "The versions", body = RulesList)),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<RulesList>, Problem> {
    let rows = state.app.list_rules(&caller).await.map_err(api_error)?;
    Ok(Json(RulesList {
        rows: rows.into_iter().map(Into::into).collect(),
    }))
}

/// One version of the rules
#[utoipa::path(
    get,
    path = "/operational-rules/{id}",
    tag = "operational-rules",
    operation_id = "get_operational_rules",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version's id")),
    responses(
        (status = 200, description = "The version", body = OperationalRules),
        (status = 404, description = "No such version within reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<OperationalRules>, Problem> {
    let view = state
        .app
        .rules_view(&caller, &id.to_string())
        .await
        .map_err(api_error)?;
    Ok(Json(view.into()))
}

/// A response to a version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRulesResponse {
    pub kind: RulesResponseKind,
    /// The `digest` of the version as read (agree, decline, question).
    #[serde(default)]
    #[schema(max_length = 128)]
    pub digest: Option<String>,
    /// The reason (decline), the question, or the answer; optional when agreeing.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub text: Option<String>,
    /// For an answer: the institution whose question or decline is answered.
    #[serde(default)]
    pub institution: Option<Uuid>,
}

/// Agree, decline, ask or answer
///
/// A reviewer of an institution the version covers agrees to the content it read (its
/// `digest`), declines with a reason or asks; the provider's user answers an open question or
/// decline (`institution`). Agreeing is refused while the institution's own decline is
/// unanswered, twice, for an older version, or for changed content (422 naming `digest`).
#[utoipa::path(
    post,
    path = "/operational-rules/{id}/responses",
    tag = "operational-rules",
    operation_id = "respond_to_operational_rules",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The version's id")),
    request_body = NewRulesResponse,
    responses(
        (status = 200, description = "The version with the response recorded", body = OperationalRules),
        (status = 403, description = "An operator cannot respond (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such version within reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "Refused by the policy or bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn respond(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewRulesResponse>,
) -> Result<Json<OperationalRules>, Problem> {
    let kind = match body.kind {
        RulesResponseKind::Agree => d::ResponseKind::Agree,
        RulesResponseKind::Decline => d::ResponseKind::Decline,
        RulesResponseKind::Question => d::ResponseKind::Question,
        RulesResponseKind::Answer => d::ResponseKind::Answer,
    };
    let id = id.to_string();
    state
        .app
        .respond_rules(
            &caller,
            &id,
            kind.code(),
            body.institution.map(OrgId::from_uuid),
            body.digest.as_deref().unwrap_or_default(),
            body.text.as_deref().unwrap_or_default(),
        )
        .await
        .map_err(api_error)?;
    let view = state
        .app
        .rules_view(&caller, &id)
        .await
        .map_err(api_error)?;
    Ok(Json(view.into()))
}

/// A duty the institution puts into its own rules.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleItem {
    pub offering: Uuid,
    pub risk_title: String,
    pub description: String,
}

/// The duties, in the order of the risks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RuleItemList {
    pub rows: Vec<RuleItem>,
}

impl From<InstitutionItem> for RuleItem {
    fn from(i: InstitutionItem) -> Self {
        Self {
            offering: *i.offering.as_uuid(),
            risk_title: i.risk_title,
            description: i.description,
        }
    }
}

/// What an institution must put into its own rules
///
/// Table 4-1 ②-3: the duties the treatments of the provider's risks place on the
/// institution (FAQ 5.2). A provider sees the duties its own risks place; an institution's
/// reviewer its own only.
#[utoipa::path(
    get,
    path = "/institutions/{id}/rule-items",
    tag = "operational-rules",
    operation_id = "institution_rule_items",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The institution's id")),
    responses(
        (status = 200, description = "The duties", body = RuleItemList),
        (status = 404, description = "No such institution within reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn rule_items(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<RuleItemList>, Problem> {
    let rows = state
        .app
        .institution_rule_items(&caller, OrgId::from_uuid(id))
        .await
        .map_err(api_error)?;
    Ok(Json(RuleItemList {
        rows: rows.into_iter().map(Into::into).collect(),
    }))
}
