//! A database the binary and a CLI test share: a SQLite file in the test's folder, or a new
//! PostgreSQL database on the server `ANZEN_TEST_POSTGRES_URL` names (`scripts/test` starts a
//! throwaway one), dropped when the test ends. Statements and counts run on either; each test
//! adds the other reads it needs in its own `impl Db` block.

use std::path::Path;

use sqlx::Connection;

const POSTGRES_URL_VAR: &str = "ANZEN_TEST_POSTGRES_URL";

pub struct Db {
    pub url: String,
    /// PostgreSQL: the server's admin URL and the database's name, dropped at the end.
    pg: Option<(String, String)>,
    pub rt: tokio::runtime::Runtime,
}

impl Db {
    pub fn sqlite(dir: &Path) -> Self {
        Self {
            url: format!("sqlite://{}", dir.join("d/anzen.db").display()),
            pg: None,
            rt: runtime(),
        }
    }

    /// A new database named `anzen_{purpose}_{process}_{nanoseconds}`.
    pub fn postgres(purpose: &str) -> Self {
        let admin = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
            panic!(
                "{POSTGRES_URL_VAR} is not set: this test needs a PostgreSQL server. Run \
                 scripts/test, which starts a throwaway cluster, or set the variable to \
                 postgres://USER@HOST:PORT/postgres"
            )
        });
        let rt = runtime();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let name = format!("anzen_{purpose}_{}_{nanos}", std::process::id());
        rt.block_on(async {
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
        });
        let (base, _) = admin.rsplit_once('/').unwrap();
        Self {
            url: format!("{base}/{name}"),
            pg: Some((admin, name)),
            rt,
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// Runs statements, one after the other, on one connection.
    pub fn exec(&self, statements: &[&str]) {
        self.rt.block_on(async {
            if self.is_postgres() {
                let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
                for s in statements {
                    sqlx::query(sqlx::AssertSqlSafe(*s))
                        .execute(&mut c)
                        .await
                        .unwrap();
                }
            } else {
                let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
                for s in statements {
                    sqlx::query(sqlx::AssertSqlSafe(*s))
                        .execute(&mut c)
                        .await
                        .unwrap();
                }
            }
        });
    }

    /// The one number a query answers (a `COUNT(*)`).
    pub fn count(&self, sql: &str) -> i64 {
        self.rt.block_on(async {
            if self.is_postgres() {
                let mut c = sqlx::PgConnection::connect(&self.url).await.unwrap();
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_one(&mut c)
                    .await
                    .unwrap()
            } else {
                let mut c = sqlx::SqliteConnection::connect(&self.url).await.unwrap();
                sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                    .fetch_one(&mut c)
                    .await
                    .unwrap()
            }
        })
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.clone() {
            self.rt.block_on(async move {
                if let Ok(mut conn) = sqlx::PgConnection::connect(&admin).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&mut conn)
                    .await;
                }
            });
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}
