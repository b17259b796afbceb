//! Storage ports: small, use-case shaped traits that `anzen-store` implements for SQLite and
//! PostgreSQL.
//!
//! Reads take the caller's [`Reach`] and return only rows within it ("not found" and "not
//! yours" are the same answer). Writes go through a transaction ([`Tx`]) that the use-case
//! opens, fills, seals with its audit entry and commits, so a change and its audit entry are
//! written together or not at all.
//!
//! One unit of work per use-case: a [`Tx`] is also a [`Reads`]. A use-case that writes opens
//! its transaction first and makes every read it decides on through it, never through the
//! store's pool while the transaction is open (on SQLite the transaction holds the write lock;
//! a second connection would wait for a lock its own caller holds, and a pool of N connections
//! stalls at N concurrent writers). Inside a transaction on PostgreSQL, reads of one aggregate
//! by id lock its row (`FOR UPDATE`) so that what the use-case decided on cannot change before
//! it commits; on SQLite the transaction already holds the database's write lock. Helpers that
//! serve both reads and writes take `&dyn Reads`. Debug builds of the store refuse a pool read
//! made by a task that holds an open transaction, so the mistake fails every test that takes
//! the path.

mod chain;
mod checklist;
mod controls;
mod documents;
mod evaluations;
mod incidents;
mod jobs;
mod oprules;
mod reads;
mod records;
mod risk;
mod writes;

pub use anzen_domain::access::Reach;
pub use chain::*;
pub use checklist::*;
pub use controls::*;
pub use documents::*;
pub use evaluations::*;
pub use incidents::*;
pub use jobs::*;
pub use oprules::*;
pub use reads::*;
pub use records::*;
pub use risk::*;
pub use writes::*;

use async_trait::async_trait;

use crate::StoreError;

/// Which database a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A page of a listing: at most `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

impl Page {
    pub const MAX_LIMIT: i64 = 500;

    pub fn new(offset: i64, limit: i64) -> Self {
        Self {
            offset: offset.max(0),
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }

    pub fn first(limit: i64) -> Self {
        Self::new(0, limit)
    }

    /// Every row (for exports and internal use).
    pub fn all() -> Self {
        Self {
            offset: 0,
            limit: i64::MAX,
        }
    }
}

/// Every read a use-case makes: offered by the store (on a pooled connection) and by a write
/// transaction (inside it).
pub trait Reads:
    OrgReads
    + OfferingReads
    + ContractReads
    + SupplyReads
    + AccountReads
    + AuditReads
    + RiskReads
    + ChainReads
    + ControlReads
    + DocumentReads
    + EvaluationReads
    + RulesReads
    + IncidentReads
    + ChecklistReads
    + RiskContextReads
    + SentNotificationReads
    + Send
    + Sync
{
}

impl<T> Reads for T where
    T: OrgReads
        + OfferingReads
        + ContractReads
        + SupplyReads
        + AccountReads
        + AuditReads
        + RiskReads
        + ChainReads
        + ControlReads
        + DocumentReads
        + EvaluationReads
        + RulesReads
        + IncidentReads
        + ChecklistReads
        + RiskContextReads
        + SentNotificationReads
        + Send
        + Sync
        + ?Sized
{
}

/// The connections of a store's pool at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PoolUse {
    /// Connections open (idle or in use).
    pub open: u32,
    pub idle: u32,
    /// The most the pool opens.
    pub max: u32,
}

/// Everything a store provides.
#[async_trait]
pub trait Store: Reads + JobStore + std::fmt::Debug + Send + Sync {
    fn backend(&self) -> Backend;

    /// Applies every migration not yet applied.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Whether the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// The versions of this build's migrations the database has not applied (for the
    /// readiness check).
    async fn unapplied_migrations(&self) -> Result<Vec<i64>, StoreError>;

    /// The connections of the pool, for the metrics.
    fn pool_use(&self) -> PoolUse;

    /// Opens a write transaction. Dropping it without `commit` rolls it back.
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;
}

/// The storage traits, for `use anzen_app::ports::prelude::*`.
pub mod prelude {
    pub use super::{
        AccountReads, AuditReads, ChainReads, ChainWrites, ContractReads, ControlReads,
        ControlWrites, JobStore, OfferingReads, OrgReads, Reads, RiskReads, RiskWrites, Store,
        SupplyReads, Tx,
    };
}
