//! Rendering times of the リスク対応一覧: 300 risks answered by two institutions, as PDF
//! (goal: under 200 ms in a release build), DOCX and XLSX. `cargo bench -p anzen-render`.
//! And of the 適用宣言書 of the official Appendix 2 (1,375 controls): PDF (goal: under 1 s),
//! DOCX and XLSX (goal: under 20 ms).
//!
//! Criterion renders the same data again and again, so its PDF figures are those of a
//! re-render whose layout typst finds in its cache. A user's issue always differs from the
//! last (its number is on every page): `cargo run --release -p anzen-render --example cold`
//! measures that case.

#[path = "../tests/fixture/mod.rs"]
mod fixture;
#[path = "../tests/fixture/applicability.rs"]
mod soa_fixture;

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

fn statement_of_applicability(c: &mut Criterion) {
    let doc = soa_fixture::statement_of_applicability(soa_fixture::OFFICIAL_TOTAL);
    // typst memoises layout within a process: the iterations below re-render data it has
    // seen. The first render of this data, measured once, is what a user waits for.
    let start = std::time::Instant::now();
    let first = doc.pdf().unwrap();
    eprintln!(
        "applicability_1375.pdf first render: {:.0} ms, {} bytes",
        start.elapsed().as_secs_f64() * 1000.0,
        first.len()
    );
    let mut group = c.benchmark_group("applicability_1375");
    group.sample_size(10);
    group.bench_function("pdf", |b| b.iter(|| doc.pdf().unwrap()));
    group.bench_function("docx", |b| b.iter(|| doc.docx().unwrap()));
    group.bench_function("xlsx", |b| b.iter(|| doc.xlsx().unwrap()));
    group.finish();
}

criterion_group!(benches, risk_treatment_list, statement_of_applicability);
criterion_main!(benches);
