//! Offerings and their scope verdict history.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{Listed, OfferingQuery, OfferingReads, Page, Reach};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::offering::{Offering, OfferingSummary, VerdictRecord};
use anzen_domain::scope::{ScopeCategory, ScopeProfile, ScopeVerdict};
use anzen_domain::text::Name;

use crate::codec::{bad_code, flag, id_from_db, json_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str = "SELECT f.id, f.org_id, f.name, f.description, f.profile_json, f.verdict_json, f.revision, \
     f.created_at, f.updated_at FROM offerings f";
const COUNT: &str = "SELECT COUNT(*) FROM offerings f";
const SUMMARY_COLUMNS: &str = "SELECT f.id, f.org_id, o.name AS provider_name, f.name, f.in_scope, f.categories, \
     f.covers_non_medical, f.revision, f.updated_at \
     FROM offerings f JOIN organisations o ON o.id = f.org_id";

fn row_to_summary(row: &AnyRow) -> Result<OfferingSummary, StoreError> {
    let categories = text(row, "categories")?
        .split(',')
        .filter(|c| !c.is_empty())
        .map(|c| ScopeCategory::from_code(c).ok_or_else(|| bad_code("offerings.categories", c)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OfferingSummary {
        id: id_from_db(&text(row, "id")?)?,
        provider: id_from_db(&text(row, "org_id")?)?,
        provider_name: text(row, "provider_name")?,
        name: Name::parse("name", &text(row, "name")?)
            .map_err(|e| StoreError::Other(e.to_string()))?,
        in_scope: flag(row, "in_scope")?,
        categories,
        covers_non_medical_data: flag(row, "covers_non_medical")?,
        revision: row.try_get("revision").map_err(other)?,
        updated_at: ts_from_db(&text(row, "updated_at")?)?,
    })
}

fn row_to_offering(row: &AnyRow) -> Result<Offering, StoreError> {
    Ok(Offering {
        id: id_from_db(&text(row, "id")?)?,
        provider: id_from_db(&text(row, "org_id")?)?,
        name: Name::parse("name", &text(row, "name")?)
            .map_err(|e| StoreError::Other(e.to_string()))?,
        description: row.try_get("description").map_err(other)?,
        profile: json_from_db::<ScopeProfile>(
            "offerings.profile_json",
            &text(row, "profile_json")?,
        )?,
        verdict: json_from_db::<ScopeVerdict>(
            "offerings.verdict_json",
            &text(row, "verdict_json")?,
        )?,
        revision: row.try_get("revision").map_err(other)?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
        updated_at: ts_from_db(&text(row, "updated_at")?)?,
    })
}

fn row_to_verdict(row: &AnyRow) -> Result<VerdictRecord, StoreError> {
    Ok(VerdictRecord {
        id: id_from_db(&text(row, "id")?)?,
        offering: id_from_db(&text(row, "offering_id")?)?,
        sequence: row.try_get("sequence").map_err(other)?,
        profile: json_from_db("scope_verdicts.profile_json", &text(row, "profile_json")?)?,
        verdict: json_from_db("scope_verdicts.verdict_json", &text(row, "verdict_json")?)?,
        recorded_by: text(row, "recorded_by")?,
        recorded_at: ts_from_db(&text(row, "recorded_at")?)?,
    })
}

/// Restricts `f` (offerings) to the reach; false when nothing is reachable.
pub(crate) fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) | Reach::AsSupplier(org) => {
            s.push(" WHERE f.org_id = ").text(org.to_string());
        }
        Reach::AsInstitution(inst) => {
            s.push(
                " WHERE f.id IN (SELECT c.offering_id FROM contracts c WHERE c.institution_id = ",
            )
            .text(inst.to_string())
            .push(")");
        }
    }
    true
}

fn query_filter(s: &mut Stmt, q: &OfferingQuery) {
    if let Some(search) = q.search.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        s.push(" AND LOWER(f.name) LIKE ")
            .text(format!("%{}%", escape_like(&search.to_lowercase())))
            .push(" ESCAPE '\\'");
    }
    if let Some(in_scope) = q.in_scope {
        s.push(" AND f.in_scope = ").int(i64::from(in_scope));
    }
    if let Some(p) = q.provider {
        s.push(" AND f.org_id = ").text(p.to_string());
    }
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
pub(crate) fn escape_like(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[async_trait]
impl<S: Source> OfferingReads for Sql<S> {
    async fn offering(&self, reach: Reach, id: OfferingId) -> Result<Offering, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND f.id = ").text(id.to_string());
        let row = s
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .ok_or(StoreError::NotFound)?;
        row_to_offering(&row)
    }

    async fn list_offerings(
        &self,
        reach: Reach,
        query: &OfferingQuery,
        page: Page,
    ) -> Result<Listed<OfferingSummary>, StoreError> {
        let mut s = Stmt::new(SUMMARY_COLUMNS);
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
        s.push(" ORDER BY f.name, f.id").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_summary).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    async fn export_offerings(
        &self,
        reach: Reach,
        query: &OfferingQuery,
    ) -> Result<Vec<Offering>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        query_filter(&mut s, query);
        s.push(" ORDER BY f.name, f.id");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(row_to_offering)
            .collect()
    }

    async fn offering_names(
        &self,
        reach: Reach,
        ids: &[OfferingId],
    ) -> Result<Vec<(OfferingId, String)>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut s = Stmt::new("SELECT f.id, f.name FROM offerings f");
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        s.push(" AND f.id IN (");
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

    async fn verdict_history(
        &self,
        reach: Reach,
        id: OfferingId,
    ) -> Result<Vec<VerdictRecord>, StoreError> {
        // The offering must be within reach; its history then belongs to it.
        self.offering(reach, id).await?;
        let rows = sqlx::query(
            "SELECT id, offering_id, sequence, profile_json, verdict_json, recorded_by, recorded_at \
             FROM scope_verdicts WHERE offering_id = $1 ORDER BY sequence",
        )
        .bind(id.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter().map(row_to_verdict).collect()
    }
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

pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    o: &Offering,
    first: &VerdictRecord,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO offerings (id, org_id, name, description, profile_json, verdict_json, \
         in_scope, categories, revision, created_at, updated_at, covers_non_medical) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
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
    .bind(i64::from(o.verdict.covers_non_medical_data))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    insert_verdict(tx, o.provider, first).await
}

pub(crate) async fn update_verdict(
    tx: &mut Transaction<'static, Any>,
    owner: OrgId,
    o: &Offering,
    expected_revision: i64,
    record: &VerdictRecord,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE offerings SET profile_json = $1, verdict_json = $2, in_scope = $3, categories = $4, \
         revision = $5, updated_at = $6, covers_non_medical = $10 WHERE id = $7 AND org_id = $8 AND revision = $9",
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
    .bind(i64::from(o.verdict.covers_non_medical_data))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(format!(
            "the offering changed since revision {expected_revision}; reload it and apply the change again"
        )));
    }
    insert_verdict(tx, owner, record).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(super::escape_like("100%_a\\b"), "100\\%\\_a\\\\b");
    }
}
