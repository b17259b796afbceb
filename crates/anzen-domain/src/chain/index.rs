//! An index of the whole supply chain for fast traversal (FAQ 2.1 R5: who is affected by a
//! change). Built once from the stored offerings, supply links and contracts: every id is
//! mapped to a dense integer, and the edges are kept as compressed adjacency lists
//! (offsets plus one flat array), so a traversal touches only integers and slices.

use std::collections::HashMap;

use serde::Serialize;

use crate::contract::Contract;
use crate::ids::{ContractId, OfferingId, OrgId, SupplyLinkId};
use crate::offering::Offering;
use crate::supply::{ComponentCode, SupplyLink};

/// "No value" in the integer columns.
pub(super) const NONE: u32 = u32::MAX;

/// An offering and its provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OfferingRecord {
    pub id: OfferingId,
    pub provider: OrgId,
}

impl From<&Offering> for OfferingRecord {
    fn from(o: &Offering) -> Self {
        Self {
            id: o.id,
            provider: o.provider,
        }
    }
}

/// A supply link: `offering` uses a component that `supplier` supplies, from
/// `supplier_offering` when it is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LinkRecord {
    pub id: SupplyLinkId,
    pub offering: OfferingId,
    pub code: ComponentCode,
    pub supplier: OrgId,
    pub supplier_offering: Option<OfferingId>,
    pub selected_by: OrgId,
    pub contract_holder: OrgId,
}

impl From<&SupplyLink> for LinkRecord {
    fn from(l: &SupplyLink) -> Self {
        Self {
            id: l.id,
            offering: l.offering,
            code: l.code,
            supplier: l.supplier,
            supplier_offering: l.supplier_offering,
            selected_by: l.selected_by,
            contract_holder: l.contract_holder,
        }
    }
}

/// A contract of an institution with a provider for an offering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ContractRecord {
    pub id: ContractId,
    pub institution: OrgId,
    pub provider: OrgId,
    pub offering: OfferingId,
}

impl From<&Contract> for ContractRecord {
    fn from(c: &Contract) -> Self {
        Self {
            id: c.id,
            institution: c.institution,
            provider: c.provider,
            offering: c.offering,
        }
    }
}

/// Adjacency lists in compressed form: the items of node `i` are
/// `items[start[i]..start[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub(super) struct Adjacency {
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Adjacency {
    /// Builds the lists of `nodes` nodes from (node, item) pairs, keeping the pairs' order.
    fn build(nodes: usize, pairs: &[(u32, u32)]) -> Self {
        let mut start = vec![0u32; nodes + 1];
        for &(n, _) in pairs {
            start[n as usize + 1] += 1;
        }
        for i in 0..nodes {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut items = vec![0u32; pairs.len()];
        for &(n, item) in pairs {
            items[fill[n as usize] as usize] = item;
            fill[n as usize] += 1;
        }
        Self { start, items }
    }

    pub(super) fn of(&self, node: u32) -> &[u32] {
        let i = node as usize;
        &self.items[self.start[i] as usize..self.start[i + 1] as usize]
    }
}

/// The supply chain, indexed. Offerings, organisations, links and contracts are numbered
/// densely in the order first seen.
#[derive(Debug, Clone, Default)]
pub struct ChainIndex {
    pub(super) offerings: Vec<OfferingId>,
    pub(super) offering_ix: HashMap<OfferingId, u32>,
    /// The provider of each offering, or [`NONE`] when it is not known.
    pub(super) offering_provider: Vec<u32>,
    pub(super) orgs: Vec<OrgId>,
    pub(super) org_ix: HashMap<OrgId, u32>,
    pub(super) links: Vec<LinkRecord>,
    pub(super) link_ix: HashMap<SupplyLinkId, u32>,
    pub(super) link_consumer: Vec<u32>,
    pub(super) link_supplier_offering: Vec<u32>,
    pub(super) link_supplier: Vec<u32>,
    pub(super) link_holder: Vec<u32>,
    pub(super) contracts: Vec<ContractRecord>,
    pub(super) contract_ix: HashMap<ContractId, u32>,
    pub(super) contract_institution: Vec<u32>,
    /// Offering → the links whose supplier offering it is (its dependents' links).
    pub(super) dependents: Adjacency,
    /// Organisation → the links it supplies.
    pub(super) links_by_supplier: Adjacency,
    /// Organisation → the offerings it provides.
    pub(super) offerings_by_provider: Adjacency,
    /// Offering → its contracts.
    pub(super) contracts_by_offering: Adjacency,
    /// Offering → the links it uses (its components).
    pub(super) links_by_consumer: Adjacency,
}

impl ChainIndex {
    /// Indexes the chain. A link or contract may name an offering missing from `offerings`
    /// (its provider is then unknown, or taken from the contract); a repeated id keeps its
    /// first record.
    pub fn build(
        offerings: &[OfferingRecord],
        links: &[LinkRecord],
        contracts: &[ContractRecord],
    ) -> Self {
        let mut ix = Self::default();
        for o in offerings {
            let p = ix.org(o.provider);
            let i = ix.offering(o.id);
            if ix.offering_provider[i as usize] == NONE {
                ix.offering_provider[i as usize] = p;
            }
        }
        for l in links {
            if ix.link_ix.contains_key(&l.id) {
                continue;
            }
            let n = ix.links.len() as u32;
            ix.link_ix.insert(l.id, n);
            ix.links.push(*l);
            let consumer = ix.offering(l.offering);
            ix.link_consumer.push(consumer);
            let so = l.supplier_offering.map_or(NONE, |o| ix.offering(o));
            ix.link_supplier_offering.push(so);
            let supplier = ix.org(l.supplier);
            ix.link_supplier.push(supplier);
            let holder = ix.org(l.contract_holder);
            ix.link_holder.push(holder);
            ix.org(l.selected_by);
        }
        for c in contracts {
            if ix.contract_ix.contains_key(&c.id) {
                continue;
            }
            let n = ix.contracts.len() as u32;
            ix.contract_ix.insert(c.id, n);
            ix.contracts.push(*c);
            let inst = ix.org(c.institution);
            ix.contract_institution.push(inst);
            let p = ix.org(c.provider);
            let o = ix.offering(c.offering);
            if ix.offering_provider[o as usize] == NONE {
                ix.offering_provider[o as usize] = p;
            }
        }
        let (n_off, n_org) = (ix.offerings.len(), ix.orgs.len());
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(ix.links.len());
        pairs.extend(
            ix.link_supplier_offering
                .iter()
                .enumerate()
                .filter(|(_, so)| **so != NONE)
                .map(|(l, &so)| (so, l as u32)),
        );
        ix.dependents = Adjacency::build(n_off, &pairs);
        pairs.clear();
        pairs.extend(
            ix.link_supplier
                .iter()
                .enumerate()
                .map(|(l, &s)| (s, l as u32)),
        );
        ix.links_by_supplier = Adjacency::build(n_org, &pairs);
        pairs.clear();
        pairs.extend(
            ix.offering_provider
                .iter()
                .enumerate()
                .filter(|(_, p)| **p != NONE)
                .map(|(o, &p)| (p, o as u32)),
        );
        ix.offerings_by_provider = Adjacency::build(n_org, &pairs);
        pairs.clear();
        pairs.extend(
            ix.contracts
                .iter()
                .enumerate()
                .map(|(c, r)| (ix.offering_ix[&r.offering], c as u32)),
        );
        ix.contracts_by_offering = Adjacency::build(n_off, &pairs);
        pairs.clear();
        pairs.extend(
            ix.link_consumer
                .iter()
                .enumerate()
                .map(|(l, &c)| (c, l as u32)),
        );
        ix.links_by_consumer = Adjacency::build(n_off, &pairs);
        ix
    }

    fn org(&mut self, id: OrgId) -> u32 {
        let next = self.orgs.len() as u32;
        *self.org_ix.entry(id).or_insert_with(|| {
            self.orgs.push(id);
            next
        })
    }

    fn offering(&mut self, id: OfferingId) -> u32 {
        let next = self.offerings.len() as u32;
        *self.offering_ix.entry(id).or_insert_with(|| {
            self.offerings.push(id);
            self.offering_provider.push(NONE);
            next
        })
    }

    pub fn offering_count(&self) -> usize {
        self.offerings.len()
    }
    pub fn link_count(&self) -> usize {
        self.links.len()
    }
    pub fn contract_count(&self) -> usize {
        self.contracts.len()
    }

    /// The provider of an offering, when it is known.
    pub fn provider_of(&self, offering: OfferingId) -> Option<OrgId> {
        let i = *self.offering_ix.get(&offering)?;
        self.org_at(self.offering_provider[i as usize])
    }

    pub(super) fn org_at(&self, i: u32) -> Option<OrgId> {
        (i != NONE).then(|| self.orgs[i as usize])
    }

    pub fn link(&self, id: SupplyLinkId) -> Option<&LinkRecord> {
        self.link_ix.get(&id).map(|&i| &self.links[i as usize])
    }

    pub fn contract(&self, id: ContractId) -> Option<&ContractRecord> {
        self.contract_ix
            .get(&id)
            .map(|&i| &self.contracts[i as usize])
    }

    /// The contracts for an offering.
    pub fn contracts_of(&self, offering: OfferingId) -> impl Iterator<Item = &ContractRecord> {
        let list = self
            .offering_ix
            .get(&offering)
            .map_or(&[][..], |&o| self.contracts_by_offering.of(o));
        list.iter().map(|&c| &self.contracts[c as usize])
    }

    /// Every offering built on `offering`, nearest first, without itself: those with a
    /// component it supplies, the offerings built on those, and so on. A change to the supply
    /// chain of `offering` is a change to the supply chain of each of them (FAQ 2.2, GL 5.1.7).
    pub fn built_on(&self, offering: OfferingId) -> Vec<OfferingId> {
        let Some(&root) = self.offering_ix.get(&offering) else {
            return Vec::new();
        };
        let mut seen = vec![false; self.offerings.len()];
        seen[root as usize] = true;
        let mut queue = vec![root];
        let mut head = 0;
        while head < queue.len() {
            let o = queue[head];
            head += 1;
            for &l in self.dependents.of(o) {
                let consumer = self.link_consumer[l as usize];
                if consumer != NONE && !seen[consumer as usize] {
                    seen[consumer as usize] = true;
                    queue.push(consumer);
                }
            }
        }
        queue[1..]
            .iter()
            .map(|&o| self.offerings[o as usize])
            .collect()
    }

    /// Every link beneath an offering: its own components, their supplier offerings'
    /// components, and so on (each link once, nearest first). This is what a
    /// [`ChainView`](super::ChainView) of the offering needs.
    pub fn upstream_links(&self, offering: OfferingId) -> Vec<&LinkRecord> {
        let Some(&root) = self.offering_ix.get(&offering) else {
            return Vec::new();
        };
        let mut seen = vec![false; self.offerings.len()];
        seen[root as usize] = true;
        let mut queue = vec![root];
        let mut out = Vec::new();
        let mut head = 0;
        while head < queue.len() {
            let o = queue[head];
            head += 1;
            for &l in self.links_by_consumer.of(o) {
                out.push(&self.links[l as usize]);
                let so = self.link_supplier_offering[l as usize];
                if so != NONE && !seen[so as usize] {
                    seen[so as usize] = true;
                    queue.push(so);
                }
            }
        }
        out
    }
}
