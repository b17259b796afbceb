//! 運用管理規程 (operational management rules, GL 5.1.6 (2), FAQ 6, 6.1): one version of the
//! provider's rules as they apply to an offering, a section per item (ア)–(サ) and the
//! provider's own, the digest the institutions agree to, and where each covered institution
//! stands (agreed, declined, question open, awaiting). Issued as PDF; DOCX for editing
//! outside anzen (an edited file is not the agreed text: a new version is issued in anzen).
//!
//! One model feeds both formats: [`pdf`](OperationalRules::pdf) (typst template
//! `templates/operational-rules.typ`, A4 portrait) and [`docx`]. The model carries text ready
//! to read; the application maps a version (`anzen_app::oprules`) onto it.

mod docx;

use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{Format, RenderError};

/// The document's title, as printed on every page.
pub const TITLE: &str = "運用管理規程";

/// One version of the rules, for one offering (and, if narrowed, one institution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationalRules {
    pub cover: Cover,
    /// `第2版（全提供サービス共通）`: which rules and which of their versions.
    pub rules_version: String,
    /// SHA-256 of the content the institutions agree to.
    pub digest: String,
    pub sections: Vec<RulesSection>,
    /// Each covered institution (or only the one the document is for).
    pub institutions: Vec<InstitutionStanding>,
}

/// One section: `（ア）医療情報システム等の安全管理に係る基本方針` and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RulesSection {
    pub key: String,
    pub title: String,
    pub body: String,
    /// Where the first draft came from (`機器台帳`, `手入力` …).
    pub drafted_from: String,
}

/// Where one institution stands on the version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstitutionStanding {
    pub institution: String,
    /// `合意済み`, `合意しない（回答待ち）` …
    pub standing: String,
    /// Who agreed and when, when agreed.
    pub agreed_by: Option<String>,
}

impl OperationalRules {
    fn front_rows(&self) -> Vec<(String, String)> {
        vec![
            ("規程の版".into(), self.rules_version.clone()),
            ("内容の SHA-256".into(), self.digest.clone()),
        ]
    }

    fn standing_cells(&self) -> Vec<[String; 3]> {
        self.institutions
            .iter()
            .map(|i| {
                [
                    i.institution.clone(),
                    i.standing.clone(),
                    i.agreed_by.clone().unwrap_or_else(|| "—".into()),
                ]
            })
            .collect()
    }

    /// The data the typst template reads as `data.json`.
    pub fn template_data(&self) -> serde_json::Value {
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "front": self.front_rows(),
            "sections": self.sections,
            "standings": self.standing_cells(),
        })
    }

    /// The rules as PDF (A4 portrait, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/operational-rules.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The rules as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }
}

impl crate::Document for OperationalRules {
    const TITLE: &'static str = TITLE;
    /// A text document: PDF to issue, DOCX to edit; no spreadsheet.
    const FORMATS: &'static [Format] = &[Format::Pdf, Format::Docx];

    fn cover(&self) -> &Cover {
        &self.cover
    }
    fn cover_mut(&mut self) -> &mut Cover {
        &mut self.cover
    }
    fn render(&self, format: Format) -> Result<Vec<u8>, RenderError> {
        match format {
            Format::Pdf => self.pdf(),
            Format::Docx => self.docx(),
            Format::Xlsx => Err(RenderError::UnsupportedFormat("xlsx")),
        }
    }
    fn entries(&self) -> Vec<crate::Entry> {
        let mut out: Vec<crate::Entry> = self
            .sections
            .iter()
            .map(|s| crate::Entry {
                key: format!("section:{}", s.key),
                caption: format!("（{}）{}", s.key, s.title),
                content: serde_json::json!({"title": s.title, "body": s.body}),
            })
            .collect();
        out.extend(self.institutions.iter().map(|i| crate::Entry {
            key: format!("institution:{}", i.institution),
            caption: i.institution.clone(),
            content: serde_json::json!({"standing": i.standing, "agreed_by": i.agreed_by}),
        }));
        out
    }
}
