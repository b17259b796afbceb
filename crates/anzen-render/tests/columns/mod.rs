//! The text of one column of a PDF table, read from the words' positions (`pdftotext -bbox`):
//! plain `pdftotext` interleaves the lines of cells that sit side by side, so a cell of many
//! lines cannot be checked whole in it. CI installs poppler-utils; without it these tests
//! fail, they never skip.
#![allow(dead_code)]

use std::io::Write;
use std::process::Command;

/// A word of a page with the top-left corner of its box.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).map(|i| i + key.len()).unwrap_or(0);
    let end = tag[start..].find('"').map_or(tag.len(), |e| start + e);
    tag[start..end].parse().unwrap_or(0.0)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every word of the PDF, page by page (1-based pages).
pub fn words(pdf: &[u8]) -> Vec<Word> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-bbox", file.path().to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext could not run ({e}); install poppler-utils"));
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut page = 0;
    let mut words = Vec::new();
    for line in xml.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let close = rest.find('>').unwrap();
            let text = rest[close + 1..].trim_end_matches("</word>");
            words.push(Word {
                page,
                x: attr(&rest[..close], "xMin"),
                y: attr(&rest[..close], "yMin"),
                text: unescape(text),
            });
        }
    }
    words
}

/// How far left of its column's heading a word may start: a line that opens with a bracket
/// such as `（` starts half an em to the left (the bracket's blank half is trimmed).
const SLACK: f64 = 4.5;

/// Whether `word` is the heading `name` or, where the heading wraps in its cell, its first line.
fn is_heading(word: &Word, name: &str) -> bool {
    word.text == name || (word.text.chars().count() >= 2 && name.starts_with(word.text.as_str()))
}

/// The text (without white space) of the table column headed `head`, from below each such
/// heading down to the next one or the foot of the page: the words that start between the
/// heading's left edge and the left edge of the heading `next` on the same line (`None`: the
/// right edge of the page). A heading counts only with its `next` beside it, so that two
/// tables sharing a heading are told apart. Words are read line by line.
pub fn column(pdf: &[u8], head: &str, next: Option<&str>) -> String {
    let words = words(pdf);
    let pages = words.last().map_or(0, |w| w.page);
    let mut out = String::new();
    for page in 1..=pages {
        let on_page: Vec<&Word> = words.iter().filter(|w| w.page == page).collect();
        // Each heading of the column on the page with its right edge.
        let heads: Vec<(f64, f64, f64)> = on_page
            .iter()
            .filter(|h| is_heading(h, head))
            .filter_map(|h| {
                let right = match next {
                    None => f64::MAX,
                    Some(n) => {
                        on_page
                            .iter()
                            .find(|w| is_heading(w, n) && (w.y - h.y).abs() < 1.0 && w.x > h.x)?
                            .x
                            - SLACK
                    }
                };
                Some((h.y, h.x - SLACK, right))
            })
            .collect();
        if heads.is_empty() {
            continue;
        }
        // The footer: the lowest line of the page.
        let footer = on_page.iter().map(|w| w.y).fold(0.0, f64::max);
        let mut cells: Vec<&&Word> = on_page
            .iter()
            .filter(|w| w.y < footer - 1.0)
            .filter(|w| {
                // The nearest heading above the word decides its column.
                heads
                    .iter()
                    .filter(|(y, _, _)| *y + 1.0 < w.y)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .is_some_and(|(_, left, right)| w.x >= *left && w.x < *right)
            })
            .collect();
        cells.sort_by(|a, b| {
            let line = |w: &Word| (w.y * 2.0).round() as i64;
            line(a).cmp(&line(b)).then(a.x.total_cmp(&b.x))
        });
        for w in cells {
            out.extend(w.text.chars().filter(|c| !c.is_whitespace()));
        }
    }
    out
}
