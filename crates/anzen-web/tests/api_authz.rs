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

use crate::api_support;

use std::collections::BTreeSet;

use anzen_domain::access::Role;
use api_support::{
    ROLES, Reply, World, call, call_raw, documented_routes, profile_json, shape_problem,
};
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

    ("GET", "/audit/checkpoint", PA, NA, Allow(200)),
    ("GET", "/audit/checkpoint", PM, NA, Deny(403)),
    ("GET", "/audit/checkpoint", IR, NA, Deny(403)),
    ("GET", "/audit/checkpoint", P, NA, Deny(403)),
    ("GET", "/audit/checkpoint", AU, NA, Allow(200)),

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

    // Marking reviewed is always refused: a review is a reassessment (GL 5.1.7).
    ("POST", "/risks/{id}/review", PA, Own, Deny(409)),
    ("POST", "/risks/{id}/review", PM, Own, Deny(409)),
    ("POST", "/risks/{id}/review", IR, Own, Deny(403)),
    ("POST", "/risks/{id}/review", P, Own, Deny(403)),
    ("POST", "/risks/{id}/review", AU, Own, Deny(403)),
    ("POST", "/risks/{id}/review", PA, Other, Deny(404)),
    ("POST", "/risks/{id}/review", PM, Other, Deny(404)),
    ("POST", "/risks/{id}/review", IR, Other, Deny(403)),
    ("POST", "/risks/{id}/review", P, Other, Deny(403)),
    ("POST", "/risks/{id}/review", AU, Other, Deny(403)),

    ("POST", "/risks/{id}/questions", PA, Own, Deny(403)),
    ("POST", "/risks/{id}/questions", PM, Own, Deny(403)),
    ("POST", "/risks/{id}/questions", IR, Own, Allow(200)),
    ("POST", "/risks/{id}/questions", P, Own, Deny(403)),
    ("POST", "/risks/{id}/questions", AU, Own, Deny(403)),
    ("POST", "/risks/{id}/questions", PA, Other, Deny(403)),
    ("POST", "/risks/{id}/questions", PM, Other, Deny(403)),
    ("POST", "/risks/{id}/questions", IR, Other, Deny(404)),
    ("POST", "/risks/{id}/questions", P, Other, Deny(403)),
    ("POST", "/risks/{id}/questions", AU, Other, Deny(403)),
    ("POST", "/risks/{id}/decline", PA, Own, Deny(403)),
    ("POST", "/risks/{id}/decline", PM, Own, Deny(403)),
    ("POST", "/risks/{id}/decline", IR, Own, Allow(200)),
    ("POST", "/risks/{id}/decline", P, Own, Deny(403)),
    ("POST", "/risks/{id}/decline", AU, Own, Deny(403)),
    ("POST", "/risks/{id}/decline", PA, Other, Deny(403)),
    ("POST", "/risks/{id}/decline", PM, Other, Deny(403)),
    ("POST", "/risks/{id}/decline", IR, Other, Deny(404)),
    ("POST", "/risks/{id}/decline", P, Other, Deny(403)),
    ("POST", "/risks/{id}/decline", AU, Other, Deny(403)),
    ("POST", "/risks/{id}/answers", PA, Own, Allow(200)),
    ("POST", "/risks/{id}/answers", PM, Own, Allow(200)),
    ("POST", "/risks/{id}/answers", IR, Own, Deny(403)),
    ("POST", "/risks/{id}/answers", P, Own, Deny(403)),
    ("POST", "/risks/{id}/answers", AU, Own, Deny(403)),
    ("POST", "/risks/{id}/answers", PA, Other, Deny(404)),
    ("POST", "/risks/{id}/answers", PM, Other, Deny(404)),
    ("POST", "/risks/{id}/answers", IR, Other, Deny(403)),
    ("POST", "/risks/{id}/answers", P, Other, Deny(403)),
    ("POST", "/risks/{id}/answers", AU, Other, Deny(403)),
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

    ("POST", "/tech-notices/preview", PA, Own, Allow(200)),
    ("POST", "/tech-notices/preview", PM, Own, Allow(200)),
    ("POST", "/tech-notices/preview", IR, Own, Deny(403)),
    ("POST", "/tech-notices/preview", P, Own, Deny(403)),
    ("POST", "/tech-notices/preview", AU, Own, Deny(403)),
    ("POST", "/tech-notices/preview", PA, Other, Deny(422)),
    ("POST", "/tech-notices/preview", PM, Other, Deny(422)),
    ("POST", "/tech-notices/preview", IR, Other, Deny(403)),
    ("POST", "/tech-notices/preview", P, Other, Deny(403)),
    ("POST", "/tech-notices/preview", AU, Other, Deny(403)),

    ("PUT", "/flows/{id}", PA, Own, Allow(200)),
    ("PUT", "/flows/{id}", PM, Own, Allow(200)),
    ("PUT", "/flows/{id}", IR, Own, Deny(403)),
    ("PUT", "/flows/{id}", P, Own, Deny(403)),
    ("PUT", "/flows/{id}", AU, Own, Deny(403)),
    ("PUT", "/flows/{id}", PA, Other, Deny(404)),
    ("PUT", "/flows/{id}", PM, Other, Deny(404)),
    ("PUT", "/flows/{id}", IR, Other, Deny(403)),
    ("PUT", "/flows/{id}", P, Other, Deny(403)),
    ("PUT", "/flows/{id}", AU, Other, Deny(403)),

    ("PUT", "/components/{id}", PA, Own, Allow(200)),
    ("PUT", "/components/{id}", PM, Own, Allow(200)),
    ("PUT", "/components/{id}", IR, Own, Deny(403)),
    ("PUT", "/components/{id}", P, Own, Deny(403)),
    ("PUT", "/components/{id}", AU, Own, Deny(403)),
    ("PUT", "/components/{id}", PA, Other, Deny(404)),
    ("PUT", "/components/{id}", PM, Other, Deny(404)),
    ("PUT", "/components/{id}", IR, Other, Deny(403)),
    ("PUT", "/components/{id}", P, Other, Deny(403)),
    ("PUT", "/components/{id}", AU, Other, Deny(403)),

    ("GET", "/risks/{id}/flow", PA, Own, Allow(200)),
    ("GET", "/risks/{id}/flow", PM, Own, Allow(200)),
    ("GET", "/risks/{id}/flow", IR, Own, Allow(200)),
    ("GET", "/risks/{id}/flow", P, Own, Deny(403)),
    ("GET", "/risks/{id}/flow", AU, Own, Allow(200)),
    ("GET", "/risks/{id}/flow", PA, Other, Deny(404)),
    ("GET", "/risks/{id}/flow", PM, Other, Deny(404)),
    ("GET", "/risks/{id}/flow", IR, Other, Deny(404)),
    ("GET", "/risks/{id}/flow", P, Other, Deny(403)),
    ("GET", "/risks/{id}/flow", AU, Other, Deny(404)),

    ("GET", "/institution/duties", PA, NA, Deny(403)),
    ("GET", "/institution/duties", PM, NA, Deny(403)),
    ("GET", "/institution/duties", IR, NA, Allow(200)),
    ("GET", "/institution/duties", P, NA, Deny(403)),
    ("GET", "/institution/duties", AU, NA, Deny(403)),

    ("GET", "/offerings/{id}/statements", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/statements", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/statements", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/statements", P, Own, Deny(403)),
    ("GET", "/offerings/{id}/statements", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/statements", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/statements", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/statements", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/statements", P, Other, Deny(403)),
    ("GET", "/offerings/{id}/statements", AU, Other, Deny(404)),

    ("PUT", "/offerings/{id}/statements", PA, Own, Allow(200)),
    ("PUT", "/offerings/{id}/statements", PM, Own, Allow(200)),
    ("PUT", "/offerings/{id}/statements", IR, Own, Deny(403)),
    ("PUT", "/offerings/{id}/statements", P, Own, Deny(403)),
    ("PUT", "/offerings/{id}/statements", AU, Own, Deny(403)),
    ("PUT", "/offerings/{id}/statements", PA, Other, Deny(404)),
    ("PUT", "/offerings/{id}/statements", PM, Other, Deny(404)),
    ("PUT", "/offerings/{id}/statements", IR, Other, Deny(403)),
    ("PUT", "/offerings/{id}/statements", P, Other, Deny(403)),
    ("PUT", "/offerings/{id}/statements", AU, Other, Deny(403)),

    ("GET", "/controls/catalogues", PA, NA, Allow(200)),
    ("GET", "/controls/catalogues", PM, NA, Allow(200)),
    ("GET", "/controls/catalogues", IR, NA, Allow(200)),
    ("GET", "/controls/catalogues", P, NA, Deny(403)),
    ("GET", "/controls/catalogues", AU, NA, Allow(200)),

    ("POST", "/controls/catalogues", PA, NA, Allow(201)),
    ("POST", "/controls/catalogues", PM, NA, Allow(201)),
    ("POST", "/controls/catalogues", IR, NA, Deny(403)),
    ("POST", "/controls/catalogues", P, NA, Deny(403)),
    ("POST", "/controls/catalogues", AU, NA, Deny(403)),

    ("GET", "/controls/catalogues/{id}/diff", PA, NA, Allow(200)),
    ("GET", "/controls/catalogues/{id}/diff", PM, NA, Allow(200)),
    ("GET", "/controls/catalogues/{id}/diff", IR, NA, Allow(200)),
    ("GET", "/controls/catalogues/{id}/diff", P, NA, Deny(403)),
    ("GET", "/controls/catalogues/{id}/diff", AU, NA, Allow(200)),

    ("POST", "/controls/provider", PA, NA, Allow(201)),
    ("POST", "/controls/provider", PM, NA, Allow(201)),
    ("POST", "/controls/provider", IR, NA, Deny(403)),
    ("POST", "/controls/provider", P, NA, Deny(403)),
    ("POST", "/controls/provider", AU, NA, Deny(403)),

    ("GET", "/regulatory/unmet", PA, Own, Allow(200)),
    ("GET", "/regulatory/unmet", PM, Own, Allow(200)),
    ("GET", "/regulatory/unmet", IR, Own, Allow(200)),
    ("GET", "/regulatory/unmet", P, Own, Deny(403)),
    ("GET", "/regulatory/unmet", AU, Own, Allow(200)),
    ("GET", "/regulatory/unmet", PA, Other, Allow(200)),
    ("GET", "/regulatory/unmet", PM, Other, Allow(200)),
    ("GET", "/regulatory/unmet", IR, Other, Allow(200)),
    ("GET", "/regulatory/unmet", P, Other, Deny(403)),
    ("GET", "/regulatory/unmet", AU, Other, Allow(200)),

    ("GET", "/offerings/{id}/chain", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/chain", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/chain", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/chain", P, Own, Allow(200)),
    ("GET", "/offerings/{id}/chain", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/chain", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/chain", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/chain", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/chain", P, Other, Deny(404)),
    ("GET", "/offerings/{id}/chain", AU, Other, Deny(404)),

    ("GET", "/contracts/{id}/agreements", PA, Own, Allow(200)),
    ("GET", "/contracts/{id}/agreements", PM, Own, Allow(200)),
    ("GET", "/contracts/{id}/agreements", IR, Own, Allow(200)),
    ("GET", "/contracts/{id}/agreements", P, Own, Deny(403)),
    ("GET", "/contracts/{id}/agreements", AU, Own, Allow(200)),
    ("GET", "/contracts/{id}/agreements", PA, Other, Deny(404)),
    ("GET", "/contracts/{id}/agreements", PM, Other, Deny(404)),
    ("GET", "/contracts/{id}/agreements", IR, Other, Deny(404)),
    ("GET", "/contracts/{id}/agreements", P, Other, Deny(403)),
    ("GET", "/contracts/{id}/agreements", AU, Other, Deny(404)),

    ("POST", "/contracts/{id}/agreements", PA, Own, Allow(201)),
    ("POST", "/contracts/{id}/agreements", PM, Own, Allow(201)),
    ("POST", "/contracts/{id}/agreements", IR, Own, Deny(403)),
    ("POST", "/contracts/{id}/agreements", P, Own, Deny(403)),
    ("POST", "/contracts/{id}/agreements", AU, Own, Deny(403)),
    ("POST", "/contracts/{id}/agreements", PA, Other, Deny(404)),
    ("POST", "/contracts/{id}/agreements", PM, Other, Deny(404)),
    ("POST", "/contracts/{id}/agreements", IR, Other, Deny(403)),
    ("POST", "/contracts/{id}/agreements", P, Other, Deny(403)),
    ("POST", "/contracts/{id}/agreements", AU, Other, Deny(403)),

    ("GET", "/agreements/{id}", PA, Own, Allow(200)),
    ("GET", "/agreements/{id}", PM, Own, Allow(200)),
    ("GET", "/agreements/{id}", IR, Own, Allow(200)),
    ("GET", "/agreements/{id}", P, Own, Allow(200)),
    ("GET", "/agreements/{id}", AU, Own, Allow(200)),
    ("GET", "/agreements/{id}", PA, Other, Deny(404)),
    ("GET", "/agreements/{id}", PM, Other, Deny(404)),
    ("GET", "/agreements/{id}", IR, Other, Deny(404)),
    ("GET", "/agreements/{id}", P, Other, Deny(404)),
    ("GET", "/agreements/{id}", AU, Other, Deny(404)),

    ("PUT", "/agreements/{id}", PA, Own, Allow(200)),
    ("PUT", "/agreements/{id}", PM, Own, Allow(200)),
    ("PUT", "/agreements/{id}", IR, Own, Deny(403)),
    ("PUT", "/agreements/{id}", P, Own, Deny(403)),
    ("PUT", "/agreements/{id}", AU, Own, Deny(403)),
    ("PUT", "/agreements/{id}", PA, Other, Deny(404)),
    ("PUT", "/agreements/{id}", PM, Other, Deny(404)),
    ("PUT", "/agreements/{id}", IR, Other, Deny(403)),
    ("PUT", "/agreements/{id}", P, Other, Deny(403)),
    ("PUT", "/agreements/{id}", AU, Other, Deny(403)),

    ("POST", "/agreements/{id}/agree", PA, Own, Allow(200)),
    ("POST", "/agreements/{id}/agree", PM, Own, Allow(200)),
    ("POST", "/agreements/{id}/agree", IR, Own, Allow(200)),
    ("POST", "/agreements/{id}/agree", P, Own, Allow(200)),
    ("POST", "/agreements/{id}/agree", AU, Own, Deny(403)),
    ("POST", "/agreements/{id}/agree", PA, Other, Deny(404)),
    ("POST", "/agreements/{id}/agree", PM, Other, Deny(404)),
    ("POST", "/agreements/{id}/agree", IR, Other, Deny(404)),
    ("POST", "/agreements/{id}/agree", P, Other, Deny(404)),
    ("POST", "/agreements/{id}/agree", AU, Other, Deny(403)),

    ("GET", "/certifications", PA, Own, Allow(200)),
    ("GET", "/certifications", PM, Own, Allow(200)),
    ("GET", "/certifications", IR, Own, Allow(200)),
    ("GET", "/certifications", P, Own, Allow(200)),
    ("GET", "/certifications", AU, Own, Allow(200)),
    ("GET", "/certifications", PA, Other, Allow(200)),
    ("GET", "/certifications", PM, Other, Allow(200)),
    ("GET", "/certifications", IR, Other, Allow(200)),
    ("GET", "/certifications", P, Other, Allow(200)),
    ("GET", "/certifications", AU, Other, Allow(200)),

    ("POST", "/certifications", PA, NA, Allow(201)),
    ("POST", "/certifications", PM, NA, Allow(201)),
    ("POST", "/certifications", IR, NA, Deny(403)),
    ("POST", "/certifications", P, NA, Allow(201)),
    ("POST", "/certifications", AU, NA, Deny(403)),

    ("GET", "/devices", PA, Own, Allow(200)),
    ("GET", "/devices", PM, Own, Allow(200)),
    ("GET", "/devices", IR, Own, Allow(200)),
    ("GET", "/devices", P, Own, Allow(200)),
    ("GET", "/devices", AU, Own, Allow(200)),
    ("GET", "/devices", PA, Other, Allow(200)),
    ("GET", "/devices", PM, Other, Allow(200)),
    ("GET", "/devices", IR, Other, Allow(200)),
    ("GET", "/devices", P, Other, Allow(200)),
    ("GET", "/devices", AU, Other, Allow(200)),

    ("POST", "/devices", PA, Own, Allow(201)),
    ("POST", "/devices", PM, Own, Allow(201)),
    ("POST", "/devices", IR, Own, Deny(403)),
    ("POST", "/devices", P, Own, Allow(201)),
    ("POST", "/devices", AU, Own, Deny(403)),
    ("POST", "/devices", PA, Other, Deny(422)),
    ("POST", "/devices", PM, Other, Deny(422)),
    ("POST", "/devices", IR, Other, Deny(403)),
    ("POST", "/devices", P, Other, Deny(422)),
    ("POST", "/devices", AU, Other, Deny(403)),

    ("PUT", "/devices/{id}", PA, Own, Allow(200)),
    ("PUT", "/devices/{id}", PM, Own, Allow(200)),
    ("PUT", "/devices/{id}", IR, Own, Deny(403)),
    ("PUT", "/devices/{id}", P, Own, Allow(200)),
    ("PUT", "/devices/{id}", AU, Own, Deny(403)),
    ("PUT", "/devices/{id}", PA, Other, Deny(404)),
    ("PUT", "/devices/{id}", PM, Other, Deny(404)),
    ("PUT", "/devices/{id}", IR, Other, Deny(403)),
    ("PUT", "/devices/{id}", P, Other, Deny(404)),
    ("PUT", "/devices/{id}", AU, Other, Deny(403)),

    ("GET", "/institutions/{id}/disclosures", PA, Own, Allow(200)),
    ("GET", "/institutions/{id}/disclosures", PM, Own, Allow(200)),
    ("GET", "/institutions/{id}/disclosures", IR, Own, Allow(200)),
    ("GET", "/institutions/{id}/disclosures", P, Own, Deny(404)),
    ("GET", "/institutions/{id}/disclosures", AU, Own, Allow(200)),
    ("GET", "/institutions/{id}/disclosures", PA, Other, Deny(404)),
    ("GET", "/institutions/{id}/disclosures", PM, Other, Deny(404)),
    ("GET", "/institutions/{id}/disclosures", IR, Other, Deny(404)),
    ("GET", "/institutions/{id}/disclosures", P, Other, Deny(404)),
    ("GET", "/institutions/{id}/disclosures", AU, Other, Deny(404)),

    ("POST", "/institutions/{id}/disclosures", PA, Own, Allow(201)),
    ("POST", "/institutions/{id}/disclosures", PM, Own, Allow(201)),
    ("POST", "/institutions/{id}/disclosures", IR, Own, Deny(403)),
    ("POST", "/institutions/{id}/disclosures", P, Own, Deny(404)),
    ("POST", "/institutions/{id}/disclosures", AU, Own, Deny(403)),
    ("POST", "/institutions/{id}/disclosures", PA, Other, Deny(404)),
    ("POST", "/institutions/{id}/disclosures", PM, Other, Deny(404)),
    ("POST", "/institutions/{id}/disclosures", IR, Other, Deny(403)),
    ("POST", "/institutions/{id}/disclosures", P, Other, Deny(404)),
    ("POST", "/institutions/{id}/disclosures", AU, Other, Deny(403)),

    ("GET", "/notifications", PA, NA, Allow(200)),
    ("GET", "/notifications", PM, NA, Allow(200)),
    ("GET", "/notifications", IR, NA, Allow(200)),
    ("GET", "/notifications", P, NA, Allow(200)),
    ("GET", "/notifications", AU, NA, Allow(200)),

    ("POST", "/notifications", PA, Own, Allow(201)),
    ("POST", "/notifications", PM, Own, Allow(201)),
    ("POST", "/notifications", IR, Own, Deny(403)),
    ("POST", "/notifications", P, Own, Allow(201)),
    ("POST", "/notifications", AU, Own, Deny(403)),
    ("POST", "/notifications", PA, Other, Deny(422)),
    ("POST", "/notifications", PM, Other, Deny(422)),
    ("POST", "/notifications", IR, Other, Deny(403)),
    ("POST", "/notifications", P, Other, Deny(422)),
    ("POST", "/notifications", AU, Other, Deny(403)),

    ("POST", "/notifications/{id}/acknowledge", PA, Own, Allow(200)),
    ("POST", "/notifications/{id}/acknowledge", PM, Own, Allow(200)),
    ("POST", "/notifications/{id}/acknowledge", IR, Own, Allow(200)),
    ("POST", "/notifications/{id}/acknowledge", P, Own, Allow(200)),
    ("POST", "/notifications/{id}/acknowledge", AU, Own, Deny(403)),
    ("POST", "/notifications/{id}/acknowledge", PA, Other, Deny(404)),
    ("POST", "/notifications/{id}/acknowledge", PM, Other, Deny(404)),
    ("POST", "/notifications/{id}/acknowledge", IR, Other, Deny(404)),
    ("POST", "/notifications/{id}/acknowledge", P, Other, Deny(404)),
    ("POST", "/notifications/{id}/acknowledge", AU, Other, Deny(403)),
    ("GET", "/documents", PA, Own, Allow(200)),
    ("GET", "/documents", PM, Own, Allow(200)),
    ("GET", "/documents", IR, Own, Allow(200)),
    ("GET", "/documents", P, Own, Allow(200)),
    ("GET", "/documents", AU, Own, Allow(200)),
    ("GET", "/documents", PA, Other, Allow(200)),
    ("GET", "/documents", PM, Other, Allow(200)),
    ("GET", "/documents", IR, Other, Allow(200)),
    ("GET", "/documents", P, Other, Allow(200)),
    ("GET", "/documents", AU, Other, Allow(200)),

    ("POST", "/documents", PA, Own, Allow(200)),
    ("POST", "/documents", PM, Own, Allow(200)),
    ("POST", "/documents", IR, Own, Allow(200)),
    ("POST", "/documents", P, Own, Deny(422)),
    ("POST", "/documents", AU, Own, Allow(200)),
    ("POST", "/documents", PA, Other, Deny(404)),
    ("POST", "/documents", PM, Other, Deny(404)),
    ("POST", "/documents", IR, Other, Deny(404)),
    ("POST", "/documents", P, Other, Deny(422)),
    ("POST", "/documents", AU, Other, Deny(404)),

    // Document jobs: started like an issue; only the caller who started one sees it.
    ("POST", "/documents/jobs", PA, Own, Allow(202)),
    ("POST", "/documents/jobs", PM, Own, Allow(202)),
    ("POST", "/documents/jobs", IR, Own, Allow(202)),
    ("POST", "/documents/jobs", P, Own, Deny(422)),
    ("POST", "/documents/jobs", AU, Own, Allow(202)),
    ("POST", "/documents/jobs", PA, Other, Deny(404)),
    ("POST", "/documents/jobs", PM, Other, Deny(404)),
    ("POST", "/documents/jobs", IR, Other, Deny(404)),
    ("POST", "/documents/jobs", P, Other, Deny(422)),
    ("POST", "/documents/jobs", AU, Other, Deny(404)),

    ("GET", "/documents/jobs/{id}", PA, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}", PM, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}", IR, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}", P, Own, Deny(404)),
    ("GET", "/documents/jobs/{id}", AU, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}", PA, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}", PM, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}", IR, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}", P, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}", AU, Other, Deny(404)),

    ("GET", "/documents/jobs/{id}/file", PA, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}/file", PM, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}/file", IR, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}/file", P, Own, Deny(404)),
    ("GET", "/documents/jobs/{id}/file", AU, Own, Allow(200)),
    ("GET", "/documents/jobs/{id}/file", PA, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}/file", PM, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}/file", IR, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}/file", P, Other, Deny(404)),
    ("GET", "/documents/jobs/{id}/file", AU, Other, Deny(404)),

    ("GET", "/documents/{number}", PA, Own, Allow(200)),
    ("GET", "/documents/{number}", PM, Own, Allow(200)),
    ("GET", "/documents/{number}", IR, Own, Allow(200)),
    ("GET", "/documents/{number}", P, Own, Deny(404)),
    ("GET", "/documents/{number}", AU, Own, Allow(200)),
    ("GET", "/documents/{number}", PA, Other, Deny(404)),
    ("GET", "/documents/{number}", PM, Other, Deny(404)),
    ("GET", "/documents/{number}", IR, Other, Deny(404)),
    ("GET", "/documents/{number}", P, Other, Deny(404)),
    ("GET", "/documents/{number}", AU, Other, Deny(404)),

    ("POST", "/documents/verify", PA, Own, Allow(200)),
    ("POST", "/documents/verify", PM, Own, Allow(200)),
    ("POST", "/documents/verify", IR, Own, Allow(200)),
    ("POST", "/documents/verify", P, Own, Allow(200)),
    ("POST", "/documents/verify", AU, Own, Allow(200)),
    ("POST", "/documents/verify", PA, Other, Allow(200)),
    ("POST", "/documents/verify", PM, Other, Allow(200)),
    ("POST", "/documents/verify", IR, Other, Allow(200)),
    ("POST", "/documents/verify", P, Other, Allow(200)),
    ("POST", "/documents/verify", AU, Other, Allow(200)),

    // GL 4.3: the provider records evaluations of its offerings; an institution reads those of
    // the offerings it contracts; a partner none.
    ("GET", "/offerings/{id}/evaluations", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/evaluations", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/evaluations", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/evaluations", P, Own, Deny(403)),
    ("GET", "/offerings/{id}/evaluations", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/evaluations", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/evaluations", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/evaluations", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/evaluations", P, Other, Deny(403)),
    ("GET", "/offerings/{id}/evaluations", AU, Other, Deny(404)),

    ("POST", "/offerings/{id}/evaluations", PA, Own, Allow(201)),
    ("POST", "/offerings/{id}/evaluations", PM, Own, Allow(201)),
    ("POST", "/offerings/{id}/evaluations", IR, Own, Deny(403)),
    ("POST", "/offerings/{id}/evaluations", P, Own, Deny(403)),
    ("POST", "/offerings/{id}/evaluations", AU, Own, Deny(403)),
    ("POST", "/offerings/{id}/evaluations", PA, Other, Deny(404)),
    ("POST", "/offerings/{id}/evaluations", PM, Other, Deny(404)),
    ("POST", "/offerings/{id}/evaluations", IR, Other, Deny(403)),
    ("POST", "/offerings/{id}/evaluations", P, Other, Deny(403)),
    ("POST", "/offerings/{id}/evaluations", AU, Other, Deny(403)),

    ("GET", "/evaluations/{id}", PA, Own, Allow(200)),
    ("GET", "/evaluations/{id}", PM, Own, Allow(200)),
    ("GET", "/evaluations/{id}", IR, Own, Allow(200)),
    ("GET", "/evaluations/{id}", P, Own, Deny(403)),
    ("GET", "/evaluations/{id}", AU, Own, Allow(200)),
    ("GET", "/evaluations/{id}", PA, Other, Deny(404)),
    ("GET", "/evaluations/{id}", PM, Other, Deny(404)),
    ("GET", "/evaluations/{id}", IR, Other, Deny(404)),
    ("GET", "/evaluations/{id}", P, Other, Deny(403)),
    ("GET", "/evaluations/{id}", AU, Other, Deny(404)),

    ("POST", "/evaluations/{id}/follow-ups", PA, Own, Allow(200)),
    ("POST", "/evaluations/{id}/follow-ups", PM, Own, Allow(200)),
    ("POST", "/evaluations/{id}/follow-ups", IR, Own, Deny(403)),
    ("POST", "/evaluations/{id}/follow-ups", P, Own, Deny(403)),
    ("POST", "/evaluations/{id}/follow-ups", AU, Own, Deny(403)),
    ("POST", "/evaluations/{id}/follow-ups", PA, Other, Deny(404)),
    ("POST", "/evaluations/{id}/follow-ups", PM, Other, Deny(404)),
    ("POST", "/evaluations/{id}/follow-ups", IR, Other, Deny(403)),
    ("POST", "/evaluations/{id}/follow-ups", P, Other, Deny(403)),
    ("POST", "/evaluations/{id}/follow-ups", AU, Other, Deny(403)),

    // GL 4.4: a provider or a partner records its own exemption claim; an institution none.
    ("GET", "/certification-exemption", PA, NA, Allow(200)),
    ("GET", "/certification-exemption", PM, NA, Allow(200)),
    ("GET", "/certification-exemption", IR, NA, Deny(403)),
    ("GET", "/certification-exemption", P, NA, Allow(200)),
    ("GET", "/certification-exemption", AU, NA, Allow(200)),

    ("PUT", "/certification-exemption", PA, NA, Allow(200)),
    ("PUT", "/certification-exemption", PM, NA, Allow(200)),
    ("PUT", "/certification-exemption", IR, NA, Deny(403)),
    ("PUT", "/certification-exemption", P, NA, Allow(200)),
    ("PUT", "/certification-exemption", AU, NA, Deny(403)),

    ("POST", "/certification-exemption/withdraw", PA, NA, Allow(200)),
    ("POST", "/certification-exemption/withdraw", PM, NA, Allow(200)),
    ("POST", "/certification-exemption/withdraw", IR, NA, Deny(403)),
    ("POST", "/certification-exemption/withdraw", P, NA, Allow(200)),
    ("POST", "/certification-exemption/withdraw", AU, NA, Deny(403)),

    ("GET", "/operational-rules", PA, Own, Allow(200)),
    ("GET", "/operational-rules", PM, Own, Allow(200)),
    ("GET", "/operational-rules", IR, Own, Allow(200)),
    ("GET", "/operational-rules", P, Own, Allow(200)),
    ("GET", "/operational-rules", AU, Own, Allow(200)),
    ("GET", "/operational-rules", PA, Other, Allow(200)),
    ("GET", "/operational-rules", PM, Other, Allow(200)),
    ("GET", "/operational-rules", IR, Other, Allow(200)),
    ("GET", "/operational-rules", P, Other, Allow(200)),
    ("GET", "/operational-rules", AU, Other, Allow(200)),

    ("POST", "/operational-rules", PA, Own, Allow(201)),
    ("POST", "/operational-rules", PM, Own, Allow(201)),
    ("POST", "/operational-rules", IR, Own, Deny(403)),
    ("POST", "/operational-rules", P, Own, Deny(403)),
    ("POST", "/operational-rules", AU, Own, Deny(403)),
    ("POST", "/operational-rules", PA, Other, Deny(404)),
    ("POST", "/operational-rules", PM, Other, Deny(404)),
    ("POST", "/operational-rules", IR, Other, Deny(403)),
    ("POST", "/operational-rules", P, Other, Deny(403)),
    ("POST", "/operational-rules", AU, Other, Deny(403)),

    ("GET", "/operational-rules/draft", PA, Own, Allow(200)),
    ("GET", "/operational-rules/draft", PM, Own, Allow(200)),
    ("GET", "/operational-rules/draft", IR, Own, Deny(403)),
    ("GET", "/operational-rules/draft", P, Own, Deny(403)),
    ("GET", "/operational-rules/draft", AU, Own, Deny(403)),
    ("GET", "/operational-rules/draft", PA, Other, Deny(404)),
    ("GET", "/operational-rules/draft", PM, Other, Deny(404)),
    ("GET", "/operational-rules/draft", IR, Other, Deny(403)),
    ("GET", "/operational-rules/draft", P, Other, Deny(403)),
    ("GET", "/operational-rules/draft", AU, Other, Deny(403)),

    ("GET", "/operational-rules/{id}", PA, Own, Allow(200)),
    ("GET", "/operational-rules/{id}", PM, Own, Allow(200)),
    ("GET", "/operational-rules/{id}", IR, Own, Allow(200)),
    ("GET", "/operational-rules/{id}", P, Own, Deny(404)),
    ("GET", "/operational-rules/{id}", AU, Own, Allow(200)),
    ("GET", "/operational-rules/{id}", PA, Other, Deny(404)),
    ("GET", "/operational-rules/{id}", PM, Other, Deny(404)),
    ("GET", "/operational-rules/{id}", IR, Other, Deny(404)),
    ("GET", "/operational-rules/{id}", P, Other, Deny(404)),
    ("GET", "/operational-rules/{id}", AU, Other, Deny(404)),

    ("POST", "/operational-rules/{id}/responses", PA, Own, Deny(422)),
    ("POST", "/operational-rules/{id}/responses", PM, Own, Deny(422)),
    ("POST", "/operational-rules/{id}/responses", IR, Own, Allow(200)),
    ("POST", "/operational-rules/{id}/responses", P, Own, Deny(404)),
    ("POST", "/operational-rules/{id}/responses", AU, Own, Deny(422)),
    ("POST", "/operational-rules/{id}/responses", PA, Other, Deny(404)),
    ("POST", "/operational-rules/{id}/responses", PM, Other, Deny(404)),
    ("POST", "/operational-rules/{id}/responses", IR, Other, Deny(404)),
    ("POST", "/operational-rules/{id}/responses", P, Other, Deny(404)),
    ("POST", "/operational-rules/{id}/responses", AU, Other, Deny(404)),

    ("GET", "/institutions/{id}/rule-items", PA, Own, Allow(200)),
    ("GET", "/institutions/{id}/rule-items", PM, Own, Allow(200)),
    ("GET", "/institutions/{id}/rule-items", IR, Own, Allow(200)),
    ("GET", "/institutions/{id}/rule-items", P, Own, Deny(403)),
    ("GET", "/institutions/{id}/rule-items", AU, Own, Allow(200)),
    ("GET", "/institutions/{id}/rule-items", PA, Other, Deny(404)),
    ("GET", "/institutions/{id}/rule-items", PM, Other, Deny(404)),
    ("GET", "/institutions/{id}/rule-items", IR, Other, Deny(404)),
    ("GET", "/institutions/{id}/rule-items", P, Other, Deny(403)),
    ("GET", "/institutions/{id}/rule-items", AU, Other, Deny(404)),

    ("GET", "/contracts/{id}/readiness", PA, Own, Allow(200)),
    ("GET", "/contracts/{id}/readiness", PM, Own, Allow(200)),
    ("GET", "/contracts/{id}/readiness", IR, Own, Allow(200)),
    ("GET", "/contracts/{id}/readiness", P, Own, Deny(403)),
    ("GET", "/contracts/{id}/readiness", AU, Own, Allow(200)),
    ("GET", "/contracts/{id}/readiness", PA, Other, Deny(404)),
    ("GET", "/contracts/{id}/readiness", PM, Other, Deny(404)),
    ("GET", "/contracts/{id}/readiness", IR, Other, Deny(404)),
    ("GET", "/contracts/{id}/readiness", P, Other, Deny(403)),
    ("GET", "/contracts/{id}/readiness", AU, Other, Deny(404)),

    ("GET", "/readiness", PA, Own, Allow(200)),
    ("GET", "/readiness", PM, Own, Allow(200)),
    ("GET", "/readiness", IR, Own, Allow(200)),
    ("GET", "/readiness", P, Own, Deny(403)),
    ("GET", "/readiness", AU, Own, Allow(200)),
    ("GET", "/readiness", PA, Other, Allow(200)),
    ("GET", "/readiness", PM, Other, Allow(200)),
    ("GET", "/readiness", IR, Other, Allow(200)),
    ("GET", "/readiness", P, Other, Deny(403)),
    ("GET", "/readiness", AU, Other, Allow(200)),

    // The MHLW provider checklist (guideline-notes §7): the provider answers; an institution
    // that contracts the offering reads; a partner nothing.
    ("GET", "/checklist/editions", PA, NA, Allow(200)),
    ("GET", "/checklist/editions", PM, NA, Allow(200)),
    ("GET", "/checklist/editions", IR, NA, Allow(200)),
    ("GET", "/checklist/editions", P, NA, Deny(403)),
    ("GET", "/checklist/editions", AU, NA, Allow(200)),

    ("POST", "/checklist/editions", PA, NA, Allow(201)),
    ("POST", "/checklist/editions", PM, NA, Allow(201)),
    ("POST", "/checklist/editions", IR, NA, Deny(403)),
    ("POST", "/checklist/editions", P, NA, Deny(403)),
    ("POST", "/checklist/editions", AU, NA, Deny(403)),

    ("GET", "/offerings/{id}/checklist", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/checklist", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/checklist", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/checklist", P, Own, Deny(403)),
    ("GET", "/offerings/{id}/checklist", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/checklist", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/checklist", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/checklist", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/checklist", P, Other, Deny(403)),
    ("GET", "/offerings/{id}/checklist", AU, Other, Deny(404)),

    ("PUT", "/offerings/{id}/checklist", PA, Own, Allow(200)),
    ("PUT", "/offerings/{id}/checklist", PM, Own, Allow(200)),
    ("PUT", "/offerings/{id}/checklist", IR, Own, Deny(403)),
    ("PUT", "/offerings/{id}/checklist", P, Own, Deny(403)),
    ("PUT", "/offerings/{id}/checklist", AU, Own, Deny(403)),
    ("PUT", "/offerings/{id}/checklist", PA, Other, Deny(404)),
    ("PUT", "/offerings/{id}/checklist", PM, Other, Deny(404)),
    ("PUT", "/offerings/{id}/checklist", IR, Other, Deny(403)),
    ("PUT", "/offerings/{id}/checklist", P, Other, Deny(403)),
    ("PUT", "/offerings/{id}/checklist", AU, Other, Deny(403)),

    ("POST", "/offerings/{id}/checklist/import", PA, Own, Allow(200)),
    ("POST", "/offerings/{id}/checklist/import", PM, Own, Allow(200)),
    ("POST", "/offerings/{id}/checklist/import", IR, Own, Deny(403)),
    ("POST", "/offerings/{id}/checklist/import", P, Own, Deny(403)),
    ("POST", "/offerings/{id}/checklist/import", AU, Own, Deny(403)),
    ("POST", "/offerings/{id}/checklist/import", PA, Other, Deny(404)),
    ("POST", "/offerings/{id}/checklist/import", PM, Other, Deny(404)),
    ("POST", "/offerings/{id}/checklist/import", IR, Other, Deny(403)),
    ("POST", "/offerings/{id}/checklist/import", P, Other, Deny(403)),
    ("POST", "/offerings/{id}/checklist/import", AU, Other, Deny(403)),
    ("GET", "/offerings/{id}/incidents", PA, Own, Allow(200)),
    ("GET", "/offerings/{id}/incidents", PM, Own, Allow(200)),
    ("GET", "/offerings/{id}/incidents", IR, Own, Allow(200)),
    ("GET", "/offerings/{id}/incidents", P, Own, Deny(403)),
    ("GET", "/offerings/{id}/incidents", AU, Own, Allow(200)),
    ("GET", "/offerings/{id}/incidents", PA, Other, Deny(404)),
    ("GET", "/offerings/{id}/incidents", PM, Other, Deny(404)),
    ("GET", "/offerings/{id}/incidents", IR, Other, Deny(404)),
    ("GET", "/offerings/{id}/incidents", P, Other, Deny(403)),
    ("GET", "/offerings/{id}/incidents", AU, Other, Deny(404)),

    ("POST", "/offerings/{id}/incidents", PA, Own, Allow(201)),
    ("POST", "/offerings/{id}/incidents", PM, Own, Allow(201)),
    ("POST", "/offerings/{id}/incidents", IR, Own, Deny(403)),
    ("POST", "/offerings/{id}/incidents", P, Own, Deny(403)),
    ("POST", "/offerings/{id}/incidents", AU, Own, Deny(403)),
    ("POST", "/offerings/{id}/incidents", PA, Other, Deny(404)),
    ("POST", "/offerings/{id}/incidents", PM, Other, Deny(404)),
    ("POST", "/offerings/{id}/incidents", IR, Other, Deny(403)),
    ("POST", "/offerings/{id}/incidents", P, Other, Deny(403)),
    ("POST", "/offerings/{id}/incidents", AU, Other, Deny(403)),

    ("GET", "/incidents", PA, Own, Allow(200)),
    ("GET", "/incidents", PM, Own, Allow(200)),
    ("GET", "/incidents", IR, Own, Allow(200)),
    ("GET", "/incidents", P, Own, Deny(403)),
    ("GET", "/incidents", AU, Own, Allow(200)),
    ("GET", "/incidents", PA, Other, Allow(200)),
    ("GET", "/incidents", PM, Other, Allow(200)),
    ("GET", "/incidents", IR, Other, Allow(200)),
    ("GET", "/incidents", P, Other, Deny(403)),
    ("GET", "/incidents", AU, Other, Allow(200)),

    ("GET", "/incidents/{id}", PA, Own, Allow(200)),
    ("GET", "/incidents/{id}", PM, Own, Allow(200)),
    ("GET", "/incidents/{id}", IR, Own, Allow(200)),
    ("GET", "/incidents/{id}", P, Own, Deny(403)),
    ("GET", "/incidents/{id}", AU, Own, Allow(200)),
    ("GET", "/incidents/{id}", PA, Other, Deny(404)),
    ("GET", "/incidents/{id}", PM, Other, Deny(404)),
    ("GET", "/incidents/{id}", IR, Other, Deny(404)),
    ("GET", "/incidents/{id}", P, Other, Deny(403)),
    ("GET", "/incidents/{id}", AU, Other, Deny(404)),

    ("PUT", "/incidents/{id}", PA, Own, Allow(200)),
    ("PUT", "/incidents/{id}", PM, Own, Allow(200)),
    ("PUT", "/incidents/{id}", IR, Own, Deny(403)),
    ("PUT", "/incidents/{id}", P, Own, Deny(403)),
    ("PUT", "/incidents/{id}", AU, Own, Deny(403)),
    ("PUT", "/incidents/{id}", PA, Other, Deny(404)),
    ("PUT", "/incidents/{id}", PM, Other, Deny(404)),
    ("PUT", "/incidents/{id}", IR, Other, Deny(403)),
    ("PUT", "/incidents/{id}", P, Other, Deny(403)),
    ("PUT", "/incidents/{id}", AU, Other, Deny(403)),

    ("POST", "/incidents/{id}/acknowledge", PA, Own, Deny(403)),
    ("POST", "/incidents/{id}/acknowledge", PM, Own, Deny(403)),
    ("POST", "/incidents/{id}/acknowledge", IR, Own, Allow(200)),
    ("POST", "/incidents/{id}/acknowledge", P, Own, Deny(403)),
    ("POST", "/incidents/{id}/acknowledge", AU, Own, Deny(403)),
    ("POST", "/incidents/{id}/acknowledge", PA, Other, Deny(404)),
    ("POST", "/incidents/{id}/acknowledge", PM, Other, Deny(404)),
    ("POST", "/incidents/{id}/acknowledge", IR, Other, Deny(404)),
    ("POST", "/incidents/{id}/acknowledge", P, Other, Deny(403)),
    ("POST", "/incidents/{id}/acknowledge", AU, Other, Deny(404)),

    ("POST", "/incidents/{id}/prevention", PA, Own, Deny(403)),
    ("POST", "/incidents/{id}/prevention", PM, Own, Deny(403)),
    ("POST", "/incidents/{id}/prevention", IR, Own, Allow(200)),
    ("POST", "/incidents/{id}/prevention", P, Own, Deny(403)),
    ("POST", "/incidents/{id}/prevention", AU, Own, Deny(403)),
    ("POST", "/incidents/{id}/prevention", PA, Other, Deny(404)),
    ("POST", "/incidents/{id}/prevention", PM, Other, Deny(404)),
    ("POST", "/incidents/{id}/prevention", IR, Other, Deny(404)),
    ("POST", "/incidents/{id}/prevention", P, Other, Deny(403)),
    ("POST", "/incidents/{id}/prevention", AU, Other, Deny(404)),

    ("POST", "/incidents/{id}/close", PA, Own, Allow(200)),
    ("POST", "/incidents/{id}/close", PM, Own, Allow(200)),
    ("POST", "/incidents/{id}/close", IR, Own, Deny(403)),
    ("POST", "/incidents/{id}/close", P, Own, Deny(403)),
    ("POST", "/incidents/{id}/close", AU, Own, Deny(403)),
    ("POST", "/incidents/{id}/close", PA, Other, Deny(404)),
    ("POST", "/incidents/{id}/close", PM, Other, Deny(404)),
    ("POST", "/incidents/{id}/close", IR, Other, Deny(403)),
    ("POST", "/incidents/{id}/close", P, Other, Deny(403)),
    ("POST", "/incidents/{id}/close", AU, Other, Deny(403)),
];

/// The concrete request of a row: its path (from `/api/v1`), body, and for listings the
/// expectation on the rows.
struct Request {
    path: String,
    body: Option<Value>,
    /// A listing that must have rows (`Some(true)`) or none (`Some(false)`).
    rows: Option<bool>,
    /// A body that is not JSON: its content type and bytes (a catalogue file).
    raw: Option<(&'static str, Vec<u8>)>,
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
            raw: None,
        })
    };
    let plain = |path: String, body: Option<Value>| {
        Some(Request {
            path,
            body,
            rows: None,
            raw: None,
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
        ("GET", "/audit/checkpoint") => plain("/audit/checkpoint".into(), None),
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
        ("POST", "/risks/{id}/questions") => {
            let id = if own { &w.risk } else { &o.risk };
            plain(
                format!("/risks/{id}/questions"),
                Some(json!({"text": format!("行列テストの質問 {n}")})),
            )
        }
        ("POST", "/risks/{id}/decline") => {
            let id = if own { &w.risk } else { &o.risk };
            let (_, digest) = w.risk_state(id).await;
            plain(
                format!("/risks/{id}/decline"),
                Some(json!({"digest": digest, "reason": format!("行列テストの理由 {n}")})),
            )
        }
        ("POST", "/risks/{id}/answers") => {
            let id = if own { &w.risk } else { &o.risk };
            let entry = w.last_thread_entry(id).await;
            plain(
                format!("/risks/{id}/answers"),
                Some(json!({"in_reply_to": entry, "text": format!("行列テストの回答 {n}")})),
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
            // A control of the caller's own provider, or one only the other provider has.
            let control = if own { "SAKURA-MFA-01" } else { &o.control };
            plain(
                "/tech-notices".into(),
                Some(json!({"title": format!("多要素認証の普及 {n}"), "control": control})),
            )
        }
        ("POST", "/tech-notices/preview") => {
            let control = if own { "SAKURA-MFA-01" } else { &o.control };
            plain(
                "/tech-notices/preview".into(),
                Some(json!({"control": control})),
            )
        }
        ("PUT", "/flows/{id}") => {
            let (id, revision) = if own {
                w.ehr_flow().await
            } else {
                (o.flow.clone(), 1)
            };
            plain(
                format!("/flows/{id}"),
                Some(json!({
                    "who": "開発・保守要員",
                    "place": "事業者のデータセンター",
                    "device_or_medium": "保守用端末",
                    "what": format!("行列テストで変更したデータベース {n}"),
                    "how": "障害解析のため参照",
                    "class": "patient_personal_information",
                    "environment": "production",
                    "revision": revision,
                })),
            )
        }
        ("PUT", "/components/{id}") => {
            let (id, revision) = if own {
                w.ehr_component().await
            } else {
                (o.component.clone(), 1)
            };
            plain(
                format!("/components/{id}"),
                Some(json!({
                    "name": format!("行列テストで変更した構成要素 {n}"),
                    "kind": "server",
                    "environment": "production",
                    "revision": revision,
                })),
            )
        }
        ("GET", "/risks/{id}/flow") => {
            let id = if own { &w.risk } else { &o.risk };
            plain(format!("/risks/{id}/flow"), None)
        }
        ("GET", "/institution/duties") => plain("/institution/duties".into(), None),
        ("GET", "/offerings/{id}/statements") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(format!("/offerings/{id}/statements"), None)
        }
        ("PUT", "/offerings/{id}/statements") => {
            let id = if own { &w.ehr } else { &o.offering };
            plain(
                format!("/offerings/{id}/statements"),
                Some(json!({
                    "subject": {"kind": "regulatory", "key": "6.2-authenticity"},
                    "status": "adopted",
                    "how": format!("操作ログへの電子署名 {n}"),
                    "evidence": "署名検証の手順書",
                })),
            )
        }
        // Own: the plain listing; other: filtered on the second provider's offering (empty).
        ("GET", "/documents") if own => plain("/documents".into(), None),
        ("GET", "/documents") => listing("", format!("/documents?offering={}", o.offering)),
        ("POST", "/documents") => {
            let offering = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(
                "/documents".into(),
                Some(json!({"kind": "risk-treatment", "offering": offering, "format": "xlsx"})),
            )
        }
        ("POST", "/documents/jobs") => {
            let offering = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(
                "/documents/jobs".into(),
                Some(json!({"kind": "risk-treatment", "offering": offering, "format": "xlsx"})),
            )
        }
        ("GET", "/documents/jobs/{id}") => {
            let id = document_job(w, role, own).await;
            plain(format!("/documents/jobs/{id}"), None)
        }
        ("GET", "/documents/jobs/{id}/file") => {
            let id = document_job(w, role, own).await;
            plain(format!("/documents/jobs/{id}/file"), None)
        }
        ("GET", "/documents/{number}") => {
            let (number, _) = document_for(w, role, own).await;
            plain(format!("/documents/{number}"), None)
        }
        ("POST", "/documents/verify") => {
            let (_, bytes) = document_for(w, role, own).await;
            Some(Request {
                path: "/documents/verify".into(),
                body: None,
                rows: None,
                raw: Some(("application/octet-stream", bytes)),
            })
        }
        ("GET", "/operational-rules") => plain("/operational-rules".into(), None),
        ("POST", "/operational-rules") if own => {
            let (_, version, _, sections) = w.rules_state().await;
            let mut sections = sections.as_array().unwrap().clone();
            sections.push(json!({"key": format!("追加{n}"), "title": "行列テストの事項", "body": format!("本文 {n}")}));
            plain(
                "/operational-rules".into(),
                Some(json!({"expected_version": version, "sections": sections})),
            )
        }
        ("POST", "/operational-rules") => {
            let (_, _, _, sections) = w.rules_state().await;
            plain(
                "/operational-rules".into(),
                Some(json!({"offering": o.offering, "sections": sections})),
            )
        }
        ("GET", "/operational-rules/draft") if own => {
            plain("/operational-rules/draft".into(), None)
        }
        ("GET", "/operational-rules/draft") => plain(
            format!("/operational-rules/draft?offering={}", o.offering),
            None,
        ),
        ("GET", "/operational-rules/{id}") => {
            let id = if own {
                w.rules_state().await.0
            } else {
                o.rules.clone()
            };
            plain(format!("/operational-rules/{id}"), None)
        }
        ("POST", "/operational-rules/{id}/responses") => {
            let (id, _, digest, _) = w.rules_state().await;
            let id = if own { id } else { o.rules.clone() };
            plain(
                format!("/operational-rules/{id}/responses"),
                Some(json!({"kind": "question", "digest": digest, "text": format!("質問 {n}")})),
            )
        }
        ("GET", "/institutions/{id}/rule-items") => {
            let id = if own { &w.minato } else { &o.clinic };
            plain(format!("/institutions/{id}/rule-items"), None)
        }
        ("GET", "/contracts/{id}/readiness") => {
            let id = if own {
                w.contract_of_ehr().await
            } else {
                o.contract.clone()
            };
            plain(format!("/contracts/{id}/readiness"), None)
        }
        ("GET", "/readiness") => plain("/readiness".into(), None),
        ("GET", "/checklist/editions") => plain("/checklist/editions".into(), None),
        ("POST", "/checklist/editions") => Some(Request {
            path: format!("/checklist/editions?name=matrix-{n}.toml"),
            body: None,
            rows: None,
            raw: Some((
                "application/toml",
                anzen_tests::fixtures::next_checklist_edition(&format!("FY2030-t{n}")).into_bytes(),
            )),
        }),
        ("GET", "/offerings/{id}/checklist") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(format!("/offerings/{id}/checklist"), None)
        }
        ("PUT", "/offerings/{id}/checklist") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            let revision =
                w.t.app
                    .checklist(
                        &anzen_app::Caller::operator("tests"),
                        id.parse().unwrap(),
                        Some("R7"),
                    )
                    .await
                    .map_or(0, |v| v.revision);
            plain(
                format!("/offerings/{id}/checklist"),
                Some(json!({
                    "edition": "R7",
                    "revision": revision,
                    "answers": [{"item": "1-①", "reply": "yes", "checked_on": "2025-10-01", "evidence": format!("行列テスト {n}")}],
                })),
            )
        }
        ("POST", "/offerings/{id}/checklist/import") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            Some(Request {
                path: format!("/offerings/{id}/checklist/import"),
                body: None,
                rows: None,
                raw: Some((
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    checklist_file(w, id).await,
                )),
            })
        }
        ("GET", "/controls/catalogues") => plain("/controls/catalogues".into(), None),
        ("POST", "/controls/catalogues") => Some(Request {
            path: format!("/controls/catalogues?name=matrix-{n}.csv"),
            body: None,
            rows: None,
            raw: Some(("text/csv", appendix2_csv(n))),
        }),
        ("GET", "/controls/catalogues/{id}/diff") => plain(
            "/controls/catalogues/00000000-0000-0000-0000-000000000000/diff".into(),
            None,
        ),
        ("POST", "/controls/provider") => plain(
            "/controls/provider".into(),
            Some(json!({
                "key": format!("MATRIX-{n}"),
                "title": "行列テストの独自対策",
                "description": "5分で画面をロックする",
            })),
        ),
        ("GET", "/regulatory/unmet") => listing(
            "/regulatory/unmet",
            format!("/regulatory/unmet?offering={}", o.offering),
        ),
        ("GET", "/offerings/{id}/chain") => {
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(format!("/offerings/{id}/chain"), None)
        }
        ("GET", "/contracts/{id}/agreements") | ("POST", "/contracts/{id}/agreements") => {
            let c = chain_objects(w).await;
            let id = if own { &c.own_contract } else { &o.contract };
            let body = (method == "POST").then(|| json!({"kind": "provider_institution"}));
            plain(format!("/contracts/{id}/agreements"), body)
        }
        ("GET", "/agreements/{id}")
        | ("PUT", "/agreements/{id}")
        | ("POST", "/agreements/{id}/agree") => {
            let c = chain_objects(w).await;
            let id = match (org, role) {
                (Other, _) => c.other_agreement.clone(),
                (_, P) => c.internal_agreement.clone(),
                _ => c.own_agreement.clone(),
            };
            let body = match method {
                "PUT" => Some(revision_body(n)),
                "POST" => Some(json!({"digest": agreement_digest(w, &id).await})),
                _ => None,
            };
            plain(template.replace("{id}", &id), body)
        }
        ("GET", "/certifications") | ("GET", "/devices") => {
            let filter = if template == "/devices" {
                format!("institution={}", o.clinic)
            } else {
                format!("org={}", o.provider)
            };
            Some(Request {
                path: if own {
                    template.to_owned()
                } else {
                    format!("{template}?{filter}")
                },
                body: None,
                rows: (!own).then_some(false),
                raw: None,
            })
        }
        ("POST", "/certifications") => plain(
            "/certifications".into(),
            Some(json!({
                "kind": "isms",
                "scope": format!("行列テストの認証範囲 {n}"),
                "issuer": "認証機関",
                "valid_from": "2025-04-01",
                "valid_to": "2027-03-31",
            })),
        ),
        ("POST", "/devices") => {
            let institution = match (org, role) {
                (Other, _) => json!(o.clinic),
                (_, P) => Value::Null,
                _ => json!(w.minato),
            };
            plain(
                "/devices".into(),
                Some(json!({
                    "kind": "tablet",
                    "model": "行列テスト端末",
                    "serial": format!("AUTHZ-{n}"),
                    "institution": institution,
                    "location": "外来",
                    "holder": "看護部",
                })),
            )
        }
        ("PUT", "/devices/{id}") => {
            let c = chain_objects(w).await;
            let id = match (org, role) {
                (Other, _) => c.other_device.clone(),
                (_, P) => c.partner_device.clone(),
                _ => c.own_device.clone(),
            };
            let body = device_update_body(w, &id, n).await;
            plain(format!("/devices/{id}"), Some(body))
        }
        ("GET", "/institutions/{id}/disclosures") | ("POST", "/institutions/{id}/disclosures") => {
            let id = if own { &w.minato } else { &o.clinic };
            let body = (method == "POST")
                .then(|| json!({"item": "②-1", "answer": format!("日本国内（東京） {n}")}));
            plain(format!("/institutions/{id}/disclosures"), body)
        }
        ("GET", "/notifications") => plain("/notifications".into(), None),
        ("POST", "/notifications") => {
            let offering = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            plain(
                "/notifications".into(),
                Some(json!({
                    "kind": "offering",
                    "offering": offering,
                    "summary": format!("行列テストの変更 {n}"),
                })),
            )
        }
        ("POST", "/notifications/{id}/acknowledge") => {
            let id = notification_for(w, org, role, n).await;
            plain(format!("/notifications/{id}/acknowledge"), None)
        }
        ("GET", "/offerings/{id}/evaluations") | ("POST", "/offerings/{id}/evaluations") => {
            // The cloud EHR's evaluation exists before it is listed.
            evaluation_objects(w).await;
            let id = if own {
                w.offering_of(role)
            } else {
                &o.offering
            };
            Some(Request {
                path: format!("/offerings/{id}/evaluations"),
                body: (method == "POST").then(|| evaluation_body(n)),
                rows: (method == "GET" && own).then_some(true),
                raw: None,
            })
        }
        ("GET", "/evaluations/{id}") => {
            let (mine, theirs) = evaluation_objects(w).await;
            plain(
                format!("/evaluations/{}", if own { mine } else { theirs }),
                None,
            )
        }
        ("POST", "/evaluations/{id}/follow-ups") => {
            // A fresh evaluation for each allowed call: a finding raises one follow-up.
            let id = if own {
                new_evaluation(w, &w.sakura, &w.ehr, n).await
            } else {
                evaluation_objects(w).await.1
            };
            plain(
                format!("/evaluations/{id}/follow-ups"),
                Some(json!({
                    "finding": 0,
                    "revision": 1,
                    "risk": {"impact": 1, "likelihood": 1, "confidentiality": true},
                })),
            )
        }
        ("GET", "/certification-exemption") => plain(template.into(), None),
        ("PUT", "/certification-exemption") | ("POST", "/certification-exemption/withdraw") => {
            let org = w.org_of(role).to_owned();
            let current = |app: &anzen_app::App| {
                let caller = as_org(&org);
                let app = app.clone();
                async move {
                    app.own_exemption(&caller)
                        .await
                        .unwrap()
                        .map_or(0, |x| x.seq)
                }
            };
            let body = if method == "PUT" {
                json!({
                    "basis": "no_direct_handling",
                    "reason": format!("閉域網の回線のみを提供する {n}"),
                    "revision": current(&w.t.app).await,
                })
            } else {
                // Something in force to withdraw (for the roles that keep a ledger).
                let _ =
                    w.t.app
                        .record_exemption(
                            &as_org(&org),
                            anzen_domain::chain::NewExemption {
                                basis: "no_direct_handling".into(),
                                reason: format!("回線のみ {n}"),
                            },
                            None,
                        )
                        .await;
                json!({"revision": current(&w.t.app).await})
            };
            plain(template.into(), Some(body))
        }
        ("GET", "/offerings/{id}/incidents") => {
            incident_for(w, true, Fresh::Shared).await;
            if own {
                listing(
                    &format!("/offerings/{}/incidents", w.offering_of(role)),
                    String::new(),
                )
            } else {
                plain(format!("/offerings/{}/incidents", o.offering), None)
            }
        }
        ("POST", "/offerings/{id}/incidents") => {
            let (offering, institution): (&str, &str) = if own {
                (w.offering_of(role), &w.minato)
            } else {
                (&o.offering, &o.clinic)
            };
            plain(
                format!("/offerings/{offering}/incidents"),
                Some(incident_body(institution, n)),
            )
        }
        ("GET", "/incidents") if own => {
            incident_for(w, true, Fresh::Shared).await;
            listing("/incidents", String::new())
        }
        ("GET", "/incidents") => listing("", format!("/incidents?offering={}", o.offering)),
        ("GET", "/incidents/{id}") => {
            let (id, _) = incident_for(w, own, Fresh::Shared).await;
            plain(format!("/incidents/{id}"), None)
        }
        ("PUT", "/incidents/{id}") => {
            let (id, revision) = incident_for(w, own, Fresh::Shared).await;
            plain(
                format!("/incidents/{id}"),
                Some(json!({
                    "actions": format!("行列テストの対応 {n}"),
                    "cause": "保守端末のOSが未更新",
                    "prevention": format!("行列テストの再発防止策 {n}"),
                    "revision": revision,
                })),
            )
        }
        ("POST", "/incidents/{id}/acknowledge") => {
            let (id, _) = incident_for(w, own, Fresh::New).await;
            plain(format!("/incidents/{id}/acknowledge"), None)
        }
        ("POST", "/incidents/{id}/prevention") => {
            let (id, _) = incident_for(w, own, Fresh::New).await;
            plain(
                format!("/incidents/{id}/prevention"),
                Some(json!({"answer": "agreed", "version": 1})),
            )
        }
        ("POST", "/incidents/{id}/close") => {
            let (id, revision) = incident_for(w, own, Fresh::Agreed).await;
            plain(
                format!("/incidents/{id}/close"),
                Some(json!({"revision": revision})),
            )
        }
        _ => None,
    }
}

/// Objects of the supply-chain routes (agreements and devices of each side), made once per
/// server.
#[derive(Debug, Clone)]
struct ChainObjects {
    /// さくら × みなと総合病院, the cloud EHR.
    own_contract: String,
    /// さくら × みなと総合病院 (provider and institution).
    own_agreement: String,
    /// さくら × ひのき (internal, FAQ 3.1 R3): the partner's own.
    internal_agreement: String,
    /// もみじ × its clinic.
    other_agreement: String,
    /// さくら's tablet at みなと総合病院.
    own_device: String,
    /// ひのき's network device.
    partner_device: String,
    /// もみじ's tablet at its clinic.
    other_device: String,
}

/// A valid new evaluation (GL 4.3).
fn evaluation_body(n: usize) -> Value {
    json!({
        "evaluator_type": "external",
        "evaluator": "山田 太郎",
        "organisation": "みなと監査法人",
        "evaluated_on": "2026-05-01",
        "scope": format!("行列テストの評価範囲 {n}"),
        "result": "satisfactory_with_findings",
        "findings": [{"severity": "minor", "text": "特権IDの利用記録の確認がない"}],
    })
}

/// A new evaluation of `offering` recorded as `org`, with one minor finding: its id.
async fn new_evaluation(w: &World, org: &str, offering: &str, n: usize) -> String {
    let input = anzen_domain::evaluation::NewEvaluation {
        evaluator_type: "internal_audit".into(),
        evaluator: "内部監査室".into(),
        evaluated_on: "2026-05-01".into(),
        scope: format!("行列テストの評価範囲 {n}"),
        result: "satisfactory_with_findings".into(),
        findings: vec![anzen_domain::evaluation::NewFinding {
            severity: "minor".into(),
            text: "特権IDの利用記録の確認がない".into(),
        }],
        ..Default::default()
    };
    w.t.app
        .record_evaluation(&as_org(org), offering.parse().unwrap(), input)
        .await
        .unwrap()
        .id
        .to_string()
}

/// An evaluation of さくら's cloud EHR and one of もみじ's offering, made once per server.
async fn evaluation_objects(w: &World) -> (String, String) {
    static MADE: std::sync::Mutex<Vec<(String, (String, String))>> =
        std::sync::Mutex::new(Vec::new());
    if let Some((_, e)) = MADE.lock().unwrap().iter().find(|(b, _)| *b == w.t.base) {
        return e.clone();
    }
    let e = (
        new_evaluation(w, &w.sakura, &w.ehr, 0).await,
        new_evaluation(w, &w.other.provider, &w.other.offering, 0).await,
    );
    MADE.lock().unwrap().push((w.t.base.clone(), e.clone()));
    e
}

/// An operator acting within one organisation.
fn as_org(org: &str) -> anzen_app::Caller {
    anzen_app::Caller::Operator {
        name: "tests".into(),
        org: Some(org.parse().unwrap()),
    }
}

async fn chain_objects(w: &World) -> ChainObjects {
    use anzen_domain::chain::{AgreementKind, Device, DeviceKind, Encryption};
    static MADE: std::sync::Mutex<Vec<(String, ChainObjects)>> = std::sync::Mutex::new(Vec::new());
    if let Some((_, c)) = MADE.lock().unwrap().iter().find(|(b, _)| *b == w.t.base) {
        return c.clone();
    }
    let app = &w.t.app;
    let o = &w.other;
    let contract = app
        .list_contracts(
            &anzen_app::Caller::operator("tests"),
            &anzen_app::ports::ContractQuery {
                offering: Some(w.ehr.parse().unwrap()),
                institution: Some(w.minato.parse().unwrap()),
                ..Default::default()
            },
            anzen_app::ports::Page::all(),
        )
        .await
        .unwrap()
        .rows[0]
        .id;
    let open = |org: &str, contract, kind, sub: Option<&str>| {
        let caller = as_org(org);
        let sub = sub.map(|s| s.parse().unwrap());
        async move {
            app.open_agreement(&caller, contract, kind, sub)
                .await
                .unwrap()
                .id
        }
    };
    let own_agreement = open(
        &w.sakura,
        contract,
        AgreementKind::ProviderInstitution,
        None,
    )
    .await;
    let internal_agreement = open(
        &w.sakura,
        contract,
        AgreementKind::Internal,
        Some(&w.hinoki),
    )
    .await;
    let other_agreement = open(
        &o.provider,
        o.contract.parse().unwrap(),
        AgreementKind::ProviderInstitution,
        None,
    )
    .await;
    let device = |org: &str, serial: &str, institution: Option<&str>| {
        let caller = as_org(org);
        let d = Device {
            kind: DeviceKind::Tablet,
            model: "行列テスト端末".into(),
            serial: serial.into(),
            institution: institution.map(|i| i.parse().unwrap()),
            location: "外来".into(),
            permitted_use: Some("院内のみ".into()),
            holder: "看護部".into(),
            stores_medical_information: true,
            encryption: Encryption::Encrypted,
            os_firmware: None,
            support_ends_on: None,
            disposal: None,
        };
        async move { app.add_device(&caller, d).await.unwrap().id }
    };
    let c = ChainObjects {
        own_contract: contract.to_string(),
        own_agreement,
        internal_agreement,
        other_agreement,
        own_device: device(&w.sakura, "OWN-1", Some(&w.minato)).await,
        partner_device: device(&w.hinoki, "PARTNER-1", None).await,
        other_device: device(&o.provider, "OTHER-1", Some(&o.clinic)).await,
    };
    MADE.lock().unwrap().push((w.t.base.clone(), c.clone()));
    c
}

/// A new version of an agreement: the catalogue with one duty of its own.
fn revision_body(n: usize) -> Value {
    use anzen_domain::chain::{AgreementContent, AgreementKind, Responsible};
    let a = uuid::Uuid::from_u128(1);
    let b = uuid::Uuid::from_u128(2);
    let content = AgreementContent::from_catalogue(
        AgreementKind::ProviderInstitution,
        anzen_domain::ids::OrgId::from_uuid(a),
        anzen_domain::ids::OrgId::from_uuid(b),
        None,
    )
    .unwrap();
    let mut entries: Vec<Value> = content
        .entries()
        .iter()
        .map(|e| {
            let party = match e.responsible {
                Responsible::Institution => "institution",
                _ => "provider",
            };
            json!({"phase": e.phase.code(), "duty": e.duty, "responsible": {"party": party}})
        })
        .collect();
    entries.push(json!({
        "phase": "operation",
        "duty": format!("matrix.test_{n}"),
        "title": format!("行列テストの義務 {n}"),
        "responsible": {"party": "provider"},
    }));
    json!({"entries": entries})
}

/// The digest of an agreement's latest version.
async fn agreement_digest(w: &World, id: &str) -> String {
    w.t.app
        .agreement_history(&anzen_app::Caller::operator("tests"), id)
        .await
        .unwrap()
        .last()
        .unwrap()
        .digest
        .clone()
}

/// A change of a device's holder, with its current revision.
async fn device_update_body(w: &World, id: &str, n: usize) -> Value {
    let d =
        w.t.app
            .device(&anzen_app::Caller::operator("tests"), id)
            .await
            .unwrap();
    let x = &d.device;
    json!({
        "kind": x.kind.code(),
        "model": x.model,
        "serial": x.serial,
        "institution": x.institution.map(|i| i.to_string()),
        "location": x.location,
        "permitted_use": x.permitted_use,
        "holder": format!("行列テストの保有者 {n}"),
        "stores_medical_information": x.stores_medical_information,
        "encryption": x.encryption.code(),
        "revision": d.revision,
    })
}

/// A fresh notification to the role's organisation (own) or to the second provider's.
async fn notification_for(w: &World, org: Org, role: Role, n: usize) -> String {
    let app = &w.t.app;
    let summary = format!("行列テストの通知 {n}");
    let (notification, _) = match (org, role) {
        // A change of the partner's supplier link of the cloud EHR reaches the partner.
        (Own, P) => {
            let link = app
                .list_supply_links(
                    &anzen_app::Caller::operator("tests"),
                    Some(w.ehr.parse().unwrap()),
                )
                .await
                .unwrap()
                .into_iter()
                .find(|l| l.supplier.to_string() == w.hinoki)
                .unwrap();
            app.notify_change(
                &as_org(&w.sakura),
                anzen_domain::chain::Change::SupplyLink(link.id),
                &summary,
            )
            .await
            .unwrap()
        }
        // A change of the IaaS region reaches さくら and みなと総合病院.
        (Own, _) => app
            .announce_change(&as_org(&w.hinoki), "offering", &w.region, &summary)
            .await
            .unwrap(),
        // The second provider's partner changes: only もみじ and its clinic hear of it.
        _ => app
            .announce_change(&as_org(&w.other.partner), "organisation", "", &summary)
            .await
            .unwrap(),
    };
    notification.id
}

/// A document issued for the row: own, issued by the role itself (by the cloud EHR's
/// provider for a partner, which has none issued); other, by the second provider. Its
/// number and file.
async fn document_for(w: &World, role: Role, own: bool) -> (String, Vec<u8>) {
    use anzen_app::documents::{DocumentInput, DocumentRequest};
    let (caller, offering) = if own && role != P {
        let me = w.t.app.caller_for_token(w.token(role)).await.unwrap();
        (me, w.ehr.clone())
    } else if own {
        (as_org(&w.sakura), w.ehr.clone())
    } else {
        (as_org(&w.other.provider), w.other.offering.clone())
    };
    let req = DocumentRequest::parse(&DocumentInput {
        kind: "risk-treatment",
        offering: &offering,
        format: "xlsx",
        ..Default::default()
    })
    .unwrap();
    let issued = w.t.app.issue_document(&caller, &req).await.unwrap();
    (issued.record.number, issued.bytes)
}

/// An incident request body affecting `institution`.
fn incident_body(institution: &str, n: usize) -> Value {
    json!({
        "title": format!("行列テストのインシデント {n}"),
        "description": "保守端末から本番DBへの不審な接続",
        "occurred_at": "2026-11-20T09:30",
        "detected_at": "2026-11-20T11:00:00+09:00",
        "impact": {"confidentiality": true},
        "affected": [institution],
    })
}

/// Which incident a row acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fresh {
    /// One per server and side, made at its first use.
    Shared,
    /// A new one with its cause and prevention measures proposed (version 1).
    New,
    /// A new one whose measures every affected institution agreed to.
    Agreed,
}

/// An incident of the cloud EHR affecting みなと総合病院 (own) or of the second provider's
/// offering affecting its clinic (other): its id and current revision.
async fn incident_for(w: &World, own: bool, fresh: Fresh) -> (String, i64) {
    use anzen_domain::incident::{IncidentInput, PreventionAnswer};
    static MADE: std::sync::Mutex<Vec<(String, bool, String)>> = std::sync::Mutex::new(Vec::new());
    let app = &w.t.app;
    let shared = fresh == Fresh::Shared || !own;
    let made = MADE
        .lock()
        .unwrap()
        .iter()
        .find(|(b, o, _)| *b == w.t.base && *o == own)
        .map(|(_, _, id)| id.clone());
    let id = match made {
        Some(id) if shared => id,
        _ => {
            let (provider, offering, institution) = if own {
                (&w.sakura, &w.ehr, &w.minato)
            } else {
                (&w.other.provider, &w.other.offering, &w.other.clinic)
            };
            let input = IncidentInput {
                title: "行列テストのインシデント".into(),
                description: "保守端末から本番DBへの不審な接続".into(),
                occurred_at: "2026-11-20T09:30".into(),
                detected_at: "2026-11-20T11:00".into(),
                confidentiality: true,
                affected: vec![institution.clone()],
                cause: "保守端末のOSが未更新".into(),
                prevention: "保守端末の月次更新".into(),
                ..Default::default()
            };
            let id = app
                .record_incident(&as_org(provider), offering.parse().unwrap(), input)
                .await
                .unwrap()
                .incident
                .id;
            if fresh == Fresh::Agreed {
                let reviewer = app.caller_for_token(w.token(IR)).await.unwrap();
                app.answer_incident_prevention(&reviewer, id, 1, PreventionAnswer::Agreed, "")
                    .await
                    .unwrap();
            }
            if shared {
                MADE.lock()
                    .unwrap()
                    .push((w.t.base.clone(), own, id.to_string()));
            }
            id.to_string()
        }
    };
    let revision = app
        .incident(&anzen_app::Caller::operator("tests"), id.parse().unwrap())
        .await
        .unwrap()
        .revision;
    (id, revision)
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
        409 => "conflict",
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
        let r: Reply = match req.raw {
            Some((content_type, bytes)) => {
                call_raw(
                    &w.t,
                    method,
                    &req.path,
                    w.token(role),
                    Some(content_type),
                    bytes,
                )
                .await
            }
            None => w.call(method, &req.path, role, req.body.as_ref()).await,
        };
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
        // An issued document answers the file itself.
        let file = allowed && method == "POST" && template == "/documents";
        if file {
            if !r
                .content_type
                .starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            {
                failures.push(format!("{what}: content type `{}`", r.content_type));
            }
        } else if let Some(p) = shape_problem(&r) {
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
        "/regulatory/unmet",
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

/// A one-item Appendix 2 in the CSV template, different for every `n`.
fn appendix2_csv(n: usize) -> Vec<u8> {
    let item = "対策項目";
    let mhlw = "関連する医療情報安全管理ガイドライン要求事項";
    format!(
        "{item},{item},{item},{item},{item},{item},,{mhlw},{mhlw},{mhlw},{mhlw}\r\n\
         大項目,中項目,小項目,No.,内容,区分,リスクシナリオ例,編,項番,区分,内容\r\n\
         1. 人的・組織的対策,1.1. 規程・手順の策定,①規程,①-1,行列テストの規程 {n} を作成すること。,,,企画管理編,4.,【遵守事項】,規程を定めること。\r\n"
    )
    .into_bytes()
}

/// The checklist XLSX of an offering as issued now (the operator issues it).
async fn checklist_file(w: &World, offering: &str) -> Vec<u8> {
    w.t.app
        .issue_document(
            &anzen_app::Caller::operator("tests"),
            &anzen_app::documents::DocumentRequest {
                kind: anzen_domain::document::DocumentKind::MhlwChecklist,
                offering: offering.parse().unwrap(),
                institution: None,
                format: anzen_render::Format::Xlsx,
                period: Default::default(),
            },
        )
        .await
        .expect("the checklist is issued")
        .bytes
}

/// A finished document job: started by the role's own user (`own`; a partner, who cannot
/// start one, gets the administrator's), or by the other organisation's operator.
async fn document_job(w: &World, role: Role, own: bool) -> String {
    let app = &w.t.app;
    let (caller, offering) = if own {
        let starter = if role == P { PA } else { role };
        (
            app.caller_for_token(w.token(starter)).await.unwrap(),
            w.offering_of(starter).to_owned(),
        )
    } else {
        (as_org(&w.other.provider), w.other.offering.clone())
    };
    let req = anzen_app::documents::DocumentRequest {
        kind: anzen_domain::document::DocumentKind::RiskTreatment,
        offering: offering.parse().unwrap(),
        institution: None,
        format: anzen_render::Format::Xlsx,
        period: Default::default(),
    };
    // Jobs started by the rows before may still be rendering: wait for a turn.
    let mut started = app.start_document_job(&caller, &req).await;
    while matches!(started, Err(anzen_app::AppError::Busy(_))) {
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        started = app.start_document_job(&caller, &req).await;
    }
    let job = started.expect("a job starts");
    for _ in 0..200 {
        if app.document_job(&caller, &job.id).unwrap().state
            != anzen_app::documents::JobState::Rendering
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    job.id
}
