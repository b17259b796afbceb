//! Lifecycle agreements on duties and responsibilities (GL 3.2, Fig. 3-4; FAQ 3, 3.1):
//! versioned, each version agreed by named users of both parties, a change reopening it.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::chain::{
    AgreementContent, AgreementDraft, AgreementKind, AgreementVersion, Consent, MatrixEntry,
};
use anzen_domain::ids::{ContractId, OrgId};

use crate::audit::event;
use crate::orgs::covers;
use crate::ports::{AgreementConsentRecord, ContractQuery, Page, StoredAgreement};
use crate::{App, AppError, Caller, new_uuid};

fn content_of(a: &StoredAgreement) -> Result<AgreementContent, AppError> {
    AgreementContent::new(AgreementDraft {
        kind: a.kind,
        provider: a.org,
        counterparty: a.counterparty,
        contract: a.contract,
        subcontractors: a.subcontractors.clone(),
        entries: a.entries.clone(),
    })
    .map_err(|e| AppError::Internal(format!("stored agreement {} is invalid: {e}", a.id)))
}

/// The domain version of a stored one (consents that count, status).
pub fn version_of(a: &StoredAgreement) -> Result<AgreementVersion, AppError> {
    let consents = a
        .consents
        .iter()
        .map(|c| Consent {
            user: c.user,
            org: c.party,
            digest: c.digest.clone(),
            at: c.at,
        })
        .collect();
    AgreementVersion::restore(a.version, content_of(a)?, consents)
        .map_err(|e| AppError::Internal(e.to_string()))
}

impl App {
    /// Opens the agreement of a contract between its provider and institution, from the
    /// default duty catalogue (or an internal agreement with a subcontractor, FAQ 3.1 R3).
    pub async fn open_agreement(
        &self,
        caller: &Caller,
        contract: ContractId,
        kind: AgreementKind,
        subcontractor: Option<OrgId>,
    ) -> Result<StoredAgreement, AppError> {
        let reach = self.reach(caller, Subject::Agreements, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let contracts = tx
            .list_contracts(
                self.reach(caller, Subject::Contracts, Action::Read)?,
                &ContractQuery::default(),
                Page::all(),
            )
            .await?;
        let c = contracts
            .rows
            .into_iter()
            .find(|c| c.id == contract)
            .ok_or(AppError::NotFound { what: "contract" })?;
        if !covers(reach, c.provider) {
            return Err(AppError::Forbidden(
                "agreements are opened by the contract's provider",
            ));
        }
        let counterparty = match kind {
            AgreementKind::ProviderInstitution => c.institution,
            AgreementKind::Internal => subcontractor.ok_or_else(|| {
                FieldError::new(
                    "subcontractor",
                    "an internal agreement names the subcontractor (FAQ 3.1 R3)",
                )
            })?,
        };
        if kind == AgreementKind::Internal {
            // FAQ 3.1 R3: the counterparty is a provider in this offering's chain.
            self.check_subcontractor(
                tx.as_reads(),
                Some(c.offering),
                c.provider,
                counterparty,
                "subcontractor",
            )
            .await?;
        }
        let content = AgreementContent::from_catalogue(kind, c.provider, counterparty, Some(c.id))?;
        let stored = StoredAgreement {
            id: new_uuid().to_string(),
            org: c.provider,
            kind,
            counterparty,
            contract: Some(c.id),
            version: 1,
            subcontractors: content.subcontractors().to_vec(),
            entries: content.entries().to_vec(),
            digest: content.digest(),
            reagreement_reason: None,
            created_by: caller.label(),
            created_at: self.now(),
            consents: Vec::new(),
        };
        tx.insert_agreement_version(&stored).await?;
        let after = serde_json::json!({ "kind": kind, "contract": c.id, "digest": stored.digest });
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "agreement.open",
                "agreement",
                &stored.id,
                Some(c.provider),
                None,
                Some(&after),
                format!("version 1 ({})", kind.code()),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Changes an agreement's matrix: a new version that both parties must agree to again.
    pub async fn revise_agreement(
        &self,
        caller: &Caller,
        id: &str,
        entries: Vec<MatrixEntry>,
        subcontractors: Vec<OrgId>,
    ) -> Result<StoredAgreement, AppError> {
        let reach = self.reach(caller, Subject::Agreements, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let history = tx
            .agreement_history(reach, id)
            .await
            .map_err(AppError::from_store("agreement"))?;
        let latest = history.last().expect("history is never empty");
        // FAQ 3.1 R3: each subcontractor named is a provider in the contract's offering's chain.
        if !subcontractors.is_empty() {
            let offering = match latest.contract {
                Some(contract) => tx
                    .list_contracts(Reach::Everything, &ContractQuery::default(), Page::all())
                    .await?
                    .rows
                    .into_iter()
                    .find(|c| c.id == contract)
                    .map(|c| c.offering),
                None => None,
            };
            for (i, org) in subcontractors.iter().enumerate() {
                let field = format!("subcontractors[{i}]");
                self.check_subcontractor(tx.as_reads(), offering, latest.org, *org, &field)
                    .await?;
            }
        }
        let current = version_of(latest)?;
        let content = AgreementContent::new(AgreementDraft {
            kind: latest.kind,
            provider: latest.org,
            counterparty: latest.counterparty,
            contract: latest.contract,
            subcontractors,
            entries,
        })?;
        let next = current.revise(content)?;
        let stored = StoredAgreement {
            version: next.number(),
            subcontractors: next.content().subcontractors().to_vec(),
            entries: next.content().entries().to_vec(),
            digest: next.digest().to_owned(),
            reagreement_reason: None,
            created_by: caller.label(),
            created_at: self.now(),
            consents: Vec::new(),
            ..latest.clone()
        };
        tx.insert_agreement_version(&stored).await?;
        let before = serde_json::json!({ "version": latest.version, "digest": latest.digest });
        let after = serde_json::json!({ "version": stored.version, "digest": stored.digest });
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "agreement.revise",
                "agreement",
                id,
                Some(stored.org),
                Some(&before),
                Some(&after),
                format!("version {}", stored.version),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// A named user of one party agrees to the latest version, as shown (`digest`).
    pub async fn agree(
        &self,
        caller: &Caller,
        id: &str,
        digest: &str,
    ) -> Result<StoredAgreement, AppError> {
        let Caller::User(p) = caller else {
            return Err(AppError::Forbidden(
                "agreement is given by a named user of a party",
            ));
        };
        // An auditor reads; it never agrees on its organisation's behalf.
        if p.role == anzen_domain::access::Role::Auditor {
            return Err(AppError::Forbidden(
                "an auditor reads agreements but does not agree to them",
            ));
        }
        let reach = self.reach(caller, Subject::Agreements, Action::Read)?;
        let mut tx = self.store().begin().await?;
        let history = tx
            .agreement_history(reach, id)
            .await
            .map_err(AppError::from_store("agreement"))?;
        let latest = history.last().expect("history is never empty").clone();
        let mut version = version_of(&latest)?;
        let consent = Consent {
            user: p.user,
            org: p.org,
            digest: digest.trim().to_owned(),
            at: self.now(),
        };
        version.record_consent(consent.clone())?;
        let record = AgreementConsentRecord {
            user: p.user,
            user_name: p.name.clone(),
            party: p.org,
            digest: consent.digest,
            at: consent.at,
        };
        tx.insert_agreement_consent(id, latest.version, &record)
            .await?;
        let after = serde_json::json!({ "version": latest.version, "party": p.org, "status": version.status() });
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "agreement.agree",
                "agreement",
                id,
                Some(latest.org),
                None,
                Some(&after),
                format!("version {} agreed by {}", latest.version, p.name),
            ),
        )
        .await?;
        tx.commit().await?;
        let mut updated = latest;
        updated.consents.push(record);
        Ok(updated)
    }

    /// The agreements within reach (the latest version of each), of one contract or all.
    pub async fn list_agreements(
        &self,
        caller: &Caller,
        contract: Option<ContractId>,
    ) -> Result<Vec<StoredAgreement>, AppError> {
        let reach = self.reach(caller, Subject::Agreements, Action::Read)?;
        Ok(self.store().agreements(reach, contract).await?)
    }

    /// Every version of one agreement.
    pub async fn agreement_history(
        &self,
        caller: &Caller,
        id: &str,
    ) -> Result<Vec<StoredAgreement>, AppError> {
        let reach = self.reach(caller, Subject::Agreements, Action::Read)?;
        self.store()
            .agreement_history(reach, id)
            .await
            .map_err(AppError::from_store("agreement"))
    }
}
