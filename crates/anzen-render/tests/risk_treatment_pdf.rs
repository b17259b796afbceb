//! Golden tests on the text of the リスク対応一覧 PDF, read back with poppler-utils.

use crate::fixture;
use crate::poppler;

use anzen_render::risk_treatment::{INSTITUTION_DUTY_MARK, ResponseState};

#[test]
fn the_pdf_has_the_headings_and_rows_a_reader_expects() {
    let doc = fixture::list(4);
    let pdf = doc.pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler::squeezed(&pdf);
    for heading in [
        "リスク対応一覧",
        "一覧",
        "詳細",
        "提供事業者",
        "対象",
        "全医療機関",
        "リスク件数",
        "4件",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    for label in [
        "情報の流れ",
        "対応前のリスク",
        "対応後のリスク",
        "対応方針",
        "検討した選択肢",
        "理由",
        "対策（担当）",
        "医療機関への説明",
        "医療機関の回答",
    ] {
        assert!(text.contains(label), "missing {label}");
    }
    assert!(text.contains("株式会社アンゼン医療システムズ"));
    assert!(text.contains("2026年12月6日（令和8年12月6日）"));
    for r in &doc.risks {
        assert!(text.contains(&r.code), "{}", r.code);
        assert!(text.contains(&r.title.replace(' ', "")), "{}", r.title);
        assert!(
            text.contains(&r.before.text().replace(' ', "")),
            "{}",
            r.before.text()
        );
        for m in &r.measures {
            assert!(text.contains(&m.description), "{}", m.description);
        }
        for x in &r.responses {
            assert!(text.contains(&x.text().replace(' ', "")), "{}", x.text());
        }
    }
    assert!(text.contains(INSTITUTION_DUTY_MARK));
    assert!(text.contains("影響度4×発生可能性"));
    // Each answer state appears with its Japanese label.
    for s in [
        ResponseState::Consented,
        ResponseState::Declined,
        ResponseState::Question,
        ResponseState::Pending,
    ] {
        assert!(text.contains(s.label()), "{}", s.label());
    }
}

#[test]
fn every_page_carries_title_version_issue_date_and_n_of_m() {
    let pdf = fixture::list(40).pdf().unwrap();
    let pages = poppler::pages(&pdf);
    let m = pages.len();
    assert!(m >= 3, "40 risks fit on {m} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("リスク対応一覧"),
            "page {} lacks the title",
            i + 1
        );
        assert!(page.contains("第1.2版"), "page {} lacks the version", i + 1);
        assert!(
            page.contains("2026年12月6日（令和8年12月6日）"),
            "page {} lacks the date",
            i + 1
        );
        let n_of_m = format!("{}/{m}", i + 1);
        assert!(page.contains(&n_of_m), "page {} lacks {n_of_m}", i + 1);
    }
}

/// "n / m" is laid over each page once the document is laid out (src/typst_world.rs): it must
/// land in the middle of the footer line, on the line of the provider at its left.
#[test]
fn the_page_number_sits_in_the_middle_of_the_footer_line() {
    let pages = poppler::words(&fixture::list(12).pdf().unwrap());
    let m = pages.len();
    assert!(m >= 2, "12 risks fit on {m} page(s)");
    for (i, (width, words)) in pages.iter().enumerate() {
        // The lowest one: the cover page names the provider in its table too.
        let provider = words
            .iter()
            .filter(|w| w.text == "株式会社アンゼン医療システムズ")
            .max_by(|a, b| a.y_min.total_cmp(&b.y_min))
            .unwrap_or_else(|| panic!("page {} lacks the provider", i + 1));
        // "n", "/" and "m", the last words on the provider's line before the document number.
        let line: Vec<_> = words
            .iter()
            .filter(|w| (w.y_min - provider.y_min).abs() < 0.5)
            .collect();
        let slash = line
            .iter()
            .position(|w| w.text == "/")
            .unwrap_or_else(|| panic!("page {} has no n / m on its footer line", i + 1));
        assert!(slash >= 1 && slash + 1 < line.len(), "page {}", i + 1);
        let (n, total) = (line[slash - 1], line[slash + 1]);
        assert_eq!(n.text, (i + 1).to_string(), "page {}", i + 1);
        assert_eq!(total.text, m.to_string(), "page {}", i + 1);
        let middle = (n.x_min + total.x_max) / 2.0;
        assert!(
            (middle - width / 2.0).abs() < 2.0,
            "page {}: n / m centred at {middle}, the page's middle is {}",
            i + 1,
            width / 2.0
        );
    }
}

#[test]
fn the_summary_table_repeats_its_header_on_every_page_it_spans() {
    let pdf = fixture::list(60).pdf().unwrap();
    let pages = poppler::pages(&pdf);
    // The summary runs from the first page to the page of its last row (R-060 appears
    // there first; its detail comes after).
    let last = pages
        .iter()
        .position(|p| p.contains("R-060"))
        .expect("R-060 is listed");
    let summary = &pages[..=last];
    assert!(
        summary.len() >= 2,
        "the summary of 60 risks spans {} page(s)",
        summary.len()
    );
    assert!(
        !summary[..last].iter().any(|p| p.contains("詳細")),
        "details start before the summary ends"
    );
    for (i, page) in summary.iter().enumerate() {
        // pdftotext's reading order of the header cells varies; "No." is in no other text.
        for head in ["No.", "対応前", "対応後", "対応方針", "医療機関の回答"] {
            assert!(
                page.contains(head),
                "summary page {} lacks {head}: {page}",
                i + 1
            );
        }
    }
}

#[test]
fn long_text_wraps_and_is_never_cut_off() {
    let mut doc = fixture::list(2);
    let long: String = (1..=60)
        .map(|i| format!("第{i}項：バックアップは暗号化し、国内の別拠点に世代管理して保管する。"))
        .collect::<String>()
        + "【ここまで】";
    doc.risks[0].reasons = long.clone();
    doc.risks[1].title = "とても長いリスク名".repeat(12);
    let pages = poppler::pages(&doc.pdf().unwrap());
    assert!(
        pages.len() >= 2,
        "the long reason should run over a page break"
    );
    // The running text, without each page's header and footer.
    let header = "リスク対応一覧クラウド型電子カルテ「カルテクラウド」（全医療機関）第1.2版発行日2026年12月6日（令和8年12月6日）";
    let m = pages.len();
    let text: String = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The footer's parts: pdftotext may set a table's header cell between them on a
            // page the table leaves half empty.
            let footer = [
                "株式会社アンゼン医療システムズ".to_string(),
                format!("{}/{m}", i + 1),
                "文書番号RT-2026-0007データSHA-2569f86d081884c7d65".to_string(),
            ];
            assert!(
                p.contains(header) && footer.iter().all(|f| p.contains(f.as_str())),
                "page {}: {p}",
                i + 1
            );
            footer
                .iter()
                .fold(p.replace(header, ""), |t, f| t.replacen(f.as_str(), "", 1))
        })
        .collect();
    assert!(text.contains(&long), "the long reason is cut");
    assert!(text.contains(&doc.risks[1].title), "the long title is cut");
}

#[test]
fn text_from_the_data_is_never_read_as_markup() {
    let mut doc = fixture::list(1);
    doc.risks[0].title = "*太字* _斜体_ #panic(\"x\") $x^2$ <a> @b [c] \\d // e".into();
    doc.cover.offering = "A&B \"サービス\" #let".into();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(
        text.contains("*太字*_斜体_#panic(\"x\")$x^2$<a>@b[c]\\d//e"),
        "{text}"
    );
    assert!(text.contains("A&B\"サービス\"#let"));
}

#[test]
fn a_list_for_one_institution_says_so() {
    let mut doc = fixture::list(2);
    doc.cover.institution = Some("さくら病院".into());
    for r in &mut doc.risks {
        r.responses.retain(|x| x.institution == "さくら病院");
    }
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("さくら病院向け"));
    assert!(!text.contains("みなと診療所"));
    assert!(!text.contains("全医療機関"));
}

#[test]
fn only_embedded_fonts_and_only_the_fonts_compiled_in() {
    let pdf = fixture::list(3).pdf().unwrap();
    poppler::assert_house_fonts(&pdf);
    let mut families = anzen_render::font_families();
    families.sort();
    assert_eq!(families, vec!["BIZ UDPGothic", "BIZ UDPMincho"]);
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let doc = fixture::list(3);
    assert_eq!(doc.pdf().unwrap(), doc.pdf().unwrap());
    let mut changed = doc.clone();
    changed.cover.version = "1.3".into();
    assert_ne!(doc.pdf().unwrap(), changed.pdf().unwrap());
}

#[test]
fn an_empty_list_still_renders() {
    let mut doc = fixture::list(0);
    doc.risks.clear();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("0件"));
}
