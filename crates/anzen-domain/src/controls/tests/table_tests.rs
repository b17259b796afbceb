//! Table tests of the Appendix 2 row parser against appendix2.md §2, §7.2 and §7.3.
//!
//! Row numbers are those of [`base`]: 1 title, 2 groups, 3 columns, 4 `1.1/①-1`, 5 its
//! second MHLW reference, 6 `1.1/①-2`, 7 `1.9/①-2`, 8 `2.1/①-1`. Columns: A 大項目,
//! B 中項目, C 小項目, D No., E 内容, F 区分, G リスクシナリオ例, H 編, I 項番, J 区分, K 内容.

use super::*;

type Edit = fn(&mut Vec<Vec<String>>);

/// A table that must be refused, and the error that must be among those reported.
struct Refused {
    name: &'static str,
    section: &'static str,
    edit: Edit,
    row: Option<u32>,
    column: Option<&'static str>,
    contains: &'static str,
}

fn set(rows: &mut [Vec<String>], row: usize, col: usize, value: &str) {
    let cells = &mut rows[row - 1];
    if cells.len() <= col {
        cells.resize(col + 1, String::new());
    }
    cells[col] = value.to_owned();
}

fn remove_column(rows: &mut [Vec<String>], col: usize) {
    for row in rows.iter_mut() {
        if row.len() > col {
            row.remove(col);
        }
    }
}

const REFUSED: &[Refused] = &[
    Refused {
        name: "a missing column is named",
        section: "appendix2.md §7.3 rule 1",
        edit: |t| remove_column(t, 6),
        row: Some(3),
        column: None,
        contains: "missing column `リスクシナリオ例`",
    },
    Refused {
        name: "a shifted group row is detected, not read shifted",
        section: "appendix2.md §7.3 rule 1 (never a silently shifted catalogue)",
        edit: |t| t[1].insert(0, String::new()),
        row: Some(3),
        column: None,
        contains: "the header rows look shifted",
    },
    Refused {
        name: "編 under the wrong group is missing from its group",
        section: "appendix2.md §2 (区分 and 内容 appear twice; matched by group)",
        edit: |t| {
            // the MHLW group starts one column late: its 編 now sits under 対策項目
            t[1][7] = String::new();
            t[1][8] = "関連する医療情報安全管理ガイドライン要求事項".into();
        },
        row: Some(3),
        column: None,
        contains: "missing column `関連する医療情報安全管理ガイドライン要求事項 › 編`",
    },
    Refused {
        name: "an ambiguous column is refused",
        section: "appendix2.md §7.3 rule 1",
        edit: |t| {
            t[1].push("関連する医療情報安全管理ガイドライン要求事項".into());
            t[2].push("項番".into());
        },
        row: Some(3),
        column: Some("L"),
        contains: "ambiguous header",
    },
    Refused {
        name: "no header at all",
        section: "appendix2.md §7.3 rule 1",
        edit: |t| {
            t.remove(2);
            t.remove(1);
        },
        row: None,
        column: None,
        contains: "no header row found",
    },
    Refused {
        name: "column headers without the group row above",
        section: "appendix2.md §7.3 rule 1 (two header rows)",
        edit: |t| {
            t.remove(1);
            t.remove(0);
        },
        row: Some(1),
        column: None,
        contains: "group header row",
    },
    Refused {
        name: "a No. whose circled prefix disagrees with its 小項目",
        section: "appendix2.md §7.2 No. (report it, do not guess)",
        edit: |t| set(t, 6, 3, "②-2"),
        row: Some(6),
        column: Some("D"),
        contains: "must equal the 小項目's number",
    },
    Refused {
        name: "a duplicate key",
        section: "appendix2.md §7.3 rule 5",
        edit: |t| set(t, 6, 3, "①-1"),
        row: Some(6),
        column: Some("D"),
        contains: "duplicate key `1.1/①-1` (1.1-1-1): already used on row 4",
    },
    Refused {
        name: "a duplicate key written with a full-width hyphen",
        section: "appendix2.md §7.2 No. (ascii_key folds hyphen variants), §7.3 rule 5",
        edit: |t| set(t, 6, 3, "①－１"),
        row: Some(6),
        column: Some("D"),
        contains: "duplicate key",
    },
    Refused {
        name: "a No. not of the form ①-1",
        section: "appendix2.md §7.2 No.",
        edit: |t| set(t, 6, 3, "1-2"),
        row: Some(6),
        column: Some("D"),
        contains: "is not a No. of the form `①-1`",
    },
    Refused {
        name: "a 大項目 without its number",
        section: "appendix2.md §7.2 大項目 (split a leading number)",
        edit: |t| set(t, 4, 0, "人的・組織的対策"),
        row: Some(4),
        column: Some("A"),
        contains: "does not start with the number of a 大項目",
    },
    Refused {
        name: "a 中項目 outside its 大項目",
        section: "appendix2.md §2 (1.1 belongs to 1)",
        edit: |t| set(t, 8, 1, "1.2. 入退管理"),
        row: Some(8),
        column: Some("B"),
        contains: "does not belong to 大項目 2",
    },
    Refused {
        name: "a 小項目 without its circled number",
        section: "appendix2.md §7.2 小項目",
        edit: |t| set(t, 7, 2, "再委託先の管理"),
        row: Some(7),
        column: Some("C"),
        contains: "does not start with a circled number",
    },
    Refused {
        name: "an item without text",
        section: "appendix2.md §7.2 内容",
        edit: |t| set(t, 6, 4, ""),
        row: Some(6),
        column: Some("E"),
        contains: "内容 is empty",
    },
    Refused {
        name: "text without a No. (a page break inside a cell) is not glued to the item above",
        section: "appendix2.md §7.3 rule 2 (only MHLW cells continue an item)",
        edit: |t| set(t, 5, 4, "（前頁から続く）"),
        row: Some(5),
        column: Some("E"),
        contains: "No. is blank",
    },
    Refused {
        name: "a first item with no 大項目 above",
        section: "appendix2.md §7.2 (fill down needs a value above)",
        edit: |t| set(t, 4, 0, ""),
        row: Some(4),
        column: Some("A"),
        contains: "has no 大項目",
    },
    Refused {
        name: "a new 中項目 whose 小項目 is blank is not filled from the previous 中項目",
        section: "appendix2.md §2 (the circled number restarts in every 中項目)",
        edit: |t| set(t, 7, 2, ""),
        row: Some(7),
        column: Some("C"),
        contains: "has no 小項目",
    },
    Refused {
        name: "an MHLW reference on a row without any control item",
        section: "appendix2.md §7.3 rule 2",
        edit: |t| {
            t.insert(
                6,
                r(&[
                    "",
                    "",
                    "②規程の周知",
                    "",
                    "",
                    "",
                    "",
                    "企画管理編",
                    "4.",
                    "",
                    "本文",
                ]),
            );
        },
        row: Some(7),
        column: Some("D"),
        contains: "no control item",
    },
    Refused {
        name: "a header without any item below",
        section: "appendix2.md §7.3 (nothing to import)",
        edit: |t| t.truncate(3),
        row: Some(3),
        column: None,
        contains: "no control items below the header",
    },
    Refused {
        name: "an empty table",
        section: "appendix2.md §7.3 (nothing to import)",
        edit: |t| t.clear(),
        row: None,
        column: None,
        contains: "the table is empty",
    },
    Refused {
        name: "an oversized cell",
        section: "input bounds",
        edit: |t| set(t, 6, 4, &"あ".repeat(MAX_CELL_CHARS + 1)),
        row: Some(6),
        column: Some("E"),
        contains: "more than",
    },
];

#[test]
fn invalid_tables_are_refused_with_their_row_and_column() {
    for case in REFUSED {
        let mut rows = base();
        (case.edit)(&mut rows);
        let errors = match parse(rows) {
            Ok((c, _)) => panic!(
                "{} ({}): accepted with keys {:?}",
                case.name,
                case.section,
                keys(&c)
            ),
            Err(e) => e,
        };
        let hit = errors
            .errors
            .iter()
            .find(|e| e.message.contains(case.contains));
        let Some(hit) = hit else {
            panic!(
                "{} ({}): no error containing `{}` in\n{errors}",
                case.name, case.section, case.contains
            );
        };
        assert_eq!(hit.row, case.row, "{} ({}): {hit}", case.name, case.section);
        assert_eq!(
            hit.column.as_deref(),
            case.column,
            "{} ({}): {hit}",
            case.name,
            case.section
        );
    }
}

#[test]
fn every_error_is_reported_not_only_the_first() {
    // appendix2.md §7.3: the person fixing the file sees every bad row at once.
    let mut rows = base();
    set(&mut rows, 6, 3, "②-2");
    set(&mut rows, 8, 3, "x");
    let errors = parse(rows).unwrap_err();
    let rows: Vec<Option<u32>> = errors.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, [Some(6), Some(8)], "{errors}");
}

#[test]
fn bad_catalogue_data_is_refused() {
    let mut m = meta(true);
    m.source_sha256 = Some("XYZ".into());
    let e = parse_appendix2_table(&CellTable::from_rows(base()), m).unwrap_err();
    assert!(e.errors[0].message.contains("source_sha256"), "{e}");
}

/// A table that must be accepted, and what must hold of the result.
struct Accepted {
    name: &'static str,
    section: &'static str,
    edit: Edit,
    check: fn(&ControlCatalogue, &ImportReport),
}

fn item<'a>(c: &'a ControlCatalogue, key: &str) -> &'a ControlItem {
    c.item(key)
        .unwrap_or_else(|| panic!("no item `{key}` in {:?}", keys(c)))
}

const ACCEPTED: &[Accepted] = &[
    Accepted {
        name: "keys are 中項目/No., categories fill down",
        section: "appendix2.md §5 (ID convention), §7.2 (fill down)",
        edit: |_| {},
        check: |c, rep| {
            assert_eq!(keys(c), ["1.1/①-1", "1.1/①-2", "1.9/①-2", "2.1/①-1"]);
            let i = item(c, "1.1/①-2");
            assert_eq!(i.ascii_key, "1.1-1-2");
            assert_eq!((i.major_no.as_str(), i.middle_no.as_str()), ("1", "1.1"));
            assert_eq!(i.major_title.as_deref(), Some("人的・組織的対策"));
            assert_eq!(i.middle_title.as_deref(), Some("規程・手順の策定"));
            assert_eq!(
                (i.minor_symbol.as_str(), i.minor_index, i.seq),
                ("①", 1, Some(2))
            );
            assert_eq!(i.minor_title.as_deref(), Some("アクセス管理規程の策定"));
            assert_eq!(item(c, "1.9/①-2").major_no, "1");
            assert_eq!(i.source_row, Some(6));
            assert!(rep.warnings.is_empty(), "{:?}", rep.warnings);
        },
    },
    Accepted {
        name: "a row with only MHLW cells is one more reference of the item above",
        section: "appendix2.md §7.3 rule 2; §7.2 項番 (circled sub-number kept: 12④)",
        edit: |_| {},
        check: |c, rep| {
            let refs = &item(c, "1.1/①-1").mhlw_refs;
            assert_eq!(refs.len(), 2);
            assert_eq!(refs[0].volume.as_deref(), Some("企画管理編"));
            assert_eq!(refs[0].section.as_deref(), Some("4"));
            assert_eq!(
                refs[0].section_title.as_deref(),
                Some("医療情報システムの安全管理において必要な規程・文書類")
            );
            assert_eq!(refs[0].kind.as_deref(), Some("遵守事項"));
            assert_eq!(refs[1].section.as_deref(), Some("12④"));
            assert_eq!(refs[1].source_row, Some(5));
            assert_eq!(rep.references, 5);
        },
    },
    Accepted {
        name: "`—` or blank cells on the item's row mean no related MHLW requirement",
        section: "appendix2.md §2 row 11, §7.2 内容 (MHLW: `—`, `-` or blank → none_marker)",
        edit: |_| {},
        check: |c, rep| {
            for key in ["1.1/①-2", "1.9/①-2"] {
                let refs = &item(c, key).mhlw_refs;
                assert_eq!(refs.len(), 1, "{key}");
                assert!(refs[0].none_marker && refs[0].text.is_none(), "{key}");
            }
            assert_eq!(rep.without_mhlw_reference, ["1.1/①-2", "1.9/①-2"]);
        },
    },
    Accepted {
        name: "◎ is kept raw and counted",
        section: "appendix2.md §7.2 区分, §7.3 rule 5",
        edit: |_| {},
        check: |c, rep| {
            assert_eq!(item(c, "1.1/①-2").kubun_mark, "◎");
            assert_eq!(item(c, "1.1/①-1").kubun_mark, "");
            assert_eq!(rep.marked, 2);
        },
    },
    Accepted {
        name: "another 区分 value is a warning and kept as written",
        section: "appendix2.md §7.2 区分 (any other value is a warning, not an error)",
        edit: |t| set(t, 4, 5, "○"),
        check: |c, rep| {
            assert_eq!(item(c, "1.1/①-1").kubun_mark, "○");
            assert!(rep.warnings.iter().any(|w| w.row == Some(4)
                && w.column.as_deref() == Some("F")
                && w.message.contains("neither ◎ nor blank")));
        },
    },
    Accepted {
        name: "望ましい marks an item desirable; line breaks are kept",
        section: "appendix2.md §7.2 内容",
        edit: |_| {},
        check: |c, _| {
            let i = item(c, "1.1/①-2");
            assert!(i.desirable);
            assert!(!item(c, "1.1/①-1").desirable);
            assert_eq!(
                i.content,
                "規程を定期的に見直すことが望ましい。\n見直しの記録を残す。"
            );
        },
    },
    Accepted {
        name: "the risk scenario is read",
        section: "appendix2.md §2 row 7",
        edit: |_| {},
        check: |c, _| {
            assert_eq!(
                item(c, "1.1/①-1").risk_scenario.as_deref(),
                Some("第三者や内部者による不正アクセス")
            );
            assert_eq!(item(c, "1.1/①-2").risk_scenario, None);
        },
    },
    Accepted {
        name: "repeated page headers are dropped and reported",
        section: "appendix2.md §7.3 rule 4",
        edit: |t| {
            let [g, h] = appendix2_header_rows();
            t.insert(6, h);
            t.insert(6, g);
        },
        check: |c, rep| {
            assert_eq!(c.items.len(), 4);
            let dropped: Vec<(u32, DropReason)> =
                rep.dropped_rows.iter().map(|d| (d.row, d.reason)).collect();
            assert_eq!(
                dropped,
                [
                    (1, DropReason::BeforeHeader),
                    (7, DropReason::RepeatedHeader),
                    (8, DropReason::RepeatedHeader)
                ]
            );
        },
    },
    Accepted {
        name: "page numbers and the repeated title are dropped and reported",
        section: "appendix2.md §7.3 rule 4",
        edit: |t| {
            let title = t[0].clone();
            t.insert(6, title);
            t.insert(6, r(&["", "", "", "", "- 3 -"]));
        },
        check: |c, rep| {
            assert_eq!(c.items.len(), 4);
            let footers: Vec<u32> = rep
                .dropped_rows
                .iter()
                .filter(|d| d.reason == DropReason::PageFooter)
                .map(|d| d.row)
                .collect();
            assert_eq!(footers, [7, 8]);
            assert_eq!(rep.dropped_rows[1].text, "- 3 -");
        },
    },
    Accepted {
        name: "one row per item × reference with the item cells repeated (CSV template)",
        section: "appendix2.md §7.3 rules 2 and 9",
        edit: |t| {
            for col in 0..7 {
                let v = t[3][col].clone();
                set(t, 5, col, &v);
            }
        },
        check: |c, _| {
            assert_eq!(c.items.len(), 4);
            assert_eq!(item(c, "1.1/①-1").mhlw_refs.len(), 2);
        },
    },
    Accepted {
        name: "blank reference cells on the item's row give way to a reference on the next row",
        section: "appendix2.md §7.3 rule 2",
        edit: |t| {
            let reference: Vec<String> = t[3][7..11].to_vec();
            for (i, v) in reference.into_iter().enumerate() {
                set(t, 4, 7 + i, "");
                set(t, 5, 7 + i, &v);
            }
            // row 5 now holds the item's first reference; row 4 none
            let second: Vec<String> = ["システム運用編", "12.", "", "本文"]
                .map(String::from)
                .to_vec();
            t.insert(5, {
                let mut row = vec![String::new(); 7];
                row.extend(second);
                row
            });
        },
        check: |c, rep| {
            let refs = &item(c, "1.1/①-1").mhlw_refs;
            let sections: Vec<Option<&str>> = refs.iter().map(|r| r.section.as_deref()).collect();
            assert_eq!(sections, [Some("4"), Some("12")]);
            assert!(refs.iter().all(|r| !r.none_marker));
            assert!(rep.warnings.is_empty(), "{:?}", rep.warnings);
        },
    },
    Accepted {
        name: "the same reference cells again (a merged range over two rows) are kept once",
        section: "appendix2.md §7.3 rules 2 and 3",
        edit: |t| {
            for col in 7..11 {
                let v = t[3][col].clone();
                set(t, 5, col, &v);
            }
        },
        check: |c, _| assert_eq!(item(c, "1.1/①-1").mhlw_refs.len(), 1),
    },
    Accepted {
        name: "ditto marks fill down like blanks",
        section: "appendix2.md §7.2 (fill down)",
        edit: |t| {
            set(t, 6, 0, "〃");
            set(t, 6, 1, "〃");
        },
        check: |c, _| assert_eq!(item(c, "1.1/①-2").middle_no, "1.1"),
    },
    Accepted {
        name: "volume aliases are normalised; an unknown volume is a warning",
        section: "appendix2.md §7.2 編",
        edit: |t| set(t, 5, 7, "別冊"),
        check: |c, rep| {
            assert_eq!(
                item(c, "2.1/①-1").mhlw_refs[0].volume.as_deref(),
                Some("企画管理編")
            );
            assert_eq!(
                item(c, "1.1/①-1").mhlw_refs[1].volume.as_deref(),
                Some("別冊")
            );
            assert!(
                rep.warnings
                    .iter()
                    .any(|w| w.row == Some(5) && w.column.as_deref() == Some("H"))
            );
        },
    },
    Accepted {
        name: "several section numbers in one 項番 cell are flagged, not split by guess",
        section: "appendix2.md §7.3 rule 2 (a cell with several requirements may need splitting)",
        edit: |t| set(t, 8, 8, "15.\n16."),
        check: |c, rep| {
            assert_eq!(item(c, "2.1/①-1").mhlw_refs.len(), 1);
            assert!(
                rep.warnings
                    .iter()
                    .any(|w| w.message.contains("several section numbers"))
            );
        },
    },
    Accepted {
        name: "a blank category outside a merged range is a warning when merge information exists",
        section: "appendix2.md §7.3 rule 3",
        edit: |_| {},
        check: |_, _| {
            let table = CellTable {
                rows: base(),
                merge_info: true,
            };
            let (_, rep) = parse_appendix2_table(&table, meta(true)).unwrap();
            let w: Vec<&str> = rep.warnings.iter().map(|w| w.message.as_str()).collect();
            assert!(
                w.iter().any(|m| m
                    .contains("大項目 is blank outside any merged range on 3 row(s) (5, 6, 7)")),
                "{w:?}"
            );
        },
    },
    Accepted {
        name: "numbering gaps are reported at each level",
        section: "appendix2.md §7.3 rule 5",
        edit: |t| set(t, 6, 3, "①-3"),
        check: |_, rep| {
            let gaps: Vec<(&str, Vec<&str>)> = rep
                .numbering_gaps
                .iter()
                .map(|g| {
                    (
                        g.within.as_str(),
                        g.missing.iter().map(String::as_str).collect(),
                    )
                })
                .collect();
            assert!(gaps.contains(&("1.1/①", vec!["①-2"])), "{gaps:?}");
            assert!(gaps.contains(&("1.9/①", vec!["①-1"])), "{gaps:?}");
            assert!(
                gaps.contains(&("1", vec!["1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8"])),
                "{gaps:?}"
            );
        },
    },
    Accepted {
        name: "counts per 大項目 and 中項目, and the claimed total of a complete catalogue",
        section: "appendix2.md §7.3 rule 5, §4",
        edit: |_| {},
        check: |_, rep| {
            let majors: Vec<(&str, usize, usize)> = rep
                .per_major
                .iter()
                .map(|c| (c.number.as_str(), c.items, c.marked))
                .collect();
            assert_eq!(majors, [("1", 3, 2), ("2", 1, 0)]);
            let middles: Vec<(&str, usize)> = rep
                .per_middle
                .iter()
                .map(|c| (c.number.as_str(), c.items))
                .collect();
            assert_eq!(middles, [("1.1", 2), ("1.9", 1), ("2.1", 1)]);
            assert_eq!(rep.items, 4);
            assert_eq!(rep.expected_total, Some(CLAIMED_TOTAL));
        },
    },
    Accepted {
        name: "a 小項目 heading row without items is a category, not an error",
        section: "appendix2.md §5 (?p8/③: heading only)",
        edit: |t| t.insert(6, r(&["", "", "②規程の周知"])),
        check: |c, _| {
            assert!(c.categories.iter().any(|k| k.level == CategoryLevel::Minor
                && k.number == "②"
                && k.parent.as_deref() == Some("1.1")));
            assert_eq!(c.items.len(), 4);
        },
    },
    Accepted {
        name: "columns are found by header text, not by position; unknown columns are ignored",
        section: "appendix2.md §7.3 rule 1",
        edit: |t| {
            for row in t.iter_mut() {
                row.resize(11, String::new());
                row.swap(7, 8);
                row.insert(0, String::new());
            }
            t[2][0] = "備考".into();
        },
        check: |c, rep| {
            assert_eq!(
                item(c, "1.1/①-1").mhlw_refs[0].section.as_deref(),
                Some("4")
            );
            assert!(rep.warnings.iter().any(|w| w.column.as_deref() == Some("A")
                && w.message.contains("not a column of Appendix 2")));
        },
    },
    Accepted {
        name: "a No. without a sequence number",
        section: "appendix2.md §5 (2.3/②)",
        edit: |t| set(t, 8, 3, "①"),
        check: |c, _| {
            let i = item(c, "2.1/①");
            assert_eq!((i.seq, i.ascii_key.as_str()), (None, "2.1-1"));
        },
    },
    Accepted {
        name: "full-width digits and hyphens: the key keeps the original, ascii_key folds",
        section: "appendix2.md §7.2 No.",
        edit: |t| set(t, 6, 3, "①－３"),
        check: |c, _| {
            let i = item(c, "1.1/①－３");
            assert_eq!(i.ascii_key, "1.1-1-3");
        },
    },
    Accepted {
        name: "full-width category numbers are read",
        section: "appendix2.md §7.2 (normalise full-width digits)",
        edit: |t| set(t, 7, 1, "１．９． 再委託を行う場合の再委託先の管理"),
        check: |c, _| {
            let i = item(c, "1.9/①-2");
            assert_eq!(
                i.middle_title.as_deref(),
                Some("再委託を行う場合の再委託先の管理")
            );
        },
    },
];

#[test]
fn valid_tables_are_read_by_every_rule() {
    for case in ACCEPTED {
        let mut rows = base();
        (case.edit)(&mut rows);
        match parse(rows) {
            Ok((c, rep)) => (case.check)(&c, &rep),
            Err(e) => panic!("{} ({}): refused:\n{e}", case.name, case.section),
        }
    }
}

#[test]
fn an_incomplete_catalogue_shows_no_expected_total() {
    // appendix2.md §7.3 rule 5: the total is shown only when the import claims to be complete.
    let (_, rep) = parse_appendix2_table(&CellTable::from_rows(base()), meta(false)).unwrap();
    assert_eq!(rep.expected_total, None);
}

#[test]
fn the_catalogue_carries_its_metadata() {
    // appendix2.md §7.1, §7.3 rules 6 and 8.
    let (c, _) = parse(base()).unwrap();
    assert_eq!(c.meta.id, APPENDIX2_ID);
    assert_eq!(c.meta.mhlw_gl_version, "6.0");
    assert_eq!(c.meta.provider_gl_version, "1.1");
    assert_eq!(
        c.meta.source_sha256.as_deref(),
        Some("a".repeat(64).as_str())
    );
    assert_eq!(c.meta.version, "v1.1 (aaaaaaaaaaaa)");
    assert_eq!(c.text_origin, TextOrigin::Official);
    assert_eq!(c.kubun_legend, None);
}
