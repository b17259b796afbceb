//! The risk register's JSON API: the register's filters and paging, the heat map, the
//! matrix and its versions, components and information flows, refusals named by the body's
//! JSON path, stale revisions, what an institution's reviewer sees of other institutions,
//! and duties.

use crate::api_support;

use anzen_domain::access::Role;
use api_support::{Reply, World, shape_problem};
use serde_json::{Value, json};

const PA: Role = Role::ProviderAdmin;
const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const AU: Role = Role::Auditor;

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
}

fn refused(r: &Reply, status: u16, field: &str, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    assert_eq!(r.field(), field, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
}

fn ids(r: &Reply) -> Vec<String> {
    r.items()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn the_register_filters_and_pages_within_reach() {
    let w = World::new().await;
    let all = w.call("GET", "/risks", PM, None).await;
    ok(&all, 200, "the register");
    assert_eq!(all.body["total"], 3);
    // Most severe first.
    let levels: Vec<&str> = all
        .items()
        .iter()
        .map(|r| r["inherent"]["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["A", "A", "C"]);
    for (query, total) in [
        ("level=A", 2),
        ("residual_level=C", 1),
        ("status=awaiting_consent", 1),
        ("status=open", 1),
        ("option=reduce", 1),
        ("q=%E5%85%B1%E7%94%A8%E7%AB%AF%E6%9C%AB", 1), // 共用端末
        ("review=due", 0),
        ("flagged=false", 3),
        ("limit=1&offset=1", 3),
    ] {
        let r = w.call("GET", &format!("/risks?{query}"), PM, None).await;
        ok(&r, 200, query);
        assert_eq!(r.body["total"], total, "{query}");
    }
    let page = w.call("GET", "/risks?limit=1&offset=1", PM, None).await;
    assert_eq!(page.items().len(), 1);
    assert_eq!(page.items()[0]["id"], all.items()[1]["id"]);
    // The institution sees the register of the offering it contracts; the auditor its
    // organisation's; nobody the other provider's.
    for role in [IR, AU] {
        let r = w.call("GET", "/risks", role, None).await;
        assert_eq!(ids(&r), ids(&all), "{role}");
    }
    let mine = w
        .call(
            "GET",
            &format!("/risks?offering={}", w.other.offering),
            PA,
            None,
        )
        .await;
    assert_eq!(mine.body["total"], 0);
    let r = w
        .call("GET", &format!("/risks/{}", w.other.risk), PA, None)
        .await;
    assert_eq!((r.status, r.code()), (404, "not_found"));
}

#[tokio::test]
async fn heat_map_and_matrix_versions() {
    let w = World::new().await;
    let heat = w.call("GET", "/risks/heat-map", PM, None).await;
    ok(&heat, 200, "the heat map");
    assert_eq!(heat.body["matrix_version"], 1);
    assert_eq!(
        (
            heat.body["impact_points"].as_i64(),
            heat.body["likelihood_points"].as_i64()
        ),
        (Some(5), Some(5))
    );
    let sum = |cells: &Value| -> i64 {
        cells
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(sum(&heat.body["inherent"]), 3);
    assert_eq!(sum(&heat.body["residual"]), 2);
    let cell = heat.body["inherent"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["impact"] == 5 && c["likelihood"] == 3)
        .unwrap();
    assert_eq!(
        (cell["count"].as_i64(), cell["level"].as_str()),
        (Some(1), Some("A"))
    );
    let filtered = w
        .call("GET", "/risks/heat-map?status=awaiting_consent", PM, None)
        .await;
    assert_eq!(sum(&filtered.body["inherent"]), 1);

    // A new version: past assessments keep theirs and are marked for review.
    let current = w.call("GET", "/risks/matrix", PA, None).await;
    let mut cells = current.body["cells"].clone();
    cells[4][4] = json!("D");
    let r = w
        .call("POST", "/risks/matrix", PA, Some(&json!({"cells": cells})))
        .await;
    refused(
        &r,
        422,
        "cells.4.4",
        "a level that falls as the impact rises",
    );
    let r = w
        .call(
            "POST",
            "/risks/matrix",
            PA,
            Some(&json!({"cells": [["S"]]})),
        )
        .await;
    refused(&r, 422, "cells", "cells that do not fit the scales");
    let mut criteria = current.body["criteria"].clone();
    criteria[0]["review_interval_days"] = json!(30);
    let r = w
        .call(
            "POST",
            "/risks/matrix",
            PA,
            Some(&json!({"cells": current.body["cells"], "criteria": criteria})),
        )
        .await;
    ok(&r, 201, "version 2");
    assert_eq!(r.body["version"], 2);
    assert_eq!(r.body["default_example"], false);
    assert_eq!(r.body["criteria"][0]["review_interval_days"], 30);
    let r = w
        .call(
            "POST",
            "/risks/matrix",
            PM,
            Some(&json!({"cells": current.body["cells"]})),
        )
        .await;
    assert_eq!(
        (r.status, r.code()),
        (403, "forbidden"),
        "a member does not set the matrix"
    );
    let flagged = w.call("GET", "/risks?flagged=true", PM, None).await;
    assert_eq!(flagged.body["total"], 3);
    let r = &flagged.items()[0];
    assert_eq!(r["inherent"]["matrix_version"], 1, "not rewritten");
    assert_eq!(r["review_flags"][0]["kind"], "matrix_version");
}

#[tokio::test]
async fn components_flows_and_refusals_named_by_their_json_path() {
    let w = World::new().await;
    let ehr = &w.ehr;
    let c = w
        .call(
            "POST",
            &format!("/offerings/{ehr}/components"),
            PM,
            Some(&json!({"name": "認証サーバ", "kind": "server", "environment": "production"})),
        )
        .await;
    ok(&c, 201, "a component");
    let component = c.body["id"].as_str().unwrap().to_owned();
    let f = w
        .call(
            "POST",
            &format!("/offerings/{ehr}/flows"),
            PM,
            Some(&json!({
                "who": "医師", "place": "診察室", "device_or_medium": "共用端末",
                "what": "ログイン情報", "how": "認証", "class": "credentials",
                "environment": "production", "components": [component],
            })),
        )
        .await;
    ok(&f, 201, "a flow");
    assert_eq!(f.body["components"][0], component.as_str());
    let r = w
        .call(
            "POST",
            &format!("/offerings/{ehr}/flows"),
            PM,
            Some(&json!({
                "who": "医師", "place": "診察室", "device_or_medium": "共用端末",
                "what": "ログイン情報", "how": "認証", "class": "credentials",
                "environment": "production",
                "components": [component, "01a212ca-d9cc-72f6-9c8d-b5aead303a69"],
            })),
        )
        .await;
    refused(&r, 422, "components.1", "a component of nothing");
    for role in [PM, IR, AU] {
        let r = w
            .call("GET", &format!("/offerings/{ehr}/flows"), role, None)
            .await;
        ok(&r, 200, "the flows");
        assert_eq!(
            r.body["total"], 4,
            "{role}: three demo flows and the new one"
        );
        let r = w
            .call(
                "GET",
                &format!("/offerings/{ehr}/components?limit=2"),
                role,
                None,
            )
            .await;
        assert_eq!((r.body["total"].as_i64(), r.items().len()), (Some(5), 2));
    }

    // A risk on another offering's flow, a missing C/I/A, a point off the scale.
    let flow = f.body["id"].as_str().unwrap();
    let risk = |extra: Value| {
        let mut body = json!({
            "offering": w.region, "title": "t", "threat": "x",
            "confidentiality": true, "impact": 3, "likelihood": 3,
        });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let r = w.call("POST", "/risks", PM, Some(&risk(json!({})))).await;
    refused(&r, 422, "offering", "an offering of another organisation");
    let r = w
        .call(
            "POST",
            "/risks",
            PM,
            Some(&risk(json!({"offering": ehr, "flow": w.ehr}))),
        )
        .await;
    refused(&r, 422, "flow", "a flow of nothing");
    let r = w
        .call(
            "POST",
            "/risks",
            PM,
            Some(&risk(
                json!({"offering": ehr, "flow": flow, "confidentiality": false}),
            )),
        )
        .await;
    refused(&r, 422, "confidentiality", "nothing harmed");
    let r = w
        .call(
            "POST",
            "/risks",
            PM,
            Some(&risk(json!({"offering": ehr, "impact": 6}))),
        )
        .await;
    refused(&r, 422, "impact", "off the scale");
    assert_eq!(r.accepted(), ["1", "2", "3", "4", "5"]);

    // Treatment refusals name the body's fields.
    let open =
        w.t.demo
            .risks
            .iter()
            .find(|r| r.treatment.is_none())
            .unwrap()
            .id
            .to_string();
    let hospital = w.minato.clone();
    let care =
        w.t.demo
            .org(anzen_app::demo::CARE_PROVIDER)
            .unwrap()
            .id
            .to_string();
    let treat = |option: &str, measures: Value| {
        json!({
            "option": option, "measures": measures, "rationale": "r",
            "options_considered": "o", "residual_impact": 3, "residual_likelihood": 2,
            "explanation": "e", "revision": 1,
        })
    };
    let path = format!("/risks/{open}/treatment");
    for (body, field, what) in [
        (
            treat("accept", json!([])),
            "option",
            "A cannot be accepted alone",
        ),
        (treat("reduce", json!([])), "measures", "A needs a measure"),
        (
            treat("reduce", json!([{"description": " "}])),
            "measures.0.description",
            "a measure without its description",
        ),
        (
            treat(
                "reduce",
                json!([{"description": "d"}, {"description": "周知", "owner": "institution", "owner_org": care}]),
            ),
            "measures.1.owner_org",
            "a duty on an institution the risk does not touch",
        ),
        (
            treat("reduce", json!([{"description": "d", "due": "2026-02-30"}])),
            "measures.0.due",
            "a due date that does not exist",
        ),
        (
            json!({"option": "reduce", "measures": [{"description": "d"}], "rationale": "r", "revision": 1}),
            "residual_impact",
            "a treatment without its residual risk",
        ),
        (
            treat("reduce", json!([{"description": "d"}]))
                .as_object()
                .map(|o| {
                    let mut o = o.clone();
                    o.insert("revision".into(), json!(0));
                    Value::Object(o)
                })
                .unwrap(),
            "revision",
            "revision 0",
        ),
    ] {
        let r = w.call("PUT", &path, PM, Some(&body)).await;
        refused(&r, 422, field, what);
    }
    let before = w.risk_state(&open).await;
    // A stale revision: 409, nothing written.
    let r = w
        .call(
            "PUT",
            &path,
            PM,
            Some(&json!({
                "option": "reduce",
                "measures": [{"description": "承認制", "owner": "institution", "owner_org": hospital}],
                "rationale": "r", "residual_impact": 3, "residual_likelihood": 2,
                "revision": 99,
            })),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "conflict"), "{}", r.text);
    assert_eq!(w.risk_state(&open).await, before);
    let r = w
        .call(
            "PUT",
            &format!("/risks/{open}/assessment"),
            PM,
            Some(&json!({"impact": 5, "likelihood": 0, "revision": before.0})),
        )
        .await;
    refused(&r, 422, "likelihood", "likelihood off the scale");
    // A notice names a control: another provider's own control is unknown here (422 naming
    // `control` and where to find valid keys), as is an empty one; nothing is marked.
    let r = w
        .call(
            "POST",
            "/tech-notices",
            PM,
            Some(&json!({"title": "t", "control": w.other.control})),
        )
        .await;
    refused(&r, 422, "control", "another provider's control");
    assert!(r.text.contains("/statements"), "{}", r.text);
    let r = w
        .call(
            "POST",
            "/tech-notices/preview",
            PM,
            Some(&json!({"control": " "})),
        )
        .await;
    refused(&r, 422, "control", "no control");
    let r = w
        .call("POST", "/tech-notices", PM, Some(&json!({"title": "t"})))
        .await;
    refused(&r, 422, "control", "the control missing");
    assert_eq!(w.risk_state(&open).await, before);
    // A notice on a control no measure implements marks nothing.
    let r = w
        .call(
            "POST",
            "/tech-notices",
            PM,
            Some(&json!({"title": "未使用の対策項目", "control": "1.1/①-1"})),
        )
        .await;
    ok(&r, 201, "a notice");
    assert_eq!(r.body["risks_marked"], 0);
    assert_eq!(w.risk_state(&open).await, before);
}

#[tokio::test]
async fn a_reviewer_sees_only_its_own_institution_and_duties() {
    let w = World::new().await;
    let reduced =
        w.t.demo
            .risks
            .iter()
            .find(|r| {
                r.treatment
                    .as_ref()
                    .is_some_and(|t| !t.option.needs_institution_consent())
            })
            .unwrap()
            .id
            .to_string();
    let provider = w.call("GET", &format!("/risks/{reduced}"), PM, None).await;
    ok(&provider, 200, "the provider's view");
    assert_eq!(provider.body["institutions"].as_array().unwrap().len(), 2);
    // Reduced, its residual risk not yet agreed by both institutions (FAQ 5.2).
    assert_eq!(provider.body["state"], "residual_agreement_pending");
    let theirs = w.call("GET", &format!("/risks/{reduced}"), IR, None).await;
    let institutions = theirs.body["institutions"].as_array().unwrap();
    assert_eq!(institutions.len(), 1);
    assert_eq!(institutions[0]["institution"], w.minato.as_str());
    assert_eq!(theirs.body["digest"], provider.body["digest"]);
    let duties = w.call("GET", "/institution/duties", IR, None).await;
    ok(&duties, 200, "the duties");
    assert_eq!(duties.body["total"], 1);
    assert_eq!(duties.items()[0]["risk"], reduced.as_str());
    assert_eq!(duties.items()[0]["offering"], w.ehr.as_str());
    for role in [PA, PM, AU] {
        let r = w.call("GET", "/institution/duties", role, None).await;
        assert_eq!((r.status, r.code()), (403, "forbidden"), "{role}");
    }
}
