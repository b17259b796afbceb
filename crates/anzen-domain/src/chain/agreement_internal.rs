//! FAQ 3.1 R3 and the coverage of the lifecycle: a provider–institution agreement covers
//! development as well as operation, and every duty it gives to a subcontractor needs an
//! internal agreement between the provider and that subcontractor (GL 3.2; FAQ 3, 3.1).

use std::collections::BTreeMap;

use serde::Serialize;

use super::agreement::{AgreementContent, AgreementKind, Responsible};
use super::agreement_version::AgreementVersion;
use super::lifecycle::LifecyclePhase;
use super::rule::{Finding, RuleText, rule_text};
use crate::code_enum;
use crate::ids::OrgId;

rule_text!(
    /// FAQ3.1-R1, R3: the institution and A agree both operation and development.
    DEVELOPMENT_NOT_COVERED, "FAQ3.1-R3", "FAQ 3.1", Must, Confirmed,
    "開発（保守）フェーズの義務と責任が合意に含まれていません。ライフサイクルには運用フェーズだけでなく開発（保守）フェーズがあり、医療機関等と事業者は運用と開発の両方について義務と責任を明確化し、合意形成しておく必要があります（FAQ 3.1）。",
    "The agreement has no duty for the development (maintenance) phase. The lifecycle includes development as well as operation, and the institution and the provider must make clear and agree duties for both (FAQ 3.1)."
);
rule_text!(
    /// GL 3.2 (Fig. 3-4): a phase of the lifecycle without any duty in the agreement.
    PHASE_NOT_COVERED, "GL 3.2", "GL 3.2 (Fig. 3-4)", Note, PartlySeen,
    "このフェーズの義務と責任が合意に含まれていません（GL 3.2、図3-4）。",
    "The agreement has no duty for this phase of the lifecycle (GL 3.2, Fig. 3-4)."
);
rule_text!(
    /// FAQ3.1-R3: A and B agree development duties between themselves.
    INTERNAL_AGREEMENT_NEEDED, "FAQ3.1-R3", "FAQ 3.1", Must, Confirmed,
    "委託先事業者が責任を負うとした義務について、事業者と委託先の間で義務と責任を内部的に明確化し、合意形成しておく必要があります（FAQ 3.1）。",
    "For a duty the subcontractor is responsible for, the provider and the subcontractor must make clear and agree their duties between themselves (FAQ 3.1)."
);

/// Why `org` cannot be named as a subcontractor in an agreement about an offering (the
/// counterparty of an internal agreement, or a subcontractor given duties in a
/// provider–institution agreement), or `None` when it can (FAQ 3.1 R3: the duties are shared
/// between the provider and the subcontractors that take part in providing the service, and
/// agreed internally between them). `kind` is the organisation's kind (`None`: no such
/// organisation); `in_chain` whether it supplies a component of the offering's chain
/// (directly or through a supplier's offering, FAQ 2.1).
pub fn subcontractor_refusal(
    kind: Option<crate::org::OrgKind>,
    is_provider: bool,
    in_chain: bool,
) -> Option<&'static str> {
    use crate::org::OrgKind;
    match kind {
        None => Some("no organisation with this id"),
        Some(OrgKind::MedicalInstitution) => Some(
            "a medical institution is not a subcontractor: a subcontractor is a provider in the offering's supply chain (FAQ 3.1)",
        ),
        Some(_) if is_provider => {
            Some("the provider itself is a party to the agreement, not its subcontractor")
        }
        Some(_) if !in_chain => Some(
            "is not a provider in the offering's supply chain: add the supply link first (FAQ 3.1)",
        ),
        Some(_) => None,
    }
}

/// The phases a provider–institution agreement leaves without any duty (GL 3.2; FAQ 3.1 R3
/// for development). Internal agreements cover what the two providers share, so they have
/// no gaps by phase.
pub fn coverage_gaps(content: &AgreementContent) -> Vec<(LifecyclePhase, Finding)> {
    if content.kind != AgreementKind::ProviderInstitution {
        return Vec::new();
    }
    LifecyclePhase::ALL
        .iter()
        .filter(|p| !content.entries.iter().any(|e| e.phase == **p))
        .map(|&p| {
            let rule: RuleText = if p == LifecyclePhase::Development {
                DEVELOPMENT_NOT_COVERED
            } else {
                PHASE_NOT_COVERED
            };
            (p, Finding { rule, about: None })
        })
        .collect()
}

/// The duties a provider–institution agreement gives to each subcontractor: each needs an
/// internal agreement between the provider and that subcontractor (FAQ 3.1 R3).
pub fn required_internal_agreements(
    main: &AgreementContent,
) -> BTreeMap<OrgId, Vec<(LifecyclePhase, String)>> {
    let mut out: BTreeMap<OrgId, Vec<(LifecyclePhase, String)>> = BTreeMap::new();
    if main.kind == AgreementKind::ProviderInstitution {
        for e in &main.entries {
            if let Responsible::Subcontractor { org } = e.responsible {
                out.entry(org).or_default().push((e.phase, e.duty.clone()));
            }
        }
    }
    out
}

code_enum! {
    /// Why a subcontractor's duty is not covered internally (FAQ 3.1 R3).
    InternalGapKind {
        Missing = "missing", "内部的な合意がない", "No internal agreement assigns the duty";
        NotAgreed = "not_agreed", "内部的な合意が未了", "The internal agreement is not agreed by both";
        AssignedElsewhere = "assigned_elsewhere", "内部的な合意で別の当事者が責任を負う", "The internal agreement assigns the duty to the provider";
    }
}

/// A duty of a subcontractor that no agreed internal agreement covers (FAQ 3.1 R3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InternalAgreementGap {
    pub subcontractor: OrgId,
    pub phase: LifecyclePhase,
    pub duty: String,
    pub kind: InternalGapKind,
    pub rule: RuleText,
}

/// For each duty `main` gives a subcontractor, whether the latest of `internals` between the
/// provider and that subcontractor is agreed and makes it responsible (FAQ 3.1 R3).
/// `internals` holds the current version of each internal agreement.
pub fn internal_agreement_gaps(
    main: &AgreementContent,
    internals: &[AgreementVersion],
) -> Vec<InternalAgreementGap> {
    let mut gaps = Vec::new();
    for (sub, duties) in required_internal_agreements(main) {
        let candidates: Vec<&AgreementVersion> = internals
            .iter()
            .filter(|v| {
                v.content.kind == AgreementKind::Internal
                    && v.content.provider == main.provider
                    && v.content.counterparty == sub
            })
            .collect();
        for (phase, duty) in duties {
            let assigned: Vec<&&AgreementVersion> = candidates
                .iter()
                .filter(|v| v.content.responsible(phase, &duty).is_some())
                .collect();
            let kind = if assigned.is_empty() {
                Some(InternalGapKind::Missing)
            } else if !assigned.iter().any(|v| {
                v.content.responsible(phase, &duty) == Some(Responsible::Subcontractor { org: sub })
            }) {
                Some(InternalGapKind::AssignedElsewhere)
            } else if !assigned.iter().any(|v| {
                v.is_agreed()
                    && v.content.responsible(phase, &duty)
                        == Some(Responsible::Subcontractor { org: sub })
            }) {
                Some(InternalGapKind::NotAgreed)
            } else {
                None
            };
            if let Some(kind) = kind {
                gaps.push(InternalAgreementGap {
                    subcontractor: sub,
                    phase,
                    duty,
                    kind,
                    rule: INTERNAL_AGREEMENT_NEEDED,
                });
            }
        }
    }
    gaps
}
