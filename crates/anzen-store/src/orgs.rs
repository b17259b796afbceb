//! Organisations.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{Listed, OrgReads, Page, Reach};
use anzen_domain::ids::OrgId;
use anzen_domain::org::{InstitutionKind, OrgKind, OrgType, Organisation};
use anzen_domain::text::Name;

use crate::codec::{bad_code, id_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str =
    "SELECT id, kind, institution_kind, name, registered_by, created_at FROM organisations o";
const COUNT: &str = "SELECT COUNT(*) FROM organisations o";

fn row_to_org(row: &AnyRow) -> Result<Organisation, StoreError> {
    let kind = text(row, "kind")?;
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
    let registered_by: Option<String> = row.try_get("registered_by").map_err(other)?;
    Ok(Organisation {
        id: id_from_db(&text(row, "id")?)?,
        org_type,
        name: Name::parse("name", &text(row, "name")?)
            .map_err(|e| StoreError::Other(e.to_string()))?,
        registered_by: registered_by.as_deref().map(id_from_db).transpose()?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
    })
}

/// Restricts `o` (organisations) to the reach; false when nothing is reachable.
pub(crate) fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            // Itself, those it registered, and its counterparties: the institutions that
            // contract its offerings and the suppliers of its components.
            let o = org.to_string();
            s.push(" WHERE (o.id = ")
                .text(o.clone())
                .push(" OR o.registered_by = ")
                .text(o.clone());
            s.push(" OR o.id IN (SELECT c.institution_id FROM contracts c WHERE c.provider_id = ")
                .text(o.clone())
                .push(")");
            s.push(" OR o.id IN (SELECT l.supplier_id FROM supply_links l WHERE l.org_id = ")
                .text(o)
                .push("))");
        }
        Reach::AsInstitution(inst) => {
            let i = inst.to_string();
            s.push(" WHERE (o.id = ").text(i.clone());
            s.push(" OR o.id IN (SELECT c.provider_id FROM contracts c WHERE c.institution_id = ")
                .text(i.clone())
                .push(")");
            s.push(" OR o.id IN (SELECT l.supplier_id FROM supply_links l JOIN contracts c ON c.offering_id = l.offering_id WHERE c.institution_id = ")
                .text(i)
                .push("))");
        }
        Reach::AsSupplier(sup) => {
            let i = sup.to_string();
            s.push(" WHERE (o.id = ").text(i.clone());
            s.push(" OR o.id IN (SELECT l.org_id FROM supply_links l WHERE l.supplier_id = ")
                .text(i)
                .push("))");
        }
    }
    true
}

#[async_trait]
impl<S: Source> OrgReads for Sql<S> {
    async fn organisation(&self, reach: Reach, id: OrgId) -> Result<Organisation, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND o.id = ").text(id.to_string());
        let row = s
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .ok_or(StoreError::NotFound)?;
        row_to_org(&row)
    }

    async fn list_organisations(
        &self,
        reach: Reach,
        page: Page,
    ) -> Result<Listed<Organisation>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        let mut c = Stmt::new(COUNT);
        if !reach_filter(&mut s, reach) || !reach_filter(&mut c, reach) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        s.push(" ORDER BY o.name, o.id").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_org).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    async fn org_names(
        &self,
        reach: Reach,
        ids: &[OrgId],
    ) -> Result<Vec<(OrgId, String)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut s = Stmt::new("SELECT o.id, o.name FROM organisations o");
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        s.push(" AND o.id IN (");
        for (i, id) in ids.iter().enumerate() {
            if i > 0 {
                s.push(", ");
            }
            s.text(id.to_string());
        }
        s.push(")");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(|r| Ok((id_from_db(&text(r, "id")?)?, text(r, "name")?)))
            .collect()
    }
}

pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    org: &Organisation,
) -> Result<(), StoreError> {
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
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn set_requires_mfa(
    tx: &mut Transaction<'static, Any>,
    org: OrgId,
    required: bool,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE organisations SET requires_mfa = $1 WHERE id = $2")
        .bind(i64::from(required))
        .bind(org.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
