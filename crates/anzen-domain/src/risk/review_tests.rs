//! Table tests: which risks each change marks for review (GL 5.1.7; FAQ 5.2, 5.4), and what
//! a reassessment clears.

use jiff::Timestamp;
use uuid::Uuid;

use super::*;
use crate::ids::{ComponentId, FlowId, MatrixId, OfferingId, OrgId, RiskId};
use crate::risk::{
    Assessment, Cia, Environment, FlowClass, InformationFlow, Measure, MeasureOwner, ReviewReason,
    Risk, RiskMatrix, Treatment, TreatmentOption,
};
use crate::text::Name;

fn flow_id(n: u128) -> FlowId {
    FlowId::from_uuid(Uuid::from_u128(n))
}
fn component(n: u128) -> ComponentId {
    ComponentId::from_uuid(Uuid::from_u128(n))
}

fn flow(n: u128, components: &[u128]) -> InformationFlow {
    InformationFlow {
        id: flow_id(n),
        offering: OfferingId::from_uuid(Uuid::from_u128(50)),
        who: "保守要員".into(),
        place: "データセンター".into(),
        device_or_medium: "保守端末".into(),
        what: "本番DB".into(),
        how: "障害解析のため参照".into(),
        class: FlowClass::PatientPersonalInformation,
        environment: Environment::Production,
        components: components.iter().map(|c| component(*c)).collect(),
        revision: 1,
    }
}

fn risk(n: u128, flow: Option<u128>, controls: &[&str]) -> Risk {
    let m = RiskMatrix::default_example();
    let now: Timestamp = "2026-11-25T00:00:00Z".parse().unwrap();
    let assessment = Assessment {
        matrix: MatrixId::from_uuid(Uuid::from_u128(9)),
        matrix_version: 1,
        impact: 4,
        likelihood: 4,
        level: m.level(4, 4).unwrap(),
    };
    Risk {
        id: RiskId::from_uuid(Uuid::from_u128(n)),
        owner: OrgId::from_uuid(Uuid::from_u128(1)),
        offering: OfferingId::from_uuid(Uuid::from_u128(50)),
        flow: flow.map(flow_id),
        title: Name::parse("title", "不正ログイン").unwrap(),
        threat: "不正ログイン".into(),
        vulnerability: "4桁のパスワード".into(),
        cia: Cia::default(),
        inherent: assessment.clone(),
        treatment: (!controls.is_empty()).then(|| Treatment {
            option: TreatmentOption::Reduce,
            measures: vec![Measure {
                description: "パスワードの桁数を増やす".into(),
                owner: MeasureOwner::Provider,
                controls: controls.iter().map(|c| (*c).to_owned()).collect(),
                due: None,
                done: false,
            }],
            rationale: "理由".into(),
            options_considered: "比較".into(),
        }),
        residual: (!controls.is_empty()).then_some(assessment),
        explanation: String::new(),
        next_review: None,
        review_flags: Vec::new(),
        assessed_at: None,
        revision: 1,
        created_at: now,
        updated_at: now,
    }
}

fn ids(ns: &[u128]) -> Vec<RiskId> {
    ns.iter()
        .map(|n| RiskId::from_uuid(Uuid::from_u128(*n)))
        .collect()
}

/// Risks 101–105 of one offering: 101 and 102 on flow 11 (through components 21 and 22),
/// 103 on flow 12 (through 22), 104 on no flow, 105 on flow 13 (through nothing).
fn register() -> (Vec<Risk>, Vec<InformationFlow>) {
    let risks = vec![
        risk(101, Some(11), &["13.1-①-1"]),
        risk(102, Some(11), &["own-MFA", "13.1-①-2"]),
        risk(103, Some(12), &[" 13.1-①-1 "]),
        risk(104, None, &["13.1-②-1"]),
        risk(105, Some(13), &[]),
    ];
    let flows = vec![flow(11, &[21, 22]), flow(12, &[22]), flow(13, &[])];
    (risks, flows)
}

#[test]
fn each_change_marks_exactly_its_risks() {
    let (risks, flows) = register();
    let cases: &[(&str, Change<'_>, &[u128])] = &[
        // GL 5.1.7 (fn. 37): a flow changed → the risks analysed on that flow, no other.
        ("flow 11 edited", Change::Flow(flow_id(11)), &[101, 102]),
        ("flow 12 edited", Change::Flow(flow_id(12)), &[103]),
        ("flow 13 edited", Change::Flow(flow_id(13)), &[105]),
        ("unknown flow", Change::Flow(flow_id(99)), &[]),
        // GL 5.1.1, 5.1.7: a component changed → the risks on flows passing through it.
        (
            "component 21",
            Change::Component(component(21)),
            &[101, 102],
        ),
        (
            "component 22",
            Change::Component(component(22)),
            &[101, 102, 103],
        ),
        (
            "component without flows",
            Change::Component(component(23)),
            &[],
        ),
        // GL 2.2, 5.1.7: the supply chain changed → every risk of the offering.
        (
            "supply chain",
            Change::SupplyChain,
            &[101, 102, 103, 104, 105],
        ),
        // GL 5.1.7 (fn. 37), GL 3.2: an incident → every risk of the offering, those
        // without a flow or a treatment included.
        ("incident", Change::Incident, &[101, 102, 103, 104, 105]),
        // FAQ 5.2: a technology-change notice on a control → the risks whose measures use it.
        (
            "Appendix 2 control",
            Change::Control {
                key: "13.1-①-1",
                ascii_key: None,
            },
            &[101, 103],
        ),
        (
            "Appendix 2 control by its ASCII key",
            Change::Control {
                key: "13.1-(1)-2",
                ascii_key: Some("13.1-①-2"),
            },
            &[102],
        ),
        (
            "provider's own control",
            Change::Control {
                key: "own-MFA",
                ascii_key: None,
            },
            &[102],
        ),
        (
            "control no measure uses",
            Change::Control {
                key: "6.1-①-1",
                ascii_key: None,
            },
            &[],
        ),
        (
            "a prefix is not the control",
            Change::Control {
                key: "13.1",
                ascii_key: None,
            },
            &[],
        ),
    ];
    for (name, change, expected) in cases {
        assert_eq!(
            risks_flagged_by(*change, &risks, &flows),
            ids(expected),
            "{name}"
        );
    }
}

#[test]
fn flagging_twice_for_one_cause_records_it_once() {
    let mut r = risk(101, Some(11), &[]);
    let reason = ReviewReason::FlowChanged {
        flow: flow_id(11).to_string(),
        revision: 2,
    };
    assert!(flag(&mut r, reason.clone()));
    assert!(!flag(&mut r, reason.clone()));
    // Another cause is a mark of its own (each mark names its cause).
    assert!(flag(
        &mut r,
        ReviewReason::SupplyChainChanged {
            link: "l".into(),
            code: "I1".into(),
            supplier: "DC".into(),
        }
    ));
    assert_eq!(r.review_flags.len(), 2);
    // Each incident is a cause of its own; the same incident marks once.
    let incident = |id: &str| ReviewReason::Incident {
        incident: id.into(),
        title: "不正アクセス".into(),
    };
    assert!(flag(&mut r, incident("i1")));
    assert!(!flag(&mut r, incident("i1")));
    assert!(flag(&mut r, incident("i2")));
    assert_eq!(r.review_flags.len(), 4);
}

#[test]
fn a_reassessment_clears_every_mark_and_schedules_the_next_review() {
    // FAQ 5.2, GL 5.1.5 (3): the reassessment is the review.
    let m = RiskMatrix::default_example();
    let today: jiff::civil::Date = "2026-12-06".parse().unwrap();
    let reasons = [
        ReviewReason::Scheduled,
        ReviewReason::MatrixVersion { version: 2 },
        ReviewReason::CatalogueVersion {
            catalogue: "appendix2".into(),
            version: "v2".into(),
        },
        ReviewReason::TechnologyChange {
            notice: "n".into(),
            title: "MFA".into(),
            control: Some("13.1-①-1".into()),
        },
        ReviewReason::FlowChanged {
            flow: "f".into(),
            revision: 2,
        },
        ReviewReason::ComponentChanged {
            component: "c".into(),
            name: "DB".into(),
        },
    ];
    for reason in reasons {
        let mut treated = risk(101, Some(11), &["13.1-①-1"]);
        treated.review_flags.push(reason.clone());
        clear_on_reassessment(&mut treated, &m, today, jiff::Timestamp::UNIX_EPOCH);
        assert!(treated.review_flags.is_empty(), "{reason:?}");
        let level = treated.residual.as_ref().unwrap().level;
        assert_eq!(treated.next_review, Some(next_review(&m, level, today)));
        // Without a residual risk there is nothing to schedule.
        let mut untreated = risk(102, None, &[]);
        untreated.review_flags.push(reason.clone());
        clear_on_reassessment(&mut untreated, &m, today, jiff::Timestamp::UNIX_EPOCH);
        assert!(untreated.review_flags.is_empty());
        assert_eq!(untreated.next_review, None);
    }
}

#[test]
fn review_reasons_keep_their_stored_form() {
    // Marks stored by earlier versions (a notice without a control) still read.
    let old: ReviewReason =
        serde_json::from_str(r#"{"kind":"technology_change","notice":"n","title":"t"}"#).unwrap();
    assert_eq!(
        old,
        ReviewReason::TechnologyChange {
            notice: "n".into(),
            title: "t".into(),
            control: None
        }
    );
    let flow = ReviewReason::FlowChanged {
        flow: "f".into(),
        revision: 3,
    };
    let json = serde_json::to_string(&flow).unwrap();
    assert_eq!(json, r#"{"kind":"flow_changed","flow":"f","revision":3}"#);
    assert_eq!(serde_json::from_str::<ReviewReason>(&json).unwrap(), flow);
}
