//! The MHLW provider checklist through the JSON API (guideline-notes §7): answers saved under
//! a revision (stale: 409; a bad answer: 422 naming `answers.N.field`, nothing saved); the
//! checklist exported as the `mhlw-checklist` document, filled in and imported back
//! reproduces the answers; a file with an unknown item number or an invalid date is refused
//! with its rows and imports nothing; a new edition lists what changed and the offering to
//! answer again.

use crate::api_support;

use anzen_domain::access::Role;
use api_support::{World, call_raw};
use serde_json::{Value, json};

const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn export(w: &World) -> Vec<u8> {
    let r = reqwest::Client::new()
        .post(w.t.url("/api/v1/documents"))
        .bearer_auth(w.token(PM))
        .json(&json!({"kind": "mhlw-checklist", "offering": w.ehr, "format": "xlsx"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    r.bytes().await.unwrap().to_vec()
}

fn answer<'a>(v: &'a Value, key: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["item"]["key"] == key)
        .unwrap()
}

#[tokio::test]
async fn answers_round_trip_through_the_checklist_file() {
    let w = World::new().await;
    let path = format!("/offerings/{}/checklist", w.ehr);
    let v = w.call("GET", &path, PM, None).await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(v.body["edition"], "R7");
    let revision = v.body["revision"].as_i64().unwrap();

    // A bad answer names its field; nothing is saved.
    let bad = json!({"edition": "R7", "revision": revision, "answers": [
        {"item": "1-①", "reply": "yes", "checked_on": "2025-10-01"},
        {"item": "2-⑥", "reply": "no", "checked_on": "2025-10-01", "target_on": "2027-01-01"},
    ]});
    let r = w.call("PUT", &path, PM, Some(&bad)).await;
    assert_eq!(
        (r.status, r.field()),
        (422, "answers.1.target_on"),
        "{}",
        r.text
    );
    let unknown = json!({"edition": "R7", "revision": revision, "answers": [
        {"item": "1-①", "reply": "maybe", "checked_on": "2025-10-01"},
    ]});
    let r = w.call("PUT", &path, PM, Some(&unknown)).await;
    assert_eq!((r.status, r.field()), (422, "answers.0.reply"));
    assert!(r.accepted().contains(&"yes".to_owned()));
    assert_eq!(
        w.call("GET", &path, PM, None).await.body["revision"],
        revision
    );

    let good = json!({"edition": "R7", "revision": revision, "answers": [
        {"item": "1-①", "reply": "yes", "checked_on": "2025-10-01", "evidence": "管理規程第4条"},
        {"item": "2-⑥", "reply": "no", "checked_on": "2025-10-01", "target_on": "2026-03-31", "evidence": "更新計画あり"},
    ]});
    let saved = w.call("PUT", &path, PM, Some(&good)).await;
    assert_eq!(saved.status, 200, "{}", saved.text);
    assert_eq!(saved.body["revision"], revision + 1);
    // The same body again is stale.
    assert_eq!(w.call("PUT", &path, PM, Some(&good)).await.status, 409);
    // The institution answers nothing.
    assert_eq!(w.call("PUT", &path, IR, Some(&good)).await.status, 403);

    // Export, import unchanged: the same answers, one more revision at most.
    let file = export(&w).await;
    let r = call_raw(
        &w.t,
        "POST",
        &format!("{path}/import"),
        w.token(PM),
        Some(XLSX),
        file.clone(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    for key in ["1-①", "2-⑥"] {
        let (a, b) = (
            &answer(&saved.body, key)["answer"],
            &answer(&r.body, key)["answer"],
        );
        for f in ["reply", "checked_on", "target_on", "evidence"] {
            assert_eq!(a[f], b[f], "{key} {f}");
        }
    }
    // The institution cannot import; a file that is not a workbook is refused.
    let denied = call_raw(
        &w.t,
        "POST",
        &format!("{path}/import"),
        w.token(IR),
        Some(XLSX),
        file,
    )
    .await;
    assert_eq!(denied.status, 403);
    let r = call_raw(
        &w.t,
        "POST",
        &format!("{path}/import"),
        w.token(PM),
        Some(XLSX),
        b"not a workbook".to_vec(),
    )
    .await;
    assert_eq!((r.status, r.field()), (422, "file"));

    // A file with an unknown item number and an invalid date: both rows named, nothing saved.
    let before = w.call("GET", &path, PM, None).await.body["revision"].clone();
    let filled = anzen_tests::xlsx_fill::set_cells(
        &export(&w).await,
        "回答",
        &[
            ("2-⑦", &[(0, "2-㉑"), (2, "はい"), (3, "2025-10-01")]),
            ("2-⑨", &[(2, "はい"), (3, "2025年10月1日")]),
        ],
    );
    let r = call_raw(
        &w.t,
        "POST",
        &format!("{path}/import"),
        w.token(PM),
        Some(XLSX),
        filled,
    )
    .await;
    assert_eq!((r.status, r.field()), (422, "file"), "{}", r.text);
    let message = r.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("2-㉑") && message.contains("2025年10月1日"),
        "{message}"
    );
    assert_eq!(
        w.call("GET", &path, PM, None).await.body["revision"],
        before
    );

    // A new fiscal year's edition: what changed and the offering to answer again.
    let toml = anzen_tests::fixtures::next_checklist_edition("R8");
    let r = call_raw(
        &w.t,
        "POST",
        "/checklist/editions?name=r8.toml",
        w.token(PM),
        Some("application/toml"),
        toml.clone().into_bytes(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["edition"]["changes"]["added"], json!(["2-⑭"]));
    assert!(
        r.body["reanswer"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == json!(w.ehr))
    );
    let again = call_raw(
        &w.t,
        "POST",
        "/checklist/editions",
        w.token(PM),
        Some("application/toml"),
        toml.into_bytes(),
    )
    .await;
    assert_eq!(again.status, 409);
    let r = call_raw(
        &w.t,
        "POST",
        "/checklist/editions",
        w.token(PM),
        Some("application/json"),
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(r.status, 415);
    let now = w.call("GET", &path, PM, None).await;
    assert_eq!(
        (now.body["edition"].clone(), now.body["reanswer"].clone()),
        (json!("R8"), json!(true))
    );
    let editions = w.call("GET", "/checklist/editions", PM, None).await;
    assert_eq!(editions.items().len(), 2);
}
