//! Use-cases of risk management (GL ch. 5; FAQ 5, 5.1, 5.2): the provider's matrix, the
//! configuration and information flows of an offering, the register, treatment decisions,
//! the institutions' consent, reviews and technology-change notices.

mod changes;
mod config;
mod consent;
mod matrix;
pub(crate) use matrix::owning_org;
mod register;
mod review;

pub use changes::FlowVersions;
pub use config::{ComponentInput, FlowInput};
pub use consent::RiskDetail;
pub use register::{MeasureInput, RiskInput, TreatmentInput};
pub use review::{NoticeControl, NoticePreview};

use anzen_domain::ids::OrgId;
use anzen_domain::risk::{
    Consent, MatrixVersion, Risk, RiskStatus, TreatmentState, treatment_state,
};

use crate::ports::{Reads, Tx};
use crate::{App, AppError};

/// What a risk's treatment state is computed from (FAQ 5.1): the matrix of its assessment,
/// the institutions it touches, and every consent given to it.
#[derive(Debug, Clone)]
pub(crate) struct RiskContext {
    pub matrix: MatrixVersion,
    pub affected: Vec<OrgId>,
    pub consents: Vec<Consent>,
}

impl RiskContext {
    /// The treatment state of `risk` (which may differ from the one read) in this context.
    pub fn state_of(&self, risk: &Risk) -> TreatmentState {
        treatment_state(&self.matrix.matrix, risk, &self.affected, &self.consents)
    }
}

/// The JSON form of a risk, digested in the audit trail.
pub fn risk_json(r: &Risk) -> serde_json::Value {
    serde_json::to_value(r).expect("a risk serialises")
}

impl App {
    /// Everything a risk's treatment state is computed from, read through `db` (the
    /// use-case's transaction when it writes).
    pub(crate) async fn risk_context(
        &self,
        db: &dyn Reads,
        risk: &Risk,
    ) -> Result<RiskContext, AppError> {
        let matrix = db.matrix_version(risk.inherent.matrix).await?;
        let affected = db
            .institutions_contracting(risk.offering, self.today_in_japan())
            .await?;
        let consents = db.consents(risk.id).await?;
        Ok(RiskContext {
            matrix,
            affected,
            consents,
        })
    }

    /// Recomputes the stored status of every risk of an offering (its contracts changed, so
    /// the institutions that must agree changed), inside `tx`.
    pub(crate) async fn refresh_risk_statuses(
        &self,
        tx: &mut dyn Tx,
        offering: anzen_domain::ids::OfferingId,
        new_institution: Option<OrgId>,
    ) -> Result<(), AppError> {
        let affected_now = tx
            .institutions_contracting(offering, self.today_in_japan())
            .await?;
        let mut affected = affected_now;
        if let Some(org) = new_institution
            && !affected.contains(&org)
        {
            affected.push(org);
        }
        let mut matrices: Vec<MatrixVersion> = Vec::new();
        for risk in tx.risks_of_offering(offering).await? {
            let matrix = match matrices.iter().find(|m| m.id == risk.inherent.matrix) {
                Some(m) => m.clone(),
                None => {
                    let m = tx.matrix_version(risk.inherent.matrix).await?;
                    matrices.push(m.clone());
                    m
                }
            };
            let consents = tx.consents(risk.id).await?;
            let state =
                anzen_domain::risk::treatment_state(&matrix.matrix, &risk, &affected, &consents);
            tx.set_risk_status(risk.id, RiskStatus::of(&state)).await?;
        }
        Ok(())
    }
}
