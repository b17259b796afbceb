//! Offerings and their scope verdict history.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{OfferingStore, Page};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::offering::{Offering, VerdictRecord};
use anzen_domain::scope::{ScopeProfile, ScopeVerdict};
use anzen_domain::text::Name;

use crate::codec::{id_from_db, json_from_db, ts_from_db, ts_to_db};
use crate::{SqlStore, other};

macro_rules! select_offerings {
    ($($rest:literal)*) => {
        concat!(
            "SELECT id, org_id, name, description, profile_json, verdict_json, revision, created_at, updated_at \
             FROM offerings ",
            $($rest),*
        )
    };
}

macro_rules! select_verdicts {
    ($($rest:literal)*) => {
        concat!(
            "SELECT id, offering_id, sequence, profile_json, verdict_json, recorded_by, recorded_at \
             FROM scope_verdicts ",
            $($rest),*
        )
    };
}

fn row_to_offering(row: &AnyRow) -> Result<Offering, StoreError> {
    let get = |c: &str| row.try_get::<String, _>(c).map_err(other);
    let name = get("name")?;
    Ok(Offering {
        id: id_from_db(&get("id")?)?,
        provider: id_from_db(&get("org_id")?)?,
        name: Name::parse("name", &name).map_err(|e| StoreError::Other(e.to_string()))?,
        description: row.try_get("description").map_err(other)?,
        profile: json_from_db::<ScopeProfile>("offerings.profile_json", &get("profile_json")?)?,
        verdict: json_from_db::<ScopeVerdict>("offerings.verdict_json", &get("verdict_json")?)?,
        revision: row.try_get("revision").map_err(other)?,
        created_at: ts_from_db(&get("created_at")?)?,
        updated_at: ts_from_db(&get("updated_at")?)?,
    })
}

fn row_to_verdict(row: &AnyRow) -> Result<VerdictRecord, StoreError> {
    let get = |c: &str| row.try_get::<String, _>(c).map_err(other);
    Ok(VerdictRecord {
        id: id_from_db(&get("id")?)?,
        offering: id_from_db(&get("offering_id")?)?,
        sequence: row.try_get("sequence").map_err(other)?,
        profile: json_from_db("scope_verdicts.profile_json", &get("profile_json")?)?,
        verdict: json_from_db("scope_verdicts.verdict_json", &get("verdict_json")?)?,
        recorded_by: get("recorded_by")?,
        recorded_at: ts_from_db(&get("recorded_at")?)?,
    })
}

fn verdict_json(v: &ScopeVerdict) -> String {
    serde_json::to_string(v).expect("a verdict always serialises")
}

fn categories_column(v: &ScopeVerdict) -> String {
    v.categories
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",")
}

async fn insert_verdict(
    tx: &mut Transaction<'static, Any>,
    owner: OrgId,
    record: &VerdictRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO scope_verdicts \
         (id, org_id, offering_id, sequence, profile_json, verdict_json, recorded_by, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(record.id.to_string())
    .bind(owner.to_string())
    .bind(record.offering.to_string())
    .bind(record.sequence)
    .bind(record.profile.to_json())
    .bind(verdict_json(&record.verdict))
    .bind(record.recorded_by.as_str())
    .bind(ts_to_db(record.recorded_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

#[async_trait]
impl OfferingStore for SqlStore {
    async fn insert_offering(&self, o: &Offering, first: &VerdictRecord) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        sqlx::query(
            "INSERT INTO offerings (id, org_id, name, description, profile_json, verdict_json, \
             in_scope, categories, revision, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(o.id.to_string())
        .bind(o.provider.to_string())
        .bind(o.name.as_str())
        .bind(o.description.as_deref())
        .bind(o.profile.to_json())
        .bind(verdict_json(&o.verdict))
        .bind(i64::from(o.verdict.in_scope))
        .bind(categories_column(&o.verdict))
        .bind(o.revision)
        .bind(ts_to_db(o.created_at))
        .bind(ts_to_db(o.updated_at))
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        insert_verdict(&mut tx, o.provider, first).await?;
        tx.commit().await.map_err(other)
    }

    async fn update_offering_verdict(
        &self,
        owner: OrgId,
        o: &Offering,
        expected_revision: i64,
        record: &VerdictRecord,
    ) -> Result<(), StoreError> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE offerings SET profile_json = $1, verdict_json = $2, in_scope = $3, categories = $4, \
             revision = $5, updated_at = $6 WHERE id = $7 AND org_id = $8 AND revision = $9",
        )
        .bind(o.profile.to_json())
        .bind(verdict_json(&o.verdict))
        .bind(i64::from(o.verdict.in_scope))
        .bind(categories_column(&o.verdict))
        .bind(expected_revision + 1)
        .bind(ts_to_db(o.updated_at))
        .bind(o.id.to_string())
        .bind(owner.to_string())
        .bind(expected_revision)
        .execute(&mut *tx)
        .await
        .map_err(other)?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict(format!(
                "the offering changed since revision {expected_revision}; reload it and apply the change again"
            )));
        }
        insert_verdict(&mut tx, owner, record).await?;
        tx.commit().await.map_err(other)
    }

    async fn offering(&self, owner: Option<OrgId>, id: OfferingId) -> Result<Offering, StoreError> {
        let row = match owner {
            None => {
                sqlx::query(select_offerings!("WHERE id = $1"))
                    .bind(id.to_string())
                    .fetch_one(self.pool())
                    .await
            }
            Some(owner) => {
                sqlx::query(select_offerings!("WHERE id = $1 AND org_id = $2"))
                    .bind(id.to_string())
                    .bind(owner.to_string())
                    .fetch_one(self.pool())
                    .await
            }
        }
        .map_err(other)?;
        row_to_offering(&row)
    }

    async fn list_offerings(
        &self,
        owner: Option<OrgId>,
        page: Page,
    ) -> Result<Vec<Offering>, StoreError> {
        let rows = match owner {
            None => {
                sqlx::query(select_offerings!("ORDER BY name, id LIMIT $1 OFFSET $2"))
                    .bind(page.limit)
                    .bind(page.offset)
                    .fetch_all(self.pool())
                    .await
            }
            Some(owner) => {
                sqlx::query(select_offerings!(
                    "WHERE org_id = $1 ORDER BY name, id LIMIT $2 OFFSET $3"
                ))
                .bind(owner.to_string())
                .bind(page.limit)
                .bind(page.offset)
                .fetch_all(self.pool())
                .await
            }
        }
        .map_err(other)?;
        rows.iter().map(row_to_offering).collect()
    }

    async fn verdict_history(
        &self,
        owner: Option<OrgId>,
        id: OfferingId,
    ) -> Result<Vec<VerdictRecord>, StoreError> {
        let rows = match owner {
            None => {
                sqlx::query(select_verdicts!("WHERE offering_id = $1 ORDER BY sequence"))
                    .bind(id.to_string())
                    .fetch_all(self.pool())
                    .await
            }
            Some(owner) => {
                sqlx::query(select_verdicts!(
                    "WHERE offering_id = $1 AND org_id = $2 ORDER BY sequence"
                ))
                .bind(id.to_string())
                .bind(owner.to_string())
                .fetch_all(self.pool())
                .await
            }
        }
        .map_err(other)?;
        if rows.is_empty() {
            return Err(StoreError::NotFound);
        }
        rows.iter().map(row_to_verdict).collect()
    }
}
