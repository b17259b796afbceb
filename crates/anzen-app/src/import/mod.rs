//! Importing Appendix 2 (別紙2) control catalogues (issue 4 item 5; appendix2.md §6, §7): the
//! official workbook (xlsx) or the CSV template for PDF-only releases, and the partial
//! built-in list shipped with anzen.
//!
//! These functions only read: they turn a file into a [`ControlCatalogue`] and its
//! [`ImportReport`], or into every error found ([`ImportErrors`]); nothing is partial. Storing
//! the new version (a no-op when the same SHA-256 was imported before, appendix2.md §7.3 rule
//! 6), its audit entry and the review of statements are the use-case's business.

mod csv;
#[cfg(test)]
mod tests;
mod xlsx;

use anzen_domain::catalog::CatalogError;
use anzen_domain::controls::{ControlCatalogue, parse_control_catalogue};
use sha2::{Digest, Sha256};

pub use anzen_domain::controls::{ImportErrors, ImportReport};
pub use csv::{
    appendix2_csv_template, read_appendix2_csv, read_appendix2_csv_bytes, read_appendix2_csv_with,
    to_csv_line,
};
pub use xlsx::{read_appendix2_xlsx, read_appendix2_xlsx_with};

/// The largest file accepted (the official appendix is a few hundred rows).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

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
