//! The DOCX and XLSX of the 構成図 hold the same tables as the PDF, and say that the
//! drawings are in the PDF.

use crate::diagram_fixture;
use crate::office;

use anzen_render::diagram::xlsx::SHEETS;
use anzen_render::diagram::{NO_DRAWING, TITLE};
use anzen_render::{Document, Format};

#[test]
fn the_docx_holds_every_table_row_and_the_note_on_the_drawings() {
    let doc = diagram_fixture::diagram(true);
    let bytes = doc.render(Format::Docx).unwrap();
    let (body, header) = office::docx_body_and_header(&bytes);
    assert!(
        header.contains(TITLE) && header.contains("みなと総合病院 向け"),
        "{header}"
    );
    assert!(header.contains("2026年12月6日（令和8年12月6日）"));
    assert!(body.contains(NO_DRAWING));
    assert!(body.contains(doc.provision_form.as_deref().unwrap()));
    for f in &doc.findings {
        assert!(body.contains(f.as_str()), "{f}");
    }
    for t in doc.tables() {
        assert!(body.contains(t.title), "{}", t.title);
        for row in &t.rows {
            for cell in row {
                assert!(body.contains(cell.as_str()), "{}: {cell}", t.title);
            }
        }
    }
    for c in &doc.components {
        assert!(body.contains(&c.name));
    }
}

#[test]
fn the_xlsx_has_a_sheet_per_table_with_the_same_rows() {
    let doc = diagram_fixture::wide(3);
    let bytes = doc.render(Format::Xlsx).unwrap();
    let names = office::sheet_names(&bytes);
    assert_eq!(names.len(), 1 + SHEETS.len());
    let summary = office::sheet(&bytes, &names[0]);
    assert!(summary.iter().flatten().any(|c| c == NO_DRAWING));
    assert!(summary.iter().flatten().any(|c| c == "CD-2026-0003"));
    for (t, name) in doc.tables().iter().zip(SHEETS) {
        let rows = office::sheet(&bytes, name);
        assert_eq!(
            rows[0],
            t.columns.iter().map(|c| c.to_string()).collect::<Vec<_>>()
        );
        assert_eq!(rows[1..].to_vec(), t.rows, "{name}");
    }
    // The tables are complete: a row per component, flow, party and link.
    let [c, f, n, l] = doc.tables();
    assert_eq!(c.rows.len(), doc.components.len());
    assert_eq!(f.rows.len(), doc.flows.len());
    assert_eq!(n.rows.len(), doc.nodes.len());
    assert_eq!(l.rows.len(), doc.links.len());
}

#[test]
fn entries_are_keyed_stably_and_a_change_shows_on_its_entry() {
    let a = diagram_fixture::diagram(true);
    let mut b = a.clone();
    b.links[2].contract_holder = Some("株式会社アンゼン医療システムズ".into());
    let (ea, eb) = (a.entries(), b.entries());
    assert_eq!(
        ea.iter().map(|e| &e.key).collect::<Vec<_>>(),
        eb.iter().map(|e| &e.key).collect::<Vec<_>>()
    );
    let changed: Vec<&str> = ea
        .iter()
        .zip(&eb)
        .filter(|(x, y)| x.content != y.content)
        .map(|(x, _)| x.key.as_str())
        .collect();
    assert_eq!(changed, vec![format!("link:{}", a.links[2].key)]);
    let keys: std::collections::HashSet<_> = ea.iter().map(|e| &e.key).collect();
    assert_eq!(keys.len(), ea.len(), "keys are unique");
}

#[test]
fn the_tables_number_flows_and_resolve_components_by_key() {
    let mut doc = diagram_fixture::diagram(false);
    doc.flows[0].components.push("gone".into());
    let [_, flows, _, links] = doc.tables();
    assert_eq!(flows.rows[0][0], "F1");
    let path = flows.rows[0].last().unwrap();
    assert!(
        path.starts_with("C1 診察室の電子カルテ端末 → C2 閉域網"),
        "{path}"
    );
    assert!(path.ends_with("（不明な構成要素 gone）"), "{path}");
    assert_eq!(
        links.rows[0][1],
        "N1 クラウド型電子カルテ「カルテクラウド」（株式会社アンゼン医療システムズ）"
    );
}
