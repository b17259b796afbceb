//! SQLite and PostgreSQL implementations of anzen's storage ports.
//!
//! One code path through sqlx's `Any` driver: ids and timestamps are text, booleans 0/1, so
//! the same SQL (with `$n` placeholders) runs on both backends. Where the dialects must
//! differ (SQLite pragmas, how a write transaction begins) the branch lives in this file.
//!
//! Reads are implemented once for the store (a pooled connection) and for a write transaction
//! (`conn::both!`), so a use-case reads what it decides on inside its own transaction. On
//! SQLite, writers of one process queue on an in-process gate before they take the database's
//! write lock, so they wait in order instead of polling the lock; a writer that cannot start
//! in time, an exhausted pool or a lock refused is [`StoreError::Busy`] (503), never a failure.
//! Migrations are embedded, in pairs: `migrations/sqlite/` and `migrations/postgres/`.

mod accounts;
pub(crate) mod audit;
pub mod backup;
mod chain;
mod checklist;
mod codec;
mod conn;
mod contracts;
mod controls;
mod documents;
mod embedded;
mod evaluations;
mod existing;
mod files;
mod incidents;
mod jobs;
mod notifications_sent;
mod offerings;
mod oprules;
mod orgs;
mod review;
mod risk;
mod risk_context;
mod risk_thread;
mod sql;
mod supply;
mod tx;
mod upgrade;

use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

use anzen_app::StoreError;
use anzen_app::ops::{DB_WAIT_READ, DB_WAIT_WRITE};
use anzen_app::ports::{Backend, PoolUse, Store, Tx};

pub use codec::{date_to_db, ts_from_db, ts_to_db};
pub use conn::Sql;
pub use existing::{ExistingError, SIGNED_HEAD_MIGRATION, sqlite_path};
pub use files::create_private_dir;
pub use tx::{InTx, SqlTx};
pub use upgrade::{
    Migration, NewerDatabase, SchemaStatus, known_migrations, latest_version, status_of,
};

use embedded::{POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};

/// A store on SQLite or PostgreSQL, chosen by the database URL's scheme.
pub type SqlStore = conn::Sql<Pooled>;

/// The store's connections: its pool, and on SQLite the queue of its writers.
#[derive(Debug, Clone)]
pub struct Pooled {
    pool: AnyPool,
    /// SQLite: the writers' connection (see [`SqlStore::connect`]).
    write_pool: Option<AnyPool>,
    backend: Backend,
    /// SQLite: the queue of this process's writers (one write transaction at a time).
    write_gate: Option<Arc<AsyncMutex<()>>>,
    /// How long a writer or a reader waits for the gate or a connection before it is told
    /// the database is busy.
    wait: Duration,
    /// Debug builds: the tasks holding a write transaction, and those holding a connection.
    open_writes: conn::TaskSet,
    open_reads: conn::TaskSet,
}

/// How to open a store.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// `sqlite://PATH` (created when missing) or `postgres://…`.
    pub url: String,
    pub max_connections: u32,
    /// How long a request waits for a connection (or, on SQLite, for its turn to write)
    /// before it is refused as busy.
    pub wait: Duration,
}

impl StoreOptions {
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            max_connections: 8,
            wait: Duration::from_secs(10),
        }
    }
}

/// The backend a database URL names, or an error that lists the accepted schemes.
pub fn backend_of(url: &str) -> Result<Backend, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::Other(
            "database.url: unknown scheme (accepted: sqlite://PATH, postgres://…)".to_owned(),
        ))
    }
}

impl SqlStore {
    /// Connects to the database (creating a SQLite file, mode 0600, when missing). Does not
    /// migrate.
    pub async fn connect(options: &StoreOptions) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = backend_of(&options.url)?;
        if backend == Backend::Sqlite {
            files::prepare_sqlite_file(&options.url)?;
        }
        let url = match backend {
            Backend::Sqlite if !options.url.contains("mode=") => {
                let sep = if options.url.contains('?') { '&' } else { '?' };
                format!("{}{sep}mode=rwc", options.url)
            }
            _ => options.url.clone(),
        };
        let connect = AnyConnectOptions::from_str(&url).map_err(other)?;
        let options_for = |size: u32| {
            let pool = AnyPoolOptions::new()
                .max_connections(size)
                .acquire_timeout(options.wait);
            if backend != Backend::Sqlite {
                return pool;
            }
            pool.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute(
                        "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; \
                         PRAGMA synchronous = NORMAL;",
                    )
                    .await?;
                    Ok(())
                })
            })
        };
        if backend == Backend::Sqlite && !url.contains("mode=ro") {
            // WAL is a property of the database file: set once, before the pool opens. Setting
            // it on every new connection made connections opened together under load wait for
            // each other's locks (a 10 s stall of the first burst after a start).
            use sqlx::Connection;
            let mut first = sqlx::AnyConnection::connect_with(&connect)
                .await
                .map_err(other)?;
            first
                .execute("PRAGMA journal_mode = WAL")
                .await
                .map_err(other)?;
            first.close().await.map_err(other)?;
        }
        if backend == Backend::Postgres {
            // One plain connection first: an unreachable server or a refused login is named
            // as such, not hidden behind the pool's "no connection became free in time".
            use sqlx::Connection;
            let first = sqlx::AnyConnection::connect_with(&connect)
                .await
                .map_err(|e| StoreError::Other(format!("cannot connect: {e}")))?;
            first.close().await.map_err(other)?;
        }
        let pool = options_for(options.max_connections)
            .connect_with(connect.clone())
            .await
            .map_err(other)?;
        // SQLite has one writer at a time: its writers get a connection of their own, so that
        // a writer whose turn it is never waits behind readers for a pooled connection.
        // Opened on first use (a read-only store never opens it).
        let write_pool =
            (backend == Backend::Sqlite).then(|| options_for(1).connect_lazy_with(connect));
        Ok(conn::Sql(Pooled {
            pool,
            write_pool,
            backend,
            write_gate: (backend == Backend::Sqlite).then(|| Arc::new(AsyncMutex::new(()))),
            wait: options.wait,
            open_writes: conn::TaskSet::default(),
            open_reads: conn::TaskSet::default(),
        }))
    }

    /// Connects and applies every pending migration.
    pub async fn open(options: &StoreOptions) -> Result<Self, StoreError> {
        let store = Self::connect(options).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The migration file names of a backend, for the pairing check.
    pub fn migration_names(backend: Backend) -> Vec<String> {
        let m = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        m.iter()
            .map(|m| format!("{}_{}", m.version, m.description))
            .collect()
    }

    /// Closes every connection.
    pub async fn close(&self) {
        if let Some(w) = &self.write_pool {
            w.close().await;
        }
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> Backend {
        self.backend
    }

    /// Applies the pending migrations; refuses a database a newer anzen migrated.
    async fn migrate(&self) -> Result<(), StoreError> {
        self.refuse_newer().await?;
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Other(format!("migration failed: {e}")))
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map_err(other)?;
        Ok(())
    }

    async fn unapplied_migrations(&self) -> Result<Vec<i64>, StoreError> {
        self.pending_migrations().await
    }

    fn pool_use(&self) -> PoolUse {
        let idle = u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX);
        PoolUse {
            open: self.pool.size(),
            idle,
            max: self.pool.options().get_max_connections(),
        }
    }

    /// A use-case's transaction. Writers take turns from the start: on SQLite through the
    /// gate and `BEGIN IMMEDIATE`, on PostgreSQL by locking the audit chain's head row first
    /// (every change appends to the chain, so writers are ordered by it anyway). What a
    /// use-case reads in its transaction therefore cannot be changed by another writer before
    /// it commits, and no two writers can wait for each other's row locks (no deadlock).
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError> {
        let (gate, mut tx) = self.write_tx().await?;
        if self.backend == Backend::Postgres {
            audit::head(&mut tx, self.backend).await?;
        }
        Ok(Box::new(tx::SqlTx::new(
            tx,
            self.backend,
            gate,
            self.open_writes.mark(),
        )))
    }
}

impl Pooled {
    /// The pool writers take their connection from.
    fn writers_pool(&self) -> &AnyPool {
        self.write_pool.as_ref().unwrap_or(&self.pool)
    }

    /// Waits for this process's turn to write on SQLite (none on PostgreSQL, whose row locks
    /// order writers).
    async fn writers_turn(&self) -> Result<Option<OwnedMutexGuard<()>>, StoreError> {
        let Some(gate) = &self.write_gate else {
            return Ok(None);
        };
        tokio::time::timeout(self.wait, gate.clone().lock_owned())
            .await
            .map(Some)
            .map_err(|_| {
                StoreError::Busy(format!(
                    "no turn to write within {} s: other writers hold the database",
                    self.wait.as_secs()
                ))
            })
    }

    /// Begins a write transaction. On SQLite it first waits for the writers' gate, then
    /// takes the write lock at once (`BEGIN IMMEDIATE`), so that two writers wait for each
    /// other instead of failing when a read lock is upgraded.
    pub(crate) async fn write_tx(
        &self,
    ) -> Result<(Option<OwnedMutexGuard<()>>, Transaction<'static, Any>), StoreError> {
        self.refuse_nested_pool_use()?;
        let started = Instant::now();
        let gate = self.writers_turn().await?;
        let tx = match self.backend {
            Backend::Sqlite => self.writers_pool().begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
        .map_err(other)?;
        DB_WAIT_WRITE.observe(started.elapsed());
        Ok((gate, tx))
    }

    /// Debug builds: refuses the pool to a task that holds an open write transaction (it
    /// must read through the transaction) or a connection already (see `conn::TaskSet`).
    fn refuse_nested_pool_use(&self) -> Result<(), StoreError> {
        if self.open_writes.held_by_current_task() {
            return Err(StoreError::Other(
                "bug: a second connection was asked for while this task holds a write \
                 transaction; read through the transaction (one unit of work per use-case)"
                    .to_owned(),
            ));
        }
        if self.open_reads.held_by_current_task() {
            return Err(StoreError::Other(
                "bug: a second connection was asked for while this task holds one; use the \
                 connection it holds"
                    .to_owned(),
            ));
        }
        Ok(())
    }
}

impl conn::Source for Pooled {
    async fn conn(&self) -> Result<conn::Conn<'_>, StoreError> {
        self.refuse_nested_pool_use()?;
        let started = Instant::now();
        let c = self.pool.acquire().await.map_err(other)?;
        DB_WAIT_READ.observe(started.elapsed());
        Ok(conn::Conn::Pooled(c, self.open_reads.mark()))
    }

    async fn write_conn(&self) -> Result<conn::Conn<'_>, StoreError> {
        self.refuse_nested_pool_use()?;
        let started = Instant::now();
        let gate = self.writers_turn().await?;
        let c = self.writers_pool().acquire().await.map_err(other)?;
        DB_WAIT_WRITE.observe(started.elapsed());
        Ok(match gate {
            Some(g) => conn::Conn::Writing(g, c, self.open_reads.mark()),
            None => conn::Conn::Pooled(c, self.open_reads.mark()),
        })
    }
}

/// Whether a database error says "busy, try again": SQLite's BUSY and LOCKED (with their
/// extended codes), PostgreSQL's serialisation failure, deadlock, lock not available, too many
/// connections and "cannot connect now" (a restart).
fn is_busy(db: &dyn sqlx::error::DatabaseError) -> bool {
    let Some(code) = db.code() else {
        return false;
    };
    if matches!(&*code, "40001" | "40P01" | "55P03" | "53300" | "57P03") {
        return true;
    }
    // SQLite's (extended) result codes are numbers; PostgreSQL's SQLSTATEs have 5 characters.
    code.len() < 5 && code.parse::<i64>().is_ok_and(|n| matches!(n & 0xff, 5 | 6))
}

/// Maps a driver error to a typed store error.
pub(crate) fn other(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::RowNotFound => StoreError::NotFound,
        sqlx::Error::PoolTimedOut => {
            StoreError::Busy("no database connection became free in time".to_owned())
        }
        sqlx::Error::Io(e) => StoreError::Busy(format!("the database cannot be reached: {e}")),
        sqlx::Error::Database(db) if is_busy(&*db) => {
            StoreError::Busy(format!("the database is busy: {}", db.message()))
        }
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict(format!("already exists: {}", db.message()))
        }
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            StoreError::Conflict(format!("refers to a missing row: {}", db.message()))
        }
        sqlx::Error::Database(db) if db.is_check_violation() => {
            StoreError::Conflict(format!("violates a rule of the data: {}", db.message()))
        }
        e => StoreError::Other(e.to_string()),
    }
}
