//! Table tests of what waits for an institution (FAQ 3, 5.1, 5.2, 6.1; GL 3.1, 3.2, 5.1.6).

use jiff::Timestamp;
use uuid::Uuid;

use super::*;
use crate::ids::{IncidentId, OfferingId};
use crate::incident::{AnswerRecord, IncidentParty, PreventionAnswer};
use crate::risk::{Cia, ConsentStatus};
use crate::text::Name;

fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}
const ME: u128 = 10;
const OTHER: u128 = 11;

fn consents(missing: &[u128], stale: &[u128], agreed: &[u128], declined: &[u128]) -> ConsentStatus {
    let ids = |v: &[u128]| v.iter().map(|&n| org(n)).collect();
    ConsentStatus {
        agreed: ids(agreed),
        stale: ids(stale),
        missing: ids(missing),
        declined: ids(declined),
    }
}

#[test]
fn a_risk_waits_for_the_institutions_that_have_not_agreed_to_its_content() {
    let awaiting = |c| TreatmentState::AwaitingConsent { consents: c };
    let residual = |c| TreatmentState::ResidualAgreementPending { consents: c };
    let cases: Vec<(&str, TreatmentState, bool)> = vec![
        (
            "share/accept, mine missing",
            awaiting(consents(&[ME], &[], &[], &[])),
            true,
        ),
        (
            "share/accept, mine stale",
            awaiting(consents(&[], &[ME], &[OTHER], &[])),
            true,
        ),
        (
            "share/accept, I agreed, the other not",
            awaiting(consents(&[OTHER], &[], &[ME], &[])),
            false,
        ),
        (
            "residual risk, mine missing",
            residual(consents(&[ME], &[], &[], &[])),
            true,
        ),
        (
            "residual risk, I agreed",
            residual(consents(&[OTHER], &[], &[ME], &[])),
            false,
        ),
        (
            "I declined: the provider's turn",
            awaiting(consents(&[], &[], &[], &[ME])),
            false,
        ),
        (
            "effective",
            TreatmentState::EffectiveByConsent {
                consents: consents(&[], &[], &[ME], &[]),
            },
            false,
        ),
        ("open", TreatmentState::Open, false),
    ];
    for (name, state, expected) in cases {
        assert_eq!(risk_awaits_consent_of(&state, org(ME)), expected, "{name}");
    }
}

#[test]
fn an_agreement_waits_for_its_counterparty_until_it_agrees_to_the_latest_content() {
    /// (case, the agreement's counterparty, the consents given (party, digest), waits for me)
    type Case<'a> = (&'a str, u128, &'a [(u128, &'a str)], bool);
    let cases: &[Case] = &[
        ("nobody agreed", ME, &[], true),
        ("only the provider agreed", ME, &[(1, "d2")], true),
        ("I agreed to an earlier version", ME, &[(ME, "d1")], true),
        ("I agreed to this version", ME, &[(ME, "d2")], false),
        ("another institution's agreement", OTHER, &[], false),
    ];
    for (name, counterparty, agreed, expected) in cases {
        let agreed = agreed.iter().map(|(o, d)| (org(*o), *d));
        assert_eq!(
            agreement_awaits_signature_of(org(*counterparty), "d2", agreed, org(ME)),
            *expected,
            "{name}"
        );
    }
}

#[test]
fn the_rules_wait_only_while_the_current_version_is_unanswered() {
    assert!(rules_await(true, Standing::Pending));
    assert!(
        !rules_await(false, Standing::Pending),
        "a superseded version"
    );
    assert!(!rules_await(true, Standing::Agreed));
    assert!(
        !rules_await(true, Standing::Questioned),
        "the provider answers"
    );
    assert!(
        !rules_await(true, Standing::Declined),
        "the provider answers"
    );
}

fn at() -> Timestamp {
    "2026-12-01T00:00:00Z".parse().unwrap()
}

fn incident(parties: Vec<IncidentParty>, prevention: Option<&str>, closed: bool) -> Incident {
    Incident {
        id: IncidentId::from_uuid(Uuid::from_u128(77)),
        provider: org(1),
        offering: OfferingId::from_uuid(Uuid::from_u128(50)),
        title: Name::parse("title", "接続障害").unwrap(),
        description: "証明書の期限切れ".into(),
        occurred_at: at(),
        detected_at: at(),
        impact: Cia {
            confidentiality: false,
            integrity: false,
            availability: true,
        },
        actions: None,
        cause: None,
        prevention: prevention.map(str::to_owned),
        prevention_version: 2,
        parties,
        revision: 1,
        recorded_by: "user:p".into(),
        created_at: at(),
        updated_at: at(),
        closed_by: closed.then(|| "user:p".into()),
        closed_at: closed.then(at),
    }
}

fn party(acknowledged: bool, answer: Option<(PreventionAnswer, i64)>) -> IncidentParty {
    IncidentParty {
        institution: org(ME),
        acknowledged_by: acknowledged.then(|| "高橋".into()),
        acknowledged_at: acknowledged.then(at),
        answer: answer.map(|(answer, version)| AnswerRecord {
            answer,
            reason: None,
            version,
            by: "高橋".into(),
            at: at(),
        }),
    }
}

#[test]
fn an_incident_asks_acknowledgement_then_an_answer_to_the_prevention_measures() {
    use IncidentStep::*;
    use PreventionAnswer::*;
    let cases: Vec<(&str, Incident, Option<IncidentStep>)> = vec![
        (
            "reported, not acknowledged",
            incident(vec![party(false, None)], None, false),
            Some(Acknowledge),
        ),
        (
            "acknowledged, nothing proposed",
            incident(vec![party(true, None)], None, false),
            None,
        ),
        (
            "measures proposed",
            incident(vec![party(true, None)], Some("自動更新"), false),
            Some(AnswerPrevention),
        ),
        (
            "answered an earlier version",
            incident(
                vec![party(true, Some((Agreed, 1)))],
                Some("自動更新"),
                false,
            ),
            Some(AnswerPrevention),
        ),
        (
            "agreed to this version",
            incident(
                vec![party(true, Some((Agreed, 2)))],
                Some("自動更新"),
                false,
            ),
            None,
        ),
        (
            "declined: the provider revises",
            incident(
                vec![party(true, Some((Declined, 2)))],
                Some("自動更新"),
                false,
            ),
            None,
        ),
        (
            "closed",
            incident(vec![party(true, None)], Some("自動更新"), true),
            None,
        ),
        (
            "not a party",
            incident(vec![], Some("自動更新"), false),
            None,
        ),
    ];
    for (name, i, expected) in cases {
        assert_eq!(incident_step_of(&i, org(ME)), expected, "{name}");
    }
}
