//! The OpenAPI document: generated from the handlers, kept in the repository at
//! `crates/anzen-web/openapi.json`, served at `GET /api/v1/openapi.json` without a token.
//! This test fails when the two drift; `UPDATE_OPENAPI=1` rewrites the file. The API keeps
//! to what the document says where a schema generator (scripts/schemathesis) found it did
//! not: revisions within their range, integers written as `3.0`, ids in bodies, filters.

use crate::api_support;
use crate::support;

use anzen_domain::access::Role;
use api_support::{World, profile_json, resolve};
use serde_json::{Value, json};
use support::TestApp;

const PA: Role = Role::ProviderAdmin;

const FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");

/// The document names a schema by its Rust type's name, and a second type of the same name
/// silently replaces the first: every response of the first is then checked against the
/// wrong schema (a risk's `Reason` once replaced the scope verdict's). Each name that derives
/// `ToSchema` in the API's sources must be unique, unless renamed with `#[schema(as = …)]`.
#[test]
fn no_two_schema_types_share_a_name() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/api");
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut clashes = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/api") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let mut derives = false;
        let mut renamed = false;
        for line in text.lines().map(str::trim) {
            if line.starts_with("#[derive(") && line.contains("ToSchema") {
                derives = true;
                renamed = false;
            } else if line.starts_with("#[schema(as") {
                renamed = true;
            } else if derives && (line.starts_with("pub struct ") || line.starts_with("pub enum "))
            {
                let name: String = line
                    .split_whitespace()
                    .nth(2)
                    .unwrap_or_default()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                // (`pub struct $name` in a macro: its invocations name the types.)
                if !name.is_empty()
                    && !renamed
                    && let Some(first) = seen.insert(name.clone(), file.clone())
                {
                    clashes.push(format!("{name} ({first} and {file})"));
                }
                derives = false;
            }
        }
    }
    assert!(clashes.is_empty(), "schema names used twice: {clashes:?}");
    assert!(seen.len() > 20, "the scan found the API's schema types");
}

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
             nextest run -p anzen-web -E 'test(/^api_openapi::/)'\n\nand commit the file."
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
                    // A file upload (an Appendix 2 catalogue, or an issued document to
                    // verify): the file's own media types.
                    let uploads = [
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "text/csv",
                        "application/pdf",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "application/octet-stream",
                        "application/toml",
                        "text/plain",
                    ];
                    assert!(
                        !content.is_empty()
                            && content.keys().all(|k| uploads.contains(&k.as_str())),
                        "{what}: a JSON body or a file"
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

#[test]
fn every_reference_resolves() {
    fn walk(v: &Value, doc: &Value, at: &str) {
        match v {
            Value::Object(map) => {
                if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                    let pointer = r.strip_prefix('#').expect("a local reference");
                    assert!(
                        doc.pointer(pointer).is_some(),
                        "{at}: {r} is not in the document"
                    );
                }
                for (k, v) in map {
                    walk(v, doc, &format!("{at}/{k}"));
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, doc, at)),
            _ => {}
        }
    }
    let doc = anzen_web::api::openapi();
    walk(&doc, &doc, "");
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

/// The largest revision the document allows.
const MAX_REVISION: i64 = 9_007_199_254_740_991;

#[test]
fn every_revision_is_bounded_in_the_document() {
    let doc = anzen_web::api::openapi();
    let mut seen = 0;
    for (name, schema) in doc["components"]["schemas"].as_object().unwrap() {
        if let Some(r) = schema["properties"].get("revision")
            && schema["properties"].get("id").is_none()
        {
            seen += 1;
            assert_eq!(r["maximum"], MAX_REVISION, "{name}.revision");
            assert!(r["minimum"].is_number(), "{name}.revision");
        }
    }
    assert!(seen >= 6, "{seen} bodies with a revision");
}

#[tokio::test]
async fn a_revision_past_the_range_is_named_and_the_largest_one_is_only_stale() {
    let w = World::new().await;
    let risk = w.risk.clone();
    let changes = |revision: i64| {
        vec![
            (
                "PUT",
                format!("/offerings/{}/profile", w.ehr),
                json!({"profile": profile_json("さくらクラウド電子カルテ"), "revision": revision}),
            ),
            (
                "POST",
                format!("/risks/{risk}/review"),
                json!({"revision": revision}),
            ),
            (
                "PUT",
                format!("/risks/{risk}/assessment"),
                json!({"impact": 3, "likelihood": 3, "revision": revision}),
            ),
        ]
    };
    for (method, path, body) in changes(i64::MAX) {
        let r = w.call(method, &path, PA, Some(&body)).await;
        assert_eq!(
            (r.status, r.code(), r.field()),
            (422, "invalid_input", "revision"),
            "{method} {path}: {}",
            r.text
        );
    }
    for (method, path, body) in changes(MAX_REVISION) {
        let r = w.call(method, &path, PA, Some(&body)).await;
        assert_eq!(
            (r.status, r.code()),
            (409, "conflict"),
            "{method} {path}: {}",
            r.text
        );
    }
}

#[tokio::test]
async fn integers_written_with_a_zero_fraction_are_integers() {
    let w = World::new().await;
    let (revision, _) = w.risk_state(&w.risk).await;
    let path = format!("/risks/{}/assessment", w.risk);
    let half = json!({"impact": 3, "likelihood": 2.5, "revision": revision});
    let r = w.call("PUT", &path, PA, Some(&half)).await;
    assert_eq!((r.status, r.field()), (422, "likelihood"), "{}", r.text);
    let whole: Value = serde_json::from_str(&format!(
        r#"{{"impact": 3.0, "likelihood": 2.0, "revision": {revision}.0}}"#
    ))
    .unwrap();
    let r = w.call("PUT", &path, PA, Some(&whole)).await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.body["risk"]["inherent"]["impact"], 3, "{}", r.text);
    assert_eq!(r.body["risk"]["revision"], revision + 1);
}

#[tokio::test]
async fn an_agreement_naming_an_unknown_subcontractor_is_refused_with_the_field() {
    let w = World::new().await;
    let contracts = w
        .call("GET", &format!("/contracts?offering={}", w.ehr), PA, None)
        .await;
    let contract = contracts.items()[0]["id"].as_str().unwrap().to_owned();
    let path = format!("/contracts/{contract}/agreements");
    for (org, what) in [
        (
            uuid::Uuid::now_v7().to_string(),
            "an id that does not exist",
        ),
        (w.other.partner.clone(), "another provider's partner"),
    ] {
        let body = json!({"kind": "internal", "subcontractor": org});
        let r = w.call("POST", &path, PA, Some(&body)).await;
        assert_eq!(
            (r.status, r.code(), r.field()),
            (422, "invalid_input", "subcontractor"),
            "{what}: {}",
            r.text
        );
    }
    let agreements = w.call("GET", &path, PA, None).await;
    let agreement = agreements.items()[0]["id"].as_str().unwrap().to_owned();
    let body = json!({
        "entries": [{"phase": "operation", "duty": "x.y", "title": "t", "responsible": {"party": "provider"}}],
        "subcontractors": [uuid::Uuid::now_v7()],
    });
    let r = w
        .call("PUT", &format!("/agreements/{agreement}"), PA, Some(&body))
        .await;
    assert_eq!(
        (r.status, r.field()),
        (422, "subcontractors.0"),
        "{}",
        r.text
    );
}

#[tokio::test]
async fn query_filters_take_the_documented_values_or_nothing_and_name_the_rest() {
    let w = World::new().await;
    let doc = anzen_web::api::openapi();
    let mut checked = 0;
    for (template, item) in doc["paths"].as_object().unwrap() {
        let Some(params) = item["get"]["parameters"].as_array() else {
            continue;
        };
        // Ids in paths: the cloud EHR for an offering's; other paths are covered by theirs.
        if template.contains("{id}") && !template.starts_with("/offerings/") {
            continue;
        }
        let path = template.replace("{id}", &w.ehr);
        let role = if template == "/institution/duties" {
            Role::InstitutionReviewer
        } else {
            PA
        };
        for p in params.iter().filter(|p| p["in"] == "query") {
            let name = p["name"].as_str().unwrap();
            assert_eq!(p["allowEmptyValue"], true, "{template} {name}");
            // Sent empty, a filter is absent.
            let r = w.call("GET", &format!("{path}?{name}="), role, None).await;
            assert_eq!(r.status, 200, "{template}?{name}=: {}", r.text);
            let schema = resolve(&p["schema"]);
            let Some(values) = schema["enum"].as_array() else {
                continue;
            };
            checked += 1;
            for v in values {
                let v = v.as_str().unwrap();
                let r = w
                    .call("GET", &format!("{path}?{name}={v}"), role, None)
                    .await;
                assert_eq!(r.status, 200, "{template}?{name}={v}: {}", r.text);
            }
            let r = w
                .call("GET", &format!("{path}?{name}=zzz"), role, None)
                .await;
            assert_eq!((r.status, r.field()), (422, name), "{template}: {}", r.text);
            assert_eq!(
                json!(r.accepted()),
                Value::Array(values.clone()),
                "{template}: the accepted values of {name} are the documented ones"
            );
        }
    }
    assert!(checked >= 8, "{checked} enumerated filters");
}

#[tokio::test]
async fn an_offering_announcement_without_its_offering_says_so() {
    let w = World::new().await;
    let body = json!({"kind": "offering", "summary": "保守体制の変更"});
    let r = w.call("POST", "/notifications", PA, Some(&body)).await;
    assert_eq!((r.status, r.field()), (422, "offering"), "{}", r.text);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("is required"),
        "{}",
        r.text
    );
    // A role that cannot announce at all is still told so first.
    let r = w
        .call("POST", "/notifications", Role::Auditor, Some(&body))
        .await;
    assert_eq!(r.status, 403, "{}", r.text);
}
