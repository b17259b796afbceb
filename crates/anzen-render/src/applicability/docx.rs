//! The statement of applicability as DOCX (A4 landscape), for a person to edit further: the
//! same sections and rows as the PDF, with the title, version and issue date in the page
//! header and `n / m` in the footer. Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{Docx, PageMargin, PageOrientationType, Shading, Table, TableCell, TableRow};

use super::{
    StatementOfApplicability, TITLE, catalogue_rows, control_cells, regulatory_cells,
    summary_cells, summary_columns, topic_starts,
};
use crate::docx_house::{A4_LONG, A4_SHORT, bold, head_cell, heading, para, text_cell as cell};
use crate::{RenderError, docx_house};

/// A header row (docx-rs 0.4 cannot mark it to repeat on every page).
fn head_row(titles: &[&str]) -> TableRow {
    TableRow::new(titles.iter().map(|t| head_cell(t)).collect())
}

fn group_row(text: &str, span: usize, fill: &str) -> TableRow {
    TableRow::new(vec![
        TableCell::new()
            .add_paragraph(bold(text))
            .grid_span(span)
            .shading(Shading::new().fill(fill)),
    ])
}

fn row(cells: &[String]) -> TableRow {
    TableRow::new(cells.iter().map(|c| cell(c)).collect())
}

const CONTROL_COLUMNS: [&str; 6] = [
    "No.",
    "対策項目",
    "区分",
    "状態",
    "記述（理由・根拠）",
    "記述者・日時",
];

pub(super) fn render(doc: &StatementOfApplicability) -> Result<Vec<u8>, RenderError> {
    let c = &doc.cover;
    let issued = crate::dates::both(c.issued_on);
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

    let kv = |k: &str, v: &str| TableRow::new(vec![head_cell(k), cell(v)]);
    let mut front = vec![
        kv("サービス", &c.offering),
        kv("提供事業者", &c.provider),
        kv("対象", &c.audience()),
        kv("版", &format!("第 {} 版", c.version)),
        kv("発行日", &issued),
        kv("文書番号", &c.number_text()),
    ];
    front.extend(catalogue_rows(doc).iter().map(|(k, v)| kv(k, v)));
    d = d.add_table(Table::new(front));

    d = d.add_paragraph(heading("集計", 24));
    let columns = summary_columns();
    let mut heads = vec!["大項目"];
    heads.extend(columns.iter().map(String::as_str));
    let mut rows = vec![head_row(&heads)];
    rows.extend(summary_cells(doc).iter().map(|r| row(r)));
    d = d.add_table(Table::new(rows));

    d = d.add_paragraph(heading("制度上の要求事項（第6章）", 24));
    let mut rows = vec![head_row(&[
        "項番",
        "要求事項",
        "根拠法令等",
        "状態",
        "記述",
        "適合",
        "記述者・日時",
    ])];
    rows.extend(doc.regulatory.iter().map(|r| row(&regulatory_cells(r))));
    d = d.add_table(Table::new(rows));

    d = d.add_paragraph(heading("別紙2 対策項目ごとの適用宣言", 24));
    let mut rows = vec![head_row(&CONTROL_COLUMNS)];
    for ch in &doc.chapters {
        rows.push(group_row(&ch.heading(), 6, "D7D7D7"));
        for s in &ch.sections {
            rows.push(group_row(&s.heading(), 6, "EEEEEE"));
            let starts = topic_starts(&s.controls);
            for (c, start) in s.controls.iter().zip(starts) {
                rows.push(row(&control_cells(c, start)));
            }
        }
    }
    d = d.add_table(Table::new(rows));

    d = d.add_paragraph(heading("事業者独自の対策", 24));
    if doc.provider_controls.is_empty() {
        d = d.add_paragraph(para("なし"));
    } else {
        let mut rows = vec![head_row(&CONTROL_COLUMNS)];
        rows.extend(
            doc.provider_controls
                .iter()
                .map(|c| row(&control_cells(c, true))),
        );
        d = d.add_table(Table::new(rows));
    }

    docx_house::pack(d)
}
