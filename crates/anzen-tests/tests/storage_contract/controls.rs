//! Controls (FAQ 5.3, 5.4, 7): Appendix 2 versions stored once and never partly, statements of
//! applicability with their history and isolation, the refusals that write nothing, the
//! regulatory requirements no accepted risk can cover, and the review a new version asks for.

use anzen_app::AppError;
use anzen_app::controls::{ImportError, RowState, StatementInput};
use anzen_app::ports::prelude::*;
use anzen_app::ports::{Reach, StatementQuery};
use anzen_app::risks::{MeasureInput, TreatmentInput};
use anzen_domain::access::Role;
use anzen_domain::controls::{ApplicabilityInput, StatementStatus, StatementSubject, UnmetReason};
use anzen_domain::risk::ReviewReason;
use anzen_tests::fixtures::{self, APPENDIX2_V1, appendix2_csv, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    catalogue_versions_are_stored_once_and_bad_files_import_nothing,
    statements_keep_their_history_and_stay_within_reach,
    refused_statements_write_nothing,
    a_risk_under_a_regulatory_statement_cannot_be_accepted,
    a_new_version_lists_its_changes_and_marks_risks_for_review,
    a_providers_import_changes_nothing_of_another_provider,
);

fn adopted(how: &str) -> ApplicabilityInput {
    ApplicabilityInput {
        status: Some("adopted".into()),
        how: Some(how.into()),
        evidence: Some("設定画面の記録".into()),
        ..Default::default()
    }
}

fn statement(kind: &str, version: &str, key: &str, a: ApplicabilityInput) -> StatementInput {
    StatementInput {
        kind: kind.into(),
        catalogue_version: version.into(),
        key: key.into(),
        applicability: a,
        ..Default::default()
    }
}

async fn audit_len(db: &TestDb) -> usize {
    db.store.audit_after(0, 100_000).await.unwrap().len()
}

async fn catalogue_versions_are_stored_once_and_bad_files_import_nothing(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let me = fixtures::member_of(&a);
    let reviewer = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let partner_org = fixtures::partner(&app, "Partner").await;
    let partner = fixtures::user_caller(&app, &partner_org, Role::Partner, "p@p.example").await;

    let versions = app.list_catalogue_versions(&me).await.unwrap();
    assert_eq!(
        versions.len(),
        1,
        "the built-in partial catalogue, without import"
    );
    assert!(versions[0].builtin && !versions[0].complete);

    let bytes = appendix2_csv(&APPENDIX2_V1);
    let first = app
        .import_catalogue(&me, "別紙2.csv", &bytes, None)
        .await
        .unwrap();
    assert!(!first.already_imported);
    assert_eq!(first.report.items, 3);
    assert_eq!(
        first.version.imported_by.as_deref(),
        Some(me.label().as_str())
    );
    let stored = db.store.catalogue_version(first.version.id).await.unwrap();
    assert_eq!(stored.catalogue.items.len(), 3);
    assert_eq!(stored.source_name, "別紙2.csv");
    assert_eq!(stored.report, first.report);
    assert_eq!(
        stored.catalogue.meta.source_sha256.as_deref(),
        Some(anzen_app::import::sha256_hex(&bytes).as_str())
    );

    // The same file again: nothing is written.
    let audit = audit_len(db).await;
    let again = app
        .import_catalogue(&me, "copy.csv", &bytes, None)
        .await
        .unwrap();
    assert!(again.already_imported);
    assert_eq!(again.version.id, first.version.id);
    assert_eq!(
        db.store
            .list_catalogues("appendix2", Some(a.id))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(audit_len(db).await, audit, "no audit entry for a no-op");

    // A file with bad rows: every error by row and column, nothing stored.
    let mut bad_rows = APPENDIX2_V1;
    bad_rows[1][3] = "x-1";
    bad_rows[2][2] = "";
    bad_rows[2][3] = "";
    let refused = app
        .import_catalogue(&me, "bad.csv", &appendix2_csv(&bad_rows), None)
        .await;
    let Err(ImportError::File(errors)) = refused else {
        panic!("{refused:?}");
    };
    assert!(
        errors
            .errors
            .iter()
            .any(|e| e.row == Some(4) && e.column.as_deref() == Some("D")),
        "{errors}"
    );
    assert_eq!(
        db.store
            .list_catalogues("appendix2", Some(a.id))
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        audit_len(db).await,
        audit,
        "a refused import writes nothing"
    );

    // Every role that reads controls reads versions, but a provider's import is its own: an
    // institution's reviewer lists the built-in one only (it reads a provider's versions
    // through that provider's statement tables). Only providers import.
    assert_eq!(
        app.list_catalogue_versions(&reviewer).await.unwrap().len(),
        1
    );
    assert!(matches!(
        app.list_catalogue_versions(&partner).await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        app.import_catalogue(&reviewer, "x.csv", &appendix2_csv(&APPENDIX2_V1[..1]), None)
            .await,
        Err(ImportError::App(AppError::Forbidden(_)))
    ));
}

async fn statements_keep_their_history_and_stay_within_reach(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let other = fixtures::hospital(&app, "Other Hospital").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    fixtures::contract(&app, &h, &a, &o).await;
    let me = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let them = fixtures::user_caller(&app, &b, Role::ProviderAdmin, "admin@b.example").await;
    let reviewer = fixtures::user_caller(&app, &h, Role::InstitutionReviewer, "it@h.example").await;
    let stranger =
        fixtures::user_caller(&app, &other, Role::InstitutionReviewer, "it@o.example").await;

    let builtin = anzen_app::controls::builtin_partial().unwrap();
    let version = builtin.meta.version.clone();
    let key = builtin.items[0].key.clone();
    let s1 = app
        .set_statement(
            &me,
            o.id,
            statement("appendix2", &version, &key, adopted("全端末で設定")),
        )
        .await
        .unwrap();
    assert_eq!(s1.seq, 1);
    let planned = ApplicabilityInput {
        status: Some("planned".into()),
        what: Some("多要素認証の導入".into()),
        by: Some("2027-03-31".into()),
        ..Default::default()
    };
    let mut change = statement("appendix2", &version, &key, planned);
    change.revision = Some(1);
    let s2 = app.set_statement(&me, o.id, change.clone()).await.unwrap();
    assert_eq!(s2.seq, 2);
    assert_eq!(s2.stated_by, me.label());
    // A writer who still holds version 1 is refused.
    let stale = app.set_statement(&me, o.id, change).await;
    assert!(matches!(stale, Err(AppError::Conflict(_))), "{stale:?}");

    let subject = StatementSubject::Appendix2 {
        catalogue_version: version.clone(),
        key: key.clone(),
    };
    let history = db
        .store
        .statement_history(Reach::Owned(a.id), o.id, &subject)
        .await
        .unwrap();
    assert_eq!(
        history
            .iter()
            .map(|s| (s.seq, s.statement.status()))
            .collect::<Vec<_>>(),
        [(1, StatementStatus::Adopted), (2, StatementStatus::Planned)],
        "the earlier version is kept"
    );
    let all = StatementQuery::default();
    let current = db
        .store
        .current_statements(Reach::Owned(a.id), &all)
        .await
        .unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].seq, 2);

    // Isolation: another provider and an institution without a contract read nothing.
    assert!(
        db.store
            .current_statements(Reach::Owned(b.id), &all)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store
            .current_statements(Reach::AsInstitution(h.id), &all)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        db.store
            .current_statements(Reach::AsInstitution(other.id), &all)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .statement_history(Reach::Owned(b.id), o.id, &subject)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        app.statement_table(&them, o.id, None).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        app.statement_table(&stranger, o.id, None).await,
        Err(AppError::NotFound { .. })
    ));
    assert!(matches!(
        app.set_statement(
            &them,
            o.id,
            statement("regulatory", "", "6.2-authenticity", adopted("x"))
        )
        .await,
        Err(AppError::NotFound { .. })
    ));
    // The contracted institution reads the table, and cannot write.
    let table = app.statement_table(&reviewer, o.id, None).await.unwrap();
    let row = table
        .appendix2
        .iter()
        .find(|r| r.subject == subject)
        .unwrap();
    assert_eq!(row.state, RowState::Stated);
    assert_eq!(row.status(), Some(StatementStatus::Planned));
    assert_eq!(table.regulatory.len(), 6);
    assert!(table.regulatory.iter().all(|r| r.state == RowState::None));
    assert!(matches!(
        app.set_statement(
            &reviewer,
            o.id,
            statement("regulatory", "", "6.2-authenticity", adopted("x"))
        )
        .await,
        Err(AppError::Forbidden(_))
    ));

    // Provider controls: the provider's own, stated like any other.
    let c = app
        .add_provider_control(
            &me,
            "SAKURA-01",
            "端末の画面ロック",
            "5分で画面をロックする",
        )
        .await
        .unwrap();
    assert!(
        app.add_provider_control(&me, "SAKURA-01", "x", "y")
            .await
            .is_err()
    );
    assert!(app.list_provider_controls(&them).await.unwrap().is_empty());
    app.set_statement(
        &me,
        o.id,
        statement("provider", "", &c.key, adopted("MDMで強制")),
    )
    .await
    .unwrap();
    let table = app.statement_table(&me, o.id, None).await.unwrap();
    assert_eq!(table.provider_controls.len(), 1);
    assert_eq!(table.provider_controls[0].state, RowState::Stated);
}

async fn refused_statements_write_nothing(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let builtin = anzen_app::controls::builtin_partial().unwrap();
    let version = builtin.meta.version.clone();
    let key = builtin.items[0].key.clone();
    let audit = audit_len(db).await;
    let cases: Vec<(StatementInput, &str, &str)> = vec![
        // A non-adoption without its reason (FAQ 5.3-R7).
        (
            statement(
                "appendix2",
                &version,
                &key,
                ApplicabilityInput {
                    status: Some("not_applicable".into()),
                    ..Default::default()
                },
            ),
            "why",
            "FAQ 5.3-R7",
        ),
        (
            statement(
                "appendix2",
                &version,
                &key,
                ApplicabilityInput {
                    status: Some("alternative".into()),
                    what: Some("別の対策".into()),
                    why_equivalent: Some("  ".into()),
                    ..Default::default()
                },
            ),
            "why_equivalent",
            "FAQ 5.3-R7",
        ),
        // "Not applicable" on a regulatory requirement, even with a reason (FAQ 7-R1).
        (
            statement(
                "regulatory",
                "",
                "6.2-authenticity",
                ApplicabilityInput {
                    status: Some("not_applicable".into()),
                    why: Some("リスクが小さい".into()),
                    ..Default::default()
                },
            ),
            "status",
            "FAQ 7-R1",
        ),
        (
            statement(
                "regulatory",
                "",
                "6.2-authenticity",
                ApplicabilityInput {
                    status: Some("not_applicable".into()),
                    ..Default::default()
                },
            ),
            "status",
            "FAQ 7-R1",
        ),
        (
            statement("regulatory", "", "6.9-unknown", adopted("x")),
            "subject.key",
            "no regulatory requirement",
        ),
        (
            statement("appendix2", "v9", &key, adopted("x")),
            "subject.catalogue_version",
            "v9",
        ),
        (
            statement("appendix2", &version, &key, ApplicabilityInput::default()),
            "status",
            "required",
        ),
    ];
    for (input, field, cites) in cases {
        let r = app.set_statement(&me, o.id, input.clone()).await;
        match r {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.field, field, "{input:?}: {e}");
                assert!(e.message.contains(cites), "{input:?}: {e}");
            }
            other => panic!("{input:?}: {other:?}"),
        }
    }
    assert!(
        db.store
            .current_statements(Reach::Owned(a.id), &StatementQuery::default())
            .await
            .unwrap()
            .is_empty(),
        "no statement was written"
    );
    assert_eq!(audit_len(db).await, audit, "no audit entry");
}

async fn a_risk_under_a_regulatory_statement_cannot_be_accepted(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let r = app
        .add_risk(&me, risk_input(&o, "操作ログの改ざん", 3, 3))
        .await
        .unwrap();
    let mut input = statement(
        "regulatory",
        "",
        "6.2-authenticity",
        adopted("操作ログの電子署名"),
    );
    input.risks = vec![r.id.to_string()];
    app.set_statement(&me, o.id, input).await.unwrap();

    let before = db.store.risk(Reach::Owned(a.id), r.id).await.unwrap();
    let audit = audit_len(db).await;
    let accept = TreatmentInput {
        option: "accept".into(),
        rationale: "影響が小さい".into(),
        options_considered: "低減と比較".into(),
        residual_impact: "2".into(),
        residual_likelihood: "2".into(),
        explanation: "説明".into(),
        ..Default::default()
    };
    let refused = app.decide_treatment(&me, r.id, None, accept.clone()).await;
    match refused {
        Err(AppError::Invalid(e)) => {
            assert_eq!(e.field, "treatment.option");
            assert!(
                e.message.contains("FAQ 7-R1") && e.message.contains("6.2-authenticity"),
                "{e}"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        db.store.risk(Reach::Owned(a.id), r.id).await.unwrap(),
        before
    );
    assert_eq!(audit_len(db).await, audit);
    // Reducing it is fine.
    let reduce = TreatmentInput {
        option: "reduce".into(),
        measures: vec![MeasureInput {
            description: "操作ログへの電子署名".into(),
            ..Default::default()
        }],
        rationale: "低減する".into(),
        residual_impact: "2".into(),
        residual_likelihood: "2".into(),
        ..Default::default()
    };
    app.decide_treatment(&me, r.id, None, reduce).await.unwrap();

    // A regulatory statement cannot rest on a risk already accepted.
    let r2 = app
        .add_risk(&me, risk_input(&o, "バックアップ媒体の劣化", 2, 2))
        .await
        .unwrap();
    app.decide_treatment(&me, r2.id, None, accept)
        .await
        .unwrap();
    let mut input = statement(
        "regulatory",
        "",
        "6.2-preservability",
        adopted("媒体の定期移行"),
    );
    input.risks = vec![r2.id.to_string()];
    let refused = app.set_statement(&me, o.id, input).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref e)) if e.field == "risks" && e.message.contains("FAQ 7-R1")),
        "{refused:?}"
    );

    // What is not met: no statement, planned, or resting on an accepted risk (FAQ 7).
    let planned = ApplicabilityInput {
        status: Some("planned".into()),
        what: Some("見読性の確保".into()),
        by: Some("2027-03-31".into()),
        ..Default::default()
    };
    app.set_statement(
        &me,
        o.id,
        statement("regulatory", "", "6.2-legibility", planned),
    )
    .await
    .unwrap();
    let unmet = app.unmet_regulatory(&me, None).await.unwrap();
    let reasons: Vec<(&str, UnmetReason)> =
        unmet.iter().map(|u| (u.key.as_str(), u.reason)).collect();
    assert!(
        !reasons.iter().any(|(k, _)| *k == "6.2-authenticity"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("6.2-legibility", UnmetReason::Planned)),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&("6.2-preservability", UnmetReason::NoStatement)),
        "{reasons:?}"
    );
    // The dashboard's count agrees with the list, with statements and without: a second
    // in-scope offering without any statement misses every requirement.
    assert_eq!(app.unmet_regulatory_count(&me).await.unwrap(), unmet.len());
    fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR 2")).await;
    let all = app.unmet_regulatory(&me, None).await.unwrap();
    assert_eq!(all.len(), unmet.len() + 6, "six requirements of chapter 6");
    assert_eq!(app.unmet_regulatory_count(&me).await.unwrap(), all.len());
    let b = fixtures::provider(&app, "Provider B").await;
    assert!(
        app.unmet_regulatory(&fixtures::member_of(&b), None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        app.unmet_regulatory_count(&fixtures::member_of(&b))
            .await
            .unwrap(),
        0
    );
    let c = fixtures::provider(&app, "Provider C").await;
    fixtures::offering(&app, &c, cloud_ehr_profile("C's EHR")).await;
    assert_eq!(
        app.unmet_regulatory_count(&fixtures::member_of(&c))
            .await
            .unwrap(),
        6,
        "an offering without statements misses all six"
    );
}

async fn a_new_version_lists_its_changes_and_marks_risks_for_review(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let v1 = app
        .import_catalogue(&me, "v1.csv", &appendix2_csv(&APPENDIX2_V1), None)
        .await
        .unwrap();
    let label = v1.version.version.clone();
    for key in ["1.1/①-1", "1.1/①-2", "2.1/①-1"] {
        app.set_statement(
            &me,
            o.id,
            statement("appendix2", &label, key, adopted("実施済み")),
        )
        .await
        .unwrap();
    }
    let with_measure = |title: &str, controls: &str| {
        let app = app.clone();
        let me = me.clone();
        let input = risk_input(&o, title, 2, 2);
        let controls = controls.to_owned();
        async move {
            let r = app.add_risk(&me, input).await.unwrap();
            let reduce = TreatmentInput {
                option: "reduce".into(),
                measures: vec![MeasureInput {
                    description: "対策".into(),
                    controls,
                    ..Default::default()
                }],
                rationale: "低減".into(),
                residual_impact: "1".into(),
                residual_likelihood: "1".into(),
                ..Default::default()
            };
            app.decide_treatment(&me, r.id, None, reduce).await.unwrap()
        }
    };
    let changed_risk = with_measure("規程の不備", "1.1/①-1").await;
    let removed_risk = with_measure("規程の形骸化", "1.1-1-2").await;
    let unchanged_risk = with_measure("不正入室", "2.1/①-1").await;

    let mut v2_rows = vec![APPENDIX2_V1[0], APPENDIX2_V1[2]];
    v2_rows[0][4] = "アクセス管理規程を作成し、年1回見直すこと。";
    v2_rows.push([
        "2. 物理的対策",
        "2.1. 入退管理",
        "①入退管理",
        "①-2",
        "入退の記録を1年以上保存すること。",
    ]);
    let v2 = app
        .import_catalogue(&me, "v2.csv", &appendix2_csv(&v2_rows), None)
        .await
        .unwrap();
    let d = &v2.review.diff;
    assert_eq!(d.added, ["2.1/①-2"]);
    assert_eq!(d.removed, ["1.1/①-2"]);
    assert_eq!(
        d.changed.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["1.1/①-1"]
    );
    assert_eq!(v2.review.from.version, label);
    let mut to_review: Vec<&str> = v2
        .review
        .statements_to_review
        .iter()
        .map(|s| s.key.as_str())
        .collect();
    to_review.sort();
    assert_eq!(to_review, ["1.1/①-1", "1.1/①-2"]);
    let mut risks: Vec<_> = v2.review.risks_to_review.iter().map(|r| r.id).collect();
    risks.sort();
    let mut expected = vec![changed_risk.id, removed_risk.id];
    expected.sort();
    assert_eq!(risks, expected);
    assert_eq!(v2.risks_marked, 2);
    let flag = ReviewReason::CatalogueVersion {
        catalogue: "appendix2".into(),
        version: v2.version.version.clone(),
    };
    for (id, marked) in [
        (changed_risk.id, true),
        (removed_risk.id, true),
        (unchanged_risk.id, false),
    ] {
        let r = db.store.risk(Reach::Owned(a.id), id).await.unwrap().risk;
        assert_eq!(r.review_flags.contains(&flag), marked, "{}", r.title);
    }

    // The table of the new version: the changed control's statement is to be reviewed, the
    // unchanged one carries over, the new one has none yet.
    let table = app.statement_table(&me, o.id, None).await.unwrap();
    assert_eq!(table.catalogue.id, v2.version.id);
    let state = |key: &str| {
        table
            .appendix2
            .iter()
            .find(|r| r.subject.key() == key)
            .map(|r| r.state)
    };
    assert_eq!(state("1.1/①-1"), Some(RowState::ToReview));
    assert_eq!(state("2.1/①-1"), Some(RowState::Carried));
    assert_eq!(state("2.1/①-2"), Some(RowState::None));
    assert_eq!(state("1.1/①-2"), None, "removed from the new version");
    // The diff is the same when asked for later, and a second import changes nothing.
    let review = app.catalogue_review(&me, v2.version.id).await.unwrap();
    assert_eq!(review.diff, v2.review.diff);
    let again = app
        .import_catalogue(&me, "v2.csv", &appendix2_csv(&v2_rows), None)
        .await
        .unwrap();
    assert!(again.already_imported);
    assert_eq!(again.risks_marked, 0);
}

/// An Appendix 2 import belongs to the importing provider: another provider's versions,
/// statements, risks and review flags do not change, and its versions stay invisible.
async fn a_providers_import_changes_nothing_of_another_provider(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("A's EHR")).await;
    let ob = fixtures::offering(&app, &b, cloud_ehr_profile("B's EHR")).await;
    let me = fixtures::member_of(&a);
    let them = fixtures::user_caller(&app, &b, Role::ProviderMember, "m@b.example").await;
    let v1 = app
        .import_catalogue(&me, "v1.csv", &appendix2_csv(&APPENDIX2_V1), None)
        .await
        .unwrap();
    app.set_statement(
        &me,
        o.id,
        statement(
            "appendix2",
            &v1.version.version,
            "1.1/①-1",
            adopted("実施済み"),
        ),
    )
    .await
    .unwrap();
    let r = app
        .add_risk(&me, risk_input(&o, "規程の不備", 2, 2))
        .await
        .unwrap();
    let reduce = TreatmentInput {
        option: "reduce".into(),
        measures: vec![MeasureInput {
            description: "規程の整備".into(),
            controls: "1.1/①-1".into(),
            ..Default::default()
        }],
        rationale: "低減".into(),
        residual_impact: "1".into(),
        residual_likelihood: "1".into(),
        ..Default::default()
    };
    app.decide_treatment(&me, r.id, None, reduce).await.unwrap();
    let risk_before = db.store.risk(Reach::Owned(a.id), r.id).await.unwrap();
    let table_before = app.statement_table(&me, o.id, None).await.unwrap();
    let versions_before = app.list_catalogue_versions(&me).await.unwrap();

    // B imports the same file (its own version, not "already imported" as A's) and then a
    // version that changes and removes the controls A's measures name.
    let same = app
        .import_catalogue(&them, "v1.csv", &appendix2_csv(&APPENDIX2_V1), None)
        .await
        .unwrap();
    assert!(!same.already_imported, "B's import is B's own");
    assert_ne!(same.version.id, v1.version.id);
    let mut v2_rows = vec![APPENDIX2_V1[0], APPENDIX2_V1[2]];
    v2_rows[0][4] = "アクセス管理規程を作成し、年1回見直すこと。";
    let v2 = app
        .import_catalogue(&them, "v2.csv", &appendix2_csv(&v2_rows), None)
        .await
        .unwrap();
    assert_eq!(v2.risks_marked, 0, "B has no risks naming the controls");
    assert!(v2.review.risks_to_review.is_empty());
    assert!(v2.review.statements_to_review.is_empty());

    // Nothing of A changed.
    assert_eq!(
        db.store.risk(Reach::Owned(a.id), r.id).await.unwrap(),
        risk_before,
        "A's risk (flags, revision) is untouched"
    );
    let table_after = app.statement_table(&me, o.id, None).await.unwrap();
    assert_eq!(
        table_after.catalogue.id, v1.version.id,
        "A's table stays on A's version"
    );
    assert_eq!(
        table_after
            .appendix2
            .iter()
            .map(|r| (r.subject.key().to_owned(), r.state))
            .collect::<Vec<_>>(),
        table_before
            .appendix2
            .iter()
            .map(|r| (r.subject.key().to_owned(), r.state))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        app.list_catalogue_versions(&me).await.unwrap(),
        versions_before
    );
    // B's versions are not A's to read; B's own table uses B's newest version.
    for id in [same.version.id, v2.version.id] {
        assert!(matches!(
            app.catalogue_version(&me, id).await,
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            app.catalogue_review(&me, id).await,
            Err(AppError::NotFound { .. })
        ));
        assert!(matches!(
            app.statement_table(&me, o.id, Some(id)).await,
            Err(AppError::NotFound { .. })
        ));
    }
    assert_eq!(
        app.statement_table(&them, ob.id, None)
            .await
            .unwrap()
            .catalogue
            .id,
        v2.version.id
    );
    // A statement of A cannot name a version label only B has.
    let b_only = app
        .set_statement(
            &me,
            o.id,
            statement("appendix2", &v2.version.version, "1.1/①-1", adopted("x")),
        )
        .await;
    if v2.version.version != v1.version.version {
        assert!(
            matches!(b_only, Err(AppError::Invalid(ref e)) if e.field == "subject.catalogue_version"),
            "{b_only:?}"
        );
    }
}
