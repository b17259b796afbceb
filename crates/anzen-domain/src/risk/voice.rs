//! The institution's voice on a risk (GL 5.1.6 (1) risk communication, GL 3.1.2 duty to
//! explain, FAQ 5.1, 5.2): besides agreeing, an institution user may decline the content it
//! was shown, with its reason, or ask a question; the provider answers. Questions, declines
//! and answers form one thread per risk and institution, seen by the provider and by that
//! institution only.
//!
//! A decline is tied to the content shown (its digest). It stands, and keeps the treatment
//! from taking effect, until the provider answers it (explains again) or revises the risk
//! (the content, so the digest, changes). Until then the institution cannot be asked again:
//! a consent to the declined content is refused (GL 5.1.6 (1): when no agreement is reached
//! the provider reviews its treatment).

use jiff::Timestamp;

use super::register::Risk;
use super::rules::{RuleRef, Standing, consent_status, refuse};
use crate::FieldError;
use crate::access::{Principal, Role};
use crate::ids::{OrgId, RiskId, ThreadEntryId, UserId};

/// The longest text of a thread entry, in characters.
pub const MAX_THREAD_TEXT: usize = 4000;

crate::code_enum! {
    /// What an entry of a risk's thread is.
    EntryKind {
        /// An institution user's question about the risk or its treatment.
        Question = "question", "質問", "Question";
        /// An institution user's refusal of the content shown, with its reason.
        Decline = "decline", "同意しない", "Declined";
        /// The provider's answer to a question or a decline.
        Answer = "answer", "回答", "Answer";
    }
}

/// An entry of a risk's thread with one institution.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ThreadEntry {
    pub id: ThreadEntryId,
    pub risk: RiskId,
    /// The institution whose thread this is (the asker's, or the one answered).
    pub institution: OrgId,
    pub kind: EntryKind,
    pub text: String,
    /// For an answer: the question or decline it answers.
    pub in_reply_to: Option<ThreadEntryId>,
    /// [`Risk::content_digest`] of the content shown when the entry was written.
    pub digest: String,
    pub user: UserId,
    pub user_name: String,
    pub at: Timestamp,
}

pub const VOICE_ONLY_BY_INSTITUTION: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1), FAQ 5.1",
    ja: "同意しない・質問するのは、影響を受ける医療機関等の利用者です",
    en: "declining or asking is done by a user of an affected medical institution",
};
pub const VOICE_WRONG_INSTITUTION: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "このリスクは貴医療機関等の契約に関わるものではありません",
    en: "this risk does not touch your institution's contracts",
};
pub const DECLINE_NEEDS_REASON: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1), FAQ 5.1",
    ja: "同意しない理由を記載してください。提供事業者はそれに回答します",
    en: "give the reason for declining; the provider answers it",
};
pub const DECLINE_NOTHING_DECIDED: RuleRef = RuleRef {
    reference: "FAQ 5.1, 5.2",
    ja: "リスク対応がまだ決まっていません。質問はできます",
    en: "no treatment has been decided yet; you can ask a question",
};
pub const DECLINE_STALE: RuleRef = RuleRef {
    reference: "FAQ 5.1, 5.2",
    ja: "表示後にリスクの内容が変更されました。新しい内容を確認してください",
    en: "the risk changed after you opened it; read the new content first",
};
pub const DECLINE_ALREADY_OPEN: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "この内容にはすでに同意しないと回答済みで、提供事業者の回答待ちです",
    en: "you already declined this content; the provider's answer is awaited",
};
pub const DECLINE_AFTER_AGREEMENT: RuleRef = RuleRef {
    reference: "FAQ 5.1, 5.2",
    ja: "この内容にはすでに同意しています。疑問があれば質問してください",
    en: "you already agreed to this content; ask a question if something is unclear",
};
pub const DECLINE_NEEDS_ANSWER: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "この内容には同意しないと回答されています。提供事業者が回答するか内容を見直すまで、同意を求めることはできません",
    en: "this content was declined; it cannot be agreed to until the provider answers or revises the risk",
};
pub const QUESTION_NEEDS_TEXT: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "質問を記載してください",
    en: "write the question",
};
pub const ANSWER_ONLY_BY_PROVIDER: RuleRef = RuleRef {
    reference: "GL 3.1.2, 5.1.6 (1)",
    ja: "回答するのはリスクを管理する提供事業者の利用者です",
    en: "answers are given by a user of the provider that owns the risk",
};
pub const ANSWER_NEEDS_TEXT: RuleRef = RuleRef {
    reference: "GL 3.1.2, 5.1.6 (1)",
    ja: "回答（説明）を記載してください",
    en: "write the answer (the explanation)",
};
pub const ANSWER_TO_WHAT: RuleRef = RuleRef {
    reference: "GL 5.1.6 (1)",
    ja: "このリスクへの質問または同意しないとの回答を指定してください",
    en: "name a question or a decline of this risk",
};

/// A thread text: trimmed, not empty, at most [`MAX_THREAD_TEXT`] characters.
fn thread_text(field: &str, text: &str, empty: RuleRef) -> Result<String, FieldError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(refuse(field, empty));
    }
    if t.chars().count() > MAX_THREAD_TEXT {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_THREAD_TEXT} characters"),
        ));
    }
    Ok(t.to_owned())
}

fn check_institution_voice(principal: &Principal, affected: &[OrgId]) -> Result<(), FieldError> {
    if principal.role != Role::InstitutionReviewer {
        return Err(refuse("institution", VOICE_ONLY_BY_INSTITUTION));
    }
    if !affected.contains(&principal.org) {
        return Err(refuse("institution", VOICE_WRONG_INSTITUTION));
    }
    Ok(())
}

/// The decline by `institution` of the content with digest `current` that the provider has
/// not answered yet, if any.
pub fn open_decline<'a>(
    thread: &'a [ThreadEntry],
    institution: OrgId,
    current: &str,
) -> Option<&'a ThreadEntry> {
    thread.iter().find(|e| {
        e.kind == EntryKind::Decline
            && e.institution == institution
            && e.digest == current
            && !thread
                .iter()
                .any(|a| a.kind == EntryKind::Answer && a.in_reply_to == Some(e.id))
    })
}

/// Checks that `principal` may decline `risk` as shown (digest `seen`) with `reason`;
/// returns the reason as recorded. Only a reviewer of an affected institution declines (GL
/// 5.1.6 (1)), a decided treatment, the content they saw, with a reason; not content they
/// already agreed to, nor twice before the provider answers.
pub fn check_decline(
    principal: &Principal,
    risk: &Risk,
    standing: &Standing<'_>,
    seen: &str,
    reason: &str,
) -> Result<String, FieldError> {
    check_institution_voice(principal, standing.affected)?;
    let reason = thread_text("reason", reason, DECLINE_NEEDS_REASON)?;
    if risk.treatment.is_none() {
        return Err(refuse("risk", DECLINE_NOTHING_DECIDED));
    }
    let current = standing.digest(risk);
    if seen != current {
        return Err(refuse("digest", DECLINE_STALE));
    }
    if consent_status(risk, standing)
        .agreed
        .contains(&principal.org)
    {
        return Err(refuse("digest", DECLINE_AFTER_AGREEMENT));
    }
    if open_decline(standing.thread, principal.org, &current).is_some() {
        return Err(refuse("digest", DECLINE_ALREADY_OPEN));
    }
    Ok(reason)
}

/// Checks that `principal` may ask a question about a risk (any time: before the treatment
/// is decided too); returns the question as recorded.
pub fn check_question(
    principal: &Principal,
    affected: &[OrgId],
    text: &str,
) -> Result<String, FieldError> {
    check_institution_voice(principal, affected)?;
    thread_text("text", text, QUESTION_NEEDS_TEXT)
}

/// Checks that `principal` may answer `entry` of `risk` with `text`; returns the answer as
/// recorded. Only a user of the provider that owns the risk answers (GL 3.1.2: the duty to
/// explain is the provider's), and only a question or a decline of this risk.
pub fn check_answer(
    principal: &Principal,
    risk: &Risk,
    entry: Option<&ThreadEntry>,
    text: &str,
) -> Result<String, FieldError> {
    if !matches!(principal.role, Role::ProviderAdmin | Role::ProviderMember)
        || principal.org != risk.owner
    {
        return Err(refuse("in_reply_to", ANSWER_ONLY_BY_PROVIDER));
    }
    if !entry.is_some_and(|e| e.risk == risk.id && e.kind != EntryKind::Answer) {
        return Err(refuse("in_reply_to", ANSWER_TO_WHAT));
    }
    thread_text("text", text, ANSWER_NEEDS_TEXT)
}

/// Whether a reader of organisation `viewer` sees `entry` of a risk owned by `owner`: the
/// provider sees every thread, an institution only its own.
pub fn thread_visible_to(entry: &ThreadEntry, viewer: OrgId, owner: OrgId) -> bool {
    viewer == owner || entry.institution == viewer
}
