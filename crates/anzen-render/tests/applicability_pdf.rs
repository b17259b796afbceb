//! Golden tests on the text of the 適用宣言書 PDF, read back with poppler-utils.

use crate::applicability_fixture as soa;
use crate::columns;
use crate::poppler;

use anzen_render::applicability::{StatementState, stated_cell, texts_text};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_has_the_headings_and_every_row() {
    let doc = soa::statement_of_applicability(80);
    let text = poppler::squeezed(&doc.pdf().unwrap());
    for heading in [
        "適用宣言書",
        "集計",
        "制度上の要求事項（第6章）",
        "別紙2対策項目ごとの適用宣言",
        "事業者独自の対策",
        "対策項目一覧",
        "対策項目数",
        "80件",
        "記述（理由・根拠）",
        "記述者・日時",
        "根拠法令等",
        "合計",
        "要見直し",
        "全医療機関",
        "2026年12月6日（令和8年12月6日）",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    assert!(text.contains(&squeeze(&doc.catalogue.source_title)));
    for ch in &doc.chapters {
        assert!(text.contains(&squeeze(&ch.heading())), "{}", ch.heading());
        for s in &ch.sections {
            assert!(text.contains(&squeeze(&s.heading())), "{}", s.heading());
        }
    }
    let pdf = doc.pdf().unwrap();
    let keys = columns::column(&pdf, "No.", Some("対策項目"))
        + &columns::column(&pdf, "No.", Some("対策"));
    let states = columns::column(&pdf, "状態", Some("記述（理由・根拠）"));
    let reasons = columns::column(&pdf, "記述（理由・根拠）", Some("記述者・日時"));
    let who = columns::column(&pdf, "記述者・日時", None);
    let mut stated = 0;
    for c in doc.controls().chain(&doc.provider_controls) {
        assert!(keys.contains(&c.key), "{}", c.key);
        assert!(text.contains(&squeeze(&c.text)), "{}", c.key);
        let texts = squeeze(&texts_text(&c.texts));
        assert!(reasons.contains(&texts), "{}: {texts}", c.key);
        if c.stated_by.is_some() {
            let cell = stated_cell(c.stated_by.as_deref(), c.stated_at);
            assert!(who.contains(&squeeze(&cell)), "{}: {cell}", c.key);
            stated += 1;
        }
        for r in &c.risks {
            assert!(reasons.contains(&squeeze(r)), "{r}");
        }
        let carried = c.carried_text();
        if !carried.is_empty() {
            assert!(states.contains(&squeeze(&carried)), "{carried}");
        }
    }
    assert!(stated > 40, "the fixture states most controls");
    for state in StatementState::ALL {
        assert!(text.contains(state.label()), "{}", state.label());
    }
    // Cells side by side wrap into each other's lines in plain pdftotext: read by column.
    let titles = columns::column(&pdf, "要求事項", Some("根拠法令等"));
    let bases = columns::column(&pdf, "根拠法令等", Some("状態"));
    let met = columns::column(&pdf, "適合", Some("記述者・日時"));
    for r in &doc.regulatory {
        assert!(titles.contains(&squeeze(&r.title)), "{}", r.title);
        assert!(met.contains(&squeeze(&r.met_text())), "{}", r.met_text());
        for b in &r.legal_basis {
            assert!(bases.contains(&squeeze(b)), "{b}");
        }
    }
    assert!(text.contains("未適合（対応予定：2027年3月31日）"));
}

#[test]
fn the_official_catalogue_is_printed_whole() {
    let doc = soa::statement_of_applicability(soa::OFFICIAL_TOTAL);
    let pdf = doc.pdf().unwrap();
    let text = poppler::squeezed(&pdf);
    assert!(text.contains("1375件"));
    let keys = columns::column(&pdf, "No.", Some("対策項目"));
    let mut missing = Vec::new();
    for c in doc.controls() {
        if !keys.contains(&c.key) {
            missing.push(c.key.clone());
        }
    }
    assert!(missing.is_empty(), "keys not printed: {missing:?}");
}

#[test]
fn every_page_carries_title_version_issue_date_and_n_of_m() {
    let pdf = soa::statement_of_applicability(300).pdf().unwrap();
    let pages = poppler::pages(&pdf);
    let m = pages.len();
    assert!(m >= 5, "300 controls fit on {m} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("適用宣言書"),
            "page {} lacks the title",
            i + 1
        );
        assert!(page.contains("第1.2版"), "page {} lacks the version", i + 1);
        assert!(
            page.contains("2026年12月6日（令和8年12月6日）"),
            "page {} lacks the date",
            i + 1
        );
        assert!(
            page.contains("RT-2026-0007"),
            "page {} lacks the number",
            i + 1
        );
        let n_of_m = format!("{}/{m}", i + 1);
        assert!(page.contains(&n_of_m), "page {} lacks {n_of_m}", i + 1);
    }
}

#[test]
fn the_control_table_repeats_its_header_on_every_page_it_spans() {
    let doc = soa::statement_of_applicability(200);
    let pages = poppler::pages(&doc.pdf().unwrap());
    let first = pages
        .iter()
        .position(|p| p.contains("別紙2対策項目ごとの適用宣言"))
        .expect("the control table starts");
    let last_key = &doc.controls().last().unwrap().key;
    let last = pages
        .iter()
        .rposition(|p| p.contains(last_key.as_str()))
        .expect("the last control is printed");
    assert!(last > first + 2, "200 controls span pages {first}..={last}");
    for (i, page) in pages[first..=last].iter().enumerate() {
        for head in [
            "No.",
            "対策項目",
            "区分",
            "状態",
            "記述（理由・根拠）",
            "記述者・日時",
        ] {
            assert!(page.contains(head), "page {} lacks {head}", first + i + 1);
        }
    }
}

#[test]
fn long_text_wraps_and_is_never_cut_off() {
    let mut doc = soa::statement_of_applicability(3);
    let long: String = (1..=50)
        .map(|i| format!("第{i}項：アクセス権限は職務に必要な最小限とし、四半期ごとに棚卸しする。"))
        .collect::<String>()
        + "【ここまで】";
    doc.chapters[0].sections[0].controls[0].texts[0].text = long.clone();
    doc.chapters[0].sections[0].controls[0].state = StatementState::Adopted;
    let pdf = doc.pdf().unwrap();
    let pages = poppler::pages(&pdf);
    assert!(
        pages.len() >= 2,
        "the long text should run over a page break"
    );
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains("適用宣言書") && p.contains("第1.2版"),
            "page {}",
            i + 1
        );
    }
    let reasons = columns::column(&pdf, "記述（理由・根拠）", Some("記述者・日時"));
    assert!(
        reasons.contains(&format!("実施方法：{long}")),
        "the long statement is cut: {reasons}"
    );
}

#[test]
fn text_from_the_data_is_never_read_as_markup() {
    let mut doc = soa::statement_of_applicability(2);
    let nasty = "*太字* _斜体_ #panic(\"x\") $x^2$ <a> @b [c] \\d // e";
    doc.chapters[0].sections[0].controls[0].text = nasty.into();
    doc.chapters[0].title = Some("#set text(size: 40pt)".into());
    doc.regulatory[0].title = "A&B \"要求\" #let".into();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains(&squeeze(nasty)), "{text}");
    assert!(text.contains("#settext(size:40pt)"));
    assert!(text.contains("A&B\"要求\"#let"));
}

#[test]
fn a_statement_without_controls_still_renders() {
    let mut doc = soa::statement_of_applicability(0);
    doc.chapters.clear();
    doc.provider_controls.clear();
    doc.regulatory.clear();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("0件（記述あり0件、記述なし0件）"), "{text}");
    assert!(text.contains("事業者独自の対策なし"), "{text}");
}

#[test]
fn a_paraphrased_catalogue_says_so() {
    let mut doc = soa::statement_of_applicability(2);
    doc.catalogue.official_text = false;
    doc.catalogue.completeness_note = Some("組込みの一部の項目のみ".into());
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("要約（原文ではない）"));
    assert!(text.contains("組込みの一部の項目のみ"));
}

#[test]
fn only_embedded_fonts_and_the_same_data_gives_the_same_bytes() {
    let doc = soa::statement_of_applicability(20);
    let pdf = doc.pdf().unwrap();
    poppler::assert_house_fonts(&pdf);
    assert_eq!(pdf, doc.pdf().unwrap());
}
