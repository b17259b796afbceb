//! anzen's document engine: the documents a provider hands to medical institutions, as PDF
//! (typst, with the Japanese fonts BIZ UDPMincho for running text and BIZ UDPGothic for
//! titles, headings and header cells compiled in), DOCX (for a person to edit further) and
//! XLSX.
//!
//! Each document has one data model (plain serde structs, text ready to read) that feeds all
//! three formats. The PDF layout lives in typst templates under `templates/`, which a
//! designer can change without touching Rust; the data reaches them as JSON.
//!
//! Rendering is synchronous and CPU-bound: async callers run it on
//! `tokio::task::spawn_blocking`.
//!
//! This crate is kept apart from the rest of the workspace because typst is by far the
//! longest part of a clean build and the largest part of the binary. Its `pdf` feature
//! (default) brings typst; without it the models, dates, DOCX and XLSX build in seconds.

#![forbid(unsafe_code)]

pub mod applicability;
pub mod audit_excerpt;
pub mod cover;
pub mod dates;
pub mod device_ledger;
pub mod diagram;
pub mod disclosure_pack;
pub mod document;
mod docx_header;
mod docx_house;
pub mod mhlw_checklist;
pub mod operational_rules;
pub mod responsibility;
pub mod risk_treatment;
mod tabular;
#[cfg(feature = "pdf")]
mod typst_world;
mod xlsx_sheet;

pub use applicability::StatementOfApplicability;
pub use audit_excerpt::AuditExcerpt;
pub use cover::Cover;
pub use device_ledger::DeviceLedger;
pub use diagram::ConfigurationDiagram;
pub use disclosure_pack::DisclosurePack;
pub use document::{Document, Entry};
pub use mhlw_checklist::MhlwChecklist;
pub use operational_rules::OperationalRules;
pub use responsibility::ResponsibilityDivision;
pub use risk_treatment::RiskTreatmentList;
#[cfg(feature = "pdf")]
pub use typst_world::{font_families, warm_up};

/// The formats a document is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
}

impl Format {
    /// Every format, in the order users see them.
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Xlsx];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
        }
    }

    /// The accepted names are `pdf`, `docx` and `xlsx`.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Why a document could not be rendered. None of these is the reader's fault: the data
/// comes from the application, the templates from the repository.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("document data could not be prepared: {0}")]
    Data(String),
    #[error("document template failed: {0}")]
    Template(String),
    #[error("DOCX could not be written: {0}")]
    Docx(String),
    #[error("XLSX could not be written: {0}")]
    Xlsx(String),
    /// This build has no PDF support (the `pdf` feature is off).
    #[error("this build cannot render {0}")]
    Unavailable(&'static str),
    /// The document is not made in this format (e.g. a diagram as XLSX).
    #[error("this document is not made as {0}")]
    UnsupportedFormat(&'static str),
}
