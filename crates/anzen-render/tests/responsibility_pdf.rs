//! Golden tests on the text of the 責任分界表 PDF, read back with poppler-utils.

use crate::poppler;

use crate::responsibility_fixture as division;

use anzen_render::responsibility::{CONFIRMATION_NOTE, Phase};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_has_the_phases_duties_parties_and_consents() {
    let doc = division::one();
    let pdf = doc.pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler::squeezed(&pdf);
    for heading in [
        "責任分界表",
        "さくら病院向け",
        "さくら病院との合意（対象事業者と医療機関等の合意）",
        "第1部ライフサイクルの各段階の義務と責任（GL3.2図3-4）",
        "第2部役割分担の確認（2024年役割分担等に関する確認表の様式）",
        "本表の版",
        "第2版合意済み",
        "合意内容のSHA-256",
        "責任を負う当事者",
        "委託先事業者",
    ] {
        assert!(text.contains(&squeeze(heading)), "missing {heading}");
    }
    assert!(text.contains(&squeeze(CONFIRMATION_NOTE)));
    let a = &doc.agreements[0];
    assert!(text.contains(&a.digest));
    for p in &a.parties {
        assert!(text.contains(&squeeze(&format!("合意（{}）", p.role.label()))));
        assert!(
            text.contains(&squeeze(&p.consents_text())),
            "{}",
            p.consents_text()
        );
    }
    for phase in Phase::ALL {
        assert!(text.contains(&squeeze(phase.label())), "{}", phase.label());
    }
    for d in &a.duties {
        assert!(text.contains(&squeeze(&d.title)), "{}", d.title);
        assert!(
            text.contains(&squeeze(&format!("{}：{}", d.party.label(), d.party_name))),
            "{}",
            d.key
        );
        assert!(text.contains(&squeeze(d.reference.as_deref().unwrap())));
    }
    assert!(!text.contains("要再合意"));
}

/// Every word of the PDF with its page and box (`pdftotext -bbox`), in reading order.
fn words(pdf: &[u8]) -> Vec<(usize, f64, f64, f64, String)> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", file.path().to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..line[at..].find('"').unwrap() + at]
            .parse()
            .unwrap()
    };
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        let line = line.trim();
        if line.starts_with("<page") {
            page += 1;
        } else if line.starts_with("<word") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            let (x0, x1, y0) = (attr(line, "xMin"), attr(line, "xMax"), attr(line, "yMin"));
            out.push((page, x0, x1, y0, text.to_string()));
        }
    }
    out
}

#[test]
fn part_two_marks_each_item_in_the_column_of_its_party() {
    let doc = division::one();
    let pdf = doc.pdf().unwrap();
    let text = poppler::squeezed(&pdf);
    let part2 = &text[text.find("第2部").unwrap()..];
    let rows = doc.agreements[0].confirmation_rows();
    assert_eq!(rows.len(), doc.agreements[0].duties.len());
    for r in &rows {
        assert!(
            part2.contains(&squeeze(&r.item)),
            "row {} {}",
            r.number,
            r.item
        );
        assert_eq!(r.marks().iter().filter(|m| !m.is_empty()).count(), 1);
    }
    assert!(part2.contains(&squeeze(division::SUBCONTRACTOR)));
    // Where the marks stand: each ○, in reading order, under the column of its row's party.
    let words = words(&pdf);
    let centre = |label: &str| {
        let w = words
            .iter()
            .find(|w| w.4 == label || w.4 == format!("{label}等"))
            .unwrap_or_else(|| panic!("no column {label}"));
        (w.1 + w.2) / 2.0
    };
    let columns = [centre("医療機関"), centre("事業者"), centre("委託先")];
    let mut marks: Vec<_> = words.iter().filter(|w| w.4 == "○").collect();
    marks.sort_by(|a, b| (a.0, a.3).partial_cmp(&(b.0, b.3)).unwrap());
    assert_eq!(marks.len(), rows.len(), "one ○ per row");
    for (r, m) in rows.iter().zip(marks) {
        let x = (m.1 + m.2) / 2.0;
        let nearest = (0..3)
            .min_by(|a, b| (columns[*a] - x).abs().total_cmp(&(columns[*b] - x).abs()))
            .unwrap();
        let want = r.marks().iter().position(|m| !m.is_empty()).unwrap();
        assert_eq!(nearest, want, "row {} {}: ○ at x={x}", r.number, r.item);
    }
}

#[test]
fn an_agreement_awaiting_reagreement_is_marked() {
    let doc = division::all();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("全医療機関"));
    assert!(text.contains("さくら病院との合意"));
    assert!(text.contains("みなと診療所との合意"));
    let r = doc.agreements[1].reagreement.as_ref().unwrap();
    assert!(text.contains(&squeeze(&format!("【要再合意】{}", r.text()))));
    assert!(text.contains("最新の第3版は一方の当事者のみ合意"));
    // Only the agreement that needs it carries the mark, and after its own heading.
    assert_eq!(text.matches("【要再合意】").count(), 1);
    assert!(text.find("【要再合意】").unwrap() > text.find("みなと診療所との合意").unwrap());
    assert!(text.contains("中村正（2026年5月1日08:30）"));
}

#[test]
fn an_agreement_never_agreed_says_who_has_not_agreed() {
    let mut doc = division::one();
    let a = &mut doc.agreements[0];
    a.state = anzen_render::responsibility::AgreementState::Open;
    a.version = 1;
    for p in &mut a.parties {
        p.consents.clear();
    }
    a.gaps = vec![
        "このフェーズの義務と責任が合意に含まれていません（GL 3.2、図3-4）。：契約終了フェーズ"
            .into(),
    ];
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("第1版合意待ち"));
    assert_eq!(text.matches("未合意").count(), 2);
    assert!(text.contains("義務の定めのないフェーズ"));
}

#[test]
fn every_page_carries_title_version_issue_date_number_and_n_of_m() {
    let mut doc = division::all();
    for a in &mut doc.agreements {
        let more: Vec<_> = (0..4).flat_map(|_| a.duties.clone()).collect();
        a.duties.extend(more);
    }
    let pages = poppler::pages(&doc.pdf().unwrap());
    let m = pages.len();
    assert!(m >= 4, "{m} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("責任分界表"), "page {}", i + 1);
        assert!(page.contains("第1.2版"), "page {}", i + 1);
        assert!(
            page.contains("2026年12月6日（令和8年12月6日）"),
            "page {}",
            i + 1
        );
        assert!(page.contains("文書番号RD-2026-0012"), "page {}", i + 1);
        assert!(page.contains(&format!("{}/{m}", i + 1)), "page {}", i + 1);
        // A page that carries duty rows repeats the header of their table.
        if page.contains("GL3.2(Fig.3-4)") {
            assert!(
                page.contains("責任を負う当事者") || page.contains("No."),
                "page {} has duty rows but no table header: {page}",
                i + 1
            );
        }
    }
}

#[test]
fn text_from_the_data_is_never_read_as_markup() {
    let mut doc = division::one();
    let a = &mut doc.agreements[0];
    a.duties[0].title = "*太字* _斜体_ #panic(\"x\") $x^2$ <a> @b [c] \\d // e".into();
    a.counterparty = "= 見出し #set page(width: 1cm)".into();
    a.parties[0].consents[0].by = "]) } #(".into();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(
        text.contains("*太字*_斜体_#panic(\"x\")$x^2$<a>@b[c]\\d//e"),
        "{text}"
    );
    assert!(text.contains("=見出し#setpage(width:1cm)"));
    assert!(text.contains("])}#("));
}

#[test]
fn only_embedded_fonts() {
    poppler::assert_house_fonts(&division::all().pdf().unwrap());
}

#[test]
fn no_agreement_still_renders() {
    let mut doc = division::one();
    doc.agreements.clear();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("合意の件数0件"));
    assert!(text.contains("記録された合意はありません"));
}
