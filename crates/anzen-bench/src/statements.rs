//! `anzen-bench seed-risks … CONTROLS`: a statement of applicability of `CONTROLS` controls on
//! every offering (FAQ 5.3-R5): the controls of the built-in Appendix 2, then controls the
//! provider defines itself (FAQ 5.3-R4) up to `CONTROLS`. Most are adopted (how, evidence),
//! some not applicable (why), planned (what, by) or met by an alternative, and one in ten
//! rests on risks of its offering. Everything goes through the use-cases, several statements
//! at a time (SQLite serialises the writes; the checks before them run concurrently).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::Context;
use anzen_app::controls::{StatementInput, builtin_partial};
use anzen_app::{App, Caller};
use anzen_domain::controls::ApplicabilityInput;
use anzen_domain::ids::{OfferingId, OrgId, RiskId};

/// Statements written at a time: more barely helps (SQLite serialises the writes) and keeps
/// readers busy enough to starve the WAL's checkpoints (the WAL grew to 65 MB for 4,000
/// statements with 8).
const WORKERS: usize = 4;

const AREAS: [(&str, &str, &str); 6] = [
    (
        "アクセス管理",
        "利用者ごとに権限を付与し、退職・異動時は当日中に削除する",
        "アカウント棚卸し記録（四半期）",
    ),
    (
        "ログ監視",
        "操作ログを一元的に収集し、異常なアクセスを日次で確認する",
        "ログ監視手順書と日次点検記録",
    ),
    (
        "バックアップ",
        "日次で暗号化バックアップを取得し、遠隔地に保管する",
        "バックアップ取得記録と復元テスト報告書",
    ),
    (
        "脆弱性対策",
        "月次でパッチを適用し、重大な脆弱性は72時間以内に対処する",
        "パッチ適用台帳と脆弱性診断報告書",
    ),
    (
        "委託先管理",
        "再委託先を含め年1回の監査を実施する",
        "委託先監査報告書",
    ),
    (
        "教育・訓練",
        "全従業者に年2回の情報セキュリティ研修を実施する",
        "研修受講記録",
    ),
];

/// One statement to write.
struct Job {
    offering: OfferingId,
    input: StatementInput,
}

/// The texts of the statement on the `n`-th control of the `k`-th offering: mostly adopted.
fn applicability(n: usize, k: usize) -> ApplicabilityInput {
    let (area, how, evidence) = AREAS[n % AREAS.len()];
    let text = |s: String| Some(s);
    match (n + k) % 20 {
        3 | 11 => ApplicabilityInput {
            status: text("not_applicable".into()),
            why: text(format!(
                "本サービスは{area}の対象となる設備・業務を持たないため適用外とする（No.{n}）"
            )),
            ..Default::default()
        },
        7 => ApplicabilityInput {
            status: text("planned".into()),
            what: text(format!("{area}の手順を整備し、{how}")),
            by: text(format!("2027-{:02}-{:02}", 1 + n % 12, 1 + n % 28)),
            ..Default::default()
        },
        15 => ApplicabilityInput {
            status: text("alternative".into()),
            what: text(format!("{area}はクラウド事業者の管理機能で代替する")),
            why_equivalent: text("第三者認証（ISMAP）で同等の管理が確認されている".into()),
            ..Default::default()
        },
        _ => ApplicabilityInput {
            status: text("adopted".into()),
            how: text(format!("{how}（{area}、管理番号 {n:04}）")),
            evidence: text(evidence.into()),
            ..Default::default()
        },
    }
}

/// Adds `count` controls of the provider, the `first`-th control and on (after the built-in
/// Appendix 2); returns their keys.
async fn provider_controls(
    app: &App,
    caller: &Caller,
    first: usize,
    count: usize,
) -> anyhow::Result<Vec<String>> {
    let mut keys = Vec::with_capacity(count);
    for i in 0..count {
        let (area, how, _) = AREAS[(first + i) % AREAS.len()];
        let c = app
            .add_provider_control(
                caller,
                &format!("BENCH-{i:04}"),
                &format!("{area}の独自管理策 {i:04}"),
                &format!("{how}。当社の情報セキュリティ方針に基づく独自の管理策。"),
            )
            .await
            .with_context(|| format!("provider control {i}"))?;
        keys.push(c.key);
    }
    Ok(keys)
}

/// Writes a statement on `controls` controls for every offering; `risks[k]` are the risks of
/// `offerings[k]`. Returns the number of statements written.
pub async fn seed(
    app: &App,
    provider: OrgId,
    offerings: &[OfferingId],
    risks: &[Vec<RiskId>],
    controls: usize,
) -> anyhow::Result<usize> {
    // A provider's member would write them; the operator acting for the provider does the same.
    let caller = Caller::Operator {
        name: "bench".into(),
        org: Some(provider),
    };
    let builtin = builtin_partial()?;
    let mut subjects: Vec<(&str, String, String)> = builtin
        .items
        .iter()
        .take(controls)
        .map(|i| ("appendix2", builtin.meta.version.clone(), i.key.clone()))
        .collect();
    let extra = controls.saturating_sub(subjects.len());
    for key in provider_controls(app, &caller, subjects.len(), extra).await? {
        subjects.push(("provider", String::new(), key));
    }

    let mut jobs = Vec::with_capacity(offerings.len() * subjects.len());
    for (k, offering) in offerings.iter().enumerate() {
        let own = risks.get(k).map(Vec::as_slice).unwrap_or_default();
        for (n, (kind, version, key)) in subjects.iter().enumerate() {
            let applicability = applicability(n, k);
            // One in ten rests on two risks of the offering (one when it has only one).
            let linked: Vec<RiskId> = if n % 10 == 0 && !own.is_empty() {
                let first = (n / 10) % own.len();
                own.iter()
                    .cycle()
                    .skip(first)
                    .take(own.len().min(2))
                    .copied()
                    .collect()
            } else {
                Vec::new()
            };
            jobs.push(Job {
                offering: *offering,
                input: StatementInput {
                    kind: (*kind).into(),
                    catalogue_version: version.clone(),
                    key: key.clone(),
                    applicability,
                    risks: linked.iter().map(ToString::to_string).collect(),
                    revision: Some(0),
                },
            });
        }
    }

    let total = jobs.len();
    let jobs = Arc::new(jobs);
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..WORKERS {
        let (app, caller, jobs, next) = (app.clone(), caller.clone(), jobs.clone(), next.clone());
        workers.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else {
                    return anyhow::Ok(());
                };
                app.set_statement(&caller, job.offering, job.input.clone())
                    .await
                    .with_context(|| {
                        format!(
                            "statement on {} of offering {}",
                            job.input.key, job.offering
                        )
                    })?;
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done??;
    }
    Ok(total)
}
