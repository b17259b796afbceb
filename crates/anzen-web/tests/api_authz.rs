//! The authorisation matrix of the JSON API: every documented route × the five roles × an
//! object of the caller's own organisation and one of another organisation, with the
//! expected answer. The routes come from the generated OpenAPI document, so a new route
//! without rows fails the test.
//!
//! "Own" and "other" mean: for a path id, an object the role's organisation can see or one
//! of the second provider (もみじ); for a body, references to the role's own organisation and
//! objects or to the second provider's; for a listing, the plain listing (which must contain
//! rows) or a listing filtered on the second provider's objects (which must be empty). Every
//! listing is also checked to contain none of the second provider's ids.

mod api_support;
mod support;

use std::collections::BTreeSet;

use anzen_domain::access::Role;
use api_support::{ROLES, Reply, World, call, documented_routes, profile_json, shape_problem};
use serde_json::{Value, json};

const PA: Role = Role::ProviderAdmin;
const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const P: Role = Role::Partner;
const AU: Role = Role::Auditor;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Org {
    Own,
    Other,
    /// The route touches no organisation's objects (who am I, the scope engine, the
    /// document) or only the caller's own (registering an organisation, which is always
    /// registered by the caller's organisation).
    None,
}
use Org::{None as NA, Other, Own};

#[derive(Debug, Clone, Copy)]
enum Expect {
    Allow(u16),
    Deny(u16),
}
use Expect::{Allow, Deny};

#[rustfmt::skip]
const ROWS: &[(&str, &str, Role, Org, Expect)] = &[
    ("GET", "/me", PA, NA, Allow(200)),
    ("GET", "/me", PM, NA, Allow(200)),
    ("GET", "/me", IR, NA, Allow(200)),
    ("GET", "/me", P, NA, Allow(200)),
    ("GET", "/me", AU, NA, Allow(200)),

    ("GET", "/openapi.json", PA, NA, Allow(200)),
    ("GET", "/openapi.json", PM, NA, Allow(200)),
    ("GET", "/openapi.json", IR, NA, Allow(200)),
    ("GET", "/openapi.json", P, NA, Allow(200)),
    ("GET", "/openapi.json", AU, NA, Allow(200)),

    ("POST", "/scope/check", PA, NA, Allow(200)),
    ("POST", "/scope/check", PM, NA, Allow(200)),
    ("POST", "/scope/check", IR, NA, Allow(200)),
    ("POST", "/scope/check", P, NA, Allow(200)),
    ("POST", "/scope/check", AU, NA, Allow(200)),

    ("GET", "/organisations", PA, Own, Allow(200)),
    ("GET", "/organisations", PM, Own, Allow(200)),
    ("GET", "/organisations", IR, Own, Allow(200)),
    ("GET", "/organisations", P, Own, Allow(200)),
    ("GET", "/organisations", AU, Own, Allow(200)),
    ("GET", "/organisations", PA, Other, Allow(200)),
    ("GET", "/organisations", PM, Other, Allow(200)),
    ("GET", "/organisations", IR, Other, Allow(200)),
    ("GET", "/organisations", P, Other, Allow(200)),
    ("GET", "/organisations", AU, Other, Allow(200)),

    ("POST", "/organisations", PA, NA, Allow(201)),
    ("POST", "/organisations", PM, NA, Allow(201)),
    ("POST", "/organisations", IR, NA, Deny(403)),
    ("POST", "/organisations", P, NA, Deny(403)),
    ("POST", "/organisations", AU, NA, Deny(403)),

    ("GET", "/organisations/{id}", PA, Own, Allow(200)),
    ("GET", "/organisations/{id}", PM, Own, Allow(200)),
    ("GET", "/organisations/{id}", IR, Own, Allow(200)),
    ("GET", "/organisations/{id}", P, Own, Allow(200)),
    ("GET", "/organisations/{id}", AU, Own, Allow(200)),
    ("GET", "/organisations/{id}", PA, Other, Deny(404)),
    ("GET", "/organisations/{id}", PM, Other, Deny(404)),
    ("GET", "/organisations/{id}", IR, Other, Deny(404)),
    ("GET", "/organisations/{id}", P, Other, Deny(404)),
    ("GET", "/organisations/{id}", AU, Other, Deny(404)),

    ("GET", "/offerings", PA, Own, Allow(200)),
    ("GET", "/offerings", PM, Own, Allow(200)),
    ("GET", "/offerings", IR, Own, Allow(200)),
    ("GET", "/offerings", P, Own, Allow(200)),
    ("GET", "/offerings", AU, Own, Allow(200)),
    ("GET", "/offerings", PA, Other, Allow(200)),
    ("GET", "/offerings", PM, Other, Allow(200)),
    ("GET", "/offerings", IR, Other, Allow(200)),
    ("GET", "/offerings", P, Other, Allow(200)),
    ("GET", "/offerings", AU, Other, Allow(200)),

    ("POST", "/offerings", PA, Own, Allow(201)),
    ("POST", "/offerings", PM, Own, Allow(201)),
    ("POST", "/offerings", IR, Own, Deny(403)),
    ("POST", "/offerings", P, Own, Allow(201)),
    ("POST", "/offerings", AU, Own, Deny(403)),
    ("POST", "/offerings", PA, Other, Deny(422)),
    ("POST", "/offerings", PM, Other, Deny(422)),
    ("POST", "/offerings", IR, Other, Deny(403)),
    ("POST", "/offerings", P, Other, Deny(422)),
    ("POST", "/offerings", AU, Other, Deny(403)),

    ("GET", "/offerings/{id}", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}", P, Own, Allow(200)),
    ("GET", "/offerings/{id}", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}", P, Other, Deny(404)),
    ("GET", "/offerings/{id}", AU, Other, Deny(404)),

    ("PUT", "/offerings/{id}/profile", PA, Own, Allow(200)),
    ("PUT", "/offerings/{id}/profile", PM, Own, Allow(200)),
    ("PUT", "/offerings/{id}/profile", IR, Own, Deny(403)),
    ("PUT", "/offerings/{id}/profile", P, Own, Allow(200)),
    ("PUT", "/offerings/{id}/profile", AU, Own, Deny(403)),
    ("PUT", "/offerings/{id}/profile", PA, Other, Deny(404)),
    ("PUT", "/offerings/{id}/profile", PM, Other, Deny(404)),
    ("PUT", "/offerings/{id}/profile", IR, Other, Deny(403)),
    ("PUT", "/offerings/{id}/profile", P, Other, Deny(404)),
    ("PUT", "/offerings/{id}/profile", AU, Other, Deny(403)),

    ("GET", "/contracts", PA, Own, Allow(200)),
    ("GET", "/contracts", PM, Own, Allow(200)),
    ("GET", "/contracts", IR, Own, Allow(200)),
    ("GET", "/contracts", P, Own, Deny(403)),
    ("GET", "/contracts", AU, Own, Allow(200)),
    ("GET", "/contracts", PA, Other, Allow(200)),
    ("GET", "/contracts", PM, Other, Allow(200)),
    ("GET", "/contracts", IR, Other, Allow(200)),
    ("GET", "/contracts", P, Other, Deny(403)),
    ("GET", "/contracts", AU, Other, Allow(200)),

    ("POST", "/contracts", PA, Own, Allow(201)),
    ("POST", "/contracts", PM, Own, Allow(201)),
    ("POST", "/contracts", IR, Own, Deny(403)),
    ("POST", "/contracts", P, Own, Deny(403)),
    ("POST", "/contracts", AU, Own, Deny(403)),
    ("POST", "/contracts", PA, Other, Deny(422)),
    ("POST", "/contracts", PM, Other, Deny(422)),
    ("POST", "/contracts", IR, Other, Deny(403)),
    ("POST", "/contracts", P, Other, Deny(403)),
    ("POST", "/contracts", AU, Other, Deny(403)),

    ("GET", "/supply-links", PA, Own, Allow(200)),
    ("GET", "/supply-links", PM, Own, Allow(200)),
    ("GET", "/supply-links", IR, Own, Allow(200)),
    ("GET", "/supply-links", P, Own, Allow(200)),
    ("GET", "/supply-links", AU, Own, Allow(200)),
    ("GET", "/supply-links", PA, Other, Allow(200)),
    ("GET", "/supply-links", PM, Other, Allow(200)),
    ("GET", "/supply-links", IR, Other, Allow(200)),
    ("GET", "/supply-links", P, Other, Allow(200)),
    ("GET", "/supply-links", AU, Other, Allow(200)),

    ("POST", "/supply-links", PA, Own, Allow(201)),
    ("POST", "/supply-links", PM, Own, Allow(201)),
    ("POST", "/supply-links", IR, Own, Deny(403)),
    ("POST", "/supply-links", P, Own, Deny(403)),
    ("POST", "/supply-links", AU, Own, Deny(403)),
    ("POST", "/supply-links", PA, Other, Deny(422)),
    ("POST", "/supply-links", PM, Other, Deny(422)),
    ("POST", "/supply-links", IR, Other, Deny(403)),
    ("POST", "/supply-links", P, Other, Deny(403)),
    ("POST", "/supply-links", AU, Other, Deny(403)),

    ("GET", "/audit", PA, Own, Allow(200)),
    ("GET", "/audit", PM, Own, Deny(403)),
    ("GET", "/audit", IR, Own, Deny(403)),
    ("GET", "/audit", P, Own, Deny(403)),
    ("GET", "/audit", AU, Own, Allow(200)),
    ("GET", "/audit", PA, Other, Allow(200)),
    ("GET", "/audit", PM, Other, Deny(403)),
    ("GET", "/audit", IR, Other, Deny(403)),
    ("GET", "/audit", P, Other, Deny(403)),
    ("GET", "/audit", AU, Other, Allow(200)),

    ("GET", "/users", PA, Own, Allow(200)),
    ("GET", "/users", PM, Own, Allow(200)),
    ("GET", "/users", IR, Own, Deny(403)),
    ("GET", "/users", P, Own, Deny(403)),
    ("GET", "/users", AU, Own, Deny(403)),
    ("GET", "/users", PA, Other, Allow(200)),
    ("GET", "/users", PM, Other, Allow(200)),
    ("GET", "/users", IR, Other, Deny(403)),
    ("GET", "/users", P, Other, Deny(403)),
    ("GET", "/users", AU, Other, Deny(403)),

    ("POST", "/users", PA, Own, Allow(201)),
    ("POST", "/users", PM, Own, Deny(403)),
    ("POST", "/users", IR, Own, Deny(403)),
    ("POST", "/users", P, Own, Deny(403)),
    ("POST", "/users", AU, Own, Deny(403)),
    ("POST", "/users", PA, Other, Deny(422)),
    ("POST", "/users", PM, Other, Deny(403)),
    ("POST", "/users", IR, Other, Deny(403)),
    ("POST", "/users", P, Other, Deny(403)),
    ("POST", "/users", AU, Other, Deny(403)),

    ("POST", "/users/{id}/password-reset", PA, Own, Allow(204)),
    ("POST", "/users/{id}/password-reset", PM, Own, Deny(403)),
    ("POST", "/users/{id}/password-reset", IR, Own, Deny(403)),
    ("POST", "/users/{id}/password-reset", P, Own, Deny(403)),
    ("POST", "/users/{id}/password-reset", AU, Own, Deny(403)),
    ("POST", "/users/{id}/password-reset", PA, Other, Deny(404)),
    ("POST", "/users/{id}/password-reset", PM, Other, Deny(403)),
    ("POST", "/users/{id}/password-reset", IR, Other, Deny(403)),
    ("POST", "/users/{id}/password-reset", P, Other, Deny(403)),
    ("POST", "/users/{id}/password-reset", AU, Other, Deny(403)),

    ("GET", "/risks", PA, Own, Allow(200)),
    ("GET", "/risks", PM, Own, Allow(200)),
    ("GET", "/risks", IR, Own, Allow(200)),
    ("GET", "/risks", P, Own, Deny(403)),
    ("GET", "/risks", AU, Own, Allow(200)),
    ("GET", "/risks", PA, Other, Allow(200)),
    ("GET", "/risks", PM, Other, Allow(200)),
    ("GET", "/risks", IR, Other, Allow(200)),
    ("GET", "/risks", P, Other, Deny(403)),
    ("GET", "/risks", AU, Other, Allow(200)),

    ("POST", "/risks", PA, Own, Allow(201)),
    ("POST", "/risks", PM, Own, Allow(201)),
    ("POST", "/risks", IR, Own, Deny(403)),
    ("POST", "/risks", P, Own, Deny(403)),
    ("POST", "/risks", AU, Own, Deny(403)),
    ("POST", "/risks", PA, Other, Deny(422)),
    ("POST", "/risks", PM, Other, Deny(422)),
    ("POST", "/risks", IR, Other, Deny(403)),
    ("POST", "/risks", P, Other, Deny(403)),
    ("POST", "/risks", AU, Other, Deny(403)),

    ("GET", "/risks/{id}", PA, Own, Allow(200)),
    ("GET", "/risks/{id}", PM, Own, Allow(200)),
    ("GET", "/risks/{id}", IR, Own, Allow(200)),
    ("GET", "/risks/{id}", P, Own, Deny(403)),
    ("GET", "/risks/{id}", AU, Own, Allow(200)),
    ("GET", "/risks/{id}", PA, Other, Deny(404)),
    ("GET", "/risks/{id}", PM, Other, Deny(404)),
    ("GET", "/risks/{id}", IR, Other, Deny(404)),
    ("GET", "/risks/{id}", P, Other, Deny(403)),
    ("GET", "/risks/{id}", AU, Other, Deny(404)),

    ("PUT", "/risks/{id}/treatment", PA, Own, Allow(200)),
    ("PUT", "/risks/{id}/treatment", PM, Own, Allow(200)),
    ("PUT", "/risks/{id}/treatment", IR, Own, Deny(403)),
    ("PUT", "/risks/{id}/treatment", P, Own, Deny(403)),
    ("PUT", "/risks/{id}/treatment", AU, Own, Deny(403)),
    ("PUT", "/risks/{id}/treatment", PA, Other, Deny(404)),
    ("PUT", "/risks/{id}/treatment", PM, Other, Deny(404)),
    ("PUT", "/risks/{id}/treatment", IR, Other, Deny(403)),
    ("PUT", "/risks/{id}/treatment", P, Other, Deny(403)),
    ("PUT", "/risks/{id}/treatment", AU, Other, Deny(403)),

    ("PUT", "/risks/{id}/assessment", PA, Own, Allow(200)),
    ("PUT", "/risks/{id}/assessment", PM, Own, Allow(200)),
    ("PUT", "/risks/{id}/assessment", IR, Own, Deny(403)),
    ("PUT", "/risks/{id}/assessment", P, Own, Deny(403)),
    ("PUT", "/risks/{id}/assessment", AU, Own, Deny(403)),
    ("PUT", "/risks/{id}/assessment", PA, Other, Deny(404)),
    ("PUT", "/risks/{id}/assessment", PM, Other, Deny(404)),
    ("PUT", "/risks/{id}/assessment", IR, Other, Deny(403)),
    ("PUT", "/risks/{id}/assessment", P, Other, Deny(403)),
    ("PUT", "/risks/{id}/assessment", AU, Other, Deny(403)),

    ("POST", "/risks/{id}/review", PA, Own, Allow(200)),
    ("POST", "/risks/{id}/review", PM, Own, Allow(200)),
    ("POST", "/risks/{id}/review", IR, Own, Deny(403)),
    ("POST", "/risks/{id}/review", P, Own, Deny(403)),
    ("POST", "/risks/{id}/review", AU, Own, Deny(403)),
    ("POST", "/risks/{id}/review", PA, Other, Deny(404)),
    ("POST", "/risks/{id}/review", PM, Other, Deny(404)),
    ("POST", "/risks/{id}/review", IR, Other, Deny(403)),
    ("POST", "/risks/{id}/review", P, Other, Deny(403)),
    ("POST", "/risks/{id}/review", AU, Other, Deny(403)),

    ("POST", "/risks/{id}/consent", PA, Own, Deny(403)),
    ("POST", "/risks/{id}/consent", PM, Own, Deny(403)),
    ("POST", "/risks/{id}/consent", IR, Own, Allow(200)),
    ("POST", "/risks/{id}/consent", P, Own, Deny(403)),
    ("POST", "/risks/{id}/consent", AU, Own, Deny(403)),
    ("POST", "/risks/{id}/consent", PA, Other, Deny(403)),
    ("POST", "/risks/{id}/consent", PM, Other, Deny(403)),
    ("POST", "/risks/{id}/consent", IR, Other, Deny(404)),
    ("POST", "/risks/{id}/consent", P, Other, Deny(403)),
    ("POST", "/risks/{id}/consent", AU, Other, Deny(403)),

    ("GET", "/risks/heat-map", PA, Own, Allow(200)),
    ("GET", "/risks/heat-map", PM, Own, Allow(200)),
    ("GET", "/risks/heat-map", IR, Own, Allow(200)),
    ("GET", "/risks/heat-map", P, Own, Deny(403)),
    ("GET", "/risks/heat-map", AU, Own, Allow(200)),
    ("GET", "/risks/heat-map", PA, Other, Allow(200)),
    ("GET", "/risks/heat-map", PM, Other, Allow(200)),
    ("GET", "/risks/heat-map", IR, Other, Allow(200)),
    ("GET", "/risks/heat-map", P, Other, Deny(403)),
    ("GET", "/risks/heat-map", AU, Other, Allow(200)),

    ("GET", "/risks/matrix", PA, NA, Allow(200)),
    ("GET", "/risks/matrix", PM, NA, Allow(200)),
    ("GET", "/risks/matrix", IR, NA, Allow(200)),
    ("GET", "/risks/matrix", P, NA, Deny(403)),
    ("GET", "/risks/matrix", AU, NA, Allow(200)),

    ("POST", "/risks/matrix", PA, NA, Allow(201)),
    ("POST", "/risks/matrix", PM, NA, Deny(403)),
    ("POST", "/risks/matrix", IR, NA, Deny(403)),
    ("POST", "/risks/matrix", P, NA, Deny(403)),
    ("POST", "/risks/matrix", AU, NA, Deny(403)),

    ("GET", "/offerings/{id}/components", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/components", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/components", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/components", P, Own, Deny(403)),
    ("GET", "/offerings/{id}/components", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/components", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/components", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/components", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/components", P, Other, Deny(403)),
    ("GET", "/offerings/{id}/components", AU, Other, Deny(404)),

    ("POST", "/offerings/{id}/components", PA, Own, Allow(201)),
    ("POST", "/offerings/{id}/components", PM, Own, Allow(201)),
    ("POST", "/offerings/{id}/components", IR, Own, Deny(403)),
    ("POST", "/offerings/{id}/components", P, Own, Deny(403)),
    ("POST", "/offerings/{id}/components", AU, Own, Deny(403)),
    ("POST", "/offerings/{id}/components", PA, Other, Deny(404)),
    ("POST", "/offerings/{id}/components", PM, Other, Deny(404)),
    ("POST", "/offerings/{id}/components", IR, Other, Deny(403)),
    ("POST", "/offerings/{id}/components", P, Other, Deny(403)),
    ("POST", "/offerings/{id}/components", AU, Other, Deny(403)),

    ("GET", "/offerings/{id}/flows", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/flows", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/flows", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/flows", P, Own, Deny(403)),
    ("GET", "/offerings/{id}/flows", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/flows", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/flows", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/flows", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/flows", P, Other, Deny(403)),
    ("GET", "/offerings/{id}/flows", AU, Other, Deny(404)),

    ("POST", "/offerings/{id}/flows", PA, Own, Allow(201)),
    ("POST", "/offerings/{id}/flows", PM, Own, Allow(201)),
    ("POST", "/offerings/{id}/flows", IR, Own, Deny(403)),
    ("POST", "/offerings/{id}/flows", P, Own, Deny(403)),
    ("POST", "/offerings/{id}/flows", AU, Own, Deny(403)),
    ("POST", "/offerings/{id}/flows", PA, Other, Deny(404)),
    ("POST", "/offerings/{id}/flows", PM, Other, Deny(404)),
    ("POST", "/offerings/{id}/flows", IR, Other, Deny(403)),
    ("POST", "/offerings/{id}/flows", P, Other, Deny(403)),
    ("POST", "/offerings/{id}/flows", AU, Other, Deny(403)),

    ("POST", "/tech-notices", PA, Own, Allow(201)),
    ("POST", "/tech-notices", PM, Own, Allow(201)),
    ("POST", "/tech-notices", IR, Own, Deny(403)),
    ("POST", "/tech-notices", P, Own, Deny(403)),
    ("POST", "/tech-notices", AU, Own, Deny(403)),
    ("POST", "/tech-notices", PA, Other, Deny(422)),
    ("POST", "/tech-notices", PM, Other, Deny(422)),
    ("POST", "/tech-notices", IR, Other, Deny(403)),
    ("POST", "/tech-notices", P, Other, Deny(403)),
    ("POST", "/tech-notices", AU, Other, Deny(403)),

    ("GET", "/institution/duties", PA, NA, Deny(403)),
    ("GET", "/institution/duties", PM, NA, Deny(403)),
    ("GET", "/institution/duties", IR, NA, Allow(200)),
    ("GET", "/institution/duties", P, NA, Deny(403)),
    ("GET", "/institution/duties", AU, NA, Deny(403)),
];

/// The concrete request of a row: its path (from `/api/v1`), body, and for listings the
/// expectation on the rows.
struct Request {
    path: String,
    body: Option<Value>,
    /// A listing that must have rows (`Some(true)`) or none (`Some(false)`).
    rows: Option<bool>,
}

async fn request_for(
    w: &World,
    n: usize,
    method: &str,
    template: &str,
    role: Role,
    org: Org,
) -> Option<Request> {
    let o = &w.other;
    let own = org == Own;
    let listing = |own_path: &str, other_path: String| {
        Some(Request {
            path: if own { own_path.to_owned() } else { other_path },
            body: None,
            rows: Some(own),
        })
    };
    let plain = |path: String, body: Option<Value>| {
        Some(Request {
            path,
            body,
            rows: None,
        })
    };
    match (method, template) {
        ("GET", "/me") => plain("/me".into(), None),
        ("GET", "/openapi.json") => plain("/openapi.json".into(), None),
        ("POST", "/scope/check") => plain("/scope/check".into(), Some(profile_json("EHR"))),
        ("GET", "/organisations") if own => listing("/organisations", String::new()),
        // The plain listing again: the check that no row of the other organisation shows.
        ("GET", "/organisations") => plain("/organisations".into(), None),
        ("POST", "/organisations") => plain(
            "/organisations".into(),
            Some(json!({
                "kind": "medical_institution",
                "institution_kind": "clinic",
                "name": format!("行列テスト診療所 {n}"),
            })),
        ),
        ("GET", "/organisations/{id}") => {
            let id = if own { w.org_of(role) } else { &o.provider };
            plain(format!("/organisations/{id}"), None)
        }
        ("GET", "/offerings") => {
            listing("/offerings", format!("/offerings?provider={}", o.provider))
        }
        ("POST", "/offerings") => {
            let provider = if own { w.org_of(role) } else { &o.provider };
            plain(
                "/offerings".into(),
                Some(json!({
                    "provider": provider,
                    "profile": profile_json(&format!("行列テストサービス {n}")),
                })),
            )
        }
        ("GET", "/offerings/{id}") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(format!("/offerings/{id}"), None)
        }
        ("PUT", "/offerings/{id}/profile") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            let mut profile = profile_json("行列テスト");
            profile["contract"]["operation"] = json!(n.is_multiple_of(2));
            plain(
                format!("/offerings/{id}/profile"),
                Some(json!({"profile": profile, "revision": w.revision(id).await})),
            )
        }
        ("GET", "/contracts") => {
            listing("/contracts", format!("/contracts?offering={}", o.offering))
        }
        ("POST", "/contracts") => {
            let body = if own {
                json!({
                    "institution": w.minato,
                    "offering": w.ehr,
                    "kind": "maintenance",
                    "starts_on": "2026-12-01",
                })
            } else {
                json!({
                    "institution": o.clinic,
                    "provider": o.provider,
                    "offering": o.offering,
                    "kind": "provision",
                    "starts_on": "2026-12-01",
                })
            };
            plain("/contracts".into(), Some(body))
        }
        ("GET", "/supply-links") => listing(
            "/supply-links",
            format!("/supply-links?offering={}", o.offering),
        ),
        ("POST", "/supply-links") => {
            let body = if own {
                json!({"offering": w.ehr, "code": "P1", "supplier": w.hinoki})
            } else {
                json!({"offering": o.offering, "code": "P1", "supplier": o.partner})
            };
            plain("/supply-links".into(), Some(body))
        }
        ("GET", "/audit") => listing("/audit", format!("/audit?object_id={}", o.offering)),
        ("GET", "/users") if own => listing("/users", String::new()),
        ("GET", "/users") => plain("/users".into(), None),
        ("POST", "/users") => {
            let org = if own { w.org_of(role) } else { &o.provider };
            plain(
                "/users".into(),
                Some(json!({
                    "org": org,
                    "login": format!("matrix-{n}@example.jp"),
                    "display_name": format!("行列 {n}"),
                    "role": "provider_member",
                    "password": "a long enough password",
                })),
            )
        }
        ("POST", "/users/{id}/password-reset") => {
            let id = match (org, role) {
                (Other, _) => o.user.as_str(),
                (_, PA) => w.throwaway_user.as_str(),
                _ => w.user_of(role),
            };
            plain(
                format!("/users/{id}/password-reset"),
                Some(json!({"password": "a new temporary password"})),
            )
        }
        ("GET", "/risks") => listing("/risks", format!("/risks?offering={}", o.offering)),
        ("POST", "/risks") => {
            let offering = if own { &w.ehr } else { &o.offering };
            plain(
                "/risks".into(),
                Some(json!({
                    "offering": offering,
                    "title": format!("行列テストのリスク {n}"),
                    "threat": "不正ログイン",
                    "confidentiality": true,
                    "impact": 3,
                    "likelihood": 3,
                })),
            )
        }
        ("GET", "/risks/{id}") => {
            let id = if own { &w.risk } else { &o.risk };
            plain(format!("/risks/{id}"), None)
        }
        ("PUT", "/risks/{id}/treatment") => {
            let id = if own { &w.risk } else { &o.risk };
            let (revision, _) = w.risk_state(id).await;
            plain(
                format!("/risks/{id}/treatment"),
                Some(json!({
                    "option": "reduce",
                    "measures": [{"description": format!("行列テストの対策 {n}")}],
                    "rationale": "顕在化率を下げる",
                    "residual_impact": 2,
                    "residual_likelihood": 2,
                    "revision": revision,
                })),
            )
        }
        ("PUT", "/risks/{id}/assessment") => {
            let id = if own { &w.risk } else { &o.risk };
            let (revision, _) = w.risk_state(id).await;
            plain(
                format!("/risks/{id}/assessment"),
                Some(json!({"impact": 3, "likelihood": 2, "revision": revision})),
            )
        }
        ("POST", "/risks/{id}/review") => {
            let id = if own { &w.risk } else { &o.risk };
            let (revision, _) = w.risk_state(id).await;
            plain(
                format!("/risks/{id}/review"),
                Some(json!({"revision": revision})),
            )
        }
        ("POST", "/risks/{id}/consent") => {
            let id = if own { &w.risk } else { &o.risk };
            let (_, digest) = w.risk_state(id).await;
            plain(
                format!("/risks/{id}/consent"),
                Some(json!({"digest": digest})),
            )
        }
        ("GET", "/risks/heat-map") => plain(
            if own {
                "/risks/heat-map".into()
            } else {
                format!("/risks/heat-map?offering={}", o.offering)
            },
            None,
        ),
        ("GET", "/risks/matrix") => plain("/risks/matrix".into(), None),
        ("POST", "/risks/matrix") => plain(
            "/risks/matrix".into(),
            Some(json!({"cells": [
                ["D", "D", "C", "C", "B"],
                ["D", "C", "C", "B", "B"],
                ["C", "C", "B", "A", "A"],
                ["C", "B", "A", "A", "S"],
                ["B", "A", "A", "S", "S"],
            ]})),
        ),
        ("GET", "/offerings/{id}/components") | ("GET", "/offerings/{id}/flows") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(template.replace("{id}", id), None)
        }
        ("POST", "/offerings/{id}/components") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(
                format!("/offerings/{id}/components"),
                Some(json!({
                    "name": format!("行列テストの構成要素 {n}"),
                    "kind": "server",
                    "environment": "test",
                })),
            )
        }
        ("POST", "/offerings/{id}/flows") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(
                format!("/offerings/{id}/flows"),
                Some(json!({
                    "who": "保守要員",
                    "place": "事業者のデータセンター",
                    "device_or_medium": "保守用端末",
                    "what": format!("行列テストのデータベース {n}"),
                    "how": "障害解析のため参照",
                    "class": "patient_personal_information",
                    "environment": "production",
                })),
            )
        }
        ("POST", "/tech-notices") => {
            let id = if own { &w.risk } else { &o.risk };
            plain(
                "/tech-notices".into(),
                Some(json!({"title": format!("多要素認証の普及 {n}"), "risks": [id]})),
            )
        }
        ("GET", "/institution/duties") => plain("/institution/duties".into(), None),
        _ => None,
    }
}

/// The start of a long body, for failure messages.
fn short(text: &str) -> String {
    text.chars().take(300).collect()
}

/// The code a denial must carry.
fn code_of(status: u16) -> &'static str {
    match status {
        403 => "forbidden",
        404 => "not_found",
        422 => "invalid_input",
        _ => "?",
    }
}

#[test]
fn every_documented_route_has_a_row_for_every_role_and_organisation() {
    let routes = documented_routes();
    let mut problems = Vec::new();
    for (method, path) in &routes {
        let rows: Vec<_> = ROWS
            .iter()
            .filter(|r| r.0 == method && r.1 == path)
            .collect();
        let orgless = rows.iter().any(|r| r.3 == NA);
        for role in ROLES {
            let have: BTreeSet<Org> = rows.iter().filter(|r| r.2 == role).map(|r| r.3).collect();
            let need: BTreeSet<Org> = if orgless {
                [NA].into()
            } else {
                [Own, Other].into()
            };
            if have != need {
                problems.push(format!(
                    "{method} {path} as {role}: rows for {have:?}, needs {need:?}"
                ));
            }
        }
    }
    for (method, path, role, org, _) in ROWS {
        if !routes.iter().any(|(m, p)| m == method && p == path) {
            problems.push(format!(
                "a row for {method} {path} ({role}, {org:?}), which is not a documented route"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the authorisation matrix does not cover the API:\n{}",
        problems.join("\n")
    );
}

#[tokio::test]
async fn the_authorisation_matrix() {
    let w = World::new().await;
    let mut failures = Vec::new();
    for (n, &(method, template, role, org, expect)) in ROWS.iter().enumerate() {
        let what = format!("{method} {template} as {role} ({org:?})");
        let Some(req) = request_for(&w, n, method, template, role, org).await else {
            failures.push(format!("{what}: no request is defined for this route"));
            continue;
        };
        let r: Reply = w.call(method, &req.path, role, req.body.as_ref()).await;
        let (status, allowed) = match expect {
            Allow(s) => (s, true),
            Deny(s) => (s, false),
        };
        if r.status != status {
            failures.push(format!(
                "{what}: {} instead of {status}: {}",
                r.status,
                short(&r.text)
            ));
            continue;
        }
        if let Some(p) = shape_problem(&r) {
            failures.push(format!("{what}: {p}"));
        }
        if !allowed && r.code() != code_of(status) {
            failures.push(format!("{what}: code `{}`", r.code()));
        }
        if allowed && r.body.get("items").is_some() {
            for id in w.other.ids() {
                if r.text.contains(id) {
                    failures.push(format!(
                        "{what}: the listing shows {id} of the other organisation"
                    ));
                }
            }
            match req.rows {
                Some(true) if r.items().is_empty() => {
                    failures.push(format!("{what}: the listing is empty"))
                }
                Some(false) if !r.items().is_empty() => failures.push(format!(
                    "{what}: the filtered listing shows rows: {}",
                    short(&r.text)
                )),
                _ => {}
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        ROWS.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn no_token_and_bad_tokens_get_401_on_every_route() {
    let w = World::new().await;
    // A revoked token of the member.
    let ctx = w.t.session(PM).await;
    let revoked =
        w.t.app
            .create_api_token(&ctx, "revoked", None)
            .await
            .unwrap();
    w.t.app
        .revoke_api_token(&ctx, &revoked.record.id)
        .await
        .unwrap();
    let bad_tokens = [
        None,
        Some("garbage"),
        Some("anzen_0000000000000000000000000000000000000000000"),
        Some(revoked.secret.as_str()),
    ];
    let mut failures = Vec::new();
    for (method, template) in documented_routes() {
        if template == "/openapi.json" {
            continue;
        }
        let path = template.replace("{id}", &w.ehr);
        let body = (method != "GET").then(|| json!({}));
        for token in bad_tokens {
            let r = call(&w.t, &method, &path, token, body.as_ref()).await;
            if r.status != 401 || r.code() != "unauthenticated" {
                failures.push(format!(
                    "{method} {path} with {token:?}: {} {}",
                    r.status, r.text
                ));
            }
        }
    }
    // The scheme is case-insensitive but must be Bearer.
    let res = reqwest::Client::new()
        .get(w.t.url("/api/v1/me"))
        .header("authorization", format!("Basic {}", w.token(PA)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert_eq!(res.headers()["www-authenticate"], "Bearer");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn an_expired_token_or_auditor_access_gets_401() {
    let w = World::new().await;
    let ctx = w.t.session(PM).await;
    let short =
        w.t.app
            .create_api_token(&ctx, "a day", Some(1))
            .await
            .unwrap();
    assert_eq!(
        call(&w.t, "GET", "/me", Some(&short.secret), None)
            .await
            .status,
        200
    );
    w.t.clock.advance(jiff::SignedDuration::from_hours(25));
    let r = call(&w.t, "GET", "/me", Some(&short.secret), None).await;
    assert_eq!((r.status, r.code()), (401, "unauthenticated"));
    // The auditor's access ends 90 days after the demo was made.
    assert_eq!(w.call("GET", "/audit", AU, None).await.status, 200);
    w.t.clock.advance(jiff::SignedDuration::from_hours(24 * 91));
    assert_eq!(w.call("GET", "/audit", AU, None).await.status, 401);
}

#[tokio::test]
async fn listings_of_one_organisation_never_show_another_organisations_rows() {
    let w = World::new().await;
    let lists = [
        "/organisations",
        "/offerings",
        "/contracts",
        "/supply-links",
        "/audit",
        "/users",
        "/risks",
    ];
    // The demo organisations' side, as every role that can list.
    let mut seen_own = 0;
    for role in ROLES {
        for path in lists {
            let r = w
                .call("GET", &format!("{path}?limit=500"), role, None)
                .await;
            if r.status == 403 {
                continue;
            }
            assert_eq!(r.status, 200, "{path} as {role}: {}", r.text);
            seen_own += r.items().len();
            for id in w.other.ids() {
                assert!(!r.text.contains(id), "{path} as {role} shows {id}");
            }
        }
    }
    assert!(seen_own > 20);
    // The second provider's side: none of the demo organisations' rows.
    let token = w.token_of_login(&w.other.member_login).await;
    let demo_ids = [
        w.sakura.as_str(),
        w.hinoki.as_str(),
        w.minato.as_str(),
        w.ehr.as_str(),
        w.region.as_str(),
        w.user_of(PA),
    ];
    for path in lists {
        let r = call(
            &w.t,
            "GET",
            &format!("{path}?limit=500"),
            Some(&token),
            None,
        )
        .await;
        if r.status == 403 {
            continue;
        }
        assert_eq!(r.status, 200, "{path}: {}", r.text);
        assert!(
            !r.items().is_empty(),
            "{path} shows the second provider's own rows"
        );
        for id in demo_ids {
            assert!(
                !r.text.contains(id),
                "{path} of the second provider shows {id}"
            );
        }
    }
    // And by id: 404, never 403.
    for path in [
        format!("/offerings/{}", w.ehr),
        format!("/organisations/{}", w.sakura),
    ] {
        let r = call(&w.t, "GET", &path, Some(&token), None).await;
        assert_eq!((r.status, r.code()), (404, "not_found"), "{path}");
    }
}
