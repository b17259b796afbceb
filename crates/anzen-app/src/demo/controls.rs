//! The cloud EHR's statement of applicability in the demo (FAQ 5.3, 7): Appendix 2 items of
//! the built-in partial list adopted, one met by an alternative measure, one planned, a
//! control of the provider's own, and one chapter 6 regulatory requirement met; the other
//! requirements have no statement yet, so the dashboard shows them as unmet (FAQ 7). Every
//! text says it is demo data.

use anzen_domain::controls::ApplicabilityInput;
use anzen_domain::offering::Offering;
use anzen_domain::risk::Risk;

use crate::controls::StatementInput;
use crate::{App, AppError, Caller};

fn adopted(how: &str, evidence: &str) -> ApplicabilityInput {
    ApplicabilityInput {
        status: Some("adopted".into()),
        how: Some(format!("{how}（デモ）")),
        evidence: Some(format!("{evidence}（デモ）")),
        ..Default::default()
    }
}

/// Seeds the statements; returns how many.
pub(super) async fn ehr_statements(
    app: &App,
    ehr: &Offering,
    risks: &[Risk],
) -> Result<usize, AppError> {
    let appendix2_version = crate::controls::builtin_partial()?.meta.version.clone();
    let as_provider = Caller::Operator {
        name: "demo".into(),
        org: Some(ehr.provider),
    };
    app.add_provider_control(
        &as_provider,
        "SAKURA-MFA-01",
        "管理者操作の多要素認証",
        "本番環境の管理者操作に多要素認証（TOTP）を必須とする。FAQ 5.2 の例（多要素認証）を受けた独自対策（デモ）",
    )
    .await?;
    // The open risk on maintenance access (unauthorised copying of production data).
    let maintenance_risk = risks.last().map(|r| r.id.to_string());
    let statements: Vec<(&str, &str, ApplicabilityInput, Vec<String>)> = vec![
        (
            "appendix2",
            "1.1/①-1",
            adopted(
                "アクセス制限・記録・点検を定めたアクセス管理規程を制定し、医療機関等の求めに応じて提示している",
                "アクセス管理規程 第2版（2026年4月改定）",
            ),
            maintenance_risk.into_iter().collect(),
        ),
        (
            "appendix2",
            "1.9/①-3",
            adopted(
                "再委託契約（かえでシステム開発）に守秘義務条項を置いている",
                "再委託契約書 第12条",
            ),
            vec![],
        ),
        (
            "appendix2",
            "3.5/①-1",
            adopted(
                "全サーバ・保守端末に不正プログラム対策ソフトを導入し、定義ファイルを自動更新している",
                "資産台帳と週次の更新状況レポート",
            ),
            vec![],
        ),
        (
            "appendix2",
            "2.3/①-1",
            ApplicabilityInput {
                status: Some("alternative".into()),
                what: Some(
                    "自社の専有区画は持たず、IaaS事業者（ひのきクラウド基盤）のデータセンターの監視カメラ・侵入検知を第三者認証の報告書で確認している（デモ）"
                        .into(),
                ),
                why_equivalent: Some(
                    "物理区画は IaaS 事業者の管理下にあり、同等の対策を報告書で確認することが本項目の趣旨に合うため（FAQ 5.3-R7、デモ）"
                        .into(),
                ),
                ..Default::default()
            },
            vec![],
        ),
        (
            "appendix2",
            "3.19/①-1",
            ApplicabilityInput {
                status: Some("planned".into()),
                what: Some("アプリケーションサーバを2つの可用性ゾーンに冗長化する（デモ）".into()),
                by: Some("2027-03-31".into()),
                ..Default::default()
            },
            vec![],
        ),
        (
            "provider",
            "SAKURA-MFA-01",
            adopted("全管理者アカウントに TOTP を必須化した", "認証設定の画面記録"),
            vec![],
        ),
        (
            "regulatory",
            "6.1-domestic-law",
            adopted(
                "診療録等は国内リージョン（東京・大阪）のみに保存し、契約で国内法の適用を定めている",
                "IaaS 利用契約 第5条、構成図",
            ),
            vec![],
        ),
    ];
    let n = statements.len();
    for (kind, key, applicability, risks) in statements {
        app.set_statement(
            &as_provider,
            ehr.id,
            StatementInput {
                kind: kind.into(),
                catalogue_version: if kind == "appendix2" {
                    appendix2_version.clone()
                } else {
                    String::new()
                },
                key: key.into(),
                applicability,
                risks,
                revision: None,
            },
        )
        .await?;
    }
    Ok(n)
}
