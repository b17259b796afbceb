//! Table tests of the affected parties of a change (FAQ 2.1 R5) and of the cycle check, over
//! a small realistic chain. The properties against a naive model are in `impact_props.rs`.

use std::collections::BTreeSet;

use uuid::Uuid;

use super::{
    ChainIndex, Change, ContractRecord, ImpactKind, LinkRecord, OfferingRecord, Reach,
    affected_parties, would_create_cycle,
};
use crate::ids::{ContractId, OfferingId, OrgId, SupplyLinkId};
use crate::supply::{ComponentCode, NewSupplyLink};

pub(super) fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}
pub(super) fn off(n: u128) -> OfferingId {
    OfferingId::from_uuid(Uuid::from_u128(n))
}
pub(super) fn lid(n: u128) -> SupplyLinkId {
    SupplyLinkId::from_uuid(Uuid::from_u128(n))
}
pub(super) fn cid(n: u128) -> ContractId {
    ContractId::from_uuid(Uuid::from_u128(n))
}

pub(super) fn link(
    id: u128,
    offering: u128,
    supplier: u128,
    so: Option<u128>,
    holder: u128,
) -> LinkRecord {
    LinkRecord {
        id: lid(id),
        offering: off(offering),
        code: ComponentCode::I1,
        supplier: org(supplier),
        supplier_offering: so.map(off),
        selected_by: org(holder),
        contract_holder: org(holder),
    }
}

pub(super) fn contract(
    id: u128,
    institution: u128,
    provider: u128,
    offering: u128,
) -> ContractRecord {
    ContractRecord {
        id: cid(id),
        institution: org(institution),
        provider: org(provider),
        offering: off(offering),
    }
}

// The chain of the table: IaaS S → PaaS P → EHR A; EHR A2 directly on S; A's EHR also uses
// lab system L, which hospital H1 contracts itself (GL 2.2.3); Q's service uses S without a
// recorded offering; hospitals H1–H4.
const S: u128 = 10;
const P: u128 = 11;
const A: u128 = 1;
const A2: u128 = 2;
const L: u128 = 12;
const Q: u128 = 13;
const H1: u128 = 100;
const H2: u128 = 101;
const H3: u128 = 102;
const H4: u128 = 103;
const OS: u128 = 500;
const OP: u128 = 501;
const OA: u128 = 502;
const OA2: u128 = 503;
const OL: u128 = 504;
const OQ: u128 = 505;
const OS2: u128 = 506;

fn table_index() -> ChainIndex {
    let offerings: Vec<OfferingRecord> = [
        (OS, S),
        (OP, P),
        (OA, A),
        (OA2, A2),
        (OL, L),
        (OQ, Q),
        (OS2, S),
    ]
    .iter()
    .map(|&(o, p)| OfferingRecord {
        id: off(o),
        provider: org(p),
    })
    .collect();
    let links = vec![
        link(1, OP, S, Some(OS), P),
        link(2, OA, P, Some(OP), A),
        link(3, OA2, S, Some(OS), A2),
        link(4, OA, L, Some(OL), H1),
        link(5, OQ, S, None, Q),
    ];
    let contracts = vec![
        contract(1, H1, A, OA),
        contract(2, H2, A, OA),
        contract(3, H3, A2, OA2),
        contract(4, H4, Q, OQ),
        contract(5, H1, L, OL),
    ];
    ChainIndex::build(&offerings, &links, &contracts)
}

fn orgs(ns: &[u128]) -> BTreeSet<OrgId> {
    ns.iter().map(|&n| org(n)).collect()
}

#[test]
fn affected_parties_table() {
    let ix = table_index();
    let rows: Vec<(&str, &str, Change, &[u128])> = vec![
        (
            "IaaS offering changes",
            "FAQ 2.1 ¶6 (R5)",
            Change::Offering(off(OS)),
            &[S, P, A, A2, H1, H2, H3],
        ),
        (
            "the IaaS provider changes as an organisation",
            "FAQ 2.1 ¶6",
            Change::Organisation(org(S)),
            &[S, P, A, A2, Q, H1, H2, H3, H4],
        ),
        (
            "A's link to the PaaS changes",
            "FAQ 2.1 ¶6",
            Change::SupplyLink(lid(2)),
            &[A, P, H1, H2],
        ),
        (
            "H1's own contract with the lab system changes",
            "FAQ 2.1 ¶5–¶6 (GL 2.2.3)",
            Change::Contract(cid(5)),
            &[H1, L, A],
        ),
        (
            "H1's contract with A changes",
            "FAQ 2.1 ¶6",
            Change::Contract(cid(1)),
            &[H1, A],
        ),
        (
            "the lab system changes",
            "FAQ 2.1 ¶6",
            Change::Offering(off(OL)),
            &[L, A, H1, H2],
        ),
        (
            "an unused IaaS offering changes",
            "FAQ 2.1 ¶6",
            Change::Offering(off(OS2)),
            &[S],
        ),
        (
            "an organisation outside the chain",
            "FAQ 2.1 ¶6",
            Change::Organisation(org(999)),
            &[999],
        ),
    ];
    for (name, section, change, expected) in rows {
        let impact = affected_parties(&ix, change).unwrap();
        let got: BTreeSet<OrgId> = impact.orgs().into_iter().collect();
        assert_eq!(got, orgs(expected), "{name} ({section})");
        assert_eq!(impact.orgs().len(), got.len(), "{name}: each party once");
        assert_eq!(impact.rule.rule, "FAQ2.1-R5");
    }
}

#[test]
fn reasons_and_paths_explain_each_party() {
    let ix = table_index();
    let impact = affected_parties(&ix, Change::Offering(off(OS))).unwrap();
    assert_eq!(impact.parties[0].org, org(S));
    assert_eq!(impact.parties[0].reasons[0].kind, ImpactKind::Origin);
    assert_eq!(
        impact.path_to(off(OA)).unwrap(),
        vec![off(OS), off(OP), off(OA)]
    );
    let h1 = impact.party(org(H1)).unwrap();
    assert_eq!(h1.reasons.len(), 1);
    assert_eq!(h1.reasons[0].kind, ImpactKind::Contracts);
    assert_eq!(h1.reasons[0].contract, Some(cid(1)));
    assert_eq!(h1.reasons[0].offering, Some(off(OA)));
    let a = impact.party(org(A)).unwrap();
    assert_eq!(a.reasons[0].kind, ImpactKind::BuildsOn);
    // The lab change reaches H1 twice: its own contract with L and its contract with A.
    let lab = affected_parties(&ix, Change::Offering(off(OL))).unwrap();
    let kinds: Vec<Option<ContractId>> = lab
        .party(org(H1))
        .unwrap()
        .reasons
        .iter()
        .map(|r| r.contract)
        .collect();
    assert_eq!(kinds, vec![Some(cid(5)), Some(cid(1))]);
    // The contract change names the link that rests on it.
    let c = affected_parties(&ix, Change::Contract(cid(5))).unwrap();
    let a = c.party(org(A)).unwrap();
    assert_eq!(a.reasons[0].kind, ImpactKind::ReliesOnContract);
    assert_eq!(a.reasons[0].link, Some(lid(4)));
    // The organisation change reaches Q through a link without a supplier offering.
    let o = affected_parties(&ix, Change::Organisation(org(S))).unwrap();
    let q = o.offerings.iter().find(|x| x.offering == off(OQ)).unwrap();
    assert_eq!(
        q.reach,
        Reach::Link {
            link: lid(5),
            from: None
        }
    );
    assert_eq!(q.depth, 1);
}

#[test]
fn unknown_subjects_are_refused_with_the_field_named() {
    let ix = table_index();
    assert_eq!(
        affected_parties(&ix, Change::Offering(off(9)))
            .unwrap_err()
            .field,
        "offering"
    );
    assert_eq!(
        affected_parties(&ix, Change::SupplyLink(lid(9)))
            .unwrap_err()
            .field,
        "supply_link"
    );
    assert_eq!(
        affected_parties(&ix, Change::Contract(cid(9)))
            .unwrap_err()
            .field,
        "contract"
    );
}

fn new_link(offering: u128, so: Option<u128>) -> NewSupplyLink {
    NewSupplyLink {
        owner: org(1),
        offering: off(offering),
        code: ComponentCode::I1,
        supplier: org(2),
        supplier_offering: so.map(off),
        selected_by: org(1),
        contract_holder: org(1),
        visibility: crate::chain::Visibility::Known,
        description: None,
    }
}

#[test]
fn cycle_table() {
    let ix = table_index();
    // The IaaS would use the EHR that is built on it: OS → OP → OA → OS.
    let e = would_create_cycle(&ix, &new_link(OS, Some(OA))).unwrap_err();
    assert_eq!(e.field, "supplier_offering");
    assert!(e.message.contains("cycle"), "{e}");
    assert!(
        e.message.contains(&off(OP).to_string()),
        "the path is named: {e}"
    );
    assert_eq!(
        would_create_cycle(&ix, &new_link(OP, Some(OA)))
            .unwrap_err()
            .field,
        "supplier_offering"
    );
    assert_eq!(
        would_create_cycle(&ix, &new_link(OS, Some(OS)))
            .unwrap_err()
            .field,
        "supplier_offering"
    );
    // Not cycles: a sibling, a new offering, no supplier offering, the reverse of an edge's
    // direction that already holds.
    assert!(would_create_cycle(&ix, &new_link(OA, Some(OA2))).is_ok());
    assert!(would_create_cycle(&ix, &new_link(OA, Some(9999))).is_ok());
    assert!(would_create_cycle(&ix, &new_link(OS, None)).is_ok());
    assert!(would_create_cycle(&ix, &new_link(OA, Some(OS))).is_ok());
}

#[test]
fn upstream_links_are_what_a_chain_view_needs() {
    let ix = table_index();
    let ids: BTreeSet<SupplyLinkId> = ix.upstream_links(off(OA)).iter().map(|l| l.id).collect();
    assert_eq!(ids, [lid(1), lid(2), lid(4)].into_iter().collect());
    assert!(ix.upstream_links(off(OS)).is_empty());
}

#[test]
fn a_change_beneath_an_offering_reaches_every_offering_built_on_it() {
    // FAQ 2.2, GL 5.1.7: the EHR built on the PaaS built on the IaaS has the IaaS in its
    // supply chain, so a component added to the IaaS changes the EHR's chain too.
    let ix = table_index();
    let set = |v: Vec<OfferingId>| v.into_iter().collect::<BTreeSet<_>>();
    let rows: Vec<(&str, u128, &[u128])> = vec![
        ("the IaaS: the PaaS, the EHRs on it", OS, &[OP, OA, OA2]),
        ("the PaaS: the EHR on it", OP, &[OA]),
        ("the EHR: nothing is built on it", OA, &[]),
        ("an offering nobody uses", OS2, &[]),
    ];
    for (what, o, expected) in rows {
        assert_eq!(
            set(ix.built_on(off(o))),
            expected.iter().map(|&e| off(e)).collect::<BTreeSet<_>>(),
            "{what}"
        );
    }
    assert!(ix.built_on(off(999)).is_empty(), "an unknown offering");
    assert_eq!(
        ix.built_on(off(OS)).first(),
        Some(&off(OP)),
        "nearest first"
    );
}
