//! Incidents through the JSON API (GL 3.2 危機管理対応時, FAQ 3; GL 5.1.7): recording one
//! notifies exactly the affected institutions (not the offering's other institutions) and
//! marks every risk of the offering for review; the institution acknowledges and agrees to
//! the prevention measures; a stale revision is a 409; every field's bad value is a 422
//! naming it, and nothing is written.

use crate::api_support;

use anzen_app::Caller;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use api_support::{Reply, World, shape_problem};
use serde_json::{Value, json};

const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
}

fn body(w: &World) -> Value {
    json!({
        "title": "保守端末からの不正アクセス",
        "description": "保守端末がマルウェアに感染し、本番DBへの不審な接続が記録された",
        "occurred_at": "2026-11-20T09:30",
        "detected_at": "2026-11-20T11:00:00+09:00",
        "impact": {"confidentiality": true, "availability": true},
        "affected": [w.minato],
        "actions": "保守端末を切り離し、接続元を遮断した",
    })
}

/// The clinic that also contracts the cloud EHR (demo data).
fn clinic(w: &World) -> String {
    w.t.demo
        .org(anzen_app::demo::CLINIC)
        .unwrap()
        .id
        .to_string()
}

async fn inbox_of(w: &World, org: &str) -> Vec<(String, String)> {
    let caller = Caller::Operator {
        name: "tests".into(),
        org: Some(org.parse().unwrap()),
    };
    w.t.app
        .inbox(&caller, Page::all())
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|i| (i.notification.change_kind, i.notification.change_ref))
        .collect()
}

async fn audit_total(w: &World) -> i64 {
    w.t.app
        .list_audit(
            &Caller::operator("tests"),
            &AuditQuery::default(),
            Page::first(1),
        )
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn an_incident_notifies_exactly_the_affected_institutions_and_marks_the_risks() {
    let w = World::new().await;
    let clinic = clinic(&w);
    let ehr_risks = w
        .call(
            "GET",
            &format!("/risks?offering={}&limit=500", w.ehr),
            PM,
            None,
        )
        .await;
    ok(&ehr_risks, 200, "the EHR's risks");
    let risk_ids: Vec<String> = ehr_risks
        .items()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!risk_ids.is_empty());
    let clinic_before = inbox_of(&w, &clinic).await.len();

    let r = w
        .call(
            "POST",
            &format!("/offerings/{}/incidents", w.ehr),
            PM,
            Some(&body(&w)),
        )
        .await;
    ok(&r, 201, "record");
    let id = r.body["incident"]["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["incident"]["status"], "open");
    assert_eq!(r.body["notified"], json!([w.minato]));
    let mut marked: Vec<String> = r.body["risks_marked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    marked.sort();
    let mut expected = risk_ids.clone();
    expected.sort();
    assert_eq!(marked, expected, "every risk of the offering");
    for risk in &risk_ids {
        let got = w.call("GET", &format!("/risks/{risk}"), PM, None).await;
        let flags = got.body["risk"]["review_flags"].as_array().unwrap();
        assert!(
            flags
                .iter()
                .any(|f| f["kind"] == "incident" && f["changed"] == json!(id)),
            "{risk}: {flags:?}"
        );
    }

    // The hospital hears of it (its inbox, through the API), the clinic does not.
    let inbox = w.call("GET", "/notifications", IR, None).await;
    ok(&inbox, 200, "the hospital's inbox");
    assert!(
        inbox
            .items()
            .iter()
            .any(|n| n["change"] == "incident" && n["change_ref"] == json!(id)),
        "{}",
        inbox.text
    );
    let clinic_inbox = inbox_of(&w, &clinic).await;
    assert_eq!(clinic_inbox.len(), clinic_before);
    assert!(!clinic_inbox.iter().any(|(_, r)| *r == id));

    // The hospital sees the incident (its own part), acknowledges it and, once measures are
    // proposed, agrees to them; the provider then closes it.
    let seen = w.call("GET", &format!("/incidents/{id}"), IR, None).await;
    ok(&seen, 200, "the hospital reads it");
    assert_eq!(seen.body["parties"].as_array().unwrap().len(), 1);
    ok(
        &w.call("POST", &format!("/incidents/{id}/acknowledge"), IR, None)
            .await,
        200,
        "acknowledge",
    );
    let again = w
        .call("POST", &format!("/incidents/{id}/acknowledge"), IR, None)
        .await;
    assert_eq!((again.status, again.code()), (409, "conflict"));
    let update = |revision: i64, prevention: &str| {
        json!({
            "actions": "接続元を遮断し、全端末を検査した",
            "cause": "保守端末のOSが未更新だった",
            "prevention": prevention,
            "revision": revision,
        })
    };
    let updated = w
        .call(
            "PUT",
            &format!("/incidents/{id}"),
            PM,
            Some(&update(1, "保守端末の月次更新と接続前検査")),
        )
        .await;
    ok(&updated, 200, "update");
    assert_eq!(updated.body["status"], "prevention_proposed");
    assert_eq!(updated.body["prevention_version"], 1);
    // A second update on the revision read before is a 409, and changes nothing.
    let stale = w
        .call(
            "PUT",
            &format!("/incidents/{id}"),
            PM,
            Some(&update(1, "別の案")),
        )
        .await;
    assert_eq!(
        (stale.status, stale.code()),
        (409, "conflict"),
        "{}",
        stale.text
    );
    let now = w.call("GET", &format!("/incidents/{id}"), PM, None).await;
    assert_eq!(now.body["prevention"], "保守端末の月次更新と接続前検査");
    let agreed = w
        .call(
            "POST",
            &format!("/incidents/{id}/prevention"),
            IR,
            Some(&json!({"answer": "agreed", "version": 1})),
        )
        .await;
    ok(&agreed, 200, "agree");
    assert_eq!(agreed.body["parties"][0]["answer"]["answer"], "agreed");
    let closed = w
        .call(
            "POST",
            &format!("/incidents/{id}/close"),
            PM,
            Some(&json!({"revision": 2})),
        )
        .await;
    ok(&closed, 200, "close");
    assert_eq!(closed.body["status"], "closed");
}

#[tokio::test]
async fn every_bad_field_is_named_and_nothing_is_written() {
    let w = World::new().await;
    let clinic = clinic(&w);
    let path = format!("/offerings/{}/incidents", w.ehr);
    let long = "x".repeat(4001);
    let other_provider_clinic = w.other.clinic.clone();
    let cases: Vec<(&str, Value, &str)> = vec![
        ("title", json!(" "), "title"),
        ("title", json!("題".repeat(201)), "title"),
        ("description", json!(""), "description"),
        ("description", json!(long), "description"),
        ("occurred_at", json!("yesterday"), "occurred_at"),
        ("occurred_at", json!("2027-01-01T00:00:00Z"), "occurred_at"),
        ("detected_at", json!("2026-11-20T09:00"), "detected_at"),
        ("detected_at", json!("2099-01-01T00:00"), "detected_at"),
        ("impact", json!({}), "impact"),
        ("affected", json!([]), "affected"),
        (
            "affected",
            json!([w.minato, other_provider_clinic]),
            "affected.1",
        ),
        ("affected", json!([w.sakura]), "affected.0"),
        ("actions", json!(long), "actions"),
        ("cause", json!(long), "cause"),
        ("prevention", json!("月次更新"), "prevention"),
    ];
    let before = audit_total(&w).await;
    let listed = w.call("GET", &path, PM, None).await.body["total"].clone();
    for (field, value, named) in &cases {
        let mut b = body(&w);
        b[*field] = value.clone();
        let r = w.call("POST", &path, PM, Some(&b)).await;
        assert_eq!(
            (r.status, r.code(), r.field()),
            (422, "invalid_input", *named),
            "{field} = {value}: {}",
            r.text
        );
        assert_eq!(shape_problem(&r), None, "{field}");
    }
    assert_eq!(audit_total(&w).await, before, "a refusal writes nothing");
    // The clinic is a contracting institution: accepted, as the control of the rows above.
    let mut b = body(&w);
    b["affected"] = json!([w.minato, clinic]);
    b["detected_at"] = json!("2026-11-20T09:30");
    ok(
        &w.call("POST", &path, PM, Some(&b)).await,
        201,
        "both institutions",
    );
    let after = w.call("GET", &path, PM, None).await;
    assert_eq!(
        after.body["total"].as_i64(),
        listed.as_i64().map(|n| n + 1),
        "only the valid record was written"
    );
    assert!(audit_total(&w).await > before);

    // The update, the answer and the close name their fields too.
    let id = after.items()[0]["id"].as_str().unwrap().to_owned();
    let r = w
        .call(
            "PUT",
            &format!("/incidents/{id}"),
            PM,
            Some(&json!({"prevention": "月次更新", "revision": 1})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "prevention"), "{}", r.text);
    let r = w
        .call(
            "PUT",
            &format!("/incidents/{id}"),
            PM,
            Some(&json!({"cause": long, "revision": 1})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "cause"), "{}", r.text);
    let r = w
        .call(
            "PUT",
            &format!("/incidents/{id}"),
            PM,
            Some(&json!({"revision": 0})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "revision"), "{}", r.text);
    let r = w
        .call(
            "POST",
            &format!("/incidents/{id}/prevention"),
            IR,
            Some(&json!({"answer": "agreed", "version": 1})),
        )
        .await;
    assert_eq!(
        (r.status, r.field()),
        (422, "prevention"),
        "nothing proposed: {}",
        r.text
    );
    ok(
        &w.call(
            "PUT",
            &format!("/incidents/{id}"),
            PM,
            Some(&json!({"cause": "c", "prevention": "p", "revision": 1})),
        )
        .await,
        200,
        "propose",
    );
    let r = w
        .call(
            "POST",
            &format!("/incidents/{id}/prevention"),
            IR,
            Some(&json!({"answer": "declined", "version": 1, "reason": " "})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "reason"), "{}", r.text);
    let r = w
        .call(
            "POST",
            &format!("/incidents/{id}/prevention"),
            IR,
            Some(&json!({"answer": "declined", "version": 2, "reason": "r"})),
        )
        .await;
    assert_eq!((r.status, r.code()), (409, "conflict"), "{}", r.text);
    let r = w
        .call(
            "POST",
            &format!("/incidents/{id}/close"),
            PM,
            Some(&json!({"revision": 2})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "prevention"), "{}", r.text);
}
