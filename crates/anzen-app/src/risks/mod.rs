//! Use-cases of risk management (GL ch. 5; FAQ 5, 5.1, 5.2): the provider's matrix, the
//! configuration and information flows of an offering, the register, treatment decisions,
//! the institutions' consent, reviews and technology-change notices.

mod config;
mod consent;
mod matrix;
pub(crate) use matrix::owning_org;
mod register;
mod review;

pub use config::{ComponentInput, FlowInput};
pub use consent::RiskDetail;
pub use register::{MeasureInput, RiskInput, TreatmentInput};

use anzen_domain::ids::OrgId;
use anzen_domain::risk::{Risk, RiskStatus, TreatmentState};

use crate::ports::Tx;
use crate::{App, AppError};

/// The JSON form of a risk, digested in the audit trail.
pub fn risk_json(r: &Risk) -> serde_json::Value {
    serde_json::to_value(r).expect("a risk serialises")
}

impl App {
    /// The institutions a risk touches and its treatment state.
    pub(crate) async fn risk_state(
        &self,
        risk: &Risk,
    ) -> Result<(Vec<OrgId>, TreatmentState), AppError> {
        let version = self.store().matrix_version(risk.inherent.matrix).await?;
        let affected = self
            .store()
            .institutions_contracting(risk.offering, self.today_in_japan())
            .await?;
        let consents = self.store().consents(risk.id).await?;
        let state =
            anzen_domain::risk::treatment_state(&version.matrix, risk, &affected, &consents);
        Ok((affected, state))
    }

    /// Recomputes the stored status of every risk of an offering (its contracts changed, so
    /// the institutions that must agree changed), inside `tx`.
    pub(crate) async fn refresh_risk_statuses(
        &self,
        tx: &mut dyn Tx,
        offering: anzen_domain::ids::OfferingId,
        new_institution: Option<OrgId>,
    ) -> Result<(), AppError> {
        for risk in self.store().risks_of_offering(offering).await? {
            let (mut affected, _) = self.risk_state(&risk).await?;
            if let Some(org) = new_institution
                && !affected.contains(&org)
            {
                affected.push(org);
            }
            let version = self.store().matrix_version(risk.inherent.matrix).await?;
            let consents = self.store().consents(risk.id).await?;
            let state =
                anzen_domain::risk::treatment_state(&version.matrix, &risk, &affected, &consents);
            tx.set_risk_status(risk.id, RiskStatus::of(&state)).await?;
        }
        Ok(())
    }
}
