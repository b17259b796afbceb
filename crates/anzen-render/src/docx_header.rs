//! Header rows that repeat on every page in DOCX. docx-rs 0.4 cannot mark a table row as a
//! header row (`w:tblHeader`), so the packed DOCX is opened again, the first row of every
//! list table gets `<w:trPr><w:tblHeader/></w:trPr>`, and the file is packed again.
//!
//! A list table is one whose first row is made only of header cells: cells shaded with the
//! house's header shade ([`HEADER_FILL`], as every document's `head_cell` does). A key/value
//! table (label cells shaded, value cells not) has none and stays as it is. Nested tables are
//! followed; only `word/document.xml` changes, every other part is copied as it is.

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::RenderError;

/// The fill of a header cell (`w:shd w:fill`), as the documents shade them.
pub(crate) const HEADER_FILL: &str = "E1E1E1";
const DOCUMENT: &str = "word/document.xml";
/// The largest `word/document.xml` read back (the documents are a few MB).
const MAX_DOCUMENT: u64 = 256 * 1024 * 1024;

/// Marks the header rows of the packed DOCX `docx` (see the module's documentation).
pub(crate) fn repeat_header_rows(docx: &[u8]) -> Result<Vec<u8>, RenderError> {
    let err = |e: &dyn std::fmt::Display| RenderError::Docx(format!("header rows: {e}"));
    let mut archive = ZipArchive::new(Cursor::new(docx)).map_err(|e| err(&e))?;
    let mut out = ZipWriter::new(Cursor::new(Vec::with_capacity(docx.len() + 1024)));
    for i in 0..archive.len() {
        let file = archive.by_index(i).map_err(|e| err(&e))?;
        if file.name() != DOCUMENT {
            out.raw_copy_file(file).map_err(|e| err(&e))?;
            continue;
        }
        let mut xml = String::new();
        file.take(MAX_DOCUMENT + 1)
            .read_to_string(&mut xml)
            .map_err(|e| err(&e))?;
        if xml.len() as u64 > MAX_DOCUMENT {
            return Err(err(&"word/document.xml is too large"));
        }
        let xml = mark_header_rows(&xml);
        out.start_file(
            DOCUMENT,
            SimpleFileOptions::default().compression_method(CompressionMethod::Deflated),
        )
        .map_err(|e| err(&e))?;
        out.write_all(xml.as_bytes()).map_err(|e| err(&e))?;
    }
    Ok(out.finish().map_err(|e| err(&e))?.into_inner())
}

/// One tag of the XML: where it is, its name, and whether it opens, closes or is empty.
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    kind: Kind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Open,
    Close,
    Empty,
}

/// The tags of `xml` in order (declarations, comments and processing instructions skipped;
/// a `>` inside a quoted attribute value does not end the tag).
fn tags(xml: &str) -> impl Iterator<Item = Tag<'_>> {
    let bytes = xml.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let start = i + bytes.get(i..)?.iter().position(|&b| b == b'<')?;
            let mut j = start + 1;
            let mut quote = None;
            while j < bytes.len() {
                match (quote, bytes[j]) {
                    (None, b'"' | b'\'') => quote = Some(bytes[j]),
                    (Some(q), b) if b == q => quote = None,
                    (None, b'>') => break,
                    _ => {}
                }
                j += 1;
            }
            if j >= bytes.len() {
                return None;
            }
            let end = j + 1;
            i = end;
            let inner = &xml[start + 1..j];
            if inner.starts_with(['?', '!']) {
                continue;
            }
            let (kind, inner) = if let Some(rest) = inner.strip_prefix('/') {
                (Kind::Close, rest)
            } else if let Some(rest) = inner.strip_suffix('/') {
                (Kind::Empty, rest)
            } else {
                (Kind::Open, inner)
            };
            let name = inner
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or("");
            return Some(Tag {
                start,
                end,
                name,
                kind,
            });
        }
    })
}

/// The value of attribute `name` in the tag `tag` (the tag's whole text).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}="))? + name.len() + 2;
    let quote = tag[at..].chars().next()?;
    let rest = &tag[at + 1..];
    Some(&rest[..rest.find(quote)?])
}

/// What is known of a table's first row while it is read.
struct FirstRow {
    /// Depth of the `w:tr` element in the element stack.
    depth: usize,
    /// Where a `w:trPr` goes: after the `w:tr` start tag, or after a `w:tblPrEx`.
    insert_at: usize,
    /// An existing `w:trPr`: (start, end) of its start tag and whether it is empty.
    tr_pr: Option<(usize, usize, Kind)>,
    has_header_mark: bool,
    cells: usize,
    all_header: bool,
    /// The cell being read is shaded as a header cell.
    cell_is_header: bool,
}

/// `xml` (a `word/document.xml`) with the first row of every list table marked as a header
/// row (merged into its `w:trPr` if it has one). Rows already marked stay as they are.
pub(crate) fn mark_header_rows(xml: &str) -> String {
    // Element stack: names of the open elements.
    let mut stack: Vec<&str> = Vec::new();
    // For each open table (innermost last): whether its first row was seen.
    let mut tables: Vec<bool> = Vec::new();
    // The first rows being read (innermost last), one per table at most.
    let mut rows: Vec<FirstRow> = Vec::new();
    // (position, text to insert, length of text replaced)
    let mut edits: Vec<(usize, &'static str, usize)> = Vec::new();
    for t in tags(xml) {
        let depth = stack.len();
        match t.kind {
            Kind::Open | Kind::Empty => {
                let parent = stack.last().copied();
                let row = rows.last_mut();
                match (t.name, parent) {
                    ("w:tbl", _) if t.kind == Kind::Open => tables.push(false),
                    ("w:tr", Some("w:tbl")) if t.kind == Kind::Open => {
                        if let Some(seen @ false) = tables.last_mut() {
                            *seen = true;
                            rows.push(FirstRow {
                                depth: depth + 1,
                                insert_at: t.end,
                                tr_pr: None,
                                has_header_mark: false,
                                cells: 0,
                                all_header: true,
                                cell_is_header: false,
                            });
                        }
                    }
                    ("w:tblPrEx", Some("w:tr")) => {
                        if let Some(r) = row.filter(|r| r.depth == depth && t.kind == Kind::Empty) {
                            r.insert_at = t.end;
                        }
                    }
                    ("w:trPr", Some("w:tr")) => {
                        if let Some(r) = row.filter(|r| r.depth == depth) {
                            r.tr_pr = Some((t.start, t.end, t.kind));
                        }
                    }
                    ("w:tblHeader", Some("w:trPr")) => {
                        if let Some(r) = row.filter(|r| r.depth + 1 == depth) {
                            r.has_header_mark = true;
                        }
                    }
                    ("w:tc", Some("w:tr")) if t.kind == Kind::Open => {
                        if let Some(r) = row.filter(|r| r.depth == depth) {
                            r.cells += 1;
                            r.cell_is_header = false;
                        }
                    }
                    ("w:shd", Some("w:tcPr")) => {
                        if let Some(r) = row.filter(|r| r.depth + 2 == depth) {
                            let fill = attribute(&xml[t.start..t.end], "w:fill");
                            r.cell_is_header =
                                fill.is_some_and(|f| f.eq_ignore_ascii_case(HEADER_FILL));
                        }
                    }
                    _ => {}
                }
                if t.kind == Kind::Open {
                    stack.push(t.name);
                }
            }
            Kind::Close => {
                let Some(open) = stack.pop() else { continue };
                debug_assert_eq!(open, t.name);
                let depth = stack.len();
                match t.name {
                    "w:tbl" => {
                        tables.pop();
                    }
                    "w:tblPrEx" => {
                        if let Some(r) = rows.last_mut().filter(|r| r.depth == depth) {
                            r.insert_at = t.end;
                        }
                    }
                    "w:tc" => {
                        if let Some(r) = rows.last_mut().filter(|r| r.depth == depth) {
                            r.all_header &= r.cell_is_header;
                        }
                    }
                    "w:tr" if rows.last().is_some_and(|r| r.depth == depth + 1) => {
                        let Some(r) = rows.pop() else { continue };
                        if r.cells == 0 || !r.all_header || r.has_header_mark {
                            continue;
                        }
                        match r.tr_pr {
                            Some((_, end, Kind::Open)) => edits.push((end, "<w:tblHeader/>", 0)),
                            Some((start, end, _)) => {
                                edits.push((start, "<w:trPr><w:tblHeader/></w:trPr>", end - start))
                            }
                            None => edits.push((r.insert_at, "<w:trPr><w:tblHeader/></w:trPr>", 0)),
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(xml.len() + edits.len() * 32);
    let mut at = 0;
    for (pos, text, replaced) in edits {
        out.push_str(&xml[at..pos]);
        out.push_str(text);
        at = pos + replaced;
    }
    out.push_str(&xml[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<w:tc><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E1E1E1" /></w:tcPr><w:p><w:r><w:t>見出し</w:t></w:r></w:p></w:tc>"#;
    const BODY: &str = r#"<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto" /></w:tcPr><w:p><w:r><w:t>値 &gt; 1</w:t></w:r></w:p></w:tc>"#;
    const MARK: &str = "<w:trPr><w:tblHeader/></w:trPr>";

    fn table(rows: &[&str]) -> String {
        let rows: String = rows.iter().map(|r| format!("<w:tr>{r}</w:tr>")).collect();
        format!("<w:tbl><w:tblPr><w:tblW w:w=\"0\" /></w:tblPr>{rows}</w:tbl>")
    }

    fn doc(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document><w:body>{body}</w:body></w:document>"
        )
    }

    #[test]
    fn a_list_tables_first_row_is_marked_and_only_it() {
        let xml = doc(&table(&[&HEAD.repeat(3), &BODY.repeat(3), &HEAD.repeat(3)]));
        let out = mark_header_rows(&xml);
        assert_eq!(out.matches(MARK).count(), 1);
        assert_eq!(
            out,
            xml.replacen("<w:tr>", &format!("<w:tr>{MARK}"), 1),
            "the mark goes right after the first row's start tag and nothing else changes"
        );
    }

    #[test]
    fn a_key_value_table_is_left_alone() {
        let xml = doc(&table(&[
            &format!("{HEAD}{BODY}"),
            &format!("{HEAD}{BODY}"),
        ]));
        assert_eq!(mark_header_rows(&xml), xml);
        // Other shades (group rows) are not header cells.
        let group = HEAD.replace("E1E1E1", "F0F0F0");
        let xml = doc(&table(&[&group, BODY]));
        assert_eq!(mark_header_rows(&xml), xml);
    }

    #[test]
    fn an_existing_row_property_is_merged_into() {
        let open = format!("<w:trPr><w:cantSplit /></w:trPr>{}", HEAD.repeat(2));
        let out = mark_header_rows(&doc(&table(&[&open, BODY])));
        assert!(out.contains("<w:tr><w:trPr><w:tblHeader/><w:cantSplit /></w:trPr>"));
        assert_eq!(out.matches("<w:trPr").count(), 1);

        let empty = format!("<w:tblPrEx /><w:trPr />{}", HEAD.repeat(2));
        let out = mark_header_rows(&doc(&table(&[&empty, BODY])));
        assert!(out.contains(&format!("<w:tr><w:tblPrEx />{MARK}<w:tc>")));
        assert_eq!(out.matches("<w:trPr").count(), 1);

        // Without a w:trPr the mark goes after the row's w:tblPrEx (CT_Row's order).
        let ex = format!(
            "<w:tblPrEx><w:tblW w:w=\"0\" /></w:tblPrEx>{}",
            HEAD.repeat(2)
        );
        let out = mark_header_rows(&doc(&table(&[&ex, BODY])));
        assert!(out.contains(&format!("</w:tblPrEx>{MARK}<w:tc>")));

        let marked = format!("<w:trPr><w:tblHeader /></w:trPr>{HEAD}");
        let xml = doc(&table(&[&marked, BODY]));
        assert_eq!(mark_header_rows(&xml), xml);
    }

    #[test]
    fn nested_tables_and_every_table_are_followed() {
        // A list table whose body cell holds a key/value table, then a second list table.
        let inner = table(&[&format!("{HEAD}{BODY}")]);
        let holder = format!("<w:tc><w:tcPr /><w:p />{inner}</w:tc>");
        let xml = doc(&format!(
            "{}<w:p /><w:tbl><w:tr>{HEAD}</w:tr><w:tr>{BODY}</w:tr></w:tbl>",
            table(&[&HEAD.repeat(2), &format!("{holder}{BODY}")])
        ));
        let out = mark_header_rows(&xml);
        assert_eq!(out.matches(MARK).count(), 2);
        assert!(out.starts_with(&xml[..xml.find("<w:tr>").unwrap()]));
        assert!(!out.contains(&format!("{MARK}{HEAD}{BODY}")));
        // A list table nested in a plain first-row cell is marked; the outer row is not.
        let nested_list = table(&[HEAD, BODY]);
        let xml = doc(&table(&[
            &format!("<w:tc><w:tcPr /><w:p />{nested_list}</w:tc>"),
            BODY,
        ]));
        assert_eq!(mark_header_rows(&xml).matches(MARK).count(), 1);
    }

    #[test]
    fn rows_without_cells_and_text_that_looks_like_tags_change_nothing() {
        let xml = doc(&table(&["", BODY]));
        assert_eq!(mark_header_rows(&xml), xml);
        let odd = r#"<w:tc><w:tcPr><w:shd w:fill="E1E1E1" w:x="a>b" /></w:tcPr><w:p /></w:tc>"#;
        let out = mark_header_rows(&doc(&table(&[odd, BODY])));
        assert_eq!(out.matches(MARK).count(), 1);
        assert_eq!(mark_header_rows("no xml at all <"), "no xml at all <");
    }

    #[test]
    fn a_packed_docx_is_repacked_with_the_mark() {
        let d = docx_rs::Docx::new().add_table(docx_rs::Table::new(vec![
            docx_rs::TableRow::new(vec![
                docx_rs::TableCell::new()
                    .add_paragraph(docx_rs::Paragraph::new())
                    .shading(docx_rs::Shading::new().fill(HEADER_FILL)),
            ]),
            docx_rs::TableRow::new(vec![
                docx_rs::TableCell::new().add_paragraph(docx_rs::Paragraph::new()),
            ]),
        ]));
        let mut packed = Cursor::new(Vec::new());
        d.build().pack(&mut packed).unwrap();
        let packed = packed.into_inner();
        let out = repeat_header_rows(&packed).unwrap();
        let read = |bytes: &[u8]| {
            let mut a = ZipArchive::new(Cursor::new(bytes.to_vec())).unwrap();
            let names: Vec<String> = a.file_names().map(String::from).collect();
            let mut xml = String::new();
            a.by_name(DOCUMENT)
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            (names, xml)
        };
        let (names_before, before) = read(&packed);
        let (names_after, after) = read(&out);
        assert_eq!(names_before, names_after);
        assert!(!before.contains("w:tblHeader"));
        assert_eq!(after.matches("<w:tblHeader/>").count(), 1);
        assert!(repeat_header_rows(b"not a zip").is_err());
    }
}
