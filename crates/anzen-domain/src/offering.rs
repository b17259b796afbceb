//! Offerings: the systems, services and devices a provider offers, each with its scope
//! profile and the history of its scope verdicts.

use jiff::Timestamp;

use crate::ids::{OfferingId, OrgId, VerdictId};
use crate::scope::{ScopeProfile, ScopeVerdict};
use crate::text::Name;

/// A validated new offering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOffering {
    /// The provider that offers it (and owns the record).
    pub provider: OrgId,
    pub name: Name,
    pub description: Option<String>,
    pub profile: ScopeProfile,
}

/// A stored offering with its current profile and verdict.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Offering {
    pub id: OfferingId,
    pub provider: OrgId,
    pub name: Name,
    pub description: Option<String>,
    pub profile: ScopeProfile,
    pub verdict: ScopeVerdict,
    /// Incremented on every change; guards against lost updates.
    pub revision: i64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One entry of an offering's verdict history: the profile as it was, the verdict it gave,
/// who recorded it and when. Entries are never changed or removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VerdictRecord {
    pub id: VerdictId,
    pub offering: OfferingId,
    /// 1 for the first verdict, then 2, 3, …
    pub sequence: i64,
    pub profile: ScopeProfile,
    pub verdict: ScopeVerdict,
    /// The actor label, e.g. `operator:alice`.
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

impl VerdictRecord {
    /// Whether the verdict differs from the previous one in what it decides (scope,
    /// categories or the coverage of non-medical data).
    pub fn decision_differs(&self, previous: &VerdictRecord) -> bool {
        self.verdict.in_scope != previous.verdict.in_scope
            || self.verdict.categories != previous.verdict.categories
            || self.verdict.covers_non_medical_data != previous.verdict.covers_non_medical_data
    }
}

/// An offering as listed: what a list needs, without the profile and the verdict's reasons.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OfferingSummary {
    pub id: OfferingId,
    pub provider: OrgId,
    pub provider_name: String,
    pub name: Name,
    pub in_scope: bool,
    pub categories: Vec<crate::scope::ScopeCategory>,
    pub covers_non_medical_data: bool,
    pub revision: i64,
    pub updated_at: Timestamp,
}
