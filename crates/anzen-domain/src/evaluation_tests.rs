//! Table tests of safety evaluations (GL 4.3; Table 4-1 ②-4).

use super::*;

fn day(s: &str) -> Date {
    s.parse().unwrap()
}

fn finding(severity: &str) -> NewFinding {
    NewFinding {
        severity: severity.into(),
        text: "アクセスログの定期確認の記録がない".into(),
    }
}

fn external(result: &str, findings: &[&str]) -> NewEvaluation {
    NewEvaluation {
        evaluator_type: "external".into(),
        evaluator: "山田 太郎（システム監査技術者）".into(),
        organisation: "みなと監査法人".into(),
        evaluated_on: "2026-05-20".into(),
        scope: "クラウド型電子カルテの運用・保守".into(),
        result: result.into(),
        summary: String::new(),
        findings: findings.iter().map(|s| finding(s)).collect(),
    }
}

#[test]
fn gl_4_3_result_agrees_with_the_findings() {
    let today = day("2026-06-01");
    // (case, result, severities, accepted)
    let rows: &[(&str, &str, &[&str], bool)] = &[
        ("satisfactory, no findings", "satisfactory", &[], true),
        (
            "satisfactory, observations only",
            "satisfactory",
            &["observation"],
            true,
        ),
        (
            "satisfactory with a minor finding",
            "satisfactory",
            &["minor"],
            false,
        ),
        (
            "satisfactory with a major finding",
            "satisfactory",
            &["major"],
            false,
        ),
        (
            "with findings, a minor one",
            "satisfactory_with_findings",
            &["minor", "observation"],
            true,
        ),
        (
            "with findings, only observations",
            "satisfactory_with_findings",
            &["observation"],
            false,
        ),
        (
            "with findings, none",
            "satisfactory_with_findings",
            &[],
            false,
        ),
        (
            "unsatisfactory, a major finding",
            "unsatisfactory",
            &["major", "minor"],
            true,
        ),
        (
            "unsatisfactory, minor only",
            "unsatisfactory",
            &["minor"],
            false,
        ),
        ("unsatisfactory, none", "unsatisfactory", &[], false),
    ];
    for (case, result, severities, ok) in rows {
        let r = external(result, severities).validate(today);
        assert_eq!(r.is_ok(), *ok, "{case}: {r:?}");
        if let Err(e) = r {
            assert_eq!(e.field, "result", "{case}");
            assert!(e.message.contains("GL 4.3"), "{case}: cites GL 4.3");
        }
    }
}

#[test]
fn bad_input_names_the_field() {
    let today = day("2026-06-01");
    let long = "あ".repeat(MAX_TEXT + 1);
    type Edit = fn(&mut NewEvaluation);
    let rows: Vec<(&str, Edit, &str)> = vec![
        (
            "unknown evaluator type",
            |e| e.evaluator_type = "auditor".into(),
            "evaluator_type",
        ),
        ("no evaluator", |e| e.evaluator = " ".into(), "evaluator"),
        (
            "external without its organisation (GL 4.3 fn.24)",
            |e| e.organisation = String::new(),
            "organisation",
        ),
        (
            "internal naming an organisation",
            |e| e.evaluator_type = "internal_audit".into(),
            "organisation",
        ),
        (
            "not a date",
            |e| e.evaluated_on = "2026/05/20".into(),
            "evaluated_on",
        ),
        (
            "in the future",
            |e| e.evaluated_on = "2026-06-02".into(),
            "evaluated_on",
        ),
        ("no scope", |e| e.scope = "".into(), "scope"),
        ("unknown result", |e| e.result = "ok".into(), "result"),
        (
            "unknown severity",
            |e| e.findings = vec![finding("critical")],
            "findings[0].severity",
        ),
        (
            "empty finding",
            |e| {
                e.findings = vec![NewFinding {
                    severity: "observation".into(),
                    text: " ".into(),
                }]
            },
            "findings[0].text",
        ),
        (
            "too many findings",
            |e| e.findings = vec![finding("observation"); MAX_FINDINGS + 1],
            "findings",
        ),
        (
            "summary too long",
            |e| e.summary = "x".repeat(MAX_SUMMARY + 1),
            "summary",
        ),
    ];
    for (case, edit, field) in rows {
        let mut e = external("satisfactory", &[]);
        edit(&mut e);
        let err = e.validate(today).unwrap_err();
        assert_eq!(err.field, field, "{case}");
    }
    let mut e = external("satisfactory", &[]);
    e.scope = long;
    assert_eq!(e.validate(today).unwrap_err().field, "scope");
    // Today itself is fine; so is an internal evaluation without an organisation.
    let mut e = external("satisfactory", &[]);
    e.evaluated_on = "2026-06-01".into();
    e.evaluator_type = "self_assessment".into();
    e.organisation = String::new();
    let v = e.validate(today).unwrap();
    assert_eq!(v.organisation, None);
    assert!(v.evaluator_type.is_internal());
}

#[test]
fn gl_4_3_self_assessment_is_flagged_not_refused() {
    let today = day("2026-06-01");
    // (evaluator type, flagged)
    let rows = [
        ("self_assessment", true),
        ("internal_audit", false),
        ("external", false),
    ];
    for (kind, flagged) in rows {
        let mut e = external("satisfactory", &[]);
        e.evaluator_type = kind.into();
        if kind != "external" {
            e.organisation = String::new();
        }
        let v = e.validate(today).unwrap();
        assert_eq!(v.objectivity_note().is_some(), flagged, "{kind}");
        let (ja, en) = v.table_4_1_answer("電子カルテ");
        assert_eq!(ja.contains("［GL 4.3 (fn.24)］"), flagged, "{kind}: {ja}");
        assert!(en.contains("Table 4-1 ②-4"), "{kind}");
    }
}

#[test]
fn table_4_1_answer_says_date_evaluator_type_and_result() {
    let v = external(
        "satisfactory_with_findings",
        &["minor", "minor", "observation"],
    )
    .validate(day("2026-06-01"))
    .unwrap();
    let (ja, en) = v.table_4_1_answer("クラウド電子カルテ");
    for part in [
        "2026-05-20",
        "外部評価（第三者）",
        "みなと監査法人",
        "概ね適合",
        "指摘事項 3 件",
        "軽微 2",
    ] {
        assert!(ja.contains(part), "{part} in {ja}");
    }
    for part in [
        "2026-05-20",
        "External (third party)",
        "Satisfactory with findings",
        "minor 2",
    ] {
        assert!(en.contains(part), "{part} in {en}");
    }
}

#[test]
fn the_latest_evaluation_is_the_last_evaluated() {
    let today = day("2026-06-01");
    let at = |d: &str, result: &str, f: &[&str]| {
        let mut e = external(result, f);
        e.evaluated_on = d.into();
        e.validate(today).unwrap()
    };
    let old = at("2025-05-01", "unsatisfactory", &["major"]);
    let new = at("2026-05-01", "satisfactory", &[]);
    let same_day_later = at("2026-05-01", "satisfactory_with_findings", &["minor"]);
    // (case, evaluations oldest recorded first, expected)
    let rows: Vec<(&str, Vec<&Evaluation>, Option<&Evaluation>)> = vec![
        ("none", vec![], None),
        ("one", vec![&old], Some(&old)),
        (
            "recorded out of order: the later date wins",
            vec![&new, &old],
            Some(&new),
        ),
        (
            "same day: the one recorded last",
            vec![&old, &new, &same_day_later],
            Some(&same_day_later),
        ),
    ];
    for (case, evals, expected) in rows {
        assert_eq!(latest(evals), expected, "{case}");
    }
}

#[test]
fn a_finding_raises_one_follow_up() {
    let mut v = external("satisfactory_with_findings", &["minor", "observation"])
        .validate(day("2026-06-01"))
        .unwrap();
    v.findings[1].follow_up = Some(FollowUp::PlannedStatement {
        catalogue_version: "6.0".into(),
        key: "①-1".into(),
    });
    // (case, index, accepted)
    let rows = [
        ("a finding without follow-up", 0, true),
        ("a finding already followed up", 1, false),
        ("no such finding", 2, false),
    ];
    for (case, i, ok) in rows {
        let r = check_follow_up(&v, i);
        assert_eq!(r.is_ok(), ok, "{case}");
        if let Err(e) = r {
            assert_eq!(e.field, "finding", "{case}");
        }
    }
}
