//! Golden tests on the text of the 開示資料 PDF, read back with poppler-utils.

use crate::poppler;

use crate::disclosure_pack_fixture as pack;

use anzen_render::disclosure_pack::{DEFAULT_CERTIFICATE_NOTICE, Stage};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_pdf_has_the_stages_items_and_certifications() {
    let doc = pack::pack(10);
    let pdf = doc.pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler::squeezed(&pdf);
    for heading in [
        "開示資料（表4-1）",
        "さくら病院向け",
        "開示項目数",
        "10件",
        "項目番号",
        "開示した内容",
        "開示日時・開示者",
        "第三者認証（GL4.4、FAQ4.2、表4-1①-7・①-8）",
        "最低限の適格性",
        "あり（プライバシーマーク又はISMS）",
        "認証の種類",
        "有効期間",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    for s in Stage::ALL {
        assert!(text.contains(&squeeze(s.heading())), "{}", s.heading());
    }
    for i in &doc.items {
        assert!(text.contains(&squeeze(&i.key)), "{}", i.key);
        assert!(text.contains(&squeeze(&i.title)), "{}", i.title);
        assert!(text.contains(&squeeze(&i.answer)), "{}", i.answer);
        assert!(
            text.contains(&squeeze(&i.disclosed_by)),
            "{}",
            i.disclosed_by
        );
        assert!(
            text.contains(&squeeze(&anzen_render::dates::seireki_time(i.disclosed_at))),
            "{}",
            i.key
        );
        assert!(text.contains(&squeeze(i.origin.label())));
    }
    for c in &doc.certifications {
        for field in [&c.kind, &c.scope, &c.issuer, &c.status, &c.period()] {
            assert!(text.contains(&squeeze(field)), "{field}");
        }
    }
    assert!(text.contains("CISA（ISACA認定公認情報システム監査人）"));
    // FAQ 4.2: necessary, not sufficient.
    assert!(text.contains(&squeeze(DEFAULT_CERTIFICATE_NOTICE)));
    assert!(text.contains(&squeeze(doc.note.as_deref().unwrap())));
}

#[test]
fn items_are_grouped_by_stage_in_order() {
    let doc = pack::pack(10);
    let text = poppler::squeezed(&doc.pdf().unwrap());
    let pos = |s: &str| text.find(&squeeze(s)).unwrap_or_else(|| panic!("{s}"));
    let early = pos(Stage::Early.heading());
    let contract = pos(Stage::Contract.heading());
    let extra = pos(Stage::Extra.heading());
    assert!(early < contract && contract < extra);
    for i in &doc.items {
        let at = pos(&i.answer);
        let (from, to) = match i.stage {
            Stage::Early => (early, contract),
            Stage::Contract => (contract, extra),
            Stage::Extra => (extra, text.len()),
        };
        assert!(at > from && at < to, "{} is out of its stage", i.key);
    }
}

#[test]
fn a_stage_with_nothing_disclosed_is_left_out() {
    let mut doc = pack::pack(10);
    doc.items.retain(|i| i.stage == Stage::Early);
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains(&squeeze(Stage::Early.heading())));
    assert!(!text.contains(&squeeze(Stage::Contract.heading())));
    assert!(!text.contains(&squeeze(Stage::Extra.heading())));
    assert!(!text.contains("②-6"));
}

#[test]
fn every_page_carries_title_version_issue_date_number_and_n_of_m() {
    let pdf = pack::pack(60).pdf().unwrap();
    let pages = poppler::pages(&pdf);
    let m = pages.len();
    assert!(m >= 3, "60 items fit on {m} pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("開示資料（表4-1）"), "page {}", i + 1);
        assert!(page.contains("第1.2版"), "page {}", i + 1);
        assert!(
            page.contains("2026年12月6日（令和8年12月6日）"),
            "page {}",
            i + 1
        );
        assert!(page.contains("文書番号DP-2026-0003"), "page {}", i + 1);
        assert!(page.contains(&format!("{}/{m}", i + 1)), "page {}", i + 1);
    }
    // The table header repeats on every page the item tables span.
    for page in pages.iter().filter(|p| p.contains("当社は")) {
        assert!(page.contains("開示した内容"), "{page}");
    }
}

#[test]
fn long_answers_wrap_and_are_never_cut_off() {
    let mut doc = pack::pack(3);
    let long: String = (1..=80)
        .map(|i| format!("第{i}条：バックアップは暗号化して国内の別拠点に保管する。"))
        .collect::<String>()
        + "【ここまで】";
    doc.items[1].answer = long.clone();
    let pages = poppler::pages(&doc.pdf().unwrap());
    assert!(pages.len() >= 2);
    let m = pages.len();
    // The running text without each page's header, footer and repeated table header (which
    // pdftotext may read in between the header's parts).
    let furniture = [
        "開示資料（表4-1）クラウド型電子カルテ「カルテクラウド」（さくら病院向け）",
        "第1.2版発行日2026年12月6日（令和8年12月6日）",
        "株式会社アンゼン医療システムズ",
        "文書番号DP-2026-0003データSHA-2569f86d081884c7d65",
        "項目番号",
        "開示日時・開示者",
        "開示した内容",
        "項目",
    ];
    let text: String = pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut p = p.clone();
            for f in furniture {
                assert!(p.contains(f), "page {} lacks {f}", i + 1);
                p = p.replace(f, "");
            }
            let n_of_m = format!("{}/{m}", i + 1);
            assert!(p.contains(&n_of_m));
            p.replacen(&n_of_m, "", 1)
        })
        .collect();
    assert!(text.contains(&long), "the long answer is cut");
}

#[test]
fn text_from_the_data_is_never_read_as_markup() {
    let mut doc = pack::pack(2);
    doc.items[0].answer = "*太字* _斜体_ #panic(\"x\") $x^2$ <a> @b [c] \\d // e".into();
    doc.items[1].title = "= 見出し #set text(red)".into();
    doc.certifications[0].scope = "#pagebreak() ]) {".into();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(
        text.contains("*太字*_斜体_#panic(\"x\")$x^2$<a>@b[c]\\d//e"),
        "{text}"
    );
    assert!(text.contains("=見出し#settext(red)"));
    assert!(text.contains("#pagebreak()]){"));
}

#[test]
fn only_embedded_fonts() {
    poppler::assert_house_fonts(&pack::pack(4).pdf().unwrap());
}

#[test]
fn nothing_disclosed_and_no_certificate_still_renders_with_the_notice() {
    let mut doc = pack::pack(0);
    doc.certifications.clear();
    doc.qualification = None;
    doc.note = None;
    doc.certificate_notice = "独自の注意文（FAQ 4.2）".into();
    let text = poppler::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("0件"));
    assert!(text.contains("開示した表4-1の項目はまだありません"));
    assert!(text.contains("登録された第三者認証はありません"));
    assert!(text.contains("独自の注意文（FAQ4.2）"));
    assert!(!text.contains(&squeeze(DEFAULT_CERTIFICATE_NOTICE)));
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let doc = pack::pack(3);
    assert_eq!(doc.pdf().unwrap(), doc.pdf().unwrap());
    let mut changed = doc.clone();
    changed.items[0].answer.push('。');
    assert_ne!(doc.pdf().unwrap(), changed.pdf().unwrap());
}
