//! The risk treatment list as DOCX (A4 landscape), for a person to edit further: the same
//! sections and rows as the PDF, with the title, version and issue date in the page header
//! and `n / m` in the footer. Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{Docx, PageMargin, PageOrientationType, Table, TableCell, TableRow};

use super::{InstitutionResponse, Measure, RiskTreatmentList, TITLE};
use crate::docx_house::{A4_LONG, A4_SHORT, cell, head_cell, heading, para};
use crate::{RenderError, docx_house};

fn lines(items: impl IntoIterator<Item = String>) -> TableCell {
    let mut c = TableCell::new();
    let mut any = false;
    for line in items {
        c = c.add_paragraph(para(&line));
        any = true;
    }
    if !any {
        c = c.add_paragraph(para("—"));
    }
    c
}

fn kv(label: &str, value: TableCell) -> TableRow {
    TableRow::new(vec![head_cell(label), value])
}

pub(super) fn render(doc: &RiskTreatmentList) -> Result<Vec<u8>, RenderError> {
    let c = &doc.cover;
    let issued = crate::dates::both(c.issued_on);
    let header = docx_house::page_header(&c.header_line(TITLE));
    let footer = docx_house::page_footer(&c.footer_line());
    let mut d = Docx::new()
        .page_size(A4_LONG, A4_SHORT)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(PageMargin::new().top(1134).bottom(907).left(794).right(794))
        .default_fonts(docx_house::mincho())
        .default_size(17)
        .header(header)
        .footer(footer)
        .add_paragraph(heading(TITLE, 32));

    d = d.add_table(Table::new(vec![
        kv("サービス", cell(para(&c.offering))),
        kv("提供事業者", cell(para(&c.provider))),
        kv("対象", cell(para(&c.audience()))),
        kv("版", cell(para(&format!("第 {} 版", c.version)))),
        kv("発行日", cell(para(&issued))),
        kv("文書番号", cell(para(&c.number_text()))),
        kv("リスク件数", cell(para(&format!("{} 件", doc.risks.len())))),
    ]));

    d = d.add_paragraph(heading("一覧", 24));
    let mut rows = vec![TableRow::new(
        [
            "No.",
            "リスク",
            "対応前",
            "対応後",
            "対応方針",
            "医療機関の回答",
        ]
        .iter()
        .map(|h| head_cell(h))
        .collect(),
    )];
    for r in &doc.risks {
        rows.push(TableRow::new(vec![
            cell(para(&r.code)),
            cell(para(&r.title)),
            cell(para(&r.before.label)),
            cell(para(r.after.as_ref().map_or("—", |l| l.label.as_str()))),
            cell(para(&r.option)),
            lines(
                r.responses
                    .iter()
                    .map(|x| format!("{}：{}", x.institution, x.state.label())),
            ),
        ]));
    }
    d = d.add_table(Table::new(rows));

    d = d.add_paragraph(heading("詳細", 24));
    for r in &doc.risks {
        let f = &r.flow;
        d = d.add_paragraph(heading(&format!("{}　{}", r.code, r.title), 20));
        d = d.add_table(Table::new(vec![
            kv(
                "情報の流れ",
                cell(para(&format!(
                    "誰が：{}　どこで：{}　機器：{}　何を：{}　どのように：{}",
                    f.who, f.place, f.device, f.what, f.how
                ))),
            ),
            kv("対応前のリスク", cell(para(&r.before.text()))),
            kv(
                "対応後のリスク",
                cell(para(&r.after.as_ref().map_or("—".into(), |l| l.text()))),
            ),
            kv("対応方針", cell(para(&r.option))),
            kv(
                "検討した選択肢",
                lines(r.options_weighed.iter().map(|o| {
                    let chosen = if o.chosen { "（採用）" } else { "" };
                    format!("{}{chosen}：{}", o.option, o.reason)
                })),
            ),
            kv("理由", cell(para(&r.reasons))),
            kv(
                "対策（担当）",
                lines(r.measures.iter().map(|m| format!("・{}", Measure::text(m)))),
            ),
            kv(
                "医療機関への説明",
                cell(para(r.explanation.as_deref().unwrap_or("—"))),
            ),
            kv(
                "医療機関の回答",
                lines(
                    r.responses
                        .iter()
                        .map(|x| format!("{}：{}", x.institution, InstitutionResponse::text(x))),
                ),
            ),
        ]));
    }

    docx_house::pack(d)
}
