//! The device ledger as XLSX: one fact per column so that the devices can be filtered and
//! sorted (by place, kind, support end …). Three sheets: the devices, the counts per place
//! the stocktake checks against, and the facts of the last check on site. Printed, each
//! page repeats the header row and carries the title, version and issue date at its top and
//! `n / m` at its foot (A4 landscape).

use crate::xlsx_sheet::{self, col, sheet};
use rust_xlsxwriter::{Workbook, XlsxError};

use super::{DeviceLedger, TITLE, place_text, stocktake_rows};
use crate::{RenderError, dates};

pub const SHEET_DEVICES: &str = "機器台帳";
pub const SHEET_STOCKTAKE: &str = "台数の確認";
pub const SHEET_CHECK: &str = "最終棚卸し";

pub const DEVICE_COLUMNS: [&str; 17] = [
    "ID",
    "種別",
    "機種",
    "シリアル番号",
    "設置場所（医療機関）",
    "所在",
    "利用場所の限定",
    "管理者",
    "医療情報の格納",
    "暗号化",
    "OS・ファームウェア",
    "サポート終了日",
    "廃棄日",
    "廃棄方法",
    "消去証明",
    "注意",
    "稼働中",
];

pub const CHECK_COLUMNS: [&str; 2] = ["項目", "内容"];

pub const COUNT_COLUMNS: [&str; 6] = [
    "設置場所",
    "稼働中",
    "廃棄済み",
    "医療情報を格納（稼働中）",
    "サポート終了（稼働中）",
    "種別ごとの台数（稼働中）",
];

fn build(doc: &DeviceLedger) -> Result<Vec<u8>, XlsxError> {
    let header = doc.cover.xlsx_header(TITLE);
    let footer = doc.cover.xlsx_footer();
    let mut wb = Workbook::new();

    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_DEVICES,
        &DEVICE_COLUMNS,
        &[
            12.0, 12.0, 18.0, 16.0, 20.0, 20.0, 20.0, 16.0, 8.0, 14.0, 18.0, 14.0, 14.0, 14.0,
            16.0, 24.0, 8.0,
        ],
        &header,
        &footer,
    )?;
    for (i, d) in doc.devices.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let disposal = d.disposal.as_ref();
        let cells = [
            d.id.clone(),
            d.kind.clone(),
            d.model.clone(),
            d.serial.clone(),
            place_text(d.institution.as_deref()),
            d.location.clone(),
            d.permitted_use.clone().unwrap_or_default(),
            d.holder.clone(),
            if d.stores_medical_information {
                "○"
            } else {
                ""
            }
            .to_string(),
            d.encryption.clone(),
            d.os_firmware.clone().unwrap_or_default(),
            d.support_ends_on.map(dates::seireki).unwrap_or_default(),
            disposal.map(|x| dates::seireki(x.on)).unwrap_or_default(),
            disposal.map(|x| x.method.clone()).unwrap_or_default(),
            disposal
                .and_then(|x| x.erasure_certificate.clone())
                .unwrap_or_default(),
            d.warnings.join("\n"),
            if d.is_disposed() { "" } else { "○" }.to_string(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(row, col(c), v)?;
        }
    }

    let s = &doc.stocktake;
    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_STOCKTAKE,
        &COUNT_COLUMNS,
        &[28.0, 10.0, 10.0, 14.0, 14.0, 40.0],
        &header,
        &footer,
    )?;
    for (i, c) in s.counts.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        ws.write_string(row, 0, place_text(c.institution.as_deref()))?;
        for (k, n) in [
            c.in_service,
            c.disposed,
            c.storing_medical_information,
            c.support_ended,
        ]
        .iter()
        .enumerate()
        {
            ws.write_number(row, col(k + 1), *n as f64)?;
        }
        ws.write_string(row, 5, c.by_kind_text())?;
    }
    let ws = sheet(
        xlsx_sheet::LANDSCAPE_LARGE,
        &mut wb,
        SHEET_CHECK,
        &CHECK_COLUMNS,
        &[24.0, 50.0],
        &header,
        &footer,
    )?;
    for (i, (k, v)) in stocktake_rows(s).iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        ws.write_string(row, 0, k)?;
        ws.write_string(row, 1, v)?;
    }
    wb.save_to_buffer()
}

pub(super) fn render(doc: &DeviceLedger) -> Result<Vec<u8>, RenderError> {
    build(doc).map_err(|e| RenderError::Xlsx(e.to_string()))
}
