//! Writes an archive as a stream: one row in memory at a time.

use sha2::{Digest, Sha256};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use anzen_app::AuditSigner;

use super::BackupError;
use super::format::{
    self, AppliedMigration, AuditMark, Cell, FORMAT, Header, Manifest, ManifestLine, TableDigest,
    TableManifest, VERSION,
};

/// What the manifest says besides the tables and the digests.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub anzen_version: String,
    pub created_at: String,
    pub backend: String,
    pub migrations: Vec<AppliedMigration>,
    pub audit: AuditMark,
}

pub(crate) struct ArchiveWriter<W> {
    out: W,
    body: Sha256,
    current: Option<(String, Vec<String>, TableDigest)>,
    tables: Vec<TableManifest>,
    line: Vec<u8>,
}

impl<W: AsyncWrite + Unpin> ArchiveWriter<W> {
    /// Writes the format line.
    pub async fn new(out: W) -> Result<Self, BackupError> {
        let mut writer = Self {
            out,
            body: Sha256::new(),
            current: None,
            tables: Vec::new(),
            line: Vec::with_capacity(4096),
        };
        let header = format::line(&Header {
            format: FORMAT.to_owned(),
            version: VERSION,
        })?;
        writer.body(&header).await?;
        Ok(writer)
    }

    async fn body(&mut self, bytes: &[u8]) -> Result<(), BackupError> {
        self.body.update(bytes);
        self.out.write_all(bytes).await.map_err(BackupError::io)
    }

    pub async fn begin_table(&mut self, name: &str, columns: &[String]) -> Result<(), BackupError> {
        let start = format::start_line(name, columns)?;
        self.body(&start).await?;
        self.current = Some((name.to_owned(), columns.to_vec(), TableDigest::new(&start)));
        Ok(())
    }

    /// Writes a row of the current table; returns the rows written so far in that table.
    pub async fn row(&mut self, cells: &[Cell]) -> Result<u64, BackupError> {
        let mut line = std::mem::take(&mut self.line);
        line.clear();
        format::encode_row(cells, &mut line)?;
        self.body(&line).await?;
        let rows = match self.current.as_mut() {
            Some((_, _, digest)) => {
                digest.row(&line);
                digest.rows()
            }
            None => return Err(BackupError::Internal("a row outside a table".into())),
        };
        self.line = line;
        Ok(rows)
    }

    /// Closes the current table; returns its row count.
    pub async fn end_table(&mut self) -> Result<u64, BackupError> {
        let Some((name, columns, digest)) = self.current.take() else {
            return Err(BackupError::Internal("no table to end".into()));
        };
        let (rows, sha256) = digest.finish();
        let end = format::line(&format::TableEnd {
            end: name.clone(),
            rows,
            sha256: sha256.clone(),
        })?;
        self.body(&end).await?;
        self.tables.push(TableManifest {
            name,
            columns,
            rows,
            sha256,
        });
        Ok(rows)
    }

    /// Writes the signed manifest and flushes; returns the manifest and the output.
    pub async fn finish(
        mut self,
        draft: Draft,
        signer: &dyn AuditSigner,
    ) -> Result<(Manifest, W), BackupError> {
        if self.current.is_some() {
            return Err(BackupError::Internal("a table was not ended".into()));
        }
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            version: VERSION,
            anzen_version: draft.anzen_version,
            created_at: draft.created_at,
            backend: draft.backend,
            migration_level: draft.migrations.last().map_or(0, |m| m.version),
            migrations: draft.migrations,
            tables: self.tables,
            audit: draft.audit,
            body_sha256: hex::encode(self.body.finalize()),
            key_id: signer.key_id(),
        };
        let mut line = format::line(&ManifestLine {
            manifest: manifest.clone(),
        })?;
        let signature = format::signature_line(&line[..line.len() - 1], signer)?;
        line.extend_from_slice(&signature);
        self.out.write_all(&line).await.map_err(BackupError::io)?;
        self.out.flush().await.map_err(BackupError::io)?;
        Ok((manifest, self.out))
    }
}
