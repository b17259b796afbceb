//! The limits on what a reader puts into its table, on workbooks and CSV files that are
//! otherwise valid Appendix 2 files: the official size passes, one row, column, cell or
//! character too many is refused naming the limit, and so is a reader out of time.

use anzen_domain::controls::numbering::circled;
use anzen_domain::controls::{CatalogueMeta, appendix2_header_rows};
use rust_xlsxwriter::Workbook;

use super::*;

/// An Appendix 2 table of `controls` controls (7 大項目 × 10 中項目 × 5 小項目 × 4, at most
/// 1,400: the size of the official appendix), each 内容 about `chars` characters.
pub(crate) fn appendix2_rows(controls: usize, chars: usize) -> Vec<Vec<String>> {
    let [groups, columns] = appendix2_header_rows();
    let mut rows = vec![groups, columns];
    let filler: String = "アクセス管理規程を作成し定期的に見直すこと。"
        .chars()
        .cycle()
        .take(chars)
        .collect();
    'all: for major in 1..=7u32 {
        for middle in 1..=10u32 {
            for minor in 1..=5u32 {
                let c = circled(minor).unwrap();
                for seq in 1..=4u32 {
                    if rows.len() - 2 == controls {
                        break 'all;
                    }
                    rows.push(
                        [
                            format!("{major}. 対策{major}"),
                            format!("{major}.{middle}. 中項目{middle}"),
                            format!("{c}小項目{minor}"),
                            format!("{c}-{seq}"),
                            format!("{filler}（{}）", rows.len()),
                            String::new(),
                            String::new(),
                            "企画管理編".to_owned(),
                            "4. 医療情報システムの安全管理において必要な規程・文書類".to_owned(),
                            "【遵守事項】".to_owned(),
                            "運用管理規程等を定めること。".to_owned(),
                        ]
                        .to_vec(),
                    );
                }
            }
        }
    }
    rows
}

pub(crate) fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("別紙2").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                ws.write_string(r as u32, c as u16, value).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&to_csv_line(row));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn meta() -> CatalogueMeta {
    CatalogueMeta::official_v1_1(None)
}

fn read_xlsx(bytes: &[u8], limits: &ImportLimits) -> Result<usize, ReadError> {
    read_appendix2_xlsx_limited(bytes, meta(), limits, &Budget::new(limits))
        .map(|(c, _)| c.items.len())
}

fn read_csv(bytes: &[u8], limits: &ImportLimits) -> Result<usize, ReadError> {
    read_appendix2_csv_limited(bytes, meta(), limits, &Budget::new(limits))
        .map(|(c, _)| c.items.len())
}

/// Both readers refuse `rows` with the default limits, naming `limit` in the message.
fn both_refuse(rows: &[Vec<String>], limit: Limit, message: &str) -> [LimitExceeded; 2] {
    let limits = ImportLimits::default();
    [
        read_xlsx(&xlsx(rows), &limits),
        read_csv(&csv(rows), &limits),
    ]
    .map(|r| match r {
        Err(ReadError::Limit(l)) => {
            assert_eq!(l.limit, limit, "{l}");
            assert!(l.to_string().contains(message), "{l}");
            l
        }
        other => panic!("expected {limit:?}, got {other:?}"),
    })
}

#[test]
fn the_official_size_is_read_within_the_default_limits() {
    let rows = appendix2_rows(1_400, 120);
    let limits = ImportLimits::default();
    assert_eq!(read_xlsx(&xlsx(&rows), &limits).unwrap(), 1_400);
    assert_eq!(read_csv(&csv(&rows), &limits).unwrap(), 1_400);
}

#[test]
fn a_row_past_the_limit_is_refused() {
    let mut rows = appendix2_rows(3, 10);
    rows.resize(5_000, Vec::new());
    rows.push(vec!["- 1 -".to_owned()]);
    let [x, c] = both_refuse(&rows, Limit::Rows, "(limit 5000 rows)");
    assert_eq!((x.row, x.sheet.as_deref()), (Some(5_001), Some("別紙2")));
    assert_eq!((c.row, c.sheet), (Some(5_001), None));
    // The last row within the limit is read (as a page footer).
    rows.remove(4_999);
    assert_eq!(
        read_xlsx(&xlsx(&rows), &ImportLimits::default()).unwrap(),
        3
    );
}

#[test]
fn a_column_past_the_limit_is_refused() {
    let mut rows = appendix2_rows(3, 10);
    rows[3].resize(65, String::new());
    rows[3][64] = "メモ".to_owned();
    let [x, c] = both_refuse(&rows, Limit::Columns, "(limit 64 columns)");
    assert_eq!((x.row, x.column.as_deref()), (Some(4), Some("BM")));
    assert_eq!(c.column.as_deref(), Some("BM"));
}

#[test]
fn a_cell_longer_than_the_limit_is_refused() {
    let mut rows = appendix2_rows(3, 10);
    rows[4][4] = "あ".repeat(10_001);
    let [x, _] = both_refuse(&rows, Limit::CellLength, "(limit 10000 characters)");
    assert_eq!((x.row, x.column.as_deref()), (Some(5), Some("E")));
    rows[4][4] = "あ".repeat(10_000);
    assert_eq!(
        read_xlsx(&xlsx(&rows), &ImportLimits::default()).unwrap(),
        3
    );
}

#[test]
fn too_many_cells_or_too_much_text_are_refused() {
    let rows = appendix2_rows(200, 10);
    let mut limits = ImportLimits::default();
    limits.cells = 1_000;
    for r in [
        read_xlsx(&xlsx(&rows), &limits),
        read_csv(&csv(&rows), &limits),
    ] {
        assert!(
            matches!(r, Err(ReadError::Limit(ref l)) if l.limit == Limit::Cells),
            "{r:?}"
        );
    }
    let mut limits = ImportLimits::default();
    limits.text_bytes = 10_000;
    for r in [
        read_xlsx(&xlsx(&rows), &limits),
        read_csv(&csv(&rows), &limits),
    ] {
        assert!(
            matches!(r, Err(ReadError::Limit(ref l)) if l.limit == Limit::Text),
            "{r:?}"
        );
    }
}

#[test]
fn one_long_shared_string_in_many_cells_is_held_to_the_text_limit() {
    // Every cell refers to the same shared string: the file stays small, the table would not.
    let mut rows = appendix2_rows(1_400, 10);
    let long = "い".repeat(9_000);
    for row in rows.iter_mut().skip(2) {
        row[6] = long.clone();
    }
    let bytes = xlsx(&rows);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    match read_xlsx(&bytes, &ImportLimits::default()) {
        Err(ReadError::Limit(l)) => assert_eq!((l.limit, l.value), (Limit::Text, 4 << 20)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn merged_ranges_count_the_cells_they_fill() {
    let rows = appendix2_rows(3, 10);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                ws.write_string(r as u32, c as u16, value).unwrap();
            }
        }
    }
    // A title merged over 60 columns and 3 rows of a wide table.
    ws.write_string(10, 63, "x").unwrap();
    ws.merge_range(6, 0, 8, 59, "表題", &rust_xlsxwriter::Format::new())
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let mut limits = ImportLimits::default();
    limits.cells = 100;
    match read_xlsx(&bytes, &limits) {
        Err(ReadError::Limit(l)) => assert_eq!(l.limit, Limit::Cells),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_reader_out_of_time_stops_naming_the_time_limit() {
    let rows = appendix2_rows(50, 10);
    let mut limits = ImportLimits::default();
    limits.time = std::time::Duration::ZERO;
    for r in [
        read_xlsx(&xlsx(&rows), &limits),
        read_csv(&csv(&rows), &limits),
    ] {
        match r {
            Err(ReadError::Limit(l)) => {
                assert_eq!(l.limit, Limit::Time);
                assert!(l.to_string().contains("(limit 0 ms)"), "{l}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn the_file_size_is_checked_first() {
    let rows = appendix2_rows(3, 10);
    let bytes = xlsx(&rows);
    let mut limits = ImportLimits::default();
    limits.file_bytes = bytes.len() as u64 - 1;
    match read_xlsx(&bytes, &limits) {
        Err(ReadError::Limit(l)) => assert!(l.is_too_large(), "{l}"),
        other => panic!("{other:?}"),
    }
    limits.file_bytes = bytes.len() as u64;
    assert_eq!(read_xlsx(&bytes, &limits).unwrap(), 3);
}
