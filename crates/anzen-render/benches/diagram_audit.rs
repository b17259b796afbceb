//! Rendering times of the 構成図 (a chain of 30 parties and a configuration of 32
//! components) and of the 監査証跡抜粋 (1,000 entries), as PDF, DOCX and XLSX.
//! `cargo bench -p anzen-render --bench diagram_audit`.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

#[path = "../tests/fixture/diagram.rs"]
mod diagram_fixture;

#[path = "../tests/fixture/audit_excerpt.rs"]
mod excerpt_fixture;

use criterion::{Criterion, criterion_group, criterion_main};

fn diagram(c: &mut Criterion) {
    let doc = diagram_fixture::wide(24);
    let mut group = c.benchmark_group("diagram_wide24");
    group.sample_size(10);
    group.bench_function("pdf", |b| b.iter(|| doc.pdf().unwrap()));
    group.bench_function("docx", |b| b.iter(|| doc.docx().unwrap()));
    group.bench_function("xlsx", |b| b.iter(|| doc.xlsx().unwrap()));
    group.finish();
}

fn audit_excerpt(c: &mut Criterion) {
    let doc = excerpt_fixture::excerpt(1000);
    let mut group = c.benchmark_group("audit_excerpt_1000");
    group.sample_size(10);
    group.bench_function("pdf", |b| b.iter(|| doc.pdf().unwrap()));
    group.bench_function("docx", |b| b.iter(|| doc.docx().unwrap()));
    group.bench_function("xlsx", |b| b.iter(|| doc.xlsx().unwrap()));
    group.finish();
    eprintln!("audit_excerpt_1000.pdf: {} bytes", doc.pdf().unwrap().len());
}

criterion_group!(benches, diagram, audit_excerpt);
criterion_main!(benches);
