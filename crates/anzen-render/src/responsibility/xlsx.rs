//! The responsibility division as XLSX: the same rows as the PDF, one fact per column so
//! that they can be filtered and sorted. Three sheets: the duties (part 1), the agreements
//! with who agreed for each party, and the rows in the 2024 confirmation table's layout
//! (part 2, with the note on where its layout comes from). Printed, each page repeats the
//! header row and carries the title, version and issue date at its top and `n / m` at its
//! foot (A4 landscape).

use crate::xlsx_sheet::{self, sheet, write_row};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{CONFIRMATION_NOTE, Phase, ResponsibilityDivision, TITLE};
use crate::dates;

pub const SHEET_DUTIES: &str = "義務と責任";
pub const SHEET_AGREEMENTS: &str = "合意";
pub const SHEET_CONFIRMATION: &str = "役割分担の確認";

pub const DUTY_COLUMNS: [&str; 10] = [
    "合意の相手方",
    "合意の種類",
    "本表の版",
    "フェーズ",
    "義務キー",
    "義務",
    "責任を負う当事者",
    "当事者名",
    "根拠",
    "確度",
];
pub const AGREEMENT_COLUMNS: [&str; 13] = [
    "合意の相手方",
    "合意の種類",
    "契約",
    "本表の版",
    "合意状況",
    "合意内容の SHA-256",
    "作成者",
    "作成日時",
    "当事者の区分",
    "当事者",
    "合意者",
    "合意日時",
    "要再合意",
];
pub const CONFIRMATION_COLUMNS: [&str; 9] = [
    "合意の相手方",
    "No.",
    "区分",
    "項目",
    "医療機関等",
    "事業者",
    "委託先",
    "委託先名",
    "根拠",
];

fn build(doc: &ResponsibilityDivision) -> Result<Vec<u8>, XlsxError> {
    let header = doc.cover.xlsx_header(TITLE);
    let footer = doc.cover.xlsx_footer();
    let body = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let mut wb = Workbook::new();

    let ws = sheet(
        xlsx_sheet::LANDSCAPE,
        &mut wb,
        SHEET_DUTIES,
        &DUTY_COLUMNS,
        &[20.0, 24.0, 14.0, 26.0, 24.0, 50.0, 14.0, 26.0, 24.0, 10.0],
        &header,
        &footer,
    )?;
    let mut row = 1;
    for a in &doc.agreements {
        for phase in Phase::ALL {
            for d in a.duties_of(phase) {
                let cells = [
                    a.counterparty.clone(),
                    a.kind.label().to_string(),
                    a.version_text(),
                    phase.label().to_string(),
                    d.key.clone(),
                    d.title.clone(),
                    d.party.label().to_string(),
                    d.party_name.clone(),
                    d.reference.clone().unwrap_or_default(),
                    d.confidence.clone().unwrap_or_else(|| "確認済み".into()),
                ];
                write_row(ws, row, &cells, &body)?;
                row += 1;
            }
        }
    }

    let ws = sheet(
        xlsx_sheet::LANDSCAPE,
        &mut wb,
        SHEET_AGREEMENTS,
        &AGREEMENT_COLUMNS,
        &[
            20.0, 24.0, 30.0, 14.0, 14.0, 30.0, 14.0, 18.0, 12.0, 26.0, 14.0, 18.0, 40.0,
        ],
        &header,
        &footer,
    )?;
    // One row per consent; a party nobody agreed for has one row with no one named.
    let mut row = 1;
    for a in &doc.agreements {
        let reagree = a
            .reagreement
            .as_ref()
            .map(super::Reagreement::text)
            .unwrap_or_default();
        for p in &a.parties {
            let who: Vec<(String, String)> = if p.consents.is_empty() {
                vec![("未合意".into(), String::new())]
            } else {
                p.consents
                    .iter()
                    .map(|c| (c.by.clone(), dates::seireki_time(c.at)))
                    .collect()
            };
            for (by, at) in who {
                let cells = [
                    a.counterparty.clone(),
                    a.kind.label().to_string(),
                    a.contract.clone().unwrap_or_default(),
                    a.version_text(),
                    a.state.label().to_string(),
                    a.digest.clone(),
                    a.drafted_by.clone(),
                    dates::seireki_time(a.drafted_at),
                    p.role.label().to_string(),
                    p.name.clone(),
                    by,
                    at,
                    reagree.clone(),
                ];
                write_row(ws, row, &cells, &body)?;
                row += 1;
            }
        }
    }

    let ws = sheet(
        xlsx_sheet::LANDSCAPE,
        &mut wb,
        SHEET_CONFIRMATION,
        &CONFIRMATION_COLUMNS,
        &[20.0, 6.0, 26.0, 50.0, 10.0, 10.0, 10.0, 26.0, 24.0],
        &header,
        &footer,
    )?;
    let mut row = 1;
    for a in &doc.agreements {
        for r in a.confirmation_rows() {
            let [inst, prov, sub] = r.marks();
            let cells = [
                a.counterparty.clone(),
                r.number.to_string(),
                r.section.clone(),
                r.item.clone(),
                inst.to_string(),
                prov.to_string(),
                sub.to_string(),
                r.subcontractor.clone().unwrap_or_default(),
                r.reference.clone(),
            ];
            write_row(ws, row, &cells, &body)?;
            row += 1;
        }
    }
    // Under the rows: where the layout comes from and what it does not claim.
    ws.write_string(row + 1, 0, CONFIRMATION_NOTE)?;
    wb.save_to_buffer()
}

pub(super) fn render(doc: &ResponsibilityDivision) -> Result<Vec<u8>, crate::RenderError> {
    build(doc).map_err(|e| crate::RenderError::Xlsx(e.to_string()))
}
