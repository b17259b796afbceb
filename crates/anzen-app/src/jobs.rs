//! Background work, run from the shared job queue by whichever app node claims it first.

use jiff::SignedDuration;

use crate::ports::Job;
use crate::{App, AppError, new_uuid};

/// Removes expired sessions and old throttle windows; re-schedules itself.
pub const PURGE_SESSIONS: &str = "purge_sessions";

impl App {
    /// Makes sure the recurring jobs are queued (once, however many nodes call it).
    pub async fn schedule_recurring_jobs(&self) -> Result<(), AppError> {
        if self.store().pending_of_kind(PURGE_SESSIONS).await? == 0 {
            let job = Job {
                id: new_uuid().to_string(),
                kind: PURGE_SESSIONS.into(),
                payload: "{}".into(),
                run_after: self.now(),
                attempts: 0,
            };
            self.store().enqueue(&job, self.now()).await?;
        }
        Ok(())
    }

    /// Claims and runs due jobs until none is left; returns how many ran.
    pub async fn run_due_jobs(&self, worker: &str) -> Result<usize, AppError> {
        let mut ran = 0;
        loop {
            let now = self.now();
            let lease = now.checked_add(SignedDuration::from_mins(5)).unwrap_or(now);
            let Some(job) = self.store().claim(worker, now, lease).await? else {
                return Ok(ran);
            };
            match self.run_job(&job).await {
                Ok(()) => self.store().complete(&job.id, worker, self.now()).await?,
                Err(e) => {
                    let backoff = SignedDuration::from_secs(60 * job.attempts.clamp(1, 60));
                    let retry = self.now().checked_add(backoff).unwrap_or(now);
                    tracing::warn!(job = %job.id, kind = %job.kind, error = %e, "job failed; will retry");
                    self.store()
                        .fail(&job.id, worker, &e.to_string(), retry)
                        .await?;
                }
            }
            ran += 1;
        }
    }

    async fn run_job(&self, job: &Job) -> Result<(), AppError> {
        match job.kind.as_str() {
            PURGE_SESSIONS => {
                let now = self.now();
                let idle_before = now.checked_sub(self.settings().session_idle).unwrap_or(now);
                let removed = self
                    .store()
                    .delete_expired_sessions(now, idle_before)
                    .await?;
                if removed > 0 {
                    tracing::info!(sessions = removed, "removed expired sessions");
                }
                let next = Job {
                    id: new_uuid().to_string(),
                    kind: PURGE_SESSIONS.into(),
                    payload: "{}".into(),
                    run_after: now
                        .checked_add(SignedDuration::from_mins(10))
                        .unwrap_or(now),
                    attempts: 0,
                };
                self.store().enqueue(&next, now).await?;
                Ok(())
            }
            crate::chain::NOTIFICATION_MAIL => self.send_notification_mail(&job.payload).await,
            other => Err(AppError::Internal(format!("unknown job kind `{other}`"))),
        }
    }
}
