//! The statement of applicability as XLSX: the same rows as the PDF, one fact per column so
//! that they can be filtered and sorted (by 大項目, state, who stated …). Four sheets: the
//! Appendix 2 controls, the provider's own controls, the chapter 6 regulatory requirements,
//! and the counts. Printed, each page repeats the header row and carries the title, version
//! and issue date at its top and `n / m` at its foot (A4 landscape).

use crate::xlsx_sheet::{self, row_of, sheet, write_plain_row};
use rust_xlsxwriter::{Workbook, XlsxError};

use super::{
    ControlStatement, StatementOfApplicability, TITLE, summary_columns, summary_rows, texts_text,
};
use crate::{RenderError, dates};

pub const SHEET_CONTROLS: &str = "別紙2";
pub const SHEET_PROVIDER: &str = "事業者独自の対策";
pub const SHEET_REGULATORY: &str = "制度上の要求事項";
pub const SHEET_SUMMARY: &str = "集計";

pub const CONTROL_COLUMNS: [&str; 13] = [
    "大項目",
    "中項目",
    "小項目",
    "No.",
    "対策項目",
    "区分",
    "状態",
    "記述",
    "記述者",
    "記述日時",
    "引継ぎ元の版",
    "要見直し",
    "関連リスク",
];
pub const PROVIDER_COLUMNS: [&str; 8] = [
    "No.",
    "対策",
    "内容",
    "状態",
    "記述",
    "記述者",
    "記述日時",
    "関連リスク",
];
pub const REGULATORY_COLUMNS: [&str; 13] = [
    "項番",
    "キー",
    "要求事項",
    "根拠法令等",
    "状態",
    "記述",
    "記述者",
    "記述日時",
    "関連リスク",
    "適合",
    "未適合の理由",
    "対応予定日",
    "備考",
];

fn stated_at(c: &ControlStatement) -> String {
    c.stated_at.map(dates::seireki_time).unwrap_or_default()
}

fn build(doc: &StatementOfApplicability) -> Result<Vec<u8>, XlsxError> {
    let header = doc.cover.xlsx_header(TITLE);
    let footer = doc.cover.xlsx_footer();
    let mut wb = Workbook::new();
    // The fastest deflate level: the 1,375 controls of the official Appendix 2 are written in
    // about half the time of the default level (6), for a slightly larger file.
    wb.set_zip_compression_level(1);

    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_CONTROLS,
        &CONTROL_COLUMNS,
        &[
            18.0, 22.0, 22.0, 10.0, 60.0, 6.0, 10.0, 50.0, 14.0, 16.0, 12.0, 8.0, 24.0,
        ],
        &header,
        &footer,
    )?;
    let mut row = 1;
    for ch in &doc.chapters {
        let chapter = ch.heading();
        for s in &ch.sections {
            let section = s.heading();
            for c in &s.controls {
                let texts = texts_text(&c.texts);
                let at = stated_at(c);
                let risks = c.risks.join("\n");
                write_plain_row(
                    ws,
                    row,
                    &[
                        &chapter,
                        &section,
                        c.topic.as_deref().unwrap_or(""),
                        &c.key,
                        &c.text,
                        &c.kubun,
                        c.state.label(),
                        &texts,
                        c.stated_by.as_deref().unwrap_or(""),
                        &at,
                        c.carried_from.as_deref().unwrap_or(""),
                        if c.to_review { "○" } else { "" },
                        &risks,
                    ],
                )?;
                row += 1;
            }
        }
    }
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), 12)?;

    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_PROVIDER,
        &PROVIDER_COLUMNS,
        &[12.0, 24.0, 60.0, 10.0, 50.0, 14.0, 16.0, 24.0],
        &header,
        &footer,
    )?;
    for (i, c) in doc.provider_controls.iter().enumerate() {
        let texts = texts_text(&c.texts);
        let at = stated_at(c);
        let risks = c.risks.join("\n");
        write_plain_row(
            ws,
            row_of(i),
            &[
                &c.key,
                c.topic.as_deref().unwrap_or(""),
                &c.text,
                c.state.label(),
                &texts,
                c.stated_by.as_deref().unwrap_or(""),
                &at,
                &risks,
            ],
        )?;
    }

    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_REGULATORY,
        &REGULATORY_COLUMNS,
        &[
            6.0, 18.0, 20.0, 36.0, 14.0, 50.0, 14.0, 16.0, 24.0, 8.0, 20.0, 14.0, 30.0,
        ],
        &header,
        &footer,
    )?;
    for (i, r) in doc.regulatory.iter().enumerate() {
        let texts = texts_text(&r.texts);
        let at = r.stated_at.map(dates::seireki_time).unwrap_or_default();
        let basis = r.legal_basis.join("\n");
        let risks = r.risks.join("\n");
        let planned = r
            .unmet
            .as_ref()
            .and_then(|u| u.planned_by)
            .map(dates::seireki)
            .unwrap_or_default();
        write_plain_row(
            ws,
            row_of(i),
            &[
                &r.section,
                &r.key,
                &r.title,
                &basis,
                r.state.label(),
                &texts,
                r.stated_by.as_deref().unwrap_or(""),
                &at,
                &risks,
                if r.met() { super::MET } else { super::NOT_MET },
                r.unmet.as_ref().map_or("", |u| u.reason.as_str()),
                &planned,
                r.note.as_deref().unwrap_or(""),
            ],
        )?;
    }

    let mut columns = vec!["大項目".to_string()];
    columns.extend(summary_columns());
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let widths: Vec<f64> = std::iter::once(30.0)
        .chain(std::iter::repeat_n(10.0, names.len() - 1))
        .collect();
    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_SUMMARY,
        &names,
        &widths,
        &header,
        &footer,
    )?;
    for (i, (name, counts)) in summary_rows(doc).iter().enumerate() {
        let row = row_of(i);
        ws.write_string(row, 0, name)?;
        for (c, n) in counts.iter().enumerate() {
            let c = u16::try_from(c + 1).unwrap_or(u16::MAX);
            ws.write_number(row, c, *n as f64)?;
        }
    }
    wb.save_to_buffer()
}

pub(super) fn render(doc: &StatementOfApplicability) -> Result<Vec<u8>, RenderError> {
    build(doc).map_err(|e| RenderError::Xlsx(e.to_string()))
}
