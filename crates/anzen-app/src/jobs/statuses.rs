//! Stored statuses that depend on the date, recomputed daily.
//!
//! A risk's stored status (the register filters and the dashboard counts on it) depends on
//! the institutions contracting for its offering *today* (FAQ 5.1: every affected
//! institution must agree to sharing or accepting; FAQ 5.2: the residual risk is agreed
//! with them). A contract that starts or ends on a date changes that set without any write,
//! so this job recomputes the statuses of every offering's risks. Review dates need no
//! stored flag: overdue reviews are derived from `next_review` when read.

use crate::ports::{OfferingQuery, Page, Reach};
use crate::{App, AppError};

impl App {
    /// Recomputes the stored status of every risk, one offering per transaction; returns
    /// how many offerings were refreshed.
    pub async fn refresh_dated_statuses(&self) -> Result<usize, AppError> {
        let offerings = self
            .store()
            .list_offerings(Reach::Everything, &OfferingQuery::default(), Page::all())
            .await?;
        let mut refreshed = 0;
        for offering in offerings.rows {
            let mut tx = self.store().begin().await?;
            self.refresh_risk_statuses(tx.as_mut(), offering.id, None)
                .await?;
            tx.commit().await?;
            refreshed += 1;
        }
        Ok(refreshed)
    }
}
