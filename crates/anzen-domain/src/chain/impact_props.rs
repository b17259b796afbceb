//! Property tests of the affected parties of a change (FAQ 2.1 R5) and of the cycle check,
//! against a naive model: the transitive closure computed by a fixpoint over the plain list
//! of links, on generated chains (cycles included, except where the cycle check is tested).

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::impact_tests::{contract, lid, link, off, org};
use super::{
    ChainIndex, Change, ContractRecord, ImpactKind, LinkRecord, OfferingRecord, Reach,
    affected_parties, would_create_cycle,
};
use crate::ids::{OfferingId, OrgId};
use crate::supply::{ComponentCode, NewSupplyLink};

/// A generated chain: offerings with providers 1..=8, links, contracts with institutions
/// 100..106, and a change.
#[derive(Debug, Clone)]
struct World {
    offerings: Vec<OfferingRecord>,
    links: Vec<LinkRecord>,
    contracts: Vec<ContractRecord>,
}

fn provider(w: &World, o: OfferingId) -> Option<OrgId> {
    w.offerings.iter().find(|r| r.id == o).map(|r| r.provider)
}

/// (consumer, supplier offering or none, supplier when none, holder is an institution)
type LinkGen = (usize, Option<usize>, u128, Option<u128>);

fn arb_world(acyclic: bool) -> impl Strategy<Value = World> {
    (1usize..20).prop_flat_map(move |n| {
        (
            prop::collection::vec(1u128..9, n),
            prop::collection::vec(
                (
                    0..n,
                    prop::option::of(0..n),
                    1u128..9,
                    prop::option::of(100u128..106),
                ),
                0..40,
            ),
            prop::collection::vec((100u128..106, 0..n), 0..30),
        )
            .prop_map(move |(providers, links, contracts)| {
                world(&providers, &links, &contracts, acyclic)
            })
    })
}

fn world(
    providers: &[u128],
    links: &[LinkGen],
    contracts: &[(u128, usize)],
    acyclic: bool,
) -> World {
    let offerings: Vec<OfferingRecord> = providers
        .iter()
        .enumerate()
        .map(|(i, &p)| OfferingRecord {
            id: off(500 + i as u128),
            provider: org(p),
        })
        .collect();
    let mut out = Vec::new();
    for (i, &(c, so, sup, holder)) in links.iter().enumerate() {
        let so = so.filter(|&s| s != c && (!acyclic || s < c));
        let supplier = so.map_or(sup, |s| providers[s]);
        out.push(link(
            7000 + i as u128,
            500 + c as u128,
            supplier,
            so.map(|s| 500 + s as u128),
            holder.unwrap_or(providers[c]),
        ));
    }
    let contracts = contracts
        .iter()
        .enumerate()
        .map(|(i, &(h, o))| contract(8000 + i as u128, h, providers[o], 500 + o as u128))
        .collect();
    World {
        offerings,
        links: out,
        contracts,
    }
}

/// The naive closure: offerings reached from `seeds` along links, by fixpoint.
fn closure(w: &World, seeds: &BTreeSet<OfferingId>) -> BTreeSet<OfferingId> {
    let mut set = seeds.clone();
    loop {
        let before = set.len();
        for l in &w.links {
            if l.supplier_offering.is_some_and(|s| set.contains(&s)) {
                set.insert(l.offering);
            }
        }
        if set.len() == before {
            return set;
        }
    }
}

/// The expected parties and offerings of a change, from the naive model.
fn expected(w: &World, change: Change) -> (BTreeSet<OrgId>, BTreeSet<OfferingId>) {
    let mut parties = BTreeSet::new();
    let seeds: BTreeSet<OfferingId> = match change {
        Change::Offering(o) => {
            parties.extend(provider(w, o));
            [o].into()
        }
        Change::SupplyLink(id) => {
            let l = w.links.iter().find(|l| l.id == id).unwrap();
            parties.extend(provider(w, l.offering));
            parties.insert(l.supplier);
            [l.offering].into()
        }
        Change::Contract(id) => {
            let c = w.contracts.iter().find(|c| c.id == id).unwrap();
            parties.insert(c.institution);
            parties.insert(c.provider);
            for l in &w.links {
                if l.supplier == c.provider
                    && l.contract_holder == c.institution
                    && l.supplier_offering.is_none_or(|s| s == c.offering)
                {
                    parties.extend(provider(w, l.offering));
                }
            }
            return (parties, BTreeSet::new());
        }
        Change::Organisation(o) => {
            parties.insert(o);
            let mut s: BTreeSet<OfferingId> = w
                .offerings
                .iter()
                .filter(|r| r.provider == o)
                .map(|r| r.id)
                .collect();
            s.extend(
                w.links
                    .iter()
                    .filter(|l| l.supplier == o)
                    .map(|l| l.offering),
            );
            s
        }
    };
    let reached = closure(w, &seeds);
    for o in &reached {
        parties.extend(provider(w, *o));
        parties.extend(
            w.contracts
                .iter()
                .filter(|c| c.offering == *o)
                .map(|c| c.institution),
        );
    }
    (parties, reached)
}

fn arb_change(w: &World, pick: usize, kind: u8) -> Change {
    match kind {
        0 => Change::Offering(w.offerings[pick % w.offerings.len()].id),
        1 if !w.links.is_empty() => Change::SupplyLink(w.links[pick % w.links.len()].id),
        2 if !w.contracts.is_empty() => Change::Contract(w.contracts[pick % w.contracts.len()].id),
        _ => Change::Organisation(org(1 + (pick % 9) as u128)),
    }
}

fn build(w: &World) -> ChainIndex {
    ChainIndex::build(&w.offerings, &w.links, &w.contracts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_affected_set_is_exactly_the_transitive_closure(w in arb_world(false), pick in any::<usize>(), kind in 0u8..4) {
        let change = arb_change(&w, pick, kind);
        let impact = affected_parties(&build(&w), change).unwrap();
        let (parties, offerings) = expected(&w, change);
        let got: BTreeSet<OrgId> = impact.orgs().into_iter().collect();
        prop_assert_eq!(got.len(), impact.parties.len());
        prop_assert_eq!(got, parties);
        let got: BTreeSet<OfferingId> = impact.offerings.iter().map(|o| o.offering).collect();
        prop_assert_eq!(got.len(), impact.offerings.len());
        prop_assert_eq!(got, offerings);
    }

    #[test]
    fn no_affected_party_is_reached_without_a_path(w in arb_world(false), pick in any::<usize>(), kind in 0u8..4) {
        let change = arb_change(&w, pick, kind);
        let impact = affected_parties(&build(&w), change).unwrap();
        for (pos, o) in impact.offerings.iter().enumerate() {
            match (o.via, o.reach) {
                (Some(prev), Reach::Link { link, from }) => {
                    prop_assert!(prev < pos);
                    let p = &impact.offerings[prev];
                    let l = w.links.iter().find(|l| l.id == link).unwrap();
                    prop_assert_eq!(l.offering, o.offering);
                    prop_assert_eq!(from, Some(p.offering));
                    prop_assert_eq!(l.supplier_offering, Some(p.offering));
                    prop_assert_eq!(o.depth, p.depth + 1);
                }
                (None, Reach::Changed) => prop_assert_eq!(o.depth, 0),
                (None, Reach::Link { link, .. }) => {
                    // The seed of a link change, or a consumer of the changed organisation.
                    let l = w.links.iter().find(|l| l.id == link).unwrap();
                    prop_assert_eq!(l.offering, o.offering);
                    match change {
                        Change::SupplyLink(id) => prop_assert_eq!(id, link),
                        Change::Organisation(org) => prop_assert_eq!(l.supplier, org),
                        _ => prop_assert!(false, "no seed by link for {:?}", change),
                    }
                }
                (Some(_), Reach::Changed) => prop_assert!(false, "a changed offering has no predecessor"),
            }
            let path = impact.path_to(o.offering).unwrap();
            prop_assert_eq!(*path.last().unwrap(), o.offering);
            // The path starts where the change enters (no predecessor) and each step is one
            // level deeper.
            let first = impact.offerings.iter().find(|x| x.offering == path[0]).unwrap();
            prop_assert!(first.via.is_none());
            prop_assert_eq!(path.len() as u32, o.depth - first.depth + 1);
        }
        let reached: BTreeSet<OfferingId> = impact.offerings.iter().map(|o| o.offering).collect();
        for p in &impact.parties {
            prop_assert!(!p.reasons.is_empty());
            for r in &p.reasons {
                match r.kind {
                    ImpactKind::BuildsOn => {
                        let o = r.offering.unwrap();
                        prop_assert!(reached.contains(&o));
                        prop_assert_eq!(provider(&w, o), Some(p.org));
                    }
                    ImpactKind::Contracts => {
                        let o = r.offering.unwrap();
                        prop_assert!(reached.contains(&o));
                        let c = w.contracts.iter().find(|c| Some(c.id) == r.contract).unwrap();
                        prop_assert_eq!(c.institution, p.org);
                        prop_assert_eq!(c.offering, o);
                    }
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn adding_an_unrelated_link_never_changes_it(
        w in arb_world(false), pick in any::<usize>(), kind in 0u8..4,
        consumer in any::<usize>(), so in any::<usize>(), supplier in 1u128..9,
    ) {
        let change = arb_change(&w, pick, kind);
        let before = affected_parties(&build(&w), change).unwrap();
        let reached: BTreeSet<OfferingId> = before.offerings.iter().map(|o| o.offering).collect();
        let n = w.offerings.len();
        let c = w.offerings[consumer % n].id;
        let s = w.offerings[so % n];
        let unrelated = !reached.contains(&c)
            && !reached.contains(&s.id)
            && change != Change::Organisation(s.provider)
            && change != Change::Organisation(org(supplier));
        prop_assume!(unrelated);
        let mut w2 = w.clone();
        // Half the time with a supplier offering, half without.
        let with_offering = so % 2 == 0;
        w2.links.push(LinkRecord {
            id: lid(99_999),
            offering: c,
            code: ComponentCode::P1,
            supplier: if with_offering { s.provider } else { org(supplier) },
            supplier_offering: with_offering.then_some(s.id),
            selected_by: provider(&w, c).unwrap(),
            contract_holder: provider(&w, c).unwrap(),
        });
        let after = affected_parties(&build(&w2), change).unwrap();
        let a: BTreeSet<OrgId> = before.orgs().into_iter().collect();
        let b: BTreeSet<OrgId> = after.orgs().into_iter().collect();
        prop_assert_eq!(a, b);
        prop_assert_eq!(before.offerings, after.offerings);
    }

    #[test]
    fn a_link_is_refused_exactly_when_it_would_close_a_cycle(w in arb_world(true), y in any::<usize>(), z in any::<usize>()) {
        let n = w.offerings.len();
        let (y, z) = (w.offerings[y % n].id, w.offerings[z % n].id);
        let ix = build(&w);
        let candidate = NewSupplyLink {
            owner: provider(&w, y).unwrap(),
            offering: y,
            code: ComponentCode::I1,
            supplier: provider(&w, z).unwrap(),
            supplier_offering: Some(z),
            selected_by: provider(&w, y).unwrap(),
            contract_holder: provider(&w, y).unwrap(),
            visibility: crate::chain::Visibility::Known,
            description: None,
        };
        // Naively: z already builds on y (or is y).
        let cycle = z == y || closure(&w, &[y].into()).contains(&z);
        let result = would_create_cycle(&ix, &candidate);
        prop_assert_eq!(result.is_err(), cycle);
        if let Err(e) = result {
            prop_assert_eq!(e.field, "supplier_offering");
        } else {
            // Adding it keeps the chain acyclic: nothing reaches itself.
            let mut w2 = w.clone();
            w2.links.push(link(99_999, 0, 0, None, 0));
            let last = w2.links.last_mut().unwrap();
            last.offering = y;
            last.supplier_offering = Some(z);
            for o in &w2.offerings {
                let mut from_o: BTreeSet<OfferingId> = closure(&w2, &[o.id].into());
                from_o.remove(&o.id);
                let back = w2.links.iter().any(|l| l.offering == o.id && l.supplier_offering.is_some_and(|s| from_o.contains(&s)));
                prop_assert!(!back, "a cycle through {}", o.id);
            }
        }
    }
}
