//! Where a database stands against this anzen's migrations, for safe upgrades: the
//! migrations it still needs (what `anzen migrate --check` lists, without applying them), and
//! the refusal of a database that a newer anzen migrated (an applied migration this binary
//! does not know), which no command of this binary may open.

use anzen_app::StoreError;
use anzen_app::ports::Backend;

use crate::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, SqlStore};

/// One of this anzen's migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migration {
    pub version: i64,
    /// The file name's description (`mhlw checklist` for `0021_mhlw_checklist.sql`).
    pub description: String,
}

/// A database's migrations against this anzen's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaStatus {
    /// The versions applied to the database, ascending (none on a new one).
    pub applied: Vec<i64>,
    /// This anzen's migrations not applied yet, in the order they would be applied.
    pub pending: Vec<Migration>,
    /// Applied versions this anzen does not know: a newer anzen migrated the database.
    pub unknown: Vec<i64>,
}

impl SchemaStatus {
    /// The newest version applied to the database (0 when none is).
    pub fn database_version(&self) -> i64 {
        self.applied.iter().copied().max().unwrap_or(0)
    }

    /// The refusal when a newer anzen migrated the database.
    pub fn refuse_newer(&self, backend: Backend) -> Result<(), NewerDatabase> {
        if self.unknown.is_empty() {
            return Ok(());
        }
        Err(NewerDatabase {
            database: self.database_version(),
            binary: latest_version(backend),
            unknown: self.unknown.clone(),
        })
    }
}

/// The database was migrated by a newer anzen: this binary must not open it (its code would
/// misread tables it does not know, and an older migration run could not undo the newer ones).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the database is at schema version {database}, newer than this anzen {version} (schema \
     version {binary}): it was upgraded by a newer anzen (unknown migrations: {unknown}). Run that \
     newer anzen, or restore a backup made before the upgrade into a new database",
    version = env!("CARGO_PKG_VERSION"),
    unknown = self.unknown.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
)]
pub struct NewerDatabase {
    /// The newest migration applied to the database.
    pub database: i64,
    /// The newest migration this anzen knows.
    pub binary: i64,
    /// The applied migrations this anzen does not know.
    pub unknown: Vec<i64>,
}

impl From<NewerDatabase> for StoreError {
    fn from(e: NewerDatabase) -> Self {
        StoreError::Other(e.to_string())
    }
}

fn migrator(backend: Backend) -> &'static sqlx::migrate::Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// This anzen's migrations on a backend, in order.
pub fn known_migrations(backend: Backend) -> Vec<Migration> {
    let mut all: Vec<Migration> = migrator(backend)
        .iter()
        .filter(|m| m.migration_type.is_up_migration())
        .map(|m| Migration {
            version: m.version,
            description: m.description.to_string(),
        })
        .collect();
    all.sort_by_key(|m| m.version);
    all
}

/// The newest migration this anzen knows on a backend: its schema version.
pub fn latest_version(backend: Backend) -> i64 {
    known_migrations(backend).last().map_or(0, |m| m.version)
}

/// Compares the applied versions with this anzen's migrations.
pub fn status_of(backend: Backend, applied: &[i64]) -> SchemaStatus {
    let known = known_migrations(backend);
    let mut applied = applied.to_vec();
    applied.sort_unstable();
    applied.dedup();
    let unknown = applied
        .iter()
        .copied()
        .filter(|v| !known.iter().any(|m| m.version == *v))
        .collect();
    let pending = known
        .into_iter()
        .filter(|m| !applied.contains(&m.version))
        .collect();
    SchemaStatus {
        applied,
        pending,
        unknown,
    }
}

impl SqlStore {
    /// Where the database stands against this anzen's migrations. Reads only.
    pub async fn schema_status(&self) -> Result<SchemaStatus, StoreError> {
        let applied = self.applied_migrations().await?;
        Ok(status_of(self.backend, &applied))
    }

    /// Refuses a database that a newer anzen migrated (see [`NewerDatabase`]).
    pub async fn refuse_newer(&self) -> Result<(), StoreError> {
        self.schema_status()
            .await?
            .refuse_newer(self.backend)
            .map_err(StoreError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_and_unknown_migrations_are_told_apart() {
        let latest = latest_version(Backend::Sqlite);
        assert!(latest >= 21, "the shipped migrations reach 21 at least");
        let upto: Vec<i64> = (1..=latest - 2).collect();
        let s = status_of(Backend::Sqlite, &upto);
        assert_eq!(
            s.pending.iter().map(|m| m.version).collect::<Vec<_>>(),
            vec![latest - 1, latest]
        );
        assert!(s.unknown.is_empty());
        assert_eq!(s.refuse_newer(Backend::Sqlite), Ok(()));

        let mut newer: Vec<i64> = (1..=latest).collect();
        newer.push(latest + 7);
        let s = status_of(Backend::Postgres, &newer);
        assert!(s.pending.is_empty());
        let refusal = s.refuse_newer(Backend::Postgres).unwrap_err();
        assert_eq!(refusal.database, latest + 7);
        assert_eq!(refusal.binary, latest);
        let text = refusal.to_string();
        assert!(
            text.contains(&format!("schema version {}", latest + 7))
                && text.contains(&format!("schema version {latest})")),
            "{text}"
        );
    }
}
