//! The 300-risk リスク対応一覧 and the 1,375-control 適用宣言書 as PDF, rendered `N` times
//! (default 10) with a new document number each time: the fastest and the median render, and
//! the CPU time (user + system, every thread) per render, which a busy machine disturbs less
//! than the wall clock. `cargo run --release -p anzen-render --example pdf_repeat [N] [risks]`
//! (`risks`: the risk list alone); `ANZEN_PDF_OUT=path` keeps the last PDF to look at.
//! Not a test.
#[path = "../tests/fixture/applicability.rs"]
mod applicability;
#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::time::Instant;
/// The allocator the server uses (crates/anzen/src/main.rs).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anzen_render::{Document, Format};

/// The process's CPU time so far in ms (utime + stime from /proc/self/stat, 100 ticks a second).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields after the command: state is 0, utime 11, stime 12.
    (ticks(11) + ticks(12)) * 10.0
}

fn run<D: Document + Clone>(name: &str, doc: &D, format: Format, n: usize) {
    // The first render also parses the fonts and builds the library.
    doc.render(format).unwrap();
    let mut times = Vec::new();
    let cpu0 = cpu_ms();
    let mut size = 0;
    for i in 0..n {
        let mut d = doc.clone();
        d.cover_mut().number = Some(format!("XX-20261207-{i:08}"));
        let t = Instant::now();
        let bytes = d.render(format).unwrap();
        size = bytes.len();
        if let Some(path) = std::env::var_os("ANZEN_PDF_OUT") {
            std::fs::write(path, &bytes).unwrap();
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let cpu = (cpu_ms() - cpu0) / n as f64;
    times.sort_by(f64::total_cmp);
    println!(
        "{name} {}: min {:.1} ms, median {:.1} ms, cpu {cpu:.0} ms/render; {size} bytes",
        format.as_str(),
        times[0],
        times[n / 2],
    );
}

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    run(
        "risk treatment, 300 risks",
        &fixture::list(300),
        Format::Pdf,
        n,
    );
    if std::env::args().nth(2).as_deref() != Some("risks") {
        run(
            "statement of applicability, 1,375 controls",
            &applicability::statement_of_applicability(1375),
            Format::Pdf,
            n,
        );
    }
}
