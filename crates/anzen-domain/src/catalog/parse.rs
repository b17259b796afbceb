//! Parsing one catalogue file: the raw TOML shape (serde structs that accept every field
//! as optional) and its validation into the public types, with errors that name the field.

use std::collections::HashMap;

use super::{
    AnswerSource, Catalog, CatalogError, CatalogId, CatalogItem, CatalogSource, ChecklistItem,
    Confidence, ItemDetail, LegalBasis, MAX_SUMMARY_CHARS, ProviderVersion, Purpose,
    RegulatoryRequirement, Stage, Table41Row,
};
use crate::FieldError;

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
