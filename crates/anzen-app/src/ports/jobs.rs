//! The job port: a queue in the database that every app node shares.

use async_trait::async_trait;
use jiff::Timestamp;

use crate::StoreError;

/// A queued job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: String,
    /// What to do, e.g. `purge_sessions`.
    pub kind: String,
    /// JSON parameters.
    pub payload: String,
    pub run_after: Timestamp,
    /// Claims so far (this one included, once claimed).
    pub attempts: i64,
}

#[async_trait]
pub trait JobStore: Send + Sync {
    async fn enqueue(&self, job: &Job, now: Timestamp) -> Result<(), StoreError>;
    /// Unfinished jobs of a kind (to schedule a recurring job once).
    async fn pending_of_kind(&self, kind: &str) -> Result<i64, StoreError>;
    /// Claims the oldest due job for `worker` until `lease_until`; none when nothing is due.
    /// Two workers never claim the same job while its lease runs.
    async fn claim(
        &self,
        worker: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError>;
    async fn complete(&self, id: &str, worker: &str, now: Timestamp) -> Result<(), StoreError>;
    /// Gives a job back for a retry at `retry_at`.
    async fn fail(
        &self,
        id: &str,
        worker: &str,
        error: &str,
        retry_at: Timestamp,
    ) -> Result<(), StoreError>;
}
