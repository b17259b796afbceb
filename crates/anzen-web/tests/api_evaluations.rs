//! Safety evaluations (GL 4.3; Table 4-1 ②-4) and the GL 4.4 exemption through the JSON
//! API: the provider records an evaluation of its cloud EHR; the contracting institution
//! reads it and a partner cannot; a finding raises a risk once (a stale revision is 409);
//! the latest evaluation becomes the suggested ②-4 answer; the IaaS partner records that it
//! does not handle medical information directly and its certification check says "exempt"
//! with the FAQ 4.2 caveat, while a basis the guideline does not give exempts nothing.

use crate::api_support;
use crate::support;

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_domain::access::Role;
use api_support::{World, call};
use serde_json::json;

const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const P: Role = Role::Partner;

#[tokio::test]
async fn an_evaluation_is_recorded_read_raised_and_answers_table_4_1() {
    let w = World::new().await;
    let path = format!("/offerings/{}/evaluations", w.ehr);
    let body = json!({
        "evaluator_type": "external",
        "evaluator": "山田 太郎（システム監査技術者）",
        "organisation": "みなと監査法人",
        "evaluated_on": "2026-10-01",
        "scope": "クラウド電子カルテの運用・保守",
        "result": "satisfactory_with_findings",
        "findings": [
            {"severity": "minor", "text": "特権IDの利用記録の定期確認が行われていない"},
            {"severity": "observation", "text": "訓練の記録様式を統一するとよい"}
        ],
    });
    let r = w.call("POST", &path, PM, Some(&body)).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let id = r.body["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["revision"], 1);
    assert_eq!(r.body["findings"][0]["index"], 0);
    assert_eq!(r.body["objectivity_note"], serde_json::Value::Null);

    // A result that says more than the findings is refused, naming the field (GL 4.3).
    let mut bad = body.clone();
    bad["result"] = json!("satisfactory");
    let r = w.call("POST", &path, PM, Some(&bad)).await;
    assert_eq!((r.status, r.field()), (422, "result"), "{}", r.text);
    let mut bad = body.clone();
    bad["findings"][1]["text"] = json!("  ");
    let r = w.call("POST", &path, PM, Some(&bad)).await;
    assert_eq!(
        (r.status, r.field()),
        (422, "findings.1.text"),
        "{}",
        r.text
    );

    // The contracting institution reads it; a partner reads none.
    let r = w.call("GET", &path, IR, None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["total"], 1);
    assert_eq!(r.items()[0]["id"], id.as_str());
    let r = w.call("GET", &format!("/evaluations/{id}"), P, None).await;
    assert_eq!(r.status, 403, "{}", r.text);

    // The minor finding raises a risk, once.
    let raise = json!({
        "finding": 0,
        "revision": 1,
        "risk": {"impact": 3, "likelihood": 2, "confidentiality": true},
    });
    let follow = format!("/evaluations/{id}/follow-ups");
    let r = w.call("POST", &follow, PM, Some(&raise)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["revision"], 2);
    assert_eq!(r.body["findings"][0]["follow_up"]["kind"], "risk");
    let risk = r.body["findings"][0]["follow_up"]["risk"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = w.call("GET", &format!("/risks/{risk}"), PM, None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.body["risk"]["title"],
        "特権IDの利用記録の定期確認が行われていない"
    );
    let r = w.call("POST", &follow, PM, Some(&raise)).await;
    assert_eq!(r.status, 409, "stale revision: {}", r.text);
    let mut again = raise.clone();
    again["revision"] = json!(2);
    let r = w.call("POST", &follow, PM, Some(&again)).await;
    assert_eq!((r.status, r.field()), (422, "finding"), "{}", r.text);
    let mut bad = raise.clone();
    bad["finding"] = json!(1);
    bad["revision"] = json!(2);
    bad["risk"]["impact"] = json!(9);
    let r = w.call("POST", &follow, PM, Some(&bad)).await;
    assert_eq!((r.status, r.field()), (422, "risk.impact"), "{}", r.text);
    let neither = json!({"finding": 1, "revision": 2});
    let r = w.call("POST", &follow, PM, Some(&neither)).await;
    assert_eq!((r.status, r.field()), (422, "risk"), "{}", r.text);

    // The latest evaluation is the suggested ②-4 answer for the institution.
    let r = w
        .call(
            "GET",
            &format!("/institutions/{}/disclosures", w.minato),
            PM,
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let item = r
        .items()
        .iter()
        .find(|i| i["key"] == "②-4")
        .unwrap()
        .clone();
    let suggested = item["suggested"].as_str().unwrap();
    assert!(suggested.contains("2026-10-01"), "{suggested}");
    assert!(suggested.contains("外部評価（第三者）"), "{suggested}");
    assert!(suggested.contains("概ね適合"), "{suggested}");
}

/// A token of a partner user of くすのきデータセンター (もみじ's partner, no certificate).
async fn kusunoki(w: &World) -> String {
    w.t.app
        .add_user(
            &Caller::operator("tests"),
            UserInput {
                org: w.other.partner.clone(),
                login: "ops@kusunoki.example".into(),
                display_name: "くすのき 運用".into(),
                role: P.code().into(),
                password: support::PASSWORD.into(),
                access_until: String::new(),
                must_change_password: Some(false),
            },
        )
        .await
        .unwrap();
    w.token_of_login("ops@kusunoki.example").await
}

#[tokio::test]
async fn a_partner_not_handling_medical_information_is_exempt_only_on_an_allowed_basis() {
    let w = World::new().await;
    let token = kusunoki(&w).await;
    let call = |method: &'static str, path: &'static str, body: Option<serde_json::Value>| {
        let t = &w.t;
        let token = token.clone();
        async move { call(t, method, path, Some(&token), body.as_ref()).await }
    };
    let r = call("GET", "/certification-exemption", None).await;
    assert_eq!(
        (r.status, r.body["revision"].as_i64()),
        (200, Some(0)),
        "{}",
        r.text
    );
    let r = call("GET", "/certifications", None).await;
    assert_eq!(r.body["qualification"]["met"], false, "missing: {}", r.text);

    let claim = |basis: &str, revision: i64| {
        json!({
            "basis": basis,
            "reason": "データセンターの床・電源・空調のみを提供し、利用者のデータには触れない",
            "revision": revision,
        })
    };
    let r = call(
        "PUT",
        "/certification-exemption",
        Some(claim("no_direct_handling", 0)),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["revision"], 1);
    assert_eq!(r.body["standing"]["exempt"], true);
    assert_eq!(r.body["standing"]["notice"]["rule"], "FAQ4.2-R2");

    // The certification check says "exempt", with the reason, instead of "missing".
    let r = call("GET", "/certifications", None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let q = &r.body["qualification"];
    assert_eq!(
        (q["met"].as_bool(), q["basis"].as_str()),
        (Some(true), Some("exempt")),
        "{q}"
    );
    assert!(
        q["exemption"]["reason"]
            .as_str()
            .unwrap()
            .contains("データセンター"),
        "{q}"
    );
    assert_eq!(q["reasons"][0]["rule"], "GL 4.4");

    // A stale change is 409; a basis the guideline does not give exempts nothing.
    let r = call("PUT", "/certification-exemption", Some(claim("other", 0))).await;
    assert_eq!(r.status, 409, "{}", r.text);
    let r = call(
        "PUT",
        "/certification-exemption",
        Some(claim("certification_in_progress", 1)),
    )
    .await;
    assert_eq!(
        (r.status, r.body["standing"]["exempt"].as_bool()),
        (200, Some(false)),
        "{}",
        r.text
    );
    let r = call("GET", "/certifications", None).await;
    assert_eq!(r.body["qualification"]["met"], false, "{}", r.text);
    assert!(
        r.body["qualification"]["exemption"].is_object(),
        "shown even when it does not exempt"
    );

    // A certificate stays the basis; the claim is still shown (ひのき holds one).
    let r = w
        .call(
            "PUT",
            "/certification-exemption",
            P,
            Some(&claim("no_direct_handling", 0)),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let r = w.call("GET", "/certifications", P, None).await;
    assert_eq!(r.body["qualification"]["basis"], "equivalent", "{}", r.text);
    assert_eq!(r.body["qualification"]["exemption"]["exempt"], true);

    // An institution records none.
    let r = w
        .call(
            "PUT",
            "/certification-exemption",
            IR,
            Some(&claim("no_direct_handling", 0)),
        )
        .await;
    assert_eq!(r.status, 403, "{}", r.text);

    // Withdrawn.
    let r = call(
        "POST",
        "/certification-exemption/withdraw",
        Some(json!({"revision": 2})),
    )
    .await;
    assert_eq!(
        (r.status, r.body["revision"].as_i64()),
        (200, Some(3)),
        "{}",
        r.text
    );
    assert_eq!(r.body["standing"], serde_json::Value::Null);
}
