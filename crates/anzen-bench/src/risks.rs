//! `anzen-bench seed-risks`: offerings of one provider, each with a component and an
//! information flow, and risks identified on them (GL 5.1.1), analysed on the default matrix
//! (GL 5.1.2) and, for most, treated by reduction with a residual assessment (GL 5.1.4,
//! 5.1.5), all through the use-cases so every row is valid and audited.

use anzen_app::offerings::OfferingInput;
use anzen_app::risks::{ComponentInput, FlowInput, MeasureInput, RiskInput, TreatmentInput};
use anzen_app::{App, Caller};
use anzen_domain::ids::{OrgId, RiskId};
use anzen_domain::offering::Offering;

use crate::profile;

const THREATS: [(&str, &str); 6] = [
    ("端末パスワードの漏えい", "4桁の数字のみのパスワード"),
    ("バックアップ媒体の紛失", "媒体の暗号化なし"),
    ("委託先からの不正アクセス", "保守回線のアクセス制御不備"),
    ("ランサムウェア感染", "パッチ適用の遅れ"),
    ("誤送信による漏えい", "宛先確認手順なし"),
    ("データセンター停電", "冗長電源の未整備"),
];

/// Adds `offerings` offerings with `risks` risks spread over them, and treats three in four.
/// Returns the offerings and the ids of the risks of each, in the same order.
pub async fn seed(
    app: &App,
    op: &Caller,
    provider: OrgId,
    offerings: usize,
    risks: usize,
) -> anyhow::Result<(Vec<Offering>, Vec<Vec<RiskId>>)> {
    let mut made = Vec::new();
    let mut flows = Vec::new();
    let mut ids = vec![Vec::new(); offerings];
    for i in 0..offerings {
        let p = profile(i * 6);
        let o = app
            .add_offering(
                op,
                OfferingInput {
                    provider: provider.to_string(),
                    name: format!("リスク評価対象 {i:03}"),
                    description: String::new(),
                    profile: p,
                },
            )
            .await?;
        let c = app
            .add_component(
                op,
                o.id,
                ComponentInput {
                    name: format!("電子カルテ基盤 {i:03}"),
                    kind: "server".into(),
                    environment: "production".into(),
                    location: "東京リージョン".into(),
                    country: Some("JP".into()),
                    holds_medical_info: Some(true),
                },
            )
            .await?;
        let f = app
            .add_flow(
                op,
                o.id,
                FlowInput {
                    who: "医師".into(),
                    place: "診察室".into(),
                    device_or_medium: "院内端末".into(),
                    what: "診療録".into(),
                    how: "閲覧・記載".into(),
                    class: "patient_personal_information".into(),
                    environment: "production".into(),
                    components: vec![c.id.to_string()],
                },
            )
            .await?;
        flows.push(f.id);
        made.push(o);
    }
    for i in 0..risks {
        let k = i % made.len();
        let (threat, vulnerability) = THREATS[i % THREATS.len()];
        let impact = 1 + (i * 7 / 3) % 5;
        let likelihood = 1 + (i * 3 / 2) % 5;
        let risk = app
            .add_risk(
                op,
                RiskInput {
                    offering: made[k].id.to_string(),
                    flow: flows[k].to_string(),
                    title: format!("{threat} #{i:05}"),
                    threat: threat.into(),
                    vulnerability: vulnerability.into(),
                    confidentiality: true,
                    integrity: i % 2 == 0,
                    availability: i % 3 == 0,
                    impact: impact.to_string(),
                    likelihood: likelihood.to_string(),
                },
            )
            .await?;
        ids[k].push(risk.id);
        if i % 4 != 3 {
            app.decide_treatment(
                op,
                risk.id,
                None,
                TreatmentInput {
                    option: "reduce".into(),
                    // Level S needs several measures (GL 5.1.3 表5-2).
                    measures: vec![
                        MeasureInput {
                            description: "12文字以上のパスワード".into(),
                            owner: "provider".into(),
                            ..MeasureInput::default()
                        },
                        MeasureInput {
                            description: "多要素認証".into(),
                            owner: "provider".into(),
                            ..MeasureInput::default()
                        },
                    ],
                    rationale: "低減策で許容水準まで下げる".into(),
                    options_considered: "回避・移転・受容を比較".into(),
                    residual_impact: impact.div_ceil(2).to_string(),
                    residual_likelihood: "1".into(),
                    explanation: String::new(),
                },
            )
            .await?;
        }
    }
    Ok((made, ids))
}
