//! Reviews that follow change (GL 5.1.7): editing an information flow under its revision, and
//! the flow's content as a risk was assessed on it (kept at the first edit after the
//! assessment, forgotten at the risk's reassessment).

use sqlx::AnyConnection;
use sqlx::{Any, Transaction};

use anzen_app::StoreError;
use anzen_domain::ids::{OrgId, RiskId};
use anzen_domain::risk::{Component, InformationFlow};

use crate::codec::ts_to_db;
use crate::other;
use crate::risk::flow_row;

type Tx = Transaction<'static, Any>;

fn components_json(f: &InformationFlow) -> String {
    let components: Vec<String> = f.components.iter().map(ToString::to_string).collect();
    serde_json::to_string(&components).expect("strings serialise")
}

pub(crate) async fn update_flow(
    tx: &mut Tx,
    f: &InformationFlow,
    expected: i64,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE information_flows SET who = $1, place = $2, device_or_medium = $3, what = $4, how = $5, \
         class = $6, environment = $7, components_json = $8, revision = $9 \
         WHERE id = $10 AND offering_id = $11 AND revision = $12",
    )
    .bind(f.who.as_str())
    .bind(f.place.as_str())
    .bind(f.device_or_medium.as_str())
    .bind(f.what.as_str())
    .bind(f.how.as_str())
    .bind(f.class.code())
    .bind(f.environment.code())
    .bind(components_json(f))
    .bind(f.revision)
    .bind(f.id.to_string())
    .bind(f.offering.to_string())
    .bind(expected)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the information flow changed since revision {expected}; reload it and apply the change again"
        )));
    }
    Ok(())
}

pub(crate) async fn update_component(
    tx: &mut Tx,
    c: &Component,
    expected: i64,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE components SET name = $1, kind = $2, environment = $3, location = $4, revision = $5, \
         country = $6, holds_medical_info = $7 WHERE id = $8 AND offering_id = $9 AND revision = $10",
    )
    .bind(c.name.as_str())
    .bind(c.kind.code())
    .bind(c.environment.code())
    .bind(c.location.as_deref())
    .bind(c.revision)
    .bind(c.country.map(|k| k.code().to_owned()))
    .bind(i64::from(c.holds_medical_info))
    .bind(c.id.to_string())
    .bind(c.offering.to_string())
    .bind(expected)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the component changed since revision {expected}; reload it and apply the change again"
        )));
    }
    Ok(())
}

pub(crate) async fn keep_assessed_flow(
    tx: &mut Tx,
    owner: OrgId,
    risk: RiskId,
    f: &InformationFlow,
    now: jiff::Timestamp,
) -> Result<(), StoreError> {
    // The first content kept stays: the risk was assessed on it, not on a later edit.
    sqlx::query(
        "INSERT INTO risk_assessed_flows (risk_id, org_id, flow_id, flow_revision, who, place, device_or_medium, \
         what, how, class, environment, components_json, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (risk_id) DO NOTHING",
    )
    .bind(risk.to_string())
    .bind(owner.to_string())
    .bind(f.id.to_string())
    .bind(f.revision)
    .bind(f.who.as_str())
    .bind(f.place.as_str())
    .bind(f.device_or_medium.as_str())
    .bind(f.what.as_str())
    .bind(f.how.as_str())
    .bind(f.class.code())
    .bind(f.environment.code())
    .bind(components_json(f))
    .bind(ts_to_db(now))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn clear_assessed_flow(tx: &mut Tx, risk: RiskId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM risk_assessed_flows WHERE risk_id = $1")
        .bind(risk.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

pub(crate) async fn assessed_flow(
    conn: &mut AnyConnection,
    risk: RiskId,
) -> Result<Option<InformationFlow>, StoreError> {
    let row = sqlx::query(
        "SELECT k.flow_id AS id, f.offering_id, k.who, k.place, k.device_or_medium, k.what, k.how, k.class, \
         k.environment, k.components_json, k.flow_revision AS revision \
         FROM risk_assessed_flows k JOIN information_flows f ON f.id = k.flow_id WHERE k.risk_id = $1",
    )
    .bind(risk.to_string())
    .fetch_optional(conn)
    .await
    .map_err(other)?;
    row.as_ref().map(flow_row).transpose()
}
