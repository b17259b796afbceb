//! Rendering times of the リスク対応一覧: 300 risks answered by two institutions, as PDF
//! (goal: under 200 ms in a release build), DOCX and XLSX. `cargo bench -p anzen-render`.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use criterion::{Criterion, criterion_group, criterion_main};

fn risk_treatment_list(c: &mut Criterion) {
    let doc = fixture::list(300);
    let mut group = c.benchmark_group("risk_treatment_300");
    group.sample_size(10);
    group.bench_function("pdf", |b| b.iter(|| doc.pdf().unwrap()));
    group.bench_function("docx", |b| b.iter(|| doc.docx().unwrap()));
    group.bench_function("xlsx", |b| b.iter(|| doc.xlsx().unwrap()));
    group.finish();
    let pdf = doc.pdf().unwrap();
    eprintln!("risk_treatment_300.pdf: {} bytes", pdf.len());
}

criterion_group!(benches, risk_treatment_list);
criterion_main!(benches);
