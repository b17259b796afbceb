//! The statement table as CSV and XLSX: one row per control or requirement with its
//! statement (or none yet), the texts, the linked risks, and who stated it when.
//!
//! [`statement_workbook`] is public for the benchmark (`benches/statement_xlsx.rs`).

use anzen_app::controls::{StatementTable, TableRow};
use jiff::Timestamp;

use super::{
    details, kind_code, matches_filter, origin_label, state_label, status_label, version_of,
};
use crate::i18n::{self, Lang};

/// One row of an export, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportRow {
    /// `appendix2`, `provider` or `regulatory`.
    pub kind: String,
    pub catalogue_version: String,
    pub key: String,
    pub heading: String,
    pub text: String,
    pub origin: String,
    pub status: String,
    pub state: String,
    pub details: String,
    pub risks: String,
    pub stated_by: String,
    pub stated_at: Option<Timestamp>,
    pub version: Option<i64>,
}

/// The columns: (CSV header, i18n key of the XLSX header, width).
pub const COLUMNS: &[(&str, &str, f64)] = &[
    ("kind", "controls.col.kind", 12.0),
    ("catalogue_version", "controls.col.catalogue_version", 18.0),
    ("key", "controls.col.key", 14.0),
    ("heading", "controls.col.heading", 30.0),
    ("text", "controls.col.text", 60.0),
    ("text_origin", "controls.col.origin", 16.0),
    ("status", "controls.col.status", 14.0),
    ("state", "controls.col.state", 16.0),
    ("details", "controls.col.details", 60.0),
    ("risks", "controls.col.risks", 30.0),
    ("stated_by", "controls.col.stated_by", 20.0),
    ("stated_at", "controls.col.stated_at", 18.0),
    ("version", "controls.col.version", 8.0),
];

fn export_row(lang: Lang, row: &TableRow) -> ExportRow {
    let s = row.statement.as_ref();
    ExportRow {
        kind: kind_code(&row.subject).to_owned(),
        catalogue_version: version_of(&row.subject).to_owned(),
        key: row.subject.key().to_owned(),
        heading: row.heading.clone(),
        text: row.text.clone(),
        origin: origin_label(lang, row.text_origin).to_owned(),
        status: row
            .status()
            .map(|st| status_label(lang, st).to_owned())
            .unwrap_or_default(),
        state: match &row.from_version {
            Some(v) => format!("{} ({v})", state_label(lang, row.state)),
            None => state_label(lang, row.state).to_owned(),
        },
        details: s
            .map(|s| {
                details(lang, s.statement.applicability())
                    .into_iter()
                    .map(|(l, t)| format!("{l}: {t}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .unwrap_or_default(),
        risks: row
            .linked_risks
            .iter()
            .map(|r| match &r.title {
                Some(t) => format!("{t} ({})", r.id),
                None => r.id.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        stated_by: s.map(|s| s.stated_by.clone()).unwrap_or_default(),
        stated_at: s.map(|s| s.stated_at),
        version: s.map(|s| s.seq),
    }
}

/// The rows of the table that pass the status filter, in the table's order: Appendix 2, the
/// provider's controls, then the regulatory requirements.
pub fn export_rows(lang: Lang, table: &StatementTable, filter: &str) -> Vec<ExportRow> {
    table
        .appendix2
        .iter()
        .chain(&table.provider_controls)
        .chain(&table.regulatory)
        .filter(|r| matches_filter(r, filter))
        .map(|r| export_row(lang, r))
        .collect()
}

/// The rows as CSV cells (header in [`COLUMNS`]).
pub fn csv_rows(rows: &[ExportRow]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            vec![
                r.kind.clone(),
                r.catalogue_version.clone(),
                r.key.clone(),
                r.heading.clone(),
                r.text.clone(),
                r.origin.clone(),
                r.status.clone(),
                r.state.clone(),
                r.details.clone(),
                r.risks.clone(),
                r.stated_by.clone(),
                r.stated_at.map(|t| t.to_string()).unwrap_or_default(),
                r.version.map(|v| v.to_string()).unwrap_or_default(),
            ]
        })
        .collect()
}

/// The statement table as an XLSX workbook: the sheet 適用宣言書 with a bold header row,
/// column widths, a frozen header, an auto-filter, wrapped texts and times as times (Japan
/// time).
pub fn statement_workbook(
    lang: Lang,
    rows: &[ExportRow],
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    // The fastest deflate level: an export of 20,000 rows is written in a fraction of the
    // time of the default level (6), for a file about a fifth larger.
    book.set_zip_compression_level(1);
    // Constant-memory mode writes each row as it is completed, with its strings inline
    // instead of in a shared-string table: 20,000 rows in about 110 ms instead of 175 ms
    // (benches/statement_xlsx.rs), in a few kilobytes of memory.
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("適用宣言書")?;
    let head = Format::new()
        .set_bold()
        .set_background_color("D9E2F3")
        .set_border_bottom(FormatBorder::Thin);
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let wrap = Format::new().set_text_wrap();
    for (c, (_, key, width)) in COLUMNS.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, c, i18n::t(lang, key), &head)?;
        sheet.set_column_width(c, *width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let japan = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let texts = [
            &row.kind,
            &row.catalogue_version,
            &row.key,
            &row.heading,
            &row.text,
            &row.origin,
            &row.status,
            &row.state,
            &row.details,
            &row.risks,
            &row.stated_by,
        ];
        for (c, text) in texts.into_iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let c = c as u16;
            if c == 4 || c == 8 {
                sheet.write_string_with_format(r, c, text, &wrap)?;
            } else {
                sheet.write_string(r, c, text)?;
            }
        }
        if let Some(t) = row.stated_at {
            let z = t.to_zoned(japan.clone());
            let when = ExcelDateTime::from_ymd(
                u16::try_from(z.year()).unwrap_or(1900),
                u8::try_from(z.month()).unwrap_or(1),
                u8::try_from(z.day()).unwrap_or(1),
            )?
            .and_hms(
                u16::try_from(z.hour()).unwrap_or(0),
                u8::try_from(z.minute()).unwrap_or(0),
                u8::try_from(z.second()).unwrap_or(0),
            )?;
            sheet.write_datetime_with_format(r, 11, &when, &time)?;
        }
        if let Some(v) = row.version {
            sheet.write_number(r, 12, v as f64)?;
        }
    }
    let last = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(COLUMNS.len() - 1).unwrap_or(0);
    sheet.autofilter(0, 0, last, last_col)?;
    book.save_to_buffer()
}
