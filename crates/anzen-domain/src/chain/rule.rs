//! What every rule of this module returns: a citable rule text ([`RuleText`]) and, where a
//! rule puts a duty on a party, a [`Duty`] naming the party that bears it.
//!
//! Rule identifiers (`FAQ2.1-R3` …) are those of `shared/domain/guideline-notes.md` §15;
//! guideline sections are cited as `GL 2.2.3`. "Must" rules become [`Level::Must`];
//! what the FAQ gives as a recommendation (望ましい / 考えられます) becomes
//! [`Level::Should`], a warning rather than a block (notes §15). Readings that are anzen's
//! own, where the sources leave a case open, carry [`Confidence::Inferred`] and say so in
//! their text.

use serde::Serialize;

pub use crate::catalog::Confidence;
use crate::code_enum;
use crate::ids::OrgId;

code_enum! {
    /// How binding a rule is (notes §15: "must" is a rule, "should" a recommendation).
    Level {
        /// The FAQ or the guideline states it as a rule.
        Must = "must", "必須", "Required";
        /// The FAQ gives it as a recommendation (望ましい / 考えられます): a warning, not a block.
        Should = "should", "推奨", "Recommended";
        /// Information or a point to review (a case the sources leave open, inconsistent data).
        Note = "note", "確認事項", "To review";
    }
}

/// The citable text of one rule: its id, the section it comes from, how binding it is, how
/// far the sources back it, and the text in Japanese and English. The `reference` is always
/// part of what a function returns, so every reason shown to a user names its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleText {
    /// The rule id of the domain notes (e.g. `FAQ2.1-R3`) or the guideline section when the
    /// notes give no id (e.g. `GL 2.2.1`).
    pub rule: &'static str,
    /// The section(s) cited, e.g. `FAQ 2.1; GL 2.2.3`.
    #[serde(rename = "ref")]
    pub reference: &'static str,
    pub level: Level,
    pub confidence: Confidence,
    pub ja: &'static str,
    pub en: &'static str,
}

impl RuleText {
    /// The Japanese text with its reference, e.g. `［FAQ 2.1］…`.
    pub fn cited_ja(&self) -> String {
        format!("［{}］{}", self.reference, self.ja)
    }

    /// The English text with its reference, e.g. `[FAQ 2.1] …`.
    pub fn cited_en(&self) -> String {
        format!("[{}] {}", self.reference, self.en)
    }
}

/// Declares a `pub const` [`RuleText`].
macro_rules! rule_text {
    ($(#[$doc:meta])* $id:ident, $rule:literal, $reference:literal, $level:ident, $conf:ident, $ja:literal, $en:literal) => {
        $(#[$doc])*
        pub const $id: $crate::chain::RuleText = $crate::chain::RuleText {
            rule: $rule,
            reference: $reference,
            level: $crate::chain::Level::$level,
            confidence: $crate::chain::Confidence::$conf,
            ja: $ja,
            en: $en,
        };
    };
}
pub(crate) use rule_text;

code_enum! {
    /// The role a party plays in a supply chain, as this module reports it.
    ChainRole {
        /// The provider of the offering the institution contracts (provider A of FAQ 2.1).
        Provider = "provider", "対象事業者（事業者A）", "Contracted provider (A)";
        /// A provider that supplies a component of the offering (B, C of FAQ 2.1).
        Supplier = "supplier", "構成要素を提供する事業者", "Supplier of a component";
        /// The medical institution (医療機関等).
        Institution = "institution", "医療機関等", "Medical institution";
        /// A regional medical information network operator (FAQ 2.2).
        NetworkOperator = "network_operator", "医療情報連携ネットワーク運営主体", "Regional network operator";
        /// A provider to which a provider or operator entrusts part of its work (FAQ 2.2, 3.1).
        Subcontractor = "subcontractor", "委託先事業者", "Subcontractor";
    }
}

/// A party: an organisation in a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Party {
    pub org: OrgId,
    pub role: ChainRole,
}

impl Party {
    pub const fn new(org: OrgId, role: ChainRole) -> Self {
        Self { org, role }
    }
}

code_enum! {
    /// What a duty asks of its bearer.
    DutyKind {
        /// Do risk management covering the component (FAQ 2.1 R1, R4; GL 2.2.2).
        ManageRisks = "manage_risks", "リスクマネジメントの実施", "Manage the risks";
        /// Confirm the supplier's own risk management (FAQ 2.1 R2; GL 2.2.3).
        ConfirmRiskManagement = "confirm_risk_management", "リスクマネジメントの確認", "Confirm the supplier's risk management";
        /// Include the component, APIs included, in the scope of one's response (GL 2.2.3).
        IncludeInScope = "include_in_scope", "対応の対象範囲への包含", "Include in the scope of one's response";
        /// Confirm that a supplier provides its service in line with the guideline (FAQ 2).
        ConfirmSupplierCompliance = "confirm_supplier_compliance", "ガイドラインへの準拠の確認", "Confirm the supplier follows the guideline";
        /// Pay attention to the selection of platform and infrastructure providers (FAQ 2).
        AttendToSelection = "attend_to_selection", "事業者選定への注意", "Pay attention to the selection of providers";
        /// Tell the institution which risks arise (FAQ 2.1 R3 (a)).
        ExplainRisks = "explain_risks", "リスクの説明", "Explain the risks";
        /// Make clear the scope of one's responsibility (FAQ 2.1 R3 (b)).
        StateResponsibilityBoundary = "state_responsibility_boundary", "責任範囲の明確化", "State the boundary of one's responsibility";
        /// Reach agreement with the institution (FAQ 2.1 R1, R3 (c), R4).
        ReachAgreement = "reach_agreement", "合意形成", "Reach agreement";
        /// Agree duties and responsibilities over the lifecycle (FAQ 3; GL 3.2).
        AgreeLifecycleDuties = "agree_lifecycle_duties", "ライフサイクルにおける義務と責任の合意", "Agree lifecycle duties and responsibilities";
        /// Notify one another of service or contract changes (FAQ 2.1 R5, a recommendation).
        NotifyChanges = "notify_changes", "サービス・契約変更の通知", "Notify service or contract changes";
        /// Agree the role division by contract (FAQ 2.2 R2).
        AgreeRoleDivision = "agree_role_division", "役割分担の契約等による合意", "Agree the role division by contract";
        /// Supervise a subcontractor and carry the management responsibility (FAQ 2.2 R3).
        SuperviseSubcontractor = "supervise_subcontractor", "委託先の監督", "Supervise the subcontractor";
    }
}

/// A duty a rule puts on one party, towards another, with the rule that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Duty {
    pub kind: DutyKind,
    pub bearer: Party,
    /// The party the duty is owed to or concerns, when there is one.
    pub towards: Option<Party>,
    pub rule: RuleText,
}

/// A remark that is not a duty: why a case was chosen, or something to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: RuleText,
    /// The organisation the remark is about, when there is one.
    pub about: Option<OrgId>,
}
