//! The risk ports: matrices, configuration, information flows, the register, consents.

use async_trait::async_trait;
use jiff::civil::Date;

use anzen_domain::access::Reach;
use anzen_domain::ids::{ComponentId, FlowId, MatrixId, OfferingId, OrgId, RiskId};
use anzen_domain::risk::{
    Component, Consent, InformationFlow, MatrixVersion, Risk, RiskLevel, RiskStatus, TechNotice,
    ThreadEntry, TreatmentOption,
};

use super::{Listed, Page};
use crate::StoreError;

/// Filters of the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RiskQuery {
    pub offering: Option<OfferingId>,
    /// Inherent level.
    pub level: Option<RiskLevel>,
    pub residual_level: Option<RiskLevel>,
    pub status: Option<RiskStatus>,
    pub option: Option<TreatmentOption>,
    /// Case-insensitive part of the title, threat or vulnerability.
    pub search: Option<String>,
    /// Only risks whose review date is on or before this day.
    pub review_due_by: Option<Date>,
    /// Only risks marked for review.
    pub flagged: bool,
}

/// A register row: the risk and its stored status.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RiskRow {
    #[serde(flatten)]
    pub risk: Risk,
    pub status: RiskStatus,
}

/// One cell of a heat map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct HeatCell {
    pub impact: u8,
    pub likelihood: u8,
    pub count: i64,
}

/// Counts of risks per (impact, likelihood), before and after treatment.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct HeatMap {
    pub inherent: Vec<HeatCell>,
    pub residual: Vec<HeatCell>,
}

/// A duty a treatment places on an institution (FAQ 5.2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InstitutionDuty {
    pub risk: RiskId,
    pub offering: OfferingId,
    pub risk_title: String,
    pub description: String,
}

#[async_trait]
pub trait RiskReads: Send + Sync {
    /// The provider's newest matrix version, if it has one.
    async fn current_matrix(&self, org: OrgId) -> Result<Option<MatrixVersion>, StoreError>;
    async fn matrix_version(&self, id: MatrixId) -> Result<MatrixVersion, StoreError>;
    async fn list_components(
        &self,
        reach: Reach,
        offering: OfferingId,
    ) -> Result<Vec<Component>, StoreError>;
    async fn list_flows(
        &self,
        reach: Reach,
        offering: OfferingId,
    ) -> Result<Vec<InformationFlow>, StoreError>;
    async fn flow(&self, reach: Reach, id: FlowId) -> Result<InformationFlow, StoreError>;
    async fn component(&self, reach: Reach, id: ComponentId) -> Result<Component, StoreError>;
    /// The content of the flow a risk was assessed on, kept when that flow was edited after
    /// the assessment (GL 5.1.7); none when the risk was assessed on the flow as it is now.
    async fn assessed_flow(&self, risk: RiskId) -> Result<Option<InformationFlow>, StoreError>;
    async fn risk(&self, reach: Reach, id: RiskId) -> Result<RiskRow, StoreError>;
    async fn list_risks(
        &self,
        reach: Reach,
        query: &RiskQuery,
        page: Page,
    ) -> Result<Listed<RiskRow>, StoreError>;
    async fn heat_map(&self, reach: Reach, query: &RiskQuery) -> Result<HeatMap, StoreError>;
    /// Every consent ever given to a risk.
    async fn consents(&self, risk: RiskId) -> Result<Vec<Consent>, StoreError>;
    /// Every entry of a risk's thread with its institutions (questions, declines, answers),
    /// oldest first.
    async fn risk_thread(&self, risk: RiskId) -> Result<Vec<ThreadEntry>, StoreError>;
    /// Every risk of an offering (to recompute statuses when its contracts change).
    async fn risks_of_offering(&self, offering: OfferingId) -> Result<Vec<Risk>, StoreError>;
    /// The duties treatments place on an institution.
    async fn institution_duties(
        &self,
        institution: OrgId,
    ) -> Result<Vec<InstitutionDuty>, StoreError>;
    /// The institutions with a contract for the offering in force on `day` (those a risk of
    /// the offering touches).
    async fn institutions_contracting(
        &self,
        offering: OfferingId,
        day: Date,
    ) -> Result<Vec<OrgId>, StoreError>;
}

/// The risk writes of a transaction.
#[async_trait]
pub trait RiskWrites: Send {
    async fn insert_matrix(&mut self, matrix: &MatrixVersion) -> Result<(), StoreError>;
    async fn insert_component(
        &mut self,
        owner: OrgId,
        component: &Component,
    ) -> Result<(), StoreError>;
    async fn insert_flow(&mut self, owner: OrgId, flow: &InformationFlow)
    -> Result<(), StoreError>;
    async fn insert_risk(&mut self, risk: &Risk, status: RiskStatus) -> Result<(), StoreError>;
    /// Replaces a risk whose revision is still `expected_revision` (else a conflict).
    async fn update_risk(
        &mut self,
        risk: &Risk,
        expected_revision: i64,
        status: RiskStatus,
    ) -> Result<(), StoreError>;
    async fn set_risk_status(&mut self, risk: RiskId, status: RiskStatus)
    -> Result<(), StoreError>;
    async fn insert_consent(&mut self, owner: OrgId, consent: &Consent) -> Result<(), StoreError>;
    async fn insert_thread_entry(
        &mut self,
        owner: OrgId,
        entry: &ThreadEntry,
    ) -> Result<(), StoreError>;
    async fn insert_notice(&mut self, notice: &TechNotice) -> Result<(), StoreError>;
    /// Replaces a flow whose revision is still `expected_revision` (else a conflict).
    async fn update_flow(
        &mut self,
        flow: &InformationFlow,
        expected_revision: i64,
    ) -> Result<(), StoreError>;
    /// Keeps `flow` (its content before an edit) as the flow the risk was assessed on,
    /// unless one is kept already (the risk was assessed before an earlier edit).
    async fn keep_assessed_flow(
        &mut self,
        owner: OrgId,
        risk: RiskId,
        flow: &InformationFlow,
    ) -> Result<(), StoreError>;
    /// Replaces a component whose revision is still `expected_revision` (else a conflict).
    async fn update_component(
        &mut self,
        component: &Component,
        expected_revision: i64,
    ) -> Result<(), StoreError>;
    /// Forgets the kept flow: the risk was reassessed on the flow as it is now.
    async fn clear_assessed_flow(&mut self, risk: RiskId) -> Result<(), StoreError>;
}

/// What the risks of one offering share, read in one query each instead of one per risk (a
/// document of 300 risks makes three reads, not 900).
#[async_trait]
pub trait RiskContextReads: Send + Sync {
    /// Every consent given to a risk of the offering, oldest first.
    async fn consents_of_offering(&self, offering: OfferingId) -> Result<Vec<Consent>, StoreError>;
    /// Every thread entry of the offering's risks, oldest first.
    async fn threads_of_offering(
        &self,
        offering: OfferingId,
    ) -> Result<Vec<ThreadEntry>, StoreError>;
    /// The kept assessed flows ([`RiskReads::assessed_flow`]) of the offering's risks.
    async fn assessed_flows_of_offering(
        &self,
        offering: OfferingId,
    ) -> Result<Vec<(RiskId, InformationFlow)>, StoreError>;
}
