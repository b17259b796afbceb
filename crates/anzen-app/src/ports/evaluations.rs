//! The ports of safety evaluations (GL 4.3; Table 4-1 ②-4) and of the GL 4.4 certification
//! exemption.

use async_trait::async_trait;
use jiff::Timestamp;

use anzen_domain::access::Reach;
use anzen_domain::chain::Exemption;
use anzen_domain::evaluation::Evaluation;
use anzen_domain::ids::{EvaluationId, OfferingId, OrgId};

use crate::StoreError;

/// A stored evaluation of an offering.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredEvaluation {
    pub id: EvaluationId,
    /// The provider of the offering (owner).
    pub org: OrgId,
    pub offering: OfferingId,
    /// Incremented when a finding raises its follow-up.
    pub revision: i64,
    #[serde(flatten)]
    pub evaluation: Evaluation,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

/// One entry of a provider's exemption sequence; `exemption` is `None` once withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredExemption {
    pub org: OrgId,
    pub seq: i64,
    pub exemption: Option<Exemption>,
    pub recorded_by: String,
    pub recorded_at: Timestamp,
}

#[async_trait]
pub trait EvaluationReads: Send + Sync {
    /// The evaluations within reach (the provider's own; for an institution, those of the
    /// offerings it contracts), of one offering or all, oldest recorded first.
    async fn evaluations(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
    ) -> Result<Vec<StoredEvaluation>, StoreError>;
    /// One evaluation within reach ([`StoreError::NotFound`] otherwise).
    async fn evaluation(
        &self,
        reach: Reach,
        id: EvaluationId,
    ) -> Result<StoredEvaluation, StoreError>;
    /// The latest entry of each organisation's exemption sequence within reach (the
    /// organisation's own; for an institution, those of the providers it contracts).
    async fn exemptions(&self, reach: Reach) -> Result<Vec<StoredExemption>, StoreError>;
}

#[async_trait]
pub trait EvaluationWrites: Send {
    async fn insert_evaluation(&mut self, e: &StoredEvaluation) -> Result<(), StoreError>;
    /// Replaces the evaluation (its findings' follow-ups) if its revision is still
    /// `expected_revision` (else [`StoreError::Conflict`]); stores `e.revision`.
    async fn update_evaluation(
        &mut self,
        e: &StoredEvaluation,
        expected_revision: i64,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Appends entry `x.seq` of the organisation's exemption sequence; a taken sequence
    /// number (a concurrent change) is [`StoreError::Conflict`].
    async fn insert_exemption(&mut self, x: &StoredExemption) -> Result<(), StoreError>;
}
