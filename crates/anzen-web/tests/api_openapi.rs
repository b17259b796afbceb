//! The OpenAPI document: generated from the handlers, kept in the repository at
//! `crates/anzen-web/openapi.json`, served at `GET /api/v1/openapi.json` without a token.
//! This test fails when the two drift; `UPDATE_OPENAPI=1` rewrites the file.

mod support;

use serde_json::Value;
use support::TestApp;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

#[test]
fn the_committed_document_matches_the_code() {
    let generated = anzen_web::api::openapi_pretty();
    if std::env::var_os("UPDATE_OPENAPI").is_some_and(|v| v == "1") {
        std::fs::write(FILE, &generated).expect("write openapi.json");
        return;
    }
    let committed = std::fs::read_to_string(FILE).unwrap_or_default();
    if committed != generated {
        let first = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()) + 1);
        panic!(
            "crates/anzen-web/openapi.json is out of date with the API's code (first \
             difference at line {first}).\nUpdate it with:\n\n    UPDATE_OPENAPI=1 cargo \
             nextest run -p anzen-web -E 'binary(api_openapi)'\n\nand commit the file."
        );
    }
}

#[test]
fn every_operation_is_documented_with_security_bodies_and_errors() {
    let doc = anzen_web::api::openapi();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    let scheme = &doc["components"]["securitySchemes"]["bearer"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let codes = doc["components"]["schemas"]["ErrorDetail"]["properties"]["code"]["enum"]
        .as_array()
        .expect("the error codes are listed");
    for code in [
        "invalid_input",
        "unauthenticated",
        "forbidden",
        "not_found",
        "conflict",
        "malformed_json",
        "unsupported_media_type",
        "payload_too_large",
        "internal",
    ] {
        assert!(codes.iter().any(|c| c == code), "error code {code}");
    }
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            operations += 1;
            let what = format!("{} {path}", method.to_uppercase());
            assert!(op["operationId"].is_string(), "{what}: operationId");
            assert!(op["summary"].is_string(), "{what}: summary");
            let responses = op["responses"].as_object().unwrap();
            assert!(
                responses.keys().any(|s| s.starts_with('2')),
                "{what}: a success response"
            );
            assert!(responses.contains_key("500"), "{what}: 500");
            if path == "/openapi.json" {
                assert!(op.get("security").is_none(), "{what} needs no token");
                continue;
            }
            assert_eq!(op["security"][0]["bearer"], Value::Array(vec![]), "{what}");
            assert!(responses.contains_key("401"), "{what}: 401");
            assert_eq!(
                responses["503"]["$ref"], "#/components/responses/Busy",
                "{what}: 503 (busy storage)"
            );
            if op.get("requestBody").is_some() {
                let content = op["requestBody"]["content"].as_object().unwrap();
                if content.contains_key("application/json") {
                    let body = &content["application/json"]["schema"];
                    assert!(body["$ref"].is_string(), "{what}: a named body schema");
                } else {
                    // A file upload (an Appendix 2 catalogue): the file's own media types.
                    let uploads = [
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "text/csv",
                    ];
                    assert!(
                        !content.is_empty()
                            && content.keys().all(|k| uploads.contains(&k.as_str())),
                        "{what}: a JSON body or a catalogue file"
                    );
                }
                for s in ["400", "413", "415", "422"] {
                    assert!(responses.contains_key(s), "{what}: {s}");
                }
            }
            if path.contains("{id}") {
                assert!(responses.contains_key("404"), "{what}: 404");
                assert!(responses.contains_key("422"), "{what}: 422");
                let params = op["parameters"].as_array().unwrap();
                assert!(
                    params
                        .iter()
                        .any(|p| p["name"] == "id" && p["in"] == "path"),
                    "{what}: the id parameter"
                );
            }
        }
    }
    assert!(operations >= 17, "{operations} operations");
    let busy = &doc["components"]["responses"]["Busy"];
    assert_eq!(busy["headers"]["Retry-After"]["required"], true);
    assert_eq!(busy["headers"]["Retry-After"]["schema"]["type"], "integer");
    assert!(codes.iter().any(|c| c == "busy"), "error code busy");
}

#[tokio::test]
async fn the_document_is_served_without_a_token() {
    let t = TestApp::spawn().await;
    let res = reqwest::get(t.url("/api/v1/openapi.json")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    let served: Value = res.json().await.unwrap();
    assert_eq!(served, anzen_web::api::openapi());
}
