//! The audit chain.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{AuditQuery, AuditReads, Backend, Listed, Page, Reach};
use anzen_domain::audit::{AuditEntry, AuditHead, HeadSnapshot};

use crate::codec::{id_from_db, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::offerings::escape_like;
use crate::other;
use crate::sql::Stmt;

const COLUMNS: &str = "SELECT a.seq, a.at, a.actor, a.actor_user, a.org_id, a.action, a.object_type, a.object_id, \
     a.before_digest, a.after_digest, a.summary, a.prev_hash, a.hash, a.signature, a.key_id FROM audit_log a";

fn row_to_entry(row: &AnyRow) -> Result<AuditEntry, StoreError> {
    let opt = |c: &str| row.try_get::<Option<String>, _>(c).map_err(other);
    Ok(AuditEntry {
        seq: row.try_get("seq").map_err(other)?,
        at: ts_from_db(&text(row, "at")?)?,
        actor: text(row, "actor")?,
        actor_user: opt("actor_user")?.as_deref().map(id_from_db).transpose()?,
        org: opt("org_id")?.as_deref().map(id_from_db).transpose()?,
        action: text(row, "action")?,
        object_type: text(row, "object_type")?,
        object_id: text(row, "object_id")?,
        before_digest: opt("before_digest")?,
        after_digest: opt("after_digest")?,
        summary: text(row, "summary")?,
        prev_hash: text(row, "prev_hash")?,
        hash: text(row, "hash")?,
        signature: text(row, "signature")?,
        key_id: text(row, "key_id")?,
    })
}

fn filter(s: &mut Stmt, reach: Reach, q: &AuditQuery) -> bool {
    match reach {
        Reach::Nothing | Reach::AsInstitution(_) | Reach::AsSupplier(_) => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            s.push(" WHERE a.org_id = ").text(org.to_string());
        }
    }
    if let Some(actor) = q.actor.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        s.push(" AND LOWER(a.actor) LIKE ")
            .text(format!("%{}%", escape_like(&actor.to_lowercase())))
            .push(" ESCAPE '\\'");
    }
    if let Some(action) = q.action.as_deref().filter(|a| !a.is_empty()) {
        s.push(" AND a.action = ").text(action);
    }
    if let Some(t) = q.object_type.as_deref().filter(|a| !a.is_empty()) {
        s.push(" AND a.object_type = ").text(t);
    }
    if let Some(id) = q.object_id.as_deref().filter(|a| !a.is_empty()) {
        s.push(" AND a.object_id = ").text(id);
    }
    if let Some(from) = q.from {
        s.push(" AND a.at >= ").text(ts_to_db(from));
    }
    if let Some(to) = q.to {
        s.push(" AND a.at < ").text(ts_to_db(to));
    }
    true
}

#[async_trait]
impl<S: Source> AuditReads for Sql<S> {
    async fn list_audit(
        &self,
        reach: Reach,
        query: &AuditQuery,
        page: Page,
    ) -> Result<Listed<AuditEntry>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        let mut c = Stmt::new("SELECT COUNT(*) FROM audit_log a");
        if !filter(&mut s, reach, query) || !filter(&mut c, reach, query) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        s.push(" ORDER BY a.seq DESC").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_entry).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    async fn audit_after(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let mut s = Stmt::new(COLUMNS);
        s.push(" WHERE a.seq > ")
            .int(after)
            .push(" ORDER BY a.seq LIMIT ")
            .int(limit);
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(row_to_entry)
            .collect()
    }

    async fn audit_head_snapshot(&self) -> Result<HeadSnapshot, StoreError> {
        // One statement, so that the head, the newest entry and the entry at the head are
        // read at the same moment even while writers append.
        let row = sqlx::query(
            "SELECT h.last_seq, h.last_hash, h.signature, h.key_id, \
             (SELECT MAX(a.seq) FROM audit_log a) AS newest_seq, \
             (SELECT a.hash FROM audit_log a WHERE a.seq = h.last_seq) AS hash_at_head \
             FROM audit_head h WHERE h.id = 1",
        )
        .fetch_one(&mut *self.conn().await?)
        .await
        .map_err(other)?;
        Ok(HeadSnapshot {
            head: row_to_head(&row)?,
            newest_seq: row
                .try_get::<Option<i64>, _>("newest_seq")
                .map_err(other)?
                .unwrap_or(0),
            hash_at_head: row.try_get("hash_at_head").map_err(other)?,
        })
    }
}

fn row_to_head(row: &AnyRow) -> Result<AuditHead, StoreError> {
    Ok(AuditHead {
        seq: row.try_get("last_seq").map_err(other)?,
        hash: text(row, "last_hash")?,
        signature: row.try_get("signature").map_err(other)?,
        key_id: row.try_get("key_id").map_err(other)?,
    })
}

/// The head with its signature, locked like [`head`].
pub(crate) async fn signed_head(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
) -> Result<AuditHead, StoreError> {
    let sql = match backend {
        Backend::Postgres => {
            "SELECT last_seq, last_hash, signature, key_id FROM audit_head WHERE id = 1 FOR UPDATE"
        }
        Backend::Sqlite => {
            "SELECT last_seq, last_hash, signature, key_id FROM audit_head WHERE id = 1"
        }
    };
    let row = sqlx::query(sql).fetch_one(&mut **tx).await.map_err(other)?;
    row_to_head(&row)
}

/// Stores the signature of the head `(seq, hash)`; a conflict when the head is elsewhere.
pub(crate) async fn sign_head(
    tx: &mut Transaction<'static, Any>,
    head: &AuditHead,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE audit_head SET signature = $1, key_id = $2 \
         WHERE id = 1 AND last_seq = $3 AND last_hash = $4",
    )
    .bind(head.signature.as_deref())
    .bind(head.key_id.as_deref())
    .bind(head.seq)
    .bind(head.hash.as_str())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(
            "the audit chain's head moved on; retry".into(),
        ));
    }
    Ok(())
}

pub(crate) async fn head(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
) -> Result<(i64, String), StoreError> {
    // On PostgreSQL the row lock makes concurrent writers append one after the other; on
    // SQLite the transaction already holds the database's write lock (BEGIN IMMEDIATE).
    let sql = match backend {
        Backend::Postgres => "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE",
        Backend::Sqlite => "SELECT last_seq, last_hash FROM audit_head WHERE id = 1",
    };
    let row = sqlx::query(sql).fetch_one(&mut **tx).await.map_err(other)?;
    Ok((
        row.try_get("last_seq").map_err(other)?,
        text(&row, "last_hash")?,
    ))
}

pub(crate) async fn append(
    tx: &mut Transaction<'static, Any>,
    e: &AuditEntry,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, actor_user, org_id, action, object_type, object_id, before_digest, \
         after_digest, summary, prev_hash, hash, signature, key_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(e.seq)
    .bind(ts_to_db(e.at))
    .bind(e.actor.as_str())
    .bind(e.actor_user.map(|u| u.to_string()))
    .bind(e.org.map(|o| o.to_string()))
    .bind(e.action.as_str())
    .bind(e.object_type.as_str())
    .bind(e.object_id.as_str())
    .bind(e.before_digest.as_deref())
    .bind(e.after_digest.as_deref())
    .bind(e.summary.as_str())
    .bind(e.prev_hash.as_str())
    .bind(e.hash.as_str())
    .bind(e.signature.as_str())
    .bind(e.key_id.as_str())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    // The head's signature is cleared with the move: only a signature of the new head, stored
    // by `sign_head` in this transaction, makes it signed again.
    let done = sqlx::query(
        "UPDATE audit_head SET last_seq = $1, last_hash = $2, signature = NULL, key_id = NULL \
         WHERE id = 1 AND last_seq = $3",
    )
    .bind(e.seq)
    .bind(e.hash.as_str())
    .bind(e.seq - 1)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict(
            "the audit chain moved on; retry the change".into(),
        ));
    }
    Ok(())
}
