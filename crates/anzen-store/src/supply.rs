//! Supply links.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::any::AnyRow;

use anzen_app::StoreError;
use anzen_app::ports::SupplyStore;
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::supply::{ComponentCode, SupplyLink};

use crate::codec::{bad_code, id_from_db, ts_from_db, ts_to_db};
use crate::{SqlStore, other};

macro_rules! select_links {
    ($($rest:literal)*) => {
        concat!(
            "SELECT id, org_id, offering_id, code, supplier_id, supplier_offering_id, selected_by, \
             contract_holder, description, created_at FROM supply_links ",
            $($rest),*
        )
    };
}

fn row_to_link(row: &AnyRow) -> Result<SupplyLink, StoreError> {
    let get = |c: &str| row.try_get::<String, _>(c).map_err(other);
    let code = get("code")?;
    let supplier_offering: Option<String> = row.try_get("supplier_offering_id").map_err(other)?;
    Ok(SupplyLink {
        id: id_from_db(&get("id")?)?,
        owner: id_from_db(&get("org_id")?)?,
        offering: id_from_db(&get("offering_id")?)?,
        code: ComponentCode::from_code(&code)
            .ok_or_else(|| bad_code("supply_links.code", &code))?,
        supplier: id_from_db(&get("supplier_id")?)?,
        supplier_offering: supplier_offering.as_deref().map(id_from_db).transpose()?,
        selected_by: id_from_db(&get("selected_by")?)?,
        contract_holder: id_from_db(&get("contract_holder")?)?,
        description: row.try_get("description").map_err(other)?,
        created_at: ts_from_db(&get("created_at")?)?,
    })
}

#[async_trait]
impl SupplyStore for SqlStore {
    async fn insert_supply_link(&self, l: &SupplyLink) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO supply_links (id, org_id, offering_id, layer, code, supplier_id, \
             supplier_offering_id, selected_by, contract_holder, description, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
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
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        tx.commit().await.map_err(other)
    }

    async fn list_supply_links(
        &self,
        owner: Option<OrgId>,
        offering: Option<OfferingId>,
    ) -> Result<Vec<SupplyLink>, StoreError> {
        // Absent filters are bound as NULL so that one statement serves every combination.
        let rows = sqlx::query(select_links!(
            "WHERE ($1 IS NULL OR org_id = $1) AND ($2 IS NULL OR offering_id = $2) \
             ORDER BY offering_id, code, id"
        ))
        .bind(owner.map(|o| o.to_string()))
        .bind(offering.map(|o| o.to_string()))
        .fetch_all(self.pool())
        .await
        .map_err(other)?;
        rows.iter().map(row_to_link).collect()
    }
}
