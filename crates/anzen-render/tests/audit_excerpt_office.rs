//! The DOCX and XLSX of the 監査証跡抜粋 hold the same entries and verification as the PDF;
//! the XLSX keeps every field, the hashes whole.

use crate::audit_excerpt_fixture as excerpt_fixture;
use crate::office;

use anzen_render::audit_excerpt::xlsx::{ENTRY_COLUMNS, SHEET_ENTRIES};
use anzen_render::audit_excerpt::{TITLE, short_hash, time_text};
use anzen_render::{Document, Format};

#[test]
fn the_docx_holds_every_entry_and_the_verification() {
    let doc = excerpt_fixture::broken(9);
    let bytes = doc.render(Format::Docx).unwrap();
    let (body, header) = office::docx_body_and_header(&bytes);
    assert!(header.contains(TITLE), "{header}");
    assert!(body.contains("チェーンの検証結果"));
    assert!(body.contains(doc.verification.verdict()));
    assert!(body.contains(&doc.period_text()));
    for p in &doc.verification.problems {
        assert!(body.contains(p.as_str()), "{p}");
    }
    for e in &doc.entries {
        for v in [
            time_text(e.at),
            e.actor.clone(),
            e.action_text(),
            e.object_text(),
            e.summary.clone(),
        ] {
            assert!(body.contains(&v), "#{}: {v}", e.seq);
        }
        let mark = if doc.verification.covers(e.seq) {
            ""
        } else {
            "（未検証）"
        };
        assert!(body.contains(&format!("{}{mark}", short_hash(&e.hash))));
    }
    let document = office::zip_entry(&bytes, "word/document.xml");
    // A4 portrait: 210 mm × 297 mm in twentieths of a point.
    assert!(document.contains("w:w=\"11906\"") && document.contains("w:h=\"16838\""));
}

#[test]
fn the_xlsx_holds_every_field_of_every_entry() {
    let doc = excerpt_fixture::broken(12);
    let bytes = doc.render(Format::Xlsx).unwrap();
    let rows = office::sheet(&bytes, SHEET_ENTRIES);
    assert_eq!(rows[0], ENTRY_COLUMNS.map(String::from).to_vec());
    assert_eq!(rows.len() - 1, doc.entries.len());
    for (row, e) in rows[1..].iter().zip(&doc.entries) {
        assert_eq!(row[0], e.seq.to_string());
        assert_eq!(row[1], time_text(e.at));
        assert_eq!(row[3], e.action);
        assert_eq!(row[4], e.action_label.clone().unwrap_or_default());
        assert_eq!(row[6], e.object_id);
        assert_eq!(row[9], e.hash, "the whole hash");
        assert_eq!(row[10], e.prev_hash);
        let want = if e.seq <= 1042 {
            "検証済み"
        } else {
            "未検証"
        };
        assert_eq!(row[12], want, "#{}", e.seq);
    }
    let names = office::sheet_names(&bytes);
    let summary = office::sheet(&bytes, &names[0]);
    let cells: Vec<&String> = summary.iter().flatten().collect();
    assert!(
        cells
            .iter()
            .any(|c| c.as_str() == doc.verification.verdict())
    );
    assert!(
        cells
            .iter()
            .any(|c| c.contains(&doc.verification.problems[0]))
    );
    assert!(cells.contains(&&doc.verification.head_hash));
}

#[test]
fn entries_are_keyed_by_sequence_number_and_the_verdict_ignores_the_moment() {
    let a = excerpt_fixture::excerpt(4);
    let mut b = a.clone();
    b.verification.verified_at = b
        .verification
        .verified_at
        .checked_add(jiff::Span::new().hours(1))
        .unwrap();
    assert_eq!(
        a.entries(),
        b.entries(),
        "verifying again later changes nothing"
    );
    let keys: Vec<String> = a.entries().into_iter().map(|e| e.key).collect();
    assert_eq!(
        keys,
        vec![
            "seq:1041",
            "seq:1042",
            "seq:1043",
            "seq:1044",
            "verification"
        ]
    );
    let broken = excerpt_fixture::broken(4);
    assert_ne!(a.entries().last(), broken.entries().last());
}
