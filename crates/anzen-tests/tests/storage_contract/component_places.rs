//! Where components stand (Table 4-1 ①-1, ②-1, ②-2; GL 6.1): the country and the "stores
//! medical information" mark are kept on both backends, an edit that leaves them out keeps
//! them, a bad country code writes nothing, and the suggested disclosure answers speak of the
//! offerings the reading institution contracts only (②-5 and ②-6 too, never the provider's
//! totals).

use anzen_app::AppError;
use anzen_app::risks::ComponentInput;
use anzen_domain::access::Role;
use anzen_tests::fixtures::{self, cloud_ehr_profile, risk_input};
use anzen_tests::{TestDb, on_both_backends};

on_both_backends!(
    a_components_country_and_storage_mark_are_kept,
    disclosure_answers_speak_of_the_institutions_contracts_only,
);

fn component(name: &str, kind: &str, location: &str, country: &str, holds: bool) -> ComponentInput {
    ComponentInput {
        name: name.into(),
        kind: kind.into(),
        environment: "production".into(),
        location: location.into(),
        country: Some(country.into()),
        holds_medical_info: Some(holds),
    }
}

async fn a_components_country_and_storage_mark_are_kept(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let o = fixtures::offering(&app, &a, cloud_ehr_profile("Cloud EHR")).await;
    let me = fixtures::user_caller(&app, &a, Role::ProviderMember, "m@a.example").await;
    let dr = app
        .add_component(
            &me,
            o.id,
            component("DR バックアップ", "storage", "us-west-2", "us", true),
        )
        .await
        .unwrap();
    let listed = app.list_components(&me, o.id).await.unwrap();
    let read = listed.iter().find(|c| c.id == dr.id).unwrap();
    assert_eq!(
        read.country.map(|c| c.code().to_owned()).as_deref(),
        Some("US")
    );
    assert!(read.holds_medical_info);

    // Left out of an edit, both stay.
    let edit = ComponentInput {
        name: "DR バックアップ（大阪へ移設）".into(),
        kind: "storage".into(),
        environment: "production".into(),
        location: "大阪リージョン".into(),
        country: None,
        holds_medical_info: None,
    };
    let (edited, _) = app
        .update_component(&me, dr.id, Some(1), edit.clone())
        .await
        .unwrap();
    assert_eq!(
        edited.country.map(|c| c.code().to_owned()).as_deref(),
        Some("US")
    );
    assert!(edited.holds_medical_info);

    // A bad code names the field; nothing is written.
    let bad = ComponentInput {
        country: Some("Japan".into()),
        name: "DR".into(),
        ..edit.clone()
    };
    match app.update_component(&me, dr.id, Some(2), bad).await {
        Err(AppError::Invalid(e)) => assert_eq!(e.field, "country"),
        other => panic!("expected a field error, got {other:?}"),
    }
    let bad_new = component("x", "storage", "", "J", true);
    assert!(matches!(
        app.add_component(&me, o.id, bad_new).await,
        Err(AppError::Invalid(e)) if e.field == "country"
    ));
    let after = app.list_components(&me, o.id).await.unwrap();
    assert_eq!(after.len(), 1, "the refused component is not added");
    assert_eq!(after[0].revision, 2, "the refused edit wrote nothing");

    // A blank code clears it.
    let (cleared, _) = app
        .update_component(
            &me,
            dr.id,
            Some(2),
            ComponentInput {
                country: Some(" ".into()),
                ..edit
            },
        )
        .await
        .unwrap();
    assert_eq!(cleared.country, None);
}

async fn disclosure_answers_speak_of_the_institutions_contracts_only(db: &TestDb) {
    let app = db.app();
    let a = fixtures::provider(&app, "Provider A").await;
    let h1 = fixtures::hospital(&app, "さくら病院").await;
    let h2 = fixtures::hospital(&app, "みなと診療所").await;
    let h3 = fixtures::hospital(&app, "もみじ医院").await;
    let ehr = fixtures::offering(&app, &a, cloud_ehr_profile("カルテクラウド")).await;
    let pacs = fixtures::offering(&app, &a, cloud_ehr_profile("画像クラウド")).await;
    fixtures::contract(&app, &h1, &a, &ehr).await;
    fixtures::contract(&app, &h2, &a, &pacs).await;
    let me = fixtures::user_caller(&app, &a, Role::ProviderAdmin, "admin@a.example").await;
    for (o, c) in [
        (
            &ehr,
            component("診療録DB", "storage", "東京リージョン", "JP", true),
        ),
        (
            &ehr,
            component("DR バックアップ", "storage", "us-west-2", "US", true),
        ),
        (
            &ehr,
            component("APサーバ", "server", "東京リージョン", "JP", false),
        ),
        (
            &pacs,
            component("画像ストレージ", "storage", "大阪リージョン", "JP", true),
        ),
    ] {
        app.add_component(&me, o.id, c).await.unwrap();
    }
    for i in 0..3 {
        app.add_risk(&me, risk_input(&pacs, &format!("画像の漏えい {i}"), 3, 3))
            .await
            .unwrap();
    }
    app.add_risk(&me, risk_input(&ehr, "カルテの改ざん", 4, 2))
        .await
        .unwrap();

    let answer = |items: &[anzen_app::chain::DisclosureItem], key: &str| {
        items
            .iter()
            .find(|i| i.key == key)
            .unwrap_or_else(|| panic!("{key} is listed"))
            .suggested
            .clone()
    };
    let for_h1 = app.disclosure_items(&me, h1.id).await.unwrap();
    let domestic = answer(&for_h1, "①-1");
    assert!(
        domestic.contains("国外に設置") && domestic.contains("DR バックアップ"),
        "{domestic}"
    );
    assert!(!domestic.contains("画像ストレージ"), "{domestic}");
    let place = answer(&for_h1, "②-1");
    assert!(
        place.contains("診療録DB") && place.contains("東京リージョン"),
        "{place}"
    );
    assert!(
        !place.contains("APサーバ"),
        "a component without medical information: {place}"
    );
    assert!(answer(&for_h1, "②-2").contains("米国"));
    let risks = answer(&for_h1, "②-6");
    assert!(
        risks.contains("カルテクラウド 1 件") && !risks.contains("画像クラウド"),
        "{risks}"
    );
    assert!(!answer(&for_h1, "②-5").contains("画像クラウド"));

    let for_h2 = app.disclosure_items(&me, h2.id).await.unwrap();
    assert!(answer(&for_h2, "①-1").contains("すべて日本国内"));
    assert!(answer(&for_h2, "②-6").contains("画像クラウド 3 件"));
    assert!(!answer(&for_h2, "②-1").contains("診療録DB"));

    let for_h3 = app.disclosure_items(&me, h3.id).await.unwrap();
    assert!(answer(&for_h3, "①-1").contains("契約（予定を含む）が登録されていません"));
    assert!(answer(&for_h3, "②-6").contains("契約（予定を含む）が登録されていません"));

    // The institution reads what was disclosed to it, never the suggestions.
    let it = fixtures::user_caller(&app, &h1, Role::InstitutionReviewer, "it@h1.example").await;
    assert!(app.disclosure_items(&it, h1.id).await.unwrap().is_empty());
}
