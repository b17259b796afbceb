//! The MHLW provider checklist (事業者確認用; guideline-notes §7): the editions imported beside
//! the built-in one, and each offering's answers to an edition.

use async_trait::async_trait;
use jiff::Timestamp;

use anzen_domain::checklist::Answer;
use anzen_domain::ids::{OfferingId, OrgId};

use crate::StoreError;

/// An imported edition of the checklist, kept as the catalogue text it was read from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredEdition {
    /// The provider that imported it; `None`: installation-wide (an operator's import).
    pub owner: Option<OrgId>,
    /// `R8`, `FY2026` …: unique per owner.
    pub label: String,
    pub fiscal_year: i16,
    /// The catalogue file (TOML, the format of `catalogs/mhlw-checklist-provider.toml`).
    pub source: String,
    pub sha256: String,
    pub imported_by: String,
    pub imported_at: Timestamp,
}

/// One offering's answers to one edition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredSheet {
    pub offering: OfferingId,
    /// The offering's provider.
    pub org: OrgId,
    pub edition: String,
    /// 1 for the first save; each save increments it.
    pub revision: i64,
    /// A person's answers, one per item at most, in the edition's order.
    pub answers: Vec<Answer>,
    pub updated_by: String,
    pub updated_at: Timestamp,
}

#[async_trait]
pub trait ChecklistReads: Send + Sync {
    /// The editions `owner` may use: its own imports and the installation-wide ones, oldest
    /// fiscal year first.
    async fn checklist_editions(
        &self,
        owner: Option<OrgId>,
    ) -> Result<Vec<StoredEdition>, StoreError>;
    /// An offering's answers to an edition, if any were saved.
    async fn checklist_sheet(
        &self,
        offering: OfferingId,
        edition: &str,
    ) -> Result<Option<StoredSheet>, StoreError>;
    /// Every saved sheet of the provider's offerings.
    async fn checklist_sheets(&self, org: OrgId) -> Result<Vec<StoredSheet>, StoreError>;
}

#[async_trait]
pub trait ChecklistWrites: Send {
    /// Inserts an edition; a label the owner already has is [`StoreError::Conflict`].
    async fn insert_checklist_edition(&mut self, e: &StoredEdition) -> Result<(), StoreError>;
    /// Saves the sheet as revision `s.revision` if the stored one is still
    /// `s.revision - 1` (none stored for revision 1); otherwise [`StoreError::Conflict`].
    async fn save_checklist_sheet(&mut self, s: &StoredSheet) -> Result<(), StoreError>;
}
