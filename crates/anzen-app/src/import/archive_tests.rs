//! Tests of the archive check on workbooks written in code (rust_xlsxwriter) and altered with
//! the zip crate: bombs, lying sizes, a lying shared-string count, too many parts.

use std::io::{Cursor, Write};

use zip::ZipArchive;
use zip::write::SimpleFileOptions;

use super::*;
use crate::import::LimitExceeded;

/// A small valid workbook with a few shared strings.
fn workbook() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "対策項目").unwrap();
    ws.write_string(1, 0, "内容").unwrap();
    wb.save_to_buffer().unwrap()
}

/// `base` with the parts of `replace` written instead of (or besides) its own.
pub(crate) fn rebuild(base: &[u8], replace: &[(&str, &[u8])]) -> Vec<u8> {
    let mut src = ZipArchive::new(Cursor::new(base)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let part = src.by_index(i).unwrap();
        if !replace.iter().any(|(n, _)| *n == part.name()) {
            out.raw_copy_file(part).unwrap();
        }
    }
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in replace {
        out.start_file(*name, options).unwrap();
        out.write_all(content).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Shared strings that expand to `len` bytes of one string.
fn bomb_strings(len: usize) -> Vec<u8> {
    let mut s = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#.to_vec();
    s.resize(s.len() + len, b'a');
    s.extend_from_slice(b"</t></si></sst>");
    s
}

/// Bytes that do not compress.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn check(bytes: &[u8], limits: &ImportLimits) -> Result<ArchiveStats, ReadError> {
    check_workbook(bytes, limits, &Budget::new(limits))
}

fn refused(bytes: &[u8], limits: &ImportLimits) -> LimitExceeded {
    match check(bytes, limits) {
        Err(ReadError::Limit(l)) => l,
        other => panic!("expected a refusal by a limit, got {other:?}"),
    }
}

/// Sets the decompressed size every header of the archive declares to `size` (the CRC and
/// the data stay as they are).
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let eocd = bytes.len() - 22;
    assert_eq!(&bytes[eocd..eocd + 4], b"PK\x05\x06");
    let le16 = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let le32 = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let entries = le16(bytes, eocd + 10);
    let mut at = le32(bytes, eocd + 16);
    for _ in 0..entries {
        assert_eq!(&bytes[at..at + 4], b"PK\x01\x02");
        let local = le32(bytes, at + 42);
        bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
        at += 46 + le16(bytes, at + 28) + le16(bytes, at + 30) + le16(bytes, at + 32);
    }
}

#[test]
fn a_valid_workbook_passes_with_its_real_sizes() {
    let bytes = workbook();
    let stats = check(&bytes, &ImportLimits::default()).unwrap();
    assert!(stats.parts >= 5, "{stats:?}");
    assert_eq!(stats.shared_strings, 2);
    let mut zip = ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
    let declared: u64 = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().size())
        .sum();
    assert_eq!(stats.expanded, declared);
}

#[test]
fn a_part_that_expands_past_its_limit_is_refused_naming_it() {
    let bomb = rebuild(
        &workbook(),
        &[("xl/sharedStrings.xml", &bomb_strings(4 << 20))],
    );
    assert!(bomb.len() < 64 * 1024, "a small file: {} bytes", bomb.len());
    let mut limits = ImportLimits::default();
    limits.part_bytes = 1 << 20;
    limits.ratio = 10_000;
    let e = refused(&bomb, &limits);
    assert_eq!(
        (e.limit, e.value, e.part.as_deref()),
        (Limit::PartSize, 1 << 20, Some("xl/sharedStrings.xml"))
    );
    assert_eq!(
        e.to_string(),
        "file: the part `xl/sharedStrings.xml` of the workbook expands to more than 1 MiB \
         (limit 1 MiB)"
    );
}

#[test]
fn a_part_compressed_like_a_bomb_is_refused_by_its_ratio() {
    let bomb = rebuild(
        &workbook(),
        &[("xl/sharedStrings.xml", &bomb_strings(4 << 20))],
    );
    let e = refused(&bomb, &ImportLimits::default());
    assert_eq!((e.limit, e.value), (Limit::Ratio, 100));
    assert!(e.to_string().contains("zip bomb"), "{e}");
}

#[test]
fn the_parts_together_are_held_to_the_total() {
    let n = noise(600 * 1024);
    let bytes = rebuild(
        &workbook(),
        &[("xl/media/a.bin", &n), ("xl/media/b.bin", &n)],
    );
    let mut limits = ImportLimits::default();
    limits.expanded_bytes = 1 << 20;
    let e = refused(&bytes, &limits);
    assert_eq!(
        (e.limit, e.value, e.part.as_deref()),
        (Limit::Expanded, 1 << 20, None)
    );
    assert_eq!(
        e.to_string(),
        "file: the workbook expands to more than 1 MiB (limit 1 MiB)"
    );
    limits.expanded_bytes = 2 << 20;
    check(&bytes, &limits).unwrap();
}

#[test]
fn declared_sizes_that_lie_do_not_let_a_bomb_through() {
    let mut bomb = rebuild(
        &workbook(),
        &[("xl/sharedStrings.xml", &bomb_strings(4 << 20))],
    );
    lie_about_sizes(&mut bomb, 10);
    let mut zip = ZipArchive::new(Cursor::new(&bomb[..])).unwrap();
    assert!((0..zip.len()).all(|i| zip.by_index(i).unwrap().size() == 10));
    let mut limits = ImportLimits::default();
    limits.part_bytes = 1 << 20;
    limits.ratio = 10_000;
    assert_eq!(refused(&bomb, &limits).limit, Limit::PartSize);
    assert_eq!(refused(&bomb, &ImportLimits::default()).limit, Limit::Ratio);
}

#[test]
fn a_declared_size_over_the_limit_is_refused_without_reading() {
    let mut bytes = workbook();
    lie_about_sizes(&mut bytes, u32::MAX);
    let e = refused(&bytes, &ImportLimits::default());
    assert_eq!(e.limit, Limit::PartSize);
}

#[test]
fn a_shared_string_count_calamine_would_reserve_is_refused() {
    // A tiny part that declares 10^12 strings: calamine reserves room for them before it
    // reads one (24 TB: the process would abort).
    let sst = br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
    let bytes = rebuild(&workbook(), &[("xl/sharedStrings.xml", sst)]);
    let e = refused(&bytes, &ImportLimits::default());
    assert_eq!(
        (e.limit, e.value, e.part.as_deref()),
        (Limit::Cells, 100_000, Some("xl/sharedStrings.xml"))
    );
    let garbled = br#"<sst uniqueCount="1e12"><si><t>a</t></si></sst>"#;
    let bytes = rebuild(&workbook(), &[("xl/sharedStrings.xml", garbled)]);
    assert_eq!(
        refused(&bytes, &ImportLimits::default()).limit,
        Limit::Cells
    );
    // Through the whole reader as well: refused, not aborted.
    let e =
        crate::import::read_appendix2_xlsx(&rebuild(&workbook(), &[("xl/sharedStrings.xml", sst)]))
            .unwrap_err();
    assert!(e.errors[0].message.contains("limit 100000 cells"), "{e}");
}

#[test]
fn shared_strings_are_counted_whatever_their_prefix() {
    let mut sst =
        br#"<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    for _ in 0..11 {
        sst.extend_from_slice(b"<x:si><x:t>a</x:t></x:si>");
    }
    sst.extend_from_slice(b"</x:sst>");
    let bytes = rebuild(&workbook(), &[("XL/SHAREDSTRINGS.XML", &sst)]);
    let mut limits = ImportLimits::default();
    limits.cells = 10;
    assert_eq!(refused(&bytes, &limits).limit, Limit::Cells);
    limits.cells = 11;
    assert_eq!(check(&bytes, &limits).unwrap().shared_strings, 11 + 2);
}

#[test]
fn too_many_parts_are_refused() {
    let bytes = workbook();
    let mut limits = ImportLimits::default();
    limits.parts = 3;
    assert_eq!(refused(&bytes, &limits).limit, Limit::Parts);
}

#[test]
fn the_check_stops_when_the_time_is_up() {
    let bytes = workbook();
    let limits = ImportLimits::default();
    let budget = Budget::new(&limits);
    budget.cancel();
    match check_workbook(&bytes, &limits, &budget) {
        Err(ReadError::Limit(l)) => assert_eq!(l.limit, Limit::Time),
        other => panic!("{other:?}"),
    }
}

#[test]
fn what_is_not_an_archive_is_a_file_error() {
    match check(b"PK\x03\x04 but nothing else", &ImportLimits::default()) {
        Err(ReadError::File(e)) => {
            assert!(e.errors[0].message.contains("not a readable xlsx"), "{e}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_text_of_the_shared_strings_is_held_to_the_text_limit() {
    // Strings no cell refers to still take calamine's memory.
    let mut sst =
        br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    for i in 0..100 {
        sst.extend_from_slice(format!("<si><t>{i:0>100}</t></si>").as_bytes());
    }
    sst.extend_from_slice(b"<si><t>&amp;&lt;<![CDATA[x]]></t></si></sst>");
    let bytes = rebuild(&workbook(), &[("xl/sharedStrings.xml", &sst)]);
    let mut limits = ImportLimits::default();
    limits.text_bytes = 100 * 100 + 2;
    assert_eq!(
        (
            refused(&bytes, &limits).limit,
            refused(&bytes, &limits).part.as_deref()
        ),
        (Limit::Text, Some("xl/sharedStrings.xml"))
    );
    limits.text_bytes = 100 * 100 + 3;
    assert_eq!(check(&bytes, &limits).unwrap().shared_strings, 101);
}
