//! Golden tests on the 構成図 PDF, read back with poppler-utils: the drawings are vector
//! graphics (paths, no raster image), and every component, flow, party and link is in the
//! text.

use crate::diagram_fixture;
use crate::poppler;
use crate::poppler_raw;

use std::io::Read;
use std::process::Command;

use anzen_render::diagram::{ConfigurationDiagram, layout};

/// Every stream of the PDF that inflates (page contents among them), concatenated.
fn inflated_streams(pdf: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream") {
        let mut body = &rest[start + 6..];
        if body.starts_with(b"\r\n") {
            body = &body[2..];
        } else if body.starts_with(b"\n") {
            body = &body[1..];
        }
        let Some(end) = find(body, b"endstream") else {
            break;
        };
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end])
            .read_to_end(&mut text)
            .is_ok()
        {
            out.push_str(&String::from_utf8_lossy(&text));
            out.push('\n');
        }
        rest = &body[end + 9..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// pdfimages' list of raster images: its lines after the two header lines.
fn images(pdf: &[u8]) -> Vec<String> {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let out = Command::new("pdfimages")
        .arg("-list")
        .arg(file.path())
        .output()
        .expect("pdfimages runs (install poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(str::to_owned)
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_every_text(doc: &ConfigurationDiagram, text: &str) {
    for c in &doc.components {
        assert!(text.contains(&squeeze(&c.name)), "component {}", c.name);
    }
    for f in &doc.flows {
        for v in [&f.who, &f.place, &f.device, &f.what, &f.how] {
            assert!(text.contains(&squeeze(v)), "flow {v}");
        }
    }
    for n in &doc.nodes {
        assert!(
            text.contains(&squeeze(&n.organisation)),
            "party {}",
            n.organisation
        );
    }
    for l in &doc.links {
        assert!(text.contains(&squeeze(&l.role)), "link {}", l.role);
        for v in [&l.description, &l.selected_by, &l.contract_holder, &l.case]
            .into_iter()
            .flatten()
        {
            assert!(text.contains(&squeeze(v)), "link {v}");
        }
    }
}

#[test]
fn the_drawings_are_vector_paths_and_no_raster_image() {
    let doc = diagram_fixture::diagram(true);
    let pdf = doc.pdf().unwrap();
    assert!(images(&pdf).is_empty(), "raster images: {:?}", images(&pdf));
    let content = inflated_streams(&pdf);
    // The arrows are stroked, and their heads filled, in the drawings' ink (#555555): one
    // stroke and one fill per arrow of both drawings (the legends add one each).
    let arrows = layout::configuration(&doc.components, &doc.flows)
        .arrows
        .len()
        + layout::chain(&doc.nodes, &doc.links).arrows.len();
    assert!(arrows >= 10, "the fixture has {arrows} arrows");
    let ink = "0.33333334 0.33333334 0.33333334";
    let strokes = content.matches(&format!("{ink} SCN")).count();
    let fills = content.matches(&format!("{ink} scn")).count();
    assert!(
        strokes >= arrows,
        "{strokes} strokes in ink for {arrows} arrows"
    );
    assert!(fills >= arrows, "{fills} arrowheads for {arrows} arrows");
    // Straight segments (`x y m x y l`) and the boxes' outlines.
    let segments = content.matches(" l\nS").count();
    assert!(segments >= arrows, "{segments} segments");
    // Text is text: drawn with the embedded font, found by pdftotext.
    assert!(content.contains("BT"));
}

#[test]
fn every_component_flow_party_and_link_is_in_the_text() {
    for institution in [false, true] {
        let doc = diagram_fixture::diagram(institution);
        let pdf = doc.pdf().unwrap();
        let text = poppler_raw::squeezed(&pdf);
        for heading in [
            "構成図",
            "全体構成図（GL5.1.1、5.2）",
            "構成要素一覧",
            "情報の流れ一覧",
            "サプライチェーン図",
            "サプライチェーンの構成要素",
            "供給関係・契約関係",
            "提供形態",
        ] {
            assert!(text.contains(heading), "missing {heading}");
        }
        assert_every_text(&doc, &text);
        // Markup in the data prints as itself.
        assert!(text.contains("保守用端末#1[*重要*]$x$"));
        // The flow and link numbers of the drawings are those of the tables.
        for k in 0..doc.flows.len() {
            assert!(text.contains(&layout::flow_number(k)));
        }
        for k in 0..doc.links.len() {
            assert!(text.contains(&layout::link_number(k)));
        }
        if institution {
            assert!(text.contains("みなと総合病院向け"));
            assert!(text.contains(&squeeze(doc.provision_form.as_deref().unwrap())));
            for f in &doc.findings {
                assert!(text.contains(&squeeze(f)), "{f}");
            }
        } else {
            assert!(text.contains("全医療機関"));
        }
    }
}

#[test]
fn a_wide_chain_stays_on_its_page_and_every_page_carries_the_front_matter() {
    let doc = diagram_fixture::wide(24);
    let pdf = doc.pdf().unwrap();
    let pages = poppler_raw::pages(&pdf);
    let m = pages.len();
    assert!(m >= 4, "{m} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("構成図"), "page {}", i + 1);
        assert!(page.contains("第1.2版"), "page {}", i + 1);
        assert!(
            page.contains("発行日2026年12月6日（令和8年12月6日）"),
            "page {}",
            i + 1
        );
        assert!(page.contains("CD-2026-0003"), "page {}", i + 1);
        assert!(page.contains(&format!("{}/{m}", i + 1)), "page {}", i + 1);
    }
    assert_every_text(&doc, &poppler_raw::squeezed(&pdf));
    // Each drawing is on one page: the chain's page holds every supplier's box.
    let chain_page = pages
        .iter()
        .find(|p| p.contains("サプライチェーン図（GL2.2"))
        .unwrap();
    for n in &doc.nodes {
        assert!(
            chain_page.contains(&squeeze(&n.organisation)),
            "{}",
            n.organisation
        );
    }
}

#[test]
fn only_embedded_fonts() {
    let pdf = diagram_fixture::diagram(true).pdf().unwrap();
    poppler::assert_house_fonts(&pdf);
}

/// Writes the fixtures' PDFs to `$ANZEN_DUMP_DIR` for a person to look at (no check).
#[test]
fn dump_for_review() {
    if let Ok(dir) = std::env::var("ANZEN_DUMP_DIR") {
        for (name, doc) in [
            ("diagram-all", diagram_fixture::diagram(false)),
            ("diagram-inst", diagram_fixture::diagram(true)),
            ("diagram-wide", diagram_fixture::wide(24)),
        ] {
            std::fs::write(format!("{dir}/{name}.pdf"), doc.pdf().unwrap()).unwrap();
        }
    }
}

#[test]
fn an_offering_with_nothing_recorded_says_so_and_the_same_data_gives_the_same_bytes() {
    let mut doc = diagram_fixture::diagram(false);
    doc.components.clear();
    doc.flows.clear();
    doc.nodes.truncate(1);
    doc.links.clear();
    let pdf = doc.pdf().unwrap();
    let text = poppler_raw::squeezed(&pdf);
    assert_eq!(text.matches("（登録されていません）").count(), 1, "{text}");
    assert!(text.contains("クラウド型電子カルテ「カルテクラウド」"));
    assert!(text.contains("（なし）"));
    let full = diagram_fixture::diagram(true);
    assert_eq!(full.pdf().unwrap(), full.pdf().unwrap());
}
