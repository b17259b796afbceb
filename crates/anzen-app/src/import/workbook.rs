//! Opening an xlsx workbook within the import limits and reading a sheet into a grid of text,
//! merged ranges filled (appendix2.md §7.3 rule 3): shared by every workbook import.
//!
//! The archive is checked first ([`check_workbook`]): calamine only ever sees an archive whose
//! parts fit the limits. Calamine then reads from the bytes through a [`BudgetReader`], so it
//! stops at its next read once the time is up; the cells go through a [`TableGuard`].

use std::io::Cursor;

use anzen_domain::controls::{CellTable, ImportErrors};
use calamine::{Data, Reader, SheetType, Xlsx, XlsxError};

use super::ReadError;
use super::archive::check_workbook;
use super::budget::{Budget, BudgetReader};
use super::guard::TableGuard;
use super::limits::ImportLimits;

/// A workbook being read within an import's budget.
pub type Workbook<'a> = Xlsx<BudgetReader<Cursor<&'a [u8]>>>;

/// An error of calamine: the time limit when the budget ran out (calamine only sees an I/O
/// error), otherwise the file's fault, described by `what`.
fn calamine_error(budget: &Budget, what: impl FnOnce() -> String) -> ReadError {
    if budget.is_over() {
        ReadError::Limit(budget.refusal().clone())
    } else {
        ReadError::File(ImportErrors::file(what()))
    }
}

/// Opens the workbook `bytes` after checking its archive against `limits`.
pub fn open_workbook<'a>(
    bytes: &'a [u8],
    limits: &ImportLimits,
    budget: &Budget,
) -> Result<Workbook<'a>, ReadError> {
    check_workbook(bytes, limits, budget)?;
    Xlsx::new(BudgetReader::new(Cursor::new(bytes), budget.clone()))
        .map_err(|e| calamine_error(budget, || format!("not a readable xlsx workbook: {e}")))
}

/// The names of the workbook's worksheets, in order.
pub fn worksheet_names(workbook: &Workbook<'_>) -> Vec<String> {
    workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

/// The cells of one worksheet as text, merged ranges filled from their top-left cell, within
/// the limits on rows, columns, cells, cell length and text that `guard` counts (one guard for
/// all the sheets of a workbook holds them to one budget of cells and text).
pub fn read_sheet(
    workbook: &mut Workbook<'_>,
    name: &str,
    guard: &mut TableGuard<'_>,
) -> Result<CellTable, ReadError> {
    let budget = guard.budget();
    let sheet_error =
        |e: XlsxError| calamine_error(&budget, || format!("sheet `{name}` cannot be read: {e}"));
    guard.set_sheet(Some(name));
    let mut rows: Vec<Vec<String>> = Vec::new();
    {
        let mut cells = workbook.worksheet_cells_reader(name).map_err(sheet_error)?;
        while let Some(cell) = cells.next_cell().map_err(sheet_error)? {
            guard.step()?;
            let value = text(Data::from(cell.get_value().clone()));
            if value.is_empty() {
                continue;
            }
            let (row, col) = cell.get_position();
            let (row, col) = (row as usize, col as usize);
            guard.cell(row, col, &value)?;
            if rows.len() <= row {
                rows.resize(row + 1, Vec::new());
            }
            if rows[row].len() <= col {
                rows[row].resize(col + 1, String::new());
            }
            rows[row][col] = value;
        }
    }
    let merges = match workbook.worksheet_merge_cells(name) {
        Some(result) => result.map_err(sheet_error)?,
        None => Vec::new(),
    };
    let merge_info = !merges.is_empty();
    let last_column =
        usize::try_from(guard.limits().columns.saturating_sub(1)).unwrap_or(usize::MAX);
    for region in merges {
        guard.step()?;
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let value = match rows.get(r0).and_then(|r| r.get(c0)) {
            Some(v) if !v.is_empty() => v.clone(),
            _ => continue,
        };
        // Clamp to the cells that hold data: a merge may span whole rows or columns.
        let r1 = (region.end.0 as usize).min(rows.len().saturating_sub(1));
        let c1 = (region.end.1 as usize).min(last_column);
        for row in rows.iter_mut().take(r1 + 1).skip(r0) {
            if row.len() <= c1 {
                row.resize(c1 + 1, String::new());
            }
            for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                guard.merged_cell()?;
                if cell.is_empty() {
                    guard.copy(&value)?;
                    cell.clone_from(&value);
                }
            }
        }
    }
    Ok(CellTable { rows, merge_info })
}

/// A cell's value as the text a person sees: whole numbers without `.0`.
fn text(value: Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s,
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
        other => other.to_string(),
    }
}
