//! Agree before providing (FAQ 2.1, 6.1; GL 4.1, 3.2, 5.1.6): before a contract starts, the
//! institution has been given the Table 4-1 information for both stages, has agreed the
//! lifecycle responsibility matrix and the current 運用管理規程, and has agreed to every risk
//! whose treatment needs its consent (share or accept, and residual-risk agreement; FAQ 5.1,
//! 5.2). A contract may still start without them (the provider decides), but the gap is
//! shown and recorded.
//!
//! Pure: the application hands in what it read.

use crate::risk::rules::RuleRef;

pub const GAP_DISCLOSURE: RuleRef = RuleRef {
    reference: "GL 4.1 表4-1, FAQ 4.1",
    ja: "表4-1 の情報提供が済んでいない項目があります",
    en: "some Table 4-1 items have not been given to the institution",
};
pub const GAP_MATRIX: RuleRef = RuleRef {
    reference: "GL 3.2, FAQ 3",
    ja: "ライフサイクルの責任分界（責任分界表）が両者で合意されていません",
    en: "the lifecycle responsibility matrix is not agreed by both parties",
};
pub const GAP_RULES: RuleRef = RuleRef {
    reference: "GL 5.1.6 (2), FAQ 6.1",
    ja: "最新の運用管理規程に医療機関等が合意していません",
    en: "the institution has not agreed to the current operational rules",
};
pub const GAP_CONSENT: RuleRef = RuleRef {
    reference: "FAQ 5.1, 5.2",
    ja: "医療機関等の同意が必要なリスク（共有・受容、残存リスク）に同意が得られていません",
    en: "risks that need the institution's consent (share, accept, residual risk) are not agreed",
};

/// Where the responsibility matrix of the contract stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixState {
    /// No agreement has been opened for the contract.
    Missing,
    /// Opened, not agreed by both parties (or asked to agree again after a change).
    Open,
    Agreed,
}

/// Where the institution stands on the rules that cover the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesState {
    /// The provider has issued no rules covering the contract.
    Missing,
    /// Issued, not agreed by this institution yet.
    Pending,
    Agreed,
}

/// What anzen read about one contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadinessFacts {
    /// Table 4-1 items (their keys) that must be given and have not been.
    pub undisclosed: Vec<String>,
    pub matrix: MatrixState,
    pub rules: RulesState,
    /// Risks of the offering whose treatment needs this institution's consent and lacks it.
    pub consents_pending: Vec<String>,
}

/// One gap, with the rule it comes from and what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub code: &'static str,
    pub rule: RuleRef,
    /// What is missing (item keys, risk titles), empty when the rule says it all.
    pub detail: Vec<String>,
}

/// The gaps that keep a contract from being ready (FAQ 2.1, 6.1); none: ready.
pub fn readiness_gaps(f: &ReadinessFacts) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if !f.undisclosed.is_empty() {
        gaps.push(Gap {
            code: "disclosure",
            rule: GAP_DISCLOSURE,
            detail: f.undisclosed.clone(),
        });
    }
    if f.matrix != MatrixState::Agreed {
        gaps.push(Gap {
            code: "responsibility_matrix",
            rule: GAP_MATRIX,
            detail: match f.matrix {
                MatrixState::Missing => vec!["not opened / 未作成".into()],
                _ => vec!["not agreed / 未合意".into()],
            },
        });
    }
    if f.rules != RulesState::Agreed {
        gaps.push(Gap {
            code: "operational_rules",
            rule: GAP_RULES,
            detail: match f.rules {
                RulesState::Missing => vec!["not issued / 未発行".into()],
                _ => vec!["not agreed / 未合意".into()],
            },
        });
    }
    if !f.consents_pending.is_empty() {
        gaps.push(Gap {
            code: "risk_consent",
            rule: GAP_CONSENT,
            detail: f.consents_pending.clone(),
        });
    }
    gaps
}

/// Which Table 4-1 items must be given before a contract: every item but the sub-items of
/// another (the ②-7 rows of the 運用管理規程, which the agreed rules themselves give).
pub fn items_required(items: &[(String, bool)]) -> Vec<String> {
    items
        .iter()
        .filter(|(_, is_sub_item)| !is_sub_item)
        .map(|(k, _)| k.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> ReadinessFacts {
        ReadinessFacts {
            undisclosed: vec![],
            matrix: MatrixState::Agreed,
            rules: RulesState::Agreed,
            consents_pending: vec![],
        }
    }

    /// FAQ 2.1, 6.1: each missing piece is one gap naming its rule; all present: ready.
    #[test]
    fn readiness_of_a_contract() {
        let cases: Vec<(&str, ReadinessFacts, Vec<&str>)> = vec![
            ("everything agreed", facts(), vec![]),
            (
                "a Table 4-1 item not given",
                ReadinessFacts {
                    undisclosed: vec!["②-1".into()],
                    ..facts()
                },
                vec!["disclosure"],
            ),
            (
                "no matrix",
                ReadinessFacts {
                    matrix: MatrixState::Missing,
                    ..facts()
                },
                vec!["responsibility_matrix"],
            ),
            (
                "matrix agreed by one party only",
                ReadinessFacts {
                    matrix: MatrixState::Open,
                    ..facts()
                },
                vec!["responsibility_matrix"],
            ),
            (
                "rules not issued",
                ReadinessFacts {
                    rules: RulesState::Missing,
                    ..facts()
                },
                vec!["operational_rules"],
            ),
            (
                "rules not agreed",
                ReadinessFacts {
                    rules: RulesState::Pending,
                    ..facts()
                },
                vec!["operational_rules"],
            ),
            (
                "a shared risk not agreed",
                ReadinessFacts {
                    consents_pending: vec!["委託先からの漏えい".into()],
                    ..facts()
                },
                vec!["risk_consent"],
            ),
            (
                "a new contract with nothing done",
                ReadinessFacts {
                    undisclosed: vec!["①-1".into()],
                    matrix: MatrixState::Missing,
                    rules: RulesState::Missing,
                    consents_pending: vec!["x".into()],
                },
                vec![
                    "disclosure",
                    "responsibility_matrix",
                    "operational_rules",
                    "risk_consent",
                ],
            ),
        ];
        for (name, f, want) in cases {
            let gaps = readiness_gaps(&f);
            let codes: Vec<&str> = gaps.iter().map(|g| g.code).collect();
            assert_eq!(codes, want, "{name}");
            for g in &gaps {
                assert!(
                    g.rule.reference.contains("FAQ") || g.rule.reference.contains("GL"),
                    "{name}"
                );
            }
        }
        let g = readiness_gaps(&ReadinessFacts {
            undisclosed: vec!["②-1".into(), "②-2".into()],
            ..facts()
        });
        assert_eq!(
            g[0].detail,
            vec!["②-1", "②-2"],
            "the missing items are named"
        );
    }

    #[test]
    fn the_rules_sub_items_are_given_by_the_agreed_rules() {
        let items = vec![
            ("①-1".to_owned(), false),
            ("②-7".to_owned(), false),
            ("②-7(ア)".to_owned(), true),
        ];
        assert_eq!(items_required(&items), vec!["①-1", "②-7"]);
    }
}
