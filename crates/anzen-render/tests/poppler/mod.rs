//! The PDF checks through poppler-utils (pdftotext, pdffonts), as a reader's tools see the
//! file. CI installs poppler-utils (.ci/run); without it these tests fail, they never skip.
#![allow(dead_code)]

use std::io::Write;
use std::process::Command;

fn run(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(pdf).unwrap();
    let path = file.path().to_str().unwrap().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.push(&path);
    if tool == "pdftotext" {
        all.push("-");
    }
    let out = Command::new(tool).args(&all).output().unwrap_or_else(|e| {
        panic!("{tool} could not run ({e}); install poppler-utils (apt-get install poppler-utils)")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of each page (pdftotext separates pages with a form feed), white space removed.
pub fn pages(pdf: &[u8]) -> Vec<String> {
    let text = run("pdftotext", &[], pdf);
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The whole text with every white space removed (lines wrap where the layout wraps them).
pub fn squeezed(pdf: &[u8]) -> String {
    run("pdftotext", &[], pdf)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// pdffonts' table: (name, type, embedded, subset) for each font used.
pub fn fonts(pdf: &[u8]) -> Vec<(String, String, String, String)> {
    let out = run("pdffonts", &[], pdf);
    out.lines()
        .skip(2)
        .map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // name type... encoding emb sub uni object ID
            let n = cols.len();
            (
                cols[0].to_string(),
                cols[1..n - 6].join(" "),
                cols[n - 5].to_string(),
                cols[n - 4].to_string(),
            )
        })
        .collect()
}

/// The fonts compiled in, as pdffonts names them (after the subset tag).
pub const MINCHO: &str = "BIZUDPMincho-Regular";
pub const GOTHIC: &str = "BIZUDPGothic-Regular";
pub const GOTHIC_BOLD: &str = "BIZUDPGothic-Bold";

/// The house's typography as pdffonts sees it: every font embedded and subset, only the
/// fonts compiled in, and both families used: 明朝 for the running text and table bodies,
/// ゴシック bold for the title, headings and header cells (templates/house.typ).
pub fn assert_house_fonts(pdf: &[u8]) {
    let fonts = fonts(pdf);
    assert!(!fonts.is_empty());
    for (name, kind, emb, sub) in &fonts {
        assert_eq!(emb, "yes", "{name} ({kind}) is not embedded");
        assert_eq!(sub, "yes", "{name} is not subset");
        assert!(
            [MINCHO, GOTHIC, GOTHIC_BOLD]
                .iter()
                .any(|f| name.ends_with(&format!("+{f}"))),
            "unexpected font {name}"
        );
    }
    for f in [MINCHO, GOTHIC, GOTHIC_BOLD] {
        assert!(
            fonts
                .iter()
                .any(|(name, ..)| name.ends_with(&format!("+{f}"))),
            "{f} is not used: {fonts:?}"
        );
    }
}

/// A word on a page as pdftotext places it: its text and box (points, from the top left).
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
}

/// The page width and the words of each page (`pdftotext -bbox`).
pub fn words(pdf: &[u8]) -> Vec<(f64, Vec<Word>)> {
    let html = run("pdftotext", &["-bbox"], pdf);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).map(|i| i + key.len()).unwrap();
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    html.split("<page ")
        .skip(1)
        .map(|page| {
            let width = attr(page, "width");
            let words = page
                .split("<word ")
                .skip(1)
                .map(|w| Word {
                    text: w
                        .split('>')
                        .nth(1)
                        .unwrap()
                        .split('<')
                        .next()
                        .unwrap()
                        .to_string(),
                    x_min: attr(w, "xMin"),
                    y_min: attr(w, "yMin"),
                    x_max: attr(w, "xMax"),
                })
                .collect();
            (width, words)
        })
        .collect()
}
