//! Speed of the supply-chain traversal (issue 5, closing note): a generated chain of 5,000
//! institutions, 200 providers, 20,000 supply links and 20,000 contracts; the time to compute
//! the affected parties of one change at the bottom of the chain (goal: under 50 ms).
//!
//! The chain is layered like real deployments: 10 IaaS providers (3 offerings each), 40
//! platform providers (5 each) on the IaaS, 150 application providers (20 each) on platforms,
//! IaaS and, for one link in ten, another application's API. One IaaS offering carries a
//! large share of the chain, so a change to it reaches most of it: the worst case.

use std::hint::black_box;

use anzen_domain::chain::{
    ChainComponent, ChainIndex, ChainView, Change, DirectContract, Visibility, affected_parties,
    classify, would_create_cycle,
};
use anzen_domain::supply::{ComponentCode, NewSupplyLink};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "support/chain_gen.rs"]
mod chain_gen;
use chain_gen::{INSTITUTIONS, PROVIDERS, generate};

fn bench(c: &mut Criterion) {
    let chain = generate();
    let ix = ChainIndex::build(&chain.offerings, &chain.links, &chain.contracts);
    let bottom = chain.offerings[chain.iaas.start].id;
    let bottom_provider = chain.offerings[chain.iaas.start].provider;
    let impact = affected_parties(&ix, Change::Offering(bottom)).unwrap();
    let institutions = impact
        .parties
        .iter()
        .filter(|p| p.reasons.iter().any(|r| r.contract.is_some()))
        .count();
    eprintln!(
        "chain: {} offerings, {} links, {} contracts, {} organisations; a change of the bottom IaaS offering reaches {} offerings and {} parties ({} institutions, {} reasons)",
        ix.offering_count(),
        ix.link_count(),
        ix.contract_count(),
        PROVIDERS + INSTITUTIONS,
        impact.offerings.len(),
        impact.parties.len(),
        institutions,
        impact
            .parties
            .iter()
            .map(|p| p.reasons.len())
            .sum::<usize>(),
    );

    c.bench_function(
        "chain: build the index (20,000 links, 20,000 contracts)",
        |b| {
            b.iter(|| {
                ChainIndex::build(
                    black_box(&chain.offerings),
                    black_box(&chain.links),
                    black_box(&chain.contracts),
                )
            })
        },
    );
    c.bench_function(
        "chain: affected parties of a change of the bottom IaaS offering",
        |b| {
            b.iter(|| {
                affected_parties(black_box(&ix), Change::Offering(black_box(bottom))).unwrap()
            })
        },
    );
    c.bench_function(
        "chain: affected parties of a change of the IaaS provider (organisation)",
        |b| {
            b.iter(|| {
                affected_parties(
                    black_box(&ix),
                    Change::Organisation(black_box(bottom_provider)),
                )
                .unwrap()
            })
        },
    );
    let contract = chain.contracts[0].id;
    c.bench_function("chain: affected parties of a contract change", |b| {
        b.iter(|| affected_parties(black_box(&ix), Change::Contract(black_box(contract))).unwrap())
    });
    // The cycle check. Refusing: the bottom IaaS would use an application built on it (the
    // search stops when it meets it). Accepting, the worst case: the bottom IaaS would use
    // another IaaS, which builds on nothing, so the search walks everything built on the
    // bottom IaaS before it can say "no cycle".
    let link_to = |target: usize| NewSupplyLink {
        owner: bottom_provider,
        offering: bottom,
        code: ComponentCode::I1,
        supplier: chain.offerings[target].provider,
        supplier_offering: Some(chain.offerings[target].id),
        selected_by: bottom_provider,
        contract_holder: bottom_provider,
        visibility: anzen_domain::chain::Visibility::Known,
        description: None,
    };
    let closing = link_to(chain.apps.end - 1);
    assert!(would_create_cycle(&ix, &closing).is_err());
    c.bench_function(
        "chain: would_create_cycle, refused (IaaS would use an app on it)",
        |b| b.iter(|| would_create_cycle(black_box(&ix), black_box(&closing))),
    );
    let harmless = link_to(chain.iaas.start + 1);
    assert!(would_create_cycle(&ix, &harmless).is_ok());
    c.bench_function(
        "chain: would_create_cycle, accepted after a full search",
        |b| b.iter(|| would_create_cycle(black_box(&ix), black_box(&harmless))),
    );
    // One offering's chain for one institution: the links beneath an application (the input
    // of its chain view and diagram) and the provision-form classification.
    let app = chain.contracts[0].offering;
    let institution = chain.contracts[0].institution;
    let provider = chain.contracts[0].provider;
    c.bench_function("chain: upstream links of one application", |b| {
        b.iter(|| ix.upstream_links(black_box(app)).len())
    });
    let view = ChainView {
        offering: app,
        provider,
        institution,
        institution_contracts: vec![DirectContract {
            provider,
            offering: Some(app),
        }],
        components: ix
            .upstream_links(app)
            .into_iter()
            .map(|l| ChainComponent {
                link: Some(l.id),
                offering: l.offering,
                code: l.code,
                supplier: l.supplier,
                supplier_offering: l.supplier_offering,
                selected_by: l.selected_by,
                contract_holder: l.contract_holder,
                visibility: Visibility::Known,
            })
            .collect(),
    };
    eprintln!(
        "chain: the classified application has {} components in its chain",
        view.components.len()
    );
    c.bench_function(
        "chain: classify one application's chain for one institution",
        |b| b.iter(|| classify(black_box(&view)).unwrap()),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
