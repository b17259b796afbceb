//! The CSV template for releases published only as a PDF (appendix2.md §7.3 rule 9): the same
//! eleven columns under the same two header rows, UTF-8, one row per item × MHLW reference
//! (the item cells repeated or left blank on the extra rows).

use anzen_domain::controls::{
    CatalogueMeta, CellTable, ControlCatalogue, ImportErrors, ImportReport, RowError,
    appendix2_header_rows, parse_appendix2_table,
};

use super::budget::Budget;
use super::guard::TableGuard;
use super::limits::ImportLimits;
use super::xlsx::check_size;
use super::{ReadError, sha256_hex};

/// Reads the CSV template (text already decoded). Fields are separated by commas and may be
/// quoted with `"` (a quoted field may hold commas, quotes doubled, and line breaks); a
/// leading byte-order mark is ignored. The catalogue is described as the official v1.1
/// appendix with the SHA-256 of the UTF-8 text. Within the default [`ImportLimits`].
pub fn read_appendix2_csv(text: &str) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    let meta = CatalogueMeta::official_v1_1(Some(sha256_hex(text.as_bytes())));
    read_appendix2_csv_with(text, meta)
}

/// [`read_appendix2_csv`] from the bytes of a file: refuses text that is not UTF-8 with a
/// message that says how to save it.
pub fn read_appendix2_csv_bytes(
    bytes: &[u8],
) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    let limits = ImportLimits::default();
    let meta = CatalogueMeta::official_v1_1(None);
    read_appendix2_csv_limited(bytes, meta, &limits, &Budget::new(&limits))
        .map_err(ReadError::into_import_errors)
}

/// [`read_appendix2_csv`] with the caller's description of the catalogue. The SHA-256 is
/// always the text's own.
pub fn read_appendix2_csv_with(
    text: &str,
    meta: CatalogueMeta,
) -> Result<(ControlCatalogue, ImportReport), ImportErrors> {
    let limits = ImportLimits::default();
    read_appendix2_csv_limited(text.as_bytes(), meta, &limits, &Budget::new(&limits))
        .map_err(ReadError::into_import_errors)
}

/// Reads the CSV template from the bytes of a file within `limits` and `budget`: the file's
/// size first, then rows, columns, cells and cell length as the records are split.
pub fn read_appendix2_csv_limited(
    bytes: &[u8],
    mut meta: CatalogueMeta,
    limits: &ImportLimits,
    budget: &Budget,
) -> Result<(ControlCatalogue, ImportReport), ReadError> {
    check_size(bytes, limits)?;
    budget.check()?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportErrors::file(format!(
            "the CSV file is not UTF-8 (byte {}); it may be Shift_JIS: save it as \"CSV UTF-8\" \
             (appendix2.md §7.3 rule 9)",
            e.valid_up_to() + 1
        ))
    })?;
    meta.source_sha256 = Some(sha256_hex(bytes));
    let mut guard = TableGuard::new(limits, budget, None);
    let rows = parse_csv(text, &mut guard)?;
    Ok(parse_appendix2_table(&CellTable::from_rows(rows), meta)?)
}

/// The header rows of the CSV template, with a byte-order mark so that spreadsheet programs
/// open it as UTF-8.
pub fn appendix2_csv_template() -> String {
    let mut out = String::from("\u{FEFF}");
    for row in appendix2_header_rows() {
        out.push_str(&to_csv_line(&row));
        out.push_str("\r\n");
    }
    out
}

/// One CSV line: fields quoted when they hold a comma, a quote or a line break.
pub fn to_csv_line(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// Splits CSV text into records of fields (RFC 4180, with LF, CRLF or CR line ends), each
/// field counted by `guard` as it is stored.
fn parse_csv(text: &str, guard: &mut TableGuard<'_>) -> Result<Vec<Vec<String>>, ReadError> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut quote_started_on = 0u32;
    // A field that was quoted may not continue with more text after its closing quote.
    let mut after_quote = false;
    let record_no = |records: &Vec<Vec<String>>| records.len() as u32 + 1;
    while let Some(c) = chars.next() {
        guard.step()?;
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                    after_quote = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            ',' => {
                guard.cell(records.len(), record.len(), &field)?;
                record.push(std::mem::take(&mut field));
                after_quote = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                guard.cell(records.len(), record.len(), &field)?;
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                after_quote = false;
            }
            '"' if field.is_empty() && !after_quote => {
                in_quotes = true;
                quote_started_on = record_no(&records);
            }
            _ if after_quote => {
                return Err(ImportErrors {
                    errors: vec![RowError::at(
                        record_no(&records),
                        Some(record.len()),
                        None,
                        "text after the closing quote of a quoted field",
                    )],
                    more: 0,
                }
                .into());
            }
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(ImportErrors {
            errors: vec![RowError::at(
                quote_started_on,
                Some(record.len()),
                None,
                "a quoted field is never closed (a `\"` is missing)",
            )],
            more: 0,
        }
        .into());
    }
    if !field.is_empty() || !record.is_empty() {
        guard.cell(records.len(), record.len(), &field)?;
        record.push(field);
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Result<Vec<Vec<String>>, ImportErrors> {
        let limits = ImportLimits::default();
        let budget = Budget::new(&limits);
        parse_csv(text, &mut TableGuard::new(&limits, &budget, None))
            .map_err(ReadError::into_import_errors)
    }

    #[test]
    fn csv_fields_quotes_and_line_breaks() {
        let rows = split("\u{FEFF}a,\"b,c\",\"d\"\"e\"\r\n\"multi\nline\",,x\ny").unwrap();
        assert_eq!(
            rows,
            [
                vec!["a", "b,c", "d\"e"],
                vec!["multi\nline", "", "x"],
                vec!["y"]
            ]
        );
        assert_eq!(
            split("a\r\n\r\nb\n").unwrap(),
            [vec!["a"], vec![""], vec!["b"]]
        );
    }

    #[test]
    fn broken_quotes_are_located() {
        let e = split("a,b\nc,\"open\nd").unwrap_err();
        assert_eq!(e.errors[0].row, Some(2));
        assert_eq!(e.errors[0].column.as_deref(), Some("B"));
        let e = split("\"a\"b,c").unwrap_err();
        assert!(e.errors[0].message.contains("after the closing quote"));
    }

    #[test]
    fn lines_round_trip() {
        let fields: Vec<String> = ["a", "b,c", "d\"e", "f\ng", ""].map(String::from).to_vec();
        let line = to_csv_line(&fields);
        assert_eq!(split(&line).unwrap(), [fields]);
    }
}
