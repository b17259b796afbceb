//! 運用管理規程 (GL 5.1.6 (2), FAQ 6.1): a provider issues versions drafted from its data;
//! each institution its contracts cover agrees to the exact content, declines with a reason
//! or asks, and the provider answers; a concurrent issue is a 409; a refused change writes
//! nothing; institutions read only the versions that cover them, partners none.

use anzen_app::AppError;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use anzen_domain::oprules::{MINIMUM_ITEMS, Standing};
use anzen_tests::fixtures::{self, cloud_ehr_profile};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(rules_are_issued_agreed_and_answered,);

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

async fn rules_are_issued_agreed_and_answered(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h1 = fixtures::hospital(&app, "さくら病院").await;
    let h2 = fixtures::hospital(&app, "みなと診療所").await;
    let h3 = fixtures::hospital(&app, "もみじ医院").await;
    let partner = fixtures::partner(&app, "ひのきIaaS").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("カルテクラウド")).await;
    let pacs = fixtures::offering(&app, &a, cloud_ehr_profile("画像クラウド")).await;
    fixtures::contract(&app, &h1, &a, &ehr).await;
    fixtures::contract(&app, &h2, &a, &pacs).await;
    let admin = fixtures::user_caller(&app, &a, Role::ProviderAdmin, "admin@a.example").await;
    let it1 = fixtures::user_caller(&app, &h1, Role::InstitutionReviewer, "it@h1.example").await;
    let it2 = fixtures::user_caller(&app, &h2, Role::InstitutionReviewer, "it@h2.example").await;
    let it3 = fixtures::user_caller(&app, &h3, Role::InstitutionReviewer, "it@h3.example").await;
    let other = fixtures::user_caller(&app, &partner, Role::Partner, "p@p.example").await;

    // The draft covers every minimum item, some drawn from the data.
    let (from, draft) = app.rules_draft(&admin, None).await.unwrap();
    assert_eq!(from, None);
    let keys: Vec<&str> = draft.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, MINIMUM_ITEMS);
    let roles = draft.iter().find(|s| s.key == "イ").unwrap();
    assert_eq!(roles.prefill, "roles");
    assert!(roles.body.contains("管理者（1 名）"), "{}", roles.body);

    // A refused issue (an item left empty) writes nothing.
    let before = audit_total(db).await;
    let mut bad = draft.clone();
    bad[4].body = " ".into();
    assert!(matches!(
        app.issue_rules(&admin, None, None, bad).await,
        Err(AppError::Invalid(e)) if e.field == "sections[4].body"
    ));
    assert!(app.list_rules(&admin).await.unwrap().is_empty());
    assert_eq!(audit_total(db).await, before);
    // Institutions and partners do not issue rules.
    assert!(matches!(
        app.issue_rules(&it1, None, None, draft.clone()).await,
        Err(AppError::Forbidden(_))
    ));

    let v1 = app
        .issue_rules(&admin, None, None, draft.clone())
        .await
        .unwrap();
    assert_eq!(v1.version, 1);
    assert_eq!(audit_total(db).await, before + 1);
    // The same edit again (started from no version) is a conflict: version 1 exists now.
    assert!(matches!(
        app.issue_rules(&admin, None, None, draft.clone()).await,
        Err(AppError::Conflict(_))
    ));
    // Unchanged content is not a new version.
    assert!(matches!(
        app.issue_rules(&admin, None, Some(1), draft.clone()).await,
        Err(AppError::Invalid(e)) if e.field == "sections"
    ));

    // Both contracted institutions are covered; each reads only its own standing.
    let view = app.rules_view(&admin, &v1.id).await.unwrap();
    let names: Vec<&str> = view.institutions.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        view.institutions
            .iter()
            .all(|i| i.standing == Standing::Pending)
    );
    let seen = app.rules_view(&it1, &v1.id).await.unwrap();
    assert_eq!(seen.institutions.len(), 1);
    assert!(
        app.list_rules(&it3).await.unwrap().is_empty(),
        "no contract, no rules"
    );
    assert!(app.list_rules(&other).await.unwrap().is_empty());
    assert!(matches!(
        app.rules_view(&it3, &v1.id).await,
        Err(AppError::NotFound { .. })
    ));

    // h1 agrees to the exact content; a stale digest or an uncovered institution is refused.
    assert!(matches!(
        app.respond_rules(&it1, &v1.id, "agree", None, "0000", "").await,
        Err(AppError::Invalid(e)) if e.field == "digest"
    ));
    assert!(
        app.respond_rules(&it3, &v1.id, "agree", None, &v1.digest, "")
            .await
            .is_err()
    );
    app.respond_rules(&it1, &v1.id, "agree", None, &v1.digest, "")
        .await
        .unwrap();
    // h2 declines with a reason; agreeing is refused until the provider answers.
    assert!(matches!(
        app.respond_rules(&it2, &v1.id, "decline", None, &v1.digest, " ").await,
        Err(AppError::Invalid(e)) if e.field == "text"
    ));
    app.respond_rules(
        &it2,
        &v1.id,
        "decline",
        None,
        &v1.digest,
        "(エ) の配布端末の台数確認の頻度を明記してください",
    )
    .await
    .unwrap();
    assert!(
        app.respond_rules(&it2, &v1.id, "agree", None, &v1.digest, "")
            .await
            .is_err()
    );
    let view = app.rules_view(&admin, &v1.id).await.unwrap();
    let standing_of = |name: &str| {
        view.institutions
            .iter()
            .find(|i| i.name == name)
            .unwrap()
            .standing
    };
    assert_eq!(standing_of("さくら病院"), Standing::Agreed);
    assert_eq!(standing_of("みなと診療所"), Standing::Declined);
    // h1 does not read h2's decline.
    let seen = app.rules_view(&it1, &v1.id).await.unwrap();
    assert!(seen.responses.iter().all(|r| r.institution == h1.id));

    // The provider revises: version 2. Only it can be agreed to now.
    let mut revised = draft.clone();
    revised[3]
        .body
        .push_str("\n配布端末は四半期ごとに棚卸する。");
    let v2 = app
        .issue_rules(&admin, None, Some(1), revised)
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    assert!(
        app.respond_rules(&it1, &v1.id, "agree", None, &v1.digest, "")
            .await
            .is_err(),
        "an older version cannot be agreed to"
    );
    let view = app.rules_view(&admin, &v2.id).await.unwrap();
    assert!(view.current);
    assert!(
        view.institutions
            .iter()
            .all(|i| i.standing == Standing::Pending),
        "a new version is agreed anew"
    );
    app.respond_rules(
        &it2,
        &v2.id,
        "question",
        None,
        &v2.digest,
        "棚卸の結果は共有されますか",
    )
    .await
    .unwrap();
    // The provider answers that question; then h2 agrees.
    assert!(
        app.respond_rules(&admin, &v2.id, "answer", Some(h1.id), "", "回答")
            .await
            .is_err(),
        "h1 has nothing open"
    );
    app.respond_rules(
        &admin,
        &v2.id,
        "answer",
        Some(h2.id),
        "",
        "結果を四半期ごとに共有します",
    )
    .await
    .unwrap();
    app.respond_rules(&it2, &v2.id, "agree", None, &v2.digest, "")
        .await
        .unwrap();
    let view = app.rules_view(&admin, &v2.id).await.unwrap();
    assert_eq!(
        view.institutions
            .iter()
            .find(|i| i.institution == h2.id)
            .unwrap()
            .standing,
        Standing::Agreed
    );

    // The image service gets rules of its own: the general version no longer covers h2.
    let pacs_rules = app
        .issue_rules(&admin, Some(pacs.id), None, draft)
        .await
        .unwrap();
    assert_eq!(pacs_rules.version, 1);
    let general = app.rules_view(&admin, &v2.id).await.unwrap();
    assert!(general.institutions.iter().all(|i| i.institution != h2.id));
    let listed: Vec<String> = app
        .list_rules(&it2)
        .await
        .unwrap()
        .into_iter()
        .map(|v| v.rules.id)
        .collect();
    assert_eq!(listed, vec![pacs_rules.id]);

    // The document of the rules in force for the image service, for h2: its own standing
    // only; issued, numbered and verifiable like every document.
    let doc = app
        .issue_document(
            &admin,
            &anzen_app::documents::DocumentRequest {
                kind: anzen_domain::document::DocumentKind::OperationalRules,
                offering: pacs.id,
                institution: Some(h2.id),
                format: anzen_render::Format::Docx,
                period: Default::default(),
            },
        )
        .await
        .unwrap();
    assert!(
        doc.record.number.starts_with("OR-"),
        "{}",
        doc.record.number
    );
    assert!(
        app.verify_document(&admin, &doc.bytes)
            .await
            .unwrap()
            .is_issued()
    );
    // No XLSX of the rules: a format the kind is not made in issues nothing.
    assert!(matches!(
        app.issue_document(
            &admin,
            &anzen_app::documents::DocumentRequest {
                kind: anzen_domain::document::DocumentKind::OperationalRules,
                offering: pacs.id,
                institution: None,
                format: anzen_render::Format::Xlsx,
                period: Default::default(),
            },
        )
        .await,
        Err(AppError::Invalid(e)) if e.field == "format"
    ));
}
