//! XLSX export of a full statement table (issue 4 benchmark: 20,000 rows, goal under
//! 150 ms). Not a test: run with `cargo bench -p anzen-web --bench statement_xlsx`.
//!
//! The rows are shaped like the real table: Japanese control texts of a few lines, a
//! statement with two texts on most rows, linked risks on some, who and when.

use std::hint::black_box;
use std::time::Duration;

use anzen_web::i18n::Lang;
use anzen_web::ui::controls::export::{ExportRow, statement_workbook};
use criterion::{Criterion, criterion_group, criterion_main};

const ROWS: usize = 20_000;

fn rows() -> Vec<ExportRow> {
    let stated_at: jiff::Timestamp = "2026-11-25T03:00:00Z".parse().expect("a timestamp");
    (0..ROWS)
        .map(|i| {
            let middle = format!("{}.{}", i % 7 + 1, i % 12 + 1);
            let key = format!("{middle}/①-{}", i % 40 + 1);
            let stated = i % 5 != 0;
            ExportRow {
                kind: "appendix2".into(),
                catalogue_version: "v1.1 (3f2a9c41d0be)".into(),
                key,
                heading: format!("{} 人的・組織的対策 › {middle} 規程・手順の策定", i % 7 + 1),
                text: format!(
                    "アクセス制限、記録、点検等を定めたアクセス管理規程を作成し、\n少なくとも年1回見直すこと（項目 {i}）。"
                ),
                origin: "原文（取込み）".into(),
                status: if stated { "採用".into() } else { String::new() },
                state: if stated { String::new() } else { "記述なし".into() },
                details: if stated {
                    format!(
                        "実施方法: 全端末で12文字以上のパスワードと多要素認証を設定（{i}）\n証跡: 設定画面の記録と月次点検記録"
                    )
                } else {
                    String::new()
                },
                risks: if i % 3 == 0 {
                    "4桁の数字のパスワードによる不正ログイン (01a212ca-d9cc-72f6-9c8d-b5aead303a69)"
                        .into()
                } else {
                    String::new()
                },
                stated_by: if stated { "user:compliance@sakura.example".into() } else { String::new() },
                stated_at: stated.then_some(stated_at),
                version: stated.then_some(i64::try_from(i % 3 + 1).unwrap_or(1)),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = rows();
    let bytes = statement_workbook(Lang::Ja, &rows).expect("the workbook is written");
    eprintln!(
        "statement table: {ROWS} rows, {} bytes of XLSX",
        bytes.len()
    );
    let mut group = c.benchmark_group("statement_table");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("xlsx_20000_rows", |b| {
        b.iter(|| statement_workbook(Lang::Ja, black_box(&rows)).expect("the workbook is written"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
