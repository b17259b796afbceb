//! The generated supply chain both chain benchmarks use (`anzen-domain/benches/chain.rs`
//! and `anzen-web/benches/chain_diagram.rs`, which includes this file by path): 5,000
//! institutions, 200 providers, 20,000 supply links and 20,000 contracts, the same on every
//! run. One IaaS offering carries a large share of the chain (the worst case for a change).

use anzen_domain::chain::{ContractRecord, LinkRecord, OfferingRecord};
use anzen_domain::ids::{ContractId, OfferingId, OrgId, SupplyLinkId};
use anzen_domain::supply::ComponentCode;
use uuid::Uuid;

pub const PROVIDERS: usize = 200;
pub const INSTITUTIONS: usize = 5_000;
pub const LINKS: usize = 20_000;
pub const CONTRACTS_PER_INSTITUTION: usize = 4;

/// A small deterministic generator (xorshift64*), so every run benchmarks the same chain.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

pub fn org(n: usize) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(0x1_0000_0000 + n as u128))
}
pub fn off(n: usize) -> OfferingId {
    OfferingId::from_uuid(Uuid::from_u128(0x2_0000_0000 + n as u128))
}

/// The layered chain: 10 IaaS providers (3 offerings each), 40 platform providers (5 each)
/// on the IaaS, 150 application providers (20 each) on platforms, IaaS and, for one link in
/// ten, another application's API.
pub struct Chain {
    pub offerings: Vec<OfferingRecord>,
    pub links: Vec<LinkRecord>,
    pub contracts: Vec<ContractRecord>,
    /// Offering index ranges per tier (the diagram bench needs only the applications).
    #[allow(dead_code)]
    pub iaas: std::ops::Range<usize>,
    pub apps: std::ops::Range<usize>,
}

pub fn generate() -> Chain {
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let mut offerings = Vec::new();
    let add = |provider: usize, count: usize, offerings: &mut Vec<OfferingRecord>| {
        for _ in 0..count {
            let id = off(offerings.len());
            offerings.push(OfferingRecord {
                id,
                provider: org(provider),
            });
        }
    };
    for p in 0..10 {
        add(p, 3, &mut offerings);
    }
    let iaas = 0..offerings.len();
    for p in 10..50 {
        add(p, 5, &mut offerings);
    }
    let platforms = iaas.end..offerings.len();
    for p in 50..PROVIDERS {
        add(p, 20, &mut offerings);
    }
    let apps = platforms.end..offerings.len();

    let mut links = Vec::with_capacity(LINKS);
    let push =
        |consumer: usize, supplier_off: usize, code: ComponentCode, links: &mut Vec<LinkRecord>| {
            let consumer_provider = offerings[consumer].provider;
            links.push(LinkRecord {
                id: SupplyLinkId::from_uuid(Uuid::from_u128(0x3_0000_0000 + links.len() as u128)),
                offering: offerings[consumer].id,
                code,
                supplier: offerings[supplier_off].provider,
                supplier_offering: Some(offerings[supplier_off].id),
                selected_by: consumer_provider,
                contract_holder: consumer_provider,
            });
        };
    // The bottom: IaaS offering 0 takes a third of all IaaS use.
    let pick_iaas = |rng: &mut Rng| {
        if rng.below(3) == 0 {
            0
        } else {
            rng.below(iaas.len())
        }
    };
    for p in platforms.clone() {
        for _ in 0..4 {
            let i = pick_iaas(&mut rng);
            push(p, i, ComponentCode::I1, &mut links);
        }
    }
    let mut a = apps.start;
    while links.len() < LINKS {
        let r = rng.below(10);
        if r < 5 {
            let p = platforms.start + rng.below(platforms.len());
            push(a, p, ComponentCode::P1, &mut links);
        } else if r < 9 {
            let i = pick_iaas(&mut rng);
            push(a, i, ComponentCode::I1, &mut links);
        } else if a > apps.start {
            // An API of an earlier application (keeps the chain acyclic).
            let other = apps.start + rng.below(a - apps.start);
            if offerings[other].provider != offerings[a].provider {
                push(a, other, ComponentCode::A1, &mut links);
            }
        }
        a += 1;
        if a == apps.end {
            a = apps.start;
        }
    }

    let mut contracts = Vec::with_capacity(INSTITUTIONS * CONTRACTS_PER_INSTITUTION);
    for i in 0..INSTITUTIONS {
        for _ in 0..CONTRACTS_PER_INSTITUTION {
            let o = apps.start + rng.below(apps.len());
            contracts.push(ContractRecord {
                id: ContractId::from_uuid(Uuid::from_u128(0x4_0000_0000 + contracts.len() as u128)),
                institution: org(10_000 + i),
                provider: offerings[o].provider,
                offering: offerings[o].id,
            });
        }
    }
    Chain {
        offerings,
        links,
        contracts,
        iaas,
        apps,
    }
}
