//! Issued documents (GL ch. 3, 4, 6): an issue is recorded with the SHA-256 of its file in
//! the register and in the audit trail in one transaction; a file is verified exactly (one
//! byte changed is not issued); each reader reaches only its own issues; a refused issue
//! writes nothing; a re-issue numbers a new version when the data changed and says what
//! changed.

use anzen_app::AppError;
use anzen_app::documents::DocumentRequest;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use anzen_domain::document::DocumentKind;
use anzen_render::Format;
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    an_issue_is_recorded_verified_and_reached_only_by_its_readers,
    a_reissue_says_what_changed_and_a_refusal_writes_nothing,
);

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

fn request(
    kind: DocumentKind,
    offering: &anzen_domain::offering::Offering,
    institution: Option<&anzen_domain::org::Organisation>,
    format: Format,
) -> DocumentRequest {
    DocumentRequest {
        kind,
        offering: offering.id,
        institution: institution.map(|i| i.id),
        format,
        period: Default::default(),
    }
}

async fn an_issue_is_recorded_verified_and_reached_only_by_its_readers(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let c = fixtures::hospital(&app, "Clinic C").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    fixtures::contract(&app, &c, &a, &o).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let stranger = fixtures::user_caller(&app, &b, Role::ProviderMember, "m@b.example").await;
    let h_it = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let c_it = fixtures::user_caller(&app, &c, Role::InstitutionReviewer, "it@c.example").await;
    app.add_risk(&member, risk_input(&o, "端末の紛失", 3, 3))
        .await
        .unwrap();

    let before = audit_total(db).await;
    let all = app
        .issue_document(
            &member,
            &request(DocumentKind::RiskTreatment, &o, None, Format::Xlsx),
        )
        .await
        .unwrap();
    assert_eq!(
        audit_total(db).await,
        before + 1,
        "one audit entry per issue"
    );
    assert_eq!(all.record.version, 1);
    assert_eq!(all.record.institution, None);
    assert!(all.file_name.ends_with(".xlsx"));

    // The exact file is issued; one byte changed is not.
    let v = app.verify_document(&member, &all.bytes).await.unwrap();
    assert!(v.is_issued(), "{v:?}");
    assert_eq!(v.issued.as_ref().unwrap().number, all.record.number);
    assert_eq!(v.offering_name.as_deref(), Some("Cloud EHR"));
    let mut changed = all.bytes.clone();
    let mid = changed.len() / 2;
    changed[mid] ^= 0x01;
    let v = app.verify_document(&member, &changed).await.unwrap();
    assert!(!v.is_issued() && v.issued.is_none());

    // Another provider's user does not learn of A's issue.
    let v = app.verify_document(&stranger, &all.bytes).await.unwrap();
    assert!(v.issued.is_none());
    assert_eq!(
        app.list_documents(&stranger, None, Page::first(50))
            .await
            .unwrap()
            .total,
        0
    );

    // The hospital's reviewer gets its own list (the institution is its own, whatever it
    // asked), sees it in its register and not the provider's list for every institution.
    let mine = app
        .issue_document(
            &h_it,
            &request(DocumentKind::RiskTreatment, &o, None, Format::Docx),
        )
        .await
        .unwrap();
    assert_eq!(mine.record.institution, Some(h.id));
    let h_list = app
        .list_documents(&h_it, None, Page::first(50))
        .await
        .unwrap();
    assert_eq!(
        h_list
            .rows
            .iter()
            .map(|d| d.number.clone())
            .collect::<Vec<_>>(),
        vec![mine.record.number.clone()]
    );
    assert!(
        app.verify_document(&h_it, &all.bytes)
            .await
            .unwrap()
            .issued
            .is_none()
    );
    // The clinic's reviewer sees neither.
    assert_eq!(
        app.list_documents(&c_it, None, Page::first(50))
            .await
            .unwrap()
            .total,
        0
    );
    assert!(matches!(
        app.issued_document(&c_it, &mine.record.number).await,
        Err(AppError::NotFound { .. })
    ));
    // The provider sees both.
    let a_list = app
        .list_documents(&member, Some(o.id), Page::first(50))
        .await
        .unwrap();
    assert_eq!(a_list.total, 2);

    // The hospital cannot have the clinic's documents issued.
    let refused = app
        .issue_document(
            &h_it,
            &request(DocumentKind::RiskTreatment, &o, Some(&c), Format::Xlsx),
        )
        .await;
    assert!(
        matches!(&refused, Err(AppError::Invalid(fe)) if fe.field == "institution"),
        "{refused:?}"
    );
}

async fn a_reissue_says_what_changed_and_a_refusal_writes_nothing(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital H").await;
    let other = fixtures::hospital(&app, "Not a customer").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let member = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    app.add_risk(&member, risk_input(&o, "端末の紛失", 3, 3))
        .await
        .unwrap();
    let req = request(DocumentKind::RiskTreatment, &o, None, Format::Xlsx);
    let first = app.issue_document(&member, &req).await.unwrap();
    assert_eq!(first.record.changes.previous, None);

    // The same data again: the same version, nothing changed.
    let again = app.issue_document(&member, &req).await.unwrap();
    assert_eq!(again.record.version, 1);
    assert_eq!(
        again.record.changes.previous.as_deref(),
        Some(first.record.number.as_str())
    );
    assert!(again.record.changes.is_empty());
    assert_ne!(again.record.number, first.record.number);
    assert_eq!(again.record.source_digest, first.record.source_digest);

    // A new risk: a new version that names it.
    app.add_risk(&member, risk_input(&o, "委託先からの漏えい", 4, 2))
        .await
        .unwrap();
    let third = app.issue_document(&member, &req).await.unwrap();
    assert_eq!(third.record.version, 2);
    assert_eq!(
        third.record.changes.added.len(),
        1,
        "{:?}",
        third.record.changes
    );
    assert!(third.record.changes.added[0].contains("委託先からの漏えい"));
    assert!(third.record.changes.removed.is_empty() && third.record.changes.changed.is_empty());

    // Refusals write nothing: a kind not made in the format, an institution the offering
    // does not serve, a disclosure pack for no institution.
    let before = audit_total(db).await;
    let listed = app
        .list_documents(&member, None, Page::first(50))
        .await
        .unwrap()
        .total;
    for (req, field) in [
        (
            request(DocumentKind::RiskTreatment, &o, Some(&other), Format::Xlsx),
            "institution",
        ),
        (
            request(DocumentKind::Disclosure, &o, None, Format::Xlsx),
            "institution",
        ),
    ] {
        let r = app.issue_document(&member, &req).await;
        assert!(
            matches!(&r, Err(AppError::Invalid(fe)) if fe.field == field),
            "{req:?}: {r:?}"
        );
    }
    assert_eq!(audit_total(db).await, before);
    assert_eq!(
        app.list_documents(&member, None, Page::first(50))
            .await
            .unwrap()
            .total,
        listed
    );
}
