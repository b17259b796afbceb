//! The DOCX and XLSX of the 開示資料 hold the same rows as the PDF.

use crate::office;

use crate::disclosure_pack_fixture as pack;

use anzen_render::disclosure_pack::xlsx::{
    CERTIFICATION_COLUMNS, ITEM_COLUMNS, SHEET_CERTIFICATIONS, SHEET_ITEMS,
};
use anzen_render::disclosure_pack::{DEFAULT_CERTIFICATE_NOTICE, DisclosurePack, Stage};
use anzen_render::{Document, Format, dates};
use office::{docx_text, sheet, zip_entry};

#[test]
fn the_docx_holds_every_item_and_certification() {
    let doc = pack::pack(10);
    let bytes = doc.render(Format::Docx).unwrap();
    let body = docx_text(&zip_entry(&bytes, "word/document.xml"));
    for heading in [
        "開示資料（表4-1）",
        "開示項目数",
        "10 件",
        "項目番号",
        "開示した内容",
        "開示日時・開示者",
        "第三者認証（GL 4.4、FAQ 4.2、表4-1 ①-7・①-8）",
        "最低限の適格性",
        "あり（プライバシーマーク又はISMS）",
    ] {
        assert!(body.contains(heading), "missing {heading}");
    }
    for s in Stage::ALL {
        assert!(body.contains(s.heading()), "{}", s.heading());
    }
    for i in &doc.items {
        assert!(
            body.contains(&i.key) && body.contains(&i.title),
            "{}",
            i.key
        );
        assert!(body.contains(&i.answer), "{}", i.key);
        assert!(body.contains(&i.who_when()), "{}", i.key);
        assert!(body.contains(&format!("（{}）", i.origin_text())));
    }
    for c in &doc.certifications {
        for field in [&c.kind, &c.scope, &c.issuer, &c.status, &c.period()] {
            assert!(body.contains(field.as_str()), "{field}");
        }
    }
    assert!(body.contains(DEFAULT_CERTIFICATE_NOTICE));
}

#[test]
fn the_docx_pages_carry_title_version_date_and_page_numbers() {
    let bytes = pack::pack(1).docx().unwrap();
    let names = office::parts(&bytes);
    let header = names.iter().find(|n| n.starts_with("word/header")).unwrap();
    let footer = names.iter().find(|n| n.starts_with("word/footer")).unwrap();
    let header = docx_text(&zip_entry(&bytes, header));
    assert!(header.contains("開示資料（表4-1）"), "{header}");
    assert!(header.contains("さくら病院 向け"));
    assert!(header.contains("第 1.2 版"));
    assert!(header.contains("2026年12月6日（令和8年12月6日）"));
    let footer_xml = zip_entry(&bytes, footer);
    assert!(footer_xml.contains("PAGE") && footer_xml.contains("NUMPAGES"));
    assert!(docx_text(&footer_xml).contains("文書番号 DP-2026-0003"));
    let document = zip_entry(&bytes, "word/document.xml");
    // A4 portrait: 210 mm × 297 mm in twentieths of a point.
    assert!(document.contains("w:w=\"11906\"") && document.contains("w:h=\"16838\""));
    assert!(!document.contains("w:orient=\"landscape\""));
}

fn expected_item_rows(doc: &DisclosurePack) -> Vec<Vec<String>> {
    Stage::ALL
        .iter()
        .flat_map(|s| doc.items.iter().filter(move |i| i.stage == *s))
        .map(|i| {
            vec![
                i.stage.label().to_string(),
                i.key.clone(),
                i.title.clone(),
                i.group.clone().unwrap_or_default(),
                i.answer.clone(),
                i.origin.label().to_string(),
                i.answerable_from.clone().unwrap_or_default(),
                dates::seireki_time(i.disclosed_at),
                i.disclosed_by.clone(),
            ]
        })
        .collect()
}

#[test]
fn the_xlsx_reads_back_as_the_same_rows() {
    let mut doc = pack::pack(10);
    // Out of stage order in the data: the sheet lists them stage by stage, as the PDF does.
    doc.items.reverse();
    let bytes = doc.xlsx().unwrap();

    let items = sheet(&bytes, SHEET_ITEMS);
    assert_eq!(items[0], ITEM_COLUMNS.map(String::from).to_vec());
    assert_eq!(items[1..].to_vec(), expected_item_rows(&doc));
    assert_eq!(items[1][0], Stage::Early.label());
    assert_eq!(items.last().unwrap()[0], Stage::Extra.label());

    let certs = sheet(&bytes, SHEET_CERTIFICATIONS);
    assert_eq!(certs[0], CERTIFICATION_COLUMNS.map(String::from).to_vec());
    let n = doc.certifications.len();
    for (row, c) in certs[1..=n].iter().zip(&doc.certifications) {
        assert_eq!(
            row[..8].to_vec(),
            vec![
                c.kind.clone(),
                c.detail.clone().unwrap_or_default(),
                c.scope.clone(),
                c.issuer.clone(),
                dates::seireki(c.valid_from),
                dates::seireki(c.valid_to),
                c.status.clone(),
                c.table_item.clone(),
            ]
        );
    }
    // Below the list: the qualification and the FAQ 4.2 notice.
    let below: Vec<&String> = certs[n + 1..].iter().flatten().collect();
    assert!(
        below
            .iter()
            .any(|s| *s == "あり（プライバシーマーク又はISMS）")
    );
    assert!(below.iter().any(|s| *s == DEFAULT_CERTIFICATE_NOTICE));
}

#[test]
fn the_three_formats_name_the_same_items() {
    let doc = pack::pack(25);
    let docx = docx_text(&zip_entry(&doc.docx().unwrap(), "word/document.xml"));
    let xlsx = sheet(&doc.xlsx().unwrap(), SHEET_ITEMS);
    let pdf = doc.pdf();
    #[cfg(feature = "pdf")]
    assert!(pdf.unwrap().starts_with(b"%PDF-"));
    #[cfg(not(feature = "pdf"))]
    assert!(matches!(
        pdf,
        Err(anzen_render::RenderError::Unavailable("pdf"))
    ));
    let mut keys: Vec<&String> = xlsx[1..].iter().map(|row| &row[1]).collect();
    let mut want: Vec<&String> = doc.items.iter().map(|i| &i.key).collect();
    keys.sort();
    want.sort();
    assert_eq!(keys, want);
    for i in &doc.items {
        assert!(docx.contains(&i.answer), "{}", i.key);
    }
}

#[test]
fn entries_are_keyed_by_item_and_certification_and_change_with_the_answer() {
    let doc = pack::pack(10);
    let entries = doc.entries();
    assert_eq!(
        entries.len(),
        doc.items.len() + doc.certifications.len() + 1
    );
    let keys: std::collections::BTreeSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys.len(), entries.len(), "keys are unique");
    assert!(keys.contains("項目:①-7"));
    assert!(keys.contains("認証:ISMS認証（JIS Q 27001）:本社及び東京データセンター"));
    let mut changed = doc.clone();
    changed.items[3].answer.push_str("（更新）");
    let after = changed.entries();
    let differ: Vec<&str> = entries
        .iter()
        .zip(&after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.key.as_str())
        .collect();
    assert_eq!(differ, vec!["項目:①-7"]);
}
