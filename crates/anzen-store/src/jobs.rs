//! The job queue. On PostgreSQL a job is claimed with `FOR UPDATE SKIP LOCKED`, so workers
//! on several app nodes never block each other or take the same job; on SQLite the claim runs
//! in a write transaction, which one process holds at a time.

use async_trait::async_trait;
use sqlx::Row;
use sqlx::any::AnyRow;

use anzen_app::StoreError;
use anzen_app::ports::{Backend, Job, JobStore};
use anzen_domain::ids::RiskId;
use jiff::Timestamp;
use jiff::civil::Date;

use crate::codec::{date_to_db, text, ts_from_db, ts_to_db};
use crate::conn::Source;
use crate::{SqlStore, other};

fn row_to_job(row: &AnyRow) -> Result<Job, StoreError> {
    Ok(Job {
        id: text(row, "id")?,
        kind: text(row, "kind")?,
        payload: text(row, "payload")?,
        run_after: ts_from_db(&text(row, "run_after")?)?,
        attempts: row.try_get("attempts").map_err(other)?,
    })
}

/// Inserts a job through a pool or inside a transaction.
pub(crate) async fn insert<'e, E>(executor: E, job: &Job, now: Timestamp) -> Result<(), StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("INSERT INTO jobs (id, kind, payload, run_after, attempts, created_at) VALUES ($1, $2, $3, $4, 0, $5)")
        .bind(job.id.as_str())
        .bind(job.kind.as_str())
        .bind(job.payload.as_str())
        .bind(ts_to_db(job.run_after))
        .bind(ts_to_db(now))
        .execute(executor)
        .await
        .map_err(other)?;
    Ok(())
}

/// Inserts a job holding `key` unless an unfinished job holds it; true when inserted.
async fn insert_once<'e, E>(
    executor: E,
    job: &Job,
    key: &str,
    now: Timestamp,
) -> Result<bool, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "INSERT INTO jobs (id, kind, payload, run_after, attempts, created_at, unique_key) \
         VALUES ($1, $2, $3, $4, 0, $5, $6) ON CONFLICT (unique_key) DO NOTHING",
    )
    .bind(job.id.as_str())
    .bind(job.kind.as_str())
    .bind(job.payload.as_str())
    .bind(ts_to_db(job.run_after))
    .bind(ts_to_db(now))
    .bind(key)
    .execute(executor)
    .await
    .map_err(other)?;
    Ok(done.rows_affected() == 1)
}

const COMPLETE: &str = "UPDATE jobs SET done_at = $1, last_error = NULL, unique_key = NULL \
                        WHERE id = $2 AND claimed_by = $3";

#[async_trait]
impl JobStore for SqlStore {
    async fn enqueue(&self, job: &Job, now: Timestamp) -> Result<(), StoreError> {
        insert(&mut *self.write_conn().await?, job, now).await
    }

    async fn pending_of_kind(&self, kind: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) FROM jobs WHERE kind = $1 AND done_at IS NULL")
            .bind(kind)
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(other)?;
        row.try_get::<i64, _>(0).map_err(other)
    }

    async fn claim(
        &self,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError> {
        let pick = match self.backend {
            Backend::Postgres => {
                "SELECT id FROM jobs WHERE done_at IS NULL AND run_after <= $3 \
                 AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY run_after LIMIT 1 FOR UPDATE SKIP LOCKED"
            }
            Backend::Sqlite => {
                "SELECT id FROM jobs WHERE done_at IS NULL AND run_after <= $3 \
                 AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY run_after LIMIT 1"
            }
        };
        let (_gate, mut tx) = self.write_tx().await?;
        let sql = format!(
            "UPDATE jobs SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 WHERE id = ({pick}) \
             RETURNING id, kind, payload, run_after, attempts"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(worker)
            .bind(ts_to_db(lease_until))
            .bind(ts_to_db(now))
            .fetch_optional(&mut *tx)
            .await
            .map_err(other)?;
        tx.commit().await.map_err(other)?;
        row.as_ref().map(row_to_job).transpose()
    }

    async fn complete(&self, id: &str, worker: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query(COMPLETE)
            .bind(ts_to_db(now))
            .bind(id)
            .bind(worker)
            .execute(&mut *self.write_conn().await?)
            .await
            .map_err(other)?;
        Ok(())
    }

    async fn fail(
        &self,
        id: &str,
        worker: &str,
        error: &str,
        retry_at: Timestamp,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE jobs SET last_error = $1, run_after = $2, claimed_by = NULL, claimed_until = NULL \
             WHERE id = $3 AND claimed_by = $4",
        )
        .bind(error)
        .bind(ts_to_db(retry_at))
        .bind(id)
        .bind(worker)
        .execute(&mut *self.write_conn().await?)
        .await
        .map_err(other)?;
        Ok(())
    }

    async fn enqueue_once(&self, job: &Job, key: &str, now: Timestamp) -> Result<bool, StoreError> {
        insert_once(&mut *self.write_conn().await?, job, key, now).await
    }

    async fn complete_and_enqueue_once(
        &self,
        id: &str,
        worker: &str,
        now: Timestamp,
        next: &Job,
        key: &str,
    ) -> Result<(), StoreError> {
        let (_gate, mut tx) = self.write_tx().await?;
        sqlx::query(COMPLETE)
            .bind(ts_to_db(now))
            .bind(id)
            .bind(worker)
            .execute(&mut *tx)
            .await
            .map_err(other)?;
        insert_once(&mut *tx, next, key, now).await?;
        tx.commit().await.map_err(other)?;
        Ok(())
    }

    async fn claim_of_kind(
        &self,
        worker: &str,
        kind: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError> {
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let (_gate, mut tx) = self.write_tx().await?;
        let sql = format!(
            "UPDATE jobs SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1 WHERE id = (\
             SELECT id FROM jobs WHERE done_at IS NULL AND kind = $4 \
             AND (claimed_until IS NULL OR claimed_until < $3) ORDER BY run_after LIMIT 1{lock}) \
             RETURNING id, kind, payload, run_after, attempts"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(worker)
            .bind(ts_to_db(lease_until))
            .bind(ts_to_db(now))
            .bind(kind)
            .fetch_optional(&mut *tx)
            .await
            .map_err(other)?;
        tx.commit().await.map_err(other)?;
        row.as_ref().map(row_to_job).transpose()
    }

    async fn claim_review_reminders(
        &self,
        risks: &[RiskId],
        day: Date,
        now: Timestamp,
    ) -> Result<Vec<RiskId>, StoreError> {
        let (_gate, mut tx) = self.write_tx().await?;
        let mut claimed = Vec::new();
        for risk in risks {
            let done = sqlx::query(
                "INSERT INTO review_reminders_sent (risk_id, day, sent_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (risk_id, day) DO NOTHING",
            )
            .bind(risk.to_string())
            .bind(date_to_db(day))
            .bind(ts_to_db(now))
            .execute(&mut *tx)
            .await
            .map_err(other)?;
            if done.rows_affected() == 1 {
                claimed.push(*risk);
            }
        }
        tx.commit().await.map_err(other)?;
        Ok(claimed)
    }

    async fn release_review_reminder(&self, risk: RiskId, day: Date) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM review_reminders_sent WHERE risk_id = $1 AND day = $2")
            .bind(risk.to_string())
            .bind(date_to_db(day))
            .execute(&mut *self.write_conn().await?)
            .await
            .map_err(other)?;
        Ok(())
    }
}
