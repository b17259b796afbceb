//! The register's JSON shapes: levels, assessments, treatments, review marks, a risk and its
//! detail with where each affected institution stands.

use super::*;

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
    /// An incident was recorded against the offering (GL 3.2, 5.1.7); `changed` is its id.
    Incident,
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
            d::ReviewReason::Incident { incident, title } => ReviewFlag {
                kind: ReviewReasonKind::Incident,
                title: title.clone(),
                notice: None,
                control: None,
                changed: Some(incident.clone()),
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
    /// When the risk was last assessed (identified or reassessed): part of what the
    /// institutions agree to, so every reassessment is agreed again (FAQ 5.2).
    #[schema(value_type = Option<String>, format = DateTime)]
    pub assessed_at: Option<jiff::Timestamp>,
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
            assessed_at: r.assessed_at,
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
    pub thread: Vec<crate::api::risk_thread::ThreadEntry>,
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
        .map(crate::api::risk_thread::entry_dto)
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
