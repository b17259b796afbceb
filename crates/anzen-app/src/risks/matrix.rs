//! The provider's risk matrix, versioned (GL 5.1.2, 5.1.3).

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{MatrixId, OrgId};
use anzen_domain::risk::{MatrixVersion, ReviewReason, RiskMatrix, RiskStatus};

use crate::audit::event;
use crate::ports::{Page, RiskQuery, Tx};
use crate::{App, AppError, Caller, new_uuid};

impl App {
    /// The provider organisation a caller writes risks for.
    pub(crate) fn risk_owner(&self, caller: &Caller, reach: Reach) -> Result<OrgId, AppError> {
        owning_org(caller, reach, "risks are recorded by a provider's members")
    }

    /// The provider's current matrix; the default example (version 1) until it sets its own.
    pub async fn risk_matrix(&self, caller: &Caller) -> Result<MatrixVersion, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let org = match (reach, caller.org()) {
            (Reach::Owned(org), _) | (_, Some(org)) => org,
            _ => return Err(AppError::Forbidden("the matrix belongs to a provider")),
        };
        Ok(match self.store().current_matrix(org).await? {
            Some(m) => m,
            None => self.default_matrix(org),
        })
    }

    fn default_matrix(&self, org: OrgId) -> MatrixVersion {
        MatrixVersion {
            id: MatrixId::from_uuid(new_uuid()),
            org,
            version: 1,
            matrix: RiskMatrix::default_example(),
            created_by: "anzen".into(),
            created_at: self.now(),
        }
    }

    /// The matrix to assess with, created (as the default) inside `tx` on first use.
    pub(crate) async fn matrix_for_write(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        org: OrgId,
    ) -> Result<MatrixVersion, AppError> {
        if let Some(m) = tx.current_matrix(org).await? {
            return Ok(m);
        }
        let m = self.default_matrix(org);
        tx.insert_matrix(&m).await?;
        let after = serde_json::to_value(&m.matrix).expect("a matrix serialises");
        self.seal(
            tx,
            caller,
            event(
                "risk_matrix.create",
                "risk_matrix",
                m.id,
                Some(org),
                None,
                Some(&after),
                "version 1 (default example)",
            ),
        )
        .await?;
        Ok(m)
    }

    /// Sets a new matrix version. Past assessments keep the version they used; every risk
    /// assessed on an older version is marked for review.
    /// Only a provider administrator (or an operator) sets it: the matrix holds the
    /// organisation's risk criteria (GL 5.1.3).
    pub async fn set_risk_matrix(
        &self,
        caller: &Caller,
        matrix: RiskMatrix,
    ) -> Result<MatrixVersion, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        if let Caller::User(p) = caller
            && p.role != anzen_domain::access::Role::ProviderAdmin
        {
            return Err(AppError::Forbidden(
                "the risk matrix is set by a provider administrator",
            ));
        }
        let org = self.risk_owner(caller, reach)?;
        let matrix = RiskMatrix::new(
            matrix.impact,
            matrix.likelihood,
            matrix.cells,
            matrix.criteria,
        )?;
        let mut tx = self.store().begin().await?;
        let current = self.matrix_for_write(tx.as_mut(), caller, org).await?;
        let version = MatrixVersion {
            id: MatrixId::from_uuid(new_uuid()),
            org,
            version: current.version + 1,
            matrix,
            created_by: caller.label(),
            created_at: self.now(),
        };
        tx.insert_matrix(&version).await?;
        let risks = tx
            .list_risks(Reach::Owned(org), &RiskQuery::default(), Page::all())
            .await?;
        let mut marked = 0;
        for row in risks.rows {
            let mut risk = row.risk;
            if anzen_domain::risk::rules::assessed_on_older_matrix(&risk, version.version) {
                let expected = risk.revision;
                risk.review_flags.push(ReviewReason::MatrixVersion {
                    version: version.version,
                });
                risk.revision += 1;
                risk.updated_at = self.now();
                // The new version's criteria are in force: the one rule runs again, so a
                // treatment they no longer accept is reopened (GL 5.1.3 表5-2, FAQ 5.1).
                let ctx = self.risk_context(tx.as_reads(), &risk).await?;
                let status = RiskStatus::of(&ctx.state_of(&risk));
                tx.update_risk(&risk, expected, status).await?;
                marked += 1;
            }
        }
        let after = serde_json::to_value(&version.matrix).expect("a matrix serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "risk_matrix.create",
                "risk_matrix",
                version.id,
                Some(org),
                None,
                Some(&after),
                format!("version {} ({marked} risks to review)", version.version),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }
}

/// The organisation a write of the caller belongs to: the one its reach owns, or an operator's
/// chosen organisation; `refusal` otherwise.
pub(crate) fn owning_org(
    caller: &Caller,
    reach: Reach,
    refusal: &'static str,
) -> Result<OrgId, AppError> {
    match (reach, caller.org()) {
        (Reach::Owned(org), _) | (Reach::Everything, Some(org)) => Ok(org),
        _ => Err(AppError::Forbidden(refusal)),
    }
}
