//! Importing Appendix 2 (別紙2) control catalogues (issue 4 item 5; appendix2.md §6, §7): the
//! official workbook (xlsx) or the CSV template for PDF-only releases, and the partial
//! built-in list shipped with anzen.
//!
//! These functions only read: they turn a file into a [`ControlCatalogue`] and its
//! [`ImportReport`], or into every error found ([`ImportErrors`]); nothing is partial. Storing
//! the new version (a no-op when the same SHA-256 was imported before, appendix2.md §7.3 rule
//! 6), its audit entry and the review of statements are the use-case's business.
//!
//! Every upload is read within [`ImportLimits`] (the file's size; for a workbook the size of
//! its parts once decompressed, counted while decompressing, and their compression ratio;
//! rows, columns, cells, cell length and text; time), off the async runtime
//! ([`run_bounded`]); going past a limit is a [`LimitExceeded`] that names it. The pieces are
//! meant for every later import too: [`open_workbook`] and [`read_sheet`] for a workbook,
//! [`TableGuard`] for any other table.

mod archive;
mod budget;
mod csv;
mod guard;
mod limits;
#[cfg(test)]
mod limits_tests;
mod run;
#[cfg(test)]
mod tests;
mod workbook;
mod xlsx;

use std::fmt;

use anzen_domain::catalog::CatalogError;
use anzen_domain::controls::{ControlCatalogue, parse_control_catalogue};
use sha2::{Digest, Sha256};

pub use anzen_domain::controls::{ImportErrors, ImportReport};
pub use archive::{ArchiveStats, check_workbook};
pub use budget::{Budget, BudgetReader, LimitedReader};
pub use csv::{
    appendix2_csv_template, read_appendix2_csv, read_appendix2_csv_bytes,
    read_appendix2_csv_limited, read_appendix2_csv_with, to_csv_line,
};
pub use guard::TableGuard;
pub use limits::{ImportLimits, Limit, LimitExceeded, LimitUnit, RATIO_FLOOR, format_value};
pub use run::{read_appendix2, run_bounded};
pub use workbook::{Workbook, open_workbook, read_sheet, worksheet_names};
pub use xlsx::{read_appendix2_xlsx, read_appendix2_xlsx_limited, read_appendix2_xlsx_with};

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The file is not valid: every error, by row and column.
    File(ImportErrors),
    /// The file went past one of the [`ImportLimits`].
    Limit(LimitExceeded),
    /// The reader itself failed (our fault, not the file's).
    Failed(String),
}

impl ReadError {
    /// The refusal as a list of file errors (for the callers that only report those).
    pub fn into_import_errors(self) -> ImportErrors {
        match self {
            ReadError::File(e) => e,
            ReadError::Limit(l) => ImportErrors::file(l.to_string()),
            ReadError::Failed(m) => ImportErrors::file(m),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::File(e) => e.fmt(f),
            ReadError::Limit(l) => l.fmt(f),
            ReadError::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<ImportErrors> for ReadError {
    fn from(e: ImportErrors) -> Self {
        ReadError::File(e)
    }
}

impl From<LimitExceeded> for ReadError {
    fn from(e: LimitExceeded) -> Self {
        ReadError::Limit(e)
    }
}

impl From<ReadError> for crate::controls::ImportError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::File(e) => crate::controls::ImportError::File(e),
            ReadError::Limit(l) => crate::controls::ImportError::App(l.into()),
            ReadError::Failed(m) => crate::controls::ImportError::App(crate::AppError::Internal(m)),
        }
    }
}

const BUILTIN_APPENDIX2_NAME: &str = "catalogs/appendix2-partial.toml";
const BUILTIN_APPENDIX2: &str = include_str!("../../../../catalogs/appendix2-partial.toml");

/// The partial Appendix 2 shipped with anzen (`catalogs/appendix2-partial.toml`): the rows of
/// the domain notes that have a real ID, paraphrased, marked `complete = false`. A guide and a
/// test fixture, never a substitute for importing the official file (appendix2.md §6).
pub fn builtin_appendix2() -> Result<ControlCatalogue, CatalogError> {
    parse_control_catalogue(BUILTIN_APPENDIX2_NAME, BUILTIN_APPENDIX2)
}

/// The SHA-256 of a file, lower-case hex (appendix2.md §7.3 rule 6).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
