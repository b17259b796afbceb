//! The lifecycle of a medical information system (GL 3.2, Fig. 3-4; FAQ 3, 3.1) and the
//! default catalogue of duties per phase, as data.
//!
//! The catalogue is a starting point for an agreement (see [`super::agreement`]), not a
//! closed list. Each duty carries the confidence of the domain notes (§3.2): the guideline's
//! text for the development, operation and contract-end phases is only partly known, so
//! several duties are inferred (from the MHLW guideline or 別紙2) and say so.

use serde::Serialize;

use super::rule::Confidence;
use crate::code_enum;

code_enum! {
    /// The phases of Fig. 3-4 (GL 3.2) and agreement maintenance, which can start at any
    /// time during the contract (notes §3.2).
    LifecyclePhase {
        /// 契約前: consensus building on the Table 4-1 items (GL 3.2.1).
        PreContract = "pre_contract", "契約前（合意形成）", "Before the contract (consensus building)";
        /// 開発フェーズ: new development, maintenance development and initial set-up; can
        /// recur (GL 3.2.2, fn.19; FAQ 3.1 R1).
        Development = "development", "開発フェーズ（保守開発を含む）", "Development (maintenance development included)";
        /// 運用フェーズ (GL 3.2.2).
        Operation = "operation", "運用フェーズ", "Operation";
        /// 契約終了フェーズ: return or erasure of the data (GL 3.2.2; duties inferred).
        ContractEnd = "contract_end", "契約終了フェーズ（データの返却・消去）", "Contract end (return or erasure of data)";
        /// 危機管理対応時: report, remediation (善後策), recurrence prevention (再発防止策).
        CrisisResponse = "crisis_response", "危機管理対応時（報告・善後策・再発防止策）", "Crisis response (report, remediation, recurrence prevention)";
        /// 合意の維持: re-agreement when things change (GL 3.2.1).
        AgreementMaintenance = "agreement_maintenance", "合意の維持", "Maintaining the agreement";
    }
}

code_enum! {
    /// Who bears a duty by default (the agreement names the party).
    PartyKind {
        Institution = "institution", "医療機関等", "Medical institution";
        Provider = "provider", "対象事業者", "Provider";
        Subcontractor = "subcontractor", "委託先事業者", "Subcontractor";
    }
}

/// One duty of the default catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DutyTemplate {
    /// Stable key, e.g. `crisis.report`; anzen's, not an official number.
    pub key: &'static str,
    pub phase: LifecyclePhase,
    pub title_ja: &'static str,
    pub title_en: &'static str,
    /// The guideline or FAQ section, e.g. `GL 3.2 (Fig. 3-4)`.
    #[serde(rename = "ref")]
    pub reference: &'static str,
    /// How far the domain notes back the duty (§0.1).
    pub confidence: Confidence,
    /// The party that usually bears it; the agreement decides.
    pub default_party: PartyKind,
    /// Why the confidence is what it is, where it is not `confirmed`.
    pub note: Option<&'static str>,
}

macro_rules! duty {
    ($key:literal, $phase:ident, $party:ident, $conf:ident, $reference:literal, $ja:literal, $en:literal, $note:expr) => {
        DutyTemplate {
            key: $key,
            phase: LifecyclePhase::$phase,
            title_ja: $ja,
            title_en: $en,
            reference: $reference,
            confidence: Confidence::$conf,
            default_party: PartyKind::$party,
            note: $note,
        }
    };
}

/// The default duties per phase (notes §3.1, §3.2, §4; FAQ 2.1, 3, 3.1, 5.2).
pub const DEFAULT_DUTIES: &[DutyTemplate] = &[
    // 契約前 — 合意形成 (GL 3.2.1, Fig. 3-4; GL 3.1.1, 3.1.2, 4.1, 4.2).
    duty!(
        "pre.select_contractor",
        PreContract,
        Institution,
        Confirmed,
        "GL 3.1.1 (2)",
        "適切な委託先の選定と委託契約の締結",
        "Select a suitable contractor and conclude the entrustment contract",
        None
    ),
    duty!(
        "pre.disclose_table_4_1",
        PreContract,
        Provider,
        Confirmed,
        "GL 3.1.2; GL 4.1 (Table 4-1)",
        "表4-1の項目の分かりやすい情報提供（説明義務）",
        "Give the Table 4-1 information in an easily understood form (duty to explain)",
        None
    ),
    duty!(
        "pre.role_division",
        PreContract,
        Provider,
        PartlySeen,
        "GL 4.2; FAQ 4",
        "医療機関等との役割分担の明確化",
        "Make the role division with the institution clear",
        Some("The body text of GL 4.2 is not known; its outputs (Table 4-1 ②-1…②-3) are.")
    ),
    duty!(
        "pre.explicit_agreement",
        PreContract,
        Provider,
        PartlySeen,
        "GL 3.2.1 (Fig. 3-4); FAQ 4",
        "共通理解の形成と明示的な合意",
        "Reach a common understanding and an explicit agreement",
        Some("Fig. 3-4 is confirmed; the text of 3.2.1 was only partly seen.")
    ),
    // 開発フェーズ (GL 3.2.2, fn.19; FAQ 3.1).
    duty!(
        "dev.identify_risks",
        Development,
        Provider,
        PartlySeen,
        "GL 3.2.2 (fn.19); FAQ 3.1",
        "開発フェーズ（新規開発・保守開発・初期設定）のリスクと対応の特定",
        "Identify the risks and responses of development (new, maintenance development, initial set-up)",
        Some("GL 3.2.2 was only partly seen.")
    ),
    duty!(
        "dev.environments",
        Development,
        Provider,
        PartlySeen,
        "GL 5.2",
        "開発・テスト環境を情報流としてリスク特定に含める",
        "Treat development and test environments as information flows in risk identification",
        Some("GL 5.2 was only partly seen.")
    ),
    duty!(
        "dev.reagree_changes",
        Development,
        Provider,
        Inferred,
        "GL 3.2.1; FAQ 3.1",
        "保守開発による変更の説明と再合意",
        "Explain changes from maintenance development and re-agree",
        Some(
            "Inferred: maintenance development can recur (fn.19) and changes reopen agreement (3.2.1)."
        )
    ),
    // 運用フェーズ (GL 3.2.2; GL 3.1.1 (2) ③).
    duty!(
        "op.identify_risks",
        Operation,
        Provider,
        PartlySeen,
        "GL 3.2.2",
        "運用フェーズのリスクと対応の特定",
        "Identify the risks and responses of operation",
        Some("The 3.2.2 details for the operation phase are not known.")
    ),
    duty!(
        "op.controls",
        Operation,
        Provider,
        Inferred,
        "別紙2; MHLW checklist (provider version)",
        "別紙2の対策項目の実施とチェックリスト（事業者確認用）への回答",
        "Apply the 別紙2 controls and answer the MHLW checklist (provider version)",
        Some("Inferred: notes §3.2 say these apply in practice during operation.")
    ),
    duty!(
        "op.track_handling",
        Operation,
        Institution,
        Confirmed,
        "GL 3.1.1 (2)",
        "委託先における取扱状況の把握",
        "Keep track of how the provider handles the information",
        None
    ),
    // 契約終了フェーズ (duties inferred from the MHLW GL and 別紙2).
    duty!(
        "end.agree_return_or_erasure",
        ContractEnd,
        Provider,
        Inferred,
        "GL 3.2.2; MHLW GL (external storage)",
        "契約終了時のデータの返却又は消去の方法の取り決め",
        "Fix how data is returned or erased at contract end",
        Some("Inferred from the MHLW GL: the guideline's own text for contract end is not known.")
    ),
    duty!(
        "end.confirm_return_or_erasure",
        ContractEnd,
        Institution,
        Inferred,
        "MHLW GL 6.0 (企画管理編)",
        "返却・消去の方法と手順の確認",
        "Confirm the method and procedure of return or erasure",
        Some("Inferred from the MHLW GL.")
    ),
    duty!(
        "end.erasure_certificate",
        ContractEnd,
        Provider,
        Inferred,
        "別紙2 ③-8",
        "媒体廃棄時の読み出し不能の証明書の取得・提出",
        "Obtain and hand over a certificate that disposed media can no longer be read",
        Some("別紙2 ③-8 was only partly seen; placing it at contract end is inferred.")
    ),
    // 危機管理対応時 (GL 3.2, Fig. 3-4, p.25; 別紙2 1.11).
    duty!(
        "crisis.report",
        CrisisResponse,
        Provider,
        Confirmed,
        "GL 3.2 (Fig. 3-4); 別紙2 1.11 ①-1",
        "原因・影響範囲等の可能な限り詳細な報告（障害と復旧見込みの速やかな報告）",
        "Report as much detail as possible (cause, scope), and promptly the disruption and recovery outlook",
        None
    ),
    duty!(
        "crisis.explain_publicly",
        CrisisResponse,
        Institution,
        Confirmed,
        "GL 3.2 (Fig. 3-4)",
        "患者・所管官庁・社会への説明・公表",
        "Explain to patients, authorities and society, and publish",
        None
    ),
    duty!(
        "crisis.remediation",
        CrisisResponse,
        Provider,
        Confirmed,
        "GL 3.2 (Fig. 3-4, fn.20)",
        "善後策の速やかな実施",
        "Promptly take remedial measures (善後策)",
        None
    ),
    duty!(
        "crisis.recurrence_prevention",
        CrisisResponse,
        Provider,
        Confirmed,
        "GL 3.2 (Fig. 3-4)",
        "再発防止策の提案・合意・実施",
        "Propose recurrence-prevention measures (再発防止策), agree them and carry them out",
        None
    ),
    // 合意の維持 (GL 3.2.1; FAQ 2.1 R5, FAQ 5.2 R2).
    duty!(
        "maint.reagree_on_change",
        AgreementMaintenance,
        Provider,
        PartlySeen,
        "GL 3.2.1",
        "変更時の再合意",
        "Re-agree when things change",
        Some("GL 3.2.1 was only partly seen.")
    ),
    duty!(
        "maint.residual_risk",
        AgreementMaintenance,
        Provider,
        Confirmed,
        "FAQ 5.2",
        "残存リスクの（定期的な）再評価と合意",
        "Re-evaluate residual risk (periodically) and agree it",
        None
    ),
    duty!(
        "maint.change_notification",
        AgreementMaintenance,
        Provider,
        Confirmed,
        "FAQ 2.1",
        "サービス・契約変更の相互通知（推奨）",
        "Notify one another of service or contract changes (recommended)",
        Some("FAQ 2.1 gives it as a recommendation (考えられます).")
    ),
];

/// The catalogue duty with this key.
pub fn duty_template(key: &str) -> Option<&'static DutyTemplate> {
    DEFAULT_DUTIES.iter().find(|d| d.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_phase_has_duties_and_keys_are_unique() {
        for phase in LifecyclePhase::ALL {
            assert!(
                DEFAULT_DUTIES.iter().any(|d| d.phase == *phase),
                "{phase} has no default duty"
            );
        }
        let keys: BTreeSet<&str> = DEFAULT_DUTIES.iter().map(|d| d.key).collect();
        assert_eq!(keys.len(), DEFAULT_DUTIES.len());
    }

    #[test]
    fn weaker_entries_say_why_and_every_entry_cites_a_source() {
        for d in DEFAULT_DUTIES {
            assert!(!d.reference.is_empty(), "{}", d.key);
            if d.confidence != Confidence::Confirmed {
                assert!(
                    d.note.is_some(),
                    "{} is {} without a note",
                    d.key,
                    d.confidence
                );
            }
        }
        // The notes mark the contract-end duties as inferred (§3.2).
        assert!(
            DEFAULT_DUTIES
                .iter()
                .filter(|d| d.phase == LifecyclePhase::ContractEnd)
                .all(|d| d.confidence == Confidence::Inferred)
        );
    }

    #[test]
    fn crisis_response_covers_report_remediation_and_recurrence_prevention() {
        // GL 3.2, Fig. 3-4 (notes §3.2): (a) report, (b) 善後策, (c) 再発防止策.
        for key in [
            "crisis.report",
            "crisis.remediation",
            "crisis.recurrence_prevention",
        ] {
            let d = duty_template(key).unwrap();
            assert_eq!(d.phase, LifecyclePhase::CrisisResponse);
            assert_eq!(d.default_party, PartyKind::Provider);
        }
    }
}
