//! Opening a database that must already exist, for the commands that only read: they never
//! create a SQLite file (the connection asks for `mode=rw`, not `mode=rwc`) and never apply a
//! migration; a missing or not yet migrated database is an error that says where it looked.
//! Also what the demo needs to tell an empty database and to empty one.

use std::path::PathBuf;

use sqlx::Row;

use anzen_app::StoreError;
use anzen_app::ports::Backend;

use crate::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS, SqlStore, StoreOptions, backend_of, other};

/// The migration that adds the head's signature: a start that applies it signs the head.
pub const SIGNED_HEAD_MIGRATION: i64 = 9;

/// Why an existing database cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum ExistingError {
    /// No SQLite file at the path.
    #[error("there is no database at {}", .0.display())]
    Missing(PathBuf),
    /// The database holds no anzen schema.
    #[error("the database holds no anzen data (it was never migrated)")]
    NotMigrated,
    /// Migrations of this version of anzen are not applied yet.
    #[error("the database is at schema version {applied}; this anzen needs version {latest}")]
    Behind { applied: i64, latest: i64 },
    /// A newer anzen migrated the database.
    #[error(transparent)]
    Newer(#[from] crate::NewerDatabase),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The file a SQLite URL names (`None` for an in-memory database).
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" || url.contains("mode=memory") {
        return None;
    }
    Some(PathBuf::from(path))
}

fn latest(backend: Backend) -> i64 {
    let m = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    m.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The schema version a database is at: the newest of this anzen's migrations up to which
/// every one is applied (a later migration applied out of order does not count while an
/// earlier one is missing).
fn level_of(backend: Backend, applied: &[i64]) -> i64 {
    let m = match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    };
    let mut known: Vec<i64> = m.iter().map(|m| m.version).collect();
    known.sort_unstable();
    let mut level = 0;
    for v in known {
        if !applied.contains(&v) {
            break;
        }
        level = v;
    }
    level
}

impl SqlStore {
    /// Connects to an existing database that is migrated to this version of anzen. Creates no
    /// file and applies no migration.
    pub async fn open_existing(options: &StoreOptions) -> Result<Self, ExistingError> {
        let backend = backend_of(&options.url)?;
        let mut options = options.clone();
        if backend == Backend::Sqlite {
            if let Some(path) = sqlite_path(&options.url)
                && !path.is_file()
            {
                return Err(ExistingError::Missing(path));
            }
            options.url = if options.url.contains("mode=") {
                options.url.replace("mode=rwc", "mode=rw")
            } else {
                let sep = if options.url.contains('?') { '&' } else { '?' };
                format!("{}{sep}mode=rw", options.url)
            };
        }
        let store = Self::connect(&options).await?;
        let applied = store.applied_migrations().await?;
        if applied.is_empty() {
            store.close().await;
            return Err(ExistingError::NotMigrated);
        }
        if let Err(newer) = crate::status_of(backend, &applied).refuse_newer(backend) {
            store.close().await;
            return Err(newer.into());
        }
        let latest = latest(backend);
        let level = level_of(backend, &applied);
        if level < latest {
            store.close().await;
            return Err(ExistingError::Behind {
                applied: level,
                latest,
            });
        }
        Ok(store)
    }

    /// The versions of the migrations applied to the database (none on a new one).
    pub async fn applied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        let exists = match self.backend {
            Backend::Sqlite => {
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'"
            }
            Backend::Postgres => {
                "SELECT COUNT(*) FROM information_schema.tables \
                 WHERE table_name = '_sqlx_migrations' AND table_schema = ANY(current_schemas(false))"
            }
        };
        let n: i64 = sqlx::query(exists)
            .fetch_one(&self.pool)
            .await
            .and_then(|r| r.try_get(0))
            .map_err(other)?;
        if n == 0 {
            return Ok(Vec::new());
        }
        sqlx::query("SELECT version FROM _sqlx_migrations WHERE success ORDER BY version")
            .fetch_all(&self.pool)
            .await
            .map_err(other)?
            .iter()
            .map(|r| r.try_get::<i64, _>(0).map_err(other))
            .collect()
    }

    /// The versions of this anzen's migrations not yet applied to the database.
    pub async fn pending_migrations(&self) -> Result<Vec<i64>, StoreError> {
        Ok(self
            .schema_status()
            .await?
            .pending
            .iter()
            .map(|m| m.version)
            .collect())
    }
}

impl SqlStore {
    /// The tables in the database (on PostgreSQL: in its current schema).
    pub async fn tables(&self) -> Result<Vec<String>, StoreError> {
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 ORDER BY name"
            }
            Backend::Postgres => {
                "SELECT table_name::text FROM information_schema.tables \
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
            }
        };
        sqlx::query(sql)
            .fetch_all(&self.pool)
            .await
            .map_err(other)?
            .iter()
            .map(|r| r.try_get::<String, _>(0).map_err(other))
            .collect()
    }

    /// The schema the tables are in: `main` on SQLite, the current schema on PostgreSQL.
    pub async fn schema_name(&self) -> Result<String, StoreError> {
        match self.backend {
            Backend::Sqlite => Ok("main".to_owned()),
            Backend::Postgres => sqlx::query("SELECT current_schema()::text")
                .fetch_one(&self.pool)
                .await
                .and_then(|r| r.try_get::<String, _>(0))
                .map_err(other),
        }
    }

    /// Drops every table [`SqlStore::tables`] lists, with its data (for `anzen demo --force`
    /// on a database server).
    pub async fn drop_all_tables(&self) -> Result<(), StoreError> {
        for table in self.tables().await? {
            let quoted = format!("\"{}\"", table.replace('"', "\"\""));
            let cascade = match self.backend {
                Backend::Postgres => " CASCADE",
                Backend::Sqlite => "",
            };
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP TABLE IF EXISTS {quoted}{cascade}"
            )))
            .execute(&self.pool)
            .await
            .map_err(other)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_path("sqlite://data/anzen.db?mode=rwc"),
            Some(PathBuf::from("data/anzen.db"))
        );
        assert_eq!(
            sqlite_path("sqlite:/tmp/a.db"),
            Some(PathBuf::from("/tmp/a.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
        assert_eq!(sqlite_path("postgres://h/db"), None);
    }
}
