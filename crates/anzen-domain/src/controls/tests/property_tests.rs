//! Property tests of the Appendix 2 row parser: it never panics, whatever the cells; and a
//! valid table, however it is laid out (blank or repeated category cells, ditto marks,
//! continuation rows, repeated page headers and footers, full-width numbers), always gives
//! back exactly its keys and references.

use proptest::prelude::*;
use proptest::sample::select;

use super::*;
use crate::controls::numbering::circled;

/// Cells that matter to the parser, mixed with arbitrary text.
fn arb_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        select(vec![
            "大項目",
            "中項目",
            "小項目",
            "No.",
            "内容",
            "区分",
            "リスクシナリオ例",
            "編",
            "項番",
            "対策項目",
            "関連する医療情報安全管理ガイドライン要求事項",
            "①-1",
            "①－１",
            "②-3",
            "①",
            "1. 人的",
            "1.1. 規程",
            "2.1.",
            "①規程",
            "②",
            "◎",
            "—",
            "-",
            "〃",
            "企画管理編",
            "12. 物理 ④",
            "【遵守事項】",
            "- 3 -",
            "別紙2",
            "望ましい",
            "(1)",
            "㉑-1",
            "1.10",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
        "[①-⑳㉑-㉟0-9０-９.．\\-－ー]{0,6}",
    ]
}

fn arb_table() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(arb_cell(), 0..14), 0..30)
}

proptest! {
    #[test]
    fn arbitrary_tables_never_panic(rows in arb_table(), merge_info in any::<bool>()) {
        let table = CellTable { rows, merge_info };
        match parse_appendix2_table(&table, meta(true)) {
            Ok((c, rep)) => {
                let mut keys: Vec<&str> = c.items.iter().map(|i| i.ascii_key.as_str()).collect();
                let n = keys.len();
                keys.sort_unstable();
                keys.dedup();
                prop_assert_eq!(keys.len(), n, "ascii keys are unique");
                prop_assert!(c.items.iter().all(|i| !i.content.is_empty()));
                prop_assert_eq!(rep.items, n);
            }
            Err(e) => prop_assert!(!e.errors.is_empty()),
        }
    }

    #[test]
    fn edited_valid_tables_never_panic(
        edits in prop::collection::vec((0usize..12, 0usize..12, arb_cell()), 1..6),
    ) {
        let mut rows = base();
        for (row, col, value) in edits {
            let row = row % rows.len();
            if rows[row].len() <= col {
                rows[row].resize(col + 1, String::new());
            }
            rows[row][col] = value;
        }
        let _ = parse(rows);
    }
}

/// One generated item: its references (0 = none, `dash` = a `—` row), ◎, and layout choices.
#[derive(Debug, Clone)]
struct GenItem {
    refs: usize,
    dash: bool,
    marked: bool,
    full_width: bool,
    risk: bool,
    multiline: bool,
}

#[derive(Debug, Clone)]
struct Layout {
    /// Category cells below the first row of a category: 0 blank, 1 repeated, 2 ditto.
    fill: u8,
    /// Repeat the item cells on continuation rows (the CSV template) instead of leaving blanks.
    repeat_item_cells: bool,
    /// After which items a page break (footer, title, the two header rows) is inserted.
    breaks: Vec<bool>,
    blank_rows: bool,
}

fn arb_item() -> impl Strategy<Value = GenItem> {
    (
        0usize..4,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(refs, dash, marked, full_width, risk, multiline)| GenItem {
                refs,
                dash,
                marked,
                full_width,
                risk,
                multiline,
            },
        )
}

/// Majors → middles → minors → items.
type Tree = Vec<Vec<Vec<Vec<GenItem>>>>;

fn arb_tree() -> impl Strategy<Value = Tree> {
    prop::collection::vec(
        prop::collection::vec(
            prop::collection::vec(prop::collection::vec(arb_item(), 1..4), 1..4),
            1..4,
        ),
        1..4,
    )
}

fn arb_layout() -> impl Strategy<Value = Layout> {
    (
        0u8..3,
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 64),
        any::<bool>(),
    )
        .prop_map(|(fill, repeat_item_cells, breaks, blank_rows)| Layout {
            fill,
            repeat_item_cells,
            breaks,
            blank_rows,
        })
}

/// The expected key, reference count and rendered rows of a tree.
fn render(tree: &Tree, layout: &Layout) -> (Vec<(String, usize)>, Vec<Vec<String>>) {
    let [groups, columns] = appendix2_header_rows();
    let title = "（別紙2）対策項目一覧".to_owned();
    let mut rows = vec![vec![title.clone()], groups.clone(), columns.clone()];
    let mut expected = Vec::new();
    let mut counter = 0usize;
    let later = |first: bool, value: String| -> String {
        if first {
            value
        } else {
            match layout.fill {
                0 => String::new(),
                1 => value,
                _ => "〃".to_owned(),
            }
        }
    };
    for (m, middles) in tree.iter().enumerate() {
        let m = m + 1;
        let mut first_of_major = true;
        for (j, minors) in middles.iter().enumerate() {
            let j = j + 1;
            let mut first_of_middle = true;
            for (k, items) in minors.iter().enumerate() {
                let k = k as u32 + 1;
                let symbol = circled(k).unwrap();
                let mut first_of_minor = true;
                for (s, item) in items.iter().enumerate() {
                    counter += 1;
                    let no = if item.full_width {
                        format!("{symbol}－{}", fold_to_full_width(s + 1))
                    } else {
                        format!("{symbol}-{}", s + 1)
                    };
                    let content = if item.multiline {
                        format!("本文{counter}の一行目\r\n二行目")
                    } else {
                        format!("本文{counter}")
                    };
                    let risk = if item.risk {
                        format!("リスク{counter}")
                    } else {
                        String::new()
                    };
                    let item_cells = [
                        no.clone(),
                        content,
                        if item.marked {
                            "◎".to_owned()
                        } else {
                            String::new()
                        },
                        risk,
                    ];
                    let reference = |r: usize| -> [String; 4] {
                        [
                            if r.is_multiple_of(2) {
                                "企画管理編"
                            } else {
                                "システム運用"
                            }
                            .to_owned(),
                            format!("{}. 節{counter}", r + 4),
                            "【遵守事項】".to_owned(),
                            format!("要件{counter}-{r}"),
                        ]
                    };
                    let n_rows = item.refs.max(1);
                    for r in 0..n_rows {
                        let mut row = Vec::with_capacity(11);
                        let cats = [
                            later(first_of_major, format!("{m}. 大項目{m}")),
                            later(first_of_middle, format!("{m}.{j}. 中項目{m}{j}")),
                            later(first_of_minor, format!("{symbol}小項目{k}")),
                        ];
                        if r == 0 || layout.repeat_item_cells {
                            row.extend(cats);
                            row.extend(item_cells.iter().cloned());
                        } else {
                            row.extend(std::iter::repeat_n(String::new(), 7));
                        }
                        if item.refs == 0 {
                            if item.dash {
                                row.extend([
                                    String::new(),
                                    String::new(),
                                    String::new(),
                                    "—".to_owned(),
                                ]);
                            } else {
                                row.extend(std::iter::repeat_n(String::new(), 4));
                            }
                        } else {
                            row.extend(reference(r));
                        }
                        rows.push(row);
                        first_of_major = false;
                        first_of_middle = false;
                        first_of_minor = false;
                    }
                    // no reference cells, or a `—`: one none-marker reference
                    let refs = item.refs.max(1);
                    expected.push((format!("{m}.{j}/{no}"), refs));
                    if layout.blank_rows && counter.is_multiple_of(3) {
                        rows.push(vec![String::new(); 5]);
                    }
                    if layout.breaks[counter % layout.breaks.len()] {
                        rows.push(vec![String::new(), String::new(), format!("- {counter} -")]);
                        rows.push(vec![title.clone()]);
                        rows.push(groups.clone());
                        rows.push(columns.clone());
                    }
                }
            }
        }
    }
    (expected, rows)
}

fn fold_to_full_width(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
        .collect()
}

proptest! {
    #[test]
    fn valid_tables_round_trip_their_keys(tree in arb_tree(), layout in arb_layout()) {
        let (expected, rows) = render(&tree, &layout);
        let (c, rep) = match parse(rows) {
            Ok(ok) => ok,
            Err(e) => return Err(TestCaseError::fail(format!("refused: {e}"))),
        };
        let got: Vec<(String, usize)> =
            c.items.iter().map(|i| (i.key.clone(), i.mhlw_refs.len())).collect();
        prop_assert_eq!(got, expected);
        prop_assert!(c.items.iter().all(|i| !i.content.contains('\r')));
        prop_assert_eq!(rep.items, c.items.len());
        let breaks = rep
            .dropped_rows
            .iter()
            .filter(|d| d.reason == DropReason::RepeatedHeader)
            .count();
        prop_assert_eq!(breaks % 2, 0, "both header rows of each page break are dropped");
    }
}
