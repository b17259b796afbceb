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

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::{FieldError, code_enum};

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
const MAX_KEY_CHARS: usize = 40;
const MAX_LINE_CHARS: usize = 300;

/// Parses and validates one catalogue file. `source_name` (a file name) only labels errors.
pub fn parse_catalog(source_name: &str, text: &str) -> Result<Catalog, CatalogError> {
    let fail = |key: Option<&str>, error: FieldError| CatalogError {
        source_name: source_name.to_owned(),
        item_key: key.map(str::to_owned),
        error,
    };
    let mut doc: toml::Table = toml::from_str(text)
        .map_err(|e| fail(None, FieldError::new("", format!("not valid TOML: {e}"))))?;
    let items = doc.remove("items");
    let header: RawHeader = deserialize("", doc).map_err(|e| fail(None, e))?;
    let mut catalog = header.validate().map_err(|e| fail(None, e))?;

    let items = match items {
        Some(toml::Value::Array(items)) if !items.is_empty() => items,
        Some(toml::Value::Array(_)) | None => {
            return Err(fail(
                None,
                FieldError::new("items", "at least one [[items]] entry is required"),
            ));
        }
        Some(_) => {
            return Err(fail(
                None,
                FieldError::new("items", "must be an array of tables ([[items]])"),
            ));
        }
    };
    catalog.items.reserve(items.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, value) in items.into_iter().enumerate() {
        let base = format!("items[{index}]");
        let key = value
            .get("key")
            .and_then(toml::Value::as_str)
            .map(|k| k.trim().to_owned());
        let key = key.as_deref().filter(|k| !k.is_empty());
        let raw: RawItem = deserialize(&base, value).map_err(|e| fail(key, e))?;
        let item = raw
            .validate(catalog.id, &base, &catalog.items)
            .map_err(|e| fail(key, e))?;
        if let Some(first) = seen.insert(item.key.clone(), index) {
            let message = format!("duplicate key, already used by items[{first}]");
            return Err(fail(key, FieldError::new(format!("{base}.key"), message)));
        }
        catalog.items.push(item);
    }
    Ok(catalog)
}

/// Checks a set of catalogues against each other: each id at most once, and every Table 4-1
/// `operational_rule` names an item of the `operational_rules` catalogue when that catalogue
/// is in the set. Errors name the catalogue by its id.
pub fn check_references(catalogs: &[Catalog]) -> Result<(), CatalogError> {
    let mut by_id: HashMap<CatalogId, &Catalog> = HashMap::new();
    for catalog in catalogs {
        if by_id.insert(catalog.id, catalog).is_some() {
            return Err(CatalogError {
                source_name: catalog.id.code().to_owned(),
                item_key: None,
                error: FieldError::new("id", "this catalogue is loaded twice"),
            });
        }
    }
    let (Some(table), Some(rules)) = (
        by_id.get(&CatalogId::Table41),
        by_id.get(&CatalogId::OperationalRules),
    ) else {
        return Ok(());
    };
    for (index, item) in table.items.iter().enumerate() {
        if let ItemDetail::Table41(Table41Row {
            operational_rule: Some(rule),
            ..
        }) = &item.detail
            && rules.item(rule).is_none()
        {
            return Err(CatalogError {
                source_name: CatalogId::Table41.code().to_owned(),
                item_key: Some(item.key.clone()),
                error: FieldError::new(
                    format!("items[{index}].operational_rule"),
                    format!("no item `{rule}` in catalogue `operational_rules`"),
                )
                .with_accepted(rules.items.iter().map(|i| i.key.clone())),
            });
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Raw file shape and validation.

fn deserialize<T, D>(base: &str, value: D) -> Result<T, FieldError>
where
    T: serde::de::DeserializeOwned,
    D: for<'de> serde::Deserializer<'de, Error = toml::de::Error>,
{
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = match (base.is_empty(), path.as_str()) {
            (_, ".") => base.to_owned(),
            (true, _) => path,
            (false, _) => format!("{base}.{path}"),
        };
        FieldError::new(field, e.inner().message().to_owned())
    })
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: Option<String>,
    version: Option<String>,
    title_ja: Option<String>,
    title_en: Option<String>,
    source: Option<RawSource>,
    edition_note: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    document: Option<String>,
    url: Option<String>,
}

impl RawHeader {
    /// The validated header, as a catalogue without items.
    fn validate(self) -> Result<Catalog, FieldError> {
        let id = CatalogId::parse_field("id", &required("id", self.id)?)?;
        let version = line("version", self.version)?;
        let title_ja = line("title_ja", self.title_ja)?;
        let title_en = line("title_en", self.title_en)?;
        let source = self
            .source
            .ok_or_else(|| FieldError::new("source", "is required"))?;
        let document = line("source.document", source.document)?;
        let url = match source.url {
            None => None,
            Some(url) => {
                let url = line("source.url", Some(url))?;
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(FieldError::new("source.url", "must be an http(s) URL"));
                }
                Some(url)
            }
        };
        let edition_note = required("edition_note", self.edition_note)?;
        Ok(Catalog {
            id,
            version,
            title_ja,
            title_en,
            source: CatalogSource { document, url },
            edition_note,
            items: Vec::new(),
        })
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    key: Option<String>,
    title_ja: Option<String>,
    #[serde(default)]
    title_ja_provisional: bool,
    title_en: Option<String>,
    summary_en: Option<String>,
    source: Option<String>,
    confidence: Option<String>,
    note: Option<String>,
    // table_4_1
    purpose: Option<String>,
    stage: Option<String>,
    answerable_from: Option<String>,
    group_ja: Option<String>,
    produced_by: Option<String>,
    parent: Option<String>,
    operational_rule: Option<String>,
    // regulatory_requirements
    section: Option<String>,
    legal_basis: Option<Vec<RawLegalBasis>>,
    waivable: Option<bool>,
    // mhlw_checklist_provider
    in_provider_version: Option<String>,
    mhlw_ref: Option<String>,
    introduced_in: Option<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLegalBasis {
    name_ja: Option<String>,
    reference: Option<String>,
    confidence: Option<String>,
}

/// The kind-specific fields each catalogue accepts.
fn kind_fields(id: CatalogId) -> &'static [&'static str] {
    match id {
        CatalogId::Table41 => &[
            "purpose",
            "stage",
            "answerable_from",
            "group_ja",
            "produced_by",
            "parent",
            "operational_rule",
        ],
        CatalogId::OperationalRules => &[],
        CatalogId::RegulatoryRequirements => &["section", "legal_basis", "waivable"],
        CatalogId::MhlwChecklistProvider => &["in_provider_version", "mhlw_ref", "introduced_in"],
    }
}

impl RawItem {
    fn present_kind_fields(&self) -> impl Iterator<Item = &'static str> {
        [
            ("purpose", self.purpose.is_some()),
            ("stage", self.stage.is_some()),
            ("answerable_from", self.answerable_from.is_some()),
            ("group_ja", self.group_ja.is_some()),
            ("produced_by", self.produced_by.is_some()),
            ("parent", self.parent.is_some()),
            ("operational_rule", self.operational_rule.is_some()),
            ("section", self.section.is_some()),
            ("legal_basis", self.legal_basis.is_some()),
            ("waivable", self.waivable.is_some()),
            ("in_provider_version", self.in_provider_version.is_some()),
            ("mhlw_ref", self.mhlw_ref.is_some()),
            ("introduced_in", self.introduced_in.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
    }

    fn validate(
        mut self,
        id: CatalogId,
        base: &str,
        earlier: &[CatalogItem],
    ) -> Result<CatalogItem, FieldError> {
        let f = |name: &str| format!("{base}.{name}");
        let allowed = kind_fields(id);
        if let Some(name) = self.present_kind_fields().find(|n| !allowed.contains(n)) {
            return Err(
                FieldError::new(f(name), format!("is not a field of catalogue `{id}`"))
                    .with_accepted(allowed.iter().copied()),
            );
        }
        let key = line(&f("key"), self.key.take())?;
        if key.chars().count() > MAX_KEY_CHARS || key.chars().any(char::is_whitespace) {
            return Err(FieldError::new(
                f("key"),
                format!("must be at most {MAX_KEY_CHARS} characters without spaces"),
            ));
        }
        let title_ja = line(&f("title_ja"), self.title_ja.take())?;
        let title_en = line(&f("title_en"), self.title_en.take())?;
        let summary_en = required(&f("summary_en"), self.summary_en.take())?;
        if summary_en.chars().count() > MAX_SUMMARY_CHARS {
            return Err(FieldError::new(
                f("summary_en"),
                format!("must be a short paraphrase of at most {MAX_SUMMARY_CHARS} characters"),
            ));
        }
        let source = line(&f("source"), self.source.take())?;
        let confidence = Confidence::parse_field(
            &f("confidence"),
            &required(&f("confidence"), self.confidence.take())?,
        )?;
        if confidence == Confidence::Unknown && !self.title_ja_provisional {
            return Err(FieldError::new(
                f("title_ja_provisional"),
                "an item of unknown confidence has no known title: give a placeholder title and set title_ja_provisional = true",
            ));
        }
        let note = optional(&f("note"), self.note.take())?;
        let title_ja_provisional = self.title_ja_provisional;
        let detail = match id {
            CatalogId::Table41 => ItemDetail::Table41(self.table41(base, earlier)?),
            CatalogId::OperationalRules => ItemDetail::OperationalRule,
            CatalogId::RegulatoryRequirements => {
                ItemDetail::RegulatoryRequirement(self.regulatory(base)?)
            }
            CatalogId::MhlwChecklistProvider => ItemDetail::ChecklistItem(self.checklist(base)?),
        };
        Ok(CatalogItem {
            key,
            title_ja,
            title_ja_provisional,
            title_en,
            summary_en,
            source,
            confidence,
            note,
            detail,
        })
    }

    fn table41(self, base: &str, earlier: &[CatalogItem]) -> Result<Table41Row, FieldError> {
        let f = |name: &str| format!("{base}.{name}");
        let purpose = Purpose::parse_field(&f("purpose"), &required(&f("purpose"), self.purpose)?)?;
        let stage = Stage::parse_field(&f("stage"), &required(&f("stage"), self.stage)?)?;
        let answerable_from = AnswerSource::parse_field(
            &f("answerable_from"),
            &required(&f("answerable_from"), self.answerable_from)?,
        )?;
        let produced_by = optional(&f("produced_by"), self.produced_by)?;
        if let Some(section) = &produced_by {
            section_number(&f("produced_by"), section)?;
        }
        let parent = optional(&f("parent"), self.parent)?;
        if let Some(parent_key) = &parent {
            let row = earlier
                .iter()
                .find(|i| &i.key == parent_key)
                .and_then(|i| match &i.detail {
                    ItemDetail::Table41(row) => Some(row),
                    _ => None,
                });
            let Some(row) = row else {
                return Err(FieldError::new(
                    f("parent"),
                    format!("no earlier item `{parent_key}`"),
                )
                .with_accepted(earlier.iter().map(|i| i.key.clone())));
            };
            if row.parent.is_some() {
                return Err(FieldError::new(
                    f("parent"),
                    format!("`{parent_key}` is itself a sub-row"),
                ));
            }
            if row.purpose != purpose {
                return Err(FieldError::new(
                    f("purpose"),
                    format!(
                        "must equal the purpose of parent `{parent_key}` ({})",
                        row.purpose
                    ),
                ));
            }
        }
        Ok(Table41Row {
            purpose,
            stage,
            answerable_from,
            group_ja: optional(&f("group_ja"), self.group_ja)?,
            produced_by,
            parent,
            operational_rule: optional(&f("operational_rule"), self.operational_rule)?,
        })
    }

    fn regulatory(self, base: &str) -> Result<RegulatoryRequirement, FieldError> {
        let f = |name: &str| format!("{base}.{name}");
        if self.waivable == Some(true) {
            return Err(FieldError::new(
                f("waivable"),
                "a regulatory requirement is never waivable: laws must be met uniformly, whatever the risk (FAQ 7)",
            )
            .with_accepted(["false"]));
        }
        let section = line(&f("section"), self.section)?;
        section_number(&f("section"), &section)?;
        let raw = self.legal_basis.unwrap_or_default();
        if raw.is_empty() {
            return Err(FieldError::new(
                f("legal_basis"),
                "at least one law or notice is required: each source must be consulted (FAQ 7.1)",
            ));
        }
        let mut legal_basis = Vec::with_capacity(raw.len());
        for (i, basis) in raw.into_iter().enumerate() {
            let g = |name: &str| format!("{base}.legal_basis[{i}].{name}");
            legal_basis.push(LegalBasis {
                name_ja: line(&g("name_ja"), basis.name_ja)?,
                reference: optional(&g("reference"), basis.reference)?,
                confidence: Confidence::parse_field(
                    &g("confidence"),
                    &required(&g("confidence"), basis.confidence)?,
                )?,
            });
        }
        Ok(RegulatoryRequirement {
            section,
            legal_basis,
        })
    }

    fn checklist(self, base: &str) -> Result<ChecklistItem, FieldError> {
        let f = |name: &str| format!("{base}.{name}");
        let presence = required(&f("in_provider_version"), self.in_provider_version)?;
        Ok(ChecklistItem {
            in_provider_version: ProviderVersion::parse_field(
                &f("in_provider_version"),
                &presence,
            )?,
            mhlw_ref: optional(&f("mhlw_ref"), self.mhlw_ref)?,
            introduced_in: optional(&f("introduced_in"), self.introduced_in)?,
        })
    }
}

/// A required, non-blank text (may span lines), trimmed.
fn required(field: &str, value: Option<String>) -> Result<String, FieldError> {
    match value.as_deref().map(str::trim) {
        None => Err(FieldError::new(field, "is required")),
        Some("") => Err(FieldError::new(field, "must not be empty")),
        Some(text) => Ok(text.to_owned()),
    }
}

/// A required one-line text of bounded length, trimmed.
fn line(field: &str, value: Option<String>) -> Result<String, FieldError> {
    let text = required(field, value)?;
    if text.chars().any(char::is_control) {
        return Err(FieldError::new(
            field,
            "must be one line without control characters",
        ));
    }
    if text.chars().count() > MAX_LINE_CHARS {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_LINE_CHARS} characters"),
        ));
    }
    Ok(text)
}

/// An optional text: absent stays absent, present must not be blank.
fn optional(field: &str, value: Option<String>) -> Result<Option<String>, FieldError> {
    value.map(|v| required(field, Some(v))).transpose()
}

/// A guideline section number such as `6.2` or `5.1.6`.
fn section_number(field: &str, value: &str) -> Result<(), FieldError> {
    let valid = value
        .split('.')
        .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if valid {
        Ok(())
    } else {
        Err(FieldError::new(
            field,
            format!("`{value}` is not a section number such as 5.1.6"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMON: &str = "title_ja = \"題\"\ntitle_en = \"Title\"\nsummary_en = \"Summary.\"\n\
                          source = \"GL p.1\"\nconfidence = \"confirmed\"\n";
    const T41: &str =
        "purpose = \"selection_criteria\"\nstage = \"early\"\nanswerable_from = \"manual\"\n";
    const REG: &str = "section = \"6.2\"\nwaivable = false\n\
                       legal_basis = [{ name_ja = \"e-文書法\", confidence = \"confirmed\" }]\n";
    const CHK: &str = "in_provider_version = \"unknown\"\n";

    fn doc(id: &str, items: &str) -> String {
        format!(
            "id = \"{id}\"\nversion = \"v1.1\"\ntitle_ja = \"表\"\ntitle_en = \"Table\"\n\
             edition_note = \"note\"\n[source]\ndocument = \"GL\"\nurl = \"https://example.org/gl\"\n\n{items}"
        )
    }

    fn item(key: &str, extra: &str) -> String {
        format!("[[items]]\nkey = \"{key}\"\n{COMMON}{extra}\n")
    }

    fn parse(text: &str) -> Result<Catalog, CatalogError> {
        parse_catalog("test.toml", text)
    }

    /// Parses `text`, expects an error and checks the file name, item key and field it names.
    fn fails(text: &str, key: Option<&str>, field: &str) -> CatalogError {
        let err = parse(text).expect_err("the catalogue should be rejected");
        assert_eq!(err.source_name, "test.toml", "{err}");
        assert_eq!(err.item_key.as_deref(), key, "{err}");
        assert_eq!(err.error.field, field, "{err}");
        err
    }

    #[test]
    fn a_small_catalogue_of_each_kind_parses() {
        let t = parse(&doc("table_4_1", &item("①-1", T41))).unwrap();
        assert_eq!(t.id(), CatalogId::Table41);
        assert_eq!(t.source().url.as_deref(), Some("https://example.org/gl"));
        let ItemDetail::Table41(row) = t.items()[0].detail() else {
            panic!()
        };
        assert_eq!(
            (row.purpose, row.stage),
            (Purpose::SelectionCriteria, Stage::Early)
        );
        assert!(parse(&doc("operational_rules", &item("ア", ""))).is_ok());
        let r = parse(&doc(
            "regulatory_requirements",
            &item("6.2-authenticity", REG),
        ))
        .unwrap();
        assert!(!r.items()[0].is_waivable());
        let c = parse(&doc("mhlw_checklist_provider", &item("1-①", CHK))).unwrap();
        assert!(c.items()[0].is_waivable());
    }

    #[test]
    fn invalid_toml_is_reported_for_the_whole_file() {
        let err = fails("id = ", None, "");
        assert!(err.error.message.contains("not valid TOML"), "{err}");
    }

    #[test]
    fn the_catalogue_id_must_be_known() {
        let err = fails(&doc("table_4_2", &item("①-1", T41)), None, "id");
        assert_eq!(
            err.error.accepted,
            CatalogId::ALL.iter().map(|c| c.code()).collect::<Vec<_>>()
        );
        let text = doc("table_4_1", &item("①-1", T41)).replace("id = \"table_4_1\"\n", "");
        fails(&text, None, "id");
    }

    #[test]
    fn header_texts_and_source_are_required() {
        let ok = doc("operational_rules", &item("ア", ""));
        fails(
            &ok.replace("title_ja = \"表\"", "title_ja = \" \""),
            None,
            "title_ja",
        );
        fails(&ok.replace("title_en = \"Table\"\n", ""), None, "title_en");
        fails(
            &ok.replace("version = \"v1.1\"", "version = \"\""),
            None,
            "version",
        );
        fails(
            &ok.replace("edition_note = \"note\"", "edition_note = \"\""),
            None,
            "edition_note",
        );
        fails(
            &ok.replace("document = \"GL\"", "document = \"\""),
            None,
            "source.document",
        );
        fails(
            &ok.replace("https://example.org/gl", "example.org"),
            None,
            "source.url",
        );
        let no_source = ok.replace(
            "[source]\ndocument = \"GL\"\nurl = \"https://example.org/gl\"\n",
            "",
        );
        fails(&no_source, None, "source");
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let ok = doc("operational_rules", &item("ア", ""));
        let err = fails(
            &ok.replace("version =", "edition = \"x\"\nversion ="),
            None,
            "edition",
        );
        assert!(
            err.error.message.contains("unknown field `edition`"),
            "{err}"
        );
        let err = fails(
            &doc("operational_rules", &item("ア", "remark = \"x\"\n")),
            Some("ア"),
            "items[0].remark",
        );
        assert!(
            err.error.message.contains("unknown field `remark`"),
            "{err}"
        );
        let err = fails(&ok.replace("url =", "page = 1\nurl ="), None, "source.page");
        assert!(err.error.message.contains("unknown field `page`"), "{err}");
    }

    #[test]
    fn a_catalogue_needs_items() {
        fails(&doc("operational_rules", ""), None, "items");
        fails(
            &doc("operational_rules", "").replace("id =", "items = 3\nid ="),
            None,
            "items",
        );
    }

    #[test]
    fn item_texts_are_required_and_typed() {
        let ok = doc("operational_rules", &item("ア", ""));
        fails(
            &ok.replace("title_ja = \"題\"", "title_ja = \"\""),
            Some("ア"),
            "items[0].title_ja",
        );
        fails(
            &ok.replace("title_en = \"Title\"\n", ""),
            Some("ア"),
            "items[0].title_en",
        );
        fails(
            &ok.replace("summary_en = \"Summary.\"", "summary_en = \" \""),
            Some("ア"),
            "items[0].summary_en",
        );
        fails(
            &ok.replace("source = \"GL p.1\"", "source = \"\""),
            Some("ア"),
            "items[0].source",
        );
        fails(
            &ok.replace("title_ja = \"題\"", "title_ja = 5"),
            Some("ア"),
            "items[0].title_ja",
        );
        fails(
            &ok.replace("title_en = \"Title\"", "title_en = \"a\\nb\""),
            Some("ア"),
            "items[0].title_en",
        );
        fails(&ok.replace("key = \"ア\"\n", ""), None, "items[0].key");
        fails(
            &ok.replace("key = \"ア\"", "key = \"ア イ\""),
            Some("ア イ"),
            "items[0].key",
        );
    }

    #[test]
    fn a_summary_is_a_short_paraphrase() {
        let long = "x".repeat(MAX_SUMMARY_CHARS + 1);
        let text = doc("operational_rules", &item("ア", "")).replace("Summary.", &long);
        fails(&text, Some("ア"), "items[0].summary_en");
    }

    #[test]
    fn keys_are_unique() {
        let text = doc(
            "operational_rules",
            &(item("ア", "") + &item("イ", "") + &item("ア", "")),
        );
        let err = fails(&text, Some("ア"), "items[2].key");
        assert!(err.error.message.contains("items[0]"), "{err}");
    }

    #[test]
    fn confidence_is_required_and_lists_the_accepted_labels() {
        let ok = doc("operational_rules", &item("ア", ""));
        let err = fails(
            &ok.replace("\"confirmed\"", "\"certain\""),
            Some("ア"),
            "items[0].confidence",
        );
        assert_eq!(
            err.error.accepted,
            ["confirmed", "partly_seen", "inferred", "unknown"]
        );
        fails(
            &ok.replace("confidence = \"confirmed\"\n", ""),
            Some("ア"),
            "items[0].confidence",
        );
    }

    #[test]
    fn an_unknown_item_has_a_provisional_placeholder_title() {
        let ok = doc("operational_rules", &item("コ", "")).replace("\"confirmed\"", "\"unknown\"");
        fails(&ok, Some("コ"), "items[0].title_ja_provisional");
        let placeholder = ok.replace(
            "title_ja = \"題\"",
            "title_ja = \"（表題不明）\"\ntitle_ja_provisional = true",
        );
        let catalog = parse(&placeholder).unwrap();
        assert!(catalog.items()[0].title_ja_provisional());
    }

    #[test]
    fn table_4_1_rows_need_purpose_stage_and_answer_source() {
        for field in ["purpose", "stage", "answerable_from"] {
            let extra: String = T41
                .lines()
                .filter(|l| !l.starts_with(field))
                .map(|l| format!("{l}\n"))
                .collect();
            fails(
                &doc("table_4_1", &item("①-1", &extra)),
                Some("①-1"),
                &format!("items[0].{field}"),
            );
        }
        let bad = T41.replace("selection_criteria", "③");
        let err = fails(
            &doc("table_4_1", &item("①-1", &bad)),
            Some("①-1"),
            "items[0].purpose",
        );
        assert_eq!(
            err.error.accepted,
            ["selection_criteria", "common_understanding"]
        );
        let bad = T41.replace("\"manual\"", "\"oracle\"");
        let err = fails(
            &doc("table_4_1", &item("①-1", &bad)),
            Some("①-1"),
            "items[0].answerable_from",
        );
        assert!(err.error.accepted.contains(&"storage_location".to_owned()));
    }

    #[test]
    fn table_4_1_sections_and_parents_are_checked() {
        let bad = format!("{T41}produced_by = \"5.1.x\"\n");
        fails(
            &doc("table_4_1", &item("②-5", &bad)),
            Some("②-5"),
            "items[0].produced_by",
        );
        let child = format!("{T41}parent = \"②-7\"\n");
        let err = fails(
            &doc("table_4_1", &item("②-7(ア)", &child)),
            Some("②-7(ア)"),
            "items[0].parent",
        );
        assert!(err.error.message.contains("no earlier item"), "{err}");
        let parent = T41.replace("selection_criteria", "common_understanding");
        let text = doc(
            "table_4_1",
            &(item("②-7", &parent) + &item("②-7(ア)", &child)),
        );
        fails(&text, Some("②-7(ア)"), "items[1].purpose");
        let child_ok = child.replace("selection_criteria", "common_understanding");
        let grandchild = child_ok.replace("②-7", "②-7(ア)");
        let text = doc(
            "table_4_1",
            &(item("②-7", &parent) + &item("②-7(ア)", &child_ok) + &item("x", &grandchild)),
        );
        fails(&text, Some("x"), "items[2].parent");
    }

    #[test]
    fn kind_specific_fields_belong_to_their_catalogue() {
        let err = fails(
            &doc("table_4_1", &item("①-1", &format!("{T41}{REG}"))),
            Some("①-1"),
            "items[0].section",
        );
        assert!(err.error.accepted.contains(&"purpose".to_owned()), "{err}");
        fails(
            &doc("operational_rules", &item("ア", CHK)),
            Some("ア"),
            "items[0].in_provider_version",
        );
    }

    #[test]
    fn a_regulatory_requirement_has_a_legal_basis_and_is_never_waivable() {
        let key = Some("6.2-authenticity");
        let text = |extra: &str| doc("regulatory_requirements", &item("6.2-authenticity", extra));
        let no_basis: String = REG
            .lines()
            .filter(|l| !l.starts_with("legal_basis"))
            .map(|l| format!("{l}\n"))
            .collect();
        fails(&text(&no_basis), key, "items[0].legal_basis");
        fails(
            &text(&format!("{no_basis}legal_basis = []\n")),
            key,
            "items[0].legal_basis",
        );
        let err = fails(
            &text(&REG.replace("waivable = false", "waivable = true")),
            key,
            "items[0].waivable",
        );
        assert!(err.error.message.contains("FAQ 7"), "{err}");
        let no_conf = REG.replace(", confidence = \"confirmed\"", "");
        fails(&text(&no_conf), key, "items[0].legal_basis[0].confidence");
        fails(
            &text(&REG.replace("\"e-文書法\"", "\"\"")),
            key,
            "items[0].legal_basis[0].name_ja",
        );
        fails(
            &text(&REG.replace("section = \"6.2\"\n", "")),
            key,
            "items[0].section",
        );
        fails(
            &text(&REG.replace("\"6.2\"", "\"six\"")),
            key,
            "items[0].section",
        );
        // Absent `waivable` means false.
        let implicit = text(&REG.replace("waivable = false\n", ""));
        assert!(!parse(&implicit).unwrap().items()[0].is_waivable());
    }

    #[test]
    fn a_checklist_item_says_whether_it_is_in_the_provider_version() {
        fails(
            &doc("mhlw_checklist_provider", &item("1-①", "")),
            Some("1-①"),
            "items[0].in_provider_version",
        );
        let err = fails(
            &doc(
                "mhlw_checklist_provider",
                &item("1-①", "in_provider_version = \"yes\"\n"),
            ),
            Some("1-①"),
            "items[0].in_provider_version",
        );
        assert_eq!(err.error.accepted, ["confirmed", "unknown"]);
    }

    #[test]
    fn the_error_message_names_file_item_field_and_accepted_values() {
        let err =
            parse(&doc("operational_rules", &item("ア", "")).replace("\"confirmed\"", "\"sure\""))
                .unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.starts_with("test.toml: item `ア`: items[0].confidence: unknown value `sure`"),
            "{shown}"
        );
        assert!(
            shown.contains("accepted values: confirmed, partly_seen, inferred, unknown"),
            "{shown}"
        );
    }

    #[test]
    fn counts_by_confidence_include_every_label() {
        let items = item("ア", "")
            + &item("イ", "").replace("\"confirmed\"", "\"inferred\"")
            + &item("ウ", "");
        let counts = parse(&doc("operational_rules", &items))
            .unwrap()
            .count_by_confidence();
        assert_eq!(counts[&Confidence::Confirmed], 2);
        assert_eq!(counts[&Confidence::Inferred], 1);
        assert_eq!(counts[&Confidence::PartlySeen], 0);
        assert_eq!(counts.len(), Confidence::ALL.len());
    }

    #[test]
    fn cross_references_resolve() {
        let rules = parse(&doc("operational_rules", &item("ア", ""))).unwrap();
        let link = |key: &str| {
            let extra = format!("{T41}operational_rule = \"{key}\"\n");
            parse(&doc("table_4_1", &item("②-7(ア)", &extra))).unwrap()
        };
        assert!(check_references(&[link("ア"), rules.clone()]).is_ok());
        let err = check_references(&[link("イ"), rules.clone()]).unwrap_err();
        assert_eq!(err.item_key.as_deref(), Some("②-7(ア)"));
        assert_eq!(err.error.field, "items[0].operational_rule");
        assert_eq!(err.error.accepted, ["ア"]);
        assert!(check_references(&[rules.clone(), rules]).is_err());
    }

    // --- The catalogues shipped in `catalogs/`. -------------------------------------------

    const TABLE_4_1: &str = include_str!("../../../catalogs/table-4-1.toml");
    const OPERATIONAL_RULES: &str = include_str!("../../../catalogs/operational-rules.toml");
    const REGULATORY: &str = include_str!("../../../catalogs/regulatory-requirements.toml");
    const CHECKLIST: &str = include_str!("../../../catalogs/mhlw-checklist-provider.toml");

    fn shipped() -> [Catalog; 4] {
        [
            parse_catalog("table-4-1.toml", TABLE_4_1),
            parse_catalog("operational-rules.toml", OPERATIONAL_RULES),
            parse_catalog("regulatory-requirements.toml", REGULATORY),
            parse_catalog("mhlw-checklist-provider.toml", CHECKLIST),
        ]
        .map(|c| c.unwrap_or_else(|e| panic!("{e}")))
    }

    fn keys(c: &Catalog) -> Vec<&str> {
        c.items().iter().map(CatalogItem::key).collect()
    }

    fn counts(c: &Catalog) -> [usize; 4] {
        let m = c.count_by_confidence();
        let v: Vec<usize> = Confidence::ALL.iter().map(|l| m[l]).collect();
        v.try_into().unwrap()
    }

    #[test]
    fn the_shipped_catalogues_parse_and_refer_to_each_other() {
        let all = shipped();
        assert_eq!(
            all.each_ref().map(Catalog::id),
            [
                CatalogId::Table41,
                CatalogId::OperationalRules,
                CatalogId::RegulatoryRequirements,
                CatalogId::MhlwChecklistProvider,
            ]
        );
        check_references(&all).unwrap();
    }

    #[test]
    fn the_operational_rules_are_the_eleven_items_a_to_sa_in_order() {
        let [_, rules, _, _] = shipped();
        assert_eq!(
            keys(&rules),
            [
                "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ"
            ]
        );
        let conf: Vec<Confidence> = rules.items().iter().map(CatalogItem::confidence).collect();
        use Confidence::{Confirmed as C, Inferred as I, Unknown as U};
        assert_eq!(conf, [C, C, C, C, I, I, I, I, I, U, U]);
        // (コ) and (サ) carry a placeholder, never a guessed title.
        for item in &rules.items()[9..] {
            assert!(
                item.title_ja_provisional() && item.title_ja().contains("不明"),
                "{}",
                item.key()
            );
        }
        assert_eq!(counts(&rules), [4, 0, 5, 2]);
        assert!(rules.items().iter().all(|i| !i.title_ja().contains("規定")));
    }

    #[test]
    fn table_4_1_has_both_purposes_and_mirrors_the_operational_rules() {
        let [table, rules, _, _] = shipped();
        let rows: Vec<(&CatalogItem, &Table41Row)> = table
            .items()
            .iter()
            .map(|i| match i.detail() {
                ItemDetail::Table41(row) => (i, row),
                other => panic!("{other:?}"),
            })
            .collect();
        let of = |p: Purpose| rows.iter().filter(|(_, r)| r.purpose == p).count();
        assert_eq!(of(Purpose::SelectionCriteria), 8);
        assert_eq!(of(Purpose::CommonUnderstanding), 7 + 11);
        assert!(
            rows.iter().all(
                |(_, r)| (r.purpose == Purpose::SelectionCriteria) == (r.stage == Stage::Early)
            )
        );
        for key in ["①-1", "①-8", "②-1", "②-6", "②-7"] {
            assert!(table.item(key).is_some(), "{key}");
        }
        let produced = |key: &str| match table.item(key).unwrap().detail() {
            ItemDetail::Table41(row) => row.produced_by.clone(),
            _ => None,
        };
        assert_eq!(produced("②-4").as_deref(), Some("4.3"));
        assert_eq!(produced("②-6").as_deref(), Some("5.1.5"));
        // Every ②-7 sub-row matches its operational-rules item in title and confidence.
        let subrows: Vec<_> = rows
            .iter()
            .filter(|(_, r)| r.parent.as_deref() == Some("②-7"))
            .collect();
        assert_eq!(subrows.len(), rules.items().len());
        for ((item, row), rule) in subrows.iter().zip(rules.items()) {
            assert_eq!(row.operational_rule.as_deref(), Some(rule.key()));
            assert_eq!(item.key(), format!("②-7({})", rule.key()));
            assert_eq!(
                (item.title_ja(), item.confidence()),
                (rule.title_ja(), rule.confidence())
            );
        }
        assert_eq!(counts(&table), [18, 1, 5, 2]);
    }

    #[test]
    fn every_regulatory_requirement_has_a_legal_basis_and_cannot_be_waived() {
        let [_, _, regulatory, _] = shipped();
        assert_eq!(
            keys(&regulatory),
            [
                "6.1-domestic-law",
                "6.2-authenticity",
                "6.2-legibility",
                "6.2-preservability",
                "6.3-e-signature",
                "6.4-careful-handling",
            ]
        );
        for item in regulatory.items() {
            let ItemDetail::RegulatoryRequirement(req) = item.detail() else {
                panic!()
            };
            assert!(!req.legal_basis.is_empty(), "{}", item.key());
            assert!(item.key().starts_with(&req.section), "{}", item.key());
            assert!(!item.is_waivable());
        }
        assert_eq!(counts(&regulatory), [1, 1, 4, 0]);
    }

    #[test]
    fn the_checklist_marks_what_the_provider_version_is_known_to_hold() {
        let [_, _, _, checklist] = shipped();
        assert_eq!(checklist.version(), "R7");
        assert_eq!(checklist.items().len(), 18);
        let confirmed: Vec<&str> = checklist
            .items()
            .iter()
            .filter(|i| {
                matches!(i.detail(), ItemDetail::ChecklistItem(c) if c.in_provider_version == ProviderVersion::Confirmed)
            })
            .map(CatalogItem::key)
            .collect();
        assert_eq!(confirmed, ["1-①", "2-③"]);
        assert!(checklist.item("2-⑦").is_some());
        assert!(checklist.edition_note().contains("imported"));
        assert_eq!(counts(&checklist), [16, 0, 2, 0]);
    }
}
