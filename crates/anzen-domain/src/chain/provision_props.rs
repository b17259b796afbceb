//! Property tests of the provision-form classification over generated chains: any shape of
//! tree (shared supplier offerings included), any selector and contract holder, any
//! visibility.

use proptest::prelude::*;
use uuid::Uuid;

use super::{
    ChainComponent, ChainView, ComponentCase, DirectContract, DutyKind, Level, ProvisionForm,
    Visibility, classify,
};
use crate::ids::{OfferingId, OrgId, SupplyLinkId};
use crate::supply::ComponentCode;

const A: u128 = 1;
const H: u128 = 100;
const X: u128 = 9;
const ROOT: u128 = 1000;

fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}
fn off(n: u128) -> OfferingId {
    OfferingId::from_uuid(Uuid::from_u128(n))
}

/// One generated component: parent choice, supplier, whether it has an offering, who
/// selected it (0 = A, 1 = H, 2 = its user, 3 = a third party), who holds the contract
/// (same coding), known or not, code.
type Gen = (usize, u128, bool, u8, u8, bool, usize);

fn arb_view() -> impl Strategy<Value = ChainView> {
    let comp = (
        any::<usize>(),
        2u128..7,
        any::<bool>(),
        0u8..4,
        0u8..4,
        any::<bool>(),
        0usize..6,
    );
    (
        prop::collection::vec(comp, 0..9),
        prop::collection::vec(2u128..7, 0..4),
    )
        .prop_map(|(gens, direct): (Vec<Gen>, Vec<u128>)| build(&gens, &direct))
}

fn build(gens: &[Gen], direct: &[u128]) -> ChainView {
    let mut components: Vec<ChainComponent> = Vec::new();
    // (offering, its provider) usable as a parent: the root and every supplier offering.
    let mut parents: Vec<(u128, u128)> = vec![(ROOT, A)];
    for (i, &(p, supplier, has_offering, sel, hold, known, code)) in gens.iter().enumerate() {
        let (offering, user) = parents[p % parents.len()];
        // A provider never supplies its own offering.
        let supplier = if supplier == user { 7 } else { supplier };
        let party = |c: u8| match c {
            0 => A,
            1 => H,
            2 => user,
            _ => X,
        };
        let supplier_offering = has_offering.then_some(2000 + i as u128);
        if let Some(so) = supplier_offering {
            parents.push((so, supplier));
        }
        components.push(ChainComponent {
            link: Some(SupplyLinkId::from_uuid(Uuid::from_u128(9000 + i as u128))),
            offering: off(offering),
            code: ComponentCode::ALL[code],
            supplier: org(supplier),
            supplier_offering: supplier_offering.map(off),
            selected_by: org(party(sel)),
            contract_holder: org(party(hold)),
            visibility: if known {
                Visibility::Known
            } else {
                Visibility::Unknown
            },
        });
    }
    let mut institution_contracts = vec![DirectContract {
        provider: org(A),
        offering: Some(off(ROOT)),
    }];
    institution_contracts.extend(direct.iter().map(|&p| DirectContract {
        provider: org(p),
        offering: None,
    }));
    ChainView {
        offering: off(ROOT),
        provider: org(A),
        institution: org(H),
        institution_contracts,
        components,
    }
}

fn is_222_3(case: ComponentCase) -> bool {
    matches!(
        case,
        ComponentCase::InstitutionArranged
            | ComponentCase::ArrangedByThirdParty
            | ComponentCase::DeeperInInstitutionChain
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_component_gets_exactly_one_managing_party(view in arb_view()) {
        let a = classify(&view).unwrap();
        prop_assert_eq!(a.components.len(), view.components.len());
        for c in &a.components {
            let managing: Vec<_> = c.duties.iter()
                .filter(|d| matches!(d.kind, DutyKind::ManageRisks | DutyKind::ConfirmRiskManagement))
                .collect();
            prop_assert_eq!(managing.len(), 1);
            prop_assert_eq!(managing[0].bearer, c.managed_by);
            prop_assert!(c.managed_by.org == org(A) || c.managed_by.org == org(H));
            prop_assert_eq!(c.managed_by.org == org(A), c.case.managed_by_provider());
        }
    }

    #[test]
    fn gl_2_2_3_never_makes_a_manage_b(view in arb_view()) {
        let a = classify(&view).unwrap();
        for (c, input) in a.components.iter().zip(&view.components) {
            if is_222_3(c.case) {
                prop_assert_eq!(c.managed_by.org, org(H));
                prop_assert!(!c.duties.iter().any(|d| d.kind == DutyKind::ManageRisks));
                prop_assert!(c.duties.iter().any(|d| d.kind == DutyKind::IncludeInScope && d.bearer.org == org(A)));
            }
            // A manages whatever it selected or contracts (FAQ 2.1 R1, R4).
            if input.selected_by == org(A) || input.contract_holder == org(A) {
                prop_assert_eq!(c.managed_by.org, org(A));
            }
            // At the top, what A neither selected nor contracts is the institution's to
            // confirm (GL 2.2.3).
            if c.depth == 1 && input.selected_by != org(A) && input.contract_holder != org(A) {
                prop_assert_eq!(c.managed_by.org, org(H));
            }
        }
    }

    #[test]
    fn unknown_infrastructure_always_gets_the_faq_2_1_r3_duties(view in arb_view()) {
        let a = classify(&view).unwrap();
        for (c, input) in a.components.iter().zip(&view.components) {
            if input.visibility == Visibility::Unknown {
                prop_assert!(c.unknown_infrastructure);
            }
            let r3: Vec<DutyKind> = c.duties.iter()
                .filter(|d| d.rule.rule == "FAQ2.1-R3")
                .map(|d| d.kind)
                .collect();
            if c.unknown_infrastructure {
                prop_assert_eq!(r3, vec![
                    DutyKind::ExplainRisks,
                    DutyKind::StateResponsibilityBoundary,
                    DutyKind::ReachAgreement,
                ]);
            } else {
                prop_assert!(r3.is_empty());
            }
        }
    }

    #[test]
    fn every_duty_cites_its_section_and_notifications_are_recommendations(view in arb_view()) {
        let a = classify(&view).unwrap();
        for c in &a.components {
            for d in &c.duties {
                prop_assert!(d.rule.reference.starts_with("FAQ ") || d.rule.reference.starts_with("GL "));
                if d.kind == DutyKind::NotifyChanges {
                    prop_assert_eq!(d.rule.level, Level::Should);
                }
            }
            prop_assert_eq!(c.duties.iter().filter(|d| d.kind == DutyKind::NotifyChanges).count(), 1);
        }
    }

    #[test]
    fn the_form_follows_the_components(view in arb_view()) {
        let a = classify(&view).unwrap();
        let expected = if a.components.is_empty() {
            ProvisionForm::SingleProvider
        } else if a.components.iter().any(|c| c.managed_by.org == org(H)) {
            ProvisionForm::InstitutionContractsSeveral
        } else {
            ProvisionForm::SeveralProviders
        };
        prop_assert_eq!(a.form, expected);
    }

    #[test]
    fn the_order_of_the_components_does_not_matter(view in arb_view()) {
        let a = classify(&view).unwrap();
        let mut reversed = view.clone();
        reversed.components.reverse();
        let b = classify(&reversed).unwrap();
        for c in &a.components {
            let d = b.components.iter().find(|d| d.link == c.link).unwrap();
            prop_assert_eq!(c.case, d.case);
            prop_assert_eq!(c.managed_by, d.managed_by);
            prop_assert_eq!(c.depth, d.depth);
            prop_assert_eq!(c.unknown_infrastructure, d.unknown_infrastructure);
        }
    }
}
