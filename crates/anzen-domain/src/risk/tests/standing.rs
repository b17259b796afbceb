//! Table tests of the rules that keep a treatment standing only while it meets the criterion
//! (GL 5.1.3 表5-2, 5.1.4, 5.1.5 (3), FAQ 5.1), of the residual-risk agreement (FAQ 5.2), of
//! the institution's voice (GL 5.1.6 (1), GL 3.1.2) and of what a consent covers.

use super::*;
use crate::ids::{FlowId, ThreadEntryId};
use crate::risk::voice::{
    EntryKind, MAX_THREAD_TEXT, ThreadEntry, check_answer, check_decline, check_question,
    thread_visible_to,
};

fn two() -> Vec<Measure> {
    vec![
        measure("12文字以上のパスワード", MeasureOwner::Provider),
        measure("ログイン試行回数の制限", MeasureOwner::Provider),
    ]
}

fn one() -> Vec<Measure> {
    vec![measure("12文字以上のパスワード", MeasureOwner::Provider)]
}

fn treated(
    m: &RiskMatrix,
    (i, l): (u8, u8),
    option: TreatmentOption,
    measures: Vec<Measure>,
    (ri, rl): (u8, u8),
) -> Risk {
    let mut r = risk(m, i, l);
    r.treatment = Some(treatment(option, measures));
    r.residual = Some(assessment(m, ri, rl));
    r
}

/// (case, section, inherent, option, measures, residual, reassessed to, expected status,
/// expected field of the reason when reopened)
type ReassessCase = (
    &'static str,
    &'static str,
    (u8, u8),
    TreatmentOption,
    Vec<Measure>,
    (u8, u8),
    (u8, u8),
    RiskStatus,
    Option<&'static str>,
);

#[test]
fn a_reassessed_level_reruns_the_treatment_rules() {
    use TreatmentOption::*;
    let m = RiskMatrix::default_example();
    #[rustfmt::skip]
    let cases: Vec<ReassessCase> = vec![
        ("reduced at A with one measure, reassessed to S: several measures needed", "GL 5.1.3 表5-2", (4, 4), Reduce, one(), (2, 2), (5, 5), RiskStatus::Reopened, Some("treatment.measures")),
        ("accepted at B, reassessed to S: accepting alone cannot close it", "GL 5.1.3 表5-2, FAQ 5.1", (3, 3), Accept, vec![], (3, 3), (5, 5), RiskStatus::Reopened, Some("treatment.option")),
        ("accepted at B, reassessed to A: accepting alone cannot close it", "GL 5.1.3 表5-2, FAQ 5.1", (3, 3), Accept, vec![], (3, 3), (4, 4), RiskStatus::Reopened, Some("treatment.option")),
        ("reduced at S by two measures, reassessed to A: stands, the level change asks for re-consent", "GL 5.1.3 表5-2", (5, 5), Reduce, two(), (2, 2), (4, 4), RiskStatus::ReConsentNeeded, None),
        ("reduced at A, reassessed within A: stands, re-consent for the new values", "GL 5.1.3 表5-2", (4, 4), Reduce, one(), (2, 2), (3, 4), RiskStatus::ReConsentNeeded, None),
        ("accepted at C, reassessed to B: still awaits consent", "FAQ 5.1", (2, 2), Accept, vec![], (2, 2), (3, 3), RiskStatus::ReConsentNeeded, None),
    ];
    let mut failures = Vec::new();
    for (name, section, before, option, measures, residual, after, expected, field) in cases {
        let r = treated(&m, before, option, measures, residual);
        let affected = [org(HOSPITAL)];
        let given = [consent(&r, HOSPITAL)];
        let mut changed = r.clone();
        let inherent = assessment(&m, after.0, after.1);
        if let Err(e) = check_reassessment(&changed, &inherent) {
            failures.push(format!("{name} ({section}): reassessment refused: {e}"));
            continue;
        }
        changed.inherent = inherent;
        let state = state_of(&m, &changed, &affected, &given);
        let status = RiskStatus::of(&state);
        let got = state.reason().map(|e| e.field.as_str());
        if status != expected || got != field {
            failures.push(format!(
                "{name} ({section}): expected {expected:?}/{field:?}, got {status:?}/{got:?}"
            ));
        }
        if let Some(reason) = state.reason()
            && !reason.message.contains("GL 5.1.3")
        {
            failures.push(format!("{name}: the reason cites its rule: {reason}"));
        }
        // A re-consent never makes a reopened treatment effective (FAQ 5.1).
        if expected == RiskStatus::Reopened {
            let again = [consent(&r, HOSPITAL), consent(&changed, HOSPITAL)];
            if state_of(&m, &changed, &affected, &again).is_effective() {
                failures.push(format!("{name}: a re-consent made it effective"));
            }
            let digest = changed.content_digest(None);
            let refused = check_consent(
                &reviewer(HOSPITAL),
                &changed,
                &standing(&m, &affected, &given),
                &digest,
            );
            if refused.as_ref().err().map(|e| e.field.as_str()) != field {
                failures.push(format!(
                    "{name}: consent not refused by the rule: {refused:?}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lowering_the_level_below_the_residual_risk_is_refused() {
    // GL 5.1.5 (3): the residual risk is never above the risk before treatment.
    let m = RiskMatrix::default_example();
    let r = treated(&m, (4, 4), TreatmentOption::Reduce, one(), (3, 3));
    let e = check_reassessment(&r, &assessment(&m, 2, 2)).unwrap_err();
    assert_eq!(e.field, "impact");
    assert!(e.message.contains("GL 5.1.5 (3)"), "{e}");
    assert!(
        check_reassessment(&r, &assessment(&m, 3, 3)).is_ok(),
        "equal is fine"
    );
    assert!(check_reassessment(&risk(&m, 4, 4), &assessment(&m, 1, 1)).is_ok());
}

#[test]
fn a_new_matrix_version_is_judged_with_the_criteria_in_force() {
    // GL 5.1.3: the organisation's criteria; a stricter version reopens what it no longer
    // accepts, whether through a criterion or through the level its cells now give.
    let m = RiskMatrix::default_example();
    let r = treated(&m, (4, 4), TreatmentOption::Reduce, one(), (2, 2));
    let affected = [org(HOSPITAL)];
    let given = [consent(&r, HOSPITAL)];
    let on = |current: &RiskMatrix| {
        treatment_state(
            &r,
            &Standing {
                criteria: Criteria {
                    assessed: &m,
                    current: Some(current),
                },
                affected: &affected,
                consents: &given,
                thread: &[],
                flow: None,
            },
        )
    };
    assert!(on(&m).is_effective(), "the same criteria: it stands");
    let mut stricter = m.clone();
    for c in &mut stricter.criteria {
        if c.level == RiskLevel::A {
            c.requirement = Requirement::Mandatory { min_measures: 2 };
        }
    }
    let state = on(&stricter);
    assert_eq!(RiskStatus::of(&state), RiskStatus::Reopened);
    assert_eq!(state.reason().unwrap().field, "treatment.measures");
    let mut recoloured = m.clone();
    recoloured.cells[3][3] = RiskLevel::S;
    assert_eq!(RiskStatus::of(&on(&recoloured)), RiskStatus::Reopened);
}

fn entry(
    r: &Risk,
    n: u128,
    of: u128,
    kind: EntryKind,
    reply: Option<u128>,
    digest: &str,
) -> ThreadEntry {
    ThreadEntry {
        id: ThreadEntryId::from_uuid(Uuid::from_u128(n)),
        risk: r.id,
        institution: org(of),
        kind,
        text: "text".into(),
        in_reply_to: reply.map(|x| ThreadEntryId::from_uuid(Uuid::from_u128(x))),
        digest: digest.into(),
        user: UserId::from_uuid(Uuid::from_u128(of + 1000)),
        user_name: "x".into(),
        at: r.updated_at,
    }
}

#[test]
fn a_decline_stops_the_treatment_until_the_provider_answers_or_revises() {
    // GL 5.1.6 (1): without agreement the provider reviews its treatment; FAQ 5.1, 5.2.
    let m = RiskMatrix::default_example();
    let r = treated(&m, (3, 3), TreatmentOption::Accept, vec![], (3, 3));
    let affected = [org(HOSPITAL)];
    let digest = r.content_digest(None);
    let declined = [entry(&r, 1, HOSPITAL, EntryKind::Decline, None, &digest)];
    let with = |thread: &[ThreadEntry], consents: &[Consent]| {
        let s = Standing {
            criteria: Criteria::of(&m),
            affected: &affected,
            consents,
            thread,
            flow: None,
        };
        (
            RiskStatus::of(&treatment_state(&r, &s)),
            check_consent(&reviewer(HOSPITAL), &r, &s, &digest)
                .err()
                .map(|e| e.message),
        )
    };
    let (status, refusal) = with(&declined, &[]);
    assert_eq!(status, RiskStatus::Declined);
    assert!(
        refusal.unwrap().contains("GL 5.1.6 (1)"),
        "asked again too early"
    );
    // The provider explains again: the institution can be asked, and its agreement counts.
    let mut answered = declined.to_vec();
    answered.push(entry(&r, 2, HOSPITAL, EntryKind::Answer, Some(1), &digest));
    assert_eq!(with(&answered, &[]), (RiskStatus::AwaitingConsent, None));
    assert_eq!(
        with(&answered, &[consent(&r, HOSPITAL)]).0,
        RiskStatus::Effective
    );
    // A decline of an earlier content is answered by the revision itself.
    let old = [entry(&r, 3, HOSPITAL, EntryKind::Decline, None, "earlier")];
    assert_eq!(with(&old, &[]).0, RiskStatus::AwaitingConsent);
    // A reduce declined is not treated either.
    let red = treated(&m, (4, 4), TreatmentOption::Reduce, one(), (2, 2));
    let d = red.content_digest(None);
    let thread = [entry(&red, 4, HOSPITAL, EntryKind::Decline, None, &d)];
    let s = Standing {
        criteria: Criteria::of(&m),
        affected: &affected,
        consents: &[],
        thread: &thread,
        flow: None,
    };
    assert_eq!(
        RiskStatus::of(&treatment_state(&red, &s)),
        RiskStatus::Declined
    );
}

/// (case, section, who, institution's prior acts, seen digest is current, reason, expected field)
type DeclineCase = (
    &'static str,
    &'static str,
    Principal,
    &'static str,
    bool,
    String,
    Option<&'static str>,
);

#[test]
fn who_may_decline_and_with_what() {
    let m = RiskMatrix::default_example();
    let r = treated(&m, (3, 3), TreatmentOption::Accept, vec![], (3, 3));
    let affected = [org(HOSPITAL)];
    let digest = r.content_digest(None);
    let mut admin = reviewer(PROVIDER);
    admin.role = Role::ProviderAdmin;
    #[rustfmt::skip]
    let cases: Vec<DeclineCase> = vec![
        ("an affected institution declines with a reason", "GL 5.1.6 (1)", reviewer(HOSPITAL), "", true, "説明が不足".into(), None),
        ("the provider cannot decline for it", "GL 5.1.6 (1), FAQ 5.1", admin, "", true, "x".into(), Some("institution")),
        ("an institution the risk does not touch", "GL 5.1.6 (1)", reviewer(OTHER), "", true, "x".into(), Some("institution")),
        ("an empty reason", "GL 5.1.6 (1)", reviewer(HOSPITAL), "", true, "  ".into(), Some("reason")),
        ("an over-long reason", "GL 5.1.6 (1)", reviewer(HOSPITAL), "", true, "あ".repeat(MAX_THREAD_TEXT + 1), Some("reason")),
        ("content changed since it was opened", "FAQ 5.1, 5.2", reviewer(HOSPITAL), "", false, "x".into(), Some("digest")),
        ("content it already agreed to", "FAQ 5.1, 5.2", reviewer(HOSPITAL), "agreed", true, "x".into(), Some("digest")),
        ("twice before the answer", "GL 5.1.6 (1)", reviewer(HOSPITAL), "declined", true, "x".into(), Some("digest")),
    ];
    let mut failures = Vec::new();
    for (name, section, who, prior, current, reason, expected) in cases {
        let consents = if prior == "agreed" {
            vec![consent(&r, HOSPITAL)]
        } else {
            vec![]
        };
        let thread = if prior == "declined" {
            vec![entry(&r, 1, HOSPITAL, EntryKind::Decline, None, &digest)]
        } else {
            vec![]
        };
        let s = Standing {
            criteria: Criteria::of(&m),
            affected: &affected,
            consents: &consents,
            thread: &thread,
            flow: None,
        };
        let seen = if current {
            digest.clone()
        } else {
            "old".into()
        };
        let got = check_decline(&who, &r, &s, &seen, &reason)
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

/// (case, who, the entry answered, text, expected field of the refusal)
type AnswerCase<'a> = (
    &'static str,
    &'a Principal,
    Option<&'a ThreadEntry>,
    &'static str,
    Option<&'static str>,
);

/// A named change of a covered field (of the risk or of its flow).
type DigestChange = (&'static str, Box<dyn Fn(&mut Risk, &mut InformationFlow)>);

#[test]
fn who_may_ask_and_answer() {
    // GL 5.1.6 (1): the institution asks; GL 3.1.2: the provider owes the explanation.
    let m = RiskMatrix::default_example();
    let r = treated(&m, (3, 3), TreatmentOption::Accept, vec![], (3, 3));
    let affected = [org(HOSPITAL)];
    assert!(check_question(&reviewer(HOSPITAL), &affected, "なぜ受容？").is_ok());
    assert_eq!(
        check_question(&reviewer(OTHER), &affected, "x")
            .unwrap_err()
            .field,
        "institution"
    );
    assert_eq!(
        check_question(&reviewer(HOSPITAL), &affected, " ")
            .unwrap_err()
            .field,
        "text"
    );
    let mut admin = reviewer(PROVIDER);
    admin.role = Role::ProviderMember;
    let q = entry(&r, 1, HOSPITAL, EntryKind::Question, None, "d");
    let a = entry(&r, 2, HOSPITAL, EntryKind::Answer, Some(1), "d");
    let mut elsewhere = q.clone();
    elsewhere.risk = RiskId::from_uuid(Uuid::from_u128(999));
    let mut stranger = admin.clone();
    stranger.org = org(OTHER);
    let hospital = reviewer(HOSPITAL);
    let cases: Vec<AnswerCase> = vec![
        (
            "the provider answers a question",
            &admin,
            Some(&q),
            "回答",
            None,
        ),
        (
            "an institution cannot answer",
            &hospital,
            Some(&q),
            "x",
            Some("in_reply_to"),
        ),
        (
            "another provider cannot answer",
            &stranger,
            Some(&q),
            "x",
            Some("in_reply_to"),
        ),
        (
            "an answer is not answered",
            &admin,
            Some(&a),
            "x",
            Some("in_reply_to"),
        ),
        (
            "an entry of another risk",
            &admin,
            Some(&elsewhere),
            "x",
            Some("in_reply_to"),
        ),
        ("an unknown entry", &admin, None, "x", Some("in_reply_to")),
        ("an empty answer", &admin, Some(&q), "", Some("text")),
    ];
    for (name, who, e, text, expected) in cases {
        let got = check_answer(who, &r, e, text).err().map(|e| e.field);
        assert_eq!(got.as_deref(), expected, "{name} (GL 3.1.2, 5.1.6 (1))");
    }
    // The thread is seen by the provider and by the institution it belongs to only.
    assert!(thread_visible_to(&q, org(PROVIDER), org(PROVIDER)));
    assert!(thread_visible_to(&q, org(HOSPITAL), org(PROVIDER)));
    assert!(!thread_visible_to(&q, org(CLINIC), org(PROVIDER)));
}

#[test]
fn the_digest_covers_exactly_what_the_consent_screen_shows() {
    // FAQ 5.1, 5.2: a consent covers what was shown; bookkeeping does not void it.
    let m = RiskMatrix::default_example();
    let mut r = treated(&m, (4, 4), TreatmentOption::Reduce, one(), (2, 2));
    r.treatment.as_mut().unwrap().measures[0].due = Some("2027-01-31".parse().unwrap());
    let flow = InformationFlow {
        id: FlowId::from_uuid(Uuid::from_u128(7)),
        offering: r.offering,
        who: "保守要員".into(),
        place: "データセンター".into(),
        device_or_medium: "保守端末".into(),
        what: "本番DB".into(),
        how: "障害解析のため参照".into(),
        class: FlowClass::PatientPersonalInformation,
        environment: Environment::Production,
        components: vec![],
        revision: 1,
    };
    let base = r.content_digest(Some(&flow));
    #[rustfmt::skip]
    let changes: Vec<DigestChange> = vec![
        ("title", Box::new(|r, _| r.title = Name::parse("title", "別の題名").unwrap())),
        ("threat", Box::new(|r, _| r.threat = "総当たり".into())),
        ("vulnerability", Box::new(|r, _| r.vulnerability = "短い".into())),
        ("cia", Box::new(|r, _| r.cia.availability = true)),
        ("flow: who", Box::new(|_, f| f.who = "開発者".into())),
        ("flow: place", Box::new(|_, f| f.place = "自宅".into())),
        ("flow: device", Box::new(|_, f| f.device_or_medium = "私物PC".into())),
        ("flow: what", Box::new(|_, f| f.what = "バックアップ".into())),
        ("flow: how", Box::new(|_, f| f.how = "複製".into())),
        ("flow: class", Box::new(|_, f| f.class = FlowClass::Credentials)),
        ("flow: environment", Box::new(|_, f| f.environment = Environment::Test)),
        ("inherent level", Box::new(|r, _| r.inherent = assessment(&RiskMatrix::default_example(), 5, 5))),
        ("option", Box::new(|r, _| r.treatment.as_mut().unwrap().option = TreatmentOption::Avoid)),
        ("options weighed", Box::new(|r, _| r.treatment.as_mut().unwrap().options_considered = "別".into())),
        ("reason", Box::new(|r, _| r.treatment.as_mut().unwrap().rationale = "別".into())),
        ("measure description", Box::new(|r, _| r.treatment.as_mut().unwrap().measures[0].description = "別".into())),
        ("measure owner", Box::new(|r, _| r.treatment.as_mut().unwrap().measures[0].owner = MeasureOwner::Institution(org(HOSPITAL)))),
        ("measure controls", Box::new(|r, _| r.treatment.as_mut().unwrap().measures[0].controls.push("6.2-1".into()))),
        ("measure due date", Box::new(|r, _| r.treatment.as_mut().unwrap().measures[0].due = None)),
        ("a measure added", Box::new(|r, _| r.treatment.as_mut().unwrap().measures.push(measure("追加", MeasureOwner::Provider)))),
        ("residual risk", Box::new(|r, _| r.residual = Some(assessment(&RiskMatrix::default_example(), 1, 1)))),
        ("explanation", Box::new(|r, _| r.explanation = "新しい説明".into())),
        ("when it was assessed", Box::new(|r, _| r.assessed_at = Some("2027-04-01T00:00:00Z".parse().unwrap()))),
    ];
    for (what, change) in changes {
        let (mut r2, mut f2) = (r.clone(), flow.clone());
        change(&mut r2, &mut f2);
        assert_ne!(
            r2.content_digest(Some(&f2)),
            base,
            "a change of {what} must change the digest"
        );
    }
    assert_ne!(r.content_digest(None), base, "the flow is covered");
    let mut done = r.clone();
    done.treatment.as_mut().unwrap().measures[0].done = true;
    done.revision += 1;
    done.next_review = Some("2027-06-01".parse().unwrap());
    done.review_flags.push(ReviewReason::Scheduled);
    assert_eq!(
        done.content_digest(Some(&flow)),
        base,
        "bookkeeping keeps the digest"
    );
    assert_eq!(CONSENTED_FIELDS.len(), 13);
    // FAQ 5.2: a reassessment is agreed again, even when it keeps every value.
    let mut reassessed = r.clone();
    crate::risk::review::clear_on_reassessment(
        &mut reassessed,
        &RiskMatrix::default_example(),
        "2027-04-01".parse().unwrap(),
        "2027-04-01T01:00:00Z".parse().unwrap(),
    );
    assert_ne!(
        reassessed.content_digest(Some(&flow)),
        base,
        "a reassessment asks for a new agreement"
    );
}
