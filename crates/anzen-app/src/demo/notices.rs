//! Change notices in the demo (FAQ 2.1 R5): the cloud EHR's provider announces a change of its
//! offering, which the hospital has acknowledged, and the IaaS partner announces a change of its
//! own organisation, which waits for the provider's acknowledgement. Every text says it is demo
//! data.

use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;

use crate::{App, AppError, Caller};

pub(super) async fn change_notices(
    app: &App,
    provider: &Organisation,
    partner: &Organisation,
    hospital: &Organisation,
    ehr: &Offering,
) -> Result<(), AppError> {
    let as_org = |org: &Organisation| Caller::Operator {
        name: "demo".into(),
        org: Some(org.id),
    };
    let (notice, _) = app
        .announce_change(
            &as_org(provider),
            "offering",
            &ehr.id.to_string(),
            "2027年2月から、バックアップの保管先に大阪リージョンを追加します。\
             保存場所はいずれも国内です（デモ）。",
        )
        .await?;
    app.acknowledge_notification(&as_org(hospital), &notice.id)
        .await?;
    app.announce_change(
        &as_org(partner),
        "organisation",
        "",
        "東京リージョンの監視センターを2027年4月に移転します。\
         サービスの提供内容と保存場所に変更はありません（デモ）。",
    )
    .await?;
    Ok(())
}
