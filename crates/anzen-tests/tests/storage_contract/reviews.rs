//! Reviews that follow change (GL 5.1.7; FAQ 5.2): an edited flow marks exactly the risks
//! assessed on it, which keep the content they were assessed on until reassessed; a supply
//! change marks every risk of the offering; the marks, the kept flow and the audit entries
//! are written with the change, and nothing when it is refused.

use anzen_app::AppError;
use anzen_app::Caller;
use anzen_app::ports::prelude::*;
use anzen_app::ports::{Page, Reach, RiskQuery};
use anzen_app::risks::{ComponentInput, FlowInput};
use anzen_app::supply::SupplyLinkInput;
use anzen_domain::ids::RiskId;
use anzen_domain::risk::{InformationFlow, ReviewReason};
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    editing_a_flow_marks_its_risks_and_keeps_what_they_were_assessed_on,
    a_supply_change_marks_every_risk_of_the_offering,
    a_component_change_marks_the_risks_on_flows_through_it,
);

fn flow_input(how: &str, components: &[String]) -> FlowInput {
    FlowInput {
        who: "開発・保守要員".into(),
        place: "事業者のデータセンター".into(),
        device_or_medium: "開発・保守用端末".into(),
        what: "本番環境のアプリケーション".into(),
        how: how.into(),
        class: "patient_personal_information".into(),
        environment: "production".into(),
        components: components.to_vec(),
    }
}

async fn flagged(db: &TestDb, owner: anzen_domain::ids::OrgId) -> Vec<RiskId> {
    let q = RiskQuery {
        flagged: true,
        ..Default::default()
    };
    let mut ids: Vec<RiskId> = db
        .store
        .list_risks(Reach::Owned(owner), &q, Page::all())
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.risk.id)
        .collect();
    ids.sort();
    ids
}

async fn risk_on(
    app: &anzen_app::App,
    me: &Caller,
    o: &anzen_domain::offering::Offering,
    flow: Option<&InformationFlow>,
    title: &str,
) -> RiskId {
    let mut input = risk_input(o, title, 3, 3);
    input.flow = flow.map(|f| f.id.to_string()).unwrap_or_default();
    app.add_risk(me, input).await.unwrap().id
}

async fn editing_a_flow_marks_its_risks_and_keeps_what_they_were_assessed_on(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let terminal = app
        .add_component(
            &me,
            o.id,
            ComponentInput {
                name: "保守端末".into(),
                kind: "terminal".into(),
                environment: "production".into(),
                location: String::new(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let f1 = app
        .add_flow(&me, o.id, flow_input("障害解析のため参照", &[]))
        .await
        .unwrap();
    let f2 = app
        .add_flow(&me, o.id, flow_input("バックアップ", &[]))
        .await
        .unwrap();
    assert_eq!(f1.revision, 1);
    let r1 = risk_on(&app, &me, &o, Some(&f1), "R1 on f1").await;
    let r2 = risk_on(&app, &me, &o, Some(&f2), "R2 on f2").await;
    let r3 = risk_on(&app, &me, &o, None, "R3 on no flow").await;
    let edit = flow_input("障害解析のため複製して参照", &[terminal.id.to_string()]);

    // A stale revision: 409 naming the current one, nothing written.
    let audit_before = db.store.audit_after(0, 10_000).await.unwrap().len();
    let stale = app.update_flow(&me, f1.id, Some(2), edit.clone()).await;
    assert!(
        matches!(stale, Err(AppError::Conflict(ref m)) if m.contains("current revision is 1")),
        "{stale:?}"
    );
    // Another provider does not reach the flow.
    let other = app
        .update_flow(&fixtures::member_of(&b), f1.id, Some(1), edit.clone())
        .await;
    assert!(matches!(other, Err(AppError::NotFound { .. })), "{other:?}");
    // Bad input names the field.
    let mut bad = edit.clone();
    bad.components = vec!["not-an-id".into()];
    let bad = app.update_flow(&me, f1.id, Some(1), bad).await;
    assert!(
        matches!(bad, Err(AppError::Invalid(ref e)) if e.field == "components[0]"),
        "{bad:?}"
    );
    assert_eq!(flagged(db, a.id).await, Vec::<RiskId>::new());
    assert_eq!(
        db.store.audit_after(0, 10_000).await.unwrap().len(),
        audit_before,
        "no audit entry for refused edits"
    );
    assert_eq!(db.store.flow(Reach::Owned(a.id), f1.id).await.unwrap(), f1);

    // The edit marks exactly the risks assessed on the flow (GL 5.1.7).
    let (edited, marked) = app
        .update_flow(&me, f1.id, Some(1), edit.clone())
        .await
        .unwrap();
    assert_eq!(edited.revision, 2);
    assert_eq!(marked, vec![r1]);
    assert_eq!(flagged(db, a.id).await, vec![r1]);
    let row = db.store.risk(Reach::Owned(a.id), r1).await.unwrap();
    assert_eq!(
        row.risk.review_flags,
        vec![ReviewReason::FlowChanged {
            flow: f1.id.to_string(),
            revision: 2
        }]
    );
    assert_eq!(
        db.store.flow(Reach::Owned(a.id), f1.id).await.unwrap(),
        edited
    );
    // The risk keeps the flow it was assessed on; the other risks have nothing kept.
    assert_eq!(db.store.assessed_flow(r1).await.unwrap(), Some(f1.clone()));
    assert_eq!(db.store.assessed_flow(r2).await.unwrap(), None);
    assert_eq!(db.store.assessed_flow(r3).await.unwrap(), None);
    let actions: Vec<String> = db
        .store
        .audit_after(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .skip(audit_before)
        .map(|e| format!("{} {}", e.action, e.object_id))
        .collect();
    assert_eq!(
        actions,
        vec![
            format!("information_flow.update {}", f1.id),
            format!("risk.flag {r1}")
        ]
    );

    // A second edit before the reassessment keeps the first content.
    let mut again = edit.clone();
    again.how = "障害解析のため参照（暗号化した複製）".into();
    let (third, marked) = app.update_flow(&me, f1.id, Some(2), again).await.unwrap();
    assert_eq!(third.revision, 3);
    assert_eq!(marked, vec![r1], "a new revision is a new cause");
    assert_eq!(db.store.assessed_flow(r1).await.unwrap(), Some(f1.clone()));
    let versions = app.risk_flow(&me, r1).await.unwrap().unwrap();
    assert_eq!(versions.current, third);
    assert_eq!(versions.as_assessed, Some(f1.clone()));
    // An edit that changes nothing is refused.
    let same = flow_input(
        "障害解析のため参照（暗号化した複製）",
        &[terminal.id.to_string()],
    );
    assert!(matches!(
        app.update_flow(&me, f1.id, Some(3), same).await,
        Err(AppError::Invalid(_))
    ));

    // Marking reviewed does not clear it; a reassessment does, and the risk is now assessed
    // on the flow as it is.
    assert!(matches!(
        app.mark_risk_reviewed(&me, r1, None).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(flagged(db, a.id).await, vec![r1]);
    app.reassess_risk(&me, r1, None, "4", "3").await.unwrap();
    assert_eq!(flagged(db, a.id).await, Vec::<RiskId>::new());
    assert_eq!(db.store.assessed_flow(r1).await.unwrap(), None);
    assert_eq!(
        app.risk_flow(&me, r1).await.unwrap().unwrap().as_assessed,
        None
    );
}

async fn a_supply_change_marks_every_risk_of_the_offering(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let dc = fixtures::partner(&app, "Data centre").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let other = fixtures::offering(&app, &a, cloud_ehr_profile("Other service")).await;
    let me = fixtures::member_of(&a);
    let f = app
        .add_flow(&me, o.id, flow_input("参照", &[]))
        .await
        .unwrap();
    let r1 = risk_on(&app, &me, &o, Some(&f), "R1").await;
    let r2 = risk_on(&app, &me, &o, None, "R2").await;
    let r3 = risk_on(&app, &me, &other, None, "R3 of another offering").await;
    // Provider B's service is built on the EHR (FAQ 2.2): the EHR's supply chain is part of
    // its own, so a component added beneath the EHR marks B's risks too.
    let b = fixtures::provider(&app, "Provider B").await;
    let built_on = fixtures::offering(&app, &b, cloud_ehr_profile("B's service")).await;
    app.add_supply_link(
        &fixtures::operator(),
        SupplyLinkInput {
            offering: built_on.id.to_string(),
            code: "A1".into(),
            supplier: a.id.to_string(),
            supplier_offering: o.id.to_string(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let b_member = fixtures::member_of(&b);
    let rb = risk_on(&app, &b_member, &built_on, None, "RB built on the EHR").await;
    // A refused link marks nothing.
    let refused = app
        .add_supply_link(
            &fixtures::operator(),
            SupplyLinkInput {
                offering: o.id.to_string(),
                code: "NOPE".into(),
                supplier: dc.id.to_string(),
                ..Default::default()
            },
        )
        .await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    assert_eq!(flagged(db, a.id).await, Vec::<RiskId>::new());
    assert_eq!(flagged(db, b.id).await, Vec::<RiskId>::new());

    let link = app
        .add_supply_link(
            &fixtures::operator(),
            SupplyLinkInput {
                offering: o.id.to_string(),
                code: "I1".into(),
                supplier: dc.id.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut expected = vec![r1, r2];
    expected.sort();
    assert_eq!(flagged(db, a.id).await, expected);
    let row = db.store.risk(Reach::Owned(a.id), r2).await.unwrap();
    assert_eq!(
        row.risk.review_flags,
        vec![ReviewReason::SupplyChainChanged {
            link: link.id.to_string(),
            code: "I1".into(),
            supplier: "Data centre".into(),
        }]
    );
    let untouched = db.store.risk(Reach::Owned(a.id), r3).await.unwrap();
    assert!(untouched.risk.review_flags.is_empty());
    assert_eq!(
        flagged(db, b.id).await,
        vec![rb],
        "the offering built on it"
    );
    // A link added beneath B's service reaches nothing built on the EHR's side below it.
    app.add_supply_link(
        &fixtures::operator(),
        SupplyLinkInput {
            offering: built_on.id.to_string(),
            code: "I1".into(),
            supplier: dc.id.to_string(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        flagged(db, a.id).await,
        expected,
        "nothing beneath B is A's"
    );
}

async fn a_component_change_marks_the_risks_on_flows_through_it(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::member_of(&a);
    let component = |name: &str| ComponentInput {
        name: name.into(),
        kind: "server".into(),
        environment: "production".into(),
        location: String::new(),
        ..Default::default()
    };
    let db_server = app
        .add_component(&me, o.id, component("DBサーバ"))
        .await
        .unwrap();
    let web = app
        .add_component(&me, o.id, component("Webサーバ"))
        .await
        .unwrap();
    assert_eq!(db_server.revision, 1);
    let through = app
        .add_flow(&me, o.id, flow_input("参照", &[db_server.id.to_string()]))
        .await
        .unwrap();
    let past = app
        .add_flow(&me, o.id, flow_input("閲覧", &[web.id.to_string()]))
        .await
        .unwrap();
    let r1 = risk_on(&app, &me, &o, Some(&through), "R1 through the DB server").await;
    let r2 = risk_on(&app, &me, &o, Some(&past), "R2 through the web server").await;
    let _r3 = risk_on(&app, &me, &o, None, "R3 on no flow").await;

    let audit_before = db.store.audit_after(0, 10_000).await.unwrap().len();
    let stale = app
        .update_component(&me, db_server.id, Some(5), component("DBサーバ（新）"))
        .await;
    assert!(
        matches!(stale, Err(AppError::Conflict(ref m)) if m.contains("current revision is 1")),
        "{stale:?}"
    );
    let other = app
        .update_component(
            &fixtures::member_of(&b),
            db_server.id,
            Some(1),
            component("x"),
        )
        .await;
    assert!(matches!(other, Err(AppError::NotFound { .. })), "{other:?}");
    let mut bad = component("DBサーバ（新）");
    bad.kind = "mainframe".into();
    let bad = app.update_component(&me, db_server.id, Some(1), bad).await;
    assert!(
        matches!(bad, Err(AppError::Invalid(ref e)) if e.field == "kind"),
        "{bad:?}"
    );
    assert_eq!(
        db.store.audit_after(0, 10_000).await.unwrap().len(),
        audit_before
    );
    assert_eq!(flagged(db, a.id).await, Vec::<RiskId>::new());

    let (edited, marked) = app
        .update_component(&me, db_server.id, Some(1), component("DBサーバ（新）"))
        .await
        .unwrap();
    assert_eq!(edited.revision, 2);
    assert_eq!(marked, vec![r1]);
    assert_eq!(flagged(db, a.id).await, vec![r1]);
    assert_eq!(
        db.store
            .component(Reach::Owned(a.id), db_server.id)
            .await
            .unwrap(),
        edited
    );
    let row = db.store.risk(Reach::Owned(a.id), r1).await.unwrap();
    assert_eq!(
        row.risk.review_flags,
        vec![ReviewReason::ComponentChanged {
            component: db_server.id.to_string(),
            name: "DBサーバ（新）".into(),
        }]
    );
    let untouched = db.store.risk(Reach::Owned(a.id), r2).await.unwrap();
    assert!(untouched.risk.review_flags.is_empty());
    let actions: Vec<String> = db
        .store
        .audit_after(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .skip(audit_before)
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, vec!["component.update", "risk.flag"]);
}
