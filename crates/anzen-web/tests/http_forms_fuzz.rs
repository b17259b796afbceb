//! Generated input to every form of the UI: whatever is posted (with a valid CSRF token),
//! the answer is a page or a redirect, never a server error.

mod support;

use anzen_domain::access::Role;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use support::{TestApp, csrf_of};

/// Every POST route of the UI except sign-out (which ends the session the test uses).
const ROUTES: &[&str] = &[
    "/organisations",
    "/scope/wizard",
    "/scope/wizard/save",
    "/contracts",
    "/supply-links",
    "/users",
    "/users/mfa",
    "/users/{id}/reset-password",
    "/account/password",
    "/account/mfa",
    "/account/tokens",
    "/account/tokens/{id}/revoke",
    "/lang",
    "/login",
    "/login/mfa",
    "/login/mfa/enrol",
    "/risks",
    "/risks/{id}/treatment",
    "/risks/{id}/reassess",
    "/risks/{id}/review",
    "/risks/{id}/consent",
    "/risks/matrix",
    "/tech-notices",
    "/offerings/{id}/components",
    "/offerings/{id}/flows",
];

/// Field names the forms use, plus junk.
const FIELDS: &[&str] = &[
    "kind",
    "institution_kind",
    "name",
    "service",
    "answer",
    "state",
    "back",
    "offering",
    "provider",
    "institution",
    "starts_on",
    "ends_on",
    "reference",
    "code",
    "supplier",
    "supplier_offering",
    "selected_by",
    "contract_holder",
    "description",
    "org",
    "login",
    "display_name",
    "role",
    "password",
    "access_until",
    "required",
    "current_password",
    "new_password",
    "confirm_password",
    "expires_in_days",
    "lang",
    "next",
    "revision",
    "mode",
    "x",
    "q",
    "flow",
    "title",
    "threat",
    "vulnerability",
    "confidentiality",
    "impact",
    "likelihood",
    "option",
    "measure_description_0",
    "measure_owner_0",
    "measure_controls_1",
    "measure_due_0",
    "measure_done_2",
    "measure_description_29",
    "rows",
    "more_rows",
    "rationale",
    "options_considered",
    "residual_impact",
    "residual_likelihood",
    "explanation",
    "digest",
    "cell_1_1",
    "cell_5_5",
    "interval_S",
    "risk",
    "who",
    "place",
    "device_or_medium",
    "what",
    "how",
    "class",
    "environment",
    "component",
    "location",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("true".to_owned()),
        Just("none".to_owned()),
        Just("2026-04-01".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("-1".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("01a212ca-d9cc-72f6-9c8d-b5aead303a69".to_owned()),
        Just("eyJzY2hlbWEiOiJ4In0".to_owned()),
        "\\PC{0,40}",
        "[a-z_]{1,12}",
        Just("あ".repeat(5000)),
    ]
}

fn body() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec(
        (
            prop::sample::select(FIELDS).prop_map(str::to_owned),
            value(),
        ),
        0..8,
    )
}

#[tokio::test]
async fn generated_form_input_never_causes_a_server_error() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderAdmin).await;
    let page = c
        .get(t.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&page);
    let some_user = t.demo.logins.len();
    assert!(some_user > 0);
    let mut runner = TestRunner::deterministic();
    let strategy = body();
    let mut failures = Vec::new();
    // An object the forms can really change: a demo risk, the cloud EHR.
    let risk = t.demo.risks[0].id.to_string();
    let ehr = t.demo.risks[0].offering.to_string();
    for route in ROUTES {
        for case in 0..24 {
            let mut fields = strategy.new_tree(&mut runner).unwrap().current();
            fields.push(("csrf_token".to_owned(), csrf.clone()));
            let real = if route.starts_with("/risks/") {
                risk.as_str()
            } else {
                ehr.as_str()
            };
            let path = route.replace(
                "{id}",
                match case % 3 {
                    0 => "01a212ca-d9cc-72f6-9c8d-b5aead303a69",
                    1 => "not-an-id",
                    _ => real,
                },
            );
            let res = c.post(t.url(&path)).form(&fields).send().await.unwrap();
            let status = res.status().as_u16();
            if status >= 500 {
                failures.push(format!("{path} {status} {fields:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "server errors:\n{}",
        failures.join("\n")
    );
    // The session survived the barrage.
    assert_eq!(c.get(t.url("/")).send().await.unwrap().status(), 200);
}
