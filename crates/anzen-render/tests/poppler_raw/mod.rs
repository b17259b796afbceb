//! pdftotext in raw mode (`-raw`): the text in the order the PDF draws it. typst draws a
//! table cell by cell, so a cell whose text wraps stays together, where the default mode
//! reads a wrapped row line by line across its cells. White space is removed, as in
//! `poppler::squeezed` (lines wrap where the layout wraps them).
#![allow(dead_code)]

use std::process::Command;

fn raw(pdf: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-raw")
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext runs (install poppler-utils)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The whole text in drawing order, white space removed.
pub fn squeezed(pdf: &[u8]) -> String {
    squeeze(&raw(pdf))
}

/// The text of each page in drawing order, white space removed.
pub fn pages(pdf: &[u8]) -> Vec<String> {
    let mut pages: Vec<String> = raw(pdf).split('\u{c}').map(squeeze).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}
