//! Agree before providing (FAQ 2.1, 6.1) as one story over HTTP: a new clinic contracts the
//! demo's cloud EHR from today. The contract starts "not ready" (nothing disclosed, no
//! agreed responsibility matrix, the 運用管理規程 not agreed, the accepted risk not agreed)
//! and the gap is on record. The provider discloses every Table 4-1 item, opens the matrix
//! and both parties agree it, the clinic agrees to the rules and to each risk that needs its
//! consent: the contract is "ready". Then an incident affecting the clinic is reported to
//! exactly the clinic and marks every risk of the offering for review.

use crate::api_support;
use crate::support;

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use api_support::{Reply, call};
use serde_json::{Value, json};
use support::{PASSWORD, TestApp};

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
}

fn gaps(r: &Value) -> Vec<String> {
    r["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["gap"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_contract_is_ready_once_everything_is_given_and_agreed() {
    let t = TestApp::spawn().await;
    let pa = t.token(Role::ProviderAdmin).await;
    let op = Caller::operator("tests");
    let ehr = t
        .demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == "さくらクラウド電子カルテ")
        .unwrap()
        .id
        .to_string();

    // A new clinic and its reviewer.
    let clinic = call(
        &t,
        "POST",
        "/organisations",
        Some(&pa),
        Some(&json!({"kind": "medical_institution", "institution_kind": "clinic", "name": "つばき内科クリニック"})),
    )
    .await;
    ok(&clinic, 201, "clinic");
    let clinic = clinic.body["id"].as_str().unwrap().to_owned();
    t.app
        .add_user(
            &op,
            UserInput {
                org: clinic.clone(),
                login: "it@tsubaki.example".into(),
                display_name: "つばき 情報担当".into(),
                role: "institution_reviewer".into(),
                password: PASSWORD.into(),
                access_until: String::new(),
                must_change_password: Some(false),
            },
        )
        .await
        .unwrap();
    let step = t
        .app
        .sign_in("it@tsubaki.example", PASSWORD, "test")
        .await
        .unwrap();
    let ctx = t.app.session_context(&step.token).await.unwrap();
    let ir = t
        .app
        .create_api_token(&ctx, "tests", None)
        .await
        .unwrap()
        .secret;

    // The contract starts today, before anything is agreed.
    let today = t.app.today_in_japan().to_string();
    let contract = call(
        &t,
        "POST",
        "/contracts",
        Some(&pa),
        Some(&json!({"institution": clinic, "offering": ehr, "kind": "provision", "starts_on": today})),
    )
    .await;
    ok(&contract, 201, "contract");
    let contract = contract.body["id"].as_str().unwrap().to_owned();
    let readiness = format!("/contracts/{contract}/readiness");
    let r = call(&t, "GET", &readiness, Some(&pa), None).await;
    ok(&r, 200, "readiness");
    assert_eq!(r.body["ready"], false);
    assert_eq!(r.body["started_unready"], true);
    assert_eq!(
        gaps(&r.body),
        [
            "disclosure",
            "responsibility_matrix",
            "operational_rules",
            "risk_consent"
        ]
    );
    // The gap is on record with the contract.
    let trail = t
        .app
        .list_audit(
            &op,
            &AuditQuery {
                action: Some("contract.started_unready".into()),
                object_id: Some(contract.clone()),
                ..Default::default()
            },
            Page::first(10),
        )
        .await
        .unwrap();
    assert_eq!(
        trail.total, 1,
        "the start before agreement is recorded once"
    );
    // The clinic sees its own readiness; the overview lists not-ready contracts first.
    let mine = call(&t, "GET", &readiness, Some(&ir), None).await;
    ok(&mine, 200, "the clinic's view");
    let all = call(&t, "GET", "/readiness", Some(&pa), None).await;
    let rows = all.body["items"].as_array().unwrap();
    let first_ready = rows
        .iter()
        .position(|r| r["ready"] == true)
        .unwrap_or(rows.len());
    let ours = rows
        .iter()
        .position(|r| r["contract"] == contract.as_str())
        .unwrap();
    assert!(
        ours < first_ready,
        "not ready, listed before the ready ones"
    );
    let theirs = call(&t, "GET", "/readiness", Some(&ir), None).await;
    assert_eq!(
        theirs.body["items"].as_array().unwrap().len(),
        1,
        "the clinic sees its own contract only"
    );

    // Every Table 4-1 item the contract needs is disclosed.
    let missing: Vec<String> = r.body["gaps"][0]["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    assert!(missing.contains(&"①-1".to_owned()) && missing.contains(&"②-6".to_owned()));
    assert!(
        !missing.iter().any(|k| k.starts_with("②-7(")),
        "the rules give the ②-7 sub-items"
    );
    for key in &missing {
        let d = call(
            &t,
            "POST",
            &format!("/institutions/{clinic}/disclosures"),
            Some(&pa),
            Some(&json!({"item": key, "answer": format!("{key} の回答（資料を交付）")})),
        )
        .await;
        ok(&d, 201, key);
    }
    let r = call(&t, "GET", &readiness, Some(&pa), None).await;
    assert_eq!(
        gaps(&r.body),
        ["responsibility_matrix", "operational_rules", "risk_consent"]
    );

    // The responsibility matrix, agreed by both parties.
    let a = call(
        &t,
        "POST",
        &format!("/contracts/{contract}/agreements"),
        Some(&pa),
        Some(&json!({"kind": "provider_institution"})),
    )
    .await;
    ok(&a, 201, "open the matrix");
    let agreement = a.body["id"].as_str().unwrap().to_owned();
    let digest = a.body["digest"].as_str().unwrap().to_owned();
    for (who, token) in [("provider", &pa), ("clinic", &ir)] {
        let r = call(
            &t,
            "POST",
            &format!("/agreements/{agreement}/agree"),
            Some(token),
            Some(&json!({"digest": digest})),
        )
        .await;
        ok(&r, 200, who);
    }
    let r = call(&t, "GET", &readiness, Some(&pa), None).await;
    assert_eq!(gaps(&r.body), ["operational_rules", "risk_consent"]);

    // The clinic agrees to the current rules.
    let rules = call(&t, "GET", "/operational-rules", Some(&ir), None).await;
    let current = rules.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["current"] == true)
        .expect("the demo rules cover the new contract")
        .clone();
    let r = call(
        &t,
        "POST",
        &format!(
            "/operational-rules/{}/responses",
            current["id"].as_str().unwrap()
        ),
        Some(&ir),
        Some(&json!({"kind": "agree", "digest": current["digest"]})),
    )
    .await;
    ok(&r, 200, "agree to the rules");
    let r = call(&t, "GET", &readiness, Some(&pa), None).await;
    assert_eq!(gaps(&r.body), ["risk_consent"]);

    // The clinic agrees to each risk that needs its consent.
    let pending: Vec<String> = r.body["gaps"][0]["detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    assert!(!pending.is_empty());
    let risks = call(&t, "GET", "/risks?limit=500", Some(&ir), None).await;
    for risk in risks.body["items"].as_array().unwrap() {
        if !pending.contains(&risk["title"].as_str().unwrap().to_owned()) {
            continue;
        }
        let id = risk["id"].as_str().unwrap();
        let detail = call(&t, "GET", &format!("/risks/{id}"), Some(&ir), None).await;
        let r = call(
            &t,
            "POST",
            &format!("/risks/{id}/consent"),
            Some(&ir),
            Some(&json!({"digest": detail.body["digest"]})),
        )
        .await;
        ok(&r, 200, risk["title"].as_str().unwrap());
    }
    let r = call(&t, "GET", &readiness, Some(&pa), None).await;
    assert_eq!(r.body["ready"], true, "{}", r.text);
    assert!(gaps(&r.body).is_empty());

    // Crisis response (GL 3.2, FAQ 3): an incident affecting the new clinic only is reported
    // to exactly that clinic and marks every risk of the offering for review.
    let hospital = t.token(Role::InstitutionReviewer).await;
    let inbox_len = |b: &Value| b["items"].as_array().map_or(0, Vec::len);
    let hospital_before = inbox_len(
        &call(&t, "GET", "/notifications?limit=500", Some(&hospital), None)
            .await
            .body,
    );
    let r = call(
        &t,
        "POST",
        &format!("/offerings/{ehr}/incidents"),
        Some(&pa),
        Some(&json!({
            "title": "つばき内科向け接続の障害",
            "description": "つばき内科クリニックからの接続が約1時間できなかった",
            "occurred_at": "2026-11-20T09:30",
            "detected_at": "2026-11-20T09:45:00+09:00",
            "impact": {"availability": true},
            "affected": [clinic],
        })),
    )
    .await;
    ok(&r, 201, "record the incident");
    let incident = r.body["incident"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.body["notified"],
        json!([clinic]),
        "exactly the affected clinic"
    );
    let marked = r.body["risks_marked"].as_array().unwrap().len();
    let all = call(
        &t,
        "GET",
        &format!("/risks?offering={ehr}&limit=500"),
        Some(&pa),
        None,
    )
    .await;
    assert_eq!(
        marked,
        all.body["items"].as_array().unwrap().len(),
        "every risk of the offering"
    );
    assert!(marked > 0);
    let clinic_inbox = call(&t, "GET", "/notifications?limit=500", Some(&ir), None).await;
    assert!(
        clinic_inbox.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["change"] == "incident" && n["change_ref"] == json!(incident)),
        "{}",
        clinic_inbox.text
    );
    let hospital_inbox = call(&t, "GET", "/notifications?limit=500", Some(&hospital), None).await;
    assert_eq!(
        inbox_len(&hospital_inbox.body),
        hospital_before,
        "the hospital is not told"
    );
}
