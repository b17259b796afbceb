//! What waits for a medical institution's own step: the tasks of the institution's home.
//! Each rule names the passage that puts the step on the institution; a step that waits for
//! the provider (an open question or decline it must answer) is not the institution's task.

use crate::ids::OrgId;
use crate::incident::Incident;
use crate::incident::rules::pending_agreement;
use crate::oprules::Standing;
use crate::risk::TreatmentState;

/// A risk waits for `institution`'s consent when its treatment needs the affected
/// institutions' agreement (share or accept: FAQ 5.1; the residual risk of reduce or avoid:
/// FAQ 5.2, GL 5.1.5 (3)) and `institution` has not agreed to the content as it stands (never,
/// or only to an earlier content). A reopened treatment cannot be agreed to, and a decline
/// waits for the provider's answer (GL 5.1.6 (1)): neither is the institution's step.
pub fn risk_awaits_consent_of(state: &TreatmentState, institution: OrgId) -> bool {
    match state {
        TreatmentState::AwaitingConsent { consents }
        | TreatmentState::ResidualAgreementPending { consents } => {
            consents.missing.contains(&institution) || consents.stale.contains(&institution)
        }
        _ => false,
    }
}

/// An agreement on the division of responsibilities (GL 3.1, FAQ 3) waits for
/// `institution`'s signature when it is the agreement's counterparty and no user of it agreed
/// to the exact content of the latest version (`agreed`: each consent's party and digest).
pub fn agreement_awaits_signature_of<'a>(
    counterparty: OrgId,
    digest: &str,
    agreed: impl IntoIterator<Item = (OrgId, &'a str)>,
    institution: OrgId,
) -> bool {
    counterparty == institution
        && !agreed
            .into_iter()
            .any(|(party, d)| party == institution && d == digest)
}

/// The provider's 運用管理規程 waits for `institution` when the current version covers one of
/// its contracts and it has neither agreed nor asked or declined (FAQ 6.1, GL 5.1.6 (2)): a
/// question or decline waits for the provider's answer.
pub fn rules_await(current: bool, standing: Standing) -> bool {
    current && standing == Standing::Pending
}

/// What an incident asks of `institution` (GL 3.2 crisis response, FAQ 3): to acknowledge
/// the report, then, while the incident is open and prevention measures are proposed, to
/// agree to them or decline with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncidentStep {
    Acknowledge,
    AnswerPrevention,
}

/// The step `incident` waits for from `institution`, if any.
pub fn incident_step_of(incident: &Incident, institution: OrgId) -> Option<IncidentStep> {
    let party = incident
        .parties
        .iter()
        .find(|p| p.institution == institution)?;
    if party.acknowledged_at.is_none() {
        return Some(IncidentStep::Acknowledge);
    }
    let open = incident.closed_at.is_none();
    let proposed = incident
        .prevention
        .as_deref()
        .is_some_and(|p| !p.trim().is_empty());
    // An agreement or a decline answers this version; a decline waits for the provider.
    let answered = party.answer_to(incident.prevention_version).is_some();
    (open && proposed && !answered && pending_agreement(incident).contains(&institution))
        .then_some(IncidentStep::AnswerPrevention)
}

#[cfg(test)]
mod tests;
