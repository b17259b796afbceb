//! Documents generated as a job over the JSON API: a bad request is refused at once with
//! nothing issued; a good one answers 202, the job is followed until done and its file is
//! the issued document (it verifies); another user does not see the job.

use crate::api_support;

use anzen_domain::access::Role;
use api_support::{World, call_raw};
use serde_json::json;

const PM: Role = Role::ProviderMember;
const PA: Role = Role::ProviderAdmin;

#[tokio::test]
async fn a_job_is_followed_until_its_file_is_issued() {
    let w = World::new().await;
    let issued_before = w.call("GET", "/documents", PM, None).await.body["total"].clone();

    let bad = w
        .call(
            "POST",
            "/documents/jobs",
            PM,
            Some(&json!({"kind": "nonsense", "offering": w.ehr})),
        )
        .await;
    assert_eq!((bad.status, bad.field()), (422, "kind"), "{}", bad.text);
    let bad = w
        .call(
            "POST",
            "/documents/jobs",
            PM,
            Some(&json!({"kind": "operational-rules", "offering": w.ehr, "format": "xlsx"})),
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.text);
    assert_eq!(
        w.call("GET", "/documents", PM, None).await.body["total"],
        issued_before
    );

    let started = w
        .call(
            "POST",
            "/documents/jobs",
            PM,
            Some(&json!({"kind": "applicability", "offering": w.ehr, "format": "pdf"})),
        )
        .await;
    assert_eq!(started.status, 202, "{}", started.text);
    let id = started.body["id"].as_str().unwrap().to_owned();
    assert_eq!(
        started.location.as_deref(),
        Some(format!("/api/v1/documents/jobs/{id}").as_str())
    );
    let mut job = started.body.clone();
    for _ in 0..400 {
        if job["state"] != "rendering" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        job = w
            .call("GET", &format!("/documents/jobs/{id}"), PM, None)
            .await
            .body;
    }
    assert_eq!(job["state"], "done", "{job}");
    let number = job["number"].as_str().unwrap().to_owned();

    let file = reqwest::Client::new()
        .get(w.t.url(&format!("/api/v1/documents/jobs/{id}/file")))
        .bearer_auth(w.token(PM))
        .send()
        .await
        .unwrap();
    assert_eq!(file.status().as_u16(), 200);
    assert_eq!(
        file.headers()["x-anzen-document-number"].to_str().unwrap(),
        number
    );
    let bytes = file.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"%PDF"));
    let v = call_raw(
        &w.t,
        "POST",
        "/documents/verify",
        w.token(PM),
        Some("application/pdf"),
        bytes,
    )
    .await;
    assert_eq!(v.body["issued"], true, "{}", v.text);
    assert_eq!(v.body["document"]["number"], json!(number));

    // Another user of the same provider does not see the job.
    assert_eq!(
        w.call("GET", &format!("/documents/jobs/{id}"), PA, None)
            .await
            .status,
        404
    );
    assert_eq!(
        w.call("GET", &format!("/documents/jobs/{id}/file"), PA, None)
            .await
            .status,
        404
    );
}
