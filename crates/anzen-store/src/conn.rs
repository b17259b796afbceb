//! Where a read runs: on a connection from the pool (the store) or inside the use-case's write
//! transaction. Every read port is implemented once, for [`Sql<S>`] over any [`Source`]: the
//! store is `Sql<Pooled>` ([`crate::SqlStore`]), a transaction `Sql<InTx>`
//! ([`crate::tx::SqlTx`]). A read asks `self.conn()` for a connection.

use std::collections::HashSet;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};

use anzen_app::StoreError;
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Transaction};
use tokio::sync::{MutexGuard, OwnedMutexGuard};

/// A connection to read (or make an autocommit write) on.
pub enum Conn<'a> {
    Pooled(PoolConnection<Any>),
    /// A pooled connection for an autocommit write, holding SQLite's writers' gate.
    Writing(OwnedMutexGuard<()>, PoolConnection<Any>),
    Tx(MutexGuard<'a, Transaction<'static, Any>>),
}

impl std::fmt::Debug for Conn<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Conn::Pooled(_) => "Conn::Pooled",
            Conn::Writing(..) => "Conn::Writing",
            Conn::Tx(_) => "Conn::Tx",
        })
    }
}

impl Deref for Conn<'_> {
    type Target = AnyConnection;

    fn deref(&self) -> &AnyConnection {
        match self {
            Conn::Pooled(c) | Conn::Writing(_, c) => c,
            Conn::Tx(t) => t,
        }
    }
}

impl DerefMut for Conn<'_> {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        match self {
            Conn::Pooled(c) | Conn::Writing(_, c) => &mut *c,
            Conn::Tx(t) => &mut *t,
        }
    }
}

/// Where reads get their connection.
pub trait Source: Send + Sync {
    /// A connection to read on: from the pool, or the transaction's own.
    fn conn(&self) -> impl Future<Output = Result<Conn<'_>, StoreError>> + Send;
    /// A connection for an operational autocommit write that is not part of a use-case's
    /// change (touching a session, counting an attempt): on SQLite it waits for its turn
    /// among the writers; inside a transaction it is the transaction's.
    fn write_conn(&self) -> impl Future<Output = Result<Conn<'_>, StoreError>> + Send;
}

/// The storage ports over a source of connections.
#[derive(Debug, Clone)]
pub struct Sql<S>(pub(crate) S);

impl<S> Deref for Sql<S> {
    type Target = S;

    fn deref(&self) -> &S {
        &self.0
    }
}

impl<S> DerefMut for Sql<S> {
    fn deref_mut(&mut self) -> &mut S {
        &mut self.0
    }
}

/// The tasks that hold an open write transaction. A task that reads through the pool while
/// it holds one has made the mistake the unit-of-work rule forbids: on SQLite it would wait
/// for the write lock its own transaction holds. Debug builds refuse such a read, so every
/// test that takes the path fails; release builds do not pay for the check.
#[derive(Debug, Clone, Default)]
pub struct OpenWrites(Arc<Mutex<HashSet<tokio::task::Id>>>);

impl OpenWrites {
    /// Records that the current task opened a write transaction, until the mark is dropped.
    pub fn mark(&self) -> Option<WriteMark> {
        if !cfg!(debug_assertions) {
            return None;
        }
        let id = tokio::task::try_id()?;
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(id);
        Some(WriteMark {
            set: self.clone(),
            id,
        })
    }

    /// Whether the current task holds an open write transaction (debug builds only).
    pub fn held_by_current_task(&self) -> bool {
        if !cfg!(debug_assertions) {
            return false;
        }
        tokio::task::try_id().is_some_and(|id| {
            self.0
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(&id)
        })
    }
}

/// The mark of an open write transaction; removed when the transaction ends.
#[derive(Debug)]
pub struct WriteMark {
    set: OpenWrites,
    id: tokio::task::Id,
}

impl Drop for WriteMark {
    fn drop(&mut self) {
        self.set
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.id);
    }
}
