//! Contracts.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{ContractQuery, ContractReads, Listed, Page, Reach};
use anzen_domain::contract::{Contract, ContractKind, ContractPeriod};

use crate::codec::{bad_code, date_from_db, date_to_db, id_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str = "SELECT c.id, c.org_id, c.institution_id, c.provider_id, c.offering_id, c.kind, c.starts_on, \
     c.ends_on, c.reference, c.created_at FROM contracts c";
const COUNT: &str = "SELECT COUNT(*) FROM contracts c";

fn row_to_contract(row: &AnyRow) -> Result<Contract, StoreError> {
    let kind = text(row, "kind")?;
    let ends_on: Option<String> = row.try_get("ends_on").map_err(other)?;
    let period = ContractPeriod::new(
        date_from_db(&text(row, "starts_on")?)?,
        ends_on.as_deref().map(date_from_db).transpose()?,
    )
    .map_err(|e| StoreError::Other(e.to_string()))?;
    Ok(Contract {
        id: id_from_db(&text(row, "id")?)?,
        owner: id_from_db(&text(row, "org_id")?)?,
        institution: id_from_db(&text(row, "institution_id")?)?,
        provider: id_from_db(&text(row, "provider_id")?)?,
        offering: id_from_db(&text(row, "offering_id")?)?,
        kind: ContractKind::from_code(&kind).ok_or_else(|| bad_code("contracts.kind", &kind))?,
        period,
        reference: row.try_get("reference").map_err(other)?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
    })
}

fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsSupplier(_) => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            s.push(" WHERE c.org_id = ").text(org.to_string());
        }
        Reach::AsInstitution(inst) => {
            s.push(" WHERE c.institution_id = ").text(inst.to_string());
        }
    }
    true
}

fn query_filter(s: &mut Stmt, q: &ContractQuery) {
    if let Some(o) = q.offering {
        s.push(" AND c.offering_id = ").text(o.to_string());
    }
    if let Some(i) = q.institution {
        s.push(" AND c.institution_id = ").text(i.to_string());
    }
    if let Some(from) = q.ends_from {
        s.push(" AND c.ends_on >= ").text(date_to_db(from));
    }
    if let Some(to) = q.ends_to {
        s.push(" AND c.ends_on <= ").text(date_to_db(to));
    }
}

#[async_trait]
impl<S: Source> ContractReads for Sql<S> {
    async fn list_contracts(
        &self,
        reach: Reach,
        query: &ContractQuery,
        page: Page,
    ) -> Result<Listed<Contract>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        let mut c = Stmt::new(COUNT);
        if !reach_filter(&mut s, reach) || !reach_filter(&mut c, reach) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        query_filter(&mut s, query);
        query_filter(&mut c, query);
        if query.by_end_date {
            s.push(" ORDER BY c.ends_on, c.id");
        } else {
            s.push(" ORDER BY c.starts_on, c.id");
        }
        s.page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_contract).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }
}

pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    c: &Contract,
) -> Result<(), StoreError> {
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
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}
