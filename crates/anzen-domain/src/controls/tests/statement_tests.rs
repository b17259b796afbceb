//! Table tests of statements of applicability: FAQ 5.3 (guideline-notes §15, FAQ5.3-R1…R7)
//! and FAQ 7 (FAQ7-R1; guideline-notes §6 model hint).

use super::*;
use crate::ids::{OfferingId, RiskId};
use crate::risk::TreatmentOption;

fn offering() -> OfferingId {
    OfferingId::from_uuid(uuid::Uuid::from_u128(7))
}

fn risk(n: u128) -> RiskId {
    RiskId::from_uuid(uuid::Uuid::from_u128(n))
}

fn input(status: &str, fields: &[(&str, &str)]) -> ApplicabilityInput {
    let mut i = ApplicabilityInput {
        status: Some(status.into()),
        ..Default::default()
    };
    for &(name, value) in fields {
        let v = Some(value.to_owned());
        match name {
            "how" => i.how = v,
            "evidence" => i.evidence = v,
            "what" => i.what = v,
            "why_equivalent" => i.why_equivalent = v,
            "why" => i.why = v,
            "by" => i.by = v,
            "finding" => i.finding = v,
            "legal_basis" => i.legal_basis = v,
            other => panic!("no field {other}"),
        }
    }
    i
}

fn appendix2() -> StatementSubject {
    StatementSubject::Appendix2 {
        catalogue_version: "v1.1".into(),
        key: "1.1/①-1".into(),
    }
}

fn provider() -> StatementSubject {
    StatementSubject::Provider {
        key: "own-mfa".into(),
    }
}

fn regulatory() -> StatementSubject {
    StatementSubject::Regulatory {
        key: "6.2-authenticity".into(),
    }
}

/// One case: subject, status and fields, linked risks, and the expected outcome: `Ok(())` or
/// the field named by the error and a part of its message.
struct Case {
    name: &'static str,
    section: &'static str,
    subject: fn() -> StatementSubject,
    status: &'static str,
    fields: &'static [(&'static str, &'static str)],
    risks: &'static [(u128, Option<TreatmentOption>)],
    expect: Result<(), (&'static str, &'static str)>,
}

const CASES: &[Case] = &[
    Case {
        name: "adopted with how and evidence",
        section: "FAQ 5.3-R3",
        subject: appendix2,
        status: "adopted",
        fields: &[("how", "規程を整備"), ("evidence", "規程第3版")],
        risks: &[],
        expect: Ok(()),
    },
    Case {
        name: "adopted without evidence is refused",
        section: "FAQ 5.3-R3",
        subject: appendix2,
        status: "adopted",
        fields: &[("how", "規程を整備")],
        risks: &[],
        expect: Err(("evidence", "FAQ 5.3")),
    },
    Case {
        name: "adopted without how is refused",
        section: "FAQ 5.3-R3",
        subject: appendix2,
        status: "adopted",
        fields: &[("how", "   "), ("evidence", "x")],
        risks: &[],
        expect: Err(("how", "FAQ 5.3")),
    },
    Case {
        name: "an alternative with what and why it is equivalent",
        section: "FAQ 5.3-R4, R7",
        subject: appendix2,
        status: "alternative",
        fields: &[
            ("what", "生体認証"),
            ("why_equivalent", "パスワードと同等以上"),
        ],
        risks: &[],
        expect: Ok(()),
    },
    Case {
        name: "an alternative without why it is equivalent is refused",
        section: "FAQ 5.3-R7 (a reasonable reason for every non-adoption)",
        subject: appendix2,
        status: "alternative",
        fields: &[("what", "生体認証")],
        risks: &[],
        expect: Err(("why_equivalent", "FAQ 5.3-R7")),
    },
    Case {
        name: "an alternative without what is refused",
        section: "FAQ 5.3-R4",
        subject: appendix2,
        status: "alternative",
        fields: &[("why_equivalent", "同等")],
        risks: &[],
        expect: Err(("what", "FAQ 5.3-R4")),
    },
    Case {
        name: "not applicable with its reason",
        section: "FAQ 5.3-R7 (e.g. the item does not concern the system)",
        subject: appendix2,
        status: "not_applicable",
        fields: &[("why", "媒体を扱わないサービスである")],
        risks: &[],
        expect: Ok(()),
    },
    Case {
        name: "a reasonless non-adoption is refused",
        section: "FAQ 5.3-R7",
        subject: appendix2,
        status: "not_applicable",
        fields: &[],
        risks: &[],
        expect: Err(("why", "reasonable reason")),
    },
    Case {
        name: "planned with what and by when",
        section: "FAQ 5.3-R7",
        subject: appendix2,
        status: "planned",
        fields: &[("what", "多要素認証の導入"), ("by", "2026-10-01")],
        risks: &[],
        expect: Ok(()),
    },
    Case {
        name: "planned without a date is refused",
        section: "FAQ 5.3-R7",
        subject: appendix2,
        status: "planned",
        fields: &[("what", "多要素認証の導入")],
        risks: &[],
        expect: Err(("by", "FAQ 5.3-R7")),
    },
    Case {
        name: "planned with a malformed date is refused",
        section: "FAQ 5.3-R7",
        subject: appendix2,
        status: "planned",
        fields: &[("what", "x"), ("by", "来年")],
        risks: &[],
        expect: Err(("by", "not a date")),
    },
    Case {
        name: "a field of another status is refused",
        section: "input shape",
        subject: appendix2,
        status: "adopted",
        fields: &[("how", "h"), ("evidence", "e"), ("why", "stray")],
        risks: &[],
        expect: Err(("why", "not a field of status `adopted`")),
    },
    Case {
        name: "an unknown status is refused with the accepted ones",
        section: "input shape",
        subject: appendix2,
        status: "waived",
        fields: &[],
        risks: &[],
        expect: Err(("status", "unknown value")),
    },
    Case {
        name: "a provider's own control takes the same statuses",
        section: "FAQ 5.3-R4",
        subject: provider,
        status: "not_applicable",
        fields: &[],
        risks: &[],
        expect: Err(("why", "FAQ 5.3-R7")),
    },
    Case {
        name: "an Appendix 2 statement may link an accepted risk",
        section: "FAQ 5.1-R4 (acceptance is the risk module's business, with consent)",
        subject: appendix2,
        status: "not_applicable",
        fields: &[("why", "理由")],
        risks: &[(1, Some(TreatmentOption::Accept))],
        expect: Ok(()),
    },
    Case {
        name: "legally not applicable is only for regulatory requirements",
        section: "FAQ 7; guideline-notes §6 model hint",
        subject: appendix2,
        status: "legally_not_applicable",
        fields: &[("finding", "f"), ("legal_basis", "l")],
        risks: &[],
        expect: Err(("status", "only for chapter 6 regulatory requirements")),
    },
    Case {
        name: "a regulatory requirement is never not applicable",
        section: "FAQ 7-R1 (handled uniformly whatever the risk analysis says)",
        subject: regulatory,
        status: "not_applicable",
        fields: &[("why", "リスクが低い")],
        risks: &[],
        expect: Err(("status", "FAQ 7-R1")),
    },
    Case {
        name: "a regulatory requirement has no risk-based alternative",
        section: "FAQ 7-R1",
        subject: regulatory,
        status: "alternative",
        fields: &[("what", "w"), ("why_equivalent", "e")],
        risks: &[],
        expect: Err(("status", "FAQ 7-R1")),
    },
    Case {
        name: "a regulatory requirement never rests on an accepted risk",
        section: "FAQ 7-R1",
        subject: regulatory,
        status: "adopted",
        fields: &[("how", "電子署名"), ("evidence", "設計書")],
        risks: &[
            (1, Some(TreatmentOption::Reduce)),
            (2, Some(TreatmentOption::Accept)),
        ],
        expect: Err(("risks", "cannot rest on an accepted risk")),
    },
    Case {
        name: "a regulatory requirement may link a reduced risk",
        section: "FAQ 7-R1",
        subject: regulatory,
        status: "adopted",
        fields: &[("how", "電子署名"), ("evidence", "設計書")],
        risks: &[(1, Some(TreatmentOption::Reduce)), (3, None)],
        expect: Ok(()),
    },
    Case {
        name: "legally not applicable with the finding and its legal basis",
        section: "guideline-notes §6 model hint; FAQ 7.1-R2",
        subject: regulatory,
        status: "legally_not_applicable",
        fields: &[
            ("finding", "保存義務のある文書を保存しない"),
            ("legal_basis", "e-文書法 施行通知"),
        ],
        risks: &[],
        expect: Ok(()),
    },
    Case {
        name: "legally not applicable without its legal basis is refused",
        section: "FAQ 7.1-R2",
        subject: regulatory,
        status: "legally_not_applicable",
        fields: &[("finding", "保存義務のある文書を保存しない")],
        risks: &[],
        expect: Err(("legal_basis", "FAQ 7.1-R2")),
    },
    Case {
        name: "legally not applicable without a finding is refused",
        section: "FAQ 7-R1; guideline-notes §6",
        subject: regulatory,
        status: "legally_not_applicable",
        fields: &[("legal_basis", "e-文書法")],
        risks: &[],
        expect: Err(("finding", "FAQ 7-R1")),
    },
    Case {
        name: "a regulatory requirement may be planned",
        section: "FAQ 7 (not met until in place; the dashboard shows it)",
        subject: regulatory,
        status: "planned",
        fields: &[("what", "タイムスタンプ導入"), ("by", "2026-12-01")],
        risks: &[],
        expect: Ok(()),
    },
];

#[test]
fn statements_follow_faq_5_3_and_7() {
    for case in CASES {
        let what = format!("{} ({})", case.name, case.section);
        let linked: Vec<LinkedRisk> = case
            .risks
            .iter()
            .map(|&(n, treatment)| LinkedRisk {
                id: risk(n),
                treatment,
            })
            .collect();
        let result = Applicability::from_input(&input(case.status, case.fields))
            .and_then(|a| Statement::new(offering(), (case.subject)(), a, &linked));
        match (&result, case.expect) {
            (Ok(s), Ok(())) => {
                assert_eq!(s.status().code(), case.status, "{what}");
                assert_eq!(s.risks().len(), linked.len(), "{what}");
            }
            (Err(e), Err((field, contains))) => {
                assert_eq!(e.field, field, "{what}: {e}");
                assert!(e.message.contains(contains), "{what}: {e}");
            }
            _ => panic!("{what}: got {result:?}"),
        }
    }
}

#[test]
fn applicability_round_trips_through_json_and_is_rechecked() {
    let a = Applicability::Planned {
        what: "多要素認証".into(),
        by: "2026-10-01".parse().unwrap(),
    };
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(
        json,
        r#"{"status":"planned","what":"多要素認証","by":"2026-10-01"}"#
    );
    assert_eq!(serde_json::from_str::<Applicability>(&json).unwrap(), a);
    // FAQ 5.3-R7: a reasonless non-adoption cannot come in through JSON either.
    let err = serde_json::from_str::<Applicability>(r#"{"status":"not_applicable"}"#).unwrap_err();
    assert!(err.to_string().contains("FAQ 5.3-R7"), "{err}");
}

#[test]
fn a_value_built_in_code_is_checked_too() {
    // FAQ 5.3-R7: restore and new refuse blank texts however the value was built.
    let blank = Applicability::NotApplicable { why: " ".into() };
    let e = Statement::restore(offering(), appendix2(), blank, vec![]).unwrap_err();
    assert_eq!(e.field, "why");
}

#[test]
fn statuses_offered_per_subject() {
    let codes = |s: &StatementSubject| statuses_for(s).iter().map(|s| s.code()).collect::<Vec<_>>();
    assert_eq!(
        codes(&regulatory()),
        ["adopted", "planned", "legally_not_applicable"]
    );
    assert_eq!(
        codes(&appendix2()),
        ["adopted", "alternative", "not_applicable", "planned"]
    );
}

#[test]
fn risks_are_deduplicated_and_block_acceptance_only_for_regulatory_statements() {
    // FAQ 7-R1: a risk that a regulatory statement rests on may not be accepted later.
    let adopted = || Applicability::Adopted {
        how: "h".into(),
        evidence: "e".into(),
    };
    let reg = Statement::restore(
        offering(),
        regulatory(),
        adopted(),
        vec![risk(2), risk(1), risk(2)],
    )
    .unwrap();
    assert_eq!(reg.risks(), [risk(1), risk(2)]);
    let ctl = Statement::restore(offering(), appendix2(), adopted(), vec![risk(1)]).unwrap();
    let all = [reg, ctl];
    let blocking = statements_blocking_acceptance(risk(1), &all);
    assert_eq!(blocking.len(), 1);
    assert!(blocking[0].subject().is_regulatory());
    assert!(statements_blocking_acceptance(risk(9), &all).is_empty());
}

#[test]
fn subjects_are_checked() {
    let adopted = Applicability::Adopted {
        how: "h".into(),
        evidence: "e".into(),
    };
    let bad = StatementSubject::Provider { key: " ".into() };
    let e = Statement::restore(offering(), bad, adopted, vec![]).unwrap_err();
    assert_eq!(e.field, "subject.key");
}

#[test]
fn items_without_a_statement_are_listed() {
    // FAQ 5.3-R3, R7: every item of Appendix 2 is checked, so the statement table shows the
    // items that have none yet.
    let (c, _) = parse(base()).unwrap();
    let s = Statement::new(
        offering(),
        StatementSubject::Appendix2 {
            catalogue_version: c.meta.version.clone(),
            key: "1.1/①-2".into(),
        },
        Applicability::NotApplicable {
            why: "理由".into()
        },
        &[],
    )
    .unwrap();
    assert_eq!(
        items_without_statement(&c, &[s]),
        ["1.1/①-1", "1.9/①-2", "2.1/①-1"]
    );
}

#[test]
fn provider_controls_need_a_key_title_and_description() {
    // FAQ 5.3-R4: a provider may add measures not in Appendix 2.
    let c = ProviderControl::new("own-mfa", "多要素認証", "全利用者に多要素認証を課す").unwrap();
    assert_eq!((c.key(), c.title()), ("own-mfa", "多要素認証"));
    assert_eq!(
        ProviderControl::new("1.1/①-1", "t", "d").unwrap_err().field,
        "key"
    );
    assert_eq!(
        ProviderControl::new("k", "", "d").unwrap_err().field,
        "title"
    );
    let e = ProviderControl::new("k", "t", " ").unwrap_err();
    assert_eq!(e.field, "description");
    assert!(e.message.contains("FAQ 5.3"));
}
