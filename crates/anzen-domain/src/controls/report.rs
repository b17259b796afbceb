//! What an import tells the person who runs it: the report of a successful import
//! (appendix2.md §7.3 rule 5) or every error of a refused one.

use std::fmt;

use crate::code_enum;

/// The most errors an import lists; the rest are counted.
pub const MAX_ERRORS: usize = 500;

/// One problem of the source table, located by row and column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    /// The worksheet, when the source is a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row of the sheet or CSV record, 1-based; `None` for the whole file.
    pub row: Option<u32>,
    /// The column letter as a spreadsheet shows it (`A`, `B`, …, `AA`).
    pub column: Option<String>,
    /// The column's header, e.g. `対策項目 › No.`.
    pub header: Option<String>,
    /// What is wrong, in English, with the rule it breaks.
    pub message: String,
}

impl RowError {
    pub fn file(message: impl Into<String>) -> Self {
        Self {
            sheet: None,
            row: None,
            column: None,
            header: None,
            message: message.into(),
        }
    }

    pub fn at(
        row: u32,
        column: Option<usize>,
        header: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            sheet: None,
            row: Some(row),
            column: column.map(column_letter),
            header: header.map(str::to_owned),
            message: message.into(),
        }
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(sheet) = &self.sheet {
            write!(f, "sheet `{sheet}`, ")?;
        }
        match (self.row, &self.column) {
            (Some(row), Some(col)) => write!(f, "row {row}, column {col}")?,
            (Some(row), None) => write!(f, "row {row}")?,
            (None, Some(col)) => write!(f, "column {col}")?,
            (None, None) => write!(f, "file")?,
        }
        if let Some(header) = &self.header {
            write!(f, " ({header})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A refused import: every error found, nothing imported (appendix2.md §7.3: a file with any
/// error imports nothing).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
pub struct ImportErrors {
    /// The errors in row order, at most [`MAX_ERRORS`].
    pub errors: Vec<RowError>,
    /// How many more errors were found but not listed.
    pub more: usize,
}

impl ImportErrors {
    /// A refusal with one error about the whole file.
    pub fn file(message: impl Into<String>) -> Self {
        Self {
            errors: vec![RowError::file(message)],
            more: 0,
        }
    }

    /// A refusal with `errors`, sorted by row, at most [`MAX_ERRORS`] listed.
    pub fn from_errors(mut errors: Vec<RowError>) -> Self {
        errors.sort_by_key(|e| e.row.unwrap_or(0));
        let more = errors.len().saturating_sub(MAX_ERRORS);
        errors.truncate(MAX_ERRORS);
        Self { errors, more }
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.errors.len() + self.more;
        write!(
            f,
            "the file was not imported ({total} error{}):",
            if total == 1 { "" } else { "s" }
        )?;
        for e in &self.errors {
            write!(f, "\n  {e}")?;
        }
        if self.more > 0 {
            write!(f, "\n  … and {} more", self.more)?;
        }
        Ok(())
    }
}

code_enum! {
    /// Why a row of the source was not read as data (appendix2.md §7.3 rule 4).
    DropReason {
        /// A row above the header (document title, notes).
        BeforeHeader = "before_header", "表頭より前の行", "Above the header";
        /// The header rows repeated on a later printed page.
        RepeatedHeader = "repeated_header", "繰り返しの表頭", "Repeated header";
        /// A page number or the document title repeated on a printed page.
        PageFooter = "page_footer", "ページ番号・表題の繰り返し", "Page number or repeated title";
    }
}

/// A row left out of the catalogue, reported so that nothing disappears silently.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DroppedRow {
    pub row: u32,
    pub reason: DropReason,
    /// The row's text, cells joined with ` | `, shortened.
    pub text: String,
}

/// A warning: the import goes ahead, but someone should look.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportWarning {
    pub row: Option<u32>,
    pub column: Option<String>,
    pub header: Option<String>,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let e = RowError {
            sheet: None,
            row: self.row,
            column: self.column.clone(),
            header: self.header.clone(),
            message: self.message.clone(),
        };
        e.fmt(f)
    }
}

/// Item counts of one category.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CategoryCount {
    pub number: String,
    pub title: Option<String>,
    pub items: usize,
    /// Items marked ◎.
    pub marked: usize,
}

/// A hole in the numbering, e.g. `①-1`, `①-3` without `①-2` (appendix2.md §7.3 rule 5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NumberingGap {
    /// Where: a 大項目 (`1`, missing 中項目), a 中項目 (`1.1`, missing 小項目) or a 小項目
    /// (`1.1/①`, missing sequence numbers).
    pub within: String,
    /// The missing numbers as they would be written, e.g. `1.2`, `②`, `①-2`.
    pub missing: Vec<String>,
}

/// The report of a successful import (appendix2.md §7.3 rule 5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportReport {
    /// The worksheet read, when the source is a workbook.
    pub sheet: Option<String>,
    pub items: usize,
    /// MHLW reference rows read (a `—` counts).
    pub references: usize,
    pub per_major: Vec<CategoryCount>,
    pub per_middle: Vec<CategoryCount>,
    /// Items whose 区分 is ◎.
    pub marked: usize,
    /// Keys of items with no related MHLW requirement (none given, or only `—`).
    pub without_mhlw_reference: Vec<String>,
    pub numbering_gaps: Vec<NumberingGap>,
    pub dropped_rows: Vec<DroppedRow>,
    pub warnings: Vec<ImportWarning>,
    /// The claimed total (about 416, unverified) when the catalogue claims to be complete.
    pub expected_total: Option<usize>,
}

/// The spreadsheet letter of a 0-based column: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn errors_are_sorted_capped_and_printed_with_their_place() {
        let mut errors: Vec<RowError> = (0..MAX_ERRORS as u32 + 3)
            .rev()
            .map(|r| RowError::at(r + 1, Some(4), Some("対策項目 › No."), "bad"))
            .collect();
        errors.push(RowError::file("whole"));
        let e = ImportErrors::from_errors(errors);
        assert_eq!(e.errors.len(), MAX_ERRORS);
        assert_eq!(e.more, 4);
        assert_eq!(e.errors[0].to_string(), "file: whole");
        assert_eq!(
            e.errors[1].to_string(),
            "row 1, column E (対策項目 › No.): bad"
        );
        assert!(e.to_string().contains("… and 4 more"));
    }
}
