//! The rules of risk treatment, consent and review (GL 5.1.3–5.1.5, FAQ 5.1, 5.2), as pure
//! functions.

use jiff::Timestamp;
use jiff::civil::Date;

use super::matrix::{Requirement, RiskLevel, RiskMatrix};
use super::register::{Assessment, Risk, Treatment, TreatmentOption};
use crate::FieldError;
use crate::access::{Principal, Role};
use crate::ids::{OrgId, RiskId, UserId};

/// The text of one rule: its reference and its message in Japanese and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleRef {
    pub reference: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
}

/// A refusal by a rule: the field at fault and the rule's reference and texts.
pub fn refuse(field: &str, rule: RuleRef) -> FieldError {
    FieldError::new(
        field,
        format!("{} ({}) / {}", rule.en, rule.reference, rule.ja),
    )
}

pub const MANDATORY_NOT_BY_ACCEPTING: RuleRef = RuleRef {
    reference: "GL 5.1.3 表5-2, FAQ 5.1",
    ja: "このリスクレベルは対応必須であり、リスク受容のみで終えることはできません",
    en: "this risk level requires treatment; accepting it alone cannot close it",
};
pub const MANDATORY_MEASURES: RuleRef = RuleRef {
    reference: "GL 5.1.3 表5-2",
    ja: "このリスクレベルには定められた数以上の対策が必要です",
    en: "this risk level needs at least the required number of measures",
};
pub const DECISION_NEEDS_REASON: RuleRef = RuleRef {
    reference: "GL 5.1.3 表5-2, 5.1.4",
    ja: "リスク対応の選択には理由の記載が必要です",
    en: "a treatment decision needs its reason",
};
pub const SHARE_ACCEPT_NEEDS_EXPLANATION: RuleRef = RuleRef {
    reference: "FAQ 5.1, GL 3.1.2",
    ja: "リスク共有・リスク受容は、医療機関等への説明（リスク、検討した選択肢、残存リスク、選択の理由）が必要です",
    en: "sharing or accepting needs the explanation for the institution (the risk, the options weighed, the residual risk, why this choice)",
};
pub const RESIDUAL_REQUIRED: RuleRef = RuleRef {
    reference: "GL 5.1.5 (3), FAQ 5.2",
    ja: "リスク対応を決めたら残存するリスクを評価してください",
    en: "a treated risk needs its residual risk evaluated",
};
pub const RESIDUAL_NOT_ABOVE_INHERENT: RuleRef = RuleRef {
    reference: "GL 5.1.5 (3)",
    ja: "残存リスクのレベルが対応前のレベルを上回ることはありません",
    en: "the residual risk cannot be higher than the risk before treatment",
};
pub const MEASURE_NEEDS_DESCRIPTION: RuleRef = RuleRef {
    reference: "GL 5.1.5 (1)",
    ja: "対策の内容を記載してください",
    en: "a measure needs its description",
};
pub const CONSENT_ONLY_BY_INSTITUTION: RuleRef = RuleRef {
    reference: "FAQ 5.1",
    ja: "同意できるのは影響を受ける医療機関等の利用者のみです。提供事業者が単独でリスク共有・受容を有効にすることはできません",
    en: "only a user of an affected medical institution can agree; the provider alone can never make sharing or accepting effective",
};
pub const CONSENT_WRONG_INSTITUTION: RuleRef = RuleRef {
    reference: "FAQ 5.1",
    ja: "このリスクは貴医療機関等の契約に関わるものではありません",
    en: "this risk does not touch your institution's contracts",
};
pub const CONSENT_STALE: RuleRef = RuleRef {
    reference: "FAQ 5.1, 5.2",
    ja: "表示後にリスクの内容が変更されました。新しい説明を確認してから同意してください",
    en: "the risk changed after you opened it; read the new explanation before agreeing",
};
pub const CONSENT_NOTHING_TO_AGREE: RuleRef = RuleRef {
    reference: "FAQ 5.1, 5.2",
    ja: "リスク対応がまだ決まっていません",
    en: "no treatment has been decided yet",
};

/// Checks a treatment and its residual assessment against the level's criterion.
///
/// - A level whose criterion makes treatment mandatory cannot be closed by accepting alone
///   (GL 5.1.3 Table 5-2, FAQ 5.1), and reduce or share need at least the criterion's number
///   of measures (S: several, A: one); avoid needs at least one (what is stopped).
/// - Any decision needs its reason (GL 5.1.4); share and accept also need the explanation
///   for the institution: the options weighed and the residual risk (FAQ 5.1, GL 3.1.2).
/// - A treated risk needs its residual risk evaluated (GL 5.1.5 (3)), never above the
///   inherent level.
pub fn check_treatment(
    matrix: &RiskMatrix,
    inherent: &Assessment,
    treatment: &Treatment,
    residual: Option<&Assessment>,
    explanation: &str,
) -> Result<(), FieldError> {
    let criterion = matrix.criterion(inherent.level);
    for (i, m) in treatment.measures.iter().enumerate() {
        if m.description.trim().is_empty() {
            return Err(refuse(
                &format!("treatment.measures[{i}].description"),
                MEASURE_NEEDS_DESCRIPTION,
            ));
        }
    }
    if let Requirement::Mandatory { min_measures } = criterion.requirement {
        let needed = match treatment.option {
            TreatmentOption::Accept => {
                return Err(refuse("treatment.option", MANDATORY_NOT_BY_ACCEPTING)
                    .with_accepted(["reduce", "avoid", "share"]));
            }
            TreatmentOption::Avoid => 1,
            TreatmentOption::Reduce | TreatmentOption::Share => usize::from(min_measures),
        };
        if treatment.measures.len() < needed {
            let mut e = refuse("treatment.measures", MANDATORY_MEASURES);
            e.message = format!(
                "level {} needs at least {needed} measure(s): {}",
                inherent.level, e.message
            );
            return Err(e);
        }
    }
    if criterion.requirement != Requirement::NotNeeded && treatment.rationale.trim().is_empty() {
        return Err(refuse("treatment.rationale", DECISION_NEEDS_REASON));
    }
    if treatment.option.needs_institution_consent() {
        if treatment.rationale.trim().is_empty() {
            return Err(refuse(
                "treatment.rationale",
                SHARE_ACCEPT_NEEDS_EXPLANATION,
            ));
        }
        if treatment.options_considered.trim().is_empty() {
            return Err(refuse(
                "treatment.options_considered",
                SHARE_ACCEPT_NEEDS_EXPLANATION,
            ));
        }
        if explanation.trim().is_empty() {
            return Err(refuse("explanation", SHARE_ACCEPT_NEEDS_EXPLANATION));
        }
    }
    let Some(residual) = residual else {
        return Err(refuse("residual", RESIDUAL_REQUIRED));
    };
    // RiskLevel orders S first: a residual "less than" the inherent level is more severe.
    if residual.level < inherent.level {
        return Err(refuse("residual", RESIDUAL_NOT_ABOVE_INHERENT));
    }
    Ok(())
}

/// An institution's agreement to a risk's content at one moment (FAQ 5.1, 5.2): who, when,
/// and the digest of the content they saw.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Consent {
    pub risk: RiskId,
    pub institution: OrgId,
    pub user: UserId,
    pub user_name: String,
    pub at: Timestamp,
    /// [`Risk::content_digest`] when they agreed.
    pub digest: String,
}

/// Checks that `principal` may agree to `risk`, having seen content with digest `seen`.
/// `affected` are the institutions whose contracts the risk touches.
pub fn check_consent(
    principal: &Principal,
    risk: &Risk,
    affected: &[OrgId],
    seen: &str,
) -> Result<(), FieldError> {
    if principal.role != Role::InstitutionReviewer {
        return Err(refuse("institution", CONSENT_ONLY_BY_INSTITUTION));
    }
    if !affected.contains(&principal.org) {
        return Err(refuse("institution", CONSENT_WRONG_INSTITUTION));
    }
    if risk.treatment.is_none() {
        return Err(refuse("risk", CONSENT_NOTHING_TO_AGREE));
    }
    if seen != risk.content_digest() {
        return Err(refuse("digest", CONSENT_STALE));
    }
    Ok(())
}

/// Where the institutions stand on a risk's current content.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ConsentStatus {
    /// Agreed to the current content.
    pub agreed: Vec<OrgId>,
    /// Agreed to an earlier content only: re-consent needed.
    pub stale: Vec<OrgId>,
    /// Not agreed at all.
    pub missing: Vec<OrgId>,
}

impl ConsentStatus {
    /// Every affected institution agreed to the current content (and there is at least one).
    pub fn complete(&self) -> bool {
        self.stale.is_empty() && self.missing.is_empty() && !self.agreed.is_empty()
    }

    pub fn re_consent_needed(&self) -> bool {
        !self.stale.is_empty()
    }
}

/// The status of each affected institution, from every consent ever given (FAQ 5.1, 5.2: a
/// material change voids earlier consents).
pub fn consent_status(risk: &Risk, affected: &[OrgId], consents: &[Consent]) -> ConsentStatus {
    let current = risk.content_digest();
    let mut status = ConsentStatus::default();
    for org in affected {
        let theirs = consents
            .iter()
            .filter(|c| c.risk == risk.id && c.institution == *org);
        let mut any = false;
        let mut now = false;
        for c in theirs {
            any = true;
            now |= c.digest == current;
        }
        match (now, any) {
            (true, _) => status.agreed.push(*org),
            (false, true) => status.stale.push(*org),
            (false, false) => status.missing.push(*org),
        }
    }
    status
}

/// Where a risk's treatment stands.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum TreatmentState {
    /// No treatment decided, and the level needs a decision.
    Open,
    /// A level whose criterion needs no treatment, and none was decided.
    NoTreatmentNeeded,
    /// Reduce or avoid: in effect. The residual risk still wants the institutions'
    /// agreement (FAQ 5.2), shown by `consents`.
    Effective { consents: ConsentStatus },
    /// Share or accept with every affected institution's agreement to the current content.
    EffectiveByConsent { consents: ConsentStatus },
    /// Share or accept not yet agreed by every affected institution (FAQ 5.1): not in
    /// effect. `consents.stale` lists those who must agree again ("re-consent needed").
    AwaitingConsent { consents: ConsentStatus },
}

impl TreatmentState {
    pub fn is_effective(&self) -> bool {
        matches!(
            self,
            TreatmentState::Effective { .. }
                | TreatmentState::EffectiveByConsent { .. }
                | TreatmentState::NoTreatmentNeeded
        )
    }

    pub fn re_consent_needed(&self) -> bool {
        match self {
            TreatmentState::Effective { consents }
            | TreatmentState::EffectiveByConsent { consents }
            | TreatmentState::AwaitingConsent { consents } => consents.re_consent_needed(),
            _ => false,
        }
    }
}

/// The state of a risk's treatment given the affected institutions and every consent.
/// The provider alone can never make share or accept effective: with no affected
/// institution, or without each one's agreement to the current content, it awaits consent.
pub fn treatment_state(
    matrix: &RiskMatrix,
    risk: &Risk,
    affected: &[OrgId],
    consents: &[Consent],
) -> TreatmentState {
    let Some(treatment) = &risk.treatment else {
        return if matrix.criterion(risk.inherent.level).requirement == Requirement::NotNeeded {
            TreatmentState::NoTreatmentNeeded
        } else {
            TreatmentState::Open
        };
    };
    let consents = consent_status(risk, affected, consents);
    if treatment.option.needs_institution_consent() {
        if consents.complete() {
            TreatmentState::EffectiveByConsent { consents }
        } else {
            TreatmentState::AwaitingConsent { consents }
        }
    } else {
        TreatmentState::Effective { consents }
    }
}

crate::code_enum! {
    /// A risk's treatment state as stored for filtering (derived from [`TreatmentState`]).
    RiskStatus {
        Open = "open", "未対応", "Open";
        NoTreatmentNeeded = "no_treatment_needed", "対応不要", "No treatment needed";
        Effective = "effective", "対応済み", "Treated";
        AwaitingConsent = "awaiting_consent", "医療機関等の同意待ち", "Awaiting the institutions' consent";
        ReConsentNeeded = "re_consent_needed", "再同意が必要", "Re-consent needed";
    }
}

impl RiskStatus {
    pub fn of(state: &TreatmentState) -> Self {
        match state {
            TreatmentState::Open => RiskStatus::Open,
            TreatmentState::NoTreatmentNeeded => RiskStatus::NoTreatmentNeeded,
            s if s.re_consent_needed() => RiskStatus::ReConsentNeeded,
            TreatmentState::AwaitingConsent { .. } => RiskStatus::AwaitingConsent,
            TreatmentState::Effective { .. } | TreatmentState::EffectiveByConsent { .. } => {
                RiskStatus::Effective
            }
        }
    }
}

/// When a residual risk at `level`, assessed on `assessed_on`, is next reviewed.
pub fn next_review(matrix: &RiskMatrix, level: RiskLevel, assessed_on: Date) -> Date {
    let days = i64::from(matrix.criterion(level).review_interval_days);
    assessed_on
        .checked_add(jiff::Span::new().days(days))
        .unwrap_or(assessed_on)
}

/// Whether the review date has passed.
pub fn review_overdue(risk: &Risk, today: Date) -> bool {
    risk.next_review.is_some_and(|d| d < today)
}

/// Whether an assessment was made on an older matrix version than `current_version`.
pub fn assessed_on_older_matrix(risk: &Risk, current_version: i64) -> bool {
    risk.inherent.matrix_version < current_version
        || risk
            .residual
            .as_ref()
            .is_some_and(|r| r.matrix_version < current_version)
}

/// Whether a risk's measures name any of `controls` (to mark it for review when a new
/// catalogue version changes or removes them).
pub fn uses_any_control(risk: &Risk, controls: &[String]) -> bool {
    risk.treatment
        .iter()
        .flat_map(|t| t.measures.iter())
        .flat_map(|m| m.controls.iter())
        .any(|c| controls.contains(c))
}
