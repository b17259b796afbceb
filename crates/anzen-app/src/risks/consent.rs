//! The institutions' consent to a risk's treatment (FAQ 5.1, 5.2).

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{OrgId, RiskId};
use anzen_domain::risk::voice::thread_visible_to;
use anzen_domain::risk::{
    Consent, MatrixVersion, RiskStatus, ThreadEntry, TreatmentState, check_consent,
};

use super::RiskContext;
use crate::audit::event;
use crate::ports::RiskRow;
use crate::{App, AppError, Caller};

/// A risk with everything its page shows: who it touches, who agreed, where it stands, the
/// digest of its current content (which a consent must quote), and its thread with the
/// institutions (an institution's reader sees its own thread only).
#[derive(Debug, Clone, serde::Serialize)]
pub struct RiskDetail {
    #[serde(flatten)]
    pub row: RiskRow,
    pub affected: Vec<OrgId>,
    pub consents: Vec<Consent>,
    pub state: TreatmentState,
    pub digest: String,
    /// The matrix version of the inherent assessment (its scales label the assessments).
    pub matrix: MatrixVersion,
    /// The information flow the risk was assessed on, as the consent screen shows it.
    pub flow: Option<anzen_domain::risk::InformationFlow>,
    /// Questions, declines and answers the caller may see, oldest first.
    pub thread: Vec<ThreadEntry>,
}

impl RiskDetail {
    /// The detail of `row` in `ctx`, its thread restricted to what `reach` may see (GL 5.1.6
    /// (1): each institution's thread is between it and the provider).
    pub(crate) fn of(row: RiskRow, ctx: RiskContext, reach: Reach) -> Self {
        let state = ctx.state_of(&row.risk);
        let digest = ctx.digest(&row.risk);
        let owner = row.risk.owner;
        let thread = ctx
            .thread
            .into_iter()
            .filter(|e| match reach {
                Reach::AsInstitution(org) => thread_visible_to(e, org, owner),
                Reach::Nothing | Reach::AsSupplier(_) => false,
                _ => true,
            })
            .collect();
        RiskDetail {
            row,
            affected: ctx.affected,
            consents: ctx.consents,
            state,
            digest,
            matrix: ctx.matrix,
            flow: ctx.flow,
            thread,
        }
    }
}

impl App {
    pub async fn risk_detail(&self, caller: &Caller, id: RiskId) -> Result<RiskDetail, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let row = self
            .store()
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?;
        let ctx = self.risk_context(self.store().as_ref(), &row.risk).await?;
        Ok(RiskDetail::of(row, ctx, reach))
    }

    /// A user of an affected institution agrees to the risk's treatment and residual risk as
    /// shown to them (`seen` is the digest of what they saw). Refused for anyone else, when
    /// the risk changed since they opened it, when the treatment no longer meets the
    /// criterion, and while their decline waits for the provider's answer.
    pub async fn consent_to_risk(
        &self,
        caller: &Caller,
        id: RiskId,
        seen: &str,
    ) -> Result<RiskDetail, AppError> {
        let Caller::User(principal) = caller else {
            return Err(AppError::Forbidden(
                "consent is given by a user of the institution",
            ));
        };
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let mut tx = self.store().begin().await?;
        let row = tx
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?;
        let mut ctx = self.risk_context(tx.as_reads(), &row.risk).await?;
        check_consent(principal, &row.risk, &ctx.standing(), seen.trim())?;
        let consent = Consent {
            risk: id,
            institution: principal.org,
            user: principal.user,
            user_name: principal.name.clone(),
            at: self.now(),
            digest: ctx.digest(&row.risk),
        };
        ctx.consents.push(consent.clone());
        let status = RiskStatus::of(&ctx.state_of(&row.risk));
        tx.insert_consent(row.risk.owner, &consent).await?;
        tx.set_risk_status(id, status).await?;
        let after = serde_json::to_value(&consent).expect("a consent serialises");
        let summary = format!(
            "{}: agreed by {} ({})",
            row.risk.title,
            principal.name,
            status.code()
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "risk.consent",
                "risk",
                id,
                Some(row.risk.owner),
                None,
                Some(&after),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(RiskDetail::of(
            RiskRow {
                risk: row.risk,
                status,
            },
            ctx,
            reach,
        ))
    }
}
