//! The rules of the crisis response (GL 3.2 危機管理対応時, FAQ 3), as pure functions: who
//! records, acknowledges, answers and closes, and what each accepts.

use jiff::Timestamp;

use super::{
    AnswerRecord, Incident, IncidentInput, MAX_AFFECTED, PreventionAnswer, UpdateInput,
    ValidIncident, ValidUpdate, optional_text, parse_moment, required_text,
};
use crate::FieldError;
use crate::access::{Principal, Role};
use crate::ids::OrgId;
use crate::risk::Cia;
use crate::risk::rules::{RuleRef, refuse};
use crate::text::Name;

/// Why a rule refused: the caller may not do this at all, the input is wrong, or the
/// incident's state does not allow it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not this caller's to do (403).
    Forbidden(RuleRef),
    /// The input is wrong (422).
    Invalid(FieldError),
    /// The incident's state does not allow it (409).
    Conflict(RuleRef),
}

impl From<FieldError> for Refusal {
    fn from(e: FieldError) -> Self {
        Refusal::Invalid(e)
    }
}

impl RuleRef {
    /// The text users read: English, the reference, Japanese.
    pub fn text(&self) -> String {
        format!("{} ({}) / {}", self.en, self.reference, self.ja)
    }
}

pub const RECORD_ONLY_BY_PROVIDER: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時",
    ja: "インシデントを記録・更新・終結するのは、提供サービスの提供事業者の利用者です",
    en: "an incident is recorded, updated and closed by a user of the offering's provider (GL 3.2 crisis response)",
};
pub const AFFECTED_REQUIRED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a)",
    ja: "影響を受ける医療機関等を1つ以上指定してください。指定した医療機関等に報告されます",
    en: "name at least one affected institution; the incident is reported to those named",
};
pub const AFFECTED_NOT_CONTRACTING: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a), FAQ 3",
    ja: "この提供サービスを契約している医療機関等ではありません",
    en: "is not an institution contracting this offering",
};
pub const IMPACT_REQUIRED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時",
    ja: "インシデントは機密性・完全性・可用性のいずれかが損なわれた事象です。損なわれたものを1つ以上選んでください",
    en: "an incident is harm to confidentiality, integrity or availability: choose at least one",
};
pub const DETECTED_BEFORE_OCCURRED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a)",
    ja: "検知日時は発生日時より後でなければなりません",
    en: "an incident is detected at or after it occurred",
};
pub const IN_THE_FUTURE: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a)",
    ja: "未来の日時は記録できません",
    en: "a moment in the future cannot be recorded",
};
pub const PREVENTION_NEEDS_CAUSE: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a), (c)",
    ja: "再発防止策は原因に基づいて提案します。先に原因を記載してください",
    en: "prevention measures answer the cause: record the cause first",
};
pub const CLOSED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "このインシデントは終結しています",
    en: "this incident is closed",
};
pub const ACK_ONLY_BY_INSTITUTION: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a)",
    ja: "受領を確認するのは、影響を受ける医療機関等の利用者（自らの医療機関等の分のみ）です",
    en: "the report is acknowledged by a user of an affected institution, for that institution only",
};
pub const ALREADY_ACKNOWLEDGED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (a)",
    ja: "貴医療機関等はこの報告の受領を確認済みです",
    en: "your institution already acknowledged this report",
};
pub const ANSWER_ONLY_BY_INSTITUTION: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "再発防止策に合意する・しないを回答するのは、影響を受ける医療機関等の利用者（自らの医療機関等の分のみ）です",
    en: "the prevention measures are agreed or declined by a user of an affected institution, for that institution only",
};
pub const NOTHING_PROPOSED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "再発防止策はまだ提案されていません",
    en: "no prevention measures have been proposed yet",
};
pub const PREVENTION_STALE: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "表示後に再発防止策が変更されました。新しい内容を確認してから回答してください",
    en: "the prevention measures changed after you opened them; read the new ones before answering",
};
pub const ALREADY_ANSWERED: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "この再発防止策には回答済みです。提供事業者が見直した後に改めて回答できます",
    en: "your institution already answered these prevention measures; you can answer again once the provider revises them",
};
pub const DECLINE_NEEDS_REASON: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "合意しない理由を記載してください。提供事業者は再発防止策を見直します",
    en: "give the reason for declining; the provider revises the measures",
};
pub const CLOSE_NEEDS_AGREEMENT: RuleRef = RuleRef {
    reference: "GL 3.2 危機管理対応時 (c)",
    ja: "終結には、原因と再発防止策の記載、および影響を受けたすべての医療機関等の再発防止策への合意が必要です",
    en: "closing needs the cause, the prevention measures, and every affected institution's agreement to them as they stand",
};

fn is_provider_user(principal: &Principal, provider: OrgId) -> bool {
    matches!(principal.role, Role::ProviderAdmin | Role::ProviderMember)
        && principal.org == provider
}

/// Whether `principal` may record, update and close the incidents of an offering of
/// `provider`: only the provider's own users (GL 3.2: the crisis-response duties (a)–(c) are
/// the provider's). `None` is an operator at the server's command line, who may.
pub fn check_recorder(principal: Option<&Principal>, provider: OrgId) -> Result<(), Refusal> {
    match principal {
        None => Ok(()),
        Some(p) if is_provider_user(p, provider) => Ok(()),
        Some(_) => Err(Refusal::Forbidden(RECORD_ONLY_BY_PROVIDER)),
    }
}

fn impact_of(input: &IncidentInput) -> Result<Cia, FieldError> {
    let impact = Cia {
        confidentiality: input.confidentiality,
        integrity: input.integrity,
        availability: input.availability,
    };
    if impact.any() {
        Ok(impact)
    } else {
        Err(refuse("impact", IMPACT_REQUIRED))
    }
}

/// The affected institutions named by id: at least one, at most [`MAX_AFFECTED`], each an
/// institution contracting the offering (`contracting`); a repeated id counts once.
pub fn parse_affected(raw: &[String], contracting: &[OrgId]) -> Result<Vec<OrgId>, FieldError> {
    if raw.len() > MAX_AFFECTED {
        return Err(FieldError::new(
            "affected",
            format!("at most {MAX_AFFECTED} institutions"),
        ));
    }
    let mut out: Vec<OrgId> = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let field = format!("affected[{i}]");
        let id = OrgId::parse_field(&field, r)?;
        if !contracting.contains(&id) {
            return Err(FieldError::new(
                field,
                format!(
                    "{id} {} ({}) / {}",
                    AFFECTED_NOT_CONTRACTING.en,
                    AFFECTED_NOT_CONTRACTING.reference,
                    AFFECTED_NOT_CONTRACTING.ja
                ),
            ));
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    if out.is_empty() {
        return Err(refuse("affected", AFFECTED_REQUIRED));
    }
    Ok(out)
}

/// Validates a new incident of an offering whose contracting institutions are
/// `contracting`, recorded at `now`: every field bounded, at least one of C/I/A harmed, the
/// detection at or after the occurrence and neither in the future, the affected institutions
/// among those contracting, prevention measures only with a cause.
pub fn check_record(
    input: &IncidentInput,
    contracting: &[OrgId],
    now: Timestamp,
) -> Result<ValidIncident, FieldError> {
    let title = Name::parse("title", &input.title)?;
    let description = required_text("description", &input.description)?;
    let occurred_at = parse_moment("occurred_at", &input.occurred_at)?;
    let detected_at = parse_moment("detected_at", &input.detected_at)?;
    if occurred_at > now {
        return Err(refuse("occurred_at", IN_THE_FUTURE));
    }
    if detected_at > now {
        return Err(refuse("detected_at", IN_THE_FUTURE));
    }
    if detected_at < occurred_at {
        return Err(refuse("detected_at", DETECTED_BEFORE_OCCURRED));
    }
    let impact = impact_of(input)?;
    let affected = parse_affected(&input.affected, contracting)?;
    let update = check_texts(&UpdateInput {
        actions: input.actions.clone(),
        cause: input.cause.clone(),
        prevention: input.prevention.clone(),
    })?;
    Ok(ValidIncident {
        title,
        description,
        occurred_at,
        detected_at,
        impact,
        affected,
        actions: update.actions,
        cause: update.cause,
        prevention: update.prevention,
    })
}

fn check_texts(input: &UpdateInput) -> Result<ValidUpdate, FieldError> {
    let actions = optional_text("actions", &input.actions)?;
    let cause = optional_text("cause", &input.cause)?;
    let prevention = optional_text("prevention", &input.prevention)?;
    if prevention.is_some() && cause.is_none() {
        return Err(refuse("prevention", PREVENTION_NEEDS_CAUSE));
    }
    Ok(ValidUpdate {
        actions,
        cause,
        prevention,
    })
}

/// Validates an update of the actions, cause and prevention measures by `principal` (`None`:
/// an operator): the provider's users only, not once the incident is closed.
pub fn check_update(
    principal: Option<&Principal>,
    incident: &Incident,
    input: &UpdateInput,
) -> Result<ValidUpdate, Refusal> {
    check_recorder(principal, incident.provider)?;
    if incident.closed_at.is_some() {
        return Err(Refusal::Conflict(CLOSED));
    }
    Ok(check_texts(input)?)
}

fn check_institution(
    principal: &Principal,
    incident: &Incident,
    rule: RuleRef,
) -> Result<(), Refusal> {
    if principal.role != Role::InstitutionReviewer || incident.party(principal.org).is_none() {
        return Err(Refusal::Forbidden(rule));
    }
    Ok(())
}

/// Checks that `principal` may acknowledge the report of `incident` for its institution: a
/// reviewer of an affected institution, once (GL 3.2 (a): the institution confirms it was
/// told).
pub fn check_acknowledge(principal: &Principal, incident: &Incident) -> Result<(), Refusal> {
    check_institution(principal, incident, ACK_ONLY_BY_INSTITUTION)?;
    if incident
        .party(principal.org)
        .is_some_and(|p| p.acknowledged_at.is_some())
    {
        return Err(Refusal::Conflict(ALREADY_ACKNOWLEDGED));
    }
    Ok(())
}

/// Checks `principal`'s answer to the prevention measures of `incident` as shown to them
/// (version `seen`) and returns it as recorded (GL 3.2 (c): the measures are agreed with
/// the institutions). A reviewer of an affected institution answers for its institution
/// only, the current version of proposed measures of an open incident, once per version; a
/// decline needs its reason (the provider revises the measures, and the institution is asked
/// again).
pub fn check_answer(
    principal: &Principal,
    incident: &Incident,
    seen: i64,
    answer: PreventionAnswer,
    reason: &str,
    at: Timestamp,
) -> Result<AnswerRecord, Refusal> {
    check_institution(principal, incident, ANSWER_ONLY_BY_INSTITUTION)?;
    if incident.closed_at.is_some() {
        return Err(Refusal::Conflict(CLOSED));
    }
    if incident.prevention.is_none() {
        return Err(Refusal::Invalid(refuse("prevention", NOTHING_PROPOSED)));
    }
    if seen != incident.prevention_version {
        return Err(Refusal::Conflict(PREVENTION_STALE));
    }
    let reason = optional_text("reason", reason)?;
    if answer == PreventionAnswer::Declined && reason.is_none() {
        return Err(Refusal::Invalid(refuse("reason", DECLINE_NEEDS_REASON)));
    }
    if incident
        .party(principal.org)
        .and_then(|p| p.answer_to(incident.prevention_version))
        .is_some()
    {
        return Err(Refusal::Conflict(ALREADY_ANSWERED));
    }
    Ok(AnswerRecord {
        answer,
        reason,
        version: incident.prevention_version,
        by: principal.name.clone(),
        at,
    })
}

/// The affected institutions that have not agreed to the prevention measures as they stand.
pub fn pending_agreement(incident: &Incident) -> Vec<OrgId> {
    incident
        .parties
        .iter()
        .filter(|p| {
            p.answer_to(incident.prevention_version)
                .is_none_or(|a| a.answer != PreventionAnswer::Agreed)
        })
        .map(|p| p.institution)
        .collect()
}

/// Checks that `principal` may close `incident`: the provider's users, an open incident with
/// its cause and prevention measures recorded and agreed by every affected institution as
/// they stand (GL 3.2 (c): the crisis response ends with agreed 再発防止策).
pub fn check_close(principal: Option<&Principal>, incident: &Incident) -> Result<(), Refusal> {
    check_recorder(principal, incident.provider)?;
    if incident.closed_at.is_some() {
        return Err(Refusal::Conflict(CLOSED));
    }
    if incident.cause.is_none()
        || incident.prevention.is_none()
        || !pending_agreement(incident).is_empty()
    {
        return Err(Refusal::Invalid(refuse(
            "prevention",
            CLOSE_NEEDS_AGREEMENT,
        )));
    }
    Ok(())
}
