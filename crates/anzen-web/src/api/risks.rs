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

mirror_enum! {
    /// A risk level (リスクレベル, GL 5.1.3 Table 5-2): S highest, D lowest.
    RiskLevel => d::RiskLevel {
        S = "S",
        A = "A",
        B = "B",
        C = "C",
        D = "D",
    }
}

mirror_enum! {
    /// Where a risk's treatment stands: `open` (a decision is needed), `no_treatment_needed`,
    /// `effective` (in effect), `awaiting_consent` (share or accept not yet agreed by every
    /// affected institution, FAQ 5.1), `re_consent_needed` (an institution agreed to an
    /// earlier content only, FAQ 5.2), `residual_agreement_pending` (reduce or avoid whose
    /// residual risk is not yet agreed by every affected institution: not treated, FAQ 5.2,
    /// GL 5.1.5 (3)), `declined` (an institution declined the current content and the
    /// provider has not answered, GL 5.1.6 (1)), `reopened` (the treatment no longer meets
    /// the criterion of the risk's level, GL 5.1.3 Table 5-2, FAQ 5.1).
    RiskStatus => d::RiskStatus {
        Open = "open",
        NoTreatmentNeeded = "no_treatment_needed",
        Effective = "effective",
        AwaitingConsent = "awaiting_consent",
        ReConsentNeeded = "re_consent_needed",
        ResidualAgreementPending = "residual_agreement_pending",
        Declined = "declined",
        Reopened = "reopened",
    }
}

mirror_enum! {
    /// A treatment option (GL 5.1.4; FAQ 5.1): share and accept need every affected
    /// institution's consent.
    TreatmentOption => d::TreatmentOption {
        Reduce = "reduce",
        Avoid = "avoid",
        Share = "share",
        Accept = "accept",
    }
}

mirror_enum! {
    /// The environment of a component or flow (GL 5.2).
    Environment => d::Environment {
        Production = "production",
        Development = "development",
        Test = "test",
    }
}

mirror_enum! {
    /// The class of the information a flow carries (GL 5.1.1).
    FlowClass => d::FlowClass {
        PatientPersonalInformation = "patient_personal_information",
        MedicalRecordsAnonymised = "anonymised_medical_data",
        Credentials = "credentials",
        SystemConfiguration = "system_configuration",
        OperationalLogs = "operational_logs",
        Other = "other",
    }
}

mirror_enum! {
    /// What a component of an offering's configuration is.
    ComponentKind => d::ComponentKind {
        Application = "application",
        Server = "server",
        Storage = "storage",
        Network = "network",
        Terminal = "terminal",
        Medium = "medium",
        Service = "service",
    }
}

/// Who carries out a measure (FAQ 5.2: a measure may fall to the institution).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureOwnerKind {
    #[default]
    Provider,
    Institution,
    Subcontractor,
}

/// Where a risk's treatment stands, in detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TreatmentState {
    Open,
    NoTreatmentNeeded,
    /// Reduce or avoid: in effect; the residual risk still wants the institutions' agreement.
    Effective,
    /// Share or accept with every affected institution's agreement to the current content.
    EffectiveByConsent,
    /// Share or accept without every affected institution's agreement: not in effect.
    AwaitingConsent,
    /// Reduce or avoid whose residual risk is not yet agreed by every affected institution
    /// (FAQ 5.2, GL 5.1.5 (3)): the measures apply, the risk is not treated yet.
    ResidualAgreementPending,
    /// An affected institution declined the current content; the provider has not answered
    /// (GL 5.1.6 (1)): not in effect.
    Declined,
    /// The treatment no longer meets the criterion (the level was reassessed or the criteria
    /// changed): not in effect; `reason` names the rule (GL 5.1.3 Table 5-2, FAQ 5.1).
    Reopened,
}

/// Where one institution stands on the risk's current content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// Agreed to the current content.
    Agreed,
    /// Agreed to an earlier content only: re-consent needed.
    Stale,
    /// Not agreed.
    Missing,
    /// Declined the current content; the provider's answer is awaited (GL 5.1.6 (1)).
    Declined,
}

/// What a level's criterion asks of its treatment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequirementKind {
    /// Treatment mandatory, with at least `min_measures` measures.
    Mandatory,
    /// Decide case by case, with a reason.
    CaseByCase,
    /// No treatment needed.
    NotNeeded,
}

/// Why a risk is marked for review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewReasonKind {
    Scheduled,
    CatalogueVersion,
    MatrixVersion,
    TechnologyChange,
    /// The information flow it was assessed on was edited (GL 5.1.7).
    FlowChanged,
    /// A component a flow of it passes through changed (GL 5.1.7).
    ComponentChanged,
    /// The offering's supply chain changed (GL 2.2, 5.1.7).
    SupplyChainChanged,
}

/// An analysis on a matrix version: the values and the level they gave then.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Assessment {
    /// The matrix version's id.
    pub matrix: Uuid,
    pub matrix_version: i64,
    /// Impact (影響度), 1 = lowest.
    pub impact: u8,
    /// Likelihood (顕在化率), 1 = lowest.
    pub likelihood: u8,
    pub level: RiskLevel,
}

impl From<&d::Assessment> for Assessment {
    fn from(a: &d::Assessment) -> Self {
        Assessment {
            matrix: *a.matrix.as_uuid(),
            matrix_version: a.matrix_version,
            impact: a.impact,
            likelihood: a.likelihood,
            level: a.level.into(),
        }
    }
}

/// A measure of a treatment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Measure {
    pub description: String,
    pub owner: MeasureOwnerKind,
    /// The institution or subcontractor that carries it out.
    pub owner_org: Option<Uuid>,
    /// The controls (Appendix 2 keys or the provider's own) it implements.
    pub controls: Vec<String>,
    #[schema(value_type = Option<String>, format = Date)]
    pub due: Option<jiff::civil::Date>,
    pub done: bool,
}

impl From<&d::Measure> for Measure {
    fn from(m: &d::Measure) -> Self {
        let (owner, owner_org) = match m.owner {
            d::MeasureOwner::Provider => (MeasureOwnerKind::Provider, None),
            d::MeasureOwner::Institution(o) => (MeasureOwnerKind::Institution, Some(*o.as_uuid())),
            d::MeasureOwner::Subcontractor(o) => {
                (MeasureOwnerKind::Subcontractor, Some(*o.as_uuid()))
            }
        };
        Measure {
            description: m.description.clone(),
            owner,
            owner_org,
            controls: m.controls.clone(),
            due: m.due,
            done: m.done,
        }
    }
}

/// The treatment decided for a risk (GL 5.1.4, 5.1.5).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Treatment {
    pub option: TreatmentOption,
    pub measures: Vec<Measure>,
    /// Why this option.
    pub rationale: String,
    /// The options weighed and why they were not chosen.
    pub options_considered: String,
}

/// A reason a risk is marked for review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewFlag {
    pub kind: ReviewReasonKind,
    /// The notice's title, or the catalogue's name, or the matrix version, or the changed
    /// component's name, or the supplied component's code and supplier.
    pub title: String,
    /// The technology-change notice's id.
    pub notice: Option<String>,
    /// The control the technology-change notice names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub control: Option<String>,
    /// The id of what changed: the flow, the component or the supply link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changed: Option<String>,
}

impl From<&d::ReviewReason> for ReviewFlag {
    fn from(r: &d::ReviewReason) -> Self {
        match r {
            d::ReviewReason::Scheduled => ReviewFlag {
                kind: ReviewReasonKind::Scheduled,
                title: String::new(),
                notice: None,
                control: None,
                changed: None,
            },
            d::ReviewReason::CatalogueVersion { catalogue, version } => ReviewFlag {
                kind: ReviewReasonKind::CatalogueVersion,
                title: format!("{catalogue} {version}"),
                notice: None,
                control: None,
                changed: None,
            },
            d::ReviewReason::MatrixVersion { version } => ReviewFlag {
                kind: ReviewReasonKind::MatrixVersion,
                title: version.to_string(),
                notice: None,
                control: None,
                changed: None,
            },
            d::ReviewReason::TechnologyChange {
                notice,
                title,
                control,
            } => ReviewFlag {
                kind: ReviewReasonKind::TechnologyChange,
                title: title.clone(),
                notice: Some(notice.clone()),
                control: control.clone(),
                changed: None,
            },
            d::ReviewReason::FlowChanged { flow, revision } => ReviewFlag {
                kind: ReviewReasonKind::FlowChanged,
                title: format!("revision {revision}"),
                notice: None,
                control: None,
                changed: Some(flow.clone()),
            },
            d::ReviewReason::ComponentChanged { component, name } => ReviewFlag {
                kind: ReviewReasonKind::ComponentChanged,
                title: name.clone(),
                notice: None,
                control: None,
                changed: Some(component.clone()),
            },
            d::ReviewReason::SupplyChainChanged {
                link,
                code,
                supplier,
            } => ReviewFlag {
                kind: ReviewReasonKind::SupplyChainChanged,
                title: format!("{code} ← {supplier}"),
                notice: None,
                control: None,
                changed: Some(link.clone()),
            },
        }
    }
}

/// A risk of the register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Risk {
    pub id: Uuid,
    /// The provider whose register it is.
    pub owner: Uuid,
    pub offering: Uuid,
    /// The information flow it was identified on.
    pub flow: Option<Uuid>,
    pub title: String,
    pub threat: String,
    pub vulnerability: String,
    pub confidentiality: bool,
    pub integrity: bool,
    pub availability: bool,
    /// Before treatment.
    pub inherent: Assessment,
    pub treatment: Option<Treatment>,
    /// After treatment (GL 5.1.5 (3)).
    pub residual: Option<Assessment>,
    /// What the institutions read before they agree.
    pub explanation: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub next_review: Option<jiff::civil::Date>,
    /// Why it is marked for review (empty: not marked).
    pub review_flags: Vec<ReviewFlag>,
    pub status: RiskStatus,
    /// Incremented on every change; send it back with a change.
    pub revision: i64,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    #[schema(value_type = String, format = DateTime)]
    pub updated_at: jiff::Timestamp,
}

impl From<RiskRow> for Risk {
    fn from(row: RiskRow) -> Self {
        let r = row.risk;
        Risk {
            id: *r.id.as_uuid(),
            owner: *r.owner.as_uuid(),
            offering: *r.offering.as_uuid(),
            flow: r.flow.map(|f| *f.as_uuid()),
            title: r.title.to_string(),
            threat: r.threat,
            vulnerability: r.vulnerability,
            confidentiality: r.cia.confidentiality,
            integrity: r.cia.integrity,
            availability: r.cia.availability,
            inherent: (&r.inherent).into(),
            treatment: r.treatment.as_ref().map(|t| Treatment {
                option: t.option.into(),
                measures: t.measures.iter().map(Into::into).collect(),
                rationale: t.rationale.clone(),
                options_considered: t.options_considered.clone(),
            }),
            residual: r.residual.as_ref().map(Into::into),
            explanation: r.explanation,
            next_review: r.next_review,
            review_flags: r.review_flags.iter().map(Into::into).collect(),
            status: row.status.into(),
            revision: r.revision,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// Why a treatment no longer stands: the field at fault and the rule it breaks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StandingReason {
    pub field: String,
    pub message: String,
}

/// Where one affected institution stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionConsent {
    pub institution: Uuid,
    pub consent: ConsentState,
}

/// An institution's agreement to the risk's content at one moment (FAQ 5.1, 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Consent {
    pub institution: Uuid,
    pub user: Uuid,
    pub user_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
    /// The digest of the content agreed to.
    pub digest: String,
    /// Whether it is the risk's current content.
    pub current: bool,
}

/// A risk with the institutions it touches, their consents and where it stands. An
/// institution's reviewer sees only its own institution's state and consents.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskDetail {
    pub risk: Risk,
    pub state: TreatmentState,
    /// For a `reopened` treatment: the rule it no longer meets, with its reference.
    pub reason: Option<StandingReason>,
    /// The information flow the risk was assessed on, as the consent screen shows it (part
    /// of the content a consent covers).
    pub flow: Option<InformationFlow>,
    /// Questions, declines and answers between the provider and the institutions, oldest
    /// first; an institution's reviewer sees its own thread only (GL 5.1.6 (1)).
    pub thread: Vec<super::risk_thread::ThreadEntry>,
    /// Whether the treatment is in effect.
    pub effective: bool,
    /// An institution agreed to an earlier content only.
    pub re_consent_needed: bool,
    /// The institutions whose contracts the risk touches.
    pub institutions: Vec<InstitutionConsent>,
    /// Every consent given, oldest first.
    pub consents: Vec<Consent>,
    /// The digest of the risk's current content: what a consent must quote.
    pub digest: String,
}

/// The consent status of a detail, restricted for an institution's reviewer to its own
/// institution (others' consents and names are theirs). Shared with the pages.
pub(crate) fn consent_view(
    caller: &Caller,
    now: jiff::Timestamp,
    detail: &AppRiskDetail,
) -> (Vec<(OrgId, ConsentState)>, Vec<d::Consent>) {
    let status = match detail.state.consents() {
        Some(consents) => consents.clone(),
        None => d::rules::consent_status(
            &detail.row.risk,
            &d::Standing {
                criteria: d::Criteria::of(&detail.matrix.matrix),
                affected: &detail.affected,
                consents: &detail.consents,
                thread: &detail.thread,
                flow: detail.flow.as_ref(),
            },
        ),
    };
    let mut states: Vec<(OrgId, ConsentState)> = status
        .agreed
        .iter()
        .map(|o| (*o, ConsentState::Agreed))
        .chain(status.stale.iter().map(|o| (*o, ConsentState::Stale)))
        .chain(status.missing.iter().map(|o| (*o, ConsentState::Missing)))
        .chain(status.declined.iter().map(|o| (*o, ConsentState::Declined)))
        .collect();
    states.sort_by_key(|(o, _)| detail.affected.iter().position(|a| a == o));
    let mut consents = detail.consents.clone();
    if let Reach::AsInstitution(own) = caller.reach(Subject::Risks, Action::Read, now) {
        states.retain(|(o, _)| *o == own);
        consents.retain(|c| c.institution == own);
    }
    (states, consents)
}

pub(crate) fn detail_dto(
    caller: &Caller,
    now: jiff::Timestamp,
    detail: AppRiskDetail,
) -> RiskDetail {
    let (states, consents) = consent_view(caller, now, &detail);
    let state = match &detail.state {
        d::TreatmentState::Open => TreatmentState::Open,
        d::TreatmentState::NoTreatmentNeeded => TreatmentState::NoTreatmentNeeded,
        d::TreatmentState::Effective { .. } => TreatmentState::Effective,
        d::TreatmentState::EffectiveByConsent { .. } => TreatmentState::EffectiveByConsent,
        d::TreatmentState::AwaitingConsent { .. } => TreatmentState::AwaitingConsent,
        d::TreatmentState::ResidualAgreementPending { .. } => {
            TreatmentState::ResidualAgreementPending
        }
        d::TreatmentState::Declined { .. } => TreatmentState::Declined,
        d::TreatmentState::Reopened { .. } => TreatmentState::Reopened,
    };
    let reason = detail.state.reason().map(|e| StandingReason {
        field: api_field(&e.field),
        message: e.message.clone(),
    });
    let thread = detail
        .thread
        .iter()
        .map(super::risk_thread::entry_dto)
        .collect();
    let flow = detail.flow.clone().map(Into::into);
    let digest = detail.digest.clone();
    RiskDetail {
        state,
        reason,
        thread,
        flow,
        effective: detail.state.is_effective(),
        re_consent_needed: detail.state.re_consent_needed(),
        institutions: states
            .into_iter()
            .map(|(o, consent)| InstitutionConsent {
                institution: *o.as_uuid(),
                consent,
            })
            .collect(),
        consents: consents
            .into_iter()
            .map(|c| Consent {
                institution: *c.institution.as_uuid(),
                user: *c.user.as_uuid(),
                user_name: c.user_name,
                at: c.at,
                current: c.digest == digest,
                digest: c.digest,
            })
            .collect(),
        digest,
        risk: detail.row.into(),
    }
}

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

/// The count of risks in one cell of the matrix.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeatCell {
    pub impact: u8,
    pub likelihood: u8,
    pub count: i64,
    /// The cell's level on the current matrix (none outside its scales).
    pub level: Option<RiskLevel>,
}

/// Counts of risks per (impact, likelihood), before and after treatment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeatMap {
    /// The matrix version whose scales and levels the cells are read on.
    pub matrix_version: i64,
    pub impact_points: u8,
    pub likelihood_points: u8,
    /// Before treatment: only the cells with risks.
    pub inherent: Vec<HeatCell>,
    /// After treatment (treated risks only).
    pub residual: Vec<HeatCell>,
}

fn heat_cells(matrix: &d::RiskMatrix, cells: &[AppHeatCell]) -> Vec<HeatCell> {
    cells
        .iter()
        .map(|c| HeatCell {
            impact: c.impact,
            likelihood: c.likelihood,
            count: c.count,
            level: matrix.level(c.impact, c.likelihood).ok().map(Into::into),
        })
        .collect()
}

/// The heat map of the register
///
/// How many risks sit in each (impact, likelihood) cell, before and after treatment, with
/// the level of the cell on the caller's current matrix.
#[utoipa::path(
    get,
    path = "/risks/heat-map",
    tag = "risks",
    operation_id = "risk_heat_map",
    security(("bearer" = [])),
    params(HeatMapParams),
    responses(
        (status = 200, description = "The counts per cell", body = HeatMap),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn heat_map(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<HeatMapParams>,
) -> Result<Json<HeatMap>, Problem> {
    let filters = FilterText {
        offering: s(&q.offering),
        status: s(&q.status),
        option: s(&q.option),
        q: s(&q.q),
        ..FilterText::default()
    };
    let query = risk_query(&filters, state.app.today_in_japan(), true)?;
    let heat = state.app.risk_heat_map(&caller, &query).await?;
    let m = state.app.risk_matrix(&caller).await?;
    Ok(Json(HeatMap {
        matrix_version: m.version,
        impact_points: u8::try_from(m.matrix.impact.len()).unwrap_or(u8::MAX),
        likelihood_points: u8::try_from(m.matrix.likelihood.len()).unwrap_or(u8::MAX),
        inherent: heat_cells(&m.matrix, &heat.inherent),
        residual: heat_cells(&m.matrix, &heat.residual),
    }))
}

/// One point of a scale.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    /// 1 = lowest.
    pub value: u8,
    pub label_ja: String,
    pub label_en: String,
    /// What the point means, to guide assessors.
    #[serde(default)]
    pub description: String,
}

/// The criterion of a level and how often its residual risk is reviewed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelCriterion {
    pub level: RiskLevel,
    pub requirement: RequirementKind,
    /// For `mandatory`: the least number of measures.
    #[serde(default)]
    pub min_measures: Option<u8>,
    pub description_ja: String,
    pub description_en: String,
    /// Days between reviews of a residual risk at this level, 1–1095.
    pub review_interval_days: u16,
}

/// A version of the provider's risk matrix (GL 5.1.2, 5.1.3).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskMatrix {
    pub id: Uuid,
    /// 1, 2, 3, … per provider. Past assessments keep the version they used.
    pub version: i64,
    /// The example anzen ships (not from the guideline; its S–D criteria follow Table 5-2).
    pub default_example: bool,
    pub impact: Vec<ScalePoint>,
    pub likelihood: Vec<ScalePoint>,
    /// `cells[i][l]`: the level for impact `i + 1` and likelihood `l + 1`.
    pub cells: Vec<Vec<RiskLevel>>,
    pub criteria: Vec<LevelCriterion>,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

fn point_dto(p: &d::ScalePoint) -> ScalePoint {
    ScalePoint {
        value: p.value,
        label_ja: p.label_ja.clone(),
        label_en: p.label_en.clone(),
        description: p.description.clone(),
    }
}

impl From<d::MatrixVersion> for RiskMatrix {
    fn from(m: d::MatrixVersion) -> Self {
        let default_example = m.matrix == d::RiskMatrix::default_example();
        RiskMatrix {
            id: *m.id.as_uuid(),
            version: m.version,
            default_example,
            impact: m.matrix.impact.iter().map(point_dto).collect(),
            likelihood: m.matrix.likelihood.iter().map(point_dto).collect(),
            cells: m
                .matrix
                .cells
                .iter()
                .map(|row| row.iter().map(|l| (*l).into()).collect())
                .collect(),
            criteria: m
                .matrix
                .criteria
                .iter()
                .map(|c| {
                    let (requirement, min_measures) = match c.requirement {
                        d::Requirement::Mandatory { min_measures } => {
                            (RequirementKind::Mandatory, Some(min_measures))
                        }
                        d::Requirement::CaseByCase => (RequirementKind::CaseByCase, None),
                        d::Requirement::NotNeeded => (RequirementKind::NotNeeded, None),
                    };
                    LevelCriterion {
                        level: c.level.into(),
                        requirement,
                        min_measures,
                        description_ja: c.description_ja.clone(),
                        description_en: c.description_en.clone(),
                        review_interval_days: c.review_interval_days,
                    }
                })
                .collect(),
            created_by: m.created_by,
            created_at: m.created_at,
        }
    }
}

/// Show the risk matrix
///
/// The caller's organisation's current matrix: its scales, cells and criteria.
#[utoipa::path(
    get,
    path = "/risks/matrix",
    tag = "risks",
    operation_id = "get_risk_matrix",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The current matrix version", body = RiskMatrix),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn matrix(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<RiskMatrix>, Problem> {
    Ok(Json(state.app.risk_matrix(&caller).await?.into()))
}

/// A new version of the provider's matrix. Scales and criteria left out are kept from the
/// current version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMatrix {
    #[serde(default)]
    #[schema(min_items = 2, max_items = 10)]
    pub impact: Option<Vec<ScalePoint>>,
    #[serde(default)]
    #[schema(min_items = 2, max_items = 10)]
    pub likelihood: Option<Vec<ScalePoint>>,
    /// `cells[i][l]`: the level for impact `i + 1` and likelihood `l + 1`; levels never fall
    /// as impact or likelihood rise.
    pub cells: Vec<Vec<RiskLevel>>,
    #[serde(default)]
    pub criteria: Option<Vec<LevelCriterion>>,
}

fn point_domain(p: ScalePoint) -> d::ScalePoint {
    d::ScalePoint {
        value: p.value,
        label_ja: p.label_ja,
        label_en: p.label_en,
        description: p.description,
    }
}

fn criterion_domain(i: usize, c: LevelCriterion) -> Result<d::LevelCriterion, FieldError> {
    let requirement = match c.requirement {
        RequirementKind::Mandatory => d::Requirement::Mandatory {
            min_measures: c.min_measures.ok_or_else(|| {
                FieldError::new(
                    format!("criteria.{i}.min_measures"),
                    "is required for a mandatory treatment",
                )
            })?,
        },
        RequirementKind::CaseByCase => d::Requirement::CaseByCase,
        RequirementKind::NotNeeded => d::Requirement::NotNeeded,
    };
    Ok(d::LevelCriterion {
        level: c.level.into(),
        requirement,
        description_ja: c.description_ja,
        description_en: c.description_en,
        review_interval_days: c.review_interval_days,
    })
}

/// Set a new matrix version
///
/// Adds a version of the provider's matrix (provider administrators only). Past
/// assessments keep the version they used; every risk assessed on an older version is
/// marked for review.
#[utoipa::path(
    post,
    path = "/risks/matrix",
    tag = "risks",
    operation_id = "set_risk_matrix",
    security(("bearer" = [])),
    request_body = NewMatrix,
    responses(
        (status = 201, description = "The new version", body = RiskMatrix,
            headers(("location" = String, description = "The current matrix's URL"))),
        (status = 403, description = "Only a provider administrator sets the matrix (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn set_matrix(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewMatrix>,
) -> Result<Response, Problem> {
    let current = state.app.risk_matrix(&caller).await?.matrix;
    let criteria = match body.criteria {
        Some(cs) => cs
            .into_iter()
            .enumerate()
            .map(|(i, c)| criterion_domain(i, c))
            .collect::<Result<Vec<_>, _>>()?,
        None => current.criteria,
    };
    let matrix = d::RiskMatrix {
        impact: body
            .impact
            .map(|ps| ps.into_iter().map(point_domain).collect())
            .unwrap_or(current.impact),
        likelihood: body
            .likelihood
            .map(|ps| ps.into_iter().map(point_domain).collect())
            .unwrap_or(current.likelihood),
        cells: body
            .cells
            .into_iter()
            .map(|row| row.into_iter().map(Into::into).collect())
            .collect(),
        criteria,
    };
    let version = state
        .app
        .set_risk_matrix(&caller, matrix)
        .await
        .map_err(api_error)?;
    Ok(created("/api/v1/risks/matrix", RiskMatrix::from(version)))
}

/// A component of an offering's configuration (GL 5.1.1).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Component {
    pub id: Uuid,
    pub offering: Uuid,
    pub name: String,
    pub kind: ComponentKind,
    pub environment: Environment,
    pub location: Option<String>,
    /// 1 when added, one more at each edit; send it back with an edit.
    pub revision: i64,
}

impl From<d::Component> for Component {
    fn from(c: d::Component) -> Self {
        Component {
            id: *c.id.as_uuid(),
            offering: *c.offering.as_uuid(),
            name: c.name.to_string(),
            kind: c.kind.into(),
            environment: c.environment.into(),
            location: c.location,
            revision: c.revision,
        }
    }
}

list_of!(
    /// The components of an offering, by environment and name.
    ComponentList of Component
);

/// A new component.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewComponent {
    /// 1–200 characters on one line.
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
}

/// List the components of an offering
///
/// The offering's configuration (全体構成図): its components in the production,
/// development and test environments.
#[utoipa::path(
    get,
    path = "/offerings/{id}/components",
    tag = "risks",
    operation_id = "list_components",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), PageParams),
    responses(
        (status = 200, description = "The components", body = ComponentList),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_components(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<PageParams>,
) -> Result<Json<ComponentList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let rows = state
        .app
        .list_components(&caller, OfferingId::from_uuid(id))
        .await?;
    Ok(Json(ComponentList::from_all(rows, page)))
}

/// Add a component to an offering
#[utoipa::path(
    post,
    path = "/offerings/{id}/components",
    tag = "risks",
    operation_id = "create_component",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = NewComponent,
    responses(
        (status = 201, description = "Recorded", body = Component,
            headers(("location" = String, description = "The offering's components"))),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_component(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewComponent>,
) -> Result<Response, Problem> {
    let input = ComponentInput {
        name: body.name,
        kind: d::ComponentKind::from(body.kind).code().to_owned(),
        environment: d::Environment::from(body.environment).code().to_owned(),
        location: body.location.unwrap_or_default(),
    };
    let c = state
        .app
        .add_component(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(api_error)?;
    Ok(created(
        &format!("/api/v1/offerings/{id}/components"),
        Component::from(c),
    ))
}

/// An information flow (情報流, GL 5.1.1, 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InformationFlow {
    pub id: Uuid,
    pub offering: Uuid,
    /// 誰が: who.
    pub who: String,
    /// どこの・どこを: where.
    pub place: String,
    /// どの機器・媒体で: on which device or medium.
    pub device_or_medium: String,
    /// 何を・何が: what.
    pub what: String,
    /// どう処理されるか: how it is processed.
    pub how: String,
    pub class: FlowClass,
    pub environment: Environment,
    /// The components it passes through.
    pub components: Vec<Uuid>,
    /// 1 when added, one more at each edit; send it back with an edit.
    pub revision: i64,
}

impl From<d::InformationFlow> for InformationFlow {
    fn from(f: d::InformationFlow) -> Self {
        InformationFlow {
            id: *f.id.as_uuid(),
            offering: *f.offering.as_uuid(),
            who: f.who,
            place: f.place,
            device_or_medium: f.device_or_medium,
            what: f.what,
            how: f.how,
            class: f.class.into(),
            environment: f.environment.into(),
            components: f.components.iter().map(|c| *c.as_uuid()).collect(),
            revision: f.revision,
        }
    }
}

list_of!(
    /// The information flows of an offering.
    FlowList of InformationFlow
);

/// A new information flow: who, where, on which device or medium, what, how.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFlow {
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
}

/// List the information flows of an offering
#[utoipa::path(
    get,
    path = "/offerings/{id}/flows",
    tag = "risks",
    operation_id = "list_flows",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), PageParams),
    responses(
        (status = 200, description = "The information flows", body = FlowList),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_flows(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<PageParams>,
) -> Result<Json<FlowList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let rows = state
        .app
        .list_flows(&caller, OfferingId::from_uuid(id))
        .await?;
    Ok(Json(FlowList::from_all(rows, page)))
}

/// Add an information flow to an offering
#[utoipa::path(
    post,
    path = "/offerings/{id}/flows",
    tag = "risks",
    operation_id = "create_flow",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = NewFlow,
    responses(
        (status = 201, description = "Recorded", body = InformationFlow,
            headers(("location" = String, description = "The offering's flows"))),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create_flow(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewFlow>,
) -> Result<Response, Problem> {
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
    let f = state
        .app
        .add_flow(&caller, OfferingId::from_uuid(id), input)
        .await
        .map_err(api_error)?;
    Ok(created(
        &format!("/api/v1/offerings/{id}/flows"),
        InformationFlow::from(f),
    ))
}

/// A technology-change notice (FAQ 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TechNotice {
    pub id: Uuid,
    pub title: String,
    pub description: String,
    /// The control whose technology changed (an Appendix 2 item key or the provider's own).
    pub control: Option<String>,
    /// How many risks it marked for review.
    pub risks_marked: i64,
    /// The risks it marked: those whose measures implement the control.
    pub risks: Vec<Uuid>,
    pub raised_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub raised_at: jiff::Timestamp,
}

/// A new technology-change notice and the risks it affects.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTechNotice {
    /// 1–200 characters on one line, e.g. 「多要素認証が標準になった」.
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub title: String,
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub description: String,
    /// The control whose technology changed: an Appendix 2 item key (as written or in
    /// ASCII, e.g. `1.1/①-1` or `1.1-1-1`) or the key of one of the provider's own controls.
    /// The notice marks exactly the risks whose measures implement it (see
    /// `POST /tech-notices/preview`).
    #[schema(min_length = 1, max_length = 200)]
    pub control: String,
}

/// Raise a technology-change notice
///
/// Records that technology moved on (FAQ 5.2: four-digit passwords → longer passwords →
/// multi-factor authentication) for a control, and marks for review, in the same
/// transaction, exactly the risks whose measures implement that control. An unknown control
/// is a 422 naming `control`.
#[utoipa::path(
    post,
    path = "/tech-notices",
    tag = "risks",
    operation_id = "raise_tech_notice",
    security(("bearer" = [])),
    request_body = NewTechNotice,
    responses(
        (status = 201, description = "Raised; the risks are marked for review", body = TechNotice),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 422, description = "A field is not valid, e.g. an unknown `control` (`invalid_input`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn raise_notice(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewTechNotice>,
) -> Result<Response, Problem> {
    let (n, marked) = state
        .app
        .raise_tech_notice(&caller, &body.title, &body.description, &body.control)
        .await
        .map_err(api_error)?;
    let dto = TechNotice {
        id: *n.id.as_uuid(),
        title: n.title.to_string(),
        description: n.description,
        control: n.control,
        risks_marked: n.risks_marked,
        risks: marked.iter().map(|r| *r.as_uuid()).collect(),
        raised_by: n.raised_by,
        raised_at: n.raised_at,
    };
    Ok((StatusCode::CREATED, Json(dto)).into_response())
}

/// A duty a treatment places on the caller's institution (FAQ 5.2).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionDuty {
    pub risk: Uuid,
    pub offering: Uuid,
    pub risk_title: String,
    pub description: String,
}

impl From<anzen_app::ports::InstitutionDuty> for InstitutionDuty {
    fn from(d: anzen_app::ports::InstitutionDuty) -> Self {
        InstitutionDuty {
            risk: *d.risk.as_uuid(),
            offering: *d.offering.as_uuid(),
            risk_title: d.risk_title,
            description: d.description,
        }
    }
}

list_of!(
    /// The duties of the caller's institution, by risk.
    DutyList of InstitutionDuty
);

/// List our institution's duties
///
/// The measures that risk treatments place on the caller's medical institution (FAQ 5.2:
/// e.g. not posting passwords on terminals in consultation rooms). Institution reviewers
/// only.
#[utoipa::path(
    get,
    path = "/institution/duties",
    tag = "risks",
    operation_id = "list_institution_duties",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "The duties", body = DutyList),
        (status = 403, description = "Duties are listed for medical institutions (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn duties(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<PageParams>,
) -> Result<Json<DutyList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let rows = state.app.my_institution_duties(&caller).await?;
    Ok(Json(DutyList::from_all(rows, page)))
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
