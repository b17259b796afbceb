//! Background work, run from the shared job queue by whichever app node claims it first.

use jiff::SignedDuration;

use crate::ports::Job;
use crate::{App, AppError, new_uuid};

/// Removes expired sessions and old throttle windows; re-schedules itself.
pub const PURGE_SESSIONS: &str = "purge_sessions";

/// Mails each provider the risks whose residual-risk review is overdue (GL 5.1.5 (3), FAQ
/// 5.2); runs daily.
pub const REVIEW_REMINDERS: &str = "review_reminders";

impl App {
    /// Makes sure the recurring jobs are queued (once, however many nodes call it).
    pub async fn schedule_recurring_jobs(&self) -> Result<(), AppError> {
        for kind in [PURGE_SESSIONS, REVIEW_REMINDERS] {
            if self.store().pending_of_kind(kind).await? == 0 {
                let job = Job {
                    id: new_uuid().to_string(),
                    kind: kind.into(),
                    payload: "{}".into(),
                    run_after: self.now(),
                    attempts: 0,
                };
                self.store().enqueue(&job, self.now()).await?;
            }
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
            REVIEW_REMINDERS => {
                self.send_review_reminders().await?;
                let now = self.now();
                let next = Job {
                    id: new_uuid().to_string(),
                    kind: REVIEW_REMINDERS.into(),
                    payload: "{}".into(),
                    run_after: now
                        .checked_add(SignedDuration::from_hours(24))
                        .unwrap_or(now),
                    attempts: 0,
                };
                self.store().enqueue(&next, now).await?;
                Ok(())
            }
            other => Err(AppError::Internal(format!("unknown job kind `{other}`"))),
        }
    }
}

impl App {
    /// Mails every provider with overdue reviews the list of them; returns how many
    /// providers were mailed. Without a mailer, the dashboard alone shows them.
    pub async fn send_review_reminders(&self) -> Result<usize, AppError> {
        use crate::ports::{Page, Reach, RiskQuery};
        let Some(mailer) = self.mailer() else {
            return Ok(0);
        };
        let yesterday = self
            .today_in_japan()
            .yesterday()
            .unwrap_or(self.today_in_japan());
        let overdue = self
            .store()
            .list_risks(
                Reach::Everything,
                &RiskQuery {
                    review_due_by: Some(yesterday),
                    ..Default::default()
                },
                Page::all(),
            )
            .await?;
        let mut by_owner: std::collections::BTreeMap<anzen_domain::ids::OrgId, Vec<String>> =
            std::collections::BTreeMap::new();
        for row in &overdue.rows {
            let r = &row.risk;
            by_owner.entry(r.owner).or_default().push(format!(
                "- [{}] {} (見直し期限 / review due {})",
                r.residual.as_ref().map_or(r.inherent.level, |a| a.level),
                r.title,
                r.next_review.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
        let mut mailed = 0;
        for (owner, lines) in by_owner {
            let to = self.store().emails_of(owner).await?;
            if to.is_empty() {
                continue;
            }
            let mail = crate::mail::OutgoingMail {
                to,
                subject: format!(
                    "[anzen] 残存リスクの見直し期限超過 {} 件 / {} residual-risk reviews overdue",
                    lines.len(),
                    lines.len()
                ),
                body: format!(
                    "次のリスクの残存リスクの見直し期限が過ぎています（GL 5.1.5 (3)、FAQ 5.2: 定期的に再評価し、医療機関等と合意してください）。\n\
                     The residual-risk review of these risks is overdue (GL 5.1.5 (3), FAQ 5.2: re-evaluate periodically and agree it with the institutions).\n\n{}\n",
                    lines.join("\n")
                ),
            };
            match mailer.send(&mail).await {
                Ok(()) => mailed += 1,
                Err(e) => tracing::warn!(error = %e, "a review reminder could not be mailed"),
            }
        }
        Ok(mailed)
    }
}
