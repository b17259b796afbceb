//! Golden tests on the text of the 監査証跡抜粋 PDF, read back with poppler-utils.

use crate::audit_excerpt_fixture as excerpt_fixture;
use crate::poppler;
use crate::poppler_raw;

use anzen_render::audit_excerpt::{AuditExcerpt, short_hash, time_text};

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_rows(doc: &AuditExcerpt, text: &str) {
    for e in &doc.entries {
        for v in [
            time_text(e.at),
            e.actor.clone(),
            e.action_text(),
            e.object_text(),
            e.summary.clone(),
            short_hash(&e.hash),
        ] {
            assert!(text.contains(&squeeze(&v)), "entry #{}: {v}", e.seq);
        }
        assert!(text.contains(&e.seq.to_string()), "#{}", e.seq);
    }
}

#[test]
fn the_pdf_has_the_headings_entries_and_verification() {
    let doc = excerpt_fixture::excerpt(6);
    let pdf = doc.pdf().unwrap();
    let text = poppler_raw::squeezed(&pdf);
    for heading in [
        "監査証跡抜粋",
        "期間",
        "2026年12月1日〜2026年12月6日（日本時間、両日を含む）",
        "R-012ランサムウェアによる電子カルテ停止",
        "チェーンの検証結果",
        "異常なし",
        "記録の開始から5000件（通番#1〜#5000）",
        "通番#5000（署名は有効）",
        "3fa2c9d17e5b8a04",
        "監査証跡（6件）",
        "通番#4800",
    ] {
        assert!(text.contains(heading), "missing {heading}");
    }
    assert!(text.contains(&doc.verification.head_hash));
    assert!(text.contains(doc.verification.public_key.as_deref().unwrap()));
    assert_rows(&doc, &text);
    // Markup in the data prints as itself.
    assert!(text.contains("*必須*と#バックアップ"));
    assert!(text.contains("[A-2026-003]"));
    // The whole hash is not printed for an entry, only its start.
    assert!(!text.contains(&doc.entries[0].hash));
    assert_eq!(
        text.matches("未検証").count(),
        1,
        "the note only: every entry verified"
    );
}

#[test]
fn a_broken_chain_shows_its_problems_and_the_entries_not_verified() {
    let doc = excerpt_fixture::broken(6);
    let text = poppler_raw::squeezed(&doc.pdf().unwrap());
    assert!(text.contains("問題あり"));
    assert!(!text.contains("異常なし"));
    for p in &doc.verification.problems {
        assert!(text.contains(&squeeze(p)), "{p}");
    }
    assert!(text.contains("署名を確認できません"));
    // Entries 1043–1046 lie beyond the verified part.
    assert_eq!(
        text.matches("未検証").count(),
        4 + 1,
        "four marks and the note"
    );
}

#[test]
fn a_long_period_repeats_the_header_and_the_front_matter_on_every_page() {
    let doc = excerpt_fixture::excerpt(300);
    let pdf = doc.pdf().unwrap();
    let pages = poppler_raw::pages(&pdf);
    let m = pages.len();
    assert!(m >= 5, "300 entries on {m} pages");
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(page.contains("監査証跡抜粋"), "page {n}");
        assert!(page.contains("第1.2版"), "page {n}");
        assert!(
            page.contains("発行日2026年12月6日（令和8年12月6日）"),
            "page {n}"
        );
        assert!(page.contains("AE-2026-0011"), "page {n}");
        assert!(page.contains(&format!("{n}/{m}")), "page {n}");
        if n > 2 {
            assert!(
                page.contains("通番日時（日本時間）操作者操作対象概要ハッシュ"),
                "header on page {n}"
            );
        }
    }
    assert_rows(&doc, &poppler_raw::squeezed(&pdf));
}

#[test]
fn an_empty_period_says_so_and_only_embedded_fonts() {
    let mut doc = excerpt_fixture::excerpt(0);
    doc.from = None;
    doc.object = None;
    let pdf = doc.pdf().unwrap();
    let text = poppler_raw::squeezed(&pdf);
    assert!(text.contains("この期間・対象の記録はありません"));
    assert!(text.contains("記録の開始〜2026年12月6日"));
    assert!(text.contains("すべて（閲覧できる範囲）"));
    poppler::assert_house_fonts(&pdf);
}

/// Writes the fixtures' PDFs to `$ANZEN_DUMP_DIR` for a person to look at (no check).
#[test]
fn dump_for_review() {
    if let Ok(dir) = std::env::var("ANZEN_DUMP_DIR") {
        for (name, doc) in [
            ("audit-ok", excerpt_fixture::excerpt(60)),
            ("audit-broken", excerpt_fixture::broken(8)),
        ] {
            std::fs::write(format!("{dir}/{name}.pdf"), doc.pdf().unwrap()).unwrap();
        }
    }
}
