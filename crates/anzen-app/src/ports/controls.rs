//! The control ports (FAQ 5.3, 5.4, 7): versions of the Appendix 2 catalogue, the controls a
//! provider defines itself, and the statements of applicability of each offering with their
//! history.
//!
//! A catalogue version belongs to the provider that imported it; a version an operator
//! imported without acting for an organisation is installation-wide. A provider sees its own
//! versions and the installation-wide ones, and nothing another provider imported; versions
//! are written once and never changed. Provider controls and statements belong to a provider:
//! reads take the caller's [`Reach`] (an institution's reviewer reaches the statements of the
//! offerings it contracts).

use async_trait::async_trait;
use jiff::Timestamp;
use uuid::Uuid;

use anzen_domain::access::Reach;
use anzen_domain::controls::{ControlCatalogue, ImportReport, Statement, StatementSubject};
use anzen_domain::ids::{OfferingId, OrgId};

use crate::StoreError;

/// An imported version of a control catalogue, as stored: the catalogue, the report of its
/// import, the file it came from, and who imported it when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCatalogue {
    pub id: Uuid,
    pub catalogue: ControlCatalogue,
    pub report: ImportReport,
    /// The file name given at import (for people; the SHA-256 identifies the file).
    pub source_name: String,
    pub imported_by: String,
    /// The organisation of the user who imported it (`None` for an operator).
    pub imported_org: Option<OrgId>,
    pub imported_at: Timestamp,
}

/// A stored catalogue version without its items (for lists).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CatalogueSummary {
    pub id: Uuid,
    /// The catalogue, e.g. `appendix2`.
    pub catalogue: String,
    pub version: String,
    pub source_sha256: String,
    pub source_name: String,
    pub items: i64,
    pub imported_by: String,
    /// The provider it belongs to (`None`: installation-wide, imported by an operator).
    pub imported_org: Option<OrgId>,
    pub imported_at: Timestamp,
}

/// A control a provider defined itself (FAQ 5.3-R4), as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredProviderControl {
    pub id: Uuid,
    pub org: OrgId,
    pub key: String,
    pub title: String,
    pub description: String,
    pub created_by: String,
    pub created_at: Timestamp,
}

/// One version of a statement: the statement, its place in the subject's history (1, 2, …),
/// and who made it when. A change appends a new version; the newest is the current one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredStatement {
    pub id: Uuid,
    /// The provider of the offering.
    pub org: OrgId,
    pub statement: Statement,
    pub seq: i64,
    pub stated_by: String,
    pub stated_at: Timestamp,
}

/// Filters of the current statements.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatementQuery {
    /// Only the statements of this offering.
    pub offering: Option<OfferingId>,
    /// Only statements on chapter 6 regulatory requirements.
    pub regulatory_only: bool,
}

#[async_trait]
pub trait ControlReads: Send + Sync {
    /// The stored versions of `catalogue` (e.g. `appendix2`) that `owner` sees (its own and
    /// the installation-wide ones; only those when `owner` is `None`), oldest first.
    async fn list_catalogues(
        &self,
        catalogue: &str,
        owner: Option<OrgId>,
    ) -> Result<Vec<CatalogueSummary>, StoreError>;
    /// A stored version by id, whoever it belongs to (the use-case checks who may see it).
    async fn catalogue_version(&self, id: Uuid) -> Result<StoredCatalogue, StoreError>;
    /// The version of `catalogue` that `owner` itself (exactly: `None` is installation-wide)
    /// imported from the file with this SHA-256, if any.
    async fn catalogue_by_sha256(
        &self,
        catalogue: &str,
        owner: Option<OrgId>,
        sha256: &str,
    ) -> Result<Option<CatalogueSummary>, StoreError>;
    /// The version of `catalogue` with this label that `owner` sees (its own before an
    /// installation-wide one of the same label), if any.
    async fn catalogue_by_version(
        &self,
        catalogue: &str,
        owner: Option<OrgId>,
        version: &str,
    ) -> Result<Option<StoredCatalogue>, StoreError>;
    /// The controls `org` defined, by key.
    async fn provider_controls(&self, org: OrgId)
    -> Result<Vec<StoredProviderControl>, StoreError>;
    /// The current statement of each subject within reach, by offering and subject.
    async fn current_statements(
        &self,
        reach: Reach,
        query: &StatementQuery,
    ) -> Result<Vec<StoredStatement>, StoreError>;
    /// Every version of the statements on `subject` of an offering within reach, oldest first.
    async fn statement_history(
        &self,
        reach: Reach,
        offering: OfferingId,
        subject: &StatementSubject,
    ) -> Result<Vec<StoredStatement>, StoreError>;
}

/// The control writes of a transaction.
#[async_trait]
pub trait ControlWrites: Send {
    /// Stores a new catalogue version; a second version of the same owner with the same
    /// SHA-256 or label is a conflict.
    async fn insert_catalogue(&mut self, catalogue: &StoredCatalogue) -> Result<(), StoreError>;
    /// A provider control; a second one with the same key in the organisation is a conflict.
    async fn insert_provider_control(
        &mut self,
        control: &StoredProviderControl,
    ) -> Result<(), StoreError>;
    /// Appends `statement` to its subject's history and makes it the current one; returns
    /// its place in the history (`statement.seq` is ignored). With `expected_seq`, refuses
    /// ([`StoreError::Conflict`]) when the current version is another (`0`: no statement yet).
    async fn insert_statement(
        &mut self,
        statement: &StoredStatement,
        expected_seq: Option<i64>,
    ) -> Result<i64, StoreError>;
}
