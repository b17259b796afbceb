//! The rows of the provision-form table (FAQ 2, 2.1; GL 2.2.1–2.2.3), each citing its
//! section. The harness is in `provision_tests.rs`.

use super::provision_tests::{A, B, C, Case, D, Expect, H, OA, OB, OC, OD, X, comp, view};
use super::{ComponentCase, DutyKind, ProvisionForm};
use crate::supply::ComponentCode;

use ComponentCase::*;
use ComponentCode::*;
use DutyKind::*;

/// Duties every A-managed component has (FAQ 2.1 R1; FAQ 3 R1).
const A_MANAGED: &[(u128, DutyKind)] = &[(A, ManageRisks), (A, ReachAgreement)];
/// Duties every institution-confirmed component has (FAQ 2.1 R2; GL 2.2.3).
const H_CONFIRMS: &[(u128, DutyKind)] = &[(H, ConfirmRiskManagement), (A, IncludeInScope)];

pub(super) fn cases() -> Vec<Case> {
    vec![
        // GL 2.2.1, Fig. 2-2: A prepares application, platform and infrastructure itself.
        Case {
            name: "one provider, everything in-house (A2/P2/I2)",
            section: "GL 2.2.1",
            view: view(&[], vec![]),
            form: ProvisionForm::SingleProvider,
            components: vec![],
        },
        // FAQ 2 ¶1: A runs application and platform on the infrastructure of B, which A
        // selected; GL 2.2.2 case 1 / FAQ 2.1 ¶2: A selected and contracts B.
        Case {
            name: "cloud EHR on an IaaS that A selected and contracts",
            section: "FAQ 2, FAQ 2.1 ¶2 (GL 2.2.2 case 1)",
            view: view(&[], vec![comp(OA, I1, B, Some(OB), A, A, true)]),
            form: ProvisionForm::SeveralProviders,
            components: vec![Expect {
                case: SelectedAndContracted,
                managed_by: A,
                depth: 1,
                unknown: false,
                duties: &[
                    (A, ManageRisks),
                    (A, ReachAgreement),
                    (A, ConfirmSupplierCompliance),
                    (A, AgreeLifecycleDuties),
                    (B, NotifyChanges),
                ],
                notes: &["FAQ2.1-R1"],
            }],
        },
        // GL 2.2.2 case 2: A selected B, and C is involved; A's RM includes B's and C's
        // components. INFERRED: C is B's supplier (the figure is not known).
        Case {
            name: "deeper chain: A's PaaS B runs on C's IaaS",
            section: "GL 2.2.2 case 2; FAQ 2.1 ¶2",
            view: view(
                &[],
                vec![
                    comp(OA, P1, B, Some(OB), A, A, true),
                    comp(OB, I1, C, Some(OC), B, B, true),
                ],
            ),
            form: ProvisionForm::SeveralProviders,
            components: vec![
                Expect {
                    case: SelectedAndContracted,
                    managed_by: A,
                    depth: 1,
                    unknown: false,
                    duties: A_MANAGED,
                    notes: &["FAQ2.1-R1"],
                },
                Expect {
                    case: DeeperInProviderChain,
                    managed_by: A,
                    depth: 2,
                    unknown: false,
                    duties: &[
                        (A, ManageRisks),
                        (B, ConfirmSupplierCompliance),
                        (B, AgreeLifecycleDuties),
                        (C, NotifyChanges),
                    ],
                    notes: &["GL 2.2.2"],
                },
            ],
        },
        // GL 2.2.3, FAQ 2.1 ¶3: the institution contracts A and B separately; A can see B's
        // system through the institution.
        Case {
            name: "institution contracts the EHR and the IaaS separately (B known)",
            section: "FAQ 2.1 ¶3 (GL 2.2.3)",
            view: view(&[B], vec![comp(OA, I1, B, Some(OB), H, H, true)]),
            form: ProvisionForm::InstitutionContractsSeveral,
            components: vec![Expect {
                case: InstitutionArranged,
                managed_by: H,
                depth: 1,
                unknown: false,
                duties: &[
                    (H, ConfirmRiskManagement),
                    (A, IncludeInScope),
                    (H, AttendToSelection),
                    (B, NotifyChanges),
                ],
                notes: &["FAQ2.1-R2"],
            }],
        },
        // FAQ 2.1 ¶4: as above, but A does not know B's system (unknown infrastructure).
        Case {
            name: "institution contracts the IaaS, A does not know it",
            section: "FAQ 2.1 ¶4 (GL 2.2.3)",
            view: view(&[B], vec![comp(OA, I1, B, Some(OB), H, H, false)]),
            form: ProvisionForm::InstitutionContractsSeveral,
            components: vec![Expect {
                case: InstitutionArranged,
                managed_by: H,
                depth: 1,
                unknown: true,
                duties: &[
                    (H, ConfirmRiskManagement),
                    (A, IncludeInScope),
                    (A, ExplainRisks),
                    (A, StateResponsibilityBoundary),
                    (A, ReachAgreement),
                ],
                notes: &["FAQ2.1-R2"],
            }],
        },
        // GL 2.2.3 with an API: the institution's own lab system B exchanges data with A's
        // EHR; A includes B's component, APIs for information exchange included.
        Case {
            name: "institution-selected lab system linked by API",
            section: "FAQ 2.1 ¶3 (GL 2.2.3: 情報連携のためのAPI等)",
            view: view(&[B], vec![comp(OA, A1, B, None, H, H, true)]),
            form: ProvisionForm::InstitutionContractsSeveral,
            components: vec![Expect {
                case: InstitutionArranged,
                managed_by: H,
                depth: 1,
                unknown: false,
                duties: H_CONFIRMS,
                notes: &["FAQ2.1-R2"],
            }],
        },
        // FAQ 2.1 ¶5: A procured B but the institution signed with B: as GL 2.2.2.
        Case {
            name: "A procured the IaaS, the institution signed with it",
            section: "FAQ 2.1 ¶5",
            view: view(&[B], vec![comp(OA, I1, B, Some(OB), A, H, true)]),
            form: ProvisionForm::SeveralProviders,
            components: vec![Expect {
                case: ProcuredInstitutionSigned,
                managed_by: A,
                depth: 1,
                unknown: false,
                duties: &[
                    (A, ManageRisks),
                    (A, ReachAgreement),
                    (A, ConfirmSupplierCompliance),
                ],
                notes: &["FAQ2.1-R4"],
            }],
        },
        // FAQ 2.1 ¶5, with the institution's contract with B missing from the records.
        Case {
            name: "A procured, the institution signed, but no contract is recorded",
            section: "FAQ 2.1 ¶5",
            view: view(&[], vec![comp(OA, I1, B, Some(OB), A, H, true)]),
            form: ProvisionForm::SeveralProviders,
            components: vec![Expect {
                case: ProcuredInstitutionSigned,
                managed_by: A,
                depth: 1,
                unknown: false,
                duties: A_MANAGED,
                notes: &["FAQ2.1-R4", "FAQ2.1-R2"],
            }],
        },
        // FAQ 2.1 ¶2 and ¶3 in one chain: A's own PaaS B, the institution's network line C.
        Case {
            name: "mixed: A's PaaS and the institution's own line",
            section: "FAQ 2.1 ¶2, ¶3 (GL 2.2.2, 2.2.3)",
            view: view(
                &[C],
                vec![
                    comp(OA, P1, B, Some(OB), A, A, true),
                    comp(OA, I1, C, Some(OC), H, H, true),
                ],
            ),
            form: ProvisionForm::InstitutionContractsSeveral,
            components: vec![
                Expect {
                    case: SelectedAndContracted,
                    managed_by: A,
                    depth: 1,
                    unknown: false,
                    duties: A_MANAGED,
                    notes: &["FAQ2.1-R1"],
                },
                Expect {
                    case: InstitutionArranged,
                    managed_by: H,
                    depth: 1,
                    unknown: false,
                    duties: H_CONFIRMS,
                    notes: &["FAQ2.1-R2"],
                },
            ],
        },
        // INFERRED (FAQ 2.1 ¶3 needs "not selected" and "no contract"): the institution chose
        // B but A holds the contract, so A can manage it.
        Case {
            name: "institution chose the IaaS, A contracts it",
            section: "FAQ 2.1 ¶3 (inverse)",
            view: view(&[], vec![comp(OA, I1, B, Some(OB), H, A, true)]),
            form: ProvisionForm::SeveralProviders,
            components: vec![Expect {
                case: ContractedNotSelected,
                managed_by: A,
                depth: 1,
                unknown: false,
                duties: A_MANAGED,
                notes: &["FAQ2.1-R1"],
            }],
        },
        // INFERRED: a third party (a consortium) chose and contracts B: A neither selected nor
        // contracts it, so as GL 2.2.3.
        Case {
            name: "third party chose and contracts the IaaS",
            section: "FAQ 2.1 ¶3 (by analogy)",
            view: view(&[], vec![comp(OA, I1, B, Some(OB), X, X, true)]),
            form: ProvisionForm::InstitutionContractsSeveral,
            components: vec![Expect {
                case: ArrangedByThirdParty,
                managed_by: H,
                depth: 1,
                unknown: false,
                duties: H_CONFIRMS,
                notes: &["FAQ2.1-R2"],
            }],
        },
        // INFERRED: A procured B but a third party signed: as FAQ 2.1 ¶5.
        Case {
            name: "A procured the IaaS, a third party signed",
            section: "FAQ 2.1 ¶5 (by analogy)",
            view: view(&[], vec![comp(OA, I1, B, Some(OB), A, X, true)]),
            form: ProvisionForm::SeveralProviders,
            components: vec![Expect {
                case: ProcuredOtherSigned,
                managed_by: A,
                depth: 1,
                unknown: false,
                duties: A_MANAGED,
                notes: &["FAQ2.1-R4"],
            }],
        },
        // INFERRED: behind the institution's unknown PaaS B sits B's IaaS C; A sees neither,
        // so C is unknown too and the institution confirms it through B (GL 2.2.3).
        Case {
            name: "behind an institution-arranged, unknown PaaS",
            section: "FAQ 2.1 ¶3, ¶4 (by analogy)",
            view: view(
                &[B],
                vec![
                    comp(OA, P1, B, Some(OB), H, H, false),
                    comp(OB, I1, C, Some(OC), B, B, true),
                ],
            ),
            form: ProvisionForm::InstitutionContractsSeveral,
            components: vec![
                Expect {
                    case: InstitutionArranged,
                    managed_by: H,
                    depth: 1,
                    unknown: true,
                    duties: &[(A, ExplainRisks), (A, StateResponsibilityBoundary)],
                    notes: &["FAQ2.1-R2"],
                },
                Expect {
                    case: DeeperInInstitutionChain,
                    managed_by: H,
                    depth: 2,
                    unknown: true,
                    duties: &[
                        (H, ConfirmRiskManagement),
                        (A, IncludeInScope),
                        (A, ExplainRisks),
                    ],
                    notes: &["FAQ2.1-R2"],
                },
            ],
        },
        // FAQ 2.1 ¶5's premise: what A procured, A knows. Recorded as unknown: a note, and the
        // FAQ 2.1 ¶4 duties all the same.
        Case {
            name: "A selected the IaaS but records it as unknown",
            section: "FAQ 2.1 ¶4, ¶5",
            view: view(&[], vec![comp(OA, I1, B, Some(OB), A, A, false)]),
            form: ProvisionForm::SeveralProviders,
            components: vec![Expect {
                case: SelectedAndContracted,
                managed_by: A,
                depth: 1,
                unknown: true,
                duties: &[
                    (A, ManageRisks),
                    (A, ExplainRisks),
                    (A, StateResponsibilityBoundary),
                ],
                notes: &["FAQ2.1-R1", "FAQ2.1-R4"],
            }],
        },
        // GL 2.2.2 case 2 with a shared supplier offering: B's PaaS and D's monitoring both run
        // on C's IaaS offering; C sits under two parents and is counted once, at depth 2.
        Case {
            name: "two suppliers share one IaaS offering",
            section: "GL 2.2.2 case 2",
            view: view(
                &[],
                vec![
                    comp(OA, P1, B, Some(OB), A, A, true),
                    comp(OA, A1, D, Some(OD), A, A, true),
                    comp(OB, I1, C, Some(OC), B, B, true),
                    comp(OD, I1, C, Some(OC), D, D, true),
                ],
            ),
            form: ProvisionForm::SeveralProviders,
            components: vec![
                Expect {
                    case: SelectedAndContracted,
                    managed_by: A,
                    depth: 1,
                    unknown: false,
                    duties: A_MANAGED,
                    notes: &[],
                },
                Expect {
                    case: SelectedAndContracted,
                    managed_by: A,
                    depth: 1,
                    unknown: false,
                    duties: A_MANAGED,
                    notes: &[],
                },
                Expect {
                    case: DeeperInProviderChain,
                    managed_by: A,
                    depth: 2,
                    unknown: false,
                    duties: &[(B, AgreeLifecycleDuties)],
                    notes: &[],
                },
                Expect {
                    case: DeeperInProviderChain,
                    managed_by: A,
                    depth: 2,
                    unknown: false,
                    duties: &[(D, AgreeLifecycleDuties)],
                    notes: &[],
                },
            ],
        },
    ]
}
