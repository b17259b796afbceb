//! The rules as DOCX (A4 portrait), for a person to edit further: the same sections as the
//! PDF, with the title, version and issue date in the page header and `n / m` in the footer.
//! Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{Docx, PageMargin, Table, TableRow};

use super::{OperationalRules, TITLE};
use crate::docx_house::{A4_LONG, A4_SHORT, head_cell, heading, para, text_cell as cell};
use crate::{RenderError, docx_house};

fn kv(k: &str, v: &str) -> TableRow {
    TableRow::new(vec![head_cell(k), cell(v)])
}

pub(super) fn render(doc: &OperationalRules) -> Result<Vec<u8>, RenderError> {
    let c = &doc.cover;
    let mut d = Docx::new()
        .page_size(A4_SHORT, A4_LONG)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(907)
                .left(1020)
                .right(1020),
        )
        .default_fonts(docx_house::mincho())
        .default_size(20)
        .header(docx_house::page_header(&c.header_line(TITLE)))
        .footer(docx_house::page_footer(&c.footer_line()))
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
    for s in &doc.sections {
        d = d
            .add_paragraph(heading(&format!("（{}）{}", s.key, s.title), 24))
            .add_paragraph(para(&s.body));
    }
    d = d.add_paragraph(heading("医療機関等の合意の状況", 24));
    if doc.institutions.is_empty() {
        d = d.add_paragraph(para("この版の対象となる契約はありません。"));
    } else {
        let mut rows = vec![TableRow::new(vec![
            head_cell("医療機関等"),
            head_cell("状況"),
            head_cell("合意者・日時"),
        ])];
        rows.extend(
            doc.standing_cells()
                .iter()
                .map(|r| TableRow::new(r.iter().map(|x| cell(x)).collect())),
        );
        d = d.add_table(Table::new(rows));
    }
    docx_house::pack(d)
}
