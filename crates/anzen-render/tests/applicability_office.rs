//! The DOCX and XLSX of the 適用宣言書 hold the same rows as the PDF.

use crate::applicability_fixture as soa;
use crate::office;

use anzen_render::applicability::xlsx::{
    CONTROL_COLUMNS, PROVIDER_COLUMNS, REGULATORY_COLUMNS, SHEET_CONTROLS, SHEET_PROVIDER,
    SHEET_REGULATORY, SHEET_SUMMARY,
};
use anzen_render::applicability::{
    MET, NOT_MET, StatementOfApplicability, StatementState, summary_columns, texts_text,
};
use anzen_render::{Document, Format};
use office::{docx_text, sheet, zip_entry};

#[test]
fn the_docx_holds_every_row() {
    let doc = soa::statement_of_applicability(60);
    let body = docx_text(&zip_entry(
        &doc.render(Format::Docx).unwrap(),
        "word/document.xml",
    ));
    for heading in [
        "適用宣言書",
        "集計",
        "制度上の要求事項（第6章）",
        "別紙2 対策項目ごとの適用宣言",
        "事業者独自の対策",
        "記述（理由・根拠）",
        "対策項目数",
    ] {
        assert!(body.contains(heading), "missing {heading}");
    }
    for ch in &doc.chapters {
        assert!(body.contains(&ch.heading()));
        for s in &ch.sections {
            assert!(body.contains(&s.heading()));
        }
    }
    for c in doc.controls().chain(&doc.provider_controls) {
        assert!(body.contains(&c.key), "{}", c.key);
        assert!(body.contains(&c.text), "{}", c.key);
        assert!(body.contains(&texts_text(&c.texts)), "{}", c.key);
    }
    for r in &doc.regulatory {
        assert!(body.contains(&r.met_text()), "{}", r.met_text());
        assert!(body.contains(&r.legal_basis.join("\n")));
    }
    let document = zip_entry(&doc.docx().unwrap(), "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""));
}

#[test]
fn the_docx_pages_carry_title_version_date_and_page_numbers() {
    let bytes = soa::statement_of_applicability(1).docx().unwrap();
    let names = office::parts(&bytes);
    let header = names.iter().find(|n| n.starts_with("word/header")).unwrap();
    let footer = names.iter().find(|n| n.starts_with("word/footer")).unwrap();
    let header = docx_text(&zip_entry(&bytes, header));
    assert!(header.contains("適用宣言書"), "{header}");
    assert!(header.contains("第 1.2 版"));
    assert!(header.contains("2026年12月6日（令和8年12月6日）"));
    let footer = zip_entry(&bytes, footer);
    assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"));
    assert!(footer.contains("RT-2026-0007"));
}

fn expected_control_rows(doc: &StatementOfApplicability) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for ch in &doc.chapters {
        for s in &ch.sections {
            for c in &s.controls {
                rows.push(vec![
                    ch.heading(),
                    s.heading(),
                    c.topic.clone().unwrap_or_default(),
                    c.key.clone(),
                    c.text.clone(),
                    c.kubun.clone(),
                    c.state.label().to_string(),
                    texts_text(&c.texts),
                    c.stated_by.clone().unwrap_or_default(),
                    c.stated_at
                        .map(anzen_render::dates::seireki_time)
                        .unwrap_or_default(),
                    c.carried_from.clone().unwrap_or_default(),
                    if c.to_review {
                        "○".into()
                    } else {
                        String::new()
                    },
                    c.risks.join("\n"),
                ]);
            }
        }
    }
    rows
}

#[test]
fn the_xlsx_reads_back_as_the_same_rows() {
    let doc = soa::statement_of_applicability(soa::OFFICIAL_TOTAL);
    let bytes = doc.xlsx().unwrap();

    let controls = sheet(&bytes, SHEET_CONTROLS);
    assert_eq!(controls[0], CONTROL_COLUMNS.map(String::from).to_vec());
    assert_eq!(controls.len() - 1, soa::OFFICIAL_TOTAL);
    assert_eq!(controls[1..].to_vec(), expected_control_rows(&doc));

    let provider = sheet(&bytes, SHEET_PROVIDER);
    assert_eq!(provider[0], PROVIDER_COLUMNS.map(String::from).to_vec());
    assert_eq!(provider.len() - 1, doc.provider_controls.len());
    assert_eq!(provider[1][0], doc.provider_controls[0].key);
    assert_eq!(provider[1][4], texts_text(&doc.provider_controls[0].texts));

    let regulatory = sheet(&bytes, SHEET_REGULATORY);
    assert_eq!(regulatory[0], REGULATORY_COLUMNS.map(String::from).to_vec());
    assert_eq!(regulatory.len() - 1, doc.regulatory.len());
    for (row, r) in regulatory[1..].iter().zip(&doc.regulatory) {
        assert_eq!(row[1], r.key);
        assert_eq!(row[2], r.title);
        assert_eq!(row[4], r.state.label());
        assert_eq!(row[9], if r.met() { MET } else { NOT_MET });
    }
    let planned = &regulatory[3];
    assert_eq!(planned[10], "対応予定");
    assert_eq!(planned[11], "2027年3月31日");
}

#[test]
fn the_summary_counts_every_control_once_per_state() {
    let mut doc = soa::statement_of_applicability(97);
    doc.chapters[1].sections[0].controls[0].state = StatementState::None;
    let summary = sheet(&doc.xlsx().unwrap(), SHEET_SUMMARY);
    let mut heads = vec!["大項目".to_string()];
    heads.extend(summary_columns());
    assert_eq!(summary[0], heads);
    assert_eq!(summary.len(), doc.chapters.len() + 2);
    // Count by hand, per chapter and in all.
    let mut all = vec![0usize; StatementState::OF_CONTROLS.len() + 2];
    for (ch, row) in doc.chapters.iter().zip(&summary[1..]) {
        assert_eq!(row[0], ch.heading());
        let mut want = vec![0usize; StatementState::OF_CONTROLS.len() + 2];
        for c in ch.controls() {
            let k = StatementState::OF_CONTROLS
                .iter()
                .position(|s| *s == c.state)
                .unwrap();
            want[k] += 1;
            want[StatementState::OF_CONTROLS.len()] += 1;
            want[StatementState::OF_CONTROLS.len() + 1] += usize::from(c.to_review);
        }
        let got: Vec<usize> = row[1..].iter().map(|v| v.parse().unwrap()).collect();
        assert_eq!(got, want, "{}", ch.heading());
        for (a, w) in all.iter_mut().zip(&want) {
            *a += w;
        }
    }
    let total = summary.last().unwrap();
    assert_eq!(total[0], "合計");
    let got: Vec<usize> = total[1..].iter().map(|v| v.parse().unwrap()).collect();
    assert_eq!(got, all);
    assert_eq!(all[StatementState::OF_CONTROLS.len()], 97);
}

#[test]
fn entries_are_keyed_by_kind_and_control() {
    let doc = soa::statement_of_applicability(12);
    let entries = doc.entries();
    assert_eq!(
        entries.len(),
        12 + doc.provider_controls.len() + doc.regulatory.len()
    );
    assert_eq!(
        entries[0].key,
        format!("appendix2:{}", doc.controls().next().unwrap().key)
    );
    assert!(entries.iter().any(|e| e.key == "provider:P-001"));
    assert!(
        entries
            .iter()
            .any(|e| e.key == "regulatory:6.2-authenticity")
    );
    let mut keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), entries.len(), "keys are unique");
    // A changed statement changes its entry only.
    let mut changed = doc.clone();
    changed.chapters[0].sections[0].controls[0].state = StatementState::Planned;
    let after = changed.entries();
    let differing: Vec<&str> = entries
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.content != b.content)
        .map(|(a, _)| a.key.as_str())
        .collect();
    assert_eq!(differing, vec![entries[0].key.as_str()]);
}

#[test]
fn without_pdf_support_the_pdf_is_an_error_not_a_panic() {
    let pdf = soa::statement_of_applicability(2).render(Format::Pdf);
    #[cfg(feature = "pdf")]
    assert!(pdf.unwrap().starts_with(b"%PDF-"));
    #[cfg(not(feature = "pdf"))]
    assert!(matches!(
        pdf,
        Err(anzen_render::RenderError::Unavailable("pdf"))
    ));
}
