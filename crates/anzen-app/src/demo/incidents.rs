//! A realistic past incident in the demo (GL 3.2 危機管理対応時): the care-records cloud was
//! unavailable for a morning after a certificate expired; the provider reported it to the care
//! provider, restored the service, found the cause and proposed prevention measures, which
//! await the care provider's answer. Every text says it is demo data.

use anzen_domain::incident::{IncidentInput, UpdateInput};
use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;
use jiff::SignedDuration;

use crate::{App, AppError, Caller};

/// Records the incident of `offering` affecting `institution`, three weeks before now, with
/// its actions, cause and prevention measures.
pub(super) async fn care_records_outage(
    app: &App,
    caller: &Caller,
    offering: &Offering,
    institution: &Organisation,
) -> Result<(), AppError> {
    let occurred = app.now() - SignedDuration::from_hours(21 * 24);
    let detected = occurred + SignedDuration::from_mins(25);
    let recorded = app
        .record_incident(
            caller,
            offering.id,
            IncidentInput {
                title: "介護記録クラウドの接続障害（デモ）".into(),
                description:
                    "サーバ証明書の有効期限切れにより、介護記録クラウドに約3時間接続できなかった。\
                              記録の消失・改ざん・漏えいはない（デモ）。"
                        .into(),
                occurred_at: occurred.to_string(),
                detected_at: detected.to_string(),
                availability: true,
                affected: vec![institution.id.to_string()],
                actions:
                    "証明書を更新してサービスを復旧し、障害中の紙記録の入力手順を案内した（デモ）。"
                        .into(),
                ..Default::default()
            },
        )
        .await?;
    app.update_incident(
        caller,
        recorded.incident.id,
        recorded.incident.revision,
        UpdateInput {
            actions:
                "証明書を更新してサービスを復旧し、障害中の紙記録の入力手順を案内した（デモ）。"
                    .into(),
            cause: "証明書の更新が担当者の手作業で、期限の監視がなかった（デモ）。".into(),
            prevention: "証明書を自動更新にし、期限30日前からの監視と警告を設ける。\
                         障害時の連絡手順を運用管理規程に追記する（デモ）。"
                .into(),
        },
    )
    .await?;
    Ok(())
}
