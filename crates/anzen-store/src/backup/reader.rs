//! Reads an archive as a stream and checks it as it goes: every table against the digest
//! written after it, then the manifest's signature, the SHA-256 of the whole body and every
//! table's count and digest. Anything missing, added or changed is refused with a message
//! that names the line, the table or the manifest.

use sha2::{Digest, Sha256};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt};

use anzen_app::AuditSigner;

use super::BackupError;
use super::format::{
    self, Cell, FORMAT, Header, Manifest, ManifestLine, SignatureLine, TableDigest, TableEnd,
    TableManifest, TableStart, VERSION, excerpt,
};

/// The longest line read (a row with very long texts); longer is refused.
const MAX_LINE: usize = 64 * 1024 * 1024;

/// What the archive holds next.
#[derive(Debug)]
pub(crate) enum Event {
    Table {
        name: String,
        columns: Vec<String>,
    },
    Row(Vec<Cell>),
    TableEnd {
        name: String,
        rows: u64,
    },
    /// The end: the manifest, whose signature and digests were checked.
    Done(Box<Manifest>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Between,
    InTable,
    Finished,
}

pub(crate) struct ArchiveReader<'s, R> {
    input: R,
    signer: &'s dyn AuditSigner,
    line: Vec<u8>,
    line_no: u64,
    body: Sha256,
    state: State,
    current: Option<(TableStart, TableDigest)>,
    tables: Vec<TableManifest>,
}

fn bad(message: impl Into<String>) -> BackupError {
    BackupError::BadArchive(message.into())
}

impl<'s, R: AsyncBufRead + Unpin> ArchiveReader<'s, R> {
    /// Reads and checks the format line.
    pub async fn open(input: R, signer: &'s dyn AuditSigner) -> Result<Self, BackupError> {
        let mut reader = Self {
            input,
            signer,
            line: Vec::with_capacity(4096),
            line_no: 0,
            body: Sha256::new(),
            state: State::Between,
            current: None,
            tables: Vec::new(),
        };
        if !reader.read_line().await? {
            return Err(bad("the archive is empty"));
        }
        let header: Header = serde_json::from_slice(reader.content()).map_err(|_| {
            bad(format!(
                "not an anzen backup archive: its first line is `{}`",
                excerpt(reader.content())
            ))
        })?;
        if header.format != FORMAT {
            return Err(bad(format!(
                "not an anzen backup archive (format `{}`, expected `{FORMAT}`)",
                header.format
            )));
        }
        if header.version != VERSION {
            return Err(bad(format!(
                "archive format version {} is not supported (this anzen reads version {VERSION})",
                header.version
            )));
        }
        if format::line(&header)? != reader.line {
            return Err(bad("the archive's first line was altered"));
        }
        reader.body.update(&reader.line);
        Ok(reader)
    }

    /// The current line without its newline.
    fn content(&self) -> &[u8] {
        &self.line[..self.line.len().saturating_sub(1)]
    }

    /// Reads the next line; `false` at the end of the file.
    async fn read_line(&mut self) -> Result<bool, BackupError> {
        self.line.clear();
        let limit = MAX_LINE as u64 + 1;
        let n = (&mut self.input)
            .take(limit)
            .read_until(b'\n', &mut self.line)
            .await
            .map_err(BackupError::io)?;
        if n == 0 {
            return Ok(false);
        }
        self.line_no += 1;
        if self.line.last() != Some(&b'\n') {
            return Err(if n as u64 >= limit {
                bad(format!(
                    "line {} is longer than {} MiB",
                    self.line_no,
                    MAX_LINE / 1024 / 1024
                ))
            } else {
                bad(format!(
                    "the archive is truncated: its last line ({}) is incomplete",
                    self.line_no
                ))
            });
        }
        Ok(true)
    }

    fn last_table(&self) -> String {
        self.tables.last().map_or_else(
            || "the format line".to_owned(),
            |t| format!("table `{}`", t.name),
        )
    }

    /// The next part of the archive.
    pub async fn next(&mut self) -> Result<Event, BackupError> {
        match self.state {
            State::Between => self.between().await,
            State::InTable => self.in_table().await,
            State::Finished => Err(BackupError::Internal("read past the end".into())),
        }
    }

    async fn between(&mut self) -> Result<Event, BackupError> {
        if !self.read_line().await? {
            return Err(bad(format!(
                "the archive is truncated: it ends after {}, without its manifest",
                self.last_table()
            )));
        }
        let content = self.content();
        if content.starts_with(b"{\"manifest\"") {
            return self.finish().await.map(Event::Done);
        }
        if !content.starts_with(b"{\"table\"") {
            return Err(bad(format!(
                "line {}: expected a table or the manifest after {}, found `{}`",
                self.line_no,
                self.last_table(),
                excerpt(content)
            )));
        }
        let start: TableStart = serde_json::from_slice(content).map_err(|e| {
            bad(format!(
                "line {}: not a table's first line: {e}",
                self.line_no
            ))
        })?;
        if start.table.is_empty() || start.columns.is_empty() {
            return Err(bad(format!(
                "line {}: a table without a name or columns",
                self.line_no
            )));
        }
        if self.tables.iter().any(|t| t.name == start.table) {
            return Err(bad(format!(
                "line {}: table `{}` appears twice",
                self.line_no, start.table
            )));
        }
        self.body.update(&self.line);
        let digest = TableDigest::new(&self.line);
        let event = Event::Table {
            name: start.table.clone(),
            columns: start.columns.clone(),
        };
        self.current = Some((start, digest));
        self.state = State::InTable;
        Ok(event)
    }

    async fn in_table(&mut self) -> Result<Event, BackupError> {
        let (name, columns, rows) = match &self.current {
            Some((start, digest)) => (start.table.clone(), start.columns.len(), digest.rows()),
            None => return Err(BackupError::Internal("no current table".into())),
        };
        if !self.read_line().await? {
            return Err(bad(format!(
                "the archive is truncated: it ends inside table `{name}` after {rows} rows"
            )));
        }
        let content = self.content();
        if content.starts_with(b"[") {
            let cells = format::decode_row(content).map_err(|e| {
                bad(format!(
                    "line {} (table `{name}`, row {}): {e}",
                    self.line_no,
                    rows + 1
                ))
            })?;
            if cells.len() != columns {
                return Err(bad(format!(
                    "line {} (table `{name}`, row {}): {} values for {columns} columns",
                    self.line_no,
                    rows + 1,
                    cells.len()
                )));
            }
            self.body.update(&self.line);
            if let Some((_, digest)) = self.current.as_mut() {
                digest.row(&self.line);
            }
            return Ok(Event::Row(cells));
        }
        if !content.starts_with(b"{\"end\"") {
            return Err(bad(format!(
                "line {} (table `{name}`): expected a row or the table's end, found `{}`",
                self.line_no,
                excerpt(content)
            )));
        }
        let end: TableEnd = serde_json::from_slice(content).map_err(|e| {
            bad(format!(
                "line {}: not the end of table `{name}`: {e}",
                self.line_no
            ))
        })?;
        self.body.update(&self.line);
        let Some((start, digest)) = self.current.take() else {
            return Err(BackupError::Internal("no current table".into()));
        };
        let (rows, sha256) = digest.finish();
        if end.end != name || end.rows != rows || end.sha256 != sha256 {
            return Err(bad(format!(
                "table `{name}` was altered: its {rows} rows do not match the count and \
                 SHA-256 written after them (line {})",
                self.line_no
            )));
        }
        self.tables.push(TableManifest {
            name: name.clone(),
            columns: start.columns,
            rows,
            sha256,
        });
        self.state = State::Between;
        Ok(Event::TableEnd { name, rows })
    }

    /// Checks the manifest line just read, its signature and that nothing follows.
    async fn finish(&mut self) -> Result<Box<Manifest>, BackupError> {
        let manifest_line = self.content().to_vec();
        let manifest_no = self.line_no;
        if !self.read_line().await? {
            return Err(bad(
                "the archive is truncated: the signature after the manifest is missing",
            ));
        }
        let signature: SignatureLine = serde_json::from_slice(self.content()).map_err(|_| {
            bad(format!(
                "line {}: expected the manifest's signature, found `{}`",
                self.line_no,
                excerpt(self.content())
            ))
        })?;
        // Only the spelling the writer uses: hex decoding alone would also take upper case.
        let lower_hex = |s: &str| s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if format::line(&signature)? != self.line
            || !lower_hex(&signature.signature)
            || !lower_hex(&signature.key_id)
        {
            return Err(bad(format!(
                "line {}: the signature line was altered",
                self.line_no
            )));
        }
        if self.read_line().await? {
            return Err(bad(format!(
                "line {}: unexpected data after the signature",
                self.line_no
            )));
        }
        let key_id = self.signer.key_id();
        if signature.key_id != key_id {
            return Err(bad(format!(
                "the archive was signed with audit key {}, not with the configured audit key {key_id}",
                signature.key_id
            )));
        }
        if !self.signer.verify(&manifest_line, &signature.signature) {
            return Err(bad(format!(
                "the manifest (line {manifest_no}) does not match its signature: the manifest or \
                 the signature was altered"
            )));
        }
        let ManifestLine { manifest } = serde_json::from_slice(&manifest_line)
            .map_err(|e| bad(format!("the manifest cannot be read: {e}")))?;
        self.state = State::Finished;
        self.check_manifest(&manifest, &key_id)?;
        Ok(Box::new(manifest))
    }

    fn check_manifest(&self, manifest: &Manifest, key_id: &str) -> Result<(), BackupError> {
        if manifest.format != FORMAT || manifest.version != VERSION || manifest.key_id != key_id {
            return Err(bad(
                "the manifest's format, version or key does not match the archive",
            ));
        }
        let body = hex::encode(self.body.clone().finalize());
        if manifest.body_sha256 != body {
            return Err(bad(
                "the archive was altered: its content does not match the SHA-256 in the manifest",
            ));
        }
        for (i, listed) in manifest.tables.iter().enumerate() {
            match self.tables.get(i) {
                Some(found) if found == listed => {}
                Some(found) => {
                    return Err(bad(format!(
                        "table `{}` does not match the manifest ({} rows, SHA-256 {} in the \
                         archive; the manifest lists `{}` with {} rows, SHA-256 {})",
                        found.name,
                        found.rows,
                        found.sha256,
                        listed.name,
                        listed.rows,
                        listed.sha256
                    )));
                }
                None => {
                    return Err(bad(format!(
                        "table `{}` is listed in the manifest but missing from the archive",
                        listed.name
                    )));
                }
            }
        }
        if let Some(extra) = self.tables.get(manifest.tables.len()) {
            return Err(bad(format!(
                "table `{}` is in the archive but not in the manifest",
                extra.name
            )));
        }
        Ok(())
    }
}
