//! Table tests of the lifecycle responsibility matrix and its agreements (GL 3.2, Fig. 3-4;
//! FAQ 3, 3.1), each citing its section: validation, digests, versions and consents. The
//! FAQ 3 / 3.1 checks between providers are in `agreement_internal_tests.rs`.

use jiff::Timestamp;
use uuid::Uuid;

use super::AGREEMENT_SCHEMA;
use super::{
    AgreementContent, AgreementDraft, AgreementKind, AgreementStatus, AgreementVersion, Consent,
    DEFAULT_DUTIES, LifecyclePhase, MatrixEntry, Responsible, coverage_gaps,
};
use crate::ids::{ContractId, OrgId, UserId};

pub(super) const A: u128 = 1;
pub(super) const B: u128 = 2;
pub(super) const C: u128 = 3;
pub(super) const H: u128 = 100;

pub(super) fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}
pub(super) fn user(n: u128) -> UserId {
    UserId::from_uuid(Uuid::from_u128(n))
}
pub(super) fn at() -> Timestamp {
    "2026-04-01T09:00:00Z".parse().unwrap()
}

pub(super) fn entry(phase: LifecyclePhase, duty: &str, responsible: Responsible) -> MatrixEntry {
    MatrixEntry {
        phase,
        duty: duty.to_owned(),
        title: None,
        responsible,
    }
}

pub(super) fn draft(
    kind: AgreementKind,
    counterparty: u128,
    entries: Vec<MatrixEntry>,
) -> AgreementDraft {
    AgreementDraft {
        kind,
        provider: org(A),
        counterparty: org(counterparty),
        contract: Some(ContractId::from_uuid(Uuid::from_u128(77))),
        subcontractors: Vec::new(),
        entries,
    }
}

pub(super) fn consent(v: &AgreementVersion, u: u128, o: u128) -> Consent {
    Consent {
        user: user(u),
        org: org(o),
        digest: v.digest().to_owned(),
        at: at(),
    }
}

/// FAQ 3.1 R3's example: A operates, B develops, the institution contracts A only (covering
/// both). The institution–A matrix names B for development.
pub(super) fn faq_3_1_main() -> AgreementContent {
    use LifecyclePhase::*;
    let mut d = draft(
        AgreementKind::ProviderInstitution,
        H,
        vec![
            entry(PreContract, "pre.explicit_agreement", Responsible::Provider),
            entry(
                Development,
                "dev.identify_risks",
                Responsible::Subcontractor { org: org(B) },
            ),
            entry(
                Development,
                "dev.environments",
                Responsible::Subcontractor { org: org(B) },
            ),
            entry(Operation, "op.identify_risks", Responsible::Provider),
            entry(Operation, "op.track_handling", Responsible::Institution),
        ],
    );
    d.subcontractors = vec![org(B)];
    AgreementContent::new(d).unwrap()
}

pub(super) fn faq_3_1_internal(responsible: Responsible) -> AgreementContent {
    use LifecyclePhase::*;
    AgreementContent::new(draft(
        AgreementKind::Internal,
        B,
        vec![
            entry(Development, "dev.identify_risks", responsible),
            entry(
                Development,
                "dev.environments",
                Responsible::Subcontractor { org: org(B) },
            ),
        ],
    ))
    .unwrap()
}

#[test]
fn the_catalogue_makes_a_complete_valid_matrix() {
    // GL 3.2, Fig. 3-4: every phase has duties; every duty exactly one party.
    let c =
        AgreementContent::from_catalogue(AgreementKind::ProviderInstitution, org(A), org(H), None)
            .unwrap();
    assert_eq!(c.entries().len(), DEFAULT_DUTIES.len());
    assert!(coverage_gaps(&c).is_empty());
    assert_eq!(
        c.responsible(LifecyclePhase::CrisisResponse, "crisis.report"),
        Some(Responsible::Provider)
    );
    assert_eq!(
        c.responsible(LifecyclePhase::CrisisResponse, "crisis.explain_publicly"),
        Some(Responsible::Institution)
    );
    // FAQ 3.1 R3: the internal default covers development only, with B responsible.
    let i =
        AgreementContent::from_catalogue(AgreementKind::Internal, org(A), org(B), None).unwrap();
    assert!(
        i.entries()
            .iter()
            .all(|e| e.phase == LifecyclePhase::Development
                && e.responsible == Responsible::Subcontractor { org: org(B) })
    );
}

#[test]
fn validation_table() {
    use LifecyclePhase::*;
    let sub = Responsible::Subcontractor { org: org(B) };
    let rows: Vec<(&str, &str, AgreementDraft, &str)> = vec![
        (
            "a duty assigned twice",
            "GL 3.2: every duty has exactly one responsible party",
            draft(
                AgreementKind::ProviderInstitution,
                H,
                vec![
                    entry(Operation, "op.identify_risks", Responsible::Provider),
                    entry(Operation, "op.identify_risks", Responsible::Institution),
                ],
            ),
            "entries[1].duty",
        ),
        (
            "a subcontractor not named in the agreement",
            "FAQ 3.1: the subcontractor is named",
            draft(
                AgreementKind::ProviderInstitution,
                H,
                vec![entry(Development, "dev.identify_risks", sub)],
            ),
            "entries[0].responsible",
        ),
        (
            "the institution in an internal agreement",
            "FAQ 3.1 R3: internal between A and B",
            draft(
                AgreementKind::Internal,
                B,
                vec![entry(
                    Development,
                    "dev.identify_risks",
                    Responsible::Institution,
                )],
            ),
            "entries[0].responsible",
        ),
        (
            "another subcontractor in an internal agreement",
            "FAQ 3.1 R3: internal between A and B",
            draft(
                AgreementKind::Internal,
                B,
                vec![entry(
                    Development,
                    "dev.identify_risks",
                    Responsible::Subcontractor { org: org(C) },
                )],
            ),
            "entries[0].responsible",
        ),
        (
            "a catalogue duty in the wrong phase",
            "GL 3.2 (Fig. 3-4)",
            draft(
                AgreementKind::ProviderInstitution,
                H,
                vec![entry(Operation, "crisis.report", Responsible::Provider)],
            ),
            "entries[0].phase",
        ),
        (
            "an own duty without a title",
            "GL 3.2",
            draft(
                AgreementKind::ProviderInstitution,
                H,
                vec![entry(Operation, "op.backup_drill", Responsible::Provider)],
            ),
            "entries[0].title",
        ),
        (
            "a malformed duty key",
            "GL 3.2",
            draft(
                AgreementKind::ProviderInstitution,
                H,
                vec![entry(Operation, "Backup Drill!", Responsible::Provider)],
            ),
            "entries[0].duty",
        ),
        (
            "no duty at all",
            "GL 3.2",
            draft(AgreementKind::ProviderInstitution, H, vec![]),
            "entries",
        ),
        (
            "an agreement with oneself",
            "GL 3.2",
            draft(
                AgreementKind::ProviderInstitution,
                A,
                vec![entry(Operation, "op.identify_risks", Responsible::Provider)],
            ),
            "counterparty",
        ),
    ];
    for (name, section, d, field) in rows {
        let e = AgreementContent::new(d).expect_err(name);
        assert_eq!(e.field, field, "{name} ({section}): {e}");
    }
    // An own duty with a title is fine.
    let mut e = entry(Operation, "op.backup_drill", Responsible::Provider);
    e.title = Some(" 復旧訓練 ".into());
    let c = AgreementContent::new(draft(AgreementKind::ProviderInstitution, H, vec![e])).unwrap();
    assert_eq!(c.entries()[0].title.as_deref(), Some("復旧訓練"));
}

#[test]
fn the_digest_is_of_the_content_not_of_its_order() {
    use LifecyclePhase::*;
    let one = vec![
        entry(Operation, "op.identify_risks", Responsible::Provider),
        entry(
            PreContract,
            "pre.select_contractor",
            Responsible::Institution,
        ),
    ];
    let mut two = one.clone();
    two.reverse();
    let a =
        AgreementContent::new(draft(AgreementKind::ProviderInstitution, H, one.clone())).unwrap();
    let b = AgreementContent::new(draft(AgreementKind::ProviderInstitution, H, two)).unwrap();
    assert_eq!(a.digest(), b.digest());
    assert_eq!(a.digest().len(), 64);
    let mut changed = one;
    changed[0].responsible = Responsible::Institution;
    let c = AgreementContent::new(draft(AgreementKind::ProviderInstitution, H, changed)).unwrap();
    assert_ne!(a.digest(), c.digest());
    assert_eq!(AGREEMENT_SCHEMA, "anzen/lifecycle-agreement/v1");
}

#[test]
fn a_version_is_agreed_only_by_named_users_of_both_parties() {
    // GL 3.2 (合意形成 → 明示的な合意): both parties agree the exact content.
    let mut v = AgreementVersion::first(faq_3_1_main());
    assert_eq!(v.number(), 1);
    assert_eq!(v.status(), AgreementStatus::Open);
    let c = consent(&v, 10, A);
    v.record_consent(c).unwrap();
    assert_eq!(v.status(), AgreementStatus::PartlyAgreed);
    assert!(!v.is_agreed());
    // A second user of the same party does not make it agreed.
    let c = consent(&v, 11, A);
    v.record_consent(c).unwrap();
    assert_eq!(v.status(), AgreementStatus::PartlyAgreed);
    // The same user twice is refused.
    let c = consent(&v, 10, A);
    assert_eq!(v.record_consent(c).unwrap_err().field, "user");
    // A user of an organisation that is not a party is refused, even B (a subcontractor).
    let c = consent(&v, 20, B);
    assert_eq!(v.record_consent(c).unwrap_err().field, "org");
    // A consent to other content is refused.
    let mut stale = consent(&v, 30, H);
    stale.digest = "0".repeat(64);
    let e = v.record_consent(stale).unwrap_err();
    assert_eq!(e.field, "digest");
    assert!(e.message.contains("version 1"), "{e}");
    let c = consent(&v, 30, H);
    v.record_consent(c).unwrap();
    assert_eq!(v.status(), AgreementStatus::Agreed);
}

#[test]
fn a_change_of_content_is_a_new_version_that_reopens_agreement() {
    // GL 3.2.1 (合意の維持): when things change, re-agree.
    let mut v1 = AgreementVersion::first(faq_3_1_main());
    for (u, o) in [(10, A), (30, H)] {
        let c = consent(&v1, u, o);
        v1.record_consent(c).unwrap();
    }
    assert!(v1.is_agreed());
    // Unchanged content does not reopen anything.
    assert_eq!(v1.revise(faq_3_1_main()).unwrap_err().field, "entries");
    // Changed content: version 2, open, the old consents do not carry over.
    let mut d = draft(
        AgreementKind::ProviderInstitution,
        H,
        faq_3_1_main().entries().to_vec(),
    );
    d.subcontractors = vec![org(B)];
    d.entries[0].responsible = Responsible::Institution;
    let v2 = v1.revise(AgreementContent::new(d).unwrap()).unwrap();
    assert_eq!(v2.number(), 2);
    assert_eq!(v2.status(), AgreementStatus::Open);
    assert!(v2.consents().is_empty());
    assert_ne!(v1.digest(), v2.digest());
    // A consent given to version 1 is refused on version 2.
    let mut v2 = v2;
    let old = consent(&v1, 30, H);
    assert_eq!(v2.record_consent(old).unwrap_err().field, "digest");
    // Other parties need a new agreement, not a new version.
    let other =
        AgreementContent::from_catalogue(AgreementKind::ProviderInstitution, org(A), org(C), None)
            .unwrap();
    assert_eq!(v1.revise(other).unwrap_err().field, "counterparty");
}

#[test]
fn a_restored_version_counts_only_consents_to_its_content() {
    let v = AgreementVersion::first(faq_3_1_main());
    let consents = vec![consent(&v, 10, A), consent(&v, 30, H)];
    let ok = AgreementVersion::restore(1, faq_3_1_main(), consents.clone()).unwrap();
    assert!(ok.is_agreed());
    // The stored content was altered after the consents: the digest no longer matches.
    let altered = faq_3_1_internal(Responsible::Provider);
    let tampered = AgreementVersion::restore(1, altered, consents).unwrap();
    assert_eq!(tampered.status(), AgreementStatus::Open);
    assert_eq!(
        AgreementVersion::restore(0, faq_3_1_main(), vec![])
            .unwrap_err()
            .field,
        "number"
    );
}
