//! The controls through the JSON API (FAQ 5.3, 5.4, 7): the refusals of the acceptance list
//! (a reasonless non-adoption, "not applicable" on a regulatory requirement, accepting a risk
//! a regulatory statement rests on, an invalid catalogue file) each answer 422 with the field
//! and change nothing; a re-import is a no-op; a new version's diff names what to review.

use crate::api_support;

use anzen_domain::access::Role;
use api_support::{World, call_raw, shape_problem};
use serde_json::json;

const PA: Role = Role::ProviderAdmin;
const IR: Role = Role::InstitutionReviewer;

fn csv(rows: &[(&str, &str)]) -> Vec<u8> {
    let item = "対策項目";
    let mhlw = "関連する医療情報安全管理ガイドライン要求事項";
    let mut out = format!(
        "{item},{item},{item},{item},{item},{item},,{mhlw},{mhlw},{mhlw},{mhlw}\r\n\
         大項目,中項目,小項目,No.,内容,区分,リスクシナリオ例,編,項番,区分,内容\r\n"
    );
    for (no, content) in rows {
        out.push_str(&format!(
            "1. 人的・組織的対策,1.1. 規程・手順の策定,①規程,{no},{content},,,企画管理編,4.,【遵守事項】,規程を定めること。\r\n"
        ));
    }
    out.into_bytes()
}

async fn audit_total(w: &World) -> i64 {
    let r = w.call("GET", "/audit?limit=1", PA, None).await;
    r.body["total"].as_i64().unwrap()
}

#[tokio::test]
async fn refused_statements_answer_422_and_change_nothing() {
    let w = World::new().await;
    let path = format!("/offerings/{}/statements", w.ehr);
    let table = w.call("GET", &path, PA, None).await;
    assert_eq!(table.status, 200, "{}", table.text);
    let key = table.body["appendix2"][0]["subject"]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(table.body["catalogue"]["builtin"], true);
    assert_eq!(table.body["appendix2"][0]["text_origin"], "paraphrase");
    let audit = audit_total(&w).await;

    // A non-adoption without its reason (FAQ 5.3-R7).
    let r = w
        .call(
            "PUT",
            &path,
            PA,
            Some(
                &json!({"subject": {"kind": "appendix2", "key": key}, "status": "not_applicable"}),
            ),
        )
        .await;
    assert_eq!(
        (r.status, r.code(), r.field()),
        (422, "invalid_input", "why"),
        "{}",
        r.text
    );
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("FAQ 5.3-R7")
    );
    assert_eq!(shape_problem(&r), None);
    let r = w
        .call(
            "PUT",
            &path,
            PA,
            Some(&json!({"subject": {"kind": "appendix2", "key": key}, "status": "alternative", "what": "別の対策"})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "why_equivalent"), "{}", r.text);

    // "Not applicable" on a regulatory requirement, even with a reason (FAQ 7-R1).
    let r = w
        .call(
            "PUT",
            &path,
            PA,
            Some(&json!({
                "subject": {"kind": "regulatory", "key": "6.2-authenticity"},
                "status": "not_applicable",
                "why": "リスクが小さいため",
            })),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "status"), "{}", r.text);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("FAQ 7-R1")
    );
    assert!(r.accepted().contains(&"legally_not_applicable".to_owned()));
    assert!(!r.accepted().contains(&"not_applicable".to_owned()));

    let after = w.call("GET", &path, PA, None).await;
    assert_eq!(after.body, table.body, "nothing changed");
    assert_eq!(audit_total(&w).await, audit, "no audit entry");

    // A reviewer of the contracted institution reads the table but cannot write.
    assert_eq!(w.call("GET", &path, IR, None).await.status, 200);
    let r = w
        .call(
            "PUT",
            &path,
            IR,
            Some(&json!({"subject": {"kind": "regulatory", "key": "6.2-authenticity"}, "status": "adopted", "how": "x", "evidence": "y"})),
        )
        .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn a_risk_under_a_regulatory_statement_cannot_be_accepted() {
    let w = World::new().await;
    let risk = w
        .call(
            "POST",
            "/risks",
            PA,
            Some(&json!({"offering": w.ehr, "title": "操作ログの改ざん", "threat": "改ざん", "integrity": true, "impact": 2, "likelihood": 2})),
        )
        .await;
    assert_eq!(risk.status, 201, "{}", risk.text);
    let id = risk.body["risk"]["id"].as_str().unwrap().to_owned();
    let path = format!("/offerings/{}/statements", w.ehr);
    // The demo's accepted risk cannot carry a regulatory statement.
    let r = w
        .call(
            "PUT",
            &path,
            PA,
            Some(&json!({"subject": {"kind": "regulatory", "key": "6.2-authenticity"}, "status": "adopted", "how": "署名", "evidence": "手順書", "risks": [w.risk]})),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "risks"), "{}", r.text);
    let ok = w
        .call(
            "PUT",
            &path,
            PA,
            Some(&json!({"subject": {"kind": "regulatory", "key": "6.2-authenticity"}, "status": "adopted", "how": "操作ログへの電子署名", "evidence": "署名検証の手順書", "risks": [id]})),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    assert_eq!(ok.body["version"], 1);
    let (revision, _) = w.risk_state(&id).await;
    let r = w
        .call(
            "PUT",
            &format!("/risks/{id}/treatment"),
            PA,
            Some(&json!({
                "option": "accept",
                "rationale": "影響が小さい",
                "options_considered": "低減と比較",
                "residual_impact": 1,
                "residual_likelihood": 1,
                "explanation": "受容します",
                "revision": revision,
            })),
        )
        .await;
    assert_eq!((r.status, r.field()), (422, "option"), "{}", r.text);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("FAQ 7-R1")
    );
    assert_eq!(
        w.risk_state(&id).await.0,
        revision,
        "the risk did not change"
    );

    // The requirement is met now; the others are not.
    let unmet = w
        .call(
            "GET",
            &format!("/regulatory/unmet?offering={}", w.ehr),
            PA,
            None,
        )
        .await;
    assert_eq!(unmet.status, 200);
    let keys: Vec<&str> = unmet
        .items()
        .iter()
        .map(|u| u["key"].as_str().unwrap())
        .collect();
    assert!(!keys.contains(&"6.2-authenticity"), "{keys:?}");
    assert!(keys.contains(&"6.2-legibility"), "{keys:?}");
    assert!(unmet.items().iter().all(|u| u["reason"] == "no_statement"));
    // A stale revision is a conflict.
    let r = w
        .call(
            "PUT",
            &path,
            PA,
            Some(&json!({"subject": {"kind": "regulatory", "key": "6.2-authenticity"}, "status": "planned", "what": "x", "by": "2027-01-01", "revision": 0})),
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.text);
}

#[tokio::test]
async fn catalogue_files_are_imported_once_and_bad_ones_not_at_all() {
    let w = World::new().await;
    let token = w.token(PA).to_owned();
    let before = w.call("GET", "/controls/catalogues", PA, None).await;
    assert_eq!(before.body["total"], 1);

    // Bad rows: every one named, nothing stored.
    let bad = csv(&[
        ("①-1", "規程を作成すること。"),
        ("x-2", "見直すこと。"),
        ("", ""),
    ]);
    let r = call_raw(
        &w.t,
        "POST",
        "/controls/catalogues",
        &token,
        Some("text/csv"),
        bad,
    )
    .await;
    assert_eq!(
        (r.status, r.code(), r.field()),
        (422, "invalid_input", "file"),
        "{}",
        r.text
    );
    let message = r.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("row 4, column D"), "{message}");
    assert_eq!(shape_problem(&r), None);
    let r = call_raw(
        &w.t,
        "POST",
        "/controls/catalogues",
        &token,
        Some("application/pdf"),
        b"%PDF".to_vec(),
    )
    .await;
    assert_eq!((r.status, r.code()), (415, "unsupported_media_type"));
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    let r = call_raw(
        &w.t,
        "POST",
        "/controls/catalogues",
        &token,
        Some(xlsx),
        b"not a zip".to_vec(),
    )
    .await;
    assert_eq!((r.status, r.field()), (422, "file"), "{}", r.text);
    assert_eq!(
        w.call("GET", "/controls/catalogues", PA, None).await.body["total"],
        1
    );

    // A good file, twice.
    let v1 = csv(&[
        ("①-1", "規程を作成すること。"),
        ("①-2", "規程を見直すこと。"),
    ]);
    let r = call_raw(
        &w.t,
        "POST",
        "/controls/catalogues?name=v1.csv",
        &token,
        Some("text/csv"),
        v1.clone(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["report"]["items"], 2);
    assert_eq!(r.body["version"]["source_name"], "v1.csv");
    let again = call_raw(
        &w.t,
        "POST",
        "/controls/catalogues",
        &token,
        Some("text/csv"),
        v1,
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.text);
    assert_eq!(again.body["already_imported"], true);
    assert_eq!(
        w.call("GET", "/controls/catalogues", PA, None).await.body["total"],
        2
    );

    // A statement on ①-2, a risk naming ①-1; then a version that changes ①-1 and drops ①-2.
    let label = r.body["version"]["version"].as_str().unwrap().to_owned();
    let ok = w
        .call(
            "PUT",
            &format!("/offerings/{}/statements", w.ehr),
            PA,
            Some(&json!({"subject": {"kind": "appendix2", "catalogue_version": label, "key": "1.1/①-2"}, "status": "adopted", "how": "年1回", "evidence": "見直し記録"})),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text);
    let risk = w
        .call(
            "POST",
            "/risks",
            PA,
            Some(&json!({"offering": w.ehr, "title": "規程の不備", "threat": "不正アクセス", "confidentiality": true, "impact": 2, "likelihood": 2})),
        )
        .await;
    let risk_id = risk.body["risk"]["id"].as_str().unwrap().to_owned();
    let treat = w
        .call(
            "PUT",
            &format!("/risks/{risk_id}/treatment"),
            PA,
            Some(&json!({"option": "reduce", "measures": [{"description": "規程を整備", "controls": ["1.1/①-1"]}], "rationale": "低減", "residual_impact": 1, "residual_likelihood": 1, "revision": risk.body["risk"]["revision"]})),
        )
        .await;
    assert_eq!(treat.status, 200, "{}", treat.text);
    let v2 = csv(&[
        ("①-1", "規程を作成し、公開すること。"),
        ("①-3", "規程を周知すること。"),
    ]);
    let r = call_raw(
        &w.t,
        "POST",
        "/controls/catalogues",
        &token,
        Some("text/csv"),
        v2,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let diff_path = r.location.clone().unwrap();
    assert_eq!(r.body["risks_marked"], 1);
    let d = w
        .call("GET", diff_path.strip_prefix("/api/v1").unwrap(), PA, None)
        .await;
    assert_eq!(d.status, 200, "{}", d.text);
    assert_eq!(d.body["added"], json!(["1.1/①-3"]));
    assert_eq!(d.body["removed"], json!(["1.1/①-2"]));
    assert_eq!(d.body["changed"][0]["key"], "1.1/①-1");
    // The removed control's statement is to be reviewed (the demo's own statements on
    // changed controls are listed too).
    let removed = d.body["statements_to_review"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "1.1/①-2")
        .expect("the statement on the removed control is listed");
    assert_eq!(removed["removed"], true);
    assert_eq!(d.body["risks_to_review"][0]["id"], risk_id.as_str());
    let marked = w.call("GET", &format!("/risks/{risk_id}"), PA, None).await;
    assert!(marked.text.contains("catalogue_version"), "{}", marked.text);
    // The version is さくら's own: another provider's member does not see it (404, as for
    // any row of another organisation), nor its diff.
    let other = w.token_of_login(&w.other.member_login).await;
    let d = api_support::call(
        &w.t,
        "GET",
        diff_path.strip_prefix("/api/v1").unwrap(),
        Some(&other),
        None,
    )
    .await;
    assert_eq!(d.status, 404, "{}", d.text);
    let listed = api_support::call(&w.t, "GET", "/controls/catalogues", Some(&other), None).await;
    assert_eq!(listed.status, 200);
    assert!(
        !listed.text.contains(diff_path.split('/').nth(5).unwrap()),
        "{}",
        listed.text
    );
}
