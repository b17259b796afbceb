//! The DOCX and XLSX of the リスク対応一覧 hold the same rows as the PDF.

use crate::fixture;
use crate::office;

use anzen_render::risk_treatment::xlsx::{
    MEASURE_COLUMNS, RESPONSE_COLUMNS, RISK_COLUMNS, SHEET_MEASURES, SHEET_RESPONSES, SHEET_RISKS,
};
use anzen_render::risk_treatment::{INSTITUTION_DUTY_MARK, RiskTreatmentList};
use anzen_render::{Document, Format};
use office::{docx_text, sheet, zip_entry};

#[test]
fn the_docx_holds_every_row() {
    let doc = fixture::list(5);
    let bytes = doc.render(Format::Docx).unwrap();
    let body = docx_text(&zip_entry(&bytes, "word/document.xml"));
    for heading in [
        "リスク対応一覧",
        "一覧",
        "詳細",
        "情報の流れ",
        "対応前のリスク",
        "対応後のリスク",
        "検討した選択肢",
        "対策（担当）",
        "医療機関への説明",
        "医療機関の回答",
    ] {
        assert!(body.contains(heading), "missing {heading}");
    }
    for r in &doc.risks {
        assert!(
            body.contains(&format!("{}　{}", r.code, r.title)),
            "{}",
            r.code
        );
        assert!(body.contains(&r.before.text()));
        assert!(body.contains(&r.reasons));
        for m in &r.measures {
            assert!(body.contains(&format!("・{}", m.text())), "{}", m.text());
        }
        for x in &r.responses {
            assert!(body.contains(&format!("{}：{}", x.institution, x.text())));
        }
    }
    assert!(body.contains(INSTITUTION_DUTY_MARK));
}

#[test]
fn the_docx_pages_carry_title_version_date_and_page_numbers() {
    let bytes = fixture::list(1).docx().unwrap();
    let names = office::parts(&bytes);
    let header = names
        .iter()
        .find(|n| n.starts_with("word/header"))
        .expect("a header part");
    let footer = names
        .iter()
        .find(|n| n.starts_with("word/footer"))
        .expect("a footer part");
    let header = docx_text(&zip_entry(&bytes, header));
    assert!(header.contains("リスク対応一覧"), "{header}");
    assert!(header.contains("第 1.2 版"));
    assert!(header.contains("2026年12月6日（令和8年12月6日）"));
    let footer = zip_entry(&bytes, footer);
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "{footer}"
    );
    let document = zip_entry(&bytes, "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""));
    // A4: 297 mm × 210 mm in twentieths of a point.
    assert!(document.contains("w:w=\"16838\"") && document.contains("w:h=\"11906\""));
}

fn expected_risk_rows(doc: &RiskTreatmentList) -> Vec<Vec<String>> {
    doc.risks
        .iter()
        .map(|r| {
            vec![
                r.code.clone(),
                r.title.clone(),
                r.flow.who.clone(),
                r.flow.place.clone(),
                r.flow.device.clone(),
                r.flow.what.clone(),
                r.flow.how.clone(),
                r.before.label.clone(),
                r.before.text(),
                r.after
                    .as_ref()
                    .map(|l| l.label.clone())
                    .unwrap_or_default(),
                r.after.as_ref().map(|l| l.text()).unwrap_or_default(),
                r.option.clone(),
                r.options_weighed
                    .iter()
                    .map(|o| {
                        format!(
                            "{}{}：{}",
                            o.option,
                            if o.chosen { "（採用）" } else { "" },
                            o.reason
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
                r.reasons.clone(),
                r.explanation.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

#[test]
fn the_xlsx_reads_back_as_the_same_rows() {
    let mut doc = fixture::list(7);
    doc.risks[2].after = None;
    doc.risks[3].explanation = None;
    let bytes = doc.xlsx().unwrap();

    let risks = sheet(&bytes, SHEET_RISKS);
    assert_eq!(risks[0], RISK_COLUMNS.map(String::from).to_vec());
    assert_eq!(risks[1..].to_vec(), expected_risk_rows(&doc));

    let measures = sheet(&bytes, SHEET_MEASURES);
    assert_eq!(measures[0], MEASURE_COLUMNS.map(String::from).to_vec());
    let want: Vec<Vec<String>> = doc
        .risks
        .iter()
        .flat_map(|r| {
            r.measures.iter().map(|m| {
                vec![
                    r.code.clone(),
                    r.title.clone(),
                    m.description.clone(),
                    m.owner.clone(),
                    if m.institution_duty {
                        "○".into()
                    } else {
                        String::new()
                    },
                ]
            })
        })
        .collect();
    assert_eq!(measures[1..].to_vec(), want);

    let responses = sheet(&bytes, SHEET_RESPONSES);
    assert_eq!(responses[0], RESPONSE_COLUMNS.map(String::from).to_vec());
    let answers: usize = doc.risks.iter().map(|r| r.responses.len()).sum();
    assert_eq!(responses.len() - 1, answers);
    let r0 = &doc.risks[0].responses[0];
    assert_eq!(responses[1][2], r0.institution);
    assert_eq!(responses[1][3], r0.state.label());
    assert_eq!(responses[1][5], "2026年12月1日 10:30");
}

#[test]
fn the_three_formats_name_the_same_risks() {
    let doc = fixture::list(12);
    let docx = docx_text(&zip_entry(&doc.docx().unwrap(), "word/document.xml"));
    let xlsx = sheet(&doc.xlsx().unwrap(), SHEET_RISKS);
    let pdf = doc.pdf();
    #[cfg(feature = "pdf")]
    assert!(pdf.unwrap().starts_with(b"%PDF-"));
    // Built without typst: a clear error, never a panic.
    #[cfg(not(feature = "pdf"))]
    assert!(matches!(
        pdf,
        Err(anzen_render::RenderError::Unavailable("pdf"))
    ));
    let codes: Vec<&String> = xlsx[1..].iter().map(|row| &row[0]).collect();
    assert_eq!(codes, doc.risks.iter().map(|r| &r.code).collect::<Vec<_>>());
    for r in &doc.risks {
        assert!(docx.contains(&r.title));
    }
}

#[test]
fn format_names() {
    for f in Format::ALL {
        assert_eq!(Format::parse(f.as_str()), Some(f));
    }
    assert_eq!(Format::parse("PDF"), None);
    assert_eq!(Format::parse("odt"), None);
}
