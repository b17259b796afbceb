//! The JSON API under `/api/v1`, for bearer tokens made in the UI.
//!
//! Every route is an annotated handler collected by `utoipa-axum`, so the routes and the
//! OpenAPI document (`GET /api/v1/openapi.json`, kept in the repository as
//! `crates/anzen-web/openapi.json`) come from the same code. Request and response bodies are
//! the DTO types of this module, converted from and to domain values.
//!
//! Decisions on status codes:
//! - A body that is not JSON: 400 `malformed_json`; not sent as `application/json`: 415
//!   `unsupported_media_type`; larger than 64 KiB: 413 `payload_too_large`. (A body above
//!   1 MiB with a `Content-Length` is refused by the server's outer limit before it reaches
//!   the API: still 413, but with a plain-text body.)
//! - A body, query parameter or path id that is wrong: 422 `invalid_input` with `field` (the
//!   dotted JSON path, the parameter's name, or `id`) and, for enumerations, `accepted`.
//! - A role that cannot do the action at all: 403 `forbidden`, whatever the id.
//! - An id the caller cannot see, in the path: 404 `not_found`, the same as an id that does
//!   not exist; in a body: 422 naming the field, again the same as for an unknown id.
//! - A stale revision: 409 `conflict`.

mod audit;
mod chain;
mod checklist;
mod contracts;
mod controls;
mod document_jobs;
mod documents;
mod enums;
mod evaluations;
mod exemption;
mod extract;
mod incidents;
mod ledger;
mod list;
mod me;
mod notifications;
mod offerings;
mod oprules;
mod orgs;
mod problem;
mod readiness;
mod reviews;
mod risk_thread;
pub(crate) mod risks;
mod schema_walk;
mod scope;
mod supply;
mod users;

use std::sync::OnceLock;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ErrorBody, ErrorDetail};
pub(crate) use document_jobs::dto as document_job_dto;
pub(crate) use documents::file_response as documents_file_response;
pub use extract::BODY_LIMIT;
pub use problem::ERROR_CODES;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "anzen API",
        version = "1",
        description = "The JSON API of anzen: organisations, offerings and their scope verdicts \
(MIC/METI provider guideline, FAQ 1, 1.1–1.4, 2.2), contracts, supply chains with their provision \
forms (GL 2.2, FAQ 2.1), lifecycle agreements (GL 3.2, FAQ 3.1), certifications, the device ledger, \
disclosures to institutions (FAQ 4.1, 4.2, 6.1), change notifications, users, the audit \
trail, and the risk register with the institutions' consent (GL ch. 5, FAQ 5.1, 5.2). Authenticate with an API token made in the UI (`Authorization: Bearer anzen_…`); every \
call acts with the token owner's role and sees only what that role reaches.\n\n\
Listings answer `{\"items\": [...], \"total\": n, \"limit\": l, \"offset\": o}`. Errors answer \
`{\"error\": {\"code\", \"message\", \"field\", \"accepted\"}}` with a stable `code`.\n\n\
An id of another organisation is answered like an id that does not exist: 404 in the path, 422 \
naming the field in a body. A role that cannot do an action at all gets 403."
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerSecurity),
    components(schemas(ErrorBody, ErrorDetail, enums::ReviewFilter, enums::StatementFilter)),
    tags(
        (name = "me", description = "The caller"),
        (name = "organisations", description = "Providers, medical institutions and partners"),
        (name = "offerings", description = "Offerings and their scope verdicts"),
        (name = "scope", description = "The scope engine, without storage"),
        (name = "contracts", description = "Contracts between institutions and providers"),
        (name = "supply-links", description = "Supply chains (GL 2.2)"),
        (name = "audit", description = "The signed audit trail"),
        (name = "users", description = "User accounts"),
        (name = "risks", description = "The risk register, its matrix, treatments and the institutions' consent (GL ch. 5, FAQ 5.1, 5.2)"),
        (name = "agreements", description = "Lifecycle agreements on duties and responsibilities, versioned and agreed by both parties (GL 3.2, FAQ 3, 3.1)"),
        (name = "ledger", description = "Certifications, the device ledger and disclosures to institutions (GL 4.1, 4.4; FAQ 4.1, 4.2, 6.1)"),
        (name = "checklist", description = "The MHLW cybersecurity checklist, provider version (事業者確認用): editions by fiscal year, each offering's answers (はい / いいえ, the day checked, the target day of each いいえ), anzen's judgements from its records, and the filled-in XLSX imported again (guideline-notes §7)"),
        (name = "evaluations", description = "Safety-management evaluations of an offering, their findings and what the findings raised; the latest answers Table 4-1 ②-4 (GL 4.3)"),
        (name = "notifications", description = "Change notifications through the supply chain (FAQ 2.1)"),
        (name = "controls", description = "Appendix 2 versions, statements of applicability per offering, provider controls and the chapter 6 regulatory requirements (FAQ 5.3, 5.4, 7)"),
        (name = "documents", description = "Documents for medical institutions issued from the data as PDF, DOCX or XLSX, each recorded with its SHA-256 in the audit trail, and their verification (GL ch. 3, 4, 6)"),
        (name = "incidents", description = "Incidents and the crisis response: the record, the report to the affected institutions, their acknowledgement and their agreement to the prevention measures (GL 3.2 危機管理対応時, FAQ 3; GL 5.1.7)"),
        (name = "meta", description = "This document"),
    ),
)]
struct ApiDoc;

struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("anzen API token")
                    .description(Some(
                        "An API token made in the UI (アカウント → APIトークン), sent as \
                         `Authorization: Bearer anzen_…`. It acts with its owner's role.",
                    ))
                    .build(),
            ),
        );
    }
}

fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(me::me))
        .routes(routes!(orgs::list, orgs::create))
        .routes(routes!(orgs::get))
        .routes(routes!(offerings::list, offerings::create))
        .routes(routes!(offerings::get))
        .routes(routes!(offerings::update_profile))
        .routes(routes!(scope::check))
        .routes(routes!(contracts::list, contracts::create))
        .routes(routes!(supply::list, supply::create))
        .routes(routes!(audit::list))
        .routes(routes!(audit::checkpoint))
        .routes(routes!(users::list, users::create))
        .routes(routes!(users::reset_password))
        .routes(routes!(risks::list, risks::create))
        .routes(routes!(risks::heat_map))
        .routes(routes!(risks::matrix, risks::set_matrix))
        .routes(routes!(risks::get))
        .routes(routes!(risks::treat))
        .routes(routes!(risks::reassess))
        .routes(routes!(risks::review))
        .routes(routes!(risks::consent))
        .routes(routes!(risk_thread::decline))
        .routes(routes!(risk_thread::ask))
        .routes(routes!(risk_thread::answer))
        .routes(routes!(risks::list_components, risks::create_component))
        .routes(routes!(risks::list_flows, risks::create_flow))
        .routes(routes!(risks::raise_notice))
        .routes(routes!(reviews::preview_notice))
        .routes(routes!(reviews::update_flow))
        .routes(routes!(reviews::update_component))
        .routes(routes!(reviews::risk_flow))
        .routes(routes!(risks::duties))
        .routes(routes!(chain::chain))
        .routes(routes!(chain::list_agreements, chain::open_agreement))
        .routes(routes!(chain::get_agreement, chain::revise_agreement))
        .routes(routes!(chain::agree))
        .routes(routes!(
            ledger::list_certifications,
            ledger::create_certification
        ))
        .routes(routes!(ledger::list_devices, ledger::create_device))
        .routes(routes!(ledger::update_device))
        .routes(routes!(exemption::get, exemption::record))
        .routes(routes!(exemption::withdraw))
        .routes(routes!(checklist::editions, checklist::import_edition))
        .routes(routes!(checklist::get, checklist::save))
        .routes(routes!(checklist::import_answers))
        .routes(routes!(evaluations::list, evaluations::create))
        .routes(routes!(evaluations::get))
        .routes(routes!(evaluations::raise))
        .routes(routes!(ledger::get_disclosures, ledger::create_disclosure))
        .routes(routes!(notifications::inbox, notifications::announce))
        .routes(routes!(notifications::acknowledge))
        .routes(routes!(controls::table, controls::set_statement))
        .routes(routes!(controls::list_catalogues, controls::import))
        .routes(routes!(controls::diff))
        .routes(routes!(controls::create_provider_control))
        .routes(routes!(controls::unmet))
        .routes(routes!(documents::list, documents::issue))
        .routes(routes!(documents::verify))
        .routes(routes!(document_jobs::start))
        .routes(routes!(document_jobs::get))
        .routes(routes!(document_jobs::file))
        .routes(routes!(documents::get))
        .routes(routes!(oprules::list, oprules::issue))
        .routes(routes!(oprules::draft))
        .routes(routes!(oprules::get))
        .routes(routes!(oprules::respond))
        .routes(routes!(oprules::rule_items))
        .routes(routes!(readiness::contract))
        .routes(routes!(readiness::overview))
        .routes(routes!(incidents::list_of_offering, incidents::record))
        .routes(routes!(incidents::list))
        .routes(routes!(incidents::get, incidents::update))
        .routes(routes!(incidents::acknowledge))
        .routes(routes!(incidents::prevention))
        .routes(routes!(incidents::close))
        .routes(routes!(openapi_json))
}

/// The routes under `/api/v1`.
pub fn routes() -> Router<AppState> {
    let (router, _) = api_router().split_for_parts();
    router
        .fallback(problem::route_not_found)
        .method_not_allowed_fallback(problem::method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// The OpenAPI document of the API, as served and as kept in the repository.
pub fn openapi() -> Value {
    openapi_value().clone()
}

/// The OpenAPI document as pretty JSON with a final newline (the repository file's form).
pub fn openapi_pretty() -> String {
    let mut s = serde_json::to_string_pretty(openapi_value()).unwrap_or_default();
    s.push('\n');
    s
}

pub(crate) fn openapi_value() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let doc = api_router().into_openapi();
        let mut value = serde_json::to_value(&doc).unwrap_or(Value::Null);
        document_errors(&mut value);
        value
    })
}

/// The OpenAPI document
///
/// This document (OpenAPI 3.1). No token needed.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "meta",
    operation_id = "get_openapi",
    responses((status = 200, description = "The OpenAPI document of this API", body = Object)),
)]
async fn openapi_json() -> Response {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(openapi_pretty).clone();
    ([(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// Adds the error responses every operation can give (as shared components), and the error
/// codes to the error body's schema.
fn document_errors(doc: &mut Value) {
    const SHARED: &[(&str, &str, &str)] = &[
        (
            "400",
            "MalformedJson",
            "The body is not JSON (`malformed_json`)",
        ),
        (
            "401",
            "Unauthenticated",
            "No bearer token, or an unknown, revoked or expired one (`unauthenticated`)",
        ),
        (
            "404",
            "NotFound",
            "No such object, or one of another organisation (`not_found`)",
        ),
        (
            "413",
            "PayloadTooLarge",
            "The body is larger than 64 KiB (`payload_too_large`)",
        ),
        (
            "415",
            "UnsupportedMediaType",
            "The body is not sent as `application/json` (`unsupported_media_type`)",
        ),
        (
            "422",
            "InvalidInput",
            "A field, parameter or path id is wrong (`invalid_input`); `field` names it (the \
             dotted JSON path of a body field, the name of a parameter, or `id`) and `accepted` \
             lists the accepted values of an enumeration",
        ),
        (
            "500",
            "Internal",
            "Our fault; it has been logged (`internal`)",
        ),
        (
            "503",
            "Busy",
            "The storage is busy (every connection in use, or the database locked for longer \
             than the request may wait), or another uploaded file is being read (`busy`); \
             nothing was written. Send the request again after the seconds of `Retry-After`",
        ),
    ];
    let error_ref = json!({"$ref": "#/components/schemas/ErrorBody"});
    let mut responses = serde_json::Map::new();
    for (status, name, description) in SHARED {
        let mut response = json!({
            "description": description,
            "content": {"application/json": {"schema": error_ref}},
        });
        match *status {
            "401" => {
                response["headers"] = json!({"WWW-Authenticate": {
                    "description": "`Bearer`: the scheme the API takes",
                    "required": true,
                    "schema": {"type": "string"},
                }});
            }
            "503" => {
                response["headers"] = json!({"Retry-After": {
                    "description": "Seconds to wait before sending the request again",
                    "required": true,
                    "schema": {"type": "integer", "minimum": 0},
                }});
            }
            _ => {}
        }
        responses.insert((*name).to_owned(), response);
    }
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert("responses".to_owned(), Value::Object(responses));
    }
    if let Some(code) = doc.pointer_mut("/components/schemas/ErrorDetail/properties/code") {
        {
            let codes: Vec<&str> = ERROR_CODES.iter().map(|(c, _, _)| *c).collect();
            let described: Vec<String> = ERROR_CODES
                .iter()
                .map(|(c, s, d)| format!("- `{c}` ({s}): {d}"))
                .collect();
            code["enum"] = json!(codes);
            code["description"] = json!(format!("A stable code:\n{}", described.join("\n")));
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            if !matches!(method.as_str(), "get" | "put" | "post" | "delete" | "patch") {
                continue;
            }
            let secured = op
                .get("security")
                .and_then(Value::as_array)
                .is_some_and(|s| {
                    s.iter()
                        .any(|r| r.as_object().is_some_and(|o| !o.is_empty()))
                });
            let has_body = op.get("requestBody").is_some();
            let params = op
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let path_param = params.iter().any(|p| p["in"] == "path");
            // An optional query parameter sent empty (`?offering=`) is taken as absent.
            if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
                for p in params {
                    if p["in"] == "query" && p["required"] != true {
                        p["allowEmptyValue"] = json!(true);
                    }
                }
            }
            let mut add = Vec::new();
            if has_body {
                add.extend(["400", "413", "415", "422"]);
            }
            if !params.is_empty() {
                add.push("422");
            }
            if secured {
                add.push("401");
            }
            if path_param {
                add.push("404");
            }
            add.push("500");
            if secured {
                add.push("503");
            }
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for status in add {
                if responses.contains_key(status) {
                    continue;
                }
                if let Some((_, name, _)) = SHARED.iter().find(|(s, _, _)| *s == status) {
                    responses.insert(
                        status.to_owned(),
                        json!({"$ref": format!("#/components/responses/{name}")}),
                    );
                }
            }
        }
    }
}
