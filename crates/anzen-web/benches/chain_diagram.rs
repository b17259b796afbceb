//! Speed of the chain diagram (issue 5, closing note): on a generated chain of 5,000
//! institutions, 200 providers and 20,000 supply links (the generator of
//! `anzen-domain/benches/chain.rs`), the time to turn one offering's picture — its full
//! depth — into the diagram's view model and the SVG, with and without an institution's
//! provision-form assessment. The offering is the application with the largest chain
//! beneath it (the worst case).

use std::hint::black_box;

use anzen_app::chain::ChainPicture;
use anzen_domain::chain::{
    ChainComponent, ChainIndex, ChainView, ContractRecord, DirectContract, LinkRecord,
    OfferingRecord, Visibility, classify,
};
use anzen_domain::ids::{ContractId, OfferingId, OrgId, SupplyLinkId};
use anzen_domain::supply::{ComponentCode, SupplyLink};
use anzen_web::i18n::Lang;
use anzen_web::ui::chain::diagram::{Diagram, render_svg};
use criterion::{Criterion, criterion_group, criterion_main};
use uuid::Uuid;

const PROVIDERS: usize = 200;
const INSTITUTIONS: usize = 5_000;
const LINKS: usize = 20_000;
const CONTRACTS_PER_INSTITUTION: usize = 4;

/// A small deterministic generator (xorshift64*), so every run benchmarks the same chain.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn org(n: usize) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(0x1_0000_0000 + n as u128))
}
fn off(n: usize) -> OfferingId {
    OfferingId::from_uuid(Uuid::from_u128(0x2_0000_0000 + n as u128))
}

struct Chain {
    offerings: Vec<OfferingRecord>,
    links: Vec<LinkRecord>,
    contracts: Vec<ContractRecord>,
    apps: std::ops::Range<usize>,
}

/// The layered chain of the domain benchmark: 10 IaaS providers (3 offerings each), 40
/// platform providers (5 each) on the IaaS, 150 application providers (20 each) on
/// platforms, IaaS and, for one link in ten, another application's API.
fn generate() -> Chain {
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
        apps,
    }
}

/// The picture of the application with the most links beneath it, with names for every
/// party and offering (one link in ten unknown to its user), and the same picture assessed
/// for an institution contracting it.
fn pictures(chain: &Chain) -> (ChainPicture, ChainPicture, usize) {
    let ix = ChainIndex::build(&chain.offerings, &chain.links, &chain.contracts);
    let (offering, upstream) = chain.apps.clone().fold((None, 0), |(best, n), i| {
        let o = chain.offerings[i].id;
        let contracted = ix.contracts_of(o).next().is_some();
        let m = ix.upstream_links(o).len();
        if contracted && m > n {
            (Some(o), m)
        } else {
            (best, n)
        }
    });
    let offering = offering.expect("an application with a chain and a contract");
    let provider = ix.provider_of(offering).unwrap();
    let links: Vec<SupplyLink> = ix
        .upstream_links(offering)
        .into_iter()
        .enumerate()
        .map(|(i, l)| SupplyLink {
            id: l.id,
            owner: l.selected_by,
            offering: l.offering,
            code: l.code,
            supplier: l.supplier,
            supplier_offering: l.supplier_offering,
            selected_by: l.selected_by,
            contract_holder: l.contract_holder,
            visibility: if i % 10 == 9 {
                Visibility::Unknown
            } else {
                Visibility::Known
            },
            description: None,
            created_at: "2026-01-01T00:00:00Z".parse().unwrap(),
        })
        .collect();
    let mut org_names: Vec<(OrgId, String)> = (0..PROVIDERS)
        .map(|p| (org(p), format!("事業者{p:03}クラウドサービス株式会社")))
        .collect();
    let institution = ix.contracts_of(offering).next().unwrap().institution;
    org_names.push((institution, "みなと総合病院（ベンチマーク）".into()));
    let offering_names = chain
        .offerings
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id, format!("提供サービス{i:04} 東京リージョン")))
        .collect();
    let plain = ChainPicture {
        offering,
        provider,
        links,
        institution: None,
        assessment: None,
        org_names,
        offering_names,
    };
    let view = ChainView {
        offering,
        provider,
        institution,
        institution_contracts: vec![DirectContract {
            provider,
            offering: Some(offering),
        }],
        components: plain
            .links
            .iter()
            .map(|l| ChainComponent::from_link(l, l.visibility))
            .collect(),
    };
    let assessed = ChainPicture {
        institution: Some(institution),
        assessment: Some(classify(&view).expect("the generated chain classifies")),
        ..plain.clone()
    };
    (plain, assessed, upstream)
}

fn bench(c: &mut Criterion) {
    let chain = generate();
    let (plain, assessed, upstream) = pictures(&chain);
    let diagram = Diagram::from_picture(Lang::Ja, &assessed);
    let svg = render_svg(&diagram);
    eprintln!(
        "chain of {} links, {} contracts; the diagram of offering {}: {upstream} links, {} boxes, {} edges, {} rows, SVG {} bytes",
        chain.links.len(),
        chain.contracts.len(),
        plain.offering,
        diagram.boxes.len(),
        diagram.edges.len(),
        diagram.boxes.iter().map(|b| b.row).max().unwrap_or(0) + 1,
        svg.len()
    );
    c.bench_function("chain diagram: view model and SVG of one offering", |b| {
        b.iter(|| render_svg(&Diagram::from_picture(Lang::Ja, black_box(&plain))))
    });
    c.bench_function(
        "chain diagram: view model and SVG with an institution's assessment",
        |b| b.iter(|| render_svg(&Diagram::from_picture(Lang::Ja, black_box(&assessed)))),
    );
    c.bench_function("chain diagram: SVG of the view model only", |b| {
        b.iter(|| render_svg(black_box(&diagram)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
