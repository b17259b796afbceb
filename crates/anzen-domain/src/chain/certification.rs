//! Third-party certifications (GL 4.4; FAQ 4.2; Table 4-1 ①-7, ①-8).
//!
//! A target provider must hold the Privacy Mark or ISMS certification as the minimum proof
//! of qualification (GL 4.4, FAQ 4.2 R1); an equivalent third-party certification may
//! replace it (FAQ 4.2 R3): the cloud certifications listed with Table 4-1 and MHLW 6.0
//! (ISMAP, CS Gold Mark, FedRAMP, SOC 2, SOC 3) and, only when none of those can be
//! confirmed, an external audit by a システム監査技術者 or a CISA (notes §4.4).
//!
//! A certificate shows minimum qualification only. It does not mean that the guideline's
//! safety-management level is met (FAQ 4.2 R2): nothing in this module, and nothing built on
//! it, may mark any other requirement as fulfilled because a certificate is held.

use jiff::civil::Date;
use serde::Serialize;

use super::exemption::{ClaimedExemption, ExemptionStanding};
use super::rule::{RuleText, rule_text};
use crate::FieldError;
use crate::code_enum;
use crate::contract::parse_date;
use crate::text::Name;

code_enum! {
    /// The kinds of certification GL 4.4 and FAQ 4.2 accept (notes §4.4).
    CertificationKind {
        PrivacyMark = "privacy_mark", "プライバシーマーク", "Privacy Mark";
        Isms = "isms", "ISMS認証（JIS Q 27001）", "ISMS certification (JIS Q 27001)";
        Ismap = "ismap", "ISMAP（政府情報システムのためのセキュリティ評価制度）", "ISMAP";
        CsGoldMark = "cs_gold_mark", "CSゴールドマーク（JASA クラウドセキュリティ推進協議会）", "CS Gold Mark (JASA)";
        FedRamp = "fedramp", "FedRAMP", "FedRAMP";
        Soc2 = "soc2", "SOC2（日本公認会計士協会 IT7号）", "SOC 2 (JICPA IT7)";
        Soc3 = "soc3", "SOC3（SysTrust/WebTrust、日本公認会計士協会 IT2号）", "SOC 3 (SysTrust/WebTrust, JICPA IT2)";
        ExternalAudit = "external_audit", "有資格者による外部監査（システム監査技術者又はCISA）", "External audit by a qualified auditor (システム監査技術者 or CISA)";
        OtherEquivalent = "other_equivalent", "その他の同等の第三者認証", "Other equivalent third-party certification";
    }
}

code_enum! {
    /// How a kind counts towards the minimum qualification.
    CertificationTier {
        /// Privacy Mark or ISMS (GL 4.4; FAQ 4.2 R1; Table 4-1 ①-7).
        Primary = "primary", "プライバシーマーク又はISMS", "Privacy Mark or ISMS";
        /// An equivalent third-party certification (FAQ 4.2 R3; Table 4-1 ①-8).
        Equivalent = "equivalent", "同等の第三者認証", "Equivalent certification";
        /// An external audit, only when none of the others can be confirmed (Table 4-1 ①-8).
        Fallback = "fallback", "外部監査（他の認証がない場合）", "External audit (when no other)";
    }
}

impl CertificationKind {
    pub const fn tier(self) -> CertificationTier {
        match self {
            Self::PrivacyMark | Self::Isms => CertificationTier::Primary,
            Self::ExternalAudit => CertificationTier::Fallback,
            _ => CertificationTier::Equivalent,
        }
    }

    /// The Table 4-1 item the certificate answers (anzen's row ids, notes §4.1).
    pub const fn table_4_1_item(self) -> &'static str {
        match self.tier() {
            CertificationTier::Primary => "①-7",
            _ => "①-8",
        }
    }
}

code_enum! {
    /// The qualification of the auditor of an external audit (notes §4.4).
    AuditorQualification {
        SystemAuditor = "system_auditor", "システム監査技術者", "Systems Auditor (システム監査技術者)";
        Cisa = "cisa", "CISA（ISACA認定 公認情報システム監査人）", "CISA (ISACA)";
    }
}

rule_text!(
    /// FAQ4.2-R2: the fixed notice shown with every certificate.
    CERTIFICATE_NOTICE, "FAQ4.2-R2", "FAQ 4.2; GL 4.4", Must, Confirmed,
    "プライバシーマーク認定・ISMS認証及びこれと同等の第三者認証は、医療機関等へ最低限の適格性を示す手段です。これらの認証の取得をもって、本ガイドラインの安全管理水準を満たすわけではありません（FAQ 4.2）。",
    "The Privacy Mark, ISMS certification and equivalent third-party certifications show the institution a minimum qualification only. Holding them does not mean that this guideline's level of safety management is met (FAQ 4.2)."
);
rule_text!(
    /// GL 4.4, FAQ4.2-R1: P-mark or ISMS held.
    QUALIFIED_PRIMARY, "FAQ4.2-R1", "GL 4.4; FAQ 4.2", Must, Confirmed,
    "有効なプライバシーマーク認定又はISMS認証により、最低限の適格性を示しています（GL 4.4、FAQ 4.2）。",
    "A valid Privacy Mark or ISMS certification shows the minimum qualification (GL 4.4, FAQ 4.2)."
);
rule_text!(
    /// FAQ4.2-R3: an equivalent certification replaces P-mark/ISMS.
    QUALIFIED_EQUIVALENT, "FAQ4.2-R3", "FAQ 4.2; GL 4.4 (Table 4-1 ①-8)", Must, Confirmed,
    "プライバシーマーク認定・ISMS認証はありませんが、同等の有効な第三者認証により適格性を示しています（FAQ 4.2）。",
    "There is no Privacy Mark or ISMS certification, but a valid equivalent third-party certification shows the qualification (FAQ 4.2)."
);
rule_text!(
    /// Table 4-1 ①-8 / MHLW 6.0: the external audit as the last resort.
    QUALIFIED_AUDIT, "FAQ4.2-R3", "GL 4.4 (Table 4-1 ①-8)", Must, PartlySeen,
    "プライバシーマーク認定・ISMS認証及び同等の第三者認証が確認できないため、有資格者（システム監査技術者又はCISA）による外部監査で適格性を示しています（表4-1 ①-8、医療情報安全管理ガイドライン第6.0版）。",
    "No Privacy Mark, ISMS or equivalent certification can be confirmed, so an external audit by a qualified auditor (システム監査技術者 or CISA) shows the qualification (Table 4-1 ①-8, MHLW guideline 6.0)."
);
rule_text!(
    /// GL 4.4, FAQ4.2-R1: no valid qualification.
    NOT_QUALIFIED, "FAQ4.2-R1", "GL 4.4; FAQ 4.2", Must, Confirmed,
    "有効なプライバシーマーク認定・ISMS認証、同等の第三者認証又は外部監査がありません。対象事業者にはプライバシーマーク認定又はISMS認証（又は同等の認証）が求められます（GL 4.4、FAQ 4.2）。",
    "No valid Privacy Mark, ISMS certification, equivalent certification or external audit. A target provider must hold the Privacy Mark or ISMS certification, or an equivalent (GL 4.4, FAQ 4.2)."
);
rule_text!(
    /// GL 4.4: a certificate of the qualification expires soon.
    EXPIRING, "FAQ4.2-R1", "GL 4.4; FAQ 4.2", Should, Confirmed,
    "適格性を示す認証の有効期限が近づいています。更新してください（GL 4.4）。",
    "A certificate that shows the qualification expires soon; renew it (GL 4.4)."
);

/// A certificate as typed (every field as text, dates as `YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCertification {
    pub kind: String,
    /// For an external audit: `system_auditor` or `cisa`.
    pub auditor_qualification: String,
    /// For another equivalent certification: its name.
    pub equivalent_name: String,
    pub scope: String,
    pub issuer: String,
    pub valid_from: String,
    pub valid_to: String,
}

/// A validated certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Certification {
    pub kind: CertificationKind,
    pub auditor_qualification: Option<AuditorQualification>,
    pub equivalent_name: Option<Name>,
    /// What the certificate covers (organisation, sites, services).
    pub scope: Name,
    pub issuer: Name,
    pub valid_from: Date,
    pub valid_to: Date,
}

code_enum! {
    /// Where a certificate stands on a day.
    CertificationStatus {
        NotYetValid = "not_yet_valid", "有効期間前", "Not yet valid";
        Valid = "valid", "有効", "Valid";
        ExpiringSoon = "expiring_soon", "有効期限間近", "Expiring soon";
        Expired = "expired", "期限切れ", "Expired";
    }
}

impl NewCertification {
    /// Validates a certificate. Every error names its field.
    pub fn validate(&self) -> Result<Certification, FieldError> {
        let kind = CertificationKind::parse_field("kind", &self.kind)?;
        let auditor_qualification = match kind {
            CertificationKind::ExternalAudit => Some(AuditorQualification::parse_field(
                "auditor_qualification",
                &self.auditor_qualification,
            )?),
            _ if !self.auditor_qualification.trim().is_empty() => {
                return Err(FieldError::new(
                    "auditor_qualification",
                    "applies only to an external audit",
                ));
            }
            _ => None,
        };
        let equivalent_name = match kind {
            CertificationKind::OtherEquivalent => {
                Some(Name::parse("equivalent_name", &self.equivalent_name)?)
            }
            _ if !self.equivalent_name.trim().is_empty() => {
                return Err(FieldError::new(
                    "equivalent_name",
                    "applies only to another equivalent certification",
                ));
            }
            _ => None,
        };
        let scope = Name::parse("scope", &self.scope)?;
        let issuer = Name::parse("issuer", &self.issuer)?;
        let valid_from = parse_date("valid_from", &self.valid_from)?;
        let valid_to = parse_date("valid_to", &self.valid_to)?;
        if valid_to < valid_from {
            return Err(FieldError::new(
                "valid_to",
                format!("the certificate expires ({valid_to}) before it is valid ({valid_from})"),
            ));
        }
        Ok(Certification {
            kind,
            auditor_qualification,
            equivalent_name,
            scope,
            issuer,
            valid_from,
            valid_to,
        })
    }
}

impl Certification {
    /// The status on `day`: expiring soon when it ends within `warn_days` days (both ends
    /// of the validity period count as valid).
    pub fn status_on(&self, day: Date, warn_days: i32) -> CertificationStatus {
        if day < self.valid_from {
            CertificationStatus::NotYetValid
        } else if day > self.valid_to {
            CertificationStatus::Expired
        } else if self.days_left(day) <= i64::from(warn_days) {
            CertificationStatus::ExpiringSoon
        } else {
            CertificationStatus::Valid
        }
    }

    /// Days from `day` to the last valid day (0 on the last day; negative once expired).
    pub fn days_left(&self, day: Date) -> i64 {
        i64::from((self.valid_to - day).get_days())
    }

    /// Whether the certificate is in force on `day`.
    pub fn is_valid_on(&self, day: Date) -> bool {
        day >= self.valid_from && day <= self.valid_to
    }

    /// The fixed notice: a minimum qualification, not compliance (FAQ 4.2 R2).
    pub const fn notice(&self) -> RuleText {
        CERTIFICATE_NOTICE
    }
}

code_enum! {
    /// What the minimum qualification rests on.
    QualificationBasis {
        PrivacyMarkOrIsms = "privacy_mark_or_isms", "プライバシーマーク又はISMS", "Privacy Mark or ISMS";
        Equivalent = "equivalent", "同等の第三者認証", "Equivalent certification";
        ExternalAudit = "external_audit", "有資格者による外部監査", "External audit";
        /// No certificate, and the requirement does not apply: the provider does not handle
        /// medical information directly (GL 4.4; see [`super::exemption`]).
        Exempt = "exempt", "適用除外（医療情報を直接取り扱わない）", "Exempt (does not handle medical information directly)";
    }
}

/// Whether a provider holds the minimum qualification on a day (GL 4.4; FAQ 4.2). This is
/// the only thing certificates decide: `notice` always says so (FAQ 4.2 R2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Qualification {
    /// The requirement is met, or does not apply (basis `exempt`, GL 4.4).
    pub met: bool,
    pub basis: Option<QualificationBasis>,
    /// Positions in the input of the certificates the basis rests on.
    pub certificates: Vec<usize>,
    /// Positions of the basis certificates that expire within the warning period.
    pub expiring: Vec<usize>,
    pub reasons: Vec<RuleText>,
    /// Always [`CERTIFICATE_NOTICE`].
    pub notice: RuleText,
    /// The provider's exemption claim, when it recorded one, and where it stands (GL 4.4).
    pub exemption: Option<ExemptionStanding>,
}

/// Certificates that end within this many days are "expiring soon" (GL 4.4; FAQ 4.2: the
/// minimum qualification must be kept, so a certificate is renewed before it lapses). The
/// guideline names no period; 90 days is anzen's choice, leaving one quarter to renew.
pub const CERTIFICATE_WARN_DAYS: i32 = 90;

/// The minimum qualification on `day` (GL 4.4; FAQ 4.2 R1, R3): a valid Privacy Mark or
/// ISMS; failing those, a valid equivalent certification; failing all of those, a valid
/// external audit by a qualified auditor. The basis is the highest tier with a valid
/// certificate; an external audit never counts while an other certificate is valid. Without
/// a valid certificate, a recorded exemption on a basis the guideline allows, not
/// contradicted by the provider's offerings, makes the check "exempt: reason" instead of
/// "missing" (GL 4.4; FAQ 4.2; [`super::exemption`]).
pub fn minimum_qualification(
    certs: &[Certification],
    exemption: Option<&ClaimedExemption>,
    day: Date,
    warn_days: i32,
) -> Qualification {
    let standing = exemption.map(ClaimedExemption::standing);
    let tiers = [
        (
            CertificationTier::Primary,
            QualificationBasis::PrivacyMarkOrIsms,
            QUALIFIED_PRIMARY,
        ),
        (
            CertificationTier::Equivalent,
            QualificationBasis::Equivalent,
            QUALIFIED_EQUIVALENT,
        ),
        (
            CertificationTier::Fallback,
            QualificationBasis::ExternalAudit,
            QUALIFIED_AUDIT,
        ),
    ];
    for (tier, basis, rule) in tiers {
        let held: Vec<usize> = certs
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind.tier() == tier && c.is_valid_on(day))
            .map(|(i, _)| i)
            .collect();
        if held.is_empty() {
            continue;
        }
        let expiring: Vec<usize> = held
            .iter()
            .copied()
            .filter(|&i| certs[i].status_on(day, warn_days) == CertificationStatus::ExpiringSoon)
            .collect();
        let mut reasons = vec![rule];
        // Warn only when every certificate of the basis expires soon: one that stays valid
        // keeps the qualification.
        if expiring.len() == held.len() {
            reasons.push(EXPIRING);
        }
        return Qualification {
            met: true,
            basis: Some(basis),
            certificates: held,
            expiring,
            reasons,
            notice: CERTIFICATE_NOTICE,
            exemption: standing,
        };
    }
    let exempt = standing.as_ref().is_some_and(|s| s.exempt);
    let mut reasons = if exempt {
        Vec::new()
    } else {
        vec![NOT_QUALIFIED]
    };
    if let Some(s) = &standing {
        reasons.extend(s.reasons.iter().copied());
    }
    Qualification {
        met: exempt,
        basis: exempt.then_some(QualificationBasis::Exempt),
        certificates: Vec::new(),
        expiring: Vec::new(),
        reasons,
        notice: CERTIFICATE_NOTICE,
        exemption: standing,
    }
}
