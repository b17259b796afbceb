//! The institution's voice on a risk (GL 5.1.6 (1), GL 3.1.2, FAQ 5.1, 5.2): declining the
//! content shown with a reason, asking a question, and the provider's answers. Who may do
//! what is the domain's policy (`anzen_domain::risk::voice`); each entry is written with its
//! audit entry and the risk's recomputed status in one transaction.

use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::{RiskId, ThreadEntryId};
use anzen_domain::risk::voice::{check_answer, check_decline, check_question};
use anzen_domain::risk::{EntryKind, RiskStatus, ThreadEntry};

use super::RiskDetail;
use crate::audit::event;
use crate::ports::RiskRow;
use crate::{App, AppError, Caller, new_uuid};

/// What a caller writes into a risk's thread.
enum Voice<'a> {
    Decline { seen: &'a str, reason: &'a str },
    Question { text: &'a str },
    Answer { in_reply_to: &'a str, text: &'a str },
}

impl App {
    /// An institution user declines the risk's content as shown (`seen`, its digest), with
    /// its reason. The treatment is not effective for it until the provider answers or
    /// revises the risk (GL 5.1.6 (1)).
    pub async fn decline_risk(
        &self,
        caller: &Caller,
        id: RiskId,
        seen: &str,
        reason: &str,
    ) -> Result<RiskDetail, AppError> {
        self.write_voice(caller, id, Voice::Decline { seen, reason })
            .await
    }

    /// An institution user asks a question about the risk (GL 5.1.6 (1)).
    pub async fn ask_about_risk(
        &self,
        caller: &Caller,
        id: RiskId,
        text: &str,
    ) -> Result<RiskDetail, AppError> {
        self.write_voice(caller, id, Voice::Question { text }).await
    }

    /// The provider answers a question or a decline (GL 3.1.2 duty to explain). Answering a
    /// decline lets the institution be asked again.
    pub async fn answer_on_risk(
        &self,
        caller: &Caller,
        id: RiskId,
        in_reply_to: &str,
        text: &str,
    ) -> Result<RiskDetail, AppError> {
        self.write_voice(caller, id, Voice::Answer { in_reply_to, text })
            .await
    }

    async fn write_voice(
        &self,
        caller: &Caller,
        id: RiskId,
        voice: Voice<'_>,
    ) -> Result<RiskDetail, AppError> {
        let Caller::User(principal) = caller else {
            return Err(AppError::Forbidden(
                "questions, declines and answers are written by users",
            ));
        };
        let action = match voice {
            Voice::Answer { .. } => Action::Write,
            _ => Action::Read,
        };
        let reach = self.reach(caller, Subject::Risks, action)?;
        // Parsed before anything is read: a malformed id is the caller's field.
        let reply_to = match voice {
            Voice::Answer { in_reply_to, .. } => {
                Some(ThreadEntryId::parse_field("in_reply_to", in_reply_to)?)
            }
            _ => None,
        };
        let mut tx = self.store().begin().await?;
        let row = tx
            .risk(reach, id)
            .await
            .map_err(AppError::from_store("risk"))?;
        let mut ctx = self.risk_context(tx.as_reads(), &row.risk).await?;
        let standing = ctx.standing();
        let (kind, institution, text, in_reply_to) = match voice {
            Voice::Decline { seen, reason } => {
                let reason = check_decline(principal, &row.risk, &standing, seen.trim(), reason)?;
                (EntryKind::Decline, principal.org, reason, None)
            }
            Voice::Question { text } => {
                let text = check_question(principal, standing.affected, text)?;
                (EntryKind::Question, principal.org, text, None)
            }
            Voice::Answer { text, .. } => {
                let entry = reply_to.and_then(|r| ctx.thread.iter().find(|e| e.id == r));
                let text = check_answer(principal, &row.risk, entry, text)?;
                let institution = entry.map(|e| e.institution).unwrap_or(principal.org);
                (EntryKind::Answer, institution, text, reply_to)
            }
        };
        let entry = ThreadEntry {
            id: ThreadEntryId::from_uuid(new_uuid()),
            risk: id,
            institution,
            kind,
            text,
            in_reply_to,
            digest: ctx.digest(&row.risk),
            user: principal.user,
            user_name: principal.name.clone(),
            at: self.now(),
        };
        ctx.thread.push(entry.clone());
        let status = RiskStatus::of(&ctx.state_of(&row.risk));
        tx.insert_thread_entry(row.risk.owner, &entry).await?;
        tx.set_risk_status(id, status).await?;
        let after = serde_json::to_value(&entry).expect("a thread entry serialises");
        let summary = format!(
            "{}: {} by {} ({})",
            row.risk.title,
            kind.label_en(),
            principal.name,
            status.code()
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                match kind {
                    EntryKind::Decline => "risk.decline",
                    EntryKind::Question => "risk.question",
                    EntryKind::Answer => "risk.answer",
                },
                "risk",
                id,
                Some(row.risk.owner),
                None,
                Some(&after),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(RiskDetail::of(
            RiskRow {
                risk: row.risk,
                status,
            },
            ctx,
            reach,
        ))
    }
}
