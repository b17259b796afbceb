//! Backup and restore: a logical, signed archive of every table, the same format on SQLite
//! and PostgreSQL (so either can be restored into the other).
//!
//! A backup reads one snapshot (SQLite: one read transaction, i.e. one WAL snapshot, while
//! writers go on; PostgreSQL: one `REPEATABLE READ, READ ONLY` transaction) and streams it
//! row by row: memory does not grow with the database. The tables and their columns are read
//! from the database's catalogue, so a table or column added by a later migration is copied
//! without a change here. A restore goes into an empty database only: it checks the whole
//! archive first (format, every table's digest, the SHA-256 of the body and the manifest's
//! Ed25519 signature with the audit key), applies the migrations up to the archive's level,
//! loads every table in one transaction in foreign-key order, reads every table back and
//! compares its count and digest with the manifest before it commits.

mod format;
mod insert;
mod load;
mod reader;
mod schema;
mod writer;

use std::path::Path;

use futures_util::TryStreamExt;
use sqlx::{AssertSqlSafe, Row};
use tokio::io::{AsyncWrite, BufReader};

use anzen_app::ports::Backend;
use anzen_app::{AuditSigner, StoreError};

pub use format::{AppliedMigration, AuditMark, Manifest, TableManifest};
pub use load::{Restored, check_level};

use crate::{SqlStore, other};
use reader::{ArchiveReader, Event};
use writer::{ArchiveWriter, Draft};

/// Why a backup or a restore failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The archive is damaged, truncated, altered, or signed with another key.
    #[error("{0}")]
    BadArchive(String),
    /// The target of a restore already holds anzen data.
    #[error(
        "the database is not empty: table `{table}` holds rows; restore only into an empty \
         database (a new SQLite file, or a new PostgreSQL database)"
    )]
    NotEmpty { table: String },
    /// The archive does not fit this anzen or this database (migration level, tables).
    #[error("{0}")]
    Mismatch(String),
    #[error("cannot read or write the archive: {0}")]
    Io(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Internal(String),
}

impl BackupError {
    pub(crate) fn io(e: std::io::Error) -> Self {
        BackupError::Io(e.to_string())
    }

    /// Whether the caller can fix it (another archive, another key, an empty database).
    pub fn is_callers_fault(&self) -> bool {
        matches!(
            self,
            BackupError::BadArchive(_) | BackupError::NotEmpty { .. } | BackupError::Mismatch(_)
        )
    }
}

impl From<serde_json::Error> for BackupError {
    fn from(e: serde_json::Error) -> Self {
        BackupError::Internal(format!("cannot encode the archive: {e}"))
    }
}

/// Which step a long run is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Writing the archive.
    Backup,
    /// Checking the archive before anything is written.
    Check,
    /// Loading the archive into the database.
    Load,
    /// Reading the loaded tables back and comparing them with the manifest.
    Verify,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Backup => "backed up",
            Phase::Check => "checked",
            Phase::Load => "loaded",
            Phase::Verify => "verified",
        }
    }
}

/// Progress of a long run, for a status line.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    /// A table is done (`done` of `total` tables, when the total is known).
    Table {
        phase: Phase,
        table: &'a str,
        rows: u64,
        done: usize,
        total: Option<usize>,
    },
    /// A long table is under way.
    Rows {
        phase: Phase,
        table: &'a str,
        rows: u64,
    },
}

/// Rows between two progress reports within one table.
pub(crate) const PROGRESS_ROWS: u64 = 100_000;

/// A callback that receives progress reports.
pub type ProgressFn<'p> = dyn FnMut(Progress<'_>) + Send + 'p;

impl SqlStore {
    /// Writes an archive of one consistent snapshot of the whole database to `out` and
    /// returns its manifest (signed with `signer`) and `out`, flushed.
    pub async fn backup<W: AsyncWrite + Unpin>(
        &self,
        out: W,
        signer: &dyn AuditSigner,
        anzen_version: &str,
        progress: &mut ProgressFn<'_>,
    ) -> Result<(Manifest, W), BackupError> {
        let backend = self.backend;
        // SQLite: a deferred transaction whose first read fixes the WAL snapshot that every
        // later read sees; writers carry on meanwhile. PostgreSQL: one snapshot for all.
        let mut tx = match backend {
            Backend::Sqlite => self.pool().begin().await,
            Backend::Postgres => {
                self.pool()
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await
            }
        }
        .map_err(other)?;
        let created_at = crate::ts_to_db(jiff::Timestamp::now());
        let migrations = schema::applied_migrations(&mut tx, backend)
            .await?
            .filter(|m| !m.is_empty())
            .ok_or_else(|| {
                BackupError::Mismatch(
                    "the database holds no anzen schema (it was never migrated)".into(),
                )
            })?;
        let tables = schema::tables(&mut tx, backend).await?;
        let head = sqlx::query("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await
            .map_err(other)?;
        let audit = AuditMark {
            last_seq: head.try_get("last_seq").map_err(other)?,
            last_hash: head.try_get("last_hash").map_err(other)?,
        };
        let mut writer = ArchiveWriter::new(out).await?;
        let total = tables.len();
        for (i, table) in tables.iter().enumerate() {
            let columns = table.column_names();
            writer.begin_table(&table.name, &columns).await?;
            let sql = schema::select_sql(table, &columns, backend);
            let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(&mut *tx);
            while let Some(row) = rows.try_next().await.map_err(other)? {
                let n = writer.row(&schema::cells(&row)?).await?;
                if n.is_multiple_of(PROGRESS_ROWS) {
                    progress(Progress::Rows {
                        phase: Phase::Backup,
                        table: &table.name,
                        rows: n,
                    });
                }
            }
            drop(rows);
            let rows = writer.end_table().await?;
            progress(Progress::Table {
                phase: Phase::Backup,
                table: &table.name,
                rows,
                done: i + 1,
                total: Some(total),
            });
        }
        tx.rollback().await.map_err(other)?;
        let draft = Draft {
            anzen_version: anzen_version.to_owned(),
            created_at,
            backend: backend.name().to_owned(),
            migrations,
            audit,
        };
        writer.finish(draft, signer).await
    }
}

/// Reads the whole archive at `path` and checks it (format, every table's digest, the
/// body's SHA-256, the manifest's signature with `signer`) without touching any database.
pub async fn check_archive(
    path: &Path,
    signer: &dyn AuditSigner,
    progress: &mut ProgressFn<'_>,
) -> Result<Manifest, BackupError> {
    let mut reader = open_archive(path, signer).await?;
    let mut done = 0;
    let mut current = String::new();
    let mut rows = 0u64;
    loop {
        match reader.next().await? {
            Event::Table { name, .. } => {
                current = name;
                rows = 0;
            }
            Event::Row(_) => {
                rows += 1;
                if rows.is_multiple_of(PROGRESS_ROWS) {
                    progress(Progress::Rows {
                        phase: Phase::Check,
                        table: &current,
                        rows,
                    });
                }
            }
            Event::TableEnd { name, rows } => {
                done += 1;
                progress(Progress::Table {
                    phase: Phase::Check,
                    table: &name,
                    rows,
                    done,
                    total: None,
                });
            }
            Event::Done(manifest) => return Ok(*manifest),
        }
    }
}

pub(crate) async fn open_archive<'s>(
    path: &Path,
    signer: &'s dyn AuditSigner,
) -> Result<ArchiveReader<'s, BufReader<tokio::fs::File>>, BackupError> {
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| BackupError::Io(format!("{}: {e}", path.display())))?;
    ArchiveReader::open(BufReader::with_capacity(1 << 20, file), signer).await
}
