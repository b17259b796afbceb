//! Table tests of `unmet_regulatory` against the shipped chapter 6 catalogue (FAQ 7, 7.1;
//! guideline-notes §6 and §15, FAQ7-R1).

use super::*;
use crate::catalog::{Catalog, parse_catalog};
use crate::ids::{OfferingId, RiskId};
use crate::risk::TreatmentOption;

const REGULATORY: &str = include_str!("../../../../../catalogs/regulatory-requirements.toml");

fn regulatory_catalogue() -> Catalog {
    parse_catalog("regulatory-requirements.toml", REGULATORY).unwrap_or_else(|e| panic!("{e}"))
}

fn offering() -> OfferingId {
    OfferingId::from_uuid(uuid::Uuid::from_u128(3))
}

fn stmt(key: &str, a: Applicability, risks: Vec<RiskId>) -> Statement {
    Statement::restore(
        offering(),
        StatementSubject::Regulatory { key: key.into() },
        a,
        risks,
    )
    .unwrap()
}

fn adopted() -> Applicability {
    Applicability::Adopted {
        how: "監査証跡と電子署名".into(),
        evidence: "設計書".into(),
    }
}

const ALL: [&str; 6] = [
    "6.1-domestic-law",
    "6.2-authenticity",
    "6.2-legibility",
    "6.2-preservability",
    "6.3-e-signature",
    "6.4-careful-handling",
];

#[test]
fn without_statements_every_requirement_is_unmet() {
    // FAQ 7-R1: handled uniformly; nothing is met by default.
    let c = regulatory_catalogue();
    assert_eq!(unmet_regulatory(&[], &c), ALL);
    let detail = unmet_regulatory_detail(&[], &c, |_| None);
    assert!(detail.iter().all(|u| u.reason == UnmetReason::NoStatement));
}

#[test]
fn only_adopted_or_legally_not_applicable_meets_a_requirement() {
    let c = regulatory_catalogue();
    let by: jiff::civil::Date = "2026-12-01".parse().unwrap();
    let statements = vec![
        // FAQ 7-R1: adopted meets it.
        stmt("6.1-domestic-law", adopted(), vec![]),
        // guideline-notes §6: a documented legal finding is the only way out.
        stmt(
            "6.3-e-signature",
            Applicability::LegallyNotApplicable {
                finding: "記名・押印を要する文書を扱わない".into(),
                legal_basis: "電子署名法".into(),
            },
            vec![],
        ),
        // FAQ 7: planned is not met yet.
        stmt(
            "6.2-authenticity",
            Applicability::Planned {
                what: "改ざん検知".into(),
                by,
            },
            vec![],
        ),
    ];
    let detail = unmet_regulatory_detail(&statements, &c, |_| None);
    let got: Vec<(&str, UnmetReason, Option<jiff::civil::Date>)> = detail
        .iter()
        .map(|u| (u.key.as_str(), u.reason, u.planned_by))
        .collect();
    assert_eq!(
        got,
        [
            ("6.2-authenticity", UnmetReason::Planned, Some(by)),
            ("6.2-legibility", UnmetReason::NoStatement, None),
            ("6.2-preservability", UnmetReason::NoStatement, None),
            ("6.4-careful-handling", UnmetReason::NoStatement, None),
        ]
    );
    assert_eq!(
        unmet_regulatory(&statements, &c),
        [
            "6.2-authenticity",
            "6.2-legibility",
            "6.2-preservability",
            "6.4-careful-handling"
        ]
    );
}

#[test]
fn a_requirement_whose_risk_became_accepted_is_unmet() {
    // FAQ 7-R1: a later acceptance of a linked risk does not close the requirement.
    let c = regulatory_catalogue();
    let r = RiskId::from_uuid(uuid::Uuid::from_u128(5));
    let statements: Vec<Statement> = ALL.iter().map(|k| stmt(k, adopted(), vec![r])).collect();
    assert!(unmet_regulatory_detail(&statements, &c, |_| Some(TreatmentOption::Reduce)).is_empty());
    let detail = unmet_regulatory_detail(&statements, &c, |_| Some(TreatmentOption::Accept));
    assert_eq!(detail.len(), 6);
    assert!(
        detail
            .iter()
            .all(|u| u.reason == UnmetReason::RestsOnAcceptedRisk)
    );
}

#[test]
fn statements_on_other_subjects_do_not_count() {
    // FAQ 7.1-R1: the chapter 6 catalogue is separate from Appendix 2.
    let c = regulatory_catalogue();
    let other = Statement::restore(
        offering(),
        StatementSubject::Provider {
            key: "6.1-domestic-law".into(),
        },
        adopted(),
        vec![],
    )
    .unwrap();
    assert_eq!(unmet_regulatory(&[other], &c).len(), 6);
}

#[test]
fn several_statements_on_one_requirement_must_all_meet_it() {
    let c = regulatory_catalogue();
    let by: jiff::civil::Date = "2027-01-01".parse().unwrap();
    let statements = vec![
        stmt("6.1-domestic-law", adopted(), vec![]),
        stmt(
            "6.1-domestic-law",
            Applicability::Planned {
                what: "x".into(),
                by,
            },
            vec![],
        ),
    ];
    assert!(unmet_regulatory(&statements, &c).contains(&"6.1-domestic-law".to_owned()));
}
