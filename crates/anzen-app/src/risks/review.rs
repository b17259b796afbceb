//! Reviews of residual risk (GL 5.1.5 (3), FAQ 5.2) and technology-change notices that mark
//! risks for review (FAQ 5.2: four-digit passwords → longer passwords → multi-factor).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{NoticeId, RiskId};
use anzen_domain::risk::{ReviewReason, Risk, TechNotice, next_review};
use anzen_domain::text::{Name, optional_text};

use super::risk_json;
use crate::audit::event;
use crate::error::{check_revision, or_busy};
use crate::ports::{Listed, Page, RiskQuery, RiskRow};
use crate::{App, AppError, Caller, new_uuid};

impl App {
    /// Records that a risk was reviewed and its treatment still holds: the review marks are
    /// cleared and the next review is scheduled from today. (When the review changes the
    /// treatment, decide the new treatment instead; that needs the institutions again.)
    pub async fn mark_risk_reviewed(
        &self,
        caller: &Caller,
        id: RiskId,
        expected_revision: Option<i64>,
    ) -> Result<Risk, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let row = tx
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?;
        let current = row.risk;
        check_revision(expected_revision, current.revision)?;
        let matrix = tx.matrix_version(current.inherent.matrix).await?;
        let mut risk = current.clone();
        risk.review_flags.clear();
        risk.next_review = current
            .residual
            .as_ref()
            .map(|r| next_review(&matrix.matrix, r.level, self.today_in_japan()));
        let expected = current.revision;
        risk.revision = expected + 1;
        risk.updated_at = self.now();
        tx.update_risk(&risk, expected, row.status)
            .await
            .map_err(AppError::from_store("risk"))?;
        let summary = format!(
            "{}: reviewed, next review {}",
            risk.title,
            risk.next_review.map(|d| d.to_string()).unwrap_or_default()
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "risk.review",
                "risk",
                id,
                Some(risk.owner),
                Some(&risk_json(&current)),
                Some(&risk_json(&risk)),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(risk)
    }

    /// Raises a technology-change notice and marks the risks it names for review.
    pub async fn raise_tech_notice(
        &self,
        caller: &Caller,
        title: &str,
        description: &str,
        risks: &[String],
    ) -> Result<TechNotice, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let org = self.risk_owner(caller, reach)?;
        let title = Name::parse("title", title)?;
        let description = optional_text("description", description, 4000)?.unwrap_or_default();
        if risks.is_empty() {
            return Err(
                FieldError::new("risks", "name at least one risk the change affects").into(),
            );
        }
        let notice = TechNotice {
            id: NoticeId::from_uuid(new_uuid()),
            org,
            title: title.clone(),
            description,
            risks_marked: i64::try_from(risks.len()).unwrap_or(i64::MAX),
            raised_by: caller.label(),
            raised_at: self.now(),
        };
        let mut ids = Vec::new();
        for (i, raw) in risks.iter().enumerate() {
            let id = RiskId::parse_field(&format!("risks[{i}]"), raw)?;
            if !ids.iter().any(|(_, seen)| *seen == id) {
                ids.push((i, id));
            }
        }
        let mut tx = self.store().begin().await?;
        let mut rows = Vec::new();
        for (i, id) in ids {
            let row = tx.risk(Reach::Owned(org), id).await.map_err(or_busy(|| {
                FieldError::new(format!("risks[{i}]"), format!("no risk with id {id}"))
            }))?;
            rows.push(row);
        }
        for row in rows {
            let mut risk = row.risk;
            let expected = risk.revision;
            risk.review_flags.push(ReviewReason::TechnologyChange {
                notice: notice.id.to_string(),
                title: title.to_string(),
            });
            risk.revision += 1;
            risk.updated_at = self.now();
            tx.update_risk(&risk, expected, row.status)
                .await
                .map_err(AppError::from_store("risk"))?;
        }
        tx.insert_notice(&notice).await?;
        let after = serde_json::to_value(&notice).expect("a notice serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "tech_notice.create",
                "tech_notice",
                notice.id,
                Some(org),
                None,
                Some(&after),
                format!("{} ({} risks)", notice.title, notice.risks_marked),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(notice)
    }

    /// Risks whose review date passed or that are marked for review.
    pub async fn risks_to_review(
        &self,
        caller: &Caller,
        page: Page,
    ) -> Result<(Listed<RiskRow>, Listed<RiskRow>), AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        let yesterday = self
            .today_in_japan()
            .yesterday()
            .unwrap_or(self.today_in_japan());
        let overdue = self
            .store()
            .list_risks(
                reach,
                &RiskQuery {
                    review_due_by: Some(yesterday),
                    ..Default::default()
                },
                page,
            )
            .await?;
        let flagged = self
            .store()
            .list_risks(
                reach,
                &RiskQuery {
                    flagged: true,
                    ..Default::default()
                },
                page,
            )
            .await?;
        Ok((overdue, flagged))
    }
}
