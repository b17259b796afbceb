//! Restore: into an empty database only, in one transaction that is checked before it
//! commits.

use std::path::Path;

use futures_util::TryStreamExt;
use sqlx::{AnyConnection, AssertSqlSafe};

use anzen_app::ports::Backend;
use anzen_app::{AuditSigner, StoreError};

use super::format::{self, AppliedMigration, Cell, Manifest, TableDigest};
use super::insert::Loader;
use super::reader::Event;
use super::schema::{self, Table, quote};
use super::{BackupError, PROGRESS_ROWS, Phase, Progress, ProgressFn};
use crate::{SqlStore, other};

/// Rows a freshly migrated database may hold (what migrations seed), kept to undo a restore.
const MAX_SEEDED: usize = 1_000;

/// What a committed restore replaced: the rows the migrations had seeded, so that
/// [`SqlStore::undo_restore`] can put the database back as it was.
#[derive(Debug, Clone)]
pub struct Restored {
    seeded: Vec<(String, Vec<String>, Vec<Vec<Cell>>)>,
}

pub(super) fn changed() -> BackupError {
    BackupError::BadArchive("the archive changed while it was being restored".into())
}

impl SqlStore {
    /// Refuses a database that holds any anzen rows, naming the first such table. A database
    /// that was never migrated, or migrated and never used, is empty.
    pub async fn ensure_empty(&self) -> Result<(), BackupError> {
        let mut conn = self.pool().acquire().await.map_err(other)?;
        let mut tables = schema::tables(&mut conn, self.backend).await?;
        // The chain's head comes last: a table with the data itself is the better name.
        tables.sort_by_key(|t| t.name == "audit_head");
        for table in tables {
            // The chain's head row is seeded by the migrations; at sequence 0 it is empty.
            let sql = if table.name == "audit_head" {
                "SELECT 1 FROM audit_head WHERE last_seq <> 0 LIMIT 1".to_owned()
            } else {
                format!("SELECT 1 FROM {} LIMIT 1", quote(&table.name))
            };
            let row = sqlx::query(AssertSqlSafe(sql))
                .fetch_optional(&mut *conn)
                .await
                .map_err(other)?;
            if row.is_some() {
                return Err(BackupError::NotEmpty { table: table.name });
            }
        }
        Ok(())
    }

    /// Restores the archive at `path`, which [`super::check_archive`] returned `manifest`
    /// for, into this empty database: migrations up to the archive's level, then every
    /// table in one transaction, read back and compared with the manifest before commit.
    /// The archive is checked again as it is loaded; any difference rolls everything back.
    pub async fn restore(
        &self,
        path: &Path,
        manifest: &Manifest,
        signer: &dyn AuditSigner,
        progress: &mut ProgressFn<'_>,
    ) -> Result<Restored, BackupError> {
        self.ensure_empty().await?;
        self.migrate_to(manifest).await?;
        let mut conn = self.pool().acquire().await.map_err(other)?;
        let tables = schema::tables(&mut conn, self.backend).await?;
        check_tables(&tables, manifest)?;
        let seeded = seeded_rows(&mut conn, &tables).await?;
        drop(conn);

        let (_gate, mut tx) = self.write_tx().await?;
        // Nothing was written since the check (SQLite's write lock now keeps it so).
        for table in &tables {
            let sql = format!("SELECT COUNT(*) FROM {}", quote(&table.name));
            let rows: i64 = sqlx::query_scalar(AssertSqlSafe(sql))
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
            let expected = seeded
                .iter()
                .find(|(name, _, _)| name == &table.name)
                .map_or(0, |(_, _, rows)| rows.len());
            if usize::try_from(rows).ok() != Some(expected) {
                return Err(BackupError::NotEmpty {
                    table: table.name.clone(),
                });
            }
        }
        defer_self_references(&mut tx, self.backend, &tables).await?;
        for (name, _, _) in seeded.iter().rev() {
            schema::execute(&mut tx, format!("DELETE FROM {}", quote(name))).await?;
        }
        load(&mut tx, path, manifest, signer, &tables, progress).await?;
        verify(&mut tx, manifest, &tables, self.backend, progress).await?;
        check_references(&mut tx, self.backend, &tables).await?;
        tx.commit().await.map_err(other)?;
        Ok(Restored { seeded })
    }

    /// Removes every row a committed restore wrote and puts back what the migrations had
    /// seeded, in one transaction (when the restored data fails a later check).
    pub async fn undo_restore(&self, restored: &Restored) -> Result<(), BackupError> {
        let (_gate, mut tx) = self.write_tx().await?;
        let tables = schema::tables(&mut tx, self.backend).await?;
        for table in tables.iter().rev() {
            schema::execute(&mut tx, format!("DELETE FROM {}", quote(&table.name))).await?;
        }
        for (name, columns, rows) in &restored.seeded {
            if let Some(table) = tables.iter().find(|t| &t.name == name) {
                let mut loader = Loader::new(table, columns.clone())?;
                for row in rows {
                    loader.push(row.clone());
                }
                loader.flush(&mut tx).await?;
            }
        }
        tx.commit().await.map_err(other)?;
        Ok(())
    }

    /// Applies this anzen's migrations up to the archive's level, after checking that they
    /// are the archive's and that the database is not beyond it.
    async fn migrate_to(&self, manifest: &Manifest) -> Result<(), BackupError> {
        let migrator = check_level(manifest, self.backend)?;
        let level = manifest.migration_level;
        let mut conn = self.pool().acquire().await.map_err(other)?;
        let applied = schema::applied_migrations(&mut conn, self.backend).await?;
        drop(conn);
        if let Some(beyond) = applied
            .unwrap_or_default()
            .iter()
            .find(|m| m.version > level)
        {
            return Err(BackupError::Mismatch(format!(
                "the database is already migrated to {:04}_{}, beyond the archive's level \
                 {level}; restore into a database that was never migrated (a new SQLite file \
                 or a new PostgreSQL database)",
                beyond.version, beyond.description
            )));
        }
        migrator
            .run_to(level, self.pool())
            .await
            .map_err(|e| StoreError::Other(format!("migration failed: {e}")))?;
        Ok(())
    }
}

/// Checks that this anzen knows the archive's migrations (the same versions, the same
/// names, none missing up to its level) on `backend`; returns that backend's migrations.
pub fn check_level(
    manifest: &Manifest,
    backend: Backend,
) -> Result<&'static sqlx::migrate::Migrator, BackupError> {
    let migrator = match backend {
        Backend::Sqlite => &crate::SQLITE_MIGRATIONS,
        Backend::Postgres => &crate::POSTGRES_MIGRATIONS,
    };
    let level = manifest.migration_level;
    let known: Vec<AppliedMigration> = migrator
        .iter()
        .map(|m| AppliedMigration {
            version: m.version,
            description: m.description.to_string(),
        })
        .collect();
    if let Some(unknown) = manifest.migrations.iter().find(|m| !known.contains(m)) {
        return Err(BackupError::Mismatch(format!(
            "the archive's database was migrated to {:04}_{}, which this anzen does not \
             know; restore it with anzen {} or newer",
            unknown.version, unknown.description, manifest.anzen_version
        )));
    }
    let expected: Vec<&AppliedMigration> = known.iter().filter(|m| m.version <= level).collect();
    if manifest.migrations.iter().collect::<Vec<_>>() != expected
        || manifest.migrations.last().map_or(0, |m| m.version) != level
    {
        return Err(BackupError::Mismatch(format!(
            "the archive lists migrations that differ from this anzen's up to level {level}"
        )));
    }
    Ok(migrator)
}

/// The archive's tables must be the database's at that level, with the same columns, in an
/// order where each table follows the tables it refers to.
fn check_tables(tables: &[Table], manifest: &Manifest) -> Result<(), BackupError> {
    let position = |name: &str| manifest.tables.iter().position(|t| t.name == name);
    for (i, listed) in manifest.tables.iter().enumerate() {
        let Some(table) = tables.iter().find(|t| t.name == listed.name) else {
            return Err(BackupError::Mismatch(format!(
                "the archive holds table `{}`, which the database does not have at migration \
                 level {}",
                listed.name, manifest.migration_level
            )));
        };
        let mut archived = listed.columns.clone();
        archived.sort();
        let mut present = table.column_names();
        present.sort();
        if archived != present {
            return Err(BackupError::Mismatch(format!(
                "table `{}`: the archive's columns ({}) differ from the database's ({})",
                listed.name,
                archived.join(", "),
                present.join(", ")
            )));
        }
        if let Some(parent) = table.parents.iter().find(|p| position(p) > Some(i)) {
            return Err(BackupError::Mismatch(format!(
                "table `{}` comes before `{parent}`, which it refers to",
                listed.name
            )));
        }
    }
    if let Some(missing) = tables.iter().find(|t| position(&t.name).is_none()) {
        return Err(BackupError::Mismatch(format!(
            "the database has table `{}`, which the archive lacks",
            missing.name
        )));
    }
    Ok(())
}

async fn seeded_rows(
    conn: &mut AnyConnection,
    tables: &[Table],
) -> Result<Vec<(String, Vec<String>, Vec<Vec<Cell>>)>, BackupError> {
    let mut seeded = Vec::new();
    let mut total = 0;
    for table in tables {
        let columns = table.column_names();
        let sql = format!(
            "SELECT {} FROM {} LIMIT {}",
            columns
                .iter()
                .map(|c| quote(c))
                .collect::<Vec<_>>()
                .join(", "),
            quote(&table.name),
            MAX_SEEDED + 1
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&mut *conn)
            .await
            .map_err(other)?;
        total += rows.len();
        if total > MAX_SEEDED {
            return Err(BackupError::NotEmpty {
                table: table.name.clone(),
            });
        }
        if !rows.is_empty() {
            let rows = rows
                .iter()
                .map(schema::cells)
                .collect::<Result<Vec<_>, _>>()?;
            seeded.push((table.name.clone(), columns, rows));
        }
    }
    Ok(seeded)
}

/// Self-references (an organisation registered by another) are checked at the end of the
/// load, so that rows may come in key order: SQLite defers every foreign key for this
/// transaction; PostgreSQL makes the self-referencing ones deferrable until
/// [`check_references`].
async fn defer_self_references(
    conn: &mut AnyConnection,
    backend: Backend,
    tables: &[Table],
) -> Result<(), BackupError> {
    match backend {
        Backend::Sqlite => schema::execute(conn, "PRAGMA defer_foreign_keys = ON".into()).await,
        Backend::Postgres => {
            for table in tables {
                for constraint in &table.self_refs {
                    schema::execute(
                        conn,
                        format!(
                            "ALTER TABLE {} ALTER CONSTRAINT {} DEFERRABLE INITIALLY DEFERRED",
                            quote(&table.name),
                            quote(constraint)
                        ),
                    )
                    .await?;
                    schema::execute(
                        conn,
                        format!("SET CONSTRAINTS {} DEFERRED", quote(constraint)),
                    )
                    .await?;
                }
            }
            Ok(())
        }
    }
}

/// Checks the deferred references now (naming a broken one) and, on PostgreSQL, makes the
/// constraints immediate again as the migrations created them.
async fn check_references(
    conn: &mut AnyConnection,
    backend: Backend,
    tables: &[Table],
) -> Result<(), BackupError> {
    match backend {
        Backend::Sqlite => {
            let broken = sqlx::query("SELECT \"table\", parent FROM pragma_foreign_key_check")
                .fetch_optional(&mut *conn)
                .await
                .map_err(other)?;
            if let Some(row) = broken {
                use sqlx::Row;
                let table: String = row.try_get(0).map_err(other)?;
                let parent: String = row.try_get(1).map_err(other)?;
                return Err(BackupError::Internal(format!(
                    "a row of `{table}` refers to a missing row of `{parent}`"
                )));
            }
            Ok(())
        }
        Backend::Postgres => {
            schema::execute(conn, "SET CONSTRAINTS ALL IMMEDIATE".into()).await?;
            for table in tables {
                for constraint in &table.self_refs {
                    schema::execute(
                        conn,
                        format!(
                            "ALTER TABLE {} ALTER CONSTRAINT {} NOT DEFERRABLE INITIALLY IMMEDIATE",
                            quote(&table.name),
                            quote(constraint)
                        ),
                    )
                    .await?;
                }
            }
            Ok(())
        }
    }
}

/// Streams the archive into the tables, checking it again on the way.
async fn load(
    conn: &mut AnyConnection,
    path: &Path,
    manifest: &Manifest,
    signer: &dyn AuditSigner,
    tables: &[Table],
    progress: &mut ProgressFn<'_>,
) -> Result<(), BackupError> {
    let mut reader = super::open_archive(path, signer).await?;
    let mut loader: Option<Loader> = None;
    let mut done = 0;
    loop {
        match reader.next().await? {
            Event::Table { name, columns } => {
                let listed = manifest.tables.get(done).ok_or_else(changed)?;
                if listed.name != name || listed.columns != columns {
                    return Err(changed());
                }
                let table = tables.iter().find(|t| t.name == name).ok_or_else(changed)?;
                loader = Some(Loader::new(table, columns)?);
            }
            Event::Row(cells) => {
                let l = loader.as_mut().ok_or_else(changed)?;
                l.push(cells);
                if l.is_full() {
                    l.flush(conn).await?;
                }
                if l.rows.is_multiple_of(PROGRESS_ROWS) {
                    progress(Progress::Rows {
                        phase: Phase::Load,
                        table: &l.table,
                        rows: l.rows,
                    });
                }
            }
            Event::TableEnd { name, rows } => {
                if let Some(mut l) = loader.take() {
                    l.flush(conn).await?;
                }
                done += 1;
                progress(Progress::Table {
                    phase: Phase::Load,
                    table: &name,
                    rows,
                    done,
                    total: Some(manifest.tables.len()),
                });
            }
            Event::Done(read) => {
                return if *read == *manifest {
                    Ok(())
                } else {
                    Err(changed())
                };
            }
        }
    }
}

/// Reads every table back in the archive's order and compares its count and digest with
/// the manifest: what was committed is exactly what was backed up.
async fn verify(
    conn: &mut AnyConnection,
    manifest: &Manifest,
    tables: &[Table],
    backend: Backend,
    progress: &mut ProgressFn<'_>,
) -> Result<(), BackupError> {
    let mut line = Vec::with_capacity(4096);
    for (i, listed) in manifest.tables.iter().enumerate() {
        let table = tables
            .iter()
            .find(|t| t.name == listed.name)
            .ok_or_else(changed)?;
        let mut digest = TableDigest::new(&format::start_line(&listed.name, &listed.columns)?);
        let sql = schema::select_sql(table, &listed.columns, backend);
        let mut rows = sqlx::query(AssertSqlSafe(sql)).fetch(&mut *conn);
        while let Some(row) = rows.try_next().await.map_err(other)? {
            line.clear();
            format::encode_row(&schema::cells(&row)?, &mut line)?;
            digest.row(&line);
        }
        let (count, sha256) = digest.finish();
        if count != listed.rows || sha256 != listed.sha256 {
            return Err(BackupError::Internal(format!(
                "table `{}` as loaded differs from the archive ({count} rows read back, {} in \
                 the manifest{})",
                listed.name,
                listed.rows,
                if count == listed.rows {
                    ", with different content"
                } else {
                    ""
                }
            )));
        }
        progress(Progress::Table {
            phase: Phase::Verify,
            table: &listed.name,
            rows: count,
            done: i + 1,
            total: Some(manifest.tables.len()),
        });
    }
    Ok(())
}
