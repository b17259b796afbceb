//! The 責任分界表 of an offering (GL 3.2, Fig. 3-4; FAQ 3, 3.1): for each lifecycle
//! agreement of its contracts (for one institution, only that institution's), the version
//! both parties agreed (or the latest, marked as not agreed), who agreed and when, the duties
//! per phase with the responsible party, the gaps in coverage, and a mark when the parties
//! must agree again (FAQ 2.1 R5).

use std::collections::HashMap;

use anzen_domain::access::{Action, Subject};
use anzen_domain::chain::{
    AgreementKind, AgreementStatus, Confidence, LifecyclePhase, Responsible, coverage_gaps,
    duty_template,
};
use anzen_domain::ids::OrgId;
use anzen_domain::offering::Offering;
use anzen_render::responsibility::{
    self as r, AgreementSheet, AgreementState, Consent, Duty, Party, PartyAgreement, Reagreement,
    ResponsibilityDivision,
};

use super::risk_treatment::jst;
use crate::chain::version_of;
use crate::ports::{ContractQuery, Page, StoredAgreement};
use crate::{App, AppError, Caller};

fn state(s: AgreementStatus) -> AgreementState {
    match s {
        AgreementStatus::Open => AgreementState::Open,
        AgreementStatus::PartlyAgreed => AgreementState::PartlyAgreed,
        AgreementStatus::Agreed => AgreementState::Agreed,
    }
}

fn phase(p: LifecyclePhase) -> r::Phase {
    r::Phase::from_code(p.code()).unwrap_or(r::Phase::AgreementMaintenance)
}

impl App {
    pub(super) async fn responsibility_division(
        &self,
        caller: &Caller,
        offering: &Offering,
        institution: Option<OrgId>,
        provider: String,
    ) -> Result<ResponsibilityDivision, AppError> {
        let contracts = self
            .list_contracts(
                caller,
                &ContractQuery {
                    offering: Some(offering.id),
                    institution,
                    ..Default::default()
                },
                Page::all(),
            )
            .await?
            .rows;
        let mut stored: Vec<StoredAgreement> = Vec::new();
        for c in &contracts {
            stored.extend(self.list_agreements(caller, Some(c.id)).await?);
        }
        if institution.is_some() {
            stored.retain(|a| a.kind == AgreementKind::ProviderInstitution);
        }
        stored.sort_by_key(|a| (a.created_at, a.id.clone()));
        stored.dedup_by(|a, b| a.id == b.id);

        let mut ids: Vec<OrgId> = vec![offering.provider];
        for a in &stored {
            ids.push(a.counterparty);
            ids.extend(a.subcontractors.iter().copied());
        }
        ids.sort();
        ids.dedup();
        let orgs = self.reach(caller, Subject::Organisations, Action::Read)?;
        let names: HashMap<OrgId, String> = self
            .store()
            .org_names(orgs, &ids)
            .await?
            .into_iter()
            .collect();
        let name = |o: OrgId| names.get(&o).cloned().unwrap_or_else(|| o.to_string());

        let mut sheets = Vec::new();
        for latest in &stored {
            let history = self.agreement_history(caller, &latest.id).await?;
            let mut agreed = None;
            for v in history.iter().rev() {
                if version_of(v)?.status() == AgreementStatus::Agreed {
                    agreed = Some(v);
                    break;
                }
            }
            let shown = agreed.unwrap_or(latest);
            let shown_version = version_of(shown)?;
            let latest_status = version_of(latest)?.status();
            let reagreement = (shown.version != latest.version
                || latest.reagreement_reason.is_some())
            .then(|| Reagreement {
                latest_version: latest.version,
                latest_state: state(latest_status),
                reason: latest.reagreement_reason.clone(),
            });
            let contract = contracts
                .iter()
                .find(|c| Some(c.id) == shown.contract)
                .and_then(|c| c.reference.clone());
            let counterparty_role = match shown.kind {
                AgreementKind::ProviderInstitution => Party::Institution,
                AgreementKind::Internal => Party::Subcontractor,
            };
            // A consent counts for the exact content it quoted (GL 3.2.1).
            let consents_of = |org: OrgId| -> Vec<Consent> {
                shown
                    .consents
                    .iter()
                    .filter(|c| c.party == org && c.digest == shown.digest)
                    .map(|c| Consent {
                        by: c.user_name.clone(),
                        at: jst(c.at),
                    })
                    .collect()
            };
            let parties = vec![
                PartyAgreement {
                    role: counterparty_role,
                    name: name(shown.counterparty),
                    consents: consents_of(shown.counterparty),
                },
                PartyAgreement {
                    role: Party::Provider,
                    name: name(shown.org),
                    consents: consents_of(shown.org),
                },
            ];
            let duties = shown
                .entries
                .iter()
                .map(|e| {
                    let template = duty_template(&e.duty);
                    let (party, party_name) = match e.responsible {
                        Responsible::Institution => (Party::Institution, name(shown.counterparty)),
                        Responsible::Provider => (Party::Provider, name(shown.org)),
                        Responsible::Subcontractor { org } => (Party::Subcontractor, name(org)),
                    };
                    Duty {
                        phase: phase(e.phase),
                        key: e.duty.clone(),
                        title: e
                            .title
                            .clone()
                            .or_else(|| template.map(|t| t.title_ja.to_string()))
                            .unwrap_or_else(|| e.duty.clone()),
                        reference: template.map(|t| t.reference.to_string()),
                        party,
                        party_name,
                        confidence: template
                            .filter(|t| t.confidence != Confidence::Confirmed)
                            .map(|t| t.confidence.label_ja().to_string()),
                    }
                })
                .collect();
            let gaps = coverage_gaps(shown_version.content())
                .into_iter()
                .map(|(p, f)| format!("{}：{}", p.label_ja(), f.rule.cited_ja()))
                .collect();
            sheets.push(AgreementSheet {
                kind: match shown.kind {
                    AgreementKind::ProviderInstitution => r::AgreementKind::ProviderInstitution,
                    AgreementKind::Internal => r::AgreementKind::Internal,
                },
                provider: name(shown.org),
                counterparty: name(shown.counterparty),
                contract,
                version: shown.version,
                digest: shown.digest.clone(),
                drafted_by: shown.created_by.clone(),
                drafted_at: jst(shown.created_at),
                state: state(shown_version.status()),
                parties,
                subcontractors: shown.subcontractors.iter().map(|o| name(*o)).collect(),
                duties,
                reagreement,
                gaps,
            });
        }
        Ok(ResponsibilityDivision {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: institution.map(name),
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            agreements: sheets,
        })
    }
}
