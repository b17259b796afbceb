//! The thread of a risk with its institutions: questions, declines and answers (GL 5.1.6 (1)).

use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Row, Transaction};

use anzen_app::StoreError;
use anzen_domain::ids::{OrgId, RiskId};
use anzen_domain::risk::{EntryKind, ThreadEntry};

use crate::codec::{bad_code, id_from_db, text, ts_from_db, ts_to_db};
use crate::other;

pub(crate) fn entry_row(r: &AnyRow) -> Result<ThreadEntry, StoreError> {
    let kind = text(r, "kind")?;
    let reply: Option<String> = r.try_get("in_reply_to").map_err(other)?;
    Ok(ThreadEntry {
        id: id_from_db(&text(r, "id")?)?,
        risk: id_from_db(&text(r, "risk_id")?)?,
        institution: id_from_db(&text(r, "institution_id")?)?,
        kind: EntryKind::from_code(&kind).ok_or_else(|| bad_code("risk_thread.kind", &kind))?,
        text: text(r, "body")?,
        in_reply_to: reply.as_deref().map(id_from_db).transpose()?,
        digest: text(r, "digest")?,
        user: id_from_db(&text(r, "user_id")?)?,
        user_name: text(r, "user_name")?,
        at: ts_from_db(&text(r, "at")?)?,
    })
}

/// Every entry of a risk's thread, oldest first.
pub(crate) async fn thread(
    conn: &mut AnyConnection,
    risk: RiskId,
) -> Result<Vec<ThreadEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, risk_id, institution_id, kind, body, in_reply_to, digest, user_id, user_name, at \
         FROM risk_thread WHERE risk_id = $1 ORDER BY at, id",
    )
    .bind(risk.to_string())
    .fetch_all(conn)
    .await
    .map_err(other)?;
    rows.iter().map(entry_row).collect()
}

pub(crate) async fn insert_entry(
    tx: &mut Transaction<'static, Any>,
    owner: OrgId,
    e: &ThreadEntry,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO risk_thread (org_id, id, risk_id, institution_id, kind, body, in_reply_to, digest, user_id, user_name, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(owner.to_string())
    .bind(e.id.to_string())
    .bind(e.risk.to_string())
    .bind(e.institution.to_string())
    .bind(e.kind.code())
    .bind(e.text.as_str())
    .bind(e.in_reply_to.map(|i| i.to_string()))
    .bind(e.digest.as_str())
    .bind(e.user.to_string())
    .bind(e.user_name.as_str())
    .bind(ts_to_db(e.at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}
