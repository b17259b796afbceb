//! Reviews that follow change, through the JSON API (GL 5.1.7; FAQ 5.2): a technology-change
//! notice on a control marks exactly the risks whose measures implement it (the preview lists
//! them first), a "reviewed" tick cannot clear the mark and a reassessment does; an edited
//! information flow marks the risks assessed on it, which keep the flow as assessed; a stale
//! flow revision is a 409 naming the current one.

use crate::api_support;
use crate::support;

use anzen_domain::access::Role;
use api_support::{Reply, World, shape_problem};
use serde_json::{Value, json};

const PM: Role = Role::ProviderMember;

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    assert_eq!(shape_problem(r), None, "{what}");
}

/// A new risk of the cloud EHR on `flow` (or none), treated with one measure implementing
/// `control` (or none); its id.
async fn treated_risk(w: &World, title: &str, flow: Option<&str>, control: Option<&str>) -> String {
    let mut body = json!({
        "offering": w.ehr,
        "title": title,
        "threat": "不正ログイン",
        "vulnerability": "パスワードのみの認証",
        "confidentiality": true,
        "impact": 3,
        "likelihood": 3,
    });
    if let Some(f) = flow {
        body["flow"] = json!(f);
    }
    let created = w.call("POST", "/risks", PM, Some(&body)).await;
    ok(&created, 201, "a risk");
    let id = created.body["risk"]["id"]
        .as_str()
        .or(created.body["id"].as_str())
        .unwrap()
        .to_owned();
    let measure = match control {
        Some(c) => json!({"description": "認証を強化する", "owner": "provider", "controls": [c]}),
        None => json!({"description": "ログを点検する", "owner": "provider"}),
    };
    let treated = w
        .call(
            "PUT",
            &format!("/risks/{id}/treatment"),
            PM,
            Some(&json!({
                "option": "reduce",
                "measures": [measure],
                "rationale": "顕在化率を下げる",
                "residual_impact": 3,
                "residual_likelihood": 1,
                "revision": 1,
            })),
        )
        .await;
    ok(&treated, 200, "the treatment");
    id
}

async fn risk(w: &World, id: &str) -> Value {
    let r = w.call("GET", &format!("/risks/{id}"), PM, None).await;
    ok(&r, 200, "read the risk");
    r.body["risk"].clone()
}

async fn flagged(w: &World) -> Vec<String> {
    let r = w
        .call("GET", "/risks?flagged=true&limit=500", PM, None)
        .await;
    ok(&r, 200, "the marked risks");
    let mut ids: Vec<String> = r
        .items()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_notice_on_a_control_marks_exactly_its_risks_and_only_a_reassessment_clears_them() {
    let w = World::new().await;
    let before = flagged(&w).await;
    let created = w
        .call(
            "POST",
            "/controls/provider",
            PM,
            Some(&json!({"key": "SAKURA-AUTH-02", "title": "利用者認証", "description": "利用者の認証方式を定める"})),
        )
        .await;
    ok(&created, 201, "the provider's control");
    let a = treated_risk(&w, "認証A", None, Some("SAKURA-AUTH-02")).await;
    let b = treated_risk(&w, "認証B", None, Some(" SAKURA-AUTH-02 ")).await;
    let c = treated_risk(&w, "ログ", None, None).await;
    // An Appendix 2 item named by its ASCII key is the same control.
    let d = treated_risk(&w, "アクセス管理", None, Some("1.1-1-1")).await;

    // The preview lists exactly the risks using the control, and writes nothing.
    let preview = w
        .call(
            "POST",
            "/tech-notices/preview",
            PM,
            Some(&json!({"control": "SAKURA-AUTH-02"})),
        )
        .await;
    ok(&preview, 200, "the preview");
    let mut listed: Vec<String> = preview.body["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    listed.sort();
    let mut expected = vec![a.clone(), b.clone()];
    expected.sort();
    assert_eq!(listed, expected);
    assert_eq!(preview.body["source"], "provider");
    assert_eq!(flagged(&w).await, before, "a preview marks nothing");
    let appendix = w
        .call(
            "POST",
            "/tech-notices/preview",
            PM,
            Some(&json!({"control": "1.1/①-1"})),
        )
        .await;
    ok(&appendix, 200, "an Appendix 2 preview");
    assert_eq!(appendix.body["source"], "appendix2");
    assert_eq!(appendix.body["risks"][0]["id"], d.as_str());

    // Raising it marks exactly those risks, in one change.
    let notice = w
        .call(
            "POST",
            "/tech-notices",
            PM,
            Some(&json!({"title": "多要素認証が標準になった", "control": "SAKURA-AUTH-02"})),
        )
        .await;
    ok(&notice, 201, "the notice");
    assert_eq!(notice.body["risks_marked"], 2);
    let mut now = before.clone();
    now.extend(expected.iter().cloned());
    now.sort();
    assert_eq!(flagged(&w).await, now);
    for id in [&c, &d] {
        assert!(
            risk(&w, id).await["review_flags"]
                .as_array()
                .unwrap()
                .is_empty()
        );
    }
    let marked = risk(&w, &a).await;
    assert_eq!(marked["review_flags"][0]["kind"], "technology_change");
    assert_eq!(marked["review_flags"][0]["control"], "SAKURA-AUTH-02");
    assert_eq!(marked["review_flags"][0]["notice"], notice.body["id"]);

    // A "reviewed" tick is refused and changes nothing.
    let revision = marked["revision"].as_i64().unwrap();
    let tick = w
        .call(
            "POST",
            &format!("/risks/{a}/review"),
            PM,
            Some(&json!({"revision": revision})),
        )
        .await;
    assert_eq!(
        (tick.status, tick.code()),
        (409, "conflict"),
        "{}",
        tick.text
    );
    assert!(tick.text.contains("reassess"), "{}", tick.text);
    assert_eq!(risk(&w, &a).await, marked);

    // A reassessment clears it (and only on the reassessed risk).
    let reassessed = w
        .call(
            "PUT",
            &format!("/risks/{a}/assessment"),
            PM,
            Some(&json!({"impact": 3, "likelihood": 3, "revision": revision})),
        )
        .await;
    ok(&reassessed, 200, "the reassessment");
    assert!(
        reassessed.body["risk"]["review_flags"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(reassessed.body["risk"]["next_review"].is_string());
    let mut rest = before.clone();
    rest.push(b.clone());
    rest.sort();
    assert_eq!(flagged(&w).await, rest);
}

#[tokio::test]
async fn an_edited_flow_marks_its_risks_which_keep_the_flow_as_assessed() {
    let w = World::new().await;
    let flow = json!({
        "who": "開発・保守要員",
        "place": "事業者のデータセンター",
        "device_or_medium": "保守用端末",
        "what": "本番データベース",
        "how": "障害解析のため参照",
        "class": "patient_personal_information",
        "environment": "production",
    });
    let created = w
        .call(
            "POST",
            &format!("/offerings/{}/flows", w.ehr),
            PM,
            Some(&flow),
        )
        .await;
    ok(&created, 201, "a flow");
    assert_eq!(created.body["revision"], 1);
    let f = created.body["id"].as_str().unwrap().to_owned();
    let on_flow = treated_risk(&w, "持ち出し", Some(&f), None).await;
    let elsewhere = treated_risk(&w, "別の流れ", None, None).await;
    let before = flagged(&w).await;
    let unchanged = w
        .call("GET", &format!("/risks/{on_flow}/flow"), PM, None)
        .await;
    ok(&unchanged, 200, "the flow as assessed");
    assert_eq!(unchanged.body["changed_since_assessment"], false);
    assert_eq!(unchanged.body["as_assessed"], Value::Null);

    let mut edit = flow.clone();
    edit["how"] = json!("障害解析のため複製して参照");
    // A stale revision: 409 naming the current one, nothing written.
    edit["revision"] = json!(7);
    let stale = w.call("PUT", &format!("/flows/{f}"), PM, Some(&edit)).await;
    assert_eq!(
        (stale.status, stale.code()),
        (409, "conflict"),
        "{}",
        stale.text
    );
    assert!(
        stale.text.contains("current revision is 1"),
        "{}",
        stale.text
    );
    // Bad input names the field.
    let mut bad = edit.clone();
    bad["revision"] = json!(1);
    bad["class"] = json!("secret");
    let r = w.call("PUT", &format!("/flows/{f}"), PM, Some(&bad)).await;
    assert_eq!((r.status, r.field()), (422, "class"), "{}", r.text);
    assert_eq!(flagged(&w).await, before);

    edit["revision"] = json!(1);
    let saved = w.call("PUT", &format!("/flows/{f}"), PM, Some(&edit)).await;
    ok(&saved, 200, "the edit");
    assert_eq!(saved.body["flow"]["revision"], 2);
    assert_eq!(saved.body["risks_marked"], json!([on_flow]));
    let mut now = before.clone();
    now.push(on_flow.clone());
    now.sort();
    assert_eq!(flagged(&w).await, now);
    let r = risk(&w, &on_flow).await;
    assert_eq!(r["review_flags"][0]["kind"], "flow_changed");
    assert_eq!(r["review_flags"][0]["changed"], f.as_str());
    assert!(
        risk(&w, &elsewhere).await["review_flags"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let versions = w
        .call("GET", &format!("/risks/{on_flow}/flow"), PM, None)
        .await;
    ok(&versions, 200, "both versions");
    assert_eq!(versions.body["changed_since_assessment"], true);
    assert_eq!(versions.body["as_assessed"]["how"], "障害解析のため参照");
    assert_eq!(versions.body["as_assessed"]["revision"], 1);
    assert_eq!(
        versions.body["current"]["how"],
        "障害解析のため複製して参照"
    );
    // The provider's page shows both.
    let c = w.t.client();
    w.t.sign_in(&c, PM).await;
    let page = c
        .get(w.t.url(&format!("/risks/{on_flow}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"risk-flow-as-assessed\""));
    assert!(page.contains("障害解析のため複製して参照"));

    // The reassessment settles it: no mark, assessed on the flow as it is.
    let revision = r["revision"].as_i64().unwrap();
    let reassessed = w
        .call(
            "PUT",
            &format!("/risks/{on_flow}/assessment"),
            PM,
            Some(&json!({"impact": 4, "likelihood": 3, "revision": revision})),
        )
        .await;
    ok(&reassessed, 200, "the reassessment");
    let settled = w
        .call("GET", &format!("/risks/{on_flow}/flow"), PM, None)
        .await;
    assert_eq!(settled.body["changed_since_assessment"], false);
    assert_eq!(flagged(&w).await, before);

    // The same through the form: a stale revision is a conflict, the edit marks the risk.
    let form = c
        .get(w.t.url(&format!("/flows/{f}/edit")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains(&format!("action=\"/flows/{f}\"")), "{form}");
    assert!(form.contains("name=\"revision\" value=\"2\""));
    assert!(form.contains("id=\"flow-edit-warning\""));
    let csrf = support::csrf_of(&form);
    let fields = |revision: &str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("revision", revision.to_owned()),
            ("who", "開発・保守要員".to_owned()),
            ("place", "事業者のデータセンター".to_owned()),
            ("device_or_medium", "保守用端末".to_owned()),
            ("what", "本番データベース".to_owned()),
            ("how", "障害解析のため匿名化して参照".to_owned()),
            ("class", "patient_personal_information".to_owned()),
            ("environment", "production".to_owned()),
        ]
    };
    let stale = c
        .post(w.t.url(&format!("/flows/{f}")))
        .form(&fields("1"))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 409);
    assert_eq!(flagged(&w).await, before);
    let saved = c
        .post(w.t.url(&format!("/flows/{f}")))
        .form(&fields("2"))
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), 303);
    assert_eq!(flagged(&w).await, now);
}
