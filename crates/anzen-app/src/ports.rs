//! Storage ports: small, use-case shaped traits that `anzen-store` implements for SQLite and
//! PostgreSQL. Every lookup of an owned row takes the owning organisation (never "find by id"
//! alone), and every mutating method runs in one transaction.

use async_trait::async_trait;

use anzen_domain::contract::Contract;
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::offering::{Offering, VerdictRecord};
use anzen_domain::org::Organisation;
use anzen_domain::supply::SupplyLink;

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

    pub fn first(limit: i64) -> Self {
        Self {
            offset: 0,
            limit: limit.clamp(1, Self::MAX_LIMIT),
        }
    }

    pub fn all() -> Self {
        Self {
            offset: 0,
            limit: i64::MAX,
        }
    }
}

/// Organisations.
#[async_trait]
pub trait OrgStore: Send + Sync {
    async fn insert_organisation(&self, org: &Organisation) -> Result<(), StoreError>;

    /// An organisation visible within `scope` (itself or one it registered); `None` = any.
    async fn organisation(
        &self,
        scope: Option<OrgId>,
        id: OrgId,
    ) -> Result<Organisation, StoreError>;

    /// Organisations visible within `scope`, by name.
    async fn list_organisations(
        &self,
        scope: Option<OrgId>,
        page: Page,
    ) -> Result<Vec<Organisation>, StoreError>;
}

/// Offerings and their verdict history.
#[async_trait]
pub trait OfferingStore: Send + Sync {
    /// Inserts the offering and its first verdict record together.
    async fn insert_offering(
        &self,
        offering: &Offering,
        first: &VerdictRecord,
    ) -> Result<(), StoreError>;

    /// Replaces the profile and verdict of an offering whose revision is still
    /// `expected_revision`, and appends `record` to its history, in one transaction.
    /// A different revision gives [`StoreError::Conflict`].
    async fn update_offering_verdict(
        &self,
        owner: OrgId,
        offering: &Offering,
        expected_revision: i64,
        record: &VerdictRecord,
    ) -> Result<(), StoreError>;

    async fn offering(&self, owner: Option<OrgId>, id: OfferingId) -> Result<Offering, StoreError>;

    async fn list_offerings(
        &self,
        owner: Option<OrgId>,
        page: Page,
    ) -> Result<Vec<Offering>, StoreError>;

    /// The verdict history of an offering, oldest first.
    async fn verdict_history(
        &self,
        owner: Option<OrgId>,
        id: OfferingId,
    ) -> Result<Vec<VerdictRecord>, StoreError>;
}

/// Contracts between institutions and providers.
#[async_trait]
pub trait ContractStore: Send + Sync {
    async fn insert_contract(&self, contract: &Contract) -> Result<(), StoreError>;

    async fn list_contracts(
        &self,
        owner: Option<OrgId>,
        page: Page,
    ) -> Result<Vec<Contract>, StoreError>;
}

/// Supply links between offerings and their suppliers.
#[async_trait]
pub trait SupplyStore: Send + Sync {
    async fn insert_supply_link(&self, link: &SupplyLink) -> Result<(), StoreError>;

    async fn list_supply_links(
        &self,
        owner: Option<OrgId>,
        offering: Option<OfferingId>,
    ) -> Result<Vec<SupplyLink>, StoreError>;
}

/// Everything a store provides.
#[async_trait]
pub trait Store: OrgStore + OfferingStore + ContractStore + SupplyStore + std::fmt::Debug {
    fn backend(&self) -> Backend;

    /// Applies every migration not yet applied.
    async fn migrate(&self) -> Result<(), StoreError>;

    /// Whether the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
}
