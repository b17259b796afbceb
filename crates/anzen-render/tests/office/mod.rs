//! Reading DOCX and XLSX back as a reader's tools do: the text of a WordprocessingML part,
//! and the cells of a sheet as strings.
#![allow(dead_code)]

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

pub fn zip_entry(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The names of the parts of a DOCX.
pub fn parts(bytes: &[u8]) -> Vec<String> {
    zip::ZipArchive::new(Cursor::new(bytes))
        .unwrap()
        .file_names()
        .map(str::to_string)
        .collect()
}

/// The text of a WordprocessingML part: its `<w:t>` contents, XML escapes undone, a line
/// break as `\n`, one paragraph per line.
pub fn docx_text(xml: &str) -> String {
    let mut out = String::new();
    for para in xml.split("</w:p>") {
        for piece in para.split("<w:").skip(1) {
            if piece.starts_with("br") {
                out.push('\n');
            } else if let Some(rest) = piece.strip_prefix('t')
                && (rest.starts_with('>') || rest.starts_with(' '))
            {
                let body = &rest[rest.find('>').unwrap() + 1..];
                out.push_str(&body[..body.find("</w:t>").unwrap_or(body.len())]);
            }
        }
        out.push('\n');
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The body text of a DOCX and the text of its header.
pub fn docx_body_and_header(bytes: &[u8]) -> (String, String) {
    let body = docx_text(&zip_entry(bytes, "word/document.xml"));
    let header = parts(bytes)
        .into_iter()
        .find(|n| n.starts_with("word/header"))
        .expect("a header part");
    (body, docx_text(&zip_entry(bytes, &header)))
}

/// The sheet names of a workbook, in order.
pub fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    wb.sheet_names().to_vec()
}

/// The cells of a sheet as strings.
pub fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let range = wb.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}
