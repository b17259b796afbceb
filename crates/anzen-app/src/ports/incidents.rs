//! Incidents (GL 3.2 危機管理対応時): reads restricted to the caller's reach, and the writes
//! of a transaction.

use async_trait::async_trait;

use anzen_domain::access::Reach;
use anzen_domain::ids::{IncidentId, OfferingId};
use anzen_domain::incident::{Incident, IncidentParty};

use super::{Listed, Page};
use crate::StoreError;

/// Reads of incidents. A provider's users reach the incidents of its offerings
/// ([`Reach::Owned`]); an institution's reviewers those that name it as affected
/// ([`Reach::AsInstitution`]); a partner none.
#[async_trait]
pub trait IncidentReads: Send + Sync {
    /// The incident with its affected institutions, within reach ([`StoreError::NotFound`]
    /// otherwise).
    async fn incident(&self, reach: Reach, id: IncidentId) -> Result<Incident, StoreError>;
    /// Incidents within reach, the most recently detected first, optionally of one offering.
    async fn list_incidents(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
        page: Page,
    ) -> Result<Listed<Incident>, StoreError>;
}

/// The writes of incidents.
#[async_trait]
pub trait IncidentWrites: Send {
    /// Inserts the incident and its affected institutions.
    async fn insert_incident(&mut self, incident: &Incident) -> Result<(), StoreError>;
    /// Replaces the incident's own fields (not its parties) if its revision is still
    /// `expected_revision` ([`StoreError::Conflict`] otherwise).
    async fn update_incident(
        &mut self,
        incident: &Incident,
        expected_revision: i64,
    ) -> Result<(), StoreError>;
    /// Replaces one affected institution's acknowledgement and answer
    /// ([`StoreError::NotFound`] when the incident does not name it).
    async fn update_incident_party(
        &mut self,
        incident: IncidentId,
        party: &IncidentParty,
    ) -> Result<(), StoreError>;
}
