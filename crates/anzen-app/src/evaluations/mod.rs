//! Safety-management evaluations of an offering (GL 4.3; Table 4-1 ②-4): recorded by the
//! offering's provider, read by the institutions contracting the offering (never by a
//! partner), each finding able to raise a risk of the offering's register (GL 5.1.1) or a
//! planned (対応予定) Appendix 2 statement (FAQ 5.3) in the same transaction; the latest
//! evaluation answers Table 4-1 ②-4.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::controls::{ApplicabilityInput, StatementSubject};
use anzen_domain::evaluation::{FollowUp, NewEvaluation, check_follow_up, latest};
use anzen_domain::ids::{EvaluationId, OfferingId};

use crate::audit::event;
use crate::controls::StatementInput;
use crate::ports::StoredEvaluation;
use crate::risks::RiskInput;
use crate::{App, AppError, Caller, new_uuid};

/// What a finding raises, as typed.
#[derive(Debug, Clone)]
pub enum FollowUpInput {
    /// A risk of the offering's register; `offering` is set from the evaluation.
    Risk(RiskInput),
    /// A planned Appendix 2 statement: the control, what will be done and by when.
    PlannedStatement {
        catalogue_version: String,
        key: String,
        what: String,
        by: String,
    },
}

fn json(e: &StoredEvaluation) -> serde_json::Value {
    serde_json::to_value(e).expect("an evaluation serialises")
}

impl App {
    /// Records an evaluation of an offering of the caller's organisation (GL 4.3).
    pub async fn record_evaluation(
        &self,
        caller: &Caller,
        offering: OfferingId,
        input: NewEvaluation,
    ) -> Result<StoredEvaluation, AppError> {
        let reach = self.reach(caller, Subject::Evaluations, Action::Write)?;
        let evaluation = input.validate(self.today_in_japan())?;
        let mut tx = self.store().begin().await?;
        let o = tx
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        let now = self.now();
        let stored = StoredEvaluation {
            id: EvaluationId::from_uuid(new_uuid()),
            org: o.provider,
            offering: o.id,
            revision: 1,
            evaluation,
            recorded_by: caller.label(),
            recorded_at: now,
        };
        tx.insert_evaluation(&stored).await?;
        let e = &stored.evaluation;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "safety_evaluation.create",
                "safety_evaluation",
                stored.id,
                Some(o.provider),
                None,
                Some(&json(&stored)),
                format!(
                    "{}: {} {} → {}（指摘 {} 件）",
                    o.name,
                    e.evaluated_on,
                    e.evaluator_type.label_ja(),
                    e.result.label_ja(),
                    e.findings.len()
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The evaluations of an offering within reach, newest evaluated first.
    pub async fn list_evaluations(
        &self,
        caller: &Caller,
        offering: OfferingId,
    ) -> Result<Vec<StoredEvaluation>, AppError> {
        let reach = self.reach(caller, Subject::Evaluations, Action::Read)?;
        // The offering must be within reach (an institution: one it contracts).
        self.store()
            .offering(
                self.reach(caller, Subject::Offerings, Action::Read)?,
                offering,
            )
            .await
            .map_err(AppError::from_store("offering"))?;
        let mut all = self.store().evaluations(reach, Some(offering)).await?;
        all.reverse();
        all.sort_by_key(|e| std::cmp::Reverse(e.evaluation.evaluated_on));
        Ok(all)
    }

    /// One evaluation within reach.
    pub async fn evaluation(
        &self,
        caller: &Caller,
        id: EvaluationId,
    ) -> Result<StoredEvaluation, AppError> {
        let reach = self.reach(caller, Subject::Evaluations, Action::Read)?;
        self.store()
            .evaluation(reach, id)
            .await
            .map_err(AppError::from_store("evaluation"))
    }

    /// Raises the follow-up of finding `index` (from 0) of an evaluation: a risk of the
    /// offering's register (through the risk use-case, GL 5.1.1) or a planned Appendix 2
    /// statement (through the statement use-case, FAQ 5.3), and links it to the finding,
    /// all in one transaction. A finding raises one follow-up; `revision` is the
    /// evaluation's revision the caller read (stale: 409).
    pub async fn raise_finding(
        &self,
        caller: &Caller,
        id: EvaluationId,
        index: usize,
        revision: Option<i64>,
        input: FollowUpInput,
    ) -> Result<StoredEvaluation, AppError> {
        let reach = self.reach(caller, Subject::Evaluations, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let before = tx
            .evaluation(reach, id)
            .await
            .map_err(AppError::from_store("evaluation"))?;
        crate::error::check_revision(revision, before.revision)?;
        check_follow_up(&before.evaluation, index)?;
        let finding = &before.evaluation.findings[index];
        let follow_up = match input {
            FollowUpInput::Risk(mut r) => {
                r.offering = before.offering.to_string();
                if r.title.trim().is_empty() {
                    r.title = finding.text.chars().take(80).collect();
                }
                if r.threat.trim().is_empty() {
                    r.threat = finding.text.clone();
                }
                let risk = self.add_risk_in(tx.as_mut(), caller, r).await?;
                FollowUp::Risk { risk: risk.id }
            }
            FollowUpInput::PlannedStatement {
                catalogue_version,
                key,
                what,
                by,
            } => {
                let what = if what.trim().is_empty() {
                    finding.text.clone()
                } else {
                    what
                };
                let s = self
                    .set_statement_in(
                        tx.as_mut(),
                        caller,
                        before.offering,
                        StatementInput {
                            kind: "appendix2".into(),
                            catalogue_version,
                            key,
                            applicability: ApplicabilityInput {
                                status: Some("planned".into()),
                                what: Some(what),
                                by: Some(by),
                                ..ApplicabilityInput::default()
                            },
                            risks: Vec::new(),
                            revision: None,
                        },
                    )
                    .await?;
                match s.statement.subject() {
                    StatementSubject::Appendix2 {
                        catalogue_version,
                        key,
                    } => FollowUp::PlannedStatement {
                        catalogue_version: catalogue_version.clone(),
                        key: key.clone(),
                    },
                    other => {
                        return Err(AppError::Internal(format!(
                            "a planned Appendix 2 statement was stored on {}",
                            other.key()
                        )));
                    }
                }
            }
        };
        let mut after = before.clone();
        after.revision = before.revision + 1;
        after.evaluation.findings[index].follow_up = Some(follow_up.clone());
        tx.update_evaluation(&after, before.revision, self.now())
            .await
            .map_err(AppError::from_store("evaluation"))?;
        let what = match &follow_up {
            FollowUp::Risk { risk } => format!("リスク {risk}"),
            FollowUp::PlannedStatement { key, .. } => format!("別紙2 {key} 対応予定"),
        };
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "safety_evaluation.raise",
                "safety_evaluation",
                after.id,
                Some(after.org),
                Some(&json(&before)),
                Some(&json(&after)),
                format!("指摘事項 {} → {what}", index + 1),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// The answer to Table 4-1 ②-4 from the provider's evaluations: the latest evaluation
    /// of each of `offerings` (those an institution contracts: id and name), with its date,
    /// evaluator type and result (GL 4.3); `None` when none has one (the provider answers
    /// by hand).
    pub async fn evaluation_answer(
        &self,
        caller: &Caller,
        offerings: &[(OfferingId, String)],
    ) -> Result<Option<String>, AppError> {
        if offerings.is_empty() {
            return Ok(None);
        }
        let reach = self.reach(caller, Subject::Evaluations, Action::Read)?;
        let all = self.store().evaluations(reach, None).await?;
        let (mut ja, mut en) = (Vec::new(), Vec::new());
        for (id, name) in offerings {
            let Some(e) = latest(
                all.iter()
                    .filter(|e| e.offering == *id)
                    .map(|e| &e.evaluation),
            ) else {
                continue;
            };
            let (j, n) = e.table_4_1_answer(name);
            ja.push(j);
            en.push(n);
        }
        if ja.is_empty() {
            return Ok(None);
        }
        Ok(Some(format!("{} / {}", ja.join(" "), en.join(" "))))
    }
}

/// The refusal of a finding index that is not a number.
pub fn finding_index(raw: &str) -> Result<usize, FieldError> {
    raw.trim().parse::<usize>().map_err(|_| {
        FieldError::new(
            "finding",
            format!("`{raw}` is not a finding number (from 0)"),
        )
    })
}
