//! The check of a workbook's ZIP archive before any spreadsheet parser sees it: every part
//! is decompressed once, streaming, through a [`LimitedReader`] with a byte budget, so the
//! sizes the archive declares are never trusted alone; a part that expands past its limit,
//! past the workbook's total, or more than the ratio allows is refused as soon as the limit
//! is passed, with only a small buffer in memory. The shared strings (which calamine loads
//! whole, reserving room for the count the file declares) are counted too, and their text
//! measured.

use std::io::{BufReader, Cursor, Read};

use anzen_domain::controls::ImportErrors;
use quick_xml::events::Event;
use zip::ZipArchive;

use super::ReadError;
use super::budget::{Budget, LimitedReader};
use super::limits::{ImportLimits, Limit, RATIO_FLOOR};

/// What the check found in an archive that passed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArchiveStats {
    pub parts: u64,
    /// The bytes of every part, decompressed.
    pub expanded: u64,
    pub shared_strings: u64,
}

/// Checks every part of the ZIP archive `bytes` against `limits` (see the module's text).
/// A part this reader cannot open (an unknown compression method, encryption) is skipped: the
/// spreadsheet parser uses the same ZIP reader and cannot open it either.
pub fn check_workbook(
    bytes: &[u8],
    limits: &ImportLimits,
    budget: &Budget,
) -> Result<ArchiveStats, ReadError> {
    budget.check()?;
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        ReadError::File(ImportErrors::file(format!(
            "not a readable xlsx workbook: {e}"
        )))
    })?;
    let mut stats = ArchiveStats {
        parts: zip.len() as u64,
        ..ArchiveStats::default()
    };
    if stats.parts > limits.parts {
        return Err(limits.exceeded(Limit::Parts).into());
    }
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        budget.check()?;
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part.name().to_owned();
        // What the archive declares is checked first (cheap), then what really comes out.
        if part.size() > limits.part_bytes {
            return Err(limits.exceeded(Limit::PartSize).in_part(&name).into());
        }
        let remaining = limits.expanded_bytes.saturating_sub(stats.expanded);
        if part.size() > remaining {
            return Err(limits.exceeded(Limit::Expanded).into());
        }
        let by_ratio = part
            .compressed_size()
            .max(1)
            .saturating_mul(limits.ratio)
            .max(RATIO_FLOOR);
        // The smallest cap decides which limit a part that goes past it is refused by.
        let (cap, limit) = [
            (limits.part_bytes, Limit::PartSize),
            (remaining, Limit::Expanded),
            (by_ratio, Limit::Ratio),
        ]
        .into_iter()
        .min_by_key(|(cap, _)| *cap)
        .unwrap_or((0, Limit::Expanded));
        let mut reader = LimitedReader::new(part, cap);
        let read = if is_shared_strings(&name) {
            count_shared_strings(&mut reader, &name, limits, budget)
                .map(|n| stats.shared_strings += n)
        } else {
            drain(&mut reader, &mut buf, budget)
        };
        if reader.exceeded() {
            let refusal = limits.exceeded(limit);
            return Err(match limit {
                Limit::Expanded => refusal,
                _ => refusal.in_part(&name),
            }
            .into());
        }
        read?;
        stats.expanded += reader.count();
    }
    Ok(stats)
}

/// Whether a part is the workbook's shared strings, as calamine finds it (case-insensitive,
/// either slash).
fn is_shared_strings(name: &str) -> bool {
    name.replace('\\', "/")
        .eq_ignore_ascii_case("xl/sharedStrings.xml")
}

fn unreadable(e: impl std::fmt::Display) -> ReadError {
    ReadError::File(ImportErrors::file(format!(
        "not a readable xlsx workbook: {e}"
    )))
}

/// Reads a part to its end, discarding it.
fn drain<R: Read>(r: &mut R, buf: &mut [u8], budget: &Budget) -> Result<(), ReadError> {
    loop {
        budget.check()?;
        match r.read(buf) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(unreadable(e)),
        }
    }
}

/// Counts the strings of `xl/sharedStrings.xml` and their text (calamine keeps every one in
/// memory) and checks the count the file declares (calamine reserves room for it before
/// reading one).
fn count_shared_strings<R: Read>(
    r: &mut R,
    part: &str,
    limits: &ImportLimits,
    budget: &Budget,
) -> Result<u64, ReadError> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(r));
    xml.config_mut().check_end_names = false;
    let too_many = || limits.exceeded(Limit::Cells).in_part(part);
    let mut buf = Vec::new();
    let mut count = 0u64;
    // The text of the strings (escaped, so never less than calamine will hold).
    let mut text = 0u64;
    let mut add_text = |n: usize| {
        text += n as u64;
        if text > limits.text_bytes {
            Err(limits.exceeded(Limit::Text).in_part(part))
        } else {
            Ok(())
        }
    };
    loop {
        budget.check()?;
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(unreadable)? {
            Event::Text(t) => add_text(t.len())?,
            Event::CData(t) => add_text(t.len())?,
            Event::GeneralRef(_) => add_text(1)?,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"sst" => {
                    // Calamine reserves room for the count the file declares before it reads
                    // one string: a count that is not a plain number, or too large, is refused.
                    if let Some(a) = e.try_get_attribute("uniqueCount").map_err(unreadable)? {
                        let declared = std::str::from_utf8(&a.value)
                            .ok()
                            .and_then(|v| v.trim().parse::<u64>().ok());
                        if declared.is_none_or(|n| n > limits.cells) {
                            return Err(too_many().into());
                        }
                    }
                }
                b"si" => {
                    count += 1;
                    if count > limits.cells {
                        return Err(too_many().into());
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(count),
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "archive_tests.rs"]
mod tests;
