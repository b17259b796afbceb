//! The scope verdict: the fixed output interface `anzen/scope-verdict/v1`.

use serde::{Deserialize, Serialize};

use crate::code_enum;

/// The value of the verdict's `schema` field.
pub const VERDICT_SCHEMA: &str = "anzen/scope-verdict/v1";

code_enum! {
    /// The categories under which the guideline applies to an offering (GL 2.1, FAQ 1).
    ScopeCategory {
        /// Type (1): provides under a 契約等 with a medical institution.
        ContractedProvider = "contracted_provider", "類型(1) 医療機関等との契約等に基づき提供する事業者", "Type 1: provides under a contract with a medical institution";
        /// Type (2): supplies what such an offering needs, with no direct contract.
        SupplyChainProvider = "supply_chain_provider", "類型(2) 必要な資源や役務を提供する事業者（直接の契約なし）", "Type 2: supplies resources or services an in-scope offering needs";
        /// Type (3): receives medical information from an institution on the patient's instruction.
        PatientDirectedRecipient = "patient_directed_recipient", "類型(3) 患者等の指示に基づき医療機関等から医療情報を受領する事業者", "Type 3: receives medical information on the patient's instruction";
    }
}

code_enum! {
    /// How a reason bears on the verdict (anzen's addition to the contract's reason shape).
    Effect {
        /// Brings the offering into scope under `category`.
        Includes = "includes", "対象とする根拠", "brings into scope";
        /// Explains why a route into scope does not apply.
        Excludes = "excludes", "対象外とする根拠", "keeps out of scope";
        /// Widens the scope to the offering's other data (FAQ 1.4).
        Extends = "extends", "対象範囲の拡大", "widens the scope";
        /// Something to review: a conflict in the profile or a case the FAQ leaves open.
        Note = "note", "確認事項", "to review";
    }
}

/// One reason of a verdict. `ref` and `message` are the contract's fields; the rest is
/// anzen's addition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The FAQ section that decided this reason, e.g. `FAQ 1.3`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The reason in Japanese.
    pub message: String,
    /// The reason in English.
    pub message_en: String,
    /// The rule identifier in the domain notes, e.g. `FAQ1.3-R3`.
    pub rule: String,
    pub effect: Effect,
    /// The category this reason brings the offering into, for `includes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<ScopeCategory>,
}

/// The verdict of the scope engine for one profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeVerdict {
    pub schema: String,
    pub service: String,
    pub in_scope: bool,
    /// Every category under which the offering is in scope, in the contract's order.
    pub categories: Vec<ScopeCategory>,
    pub covers_non_medical_data: bool,
    pub reasons: Vec<Reason>,
}

impl ScopeVerdict {
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).expect("a verdict always serialises")
    }

    /// A plain-text rendering for terminals, Japanese first with English beside it.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let status = if self.in_scope {
            "対象 / in scope"
        } else {
            "対象外 / out of scope"
        };
        out.push_str(&format!("{}: {status}\n", self.service));
        if self.categories.is_empty() {
            out.push_str("区分 / categories: なし / none\n");
        } else {
            out.push_str("区分 / categories:\n");
            for c in &self.categories {
                out.push_str(&format!("  - {} ({})\n", c.label_ja(), c.code()));
            }
        }
        out.push_str(&format!(
            "医療情報以外のデータも対象 / non-medical data covered: {}\n",
            if self.covers_non_medical_data {
                "はい / yes"
            } else {
                "いいえ / no"
            }
        ));
        out.push_str("理由 / reasons:\n");
        for r in &self.reasons {
            out.push_str(&format!(
                "  [{}] ({}) {}\n        {}\n",
                r.reference,
                r.effect.label_ja(),
                r.message,
                r.message_en
            ));
        }
        out
    }
}
