//! Reading the official Appendix 2 workbook (xlsx) into a grid of cells, merged ranges filled
//! (appendix2.md §7.3 rule 3), for the pure parser of `anzen_domain::controls`, within the
//! import limits.

use anzen_domain::controls::{
    CatalogueMeta, CellTable, ControlCatalogue, ImportErrors, ImportReport, ImportWarning,
    has_appendix2_header, parse_appendix2_table,
};

use super::budget::Budget;
use super::guard::TableGuard;
use super::limits::{ImportLimits, Limit};
use super::workbook::{open_workbook, read_sheet, worksheet_names};
use super::{ReadError, sha256_hex};

/// Reads the official Appendix 2 workbook: the first worksheet that has the appendix's header
/// rows, merged ranges filled, every rule of appendix2.md §7.2/§7.3 applied. The catalogue is
/// described as the official v1.1 appendix (MHLW GL 6.0) with the file's SHA-256; a file with
/// any error gives every error and no catalogue. Within the default [`ImportLimits`], on the
/// calling thread (see [`super::read_appendix2`] for the bounded, off-runtime reading).
pub fn read_appendix2_xlsx(bytes: &[u8]) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    read_appendix2_xlsx_with(bytes, CatalogueMeta::official_v1_1(Some(sha256_hex(bytes))))
}

/// [`read_appendix2_xlsx`] with the caller's description of the catalogue (e.g. a later
/// version, or another MHLW mapping). The SHA-256 is always the file's own.
pub fn read_appendix2_xlsx_with(
    bytes: &[u8],
    meta: CatalogueMeta,
) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    let limits = ImportLimits::default();
    read_appendix2_xlsx_limited(bytes, meta, &limits, &Budget::new(&limits))
        .map_err(ReadError::into_import_errors)
}

/// [`read_appendix2_xlsx_with`] within `limits` and `budget`.
pub fn read_appendix2_xlsx_limited(
    bytes: &[u8],
    mut meta: CatalogueMeta,
    limits: &ImportLimits,
    budget: &Budget,
) -> Result<(ControlCatalogue, ImportReport), ReadError> {
    check_size(bytes, limits)?;
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportErrors::file(format!(
            "not an xlsx workbook: {}; save the appendix as an Excel workbook (.xlsx), or fill in \
             the CSV template (appendix2.md §7.3 rule 9)",
            describe(bytes)
        ))
        .into());
    }
    meta.source_sha256 = Some(sha256_hex(bytes));
    let mut workbook = open_workbook(bytes, limits, budget)?;
    let sheets = worksheet_names(&workbook);
    let mut chosen: Option<(String, CellTable)> = None;
    let mut others = Vec::new();
    // One budget for every sheet read: the text of all of them is held to the limits.
    let mut guard = TableGuard::new(limits, budget, None);
    for name in &sheets {
        let table = read_sheet(&mut workbook, name, &mut guard)?;
        if has_appendix2_header(&table.rows) {
            if chosen.is_none() {
                chosen = Some((name.clone(), table));
            } else {
                others.push(name.clone());
            }
        }
    }
    // The workbook (calamine keeps every shared string) is not needed while the table is parsed.
    drop(workbook);
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
        ))
        .into());
    };
    let (catalogue, mut report) = parse_appendix2_table(&table, meta).map_err(|mut e| {
        for err in &mut e.errors {
            err.sheet = Some(name.clone());
        }
        ReadError::File(e)
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

/// Refuses an empty file, and one larger than the limit (before anything else reads it).
pub(super) fn check_size(bytes: &[u8], limits: &ImportLimits) -> Result<(), ReadError> {
    if bytes.is_empty() {
        return Err(ImportErrors::file("the file is empty").into());
    }
    if bytes.len() as u64 > limits.file_bytes {
        return Err(limits.exceeded(Limit::FileSize).into());
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
