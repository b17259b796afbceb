//! The list sheets of the documents' XLSX: A4, the header row in bold on grey, repeated on
//! every printed page and frozen on screen, the cover's header and footer on every page. One
//! fact per column, so that the rows can be filtered and sorted.

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// How a document's list sheets are laid out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub landscape: bool,
    /// The body's format (wrapped, top-aligned) is set on the columns and the sheet prints
    /// its grid lines: a cell written without a format takes it, and writing thousands of
    /// cells does not look a format up for each (the large sheets). Otherwise each cell is
    /// written with a bordered format of its own.
    pub column_body: bool,
}

pub(crate) const PORTRAIT: Style = Style {
    landscape: false,
    column_body: false,
};
pub(crate) const LANDSCAPE: Style = Style {
    landscape: true,
    column_body: false,
};
pub(crate) const LANDSCAPE_LARGE: Style = Style {
    landscape: true,
    column_body: true,
};

/// The header cells' format.
pub(crate) fn head_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color("E1E1E1")
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
}

/// The body's format of a sheet with [`Style::column_body`].
pub(crate) fn column_body_format() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// A new sheet named `name` with its header row; a missing width is 14 characters.
pub(crate) fn sheet<'a>(
    style: Style,
    wb: &'a mut Workbook,
    name: &str,
    columns: &[&str],
    widths: &[f64],
    header: &str,
    footer: &str,
) -> Result<&'a mut Worksheet, XlsxError> {
    let head = head_format();
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    ws.set_paper_size(9); // A4
    if style.landscape {
        ws.set_landscape();
    }
    ws.set_header(header);
    ws.set_footer(footer);
    ws.set_repeat_rows(0, 0)?;
    ws.set_freeze_panes(1, 0)?;
    if style.column_body {
        ws.set_print_gridlines(true);
    }
    let body = column_body_format();
    for (c, title) in columns.iter().enumerate() {
        let c = col(c);
        ws.write_string_with_format(0, c, *title, &head)?;
        ws.set_column_width(c, widths.get(usize::from(c)).copied().unwrap_or(14.0))?;
        if style.column_body {
            ws.set_column_format(c, &body)?;
        }
    }
    Ok(ws)
}

/// Writes `cells` on `row`, each with `f`.
pub(crate) fn write_row<S: AsRef<str>>(
    ws: &mut Worksheet,
    row: u32,
    cells: &[S],
    f: &Format,
) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        ws.write_string_with_format(row, col(c), v.as_ref(), f)?;
    }
    Ok(())
}

/// Writes `cells` on `row` in the columns' format (a [`Style::column_body`] sheet).
pub(crate) fn write_plain_row(
    ws: &mut Worksheet,
    row: u32,
    cells: &[&str],
) -> Result<(), XlsxError> {
    for (c, v) in cells.iter().enumerate() {
        ws.write_string(row, col(c), *v)?;
    }
    Ok(())
}

/// The sheet row of the `i`-th body row (row 0 is the header).
pub(crate) fn row_of(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// A column index as the writer takes it.
pub(crate) fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}
