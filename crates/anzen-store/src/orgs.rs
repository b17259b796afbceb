//! Organisations.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::any::AnyRow;

use anzen_app::StoreError;
use anzen_app::ports::{OrgStore, Page};
use anzen_domain::ids::OrgId;
use anzen_domain::org::{InstitutionKind, OrgKind, OrgType, Organisation};
use anzen_domain::text::Name;

use crate::codec::{bad_code, id_from_db, ts_from_db, ts_to_db};
use crate::{SqlStore, other};

macro_rules! select_orgs {
    ($($rest:literal)*) => {
        concat!("SELECT id, kind, institution_kind, name, registered_by, created_at FROM organisations ", $($rest),*)
    };
}

fn row_to_org(row: &AnyRow) -> Result<Organisation, StoreError> {
    let kind: String = row.try_get("kind").map_err(other)?;
    let kind = OrgKind::from_code(&kind).ok_or_else(|| bad_code("organisations.kind", &kind))?;
    let ik: Option<String> = row.try_get("institution_kind").map_err(other)?;
    let ik = match ik {
        Some(code) => Some(
            InstitutionKind::from_code(&code)
                .ok_or_else(|| bad_code("organisations.institution_kind", &code))?,
        ),
        None => None,
    };
    let org_type = OrgType::new(kind, ik).map_err(|e| StoreError::Other(e.to_string()))?;
    let name: String = row.try_get("name").map_err(other)?;
    let registered_by: Option<String> = row.try_get("registered_by").map_err(other)?;
    Ok(Organisation {
        id: id_from_db(&row.try_get::<String, _>("id").map_err(other)?)?,
        org_type,
        name: Name::parse("name", &name).map_err(|e| StoreError::Other(e.to_string()))?,
        registered_by: registered_by.as_deref().map(id_from_db).transpose()?,
        created_at: ts_from_db(&row.try_get::<String, _>("created_at").map_err(other)?)?,
    })
}

#[async_trait]
impl OrgStore for SqlStore {
    async fn insert_organisation(&self, org: &Organisation) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO organisations (id, kind, institution_kind, name, registered_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(org.id.to_string())
        .bind(org.org_type.kind().code())
        .bind(org.org_type.institution_kind().map(|k| k.code()))
        .bind(org.name.as_str())
        .bind(org.registered_by.map(|id| id.to_string()))
        .bind(ts_to_db(org.created_at))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        tx.commit().await.map_err(other)
    }

    async fn organisation(
        &self,
        scope: Option<OrgId>,
        id: OrgId,
    ) -> Result<Organisation, StoreError> {
        let row = match scope {
            None => {
                sqlx::query(select_orgs!("WHERE id = $1"))
                    .bind(id.to_string())
                    .fetch_one(self.pool())
                    .await
            }
            Some(scope) => {
                sqlx::query(select_orgs!(
                    "WHERE id = $1 AND (id = $2 OR registered_by = $2)"
                ))
                .bind(id.to_string())
                .bind(scope.to_string())
                .fetch_one(self.pool())
                .await
            }
        }
        .map_err(other)?;
        row_to_org(&row)
    }

    async fn list_organisations(
        &self,
        scope: Option<OrgId>,
        page: Page,
    ) -> Result<Vec<Organisation>, StoreError> {
        let rows = match scope {
            None => {
                sqlx::query(select_orgs!("ORDER BY name, id LIMIT $1 OFFSET $2"))
                    .bind(page.limit)
                    .bind(page.offset)
                    .fetch_all(self.pool())
                    .await
            }
            Some(scope) => {
                sqlx::query(select_orgs!(
                    "WHERE id = $1 OR registered_by = $1 ORDER BY name, id LIMIT $2 OFFSET $3"
                ))
                .bind(scope.to_string())
                .bind(page.limit)
                .bind(page.offset)
                .fetch_all(self.pool())
                .await
            }
        }
        .map_err(other)?;
        rows.iter().map(row_to_org).collect()
    }
}
