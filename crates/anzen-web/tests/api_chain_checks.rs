//! Regression tests through the JSON API: an institution sees only what was disclosed to it
//! (FAQ 4.1), never anzen's suggested answers drawn from the provider's data; the
//! subcontractor of an agreement is a provider in the offering's chain (FAQ 3.1), anything
//! else a 422 naming the field with nothing written.

use crate::api_support;
use crate::support;

use anzen_domain::access::Role;
use api_support::{World, shape_problem};
use serde_json::{Value, json};

const PA: Role = Role::ProviderAdmin;
const IR: Role = Role::InstitutionReviewer;

fn refused(r: &api_support::Reply, field: &str, what: &str) {
    assert_eq!(r.status, 422, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
    assert_eq!(r.field(), field, "{what}: {}", r.text);
}

fn keys(items: &[Value]) -> Vec<String> {
    let mut k: Vec<String> = items
        .iter()
        .map(|i| i["key"].as_str().unwrap().to_owned())
        .collect();
    k.sort();
    k
}

#[tokio::test]
async fn an_institution_sees_only_what_was_disclosed_to_it() {
    let w = World::new().await;
    let path = format!("/institutions/{}/disclosures", w.minato);

    // The provider prepares: every item, with anzen's suggestions (risk count, diagram,
    // certifications).
    let provider = w.call("GET", &path, PA, None).await;
    assert_eq!(provider.status, 200, "{}", provider.text);
    let all = provider.body["items"].as_array().unwrap().clone();
    assert!(
        all.iter()
            .any(|i| !i["suggested"].as_str().unwrap().is_empty())
    );

    // The provider discloses one item.
    let given = w
        .call(
            "POST",
            &path,
            PA,
            Some(&json!({"item": "②-1", "answer": "日本国内（東京・大阪）"})),
        )
        .await;
    assert_eq!(given.status, 201, "{}", given.text);

    let inst = w.call("GET", &path, IR, None).await;
    assert_eq!(inst.status, 200, "{}", inst.text);
    let items = inst.body["items"].as_array().unwrap();
    let history = inst.body["history"].as_array().unwrap();
    // Exactly the Table 4-1 items disclosed to it, each with the answer given and its stage.
    let mut disclosed: Vec<String> = history
        .iter()
        .map(|d| d["item_key"].as_str().unwrap().to_owned())
        .filter(|k| all.iter().any(|i| i["key"] == k.as_str()))
        .collect();
    disclosed.sort();
    disclosed.dedup();
    assert!(disclosed.contains(&"②-1".to_owned()));
    assert_eq!(keys(items), disclosed);
    assert!(
        items.len() < all.len(),
        "items never disclosed are not listed"
    );
    for i in items {
        assert_eq!(
            i["suggested"], "",
            "no suggestion reaches the institution: {i}"
        );
        assert!(i["last"].is_object(), "{i}");
        assert!(i["last"]["stage"].is_string(), "{i}");
    }
    let mine = items.iter().find(|i| i["key"] == "②-1").unwrap();
    assert_eq!(mine["last"]["answer"], "日本国内（東京・大阪）");
    for never in [
        "リスク対応一覧",
        "risk treatment list",
        "Minimum qualification",
        "全体構成図",
    ] {
        assert!(
            !inst.text.contains(never)
                || history
                    .iter()
                    .any(|d| d["answer"].as_str().unwrap().contains(never)),
            "`{never}` was never disclosed to the institution"
        );
    }
}

#[tokio::test]
async fn a_subcontractor_is_a_provider_in_the_offerings_chain() {
    let w = World::new().await;
    let app = &w.t.app;
    let contract = app
        .list_contracts(
            &anzen_app::Caller::operator("tests"),
            &anzen_app::ports::ContractQuery {
                offering: Some(w.ehr.parse().unwrap()),
                institution: Some(w.minato.parse().unwrap()),
                ..Default::default()
            },
            anzen_app::ports::Page::all(),
        )
        .await
        .unwrap()
        .rows[0]
        .id;
    let open = format!("/contracts/{contract}/agreements");
    let before = count(&w, &open).await;

    // A partner the provider registered but that supplies nothing of this offering.
    let outsider = w
        .call(
            "POST",
            "/organisations",
            PA,
            Some(&json!({"kind": "partner", "name": "かえでデータセンター株式会社"})),
        )
        .await;
    assert_eq!(outsider.status, 201, "{}", outsider.text);
    let outsider = outsider.body["id"].as_str().unwrap().to_owned();

    let internal = |sub: &str| json!({"kind": "internal", "subcontractor": sub});
    let random = uuid::Uuid::now_v7().to_string();
    for (sub, what) in [
        (random.as_str(), "an id naming no organisation"),
        (w.minato.as_str(), "a medical institution"),
        (outsider.as_str(), "a partner outside the chain"),
        (w.sakura.as_str(), "the provider itself"),
    ] {
        let r = w.call("POST", &open, PA, Some(&internal(sub))).await;
        refused(&r, "subcontractor", what);
    }
    assert_eq!(count(&w, &open).await, before, "nothing written");
    // The IaaS supplying the offering is accepted.
    let ok = w.call("POST", &open, PA, Some(&internal(&w.hinoki))).await;
    assert_eq!(ok.status, 201, "{}", ok.text);

    // The institution's agreement names subcontractors only from the chain.
    let main = w
        .call(
            "POST",
            &open,
            PA,
            Some(&json!({"kind": "provider_institution"})),
        )
        .await;
    assert_eq!(main.status, 201, "{}", main.text);
    let id = main.body["id"].as_str().unwrap().to_owned();
    let detail = w.call("GET", &format!("/agreements/{id}"), PA, None).await;
    assert_eq!(detail.status, 200, "{}", detail.text);
    let version = detail.body["version"].clone();
    let revision = |sub: &str| {
        json!({
            "entries": [
                {"phase": "operation", "duty": "op.identify_risks", "responsible": {"party": "provider"}},
                {"phase": "development", "duty": "dev.hosting", "title": "基盤の提供",
                 "responsible": {"party": "subcontractor", "org": sub}},
            ],
            "subcontractors": [sub],
        })
    };
    for (sub, what) in [
        (random.as_str(), "an id naming no organisation"),
        (w.minato.as_str(), "the institution"),
        (outsider.as_str(), "a partner outside the chain"),
    ] {
        let r = w
            .call(
                "PUT",
                &format!("/agreements/{id}"),
                PA,
                Some(&revision(sub)),
            )
            .await;
        assert_eq!(r.status, 422, "{what}: {}", r.text);
        assert!(
            r.field().starts_with("subcontractors.0") || r.field() == "subcontractors",
            "{what}: {}",
            r.text
        );
    }
    let after = w.call("GET", &format!("/agreements/{id}"), PA, None).await;
    assert_eq!(after.body["version"], version, "nothing written");
    let ok = w
        .call(
            "PUT",
            &format!("/agreements/{id}"),
            PA,
            Some(&revision(&w.hinoki)),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
}

async fn count(w: &World, path: &str) -> usize {
    w.call("GET", path, PA, None).await.body["items"]
        .as_array()
        .map_or(0, Vec::len)
}

#[tokio::test]
async fn a_network_operators_duties_are_shown_with_faq_2_2() {
    use anzen_app::Caller;
    use anzen_app::contracts::ContractInput;
    use anzen_app::offerings::OfferingInput;
    use anzen_app::supply::SupplyLinkInput;
    use anzen_domain::scope::{NetworkOperator, ScopeProfile};

    let w = World::new().await;
    let op = Caller::operator("tests");
    // さくら operates a regional network entrusted with managing medical information, and
    // shares that management with ひのき (FAQ 2.2 ¶2).
    let mut profile = ScopeProfile::new("さくら地域連携ネット");
    profile.contract.provision = true;
    profile.handles_medical_information = true;
    profile.network_operator = NetworkOperator::EntrustedWithMedicalInformation;
    let net =
        w.t.app
            .add_offering(
                &op,
                OfferingInput {
                    provider: w.sakura.clone(),
                    name: "さくら地域連携ネット".into(),
                    description: String::new(),
                    profile,
                },
            )
            .await
            .unwrap()
            .id
            .to_string();
    w.t.app
        .add_contract(
            &op,
            ContractInput {
                institution: w.minato.clone(),
                provider: w.sakura.clone(),
                offering: net.clone(),
                kind: "provision".into(),
                starts_on: "2026-04-01".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    w.t.app
        .add_supply_link(
            &op,
            SupplyLinkInput {
                offering: net.clone(),
                code: "I1".into(),
                supplier: w.hinoki.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();

    let chain = w
        .call("GET", &format!("/offerings/{net}/chain"), PA, None)
        .await;
    assert_eq!(chain.status, 200, "{}", chain.text);
    assert_eq!(shape_problem(&chain), None);
    let n = &chain.body["network"];
    assert_eq!(n["target_provider"], true, "{n}");
    let duties = n["duties"].as_array().unwrap();
    let supervise = duties
        .iter()
        .find(|d| d["kind"] == "supervise_subcontractor")
        .expect("the operator supervises its subcontractor");
    assert_eq!(supervise["bearer"]["org"], w.sakura.as_str());
    assert_eq!(supervise["bearer"]["role"], "network_operator");
    assert_eq!(supervise["towards"]["org"], w.hinoki.as_str());
    assert_eq!(supervise["rule"]["rule"], "FAQ2.2-R3");
    assert!(
        supervise["rule"]["reference"]
            .as_str()
            .unwrap()
            .starts_with("FAQ 2.2")
    );
    let agree = duties
        .iter()
        .find(|d| d["kind"] == "agree_role_division")
        .expect("the participant agrees the role division");
    assert_eq!(agree["bearer"]["org"], w.minato.as_str());
    // No agreement yet: the reasons name the participant without one (FAQ 2.2 R2).
    assert!(
        n["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"]["rule"] == "FAQ2.2-R2" && r["about"] == w.minato.as_str())
    );

    // An offering of a provider that operates no network has none.
    let ehr = w
        .call("GET", &format!("/offerings/{}/chain", w.ehr), PA, None)
        .await;
    assert!(ehr.body["network"].is_null(), "{}", ehr.text);

    // The chain page shows them, in Japanese and in English.
    let c = w.t.client();
    w.t.sign_in(&c, PA).await;
    let page = c
        .get(w.t.url(&format!("/offerings/{net}/chain")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"network\""), "{page}");
    assert!(page.contains("地域医療情報連携ネットワークの運営主体としての義務"));
    assert!(page.contains("FAQ 2.2"));
    assert!(page.contains("ひのき"));
    let res = c
        .post(w.t.url("/lang"))
        .form(&[
            ("csrf_token", support::csrf_of(&page).as_str()),
            ("lang", "en"),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let page_en = c
        .get(w.t.url(&format!("/offerings/{net}/chain")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page_en.contains("Duties as a regional network operator (FAQ 2.2)"));
    assert!(
        page_en.contains("supervise that provider"),
        "the rule's English text"
    );
}
