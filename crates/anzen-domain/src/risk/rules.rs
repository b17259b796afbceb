//! The rules of risk treatment, consent and review (GL 5.1.3–5.1.5, FAQ 5.1, 5.2), as pure
//! functions.

use jiff::Timestamp;
use jiff::civil::Date;

use super::matrix::{Requirement, RiskLevel, RiskMatrix};
use super::register::{Assessment, InformationFlow, Risk, Treatment, TreatmentOption};
use super::voice::{ThreadEntry, open_decline};
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

pub const TREATMENT_NO_LONGER_STANDS: RuleRef = RuleRef {
    reference: "GL 5.1.3 表5-2, 5.1.4, 5.1.5, FAQ 5.1",
    ja: "リスクレベルまたはリスク基準が変わり、決定済みのリスク対応は基準を満たさなくなりました。リスク対応を決め直してください",
    en: "the risk's level or the risk criteria changed and the decided treatment no longer meets the criterion; decide the treatment again",
};
pub const REASSESS_BELOW_RESIDUAL: RuleRef = RuleRef {
    reference: "GL 5.1.5 (3)",
    ja: "対応前のリスクを残存リスクより低く評価し直すことはできません。先に残存リスクを評価し直してください",
    en: "the risk before treatment cannot be reassessed below its residual risk; re-evaluate the residual risk first",
};

/// The risk criteria a treatment is checked against: those of the matrix version the risk
/// was assessed on and, when the provider has set a newer version since, those in force now
/// (GL 5.1.3: the organisation's criteria; a new version may tighten them).
#[derive(Debug, Clone, Copy)]
pub struct Criteria<'a> {
    pub assessed: &'a RiskMatrix,
    pub current: Option<&'a RiskMatrix>,
}

impl<'a> Criteria<'a> {
    pub fn of(assessed: &'a RiskMatrix) -> Self {
        Self {
            assessed,
            current: None,
        }
    }
}

/// An assessment's values placed on `matrix`: the level that matrix gives them. When the
/// scales no longer fit, the level as assessed.
fn on_matrix(matrix: &RiskMatrix, a: &Assessment) -> Assessment {
    Assessment {
        level: matrix.level(a.impact, a.likelihood).unwrap_or(a.level),
        ..a.clone()
    }
}

/// THE rule of whether a risk's decided treatment stands (GL 5.1.3 Table 5-2, 5.1.4, 5.1.5
/// (3), FAQ 5.1): the same [`check_treatment`] that deciding a treatment runs, against the
/// risk's level as it is now and against every criterion in force. Every write that can
/// change a level or a criterion (a treatment decision, a reassessment, a new matrix
/// version, a catalogue change, a consent) goes through here, directly or through
/// [`treatment_state`]. A risk without a treatment has nothing to stand: `Ok`.
pub fn treatment_stands(criteria: Criteria<'_>, risk: &Risk) -> Result<(), FieldError> {
    let Some(treatment) = &risk.treatment else {
        return Ok(());
    };
    check_treatment(
        criteria.assessed,
        &risk.inherent,
        treatment,
        risk.residual.as_ref(),
        &risk.explanation,
    )?;
    if let Some(current) = criteria.current {
        let inherent = on_matrix(current, &risk.inherent);
        let residual = risk.residual.as_ref().map(|r| on_matrix(current, r));
        // A level the current matrix no longer uses cannot be judged on it; the risk is
        // marked for review by the new version and judged on its own matrix until then.
        if current.criteria.iter().any(|c| c.level == inherent.level) {
            check_treatment(
                current,
                &inherent,
                treatment,
                residual.as_ref(),
                &risk.explanation,
            )?;
        }
    }
    Ok(())
}

/// A reassessment of the risk before treatment (GL 5.1.2, 5.1.3). Reassessing is never
/// refused because the treatment stops meeting the criterion: refusing would keep a level
/// the provider now knows to be wrong, and GL 5.1.7 (continuous practice) asks it to record
/// what it learns and go round the cycle again. The risk is reopened instead (see
/// [`TreatmentState::Reopened`]): shown as not treated, with the rule it breaks, and no
/// consent can make it effective until a new treatment is decided. One thing is refused: a
/// level below the residual risk, which would make the residual risk higher than the risk
/// before treatment (GL 5.1.5 (3)); the provider re-evaluates the residual risk first.
pub fn check_reassessment(risk: &Risk, inherent: &Assessment) -> Result<(), FieldError> {
    // RiskLevel orders S first: a residual "less than" the inherent level is more severe.
    if let Some(residual) = &risk.residual
        && residual.level < inherent.level
    {
        let mut e = refuse("impact", REASSESS_BELOW_RESIDUAL);
        e.message = format!(
            "level {} is below the residual level {}: {}",
            inherent.level, residual.level, e.message
        );
        return Err(e);
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

/// Everything a risk's standing is computed from besides the risk itself: the criteria, the
/// institutions it touches, every consent, its thread with the institutions, and the
/// information flow it was assessed on (part of the content they agree to).
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    pub criteria: Criteria<'a>,
    pub affected: &'a [OrgId],
    pub consents: &'a [Consent],
    pub thread: &'a [ThreadEntry],
    pub flow: Option<&'a InformationFlow>,
}

impl Standing<'_> {
    /// The digest of `risk`'s current content (with the flow it was assessed on).
    pub fn digest(&self, risk: &Risk) -> String {
        risk.content_digest(self.flow)
    }
}

/// Checks that `principal` may agree to `risk`, having seen content with digest `seen`.
/// Refused when the treatment no longer meets the criterion (a re-consent never makes a
/// treatment effective that the rules refuse, FAQ 5.1) and while the institution's decline
/// of this content waits for the provider's answer (GL 5.1.6 (1): without agreement the
/// provider reviews its treatment first).
pub fn check_consent(
    principal: &Principal,
    risk: &Risk,
    standing: &Standing<'_>,
    seen: &str,
) -> Result<(), FieldError> {
    if principal.role != Role::InstitutionReviewer {
        return Err(refuse("institution", CONSENT_ONLY_BY_INSTITUTION));
    }
    if !standing.affected.contains(&principal.org) {
        return Err(refuse("institution", CONSENT_WRONG_INSTITUTION));
    }
    if risk.treatment.is_none() {
        return Err(refuse("risk", CONSENT_NOTHING_TO_AGREE));
    }
    if let Err(e) = treatment_stands(standing.criteria, risk) {
        return Err(no_longer_stands(e));
    }
    let current = standing.digest(risk);
    if seen != current {
        return Err(refuse("digest", CONSENT_STALE));
    }
    if open_decline(standing.thread, principal.org, &current).is_some() {
        return Err(refuse("digest", super::voice::DECLINE_NEEDS_ANSWER));
    }
    Ok(())
}

/// The refusal of a treatment that no longer stands: the rule it breaks, named.
pub fn no_longer_stands(e: FieldError) -> FieldError {
    let rule = refuse(&e.field, TREATMENT_NO_LONGER_STANDS);
    FieldError {
        message: format!("{} — {}", rule.message, e.message),
        ..e
    }
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
    /// Declined the current content; the provider has not answered yet (GL 5.1.6 (1)).
    pub declined: Vec<OrgId>,
}

impl ConsentStatus {
    /// Every affected institution agreed to the current content (and there is at least one).
    pub fn complete(&self) -> bool {
        self.stale.is_empty()
            && self.missing.is_empty()
            && self.declined.is_empty()
            && !self.agreed.is_empty()
    }

    pub fn re_consent_needed(&self) -> bool {
        !self.stale.is_empty()
    }
}

/// The status of each affected institution, from every consent ever given and the thread
/// (FAQ 5.1, 5.2: a material change voids earlier consents; GL 5.1.6 (1): a decline stands
/// until the provider answers it or revises the risk).
pub fn consent_status(risk: &Risk, standing: &Standing<'_>) -> ConsentStatus {
    let current = standing.digest(risk);
    let mut status = ConsentStatus::default();
    for org in standing.affected {
        let theirs = standing
            .consents
            .iter()
            .filter(|c| c.risk == risk.id && c.institution == *org);
        let mut any = false;
        let mut now = false;
        for c in theirs {
            any = true;
            now |= c.digest == current;
        }
        if now {
            status.agreed.push(*org);
        } else if open_decline(standing.thread, *org, &current).is_some() {
            status.declined.push(*org);
        } else if any {
            status.stale.push(*org);
        } else {
            status.missing.push(*org);
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
    /// A treatment was decided but no longer meets the criterion (the level was reassessed,
    /// or a new matrix version tightened the criteria): not treated, whatever consents were
    /// given, until a new treatment is decided. `reason` names the rule it breaks.
    Reopened {
        reason: FieldError,
        consents: ConsentStatus,
    },
    /// Reduce or avoid, and every affected institution agreed to the residual risk (or no
    /// institution is affected yet): treated.
    Effective { consents: ConsentStatus },
    /// Reduce or avoid whose residual risk is not yet agreed by every affected institution
    /// (FAQ 5.2, GL 5.1.5 (3)). The measures apply, but the risk is not treated: the
    /// treatment step (GL 5.1.5) ends with the residual risk evaluated *and agreed*, and
    /// without agreement the provider must review its treatment (GL 5.1.6 (1)).
    ResidualAgreementPending { consents: ConsentStatus },
    /// Share or accept with every affected institution's agreement to the current content.
    EffectiveByConsent { consents: ConsentStatus },
    /// Share or accept not yet agreed by every affected institution (FAQ 5.1): not in
    /// effect. `consents.stale` lists those who must agree again ("re-consent needed").
    AwaitingConsent { consents: ConsentStatus },
    /// An affected institution declined the current content and the provider has not
    /// answered (GL 5.1.6 (1)): not in effect.
    Declined { consents: ConsentStatus },
}

impl TreatmentState {
    /// Whether the risk counts as treated (or needs no treatment).
    pub fn is_effective(&self) -> bool {
        matches!(
            self,
            TreatmentState::Effective { .. }
                | TreatmentState::EffectiveByConsent { .. }
                | TreatmentState::NoTreatmentNeeded
        )
    }

    pub fn consents(&self) -> Option<&ConsentStatus> {
        match self {
            TreatmentState::Open | TreatmentState::NoTreatmentNeeded => None,
            TreatmentState::Reopened { consents, .. }
            | TreatmentState::Effective { consents }
            | TreatmentState::ResidualAgreementPending { consents }
            | TreatmentState::EffectiveByConsent { consents }
            | TreatmentState::AwaitingConsent { consents }
            | TreatmentState::Declined { consents } => Some(consents),
        }
    }

    pub fn re_consent_needed(&self) -> bool {
        !matches!(self, TreatmentState::Reopened { .. })
            && self
                .consents()
                .is_some_and(ConsentStatus::re_consent_needed)
    }

    /// The rule a reopened treatment breaks.
    pub fn reason(&self) -> Option<&FieldError> {
        match self {
            TreatmentState::Reopened { reason, .. } => Some(reason),
            _ => None,
        }
    }
}

/// The state of a risk's treatment given the criteria, the affected institutions, every
/// consent and the thread. It runs [`treatment_stands`] first: a treatment that no longer
/// meets the criterion is reopened, whatever was agreed. The provider alone can never make
/// share or accept effective: with no affected institution, or without each one's agreement
/// to the current content, it awaits consent (FAQ 5.1). Reduce and avoid are treated once
/// every affected institution agreed to the residual risk (FAQ 5.2); with no institution
/// under contract yet there is nobody to agree with, and they are treated until one
/// contracts (the statuses are recomputed then).
pub fn treatment_state(risk: &Risk, standing: &Standing<'_>) -> TreatmentState {
    let Some(treatment) = &risk.treatment else {
        return if standing
            .criteria
            .assessed
            .criterion(risk.inherent.level)
            .requirement
            == Requirement::NotNeeded
        {
            TreatmentState::NoTreatmentNeeded
        } else {
            TreatmentState::Open
        };
    };
    let consents = consent_status(risk, standing);
    if let Err(e) = treatment_stands(standing.criteria, risk) {
        return TreatmentState::Reopened {
            reason: no_longer_stands(e),
            consents,
        };
    }
    if !consents.declined.is_empty() {
        return TreatmentState::Declined { consents };
    }
    if treatment.option.needs_institution_consent() {
        if consents.complete() {
            TreatmentState::EffectiveByConsent { consents }
        } else {
            TreatmentState::AwaitingConsent { consents }
        }
    } else if standing.affected.is_empty() || consents.complete() {
        TreatmentState::Effective { consents }
    } else {
        TreatmentState::ResidualAgreementPending { consents }
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
        ResidualAgreementPending = "residual_agreement_pending", "残存リスクの合意待ち", "Residual risk awaiting the institutions' agreement";
        Declined = "declined", "医療機関等が同意せず（回答待ち）", "Declined by an institution (awaiting the provider's answer)";
        Reopened = "reopened", "対応の再決定が必要", "Reopened: the treatment no longer meets the criterion";
    }
}

impl RiskStatus {
    pub fn of(state: &TreatmentState) -> Self {
        match state {
            TreatmentState::Open => RiskStatus::Open,
            TreatmentState::NoTreatmentNeeded => RiskStatus::NoTreatmentNeeded,
            TreatmentState::Reopened { .. } => RiskStatus::Reopened,
            TreatmentState::Declined { .. } => RiskStatus::Declined,
            s if s.re_consent_needed() => RiskStatus::ReConsentNeeded,
            TreatmentState::AwaitingConsent { .. } => RiskStatus::AwaitingConsent,
            TreatmentState::ResidualAgreementPending { .. } => RiskStatus::ResidualAgreementPending,
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
