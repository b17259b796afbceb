//! Test fixtures shared by the use-case and storage contract tests: fresh databases on
//! SQLite (a temporary file) and on PostgreSQL (a new database in the throwaway cluster that
//! `scripts/test` starts), and builders for realistic parties.

pub mod appendix2;
pub mod fixtures;
pub mod xlsx_fill;

use std::sync::Arc;

use anzen_app::ports::Store;
use anzen_app::{App, FixedClock};
use anzen_store::{SqlStore, StoreOptions};
use sqlx_free::database_name;

/// The environment variable naming the PostgreSQL server for tests: a URL whose database
/// the tests may use to create and drop their own databases.
pub const POSTGRES_URL_VAR: &str = "ANZEN_TEST_POSTGRES_URL";

/// A fresh, migrated database that is removed by [`TestDb::cleanup`].
#[derive(Debug)]
pub struct TestDb {
    pub store: Arc<SqlStore>,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Sqlite(tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A new SQLite database in a temporary folder.
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", dir.path().join("anzen.db").display());
        let store = SqlStore::open(&StoreOptions::new(url))
            .await
            .expect("SQLite opens and migrates");
        Self {
            store: Arc::new(store),
            kind: Kind::Sqlite(dir),
        }
    }

    /// The database file of a SQLite database (its -wal and -shm files are beside it).
    pub fn sqlite_path(&self) -> Option<std::path::PathBuf> {
        match &self.kind {
            Kind::Sqlite(dir) => Some(dir.path().join("anzen.db")),
            Kind::Postgres { .. } => None,
        }
    }

    /// A new database on the PostgreSQL server named by `ANZEN_TEST_POSTGRES_URL`.
    ///
    /// Panics when the variable is missing: the PostgreSQL half of the storage contract
    /// must run, never be skipped silently. `scripts/test` starts a throwaway cluster and
    /// sets the variable.
    pub async fn postgres() -> Self {
        let admin_url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
            panic!(
                "{POSTGRES_URL_VAR} is not set: the PostgreSQL storage tests need a server. \
                 Run scripts/test, which starts a throwaway PostgreSQL cluster, or set the \
                 variable to postgres://USER@HOST:PORT/postgres"
            )
        });
        let name = database_name();
        let admin = SqlStore::connect(&StoreOptions {
            max_connections: 1,
            ..StoreOptions::new(admin_url.clone())
        })
        .await
        .expect("the test PostgreSQL server answers");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(admin.pool())
            .await
            .expect("CREATE DATABASE");
        admin.close().await;
        let url = replace_database(&admin_url, &name);
        let store = SqlStore::open(&StoreOptions {
            max_connections: 4,
            ..StoreOptions::new(url)
        })
        .await
        .expect("PostgreSQL opens and migrates");
        Self {
            store: Arc::new(store),
            kind: Kind::Postgres { admin_url, name },
        }
    }

    /// The app over this database, with a fixed clock and a fixed audit key.
    pub fn app(&self) -> App {
        self.app_at(fixtures::now())
    }

    /// The app over this database with the clock at `now`.
    pub fn app_at(&self, now: jiff::Timestamp) -> App {
        let store: Arc<dyn Store> = self.store.clone();
        App::new(
            store,
            Arc::new(FixedClock(now)),
            Arc::new(fixtures::audit_key()),
        )
        .with_secret_cipher(Arc::new(fixtures::secrets_key()))
    }

    /// Removes the database.
    pub async fn cleanup(self) {
        self.store.close().await;
        if let Kind::Postgres { admin_url, name } = &self.kind {
            let admin = SqlStore::connect(&StoreOptions {
                max_connections: 1,
                ..StoreOptions::new(admin_url.clone())
            })
            .await
            .expect("the test PostgreSQL server answers");
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(admin.pool())
            .await
            .expect("DROP DATABASE");
            admin.close().await;
        }
    }
}

/// Replaces the database name (the path) of a PostgreSQL URL, keeping its query.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..host_end])
}

mod sqlx_free {
    /// A unique database name for one test.
    pub fn database_name() -> String {
        format!("anzen_test_{}", uuid::Uuid::now_v7().simple())
    }
}

/// Declares a test that runs an async story on both backends, named
/// `<module>::sqlite::<story>` and `<module>::postgres::<story>` so that the test output
/// shows each backend.
#[macro_export]
macro_rules! on_both_backends {
    ($($story:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let db = $crate::TestDb::sqlite().await;
                    $crate::run_story(db, |db| Box::pin(super::$story(db))).await;
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let db = $crate::TestDb::postgres().await;
                    $crate::run_story(db, |db| Box::pin(super::$story(db))).await;
                }
            )+
        }
    };
}

/// Runs a story in a task of its own, as a request handler runs (so that debug builds of the
/// store catch a use-case reading through the pool while it holds a transaction), then
/// removes the database. A panic of the story fails the test.
pub async fn run_story<F>(db: TestDb, story: F)
where
    F: for<'a> FnOnce(
            &'a TestDb,
        )
            -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + 'a>>
        + Send
        + 'static,
{
    let db = Arc::new(db);
    let in_task = db.clone();
    let outcome = tokio::spawn(async move { story(&in_task).await }).await;
    if let Ok(db) = Arc::try_unwrap(db) {
        db.cleanup().await;
    }
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            replace_database("postgres://u@127.0.0.1:5433/postgres", "x"),
            "postgres://u@127.0.0.1:5433/x"
        );
        assert_eq!(
            replace_database("postgres://u@localhost/postgres?host=/tmp/s", "x"),
            "postgres://u@localhost/x?host=/tmp/s"
        );
        assert_eq!(
            replace_database("postgres://u@h:1", "x"),
            "postgres://u@h:1/x"
        );
    }
}
