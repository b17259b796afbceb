//! The risk register (GL 5.1.1–5.1.5): the configuration of an offering, its information
//! flows, the risks identified per flow, their analysis, treatment and residual risk.

use jiff::Timestamp;
use jiff::civil::Date;

use super::matrix::RiskLevel;
use crate::FieldError;
use crate::code_enum;
use crate::ids::{ComponentId, FlowId, MatrixId, OfferingId, OrgId, RiskId};
use crate::text::Name;

code_enum! {
    /// The environment a component or flow belongs to (GL 5.2: the development phase
    /// includes development and test environments, not only production).
    Environment {
        Production = "production", "本番環境", "Production";
        Development = "development", "開発環境", "Development";
        Test = "test", "テスト環境", "Test";
    }
}

code_enum! {
    /// The class of the information a flow carries (GL 5.1.1: the class drives the impact;
    /// the guideline's full list is not known — notes §5.2 — so these are anzen's).
    FlowClass {
        PatientPersonalInformation = "patient_personal_information", "患者個人情報等", "Patient personal information";
        MedicalRecordsAnonymised = "anonymised_medical_data", "匿名加工・統計情報", "Anonymised or statistical medical data";
        Credentials = "credentials", "認証情報", "Credentials";
        SystemConfiguration = "system_configuration", "システム設定・構成情報", "System configuration";
        OperationalLogs = "operational_logs", "操作・アクセスログ", "Operational and access logs";
        Other = "other", "その他", "Other";
    }
}

impl FlowClass {
    /// The lowest impact (on the default 1–5 scale) a risk on a flow of this class should be
    /// assessed at: patient personal information is sensitive (GL 5.1.2: such a flow,
    /// processed often and in volume, has an extremely high impact). A suggestion for the
    /// assessor, never applied silently.
    pub fn suggested_min_impact(self) -> u8 {
        match self {
            FlowClass::PatientPersonalInformation => 4,
            FlowClass::Credentials => 4,
            FlowClass::MedicalRecordsAnonymised | FlowClass::SystemConfiguration => 3,
            FlowClass::OperationalLogs => 2,
            FlowClass::Other => 1,
        }
    }
}

code_enum! {
    /// What a component of the configuration is.
    ComponentKind {
        Application = "application", "アプリケーション", "Application";
        Server = "server", "サーバ", "Server";
        Storage = "storage", "ストレージ・バックアップ", "Storage or backup";
        Network = "network", "ネットワーク・回線", "Network or line";
        Terminal = "terminal", "端末", "Terminal";
        Medium = "medium", "記録媒体", "Recording medium";
        Service = "service", "外部サービス", "External service";
    }
}

/// A component of an offering's overall configuration (全体構成図, GL 5.1.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Component {
    pub id: ComponentId,
    pub offering: OfferingId,
    pub name: Name,
    pub kind: ComponentKind,
    pub environment: Environment,
    /// 地域: a region, data centre or site (Table 4-1 ②-1).
    pub location: Option<String>,
    /// The country the component stands in (Table 4-1 ①-1, ②-1, ②-2; GL 6.1).
    pub country: Option<crate::chain::Country>,
    /// The component stores medical information: its place answers Table 4-1 ①-1, ②-1
    /// and ②-2 (GL 4.1).
    pub holds_medical_info: bool,
    /// 1 when added; each edit adds one (an edit on a stale revision is refused).
    pub revision: i64,
}

/// An information flow (情報流, GL 5.1.1, 5.2): who, where, on which device or medium, what
/// is handled, and how it is processed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InformationFlow {
    pub id: FlowId,
    pub offering: OfferingId,
    /// 誰が: e.g. development and maintenance staff.
    pub who: String,
    /// どこの・どこを: e.g. at the provider's data centre.
    pub place: String,
    /// どの機器・媒体で: e.g. a maintenance terminal.
    pub device_or_medium: String,
    /// 何を・何が: e.g. the production application's database.
    pub what: String,
    /// どう処理されるか: e.g. read for fault analysis.
    pub how: String,
    pub class: FlowClass,
    pub environment: Environment,
    /// The components the flow passes through.
    pub components: Vec<ComponentId>,
    /// 1 when added; each edit adds one (an edit on a stale revision is refused).
    pub revision: i64,
}

impl InformationFlow {
    /// Checks that each of the five descriptions is given (GL 5.2 describes a flow by all five).
    pub fn validate(self) -> Result<Self, FieldError> {
        for (field, value) in [
            ("who", &self.who),
            ("place", &self.place),
            ("device_or_medium", &self.device_or_medium),
            ("what", &self.what),
            ("how", &self.how),
        ] {
            if value.trim().is_empty() {
                return Err(FieldError::new(
                    field,
                    "must describe the flow (GL 5.2: who, where, device or medium, what, how)",
                ));
            }
            if value.chars().count() > 500 {
                return Err(FieldError::new(field, "must be at most 500 characters"));
            }
        }
        Ok(self)
    }
}

/// Which of confidentiality, integrity and availability a risk harms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Cia {
    pub confidentiality: bool,
    pub integrity: bool,
    pub availability: bool,
}

impl Cia {
    pub fn any(self) -> bool {
        self.confidentiality || self.integrity || self.availability
    }
}

/// An assessment on a matrix version: the values and the level they gave then. A later
/// matrix version never changes it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Assessment {
    pub matrix: MatrixId,
    pub matrix_version: i64,
    pub impact: u8,
    pub likelihood: u8,
    pub level: RiskLevel,
}

code_enum! {
    /// The four treatment options (GL 5.1.4; FAQ 5.1: リスク受容 replaces v1.1's リスク保有).
    TreatmentOption {
        Reduce = "reduce", "リスク低減", "Reduce";
        Avoid = "avoid", "リスク回避", "Avoid";
        /// Labelled リスク移転 in Fig. 5-2.
        Share = "share", "リスク共有", "Share";
        Accept = "accept", "リスク受容", "Accept";
    }
}

impl TreatmentOption {
    /// Share and accept need the agreement of every affected institution before they take
    /// effect (FAQ 5.1).
    pub fn needs_institution_consent(self) -> bool {
        matches!(self, TreatmentOption::Share | TreatmentOption::Accept)
    }
}

/// Who carries out a measure. A measure may fall to the institution (FAQ 5.2: e.g. not
/// posting passwords on terminals in consultation rooms); such duties appear in that
/// institution's view and on its side of the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "org", rename_all = "snake_case")]
pub enum MeasureOwner {
    Provider,
    Institution(OrgId),
    Subcontractor(OrgId),
}

/// A measure of a treatment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Measure {
    pub description: String,
    pub owner: MeasureOwner,
    /// The controls (Appendix 2 keys, or the provider's own) the measure implements.
    pub controls: Vec<String>,
    pub due: Option<Date>,
    pub done: bool,
}

/// The treatment decided for a risk (GL 5.1.4, 5.1.5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Treatment {
    pub option: TreatmentOption,
    pub measures: Vec<Measure>,
    /// Why this option: shown to the institution with the options weighed.
    pub rationale: String,
    /// The options weighed and why they were not chosen.
    pub options_considered: String,
}

/// Why a risk is marked for review (GL 5.1.7: repeat the cycle when things change).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReviewReason {
    /// Its residual risk's review date passed (FAQ 5.2: re-evaluate periodically).
    Scheduled,
    /// A new version of a control catalogue (FAQ 5.3, 5.4).
    CatalogueVersion { catalogue: String, version: String },
    /// A new version of the provider's risk matrix.
    MatrixVersion { version: i64 },
    /// A technology change (FAQ 5.2: four-digit passwords → longer → multi-factor), raised
    /// on the control the risk's measures implement (none on notices of earlier versions,
    /// which named their risks by hand).
    TechnologyChange {
        notice: String,
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        control: Option<String>,
    },
    /// The information flow the risk was assessed on was edited (GL 5.1.7: information
    /// flows changed). `flow` is its id, `revision` the flow's new revision.
    FlowChanged { flow: String, revision: i64 },
    /// A component a flow of the risk passes through changed (GL 5.1.1, 5.1.7: the
    /// configuration changed).
    ComponentChanged { component: String, name: String },
    /// The offering's supply chain changed: a component supplied by another provider was
    /// added or replaced (GL 2.2, 5.1.7). `code` is the component's code, `supplier` the
    /// supplier's name.
    SupplyChainChanged {
        link: String,
        code: String,
        supplier: String,
    },
    /// An incident was recorded against the offering (GL 5.1.7 fn. 37: something unexpected
    /// happened; GL 3.2 危機管理対応時). `incident` is its id, `title` what happened.
    Incident { incident: String, title: String },
}

/// A risk of the register.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Risk {
    pub id: RiskId,
    /// The provider that owns the register.
    pub owner: OrgId,
    pub offering: OfferingId,
    pub flow: Option<FlowId>,
    pub title: Name,
    pub threat: String,
    pub vulnerability: String,
    pub cia: Cia,
    pub inherent: Assessment,
    pub treatment: Option<Treatment>,
    pub residual: Option<Assessment>,
    /// The explanation the institution sees before it agrees (GL 3.1.2 duty to explain).
    pub explanation: String,
    /// When the residual risk is next reviewed.
    pub next_review: Option<Date>,
    pub review_flags: Vec<ReviewReason>,
    /// When the risk was last assessed: identified or reassessed. `None` for a risk last
    /// assessed before anzen recorded it.
    pub assessed_at: Option<Timestamp>,
    pub revision: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The fields an institution is shown on the consent screen, and so the fields its agreement
/// (or its decline) covers (FAQ 5.1, 5.2; GL 3.1.2 duty to explain, GL 5.1.6 (1)). The
/// consent screen shows exactly these, and [`Risk::content_digest`] digests exactly these:
///
/// - `title`, `threat`, `vulnerability`, `cia` (what the risk harms);
/// - `flow`: the information flow as assessed (who, where, device or medium, what, how, its
///   class and environment), when the risk was identified on one;
/// - `inherent`: impact, likelihood and level before treatment;
/// - `option`, `options_considered` (the options weighed), `rationale` (why this option);
/// - `measures`: each measure's description, owner, controls and due date;
/// - `residual`: impact, likelihood and level of the residual risk;
/// - `explanation`;
/// - `assessed_at`: when the assessment agreed to was made. FAQ 5.2: the provider re-evaluates
///   the residual risk (periodically) and agrees it with the institutions again, so every
///   reassessment, even one that keeps the values, asks for a new agreement; this is what
///   makes "a mark for review is cleared by a reassessment and, where the treatment needs
///   the institutions, a new consent" hold.
///
/// Not covered (bookkeeping the institution was not asked about): a measure ticked done, the
/// review date and review flags, the revision and timestamps. Ticking a measure done
/// therefore never voids an agreement; changing any covered field does.
pub const CONSENTED_FIELDS: &[&str] = &[
    "title",
    "threat",
    "vulnerability",
    "cia",
    "flow",
    "inherent",
    "option",
    "options_considered",
    "rationale",
    "measures",
    "residual",
    "explanation",
    "assessed_at",
];

/// The material content of a risk (see [`CONSENTED_FIELDS`]). A struct serialises its fields
/// in order, so the digest is stable.
#[derive(serde::Serialize)]
struct Material<'a> {
    risk: String,
    title: &'a str,
    threat: &'a str,
    vulnerability: &'a str,
    cia: Cia,
    flow: Option<MaterialFlow<'a>>,
    inherent_level: RiskLevel,
    impact: u8,
    likelihood: u8,
    option: Option<&'static str>,
    options_considered: Option<&'a str>,
    rationale: Option<&'a str>,
    measures: Vec<MaterialMeasure<'a>>,
    residual_level: Option<RiskLevel>,
    residual_impact: Option<u8>,
    residual_likelihood: Option<u8>,
    explanation: &'a str,
    /// Left out when unknown, so that the digests of risks assessed before it was recorded
    /// stay as they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    assessed_at: Option<Timestamp>,
}

/// A measure as the institution is shown it: everything but whether it is done.
#[derive(serde::Serialize)]
struct MaterialMeasure<'a> {
    description: &'a str,
    owner: MeasureOwner,
    controls: &'a [String],
    due: Option<Date>,
}

/// The content of the information flow the risk was assessed on.
#[derive(serde::Serialize)]
struct MaterialFlow<'a> {
    who: &'a str,
    place: &'a str,
    device_or_medium: &'a str,
    what: &'a str,
    how: &'a str,
    class: &'static str,
    environment: &'static str,
}

impl Risk {
    /// SHA-256 (hex) of the material content (what a consent or a decline is tied to):
    /// exactly the fields of [`CONSENTED_FIELDS`]. `flow` is the information flow the risk
    /// was assessed on (its content as assessed), `None` when it names none.
    pub fn content_digest(&self, flow: Option<&InformationFlow>) -> String {
        let t = self.treatment.as_ref();
        let m = Material {
            risk: self.id.to_string(),
            title: self.title.as_str(),
            threat: self.threat.trim(),
            vulnerability: self.vulnerability.trim(),
            cia: self.cia,
            flow: flow.map(|f| MaterialFlow {
                who: f.who.trim(),
                place: f.place.trim(),
                device_or_medium: f.device_or_medium.trim(),
                what: f.what.trim(),
                how: f.how.trim(),
                class: f.class.code(),
                environment: f.environment.code(),
            }),
            inherent_level: self.inherent.level,
            impact: self.inherent.impact,
            likelihood: self.inherent.likelihood,
            option: t.map(|t| t.option.code()),
            options_considered: t.map(|t| t.options_considered.trim()),
            rationale: t.map(|t| t.rationale.trim()),
            measures: t
                .iter()
                .flat_map(|t| t.measures.iter())
                .map(|m| MaterialMeasure {
                    description: m.description.trim(),
                    owner: m.owner,
                    controls: &m.controls,
                    due: m.due,
                })
                .collect(),
            residual_level: self.residual.as_ref().map(|r| r.level),
            residual_impact: self.residual.as_ref().map(|r| r.impact),
            residual_likelihood: self.residual.as_ref().map(|r| r.likelihood),
            explanation: self.explanation.trim(),
            assessed_at: self.assessed_at,
        };
        crate::audit::digest(&serde_json::to_value(&m).expect("material content serialises"))
    }

    /// The institutions that carry a measure of this risk (FAQ 5.2).
    pub fn institution_duties(&self) -> Vec<(OrgId, &Measure)> {
        self.treatment
            .iter()
            .flat_map(|t| t.measures.iter())
            .filter_map(|m| match m.owner {
                MeasureOwner::Institution(org) => Some((org, m)),
                _ => None,
            })
            .collect()
    }
}

/// A technology-change notice (FAQ 5.2: a residual risk accepted once can become
/// unacceptable as technology moves on). It names a control (an Appendix 2 item key or the
/// provider's own) and marks exactly the risks whose measures implement it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TechNotice {
    pub id: crate::ids::NoticeId,
    pub org: OrgId,
    pub title: Name,
    pub description: String,
    /// The control whose technology changed (none on notices of earlier versions).
    pub control: Option<String>,
    pub risks_marked: i64,
    pub raised_by: String,
    pub raised_at: Timestamp,
}
