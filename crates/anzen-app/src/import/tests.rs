//! Tests of the Appendix 2 readers on workbooks built in code (rust_xlsxwriter) and on CSV
//! text. Each case cites the rule of appendix2.md it checks.

use anzen_domain::controls::{
    APPENDIX2_ID, ControlCatalogue, DropReason, ImportErrors, appendix2_header_rows,
};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::*;

/// A merged range: first row, first column, last row, last column (0-based).
type Merge = (u32, u16, u32, u16);

fn s(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| (*c).to_owned()).collect()
}

/// Writes `rows` to a worksheet; each merged range gets the value of its top-left cell.
fn fill(ws: &mut Worksheet, rows: &[Vec<String>], merges: &[Merge]) {
    let covered = |r: u32, c: u16| {
        merges
            .iter()
            .any(|&(r0, c0, r1, c1)| (r0..=r1).contains(&r) && (c0..=c1).contains(&c))
    };
    for &(r0, c0, r1, c1) in merges {
        let value = rows
            .get(r0 as usize)
            .and_then(|row| row.get(c0 as usize))
            .map_or("", String::as_str);
        ws.merge_range(r0, c0, r1, c1, value, &Format::new())
            .unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if !value.is_empty() && !covered(r, c) {
                ws.write_string(r, c, value).unwrap();
            }
        }
    }
}

/// A workbook with one sheet.
fn workbook(rows: &[Vec<String>], merges: &[Merge]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("別紙2").unwrap();
    fill(ws, rows, merges);
    wb.save_to_buffer().unwrap()
}

const TITLE: &str =
    "（別紙2）統合前ガイドラインにおける対策項目一覧と医療情報安全管理ガイドライン6.0版の対応表";
const ITEM: &str = "対策項目";
const MHLW: &str = "関連する医療情報安全管理ガイドライン要求事項";
const MAJOR1: &str = "1. 人的・組織的対策";

/// The official layout (appendix2.md §2, §5) with merged cells, as a spreadsheet would hold
/// it. Excel rows: 1 title (merged A:K), 2 groups (対策項目 A:F, リスクシナリオ例 G2:G3,
/// MHLW H:K), 3 columns, 4–5 `1.1/①-1` (its No., text and risk merged over both rows; row 5
/// holds its second MHLW reference), 6 `1.1/①-2` (◎, `—`), 7 a page number, 8–9 the header
/// repeated on the next page, 10 `1.9/①-2`, 11 `2.1/①-1`. 大項目 1 is merged A4:A6 and again
/// A10 on the new page; 中項目 and 小項目 B4:B6, C4:C6.
fn official() -> (Vec<Vec<String>>, Vec<Merge>) {
    let groups = s(&[ITEM, "", "", "", "", "", "リスクシナリオ例", MHLW]);
    let columns = s(&[
        "大項目",
        "中項目",
        "小項目",
        "No.",
        "内容",
        "区分",
        "",
        "編",
        "項番",
        "区分",
        "内容",
    ]);
    let rows = vec![
        s(&[TITLE]),
        groups.clone(),
        columns.clone(),
        s(&[
            MAJOR1,
            "1.1. 規程・手順の策定",
            "①アクセス管理規程の策定",
            "①-1",
            "アクセス制限、記録、点検等を定めた\nアクセス管理規程を作成すること。",
            "",
            "第三者や内部者による不正アクセス",
            "企画管理編",
            "4. 医療情報システムの安全管理において必要な規程・文書類",
            "【遵守事項】",
            "運用管理規程等を定めること。",
        ]),
        s(&[
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "システム運用編",
            "12. 物理的安全管理措置 ④",
            "【遵守事項】",
            "入退室の管理を行うこと。",
        ]),
        s(&[
            "",
            "",
            "",
            "①-2",
            "規程を定期的に見直すことが望ましい。",
            "◎",
            "",
            "",
            "",
            "",
            "—",
        ]),
        s(&["- 1 -"]),
        groups,
        columns,
        s(&[
            MAJOR1,
            "1.9. 再委託を行う場合の再委託先の管理",
            "①再委託先の管理",
            "①-2",
            "再委託先に同等の個人情報保護方針を遵守させること。",
            "◎",
        ]),
        s(&[
            "2. 物理的対策",
            "2.1. 入退管理",
            "①機器や媒体の設置場所への認証や入退管理",
            "①-1",
            "セキュリティ境界への入退を個人認証で管理すること。",
            "",
            "権限のない者が機器に触れる",
            "企画管理",
            "15.",
            "【遵守事項】",
            "入退管理を行うこと。",
        ]),
    ];
    let merges = vec![
        (0, 0, 0, 10),
        (1, 0, 1, 5),
        (1, 6, 2, 6),
        (1, 7, 1, 10),
        (3, 0, 5, 0),
        (3, 1, 5, 1),
        (3, 2, 5, 2),
        (3, 3, 4, 3),
        (3, 4, 4, 4),
        (3, 6, 4, 6),
        (6, 0, 6, 10),
        (7, 0, 7, 5),
        (7, 6, 8, 6),
        (7, 7, 7, 10),
    ];
    (rows, merges)
}

fn keys(c: &ControlCatalogue) -> Vec<&str> {
    c.items.iter().map(|i| i.key.as_str()).collect()
}

fn read_ok(bytes: &[u8]) -> (ControlCatalogue, ImportReport) {
    read_appendix2_xlsx(bytes).unwrap_or_else(|e| panic!("{e}"))
}

fn read_err(bytes: &[u8]) -> ImportErrors {
    match read_appendix2_xlsx(bytes) {
        Ok((c, _)) => panic!("accepted with keys {:?}", keys(&c)),
        Err(e) => {
            assert!(!e.errors.is_empty());
            e
        }
    }
}

#[test]
fn the_official_layout_with_merged_cells_is_read() {
    // appendix2.md §2 (two header rows, 区分/内容 twice), §7.3 rules 1–5.
    let (rows, merges) = official();
    let bytes = workbook(&rows, &merges);
    let (c, rep) = read_ok(&bytes);
    assert_eq!(keys(&c), ["1.1/①-1", "1.1/①-2", "1.9/①-2", "2.1/①-1"]);

    // §7.3 rule 3: merged 大/中/小項目 filled across their range.
    let i = c.item("1.1/①-2").unwrap();
    assert_eq!(
        (i.major_no.as_str(), i.middle_no.as_str(), i.minor_index),
        ("1", "1.1", 1)
    );
    // §7.2 内容: line breaks kept; 望ましい flagged; ◎ kept raw; `—` is none.
    let first = c.item("1.1/①-1").unwrap();
    assert!(first.content.contains('\n'));
    assert!(i.desirable && i.kubun_mark == "◎");
    assert!(i.mhlw_refs[0].none_marker);
    // §7.3 rule 2: the second row of the merged item is one more reference.
    let sections: Vec<_> = first
        .mhlw_refs
        .iter()
        .map(|r| r.section.as_deref())
        .collect();
    assert_eq!(sections, [Some("4"), Some("12④")]);
    assert_eq!(
        first.risk_scenario.as_deref(),
        Some("第三者や内部者による不正アクセス")
    );
    assert_eq!(first.source_row, Some(4));
    assert_eq!(
        c.item("2.1/①-1").unwrap().mhlw_refs[0].volume.as_deref(),
        Some("企画管理編")
    );

    // §7.3 rule 4: the title, the page number and the repeated header rows are dropped and reported.
    let dropped: Vec<(u32, DropReason)> =
        rep.dropped_rows.iter().map(|d| (d.row, d.reason)).collect();
    assert_eq!(
        dropped,
        [
            (1, DropReason::BeforeHeader),
            (7, DropReason::PageFooter),
            (8, DropReason::RepeatedHeader),
            (9, DropReason::RepeatedHeader),
        ]
    );
    // Every blank category cell is inside a merged range: nothing to warn about.
    assert!(rep.warnings.is_empty(), "{:?}", rep.warnings);
    assert_eq!((rep.items, rep.marked, rep.references), (4, 2, 5));
    assert_eq!(rep.expected_total, Some(416));

    // §7.3 rule 6: the file's SHA-256 is recorded.
    assert_eq!(c.meta.id, APPENDIX2_ID);
    assert_eq!(
        c.meta.source_sha256.as_deref(),
        Some(sha256_hex(&bytes).as_str())
    );
    assert!(c.meta.version.starts_with("v1.1 ("));
}

#[test]
fn blank_categories_without_merges_are_filled_with_a_warning() {
    // appendix2.md §7.3 rule 3: with merge information present, a blank outside any merged
    // range is taken from above but reported.
    let (rows, merges) = official();
    let merges: Vec<Merge> = merges
        .into_iter()
        .filter(|m| m.0 != 3 || m.1 != 0)
        .collect();
    let (_, rep) = read_ok(&workbook(&rows, &merges));
    assert!(
        rep.warnings
            .iter()
            .any(|w| w.column.as_deref() == Some("A")
                && w.message.contains("outside any merged range")),
        "{:?}",
        rep.warnings
    );
}

#[test]
fn the_sheet_with_the_header_is_read() {
    let (rows, merges) = official();
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .set_name("表紙")
        .unwrap()
        .write_string(0, 0, TITLE)
        .unwrap();
    fill(
        wb.add_worksheet().set_name("別紙2").unwrap(),
        &rows,
        &merges,
    );
    fill(wb.add_worksheet().set_name("旧版").unwrap(), &rows, &merges);
    let (c, rep) = read_ok(&wb.save_to_buffer().unwrap());
    assert_eq!(c.items.len(), 4);
    assert_eq!(rep.sheet.as_deref(), Some("別紙2"));
    assert!(
        rep.warnings[0]
            .message
            .contains("sheet `別紙2` was read; the sheets 旧版")
    );
}

#[test]
fn numbers_in_cells_read_as_people_see_them() {
    // A page number typed as a number is still a page number (appendix2.md §7.3 rule 4).
    let (rows, merges) = official();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    fill(ws, &rows, &merges);
    ws.write_number(11, 4, 12.0).unwrap();
    let (_, rep) = read_ok(&wb.save_to_buffer().unwrap());
    let last = rep.dropped_rows.last().unwrap();
    assert_eq!(
        (last.row, last.reason, last.text.as_str()),
        (12, DropReason::PageFooter, "12")
    );
}

/// The official layout as plain rows (no merges), for the bad-file cases.
fn plain() -> Vec<Vec<String>> {
    let [groups, columns] = appendix2_header_rows();
    let (mut rows, _) = official();
    rows[1] = groups.clone();
    rows[2] = columns.clone();
    rows[7] = groups;
    rows[8] = columns;
    rows
}

struct Bad {
    name: &'static str,
    section: &'static str,
    edit: fn(&mut Vec<Vec<String>>),
    row: Option<u32>,
    column: Option<&'static str>,
    contains: &'static str,
}

const BAD: &[Bad] = &[
    Bad {
        name: "a missing column",
        section: "appendix2.md §7.3 rule 1",
        edit: |t| {
            for row in t.iter_mut() {
                if row.len() > 6 {
                    row.remove(6);
                }
            }
        },
        row: Some(3),
        column: None,
        contains: "missing column `リスクシナリオ例`",
    },
    Bad {
        name: "a shifted header",
        section: "appendix2.md §7.3 rule 1",
        edit: |t| t[1].insert(0, String::new()),
        row: Some(3),
        column: None,
        contains: "the header rows look shifted",
    },
    Bad {
        name: "a duplicate key",
        section: "appendix2.md §7.3 rule 5",
        edit: |t| t[5][3] = "①-1".into(),
        row: Some(6),
        column: Some("D"),
        contains: "duplicate key `1.1/①-1`",
    },
    Bad {
        name: "a No. whose prefix disagrees with its 小項目",
        section: "appendix2.md §7.2 No.",
        edit: |t| t[9][3] = "②-2".into(),
        row: Some(10),
        column: Some("D"),
        contains: "circled prefix",
    },
];

#[test]
fn bad_workbooks_give_row_and_column_errors_and_no_catalogue() {
    for case in BAD {
        let mut rows = plain();
        (case.edit)(&mut rows);
        let e = read_err(&workbook(&rows, &[]));
        let what = format!("{} ({})", case.name, case.section);
        let hit = e
            .errors
            .iter()
            .find(|x| x.message.contains(case.contains))
            .unwrap_or_else(|| panic!("{what}: {e}"));
        assert_eq!(hit.row, case.row, "{what}: {hit}");
        assert_eq!(hit.column.as_deref(), case.column, "{what}: {hit}");
        assert_eq!(hit.sheet.as_deref(), Some("別紙2"), "{what}: {hit}");
    }
}

#[test]
fn files_that_are_not_workbooks_are_refused() {
    let (rows, merges) = official();
    let good = workbook(&rows, &merges);
    let cases: &[(&str, Vec<u8>, &str)] = &[
        ("an empty file", Vec::new(), "the file is empty"),
        ("a text file", b"hello, world".to_vec(), "it is a text file"),
        ("a PDF", b"%PDF-1.7\n...".to_vec(), "it is a PDF file"),
        (
            "an xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            "Excel 97-2003",
        ),
        (
            "a truncated workbook",
            good[..good.len() / 2].to_vec(),
            "not a readable xlsx workbook",
        ),
        (
            "a workbook without the appendix",
            {
                let mut wb = Workbook::new();
                wb.add_worksheet().write_string(0, 0, "メモ").unwrap();
                wb.save_to_buffer().unwrap()
            },
            "no sheet has the Appendix 2 header rows",
        ),
    ];
    for (name, bytes, contains) in cases {
        let e = read_err(bytes);
        assert_eq!(e.errors.len(), 1, "{name}: {e}");
        assert_eq!(
            (e.errors[0].row, e.errors[0].column.as_deref()),
            (None, None),
            "{name}"
        );
        assert!(e.errors[0].message.contains(contains), "{name}: {e}");
    }
}

fn to_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{FEFF}");
    for row in rows {
        out.push_str(&to_csv_line(row));
        out.push_str("\r\n");
    }
    out
}

#[test]
fn the_csv_template_reads_like_the_workbook() {
    // appendix2.md §7.3 rule 9: same columns, one row per item × reference.
    let rows = plain();
    let (from_xlsx, _) = read_ok(&workbook(&rows, &[]));
    let (from_csv, rep) = read_appendix2_csv(&to_csv(&rows)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(from_csv.items, from_xlsx.items);
    assert_eq!(rep.items, 4);
    let text = to_csv(&rows);
    assert_eq!(
        from_csv.meta.source_sha256.as_deref(),
        Some(sha256_hex(text.as_bytes()).as_str())
    );
}

#[test]
fn the_csv_template_starts_with_the_two_header_rows() {
    let template = appendix2_csv_template();
    assert!(template.starts_with('\u{FEFF}'));
    let mut text = template.clone();
    text.push_str("1. 人的・組織的対策,1.1. 規程・手順の策定,①アクセス管理規程の策定,①-1,\"規程を作成する。\n記録を残す。\",◎,,企画管理編,4.,【遵守事項】,—\r\n");
    let (c, _) = read_appendix2_csv(&text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.items[0].key, "1.1/①-1");
    assert_eq!(c.items[0].content, "規程を作成する。\n記録を残す。");
}

#[test]
fn bad_csv_files_are_refused() {
    let mut rows = plain();
    rows[5][3] = "①-1".into();
    let e = read_appendix2_csv(&to_csv(&rows)).unwrap_err();
    assert!(
        e.errors
            .iter()
            .any(|x| x.row == Some(6) && x.message.contains("duplicate key")),
        "{e}"
    );

    let e = read_appendix2_csv_bytes(&[0x82, 0xA0, 0x2C]).unwrap_err();
    assert!(e.errors[0].message.contains("not UTF-8"), "{e}");
    let e = read_appendix2_csv("").unwrap_err();
    assert!(e.errors[0].message.contains("empty"), "{e}");
    let e = read_appendix2_csv("a,\"b\nc").unwrap_err();
    assert_eq!(e.errors[0].row, Some(1));
}

#[test]
fn the_builtin_partial_catalogue_loads() {
    // appendix2.md §6: shipped only as a partial guide, marked so.
    let c = builtin_appendix2().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.items.len(), 22);
    assert!(!c.meta.complete);
    assert!(c.completeness_note.is_some());
}
