//! Speed of the scope engine: parsing a profile and deciding its verdict.

use anzen_domain::scope::{ScopeProfile, determine};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const CLOUD_EHR: &str = r#"{"schema": "anzen/scope-profile/v1", "service": "Cloud EHR",
 "contract": {"provision": true, "maintenance": "provider_judgement"}, "handles_medical_information": true,
 "stores_medical_information": true, "records_care_information": true}"#;

fn bench(c: &mut Criterion) {
    let profile = ScopeProfile::from_json(CLOUD_EHR).unwrap();
    c.bench_function("scope: parse a profile", |b| {
        b.iter(|| ScopeProfile::from_json(black_box(CLOUD_EHR)).unwrap())
    });
    c.bench_function("scope: determine a verdict", |b| {
        b.iter(|| determine(black_box(&profile)))
    });
    c.bench_function("scope: verdict to JSON", |b| {
        let v = determine(&profile);
        b.iter(|| serde_json::to_string(black_box(&v)).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
