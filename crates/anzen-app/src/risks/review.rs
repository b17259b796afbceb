//! Reviews of residual risk (GL 5.1.5 (3), FAQ 5.2) and technology-change notices that mark
//! risks for review (FAQ 5.2: four-digit passwords → longer passwords → multi-factor). A
//! notice names a control, and marks exactly the risks whose measures implement it; a mark is
//! cleared by reassessing the risk, never by marking it reviewed (GL 5.1.7).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::{NoticeId, OrgId, RiskId};
use anzen_domain::risk::review::{Change, REVIEW_BY_REASSESSMENT, risks_flagged_by};
use anzen_domain::risk::{ReviewReason, Risk, TechNotice};
use anzen_domain::text::{Name, optional_text};

use crate::audit::event;
use crate::ports::{Listed, Page, Reads, RiskQuery, RiskRow};
use crate::{App, AppError, Caller, new_uuid};

/// A control a notice names, as found: its key and, for an Appendix 2 item, its ASCII key
/// (measures may name either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeControl {
    pub key: String,
    pub ascii_key: Option<String>,
    /// `appendix2` or `provider`.
    pub source: &'static str,
}

/// What a notice on a control will mark: shown before it is raised.
#[derive(Debug, Clone)]
pub struct NoticePreview {
    pub control: NoticeControl,
    pub risks: Vec<RiskRow>,
}

impl App {
    /// Refused: a review is recorded by reassessing the risk (GL 5.1.7, FAQ 5.2), which
    /// clears its marks and schedules the next review. Ticking "reviewed" would end the
    /// cycle without repeating it. Kept so that the old endpoint answers with the reason.
    pub async fn mark_risk_reviewed(
        &self,
        caller: &Caller,
        id: RiskId,
        _expected_revision: Option<i64>,
    ) -> Result<Risk, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        // "Not found" first, as for every other change of a risk.
        self.store()
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?;
        Err(AppError::Conflict(REVIEW_BY_REASSESSMENT.to_owned()))
    }

    /// The control a notice names: an Appendix 2 item of the newest version the provider
    /// sees (by its key or ASCII key), or one of the provider's own controls.
    async fn notice_control(
        &self,
        db: &dyn Reads,
        org: OrgId,
        raw: &str,
    ) -> Result<NoticeControl, AppError> {
        let key = raw.trim();
        if key.is_empty() {
            return Err(FieldError::new(
                "control",
                "name the control whose technology changed: an Appendix 2 item key (e.g. 1.1/①-1 or 1.1-1-1; GET /api/v1/offerings/{id}/statements lists them) or a key of the provider's own controls",
            )
            .into());
        }
        let catalogue = self.latest_catalogue(db, Some(org)).await?;
        if let Some(item) = catalogue
            .catalogue
            .items
            .iter()
            .find(|i| i.key == key || i.ascii_key == key)
        {
            return Ok(NoticeControl {
                key: item.key.clone(),
                ascii_key: Some(item.ascii_key.clone()),
                source: "appendix2",
            });
        }
        if let Some(own) = db
            .provider_controls(org)
            .await?
            .into_iter()
            .find(|c| c.key == key)
        {
            return Ok(NoticeControl {
                key: own.key,
                ascii_key: None,
                source: "provider",
            });
        }
        Err(FieldError::new(
            "control",
            format!(
                "no control `{key}` in Appendix 2 {} or among the provider's own controls; valid keys are listed by GET /api/v1/offerings/{{id}}/statements (the statement table: every Appendix 2 item and the provider's own controls)",
                catalogue.version.version
            ),
        )
        .into())
    }

    /// The risks of `org` whose measures implement `control`, read through `db`.
    async fn risks_using(
        &self,
        db: &dyn Reads,
        org: OrgId,
        control: &NoticeControl,
    ) -> Result<Vec<RiskRow>, AppError> {
        let all = db
            .list_risks(Reach::Owned(org), &RiskQuery::default(), Page::all())
            .await?
            .rows;
        let risks: Vec<Risk> = all.iter().map(|r| r.risk.clone()).collect();
        let chosen = risks_flagged_by(
            Change::Control {
                key: &control.key,
                ascii_key: control.ascii_key.as_deref(),
            },
            &risks,
            &[],
        );
        Ok(all
            .into_iter()
            .filter(|r| chosen.contains(&r.risk.id))
            .collect())
    }

    /// The risks a notice on `control` would mark, before it is raised (FAQ 5.2).
    pub async fn preview_tech_notice(
        &self,
        caller: &Caller,
        control: &str,
    ) -> Result<NoticePreview, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let org = self.risk_owner(caller, reach)?;
        let db = self.store().as_ref();
        let control = self.notice_control(db, org, control).await?;
        let risks = self.risks_using(db, org, &control).await?;
        Ok(NoticePreview { control, risks })
    }

    /// Raises a technology-change notice on a control and marks, in the same transaction,
    /// exactly the risks whose measures implement it (FAQ 5.2), each with an audit entry.
    pub async fn raise_tech_notice(
        &self,
        caller: &Caller,
        title: &str,
        description: &str,
        control: &str,
    ) -> Result<(TechNotice, Vec<RiskId>), AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let org = self.risk_owner(caller, reach)?;
        let title = Name::parse("title", title)?;
        let description = optional_text("description", description, 4000)?.unwrap_or_default();
        let mut tx = self.store().begin().await?;
        let control = self.notice_control(tx.as_reads(), org, control).await?;
        let rows = self.risks_using(tx.as_reads(), org, &control).await?;
        let mut notice = TechNotice {
            id: NoticeId::from_uuid(new_uuid()),
            org,
            title: title.clone(),
            description,
            control: Some(control.key.clone()),
            risks_marked: 0,
            raised_by: caller.label(),
            raised_at: self.now(),
        };
        let reason = ReviewReason::TechnologyChange {
            notice: notice.id.to_string(),
            title: title.to_string(),
            control: Some(control.key.clone()),
        };
        let marked = self
            .flag_for_review(
                tx.as_mut(),
                caller,
                rows,
                Change::Control {
                    key: &control.key,
                    ascii_key: control.ascii_key.as_deref(),
                },
                &[],
                &reason,
            )
            .await?;
        notice.risks_marked = i64::try_from(marked.len()).unwrap_or(i64::MAX);
        tx.insert_notice(&notice).await?;
        let mut after = serde_json::to_value(&notice).expect("a notice serialises");
        after["risks"] =
            serde_json::json!(marked.iter().map(ToString::to_string).collect::<Vec<_>>());
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
                format!(
                    "{} on {} ({} risks marked for review)",
                    notice.title, control.key, notice.risks_marked
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok((notice, marked))
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
