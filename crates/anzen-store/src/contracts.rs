//! Contracts.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::any::AnyRow;

use anzen_app::StoreError;
use anzen_app::ports::{ContractStore, Page};
use anzen_domain::contract::{Contract, ContractKind, ContractPeriod};
use anzen_domain::ids::OrgId;

use crate::codec::{bad_code, date_from_db, date_to_db, id_from_db, ts_from_db, ts_to_db};
use crate::{SqlStore, other};

macro_rules! select_contracts {
    ($($rest:literal)*) => {
        concat!(
            "SELECT id, org_id, institution_id, provider_id, offering_id, kind, starts_on, ends_on, \
             reference, created_at FROM contracts ",
            $($rest),*
        )
    };
}

fn row_to_contract(row: &AnyRow) -> Result<Contract, StoreError> {
    let get = |c: &str| row.try_get::<String, _>(c).map_err(other);
    let kind = get("kind")?;
    let ends_on: Option<String> = row.try_get("ends_on").map_err(other)?;
    let period = ContractPeriod::new(
        date_from_db(&get("starts_on")?)?,
        ends_on.as_deref().map(date_from_db).transpose()?,
    )
    .map_err(|e| StoreError::Other(e.to_string()))?;
    Ok(Contract {
        id: id_from_db(&get("id")?)?,
        owner: id_from_db(&get("org_id")?)?,
        institution: id_from_db(&get("institution_id")?)?,
        provider: id_from_db(&get("provider_id")?)?,
        offering: id_from_db(&get("offering_id")?)?,
        kind: ContractKind::from_code(&kind).ok_or_else(|| bad_code("contracts.kind", &kind))?,
        period,
        reference: row.try_get("reference").map_err(other)?,
        created_at: ts_from_db(&get("created_at")?)?,
    })
}

#[async_trait]
impl ContractStore for SqlStore {
    async fn insert_contract(&self, c: &Contract) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO contracts (id, org_id, institution_id, provider_id, offering_id, kind, \
             starts_on, ends_on, reference, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(c.id.to_string())
        .bind(c.owner.to_string())
        .bind(c.institution.to_string())
        .bind(c.provider.to_string())
        .bind(c.offering.to_string())
        .bind(c.kind.code())
        .bind(date_to_db(c.period.starts_on()))
        .bind(c.period.ends_on().map(date_to_db))
        .bind(c.reference.as_deref())
        .bind(ts_to_db(c.created_at))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        tx.commit().await.map_err(other)
    }

    async fn list_contracts(
        &self,
        owner: Option<OrgId>,
        page: Page,
    ) -> Result<Vec<Contract>, StoreError> {
        let rows = match owner {
            None => {
                sqlx::query(select_contracts!(
                    "ORDER BY starts_on, id LIMIT $1 OFFSET $2"
                ))
                .bind(page.limit)
                .bind(page.offset)
                .fetch_all(self.pool())
                .await
            }
            Some(owner) => {
                sqlx::query(select_contracts!(
                    "WHERE org_id = $1 ORDER BY starts_on, id LIMIT $2 OFFSET $3"
                ))
                .bind(owner.to_string())
                .bind(page.limit)
                .bind(page.offset)
                .fetch_all(self.pool())
                .await
            }
        }
        .map_err(other)?;
        rows.iter().map(row_to_contract).collect()
    }
}
