//! The device ledger as DOCX (A4 landscape), for a person to edit further: the same sections
//! and rows as the PDF, with the title, version and issue date in the page header and
//! `n / m` in the footer. Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{Docx, PageMargin, PageOrientationType, Table, TableRow};

use super::{
    COUNT_HEADS, DEVICE_HEADS, DeviceLedger, TITLE, count_cells, device_cells, stocktake_rows,
};
use crate::docx_house::{A4_LONG, A4_SHORT, head_cell, heading, para, text_cell as cell};
use crate::{RenderError, docx_house};

fn row(cells: &[String]) -> TableRow {
    TableRow::new(cells.iter().map(|c| cell(c)).collect())
}

fn kv(k: &str, v: &str) -> TableRow {
    TableRow::new(vec![head_cell(k), cell(v)])
}

pub(super) fn render(doc: &DeviceLedger) -> Result<Vec<u8>, RenderError> {
    let c = &doc.cover;
    let header = docx_house::page_header(&c.header_line(TITLE));
    let footer = docx_house::page_footer(&c.footer_line());
    let mut d = Docx::new()
        .page_size(A4_LONG, A4_SHORT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(PageMargin::new().top(1134).bottom(907).left(794).right(794))
        .default_fonts(docx_house::mincho())
        .default_size(16)
        .header(header)
        .footer(footer)
        .add_paragraph(heading(TITLE, 32));

    let mut front = vec![
        kv("サービス", &c.offering),
        kv("提供事業者", &c.provider),
        kv("対象", &c.audience()),
        kv("版", &format!("第 {} 版", c.version)),
        kv("発行日", &crate::dates::both(c.issued_on)),
        kv("文書番号", &c.number_text()),
    ];
    front.extend(doc.front_rows().iter().map(|(k, v)| kv(k, v)));
    d = d.add_table(Table::new(front));

    d = d.add_paragraph(heading("台数の確認（最終棚卸し）", 24));
    d = d.add_table(Table::new(
        stocktake_rows(&doc.stocktake)
            .iter()
            .map(|(k, v)| kv(k, v))
            .collect(),
    ));
    d = d.add_paragraph(para(""));
    let mut rows = vec![TableRow::new(
        COUNT_HEADS.iter().map(|h| head_cell(h)).collect(),
    )];
    rows.extend(count_cells(&doc.stocktake).iter().map(|r| row(r)));
    d = d.add_table(Table::new(rows));

    d = d.add_paragraph(heading("機器一覧", 24));
    if doc.devices.is_empty() {
        d = d.add_paragraph(para("登録された機器はありません。"));
    } else {
        let mut rows = vec![TableRow::new(
            DEVICE_HEADS.iter().map(|h| head_cell(h)).collect(),
        )];
        rows.extend(doc.devices.iter().map(|x| row(&device_cells(x))));
        d = d.add_table(Table::new(rows));
    }

    docx_house::pack(d)
}
