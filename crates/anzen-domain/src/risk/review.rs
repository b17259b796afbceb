//! Reviews that follow change (GL 5.1.7 継続的なリスクマネジメントの実践; FAQ 5.2, 5.4).
//!
//! Risk management is not done once: the provider repeats it "whenever information flows
//! change, threats change, or something unexpected happens" (GL 5.1.7, fn. 37), when the
//! MHLW guideline and with it Appendix 2 change (FAQ 5.4), and when technology makes a
//! residual risk accepted once no longer acceptable (FAQ 5.2). Which risks a change marks is
//! decided here, once, by [`risks_flagged_by`]; the use-cases only apply it in the change's
//! own transaction.
//!
//! A mark is cleared by a reassessment of the risk (FAQ 5.2: the provider "re-examines the
//! treatment" — it analyses and evaluates the risk again, [`clear_on_reassessment`]), and
//! where the treatment needs the institution, by its new agreement (the consent digest
//! covers the reassessed content). Nothing else clears it: a provider ticking "reviewed"
//! would end the cycle without repeating it ([`REVIEW_BY_REASSESSMENT`]).

use jiff::Timestamp;
use jiff::civil::Date;

use super::matrix::RiskMatrix;
use super::register::{InformationFlow, ReviewReason, Risk};
use super::rules::next_review;
use crate::ids::{ComponentId, FlowId, RiskId};

/// A change that can make earlier risk assessments out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<'a> {
    /// The content of an information flow changed (who, where, device, what, how, class,
    /// environment or the components it passes through). GL 5.1.7: the risks identified and
    /// analysed on that flow are repeated; risks on other flows were analysed on content
    /// that did not change.
    Flow(FlowId),
    /// A component of the configuration (全体構成図, GL 5.1.1) changed. A component carries
    /// risk only through the flows that pass through it (GL 5.2: the flows are what is
    /// analysed), so the risks on those flows are marked. A component no flow passes
    /// through marks nothing: the flows that will pass through it are changes of their own.
    Component(ComponentId),
    /// The offering's supply chain changed: a component supplied by another provider was
    /// added or its supplier replaced (GL 2.2, 5.1.7). The register does not record which
    /// flows a subcontractor handles (a supplied component is the data centre, the network,
    /// the platform the whole offering runs on), and its measures are only one part of what
    /// a new party changes (who handles the information, where it is: the "who" and "where"
    /// of every flow through its component). anzen therefore marks every risk of the
    /// offering, not only those whose measures the subcontractor owns: a review that finds
    /// nothing changed costs one reassessment, a missed one leaves a risk analysed on a chain
    /// that no longer exists.
    SupplyChain,
    /// An incident (情報セキュリティ事故) was recorded against the offering (GL 5.1.7 fn. 37:
    /// "something unexpected happened"; GL 3.2 危機管理対応時). What the incident bears on is
    /// known only once its cause is, and the register does not say which risks a cause
    /// belongs to: every risk of the offering is marked, so that the reassessment asks of
    /// each whether the incident shows its analysis or treatment to be wrong.
    Incident,
    /// A technology-change notice on a control (an Appendix 2 item key, or the provider's own
    /// control): the risks whose measures implement that control (FAQ 5.2: four-digit
    /// passwords → longer passwords → multi-factor authentication). `ascii_key` is the
    /// catalogue item's ASCII form of the same key, which a measure may name instead.
    Control {
        key: &'a str,
        ascii_key: Option<&'a str>,
    },
}

/// Whether a measure's reference names a control key (or its ASCII form).
pub fn names_control(reference: &str, key: &str, ascii_key: Option<&str>) -> bool {
    let r = reference.trim();
    !r.is_empty() && (r == key.trim() || ascii_key.is_some_and(|a| a.trim() == r))
}

/// Whether any measure of the risk's treatment implements the control.
pub fn uses_control(risk: &Risk, key: &str, ascii_key: Option<&str>) -> bool {
    risk.treatment
        .iter()
        .flat_map(|t| t.measures.iter())
        .flat_map(|m| m.controls.iter())
        .any(|c| names_control(c, key, ascii_key))
}

/// The risks among `risks` (one offering's, or one provider's for a control) that `change`
/// marks for review, in the order given. `flows` are the offering's flows as they are
/// after the change (for [`Change::Component`]); risks without a flow are marked only by
/// changes that mark every risk.
pub fn risks_flagged_by(
    change: Change<'_>,
    risks: &[Risk],
    flows: &[InformationFlow],
) -> Vec<RiskId> {
    let flagged = |r: &Risk| match change {
        Change::Flow(flow) => r.flow == Some(flow),
        Change::Component(component) => r.flow.is_some_and(|f| {
            flows
                .iter()
                .any(|fl| fl.id == f && fl.components.contains(&component))
        }),
        Change::SupplyChain | Change::Incident => true,
        Change::Control { key, ascii_key } => uses_control(r, key, ascii_key),
    };
    risks.iter().filter(|r| flagged(r)).map(|r| r.id).collect()
}

/// Adds `reason` to the risk's marks unless it is already there; whether it was added.
pub fn flag(risk: &mut Risk, reason: ReviewReason) -> bool {
    if risk.review_flags.contains(&reason) {
        false
    } else {
        risk.review_flags.push(reason);
        true
    }
}

/// What a reassessment does to the review cycle (FAQ 5.2, GL 5.1.5 (3), 5.1.7): the risk was
/// analysed and evaluated again, so every mark is cleared, and when it has a residual risk
/// its next periodic review is scheduled from `today` by the level's interval. The moment of
/// the assessment (`now`) is part of what the institutions agree to ([`super::CONSENTED_FIELDS`]):
/// FAQ 5.2 has the residual risk re-evaluated *and agreed again*, so a treatment that needs
/// the institutions needs their new agreement after every reassessment.
pub fn clear_on_reassessment(risk: &mut Risk, matrix: &RiskMatrix, today: Date, now: Timestamp) {
    risk.review_flags.clear();
    risk.assessed_at = Some(now);
    if let Some(residual) = &risk.residual {
        risk.next_review = Some(next_review(matrix, residual.level, today));
    }
}

/// Why "mark reviewed" is refused: the reason users read.
pub const REVIEW_BY_REASSESSMENT: &str = "a review is recorded by reassessing the risk (PUT /api/v1/risks/{id}/assessment, or 再評価 on the risk's page): the marks and the periodic review are cleared by a reassessment, never by marking the risk reviewed (GL 5.1.7, FAQ 5.2) / 見直しはリスクの再評価（リスクの画面の「再評価」）で記録します。見直しの印と定期見直しは再評価でのみ解除され、「見直し済み」の記録では解除されません（GL 5.1.7、FAQ 5.2）";

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
