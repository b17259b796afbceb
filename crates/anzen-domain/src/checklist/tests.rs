//! Table tests of the provider checklist's rules (guideline-notes §7; R7 manual).

use jiff::civil::{Date, date};

use super::*;
use crate::access::Reach;
use crate::ids::OrgId;

fn edition(label: &str, items: &[(&str, &str)]) -> Edition {
    Edition {
        label: label.into(),
        fiscal_year: fiscal_year_of_label(label).unwrap(),
        title_ja: "チェックリスト".into(),
        items: items
            .iter()
            .map(|(k, t)| EditionItem {
                key: (*k).into(),
                title_ja: (*t).into(),
                title_en: format!("{t} (en)"),
            })
            .collect(),
    }
}

fn r7() -> Edition {
    edition(
        "R7",
        &[
            ("1-①", "医療情報システム安全管理責任者"),
            ("2-①", "サーバ・端末・ネットワーク機器の台帳"),
            ("2-⑥", "セキュリティパッチの適用"),
            ("R7-運用管理規程", "運用管理規程等の整備"),
        ],
    )
}

const TODAY: Date = date(2025, 10, 1);

fn input(item: &str, reply: &str, checked: &str, target: Option<&str>) -> AnswerInput {
    AnswerInput {
        item: item.into(),
        reply: reply.into(),
        checked_on: checked.into(),
        target_on: target.map(Into::into),
        evidence: "規程第3条".into(),
    }
}

#[test]
fn fiscal_years_of_edition_labels() {
    // notes §7: R5 = FY2023, R6 = FY2024, R7 = FY2025 (令和 n 年度 = 2018 + n).
    let cases: &[(&str, Result<i16, &str>)] = &[
        ("R5", Ok(2023)),
        ("R7", Ok(2025)),
        ("R8", Ok(2026)),
        ("FY2026", Ok(2026)),
        ("R8-2", Ok(2026)),
        ("FY2026-rev1", Ok(2026)),
        ("R8-", Err("version")),
        ("R8-改訂", Err("version")),
        (" R7 ", Ok(2025)),
        ("R0", Err("version")),
        ("令和7", Err("version")),
        ("2025", Err("version")),
        ("FY1999", Err("version")),
        ("", Err("version")),
    ];
    for (label, want) in cases {
        let got = fiscal_year_of_label(label).map_err(|e| e.field.clone());
        assert_eq!(got, want.map_err(str::to_owned), "label {label:?}");
    }
    assert_eq!(
        fiscal_year_span(2025),
        (date(2025, 4, 1), date(2026, 3, 31))
    );
}

#[test]
fn answers_are_checked_against_the_r7_manual() {
    // R7 manual (notes §7): はい / いいえ with the day checked; いいえ with a target day within
    // the fiscal year.
    let e = r7();
    type Case = (&'static str, AnswerInput, Result<(), &'static str>);
    let cases: Vec<Case> = vec![
        ("yes", input("1-①", "yes", "2025-09-30", None), Ok(())),
        (
            "はい in the checklist's words",
            input("1-①", "はい", "2025-09-30", None),
            Ok(()),
        ),
        (
            "いいえ with a target in the fiscal year",
            input("2-⑥", "いいえ", "2025-09-30", Some("2026-03-31")),
            Ok(()),
        ),
        (
            "no with a target on the first day",
            input("2-⑥", "no", "2025-04-01", Some("2025-04-01")),
            Ok(()),
        ),
        (
            "unknown item",
            input("9-⑨", "yes", "2025-09-30", None),
            Err("item"),
        ),
        (
            "unknown reply",
            input("1-①", "maybe", "2025-09-30", None),
            Err("reply"),
        ),
        (
            "invalid date checked",
            input("1-①", "yes", "2025-02-30", None),
            Err("checked_on"),
        ),
        (
            "date checked in the future",
            input("1-①", "yes", "2025-10-02", None),
            Err("checked_on"),
        ),
        (
            "no without a target",
            input("2-⑥", "no", "2025-09-30", None),
            Err("target_on"),
        ),
        (
            "no with an empty target",
            input("2-⑥", "no", "2025-09-30", Some("  ")),
            Err("target_on"),
        ),
        (
            "target after the fiscal year",
            input("2-⑥", "no", "2025-09-30", Some("2026-04-01")),
            Err("target_on"),
        ),
        (
            "target before the fiscal year",
            input("2-⑥", "no", "2025-03-01", Some("2025-03-31")),
            Err("target_on"),
        ),
        (
            "target before the day checked",
            input("2-⑥", "no", "2025-09-30", Some("2025-09-01")),
            Err("target_on"),
        ),
        (
            "invalid target",
            input("2-⑥", "no", "2025-09-30", Some("2026/01/01")),
            Err("target_on"),
        ),
        (
            "yes with a target",
            input("1-①", "yes", "2025-09-30", Some("2026-01-01")),
            Err("target_on"),
        ),
    ];
    for (name, i, want) in cases {
        let got = check_answer(&e, &i, TODAY, "担当", jiff::Timestamp::UNIX_EPOCH);
        assert_eq!(
            got.as_ref().map(|_| ()).map_err(|e| e.field.as_str()),
            want,
            "{name}: {got:?}"
        );
    }
    let long = AnswerInput {
        evidence: "証".repeat(MAX_EVIDENCE + 1),
        ..input("1-①", "yes", "2025-09-30", None)
    };
    assert_eq!(
        check_answer(&e, &long, TODAY, "x", jiff::Timestamp::UNIX_EPOCH)
            .unwrap_err()
            .field,
        "evidence"
    );
    let unknown = check_answer(
        &e,
        &input("9-⑨", "yes", "2025-09-30", None),
        TODAY,
        "x",
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap_err();
    assert!(unknown.accepted.contains(&"2-①".to_owned()), "{unknown:?}");
}

#[test]
fn anzen_judges_the_items_its_records_settle() {
    let e = r7();
    let ledger = e.item("2-①").unwrap();
    let patches = e.item("2-⑥").unwrap();
    let rules = e.item("R7-運用管理規程").unwrap();
    let manager = e.item("1-①").unwrap();
    let none = DataFacts::default();
    let full = DataFacts {
        devices_in_service: 3,
        devices_support_ended: 1,
        stocktake_checked_on: Some(date(2025, 6, 1)),
        rules_in_force: Some((2, date(2025, 5, 1))),
    };
    // FAQ 6.1 (エ): a ledger with devices answers 2-①; an empty one cannot.
    assert_eq!(judge(ledger, &full).map(|d| d.reply), Some(Reply::Yes));
    assert!(judge(ledger, &full).unwrap().evidence_ja.contains("3 台"));
    assert_eq!(judge(ledger, &none), None);
    // 2-⑥: a device past its support means patches cannot be applied; otherwise unknown.
    assert_eq!(judge(patches, &full).map(|d| d.reply), Some(Reply::No));
    assert_eq!(
        judge(
            patches,
            &DataFacts {
                devices_support_ended: 0,
                ..full.clone()
            }
        ),
        None
    );
    // GL 5.1.6 (2): the rules in force answer the R7 item either way.
    assert_eq!(judge(rules, &full).map(|d| d.reply), Some(Reply::Yes));
    assert_eq!(judge(rules, &none).map(|d| d.reply), Some(Reply::No));
    // Nothing in anzen appoints the security manager: a person answers.
    assert_eq!(judge(manager, &full), None);
}

#[test]
fn a_persons_answer_takes_precedence_and_progress_counts_open_targets() {
    let e = r7();
    let facts = DataFacts {
        devices_in_service: 2,
        devices_support_ended: 1,
        ..Default::default()
    };
    let person = check_answer(
        &e,
        &input("2-①", "no", "2025-09-30", Some("2025-12-31")),
        TODAY,
        "x",
        jiff::Timestamp::UNIX_EPOCH,
    )
    .unwrap();
    let answers = vec![person];
    let rows = shown(&e, &answers, &facts);
    assert_eq!(rows[1].reply(), Some(Reply::No));
    assert_eq!(rows[1].source(), Some(AnswerSource::Person));
    // 2-⑥ from data (いいえ, no target yet); rules: いいえ from data; 1-① open.
    assert_eq!(rows[2].source(), Some(AnswerSource::Data));
    assert_eq!(rows[0].source(), None);
    let p = Progress::of(&rows);
    assert_eq!(
        (p.items, p.answered, p.yes, p.no, p.no_without_target),
        (4, 3, 0, 3, 2)
    );
    assert!(!p.complete());
}

#[test]
fn a_new_edition_lists_what_changed() {
    let r7 = r7();
    let r8 = edition(
        "R8",
        &[
            ("1-①", "医療情報システム安全管理責任者"),
            ("2-①", "サーバ・端末・ネットワーク機器等の台帳"),
            ("2-⑥", "セキュリティパッチの適用"),
            ("2-⑭", "バックアップの取得"),
        ],
    );
    let c = edition_changes(Some(&r7), &r8);
    assert_eq!(c.previous.as_deref(), Some("R7"));
    assert_eq!(c.added, vec!["2-⑭"]);
    assert_eq!(c.removed, vec!["R7-運用管理規程"]);
    assert_eq!(c.reworded, vec!["2-①"]);
    assert!(edition_changes(Some(&r7), &r7).is_empty());
    assert_eq!(edition_changes(None, &r7).added.len(), 4);
}

#[test]
fn only_a_provider_or_an_operator_imports_an_edition() {
    let org = OrgId::from_uuid(uuid::Uuid::nil());
    assert!(check_import_rights(Reach::Owned(org)).is_ok());
    assert!(check_import_rights(Reach::Everything).is_ok());
    assert!(check_import_rights(Reach::AsInstitution(org)).is_err());
    assert!(check_import_rights(Reach::AsSupplier(org)).is_err());
    assert!(check_import_rights(Reach::Nothing).is_err());
}
