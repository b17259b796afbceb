//! The DOCX and XLSX of the 責任分界表 hold the same rows as the PDF.

use crate::office;

use crate::responsibility_fixture as division;

use anzen_render::responsibility::xlsx::{
    AGREEMENT_COLUMNS, CONFIRMATION_COLUMNS, DUTY_COLUMNS, SHEET_AGREEMENTS, SHEET_CONFIRMATION,
    SHEET_DUTIES,
};
use anzen_render::responsibility::{CONFIRMATION_NOTE, MARK, Party, Phase};
use anzen_render::{Document, Format, dates};
use office::{docx_text, sheet, zip_entry};

#[test]
fn the_docx_holds_every_duty_party_and_mark() {
    let doc = division::all();
    let bytes = doc.render(Format::Docx).unwrap();
    let body = docx_text(&zip_entry(&bytes, "word/document.xml"));
    for heading in [
        "責任分界表",
        "合意の件数",
        "第1部　ライフサイクルの各段階の義務と責任（GL 3.2 図3-4）",
        "第2部　役割分担の確認（2024年 役割分担等に関する確認表の様式）",
        "責任を負う当事者",
        CONFIRMATION_NOTE,
    ] {
        assert!(body.contains(heading), "missing {heading}");
    }
    for a in &doc.agreements {
        assert!(body.contains(&a.heading()), "{}", a.heading());
        assert!(body.contains(&a.digest));
        for p in &a.parties {
            assert!(body.contains(&format!("{}：{}", p.name, p.consents_text())));
        }
        for d in &a.duties {
            assert!(body.contains(&d.title), "{}", d.key);
            assert!(body.contains(&format!("{}：{}", d.party.label(), d.party_name)));
        }
    }
    for p in Phase::ALL {
        assert!(body.contains(p.label()));
    }
    let r = doc.agreements[1].reagreement.as_ref().unwrap();
    assert!(body.contains("【要再合意】") && body.contains(&r.text()));
    assert_eq!(body.matches("【要再合意】").count(), 1);
    assert!(body.contains(MARK));
}

#[test]
fn the_docx_is_a4_landscape_with_header_and_page_numbers() {
    let bytes = division::one().docx().unwrap();
    let names = office::parts(&bytes);
    let header = names.iter().find(|n| n.starts_with("word/header")).unwrap();
    let footer = names.iter().find(|n| n.starts_with("word/footer")).unwrap();
    let header = docx_text(&zip_entry(&bytes, header));
    assert!(header.contains("責任分界表") && header.contains("さくら病院 向け"));
    assert!(header.contains("第 1.2 版"));
    assert!(header.contains("2026年12月6日（令和8年12月6日）"));
    let footer = zip_entry(&bytes, footer);
    assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"));
    let document = zip_entry(&bytes, "word/document.xml");
    assert!(document.contains("w:orient=\"landscape\""));
    assert!(document.contains("w:w=\"16838\"") && document.contains("w:h=\"11906\""));
}

#[test]
fn the_xlsx_reads_back_as_the_same_rows() {
    let mut doc = division::all();
    // Out of lifecycle order in the data: the sheets list phase by phase.
    doc.agreements[0].duties.reverse();
    let bytes = doc.xlsx().unwrap();

    let duties = sheet(&bytes, SHEET_DUTIES);
    assert_eq!(duties[0], DUTY_COLUMNS.map(String::from).to_vec());
    let want: Vec<Vec<String>> = doc
        .agreements
        .iter()
        .flat_map(|a| {
            Phase::ALL.iter().flat_map(move |p| {
                a.duties
                    .iter()
                    .filter(move |d| d.phase == *p)
                    .map(move |d| {
                        vec![
                            a.counterparty.clone(),
                            a.kind.label().to_string(),
                            a.version_text(),
                            p.label().to_string(),
                            d.key.clone(),
                            d.title.clone(),
                            d.party.label().to_string(),
                            d.party_name.clone(),
                            d.reference.clone().unwrap_or_default(),
                            d.confidence.clone().unwrap_or_else(|| "確認済み".into()),
                        ]
                    })
            })
        })
        .collect();
    assert_eq!(duties[1..].to_vec(), want);
    assert_eq!(duties[1][3], Phase::PreContract.label());

    let agreements = sheet(&bytes, SHEET_AGREEMENTS);
    assert_eq!(agreements[0], AGREEMENT_COLUMNS.map(String::from).to_vec());
    let consents: usize = doc
        .agreements
        .iter()
        .flat_map(|a| &a.parties)
        .map(|p| p.consents.len().max(1))
        .sum();
    assert_eq!(agreements.len() - 1, consents);
    let nakamura = agreements.iter().find(|r| r[10] == "中村 正").unwrap();
    assert_eq!(nakamura[0], "みなと診療所");
    assert_eq!(nakamura[8], Party::Institution.label());
    assert_eq!(nakamura[11], "2026年5月1日 08:30");
    assert_eq!(
        nakamura[12],
        doc.agreements[1].reagreement.as_ref().unwrap().text()
    );
    assert!(
        agreements
            .iter()
            .filter(|r| r[0] == "さくら病院")
            .all(|r| r[12].is_empty())
    );

    let confirmation = sheet(&bytes, SHEET_CONFIRMATION);
    assert_eq!(
        confirmation[0],
        CONFIRMATION_COLUMNS.map(String::from).to_vec()
    );
    let rows: Vec<_> = doc
        .agreements
        .iter()
        .flat_map(|a| a.confirmation_rows().into_iter().map(move |r| (a, r)))
        .collect();
    for ((a, r), got) in rows.iter().zip(&confirmation[1..]) {
        let [inst, prov, sub] = r.marks();
        assert_eq!(
            got[..9].to_vec(),
            vec![
                a.counterparty.clone(),
                r.number.to_string(),
                r.section.clone(),
                r.item.clone(),
                inst.to_string(),
                prov.to_string(),
                sub.to_string(),
                r.subcontractor.clone().unwrap_or_default(),
                r.reference.clone(),
            ]
        );
    }
    let sub_row = &confirmation[1..]
        .iter()
        .find(|r| r[7] == division::SUBCONTRACTOR)
        .expect("the subcontractor's row");
    assert_eq!((&*sub_row[4], &*sub_row[5], &*sub_row[6]), ("", "", MARK));
    assert!(
        confirmation
            .iter()
            .flatten()
            .any(|c| c == CONFIRMATION_NOTE)
    );
}

#[test]
fn every_duty_is_marked_for_exactly_its_party() {
    let a = &division::one().agreements[0];
    for (r, d) in a.confirmation_rows().iter().zip(
        Phase::ALL
            .iter()
            .flat_map(|p| a.duties.iter().filter(move |d| d.phase == *p)),
    ) {
        let col = match d.party {
            Party::Institution => 0,
            Party::Provider => 1,
            Party::Subcontractor => 2,
        };
        let marks = r.marks();
        for (i, m) in marks.iter().enumerate() {
            assert_eq!(*m == MARK, i == col, "{} column {i}", d.key);
        }
        assert_eq!(r.item, d.title);
        assert_eq!(
            r.subcontractor.is_some(),
            d.party == Party::Subcontractor,
            "{}",
            d.key
        );
    }
}

#[test]
fn entries_are_keyed_by_agreement_phase_and_duty() {
    let doc = division::all();
    let entries = doc.entries();
    let duties: usize = doc.agreements.iter().map(|a| a.duties.len()).sum();
    assert_eq!(entries.len(), doc.agreements.len() + duties);
    let keys: std::collections::BTreeSet<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys.len(), entries.len(), "keys are unique");
    assert!(keys.contains("provider_institution:さくら病院:合意"));
    assert!(keys.contains("provider_institution:さくら病院:crisis_response:crisis.report"));
    // Re-assigning one duty changes that duty's entry only.
    let mut changed = doc.clone();
    let d = changed.agreements[0]
        .duties
        .iter_mut()
        .find(|d| d.key == "op.controls")
        .unwrap();
    d.party = Party::Subcontractor;
    d.party_name = division::SUBCONTRACTOR.into();
    let differ: Vec<String> = entries
        .iter()
        .zip(&changed.entries())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.key.clone())
        .collect();
    assert_eq!(
        differ,
        vec!["provider_institution:さくら病院:operation:op.controls".to_string()]
    );
}

#[test]
fn dates_in_the_sheets_are_japanese() {
    let doc = division::one();
    let bytes = doc.xlsx().unwrap();
    let agreements = sheet(&bytes, SHEET_AGREEMENTS);
    let a = &doc.agreements[0];
    assert!(
        agreements[1..]
            .iter()
            .all(|r| r[7] == dates::seireki_time(a.drafted_at))
    );
}
