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
mod thread;

pub use changes::FlowVersions;
pub use config::{ComponentInput, FlowInput};
pub use consent::RiskDetail;
pub use register::{MeasureInput, RiskInput, TreatmentInput};
pub use review::{NoticeControl, NoticePreview};

use anzen_domain::access::Reach;
use anzen_domain::ids::OrgId;
use anzen_domain::risk::{
    Consent, Criteria, InformationFlow, MatrixVersion, Risk, RiskStatus, Standing, ThreadEntry,
    TreatmentState, treatment_state,
};

use crate::ports::{Reads, Tx};
use crate::{App, AppError};

/// What a risk's treatment state is computed from (FAQ 5.1, 5.2, GL 5.1.6 (1)): the matrix of
/// its assessment and the provider's current one (the criteria in force), the institutions
/// it touches, every consent given to it, its thread with them, and the information flow it
/// was assessed on (part of the content they agree to).
#[derive(Debug, Clone)]
pub(crate) struct RiskContext {
    pub matrix: MatrixVersion,
    /// The provider's current matrix, when newer than the assessment's.
    pub current: Option<MatrixVersion>,
    pub affected: Vec<OrgId>,
    pub consents: Vec<Consent>,
    pub thread: Vec<ThreadEntry>,
    pub flow: Option<InformationFlow>,
}

impl RiskContext {
    pub fn standing(&self) -> Standing<'_> {
        Standing {
            criteria: Criteria {
                assessed: &self.matrix.matrix,
                current: self.current.as_ref().map(|m| &m.matrix),
            },
            affected: &self.affected,
            consents: &self.consents,
            thread: &self.thread,
            flow: self.flow.as_ref(),
        }
    }

    /// The treatment state of `risk` (which may differ from the one read) in this context:
    /// the domain's one rule (`treatment_state`, which runs `treatment_stands`).
    pub fn state_of(&self, risk: &Risk) -> TreatmentState {
        treatment_state(risk, &self.standing())
    }

    /// The digest of `risk`'s content as the consent screen shows it.
    pub fn digest(&self, risk: &Risk) -> String {
        risk.content_digest(self.flow.as_ref())
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
        let current = db
            .current_matrix(risk.owner)
            .await?
            .filter(|m| m.id != matrix.id && m.version > matrix.version);
        let affected = db
            .institutions_contracting(risk.offering, self.today_in_japan())
            .await?;
        let consents = db.consents(risk.id).await?;
        let thread = db.risk_thread(risk.id).await?;
        let flow = assessed_flow(db, risk).await?;
        Ok(RiskContext {
            matrix,
            current,
            affected,
            consents,
            thread,
            flow,
        })
    }

    /// The contexts of many risks, as [`Self::risk_context`] gives each, reading what they
    /// share once: the matrix versions, each owner's current matrix and each offering's
    /// contracting institutions (a document of 300 risks reads them once, not 300 times).
    pub(crate) async fn risk_contexts(
        &self,
        db: &dyn Reads,
        risks: &[&Risk],
    ) -> Result<Vec<RiskContext>, AppError> {
        use std::collections::HashMap;
        let today = self.today_in_japan();
        let mut matrices = HashMap::new();
        let mut currents = HashMap::new();
        let mut affected_of = HashMap::new();
        let mut shared: HashMap<anzen_domain::ids::OfferingId, OfferingShared> = HashMap::new();
        let mut out = Vec::with_capacity(risks.len());
        for risk in risks {
            let matrix = match matrices.get(&risk.inherent.matrix) {
                Some(m) => Clone::clone(m),
                None => {
                    let m = db.matrix_version(risk.inherent.matrix).await?;
                    matrices.insert(risk.inherent.matrix, m.clone());
                    m
                }
            };
            let current = match currents.get(&risk.owner) {
                Some(c) => Clone::clone(c),
                None => {
                    let c = db.current_matrix(risk.owner).await?;
                    currents.insert(risk.owner, c.clone());
                    c
                }
            }
            .filter(|m| m.id != matrix.id && m.version > matrix.version);
            let affected = match affected_of.get(&risk.offering) {
                Some(a) => Clone::clone(a),
                None => {
                    let a = db.institutions_contracting(risk.offering, today).await?;
                    affected_of.insert(risk.offering, a.clone());
                    a
                }
            };
            if let std::collections::hash_map::Entry::Vacant(slot) = shared.entry(risk.offering) {
                slot.insert(OfferingShared::read(db, risk.offering).await?);
            }
            let of = &shared[&risk.offering];
            let flow = match risk.flow {
                None => None,
                Some(id) => match of.kept.get(&risk.id) {
                    Some(kept) => Some(kept.clone()),
                    None => match of.flows.get(&id) {
                        Some(f) => Some(f.clone()),
                        None => assessed_flow(db, risk).await?,
                    },
                },
            };
            out.push(RiskContext {
                matrix,
                current,
                affected,
                consents: of.consents.get(&risk.id).cloned().unwrap_or_default(),
                thread: of.threads.get(&risk.id).cloned().unwrap_or_default(),
                flow,
            });
        }
        Ok(out)
    }

    /// Recomputes the stored status of every risk of an offering (its contracts changed, so
    /// the institutions that must agree changed), inside `tx`.
    pub(crate) async fn refresh_risk_statuses(
        &self,
        tx: &mut dyn Tx,
        offering: anzen_domain::ids::OfferingId,
        new_institution: Option<OrgId>,
    ) -> Result<(), AppError> {
        let risks = tx.risks_of_offering(offering).await?;
        let listed: Vec<&Risk> = risks.iter().collect();
        let contexts = self.risk_contexts(tx.as_reads(), &listed).await?;
        for (risk, mut ctx) in risks.iter().zip(contexts) {
            if let Some(org) = new_institution
                && !ctx.affected.contains(&org)
            {
                ctx.affected.push(org);
            }
            tx.set_risk_status(risk.id, RiskStatus::of(&ctx.state_of(risk)))
                .await?;
        }
        Ok(())
    }
}

/// The information flow a risk was assessed on, as the institutions are shown it: the copy
/// kept when the flow was edited after the assessment (until the risk is reassessed, GL
/// 5.1.7), else the flow as it is. Editing a flow therefore leaves consents standing (they
/// cover what was shown) and marks the risk for review instead.
/// What the risks of one offering share, read once for all of them: consents, thread
/// entries, kept assessed flows and the current flows, each by risk (or flow).
struct OfferingShared {
    consents:
        std::collections::HashMap<anzen_domain::ids::RiskId, Vec<anzen_domain::risk::Consent>>,
    threads:
        std::collections::HashMap<anzen_domain::ids::RiskId, Vec<anzen_domain::risk::ThreadEntry>>,
    kept: std::collections::HashMap<anzen_domain::ids::RiskId, InformationFlow>,
    flows: std::collections::HashMap<anzen_domain::ids::FlowId, InformationFlow>,
}

impl OfferingShared {
    async fn read(
        db: &dyn Reads,
        offering: anzen_domain::ids::OfferingId,
    ) -> Result<Self, AppError> {
        let mut consents: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
        for c in db.consents_of_offering(offering).await? {
            consents.entry(c.risk).or_default().push(c);
        }
        let mut threads: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
        for e in db.threads_of_offering(offering).await? {
            threads.entry(e.risk).or_default().push(e);
        }
        Ok(Self {
            consents,
            threads,
            kept: db
                .assessed_flows_of_offering(offering)
                .await?
                .into_iter()
                .collect(),
            flows: db
                .list_flows(Reach::Everything, offering)
                .await?
                .into_iter()
                .map(|f| (f.id, f))
                .collect(),
        })
    }
}

async fn assessed_flow(db: &dyn Reads, risk: &Risk) -> Result<Option<InformationFlow>, AppError> {
    let Some(id) = risk.flow else {
        return Ok(None);
    };
    if let Some(kept) = db.assessed_flow(risk.id).await? {
        return Ok(Some(kept));
    }
    Ok(Some(db.flow(Reach::Everything, id).await?))
}
