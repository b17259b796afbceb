//! Bad input to the JSON API: for every documented endpoint with a body (taken from the
//! OpenAPI document), unknown, missing and mistyped fields, unknown enum values, bodies that
//! are not JSON objects, the wrong content type and oversized bodies each get a clear 4xx
//! with a stable code, never a 500; bad path ids and query parameters get 422 naming them;
//! and a property test posts generated JSON to every body endpoint.

use crate::api_support;

use anzen_app::Caller;
use anzen_domain::access::Role;
use api_support::{
    Reply, World, allows, body_schema_name, call, call_raw, documented_routes, profile_json,
    properties, required, resolve, schema, shape_problem,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};

const PA: Role = Role::ProviderAdmin;
const IR: Role = Role::InstitutionReviewer;

/// The role whose token calls an endpoint: an institution's reviewer for what only it may
/// do (agree to a risk, list its duties), the administrator of さくら otherwise.
fn role_for(template: &str) -> Role {
    match template {
        "/risks/{id}/consent"
        | "/risks/{id}/decline"
        | "/risks/{id}/questions"
        | "/incidents/{id}/prevention"
        | "/incidents/{id}/acknowledge"
        | "/institution/duties"
        | "/operational-rules/{id}/responses" => IR,
        _ => PA,
    }
}

/// Whether a documented operation takes the paging parameters (a listing).
fn is_listing(method: &str, template: &str) -> bool {
    let doc = anzen_web::api::openapi();
    doc["paths"][template][method.to_lowercase()]["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["name"] == "limit"))
}

/// The endpoints that take a body: (METHOD, template, body schema name).
fn body_endpoints() -> Vec<(String, String, String)> {
    documented_routes()
        .into_iter()
        .filter_map(|(m, p)| body_schema_name(&m, &p).map(|s| (m, p, s)))
        .collect()
}

/// A concrete path and a valid body for an endpoint, as the administrator of さくら.
async fn valid(w: &World, method: &str, template: &str, n: usize) -> (String, Value) {
    match (method, template) {
        ("POST", "/organisations") => (
            template.into(),
            json!({"kind": "partner", "name": format!("入力テスト事業者 {n}")}),
        ),
        ("POST", "/offerings") => (
            template.into(),
            json!({"profile": profile_json(&format!("入力テスト {n}"))}),
        ),
        ("PUT", "/offerings/{id}/profile") => (
            format!("/offerings/{}/profile", w.ehr),
            json!({"profile": profile_json("さくらクラウド電子カルテ"), "revision": w.revision(&w.ehr).await}),
        ),
        ("POST", "/scope/check") => (template.into(), profile_json("入力テスト")),
        ("POST", "/contracts") => (
            template.into(),
            json!({"institution": w.minato, "offering": w.ehr, "kind": "provision", "starts_on": "2026-04-01"}),
        ),
        ("POST", "/supply-links") => (
            template.into(),
            json!({"offering": w.ehr, "code": "P1", "supplier": w.hinoki}),
        ),
        ("POST", "/users") => (
            template.into(),
            json!({
                "login": format!("input-{n}@sakura-medical.example"),
                "display_name": "入力テスト",
                "role": "provider_member",
                "password": "a long enough password",
            }),
        ),
        ("POST", "/users/{id}/password-reset") => (
            format!("/users/{}/password-reset", w.throwaway_user),
            json!({"password": "another temporary password"}),
        ),
        ("POST", "/risks") => (
            template.into(),
            json!({
                "offering": w.ehr,
                "title": format!("入力テストのリスク {n}"),
                "threat": "不正ログイン",
                "confidentiality": true,
                "impact": 3,
                "likelihood": 3,
            }),
        ),
        ("PUT", "/risks/{id}/treatment") => (
            format!("/risks/{}/treatment", w.risk),
            json!({
                "option": "reduce",
                "measures": [{"description": "多要素認証を導入する", "owner": "provider"}],
                "rationale": "顕在化率を下げる",
                "residual_impact": 2,
                "residual_likelihood": 2,
                "revision": w.risk_state(&w.risk).await.0,
            }),
        ),
        ("PUT", "/risks/{id}/assessment") => (
            format!("/risks/{}/assessment", w.risk),
            json!({"impact": 3, "likelihood": 2, "revision": w.risk_state(&w.risk).await.0}),
        ),
        ("POST", "/risks/{id}/review") => (
            format!("/risks/{}/review", w.risk),
            json!({"revision": w.risk_state(&w.risk).await.0}),
        ),
        ("POST", "/risks/{id}/questions") => (
            format!("/risks/{}/questions", w.risk),
            json!({"text": "残存リスクの根拠は？"}),
        ),
        ("POST", "/risks/{id}/decline") => {
            let (risk, digest) = declinable_risk(w, n).await;
            (
                format!("/risks/{risk}/decline"),
                json!({"digest": digest, "reason": "説明が足りない"}),
            )
        }
        ("POST", "/risks/{id}/answers") => (
            format!("/risks/{}/answers", w.risk),
            json!({"in_reply_to": w.last_thread_entry(&w.risk).await, "text": "回答します"}),
        ),
        ("POST", "/risks/{id}/consent") => (
            format!("/risks/{}/consent", w.risk),
            json!({"digest": w.risk_state(&w.risk).await.1}),
        ),
        ("POST", "/risks/matrix") => (
            template.into(),
            json!({"cells": [
                ["D", "D", "C", "C", "B"],
                ["D", "C", "C", "B", "B"],
                ["C", "C", "B", "A", "A"],
                ["C", "B", "A", "A", "S"],
                ["B", "A", "A", "S", "S"],
            ]}),
        ),
        ("POST", "/offerings/{id}/components") => (
            format!("/offerings/{}/components", w.ehr),
            json!({"name": format!("入力テストの構成要素 {n}"), "kind": "server", "environment": "test",
                "country": "JP", "holds_medical_info": true}),
        ),
        ("POST", "/offerings/{id}/flows") => (
            format!("/offerings/{}/flows", w.ehr),
            json!({
                "who": "保守要員",
                "place": "事業者のデータセンター",
                "device_or_medium": "保守用端末",
                "what": "本番データベース",
                "how": "参照",
                "class": "patient_personal_information",
                "environment": "production",
            }),
        ),
        ("POST", "/tech-notices") => (
            template.into(),
            json!({"title": format!("入力テストの技術動向 {n}"), "control": "SAKURA-MFA-01"}),
        ),
        ("POST", "/tech-notices/preview") => (template.into(), json!({"control": "1.1/①-1"})),
        ("PUT", "/components/{id}") => {
            let (id, revision) = w.ehr_component().await;
            (
                format!("/components/{id}"),
                json!({
                    "name": format!("入力テストで変更した構成要素 {n}"),
                    "kind": "server",
                    "environment": "production",
                    "country": "jp",
                    "holds_medical_info": false,
                    "revision": revision,
                }),
            )
        }
        ("PUT", "/flows/{id}") => {
            let (id, revision) = w.ehr_flow().await;
            (
                format!("/flows/{id}"),
                json!({
                    "who": "保守要員",
                    "place": "事業者のデータセンター",
                    "device_or_medium": "保守用端末",
                    "what": format!("入力テストで変更した本番データベース {n}"),
                    "how": "参照",
                    "class": "patient_personal_information",
                    "environment": "production",
                    "revision": revision,
                }),
            )
        }
        ("POST", "/contracts/{id}/agreements") => (
            format!("/contracts/{}/agreements", ehr_contract(w).await),
            json!({"kind": "provider_institution"}),
        ),
        ("PUT", "/agreements/{id}") => {
            let id = agreement(w).await;
            (format!("/agreements/{id}"), revision_body(n))
        }
        ("POST", "/agreements/{id}/agree") => {
            let id = agreement(w).await;
            let digest =
                w.t.app
                    .agreement_history(&Caller::operator("tests"), &id)
                    .await
                    .unwrap()
                    .last()
                    .unwrap()
                    .digest
                    .clone();
            (format!("/agreements/{id}/agree"), json!({"digest": digest}))
        }
        ("POST", "/certifications") => (
            template.into(),
            json!({
                "kind": "isms",
                "scope": format!("入力テストの認証範囲 {n}"),
                "issuer": "認証機関",
                "valid_from": "2025-04-01",
                "valid_to": "2027-03-31",
            }),
        ),
        ("POST", "/devices") => (
            template.into(),
            json!({
                "kind": "tablet",
                "model": "入力テスト端末",
                "serial": format!("INPUT-{n}"),
                "institution": w.minato,
                "location": "外来",
                "holder": "看護部",
                "stores_medical_information": true,
                "encryption": "encrypted",
            }),
        ),
        ("PUT", "/devices/{id}") => {
            let d = device(w).await;
            (
                format!("/devices/{}", d.id),
                json!({
                    "kind": "tablet",
                    "model": d.device.model,
                    "serial": d.device.serial,
                    "institution": w.minato,
                    "location": "病棟",
                    "holder": format!("入力テストの保有者 {n}"),
                    "revision": d.revision,
                }),
            )
        }
        ("POST", "/institutions/{id}/disclosures") => (
            format!("/institutions/{}/disclosures", w.minato),
            json!({"item": "②-1", "answer": format!("日本国内（東京） {n}")}),
        ),
        ("POST", "/notifications") => (
            template.into(),
            json!({"kind": "offering", "offering": w.ehr, "summary": format!("入力テストの変更 {n}")}),
        ),
        // No body: only its path is used (an id of nothing is 404).
        ("POST", "/notifications/{id}/acknowledge") => (template.into(), json!({})),
        ("POST", "/incidents/{id}/acknowledge") => (template.into(), json!({})),
        ("PUT", "/offerings/{id}/statements") => (
            format!("/offerings/{}/statements", w.ehr),
            json!({
                "subject": {"kind": "regulatory", "key": "6.2-authenticity"},
                "status": "adopted",
                "how": format!("操作ログへの電子署名 {n}"),
                "evidence": "署名検証の手順書",
            }),
        ),
        ("POST", "/documents") => (
            template.into(),
            json!({"kind": "risk-treatment", "offering": w.ehr, "format": "xlsx"}),
        ),
        ("POST", "/operational-rules") => {
            let (_, version, _, sections) = w.rules_state().await;
            let mut sections = sections.as_array().unwrap().clone();
            sections.push(json!({"key": format!("入力{n}"), "title": "入力テストの事項", "body": format!("本文 {n}")}));
            (
                template.into(),
                json!({"expected_version": version, "sections": sections}),
            )
        }
        ("POST", "/operational-rules/{id}/responses") => {
            let (id, _, digest, _) = w.rules_state().await;
            (
                format!("/operational-rules/{id}/responses"),
                json!({"kind": "question", "digest": digest, "text": format!("入力テストの質問 {n}")}),
            )
        }
        ("POST", "/controls/provider") => (
            template.into(),
            json!({
                "key": format!("INPUT-{n}"),
                "title": "入力テストの独自対策",
                "description": "5分で画面をロックする",
            }),
        ),
        ("POST", "/offerings/{id}/evaluations") => (
            format!("/offerings/{}/evaluations", w.ehr),
            json!({
                "evaluator_type": "external",
                "evaluator": "山田 太郎",
                "organisation": "みなと監査法人",
                "evaluated_on": "2026-05-01",
                "scope": format!("入力テストの評価範囲 {n}"),
                "result": "satisfactory_with_findings",
                "findings": [{"severity": "minor", "text": "特権IDの利用記録の確認がない"}],
            }),
        ),
        ("POST", "/evaluations/{id}/follow-ups") => {
            let input = anzen_domain::evaluation::NewEvaluation {
                evaluator_type: "internal_audit".into(),
                evaluator: "内部監査室".into(),
                evaluated_on: "2026-05-01".into(),
                scope: format!("入力テストの評価範囲 {n}"),
                result: "satisfactory_with_findings".into(),
                findings: vec![anzen_domain::evaluation::NewFinding {
                    severity: "minor".into(),
                    text: "特権IDの利用記録の確認がない".into(),
                }],
                ..Default::default()
            };
            let e =
                w.t.app
                    .record_evaluation(&as_sakura(w), w.ehr.parse().unwrap(), input)
                    .await
                    .unwrap();
            (
                format!("/evaluations/{}/follow-ups", e.id),
                json!({
                    "finding": 0,
                    "revision": 1,
                    "risk": {"impact": 2, "likelihood": 2, "confidentiality": true},
                }),
            )
        }
        ("PUT", "/certification-exemption") => {
            let current =
                w.t.app
                    .own_exemption(&as_sakura(w))
                    .await
                    .unwrap()
                    .map_or(0, |x| x.seq);
            (
                template.into(),
                json!({
                    "basis": "no_direct_handling",
                    "reason": format!("入力テストの理由 {n}"),
                    "revision": current,
                }),
            )
        }
        ("POST", "/certification-exemption/withdraw") => {
            let x =
                w.t.app
                    .record_exemption(
                        &as_sakura(w),
                        anzen_domain::chain::NewExemption {
                            basis: "other".into(),
                            reason: format!("入力テストの理由 {n}"),
                        },
                        None,
                    )
                    .await
                    .unwrap();
            (template.into(), json!({"revision": x.seq}))
        }
        ("POST", "/offerings/{id}/incidents") => (
            format!("/offerings/{}/incidents", w.ehr),
            json!({
                "title": format!("入力テストのインシデント {n}"),
                "description": "保守端末から本番DBへの不審な接続",
                "occurred_at": "2026-11-20T09:30",
                "detected_at": "2026-11-20T11:00:00+09:00",
                "impact": {"confidentiality": true},
                "affected": [w.minato],
            }),
        ),
        ("POST", "/documents/jobs") => (
            "/documents/jobs".into(),
            json!({"kind": "risk-treatment", "offering": w.ehr, "format": "xlsx"}),
        ),
        ("PUT", "/offerings/{id}/checklist") => {
            let revision =
                w.t.app
                    .checklist(&as_sakura(w), w.ehr.parse().unwrap(), Some("R7"))
                    .await
                    .unwrap()
                    .revision;
            (
                format!("/offerings/{}/checklist", w.ehr),
                json!({
                    "edition": "R7",
                    "revision": revision,
                    "answers": [{
                        "item": "2-⑦",
                        "reply": "no",
                        "checked_on": "2025-10-01",
                        "target_on": "2026-03-31",
                        "evidence": format!("入力テスト {n}"),
                    }],
                }),
            )
        }
        ("PUT", "/incidents/{id}") => {
            let (id, revision) = incident(w, false).await;
            (
                format!("/incidents/{id}"),
                json!({
                    "actions": "接続元を遮断した",
                    "cause": "保守端末のOSが未更新",
                    "prevention": format!("入力テストの再発防止策 {n}"),
                    "revision": revision,
                }),
            )
        }
        ("POST", "/incidents/{id}/prevention") => {
            let (id, _) = incident(w, false).await;
            (
                format!("/incidents/{id}/prevention"),
                json!({"answer": "agreed", "version": 1}),
            )
        }
        // The body is the filled-in XLSX (api_checklist.rs); JSON here only reaches the
        // checks made before the file is read (the id, the offering).
        ("POST", "/offerings/{id}/checklist/import") => {
            (format!("/offerings/{}/checklist/import", w.ehr), json!({}))
        }
        ("POST", "/incidents/{id}/close") => {
            let (id, revision) = incident(w, true).await;
            (
                format!("/incidents/{id}/close"),
                json!({"revision": revision}),
            )
        }
        _ => panic!(
            "{method} {template} takes a body but api_bad_input.rs has no valid body for it; add one to `valid`"
        ),
    }
}

/// A new incident of さくら's cloud EHR affecting みなと総合病院, with its prevention measures
/// proposed (version 1) and, when `agreed`, agreed: its id and revision.
async fn incident(w: &World, agreed: bool) -> (String, i64) {
    use anzen_domain::incident::{IncidentInput, PreventionAnswer};
    let input = IncidentInput {
        title: "入力テストのインシデント".into(),
        description: "保守端末から本番DBへの不審な接続".into(),
        occurred_at: "2026-11-20T09:30".into(),
        detected_at: "2026-11-20T11:00".into(),
        confidentiality: true,
        affected: vec![w.minato.clone()],
        cause: "保守端末のOSが未更新".into(),
        prevention: "保守端末の月次更新".into(),
        ..Default::default()
    };
    let i =
        w.t.app
            .record_incident(&as_sakura(w), w.ehr.parse().unwrap(), input)
            .await
            .unwrap()
            .incident;
    if agreed {
        let reviewer = w.t.app.caller_for_token(w.token(IR)).await.unwrap();
        w.t.app
            .answer_incident_prevention(&reviewer, i.id, 1, PreventionAnswer::Agreed, "")
            .await
            .unwrap();
    }
    (i.id.to_string(), i.revision)
}

/// A new risk of さくら's cloud EHR with a decided treatment nobody agreed to or declined
/// yet: its id and digest.
async fn declinable_risk(w: &World, n: usize) -> (String, String) {
    use anzen_app::risks::{MeasureInput, RiskInput, TreatmentInput};
    let risk =
        w.t.app
            .add_risk(
                &as_sakura(w),
                RiskInput {
                    offering: w.ehr.clone(),
                    title: format!("入力テストのリスク {n}"),
                    threat: "不正アクセス".into(),
                    confidentiality: true,
                    impact: "3".into(),
                    likelihood: "3".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    let treated =
        w.t.app
            .decide_treatment(
                &as_sakura(w),
                risk.id,
                None,
                TreatmentInput {
                    option: "reduce".into(),
                    measures: vec![MeasureInput {
                        description: "多要素認証".into(),
                        ..Default::default()
                    }],
                    rationale: "顕在化率を下げる".into(),
                    residual_impact: "2".into(),
                    residual_likelihood: "2".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    (
        treated.id.to_string(),
        w.risk_state(&treated.id.to_string()).await.1,
    )
}

/// The contract of さくら's cloud EHR with みなと総合病院.
async fn ehr_contract(w: &World) -> String {
    w.t.app
        .list_contracts(
            &Caller::operator("tests"),
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
        .id
        .to_string()
}

/// An operator acting within さくら.
fn as_sakura(w: &World) -> Caller {
    Caller::Operator {
        name: "tests".into(),
        org: Some(w.sakura.parse().unwrap()),
    }
}

/// The agreement of that contract (opened on first use).
async fn agreement(w: &World) -> String {
    let contract: anzen_domain::ids::ContractId = ehr_contract(w).await.parse().unwrap();
    let existing =
        w.t.app
            .list_agreements(&as_sakura(w), Some(contract))
            .await
            .unwrap();
    if let Some(a) = existing.first() {
        return a.id.clone();
    }
    w.t.app
        .open_agreement(
            &as_sakura(w),
            contract,
            anzen_domain::chain::AgreementKind::ProviderInstitution,
            None,
        )
        .await
        .unwrap()
        .id
}

/// A new version of an agreement: the catalogue with one duty of its own.
fn revision_body(n: usize) -> Value {
    use anzen_domain::chain::{AgreementContent, AgreementKind, Responsible};
    let content = AgreementContent::from_catalogue(
        AgreementKind::ProviderInstitution,
        anzen_domain::ids::OrgId::from_uuid(uuid::Uuid::from_u128(1)),
        anzen_domain::ids::OrgId::from_uuid(uuid::Uuid::from_u128(2)),
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
        "duty": format!("input.test_{n}"),
        "title": format!("入力テストの義務 {n}"),
        "responsible": {"party": "provider"},
    }));
    json!({"entries": entries})
}

/// A device of さくら's ledger (added on first use).
async fn device(w: &World) -> anzen_app::ports::StoredDevice {
    let listed =
        w.t.app
            .list_devices(&as_sakura(w), None, anzen_app::ports::Page::all())
            .await
            .unwrap();
    if let Some(d) = listed
        .rows
        .into_iter()
        .find(|d| d.device.serial == "INPUT-DEVICE")
    {
        return d;
    }
    w.t.app
        .add_device(
            &as_sakura(w),
            anzen_domain::chain::Device {
                kind: anzen_domain::chain::DeviceKind::Tablet,
                model: "入力テスト端末".into(),
                serial: "INPUT-DEVICE".into(),
                institution: Some(w.minato.parse().unwrap()),
                location: "外来".into(),
                permitted_use: None,
                holder: "看護部".into(),
                stores_medical_information: false,
                encryption: anzen_domain::chain::Encryption::NotRecorded,
                os_firmware: None,
                support_ends_on: None,
                disposal: None,
            },
        )
        .await
        .unwrap()
}

/// A value of the wrong type for a (resolved) property schema.
fn wrong_type(prop: &Value) -> Value {
    if prop.get("properties").is_some() {
        json!([1, 2])
    } else if allows(prop, "boolean") {
        json!("yes")
    } else if allows(prop, "integer") || allows(prop, "number") {
        json!("many")
    } else {
        json!(12345)
    }
}

fn expect(r: &Reply, status: u16, code: &str, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    assert_eq!(r.code(), code, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
}

#[tokio::test]
async fn every_body_endpoint_refuses_bad_bodies_with_a_named_field() {
    let w = World::new().await;
    let endpoints = body_endpoints();
    assert!(endpoints.len() >= 8, "{endpoints:?}");
    for (n, (method, template, schema_name)) in endpoints.iter().enumerate() {
        let token = w.token(role_for(template)).to_owned();
        let s = schema(schema_name);
        let props = properties(&s);
        let names: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        let (path, body) = valid(&w, method, template, n).await;
        let send = |b: Value| {
            let (method, path) = (method.clone(), path.clone());
            let t = &w.t;
            let token = token.clone();
            async move { call(t, &method, &path, Some(&token), Some(&b)).await }
        };
        let at = |what: &str| format!("{method} {template}: {what}");

        // The valid body works (marking a risk reviewed is always refused: a review is a
        // reassessment, GL 5.1.7; its body is still checked before that).
        let ok = send(body.clone()).await;
        let refused_by_rule = template == "/risks/{id}/review" && ok.status == 409;
        assert!(
            (200..300).contains(&ok.status) || refused_by_rule,
            "{}: {}",
            at("valid body"),
            ok.text
        );
        assert_eq!(shape_problem(&ok), None, "{}", at("valid body"));

        // An unknown field is named, with the fields the body takes.
        let mut b = body.clone();
        b["colour"] = json!("red");
        let r = send(b).await;
        expect(&r, 422, "invalid_input", &at("unknown field"));
        assert_eq!(r.field(), "colour", "{}", at("unknown field"));
        let mut accepted = r.accepted();
        accepted.sort();
        let mut expected: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        expected.sort();
        assert_eq!(accepted, expected, "{}", at("unknown field"));

        // Every required field, missing.
        for field in required(&s) {
            let mut b = body.clone();
            b.as_object_mut().unwrap().remove(&field);
            let r = send(b).await;
            expect(&r, 422, "invalid_input", &at(&format!("missing {field}")));
            assert_eq!(r.field(), field, "{}", at("missing field"));
        }

        // Every field with a value of the wrong type; enumerations with an unknown value.
        for (field, prop) in &props {
            let mut b = body.clone();
            b[field] = wrong_type(prop);
            let r = send(b).await;
            let what = at(&format!("{field} of the wrong type"));
            expect(&r, 422, "invalid_input", &what);
            assert_eq!(r.field(), field, "{what}");
            if let Some(values) = prop["enum"].as_array() {
                let mut b = body.clone();
                b[field] = json!("no-such-value");
                let r = send(b).await;
                let what = at(&format!("{field} with an unknown value"));
                expect(&r, 422, "invalid_input", &what);
                assert_eq!(r.field(), field, "{what}");
                let values: Vec<String> = values
                    .iter()
                    .map(|v| v.as_str().unwrap().to_owned())
                    .collect();
                assert_eq!(r.accepted(), values, "{what}");
            }
        }

        // Nested fields of a scope profile are named by their JSON path.
        let prefix = if body.get("profile").is_some() {
            "profile."
        } else {
            ""
        };
        if prefix == "profile." || template == "/scope/check" {
            let mut b = body.clone();
            let profile = if prefix.is_empty() {
                &mut b
            } else {
                &mut b["profile"]
            };
            profile["contract"] = json!({"maintenance": "weekly"});
            let r = send(b).await;
            let what = at("an unknown nested enum value");
            expect(&r, 422, "invalid_input", &what);
            assert_eq!(r.field(), format!("{prefix}contract.maintenance"), "{what}");
            assert_eq!(
                r.accepted(),
                [
                    "none",
                    "provider_judgement",
                    "institution_directed",
                    "security_patches_only"
                ],
                "{what}"
            );
            let mut b = body.clone();
            let profile = if prefix.is_empty() {
                &mut b
            } else {
                &mut b["profile"]
            };
            profile["contract"] = json!({"lease": true});
            let r = send(b).await;
            expect(&r, 422, "invalid_input", &at("an unknown nested field"));
            assert_eq!(r.field(), format!("{prefix}contract.lease"));
            assert!(r.accepted().contains(&"sale_only".to_owned()));
            let mut b = body.clone();
            let profile = if prefix.is_empty() {
                &mut b
            } else {
                &mut b["profile"]
            };
            profile["contract"] = json!([true, false]);
            let r = send(b).await;
            expect(
                &r,
                422,
                "invalid_input",
                &at("an array for a nested object"),
            );
            assert_eq!(r.field(), format!("{prefix}contract"));
            let mut b = body.clone();
            let profile = if prefix.is_empty() {
                &mut b
            } else {
                &mut b["profile"]
            };
            profile["schema"] = json!("anzen/scope-profile/v2");
            let r = send(b).await;
            expect(&r, 422, "invalid_input", &at("another schema"));
            assert_eq!(r.field(), format!("{prefix}schema"));
            assert_eq!(r.accepted(), ["anzen/scope-profile/v1"]);
            let mut b = body.clone();
            let profile = if prefix.is_empty() {
                &mut b
            } else {
                &mut b["profile"]
            };
            profile["handles_medical_information"] = json!("yes");
            let r = send(b).await;
            expect(
                &r,
                422,
                "invalid_input",
                &at("a nested boolean of the wrong type"),
            );
            assert_eq!(r.field(), format!("{prefix}handles_medical_information"));
            assert_eq!(r.accepted(), ["true", "false"]);
        }

        // Bodies that are not JSON objects.
        for not_object in [
            json!([]),
            json!([1, 2]),
            json!("text"),
            json!(7),
            json!(null),
        ] {
            let r = send(not_object.clone()).await;
            let what = at(&format!("the body {not_object}"));
            expect(&r, 422, "invalid_input", &what);
            assert_eq!(r.field(), "", "{what}");
            assert!(
                r.accepted().iter().any(|a| names.contains(&a.as_str())),
                "{what}"
            );
        }
        let raw = |ct: Option<&'static str>, bytes: Vec<u8>| {
            let (method, path) = (method.clone(), path.clone());
            let t = &w.t;
            let token = token.clone();
            async move { call_raw(t, &method, &path, &token, ct, bytes).await }
        };
        for (what, bytes) in [
            ("not JSON", b"{\"name\": ".to_vec()),
            ("empty", Vec::new()),
            ("not UTF-8", vec![0xff, 0xfe, b'{', b'}']),
            ("trailing garbage", b"{} {}".to_vec()),
            ("deeply nested", "[".repeat(10_000).into_bytes()),
        ] {
            let r = raw(Some("application/json"), bytes).await;
            expect(&r, 400, "malformed_json", &at(what));
        }

        // The wrong content type, whatever the body.
        let json_bytes = serde_json::to_vec(&body).unwrap();
        for ct in [
            None,
            Some("text/plain"),
            Some("application/x-www-form-urlencoded"),
            Some("multipart/form-data; boundary=x"),
        ] {
            let r = raw(ct, json_bytes.clone()).await;
            expect(
                &r,
                415,
                "unsupported_media_type",
                &at(&format!("content type {ct:?}")),
            );
        }
        let r = raw(Some("application/json; charset=utf-8"), b"[]".to_vec()).await;
        assert_eq!(
            r.status,
            422,
            "{}: a charset is fine",
            at("json with charset")
        );

        // Too large: refused by the API (JSON error) and above 1 MiB by the server.
        let mut big = body.clone();
        big["padding"] = json!("x".repeat(100 * 1024));
        let r = send(big).await;
        expect(&r, 413, "payload_too_large", &at("a 100 KiB body"));
        let r = raw(Some("application/json"), vec![b' '; 2 * 1024 * 1024]).await;
        assert_eq!(r.status, 413, "{}", at("a 2 MiB body"));
    }
}

#[tokio::test]
async fn bad_path_ids_and_query_parameters_are_named() {
    let w = World::new().await;
    let token = w.token(PA).to_owned();
    let get = |path: String| {
        let t = &w.t;
        let token = token.clone();
        async move { call(t, "GET", &path, Some(&token), None).await }
    };
    // Every route with an id: a non-UUID id is 422 naming `id`, before the body is read.
    for (method, template) in documented_routes() {
        if !template.contains("{id}") {
            continue;
        }
        for bad in ["not-a-uuid", "1", "%E3%81%82", "01a2-zz"] {
            let path = template.replace("{id}", bad);
            let body = (method != "GET").then(|| json!({}));
            let r = call(&w.t, &method, &path, Some(&token), body.as_ref()).await;
            let what = format!("{method} {path}");
            expect(&r, 422, "invalid_input", &what);
            assert_eq!(r.field(), "id", "{what}");
        }
        // A well-formed id of nothing, with a body that would do: 404.
        let path = template.replace("{id}", "00000000-0000-7000-8000-000000000000");
        let body = if method == "GET" {
            None
        } else {
            Some(valid(&w, &method, &template, 5000).await.1)
        };
        let token = w.token(role_for(&template));
        let r = call(&w.t, &method, &path, Some(token), body.as_ref()).await;
        expect(&r, 404, "not_found", &format!("{method} {path}"));
    }
    // Every listing, those under an id too (with the id of a real object): an unknown
    // parameter is named with the parameters it takes.
    let contract = ehr_contract(&w).await;
    for (method, route) in documented_routes() {
        if method != "GET" || !is_listing(&method, &route) {
            continue;
        }
        let template = if !route.contains('{') {
            route.clone()
        } else if route.starts_with("/offerings/{id}/") {
            route.replace("{id}", &w.ehr)
        } else if route.starts_with("/contracts/{id}/") {
            route.replace("{id}", &contract)
        } else {
            panic!("{route}: a listing under an id this test has no real id for");
        };
        let token = w.token(role_for(&route)).to_owned();
        let get = |path: String| {
            let t = &w.t;
            let token = token.clone();
            async move { call(t, "GET", &path, Some(&token), None).await }
        };
        let r = get(format!("{template}?colour=red")).await;
        expect(&r, 422, "invalid_input", &format!("{template}?colour"));
        assert_eq!(r.field(), "colour");
        assert!(
            r.accepted().contains(&"limit".to_owned()),
            "{template}: {}",
            r.text
        );
        for (query, field) in [
            ("limit=abc", "limit"),
            ("limit=0", "limit"),
            ("limit=501", "limit"),
            ("offset=-1", "offset"),
            ("limit=1&limit=2", "limit"),
        ] {
            let r = get(format!("{template}?{query}")).await;
            expect(&r, 422, "invalid_input", &format!("{template}?{query}"));
            assert_eq!(r.field(), field, "{template}?{query}");
        }
        let r = get(format!("{template}?limit=2&offset=1")).await;
        assert_eq!(r.status, 200, "{template}: {}", r.text);
        assert_eq!(
            (r.body["limit"].as_i64(), r.body["offset"].as_i64()),
            (Some(2), Some(1))
        );
        assert!(r.items().len() <= 2);
    }
    for (path, field) in [
        ("/offerings?in_scope=maybe", "in_scope"),
        ("/offerings?provider=xyz", "provider"),
        ("/contracts?offering=xyz", "offering"),
        ("/contracts?institution=xyz", "institution"),
        ("/supply-links?offering=xyz", "offering"),
        ("/audit?from=yesterday", "from"),
        ("/audit?to=2026-13-01", "to"),
        ("/risks?offering=xyz", "offering"),
        ("/risks?level=X", "level"),
        ("/risks?residual_level=E", "residual_level"),
        ("/risks?status=closed", "status"),
        ("/risks?option=ignore", "option"),
        ("/risks?review=soon", "review"),
        ("/risks?flagged=maybe", "flagged"),
        ("/risks/heat-map?status=closed", "status"),
        ("/devices?institution=xyz", "institution"),
        ("/devices?disposed=maybe", "disposed"),
        ("/certifications?org=xyz", "org"),
        ("/regulatory/unmet?offering=xyz", "offering"),
        ("/incidents?offering=xyz", "offering"),
    ] {
        let r = get(path.into()).await;
        expect(&r, 422, "invalid_input", path);
        assert_eq!(r.field(), field, "{path}");
    }
    // The same under a real offering's id.
    for (query, field) in [
        ("chain?institution=xyz", "institution"),
        ("statements?status=bogus", "status"),
        ("statements?version=xyz", "version"),
    ] {
        let path = format!("/offerings/{}/{query}", w.ehr);
        let r = get(path.clone()).await;
        expect(&r, 422, "invalid_input", &path);
        assert_eq!(r.field(), field, "{path}");
    }
    let r = get("/offerings?in_scope=maybe".into()).await;
    assert_eq!(r.accepted(), ["true", "false"]);
    // Unknown routes and methods answer in JSON too.
    let r = get("/no-such-route".into()).await;
    expect(&r, 404, "not_found", "an unknown route");
    let r = call(&w.t, "DELETE", "/offerings", Some(&token), None).await;
    expect(&r, 405, "method_not_allowed", "DELETE /offerings");
}

/// Field names of every body schema (recursively), plus junk.
fn key_pool() -> Vec<String> {
    let mut keys: Vec<String> = [
        "junk",
        "",
        "__proto__",
        "constructor",
        "profile.contract",
        "ＮＡＭＥ",
        "name ",
        "id",
    ]
    .map(str::to_owned)
    .to_vec();
    fn walk(s: &Value, keys: &mut Vec<String>, depth: usize) {
        if depth > 4 {
            return;
        }
        for (k, v) in properties(s) {
            if !keys.contains(&k) {
                keys.push(k);
            }
            walk(&v, keys, depth + 1);
        }
    }
    for (_, _, name) in body_endpoints() {
        walk(&schema(&name), &mut keys, 0);
    }
    keys
}

/// Interesting strings: ids of real objects, every enum value, dates, edge cases.
fn string_pool(w: &World) -> Vec<String> {
    let mut s: Vec<String> = [
        "anzen/scope-profile/v1",
        "2026-04-01",
        "2026-02-30",
        "2026-04-01T00:00:00Z",
        "",
        " ",
        "\u{0}",
        "null",
        "true",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "../../etc/passwd",
        "a long enough password",
        "member@sakura-medical.example",
        "00000000-0000-0000-0000-000000000000",
        "さくら",
    ]
    .map(str::to_owned)
    .to_vec();
    s.push("x".repeat(300));
    s.push("あ".repeat(201));
    for id in [
        &w.sakura,
        &w.hinoki,
        &w.minato,
        &w.ehr,
        &w.region,
        &w.throwaway_user,
        &w.risk,
    ] {
        s.push(id.clone());
    }
    s.extend(w.other.ids().into_iter().map(str::to_owned));
    let doc = anzen_web::api::openapi();
    for (_, sch) in doc["components"]["schemas"].as_object().unwrap() {
        if let Some(values) = resolve(sch)["enum"].as_array() {
            s.extend(values.iter().filter_map(|v| v.as_str().map(str::to_owned)));
        }
    }
    s
}

/// A JSON scalar: mostly interesting strings.
fn scalar(strings: Vec<String>) -> BoxedStrategy<Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => (-1e12f64..1e12).prop_map(Value::from),
        4 => prop::sample::select(strings).prop_map(Value::from),
        1 => "\\PC{0,30}".prop_map(Value::from),
    ]
    .boxed()
}

/// Any JSON value, nested up to three levels.
fn json_value(keys: Vec<String>, strings: Vec<String>) -> BoxedStrategy<Value> {
    scalar(strings)
        .prop_recursive(3, 24, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(prop::sample::select(keys.clone()), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
        .boxed()
}

/// Generated bodies: random objects over the endpoint's field names (and some others), a
/// valid body with one of its fields replaced (and sometimes another removed), or any JSON
/// value at all.
fn bodies(
    valid: Value,
    own_keys: Vec<String>,
    keys: Vec<String>,
    strings: Vec<String>,
) -> impl Strategy<Value = Value> {
    let value = prop_oneof![
        3 => scalar(strings.clone()),
        1 => json_value(keys.clone(), strings),
    ];
    let key = prop_oneof![
        3 => prop::sample::select(own_keys),
        1 => prop::sample::select(keys),
    ];
    let object = prop::collection::btree_map(key.clone(), value.clone(), 0..8)
        .prop_map(|m| Value::Object(m.into_iter().collect()));
    let mutated = (
        key.clone(),
        value.clone(),
        prop::option::weighted(0.25, key),
    )
        .prop_map(move |(key, v, remove)| {
            let mut b = valid.clone();
            let obj = b.as_object_mut().unwrap();
            if let Some(k) = remove {
                obj.remove(&k);
            }
            obj.insert(key, v);
            b
        });
    prop_oneof![3 => object, 6 => mutated, 1 => value]
}

#[test]
fn generated_bodies_never_cause_a_server_error() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let w = rt.block_on(World::new());
    let keys = key_pool();
    let strings = string_pool(&w);
    let mut beyond_parsing = 0;
    for (n, (method, template, schema_name)) in body_endpoints().into_iter().enumerate() {
        let token = w.token(role_for(&template)).to_owned();
        let (path, valid_body) = rt.block_on(valid(&w, &method, &template, 1000 + n));
        let own_keys: Vec<String> = properties(&schema(&schema_name))
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        let seen = std::cell::RefCell::new(std::collections::BTreeMap::<u16, usize>::new());
        let result = runner.run(
            &bodies(valid_body, own_keys, keys.clone(), strings.clone()),
            |body| {
                let r = rt.block_on(call(&w.t, &method, &path, Some(&token), Some(&body)));
                *seen.borrow_mut().entry(r.status).or_default() += 1;
                if r.status >= 500 {
                    return Err(TestCaseError::fail(format!(
                        "{} for {body}: {}",
                        r.status, r.text
                    )));
                }
                if let Some(p) = shape_problem(&r) {
                    return Err(TestCaseError::fail(format!("{p} for {body}")));
                }
                Ok(())
            },
        );
        if let Err(e) = result {
            panic!("{method} {template}: {e}");
        }
        let seen = seen.into_inner();
        println!("{method} {template}: statuses {seen:?}");
        beyond_parsing += seen
            .iter()
            .filter(|(s, _)| **s != 422 && **s != 400)
            .map(|(_, n)| n)
            .sum::<usize>();
    }
    // The generator reaches the use-cases (successes, conflicts), not only the parser.
    assert!(
        beyond_parsing >= 5,
        "only {beyond_parsing} generated bodies got past parsing"
    );
}
