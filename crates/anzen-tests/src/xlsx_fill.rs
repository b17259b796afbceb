//! Filling in a workbook as a person would in a spreadsheet program: every sheet's values are
//! read and written to a new workbook with some cells changed (formatting is not kept).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

/// `bytes` with, on sheet `sheet`, the row whose first cell is each key given the values
/// `(column from 0, text)`. Panics on a workbook it cannot read (a test helper).
pub fn set_cells(bytes: &[u8], sheet: &str, edits: &[(&str, &[(u16, &str)])]) -> Vec<u8> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an xlsx workbook");
    let names = wb.sheet_names().clone();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in names {
        let range = wb.worksheet_range(&name).expect("a readable sheet");
        let ws = out.add_worksheet();
        ws.set_name(&name).expect("a valid sheet name");
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (i, row) in range.rows().enumerate() {
            let r = r0 + u32::try_from(i).expect("few rows");
            let key = match row.first() {
                Some(Data::String(s)) => s.clone(),
                _ => String::new(),
            };
            let edit = if name == sheet {
                edits.iter().find(|(k, _)| *k == key).map(|(_, e)| *e)
            } else {
                None
            };
            for (j, cell) in row.iter().enumerate() {
                let c = u16::try_from(c0 as usize + j).expect("few columns");
                let text = match cell {
                    Data::Empty => continue,
                    Data::String(s) => s.clone(),
                    other => other.to_string(),
                };
                ws.write_string(r, c, &text).expect("a cell");
            }
            for (c, value) in edit.unwrap_or_default() {
                ws.write_string(r, *c, *value).expect("a cell");
            }
        }
    }
    out.save_to_buffer().expect("a workbook")
}
