//! Generated input to every form of the UI: whatever is posted (with a valid CSRF token),
//! the answer is a page or a redirect, never a server error.

use crate::support;

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
    "/tech-notices/preview",
    "/offerings/{id}/components",
    "/offerings/{id}/flows",
    "/flows/{id}",
    "/offerings/{id}/controls/statement",
    "/controls/catalogues",
    "/controls/provider",
    "/contracts/{id}/agreements",
    "/agreements/{id}",
    "/agreements/{id}/agree",
    "/certifications",
    "/devices",
    "/devices/{id}",
    "/devices/{id}/dispose",
    "/institutions/{id}/disclosures",
    "/notifications",
    "/notifications/{id}/acknowledge",
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
    "days",
    "step",
    "integrity",
    "availability",
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
    "catalogue_version",
    "key",
    "status",
    "evidence",
    "alt_what",
    "why_equivalent",
    "why",
    "plan_what",
    "by",
    "finding",
    "legal_basis",
    "file",
    "subcontractor",
    "phase_0",
    "duty_0",
    "title_0",
    "responsible_0",
    "remove_0",
    "subs",
    "sub_0",
    "add_subcontractor",
    "new_phase",
    "new_duty",
    "new_title",
    "new_responsible",
    "auditor_qualification",
    "equivalent_name",
    "scope",
    "issuer",
    "valid_from",
    "valid_to",
    "model",
    "serial",
    "permitted_use",
    "holder",
    "stores_medical_information",
    "encryption",
    "os_firmware",
    "support_ends_on",
    "disposed_on",
    "method",
    "erasure_certificate",
    "item",
    "extra",
    "summary",
    "visibility",
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

/// Real objects of the supply-chain forms, by route prefix: さくら's contract with みなと総合病院
/// and its agreement, a device of さくら's ledger, the hospital, a notification to さくら.
async fn chain_ids(t: &TestApp) -> Vec<(&'static str, String)> {
    use anzen_app::Caller;
    let org = |name: &str| t.demo.org(name).unwrap().id;
    let (sakura, hinoki, hospital) = (
        org(anzen_app::demo::CLOUD_EHR_PROVIDER),
        org(anzen_app::demo::IAAS),
        org(anzen_app::demo::HOSPITAL),
    );
    let as_org = |o| Caller::Operator {
        name: "fuzz".into(),
        org: Some(o),
    };
    let contract = t
        .app
        .list_contracts(
            &as_org(sakura),
            &anzen_app::ports::ContractQuery {
                institution: Some(hospital),
                ..Default::default()
            },
            anzen_app::ports::Page::all(),
        )
        .await
        .unwrap()
        .rows[0]
        .id;
    let agreement = t
        .app
        .open_agreement(
            &as_org(sakura),
            contract,
            anzen_domain::chain::AgreementKind::ProviderInstitution,
            None,
        )
        .await
        .unwrap()
        .id;
    let device = t
        .app
        .add_device(
            &as_org(sakura),
            anzen_domain::chain::Device {
                kind: anzen_domain::chain::DeviceKind::DedicatedPc,
                model: "Fuzz PC".into(),
                serial: "FUZZ-1".into(),
                institution: Some(hospital),
                location: "外来".into(),
                permitted_use: Some("院内のみ".into()),
                holder: "看護部".into(),
                stores_medical_information: true,
                encryption: anzen_domain::chain::Encryption::Encrypted,
                os_firmware: None,
                support_ends_on: None,
                disposal: None,
            },
        )
        .await
        .unwrap()
        .id;
    let region = t
        .demo
        .offerings
        .iter()
        .find(|o| o.provider == hinoki)
        .unwrap()
        .id
        .to_string();
    let (notification, _) = t
        .app
        .announce_change(&as_org(hinoki), "offering", &region, "fuzz")
        .await
        .unwrap();
    vec![
        ("/contracts/", contract.to_string()),
        ("/agreements/", agreement),
        ("/devices/", device),
        ("/institutions/", hospital.to_string()),
        ("/notifications/", notification.id),
    ]
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
    let chain = chain_ids(&t).await;
    for route in ROUTES {
        for case in 0..24 {
            let mut fields = strategy.new_tree(&mut runner).unwrap().current();
            fields.push(("csrf_token".to_owned(), csrf.clone()));
            let real = if route.starts_with("/risks/") {
                risk.as_str()
            } else if let Some((_, id)) = chain.iter().find(|(p, _)| route.starts_with(p)) {
                id.as_str()
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
