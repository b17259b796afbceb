//! The disclosure pack as XLSX: the same rows as the PDF, one fact per column so that they
//! can be filtered and sorted. Two sheets: the items disclosed, the certifications (with the
//! FAQ 4.2 notice under them). Printed, each page repeats the header row and carries the
//! title, version and issue date at its top and `n / m` at its foot (A4 portrait).

use crate::xlsx_sheet::{self, row_of, sheet, write_row};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{DisclosurePack, TITLE};
use crate::dates;

pub const SHEET_ITEMS: &str = "開示項目";
pub const SHEET_CERTIFICATIONS: &str = "第三者認証";

pub const ITEM_COLUMNS: [&str; 9] = [
    "段階",
    "項目番号",
    "項目",
    "区分",
    "開示した内容",
    "回答の出所",
    "回答の元データ",
    "開示日時",
    "開示者",
];
pub const CERTIFICATION_COLUMNS: [&str; 8] = [
    "認証の種類",
    "詳細",
    "対象範囲",
    "発行者",
    "有効期間の開始",
    "有効期間の終了",
    "状態",
    "表4-1",
];

fn build(doc: &DisclosurePack) -> Result<Vec<u8>, XlsxError> {
    let header = doc.cover.xlsx_header(TITLE);
    let footer = doc.cover.xlsx_footer();
    let body = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let mut wb = Workbook::new();

    let ws = sheet(
        xlsx_sheet::PORTRAIT,
        &mut wb,
        SHEET_ITEMS,
        &ITEM_COLUMNS,
        &[14.0, 10.0, 30.0, 20.0, 60.0, 16.0, 14.0, 18.0, 14.0],
        &header,
        &footer,
    )?;
    // Stage by stage, as in the PDF.
    let mut row = 1;
    for stage in super::Stage::ALL {
        for i in doc.items_of(stage) {
            let cells = [
                stage.label().to_string(),
                i.key.clone(),
                i.title.clone(),
                i.group.clone().unwrap_or_default(),
                i.answer.clone(),
                i.origin.label().to_string(),
                i.answerable_from.clone().unwrap_or_default(),
                dates::seireki_time(i.disclosed_at),
                i.disclosed_by.clone(),
            ];
            write_row(ws, row, &cells, &body)?;
            row += 1;
        }
    }

    let ws = sheet(
        xlsx_sheet::PORTRAIT,
        &mut wb,
        SHEET_CERTIFICATIONS,
        &CERTIFICATION_COLUMNS,
        &[30.0, 24.0, 24.0, 24.0, 16.0, 16.0, 12.0, 8.0],
        &header,
        &footer,
    )?;
    for (i, c) in doc.certifications.iter().enumerate() {
        let cells = [
            c.kind.clone(),
            c.detail.clone().unwrap_or_default(),
            c.scope.clone(),
            c.issuer.clone(),
            dates::seireki(c.valid_from),
            dates::seireki(c.valid_to),
            c.status.clone(),
            c.table_item.clone(),
        ];
        write_row(ws, row_of(i), &cells, &body)?;
    }
    // Under the list: the minimum qualification and the FAQ 4.2 notice.
    let mut r = row_of(doc.certifications.len()) + 1;
    if let Some(q) = &doc.qualification {
        ws.write_string(r, 0, "最低限の適格性")?;
        ws.write_string(r, 1, q.text())?;
        r += 1;
        for reason in &q.reasons {
            ws.write_string(r, 1, reason)?;
            r += 1;
        }
    }
    ws.write_string(r, 0, "注意（FAQ 4.2）")?;
    ws.write_string(r, 1, doc.notice())?;
    wb.save_to_buffer()
}

pub(super) fn render(doc: &DisclosurePack) -> Result<Vec<u8>, crate::RenderError> {
    build(doc).map_err(|e| crate::RenderError::Xlsx(e.to_string()))
}
