//! The supply chain of an offering with its provision form for an institution (GL 2.2,
//! FAQ 2, 2.1: `GET /offerings/{id}/chain`), and the lifecycle agreements of a contract
//! (GL 3.2, FAQ 3, 3.1: `/contracts/{id}/agreements`, `/agreements/{id}`): versioned, each
//! version agreed by named users of both parties quoting its digest, a change reopening it.

use anzen_app::AppError;
use anzen_app::chain::{ChainPicture as AppPicture, version_of};
use anzen_app::ports::StoredAgreement;
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::chain::{self as d, coverage_gaps, duty_template, internal_agreement_gaps};
use anzen_domain::ids::{ContractId, OfferingId, OrgId};
use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::enums::{ComponentCode, mirror_enum};
use super::extract::{Body, PathId, Query, id_param, page};
use super::list::{PageParams, list_of};
use super::orgs::created;
use super::problem::Problem;
use super::supply::SupplyLink;
use crate::AppState;
use crate::extract::ApiCaller;

mirror_enum! {
    /// The provision form of the chain as seen for one institution (GL 2.2.1–2.2.3).
    ProvisionForm => d::ProvisionForm {
        SingleProvider = "single_provider",
        SeveralProviders = "several_providers",
        InstitutionContractsSeveral = "institution_contracts_several",
    }
}

mirror_enum! {
    /// The case of one component (FAQ 2.1; GL 2.2.2, 2.2.3); some are anzen's reading of
    /// cases the FAQ does not name, marked inferred in their rule.
    ComponentCase => d::ComponentCase {
        SelectedAndContracted = "selected_and_contracted",
        DeeperInProviderChain = "deeper_in_provider_chain",
        ProcuredInstitutionSigned = "procured_institution_signed",
        ProcuredOtherSigned = "procured_other_signed",
        ContractedNotSelected = "contracted_not_selected",
        InstitutionArranged = "institution_arranged",
        ArrangedByThirdParty = "arranged_by_third_party",
        DeeperInInstitutionChain = "deeper_in_institution_chain",
    }
}

mirror_enum! {
    /// The role of a party in a chain.
    ChainRole => d::ChainRole {
        Provider = "provider",
        Supplier = "supplier",
        Institution = "institution",
        NetworkOperator = "network_operator",
        Subcontractor = "subcontractor",
    }
}

mirror_enum! {
    /// What a duty asks of its bearer (FAQ 2, 2.1, 2.2, 3).
    DutyKind => d::DutyKind {
        ManageRisks = "manage_risks",
        ConfirmRiskManagement = "confirm_risk_management",
        IncludeInScope = "include_in_scope",
        ConfirmSupplierCompliance = "confirm_supplier_compliance",
        AttendToSelection = "attend_to_selection",
        ExplainRisks = "explain_risks",
        StateResponsibilityBoundary = "state_responsibility_boundary",
        ReachAgreement = "reach_agreement",
        AgreeLifecycleDuties = "agree_lifecycle_duties",
        NotifyChanges = "notify_changes",
        AgreeRoleDivision = "agree_role_division",
        SuperviseSubcontractor = "supervise_subcontractor",
    }
}

mirror_enum! {
    /// How binding a rule is: `must` (a rule), `should` (a recommendation), `note`.
    RuleLevel => d::Level {
        Must = "must",
        Should = "should",
        Note = "note",
    }
}

mirror_enum! {
    /// How far the sources back an entry (confirmed, partly seen, inferred, unknown).
    Confidence => d::Confidence {
        Confirmed = "confirmed",
        PartlySeen = "partly_seen",
        Inferred = "inferred",
        Unknown = "unknown",
    }
}

mirror_enum! {
    /// Between whom an agreement is made: the provider and the institution (GL 3.2), or the
    /// provider and its own subcontractor (internal, FAQ 3.1 R3).
    AgreementKind => d::AgreementKind {
        ProviderInstitution = "provider_institution",
        Internal = "internal",
    }
}

mirror_enum! {
    /// A phase of the lifecycle (GL 3.2, Fig. 3-4) or agreement maintenance.
    LifecyclePhase => d::LifecyclePhase {
        PreContract = "pre_contract",
        Development = "development",
        Operation = "operation",
        ContractEnd = "contract_end",
        CrisisResponse = "crisis_response",
        AgreementMaintenance = "agreement_maintenance",
    }
}

mirror_enum! {
    /// Where an agreement version stands: `open`, `partly_agreed` (one party), `agreed`.
    AgreementStatus => d::AgreementStatus {
        Open = "open",
        PartlyAgreed = "partly_agreed",
        Agreed = "agreed",
    }
}

mirror_enum! {
    /// The kind of party responsible for a duty.
    PartyKind => d::PartyKind {
        Institution = "institution",
        Provider = "provider",
        Subcontractor = "subcontractor",
    }
}

/// A rule of the guideline or the FAQ as anzen cites it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainRule {
    /// The rule id of the domain notes (e.g. `FAQ2.1-R3`) or the guideline section.
    pub rule: String,
    /// The sections cited, e.g. `FAQ 2.1; GL 2.2.3`.
    pub reference: String,
    pub level: RuleLevel,
    pub confidence: Confidence,
    pub text_ja: String,
    pub text_en: String,
}

impl From<&d::RuleText> for ChainRule {
    fn from(r: &d::RuleText) -> Self {
        ChainRule {
            rule: r.rule.to_owned(),
            reference: r.reference.to_owned(),
            level: r.level.into(),
            confidence: r.confidence.into(),
            text_ja: r.ja.to_owned(),
            text_en: r.en.to_owned(),
        }
    }
}

/// Why a case was chosen, or a point to review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainFinding {
    pub rule: ChainRule,
    /// The organisation the remark is about.
    pub about: Option<Uuid>,
}

impl From<&d::Finding> for ChainFinding {
    fn from(f: &d::Finding) -> Self {
        ChainFinding {
            rule: (&f.rule).into(),
            about: f.about.map(|o| *o.as_uuid()),
        }
    }
}

/// An organisation in a role.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainParty {
    pub org: Uuid,
    pub role: ChainRole,
}

impl From<&d::Party> for ChainParty {
    fn from(p: &d::Party) -> Self {
        ChainParty {
            org: *p.org.as_uuid(),
            role: p.role.into(),
        }
    }
}

/// A duty a rule puts on a party, with the rule.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainDuty {
    pub kind: DutyKind,
    pub bearer: ChainParty,
    pub towards: Option<ChainParty>,
    pub rule: ChainRule,
}

/// The assessment of one component.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComponentAssessment {
    /// The supply link of the component.
    pub link: Option<Uuid>,
    pub code: ComponentCode,
    pub supplier: ChainParty,
    /// The party whose offering uses the component.
    pub user: ChainParty,
    /// 1 for a component of the offering itself, 2 for one of its suppliers' offerings, …
    pub depth: u32,
    pub case: ComponentCase,
    /// Whose risk management covers the component: provider A, or the institution, which
    /// confirms the supplier's own (GL 2.2.3).
    pub managed_by: ChainParty,
    /// FAQ 2.1 R3: A cannot see into the component.
    pub unknown_infrastructure: bool,
    pub reasons: Vec<ChainFinding>,
    pub duties: Vec<ChainDuty>,
}

/// The provision form of the chain for one institution, and each component's assessment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainAssessment {
    pub offering: Uuid,
    pub provider: ChainParty,
    pub institution: ChainParty,
    pub form: ProvisionForm,
    pub reasons: Vec<ChainFinding>,
    pub components: Vec<ComponentAssessment>,
}

impl From<&d::ChainAssessment> for ChainAssessment {
    fn from(a: &d::ChainAssessment) -> Self {
        ChainAssessment {
            offering: *a.offering.as_uuid(),
            provider: (&a.provider).into(),
            institution: (&a.institution).into(),
            form: a.form.into(),
            reasons: a.reasons.iter().map(Into::into).collect(),
            components: a
                .components
                .iter()
                .map(|c| ComponentAssessment {
                    link: c.link.map(|l| *l.as_uuid()),
                    code: c.code.into(),
                    supplier: (&c.supplier).into(),
                    user: (&c.user).into(),
                    depth: c.depth,
                    case: c.case.into(),
                    managed_by: (&c.managed_by).into(),
                    unknown_infrastructure: c.unknown_infrastructure,
                    reasons: c.reasons.iter().map(Into::into).collect(),
                    duties: c
                        .duties
                        .iter()
                        .map(|x| ChainDuty {
                            kind: x.kind.into(),
                            bearer: (&x.bearer).into(),
                            towards: x.towards.as_ref().map(Into::into),
                            rule: (&x.rule).into(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// An id with its name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NamedId {
    pub id: Uuid,
    pub name: String,
}

/// The chain of an offering: every supply link beneath it (its own components, its
/// suppliers' offerings' components, and so on), the names of the parties and offerings in
/// it, and, for an institution, the provision form and each component's assessment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChainPicture {
    pub offering: Uuid,
    pub provider: Uuid,
    pub links: Vec<SupplyLink>,
    /// The institution assessed, when `institution` was given.
    pub institution: Option<Uuid>,
    pub assessment: Option<ChainAssessment>,
    /// When the offering's provider operates a regional medical information network
    /// (its scope profile's `network_operator`): whether FAQ 2.2 makes it a target provider,
    /// why, and the duties that follow (toward its subcontractors, and its participants'
    /// toward it), each with its FAQ reference.
    pub network: Option<NetworkDuties>,
    pub organisations: Vec<NamedId>,
    pub offerings: Vec<NamedId>,
}

impl From<AppPicture> for ChainPicture {
    fn from(p: AppPicture) -> Self {
        ChainPicture {
            offering: *p.offering.as_uuid(),
            provider: *p.provider.as_uuid(),
            assessment: p.assessment.as_ref().map(Into::into),
            network: p.network.as_ref().map(Into::into),
            institution: p.institution.map(|i| *i.as_uuid()),
            links: p.links.into_iter().map(Into::into).collect(),
            organisations: p
                .org_names
                .into_iter()
                .map(|(id, name)| NamedId {
                    id: *id.as_uuid(),
                    name,
                })
                .collect(),
            offerings: p
                .offering_names
                .into_iter()
                .map(|(id, name)| NamedId {
                    id: *id.as_uuid(),
                    name,
                })
                .collect(),
        }
    }
}

/// FAQ 2.2 for a regional network operator: whether it is a target provider, the reasons,
/// and the duties (the operator supervises each provider it shares the management of
/// medical information with; each participating institution agrees the role division with
/// it by contract).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NetworkDuties {
    pub target_provider: bool,
    pub reasons: Vec<ChainFinding>,
    pub duties: Vec<ChainDuty>,
}

impl From<&d::NetworkAssessment> for NetworkDuties {
    fn from(n: &d::NetworkAssessment) -> Self {
        NetworkDuties {
            target_provider: n.target_provider,
            reasons: n.reasons.iter().map(Into::into).collect(),
            duties: n
                .duties
                .iter()
                .map(|x| ChainDuty {
                    kind: x.kind.into(),
                    bearer: (&x.bearer).into(),
                    towards: x.towards.as_ref().map(Into::into),
                    rule: (&x.rule).into(),
                })
                .collect(),
        }
    }
}

/// The parameters of the chain.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChainParams {
    /// Assess the chain for this institution (one that contracts the offering).
    #[param(value_type = Option<Uuid>)]
    pub institution: Option<String>,
}

/// The chain of an offering
///
/// Every supply link beneath the offering with who selected each supplier and who holds the
/// contract; with `institution`, the provision form (GL 2.2.1–2.2.3, FAQ 2.1 R4), who
/// manages each component's risks and the duties that follow, each citing its FAQ or
/// guideline section. A partner sees only the links naming it.
#[utoipa::path(
    get,
    path = "/offerings/{id}/chain",
    tag = "supply-links",
    operation_id = "get_offering_chain",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), ChainParams),
    responses(
        (status = 200, description = "The chain", body = ChainPicture),
        (status = 403, description = "The role cannot read supply links (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn chain(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<ChainParams>,
) -> Result<Json<ChainPicture>, Problem> {
    let institution = id_param("institution", &q.institution, OrgId::parse_field)?;
    let picture = state
        .app
        .chain_picture(&caller, OfferingId::from_uuid(id), institution)
        .await?;
    Ok(Json(picture.into()))
}

// ── Agreements ──────────────────────────────────────────────────────────────────────────

/// The party responsible for a duty: the institution, the provider, or a subcontractor
/// named by `org`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Responsible {
    pub party: PartyKind,
    /// The subcontractor (only for `subcontractor`).
    #[serde(default)]
    pub org: Option<Uuid>,
}

/// One cell of the matrix: a duty of a phase and its responsible party, with the duty
/// catalogue's reference and confidence for catalogue duties.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementEntry {
    pub phase: LifecyclePhase,
    /// A key of the duty catalogue (e.g. `crisis.report`) or an agreement-specific key.
    pub duty: String,
    /// The agreement's own wording (required for a duty outside the catalogue).
    pub title: Option<String>,
    pub responsible: Responsible,
    /// The catalogue's title, reference and confidence (none for agreement-specific duties).
    pub catalogue_title_ja: Option<String>,
    pub catalogue_title_en: Option<String>,
    pub reference: Option<String>,
    pub confidence: Option<Confidence>,
}

/// A named user's agreement to one version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementConsent {
    pub user: Uuid,
    pub user_name: String,
    /// The party the user agreed for.
    pub party: Uuid,
    /// The digest of the content agreed to.
    pub digest: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
}

/// The latest version of an agreement.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Agreement {
    pub id: Uuid,
    pub kind: AgreementKind,
    pub provider: Uuid,
    /// The institution, or the subcontractor of an internal agreement.
    pub counterparty: Uuid,
    pub contract: Option<Uuid>,
    pub version: u32,
    /// SHA-256 of the version's canonical content; an agreement quotes it.
    pub digest: String,
    pub status: AgreementStatus,
    /// A change in the chain asks the parties to agree again (FAQ 2.1 R5, GL 3.2.1).
    pub reagreement_needed: bool,
    pub reagreement_reason: Option<String>,
    /// Subcontractors named as responsible for duties.
    pub subcontractors: Vec<Uuid>,
    pub entries: Vec<AgreementEntry>,
    /// The agreements given to this version.
    pub consents: Vec<AgreementConsent>,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

fn responsible_dto(r: &d::Responsible) -> Responsible {
    match r {
        d::Responsible::Institution => Responsible {
            party: PartyKind::Institution,
            org: None,
        },
        d::Responsible::Provider => Responsible {
            party: PartyKind::Provider,
            org: None,
        },
        d::Responsible::Subcontractor { org } => Responsible {
            party: PartyKind::Subcontractor,
            org: Some(*org.as_uuid()),
        },
    }
}

fn consents(a: &StoredAgreement) -> Vec<AgreementConsent> {
    a.consents
        .iter()
        .map(|c| AgreementConsent {
            user: *c.user.as_uuid(),
            user_name: c.user_name.clone(),
            party: *c.party.as_uuid(),
            digest: c.digest.clone(),
            at: c.at,
        })
        .collect()
}

fn uuid_of(id: &str) -> Result<Uuid, AppError> {
    Uuid::try_parse(id).map_err(|_| AppError::Internal(format!("agreement id {id} is not a UUID")))
}

impl TryFrom<&StoredAgreement> for Agreement {
    type Error = AppError;

    fn try_from(a: &StoredAgreement) -> Result<Self, AppError> {
        let status = version_of(a)?.status();
        Ok(Agreement {
            id: uuid_of(&a.id)?,
            kind: a.kind.into(),
            provider: *a.org.as_uuid(),
            counterparty: *a.counterparty.as_uuid(),
            contract: a.contract.map(|c| *c.as_uuid()),
            version: a.version,
            digest: a.digest.clone(),
            status: status.into(),
            reagreement_needed: a.reagreement_reason.is_some(),
            reagreement_reason: a.reagreement_reason.clone(),
            subcontractors: a.subcontractors.iter().map(|s| *s.as_uuid()).collect(),
            entries: a
                .entries
                .iter()
                .map(|e| {
                    let t = duty_template(&e.duty);
                    AgreementEntry {
                        phase: e.phase.into(),
                        duty: e.duty.clone(),
                        title: e.title.clone(),
                        responsible: responsible_dto(&e.responsible),
                        catalogue_title_ja: t.map(|t| t.title_ja.to_owned()),
                        catalogue_title_en: t.map(|t| t.title_en.to_owned()),
                        reference: t.map(|t| t.reference.to_owned()),
                        confidence: t.map(|t| t.confidence.into()),
                    }
                })
                .collect(),
            consents: consents(a),
            created_by: a.created_by.clone(),
            created_at: a.created_at,
        })
    }
}

/// One version of an agreement and who agreed to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementVersion {
    pub version: u32,
    pub digest: String,
    pub status: AgreementStatus,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    pub consents: Vec<AgreementConsent>,
}

/// A point to review: a phase without duties (GL 3.2; FAQ 3.1 for development), or a
/// subcontractor's duty that no agreed internal agreement covers (FAQ 3.1 R3).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementGap {
    pub phase: LifecyclePhase,
    pub duty: Option<String>,
    pub subcontractor: Option<Uuid>,
    pub rule: ChainRule,
}

/// An agreement with its versions, oldest first, and the points to review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgreementDetail {
    pub agreement: Agreement,
    pub versions: Vec<AgreementVersion>,
    pub gaps: Vec<AgreementGap>,
}

list_of!(
    /// The agreements of a contract (the latest version of each).
    AgreementList of Agreement
);

/// What opens an agreement of a contract from the duty catalogue.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgreement {
    pub kind: AgreementKind,
    /// The subcontractor of an internal agreement (FAQ 3.1 R3).
    #[serde(default)]
    pub subcontractor: Option<Uuid>,
}

/// One cell of a new version's matrix.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementEntryBody {
    pub phase: LifecyclePhase,
    /// A catalogue key or an agreement-specific key (`[a-z0-9._-]`, 1–100).
    #[schema(min_length = 1, max_length = 100, pattern = r"^\s*[a-z0-9._-]+\s*$")]
    pub duty: String,
    /// Required for a duty outside the catalogue.
    #[serde(default)]
    pub title: Option<String>,
    pub responsible: Responsible,
}

/// The content of a new version (it reopens agreement: GL 3.2.1).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementRevision {
    pub entries: Vec<AgreementEntryBody>,
    /// Subcontractors named as responsible for duties (provider–institution agreements).
    #[serde(default)]
    pub subcontractors: Vec<Uuid>,
}

/// A named user's agreement to the version read, quoted by its digest.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgreementConsentBody {
    pub digest: String,
}

/// Refuses (422 naming `field`) an organisation the caller does not see, which an agreement
/// would otherwise name; an organisation of another provider is answered like one that does
/// not exist. A caller who cannot change agreements at all is left to the use-case (403).
async fn known_org(
    state: &AppState,
    caller: &anzen_app::Caller,
    field: &str,
    org: Uuid,
) -> Result<(), Problem> {
    if caller.reach(Subject::Agreements, Action::Write, state.app.now()) == Reach::Nothing {
        return Ok(());
    }
    match state.app.organisation(caller, OrgId::from_uuid(org)).await {
        Ok(_) => Ok(()),
        Err(AppError::NotFound { .. } | AppError::Forbidden(_)) => {
            Err(FieldError::new(field, format!("no organisation with id {org}")).into())
        }
        Err(e) => Err(e.into()),
    }
}

/// A domain field (`entries[3].responsible`) as the API names it (`entries.3.responsible`).
fn api_field(field: &str) -> String {
    field.replace('[', ".").replace(']', "")
}

pub(super) fn api_error(e: AppError) -> Problem {
    match e {
        AppError::Invalid(mut fe) => {
            fe.field = api_field(&fe.field);
            Problem::invalid(fe)
        }
        other => other.into(),
    }
}

async fn detail(
    state: &AppState,
    caller: &anzen_app::Caller,
    id: &str,
) -> Result<AgreementDetail, AppError> {
    let history = state.app.agreement_history(caller, id).await?;
    let latest = history
        .last()
        .ok_or(AppError::NotFound { what: "agreement" })?;
    let current = version_of(latest)?;
    let mut gaps: Vec<AgreementGap> = coverage_gaps(current.content())
        .iter()
        .map(|(p, f)| AgreementGap {
            phase: (*p).into(),
            duty: None,
            subcontractor: None,
            rule: (&f.rule).into(),
        })
        .collect();
    if latest.kind == d::AgreementKind::ProviderInstitution {
        let internals: Vec<d::AgreementVersion> = state
            .app
            .list_agreements(caller, None)
            .await?
            .iter()
            .filter(|a| a.kind == d::AgreementKind::Internal && a.org == latest.org)
            .filter_map(|a| version_of(a).ok())
            .collect();
        gaps.extend(
            internal_agreement_gaps(current.content(), &internals)
                .iter()
                .map(|g| AgreementGap {
                    phase: g.phase.into(),
                    duty: Some(g.duty.clone()),
                    subcontractor: Some(*g.subcontractor.as_uuid()),
                    rule: (&g.rule).into(),
                }),
        );
    }
    let versions = history
        .iter()
        .map(|v| {
            Ok(AgreementVersion {
                version: v.version,
                digest: v.digest.clone(),
                status: version_of(v)?.status().into(),
                created_by: v.created_by.clone(),
                created_at: v.created_at,
                consents: consents(v),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(AgreementDetail {
        agreement: latest.try_into()?,
        versions,
        gaps,
    })
}

/// List a contract's agreements
///
/// The latest version of each agreement of the contract: the provider with the institution
/// (GL 3.2) and the provider's internal ones with its subcontractors (FAQ 3.1 R3).
#[utoipa::path(
    get,
    path = "/contracts/{id}/agreements",
    tag = "agreements",
    operation_id = "list_contract_agreements",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id"), PageParams),
    responses(
        (status = 200, description = "The agreements", body = AgreementList),
        (status = 403, description = "The role cannot read contracts or agreements (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list_agreements(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<PageParams>,
) -> Result<Json<AgreementList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let contract = ContractId::from_uuid(id);
    // The contract must be one the caller sees (404 otherwise, like any other id).
    let contracts = state
        .app
        .list_contracts(
            &caller,
            &anzen_app::ports::ContractQuery::default(),
            anzen_app::ports::Page::all(),
        )
        .await?;
    if !contracts.rows.iter().any(|c| c.id == contract) {
        return Err(AppError::NotFound { what: "contract" }.into());
    }
    let rows = state
        .app
        .list_agreements(&caller, Some(contract))
        .await?
        .iter()
        .map(Agreement::try_from)
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Json(AgreementList::from_all(rows, page)))
}

/// Open an agreement
///
/// Opens version 1 of an agreement of the contract from the duty catalogue (GL 3.2, Fig.
/// 3-4): with the institution, or `internal` with a subcontractor (FAQ 3.1 R3). Only the
/// contract's provider opens agreements.
#[utoipa::path(
    post,
    path = "/contracts/{id}/agreements",
    tag = "agreements",
    operation_id = "open_agreement",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The contract's id")),
    request_body = NewAgreement,
    responses(
        (status = 201, description = "Opened", body = Agreement,
            headers(("location" = String, description = "The agreement's URL"))),
        (status = 403, description = "Only the contract's provider opens agreements (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn open_agreement(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<NewAgreement>,
) -> Result<Response, Problem> {
    if let Some(org) = body.subcontractor {
        known_org(&state, &caller, "subcontractor", org).await?;
    }
    let a = state
        .app
        .open_agreement(
            &caller,
            ContractId::from_uuid(id),
            body.kind.into(),
            body.subcontractor.map(OrgId::from_uuid),
        )
        .await
        .map_err(api_error)?;
    let dto = Agreement::try_from(&a)?;
    Ok(created(&format!("/api/v1/agreements/{}", a.id), dto))
}

/// Show an agreement
///
/// The latest version's matrix (phases × duties × responsible party, with the catalogue's
/// references and confidence), its status and consents, "re-agreement needed" with its
/// reason, every version with who agreed to it and when, and the points to review.
#[utoipa::path(
    get,
    path = "/agreements/{id}",
    tag = "agreements",
    operation_id = "get_agreement",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The agreement's id")),
    responses(
        (status = 200, description = "The agreement", body = AgreementDetail),
        (status = 403, description = "The role cannot read agreements (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get_agreement(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<AgreementDetail>, Problem> {
    Ok(Json(detail(&state, &caller, &id.to_string()).await?))
}

/// Change an agreement's responsibilities
///
/// Makes a new version with the content given (the two parties and the kind stay). It has
/// no consent: both parties agree again (GL 3.2.1). Unchanged content is refused (422
/// naming `entries`).
#[utoipa::path(
    put,
    path = "/agreements/{id}",
    tag = "agreements",
    operation_id = "revise_agreement",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The agreement's id")),
    request_body = AgreementRevision,
    responses(
        (status = 200, description = "The new version", body = AgreementDetail),
        (status = 403, description = "Only the provider changes agreements (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn revise_agreement(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<AgreementRevision>,
) -> Result<Json<AgreementDetail>, Problem> {
    let mut entries = Vec::with_capacity(body.entries.len());
    for (i, e) in body.entries.into_iter().enumerate() {
        let responsible = match (e.responsible.party, e.responsible.org) {
            (PartyKind::Institution, None) => d::Responsible::Institution,
            (PartyKind::Provider, None) => d::Responsible::Provider,
            (PartyKind::Subcontractor, Some(org)) => d::Responsible::Subcontractor {
                org: OrgId::from_uuid(org),
            },
            (PartyKind::Subcontractor, None) => {
                return Err(FieldError::new(
                    format!("entries.{i}.responsible.org"),
                    "is required for a subcontractor",
                )
                .into());
            }
            (_, Some(_)) => {
                return Err(FieldError::new(
                    format!("entries.{i}.responsible.org"),
                    "applies only to a subcontractor",
                )
                .into());
            }
        };
        entries.push(d::MatrixEntry {
            phase: e.phase.into(),
            duty: e.duty,
            title: e.title,
            responsible,
        });
    }
    let mut subcontractors = Vec::with_capacity(body.subcontractors.len());
    for (i, org) in body.subcontractors.into_iter().enumerate() {
        known_org(&state, &caller, &format!("subcontractors.{i}"), org).await?;
        subcontractors.push(OrgId::from_uuid(org));
    }
    let id = id.to_string();
    state
        .app
        .revise_agreement(&caller, &id, entries, subcontractors)
        .await
        .map_err(api_error)?;
    Ok(Json(detail(&state, &caller, &id).await?))
}

/// Agree to an agreement's latest version
///
/// A named user of either party (not an auditor) agrees to the version read, quoting its
/// `digest`; a digest of other content is refused (422 naming `digest`), as is a second
/// agreement by the same user.
#[utoipa::path(
    post,
    path = "/agreements/{id}/agree",
    tag = "agreements",
    operation_id = "agree_to_agreement",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The agreement's id")),
    request_body = AgreementConsentBody,
    responses(
        (status = 200, description = "The agreement with the consent recorded", body = AgreementDetail),
        (status = 403, description = "Auditors and operators do not agree (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn agree(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<AgreementConsentBody>,
) -> Result<Json<AgreementDetail>, Problem> {
    let id = id.to_string();
    state
        .app
        .agree(&caller, &id, &body.digest)
        .await
        .map_err(api_error)?;
    Ok(Json(detail(&state, &caller, &id).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! same_codes {
        ($($dto:ident => $domain:ty),+ $(,)?) => {
            $(
                assert_eq!($dto::ALL.len(), <$domain>::ALL.len(), stringify!($dto));
                for &v in $dto::ALL {
                    let dv: $domain = v.into();
                    assert_eq!(serde_json::to_value(v).unwrap(), dv.code());
                    assert_eq!($dto::from(dv), v);
                }
            )+
        };
    }

    #[test]
    fn codes_match_the_domain() {
        same_codes!(
            ProvisionForm => d::ProvisionForm,
            ComponentCase => d::ComponentCase,
            ChainRole => d::ChainRole,
            DutyKind => d::DutyKind,
            RuleLevel => d::Level,
            Confidence => d::Confidence,
            AgreementKind => d::AgreementKind,
            LifecyclePhase => d::LifecyclePhase,
            AgreementStatus => d::AgreementStatus,
            PartyKind => d::PartyKind,
        );
    }

    #[test]
    fn fields_are_named_by_their_json_path() {
        assert_eq!(api_field("entries[3].responsible"), "entries.3.responsible");
        assert_eq!(api_field("digest"), "digest");
    }
}
