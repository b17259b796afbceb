//! The house style of every DOCX, as in templates/house.typ: running text and table body
//! cells in 明朝 (BIZ UDPMincho: the document's default run font), the title, headings,
//! header and label cells, bold text, the page header and footer in ゴシック (BIZ UDPGothic);
//! header rows repeat on every page ([`pack`]). Word draws them where the fonts are installed.

use std::io::Cursor;

use docx_rs::{
    Docx, FieldCharType, Footer, Header, InstrNUMPAGES, InstrPAGE, InstrText, Paragraph, Run,
    RunFonts, Shading, TableCell,
};

use crate::RenderError;

pub(crate) const MINCHO: &str = "BIZ UDPMincho";
pub(crate) const GOTHIC: &str = "BIZ UDPGothic";

/// The default run font of the document: 明朝.
pub(crate) fn mincho() -> RunFonts {
    RunFonts::new()
        .east_asia(MINCHO)
        .ascii(MINCHO)
        .hi_ansi(MINCHO)
}

/// The font of titles, headings, header and label cells and bold text: ゴシック.
pub(crate) fn gothic() -> RunFonts {
    RunFonts::new()
        .east_asia(GOTHIC)
        .ascii(GOTHIC)
        .hi_ansi(GOTHIC)
}

/// A4 in twentieths of a point.
pub(crate) const A4_LONG: u32 = 16838;
pub(crate) const A4_SHORT: u32 = 11906;

/// A paragraph of running text; a line break in the data stays a line break.
pub(crate) fn para(text: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(docx_rs::BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

/// Bold text in ゴシック.
pub(crate) fn bold(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold().fonts(gothic()))
}

/// A heading of `size` half-points in bold ゴシック.
pub(crate) fn heading(text: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).bold().fonts(gothic()).size(size))
}

/// A table cell holding `p`.
pub(crate) fn cell(p: Paragraph) -> TableCell {
    TableCell::new().add_paragraph(p)
}

/// A table cell of running text.
pub(crate) fn text_cell(text: &str) -> TableCell {
    cell(para(text))
}

/// A header or label cell: bold ゴシック on grey.
pub(crate) fn head_cell(text: &str) -> TableCell {
    cell(bold(text)).shading(Shading::new().fill("E1E1E1"))
}

/// The page header: one line, in ゴシック.
pub(crate) fn page_header(line: &str) -> Header {
    Header::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(line).fonts(gothic())))
}

/// A field (`PAGE`, `NUMPAGES`) as docx-rs's PageNum and NumPages write it, in ゴシック.
fn field(instr: InstrText) -> Run {
    Run::new()
        .fonts(gothic())
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(instr)
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false)
}

/// The page footer: `line`, then `n / m`, in ゴシック.
pub(crate) fn page_footer(line: &str) -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(format!("{line}　")).fonts(gothic()))
            .add_run(field(InstrText::PAGE(InstrPAGE::new())))
            .add_run(Run::new().add_text(" / ").fonts(gothic()))
            .add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new()))),
    )
}

/// Builds and packs `d`, the header row of every list table marked to repeat on every page.
pub(crate) fn pack(d: Docx) -> Result<Vec<u8>, RenderError> {
    let mut out = Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| RenderError::Docx(e.to_string()))?;
    crate::docx_header::repeat_header_rows(&out.into_inner())
}
