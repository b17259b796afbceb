//! The documents a provider hands to medical institutions (GL ch. 3, 4, 6): which kinds
//! there are, and who may have which issued for whom. The reader of a document sees nothing
//! they may not see on screen: an institution's documents are for that institution only, a
//! partner provider has none issued of an institution, and the audit trail reaches only those
//! who read it on screen.

use crate::FieldError;
use crate::access::{Principal, Role};
use crate::code_enum;
use crate::ids::OrgId;
use crate::risk::rules::{RuleRef, refuse};

code_enum! {
    /// The kinds of document (issue: documents a provider hands to institutions).
    DocumentKind {
        /// リスク対応一覧: the risk treatment list with what each institution answered
        /// (GL 5.1.5, 5.1.6, 5.2.2; Table 4-1 ②-6).
        RiskTreatment = "risk-treatment", "リスク対応一覧", "Risk treatment list";
        /// The Table 4-1 items disclosed to one institution, by stage (GL 4.1, FAQ 4.1).
        Disclosure = "disclosure", "開示資料（表4-1）", "Disclosure pack (Table 4-1)";
        /// 責任分界表: the agreed lifecycle division of duties (GL 3.2, Fig. 3-4; FAQ 3, 3.1).
        Responsibility = "responsibility", "責任分界表", "Responsibility division";
        /// 適用宣言書: every Appendix 2 control's statement, and the chapter 6 requirements
        /// (FAQ 5.3, 5.4, 7).
        Applicability = "applicability", "適用宣言書（別紙2）", "Appendix 2 statement of applicability";
        /// 構成図: configuration, information flows and supply chain (GL 5.1.1, FAQ 2.2).
        Diagram = "diagram", "構成図", "Configuration diagram";
        /// 機器台帳 with the last stocktake (FAQ 6.1 (エ)).
        DeviceLedger = "device-ledger", "機器台帳", "Device ledger";
        /// 監査証跡抜粋: the audit trail of a period and object, with its verification.
        AuditExcerpt = "audit-excerpt", "監査証跡抜粋", "Audit-trail excerpt";
        /// 運用管理規程: the current version of the rules that apply to the offering, with
        /// each institution's agreement (GL 5.1.6 (2), FAQ 6.1). PDF and DOCX.
        OperationalRules = "operational-rules", "運用管理規程", "Operational rules";
        /// サイバーセキュリティ対策チェックリスト（事業者確認用）: the provider's answers to
        /// the MHLW checklist for the offering (guideline-notes §7). Its XLSX is also the file
        /// the provider fills in and imports again.
        MhlwChecklist = "mhlw-checklist", "チェックリスト（事業者確認用）", "MHLW checklist (provider version)";
    }
}

impl DocumentKind {
    /// The prefix of the numbers of its issues (`RT-20261207-3fa9c2d1`).
    pub fn number_prefix(self) -> &'static str {
        match self {
            DocumentKind::RiskTreatment => "RT",
            DocumentKind::Disclosure => "DP",
            DocumentKind::Responsibility => "RD",
            DocumentKind::Applicability => "SA",
            DocumentKind::Diagram => "CD",
            DocumentKind::DeviceLedger => "DL",
            DocumentKind::AuditExcerpt => "AE",
            DocumentKind::OperationalRules => "OR",
            DocumentKind::MhlwChecklist => "MC",
        }
    }

    /// Whether the document is always about one institution. Table 4-1 disclosure is staged
    /// per institution (GL 4.1: what was given to whom, when).
    pub fn needs_institution(self) -> bool {
        self == DocumentKind::Disclosure
    }

    /// Whether the document can be made for one institution (its rows narrowed to it).
    pub fn for_one_institution(self) -> bool {
        matches!(
            self,
            DocumentKind::RiskTreatment
                | DocumentKind::Disclosure
                | DocumentKind::Responsibility
                | DocumentKind::Diagram
                | DocumentKind::OperationalRules
        )
    }

    /// Whether an institution's reviewer may have it issued for its own institution: the
    /// documents of the consensus with it (GL ch. 3, 4, 6). The audit trail and the
    /// provider's device ledger are the provider's records, not shown to institutions on
    /// screen either.
    pub fn for_institution_readers(self) -> bool {
        matches!(
            self,
            DocumentKind::RiskTreatment
                | DocumentKind::Disclosure
                | DocumentKind::Responsibility
                | DocumentKind::Applicability
                | DocumentKind::Diagram
                | DocumentKind::OperationalRules
                | DocumentKind::MhlwChecklist
        )
    }
}

pub const DOCUMENT_NOT_FOR_PARTNERS: RuleRef = RuleRef {
    reference: "GL 3.1.2, FAQ 2.1",
    ja: "パートナー事業者は医療機関等向けの文書を発行できません（医療機関等との合意は提供事業者が行います）",
    en: "a partner provider cannot have documents for medical institutions issued (the provider agrees them with the institutions)",
};

pub const DOCUMENT_OWN_INSTITUTION_ONLY: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1), GL 4.1",
    ja: "医療機関等の利用者は自機関向けの文書だけを発行できます",
    en: "an institution's user can have documents issued for its own institution only",
};

pub const DOCUMENT_KIND_NOT_FOR_INSTITUTIONS: RuleRef = RuleRef {
    reference: "FAQ 6.1, GL 6",
    ja: "この文書は提供事業者の記録であり、医療機関等の利用者には発行されません",
    en: "this document is the provider's record and is not issued to institution users",
};

pub const DOCUMENT_NEEDS_AUDIT_READER: RuleRef = RuleRef {
    reference: "GL 6 (監査証跡)",
    ja: "監査証跡抜粋は監査証跡を閲覧できる利用者（管理者・監査人）だけが発行できます",
    en: "an audit-trail excerpt is issued only to users who read the audit trail (administrators, auditors)",
};

pub const DOCUMENT_NEEDS_INSTITUTION: RuleRef = RuleRef {
    reference: "GL 4.1 表4-1, FAQ 4.1",
    ja: "表4-1 の情報提供は医療機関等ごとです。医療機関等を指定してください",
    en: "the Table 4-1 disclosure is made per institution: name the institution",
};

pub const DOCUMENT_INSTITUTION_NOT_SERVED: RuleRef = RuleRef {
    reference: "GL 4.1, FAQ 4.1",
    ja: "この医療機関等はこのサービスの契約がありません（文書はサービスを利用する医療機関等に渡すものです）",
    en: "the institution has no contract for this offering (a document is given to an institution the offering serves)",
};

pub const DOCUMENT_NOT_PER_INSTITUTION: RuleRef = RuleRef {
    reference: "FAQ 5.3, 6.1",
    ja: "この文書はサービス全体のものであり、医療機関等ごとには作成しません",
    en: "this document covers the whole offering and is not made per institution",
};

/// Who may have a document of `kind` issued, and for whom. `reader` is `None` for an
/// operator at the server's command line. Returns the institution the document is for
/// (`None`: the provider's document for every institution).
///
/// - provider administrators and auditors: every kind;
/// - provider members: every kind but the audit-trail excerpt (they do not read the trail);
/// - institution reviewers: the documents of the consensus with their institution, for their
///   own institution only (an omitted institution means theirs);
/// - partner providers: none (GL 3.1.2: the provider agrees with the institutions).
///
/// A Table 4-1 disclosure pack is always for one institution; the statement of
/// applicability, device ledger and audit excerpt are never per institution.
pub fn document_audience(
    reader: Option<&Principal>,
    kind: DocumentKind,
    institution: Option<OrgId>,
) -> Result<Option<OrgId>, FieldError> {
    let institution = match reader.map(|p| p.role) {
        Some(Role::Partner) => return Err(refuse("kind", DOCUMENT_NOT_FOR_PARTNERS)),
        Some(Role::InstitutionReviewer) => {
            let own = reader.map(|p| p.org);
            if !kind.for_institution_readers() {
                return Err(refuse("kind", DOCUMENT_KIND_NOT_FOR_INSTITUTIONS));
            }
            if institution.is_some() && institution != own {
                return Err(refuse("institution", DOCUMENT_OWN_INSTITUTION_ONLY));
            }
            if kind.for_one_institution() {
                own
            } else {
                None
            }
        }
        Some(Role::ProviderMember) if kind == DocumentKind::AuditExcerpt => {
            return Err(refuse("kind", DOCUMENT_NEEDS_AUDIT_READER));
        }
        _ => institution,
    };
    if institution.is_some() && !kind.for_one_institution() {
        return Err(refuse("institution", DOCUMENT_NOT_PER_INSTITUTION));
    }
    if institution.is_none() && kind.needs_institution() {
        return Err(refuse("institution", DOCUMENT_NEEDS_INSTITUTION));
    }
    Ok(institution)
}

/// The kinds `reader` may have issued at all (for some institution or for every one), in
/// the order users see them.
pub fn kinds_for(reader: Option<&Principal>) -> Vec<DocumentKind> {
    DocumentKind::ALL
        .iter()
        .copied()
        .filter(|k| match document_audience(reader, *k, None) {
            Ok(_) => true,
            Err(e) => e.field == "institution",
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;
    use uuid::Uuid;

    fn org(n: u128) -> OrgId {
        OrgId::from_uuid(Uuid::from_u128(n))
    }

    fn who(role: Role) -> Principal {
        Principal {
            user: UserId::from_uuid(Uuid::from_u128(1)),
            name: "u".into(),
            org: org(7),
            role,
            access_until: None,
        }
    }

    /// (reader, kind, institution asked) → the audience, or the field refused.
    #[test]
    fn who_may_have_which_document_issued_for_whom() {
        use DocumentKind::*;
        use Role::*;
        let own = Some(org(7));
        let other = Some(org(9));
        type Case = (
            Option<Role>,
            DocumentKind,
            Option<OrgId>,
            Result<Option<OrgId>, &'static str>,
        );
        #[rustfmt::skip]
        let cases: &[Case] = &[
            // The provider: any kind, for all or one institution (GL 3.1.2, 4.1).
            (Some(ProviderAdmin), RiskTreatment, None, Ok(None)),
            (Some(ProviderAdmin), RiskTreatment, other, Ok(other)),
            (Some(ProviderAdmin), AuditExcerpt, None, Ok(None)),
            (Some(ProviderMember), Responsibility, other, Ok(other)),
            (Some(ProviderMember), AuditExcerpt, None, Err("kind")),
            (None, AuditExcerpt, None, Ok(None)),
            (Some(Auditor), AuditExcerpt, None, Ok(None)),
            // Disclosure is per institution (GL 4.1 表4-1).
            (Some(ProviderAdmin), Disclosure, None, Err("institution")),
            (None, Disclosure, other, Ok(other)),
            // Whole-offering documents are not narrowed (FAQ 5.3, 6.1).
            (Some(ProviderAdmin), Applicability, other, Err("institution")),
            (Some(ProviderAdmin), DeviceLedger, other, Err("institution")),
            // An institution: its own documents only (GL 5.1.6 (1)).
            (Some(InstitutionReviewer), RiskTreatment, None, Ok(own)),
            (Some(InstitutionReviewer), RiskTreatment, own, Ok(own)),
            (Some(InstitutionReviewer), RiskTreatment, other, Err("institution")),
            (Some(InstitutionReviewer), Disclosure, None, Ok(own)),
            (Some(InstitutionReviewer), Applicability, None, Ok(None)),
            (Some(InstitutionReviewer), DeviceLedger, None, Err("kind")),
            (Some(InstitutionReviewer), AuditExcerpt, own, Err("kind")),
            // A partner: none (GL 3.1.2).
            (Some(Partner), RiskTreatment, other, Err("kind")),
            (Some(Partner), Diagram, None, Err("kind")),
        ];
        for (role, kind, asked, want) in cases {
            let p = role.map(who);
            let got = document_audience(p.as_ref(), *kind, *asked).map_err(|e| e.field);
            assert_eq!(
                got,
                want.map_err(String::from),
                "{role:?} {kind:?} {asked:?}"
            );
        }
    }

    #[test]
    fn the_kinds_each_role_is_offered() {
        use DocumentKind::*;
        let kinds = |r: Role| kinds_for(Some(&who(r)));
        assert_eq!(kinds(Role::ProviderAdmin), DocumentKind::ALL.to_vec());
        assert!(!kinds(Role::ProviderMember).contains(&AuditExcerpt));
        assert_eq!(
            kinds(Role::InstitutionReviewer),
            vec![
                RiskTreatment,
                Disclosure,
                Responsibility,
                Applicability,
                Diagram,
                OperationalRules,
                MhlwChecklist
            ]
        );
        assert!(kinds(Role::Partner).is_empty());
        assert_eq!(kinds_for(None), DocumentKind::ALL.to_vec());
    }

    #[test]
    fn refusals_cite_the_guideline_in_both_languages() {
        let e = document_audience(Some(&who(Role::Partner)), DocumentKind::RiskTreatment, None)
            .unwrap_err();
        assert!(e.message.contains("GL 3.1.2") && e.message.contains("パートナー"));
    }
}
