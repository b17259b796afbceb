//! The overdue-review reminder (GL 5.1.5 (3), FAQ 5.2: the residual risk is re-evaluated
//! periodically and agreed with the institutions).

use crate::{App, AppError};

impl App {
    /// Mails the provider owning each risk whose residual-risk review is overdue, one mail
    /// per risk per (Japanese) day however many runs happen: a run first records (risk, day)
    /// under a unique key and mails only the risks it recorded; a mail that cannot be sent
    /// releases its record for a later run. Returns how many mails were sent. Without a
    /// mailer, the dashboard alone shows the overdue risks.
    pub async fn send_review_reminders(&self) -> Result<usize, AppError> {
        use crate::ports::{Page, Reach, RiskQuery};
        let Some(mailer) = self.mailer() else {
            return Ok(0);
        };
        let today = self.today_in_japan();
        let yesterday = today.yesterday().unwrap_or(today);
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
        let ids: Vec<_> = overdue.rows.iter().map(|row| row.risk.id).collect();
        let mine = self
            .store()
            .claim_review_reminders(&ids, today, self.now())
            .await?;
        let mut mailed = 0;
        for row in overdue
            .rows
            .iter()
            .filter(|row| mine.contains(&row.risk.id))
        {
            let r = &row.risk;
            let to = self.store().emails_of(r.owner).await?;
            if to.is_empty() {
                continue;
            }
            let level = r.residual.as_ref().map_or(r.inherent.level, |a| a.level);
            let due = r.next_review.map(|d| d.to_string()).unwrap_or_default();
            let mail = crate::mail::OutgoingMail {
                to,
                subject: format!(
                    "[anzen] 残存リスクの見直し期限超過: {} / residual-risk review overdue: {}",
                    r.title, r.title
                ),
                body: format!(
                    "次のリスクの残存リスクの見直し期限（{due}）が過ぎています（GL 5.1.5 (3)、FAQ 5.2: 定期的に再評価し、医療機関等と合意してください）。\n\
                     The residual-risk review of this risk was due on {due} (GL 5.1.5 (3), FAQ 5.2: re-evaluate periodically and agree it with the institutions).\n\n\
                     - [{level}] {} (id {})\n",
                    r.title, r.id
                ),
            };
            match mailer.send(&mail).await {
                Ok(()) => mailed += 1,
                Err(e) => {
                    tracing::warn!(error = %e, risk = %r.id, "a review reminder could not be mailed");
                    self.store().release_review_reminder(r.id, today).await?;
                }
            }
        }
        Ok(mailed)
    }
}
