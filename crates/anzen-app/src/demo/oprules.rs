//! The demo provider's 運用管理規程 (GL 5.1.6 (2), FAQ 6.1): version 1 drafted from its data,
//! issued and awaiting the hospital's agreement.

use anzen_domain::org::Organisation;

use crate::{App, AppError, Caller};

pub(super) async fn provider_rules(app: &App, provider: &Organisation) -> Result<(), AppError> {
    let as_provider = Caller::Operator {
        name: "demo".into(),
        org: Some(provider.id),
    };
    let (_, mut sections) = app.rules_draft(&as_provider, None).await?;
    for s in &mut sections {
        if s.key == "オ" {
            s.body = "患者の個人情報を含む記録媒体は原則として使用しない。障害解析等でやむを得ず使用する場合は、暗号化した媒体を台帳に記録し、施錠保管のうえ授受の記録を残し、使用後は消去証明とともに廃棄する。".into();
        }
        if s.key == "キ" {
            s.body = "患者等への説明と同意の取得は医療機関等が行う。当社は説明に必要な資料（サービスの概要、保存場所、委託先）を医療機関等に提供する。".into();
        }
    }
    app.issue_rules(&as_provider, None, None, sections).await?;
    Ok(())
}
