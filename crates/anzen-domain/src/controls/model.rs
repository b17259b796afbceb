//! The control catalogue types: versions of Appendix 2 (別紙2) and the controls a provider
//! defines itself (appendix2.md §7.1; FAQ 5.3).

use crate::FieldError;
use crate::catalog::Confidence;
use crate::code_enum;

/// The catalogue id of Appendix 2.
pub const APPENDIX2_ID: &str = "appendix2";

/// The official title of Appendix 2 (appendix2.md §1, confirmed).
pub const APPENDIX2_TITLE: &str =
    "(別紙2)統合前ガイドラインにおける対策項目一覧と医療情報安全管理ガイドライン6.0版の対応表";

/// The ministry page that publishes guideline v1.1 with Appendix 2 (appendix2.md §1).
pub const APPENDIX2_URL: &str = "https://www.soumu.go.jp/menu_news/s-news/01ryutsu06_02000359.html";

/// The total number of control items a vendor page claims for Appendix 2 (appendix2.md §4:
/// 416, unverified). Shown next to the count of a catalogue that claims to be complete
/// (appendix2.md §7.3 rule 5); never used to refuse an import.
pub const CLAIMED_TOTAL: usize = 416;

code_enum! {
    /// Whether an item's text is the official wording or anzen's paraphrase. The UI never
    /// shows a paraphrase in place of the Japanese text (appendix2.md §7.3 rule 10).
    TextOrigin {
        /// Imported from the official file, exactly as written there.
        Official = "official", "原文（取込み）", "Official text, as imported";
        /// anzen's own English paraphrase from the domain notes; not the official wording.
        Paraphrase = "paraphrase", "要約（原文ではない）", "Paraphrase (not the official wording)";
    }
}

code_enum! {
    /// The level of an Appendix 2 category (appendix2.md §2: 大項目 › 中項目 › 小項目).
    CategoryLevel {
        Major = "major", "大項目", "Major category";
        Middle = "middle", "中項目", "Sub-category";
        Minor = "minor", "小項目", "Topic";
    }
}

code_enum! {
    /// Where a control comes from: Appendix 2, or the provider itself (FAQ 5.3-R4: measures
    /// not in Appendix 2 are allowed when the risk analysis supports them).
    ControlSourceKind {
        Appendix2 = "appendix2", "別紙2の対策項目", "Appendix 2 control item";
        Provider = "provider", "事業者独自の対策", "Provider-defined control";
    }
}

/// The descriptive data of a catalogue version (appendix2.md §7.1 `ControlCatalogue`), given
/// by whoever imports or ships it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CatalogueMeta {
    /// The catalogue, e.g. `appendix2`.
    pub id: String,
    /// A label for this version, e.g. `v1.1`.
    pub version: String,
    pub source_title: String,
    pub source_url: Option<String>,
    /// SHA-256 of the imported file, lower-case hex (appendix2.md §7.3 rule 6).
    pub source_sha256: Option<String>,
    /// The provider guideline version the appendix belongs to, e.g. `1.1`.
    pub provider_gl_version: String,
    /// The MHLW guideline version the references point to, e.g. `6.0` (§7.3 rule 8).
    pub mhlw_gl_version: String,
    /// Whether the catalogue claims to hold every item of the appendix.
    pub complete: bool,
}

impl CatalogueMeta {
    /// The official Appendix 2 of guideline v1.1 (mapped to MHLW GL 6.0), as imported from
    /// the file whose SHA-256 is `sha256`. The version label carries the start of the hash so
    /// that two imports are told apart; the caller may replace it.
    pub fn official_v1_1(sha256: Option<String>) -> Self {
        let version = match &sha256 {
            Some(hash) => format!("v1.1 ({})", hash.chars().take(12).collect::<String>()),
            None => "v1.1".to_owned(),
        };
        Self {
            id: APPENDIX2_ID.to_owned(),
            version,
            source_title: APPENDIX2_TITLE.to_owned(),
            source_url: Some(APPENDIX2_URL.to_owned()),
            source_sha256: sha256,
            provider_gl_version: "1.1".to_owned(),
            mhlw_gl_version: "6.0".to_owned(),
            complete: true,
        }
    }

    /// Checks the fields: ids and labels on one line, an http(s) URL, a 64-digit hex hash.
    pub fn validate(&self) -> Result<(), FieldError> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !id_ok {
            return Err(FieldError::new(
                "id",
                "must be 1 to 40 characters of a-z, 0-9, `_` and `-`",
            ));
        }
        for (field, value) in [
            ("version", &self.version),
            ("source_title", &self.source_title),
            ("provider_gl_version", &self.provider_gl_version),
            ("mhlw_gl_version", &self.mhlw_gl_version),
        ] {
            let t = value.trim();
            if t.is_empty() || t.chars().any(char::is_control) || t.chars().count() > 300 {
                return Err(FieldError::new(
                    field,
                    "must be one line of 1 to 300 characters",
                ));
            }
        }
        if let Some(url) = &self.source_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(FieldError::new("source_url", "must be an http(s) URL"));
        }
        if let Some(hash) = &self.source_sha256
            && !(hash.len() == 64
                && hash
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        {
            return Err(FieldError::new(
                "source_sha256",
                "must be 64 lower-case hexadecimal digits",
            ));
        }
        Ok(())
    }
}

/// A version of a control catalogue. Each import is a new version; versions are never changed
/// in place (appendix2.md §7.3 rule 6).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ControlCatalogue {
    #[serde(flatten)]
    pub meta: CatalogueMeta,
    /// Why the catalogue is incomplete, when it is (the built-in partial one says so).
    pub completeness_note: Option<String>,
    /// Whether the item texts are the official wording or a paraphrase.
    pub text_origin: TextOrigin,
    /// The meaning of the 区分 mark (◎), once the official legend is known. Code never gives
    /// the mark a meaning of its own (appendix2.md §7.2, 区分).
    pub kubun_legend: Option<String>,
    /// The category tree in file order.
    pub categories: Vec<ControlCategory>,
    /// The items in file order; `key` and `ascii_key` are unique.
    pub items: Vec<ControlItem>,
}

impl ControlCatalogue {
    pub fn item(&self, key: &str) -> Option<&ControlItem> {
        self.items.iter().find(|i| i.key == key)
    }

    /// The claimed total to show next to the item count, when the catalogue claims to be
    /// complete (appendix2.md §7.3 rule 5).
    pub fn expected_total(&self) -> Option<usize> {
        self.meta.complete.then_some(CLAIMED_TOTAL)
    }
}

/// A category of the tree: a 大項目 (`1`), a 中項目 (`1.1`, parent `1`) or a 小項目 (`①`,
/// parent `1.1`; the circled number restarts in every 中項目, appendix2.md §2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ControlCategory {
    pub level: CategoryLevel,
    pub number: String,
    pub parent: Option<String>,
    pub title: Option<String>,
    /// True when `title` is anzen's working label, not the source's wording.
    pub title_provisional: bool,
    pub confidence: Option<Confidence>,
}

/// One control item of Appendix 2 (appendix2.md §7.1 `ControlItem`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ControlItem {
    /// `<中項目>/<No.>` with the No. exactly as written, e.g. `1.1/①-1`.
    pub key: String,
    /// The same key in ASCII, e.g. `1.1-1-1` (full-width digits and hyphen variants folded).
    pub ascii_key: String,
    pub major_no: String,
    pub major_title: Option<String>,
    pub middle_no: String,
    pub middle_title: Option<String>,
    /// The circled number as written, e.g. `①`.
    pub minor_symbol: String,
    pub minor_index: u32,
    pub minor_title: Option<String>,
    /// The number after the hyphen of the No.; `None` for a No. without one (e.g. `②`).
    pub seq: Option<u32>,
    /// The text of the item, line breaks kept.
    pub content: String,
    /// The 区分 cell as written: `◎` or empty; other values are kept and warned about.
    pub kubun_mark: String,
    /// Derived: the text contains 「望ましい」 (desirable); for filtering only.
    pub desirable: bool,
    /// The example risk scenario; the default description of a risk raised from the item.
    pub risk_scenario: Option<String>,
    /// The related MHLW GL requirements, in file order.
    pub mhlw_refs: Vec<MhlwRef>,
    /// The row of the source table where the item starts (1-based), when imported.
    pub source_row: Option<u32>,
    /// Where the notes read the item (built-in catalogue only), e.g. a page URL.
    pub source_ref: Option<String>,
    /// The confidence of the domain notes (built-in catalogue only; notes §0.1).
    pub confidence: Option<Confidence>,
    pub note: Option<String>,
}

impl ControlItem {
    /// Whether the item has a related MHLW requirement (not only a `—`).
    pub fn has_mhlw_reference(&self) -> bool {
        self.mhlw_refs.iter().any(|r| !r.none_marker)
    }
}

/// One related MHLW GL requirement of an item (appendix2.md §7.1 `MhlwRequirementRef`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MhlwRef {
    /// One of 概説編 / 経営管理編 / 企画管理編 / システム運用編, or the cell as written when
    /// it is none of them (a warning at import).
    pub volume: Option<String>,
    /// The section key, a circled sub-number kept: `4`, `12④`, `3.4.1`.
    pub section: Option<String>,
    pub section_title: Option<String>,
    /// The kind without brackets, e.g. `遵守事項`.
    pub kind: Option<String>,
    pub text: Option<String>,
    /// The row said explicitly that no MHLW requirement is related (`—`, `-`, blank).
    pub none_marker: bool,
    pub source_row: Option<u32>,
}

/// A control the provider defines itself (FAQ 5.3-R4: measures not in Appendix 2, or beyond
/// it, are allowed when the risk analysis supports them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProviderControl {
    key: String,
    title: String,
    description: String,
}

impl ProviderControl {
    pub const MAX_KEY: usize = 40;
    pub const MAX_TITLE: usize = 200;
    pub const MAX_DESCRIPTION: usize = 4000;

    /// Checks and builds a provider control: a key of ASCII letters, digits, `.`, `_`, `-`
    /// (so it never looks like an Appendix 2 key), a one-line title and a description.
    pub fn new(key: &str, title: &str, description: &str) -> Result<Self, FieldError> {
        let key = key.trim();
        let key_ok = !key.is_empty()
            && key.len() <= Self::MAX_KEY
            && key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !key_ok {
            return Err(FieldError::new(
                "key",
                format!(
                    "must be 1 to {} characters of A-Z, a-z, 0-9, `.`, `_` and `-`",
                    Self::MAX_KEY
                ),
            ));
        }
        let title = crate::text::Name::parse("title", title)?;
        let description = description.trim();
        if description.is_empty() {
            return Err(FieldError::new(
                "description",
                "is required: say what the control does (FAQ 5.3)",
            ));
        }
        if description.chars().count() > Self::MAX_DESCRIPTION {
            return Err(FieldError::new(
                "description",
                format!("must be at most {} characters", Self::MAX_DESCRIPTION),
            ));
        }
        Ok(Self {
            key: key.to_owned(),
            title: title.as_str().to_owned(),
            description: description.to_owned(),
        })
    }

    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn description(&self) -> &str {
        &self.description
    }
}
