//! The archive format `anzen-backup`, version 1: UTF-8 text, one JSON document per line, so
//! that it is written and read as a stream and can be inspected with ordinary tools.
//!
//! ```text
//! {"format":"anzen-backup","version":1}
//! {"table":"organisations","columns":["id","kind",…]}
//! ["0197…","provider",…]                       one line per row, in the table's key order
//! {"end":"organisations","rows":12,"sha256":"…"}
//! …                                            every table, parents before children
//! {"manifest":{…}}                             see [`Manifest`]
//! {"signature":"…","key_id":"…"}               Ed25519 signature of the manifest line
//! ```
//!
//! A value is `null`, `true`/`false`, an integer, a string, `{"f":"1.5"}` (a float) or
//! `{"b":"00ff"}` (bytes, hex). A table's SHA-256 covers its `table` line and its row lines;
//! the manifest carries every table's digest and the SHA-256 of every byte above it, and the
//! signature covers the manifest line, so no byte can change unnoticed.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The format's name, in the first line and in the manifest.
pub const FORMAT: &str = "anzen-backup";
/// The format's version.
pub const VERSION: u32 = 1;

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// What an archive holds, signed with the audit key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The anzen release that wrote the archive.
    pub anzen_version: String,
    /// When the snapshot was taken (RFC 3339, UTC).
    pub created_at: String,
    /// `sqlite` or `postgres`: where the data came from.
    pub backend: String,
    /// The last migration applied to the database.
    pub migration_level: i64,
    pub migrations: Vec<AppliedMigration>,
    /// Every table, in the order the archive holds them (parents before children).
    pub tables: Vec<TableManifest>,
    /// The audit chain's head in the snapshot.
    pub audit: AuditMark,
    /// SHA-256 of every byte of the archive before the manifest line.
    pub body_sha256: String,
    /// The audit key that signed the manifest.
    pub key_id: String,
}

impl Manifest {
    /// Rows in every table together.
    pub fn total_rows(&self) -> u64 {
        self.tables.iter().map(|t| t.rows).sum()
    }
}

/// A migration applied to the database the archive came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppliedMigration {
    pub version: i64,
    pub description: String,
}

/// One table of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableManifest {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: u64,
    /// SHA-256 (hex) of the table's `table` line and row lines.
    pub sha256: String,
}

/// The audit chain's last sequence number and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditMark {
    pub last_seq: i64,
    pub last_hash: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
    pub format: String,
    pub version: u32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableStart {
    pub table: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableEnd {
    pub end: String,
    pub rows: u64,
    pub sha256: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ManifestLine {
    pub manifest: Manifest,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SignatureLine {
    pub signature: String,
    pub key_id: String,
}

/// A marker line, serialized with its newline.
pub(crate) fn line(value: &impl Serialize) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = serde_json::to_vec(value)?;
    out.push(b'\n');
    Ok(out)
}

/// Appends the canonical line of a row (with its newline) to `out`.
pub(crate) fn encode_row(cells: &[Cell], out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    out.push(b'[');
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        match cell {
            Cell::Null => out.extend_from_slice(b"null"),
            Cell::Bool(true) => out.extend_from_slice(b"true"),
            Cell::Bool(false) => out.extend_from_slice(b"false"),
            Cell::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
            // Display of f64 is the shortest text that parses back to the same value.
            Cell::Real(f) => {
                out.extend_from_slice(b"{\"f\":\"");
                out.extend_from_slice(f.to_string().as_bytes());
                out.extend_from_slice(b"\"}");
            }
            Cell::Text(s) => serde_json::to_writer(&mut *out, s)?,
            Cell::Blob(b) => {
                out.extend_from_slice(b"{\"b\":\"");
                out.extend_from_slice(hex::encode(b).as_bytes());
                out.extend_from_slice(b"\"}");
            }
        }
    }
    out.extend_from_slice(b"]\n");
    Ok(())
}

/// Parses a row line (without its newline).
pub(crate) fn decode_row(line: &[u8]) -> Result<Vec<Cell>, String> {
    let values: Vec<serde_json::Value> =
        serde_json::from_slice(line).map_err(|e| format!("not a row: {e}"))?;
    values.into_iter().map(decode_cell).collect()
}

fn decode_cell(value: serde_json::Value) -> Result<Cell, String> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => Cell::Null,
        Value::Bool(b) => Cell::Bool(b),
        Value::Number(n) => Cell::Int(
            n.as_i64()
                .ok_or_else(|| format!("{n} is not a 64-bit integer"))?,
        ),
        Value::String(s) => Cell::Text(s),
        Value::Object(map) if map.len() == 1 => match map.into_iter().next() {
            Some((key, Value::String(s))) if key == "f" => Cell::Real(
                s.parse()
                    .map_err(|_| format!("\"{s}\" is not a floating-point number"))?,
            ),
            Some((key, Value::String(s))) if key == "b" => {
                Cell::Blob(hex::decode(&s).map_err(|_| "a blob that is not hex".to_owned())?)
            }
            _ => return Err("an object that is neither {\"f\":…} nor {\"b\":…}".to_owned()),
        },
        other => return Err(format!("an unexpected value {other}")),
    })
}

/// The running digest of one table: its `table` line, then its row lines.
#[derive(Debug)]
pub(crate) struct TableDigest {
    hasher: Sha256,
    rows: u64,
}

impl TableDigest {
    /// Starts with the table's `table` line exactly as written.
    pub fn new(start_line: &[u8]) -> Self {
        let mut hasher = Sha256::new();
        hasher.update(start_line);
        Self { hasher, rows: 0 }
    }

    /// Adds one row line (with its newline).
    pub fn row(&mut self, row_line: &[u8]) {
        self.hasher.update(row_line);
        self.rows += 1;
    }

    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The row count and the hex digest.
    pub fn finish(self) -> (u64, String) {
        (self.rows, hex::encode(self.hasher.finalize()))
    }
}

/// The canonical `table` line of a table.
pub(crate) fn start_line(name: &str, columns: &[String]) -> Result<Vec<u8>, serde_json::Error> {
    line(&TableStart {
        table: name.to_owned(),
        columns: columns.to_vec(),
    })
}

/// `{"signature":…,"key_id":…}` for a manifest line (without its newline).
pub(crate) fn signature_line(
    manifest_line: &[u8],
    signer: &dyn anzen_app::AuditSigner,
) -> Result<Vec<u8>, serde_json::Error> {
    line(&SignatureLine {
        signature: signer.sign(manifest_line),
        key_id: signer.key_id(),
    })
}

/// The start of a line, for error messages.
pub(crate) fn excerpt(line: &[u8]) -> String {
    const MAX: usize = 60;
    let mut text = String::from_utf8_lossy(&line[..line.len().min(MAX)]).into_owned();
    if line.len() > MAX {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_through_their_canonical_line() {
        let row = vec![
            Cell::Null,
            Cell::Bool(true),
            Cell::Int(-42),
            Cell::Int(i64::MAX),
            Cell::Real(0.1),
            Cell::Real(f64::NEG_INFINITY),
            Cell::Text("みなと総合病院 \"quoted\"\n\u{0}".to_owned()),
            Cell::Blob(vec![0, 255, 16]),
        ];
        let mut out = Vec::new();
        encode_row(&row, &mut out).unwrap();
        assert_eq!(out.last(), Some(&b'\n'));
        assert_eq!(out.iter().filter(|b| **b == b'\n').count(), 1, "one line");
        let back = decode_row(&out[..out.len() - 1]).unwrap();
        assert_eq!(back, row);
        let mut again = Vec::new();
        encode_row(&back, &mut again).unwrap();
        assert_eq!(again, out, "the encoding is canonical");
    }

    #[test]
    fn bad_values_are_named() {
        assert!(decode_row(b"[1.5]").unwrap_err().contains("integer"));
        assert!(decode_row(b"[{\"x\":1}]").unwrap_err().contains("neither"));
        assert!(decode_row(b"[{\"b\":\"zz\"}]").unwrap_err().contains("hex"));
        assert!(decode_row(b"[1,").unwrap_err().contains("not a row"));
        assert!(decode_row(b"{}").unwrap_err().contains("not a row"));
    }

    #[test]
    fn a_table_digest_depends_on_every_byte_and_the_row_order() {
        let digest = |lines: &[&[u8]]| {
            let mut d = TableDigest::new(b"{\"table\":\"t\",\"columns\":[\"a\"]}\n");
            for l in lines {
                d.row(l);
            }
            d.finish()
        };
        let a = digest(&[b"[1]\n", b"[2]\n"]);
        assert_eq!(a.0, 2);
        assert_ne!(a, digest(&[b"[2]\n", b"[1]\n"]));
        assert_ne!(a, digest(&[b"[1]\n", b"[3]\n"]));
        assert_ne!(a, digest(&[b"[1]\n"]));
    }
}
