//! The device ledger as DOCX (A4 landscape), for a person to edit further: the same sections
//! and rows as the PDF, with the title, version and issue date in the page header and
//! `n / m` in the footer. Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{
    Docx, PageMargin, PageOrientationType, Paragraph, Run, Shading, Table, TableCell, TableRow,
};

use super::{
    COUNT_HEADS, DEVICE_HEADS, DeviceLedger, TITLE, count_cells, device_cells, stocktake_rows,
};
use crate::{RenderError, docx_house};

/// A4 in twentieths of a point, landscape.
const A4_LONG: u32 = 16838;
const A4_SHORT: u32 = 11906;

fn para(text: &str) -> Paragraph {
    // A line break in the data stays a line break in the document.
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(
        Run::new()
            .add_text(text)
            .bold()
            .fonts(docx_house::gothic())
            .size(size),
    )
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(para(text))
}

fn head_cell(text: &str) -> TableCell {
    TableCell::new()
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(text).bold().fonts(docx_house::gothic())),
        )
        .shading(Shading::new().fill("E1E1E1"))
}

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
