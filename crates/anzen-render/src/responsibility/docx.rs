//! The responsibility division as DOCX (A4 landscape), for a person to edit further: the
//! same sections and rows as the PDF, with the title, version and issue date in the page
//! header and `n / m` in the footer. Fonts, repeated header rows: `crate::docx_house`.

use docx_rs::{Docx, PageMargin, PageOrientationType, Shading, Table, TableRow};

use super::{
    AgreementSheet, CONFIRMATION_NOTE, INTRO, Party, Phase, ResponsibilityDivision, TITLE,
};
use crate::docx_house::{A4_LONG, A4_SHORT, bold, cell, head_cell, heading, para};
use crate::{RenderError, docx_house};

/// A row of one cell across `span` columns: a phase's label.
fn section_row(text: &str, span: usize) -> TableRow {
    TableRow::new(vec![
        cell(bold(text))
            .grid_span(span)
            .shading(Shading::new().fill("F0F0F0")),
    ])
}

fn kv(label: &str, value: &str) -> TableRow {
    TableRow::new(vec![head_cell(label), cell(para(value))])
}

fn sheet(mut d: Docx, a: &AgreementSheet) -> Docx {
    d = d.add_paragraph(heading(&a.heading(), 24));
    if let Some(r) = &a.reagreement {
        d = d.add_table(Table::new(vec![TableRow::new(vec![
            head_cell("【要再合意】"),
            cell(bold(&r.text())),
        ])]));
    }
    let mut rows = vec![
        kv("合意の種類", a.kind.label()),
        kv("当事者", &format!("{} ／ {}", a.provider, a.counterparty)),
        kv("契約", a.contract.as_deref().unwrap_or("—")),
        kv("本表の版", &a.version_text()),
        kv("合意内容の SHA-256", &a.digest),
        kv("作成", &a.drafted_text()),
    ];
    for p in &a.parties {
        rows.push(kv(
            &format!("合意（{}）", p.role.label()),
            &format!("{}：{}", p.name, p.consents_text()),
        ));
    }
    let subs = if a.subcontractors.is_empty() {
        "—".to_string()
    } else {
        a.subcontractors.join("、")
    };
    rows.push(kv("委託先事業者", &subs));
    d = d.add_table(Table::new(rows));
    if !a.gaps.is_empty() {
        d = d.add_paragraph(bold("義務の定めのないフェーズ"));
        for g in &a.gaps {
            d = d.add_paragraph(para(&format!("・{g}")));
        }
    }

    d = d.add_paragraph(heading(
        "第1部　ライフサイクルの各段階の義務と責任（GL 3.2 図3-4）",
        20,
    ));
    let mut rows = vec![TableRow::new(
        ["義務", "責任を負う当事者", "根拠", "確度"]
            .iter()
            .map(|h| head_cell(h))
            .collect(),
    )];
    for phase in Phase::ALL {
        let duties: Vec<_> = a.duties_of(phase).collect();
        if duties.is_empty() {
            continue;
        }
        rows.push(section_row(phase.label(), 4));
        for x in duties {
            rows.push(TableRow::new(vec![
                cell(para(&x.title)),
                cell(para(&format!("{}：{}", x.party.label(), x.party_name))),
                cell(para(x.reference.as_deref().unwrap_or("—"))),
                cell(para(x.confidence.as_deref().unwrap_or("確認済み"))),
            ]));
        }
    }
    d = d.add_table(Table::new(rows));

    d = d.add_paragraph(heading(
        "第2部　役割分担の確認（2024年 役割分担等に関する確認表の様式）",
        20,
    ));
    d = d.add_paragraph(para(CONFIRMATION_NOTE));
    let mut rows = vec![TableRow::new(vec![
        head_cell("No."),
        head_cell("項目"),
        head_cell(Party::Institution.label()),
        head_cell(Party::Provider.label()),
        head_cell(Party::Subcontractor.label()),
        head_cell("根拠"),
    ])];
    let mut section = String::new();
    for r in a.confirmation_rows() {
        if r.section != section {
            rows.push(section_row(&r.section, 6));
            section.clone_from(&r.section);
        }
        let [inst, prov, sub] = r.marks();
        let sub = match &r.subcontractor {
            Some(name) => format!("{sub}\n{name}"),
            None => sub.to_string(),
        };
        rows.push(TableRow::new(vec![
            cell(para(&r.number.to_string())),
            cell(para(&r.item)),
            cell(para(inst)),
            cell(para(prov)),
            cell(para(&sub)),
            cell(para(&r.reference)),
        ]));
    }
    d.add_table(Table::new(rows))
}

pub(super) fn render(doc: &ResponsibilityDivision) -> Result<Vec<u8>, RenderError> {
    let c = &doc.cover;
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
        kv("サービス", &c.offering),
        kv("提供事業者", &c.provider),
        kv("対象", &c.audience()),
        kv("版", &format!("第 {} 版", c.version)),
        kv("発行日", &crate::dates::both(c.issued_on)),
        kv("文書番号", &c.number_text()),
        kv("合意の件数", &format!("{} 件", doc.agreements.len())),
    ]));
    d = d.add_paragraph(para(INTRO));
    if doc.agreements.is_empty() {
        d = d.add_paragraph(para("この提供サービスについて記録された合意はありません。"));
    }
    for a in &doc.agreements {
        d = sheet(d, a);
    }
    docx_house::pack(d)
}
