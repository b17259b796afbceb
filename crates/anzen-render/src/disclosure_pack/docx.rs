//! The disclosure pack as DOCX (A4 portrait), for a person to edit further: the same
//! sections and rows as the PDF, with the title, version and issue date in the page header
//! and `n / m` in the footer. Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{Docx, PageMargin, Table, TableCell, TableRow};

use super::{DisclosurePack, Stage, TITLE};
use crate::docx_house::{cell, head_cell, heading, para};
use crate::{RenderError, docx_house};

/// A4 in twentieths of a point, portrait.
const A4_WIDTH: u32 = 11906;
const A4_HEIGHT: u32 = 16838;

fn kv(label: &str, value: &str) -> TableRow {
    TableRow::new(vec![head_cell(label), cell(para(value))])
}

pub(super) fn render(doc: &DisclosurePack) -> Result<Vec<u8>, RenderError> {
    let c = &doc.cover;
    let header = docx_house::page_header(&c.header_line(TITLE));
    let footer = docx_house::page_footer(&c.footer_line());
    let mut d = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(PageMargin::new().top(1134).bottom(907).left(794).right(794))
        .default_fonts(docx_house::mincho())
        .default_size(17)
        .header(header)
        .footer(footer)
        .add_paragraph(heading(TITLE, 32));

    d = d.add_table(Table::new(vec![
        kv("サービス", &c.offering),
        kv("提供事業者", &c.provider),
        kv("対象", &c.audience()),
        kv("版", &format!("第 {} 版", c.version)),
        kv("発行日", &crate::dates::both(c.issued_on)),
        kv("文書番号", &c.number_text()),
        kv("開示項目数", &format!("{} 件", doc.items.len())),
    ]));
    if let Some(note) = &doc.note {
        d = d.add_paragraph(para(note));
    }
    d = d.add_paragraph(para(super::INTRO));

    let mut any = false;
    for stage in Stage::ALL {
        let items: Vec<_> = doc.items_of(stage).collect();
        if items.is_empty() {
            continue;
        }
        any = true;
        d = d.add_paragraph(heading(stage.heading(), 22));
        let mut rows = vec![TableRow::new(
            ["項目番号", "項目", "開示した内容", "開示日時・開示者"]
                .iter()
                .map(|h| head_cell(h))
                .collect(),
        )];
        for i in items {
            let title = match &i.group {
                Some(g) => format!("{}\n（{g}）", i.title),
                None => i.title.clone(),
            };
            rows.push(TableRow::new(vec![
                cell(para(&i.key)),
                cell(para(&title)),
                TableCell::new()
                    .add_paragraph(para(&i.answer))
                    .add_paragraph(para(&format!("（{}）", i.origin_text()))),
                cell(para(&i.who_when())),
            ]));
        }
        d = d.add_table(Table::new(rows));
    }
    if !any {
        d = d.add_paragraph(heading("開示した項目", 22));
        d = d.add_paragraph(para(
            "この医療機関等へ開示した表4-1の項目はまだありません。",
        ));
    }

    d = d.add_paragraph(heading("第三者認証（GL 4.4、FAQ 4.2、表4-1 ①-7・①-8）", 22));
    d = d.add_table(Table::new(vec![TableRow::new(vec![
        head_cell("注意"),
        cell(para(doc.notice())),
    ])]));
    if let Some(q) = &doc.qualification {
        d = d.add_table(Table::new(vec![
            kv("最低限の適格性", &q.text()),
            kv(
                "判定の根拠",
                &if q.reasons.is_empty() {
                    "—".to_string()
                } else {
                    q.reasons.join("\n")
                },
            ),
        ]));
    }
    if doc.certifications.is_empty() {
        d = d.add_paragraph(para("登録された第三者認証はありません。"));
    } else {
        let mut rows = vec![TableRow::new(
            [
                "認証の種類",
                "対象範囲",
                "発行者",
                "有効期間",
                "状態",
                "表4-1",
            ]
            .iter()
            .map(|h| head_cell(h))
            .collect(),
        )];
        for x in &doc.certifications {
            let kind = match &x.detail {
                Some(det) => format!("{}\n（{det}）", x.kind),
                None => x.kind.clone(),
            };
            rows.push(TableRow::new(vec![
                cell(para(&kind)),
                cell(para(&x.scope)),
                cell(para(&x.issuer)),
                cell(para(&x.period())),
                cell(para(&x.status)),
                cell(para(&x.table_item)),
            ]));
        }
        d = d.add_table(Table::new(rows));
    }

    docx_house::pack(d)
}
