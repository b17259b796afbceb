//! Supply links.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{Reach, SupplyReads};
use anzen_domain::ids::OfferingId;
use anzen_domain::supply::{ComponentCode, SupplyLink};

use crate::codec::{bad_code, id_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str = "SELECT l.id, l.org_id, l.offering_id, l.code, l.supplier_id, l.supplier_offering_id, l.selected_by, \
     l.contract_holder, l.visibility, l.description, l.created_at FROM supply_links l";

fn row_to_link(row: &AnyRow) -> Result<SupplyLink, StoreError> {
    let code = text(row, "code")?;
    let supplier_offering: Option<String> = row.try_get("supplier_offering_id").map_err(other)?;
    Ok(SupplyLink {
        id: id_from_db(&text(row, "id")?)?,
        owner: id_from_db(&text(row, "org_id")?)?,
        offering: id_from_db(&text(row, "offering_id")?)?,
        code: ComponentCode::from_code(&code)
            .ok_or_else(|| bad_code("supply_links.code", &code))?,
        supplier: id_from_db(&text(row, "supplier_id")?)?,
        supplier_offering: supplier_offering.as_deref().map(id_from_db).transpose()?,
        selected_by: id_from_db(&text(row, "selected_by")?)?,
        contract_holder: id_from_db(&text(row, "contract_holder")?)?,
        visibility: {
            let v = text(row, "visibility")?;
            anzen_domain::chain::Visibility::from_code(&v)
                .ok_or_else(|| bad_code("supply_links.visibility", &v))?
        },
        description: row.try_get("description").map_err(other)?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
    })
}

fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            s.push(" WHERE l.org_id = ").text(org.to_string());
        }
        Reach::AsInstitution(inst) => {
            s.push(" WHERE l.offering_id IN (SELECT c.offering_id FROM contracts c WHERE c.institution_id = ")
                .text(inst.to_string())
                .push(")");
        }
        Reach::AsSupplier(sup) => {
            s.push(" WHERE l.supplier_id = ").text(sup.to_string());
        }
    }
    true
}

#[async_trait]
impl<S: Source> SupplyReads for Sql<S> {
    async fn list_supply_links(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
    ) -> Result<Vec<SupplyLink>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        if let Some(o) = offering {
            s.push(" AND l.offering_id = ").text(o.to_string());
        }
        s.push(" ORDER BY l.offering_id, l.code, l.id");
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        rows.iter().map(row_to_link).collect()
    }
}

pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    l: &SupplyLink,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO supply_links (id, org_id, offering_id, layer, code, supplier_id, \
         supplier_offering_id, selected_by, contract_holder, description, created_at, visibility) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(l.id.to_string())
    .bind(l.owner.to_string())
    .bind(l.offering.to_string())
    .bind(l.code.layer().code())
    .bind(l.code.code())
    .bind(l.supplier.to_string())
    .bind(l.supplier_offering.map(|id| id.to_string()))
    .bind(l.selected_by.to_string())
    .bind(l.contract_holder.to_string())
    .bind(l.description.as_deref())
    .bind(ts_to_db(l.created_at))
    .bind(l.visibility.code())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}
