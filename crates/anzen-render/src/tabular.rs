//! DOCX and XLSX of a document made of a few facts and tables (the configuration diagram's
//! legend tables, the audit-trail excerpt): the cover's facts and notes first, then each
//! table with its header row. DOCX carries them as one document (A4, the title, version and
//! issue date in the page header, `n / m` in the footer); XLSX as a summary sheet and one
//! sheet per table, one fact per column, the header row repeated on every printed page.

use docx_rs::{Docx, PageMargin, PageOrientationType, Table, TableRow};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::docx_house::{A4_LONG, A4_SHORT, head_cell, heading, para, text_cell as cell};
use crate::{Cover, RenderError, dates, docx_house};

/// One table of the document.
pub(crate) struct Section<'a> {
    /// The heading above it (DOCX) and the sheet's name (XLSX: at most 31 characters, none
    /// of `[]:*?/\`).
    pub title: &'a str,
    pub sheet: &'a str,
    pub columns: &'a [&'a str],
    /// Column widths in XLSX (characters); missing ones are 14.
    pub widths: &'a [f64],
    pub rows: &'a [Vec<String>],
}

/// What comes before the tables.
pub(crate) struct Front<'a> {
    pub title: &'a str,
    pub landscape: bool,
    /// Label and value rows after the cover's own.
    pub facts: &'a [(String, String)],
    /// Paragraphs after the facts.
    pub notes: &'a [String],
}

/// The cover's facts as `(label, value)`, as on the PDF's first page.
fn cover_facts(c: &Cover) -> Vec<(String, String)> {
    vec![
        ("サービス".into(), c.offering.clone()),
        ("提供事業者".into(), c.provider.clone()),
        ("対象".into(), c.audience()),
        ("版".into(), format!("第 {} 版", c.version)),
        ("発行日".into(), dates::both(c.issued_on)),
        ("文書番号".into(), c.number_text()),
    ]
}

pub(crate) fn docx(
    cover: &Cover,
    front: &Front<'_>,
    sections: &[Section<'_>],
) -> Result<Vec<u8>, RenderError> {
    let header = docx_house::page_header(&cover.header_line(front.title));
    let footer = docx_house::page_footer(&cover.footer_line());
    let (w, h, orient) = if front.landscape {
        (A4_LONG, A4_SHORT, PageOrientationType::Landscape)
    } else {
        (A4_SHORT, A4_LONG, PageOrientationType::Portrait)
    };
    let mut d = Docx::new()
        .page_size(w, h)
        .page_orient(orient)
        .page_margin(PageMargin::new().top(1134).bottom(907).left(794).right(794))
        .default_fonts(docx_house::mincho())
        .default_size(17)
        .header(header)
        .footer(footer)
        .add_paragraph(heading(front.title, 32));
    let facts: Vec<TableRow> = cover_facts(cover)
        .iter()
        .chain(front.facts.iter())
        .map(|(k, v)| TableRow::new(vec![head_cell(k), cell(v)]))
        .collect();
    d = d.add_table(Table::new(facts));
    for n in front.notes {
        d = d.add_paragraph(para(n));
    }
    for s in sections {
        d = d.add_paragraph(heading(s.title, 24));
        let mut rows = vec![TableRow::new(
            s.columns.iter().map(|c| head_cell(c)).collect(),
        )];
        if s.rows.is_empty() {
            rows.push(TableRow::new(
                std::iter::once(cell("（なし）"))
                    .chain(s.columns.iter().skip(1).map(|_| cell("")))
                    .collect(),
            ));
        }
        for r in s.rows {
            rows.push(TableRow::new(r.iter().map(|v| cell(v)).collect()));
        }
        d = d.add_table(Table::new(rows));
    }
    docx_house::pack(d)
}

/// The name of the XLSX summary sheet.
pub(crate) const SUMMARY_SHEET: &str = "概要";

fn build_xlsx(
    cover: &Cover,
    front: &Front<'_>,
    sections: &[Section<'_>],
) -> Result<Vec<u8>, XlsxError> {
    let header = cover.xlsx_header(front.title);
    let footer = cover.xlsx_footer();
    let head = crate::xlsx_sheet::head_format();
    let body = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let mut wb = Workbook::new();
    let page = |ws: &mut rust_xlsxwriter::Worksheet| {
        ws.set_paper_size(9); // A4
        if front.landscape {
            ws.set_landscape();
        } else {
            ws.set_portrait();
        }
        ws.set_header(&header);
        ws.set_footer(&footer);
    };
    let ws = wb.add_worksheet();
    ws.set_name(SUMMARY_SHEET)?;
    page(ws);
    ws.set_column_width(0, 24.0)?;
    ws.set_column_width(1, 90.0)?;
    let mut row = 0u32;
    ws.write_string_with_format(row, 0, front.title, &head)?;
    row += 1;
    for (k, v) in cover_facts(cover).iter().chain(front.facts.iter()) {
        ws.write_string_with_format(row, 0, k, &head)?;
        ws.write_string_with_format(row, 1, v, &body)?;
        row += 1;
    }
    for n in front.notes {
        row += 1;
        ws.write_string(row, 0, n)?;
    }
    for s in sections {
        let ws = wb.add_worksheet();
        ws.set_name(s.sheet)?;
        page(ws);
        ws.set_repeat_rows(0, 0)?;
        ws.set_freeze_panes(1, 0)?;
        for (c, title) in s.columns.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, c, *title, &head)?;
            ws.set_column_width(c, s.widths.get(usize::from(c)).copied().unwrap_or(14.0))?;
        }
        for (i, r) in s.rows.iter().enumerate() {
            let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for (c, v) in r.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                ws.write_string_with_format(row, c, v, &body)?;
            }
        }
    }
    wb.save_to_buffer()
}

pub(crate) fn xlsx(
    cover: &Cover,
    front: &Front<'_>,
    sections: &[Section<'_>],
) -> Result<Vec<u8>, RenderError> {
    build_xlsx(cover, front, sections).map_err(|e| RenderError::Xlsx(e.to_string()))
}
