//! Use-cases of the controls (FAQ 5.3, 5.4, 7; issue 4 items 5 and 6): the versions of the
//! Appendix 2 catalogue (the partial built-in one, and imports of the official file), the
//! difference a new version makes (statements and risks to review), the controls a provider
//! adds, the statements of applicability of each offering with their history, and the chapter
//! 6 regulatory requirements that no risk decision can waive.
//!
//! Catalogue versions are reference data of the whole installation: every role that reads
//! controls reads them, providers' members import them (the operator too, at the command
//! line), and an import marks for review the risks of every provider whose measures name a
//! changed or removed control (FAQ 5.3, 5.4: a new version is a re-evaluation trigger).

mod catalogues;
mod provider;
mod statements;

use std::sync::OnceLock;

use anzen_domain::catalog::{Catalog, CatalogId};
use anzen_domain::controls::{
    CatalogueDiff, ControlCatalogue, ImportErrors, ImportReport, StatementStatus, TextOrigin,
};
use anzen_domain::ids::{OfferingId, RiskId};
use jiff::Timestamp;
use uuid::Uuid;

use crate::AppError;
use crate::ports::CatalogueSummary;

pub use statements::{
    LinkedRiskView, RowState, StatementInput, StatementTable, TableRow, UnmetRow,
};

/// The id under which the built-in partial catalogue is listed (it is not stored).
pub const BUILTIN_CATALOGUE_ID: Uuid = Uuid::nil();

/// The catalogue id of Appendix 2.
pub const APPENDIX2: &str = anzen_domain::controls::APPENDIX2_ID;

/// A version of the Appendix 2 catalogue: the built-in partial one or an imported file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogueVersion {
    pub id: Uuid,
    pub version: String,
    /// The partial list shipped with anzen (paraphrased, incomplete): never a substitute for
    /// importing the official file (appendix2.md §6).
    pub builtin: bool,
    pub complete: bool,
    pub text_origin: TextOrigin,
    pub items: i64,
    pub source_name: Option<String>,
    pub source_sha256: Option<String>,
    pub imported_by: Option<String>,
    pub imported_at: Option<Timestamp>,
}

impl CatalogueVersion {
    fn builtin(c: &ControlCatalogue) -> Self {
        Self {
            id: BUILTIN_CATALOGUE_ID,
            version: c.meta.version.clone(),
            builtin: true,
            complete: c.meta.complete,
            text_origin: c.text_origin,
            items: i64::try_from(c.items.len()).unwrap_or(i64::MAX),
            source_name: None,
            source_sha256: None,
            imported_by: None,
            imported_at: None,
        }
    }

    fn stored(s: &CatalogueSummary) -> Self {
        Self {
            id: s.id,
            version: s.version.clone(),
            builtin: false,
            complete: true,
            text_origin: TextOrigin::Official,
            items: s.items,
            source_name: Some(s.source_name.clone()),
            source_sha256: Some(s.source_sha256.clone()),
            imported_by: Some(s.imported_by.clone()),
            imported_at: Some(s.imported_at),
        }
    }
}

/// The format of a catalogue file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// The official workbook.
    Xlsx,
    /// The CSV template for releases published only as a PDF (appendix2.md §7.3 rule 9).
    Csv,
}

impl ImportFormat {
    /// The format of a file: a ZIP archive is a workbook; otherwise the name's extension
    /// decides (`.csv`), and text is read as CSV.
    pub fn sniff(name: &str, bytes: &[u8]) -> Self {
        if bytes.starts_with(b"PK\x03\x04") {
            return ImportFormat::Xlsx;
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".csv") || lower.ends_with(".txt") {
            return ImportFormat::Csv;
        }
        if lower.ends_with(".xlsx") {
            return ImportFormat::Xlsx;
        }
        if std::str::from_utf8(bytes).is_ok() {
            ImportFormat::Csv
        } else {
            ImportFormat::Xlsx
        }
    }
}

/// A statement that a new version asks to review: it was made on a control that changed or
/// was removed (appendix2.md §7.3 rule 7; FAQ 5.4-R2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementToReview {
    pub offering: OfferingId,
    pub catalogue_version: String,
    pub key: String,
    pub status: StatementStatus,
    /// True when the control is gone from the new version.
    pub removed: bool,
}

/// A risk whose measures name a control that changed or was removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RiskToReview {
    pub id: RiskId,
    pub offering: OfferingId,
    pub title: String,
    /// The changed or removed controls its measures name.
    pub controls: Vec<String>,
}

/// What a version changed against the one before it, and what must be reviewed (within the
/// caller's reach).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogueReview {
    /// The version compared with (the previous import, or the built-in partial catalogue).
    pub from: CatalogueVersion,
    pub to: CatalogueVersion,
    pub diff: CatalogueDiff,
    pub statements_to_review: Vec<StatementToReview>,
    pub risks_to_review: Vec<RiskToReview>,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportOutcome {
    pub version: CatalogueVersion,
    /// The same file (SHA-256) was imported before: nothing was written.
    pub already_imported: bool,
    pub report: ImportReport,
    pub review: CatalogueReview,
    /// Risks of every provider marked for review by this import (0 when already imported).
    pub risks_marked: usize,
}

/// Why an import was refused.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file is not a valid Appendix 2: every error, by row and column; nothing imported.
    #[error("{0}")]
    File(ImportErrors),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<crate::StoreError> for ImportError {
    fn from(e: crate::StoreError) -> Self {
        ImportError::App(e.into())
    }
}

/// The partial built-in Appendix 2 (`catalogs/appendix2-partial.toml`), parsed once.
pub fn builtin_partial() -> Result<&'static ControlCatalogue, AppError> {
    static C: OnceLock<Result<ControlCatalogue, String>> = OnceLock::new();
    C.get_or_init(|| crate::import::builtin_appendix2().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| AppError::Internal(format!("the built-in Appendix 2 is invalid: {e}")))
}

/// The chapter 6 regulatory requirements (`catalogs/regulatory-requirements.toml`).
pub fn regulatory_catalogue() -> Result<&'static Catalog, AppError> {
    crate::catalogs::builtin_catalogue(CatalogId::RegulatoryRequirements)
}

/// Whether a measure's control reference names `item` (by its key or its ASCII key).
pub(crate) fn names_key(reference: &str, key: &str, ascii_key: Option<&str>) -> bool {
    let r = reference.trim();
    r == key || ascii_key.is_some_and(|a| a == r)
}
