//! Table tests of FAQ 3 R1 and FAQ 3.1 R1–R3: lifecycle agreements between providers, the
//! internal agreement between a provider and its subcontractor (operation by A, development
//! by B), and the coverage of the development phase.

use super::agreement_tests::{A, B, H, consent, draft, entry, faq_3_1_internal, faq_3_1_main, org};
use super::{
    AgreementContent, AgreementKind, AgreementVersion, InternalGapKind, LifecyclePhase,
    Responsible, coverage_gaps, internal_agreement_gaps, required_internal_agreements,
};

#[test]
fn faq_3_1_internal_agreements_table() {
    // FAQ 3.1 ¶1: A operates, B develops; the institution–A agreement covers both, and A
    // and B agree development between themselves.
    let main = faq_3_1_main();
    let required = required_internal_agreements(&main);
    assert_eq!(required.len(), 1);
    assert_eq!(required[&org(B)].len(), 2);

    let agreed = |content: AgreementContent| {
        let mut v = AgreementVersion::first(content);
        for (u, o) in [(10, A), (40, B)] {
            let c = consent(&v, u, o);
            v.record_consent(c).unwrap();
        }
        v
    };
    let sub = Responsible::Subcontractor { org: org(B) };
    let rows: Vec<(&str, Vec<AgreementVersion>, Vec<InternalGapKind>)> = vec![
        (
            "no internal agreement",
            vec![],
            vec![InternalGapKind::Missing, InternalGapKind::Missing],
        ),
        (
            "internal agreement agreed by A and B",
            vec![agreed(faq_3_1_internal(sub))],
            vec![],
        ),
        (
            "internal agreement not yet agreed by B",
            vec![AgreementVersion::first(faq_3_1_internal(sub))],
            vec![InternalGapKind::NotAgreed, InternalGapKind::NotAgreed],
        ),
        (
            "internal agreement gives one development duty back to A",
            vec![agreed(faq_3_1_internal(Responsible::Provider))],
            vec![InternalGapKind::AssignedElsewhere],
        ),
    ];
    for (name, internals, expected) in rows {
        let gaps = internal_agreement_gaps(&main, &internals);
        let kinds: Vec<InternalGapKind> = gaps.iter().map(|g| g.kind).collect();
        assert_eq!(kinds, expected, "{name} (FAQ 3.1)");
        for g in &gaps {
            assert_eq!(g.subcontractor, org(B));
            assert_eq!(g.phase, LifecyclePhase::Development);
            assert_eq!(g.rule.rule, "FAQ3.1-R3");
        }
    }
}

#[test]
fn faq_3_r1_applies_between_providers_too() {
    // FAQ 3 ¶1: A's application on B's platform; A and B agree duties over the lifecycle, as a
    // separate agreement between those two parties.
    use LifecyclePhase::*;
    let c = AgreementContent::new(draft(
        AgreementKind::Internal,
        B,
        vec![
            entry(
                Operation,
                "op.identify_risks",
                Responsible::Subcontractor { org: org(B) },
            ),
            entry(
                CrisisResponse,
                "crisis.report",
                Responsible::Subcontractor { org: org(B) },
            ),
            entry(
                AgreementMaintenance,
                "maint.change_notification",
                Responsible::Subcontractor { org: org(B) },
            ),
        ],
    ))
    .unwrap();
    let mut v = AgreementVersion::first(c);
    // The institution is not a party to it.
    let c = consent(&v, 30, H);
    assert_eq!(v.record_consent(c).unwrap_err().field, "org");
    for (u, o) in [(10, A), (40, B)] {
        let c = consent(&v, u, o);
        v.record_consent(c).unwrap();
    }
    assert!(v.is_agreed());
    // No phase coverage is demanded of an internal agreement.
    assert!(coverage_gaps(v.content()).is_empty());
}

#[test]
fn a_provider_institution_agreement_without_development_is_flagged() {
    // FAQ 3.1 R1, R3: the lifecycle includes development; the institution and A agree both.
    use LifecyclePhase::*;
    let c = AgreementContent::new(draft(
        AgreementKind::ProviderInstitution,
        H,
        vec![entry(Operation, "op.identify_risks", Responsible::Provider)],
    ))
    .unwrap();
    let gaps = coverage_gaps(&c);
    let dev = gaps.iter().find(|(p, _)| *p == Development).unwrap();
    assert_eq!(dev.1.rule.rule, "FAQ3.1-R3");
    assert_eq!(gaps.len(), LifecyclePhase::ALL.len() - 1);
    assert!(
        gaps.iter()
            .all(|(_, f)| f.rule.reference.starts_with("FAQ 3.1")
                || f.rule.reference.starts_with("GL 3.2"))
    );
}

#[test]
fn who_can_be_a_subcontractor_table() {
    // FAQ 3.1 R3: the subcontractor of an internal agreement (or one given duties in the
    // institution's agreement) is a provider taking part in the offering's supply chain.
    use crate::org::OrgKind::{MedicalInstitution, Partner, Provider};
    // (case, kind, is the provider itself, in the chain, accepted)
    let rows = [
        (
            "a partner supplying a component",
            Some(Partner),
            false,
            true,
            true,
        ),
        (
            "another provider supplying a component",
            Some(Provider),
            false,
            true,
            true,
        ),
        (
            "a partner outside the chain",
            Some(Partner),
            false,
            false,
            false,
        ),
        (
            "a medical institution",
            Some(MedicalInstitution),
            false,
            true,
            false,
        ),
        (
            "a medical institution outside the chain",
            Some(MedicalInstitution),
            false,
            false,
            false,
        ),
        ("the provider itself", Some(Provider), true, true, false),
        ("an id naming no organisation", None, false, false, false),
    ];
    for (case, kind, is_provider, in_chain, accepted) in rows {
        let refusal = super::subcontractor_refusal(kind, is_provider, in_chain);
        assert_eq!(refusal.is_none(), accepted, "{case}: {refusal:?}");
    }
    assert!(
        super::subcontractor_refusal(Some(MedicalInstitution), false, true)
            .unwrap()
            .contains("FAQ 3.1")
    );
}
