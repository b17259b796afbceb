//! Concurrent writers through the real server, on SQLite and on PostgreSQL: sixteen
//! `POST /api/v1/risks` sent at once all succeed (each use-case reads and writes in one
//! transaction, so writers take turns instead of exhausting the pool), reads keep being
//! answered meanwhile, and the audit chain stays whole.

use crate::support;

use anzen_domain::access::Role;
use serde_json::{Value, json};
use support::TestApp;

async fn sixteen_concurrent_risk_writes(t: TestApp) {
    let token = t.token(Role::ProviderMember).await;
    let ehr = t
        .demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == "さくらクラウド電子カルテ")
        .expect("the demo's cloud EHR")
        .id
        .to_string();
    let client = reqwest::Client::new();
    let mut tasks = Vec::new();
    for i in 0..16 {
        let (c, tk, url) = (client.clone(), token.clone(), t.url("/api/v1/risks"));
        let body = json!({
            "offering": ehr,
            "title": format!("同時登録のリスク {i}"),
            "threat": "不正ログイン",
            "vulnerability": "短いパスワード",
            "confidentiality": true,
            "impact": 3,
            "likelihood": 2,
        });
        tasks.push(tokio::spawn(async move {
            let r = c
                .post(url)
                .bearer_auth(&tk)
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }));
        // Reads interleaved with the writes.
        let (c, tk, url) = (client.clone(), token.clone(), t.url("/api/v1/risks"));
        tasks.push(tokio::spawn(async move {
            let r = c.get(url).bearer_auth(&tk).send().await.unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }));
    }
    let mut created = 0;
    for task in tasks {
        let (status, text) = task.await.unwrap();
        assert!(status == 201 || status == 200, "{status}: {text}");
        if status == 201 {
            created += 1;
        }
    }
    assert_eq!(created, 16);
    let list: Value = client
        .get(t.url("/api/v1/risks?q=%E5%90%8C%E6%99%82%E7%99%BB%E9%8C%B2&limit=100"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 16, "{list}");
    let report = t.app.verify_audit().await.unwrap();
    assert_eq!(report.first_break, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_concurrent_risk_writes_all_succeed_on_sqlite() {
    sixteen_concurrent_risk_writes(TestApp::spawn().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixteen_concurrent_risk_writes_all_succeed_on_postgres() {
    sixteen_concurrent_risk_writes(TestApp::spawn_on_postgres().await).await;
}
