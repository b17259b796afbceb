//! Reading the official Appendix 2 workbook (xlsx) into a grid of cells, merged ranges filled
//! (appendix2.md §7.3 rule 3), for the pure parser of `anzen_domain::controls`.

use std::io::Cursor;

use anzen_domain::controls::{
    CatalogueMeta, CellTable, ControlCatalogue, ImportErrors, ImportReport, ImportWarning,
    MAX_COLUMNS, MAX_ROWS, has_appendix2_header, parse_appendix2_table,
};
use calamine::{Data, Reader, SheetType, Xlsx};

use super::{MAX_FILE_BYTES, sha256_hex};

/// The most cells merged ranges may fill in one sheet.
const MAX_MERGED_CELLS: usize = 2_000_000;

/// Reads the official Appendix 2 workbook: the first worksheet that has the appendix's header
/// rows, merged ranges filled, every rule of appendix2.md §7.2/§7.3 applied. The catalogue is
/// described as the official v1.1 appendix (MHLW GL 6.0) with the file's SHA-256; a file with
/// any error gives every error and no catalogue.
pub fn read_appendix2_xlsx(bytes: &[u8]) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    read_appendix2_xlsx_with(bytes, CatalogueMeta::official_v1_1(Some(sha256_hex(bytes))))
}

/// [`read_appendix2_xlsx`] with the caller's description of the catalogue (e.g. a later
/// version, or another MHLW mapping). The SHA-256 is always the file's own.
pub fn read_appendix2_xlsx_with(
    bytes: &[u8],
    mut meta: CatalogueMeta,
) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    check_size(bytes)?;
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportErrors::file(format!(
            "not an xlsx workbook: {}; save the appendix as an Excel workbook (.xlsx), or fill in \
             the CSV template (appendix2.md §7.3 rule 9)",
            describe(bytes)
        )));
    }
    meta.source_sha256 = Some(sha256_hex(bytes));
    let mut workbook = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| ImportErrors::file(format!("not a readable xlsx workbook: {e}")))?;
    let sheets: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut chosen: Option<(String, CellTable)> = None;
    let mut others = Vec::new();
    for name in &sheets {
        let table = read_sheet(&mut workbook, name)?;
        if has_appendix2_header(&table.rows) {
            if chosen.is_none() {
                chosen = Some((name.clone(), table));
            } else {
                others.push(name.clone());
            }
        }
    }
    let Some((name, table)) = chosen else {
        return Err(ImportErrors::file(format!(
            "no sheet has the Appendix 2 header rows (対策項目 / 関連する医療情報安全管理ガイドライン要求事項 \
             over 大項目, 中項目, 小項目, No., 内容, 区分, リスクシナリオ例, 編, 項番, 区分, 内容); \
             sheets read: {} (appendix2.md §2, §7.3 rule 1)",
            if sheets.is_empty() {
                "none".to_owned()
            } else {
                sheets.join(", ")
            }
        )));
    };
    let (catalogue, mut report) = parse_appendix2_table(&table, meta).map_err(|mut e| {
        for err in &mut e.errors {
            err.sheet = Some(name.clone());
        }
        e
    })?;
    report.sheet = Some(name.clone());
    if !others.is_empty() {
        report.warnings.insert(
            0,
            ImportWarning {
                row: None,
                column: None,
                header: None,
                message: format!(
                    "sheet `{name}` was read; the sheets {} also have the header and were not read",
                    others.join(", ")
                ),
            },
        );
    }
    Ok((catalogue, report))
}

/// The cells of one worksheet as text, merged ranges filled from their top-left cell.
fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<CellTable, ImportErrors> {
    let sheet_error =
        |e: calamine::XlsxError| ImportErrors::file(format!("sheet `{name}` cannot be read: {e}"));
    let mut rows: Vec<Vec<String>> = Vec::new();
    {
        let mut cells = workbook.worksheet_cells_reader(name).map_err(sheet_error)?;
        while let Some(cell) = cells.next_cell().map_err(sheet_error)? {
            let value = text(Data::from(cell.get_value().clone()));
            if value.is_empty() {
                continue;
            }
            let (row, col) = cell.get_position();
            let (row, col) = (row as usize, col as usize);
            if row >= MAX_ROWS || col >= MAX_COLUMNS {
                return Err(ImportErrors::file(format!(
                    "sheet `{name}` has data in row {}, column {}: at most {MAX_ROWS} rows and \
                     {MAX_COLUMNS} columns are read",
                    row + 1,
                    anzen_domain::controls::column_letter(col)
                )));
            }
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
    let mut filled = 0usize;
    for region in merges {
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let value = match rows.get(r0).and_then(|r| r.get(c0)) {
            Some(v) if !v.is_empty() => v.clone(),
            _ => continue,
        };
        // Clamp to the cells that hold data: a merge may span whole rows or columns.
        let r1 = (region.end.0 as usize).min(rows.len().saturating_sub(1));
        let c1 = (region.end.1 as usize).min(MAX_COLUMNS - 1);
        for row in rows.iter_mut().take(r1 + 1).skip(r0) {
            if row.len() <= c1 {
                row.resize(c1 + 1, String::new());
            }
            for cell in row.iter_mut().take(c1 + 1).skip(c0) {
                if cell.is_empty() {
                    cell.clone_from(&value);
                }
                filled += 1;
            }
            if filled > MAX_MERGED_CELLS {
                return Err(ImportErrors::file(format!(
                    "sheet `{name}` has more than {MAX_MERGED_CELLS} merged cells"
                )));
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

pub(super) fn check_size(bytes: &[u8]) -> Result<(), ImportErrors> {
    if bytes.is_empty() {
        return Err(ImportErrors::file("the file is empty"));
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportErrors::file(format!(
            "the file has {} bytes; at most {MAX_FILE_BYTES} are accepted",
            bytes.len()
        )));
    }
    Ok(())
}

/// What a file that is not an xlsx looks like, for the error message.
fn describe(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF") {
        "it is a PDF file"
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "it is an old Excel 97-2003 (.xls) file or another OLE document"
    } else if std::str::from_utf8(bytes).is_ok() {
        "it is a text file (a CSV file goes through the CSV import)"
    } else {
        "its content is not a ZIP archive"
    }
}
