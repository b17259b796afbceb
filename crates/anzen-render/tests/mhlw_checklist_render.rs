//! Golden tests on the MHLW provider checklist (事業者確認用; guideline-notes §7): the PDF's
//! text (every item, the answers, the source of each), embedded fonts only; the XLSX in the
//! columns the import reads back, with the edition, the offering and the revision on the
//! summary sheet; the DOCX with the same rows.

use crate::office;
use crate::poppler;

use anzen_render::mhlw_checklist::{
    ANSWER_COLUMNS, ChecklistRow, FACT_EDITION, FACT_OFFERING_ID, FACT_REVISION, MhlwChecklist,
    SHEET_ANSWERS, SHEET_SUMMARY, SOURCE_DATA, SOURCE_PERSON,
};
use anzen_render::{Cover, Document, Format};
use jiff::civil::date;

fn row(
    key: &str,
    title: &str,
    reply: &str,
    target: &str,
    evidence: &str,
    source: &str,
) -> ChecklistRow {
    ChecklistRow {
        key: key.into(),
        title: title.into(),
        reply: reply.into(),
        checked_on: if reply.is_empty() {
            String::new()
        } else {
            "2025-10-01".into()
        },
        target_on: target.into(),
        evidence: evidence.into(),
        answered_by: if source == SOURCE_DATA {
            "anzen".into()
        } else if reply.is_empty() {
            String::new()
        } else {
            "佐藤 管理者".into()
        },
        source: source.into(),
    }
}

fn checklist() -> MhlwChecklist {
    MhlwChecklist {
        cover: Cover {
            offering: "さくらクラウドカルテ".into(),
            provider: "さくらメディカルクラウド株式会社".into(),
            institution: None,
            issued_on: date(2026, 12, 7),
            version: "1".into(),
            number: Some("MC-20261207-0001".into()),
            source_digest: Some("ab".repeat(32)),
        },
        edition: "R7".into(),
        fiscal_year: "令和7年度（2025年4月1日 〜 2026年3月31日）".into(),
        offering_id: "0190a0b2-0000-7000-8000-000000000001".into(),
        revision: 3,
        items: vec![
            row(
                "1-①",
                "医療情報システム安全管理責任者",
                "はい",
                "",
                "管理規程第4条で任命",
                SOURCE_PERSON,
            ),
            row(
                "2-①",
                "サーバ・端末・ネットワーク機器の台帳",
                "はい",
                "",
                "anzenの機器台帳に稼働中の機器 5 台を記録",
                SOURCE_DATA,
            ),
            row(
                "2-⑪",
                "二要素認証",
                "いいえ",
                "2026-03-31",
                "#set text(red) は命令にならない",
                SOURCE_PERSON,
            ),
            row("3-③", "サイバー攻撃を想定した事業継続計画", "", "", "", ""),
        ],
    }
}

#[test]
fn the_pdf_has_every_item_its_answer_and_source() {
    let pdf = checklist().pdf().unwrap();
    let text = poppler::squeezed(&pdf);
    for s in [
        "サイバーセキュリティ対策チェックリスト（事業者確認用）",
        "令和7年度（2025年4月1日〜2026年3月31日）",
        "4項目中3項目回答（いいえ1項目）",
        "1-①",
        "医療情報システム安全管理責任者",
        "管理規程第4条で任命",
        "anzenの機器台帳に稼働中の機器5台を記録",
        "anzenの記録",
        "2026-03-31",
        "#settext(red)は命令にならない",
        "サイバー攻撃を想定した事業継続計画",
        "MC-20261207-0001",
    ] {
        assert!(text.contains(&s.replace(' ', "")), "lacks {s}");
    }
    poppler::assert_house_fonts(&pdf);
}

#[test]
fn the_xlsx_is_in_the_columns_the_import_reads() {
    let doc = checklist();
    let bytes = doc.render(Format::Xlsx).unwrap();
    let names = office::sheet_names(&bytes);
    assert!(
        names.contains(&SHEET_SUMMARY.to_owned()) && names.contains(&SHEET_ANSWERS.to_owned()),
        "{names:?}"
    );
    let rows = office::sheet(&bytes, SHEET_ANSWERS);
    assert_eq!(rows[0], ANSWER_COLUMNS.map(String::from).to_vec());
    assert_eq!(rows.len(), 1 + 4);
    assert_eq!(rows[3][0], "2-⑪");
    assert_eq!(rows[3][2], "いいえ");
    assert_eq!(rows[3][4], "2026-03-31");
    assert_eq!(rows[2][7], SOURCE_DATA);
    let summary = office::sheet(&bytes, SHEET_SUMMARY);
    let fact = |label: &str| {
        summary
            .iter()
            .find(|r| r.first().is_some_and(|c| c == label))
            .and_then(|r| r.get(1).cloned())
    };
    assert_eq!(fact(FACT_EDITION).as_deref(), Some("R7"));
    assert_eq!(
        fact(FACT_OFFERING_ID).as_deref(),
        Some("0190a0b2-0000-7000-8000-000000000001")
    );
    assert_eq!(fact(FACT_REVISION).as_deref(), Some("3"));
}

#[test]
fn the_docx_has_the_same_rows() {
    let bytes = checklist().render(Format::Docx).unwrap();
    let (body, header) = office::docx_body_and_header(&bytes);
    assert!(header.contains("チェックリスト"));
    for s in [
        "1-①",
        "2-⑪",
        "二要素認証",
        "2026-03-31",
        "サイバー攻撃を想定した事業継続計画",
    ] {
        assert!(body.contains(s), "lacks {s}");
    }
    assert_eq!(checklist().entries().len(), 4);
}
