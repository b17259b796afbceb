//! The register of issued documents.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{DocumentReads, IssuedDocument, Listed, Page, Reach};
use anzen_domain::document::DocumentKind;
use anzen_domain::ids::{OfferingId, OrgId};

use crate::codec::{bad_code, id_from_db, json_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str = "SELECT d.number, d.org_id, d.kind, d.format, d.offering_id, d.institution_id, \
     d.version, d.sha256, d.size_bytes, d.source_digest, d.params, d.entries, d.changes, \
     d.issued_by, d.issued_by_user, d.issued_at FROM issued_documents d";

fn row_to_doc(r: &AnyRow) -> Result<IssuedDocument, StoreError> {
    let opt = |c: &str| r.try_get::<Option<String>, _>(c).map_err(other);
    let kind = text(r, "kind")?;
    Ok(IssuedDocument {
        number: text(r, "number")?,
        org: id_from_db(&text(r, "org_id")?)?,
        kind: DocumentKind::from_code(&kind)
            .ok_or_else(|| bad_code("issued_documents.kind", &kind))?,
        format: text(r, "format")?,
        offering: id_from_db(&text(r, "offering_id")?)?,
        institution: opt("institution_id")?
            .as_deref()
            .map(id_from_db)
            .transpose()?,
        version: r.try_get("version").map_err(other)?,
        sha256: text(r, "sha256")?,
        size_bytes: r.try_get("size_bytes").map_err(other)?,
        source_digest: text(r, "source_digest")?,
        params: json_from_db("issued_documents.params", &text(r, "params")?)?,
        entries: json_from_db("issued_documents.entries", &text(r, "entries")?)?,
        changes: json_from_db("issued_documents.changes", &text(r, "changes")?)?,
        issued_by: text(r, "issued_by")?,
        issued_by_user: opt("issued_by_user")?
            .as_deref()
            .map(id_from_db)
            .transpose()?,
        issued_at: ts_from_db(&text(r, "issued_at")?)?,
    })
}

/// Restricts `s` to the rows within reach; `false` when nothing is.
fn within(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsSupplier(_) => return false,
        Reach::Everything => s.push(" WHERE 1 = 1"),
        Reach::Owned(org) => s.push(" WHERE d.org_id = ").text(org.to_string()),
        Reach::AsInstitution(org) => s.push(" WHERE d.institution_id = ").text(org.to_string()),
    };
    true
}

#[async_trait]
impl<S: Source> DocumentReads for Sql<S> {
    async fn document_by_sha256(
        &self,
        reach: Reach,
        sha256: &str,
    ) -> Result<Option<IssuedDocument>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !within(&mut s, reach) {
            return Ok(None);
        }
        s.push(" AND d.sha256 = ").text(sha256);
        let row = s.fetch_optional(&mut *self.conn().await?).await?;
        row.as_ref().map(row_to_doc).transpose()
    }

    async fn document_by_number(
        &self,
        reach: Reach,
        number: &str,
    ) -> Result<Option<IssuedDocument>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        if !within(&mut s, reach) {
            return Ok(None);
        }
        s.push(" AND d.number = ").text(number);
        let row = s.fetch_optional(&mut *self.conn().await?).await?;
        row.as_ref().map(row_to_doc).transpose()
    }

    async fn last_document(
        &self,
        kind: DocumentKind,
        offering: OfferingId,
        institution: Option<OrgId>,
    ) -> Result<Option<IssuedDocument>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        s.push(" WHERE d.kind = ")
            .text(kind.code())
            .push(" AND d.offering_id = ")
            .text(offering.to_string());
        match institution {
            Some(i) => s.push(" AND d.institution_id = ").text(i.to_string()),
            None => s.push(" AND d.institution_id IS NULL"),
        };
        s.push(" ORDER BY d.issued_at DESC, d.version DESC LIMIT 1");
        let row = s.fetch_optional(&mut *self.conn().await?).await?;
        row.as_ref().map(row_to_doc).transpose()
    }

    async fn list_documents(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
        page: Page,
    ) -> Result<Listed<IssuedDocument>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        let mut c = Stmt::new("SELECT COUNT(*) FROM issued_documents d");
        if !within(&mut s, reach) || !within(&mut c, reach) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        if let Some(o) = offering {
            s.push(" AND d.offering_id = ").text(o.to_string());
            c.push(" AND d.offering_id = ").text(o.to_string());
        }
        s.push(" ORDER BY d.issued_at DESC, d.number DESC")
            .page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_doc).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }
}

pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    d: &IssuedDocument,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO issued_documents (number, org_id, kind, format, offering_id, institution_id, \
         version, sha256, size_bytes, source_digest, params, entries, changes, issued_by, \
         issued_by_user, issued_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(d.number.as_str())
    .bind(d.org.to_string())
    .bind(d.kind.code())
    .bind(d.format.as_str())
    .bind(d.offering.to_string())
    .bind(d.institution.map(|i| i.to_string()))
    .bind(d.version)
    .bind(d.sha256.as_str())
    .bind(d.size_bytes)
    .bind(d.source_digest.as_str())
    .bind(to_json(&d.params)?)
    .bind(to_json(&d.entries)?)
    .bind(to_json(&d.changes)?)
    .bind(d.issued_by.as_str())
    .bind(d.issued_by_user.map(|u| u.to_string()))
    .bind(ts_to_db(d.issued_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Other(e.to_string()))
}
