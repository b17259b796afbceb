//! Storage ports: small, use-case shaped traits that `anzen-store` implements for SQLite and
//! PostgreSQL.
//!
//! Reads take the caller's [`Reach`] and return only rows within it ("not found" and "not
//! yours" are the same answer). Writes go through a transaction ([`Tx`]) that the use-case
//! opens, fills, seals with its audit entry and commits, so a change and its audit entry are
//! written together or not at all.

mod chain;
mod controls;
mod jobs;
mod reads;
mod records;
mod risk;
mod writes;

pub use anzen_domain::access::Reach;
pub use chain::*;
pub use controls::*;
pub use jobs::*;
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

/// Everything a store provides.
#[async_trait]
pub trait Store:
    OrgReads
    + OfferingReads
    + ContractReads
    + SupplyReads
    + AccountReads
    + AuditReads
    + JobStore
    + RiskReads
    + ChainReads
    + ControlReads
    + std::fmt::Debug
    + Send
    + Sync
{
    fn backend(&self) -> Backend;

    /// Applies every migration not yet applied.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Whether the database answers.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Opens a write transaction. Dropping it without `commit` rolls it back.
    async fn begin(&self) -> Result<Box<dyn Tx>, StoreError>;
}

/// The storage traits, for `use anzen_app::ports::prelude::*`.
pub mod prelude {
    pub use super::{
        AccountReads, AuditReads, ChainReads, ChainWrites, ContractReads, ControlReads,
        ControlWrites, JobStore, OfferingReads, OrgReads, RiskReads, RiskWrites, Store,
        SupplyReads, Tx,
    };
}
