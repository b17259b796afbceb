//! The job port: a queue in the database that every app node shares.

use async_trait::async_trait;
use jiff::Timestamp;
use jiff::civil::Date;

use anzen_domain::ids::RiskId;

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
    /// Queues `job` holding the unique `key` until it completes: does nothing (false) when an
    /// unfinished job already holds the key. The database decides (a unique index and
    /// `INSERT ... ON CONFLICT DO NOTHING`), so nodes starting together queue it once.
    async fn enqueue_once(&self, job: &Job, key: &str, now: Timestamp) -> Result<bool, StoreError>;
    /// Completes a claimed job, releasing its key, and queues `next` under `key` in the same
    /// transaction (a recurring job re-scheduling itself).
    async fn complete_and_enqueue_once(
        &self,
        id: &str,
        worker: &str,
        now: Timestamp,
        next: &Job,
        key: &str,
    ) -> Result<(), StoreError>;
    /// Claims the oldest unfinished job of `kind` not leased by another worker, due or not
    /// (an operator runs it now); none when there is none.
    async fn claim_of_kind(
        &self,
        worker: &str,
        kind: &str,
        now: Timestamp,
        lease_until: Timestamp,
    ) -> Result<Option<Job>, StoreError>;
    /// Records that the overdue-review reminder of each of `risks` for `day` is being sent,
    /// and returns those not recorded before (the ones this run may mail): one reminder per
    /// risk per day however many runs happen.
    async fn claim_review_reminders(
        &self,
        risks: &[RiskId],
        day: Date,
        now: Timestamp,
    ) -> Result<Vec<RiskId>, StoreError>;
    /// Forgets the reminder of `risk` for `day` (its mail could not be sent).
    async fn release_review_reminder(&self, risk: RiskId, day: Date) -> Result<(), StoreError>;
}
