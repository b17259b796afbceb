//! The limits every uploaded file is read within, and the refusal that names the limit a file
//! went past. One type for every import (Appendix 2 today; the MHLW checklist and other
//! workbooks later), so that no import can forget one.
//!
//! The defaults are generous for the official Appendix 2 (about 1,400 controls, a file of a
//! few MB that expands to a few times that) and small enough that the largest file they
//! allow is read in well under the server's 150 MB and within a few seconds.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

const MIB: u64 = 1024 * 1024;

/// The limits an import is read within. Every field is the largest value accepted.
#[derive(Debug, Clone)]
pub struct ImportLimits {
    /// The file as uploaded (compressed, for a workbook).
    pub file_bytes: u64,
    /// All parts of a workbook together, once decompressed (counted while decompressing:
    /// the sizes a ZIP archive declares are not trusted).
    pub expanded_bytes: u64,
    /// One part of a workbook, once decompressed.
    pub part_bytes: u64,
    /// The parts (files) in a workbook's ZIP archive.
    pub parts: u64,
    /// How many times larger than its compressed size a part may expand (parts under
    /// [`RATIO_FLOOR`] bytes are not held to it).
    pub ratio: u64,
    /// The rows of a sheet or CSV file (the row number of the last filled cell).
    pub rows: u64,
    /// The columns of a sheet or CSV file.
    pub columns: u64,
    /// The filled cells of a sheet or CSV file; also the most shared strings a workbook may
    /// hold.
    pub cells: u64,
    /// The characters of one cell.
    pub cell_chars: u64,
    /// The text of all cells of the tables that are read, in bytes (a workbook may refer to
    /// one long shared string from many cells, and a merged range copies its value); also
    /// the most text a workbook's shared strings may hold.
    pub text_bytes: u64,
    /// The wall-clock time reading may take.
    pub time: Duration,
    /// Imports read at the same time in this process; more wait for their turn.
    concurrent: u32,
    gate: Arc<Semaphore>,
}

/// Parts smaller than this are not held to the compression ratio limit (a tiny, very
/// regular part compresses well without being a bomb).
pub const RATIO_FLOOR: u64 = MIB;

impl Default for ImportLimits {
    fn default() -> Self {
        Self {
            file_bytes: 8 * MIB,
            expanded_bytes: 64 * MIB,
            part_bytes: 32 * MIB,
            parts: 1_000,
            ratio: 100,
            rows: 5_000,
            columns: 64,
            cells: 100_000,
            cell_chars: 10_000,
            text_bytes: 4 * MIB,
            time: Duration::from_secs(10),
            concurrent: 1,
            gate: Arc::new(Semaphore::new(1)),
        }
    }
}

impl ImportLimits {
    /// The same limits with at most `n` imports read at the same time (at least one).
    pub fn with_concurrency(mut self, n: u32) -> Self {
        let n = n.max(1);
        self.concurrent = n;
        self.gate = Arc::new(Semaphore::new(n as usize));
        self
    }

    /// Imports read at the same time in this process.
    pub fn concurrent(&self) -> u32 {
        self.concurrent
    }

    pub(crate) fn gate(&self) -> Arc<Semaphore> {
        self.gate.clone()
    }

    /// The refusal of `limit` at its configured value.
    pub fn exceeded(&self, limit: Limit) -> LimitExceeded {
        let value = match limit {
            Limit::FileSize => self.file_bytes,
            Limit::Expanded => self.expanded_bytes,
            Limit::PartSize => self.part_bytes,
            Limit::Parts => self.parts,
            Limit::Ratio => self.ratio,
            Limit::Rows => self.rows,
            Limit::Columns => self.columns,
            Limit::Cells => self.cells,
            Limit::CellLength => self.cell_chars,
            Limit::Text => self.text_bytes,
            Limit::Time => u64::try_from(self.time.as_millis()).unwrap_or(u64::MAX),
            Limit::Concurrent => u64::from(self.concurrent),
        };
        LimitExceeded::new(limit, value)
    }
}

/// Which limit a file went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    FileSize,
    Expanded,
    PartSize,
    Parts,
    Ratio,
    Rows,
    Columns,
    Cells,
    CellLength,
    Text,
    /// The value is in milliseconds.
    Time,
    /// Not the file's fault: other imports are being read.
    Concurrent,
}

/// How the value of a limit is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LimitUnit {
    Bytes,
    Count,
    /// `N:1`.
    Ratio,
    Millis,
}

impl Limit {
    /// A stable name (`expanded`, `rows`, …), for messages and translations.
    pub fn name(self) -> &'static str {
        match self {
            Limit::FileSize => "file_size",
            Limit::Expanded => "expanded",
            Limit::PartSize => "part_size",
            Limit::Parts => "parts",
            Limit::Ratio => "ratio",
            Limit::Rows => "rows",
            Limit::Columns => "columns",
            Limit::Cells => "cells",
            Limit::CellLength => "cell_length",
            Limit::Text => "text",
            Limit::Time => "time",
            Limit::Concurrent => "concurrent",
        }
    }

    pub fn unit(self) -> LimitUnit {
        match self {
            Limit::FileSize | Limit::Expanded | Limit::PartSize | Limit::Text => LimitUnit::Bytes,
            Limit::Ratio => LimitUnit::Ratio,
            Limit::Time => LimitUnit::Millis,
            _ => LimitUnit::Count,
        }
    }
}

/// A file refused because it went past one of the [`ImportLimits`]: which limit, its value,
/// and where in the file, when that is known. Nothing is imported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LimitExceeded {
    pub limit: Limit,
    /// The limit's value in its unit ([`Limit::unit`]).
    pub value: u64,
    /// The part of the workbook's archive, e.g. `xl/sharedStrings.xml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row, 1-based.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The column letter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

impl LimitExceeded {
    pub fn new(limit: Limit, value: u64) -> Self {
        Self {
            limit,
            value,
            part: None,
            sheet: None,
            row: None,
            column: None,
        }
    }

    pub(crate) fn in_part(mut self, part: &str) -> Self {
        self.part = Some(part.chars().take(200).collect());
        self
    }

    pub(crate) fn in_sheet(mut self, sheet: Option<&str>) -> Self {
        self.sheet = sheet.map(str::to_owned);
        self
    }

    /// At a cell: `row` 1-based, `column` 0-based.
    pub(crate) fn at(mut self, row: Option<u64>, column: Option<usize>) -> Self {
        self.row = row;
        self.column = column.map(anzen_domain::controls::column_letter);
        self
    }

    /// The limit's value as written in either language: `64 MiB`, `10000`, `100:1`, `10 s`.
    pub fn value_text(&self) -> String {
        format_value(self.limit.unit(), self.value)
    }

    /// Whether the refusal is about the size of the upload itself (HTTP 413).
    pub fn is_too_large(&self) -> bool {
        self.limit == Limit::FileSize
    }

    /// Whether the refusal is not about the file at all (other imports are being read).
    pub fn is_busy(&self) -> bool {
        self.limit == Limit::Concurrent
    }

    /// Where, in English: `sheet `別紙2`, row 12, column C`.
    fn place(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.sheet {
            parts.push(format!("sheet `{s}`"));
        }
        if let Some(r) = self.row {
            parts.push(format!("row {r}"));
        }
        if let Some(c) = &self.column {
            parts.push(format!("column {c}"));
        }
        parts.join(", ")
    }
}

/// A value of `unit`: bytes in MiB or KiB when whole, else in bytes.
pub fn format_value(unit: LimitUnit, value: u64) -> String {
    match unit {
        LimitUnit::Bytes if value >= MIB && value.is_multiple_of(MIB) => {
            format!("{} MiB", value / MIB)
        }
        LimitUnit::Bytes if value >= 1024 && value.is_multiple_of(1024) => {
            format!("{} KiB", value / 1024)
        }
        LimitUnit::Bytes => format!("{value} bytes"),
        LimitUnit::Count => value.to_string(),
        LimitUnit::Ratio => format!("{value}:1"),
        LimitUnit::Millis if value >= 1000 && value.is_multiple_of(1000) => {
            format!("{} s", value / 1000)
        }
        LimitUnit::Millis => format!("{value} ms"),
    }
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value_text();
        let place = self.place();
        let at = if place.is_empty() {
            String::new()
        } else {
            format!("{place}: ")
        };
        let part = self.part.as_deref().unwrap_or("?");
        write!(f, "file: ")?;
        match self.limit {
            Limit::FileSize => write!(f, "the file is larger than {v} (limit {v})"),
            Limit::Expanded => write!(f, "the workbook expands to more than {v} (limit {v})"),
            Limit::PartSize => write!(
                f,
                "the part `{part}` of the workbook expands to more than {v} (limit {v})"
            ),
            Limit::Parts => write!(f, "the workbook has more than {v} parts (limit {v})"),
            Limit::Ratio => write!(
                f,
                "the part `{part}` is compressed more than {v}, as a zip bomb is (limit {v})"
            ),
            Limit::Rows => write!(f, "{at}the table has more than {v} rows (limit {v} rows)"),
            Limit::Columns => write!(
                f,
                "{at}the table has more than {v} columns (limit {v} columns)"
            ),
            Limit::Cells => write!(
                f,
                "{at}the table has more than {v} filled cells or shared strings (limit {v} cells)"
            ),
            Limit::CellLength => write!(
                f,
                "{at}a cell holds more than {v} characters (limit {v} characters)"
            ),
            Limit::Text => write!(f, "the cells hold more than {v} of text (limit {v})"),
            Limit::Time => write!(f, "reading the file took longer than {v} (limit {v})"),
            Limit::Concurrent => write!(
                f,
                "{v} imports are being read already; try again in a minute (limit {v} at a time)"
            ),
        }
    }
}

impl std::error::Error for LimitExceeded {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_the_limit_and_its_value() {
        let l = ImportLimits::default();
        assert_eq!(
            l.exceeded(Limit::Expanded).to_string(),
            "file: the workbook expands to more than 64 MiB (limit 64 MiB)"
        );
        assert_eq!(
            l.exceeded(Limit::CellLength)
                .in_sheet(Some("別紙2"))
                .at(Some(12), Some(2))
                .to_string(),
            "file: sheet `別紙2`, row 12, column C: a cell holds more than 10000 characters \
             (limit 10000 characters)"
        );
        assert_eq!(
            l.exceeded(Limit::Ratio)
                .in_part("xl/sharedStrings.xml")
                .value_text(),
            "100:1"
        );
        assert!(l.exceeded(Limit::Time).to_string().contains("(limit 10 s)"));
        assert_eq!(format_value(LimitUnit::Millis, 250), "250 ms");
        assert_eq!(format_value(LimitUnit::Bytes, 1000), "1000 bytes");
        assert_eq!(format_value(LimitUnit::Bytes, 2048), "2 KiB");
    }

    #[test]
    fn concurrency_is_at_least_one() {
        let l = ImportLimits::default().with_concurrency(0);
        assert_eq!(l.concurrent(), 1);
        assert_eq!(l.gate().available_permits(), 1);
        assert_eq!(l.exceeded(Limit::Concurrent).value, 1);
    }
}
