//! Table tests of the crisis-response rules (GL 3.2 危機管理対応時, FAQ 3; GL 5.1.7).

use jiff::Timestamp;
use uuid::Uuid;

use super::rules::*;
use super::*;
use crate::access::{Principal, Role};
use crate::ids::UserId;
use crate::risk::rules::refuse;

fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}
const PROVIDER: u128 = 1;
const OTHER_PROVIDER: u128 = 2;
const INST_A: u128 = 10;
const INST_B: u128 = 11;
const INST_C: u128 = 12;

fn principal(role: Role, o: u128) -> Principal {
    Principal {
        user: UserId::from_uuid(Uuid::from_u128(100 + o)),
        name: format!("user{o}"),
        org: org(o),
        role,
        access_until: None,
    }
}

fn now() -> Timestamp {
    "2026-12-01T00:00:00Z".parse().unwrap()
}

fn input() -> IncidentInput {
    IncidentInput {
        title: "保守端末からの不正アクセス".into(),
        description: "保守端末がマルウェアに感染し、本番DBへの不審な接続が記録された".into(),
        occurred_at: "2026-11-20T09:30".into(),
        detected_at: "2026-11-20T11:00:00+09:00".into(),
        confidentiality: true,
        integrity: false,
        availability: false,
        affected: vec![org(INST_A).to_string()],
        actions: "保守端末をネットワークから切り離した".into(),
        cause: String::new(),
        prevention: String::new(),
    }
}

fn incident() -> Incident {
    let v = check_record(&input(), &[org(INST_A), org(INST_B)], now()).unwrap();
    Incident {
        id: crate::ids::IncidentId::from_uuid(Uuid::from_u128(77)),
        provider: org(PROVIDER),
        offering: crate::ids::OfferingId::from_uuid(Uuid::from_u128(50)),
        title: v.title,
        description: v.description,
        occurred_at: v.occurred_at,
        detected_at: v.detected_at,
        impact: v.impact,
        actions: v.actions,
        cause: Some("保守端末のOSが未更新".into()),
        prevention: Some("保守端末の月次更新と接続前検査".into()),
        prevention_version: 1,
        parties: vec![
            IncidentParty::new(org(INST_A)),
            IncidentParty::new(org(INST_B)),
        ],
        revision: 1,
        recorded_by: "user:p".into(),
        created_at: now(),
        updated_at: now(),
        closed_by: None,
        closed_at: None,
    }
}

/// Every field of a new incident, with a good and a bad value (GL 3.2 (a): what happened,
/// when, the scope).
#[test]
fn recording_validates_every_field() {
    let contracting = [org(INST_A), org(INST_B)];
    let long = "x".repeat(MAX_TEXT + 1);
    type Edit = fn(&mut IncidentInput, &str);
    let cases: &[(&str, Edit, Option<&str>)] = &[
        ("as given", |_, _| {}, None),
        ("empty title", |i, _| i.title = " ".into(), Some("title")),
        (
            "title over 200",
            |i, _| i.title = "題".repeat(201),
            Some("title"),
        ),
        (
            "empty description",
            |i, _| i.description.clear(),
            Some("description"),
        ),
        (
            "description too long",
            |i, l| i.description = l.into(),
            Some("description"),
        ),
        (
            "occurred_at not a moment",
            |i, _| i.occurred_at = "yesterday".into(),
            Some("occurred_at"),
        ),
        (
            "occurred_at empty",
            |i, _| i.occurred_at.clear(),
            Some("occurred_at"),
        ),
        (
            "occurred_at in the future",
            |i, _| i.occurred_at = "2027-01-01T00:00:00Z".into(),
            Some("occurred_at"),
        ),
        (
            "detected_at in the future",
            |i, _| i.detected_at = "2027-01-01T00:00:00Z".into(),
            Some("detected_at"),
        ),
        (
            "detected before it occurred",
            |i, _| i.detected_at = "2026-11-20T09:29".into(),
            Some("detected_at"),
        ),
        (
            "detected as it occurred",
            |i, _| i.detected_at = "2026-11-20 09:30".into(),
            None,
        ),
        (
            "no impact",
            |i, _| i.confidentiality = false,
            Some("impact"),
        ),
        (
            "availability only",
            |i, _| {
                i.confidentiality = false;
                i.availability = true;
            },
            None,
        ),
        (
            "no affected institution",
            |i, _| i.affected.clear(),
            Some("affected"),
        ),
        (
            "affected not an id",
            |i, _| i.affected = vec!["病院".into()],
            Some("affected[0]"),
        ),
        (
            "affected not contracting",
            |i, _| i.affected.push(org(INST_C).to_string()),
            Some("affected[1]"),
        ),
        (
            "a provider is not an affected institution",
            |i, _| i.affected = vec![org(PROVIDER).to_string()],
            Some("affected[0]"),
        ),
        (
            "too many affected",
            |i, _| i.affected = vec![org(INST_A).to_string(); MAX_AFFECTED + 1],
            Some("affected"),
        ),
        (
            "actions too long",
            |i, l| i.actions = l.into(),
            Some("actions"),
        ),
        ("cause too long", |i, l| i.cause = l.into(), Some("cause")),
        (
            "prevention without a cause",
            |i, _| i.prevention = "月次更新".into(),
            Some("prevention"),
        ),
        (
            "prevention too long",
            |i, l| {
                i.cause = "c".into();
                i.prevention = l.into();
            },
            Some("prevention"),
        ),
        (
            "cause and prevention at once",
            |i, _| {
                i.cause = "c".into();
                i.prevention = "p".into();
            },
            None,
        ),
    ];
    for (name, edit, field) in cases {
        let mut i = input();
        edit(&mut i, &long);
        let got = check_record(&i, &contracting, now());
        match field {
            None => assert!(got.is_ok(), "{name}: {got:?}"),
            Some(f) => assert_eq!(got.unwrap_err().field, *f, "{name}"),
        }
    }
}

#[test]
fn moments_without_an_offset_are_japanese_time_and_repeated_institutions_count_once() {
    let mut i = input();
    i.affected = vec![org(INST_A).to_string(), format!(" {} ", org(INST_A))];
    let v = check_record(&i, &[org(INST_A)], now()).unwrap();
    assert_eq!(v.occurred_at, "2026-11-20T00:30:00Z".parse().unwrap());
    assert_eq!(v.detected_at, "2026-11-20T02:00:00Z".parse().unwrap());
    assert_eq!(v.affected, vec![org(INST_A)]);
    // The refusal of a non-contracting institution cites the guideline.
    let mut i = input();
    i.affected = vec![org(INST_C).to_string()];
    let e = check_record(&i, &[org(INST_A)], now()).unwrap_err();
    assert!(e.message.contains("GL 3.2"), "{e}");
}

/// Who records, updates and closes (GL 3.2: the crisis response is the provider's duty).
#[test]
fn only_the_offerings_provider_records_and_updates() {
    let cases: &[(Option<Principal>, bool)] = &[
        (Some(principal(Role::ProviderAdmin, PROVIDER)), true),
        (Some(principal(Role::ProviderMember, PROVIDER)), true),
        (None, true),
        (Some(principal(Role::ProviderAdmin, OTHER_PROVIDER)), false),
        (Some(principal(Role::InstitutionReviewer, INST_A)), false),
        (Some(principal(Role::Partner, PROVIDER)), false),
        (Some(principal(Role::Auditor, PROVIDER)), false),
    ];
    let i = incident();
    for (p, allowed) in cases {
        assert_eq!(
            check_recorder(p.as_ref(), org(PROVIDER)).is_ok(),
            *allowed,
            "{p:?}"
        );
        let up = check_update(p.as_ref(), &i, &UpdateInput::default());
        assert_eq!(up.is_ok(), *allowed, "{p:?}");
        if !allowed {
            assert_eq!(up.unwrap_err(), Refusal::Forbidden(RECORD_ONLY_BY_PROVIDER));
        }
    }
}

#[test]
fn updates_validate_and_move_the_prevention_version_only_when_it_changes() {
    let p = principal(Role::ProviderMember, PROVIDER);
    let mut i = incident();
    let bad = UpdateInput {
        actions: String::new(),
        cause: String::new(),
        prevention: "p".into(),
    };
    assert!(matches!(
        check_update(Some(&p), &i, &bad),
        Err(Refusal::Invalid(e)) if e.field == "prevention"
    ));
    let same = UpdateInput {
        actions: "復旧済み".into(),
        cause: i.cause.clone().unwrap(),
        prevention: i.prevention.clone().unwrap(),
    };
    check_update(Some(&p), &i, &same).unwrap().apply(&mut i);
    assert_eq!(
        (i.prevention_version, i.actions.as_deref()),
        (1, Some("復旧済み"))
    );
    let revised = UpdateInput {
        prevention: "保守端末の週次更新".into(),
        ..same
    };
    check_update(Some(&p), &i, &revised).unwrap().apply(&mut i);
    assert_eq!(i.prevention_version, 2);
    i.closed_at = Some(now());
    assert_eq!(
        check_update(Some(&p), &i, &revised),
        Err(Refusal::Conflict(CLOSED))
    );
}

/// Who acknowledges: each affected institution, its own acknowledgement, once.
#[test]
fn each_affected_institution_acknowledges_its_own_report_once() {
    let mut i = incident();
    let cases: &[(Principal, Result<(), Refusal>)] = &[
        (principal(Role::InstitutionReviewer, INST_A), Ok(())),
        (principal(Role::InstitutionReviewer, INST_B), Ok(())),
        (
            principal(Role::InstitutionReviewer, INST_C),
            Err(Refusal::Forbidden(ACK_ONLY_BY_INSTITUTION)),
        ),
        (
            principal(Role::ProviderAdmin, PROVIDER),
            Err(Refusal::Forbidden(ACK_ONLY_BY_INSTITUTION)),
        ),
        (
            principal(Role::Partner, INST_A),
            Err(Refusal::Forbidden(ACK_ONLY_BY_INSTITUTION)),
        ),
    ];
    for (p, expected) in cases {
        assert_eq!(&check_acknowledge(p, &i), expected, "{p:?}");
    }
    i.parties[0].acknowledged_at = Some(now());
    assert_eq!(
        check_acknowledge(&principal(Role::InstitutionReviewer, INST_A), &i),
        Err(Refusal::Conflict(ALREADY_ACKNOWLEDGED))
    );
    // B's acknowledgement is its own: A's does not count for it.
    assert!(check_acknowledge(&principal(Role::InstitutionReviewer, INST_B), &i).is_ok());
}

/// The answers to the prevention measures (GL 3.2 (c)), like the consent to a risk.
#[test]
fn answers_to_the_prevention_measures() {
    let a = principal(Role::InstitutionReviewer, INST_A);
    let base = incident();
    type Setup = fn(&mut Incident);
    /// Name, who, how the incident is set up, version seen, answer, reason, expected.
    type Case = (
        &'static str,
        Principal,
        Setup,
        i64,
        PreventionAnswer,
        &'static str,
        Result<(), Refusal>,
    );
    let cases: &[Case] = &[
        (
            "agree",
            a.clone(),
            |_| {},
            1,
            PreventionAnswer::Agreed,
            "",
            Ok(()),
        ),
        (
            "decline with a reason",
            a.clone(),
            |_| {},
            1,
            PreventionAnswer::Declined,
            "更新頻度が不足",
            Ok(()),
        ),
        (
            "decline without a reason",
            a.clone(),
            |_| {},
            1,
            PreventionAnswer::Declined,
            "  ",
            Err(Refusal::Invalid(refuse("reason", DECLINE_NEEDS_REASON))),
        ),
        (
            "stale version",
            a.clone(),
            |_| {},
            0,
            PreventionAnswer::Agreed,
            "",
            Err(Refusal::Conflict(PREVENTION_STALE)),
        ),
        (
            "nothing proposed",
            a.clone(),
            |i| {
                i.prevention = None;
                i.prevention_version = 0;
            },
            0,
            PreventionAnswer::Agreed,
            "",
            Err(Refusal::Invalid(refuse("prevention", NOTHING_PROPOSED))),
        ),
        (
            "closed",
            a.clone(),
            |i| i.closed_at = Some(now()),
            1,
            PreventionAnswer::Agreed,
            "",
            Err(Refusal::Conflict(CLOSED)),
        ),
        (
            "answered this version already",
            a.clone(),
            |i| {
                i.parties[0].answer = Some(AnswerRecord {
                    answer: PreventionAnswer::Declined,
                    reason: Some("r".into()),
                    version: 1,
                    by: "x".into(),
                    at: now(),
                })
            },
            1,
            PreventionAnswer::Agreed,
            "",
            Err(Refusal::Conflict(ALREADY_ANSWERED)),
        ),
        (
            "answered an earlier version: may answer the revised one",
            a.clone(),
            |i| {
                i.prevention_version = 2;
                i.parties[0].answer = Some(AnswerRecord {
                    answer: PreventionAnswer::Declined,
                    reason: Some("r".into()),
                    version: 1,
                    by: "x".into(),
                    at: now(),
                })
            },
            2,
            PreventionAnswer::Agreed,
            "",
            Ok(()),
        ),
        (
            "an institution not affected",
            principal(Role::InstitutionReviewer, INST_C),
            |_| {},
            1,
            PreventionAnswer::Agreed,
            "",
            Err(Refusal::Forbidden(ANSWER_ONLY_BY_INSTITUTION)),
        ),
        (
            "the provider cannot agree for the institution",
            principal(Role::ProviderAdmin, PROVIDER),
            |_| {},
            1,
            PreventionAnswer::Agreed,
            "",
            Err(Refusal::Forbidden(ANSWER_ONLY_BY_INSTITUTION)),
        ),
    ];
    for (name, p, setup, seen, answer, reason, expected) in cases {
        let mut i = base.clone();
        setup(&mut i);
        let got = check_answer(p, &i, *seen, *answer, reason, now());
        match expected {
            Ok(()) => {
                let rec = got.unwrap_or_else(|e| panic!("{name}: {e:?}"));
                assert_eq!(
                    (rec.answer, rec.version, rec.by.as_str()),
                    (*answer, i.prevention_version, p.name.as_str()),
                    "{name}"
                );
            }
            Err(e) => assert_eq!(&got.unwrap_err(), e, "{name}"),
        }
    }
    let long = "x".repeat(MAX_TEXT + 1);
    assert!(matches!(
        check_answer(&a, &base, 1, PreventionAnswer::Agreed, &long, now()),
        Err(Refusal::Invalid(e)) if e.field == "reason"
    ));
}

/// The phase ends with agreed 再発防止策 (GL 3.2 (c)); the status follows the record.
#[test]
fn closing_needs_every_institutions_agreement_to_the_current_measures() {
    let p = principal(Role::ProviderAdmin, PROVIDER);
    let agreed = |version: i64| {
        Some(AnswerRecord {
            answer: PreventionAnswer::Agreed,
            reason: None,
            version,
            by: "x".into(),
            at: now(),
        })
    };
    let mut i = incident();
    assert_eq!(status(&i), IncidentStatus::PreventionProposed);
    assert_eq!(pending_agreement(&i), vec![org(INST_A), org(INST_B)]);
    let refused = Err(Refusal::Invalid(refuse(
        "prevention",
        CLOSE_NEEDS_AGREEMENT,
    )));
    assert_eq!(check_close(Some(&p), &i), refused);
    i.parties[0].answer = agreed(1);
    assert_eq!(pending_agreement(&i), vec![org(INST_B)]);
    assert_eq!(check_close(Some(&p), &i), refused);
    // B agreed to an earlier version: it does not count for the measures as they stand.
    i.parties[1].answer = agreed(0);
    assert_eq!(check_close(Some(&p), &i), refused);
    i.parties[1].answer = agreed(1);
    assert_eq!(check_close(Some(&p), &i), Ok(()));
    assert_eq!(
        check_close(Some(&principal(Role::InstitutionReviewer, INST_A)), &i),
        Err(Refusal::Forbidden(RECORD_ONLY_BY_PROVIDER))
    );
    i.closed_at = Some(now());
    assert_eq!(status(&i), IncidentStatus::Closed);
    assert_eq!(check_close(Some(&p), &i), Err(Refusal::Conflict(CLOSED)));
    // Earlier states.
    let mut j = incident();
    j.prevention = None;
    assert_eq!(status(&j), IncidentStatus::CauseIdentified);
    j.cause = None;
    assert_eq!(status(&j), IncidentStatus::Open);
    assert_eq!(check_close(None, &j), refused);
}

#[test]
fn an_institution_sees_only_its_own_part() {
    let i = incident();
    assert_eq!(as_seen_by(i.clone(), None).parties.len(), 2);
    assert_eq!(as_seen_by(i.clone(), Some(org(PROVIDER))).parties.len(), 2);
    let b = as_seen_by(i, Some(org(INST_B)));
    assert_eq!(b.affected(), vec![org(INST_B)]);
}
