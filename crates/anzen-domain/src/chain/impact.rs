//! Who is affected by a change (FAQ 2.1 R5): "one party's change of service or contract can
//! affect the others". Given a [`ChainIndex`], a change of an offering, a supply link, a
//! contract or an organisation is walked from upstream to downstream: every offering built on
//! the changed one (transitively), their providers, and every institution contracting any of
//! them, each with the reason and the path that reaches it, and no one else.
//!
//! The cycle check for a new supply link is in `cycle.rs`.

use serde::Serialize;

use super::index::{ChainIndex, NONE};
use super::rule::{RuleText, rule_text};
use crate::FieldError;
use crate::code_enum;
use crate::ids::{ContractId, OfferingId, OrgId, SupplyLinkId};

rule_text!(
    /// FAQ2.1-R5: a change of one party's service or contract can affect the others.
    CHANGE_AFFECTS_OTHERS, "FAQ2.1-R5", "FAQ 2.1", Should, Confirmed,
    "ある事業者の提供サービスや契約の変更は、他の事業者の提供サービスに影響を及ぼすことがあります。影響を受ける関係者に変更を通知してください（FAQ 2.1）。",
    "A change of one provider's service or contract can affect the others' services; notify the affected parties of the change (FAQ 2.1)."
);

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "subject", content = "id", rename_all = "snake_case")]
pub enum Change {
    Offering(OfferingId),
    SupplyLink(SupplyLinkId),
    Contract(ContractId),
    /// An organisation as a whole, e.g. a subcontractor changing its own organisation.
    Organisation(OrgId),
}

code_enum! {
    /// Why a party is affected.
    ImpactKind {
        /// The provider of the changed offering, or the changed organisation itself.
        Origin = "origin", "変更元", "Origin of the change";
        /// The provider whose offering uses the changed link, or the link's supplier.
        LinkParty = "link_party", "変更された供給関係の当事者", "Party to the changed supply link";
        /// The institution or the provider of the changed contract.
        ContractParty = "contract_party", "変更された契約の当事者", "Party to the changed contract";
        /// The provider of an offering built on the change, directly or further down.
        BuildsOn = "builds_on", "変更の影響を受ける提供サービスの提供事業者", "Provider of an offering built on the change";
        /// An institution contracting an affected offering.
        Contracts = "contracts", "影響を受ける提供サービスを契約する医療機関等", "Institution contracting an affected offering";
        /// A provider whose component is contracted under the changed contract (the
        /// institution holds it: FAQ 2.1 R4, GL 2.2.3).
        ReliesOnContract = "relies_on_contract", "この契約に基づく構成要素を利用する事業者", "Provider whose component rests on the changed contract";
    }
}

/// How an offering was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Reach {
    /// It is the changed offering, or an offering of the changed organisation.
    Changed,
    /// Through a supply link from `from` (the link's supplier offering; none when the link
    /// names only the supplier, for a change of that organisation).
    Link {
        link: SupplyLinkId,
        from: Option<OfferingId>,
    },
}

/// An offering the change reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AffectedOffering {
    pub offering: OfferingId,
    pub provider: Option<OrgId>,
    /// 0 for the changed offering(s), 1 for an offering using them, …
    pub depth: u32,
    pub reach: Reach,
    /// The position in [`Impact::offerings`] of the offering it was reached from.
    pub via: Option<usize>,
}

/// One reason why a party is affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImpactReason {
    pub kind: ImpactKind,
    /// The offering through which the party is affected (see [`Impact::path_to`]).
    pub offering: Option<OfferingId>,
    pub contract: Option<ContractId>,
    pub link: Option<SupplyLinkId>,
}

/// A party affected by the change, with every reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AffectedParty {
    pub org: OrgId,
    pub reasons: Vec<ImpactReason>,
}

/// Everyone a change reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Impact {
    pub change: Change,
    /// The affected offerings in the order reached (nearest first).
    pub offerings: Vec<AffectedOffering>,
    /// The affected parties in the order reached; the origin first.
    pub parties: Vec<AffectedParty>,
    pub rule: RuleText,
}

impl Impact {
    /// The offerings from the change to `offering`, both included.
    pub fn path_to(&self, offering: OfferingId) -> Option<Vec<OfferingId>> {
        let mut pos = self.offerings.iter().position(|o| o.offering == offering)?;
        let mut path = vec![offering];
        while let Some(prev) = self.offerings[pos].via {
            pos = prev;
            path.push(self.offerings[pos].offering);
        }
        path.reverse();
        Some(path)
    }

    pub fn party(&self, org: OrgId) -> Option<&AffectedParty> {
        self.parties.iter().find(|p| p.org == org)
    }

    /// The affected organisations, in the order reached.
    pub fn orgs(&self) -> Vec<OrgId> {
        self.parties.iter().map(|p| p.org).collect()
    }
}

/// The traversal state: positions of offerings and parties already reached.
struct Walk<'a> {
    ix: &'a ChainIndex,
    offering_pos: Vec<u32>,
    offering_ix: Vec<u32>,
    party_pos: Vec<u32>,
    offerings: Vec<AffectedOffering>,
    parties: Vec<AffectedParty>,
    /// Parties outside the index (an unknown organisation).
    extra: Vec<AffectedParty>,
}

impl<'a> Walk<'a> {
    fn new(ix: &'a ChainIndex) -> Self {
        Self {
            ix,
            offering_pos: vec![NONE; ix.offerings.len()],
            offering_ix: Vec::new(),
            party_pos: vec![NONE; ix.orgs.len()],
            offerings: Vec::new(),
            parties: Vec::new(),
            extra: Vec::new(),
        }
    }

    fn reach(&mut self, o: u32, depth: u32, reach: Reach, via: Option<usize>) {
        if self.offering_pos[o as usize] != NONE {
            return;
        }
        self.offering_pos[o as usize] = self.offerings.len() as u32;
        self.offering_ix.push(o);
        self.offerings.push(AffectedOffering {
            offering: self.ix.offerings[o as usize],
            provider: self.ix.org_at(self.ix.offering_provider[o as usize]),
            depth,
            reach,
            via,
        });
    }

    fn party(&mut self, org: u32, reason: ImpactReason) {
        if org == NONE {
            return;
        }
        let pos = &mut self.party_pos[org as usize];
        if *pos == NONE {
            *pos = self.parties.len() as u32;
            self.parties.push(AffectedParty {
                org: self.ix.orgs[org as usize],
                reasons: Vec::new(),
            });
        }
        self.parties[*pos as usize].reasons.push(reason);
    }

    /// Breadth-first from the offerings reached so far, along supply links downstream.
    fn spread(&mut self) {
        let mut head = 0;
        while head < self.offering_ix.len() {
            let o = self.offering_ix[head];
            let depth = self.offerings[head].depth;
            for &l in self.ix.dependents.of(o) {
                let consumer = self.ix.link_consumer[l as usize];
                self.reach(
                    consumer,
                    depth + 1,
                    Reach::Link {
                        link: self.ix.links[l as usize].id,
                        from: Some(self.ix.offerings[o as usize]),
                    },
                    Some(head),
                );
            }
            head += 1;
        }
    }

    /// The providers of offerings built on the change and the institutions contracting any
    /// affected offering.
    fn collect(&mut self) {
        for pos in 0..self.offering_ix.len() {
            let o = self.offering_ix[pos];
            let offering = Some(self.ix.offerings[o as usize]);
            if self.offerings[pos].depth > 0 {
                let p = self.ix.offering_provider[o as usize];
                self.party(
                    p,
                    ImpactReason {
                        kind: ImpactKind::BuildsOn,
                        offering,
                        contract: None,
                        link: None,
                    },
                );
            }
            for &c in self.ix.contracts_by_offering.of(o) {
                let inst = self.ix.contract_institution[c as usize];
                self.party(
                    inst,
                    ImpactReason {
                        kind: ImpactKind::Contracts,
                        offering,
                        contract: Some(self.ix.contracts[c as usize].id),
                        link: None,
                    },
                );
            }
        }
    }

    fn finish(mut self, change: Change) -> Impact {
        let mut parties = std::mem::take(&mut self.extra);
        parties.append(&mut self.parties);
        Impact {
            change,
            offerings: self.offerings,
            parties,
            rule: CHANGE_AFFECTS_OTHERS,
        }
    }
}

fn reason(
    kind: ImpactKind,
    offering: Option<OfferingId>,
    contract: Option<ContractId>,
    link: Option<SupplyLinkId>,
) -> ImpactReason {
    ImpactReason {
        kind,
        offering,
        contract,
        link,
    }
}

/// Every party a change affects, with its reasons (FAQ 2.1 R5).
///
/// - An offering: its provider (origin); every offering built on it, transitively, and
///   their providers; every institution contracting the offering or any of those.
/// - A supply link: the provider of the offering that uses it and the supplier; that
///   offering and everything built on it, as above.
/// - A contract: its institution and provider; the provider of any offering whose supply
///   link rests on it (the institution holds the contract with the supplier: FAQ 2.1 R4,
///   GL 2.2.3; anzen's reading). A contract does not change the offering itself, so nothing
///   is built on it.
/// - An organisation: itself (origin); its offerings and every offering using a component
///   it supplies, and everything built on those, as above.
///
/// An unknown offering, link or contract is refused with the field named; an organisation
/// missing from the index affects only itself.
pub fn affected_parties(ix: &ChainIndex, change: Change) -> Result<Impact, FieldError> {
    let mut w = Walk::new(ix);
    match change {
        Change::Offering(id) => {
            let &o = ix.offering_ix.get(&id).ok_or_else(|| unknown("offering"))?;
            w.party(
                ix.offering_provider[o as usize],
                reason(ImpactKind::Origin, Some(id), None, None),
            );
            w.reach(o, 0, Reach::Changed, None);
        }
        Change::SupplyLink(id) => {
            let &l = ix.link_ix.get(&id).ok_or_else(|| unknown("supply_link"))?;
            let rec = &ix.links[l as usize];
            let consumer = ix.link_consumer[l as usize];
            w.party(
                ix.offering_provider[consumer as usize],
                reason(ImpactKind::LinkParty, Some(rec.offering), None, Some(id)),
            );
            w.party(
                ix.link_supplier[l as usize],
                reason(ImpactKind::LinkParty, rec.supplier_offering, None, Some(id)),
            );
            w.reach(
                consumer,
                0,
                Reach::Link {
                    link: id,
                    from: rec.supplier_offering,
                },
                None,
            );
        }
        Change::Contract(id) => {
            let &c = ix.contract_ix.get(&id).ok_or_else(|| unknown("contract"))?;
            let rec = ix.contracts[c as usize];
            let inst = ix.contract_institution[c as usize];
            let prov = ix.org_ix[&rec.provider];
            let why = reason(
                ImpactKind::ContractParty,
                Some(rec.offering),
                Some(id),
                None,
            );
            w.party(inst, why);
            w.party(prov, why);
            for &l in ix.links_by_supplier.of(prov) {
                let li = l as usize;
                let so = ix.links[li].supplier_offering;
                if ix.link_holder[li] == inst && so.is_none_or(|so| so == rec.offering) {
                    let consumer = ix.link_consumer[li];
                    w.party(
                        ix.offering_provider[consumer as usize],
                        reason(
                            ImpactKind::ReliesOnContract,
                            Some(ix.links[li].offering),
                            Some(id),
                            Some(ix.links[li].id),
                        ),
                    );
                }
            }
            return Ok(w.finish(change));
        }
        Change::Organisation(id) => {
            let Some(&org) = ix.org_ix.get(&id) else {
                w.extra.push(AffectedParty {
                    org: id,
                    reasons: vec![reason(ImpactKind::Origin, None, None, None)],
                });
                return Ok(w.finish(change));
            };
            w.party(org, reason(ImpactKind::Origin, None, None, None));
            for &o in ix.offerings_by_provider.of(org) {
                w.reach(o, 0, Reach::Changed, None);
            }
            for &l in ix.links_by_supplier.of(org) {
                let so = ix.link_supplier_offering[l as usize];
                let via = (so != NONE)
                    .then(|| w.offering_pos[so as usize])
                    .filter(|&p| p != NONE)
                    .map(|p| p as usize);
                w.reach(
                    ix.link_consumer[l as usize],
                    1,
                    Reach::Link {
                        link: ix.links[l as usize].id,
                        from: ix.links[l as usize].supplier_offering,
                    },
                    via,
                );
            }
        }
    }
    w.spread();
    w.collect();
    Ok(w.finish(change))
}

fn unknown(field: &str) -> FieldError {
    FieldError::new(
        field,
        format!(
            "no {} with this id is in the chain",
            field.replace('_', " ")
        ),
    )
}
