//! Whole flows through the JSON API: a provider member records an institution, an offering
//! (its verdict comes back), changes the profile (the history grows and the verdict
//! changes), a contract and a supply link; a stale revision is refused and changes nothing;
//! the auditor reads the trail with filters and takes a checkpoint of it that verifies later;
//! `/scope/check` answers exactly the contract's verdicts.

use crate::api_support;

use anzen_domain::access::Role;
use anzen_domain::scope::{self, ScopeProfile};
use api_support::{World, profile_json, shape_problem};
use serde_json::{Value, json};

const PM: Role = Role::ProviderMember;
const AU: Role = Role::Auditor;

fn ok(r: &api_support::Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
}

#[tokio::test]
async fn a_member_records_an_offering_its_contract_and_supply_chain() {
    let w = World::new().await;

    let me = w.call("GET", "/me", PM, None).await;
    ok(&me, 200, "me");
    assert_eq!(me.body["role"], "provider_member");
    assert_eq!(me.body["organisation"]["id"], w.sakura.as_str());
    assert_eq!(me.body["user"]["login"], "member@sakura-medical.example");
    let may = |subject: &str, action: &str| {
        me.body["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["subject"] == subject)
            .unwrap()[action]
            .as_bool()
            .unwrap()
    };
    assert!(may("offerings", "write") && may("users", "read"));
    assert!(!may("users", "write") && !may("audit_trail", "read"));

    // An institution, registered by さくら.
    let clinic = w
        .call(
            "POST",
            "/organisations",
            PM,
            Some(&json!({"kind": "medical_institution", "institution_kind": "dental_clinic", "name": "みどり歯科医院"})),
        )
        .await;
    ok(&clinic, 201, "organisation");
    let clinic_id = clinic.body["id"].as_str().unwrap().to_owned();
    assert_eq!(clinic.body["registered_by"], w.sakura.as_str());
    assert_eq!(clinic.body["institution_kind"], "dental_clinic");
    assert_eq!(
        clinic.location.as_deref(),
        Some(format!("/api/v1/organisations/{clinic_id}").as_str())
    );
    let shown = w
        .call("GET", &format!("/organisations/{clinic_id}"), PM, None)
        .await;
    ok(&shown, 200, "the organisation");
    assert_eq!(shown.body, clinic.body);

    // An offering: the verdict comes back with it.
    let created = w
        .call(
            "POST",
            "/offerings",
            PM,
            Some(&json!({
                "description": "歯科向けクラウド電子カルテ",
                "profile": profile_json("みどりクラウド歯科カルテ"),
            })),
        )
        .await;
    ok(&created, 201, "offering");
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(created.body["name"], "みどりクラウド歯科カルテ");
    assert_eq!(created.body["provider"], w.sakura.as_str());
    assert_eq!(created.body["revision"], 1);
    assert_eq!(created.body["verdict"]["in_scope"], true);
    assert_eq!(
        created.body["verdict"]["categories"],
        json!(["contracted_provider"])
    );
    let location = created.location.clone().unwrap();
    let r = reqwest::Client::new()
        .get(w.t.url(&location))
        .bearer_auth(w.token(PM))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{location}");

    // A new profile: sold outright and run by the institution itself, out of scope.
    let mut sold = profile_json("みどりクラウド歯科カルテ");
    sold["contract"] = json!({"sale_only": true});
    sold["institution_self_operated"] = json!(true);
    sold["deployment"] = json!("inside_institution");
    let changed = w
        .call(
            "PUT",
            &format!("/offerings/{id}/profile"),
            PM,
            Some(&json!({"profile": sold, "revision": 1})),
        )
        .await;
    ok(&changed, 200, "profile change");
    assert_eq!(changed.body["offering"]["revision"], 2);
    assert_eq!(changed.body["offering"]["verdict"]["in_scope"], false);
    let history = changed.body["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["sequence"], 1);
    assert_eq!(history[0]["verdict"]["in_scope"], true);
    assert_eq!(history[1]["sequence"], 2);
    assert_eq!(history[1]["verdict"]["in_scope"], false);
    assert_eq!(
        history[1]["recorded_by"],
        "user:member@sakura-medical.example"
    );
    assert_eq!(history[1]["profile"]["contract"]["sale_only"], true);
    let detail = w.call("GET", &format!("/offerings/{id}"), PM, None).await;
    ok(&detail, 200, "offering detail");
    assert_eq!(detail.body, changed.body);

    // Back in scope for the contract.
    let back = w
        .call(
            "PUT",
            &format!("/offerings/{id}/profile"),
            PM,
            Some(&json!({"profile": profile_json("みどりクラウド歯科カルテ"), "revision": 2})),
        )
        .await;
    ok(&back, 200, "profile change back");
    assert_eq!(back.body["history"].as_array().unwrap().len(), 3);

    // Listings and filters.
    let found = w
        .call(
            "GET",
            "/offerings?q=%E3%81%BF%E3%81%A9%E3%82%8A&in_scope=true",
            PM,
            None,
        )
        .await;
    ok(&found, 200, "search");
    assert_eq!(found.body["total"], 1);
    assert_eq!(found.items()[0]["id"], id.as_str());
    let out = w.call("GET", "/offerings?in_scope=false", PM, None).await;
    assert!(
        out.items()
            .iter()
            .all(|o| o["verdict"]["in_scope"] == false)
    );

    // A contract with the new institution.
    let contract = w
        .call(
            "POST",
            "/contracts",
            PM,
            Some(&json!({
                "institution": clinic_id,
                "offering": id,
                "kind": "provision",
                "starts_on": "2026-12-01",
                "ends_on": "2029-11-30",
                "reference": "SMC-2026-0200",
            })),
        )
        .await;
    ok(&contract, 201, "contract");
    assert_eq!(contract.body["provider"], w.sakura.as_str());
    assert_eq!(contract.body["starts_on"], "2026-12-01");
    assert_eq!(contract.body["ends_on"], "2029-11-30");
    let backwards = w
        .call(
            "POST",
            "/contracts",
            PM,
            Some(&json!({
                "institution": clinic_id, "offering": id, "kind": "provision",
                "starts_on": "2026-12-01", "ends_on": "2026-11-30",
            })),
        )
        .await;
    assert_eq!((backwards.status, backwards.field()), (422, "ends_on"));
    let listed = w
        .call("GET", &format!("/contracts?offering={id}"), PM, None)
        .await;
    ok(&listed, 200, "contracts of the offering");
    assert_eq!(listed.body["total"], 1);
    assert_eq!(listed.items()[0]["id"], contract.body["id"]);

    // Its infrastructure comes from ひのき's IaaS.
    let link = w
        .call(
            "POST",
            "/supply-links",
            PM,
            Some(&json!({
                "offering": id,
                "code": "I1",
                "supplier": w.hinoki,
                "supplier_offering": w.region,
                "description": "本番環境",
            })),
        )
        .await;
    ok(&link, 201, "supply link");
    assert_eq!(link.body["layer"], "infrastructure");
    assert_eq!(link.body["selected_by"], w.sakura.as_str());
    assert_eq!(link.body["contract_holder"], w.sakura.as_str());
    let own = w
        .call(
            "POST",
            "/supply-links",
            PM,
            Some(&json!({"offering": id, "code": "A2", "supplier": w.sakura})),
        )
        .await;
    assert_eq!((own.status, own.field()), (422, "supplier"));
    let links = w
        .call("GET", &format!("/supply-links?offering={id}"), PM, None)
        .await;
    ok(&links, 200, "links of the offering");
    assert_eq!(links.body["total"], 1);
    // The partner sees the link naming it as supplier.
    let partner = w
        .call(
            "GET",
            &format!("/supply-links?offering={id}"),
            Role::Partner,
            None,
        )
        .await;
    assert_eq!(partner.body["total"], 1);
}

#[tokio::test]
async fn a_stale_revision_is_refused_and_changes_nothing() {
    let w = World::new().await;
    let path = format!("/offerings/{}", w.ehr);
    let before = w.call("GET", &path, PM, None).await;
    ok(&before, 200, "before");
    let revision = before.body["offering"]["revision"].as_i64().unwrap();
    let audit_before = w.call("GET", "/audit?limit=1", AU, None).await.body["total"].clone();

    let mut changed = profile_json("さくらクラウド電子カルテ");
    changed["contract"]["operation"] = json!(true);
    let body = json!({"profile": changed, "revision": revision});
    let first = w
        .call("PUT", &format!("{path}/profile"), PM, Some(&body))
        .await;
    ok(&first, 200, "the first change");
    let after_first = w.call("GET", &path, PM, None).await;
    let audit_after_first = w.call("GET", "/audit?limit=1", AU, None).await.body["total"].clone();
    // The change and its notification to the institutions that contract the offering
    // (FAQ 2.1 R5).
    assert_eq!(
        audit_after_first.as_i64().unwrap(),
        audit_before.as_i64().unwrap() + 2
    );

    // The same revision again (another client's stale copy), with another profile.
    let mut other = profile_json("さくらクラウド電子カルテ");
    other["supplies_in_scope_service"] = json!(true);
    for stale in [revision, revision + 5] {
        let r = w
            .call(
                "PUT",
                &format!("{path}/profile"),
                Role::ProviderAdmin,
                Some(&json!({"profile": other, "revision": stale})),
            )
            .await;
        assert_eq!((r.status, r.code()), (409, "conflict"), "{}", r.text);
        assert_eq!(shape_problem(&r), None);
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("revision")
        );
    }
    let after = w.call("GET", &path, PM, None).await;
    assert_eq!(after.body, after_first.body, "nothing changed");
    assert_eq!(
        w.call("GET", "/audit?limit=1", AU, None).await.body["total"],
        audit_after_first,
        "nothing was audited"
    );
}

#[tokio::test]
async fn the_auditor_reads_the_trail_with_filters() {
    let w = World::new().await;
    let created = w
        .call(
            "POST",
            "/offerings",
            PM,
            Some(&json!({"profile": profile_json("監査テスト")})),
        )
        .await;
    ok(&created, 201, "offering");
    let id = created.body["id"].as_str().unwrap().to_owned();
    let change = json!({"profile": profile_json("監査テスト 改"), "revision": 1});
    ok(
        &w.call(
            "PUT",
            &format!("/offerings/{id}/profile"),
            PM,
            Some(&change),
        )
        .await,
        200,
        "change",
    );

    let all = w.call("GET", "/audit", AU, None).await;
    ok(&all, 200, "the whole trail");
    let total = all.body["total"].as_i64().unwrap();
    assert!(total > 10);
    let seqs: Vec<i64> = all
        .items()
        .iter()
        .map(|e| e["seq"].as_i64().unwrap())
        .collect();
    assert!(seqs.windows(2).all(|p| p[0] > p[1]), "newest first");
    for e in all.items() {
        assert_eq!(e["org"], w.sakura.as_str(), "only さくら's entries");
        assert_eq!(e["hash"].as_str().unwrap().len(), 64);
    }

    let q = |query: String| {
        let w = &w;
        async move { w.call("GET", &format!("/audit?{query}"), AU, None).await }
    };
    let of_offering = q(format!("object_id={id}")).await;
    ok(&of_offering, 200, "by object");
    let actions: Vec<&str> = of_offering
        .items()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["offering.update_profile", "offering.create"]);
    let updates = q(format!(
        "action=offering.update_profile&object_type=offering&object_id={id}"
    ))
    .await;
    assert_eq!(updates.body["total"], 1);
    assert_eq!(
        updates.items()[0]["actor"],
        "user:member@sakura-medical.example"
    );
    assert!(updates.items()[0]["before_digest"].is_string());
    let by_member = q("actor=MEMBER@sakura".into()).await;
    assert!(by_member.body["total"].as_i64().unwrap() >= 2);
    assert!(
        by_member
            .items()
            .iter()
            .all(|e| e["actor"].as_str().unwrap().contains("member@sakura"))
    );
    // The clock of the tests stands at 2026-11-25T03:00Z (12:00 in Japan).
    assert_eq!(q("from=2026-11-25".into()).await.body["total"], total);
    assert_eq!(q("to=2026-11-24".into()).await.body["total"], 0);
    assert_eq!(
        q("from=2026-11-25T03:00:00Z&to=2026-11-26".into())
            .await
            .body["total"],
        total
    );
    assert_eq!(
        q("from=2026-11-26T00:00:00%2B09:00".into()).await.body["total"],
        0
    );
    // Pages.
    let page = q("limit=2&offset=1".into()).await;
    assert_eq!(page.body["total"], total);
    assert_eq!(page.items().len(), 2);
    assert_eq!(page.items()[0]["seq"].as_i64(), Some(seqs[1]));

    // A checkpoint of the chain: the installation's newest entry, signed, to keep outside;
    // it verifies against the chain later.
    let cp = w.call("GET", "/audit/checkpoint", AU, None).await;
    ok(&cp, 200, "checkpoint");
    assert_eq!(cp.body["format"], "anzen/audit-checkpoint/v1");
    assert!(cp.body["seq"].as_i64().unwrap() >= total);
    let cp = anzen_domain::audit::Checkpoint::parse(&cp.text).unwrap();
    ok(
        &w.call(
            "POST",
            "/offerings",
            PM,
            Some(&json!({"profile": profile_json("後の変更")})),
        )
        .await,
        201,
        "a later change",
    );
    let report = w.t.app.verify_audit_with(Some(&cp)).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.problems());
    assert_eq!(report.checkpoint.unwrap().seq, cp.seq);
}

/// The three examples of `shared/contracts/scope-profile.md`.
const EXAMPLES: [(&str, bool, &[&str]); 3] = [
    (
        r#"{"schema": "anzen/scope-profile/v1", "service": "Cloud EHR",
 "contract": {"provision": true}, "handles_medical_information": true,
 "stores_medical_information": true}"#,
        true,
        &["contracted_provider"],
    ),
    (
        r#"{"schema": "anzen/scope-profile/v1", "service": "IaaS region",
 "supplies_in_scope_service": true}"#,
        true,
        &["supply_chain_provider"],
    ),
    (
        r#"{"schema": "anzen/scope-profile/v1", "service": "PACS", "institution_self_operated": true,
 "contract": {"sale_only": true}, "deployment": "inside_institution",
 "handles_medical_information": true, "stores_medical_information": true}"#,
        false,
        &[],
    ),
];

#[tokio::test]
async fn scope_check_answers_the_contracts_verdicts_for_every_role() {
    let w = World::new().await;
    for (text, in_scope, categories) in EXAMPLES {
        let profile: Value = serde_json::from_str(text).unwrap();
        let expected =
            serde_json::to_value(scope::determine(&ScopeProfile::from_json(text).unwrap()))
                .unwrap();
        for role in api_support::ROLES {
            let r = w.call("POST", "/scope/check", role, Some(&profile)).await;
            ok(&r, 200, "scope check");
            assert_eq!(r.body, expected, "exactly the engine's verdict");
            assert_eq!(r.body["schema"], "anzen/scope-verdict/v1");
            assert_eq!(r.body["service"], profile["service"]);
            assert_eq!(r.body["in_scope"], in_scope, "{text}");
            assert_eq!(r.body["categories"], json!(categories), "{text}");
            let reasons = r.body["reasons"].as_array().unwrap();
            assert!(!reasons.is_empty());
            assert!(
                reasons
                    .iter()
                    .all(|x| x["ref"].as_str().unwrap().starts_with("FAQ"))
            );
        }
    }
    // Nothing was stored.
    let offerings = w
        .call("GET", "/offerings?q=PACS", Role::ProviderAdmin, None)
        .await;
    assert!(
        offerings
            .items()
            .iter()
            .all(|o| o["name"] != "PACS" && o["name"] != "Cloud EHR")
    );
}
