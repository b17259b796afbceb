//! Speed of the chain diagram (issue 5, closing note): on a generated chain of 5,000
//! institutions, 200 providers and 20,000 supply links (the generator of the domain's chain
//! benchmark, `anzen-domain/benches/support/chain_gen.rs`, included by path), the time to turn one offering's picture — its full
//! depth — into the diagram's view model and the SVG, with and without an institution's
//! provision-form assessment. The offering is the application with the largest chain
//! beneath it (the worst case).

use std::hint::black_box;

use anzen_app::chain::ChainPicture;
use anzen_domain::chain::{
    ChainComponent, ChainIndex, ChainView, DirectContract, Visibility, classify,
};
use anzen_domain::ids::OrgId;
use anzen_domain::supply::SupplyLink;
use anzen_web::i18n::Lang;
use anzen_web::ui::chain::diagram::{Diagram, render_svg};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "../../anzen-domain/benches/support/chain_gen.rs"]
mod chain_gen;
use chain_gen::{Chain, PROVIDERS, generate, org};

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
        network: None,
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
        network: None,
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
