//! The risk treatment list as XLSX: the same rows as the PDF, one fact per column so that
//! they can be filtered and sorted. Three sheets: the risks, their measures, the
//! institutions' answers. Printed, each page repeats the header row and carries the title,
//! version and issue date at its top and `n / m` at its foot (A4 landscape).

use crate::xlsx_sheet::{self, row_of, sheet, write_row};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use super::{RiskTreatmentList, TITLE};
use crate::{RenderError, dates};

pub const SHEET_RISKS: &str = "リスク対応一覧";
pub const SHEET_MEASURES: &str = "対策";
pub const SHEET_RESPONSES: &str = "医療機関の回答";

pub const RISK_COLUMNS: [&str; 15] = [
    "No.",
    "リスク",
    "誰が",
    "どこで",
    "機器",
    "何を",
    "どのように",
    "対応前",
    "対応前（影響度×発生可能性）",
    "対応後",
    "対応後（影響度×発生可能性）",
    "対応方針",
    "検討した選択肢",
    "理由",
    "医療機関への説明",
];
pub const MEASURE_COLUMNS: [&str; 5] = ["No.", "リスク", "対策", "担当", "医療機関の実施事項"];
pub const RESPONSE_COLUMNS: [&str; 7] = [
    "No.",
    "リスク",
    "医療機関",
    "回答",
    "回答者",
    "日時",
    "内容",
];

fn build(doc: &RiskTreatmentList) -> Result<Vec<u8>, XlsxError> {
    let header = doc.cover.xlsx_header(TITLE);
    let footer = doc.cover.xlsx_footer();
    let body = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut wb = Workbook::new();

    let ws = sheet(
        xlsx_sheet::LANDSCAPE,
        &mut wb,
        SHEET_RISKS,
        &RISK_COLUMNS,
        &[
            8.0, 30.0, 12.0, 12.0, 12.0, 14.0, 14.0, 8.0, 20.0, 8.0, 20.0, 10.0, 36.0, 40.0, 36.0,
        ],
        &header,
        &footer,
    )?;
    for (i, r) in doc.risks.iter().enumerate() {
        let f = &r.flow;
        let weighed = r
            .options_weighed
            .iter()
            .map(|o| {
                let chosen = if o.chosen { "（採用）" } else { "" };
                format!("{}{chosen}：{}", o.option, o.reason)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let cells = [
            r.code.clone(),
            r.title.clone(),
            f.who.clone(),
            f.place.clone(),
            f.device.clone(),
            f.what.clone(),
            f.how.clone(),
            r.before.label.clone(),
            r.before.text(),
            r.after.as_ref().map_or(String::new(), |l| l.label.clone()),
            r.after.as_ref().map_or(String::new(), |l| l.text()),
            r.option.clone(),
            weighed,
            r.reasons.clone(),
            r.explanation.clone().unwrap_or_default(),
        ];
        write_row(ws, row_of(i), &cells, &body)?;
    }

    let ws = sheet(
        xlsx_sheet::LANDSCAPE,
        &mut wb,
        SHEET_MEASURES,
        &MEASURE_COLUMNS,
        &[8.0, 30.0, 60.0, 20.0, 14.0],
        &header,
        &footer,
    )?;
    let mut row = 1;
    for r in &doc.risks {
        for m in &r.measures {
            let duty = if m.institution_duty { "○" } else { "" };
            let cells = [
                r.code.clone(),
                r.title.clone(),
                m.description.clone(),
                m.owner.clone(),
                duty.to_string(),
            ];
            write_row(ws, row, &cells, &body)?;
            row += 1;
        }
    }

    let ws = sheet(
        xlsx_sheet::LANDSCAPE,
        &mut wb,
        SHEET_RESPONSES,
        &RESPONSE_COLUMNS,
        &[8.0, 30.0, 24.0, 10.0, 16.0, 18.0, 50.0],
        &header,
        &footer,
    )?;
    let mut row = 1;
    for r in &doc.risks {
        for x in &r.responses {
            let cells = [
                r.code.clone(),
                r.title.clone(),
                x.institution.clone(),
                x.state.label().to_string(),
                x.by.clone().unwrap_or_default(),
                x.at.map(dates::seireki_time).unwrap_or_default(),
                x.note.clone().unwrap_or_default(),
            ];
            write_row(ws, row, &cells, &body)?;
            row += 1;
        }
    }
    wb.save_to_buffer()
}

pub(super) fn render(doc: &RiskTreatmentList) -> Result<Vec<u8>, RenderError> {
    build(doc).map_err(|e| RenderError::Xlsx(e.to_string()))
}
