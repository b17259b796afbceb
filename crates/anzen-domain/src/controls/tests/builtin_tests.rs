//! Tests of the TOML control catalogue and of the shipped partial Appendix 2
//! (appendix2.md §5, §6).

use super::*;
use crate::catalog::Confidence;

const SHIPPED: &str = include_str!("../../../../../catalogs/appendix2-partial.toml");

fn shipped() -> ControlCatalogue {
    parse_control_catalogue("appendix2-partial.toml", SHIPPED).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_shipped_partial_catalogue_is_marked_partial() {
    // appendix2.md §6: never shipped as the product's catalogue; complete = false says so.
    let c = shipped();
    assert_eq!(c.meta.id, APPENDIX2_ID);
    assert!(!c.meta.complete);
    assert_eq!(c.expected_total(), None);
    assert!(c.completeness_note.as_deref().unwrap().contains("~416"));
    assert_eq!(c.text_origin, TextOrigin::Paraphrase);
    assert_eq!(
        (
            c.meta.provider_gl_version.as_str(),
            c.meta.mhlw_gl_version.as_str()
        ),
        ("1.1", "6.0")
    );
    assert_eq!(c.kubun_legend, None);
}

#[test]
fn the_shipped_catalogue_has_the_22_rows_with_a_real_id() {
    // appendix2.md §5: placeholders `?pN/…` are not real IDs and are never keys.
    let c = shipped();
    assert_eq!(c.items.len(), 22);
    assert!(c.items.iter().all(|i| !i.key.contains('?')));
    assert_eq!(c.items[0].key, "1.1/①-1");
    assert_eq!(c.items[0].ascii_key, "1.1-1-1");
    assert_eq!(
        c.items[0].minor_title.as_deref(),
        Some("アクセス管理規程の策定")
    );
    assert_eq!(c.items.iter().filter(|i| i.kubun_mark == "◎").count(), 10);
    assert!(
        c.items
            .iter()
            .all(|i| i.confidence.is_some() && i.source_ref.is_some())
    );
    let partly = c
        .items
        .iter()
        .filter(|i| i.confidence == Some(Confidence::PartlySeen))
        .count();
    assert_eq!(partly, 7);
    // 1.10/①-2 maps to `—`.
    let i = c.item("1.10/①-2").unwrap();
    assert!(i.mhlw_refs[0].none_marker && !i.has_mhlw_reference());
    let i = c.item("3.19/①-1").unwrap();
    assert_eq!(i.mhlw_refs[0].section.as_deref(), Some("12④"));
    assert_eq!(c.item("2.3/②").unwrap().seq, None);
}

#[test]
fn inferred_category_titles_are_provisional() {
    // README: titles not from the source carry a provisional mark, never an invented title.
    let c = shipped();
    let majors: Vec<(&str, bool)> = c
        .categories
        .iter()
        .filter(|k| k.level == CategoryLevel::Major)
        .map(|k| (k.number.as_str(), k.title_provisional))
        .collect();
    assert_eq!(majors, [("1", false), ("2", true), ("3", true)]);
}

#[test]
fn the_report_of_the_shipped_catalogue_shows_its_gaps() {
    // appendix2.md §7.3 rule 5 applied to the built-in list: most of the appendix is missing.
    let c = shipped();
    let rep = table::build_report(&c, 0, vec![], vec![]);
    assert_eq!(rep.items, 22);
    assert!(
        rep.numbering_gaps
            .iter()
            .any(|g| g.within == "1" && g.missing.contains(&"1.2".to_owned()))
    );
    assert!(rep.without_mhlw_reference.contains(&"1.9/①-2".to_owned()));
}

fn doc(items: &str) -> String {
    format!(
        "id = \"appendix2\"\nversion = \"t\"\nsource_title = \"別紙2\"\nprovider_gl_version = \"1.1\"\n\
         mhlw_gl_version = \"6.0\"\ncomplete = false\ncompleteness_note = \"partial\"\n\
         text_origin = \"paraphrase\"\n\
         [[categories]]\nlevel = \"major\"\nnumber = \"1\"\ntitle = \"人的・組織的対策\"\nconfidence = \"confirmed\"\n\
         [[categories]]\nlevel = \"middle\"\nnumber = \"1.1\"\nconfidence = \"confirmed\"\n{items}"
    )
}

const ITEM: &str =
    "[[items]]\nkey = \"1.1/①-1\"\ncontent = \"c\"\nconfidence = \"confirmed\"\nsource = \"p.2\"\n";

#[test]
fn a_minimal_catalogue_parses() {
    let c = parse_control_catalogue("t.toml", &doc(ITEM)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.items[0].middle_title, None);
    assert_eq!(c.items[0].major_title.as_deref(), Some("人的・組織的対策"));
}

#[test]
fn bad_catalogue_files_are_refused_naming_the_field() {
    let cases: &[(&str, String, Option<&str>, &str)] = &[
        (
            "a placeholder is not a key (appendix2.md §5)",
            doc(&ITEM.replace("1.1/①-1", "?p3/③-8")),
            Some("?p3/③-8"),
            "items[0].key",
        ),
        (
            "an undeclared 中項目",
            doc(&ITEM.replace("1.1/①-1", "1.9/①-1")),
            Some("1.9/①-1"),
            "items[0].key",
        ),
        (
            "a duplicate key (appendix2.md §7.3 rule 5)",
            doc(&format!("{ITEM}{}", ITEM.replace("①-1", "①－1"))),
            Some("1.1/①－1"),
            "items[1].key",
        ),
        (
            "区分 other than ◎ in our own file",
            doc(&format!("{ITEM}kubun_mark = \"○\"\n")),
            Some("1.1/①-1"),
            "items[0].kubun_mark",
        ),
        (
            "an unknown MHLW volume (guideline-notes §6.1)",
            doc(&format!("{ITEM}mhlw_refs = [{{ volume = \"別冊\" }}]\n")),
            Some("1.1/①-1"),
            "items[0].mhlw_refs[0].volume",
        ),
        (
            "a `—` reference with other fields",
            doc(&format!(
                "{ITEM}mhlw_refs = [{{ none_marker = true, section = \"4\" }}]\n"
            )),
            Some("1.1/①-1"),
            "items[0].mhlw_refs[0].none_marker",
        ),
        (
            "an empty reference",
            doc(&format!("{ITEM}mhlw_refs = [{{ kind = \"遵守事項\" }}]\n")),
            Some("1.1/①-1"),
            "items[0].mhlw_refs[0]",
        ),
        (
            "a bad confidence label (guideline-notes §0.1)",
            doc(&ITEM.replace("confirmed", "sure")),
            Some("1.1/①-1"),
            "items[0].confidence",
        ),
        (
            "an unknown field",
            doc(&format!("{ITEM}colour = \"red\"\n")),
            None,
            "items[0]",
        ),
        (
            "partial without saying so (appendix2.md §6)",
            doc(ITEM).replace("completeness_note = \"partial\"\n", ""),
            None,
            "completeness_note",
        ),
        ("no items", doc(""), None, "items"),
        (
            "a 小項目 whose 中項目 is not declared",
            doc(&format!(
                "[[categories]]\nlevel = \"minor\"\nnumber = \"1.2/①\"\nconfidence = \"confirmed\"\n{ITEM}"
            )),
            Some("1.2/①"),
            "categories[2].number",
        ),
    ];
    for (name, text, key, field) in cases {
        let e = parse_control_catalogue("t.toml", text).expect_err(name);
        assert_eq!(e.item_key.as_deref(), *key, "{name}: {e}");
        assert!(e.error.field.starts_with(field), "{name}: {e}");
    }
}
