//! The storage contract: one story per aggregate, run on SQLite and on PostgreSQL.
//! Each story checks create/read/update, organisation isolation (A never reads B's rows)
//! and that a refused change leaves nothing half-written.

use anzen_app::StoreError;
use anzen_app::ports::{ContractStore, OfferingStore, OrgStore, Page, Store, SupplyStore};
use anzen_domain::ids::{OfferingId, OrgId, VerdictId};
use anzen_domain::offering::VerdictRecord;
use anzen_domain::scope::{self, ScopeCategory};
use anzen_tests::fixtures::{self, cloud_ehr_profile, iaas_profile, member_of, operator};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    migrate_from_empty,
    organisations_are_isolated,
    offerings_keep_their_verdict_history,
    a_stale_update_changes_nothing,
    contracts_are_isolated,
    supply_links_are_isolated_and_filtered,
    broken_references_are_conflicts,
);

async fn migrate_from_empty(db: &TestDb) {
    // The fixture migrated a brand-new database; migrating again is a no-op.
    db.store
        .migrate()
        .await
        .expect("a second migration run is a no-op");
    db.store.ping().await.expect("the database answers");
    assert!(
        db.store
            .list_organisations(None, Page::all())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .list_offerings(None, Page::all())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .list_contracts(None, Page::all())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .list_supply_links(None, None)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn organisations_are_isolated(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "さくらメディカルクラウド株式会社").await;
    let b = fixtures::provider(&app, "Other Provider KK").await;
    // A registers its customer hospital.
    let h = app
        .add_organisation(
            &member_of(&a),
            anzen_app::orgs::OrganisationInput {
                kind: "medical_institution".into(),
                institution_kind: "hospital".into(),
                name: "みなと総合病院".into(),
                registered_by: String::new(),
            },
        )
        .await
        .unwrap();
    assert_eq!(h.registered_by, Some(a.id));

    let read = db.store.organisation(Some(a.id), h.id).await.unwrap();
    assert_eq!(read, h, "what is read back equals what was written");
    assert!(matches!(
        db.store.organisation(Some(b.id), h.id).await,
        Err(StoreError::NotFound)
    ));

    let seen_by_a: Vec<OrgId> = db
        .store
        .list_organisations(Some(a.id), Page::all())
        .await
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    let seen_by_b: Vec<OrgId> = db
        .store
        .list_organisations(Some(b.id), Page::all())
        .await
        .unwrap()
        .iter()
        .map(|o| o.id)
        .collect();
    assert!(seen_by_a.contains(&h.id) && seen_by_a.contains(&a.id));
    assert_eq!(seen_by_b, vec![b.id], "B sees only itself");
    assert_eq!(
        db.store
            .list_organisations(None, Page::all())
            .await
            .unwrap()
            .len(),
        3
    );

    // Pagination is stable and ordered by name.
    let first = db
        .store
        .list_organisations(
            None,
            Page {
                offset: 0,
                limit: 2,
            },
        )
        .await
        .unwrap();
    let rest = db
        .store
        .list_organisations(
            None,
            Page {
                offset: 2,
                limit: 2,
            },
        )
        .await
        .unwrap();
    assert_eq!(first.len() + rest.len(), 3);
    assert!(first[0].name <= first[1].name);
}

async fn offerings_keep_their_verdict_history(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let mut profile = cloud_ehr_profile("Cloud EHR");
    profile.contract.provision = false; // starts with no contract: out of scope
    let o = fixtures::offering(&app, &a, profile.clone()).await;
    assert!(!o.verdict.in_scope);

    let stored = db.store.offering(Some(a.id), o.id).await.unwrap();
    assert_eq!(stored, o, "the offering reads back exactly");

    // The profile changes: the new verdict is kept beside the old one, with who and when.
    profile.contract.provision = true;
    let detail = app
        .update_offering_profile(&member_of(&a), o.id, Some(1), profile)
        .await
        .unwrap();
    assert_eq!(detail.offering.revision, 2);
    assert!(detail.offering.verdict.in_scope);
    assert_eq!(
        detail.offering.verdict.categories,
        vec![ScopeCategory::ContractedProvider]
    );

    let history = db.store.verdict_history(Some(a.id), o.id).await.unwrap();
    assert_eq!(
        history.iter().map(|r| r.sequence).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert!(!history[0].verdict.in_scope && history[1].verdict.in_scope);
    assert_eq!(history[0].recorded_by, "operator:test-operator");
    assert_eq!(history[1].recorded_by, "operator:member-of-Provider A");
    assert_eq!(history[1].recorded_at, fixtures::now());
    assert!(history[1].decision_differs(&history[0]));

    // B reads nothing of A's.
    assert!(matches!(
        db.store.offering(Some(b.id), o.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        db.store.verdict_history(Some(b.id), o.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        db.store
            .list_offerings(Some(b.id), Page::all())
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store
            .list_offerings(Some(a.id), Page::all())
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(app.offering(&member_of(&b), o.id).await.is_err());
}

async fn a_stale_update_changes_nothing(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let before = db.store.offering(Some(a.id), o.id).await.unwrap();

    // A writer that saw revision 1 after someone else moved it to 2 is refused.
    app.update_offering_profile(&operator(), o.id, Some(1), iaas_profile("Cloud EHR"))
        .await
        .unwrap();
    let after_first = db.store.offering(Some(a.id), o.id).await.unwrap();
    let stale = app
        .update_offering_profile(&operator(), o.id, Some(1), cloud_ehr_profile("Cloud EHR"))
        .await;
    assert!(
        matches!(stale, Err(anzen_app::AppError::Conflict(_))),
        "{stale:?}"
    );
    assert_eq!(
        db.store.offering(Some(a.id), o.id).await.unwrap(),
        after_first
    );
    assert_eq!(
        db.store
            .verdict_history(Some(a.id), o.id)
            .await
            .unwrap()
            .len(),
        2
    );
    assert_ne!(before.verdict, after_first.verdict);

    // A history record with a duplicate sequence is refused as a whole, offering included.
    let dup = VerdictRecord {
        id: VerdictId::from_uuid(uuid::Uuid::now_v7()),
        offering: o.id,
        sequence: 2,
        profile: cloud_ehr_profile("Cloud EHR"),
        verdict: scope::determine(&cloud_ehr_profile("Cloud EHR")),
        recorded_by: "x".into(),
        recorded_at: fixtures::now(),
    };
    let mut changed = after_first.clone();
    changed.profile = dup.profile.clone();
    changed.verdict = dup.verdict.clone();
    let res = db
        .store
        .update_offering_verdict(a.id, &changed, 2, &dup)
        .await;
    assert!(matches!(res, Err(StoreError::Conflict(_))), "{res:?}");
    assert_eq!(
        db.store.offering(Some(a.id), o.id).await.unwrap(),
        after_first,
        "the transaction rolled back"
    );
}

async fn contracts_are_isolated(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "みなと総合病院").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let c = app
        .add_contract(
            &operator(),
            anzen_app::contracts::ContractInput {
                institution: h.id.to_string(),
                provider: a.id.to_string(),
                offering: o.id.to_string(),
                kind: "provision".into(),
                starts_on: "2026-04-01".into(),
                ends_on: "2031-03-31".into(),
                reference: "SMC-2026-001".into(),
            },
        )
        .await
        .unwrap();
    let listed = db
        .store
        .list_contracts(Some(a.id), Page::all())
        .await
        .unwrap();
    assert_eq!(listed, vec![c]);
    assert!(
        db.store
            .list_contracts(Some(b.id), Page::all())
            .await
            .unwrap()
            .is_empty()
    );
}

async fn supply_links_are_isolated_and_filtered(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let iaas = fixtures::partner(&app, "IaaS KK").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let other = fixtures::offering(&app, &a, cloud_ehr_profile("Other")).await;
    let region = fixtures::offering(&app, &iaas, iaas_profile("Tokyo region")).await;
    let link = app
        .add_supply_link(
            &member_of(&a),
            anzen_app::supply::SupplyLinkInput {
                offering: ehr.id.to_string(),
                code: "I1".into(),
                supplier: iaas.id.to_string(),
                supplier_offering: region.id.to_string(),
                ..Default::default()
            },
        )
        .await;
    // A member of A cannot name an organisation it did not register as supplier.
    assert!(link.is_err(), "a member sees only organisations of its own");
    let link = app
        .add_supply_link(
            &operator(),
            anzen_app::supply::SupplyLinkInput {
                offering: ehr.id.to_string(),
                code: "I1".into(),
                supplier: iaas.id.to_string(),
                supplier_offering: region.id.to_string(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(link.selected_by, a.id);
    assert_eq!(link.contract_holder, a.id);
    assert_eq!(
        db.store
            .list_supply_links(Some(a.id), Some(ehr.id))
            .await
            .unwrap(),
        vec![link.clone()]
    );
    assert!(
        db.store
            .list_supply_links(Some(a.id), Some(other.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .list_supply_links(Some(b.id), None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        db.store.list_supply_links(None, None).await.unwrap().len(),
        1
    );
}

async fn broken_references_are_conflicts(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let mut o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    // An offering of an organisation that does not exist violates a foreign key.
    o.id = OfferingId::from_uuid(uuid::Uuid::now_v7());
    o.provider = OrgId::from_uuid(uuid::Uuid::now_v7());
    let first = VerdictRecord {
        id: VerdictId::from_uuid(uuid::Uuid::now_v7()),
        offering: o.id,
        sequence: 1,
        profile: o.profile.clone(),
        verdict: o.verdict.clone(),
        recorded_by: "x".into(),
        recorded_at: fixtures::now(),
    };
    let res = db.store.insert_offering(&o, &first).await;
    assert!(matches!(res, Err(StoreError::Conflict(_))), "{res:?}");
    assert_eq!(
        db.store
            .list_offerings(None, Page::all())
            .await
            .unwrap()
            .len(),
        1,
        "nothing half-written"
    );
}
