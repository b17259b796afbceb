//! Render times as a user meets them, each render with new data (its number differs, as every
//! issue's does, so typst reuses nothing), and the process's peak memory: the 300-risk
//! リスク対応一覧 and the 1,375-control 適用宣言書 in every format.
//! `cargo run --release -p anzen-render --example cold`. Not a test.
#[path = "../tests/fixture/applicability.rs"]
mod applicability;
#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::time::Instant;
/// The allocator the server uses (crates/anzen/src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anzen_render::{Document, Format};

fn peak() -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .collect()
}

fn run<D: Document + Clone>(name: &str, doc: &D) {
    for format in Format::ALL {
        let mut times = Vec::new();
        let mut size = 0;
        for i in 0..4 {
            let mut d = doc.clone();
            d.cover_mut().number = Some(format!("XX-20261207-{i:08}"));
            let t = Instant::now();
            size = d.render(format).unwrap().len();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let shown: Vec<String> = times.iter().map(|t| format!("{t:.1}")).collect();
        println!(
            "{name} {}: {} ms; {size} bytes; peak {}",
            format.as_str(),
            shown.join(" / "),
            peak()
        );
    }
}

fn main() {
    run("risk treatment, 300 risks", &fixture::list(300));
    run(
        "statement of applicability, 1,375 controls",
        &applicability::statement_of_applicability(1375),
    );
}
