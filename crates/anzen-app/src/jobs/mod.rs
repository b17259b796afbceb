//! Background work, run from the shared job queue by whichever app node claims it first.
//!
//! A recurring job is queued under a unique key (`recurring:KIND`) held while it is
//! unfinished, so however many nodes start together and queue it, the database keeps one
//! (`INSERT ... ON CONFLICT DO NOTHING`, not a check-then-insert). It re-schedules itself in
//! the transaction that completes it.

mod reminders;
mod statuses;

use anzen_domain::FieldError;
use jiff::SignedDuration;

use crate::ports::Job;
use crate::{App, AppError, new_uuid};

/// Removes expired sessions and old throttle windows; re-schedules itself.
pub const PURGE_SESSIONS: &str = "purge_sessions";

/// Mails each provider the risks whose residual-risk review is overdue (GL 5.1.5 (3), FAQ
/// 5.2); runs daily, one mail per overdue risk per day.
pub const REVIEW_REMINDERS: &str = "review_reminders";

/// Recomputes the stored statuses that depend on the date (a contract starting or ending
/// changes which institutions must agree to a treatment, FAQ 5.1); runs daily.
pub const REFRESH_STATUSES: &str = "refresh_statuses";

/// The recurring jobs and how long after a run the next one is due.
pub const RECURRING: [(&str, SignedDuration); 3] = [
    (PURGE_SESSIONS, SignedDuration::from_mins(10)),
    (REVIEW_REMINDERS, SignedDuration::from_hours(24)),
    (REFRESH_STATUSES, SignedDuration::from_hours(24)),
];

/// The names of the recurring jobs (those `anzen jobs run` accepts).
pub fn recurring_kinds() -> Vec<&'static str> {
    RECURRING.iter().map(|(k, _)| *k).collect()
}

fn recurring_key(kind: &str) -> String {
    format!("recurring:{kind}")
}

fn interval_of(kind: &str) -> Option<SignedDuration> {
    RECURRING.iter().find(|(k, _)| *k == kind).map(|(_, i)| *i)
}

/// What `run_job_now` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunNow {
    /// The job ran (and, if it failed, was given back for a retry with this error).
    Ran { error: Option<String> },
    /// Another node holds the job's lease: it is running it now.
    Busy,
}

impl App {
    /// Makes sure each recurring job is queued, once however many nodes call it at once.
    pub async fn schedule_recurring_jobs(&self) -> Result<(), AppError> {
        for (kind, _) in RECURRING {
            let job = Job {
                id: new_uuid().to_string(),
                kind: kind.into(),
                payload: "{}".into(),
                run_after: self.now(),
                attempts: 0,
            };
            self.store()
                .enqueue_once(&job, &recurring_key(kind), self.now())
                .await?;
        }
        Ok(())
    }

    /// Claims and runs due jobs until none is left; returns how many ran.
    pub async fn run_due_jobs(&self, worker: &str) -> Result<usize, AppError> {
        self.run_due_jobs_while(worker, &|| true).await
    }

    /// Claims and runs due jobs until none is left or `keep_going` says stop (checked before
    /// each claim: a stopping server finishes the job it runs and claims no other); returns
    /// how many ran.
    pub async fn run_due_jobs_while(
        &self,
        worker: &str,
        keep_going: &(dyn Fn() -> bool + Sync),
    ) -> Result<usize, AppError> {
        let mut ran = 0;
        loop {
            if !keep_going() {
                return Ok(ran);
            }
            let now = self.now();
            let lease = now.checked_add(SignedDuration::from_mins(5)).unwrap_or(now);
            let Some(job) = self.store().claim(worker, now, lease).await? else {
                return Ok(ran);
            };
            self.run_claimed(&job, worker).await?;
            ran += 1;
        }
    }

    /// Runs the pending job of the recurring `kind` now, due or not (for operators and
    /// tests); queues it first when none is. Refuses a kind that is not recurring, naming
    /// the accepted ones.
    pub async fn run_job_now(&self, kind: &str, worker: &str) -> Result<RunNow, AppError> {
        if interval_of(kind).is_none() {
            return Err(AppError::Invalid(
                FieldError::new("NAME", format!("`{kind}` is not a recurring job"))
                    .with_accepted(recurring_kinds()),
            ));
        }
        self.schedule_recurring_jobs().await?;
        let now = self.now();
        let lease = now.checked_add(SignedDuration::from_mins(5)).unwrap_or(now);
        let Some(job) = self.store().claim_of_kind(worker, kind, now, lease).await? else {
            return Ok(RunNow::Busy);
        };
        let error = self.run_claimed(&job, worker).await?;
        Ok(RunNow::Ran { error })
    }

    /// Runs a claimed job and records the outcome: completed (a recurring job queues its
    /// next run in the same transaction), or given back for a retry. Returns the job's error.
    async fn run_claimed(&self, job: &Job, worker: &str) -> Result<Option<String>, AppError> {
        match self.run_job(job).await {
            Ok(()) => {
                let now = self.now();
                match interval_of(&job.kind) {
                    Some(every) => {
                        let next = Job {
                            id: new_uuid().to_string(),
                            kind: job.kind.clone(),
                            payload: "{}".into(),
                            run_after: now.checked_add(every).unwrap_or(now),
                            attempts: 0,
                        };
                        self.store()
                            .complete_and_enqueue_once(
                                &job.id,
                                worker,
                                now,
                                &next,
                                &recurring_key(&job.kind),
                            )
                            .await?;
                    }
                    None => self.store().complete(&job.id, worker, now).await?,
                }
                Ok(None)
            }
            Err(e) => {
                let now = self.now();
                let backoff = SignedDuration::from_secs(60 * job.attempts.clamp(1, 60));
                let retry = now.checked_add(backoff).unwrap_or(now);
                tracing::warn!(job = %job.id, kind = %job.kind, error = %e, "job failed; will retry");
                self.store()
                    .fail(&job.id, worker, &e.to_string(), retry)
                    .await?;
                Ok(Some(e.to_string()))
            }
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
                Ok(())
            }
            crate::chain::NOTIFICATION_MAIL => self.send_notification_mail(&job.payload).await,
            REVIEW_REMINDERS => {
                self.send_review_reminders().await?;
                Ok(())
            }
            REFRESH_STATUSES => {
                self.refresh_dated_statuses().await?;
                Ok(())
            }
            other => Err(AppError::Internal(format!("unknown job kind `{other}`"))),
        }
    }
}
