//! The GL 4.4 exemption from the certification requirement for a provider that does not
//! handle medical information directly.
//!
//! GL 4.4 requires the Privacy Mark or ISMS of the target providers that handle medical
//! information (FAQ 4.2: 「医療情報を取り扱う対象事業者に対して…取得を求めています」); the
//! sentence after the requirement in GL 4.4 begins 「なお、医療情報を直…」, read as the
//! exemption of a provider that does not handle medical information directly (a type (2)
//! provider of resources or services, GL 2.1; guideline-notes §4.4 and §13: partly seen,
//! the reading is inferred). So the one basis anzen accepts is "does not handle medical
//! information directly", and only while none of the provider's offerings says it handles
//! or stores medical information (its scope profile, FAQ 1). Any other basis (certification
//! in progress, relying on a partner's certificate) is recorded but exempts nothing: each
//! target provider shows its own minimum qualification (FAQ 4.2 R1).
//!
//! The FAQ 4.2 caveat holds for an exemption too: the requirement not applying says nothing
//! about the guideline's level of safety management (FAQ 4.2 R2).

use serde::{Deserialize, Serialize};

use super::rule::{RuleText, rule_text};
use crate::FieldError;
use crate::code_enum;
use crate::scope::{PatientDirectedReceipt, ScopeProfile};
use crate::text::optional_text;

/// The longest reason of an exemption.
pub const MAX_EXEMPTION_REASON: usize = 2000;

code_enum! {
    /// Why a provider says the certification requirement does not apply to it.
    ExemptionBasis {
        /// Supplies resources or services only, without handling medical information
        /// directly (GL 4.4 「なお、医療情報を直…」; FAQ 4.2; GL 2.1 type (2)).
        NoDirectHandling = "no_direct_handling", "医療情報を直接取り扱わない（資源・役務の提供のみ）", "Does not handle medical information directly (supplies resources or services only)";
        /// Not an exemption: the requirement applies until the certificate is held.
        CertificationInProgress = "certification_in_progress", "認証を取得中", "Certification in progress";
        /// Not an exemption: each target provider shows its own qualification.
        CoveredByPartner = "covered_by_partner", "委託元・委託先等の認証で代替", "Relies on a partner's certification";
        /// Any other ground: not one the guideline gives.
        Other = "other", "その他", "Other";
    }
}

impl ExemptionBasis {
    /// Whether the guideline allows the basis (GL 4.4; FAQ 4.2): only "does not handle
    /// medical information directly".
    pub const fn allowed(self) -> bool {
        matches!(self, Self::NoDirectHandling)
    }
}

rule_text!(
    /// GL 4.4: the provider does not handle medical information directly.
    EXEMPT, "GL 4.4", "GL 4.4; FAQ 4.2", Must, PartlySeen,
    "医療情報を直接取り扱わない事業者として、プライバシーマーク認定・ISMS認証の取得要件の適用外です（GL 4.4「なお、医療情報を直…」、FAQ 4.2「医療情報を取り扱う対象事業者に対して」）。",
    "As a provider that does not handle medical information directly, the Privacy Mark / ISMS requirement does not apply (GL 4.4, 「なお、医療情報を直…」; FAQ 4.2: required of target providers that handle medical information)."
);
rule_text!(
    /// FAQ 4.2 R1: a basis the guideline does not give exempts nothing.
    BASIS_NOT_ALLOWED, "FAQ4.2-R1", "GL 4.4; FAQ 4.2", Must, Confirmed,
    "記録された適用除外の理由はガイドラインが認めるものではありません。適用除外は医療情報を直接取り扱わない事業者に限られます（GL 4.4、FAQ 4.2）。",
    "The recorded ground for exemption is not one the guideline gives; only a provider that does not handle medical information directly is exempt (GL 4.4, FAQ 4.2)."
);
rule_text!(
    /// GL 4.4, FAQ 1: an offering of the provider handles medical information directly.
    CONTRADICTED, "FAQ4.2-R1", "GL 4.4; FAQ 4.2; FAQ 1", Must, Confirmed,
    "提供サービスの対象範囲の記録では医療情報を取り扱う（又は保存する）とされているため、適用除外になりません（GL 4.4、FAQ 4.2）。",
    "The scope record of an offering says that it handles (or stores) medical information, so the exemption does not apply (GL 4.4, FAQ 4.2)."
);
rule_text!(
    /// FAQ 4.2 R2: the caveat shown with an exemption.
    EXEMPTION_NOTICE, "FAQ4.2-R2", "FAQ 4.2; GL 4.4", Must, Confirmed,
    "認証は最低限の適格性を示す手段にすぎず、認証の有無や適用除外をもって本ガイドラインの安全管理水準を満たすわけではありません。リスクマネジメント（GL 5）は適用除外の有無にかかわらず求められます（FAQ 4.2）。",
    "A certificate only shows a minimum qualification: neither holding one nor being exempt means that this guideline's level of safety management is met. Risk management (GL 5) is required either way (FAQ 4.2)."
);

/// An exemption as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewExemption {
    pub basis: String,
    pub reason: String,
}

/// A recorded exemption claim: the basis and the provider's own reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exemption {
    pub basis: ExemptionBasis,
    pub reason: String,
}

impl NewExemption {
    /// Validates the claim. Every basis can be recorded (the check says whether it exempts);
    /// the reason is required.
    pub fn validate(&self) -> Result<Exemption, FieldError> {
        let basis = ExemptionBasis::parse_field("basis", &self.basis)?;
        let reason =
            optional_text("reason", &self.reason, MAX_EXEMPTION_REASON)?.ok_or_else(|| {
                FieldError::new(
                    "reason",
                    "say why the certification requirement does not apply (GL 4.4)",
                )
            })?;
        Ok(Exemption { basis, reason })
    }
}

/// Whether an offering's scope profile says that it handles medical information directly:
/// it handles or stores it, or receives it from the institution on the patient's
/// instruction (FAQ 1, 1.4; GL 2.1 types (1) and (3)).
pub fn handles_directly(p: &ScopeProfile) -> bool {
    p.handles_medical_information
        || p.stores_medical_information
        || p.patient_directed_receipt == PatientDirectedReceipt::FromInstitution
}

/// An exemption claim with what the provider's data says against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedExemption {
    pub exemption: Exemption,
    /// The names of the provider's offerings whose scope profile says they handle medical
    /// information directly ([`handles_directly`]).
    pub direct_offerings: Vec<String>,
}

/// Where a claim stands: exempt or not, with the reasons (every one cited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExemptionStanding {
    pub basis: ExemptionBasis,
    /// The provider's reason, as recorded.
    pub reason: String,
    /// Whether the claim exempts the provider.
    pub exempt: bool,
    pub reasons: Vec<RuleText>,
    /// The offerings that contradict it (their scope says they handle medical information).
    pub direct_offerings: Vec<String>,
    /// Always [`EXEMPTION_NOTICE`] (FAQ 4.2 R2).
    pub notice: RuleText,
}

impl ClaimedExemption {
    /// The standing of the claim (GL 4.4; FAQ 4.2): exempt only on an allowed basis and
    /// while no offering of the provider handles medical information directly.
    pub fn standing(&self) -> ExemptionStanding {
        let mut reasons = Vec::new();
        if !self.exemption.basis.allowed() {
            reasons.push(BASIS_NOT_ALLOWED);
        }
        if !self.direct_offerings.is_empty() {
            reasons.push(CONTRADICTED);
        }
        let exempt = reasons.is_empty();
        if exempt {
            reasons.push(EXEMPT);
        }
        ExemptionStanding {
            basis: self.exemption.basis,
            reason: self.exemption.reason.clone(),
            exempt,
            reasons,
            direct_offerings: self.direct_offerings.clone(),
            notice: EXEMPTION_NOTICE,
        }
    }
}
