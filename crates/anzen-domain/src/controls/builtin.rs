//! The TOML form of a control catalogue shipped with anzen (`catalogs/appendix2-partial.toml`):
//! categories and items written by hand from the domain notes, checked as strictly as an
//! import. Reading the file is the caller's business (this crate does no IO).

use std::collections::HashMap;

use super::model::{
    CatalogueMeta, CategoryLevel, ControlCatalogue, ControlCategory, ControlItem, MhlwRef,
    TextOrigin,
};
use super::numbering::{ascii_key, canonical_volume, mhlw_volumes, parse_key, parse_section};
use crate::FieldError;
use crate::catalog::{CatalogError, Confidence};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    id: String,
    version: String,
    source_title: String,
    source_url: Option<String>,
    source_sha256: Option<String>,
    provider_gl_version: String,
    mhlw_gl_version: String,
    complete: bool,
    completeness_note: Option<String>,
    text_origin: String,
    kubun_legend: Option<String>,
    #[serde(default)]
    categories: Vec<RawCategory>,
    #[serde(default)]
    items: Vec<RawItem>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    level: String,
    /// `1`, `1.1`, or `1.1/①` for a 小項目.
    number: String,
    title: Option<String>,
    #[serde(default)]
    title_provisional: bool,
    confidence: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    key: String,
    #[serde(default)]
    kubun_mark: String,
    content: String,
    risk_scenario: Option<String>,
    desirable: Option<bool>,
    confidence: String,
    source: String,
    note: Option<String>,
    #[serde(default)]
    mhlw_refs: Vec<RawRef>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRef {
    volume: Option<String>,
    section: Option<String>,
    section_title: Option<String>,
    kind: Option<String>,
    text: Option<String>,
    #[serde(default)]
    none_marker: bool,
}

/// Parses and checks a control catalogue in TOML. `source_name` (a file name) labels errors.
pub fn parse_control_catalogue(
    source_name: &str,
    text: &str,
) -> Result<ControlCatalogue, CatalogError> {
    let fail = |key: Option<&str>, error: FieldError| CatalogError {
        source_name: source_name.to_owned(),
        item_key: key.map(str::to_owned),
        error,
    };
    let table: toml::Table = toml::from_str(text)
        .map_err(|e| fail(None, FieldError::new("", format!("not valid TOML: {e}"))))?;
    let raw: RawFile = serde_path_to_error::deserialize(table).map_err(|e| {
        fail(
            None,
            FieldError::new(e.path().to_string(), e.inner().message().to_owned()),
        )
    })?;
    let meta = CatalogueMeta {
        id: raw.id,
        version: raw.version,
        source_title: raw.source_title,
        source_url: raw.source_url,
        source_sha256: raw.source_sha256,
        provider_gl_version: raw.provider_gl_version,
        mhlw_gl_version: raw.mhlw_gl_version,
        complete: raw.complete,
    };
    meta.validate().map_err(|e| fail(None, e))?;
    let text_origin =
        TextOrigin::parse_field("text_origin", &raw.text_origin).map_err(|e| fail(None, e))?;
    let completeness_note = nonblank(raw.completeness_note);
    if !meta.complete && completeness_note.is_none() {
        return Err(fail(
            None,
            FieldError::new(
                "completeness_note",
                "is required when complete = false: say what is missing and that the official file must be imported (appendix2.md §6)",
            ),
        ));
    }

    let mut categories: Vec<ControlCategory> = Vec::new();
    // (level, parent, number) → index
    let mut index: HashMap<(CategoryLevel, String, String), usize> = HashMap::new();
    for (i, c) in raw.categories.into_iter().enumerate() {
        let f = |name: &str| format!("categories[{i}].{name}");
        let err = |e: FieldError| fail(Some(&c.number), e);
        let level = CategoryLevel::parse_field(&f("level"), &c.level).map_err(err)?;
        let confidence = Confidence::parse_field(&f("confidence"), &c.confidence).map_err(err)?;
        let (parent, number) =
            category_number(level, &c.number).map_err(|m| err(FieldError::new(f("number"), m)))?;
        if let Some(parent) = &parent {
            let parent_level = match level {
                CategoryLevel::Minor => CategoryLevel::Middle,
                _ => CategoryLevel::Major,
            };
            let grand = parent_of(parent_level, parent);
            if !index.contains_key(&(parent_level, grand, parent.clone())) {
                return Err(err(FieldError::new(
                    f("number"),
                    format!(
                        "its parent {} `{parent}` is not declared above",
                        parent_level.label_ja()
                    ),
                )));
            }
        }
        let title = nonblank(c.title);
        if c.title_provisional && title.is_none() {
            return Err(err(FieldError::new(
                f("title"),
                "a provisional title needs the working title",
            )));
        }
        let key = (level, parent.clone().unwrap_or_default(), number.clone());
        if index.insert(key, categories.len()).is_some() {
            return Err(err(FieldError::new(f("number"), "declared twice")));
        }
        categories.push(ControlCategory {
            level,
            number,
            parent,
            title,
            title_provisional: c.title_provisional,
            confidence: Some(confidence),
        });
    }
    let title_of = |level: CategoryLevel, parent: &str, number: &str| {
        index
            .get(&(level, parent.to_owned(), number.to_owned()))
            .map(|&i| categories[i].title.clone())
    };

    let mut items: Vec<ControlItem> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, item) in raw.items.into_iter().enumerate() {
        let f = |name: &str| format!("items[{i}].{name}");
        let key = item.key.trim().to_owned();
        let err = |e: FieldError| fail(Some(&key), e);
        let (middle_no, no) = parse_key(&key).map_err(|m| err(FieldError::new(f("key"), m)))?;
        let major_no = middle_no.split('.').next().unwrap_or("").to_owned();
        let major_title = title_of(CategoryLevel::Major, "", &major_no).ok_or_else(|| {
            err(FieldError::new(
                f("key"),
                format!("大項目 `{major_no}` is not declared in [[categories]]"),
            ))
        })?;
        let middle_title =
            title_of(CategoryLevel::Middle, &major_no, &middle_no).ok_or_else(|| {
                err(FieldError::new(
                    f("key"),
                    format!("中項目 `{middle_no}` is not declared in [[categories]]"),
                ))
            })?;
        let minor_title = title_of(CategoryLevel::Minor, &middle_no, &no.symbol).flatten();
        let ascii = ascii_key(&middle_no, no.minor, no.seq);
        if let Some(first) = seen.insert(ascii.clone(), i) {
            return Err(err(FieldError::new(
                f("key"),
                format!("duplicate key ({ascii}), already used by items[{first}]"),
            )));
        }
        let content = nonblank(Some(item.content))
            .ok_or_else(|| err(FieldError::new(f("content"), "must not be empty")))?;
        if !matches!(item.kubun_mark.as_str(), "" | "◎") {
            return Err(err(
                FieldError::new(f("kubun_mark"), "must be ◎ or empty").with_accepted(["◎", ""])
            ));
        }
        let confidence =
            Confidence::parse_field(&f("confidence"), &item.confidence).map_err(err)?;
        let source = nonblank(Some(item.source))
            .ok_or_else(|| err(FieldError::new(f("source"), "must not be empty")))?;
        let mut mhlw_refs = Vec::with_capacity(item.mhlw_refs.len());
        for (j, r) in item.mhlw_refs.into_iter().enumerate() {
            let g = format!("items[{i}].mhlw_refs[{j}]");
            mhlw_refs.push(reference(&g, r).map_err(err)?);
        }
        items.push(ControlItem {
            ascii_key: ascii,
            major_no,
            major_title,
            middle_no,
            middle_title,
            minor_symbol: no.symbol,
            minor_index: no.minor,
            minor_title,
            seq: no.seq,
            desirable: item
                .desirable
                .unwrap_or_else(|| content.contains("望ましい")),
            content,
            kubun_mark: item.kubun_mark,
            risk_scenario: nonblank(item.risk_scenario),
            mhlw_refs,
            source_row: None,
            source_ref: Some(source),
            confidence: Some(confidence),
            note: nonblank(item.note),
            key,
        });
    }
    if items.is_empty() {
        return Err(fail(
            None,
            FieldError::new("items", "at least one [[items]] entry is required"),
        ));
    }
    Ok(ControlCatalogue {
        meta,
        completeness_note,
        text_origin,
        kubun_legend: nonblank(raw.kubun_legend),
        categories,
        items,
    })
}

fn nonblank(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The parent and the number of a category as written in the file.
fn category_number(level: CategoryLevel, number: &str) -> Result<(Option<String>, String), String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match level {
        CategoryLevel::Major if digits(number) => Ok((None, number.to_owned())),
        CategoryLevel::Middle => match number.split_once('.') {
            Some((a, b)) if digits(a) && digits(b) => Ok((Some(a.to_owned()), number.to_owned())),
            _ => Err(format!("`{number}` is not a 中項目 number such as `1.1`")),
        },
        CategoryLevel::Minor => match number.split_once('/') {
            Some((middle, symbol))
                if symbol.chars().count() == 1
                    && symbol
                        .chars()
                        .all(|c| super::numbering::circled_value(c).is_some()) =>
            {
                Ok((Some(middle.to_owned()), symbol.to_owned()))
            }
            _ => Err(format!("`{number}` is not a 小項目 such as `1.1/①`")),
        },
        CategoryLevel::Major => Err(format!("`{number}` is not a 大項目 number such as `1`")),
    }
}

/// The parent of a parent: a 中項目's 大項目 (`1.1` → `1`); a 大項目 has none.
fn parent_of(level: CategoryLevel, number: &str) -> String {
    match level {
        CategoryLevel::Middle => number.split('.').next().unwrap_or("").to_owned(),
        _ => String::new(),
    }
}

fn reference(field: &str, r: RawRef) -> Result<MhlwRef, FieldError> {
    let volume = nonblank(r.volume);
    let section = nonblank(r.section);
    let section_title = nonblank(r.section_title);
    let kind = nonblank(r.kind);
    let text = nonblank(r.text);
    if r.none_marker {
        if volume.is_some()
            || section.is_some()
            || section_title.is_some()
            || kind.is_some()
            || text.is_some()
        {
            return Err(FieldError::new(
                format!("{field}.none_marker"),
                "a `—` reference (none_marker = true) has no other field",
            ));
        }
        return Ok(MhlwRef {
            volume: None,
            section: None,
            section_title: None,
            kind: None,
            text: None,
            none_marker: true,
            source_row: None,
        });
    }
    if volume.is_none() && section.is_none() && text.is_none() {
        return Err(FieldError::new(
            field.to_owned(),
            "give at least one of volume, section and text, or none_marker = true",
        ));
    }
    if let Some(v) = &volume
        && canonical_volume(v) != Some(v.as_str())
    {
        return Err(
            FieldError::new(format!("{field}.volume"), format!("unknown volume `{v}`"))
                .with_accepted(mhlw_volumes()),
        );
    }
    if let Some(s) = &section
        && parse_section(s).map(|(n, t)| (n, t.is_none())) != Some((s.clone(), true))
    {
        return Err(FieldError::new(
            format!("{field}.section"),
            format!("`{s}` is not a section key such as `4`, `12④` or `3.4.1`"),
        ));
    }
    Ok(MhlwRef {
        volume,
        section,
        section_title,
        kind,
        text,
        none_marker: false,
        source_row: None,
    })
}
