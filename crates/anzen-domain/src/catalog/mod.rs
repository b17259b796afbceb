//! Guideline catalogues as versioned data (architecture: "Catalogues are versioned data, not
//! code"; notes §0.3): Table 4-1 (GL 4.1), the 運用管理規程 minimum items (ア)–(サ) (GL 5.1.6
//! (2), FAQ 6.1), the chapter 6 regulatory requirements (FAQ 7, 7.1) and the MHLW
//! cybersecurity checklist, provider version (notes §7).
//!
//! Each catalogue is a TOML file under `catalogs/` with a header (id, version, titles, source,
//! edition note) and `[[items]]`. This module holds the types and a pure parser; reading the
//! files is the caller's business (this crate does no IO).
//!
//! Every item carries the confidence label of the domain notes (§0.1). The label describes
//! the item as catalogued (its existence, position and title); where a part of it is weaker,
//! for example a confirmed title whose body was only partly seen, `note` says so.

use std::collections::BTreeMap;
use std::fmt;

use crate::{FieldError, code_enum};

mod parse;
mod references;
#[cfg(test)]
mod tests;

pub use parse::parse_catalog;
pub use references::check_references;

code_enum! {
    /// Which catalogue a file holds.
    CatalogId {
        Table41 = "table_4_1", "医療機関等へ情報提供すべき項目（表4-1）", "Information to give medical institutions (Table 4-1)";
        OperationalRules = "operational_rules", "運用管理規程に含める事項", "Minimum items of the 運用管理規程";
        RegulatoryRequirements = "regulatory_requirements", "制度上の要求事項", "Regulatory requirements (chapter 6)";
        MhlwChecklistProvider = "mhlw_checklist_provider", "サイバーセキュリティ対策チェックリスト（事業者確認用）", "MHLW cybersecurity checklist, provider version";
    }
}

code_enum! {
    /// How far a catalogue entry is backed by the source text (notes §0.1).
    Confidence {
        /// Read in the cited source text.
        Confirmed = "confirmed", "確認済み", "Confirmed";
        /// Only the start of the passage or table is known.
        PartlySeen = "partly_seen", "一部確認", "Partly seen";
        /// Worked out from nearby text, the MHLW GL or a secondary source.
        Inferred = "inferred", "推定", "Inferred";
        /// Not known; the entry is a placeholder.
        Unknown = "unknown", "不明", "Unknown";
    }
}

code_enum! {
    /// The two purposes of Table 4-1 (GL 4.1; FAQ 4.1).
    Purpose {
        /// ① What an institution must at least check when it selects an external-storage contractor.
        SelectionCriteria = "selection_criteria", "①外部保存を受託する事業者の選定基準として確認する項目", "① Checks for selecting an external-storage contractor";
        /// ② What the provider gives so that both sides reach a common understanding.
        CommonUnderstanding = "common_understanding", "②医療機関等との共通理解を形成するために情報提供すべき項目", "② Information for a common understanding";
    }
}

code_enum! {
    /// When in consensus building a Table 4-1 item is typically given (FAQ 4.1-R2, a suggestion).
    Stage {
        Early = "early", "合意形成過程の初期段階", "Early stage of consensus building";
        Contract = "contract", "契約に向けて具体的な話が進んだ段階", "Contract stage (talks toward a contract are concrete)";
    }
}

code_enum! {
    /// Where the answer to a Table 4-1 item can come from: anzen's own register, or by hand.
    AnswerSource {
        Manual = "manual", "手入力", "Answered by hand";
        DomesticLaw = "domestic_law", "国内法の適用（保存機器の設置国）", "Japanese law reaches the storage (the devices' country)";
        StorageLocation = "storage_location", "保存場所（地域・国）", "Storage location (region, country)";
        ForeignLawExposure = "foreign_law_exposure", "国外法の適用可能性", "Exposure to foreign law";
        EvaluationResult = "evaluation_result", "安全管理に係る評価の結果", "Safety-management evaluation result";
        ConfigurationDiagram = "configuration_diagram", "全体構成図", "Overall configuration diagram";
        RiskTreatmentList = "risk_treatment_list", "リスク対応一覧", "Risk treatment list";
        Certifications = "certifications", "第三者認証", "Third-party certifications";
    }
}

code_enum! {
    /// Whether a checklist item is known to be in the provider version (事業者確認用; notes §7).
    ProviderVersion {
        Confirmed = "confirmed", "事業者確認用に掲載（確認済み）", "In the provider version (confirmed)";
        Unknown = "unknown", "事業者確認用への掲載は不明", "Not known whether in the provider version";
    }
}

/// A catalogue that failed to parse or validate: the file, the item key when known, and the
/// field (dotted path from the top of the file, e.g. `items[3].purpose`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CatalogError {
    pub source_name: String,
    pub item_key: Option<String>,
    pub error: FieldError,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.source_name)?;
        if let Some(key) = &self.item_key {
            write!(f, "item `{key}`: ")?;
        }
        write!(f, "{}", self.error)
    }
}

/// The document a catalogue reflects.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogSource {
    pub document: String,
    pub url: Option<String>,
}

/// A validated catalogue. Build it with [`parse_catalog`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Catalog {
    id: CatalogId,
    version: String,
    title_ja: String,
    title_en: String,
    source: CatalogSource,
    edition_note: String,
    items: Vec<CatalogItem>,
}

impl Catalog {
    pub fn id(&self) -> CatalogId {
        self.id
    }
    /// The guideline or checklist edition the data reflects, e.g. `v1.1` or `R7`.
    pub fn version(&self) -> &str {
        &self.version
    }
    pub fn title_ja(&self) -> &str {
        &self.title_ja
    }
    pub fn title_en(&self) -> &str {
        &self.title_en
    }
    pub fn source(&self) -> &CatalogSource {
        &self.source
    }
    pub fn edition_note(&self) -> &str {
        &self.edition_note
    }
    /// The items in file order.
    pub fn items(&self) -> &[CatalogItem] {
        &self.items
    }
    pub fn item(&self, key: &str) -> Option<&CatalogItem> {
        self.items.iter().find(|i| i.key == key)
    }
    /// How many items carry each confidence label; every label is present, zero included.
    pub fn count_by_confidence(&self) -> BTreeMap<Confidence, usize> {
        let mut counts: BTreeMap<Confidence, usize> =
            Confidence::ALL.iter().map(|&c| (c, 0)).collect();
        for item in &self.items {
            *counts.entry(item.confidence).or_default() += 1;
        }
        counts
    }
}

/// One catalogue entry: the fields every catalogue shares plus the kind-specific data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogItem {
    key: String,
    title_ja: String,
    title_ja_provisional: bool,
    title_en: String,
    summary_en: String,
    source: String,
    confidence: Confidence,
    note: Option<String>,
    detail: ItemDetail,
}

impl CatalogItem {
    /// The stable key (e.g. `①-1`, `ア`, `6.2-authenticity`, `2-⑦`); anzen's, not an
    /// official number unless the source numbers the item.
    pub fn key(&self) -> &str {
        &self.key
    }
    /// The Japanese key term as the source gives it, or a working label when
    /// [`title_ja_provisional`](Self::title_ja_provisional) is set.
    pub fn title_ja(&self) -> &str {
        &self.title_ja
    }
    /// True when `title_ja` is anzen's working label (or placeholder), not wording from the source.
    pub fn title_ja_provisional(&self) -> bool {
        self.title_ja_provisional
    }
    pub fn title_en(&self) -> &str {
        &self.title_en
    }
    /// A short paraphrase in English (never a copy of the guideline text).
    pub fn summary_en(&self) -> &str {
        &self.summary_en
    }
    /// Page or section citation.
    pub fn source(&self) -> &str {
        &self.source
    }
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
    pub fn detail(&self) -> &ItemDetail {
        &self.detail
    }
    /// Whether a risk decision (risk acceptance, not applicable, not adopted) may close this
    /// item. Never for a regulatory requirement: those are handled uniformly whatever the risk
    /// (FAQ 7-R1); the only way out is a documented finding that the law does not apply.
    pub fn is_waivable(&self) -> bool {
        !matches!(self.detail, ItemDetail::RegulatoryRequirement(_))
    }
}

/// The kind-specific data of an item; the kind follows from the catalogue id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemDetail {
    Table41(Table41Row),
    OperationalRule,
    RegulatoryRequirement(RegulatoryRequirement),
    ChecklistItem(ChecklistItem),
}

/// A Table 4-1 row (GL 4.1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Table41Row {
    pub purpose: Purpose,
    pub stage: Stage,
    pub answerable_from: AnswerSource,
    /// The table's sub-group label where the notes give it, e.g. 医療機関等との役割分担の明確化.
    pub group_ja: Option<String>,
    /// The guideline section whose work produces the answer (4.2, 4.3, 5.1.1, 5.1.5, 5.1.6).
    pub produced_by: Option<String>,
    /// The key of the row this is a sub-row of (the ②-7 運用管理規程 sub-rows).
    pub parent: Option<String>,
    /// The key of the matching item in the `operational_rules` catalogue.
    pub operational_rule: Option<String>,
}

/// A chapter 6 regulatory requirement (制度上の要求事項). Never waivable (FAQ 7-R1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RegulatoryRequirement {
    /// The guideline section, e.g. `6.2`.
    pub section: String,
    /// The laws and notices to consult (FAQ 7.1-R2); never empty.
    pub legal_basis: Vec<LegalBasis>,
}

/// A law, ordinance, notice or guideline a regulatory requirement rests on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LegalBasis {
    pub name_ja: String,
    /// Number, date or article, e.g. `平成16年法律第149号`.
    pub reference: Option<String>,
    pub confidence: Confidence,
}

/// An item of the MHLW cybersecurity checklist (notes §7).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChecklistItem {
    pub in_provider_version: ProviderVersion,
    /// The MHLW GL 6.0 reference as the notes give it, e.g. `運用13⑪`.
    pub mhlw_ref: Option<String>,
    /// The checklist edition that introduced or formalised the item, e.g. `R7`.
    pub introduced_in: Option<String>,
}

/// The longest `summary_en`: a paraphrase, not a copied passage.
pub const MAX_SUMMARY_CHARS: usize = 600;
