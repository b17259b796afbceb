//! Table tests of the treatment, consent and review rules, each citing its section.

use jiff::Timestamp;
use uuid::Uuid;

mod standing;

use super::*;
use crate::access::{Principal, Role};
use crate::ids::{MatrixId, OfferingId, OrgId, RiskId, UserId};
use crate::text::Name;

fn org(n: u128) -> OrgId {
    OrgId::from_uuid(Uuid::from_u128(n))
}

const PROVIDER: u128 = 1;
const HOSPITAL: u128 = 2;
const CLINIC: u128 = 3;
const OTHER: u128 = 4;

fn assessment(m: &RiskMatrix, impact: u8, likelihood: u8) -> Assessment {
    Assessment {
        matrix: MatrixId::from_uuid(Uuid::from_u128(9)),
        matrix_version: 1,
        impact,
        likelihood,
        level: m.level(impact, likelihood).unwrap(),
    }
}

fn measure(text: &str, owner: MeasureOwner) -> Measure {
    Measure {
        description: text.into(),
        owner,
        controls: vec!["3.1-①-1".into()],
        due: None,
        done: false,
    }
}

fn treatment(option: TreatmentOption, measures: Vec<Measure>) -> Treatment {
    Treatment {
        option,
        measures,
        rationale: "理由 / reason".into(),
        options_considered: "低減・回避・共有・受容を比較".into(),
    }
}

fn risk(m: &RiskMatrix, impact: u8, likelihood: u8) -> Risk {
    let now: Timestamp = "2026-11-25T00:00:00Z".parse().unwrap();
    Risk {
        id: RiskId::from_uuid(Uuid::from_u128(100)),
        owner: org(PROVIDER),
        offering: OfferingId::from_uuid(Uuid::from_u128(50)),
        flow: None,
        title: Name::parse("title", "4桁パスワードによる不正ログイン").unwrap(),
        threat: "不正ログイン".into(),
        vulnerability: "4桁の数字のパスワード".into(),
        cia: Cia {
            confidentiality: true,
            integrity: true,
            availability: false,
        },
        inherent: assessment(m, impact, likelihood),
        treatment: None,
        residual: None,
        explanation: "説明".into(),
        next_review: None,
        review_flags: Vec::new(),
        assessed_at: None,
        revision: 1,
        created_at: now,
        updated_at: now,
    }
}

fn reviewer(of: u128) -> Principal {
    Principal {
        user: UserId::from_uuid(Uuid::from_u128(of + 1000)),
        name: "it@example.jp".into(),
        org: org(of),
        role: Role::InstitutionReviewer,
        access_until: None,
    }
}

fn consent(r: &Risk, of: u128) -> Consent {
    Consent {
        risk: r.id,
        institution: org(of),
        user: UserId::from_uuid(Uuid::from_u128(of + 1000)),
        user_name: "x".into(),
        at: r.updated_at,
        digest: r.content_digest(None),
    }
}

/// The standing of a risk on one matrix, without thread or flow.
fn standing<'a>(m: &'a RiskMatrix, affected: &'a [OrgId], consents: &'a [Consent]) -> Standing<'a> {
    Standing {
        criteria: Criteria::of(m),
        affected,
        consents,
        thread: &[],
        flow: None,
    }
}

fn state_of(m: &RiskMatrix, r: &Risk, affected: &[OrgId], consents: &[Consent]) -> TreatmentState {
    treatment_state(r, &standing(m, affected, consents))
}

/// (case, section, inherent (impact, likelihood), option, measures, residual, expected field of
/// the refusal or None when allowed)
type TreatmentCase = (
    &'static str,
    &'static str,
    (u8, u8),
    TreatmentOption,
    Vec<Measure>,
    Option<(u8, u8)>,
    Option<&'static str>,
);

/// A named change of a risk.
type Change = (&'static str, Box<dyn Fn(&mut Risk)>);

#[test]
fn treatment_rules() {
    use TreatmentOption::*;
    let m = RiskMatrix::default_example();
    let p = MeasureOwner::Provider;
    let two = || {
        vec![
            measure("12文字以上のパスワード", p),
            measure("ログイン試行回数の制限", p),
        ]
    };
    let one = || vec![measure("12文字以上のパスワード", p)];
    #[rustfmt::skip]
    let cases: Vec<TreatmentCase> = vec![
        ("S cannot be closed by accepting alone", "GL 5.1.3 表5-2, FAQ 5.1", (5, 5), Accept, vec![], Some((5, 5)), Some("treatment.option")),
        ("S accepted even with measures is refused", "GL 5.1.3 表5-2", (5, 5), Accept, two(), Some((5, 5)), Some("treatment.option")),
        ("S needs several measures", "GL 5.1.3 表5-2", (5, 5), Reduce, one(), Some((3, 2)), Some("treatment.measures")),
        ("S reduced by two measures", "GL 5.1.3 表5-2, FAQ 5.2", (5, 5), Reduce, two(), Some((3, 2)), None),
        ("S shared needs several measures", "GL 5.1.3 表5-2", (5, 5), Share, one(), Some((4, 2)), Some("treatment.measures")),
        ("S avoided by stopping the activity", "GL 5.1.4", (5, 5), Avoid, one(), Some((1, 1)), None),
        ("S avoided without saying what stops", "GL 5.1.4", (5, 5), Avoid, vec![], Some((1, 1)), Some("treatment.measures")),
        ("A cannot be closed by accepting alone", "GL 5.1.3 表5-2", (4, 4), Accept, vec![], Some((4, 4)), Some("treatment.option")),
        ("A reduced by one measure", "GL 5.1.3 表5-2", (4, 4), Reduce, one(), Some((2, 2)), None),
        ("A without a measure", "GL 5.1.3 表5-2", (4, 4), Reduce, vec![], Some((2, 2)), Some("treatment.measures")),
        ("B may be accepted (with consent)", "GL 5.1.3 表5-2, FAQ 5.1", (3, 3), Accept, vec![], Some((3, 3)), None),
        ("C may be accepted (with consent)", "GL 5.1.3 表5-2, FAQ 5.1", (2, 2), Accept, vec![], Some((2, 2)), None),
        ("D needs nothing", "GL 5.1.3 表5-2", (1, 1), Accept, vec![], Some((1, 1)), None),
        ("a treated risk needs its residual risk", "GL 5.1.5 (3)", (4, 4), Reduce, one(), None, Some("residual")),
        ("the residual risk cannot exceed the inherent one", "GL 5.1.5 (3)", (3, 3), Reduce, one(), Some((5, 5)), Some("residual")),
        ("a measure needs a description", "GL 5.1.5 (1)", (4, 4), Reduce, vec![measure(" ", p)], Some((2, 2)), Some("treatment.measures[0].description")),
    ];
    let mut failures = Vec::new();
    for (name, section, (i, l), option, measures, residual, expected) in cases {
        let r = risk(&m, i, l);
        let t = treatment(option, measures);
        let res = residual.map(|(i, l)| assessment(&m, i, l));
        let got = check_treatment(&m, &r.inherent, &t, res.as_ref(), &r.explanation)
            .err()
            .map(|e| e.field);
        if got.as_deref() != expected {
            failures.push(format!(
                "{name} ({section}): expected {expected:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_decision_needs_its_reason_and_sharing_or_accepting_its_explanation() {
    // GL 5.1.4; FAQ 5.1 with GL 3.1.2 (duty to explain).
    let m = RiskMatrix::default_example();
    let r = risk(&m, 3, 3);
    let res = Some(assessment(&m, 3, 3));
    let mut t = treatment(TreatmentOption::Accept, vec![]);
    t.rationale = " ".into();
    assert_eq!(
        check_treatment(&m, &r.inherent, &t, res.as_ref(), "説明")
            .unwrap_err()
            .field,
        "treatment.rationale"
    );
    let mut t = treatment(TreatmentOption::Accept, vec![]);
    t.options_considered = String::new();
    assert_eq!(
        check_treatment(&m, &r.inherent, &t, res.as_ref(), "説明")
            .unwrap_err()
            .field,
        "treatment.options_considered"
    );
    let t = treatment(TreatmentOption::Accept, vec![]);
    assert_eq!(
        check_treatment(&m, &r.inherent, &t, res.as_ref(), "")
            .unwrap_err()
            .field,
        "explanation"
    );
    let e = check_treatment(&m, &r.inherent, &t, res.as_ref(), "").unwrap_err();
    assert!(
        e.message.contains("FAQ 5.1"),
        "the refusal cites its section: {e}"
    );
}

#[test]
fn share_and_accept_take_effect_only_with_every_affected_institutions_consent() {
    // FAQ 5.1: the provider must not choose share or accept on its own judgement.
    let m = RiskMatrix::default_example();
    let mut r = risk(&m, 3, 3);
    r.treatment = Some(treatment(TreatmentOption::Accept, vec![]));
    r.residual = Some(assessment(&m, 3, 3));
    let affected = [org(HOSPITAL), org(CLINIC)];
    let state = state_of(&m, &r, &affected, &[]);
    assert!(!state.is_effective(), "no consent: not in effect");
    let state = state_of(&m, &r, &affected, &[consent(&r, HOSPITAL)]);
    assert!(
        matches!(state, TreatmentState::AwaitingConsent { ref consents } if consents.missing == [org(CLINIC)])
    );
    let state = state_of(
        &m,
        &r,
        &affected,
        &[consent(&r, HOSPITAL), consent(&r, CLINIC)],
    );
    assert!(matches!(state, TreatmentState::EffectiveByConsent { .. }));
    // The provider alone, with no institution to agree, can never make it effective.
    assert!(!state_of(&m, &r, &[], &[]).is_effective());
    // A consent of an institution that is not affected does not count.
    assert!(
        !state_of(
            &m,
            &r,
            &affected,
            &[consent(&r, HOSPITAL), consent(&r, OTHER)]
        )
        .is_effective()
    );
}

#[test]
fn a_material_change_voids_the_consents() {
    // FAQ 5.1, 5.2: level, treatment, measures, residual risk or explanation.
    let m = RiskMatrix::default_example();
    let mut r = risk(&m, 3, 3);
    r.treatment = Some(treatment(
        TreatmentOption::Share,
        vec![measure("保険", MeasureOwner::Provider)],
    ));
    r.residual = Some(assessment(&m, 3, 2));
    let affected = [org(HOSPITAL)];
    let given = [consent(&r, HOSPITAL)];
    assert!(state_of(&m, &r, &affected, &given).is_effective());
    let changes: Vec<Change> = vec![
        (
            "level",
            Box::new(|r: &mut Risk| r.inherent = assessment(&RiskMatrix::default_example(), 4, 3)),
        ),
        (
            "treatment option",
            Box::new(|r: &mut Risk| r.treatment.as_mut().unwrap().option = TreatmentOption::Accept),
        ),
        (
            "measures",
            Box::new(|r: &mut Risk| {
                r.treatment.as_mut().unwrap().measures[0].description = "別の保険".into()
            }),
        ),
        (
            "residual risk",
            Box::new(|r: &mut Risk| {
                r.residual = Some(assessment(&RiskMatrix::default_example(), 2, 2))
            }),
        ),
        (
            "explanation",
            Box::new(|r: &mut Risk| r.explanation = "新しい説明".into()),
        ),
    ];
    for (what, change) in changes {
        let mut changed = r.clone();
        change(&mut changed);
        let state = state_of(&m, &changed, &affected, &given);
        assert!(
            !state.is_effective() && state.re_consent_needed(),
            "a change of the {what} must need re-consent"
        );
    }
    // Bookkeeping outside the material content (a measure ticked done) keeps the consents.
    let mut edited = r.clone();
    edited.treatment.as_mut().unwrap().measures[0].done = true;
    assert!(state_of(&m, &edited, &affected, &given).is_effective());
}

#[test]
fn only_a_reviewer_of_an_affected_institution_agrees_to_the_content_they_saw() {
    // FAQ 5.1.
    let m = RiskMatrix::default_example();
    let mut r = risk(&m, 3, 3);
    let affected = [org(HOSPITAL)];
    assert_eq!(
        check_consent(
            &reviewer(HOSPITAL),
            &r,
            &standing(&m, &affected, &[]),
            &r.content_digest(None)
        )
        .unwrap_err()
        .field,
        "risk"
    );
    r.treatment = Some(treatment(TreatmentOption::Accept, vec![]));
    r.residual = Some(assessment(&m, 3, 3));
    let digest = r.content_digest(None);
    assert!(
        check_consent(
            &reviewer(HOSPITAL),
            &r,
            &standing(&m, &affected, &[]),
            &digest
        )
        .is_ok()
    );
    let e =
        check_consent(&reviewer(OTHER), &r, &standing(&m, &affected, &[]), &digest).unwrap_err();
    assert!(e.message.contains("does not touch your institution"), "{e}");
    let mut admin = reviewer(PROVIDER);
    admin.role = Role::ProviderAdmin;
    let e = check_consent(&admin, &r, &standing(&m, &[org(PROVIDER)], &[]), &digest).unwrap_err();
    assert!(e.message.contains("provider alone can never"), "{e}");
    assert_eq!(
        check_consent(
            &reviewer(HOSPITAL),
            &r,
            &standing(&m, &affected, &[]),
            "stale"
        )
        .unwrap_err()
        .field,
        "digest"
    );
}

#[test]
fn reduce_waits_for_the_residual_risk_to_be_agreed() {
    // FAQ 5.2, GL 5.1.5 (3): agree the residual risk with the institution; until then the
    // risk is not treated.
    let m = RiskMatrix::default_example();
    let mut r = risk(&m, 5, 5);
    r.treatment = Some(treatment(
        TreatmentOption::Reduce,
        vec![
            measure("12文字以上", MeasureOwner::Provider),
            measure(
                "診察室の端末にパスワードを貼らない",
                MeasureOwner::Institution(org(HOSPITAL)),
            ),
        ],
    ));
    r.residual = Some(assessment(&m, 3, 2));
    let state = state_of(&m, &r, &[org(HOSPITAL)], &[]);
    assert!(!state.is_effective());
    assert!(
        matches!(state, TreatmentState::ResidualAgreementPending { ref consents } if consents.missing == [org(HOSPITAL)])
    );
    assert_eq!(RiskStatus::of(&state), RiskStatus::ResidualAgreementPending);
    let agreed = [consent(&r, HOSPITAL)];
    let state = state_of(&m, &r, &[org(HOSPITAL)], &agreed);
    assert!(matches!(state, TreatmentState::Effective { .. }));
    // Before any institution contracts there is nobody to agree with.
    assert!(state_of(&m, &r, &[], &[]).is_effective());
    assert_eq!(
        r.institution_duties().len(),
        1,
        "the institution's duty is listed for its view"
    );
}

#[test]
fn untreated_risks_are_open_unless_their_level_needs_nothing() {
    let m = RiskMatrix::default_example();
    assert_eq!(
        state_of(&m, &risk(&m, 4, 4), &[], &[]),
        TreatmentState::Open
    );
    assert_eq!(
        state_of(&m, &risk(&m, 1, 1), &[], &[]),
        TreatmentState::NoTreatmentNeeded
    );
}

#[test]
fn residual_reviews_follow_the_level_interval_and_older_matrices_are_flagged() {
    // GL 5.1.5 (3), FAQ 5.2: re-evaluate periodically; a new matrix never rewrites old
    // assessments but marks them for review.
    let m = RiskMatrix::default_example();
    let day: jiff::civil::Date = "2026-11-25".parse().unwrap();
    assert_eq!(next_review(&m, RiskLevel::S, day).to_string(), "2027-02-23");
    assert_eq!(next_review(&m, RiskLevel::D, day).to_string(), "2028-11-24");
    let mut r = risk(&m, 3, 3);
    r.next_review = Some(day);
    assert!(!review_overdue(&r, day));
    assert!(review_overdue(&r, day.tomorrow().unwrap()));
    assert!(rules::assessed_on_older_matrix(&r, 2));
    assert!(!rules::assessed_on_older_matrix(&r, 1));
}
