//! Organisations, offerings with their verdict history, contracts and supply links.

use anzen_app::ports::prelude::*;
use anzen_app::ports::{ContractQuery, OfferingQuery, Page, Reach};
use anzen_app::{AppError, StoreError};
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
    offerings_are_searched_and_paged,
    contracts_are_isolated,
    contracts_are_found_by_end_date,
    names_are_given_only_within_reach,
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
    let all = Reach::Everything;
    assert_eq!(
        db.store
            .list_organisations(all, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        db.store
            .list_offerings(all, &OfferingQuery::default(), Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        db.store
            .list_contracts(all, &ContractQuery::default(), Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert!(
        db.store
            .list_supply_links(all, None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(db.store.audit_after(0, 10).await.unwrap().is_empty());
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

    let read = db
        .store
        .organisation(Reach::Owned(a.id), h.id)
        .await
        .unwrap();
    assert_eq!(read, h, "what is read back equals what was written");
    assert!(matches!(
        db.store.organisation(Reach::Owned(b.id), h.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        db.store.organisation(Reach::Nothing, a.id).await,
        Err(StoreError::NotFound)
    ));

    let ids = |l: anzen_app::ports::Listed<anzen_domain::org::Organisation>| {
        l.rows.iter().map(|o| o.id).collect::<Vec<OrgId>>()
    };
    let seen_by_a = ids(db
        .store
        .list_organisations(Reach::Owned(a.id), Page::all())
        .await
        .unwrap());
    let seen_by_b = ids(db
        .store
        .list_organisations(Reach::Owned(b.id), Page::all())
        .await
        .unwrap());
    assert!(seen_by_a.contains(&h.id) && seen_by_a.contains(&a.id));
    assert_eq!(seen_by_b, vec![b.id], "B sees only itself");
    assert_eq!(
        db.store
            .list_organisations(Reach::Everything, Page::all())
            .await
            .unwrap()
            .total,
        3
    );
    // The hospital, before any contract, sees only itself.
    let seen_by_h = ids(db
        .store
        .list_organisations(Reach::AsInstitution(h.id), Page::all())
        .await
        .unwrap());
    assert_eq!(seen_by_h, vec![h.id]);

    // Pagination is stable and ordered by name; the total counts every row.
    let first = db
        .store
        .list_organisations(Reach::Everything, Page::new(0, 2))
        .await
        .unwrap();
    let rest = db
        .store
        .list_organisations(Reach::Everything, Page::new(2, 2))
        .await
        .unwrap();
    assert_eq!((first.rows.len(), rest.rows.len(), first.total), (2, 1, 3));
    assert!(first.rows[0].name <= first.rows[1].name);
}

async fn offerings_keep_their_verdict_history(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let mut profile = cloud_ehr_profile("Cloud EHR");
    profile.contract.provision = false; // starts with no contract: out of scope
    let o = fixtures::offering(&app, &a, profile.clone()).await;
    assert!(!o.verdict.in_scope);

    let stored = db.store.offering(Reach::Owned(a.id), o.id).await.unwrap();
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

    let history = db
        .store
        .verdict_history(Reach::Owned(a.id), o.id)
        .await
        .unwrap();
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
        db.store.offering(Reach::Owned(b.id), o.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        db.store.verdict_history(Reach::Owned(b.id), o.id).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        db.store
            .list_offerings(Reach::Owned(b.id), &OfferingQuery::default(), Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        db.store
            .list_offerings(Reach::Owned(a.id), &OfferingQuery::default(), Page::all())
            .await
            .unwrap()
            .total,
        1
    );
    assert!(matches!(
        app.offering(&member_of(&b), o.id).await,
        Err(AppError::NotFound { .. })
    ));
}

async fn a_stale_update_changes_nothing(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let own = Reach::Owned(a.id);
    let before = db.store.offering(own, o.id).await.unwrap();

    // A writer that saw revision 1 after someone else moved it to 2 is refused.
    app.update_offering_profile(&operator(), o.id, Some(1), iaas_profile("Cloud EHR"))
        .await
        .unwrap();
    let after_first = db.store.offering(own, o.id).await.unwrap();
    let audit_len = db.store.audit_after(0, 1000).await.unwrap().len();
    let stale = app
        .update_offering_profile(&operator(), o.id, Some(1), cloud_ehr_profile("Cloud EHR"))
        .await;
    assert!(matches!(stale, Err(AppError::Conflict(_))), "{stale:?}");
    assert_eq!(db.store.offering(own, o.id).await.unwrap(), after_first);
    assert_eq!(db.store.verdict_history(own, o.id).await.unwrap().len(), 2);
    assert_eq!(
        db.store.audit_after(0, 1000).await.unwrap().len(),
        audit_len,
        "a refused change writes no audit entry"
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
    let mut tx = db.store.begin().await.unwrap();
    let res = tx.update_offering_verdict(a.id, &changed, 2, &dup).await;
    assert!(matches!(res, Err(StoreError::Conflict(_))), "{res:?}");
    drop(tx);
    assert_eq!(
        db.store.offering(own, o.id).await.unwrap(),
        after_first,
        "the transaction rolled back"
    );
}

async fn offerings_are_searched_and_paged(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    for name in ["Cloud EHR 100%", "Cloud PACS", "電子カルテ保守", "IaaS"] {
        let profile = if name == "IaaS" {
            iaas_profile(name)
        } else {
            cloud_ehr_profile(name)
        };
        fixtures::offering(&app, &a, profile).await;
    }
    let list = |search: &str, in_scope: Option<bool>| {
        let q = OfferingQuery {
            search: Some(search.to_owned()),
            in_scope,
            provider: None,
        };
        let store = db.store.clone();
        async move {
            store
                .list_offerings(Reach::Owned(a.id), &q, Page::all())
                .await
                .unwrap()
        }
    };
    assert_eq!(list("cloud", None).await.total, 2);
    assert_eq!(
        list("100%", None).await.total,
        1,
        "LIKE wildcards in the search are literal"
    );
    assert_eq!(list("%", None).await.total, 1);
    assert_eq!(
        list("カルテ", None).await.rows[0].name.as_str(),
        "電子カルテ保守"
    );
    assert_eq!(list("", Some(true)).await.total, 4);
    let page = db
        .store
        .list_offerings(
            Reach::Owned(a.id),
            &OfferingQuery::default(),
            Page::new(1, 2),
        )
        .await
        .unwrap();
    assert_eq!((page.rows.len(), page.total), (2, 4));
}

async fn contracts_are_isolated(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let h = fixtures::hospital(&app, "みなと総合病院").await;
    let other_h = fixtures::hospital(&app, "Other Hospital").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let c = fixtures::contract(&app, &h, &a, &o).await;
    let all = ContractQuery::default();
    assert_eq!(
        db.store
            .list_contracts(Reach::Owned(a.id), &all, Page::all())
            .await
            .unwrap()
            .rows,
        vec![c.clone()]
    );
    assert_eq!(
        db.store
            .list_contracts(Reach::Owned(b.id), &all, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    // The institution sees its contract, the offering and the provider; another sees nothing.
    assert_eq!(
        db.store
            .list_contracts(Reach::AsInstitution(h.id), &all, Page::all())
            .await
            .unwrap()
            .rows,
        vec![c]
    );
    assert_eq!(
        db.store
            .list_contracts(Reach::AsInstitution(other_h.id), &all, Page::all())
            .await
            .unwrap()
            .total,
        0
    );
    assert!(
        db.store
            .offering(Reach::AsInstitution(h.id), o.id)
            .await
            .is_ok()
    );
    assert!(
        db.store
            .offering(Reach::AsInstitution(other_h.id), o.id)
            .await
            .is_err()
    );
    assert!(
        db.store
            .organisation(Reach::AsInstitution(h.id), a.id)
            .await
            .is_ok()
    );
    assert!(
        db.store
            .organisation(Reach::AsInstitution(h.id), b.id)
            .await
            .is_err()
    );
}

async fn supply_links_are_isolated_and_filtered(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let iaas = fixtures::partner(&app, "IaaS KK").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let other = fixtures::offering(&app, &a, cloud_ehr_profile("Other")).await;
    let region = fixtures::offering(&app, &iaas, iaas_profile("Tokyo region")).await;
    let input = anzen_app::supply::SupplyLinkInput {
        offering: ehr.id.to_string(),
        code: "I1".into(),
        supplier: iaas.id.to_string(),
        supplier_offering: region.id.to_string(),
        ..Default::default()
    };
    // A member of A cannot name an organisation A did not register as supplier.
    assert!(
        app.add_supply_link(&member_of(&a), input.clone())
            .await
            .is_err()
    );
    let link = app.add_supply_link(&operator(), input).await.unwrap();
    assert_eq!((link.selected_by, link.contract_holder), (a.id, a.id));
    assert_eq!(
        db.store
            .list_supply_links(Reach::Owned(a.id), Some(ehr.id))
            .await
            .unwrap(),
        vec![link.clone()]
    );
    assert!(
        db.store
            .list_supply_links(Reach::Owned(a.id), Some(other.id))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .list_supply_links(Reach::Owned(b.id), None)
            .await
            .unwrap()
            .is_empty()
    );
    // The supplier sees the link naming it; an institution only once it contracts the offering.
    assert_eq!(
        db.store
            .list_supply_links(Reach::AsSupplier(iaas.id), None)
            .await
            .unwrap(),
        vec![link.clone()]
    );
    assert!(
        db.store
            .list_supply_links(Reach::AsSupplier(b.id), None)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        db.store
            .list_supply_links(Reach::AsInstitution(h.id), None)
            .await
            .unwrap()
            .is_empty()
    );
    fixtures::contract(&app, &h, &a, &ehr).await;
    assert_eq!(
        db.store
            .list_supply_links(Reach::AsInstitution(h.id), None)
            .await
            .unwrap(),
        vec![link]
    );
    assert!(
        db.store
            .organisation(Reach::AsInstitution(h.id), iaas.id)
            .await
            .is_ok(),
        "the institution sees its chain's suppliers"
    );
    assert!(
        db.store
            .organisation(Reach::AsSupplier(iaas.id), a.id)
            .await
            .is_ok(),
        "the supplier sees whom it supplies"
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
    let mut tx = db.store.begin().await.unwrap();
    let res = tx.insert_offering(&o, &first).await;
    assert!(matches!(res, Err(StoreError::Conflict(_))), "{res:?}");
    drop(tx);
    assert_eq!(
        db.store
            .list_offerings(Reach::Everything, &OfferingQuery::default(), Page::all())
            .await
            .unwrap()
            .total,
        1,
        "nothing half-written"
    );
}

async fn contracts_are_found_by_end_date(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h = fixtures::hospital(&app, "Hospital").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    for (start, end) in [
        ("2026-04-01", "2027-03-31"),
        ("2026-04-01", "2026-12-31"),
        ("2026-04-01", ""),
        ("2025-04-01", "2026-01-31"),
    ] {
        app.add_contract(
            &operator(),
            anzen_app::contracts::ContractInput {
                institution: h.id.to_string(),
                provider: a.id.to_string(),
                offering: o.id.to_string(),
                kind: "provision".into(),
                starts_on: start.into(),
                ends_on: end.into(),
                reference: String::new(),
            },
        )
        .await
        .unwrap();
    }
    let q = ContractQuery {
        ends_from: Some("2026-11-25".parse().unwrap()),
        ends_to: Some("2027-03-31".parse().unwrap()),
        by_end_date: true,
        ..Default::default()
    };
    let ending = db
        .store
        .list_contracts(Reach::Owned(a.id), &q, Page::all())
        .await
        .unwrap();
    let ends: Vec<String> = ending
        .rows
        .iter()
        .map(|c| c.period.ends_on().unwrap().to_string())
        .collect();
    assert_eq!(
        ends,
        ["2026-12-31", "2027-03-31"],
        "open-ended and past contracts are left out; soonest first"
    );
    assert_eq!(ending.total, 2);
}

async fn names_are_given_only_within_reach(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let b = fixtures::provider(&app, "Provider B").await;
    let oa = fixtures::offering(&app, &a, cloud_ehr_profile("A's EHR")).await;
    let ob = fixtures::offering(&app, &b, cloud_ehr_profile("B's EHR")).await;
    let orgs = db
        .store
        .org_names(Reach::Owned(a.id), &[a.id, b.id])
        .await
        .unwrap();
    assert_eq!(orgs, vec![(a.id, "Provider A".to_owned())]);
    let offerings = db
        .store
        .offering_names(Reach::Owned(a.id), &[oa.id, ob.id])
        .await
        .unwrap();
    assert_eq!(offerings, vec![(oa.id, "A's EHR".to_owned())]);
    assert!(
        db.store
            .offering_names(Reach::Owned(a.id), &[])
            .await
            .unwrap()
            .is_empty()
    );
    // The list row carries the decision and the provider's name, without decoding JSON.
    let listed = db
        .store
        .list_offerings(Reach::Owned(a.id), &OfferingQuery::default(), Page::all())
        .await
        .unwrap();
    let row = &listed.rows[0];
    assert_eq!(
        (
            row.provider_name.as_str(),
            row.in_scope,
            row.categories.clone()
        ),
        ("Provider A", true, oa.verdict.categories.clone())
    );
    assert_eq!(
        row.covers_non_medical_data,
        oa.verdict.covers_non_medical_data
    );
}
