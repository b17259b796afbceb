//! The 運用管理規程 register: versions and the institutions' responses.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{RulesReads, StoredRules};
use anzen_domain::ids::OrgId;
use anzen_domain::oprules::{Response, ResponseKind};

use crate::codec::{bad_code, id_from_db, json_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;

macro_rules! columns {
    () => {
        "SELECT id, org_id, offering_key, version, content_json, digest, issued_by, issued_at \
         FROM operational_rules"
    };
}

fn row_to_rules(r: &AnyRow) -> Result<StoredRules, StoreError> {
    let offering = text(r, "offering_key")?;
    Ok(StoredRules {
        id: text(r, "id")?,
        org: id_from_db(&text(r, "org_id")?)?,
        offering: if offering.is_empty() {
            None
        } else {
            Some(id_from_db(&offering)?)
        },
        version: r.try_get("version").map_err(other)?,
        content: json_from_db("operational_rules.content_json", &text(r, "content_json")?)?,
        digest: text(r, "digest")?,
        issued_by: text(r, "issued_by")?,
        issued_at: ts_from_db(&text(r, "issued_at")?)?,
    })
}

fn row_to_response(r: &AnyRow) -> Result<Response, StoreError> {
    let kind = text(r, "kind")?;
    Ok(Response {
        id: text(r, "id")?,
        institution: id_from_db(&text(r, "institution_id")?)?,
        kind: ResponseKind::from_code(&kind)
            .ok_or_else(|| bad_code("operational_rules_responses.kind", &kind))?,
        text: text(r, "text")?,
        digest: text(r, "digest")?,
        user: id_from_db(&text(r, "user_id")?)?,
        user_name: text(r, "user_name")?,
        at: ts_from_db(&text(r, "at")?)?,
    })
}

#[async_trait]
impl<S: Source> RulesReads for Sql<S> {
    async fn rules_of(&self, org: OrgId) -> Result<Vec<StoredRules>, StoreError> {
        let rows = sqlx::query(concat!(
            columns!(),
            " WHERE org_id = $1 ORDER BY issued_at DESC, version DESC"
        ))
        .bind(org.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(row_to_rules).collect()
    }

    async fn rules_by_id(&self, id: &str) -> Result<Option<StoredRules>, StoreError> {
        let row = sqlx::query(concat!(columns!(), " WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await
            .map_err(other)?;
        row.as_ref().map(row_to_rules).transpose()
    }

    async fn rules_responses(&self, rules: &str) -> Result<Vec<Response>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, institution_id, kind, text, digest, user_id, user_name, at \
             FROM operational_rules_responses WHERE rules_id = $1 ORDER BY at, id",
        )
        .bind(rules)
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(row_to_response).collect()
    }
}

pub(crate) async fn insert_rules(
    tx: &mut Transaction<'static, Any>,
    r: &StoredRules,
) -> Result<(), StoreError> {
    let content =
        serde_json::to_string(&r.content).map_err(|e| StoreError::Other(e.to_string()))?;
    sqlx::query(
        "INSERT INTO operational_rules (id, org_id, offering_key, version, content_json, digest, \
         issued_by, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(r.id.as_str())
    .bind(r.org.to_string())
    .bind(r.offering.map(|o| o.to_string()).unwrap_or_default())
    .bind(r.version)
    .bind(content)
    .bind(r.digest.as_str())
    .bind(r.issued_by.as_str())
    .bind(ts_to_db(r.issued_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_response(
    tx: &mut Transaction<'static, Any>,
    rules: &StoredRules,
    x: &Response,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO operational_rules_responses (id, rules_id, org_id, institution_id, kind, \
         text, digest, user_id, user_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(x.id.as_str())
    .bind(rules.id.as_str())
    .bind(rules.org.to_string())
    .bind(x.institution.to_string())
    .bind(x.kind.code())
    .bind(x.text.as_str())
    .bind(x.digest.as_str())
    .bind(x.user.to_string())
    .bind(x.user_name.as_str())
    .bind(ts_to_db(x.at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}
