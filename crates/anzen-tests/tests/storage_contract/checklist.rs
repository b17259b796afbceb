//! The MHLW provider checklist (事業者確認用; guideline-notes §7): an offering's answers are
//! saved under a revision (a stale save is a conflict), a refused save writes nothing, the
//! contracted institution reads them and another provider does not; a new fiscal-year edition
//! lists what changed and the offerings to answer again; the issued XLSX, filled in, imports
//! back to the same answers, and a bad row imports nothing.

use anzen_app::AppError;
use anzen_app::documents::DocumentRequest;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use anzen_domain::checklist::{AnswerInput, Reply};
use anzen_domain::document::DocumentKind;
use anzen_render::Format;
use anzen_tests::fixtures::{self, cloud_ehr_profile, next_checklist_edition};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(answers_editions_and_the_file_round_trip,);

async fn audit_total(db: &TestDb) -> i64 {
    db.app()
        .list_audit(
            &fixtures::operator(),
            &AuditQuery::default(),
            Page::first(1),
        )
        .await
        .unwrap()
        .total
}

fn answer(item: &str, reply: &str, checked: &str, target: Option<&str>) -> AnswerInput {
    AnswerInput {
        item: item.into(),
        reply: reply.into(),
        checked_on: checked.into(),
        target_on: target.map(Into::into),
        evidence: format!("{item} の根拠"),
    }
}

async fn answers_editions_and_the_file_round_trip(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "さくら病院").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("カルテクラウド")).await;
    fixtures::contract(&app, &h, &a, &ehr).await;
    let admin = fixtures::user_caller(&app, &a, Role::ProviderAdmin, "admin@a.example").await;
    let it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let stranger = fixtures::user_caller(&app, &b, Role::ProviderAdmin, "admin@b.example").await;

    // The built-in R7 edition, nothing answered; anzen judges the 運用管理規程 item (none issued).
    let v = app.checklist(&admin, ehr.id, None).await.unwrap();
    assert_eq!(
        (v.edition.as_str(), v.fiscal_year, v.revision),
        ("R7", 2025, 0)
    );
    let rules = v
        .rows
        .iter()
        .find(|r| r.item.key == "R7-運用管理規程")
        .unwrap();
    assert_eq!(rules.data.as_ref().map(|d| d.reply), Some(Reply::No));
    assert!(!v.reanswer);

    // A refused save (an unknown item) writes nothing.
    let before = audit_total(db).await;
    let refused = app
        .save_checklist_answers(
            &admin,
            ehr.id,
            "R7",
            0,
            &[
                answer("1-①", "yes", "2025-10-01", None),
                answer("9-⑨", "yes", "2025-10-01", None),
            ],
        )
        .await;
    assert!(
        matches!(&refused, Err(AppError::Invalid(e)) if e.field == "answers[1].item"),
        "{refused:?}"
    );
    assert_eq!(
        app.checklist(&admin, ehr.id, None).await.unwrap().revision,
        0
    );
    assert_eq!(audit_total(db).await, before);

    let saved = app
        .save_checklist_answers(
            &admin,
            ehr.id,
            "R7",
            0,
            &[
                answer("1-①", "はい", "2025-10-01", None),
                answer("2-⑦", "no", "2025-10-01", Some("2026-03-31")),
            ],
        )
        .await
        .unwrap();
    assert_eq!(saved.revision, 1);
    assert_eq!(
        saved.progress.answered, 3,
        "two answers and anzen's judgement"
    );
    assert_eq!(audit_total(db).await, before + 1);
    // A save from the revision read before is a conflict and writes nothing.
    assert!(matches!(
        app.save_checklist_answers(
            &admin,
            ehr.id,
            "R7",
            0,
            &[answer("2-⑤", "yes", "2025-10-01", None)]
        )
        .await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(audit_total(db).await, before + 1);

    // The institution reads the answers and gives none; another provider reaches nothing.
    let seen = app.checklist(&it, ehr.id, None).await.unwrap();
    assert_eq!(seen.revision, 1);
    assert!(matches!(
        app.save_checklist_answers(
            &it,
            ehr.id,
            "R7",
            1,
            &[answer("2-⑤", "yes", "2025-10-01", None)]
        )
        .await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.checklist(&stranger, ehr.id, None).await,
        Err(AppError::NotFound { .. })
    ));

    // The issued XLSX, with one more answer typed in, imports back: the answers it showed
    // are reproduced, the new one added, anzen's own judgement left to anzen.
    let doc = app
        .issue_document(
            &admin,
            &DocumentRequest {
                kind: DocumentKind::MhlwChecklist,
                offering: ehr.id,
                institution: None,
                format: Format::Xlsx,
                period: Default::default(),
            },
        )
        .await
        .unwrap();
    let filled = anzen_tests::xlsx_fill::set_cells(
        &doc.bytes,
        "回答",
        &[(
            "2-⑤",
            &[
                (2, "はい"),
                (3, "2025-11-01"),
                (5, "退職者のアカウントを月次で確認"),
            ],
        )],
    );
    let imported = app
        .import_checklist_answers(&admin, ehr.id, &filled)
        .await
        .unwrap();
    assert_eq!(imported.revision, 2);
    let by_key = |v: &anzen_app::checklist::ChecklistView, k: &str| {
        v.rows
            .iter()
            .find(|r| r.item.key == k)
            .and_then(|r| r.answer.clone())
    };
    for k in ["1-①", "2-⑦"] {
        let (x, y) = (by_key(&saved, k).unwrap(), by_key(&imported, k).unwrap());
        assert_eq!(
            (x.reply, x.checked_on, x.target_on, &x.evidence),
            (y.reply, y.checked_on, y.target_on, &y.evidence),
            "{k}"
        );
    }
    assert_eq!(by_key(&imported, "2-⑤").map(|a| a.reply), Some(Reply::Yes));
    assert!(
        by_key(&imported, "R7-運用管理規程").is_none(),
        "anzen's judgement stays anzen's"
    );

    // A file with an unknown item number and an invalid date is refused with its rows;
    // nothing is imported.
    let doc = app
        .issue_document(
            &admin,
            &DocumentRequest {
                kind: DocumentKind::MhlwChecklist,
                offering: ehr.id,
                institution: None,
                format: Format::Xlsx,
                period: Default::default(),
            },
        )
        .await
        .unwrap();
    let bad = anzen_tests::xlsx_fill::set_cells(
        &doc.bytes,
        "回答",
        &[
            ("2-⑥", &[(0, "2-⑳"), (2, "はい"), (3, "2025-10-01")]),
            (
                "2-⑧",
                &[(2, "いいえ"), (3, "2025-13-01"), (4, "2026-03-01")],
            ),
        ],
    );
    let before = audit_total(db).await;
    let refused = app.import_checklist_answers(&admin, ehr.id, &bad).await;
    let Err(AppError::Invalid(e)) = refused else {
        panic!("{refused:?}")
    };
    assert_eq!(e.field, "file");
    assert!(
        e.message.contains("2-⑳") && e.message.contains("column A"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("2025-13-01") && e.message.contains("column D"),
        "{}",
        e.message
    );
    assert_eq!(
        app.checklist(&admin, ehr.id, None).await.unwrap().revision,
        2
    );
    assert_eq!(audit_total(db).await, before);

    // A new fiscal year's edition: what changed, and the offering must answer again.
    assert!(matches!(
        app.import_checklist_edition(&it, "r8.toml", next_checklist_edition("R8").as_bytes())
            .await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.import_checklist_edition(&admin, "r8.toml", b"version = ")
            .await,
        Err(AppError::Invalid(_))
    ));
    assert!(matches!(
        app.import_checklist_edition(&admin, "r8.toml", next_checklist_edition("令和8").as_bytes()).await,
        Err(AppError::Invalid(e)) if e.field == "version"
    ));
    let r8 = app
        .import_checklist_edition(&admin, "r8.toml", next_checklist_edition("R8").as_bytes())
        .await
        .unwrap();
    assert!(r8.current);
    assert_eq!(r8.edition.edition.fiscal_year, 2026);
    assert_eq!(r8.edition.changes.added, vec!["2-⑭"]);
    assert_eq!(r8.edition.changes.removed, vec!["R7-運用管理規程"]);
    assert_eq!(r8.edition.changes.reworded, vec!["2-①"]);
    assert_eq!(r8.reanswer, vec![(ehr.id, "カルテクラウド".to_owned())]);
    assert!(matches!(
        app.import_checklist_edition(&admin, "r8.toml", next_checklist_edition("R8").as_bytes())
            .await,
        Err(AppError::Conflict(_))
    ));
    let now = app.checklist(&admin, ehr.id, None).await.unwrap();
    assert_eq!((now.edition.as_str(), now.revision), ("R8", 0));
    assert!(now.reanswer && now.current);
    // The other provider still has the built-in edition only; R7's answers are kept.
    assert_eq!(app.checklist_editions(&stranger).await.unwrap().len(), 1);
    assert_eq!(
        app.checklist(&admin, ehr.id, Some("R7"))
            .await
            .unwrap()
            .revision,
        2
    );
    // In R8 (fiscal year 2026) a いいえ may aim at March 2027.
    let r8_saved = app
        .save_checklist_answers(
            &admin,
            ehr.id,
            "R8",
            0,
            &[answer("2-⑭", "no", "2026-11-20", Some("2027-03-31"))],
        )
        .await
        .unwrap();
    assert_eq!(r8_saved.revision, 1);
}
