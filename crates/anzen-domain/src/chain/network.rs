//! Regional medical information networks (FAQ 2.2): whether a network operator
//! (医療情報連携ネットワーク運営主体) is a target provider, and the duties that follow.

use serde::Serialize;

use super::rule::{ChainRole, Duty, DutyKind, Finding, Party, RuleText, rule_text};
use crate::ids::OrgId;
use crate::scope::NetworkOperator;

rule_text!(
    /// FAQ2.2-R1: an operator entrusted with managing medical information is a target provider.
    ENTRUSTED_IS_PROVIDER, "FAQ2.2-R1", "FAQ 2.2", Must, Confirmed,
    "参加医療機関等から医療情報の管理（の一部）を委託されるなど、医療情報の取扱いに責任を有する医療情報連携ネットワーク運営主体は、本ガイドラインの対象事業者です（FAQ 2.2）。",
    "A regional network operator that is responsible for handling medical information, for example because member institutions entrust it with (part of) managing it, is a target provider under this guideline (FAQ 2.2)."
);
rule_text!(
    /// FAQ2.2-R2: the institution agrees the role division with the operator by contract.
    AGREE_ROLE_DIVISION, "FAQ2.2-R2", "FAQ 2.2", Must, Confirmed,
    "医療機関等は、医療情報安全管理ガイドラインに基づき、医療情報連携ネットワーク運営主体との間で適切な役割分担を契約等により合意した上で対応する必要があります（FAQ 2.2）。",
    "Under the MHLW guideline, the institution must agree an appropriate role division with the network operator by contract or the like (FAQ 2.2)."
);
rule_text!(
    /// FAQ2.2-R2: a participant has not yet agreed the role division.
    ROLE_DIVISION_MISSING, "FAQ2.2-R2", "FAQ 2.2", Note, Confirmed,
    "この参加医療機関等との役割分担の契約等による合意が記録されていません（FAQ 2.2）。",
    "No agreement by contract on the role division with this participating institution is recorded (FAQ 2.2)."
);
rule_text!(
    /// FAQ2.2-R3: the operator supervises the provider it shares management with.
    SUPERVISE_SUBCONTRACTOR, "FAQ2.2-R3", "FAQ 2.2", Must, Confirmed,
    "運営主体が委託により別の事業者と医療情報の管理を分担する場合、運営主体は本ガイドラインに基づいて委託先の事業者を監督し、管理責任を果たす必要があります（FAQ 2.2）。",
    "Where the operator shares the management of medical information with another provider by entrustment, it must supervise that provider under this guideline and carry its management responsibility (FAQ 2.2)."
);
rule_text!(
    /// FAQ2.2-R4: an operator that only coordinates is not a target provider.
    COORDINATION_ONLY, "FAQ2.2-R4", "FAQ 2.2", Must, Confirmed,
    "医療情報に関する管理責任を負わず、参加団体の取りまとめや情報システム仕様の調整等のみを行う運営主体は、本ガイドラインの対象事業者ではありません（FAQ 2.2）。",
    "An operator that bears no responsibility for managing medical information and only coordinates members or aligns system specifications is not a target provider (FAQ 2.2)."
);
rule_text!(
    /// FAQ2.2-R3/R4: a "coordination only" operator that entrusts management to a provider.
    COORDINATION_WITH_SUBCONTRACTORS, "FAQ2.2-R3", "FAQ 2.2", Note, Inferred,
    "調整のみを行う運営主体とされていますが、医療情報の管理を委託する事業者が記録されています。委託により医療情報の管理を分担する運営主体は管理責任を負うため（FAQ 2.2）、管理を委託されている運営主体に当たらないか確認してください（推定）。",
    "The operator is recorded as coordinating only, yet a provider it entrusts with managing medical information is recorded. An operator that shares that management by entrustment carries management responsibility (FAQ 2.2); check whether it is in fact entrusted (inferred)."
);
rule_text!(
    /// FAQ 2.2 does not apply to an organisation that operates no network.
    NOT_AN_OPERATOR, "FAQ2.2-R1", "FAQ 2.2", Note, Confirmed,
    "医療情報連携ネットワーク運営主体ではないため、FAQ 2.2 は適用されません。",
    "The organisation does not operate a regional network, so FAQ 2.2 does not apply."
);

/// An institution that takes part in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub institution: OrgId,
    /// Whether the role division with the operator is agreed by contract (FAQ 2.2 R2).
    pub role_division_agreed: bool,
}

/// A network operator as seen by FAQ 2.2.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkView {
    pub operator: OrgId,
    /// The operator's role, as in the scope profile (`network_operator`).
    pub role: NetworkOperator,
    pub participants: Vec<Participant>,
    /// Providers with which the operator shares the management of medical information by
    /// entrustment.
    pub subcontractors: Vec<OrgId>,
}

/// What FAQ 2.2 decides for one operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkAssessment {
    /// Whether the operator is a target provider (FAQ 2.2 R1, R4).
    pub target_provider: bool,
    pub reasons: Vec<Finding>,
    pub duties: Vec<Duty>,
}

/// The duties of a regional network operator and of its participants (FAQ 2.2).
///
/// An operator entrusted with managing medical information is a target provider (R1); each
/// participant agrees the role division with it by contract (R2); it supervises every
/// provider it shares that management with (R3). An operator that only coordinates is not a
/// target provider and has no duties under this guideline (R4).
pub fn network_duties(view: &NetworkView) -> NetworkAssessment {
    let operator = Party::new(view.operator, ChainRole::NetworkOperator);
    let note = |rule: RuleText, about: Option<OrgId>| Finding { rule, about };
    match view.role {
        NetworkOperator::EntrustedWithMedicalInformation => {
            let mut reasons = vec![note(ENTRUSTED_IS_PROVIDER, None)];
            let mut duties = Vec::new();
            for p in &view.participants {
                duties.push(Duty {
                    kind: DutyKind::AgreeRoleDivision,
                    bearer: Party::new(p.institution, ChainRole::Institution),
                    towards: Some(operator),
                    rule: AGREE_ROLE_DIVISION,
                });
                if !p.role_division_agreed {
                    reasons.push(note(ROLE_DIVISION_MISSING, Some(p.institution)));
                }
            }
            for &s in &view.subcontractors {
                duties.push(Duty {
                    kind: DutyKind::SuperviseSubcontractor,
                    bearer: operator,
                    towards: Some(Party::new(s, ChainRole::Subcontractor)),
                    rule: SUPERVISE_SUBCONTRACTOR,
                });
            }
            NetworkAssessment {
                target_provider: true,
                reasons,
                duties,
            }
        }
        NetworkOperator::CoordinationOnly => {
            let mut reasons = vec![note(COORDINATION_ONLY, None)];
            for &s in &view.subcontractors {
                reasons.push(note(COORDINATION_WITH_SUBCONTRACTORS, Some(s)));
            }
            NetworkAssessment {
                target_provider: false,
                reasons,
                duties: Vec::new(),
            }
        }
        NetworkOperator::None => NetworkAssessment {
            target_provider: false,
            reasons: vec![note(NOT_AN_OPERATOR, None)],
            duties: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::Level;
    use uuid::Uuid;

    fn org(n: u128) -> OrgId {
        OrgId::from_uuid(Uuid::from_u128(n))
    }

    fn view(role: NetworkOperator, agreed: &[bool], subs: &[u128]) -> NetworkView {
        NetworkView {
            operator: org(1),
            role,
            participants: agreed
                .iter()
                .enumerate()
                .map(|(i, &a)| Participant {
                    institution: org(100 + i as u128),
                    role_division_agreed: a,
                })
                .collect(),
            subcontractors: subs.iter().map(|&s| org(s)).collect(),
        }
    }

    fn rules(a: &NetworkAssessment) -> Vec<&'static str> {
        a.reasons.iter().map(|r| r.rule.rule).collect()
    }

    /// One row: (name, section, view, target provider, rule ids of the reasons, duty kinds).
    type Row = (
        &'static str,
        &'static str,
        NetworkView,
        bool,
        Vec<&'static str>,
        Vec<DutyKind>,
    );

    #[test]
    fn faq_2_2_table() {
        use DutyKind::*;
        use NetworkOperator::{CoordinationOnly, EntrustedWithMedicalInformation};
        let rows: Vec<Row> = vec![
            (
                "entrusted operator with two members, both agreed, no subcontractor",
                "FAQ 2.2 ¶2 (R1, R2)",
                view(EntrustedWithMedicalInformation, &[true, true], &[]),
                true,
                vec!["FAQ2.2-R1"],
                vec![AgreeRoleDivision, AgreeRoleDivision],
            ),
            (
                "entrusted operator sharing management with a data centre",
                "FAQ 2.2 ¶2 (R3)",
                view(EntrustedWithMedicalInformation, &[true], &[7]),
                true,
                vec!["FAQ2.2-R1"],
                vec![AgreeRoleDivision, SuperviseSubcontractor],
            ),
            (
                "entrusted operator, one member without a role-division contract",
                "FAQ 2.2 ¶2 (R2)",
                view(EntrustedWithMedicalInformation, &[true, false], &[]),
                true,
                vec!["FAQ2.2-R1", "FAQ2.2-R2"],
                vec![AgreeRoleDivision, AgreeRoleDivision],
            ),
            (
                "operator that only coordinates members and specifications",
                "FAQ 2.2 ¶2 (R4)",
                view(CoordinationOnly, &[true, true], &[]),
                false,
                vec!["FAQ2.2-R4"],
                vec![],
            ),
            (
                "coordination-only operator that nevertheless entrusts management (inferred note)",
                "FAQ 2.2 ¶2 (R3, R4)",
                view(CoordinationOnly, &[], &[7]),
                false,
                vec!["FAQ2.2-R4", "FAQ2.2-R3"],
                vec![],
            ),
            (
                "not a network operator",
                "FAQ 2.2",
                view(NetworkOperator::None, &[], &[]),
                false,
                vec!["FAQ2.2-R1"],
                vec![],
            ),
        ];
        for (name, section, v, target, expected_rules, kinds) in rows {
            let a = network_duties(&v);
            assert_eq!(a.target_provider, target, "{name} ({section})");
            assert_eq!(rules(&a), expected_rules, "{name} ({section})");
            let got: Vec<DutyKind> = a.duties.iter().map(|d| d.kind).collect();
            assert_eq!(got, kinds, "{name} ({section})");
            for d in &a.duties {
                assert!(d.rule.reference.starts_with("FAQ 2.2"), "{name}");
                assert_eq!(d.rule.level, Level::Must, "{name}");
            }
        }
    }

    #[test]
    fn the_operator_supervises_each_subcontractor_and_each_member_agrees() {
        let a = network_duties(&view(
            NetworkOperator::EntrustedWithMedicalInformation,
            &[true, true, true],
            &[7, 8],
        ));
        let supervised: Vec<OrgId> = a
            .duties
            .iter()
            .filter(|d| d.kind == DutyKind::SuperviseSubcontractor)
            .map(|d| {
                assert_eq!(d.bearer.org, org(1));
                d.towards.unwrap().org
            })
            .collect();
        assert_eq!(supervised, vec![org(7), org(8)]);
        let agreeing: Vec<OrgId> = a
            .duties
            .iter()
            .filter(|d| d.kind == DutyKind::AgreeRoleDivision)
            .map(|d| {
                assert_eq!(d.towards.unwrap().org, org(1));
                d.bearer.org
            })
            .collect();
        assert_eq!(agreeing, vec![org(100), org(101), org(102)]);
    }
}
