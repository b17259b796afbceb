//! The GL 4.4 exemption from the certification requirement (FAQ 4.2): a provider that does
//! not handle medical information directly records why the requirement does not apply; the
//! certification check says "exempt: reason" instead of "missing" only on a basis the
//! guideline allows and while none of its in-scope offerings handles medical information
//! (anzen_domain::chain::exemption). Every change is audited.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::chain::{
    CERTIFICATE_WARN_DAYS, Certification, ClaimedExemption, NewExemption, Qualification,
    handles_directly, minimum_qualification,
};
use anzen_domain::ids::OrgId;

use crate::audit::event;
use crate::ports::{OfferingQuery, Reads, StoredExemption};
use crate::{App, AppError, Caller};

impl App {
    /// The exemption claim in force of `org`, when the caller sees it (its own; for an
    /// institution, a provider it contracts), with the in-scope offerings whose scope
    /// profile contradicts it. Names of offerings are shown to the provider itself only.
    pub async fn claimed_exemption(
        &self,
        caller: &Caller,
        org: OrgId,
    ) -> Result<Option<ClaimedExemption>, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        let current = self
            .store()
            .exemptions(reach)
            .await?
            .into_iter()
            .find(|x| x.org == org)
            .and_then(|x| x.exemption);
        let Some(exemption) = current else {
            return Ok(None);
        };
        let mut direct = direct_offerings(self.store().as_ref(), org).await?;
        let own = matches!(reach, Reach::Everything) || reach == Reach::Owned(org);
        if !own && !direct.is_empty() {
            direct = vec![format!(
                "{} 件の提供サービス / {} offering(s)",
                direct.len(),
                direct.len()
            )];
        }
        Ok(Some(ClaimedExemption {
            exemption,
            direct_offerings: direct,
        }))
    }

    /// The minimum qualification of `org` on today's date from `certs` (its certificates)
    /// and its exemption claim (GL 4.4; FAQ 4.2).
    pub async fn qualification_of(
        &self,
        caller: &Caller,
        org: OrgId,
        certs: &[Certification],
    ) -> Result<Qualification, AppError> {
        let claim = self.claimed_exemption(caller, org).await?;
        Ok(minimum_qualification(
            certs,
            claim.as_ref(),
            self.today_in_japan(),
            CERTIFICATE_WARN_DAYS,
        ))
    }

    /// The exemption sequence entry in force of the caller's organisation, if any.
    pub async fn own_exemption(
        &self,
        caller: &Caller,
    ) -> Result<Option<StoredExemption>, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Read)?;
        let org = match (reach, caller.org()) {
            (Reach::Owned(org), _) | (Reach::Everything, Some(org)) => org,
            _ => {
                return Err(AppError::Forbidden(
                    "an exemption is recorded by a provider for itself (GL 4.4)",
                ));
            }
        };
        Ok(self
            .store()
            .exemptions(Reach::Owned(org))
            .await?
            .into_iter()
            .find(|x| x.org == org))
    }

    /// Records (or replaces) the caller's organisation's claim that the certification
    /// requirement does not apply to it (GL 4.4). `revision`: the sequence number of the
    /// entry the change is based on (`0`: none); a stale one is a conflict.
    pub async fn record_exemption(
        &self,
        caller: &Caller,
        input: NewExemption,
        revision: Option<i64>,
    ) -> Result<StoredExemption, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Write)?;
        let org = self.risk_owner(caller, reach)?;
        let exemption = input.validate()?;
        self.append_exemption(caller, org, Some(exemption), revision)
            .await
    }

    /// Withdraws the caller's organisation's exemption claim.
    pub async fn withdraw_exemption(
        &self,
        caller: &Caller,
        revision: Option<i64>,
    ) -> Result<StoredExemption, AppError> {
        let reach = self.reach(caller, Subject::Ledger, Action::Write)?;
        let org = self.risk_owner(caller, reach)?;
        self.append_exemption(caller, org, None, revision).await
    }

    async fn append_exemption(
        &self,
        caller: &Caller,
        org: OrgId,
        exemption: Option<anzen_domain::chain::Exemption>,
        revision: Option<i64>,
    ) -> Result<StoredExemption, AppError> {
        if revision.is_some_and(|r| r < 0) {
            return Err(FieldError::new("revision", "must be 0 or more").into());
        }
        let mut tx = self.store().begin().await?;
        let before = tx
            .exemptions(Reach::Owned(org))
            .await?
            .into_iter()
            .find(|x| x.org == org);
        let current = before.as_ref().map_or(0, |x| x.seq);
        if let Some(r) = revision
            && r != current
        {
            return Err(AppError::Conflict(format!(
                "the exemption changed since version {r} (it is at version {current}); reload it and apply the change again"
            )));
        }
        if exemption.is_none() && before.as_ref().is_none_or(|b| b.exemption.is_none()) {
            // Nothing in force to withdraw.
            return Err(AppError::NotFound { what: "exemption" });
        }
        let x = StoredExemption {
            org,
            seq: current + 1,
            exemption,
            recorded_by: caller.label(),
            recorded_at: self.now(),
        };
        tx.insert_exemption(&x)
            .await
            .map_err(AppError::from_store("exemption"))?;
        let json = |x: &StoredExemption| serde_json::to_value(x).expect("an exemption serialises");
        let (action, summary) = match &x.exemption {
            Some(e) => (
                "certification_exemption.set",
                format!(
                    "{}{}: {}",
                    e.basis.label_ja(),
                    if e.basis.allowed() {
                        ""
                    } else {
                        "（ガイドライン上の適用除外事由ではない）"
                    },
                    e.reason.chars().take(120).collect::<String>()
                ),
            ),
            None => (
                "certification_exemption.withdraw",
                "適用除外を取り下げ".to_owned(),
            ),
        };
        self.seal(
            tx.as_mut(),
            caller,
            event(
                action,
                "certification_exemption",
                format!("{org}#{}", x.seq),
                Some(org),
                before.as_ref().map(json).as_ref(),
                Some(&json(&x)),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(x)
    }
}

/// The names of `org`'s in-scope offerings whose scope profile says they handle medical
/// information directly (FAQ 1; GL 2.1).
async fn direct_offerings(db: &dyn Reads, org: OrgId) -> Result<Vec<String>, AppError> {
    let query = OfferingQuery {
        in_scope: Some(true),
        provider: Some(org),
        ..OfferingQuery::default()
    };
    Ok(db
        .export_offerings(Reach::Owned(org), &query)
        .await?
        .into_iter()
        .filter(|o| handles_directly(&o.profile))
        .map(|o| o.name.to_string())
        .collect())
}
