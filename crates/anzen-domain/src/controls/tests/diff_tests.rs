//! Tests of the version diff (appendix2.md §7.3 rule 7).

use super::*;

fn catalogue(rows: Vec<Vec<String>>, version: &str) -> ControlCatalogue {
    let mut m = meta(true);
    m.version = version.into();
    parse_appendix2_table(&CellTable::from_rows(rows), m)
        .unwrap_or_else(|e| panic!("{e}"))
        .0
}

#[test]
fn the_same_catalogue_has_no_difference() {
    let a = catalogue(base(), "v1");
    let d = diff_catalogues(&a, &a);
    assert!(d.is_empty());
    assert_eq!(d.unchanged, 4);
    assert!(d.moved_candidates.is_empty());
    assert!(d.keys_to_review().is_empty());
}

#[test]
fn a_rewrapped_text_is_not_a_change() {
    // appendix2.md §7.3 rule 10 keeps text as imported; re-wrapping a cell is not a new text.
    let mut rows = base();
    rows[5][4] = "規程を定期的に見直すことが望ましい。見直しの\n記録を残す。".into();
    let d = diff_catalogues(&catalogue(base(), "v1"), &catalogue(rows, "v2"));
    assert!(d.is_empty(), "{d:?}");
}

/// Each case: an edit of the new version and the expected (added, removed, changed) keys.
struct Case {
    name: &'static str,
    section: &'static str,
    edit: fn(&mut Vec<Vec<String>>),
    added: &'static [&'static str],
    removed: &'static [&'static str],
    changed: &'static [(&'static str, &'static [ItemChange])],
}

const CASES: &[Case] = &[
    Case {
        name: "an item's text changed",
        section: "appendix2.md §7.3 rule 7 (text changed → review)",
        edit: |t| t[3][4] = "アクセス管理規程を作成し、年1回見直すこと。".into(),
        added: &[],
        removed: &[],
        changed: &[("1.1/①-1", &[ItemChange::Content])],
    },
    Case {
        name: "an MHLW reference changed",
        section: "appendix2.md §7.3 rules 7 and 8 (a new MHLW mapping changes the item); FAQ 5.4-R2",
        edit: |t| t[4][8] = "13. ネットワーク".into(),
        added: &[],
        removed: &[],
        changed: &[("1.1/①-1", &[ItemChange::MhlwRefs])],
    },
    Case {
        name: "the ◎ mark changed",
        section: "appendix2.md §7.2 区分",
        edit: |t| t[7][5] = "◎".into(),
        added: &[],
        removed: &[],
        changed: &[("2.1/①-1", &[ItemChange::KubunMark])],
    },
    Case {
        name: "an item added and one removed",
        section: "appendix2.md §7.3 rule 7",
        edit: |t| {
            t[6][3] = "①-3".into();
            t[6][4] = "まったく別の新しい対策項目の本文。".into();
        },
        added: &["1.9/①-3"],
        removed: &["1.9/①-2"],
        changed: &[],
    },
];

#[test]
fn differences_are_matched_on_key() {
    let old = catalogue(base(), "v1");
    for case in CASES {
        let mut rows = base();
        (case.edit)(&mut rows);
        let d = diff_catalogues(&old, &catalogue(rows, "v2"));
        let what = format!("{} ({})", case.name, case.section);
        assert_eq!(d.added, case.added, "{what}");
        assert_eq!(d.removed, case.removed, "{what}");
        let changed: Vec<(&str, &[ItemChange])> = d
            .changed
            .iter()
            .map(|c| (c.key.as_str(), c.changes.as_slice()))
            .collect();
        assert_eq!(changed, case.changed, "{what}");
        assert_eq!(
            (d.from_version.as_str(), d.to_version.as_str()),
            ("v1", "v2")
        );
    }
}

#[test]
fn a_renumbered_item_is_proposed_as_moved_not_moved() {
    // appendix2.md §7.3 rule 7: match on key first, then propose moves by similarity; a
    // person confirms every proposal, so the diff still lists the item as removed and added.
    let mut rows = base();
    rows[6][3] = "①-5".into();
    rows[6][4] = "再委託先にも同等の個人情報保護方針を遵守させること。".into();
    let d = diff_catalogues(&catalogue(base(), "v1"), &catalogue(rows, "v2"));
    assert_eq!(d.removed, ["1.9/①-2"]);
    assert_eq!(d.added, ["1.9/①-5"]);
    assert_eq!(d.moved_candidates.len(), 1);
    let m = &d.moved_candidates[0];
    assert_eq!((m.from.as_str(), m.to.as_str()), ("1.9/①-2", "1.9/①-5"));
    assert!(m.similarity_permille >= MOVE_THRESHOLD_PERMILLE);
    assert!(d.keys_to_review().contains("1.9/①-2"));
}

#[test]
fn dissimilar_items_are_not_proposed() {
    let mut rows = base();
    rows[6][3] = "①-3".into();
    rows[6][4] = "まったく別の新しい対策項目の本文。".into();
    let d = diff_catalogues(&catalogue(base(), "v1"), &catalogue(rows, "v2"));
    assert!(d.moved_candidates.is_empty(), "{:?}", d.moved_candidates);
}

#[test]
fn statements_on_changed_or_removed_items_are_to_be_reviewed() {
    // appendix2.md §7.3 rule 7: carried-over assessments are "to be reviewed" when the text or
    // the MHLW reference changed.
    let mut rows = base();
    rows[3][4] = "改訂された本文".into();
    let d = diff_catalogues(&catalogue(base(), "v1"), &catalogue(rows, "v2"));
    let offering = crate::ids::OfferingId::from_uuid(uuid::Uuid::from_u128(1));
    let stmt = |version: &str, key: &str| {
        Statement::new(
            offering,
            StatementSubject::Appendix2 {
                catalogue_version: version.into(),
                key: key.into(),
            },
            Applicability::Adopted {
                how: "h".into(),
                evidence: "e".into(),
            },
            &[],
        )
        .unwrap()
    };
    let statements = [
        stmt("v1", "1.1/①-1"),
        stmt("v1", "1.1/①-2"),
        stmt("v0", "1.1/①-1"),
    ];
    let review = statements_to_review(&d, &statements);
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].subject().key(), "1.1/①-1");
}
