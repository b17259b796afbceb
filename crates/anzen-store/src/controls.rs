//! Control catalogue versions, provider controls and statements of applicability.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};
use uuid::Uuid;

use anzen_app::StoreError;
use anzen_app::ports::{
    CatalogueSummary, ControlReads, Reach, StatementQuery, StoredCatalogue, StoredProviderControl,
    StoredStatement,
};
use anzen_domain::controls::{Applicability, Statement, StatementSubject};
use anzen_domain::ids::{OfferingId, OrgId, RiskId};

use crate::codec::{id_from_db, json_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

type Tx = Transaction<'static, Any>;

const SUMMARY_COLUMNS: &str = "SELECT id, catalogue, version, source_sha256, source_name, items, imported_by, imported_org, \
     imported_at FROM control_catalogues";

const CATALOGUE_COLUMNS: &str = "SELECT id, catalogue_json, report_json, source_name, imported_by, imported_org, imported_at \
     FROM control_catalogues";

const STATEMENT_COLUMNS: &str = "SELECT s.id, s.org_id, s.offering_id, s.subject_kind, s.catalogue_version, s.subject_key, \
     s.seq, s.applicability_json, s.risks_json, s.stated_by, s.stated_at FROM control_statements s";

fn uuid_of(row: &AnyRow, column: &str) -> Result<Uuid, StoreError> {
    id_from_db(&text(row, column)?)
}

fn summary_row(row: &AnyRow) -> Result<CatalogueSummary, StoreError> {
    Ok(CatalogueSummary {
        id: uuid_of(row, "id")?,
        catalogue: text(row, "catalogue")?,
        version: text(row, "version")?,
        source_sha256: text(row, "source_sha256")?,
        source_name: text(row, "source_name")?,
        items: row.try_get("items").map_err(other)?,
        imported_by: text(row, "imported_by")?,
        imported_org: row
            .try_get::<Option<String>, _>("imported_org")
            .map_err(other)?
            .as_deref()
            .map(id_from_db)
            .transpose()?,
        imported_at: ts_from_db(&text(row, "imported_at")?)?,
    })
}

/// Restricts catalogue versions to those `owner` sees: its own and the installation-wide ones.
fn visible_to(s: &mut Stmt, owner: Option<OrgId>) {
    match owner {
        Some(org) => {
            s.push(" AND (imported_org IS NULL OR imported_org = ")
                .text(org.to_string())
                .push(")");
        }
        None => {
            s.push(" AND imported_org IS NULL");
        }
    }
}

fn catalogue_row(row: &AnyRow) -> Result<StoredCatalogue, StoreError> {
    let org: Option<String> = row.try_get("imported_org").map_err(other)?;
    Ok(StoredCatalogue {
        id: uuid_of(row, "id")?,
        catalogue: json_from_db(
            "control_catalogues.catalogue_json",
            &text(row, "catalogue_json")?,
        )?,
        report: json_from_db("control_catalogues.report_json", &text(row, "report_json")?)?,
        source_name: text(row, "source_name")?,
        imported_by: text(row, "imported_by")?,
        imported_org: org.as_deref().map(id_from_db).transpose()?,
        imported_at: ts_from_db(&text(row, "imported_at")?)?,
    })
}

/// The columns that name a subject: kind, catalogue version (`""` unless Appendix 2), key.
pub(crate) fn subject_columns(subject: &StatementSubject) -> (&'static str, &str, &str) {
    match subject {
        StatementSubject::Appendix2 {
            catalogue_version,
            key,
        } => ("appendix2", catalogue_version, key),
        StatementSubject::Provider { key } => ("provider", "", key),
        StatementSubject::Regulatory { key } => ("regulatory", "", key),
    }
}

fn subject_of(kind: &str, version: String, key: String) -> Result<StatementSubject, StoreError> {
    Ok(match kind {
        "appendix2" => StatementSubject::Appendix2 {
            catalogue_version: version,
            key,
        },
        "provider" => StatementSubject::Provider { key },
        "regulatory" => StatementSubject::Regulatory { key },
        other => {
            return Err(crate::codec::bad_code(
                "control_statements.subject_kind",
                other,
            ));
        }
    })
}

fn statement_row(row: &AnyRow) -> Result<StoredStatement, StoreError> {
    let offering: OfferingId = id_from_db(&text(row, "offering_id")?)?;
    let subject = subject_of(
        &text(row, "subject_kind")?,
        text(row, "catalogue_version")?,
        text(row, "subject_key")?,
    )?;
    let applicability: Applicability = json_from_db(
        "control_statements.applicability_json",
        &text(row, "applicability_json")?,
    )?;
    let risks: Vec<RiskId> =
        json_from_db("control_statements.risks_json", &text(row, "risks_json")?)?;
    let statement = Statement::restore(offering, subject, applicability, risks)
        .map_err(|e| StoreError::Other(format!("a stored statement is invalid: {e}")))?;
    Ok(StoredStatement {
        id: uuid_of(row, "id")?,
        org: id_from_db(&text(row, "org_id")?)?,
        statement,
        seq: row.try_get("seq").map_err(other)?,
        stated_by: text(row, "stated_by")?,
        stated_at: ts_from_db(&text(row, "stated_at")?)?,
    })
}

/// Restricts `s` (statements) to the reach; false when nothing is reachable.
fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsSupplier(_) => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            s.push(" WHERE s.org_id = ").text(org.to_string());
        }
        Reach::AsInstitution(inst) => {
            s.push(" WHERE s.offering_id IN (SELECT c.offering_id FROM contracts c WHERE c.institution_id = ")
                .text(inst.to_string())
                .push(")");
        }
    }
    true
}

#[async_trait]
impl<S: Source> ControlReads for Sql<S> {
    async fn list_catalogues(
        &self,
        catalogue: &str,
        owner: Option<OrgId>,
    ) -> Result<Vec<CatalogueSummary>, StoreError> {
        let mut s = Stmt::new(SUMMARY_COLUMNS);
        s.push(" WHERE catalogue = ").text(catalogue);
        visible_to(&mut s, owner);
        s.push(" ORDER BY imported_at, id");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(summary_row)
            .collect()
    }

    async fn catalogue_version(&self, id: Uuid) -> Result<StoredCatalogue, StoreError> {
        let mut s = Stmt::new(CATALOGUE_COLUMNS);
        s.push(" WHERE id = ").text(id.to_string());
        catalogue_row(
            &s.fetch_optional(&mut *self.conn().await?)
                .await?
                .ok_or(StoreError::NotFound)?,
        )
    }

    async fn catalogue_by_sha256(
        &self,
        catalogue: &str,
        owner: Option<OrgId>,
        sha256: &str,
    ) -> Result<Option<CatalogueSummary>, StoreError> {
        let mut s = Stmt::new(SUMMARY_COLUMNS);
        s.push(" WHERE catalogue = ")
            .text(catalogue)
            .push(" AND source_sha256 = ")
            .text(sha256);
        match owner {
            Some(org) => {
                s.push(" AND imported_org = ").text(org.to_string());
            }
            None => {
                s.push(" AND imported_org IS NULL");
            }
        }
        s.fetch_optional(&mut *self.conn().await?)
            .await?
            .as_ref()
            .map(summary_row)
            .transpose()
    }

    async fn catalogue_by_version(
        &self,
        catalogue: &str,
        owner: Option<OrgId>,
        version: &str,
    ) -> Result<Option<StoredCatalogue>, StoreError> {
        let mut s = Stmt::new(CATALOGUE_COLUMNS);
        s.push(" WHERE catalogue = ")
            .text(catalogue)
            .push(" AND version = ")
            .text(version);
        visible_to(&mut s, owner);
        s.push(" ORDER BY CASE WHEN imported_org IS NULL THEN 1 ELSE 0 END LIMIT 1");
        s.fetch_optional(&mut *self.conn().await?)
            .await?
            .as_ref()
            .map(catalogue_row)
            .transpose()
    }

    async fn provider_controls(
        &self,
        org: OrgId,
    ) -> Result<Vec<StoredProviderControl>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, org_id, control_key, title, description, created_by, created_at FROM provider_controls \
             WHERE org_id = $1 ORDER BY control_key",
        )
        .bind(org.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        rows.iter()
            .map(|r| {
                Ok(StoredProviderControl {
                    id: uuid_of(r, "id")?,
                    org: id_from_db(&text(r, "org_id")?)?,
                    key: text(r, "control_key")?,
                    title: text(r, "title")?,
                    description: text(r, "description")?,
                    created_by: text(r, "created_by")?,
                    created_at: ts_from_db(&text(r, "created_at")?)?,
                })
            })
            .collect()
    }

    async fn current_statements(
        &self,
        reach: Reach,
        query: &StatementQuery,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        let mut s = Stmt::new(STATEMENT_COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        s.push(" AND s.is_current = 1");
        if let Some(o) = query.offering {
            s.push(" AND s.offering_id = ").text(o.to_string());
        }
        if query.regulatory_only {
            s.push(" AND s.subject_kind = 'regulatory'");
        }
        s.push(" ORDER BY s.offering_id, s.subject_kind, s.catalogue_version, s.subject_key");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(statement_row)
            .collect()
    }

    async fn statement_history(
        &self,
        reach: Reach,
        offering: OfferingId,
        subject: &StatementSubject,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        let (kind, version, key) = subject_columns(subject);
        let mut s = Stmt::new(STATEMENT_COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Ok(Vec::new());
        }
        s.push(" AND s.offering_id = ")
            .text(offering.to_string())
            .push(" AND s.subject_kind = ")
            .text(kind)
            .push(" AND s.catalogue_version = ")
            .text(version)
            .push(" AND s.subject_key = ")
            .text(key)
            .push(" ORDER BY s.seq");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(statement_row)
            .collect()
    }
}

pub(crate) async fn insert_catalogue(tx: &mut Tx, c: &StoredCatalogue) -> Result<(), StoreError> {
    let meta = &c.catalogue.meta;
    let sha = meta.source_sha256.clone().ok_or_else(|| {
        StoreError::Other("an imported catalogue needs the SHA-256 of its file".to_owned())
    })?;
    sqlx::query(
        "INSERT INTO control_catalogues (id, catalogue, version, source_sha256, source_name, items, catalogue_json, \
         report_json, imported_by, imported_org, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(c.id.to_string())
    .bind(meta.id.as_str())
    .bind(meta.version.as_str())
    .bind(sha)
    .bind(c.source_name.as_str())
    .bind(i64::try_from(c.catalogue.items.len()).unwrap_or(i64::MAX))
    .bind(serde_json::to_string(&c.catalogue).expect("a catalogue serialises"))
    .bind(serde_json::to_string(&c.report).expect("a report serialises"))
    .bind(c.imported_by.as_str())
    .bind(c.imported_org.map(|o| o.to_string()))
    .bind(ts_to_db(c.imported_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_provider_control(
    tx: &mut Tx,
    c: &StoredProviderControl,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO provider_controls (id, org_id, control_key, title, description, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(c.id.to_string())
    .bind(c.org.to_string())
    .bind(c.key.as_str())
    .bind(c.title.as_str())
    .bind(c.description.as_str())
    .bind(c.created_by.as_str())
    .bind(ts_to_db(c.created_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_statement(
    tx: &mut Tx,
    s: &StoredStatement,
    expected_seq: Option<i64>,
) -> Result<i64, StoreError> {
    let st = &s.statement;
    let offering = st.offering().to_string();
    let (kind, version, key) = subject_columns(st.subject());
    let current: Option<i64> = sqlx::query(
        "SELECT seq FROM control_statements WHERE offering_id = $1 AND subject_kind = $2 AND catalogue_version = $3 \
         AND subject_key = $4 AND is_current = 1",
    )
    .bind(offering.as_str())
    .bind(kind)
    .bind(version)
    .bind(key)
    .fetch_optional(&mut **tx)
    .await
    .map_err(other)?
    .map(|r| r.try_get::<i64, _>("seq"))
    .transpose()
    .map_err(other)?;
    let current = current.unwrap_or(0);
    if let Some(expected) = expected_seq
        && expected != current
    {
        return Err(StoreError::Conflict(format!(
            "the statement changed since version {expected} (it is at version {current}); reload it and apply the change again"
        )));
    }
    sqlx::query(
        "UPDATE control_statements SET is_current = 0 WHERE offering_id = $1 AND subject_kind = $2 \
         AND catalogue_version = $3 AND subject_key = $4 AND is_current = 1",
    )
    .bind(offering.as_str())
    .bind(kind)
    .bind(version)
    .bind(key)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    let seq = current + 1;
    sqlx::query(
        "INSERT INTO control_statements (id, org_id, offering_id, subject_kind, catalogue_version, subject_key, seq, \
         is_current, status, applicability_json, risks_json, stated_by, stated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $12)",
    )
    .bind(s.id.to_string())
    .bind(s.org.to_string())
    .bind(offering.as_str())
    .bind(kind)
    .bind(version)
    .bind(key)
    .bind(seq)
    .bind(st.status().code())
    .bind(serde_json::to_string(st.applicability()).expect("a statement serialises"))
    .bind(serde_json::to_string(st.risks()).expect("ids serialise"))
    .bind(s.stated_by.as_str())
    .bind(ts_to_db(s.stated_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(seq)
}
