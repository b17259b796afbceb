//! Files and a token for the import benchmark (scripts/bench-import): the largest valid
//! Appendix 2 workbook the import limits allow, a zip bomb, and an API token of a demo user.

use std::io::{Cursor, Write};

use anyhow::Context;
use anzen_app::import::ImportLimits;
use anzen_tests::appendix2::appendix2_table;

/// Writes a valid Appendix 2 workbook of `controls` controls whose 内容 and リスクシナリオ例
/// hold `content_chars` and `risk_chars` characters of Japanese text (drawn with `seed`), with
/// `pad_to` set a picture that does not compress making the file that large; prints its size
/// and how much of each limit it uses.
pub fn appendix2_xlsx(
    out: &str,
    controls: usize,
    content_chars: usize,
    risk_chars: usize,
    pad_to: Option<u64>,
    seed: u64,
) -> anyhow::Result<()> {
    let rows = appendix2_table(controls, content_chars, risk_chars, seed);
    let text: usize = rows.iter().flatten().map(String::len).sum();
    let cells = rows.iter().flatten().filter(|c| !c.is_empty()).count();
    let longest = rows
        .iter()
        .flatten()
        .map(|c| c.chars().count())
        .max()
        .unwrap_or(0);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("別紙2")?;
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                ws.write_string(u32::try_from(r)?, u16::try_from(c)?, value)?;
            }
        }
    }
    let mut bytes = wb.save_to_buffer()?;
    if let Some(size) = pad_to.filter(|s| *s > 0) {
        bytes = pad(&bytes, size)?;
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..]))?;
    let mut expanded = 0u64;
    let mut largest_part = 0u64;
    for i in 0..zip.len() {
        let size = zip.by_index(i)?.size();
        expanded += size;
        largest_part = largest_part.max(size);
    }
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {out}"))?;
    let l = ImportLimits::default();
    let pct = |v: u64, of: u64| 100.0 * v as f64 / of as f64;
    println!(
        "{}",
        serde_json::json!({
            "file_bytes": bytes.len(),
            "rows": rows.len(),
            "controls": controls,
            "cells": cells,
            "longest_cell_chars": longest,
            "text_bytes": text,
            "expanded_bytes": expanded,
            "largest_part_bytes": largest_part,
            "percent_of_limits": {
                "file": pct(bytes.len() as u64, l.file_bytes),
                "rows": pct(rows.len() as u64, l.rows),
                "cells": pct(cells as u64, l.cells),
                "text": pct(text as u64, l.text_bytes),
                "expanded": pct(expanded, l.expanded_bytes),
                "part": pct(largest_part, l.part_bytes),
            },
        })
    );
    Ok(())
}

/// `base` with a stored picture of random bytes that makes the archive about `size` bytes.
fn pad(base: &[u8], size: u64) -> anyhow::Result<Vec<u8>> {
    let mut src = zip::ZipArchive::new(Cursor::new(base))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        zip.raw_copy_file(src.by_index(i)?)?;
    }
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("xl/media/image1.png", options)?;
    let len = size.saturating_sub(base.len() as u64 + 1024);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let noise: Vec<u8> = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect();
    zip.write_all(&noise)?;
    Ok(zip.finish()?.into_inner())
}

/// Sets the decompressed size every header of the archive declares to `size`: the archive
/// lies about how large its parts are (their data and CRC stay as they are).
fn lie_about_sizes(bytes: &mut [u8], size: u32) -> anyhow::Result<()> {
    let eocd = bytes.len().checked_sub(22).context("not an archive")?;
    anyhow::ensure!(
        &bytes[eocd..eocd + 4] == b"PK\x05\x06",
        "an archive comment"
    );
    let le16 = |b: &[u8], at: usize| usize::from(u16::from_le_bytes([b[at], b[at + 1]]));
    let le32 =
        |b: &[u8], at: usize| u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize;
    let mut at = le32(bytes, eocd + 16);
    for _ in 0..le16(bytes, eocd + 10) {
        anyhow::ensure!(
            &bytes[at..at + 4] == b"PK\x01\x02",
            "a central directory entry"
        );
        let local = le32(bytes, at + 42);
        bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
        at += 46 + le16(bytes, at + 28) + le16(bytes, at + 30) + le16(bytes, at + 32);
    }
    Ok(())
}

/// Writes a small workbook whose shared strings expand to `mib` MiB of one string; with
/// `lie`, the archive declares every part to be 100 bytes.
pub fn zip_bomb(out: &str, mib: usize, lie: bool) -> anyhow::Result<()> {
    let base = {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("別紙2")?;
        ws.write_string(0, 0, "対策項目")?;
        wb.save_to_buffer()?
    };
    let mut src = zip::ZipArchive::new(Cursor::new(&base[..]))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let part = src.by_index(i)?;
        if part.name() != "xl/sharedStrings.xml" {
            zip.raw_copy_file(part)?;
        }
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    zip.start_file("xl/sharedStrings.xml", options)?;
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#)?;
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..mib {
        zip.write_all(&chunk)?;
    }
    zip.write_all(b"</t></si></sst>")?;
    let mut bytes = zip.finish()?.into_inner();
    if lie {
        lie_about_sizes(&mut bytes, 100)?;
    }
    std::fs::write(out, &bytes).with_context(|| format!("cannot write {out}"))?;
    println!(
        "{}",
        serde_json::json!({
            "file_bytes": bytes.len(),
            "expands_to_bytes": (mib as u64) << 20,
            "declared_sizes": if lie { "100 bytes each" } else { "true" },
        })
    );
    Ok(())
}

/// Signs `login` in on the database at `db` (signing the audit entries with the key at
/// `key_path`) and prints an API token.
pub async fn api_token(
    db: &str,
    key_path: &str,
    login: &str,
    password: &str,
) -> anyhow::Result<()> {
    use std::sync::Arc;

    use anzen_app::ports::Store;
    use anzen_app::{App, Ed25519Signer, SystemClock};
    use anzen_store::{SqlStore, StoreOptions};

    let hex =
        std::fs::read_to_string(key_path).with_context(|| format!("cannot read {key_path}"))?;
    let hex = hex.trim();
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("zz"), 16))
        .collect::<Result<_, _>>()
        .with_context(|| format!("{key_path}: not an audit key"))?;
    let secret: [u8; 32] = bytes
        .try_into()
        .map_err(|_| anyhow::anyhow!("{key_path}: not an audit key"))?;
    let sql = Arc::new(SqlStore::open(&StoreOptions::new(format!("sqlite://{db}"))).await?);
    let store: Arc<dyn Store> = sql.clone();
    let app = App::new(
        store,
        Arc::new(SystemClock),
        Arc::new(Ed25519Signer::from_secret(secret)),
    );
    let step = app.sign_in(login, password, "bench").await?;
    let ctx = app.session_context(&step.token).await?;
    let token = app.create_api_token(&ctx, "bench-import", None).await?;
    sql.close().await;
    println!("{}", token.secret);
    Ok(())
}

/// The peak resident memory of this process so far (VmHWM), in kB.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Reads the workbook `file` as an import does (off the runtime, within the default limits)
/// and prints the time and this process's peak memory: what the reading alone costs, without
/// storing the catalogue.
pub async fn parse_peak(file: &str) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {file}"))?;
    let before = peak_kb();
    let start = std::time::Instant::now();
    let result = anzen_app::import::read_appendix2(
        &bytes,
        anzen_app::controls::ImportFormat::Xlsx,
        &ImportLimits::default(),
    )
    .await;
    let took = start.elapsed();
    let outcome = match &result {
        Ok((c, _)) => format!("{} controls", c.items.len()),
        Err(e) => e.to_string(),
    };
    println!(
        "{}",
        serde_json::json!({
            "outcome": outcome,
            "seconds": took.as_secs_f64(),
            "peak_kb_before": before,
            "peak_kb_after": peak_kb(),
        })
    );
    Ok(())
}
