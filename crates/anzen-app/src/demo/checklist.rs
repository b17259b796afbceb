//! The demo provider's answers to the MHLW checklist (事業者確認用) for the cloud EHR: a few
//! items answered by a person in the R7 fiscal year, the rest open; the 運用管理規程 item is
//! judged by anzen from the issued rules. Every evidence text says it is demo data.

use anzen_domain::checklist::AnswerInput;
use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;

use crate::{App, AppError, Caller};

pub(super) async fn ehr_answers(
    app: &App,
    provider: &Organisation,
    ehr: &Offering,
) -> Result<(), AppError> {
    let as_provider = Caller::Operator {
        name: "demo".into(),
        org: Some(provider.id),
    };
    let yes = |item: &str, on: &str, evidence: &str| AnswerInput {
        item: item.into(),
        reply: "yes".into(),
        checked_on: on.into(),
        target_on: None,
        evidence: format!("{evidence}（デモ）"),
    };
    app.save_checklist_answers(
        &as_provider,
        ehr.id,
        "R7",
        0,
        &[
            yes(
                "1-①",
                "2025-06-02",
                "情報セキュリティ管理規程 第4条で安全管理責任者を任命",
            ),
            yes(
                "2-④",
                "2025-06-02",
                "職種別のロール定義書と四半期ごとの権限棚卸し記録",
            ),
            yes("2-⑤", "2025-09-30", "退職者アカウントの月次削除記録"),
            yes(
                "2-⑦",
                "2025-06-02",
                "パスワードポリシー設定画面の記録（12文字以上・英数記号混在）",
            ),
        ],
    )
    .await?;
    Ok(())
}
