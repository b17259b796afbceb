//! The probes of an in-process server (no job runner, as in these tests): `/readyz` is 503
//! naming the job runner until it has run a round, then 200; `/metrics` is absent when off;
//! every answer carries the request id, the caller's when it is a plain token.

use crate::support;

use serde_json::Value;
use support::TestApp;

#[tokio::test]
async fn readiness_waits_for_the_job_runner_and_requests_carry_their_id() {
    let t = TestApp::spawn().await;
    let res = reqwest::get(t.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), 503);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "not_ready");
    assert_eq!(body["not_ready"], serde_json::json!(["job_runner"]));
    assert_eq!(body["checks"]["job_runner"], "not started");
    assert_eq!(body["checks"]["database"], "ok");
    assert_eq!(body["checks"]["migrations"], "ok");

    t.app.mark_job_runner_alive();
    let res = reqwest::get(t.url("/readyz")).await.unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ready");

    assert_eq!(reqwest::get(t.url("/metrics")).await.unwrap().status(), 404);

    let c = reqwest::Client::new();
    let res = c
        .get(t.url("/healthz"))
        .header("x-request-id", "probe-7")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "probe-7");
    let res = c.get(t.url("/login")).send().await.unwrap();
    let id = res.headers()["x-request-id"].to_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
}
