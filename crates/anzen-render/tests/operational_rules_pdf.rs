//! Golden tests on the text of the 運用管理規程 PDF and DOCX (GL 5.1.6 (2), FAQ 6.1): every
//! item (ア)–(サ) and the provider's own, the digest the institutions agree to, each
//! institution's standing, embedded fonts only, data never read as markup; no XLSX.

use crate::office;
use crate::operational_rules_fixture as oprules;
use crate::poppler;

use anzen_render::{Document, Format, RenderError};

#[test]
fn the_pdf_has_every_item_the_digest_and_the_standings() {
    let doc = oprules::rules();
    let pdf = doc.pdf().unwrap();
    let text = poppler::squeezed(&pdf);
    for k in oprules::KEYS {
        assert!(
            text.contains(&format!("（{k}）事項{k}の表題")),
            "({k}) heading"
        );
        if k != "エ" {
            assert!(
                text.contains(&format!("二行目の記載（{k}）。")),
                "({k}) body"
            );
        }
    }
    for s in [
        "運用管理規程",
        "第2版（全提供サービス共通）",
        &"ab".repeat(32),
        "（追加1）テレワーク時の取扱い",
        "医療機関等の合意の状況",
        "さくら病院合意済み高橋情報システム課（2026年12月1日）",
        "みなと診療所合意しない（回答待ち）",
        "下書きの出典：機器台帳",
        "台帳管理により所在を確認する。#settext(red)と書いても命令にならない。",
    ] {
        assert!(text.contains(s), "lacks {s}");
    }
    poppler::assert_house_fonts(&pdf);
}

#[test]
fn the_docx_holds_the_same_sections_and_there_is_no_xlsx() {
    let doc = oprules::rules();
    let bytes = doc.render(Format::Docx).unwrap();
    let (body, header) = office::docx_body_and_header(&bytes);
    assert!(header.contains("運用管理規程"));
    for k in oprules::KEYS {
        assert!(body.contains(&format!("（{k}）事項{k}の表題")), "({k})");
    }
    assert!(body.contains("テレワーク時の取扱い"));
    assert!(body.contains("みなと診療所"));
    assert_eq!(
        <anzen_render::OperationalRules as Document>::FORMATS,
        &[Format::Pdf, Format::Docx]
    );
    assert!(matches!(
        doc.render(Format::Xlsx),
        Err(RenderError::UnsupportedFormat("xlsx"))
    ));
    let entries = doc.entries();
    assert_eq!(
        entries.len(),
        12 + 2,
        "a section per item and a standing per institution"
    );
}
