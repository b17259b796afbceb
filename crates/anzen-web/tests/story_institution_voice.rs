//! The institution's voice as one story over HTTP (GL 5.1.3 Table 5-2, 5.1.5 (3), 5.1.6 (1),
//! FAQ 5.1, 5.2), on SQLite and on PostgreSQL:
//!
//! a risk at level B is accepted and every affected institution agrees: it is in effect.
//! The provider reassesses it to S: accepting alone cannot close an S risk, so the risk is
//! reopened (status `reopened`, the reason names the rule) and no re-consent can make it
//! effective (422 naming the rule). The provider reduces it with two measures; the hospital
//! declines with a reason: the provider's dashboard and register show the decline, the
//! hospital cannot be asked again until the provider answers, and a question and its answer
//! form a thread only the provider and the hospital see. The provider revises the risk; the
//! institutions agree and the risk is treated. Every refusal writes nothing.

use crate::api_support;
use crate::support;

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use api_support::{Reply, call};
use serde_json::{Value, json};
use support::{PASSWORD, TestApp, between};

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
}

fn refused(r: &Reply, status: u16, field: &str, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
    if !field.is_empty() {
        assert_eq!(r.field(), field, "{what}: {}", r.text);
    }
}

async fn reviewer_of(t: &TestApp, institution: &str, login: &str) -> String {
    t.app
        .add_user(
            &Caller::operator("tests"),
            UserInput {
                org: institution.into(),
                login: login.into(),
                display_name: login.into(),
                role: "institution_reviewer".into(),
                password: PASSWORD.into(),
                access_until: String::new(),
                must_change_password: Some(false),
            },
        )
        .await
        .unwrap();
    let step = t.app.sign_in(login, PASSWORD, "test").await.unwrap();
    let ctx = t.app.session_context(&step.token).await.unwrap();
    t.app
        .create_api_token(&ctx, "tests", None)
        .await
        .unwrap()
        .secret
}

fn consent_of(detail: &Value, institution: &str) -> String {
    detail["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["institution"] == institution)
        .map(|i| i["consent"].as_str().unwrap().to_owned())
        .unwrap_or_else(|| "not listed".into())
}

async fn audit_total(t: &TestApp) -> i64 {
    t.app
        .list_audit(
            &Caller::operator("tests"),
            &AuditQuery::default(),
            Page::first(1),
        )
        .await
        .unwrap()
        .total
}

/// The risk's revision, digest, consents and thread, and the audit trail's length: what a
/// refusal leaves as it was.
async fn snapshot(t: &TestApp, token: &str, id: &str) -> (i64, String, usize, usize, i64) {
    let d = call(t, "GET", &format!("/risks/{id}"), Some(token), None).await;
    ok(&d, 200, "read the risk");
    (
        d.body["risk"]["revision"].as_i64().unwrap(),
        d.body["digest"].as_str().unwrap().to_owned(),
        d.body["consents"].as_array().unwrap().len(),
        d.body["thread"].as_array().unwrap().len(),
        audit_total(t).await,
    )
}

/// Signs `role` in on the pages and reads `path`.
async fn page(t: &TestApp, role: Role, path: &str) -> String {
    let c = t.client();
    t.sign_in(&c, role).await;
    c.get(t.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn story(t: TestApp) {
    let member = t.token(Role::ProviderMember).await;
    let hospital_it = t.token(Role::InstitutionReviewer).await;
    let hospital = t
        .demo
        .org(anzen_app::demo::HOSPITAL)
        .unwrap()
        .id
        .to_string();
    let ehr = t
        .demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == "さくらクラウド電子カルテ")
        .unwrap()
        .id
        .to_string();
    let m = |method: &'static str, path: String, body: Option<Value>| {
        let (t, token) = (&t, member.clone());
        async move { call(t, method, &path, Some(&token), body.as_ref()).await }
    };
    let h = |method: &'static str, path: String, body: Option<Value>| {
        let (t, token) = (&t, hospital_it.clone());
        async move { call(t, method, &path, Some(&token), body.as_ref()).await }
    };

    // 1. A risk at B (impact 3 × likelihood 3 on the default matrix), accepted.
    let created = m(
        "POST",
        "/risks".into(),
        Some(json!({
            "offering": ehr,
            "title": "保守回線の一時的な停止",
            "threat": "回線事業者の障害",
            "vulnerability": "単一の回線",
            "availability": true,
            "impact": 3,
            "likelihood": 3,
        })),
    )
    .await;
    ok(&created, 201, "the risk");
    let id = created.body["risk"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created.body["risk"]["inherent"]["level"], "B");
    let accepted = m(
        "PUT",
        format!("/risks/{id}/treatment"),
        Some(json!({
            "option": "accept",
            "measures": [],
            "rationale": "停止は短時間で、紙運用で代替できる",
            "options_considered": "二重化（低減）は費用に見合わない",
            "residual_impact": 3,
            "residual_likelihood": 3,
            "explanation": "回線が止まった場合は紙運用で対応いただきます。",
            "revision": 1,
        })),
    )
    .await;
    ok(&accepted, 200, "accepted at B");
    assert_eq!(accepted.body["risk"]["status"], "awaiting_consent");

    // Every affected institution agrees (FAQ 5.1): in effect.
    let mut institutions: Vec<(String, String)> = Vec::new();
    for (n, i) in accepted.body["institutions"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let org = i["institution"].as_str().unwrap().to_owned();
        let token = if org == hospital {
            hospital_it.clone()
        } else {
            reviewer_of(&t, &org, &format!("voice{n}@example.jp")).await
        };
        institutions.push((org, token));
    }
    assert!(institutions.iter().any(|(o, _)| *o == hospital));
    let consent_path = format!("/risks/{id}/consent");
    let agree_all = |digest: Value| {
        let (t, institutions, path) = (&t, institutions.clone(), consent_path.clone());
        async move {
            let mut last = None;
            for (org, token) in &institutions {
                let r = call(
                    t,
                    "POST",
                    &path,
                    Some(token),
                    Some(&json!({ "digest": digest })),
                )
                .await;
                ok(&r, 200, &format!("{org} agrees"));
                last = Some(r);
            }
            last.unwrap()
        }
    };
    let agreed = agree_all(accepted.body["digest"].clone()).await;
    assert_eq!(agreed.body["risk"]["status"], "effective");
    assert_eq!(agreed.body["effective"], true);

    // 2. Reassessed to S: accepting alone cannot close it (GL 5.1.3 Table 5-2, FAQ 5.1).
    //    The level is recorded and the risk reopened, with the rule named.
    let reassessed = m(
        "PUT",
        format!("/risks/{id}/assessment"),
        Some(json!({"impact": 5, "likelihood": 5, "revision": 2})),
    )
    .await;
    ok(&reassessed, 200, "reassessed to S");
    let d = &reassessed.body;
    assert_eq!(d["risk"]["inherent"]["level"], "S");
    assert_eq!(d["risk"]["status"], "reopened");
    assert_eq!(d["state"], "reopened");
    assert_eq!(d["effective"], false);
    assert_eq!(d["reason"]["field"], "option");
    let why = d["reason"]["message"].as_str().unwrap();
    assert!(why.contains("GL 5.1.3") && why.contains("FAQ 5.1"), "{why}");
    // A re-consent never makes it effective: refused, naming the rule; nothing written.
    let before = snapshot(&t, &member, &id).await;
    let again = h(
        "POST",
        format!("/risks/{id}/consent"),
        Some(json!({"digest": d["digest"]})),
    )
    .await;
    refused(&again, 422, "option", "re-consent of a reopened accept");
    assert!(again.text.contains("GL 5.1.3"), "{}", again.text);
    assert_eq!(snapshot(&t, &member, &id).await, before);
    let reopened = m("GET", "/risks?status=reopened".into(), None).await;
    assert!(reopened.items().iter().any(|r| r["id"] == id.as_str()));

    // 3. Reduced with two measures (S needs several).
    let reduce = |revision: i64, explanation: &str| {
        json!({
            "option": "reduce",
            "measures": [
                {"description": "回線を二重化する", "owner": "provider", "controls": ["6.9-1"], "due": "2027-03-31"},
                {"description": "停止時の紙運用手順を整備する", "owner": "institution", "owner_org": hospital},
            ],
            "rationale": "S のため受容できず、回線の二重化と手順で低減する",
            "options_considered": "受容（表5-2によりS では不可）、回避（回線の廃止は不可能）",
            "residual_impact": 3,
            "residual_likelihood": 2,
            "explanation": explanation,
            "revision": revision,
        })
    };
    let reduced = m(
        "PUT",
        format!("/risks/{id}/treatment"),
        Some(reduce(3, "回線を二重化し、停止時の手順を整えます。")),
    )
    .await;
    ok(&reduced, 200, "reduced");
    assert_eq!(
        reduced.body["effective"], false,
        "the residual risk is not agreed yet"
    );
    assert_eq!(consent_of(&reduced.body, &hospital), "stale");
    let digest = reduced.body["digest"].clone();

    // 4. Bad input on the new endpoints: a 4xx naming the field, nothing written.
    let before = snapshot(&t, &member, &id).await;
    let long = "あ".repeat(4001);
    let other_risk = "00000000-0000-4000-8000-000000000000";
    for (who, path, body, status, field) in [
        (
            "h",
            format!("/risks/{id}/decline"),
            json!({"digest": digest, "reason": "  "}),
            422,
            "reason",
        ),
        (
            "h",
            format!("/risks/{id}/decline"),
            json!({"digest": digest, "reason": long}),
            422,
            "reason",
        ),
        (
            "h",
            format!("/risks/{id}/decline"),
            json!({"digest": "stale", "reason": "x"}),
            422,
            "digest",
        ),
        (
            "h",
            format!("/risks/{id}/decline"),
            json!({"digest": digest}),
            422,
            "reason",
        ),
        (
            "m",
            format!("/risks/{id}/decline"),
            json!({"digest": digest, "reason": "x"}),
            403,
            "",
        ),
        (
            "h",
            format!("/risks/{other_risk}/decline"),
            json!({"digest": digest, "reason": "x"}),
            404,
            "",
        ),
        (
            "h",
            format!("/risks/{id}/questions"),
            json!({"text": ""}),
            422,
            "text",
        ),
        (
            "m",
            format!("/risks/{id}/answers"),
            json!({"in_reply_to": other_risk, "text": "x"}),
            422,
            "in_reply_to",
        ),
        (
            "m",
            format!("/risks/{id}/answers"),
            json!({"in_reply_to": "nope", "text": "x"}),
            422,
            "in_reply_to",
        ),
    ] {
        let token = if who == "h" { &hospital_it } else { &member };
        let r = call(&t, "POST", &path, Some(token), Some(&body)).await;
        refused(&r, status, field, &format!("{who} POST {path} {body}"));
    }
    assert_eq!(
        snapshot(&t, &member, &id).await,
        before,
        "refusals write nothing"
    );

    // 5. The hospital declines, with its reason (GL 5.1.6 (1)).
    let declined = h(
        "POST",
        format!("/risks/{id}/decline"),
        Some(json!({"digest": digest, "reason": "紙運用の手順を院内で回す人員がいない"})),
    )
    .await;
    ok(&declined, 200, "the hospital declines");
    assert_eq!(declined.body["risk"]["status"], "declined");
    assert_eq!(declined.body["state"], "declined");
    assert_eq!(declined.body["effective"], false);
    assert_eq!(consent_of(&declined.body, &hospital), "declined");
    let decline_id = declined.body["thread"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(declined.body["thread"][0]["kind"], "decline");
    // Twice is refused; so is agreeing before the provider answers.
    let twice = h(
        "POST",
        format!("/risks/{id}/decline"),
        Some(json!({"digest": digest, "reason": "再度"})),
    )
    .await;
    refused(&twice, 422, "digest", "a second decline");
    let early = h(
        "POST",
        format!("/risks/{id}/consent"),
        Some(json!({"digest": digest})),
    )
    .await;
    refused(&early, 422, "digest", "agreeing before the answer");
    assert!(early.text.contains("GL 5.1.6 (1)"), "{}", early.text);

    // The provider's dashboard and register show it.
    let listed = m("GET", "/risks?status=declined".into(), None).await;
    ok(&listed, 200, "the declined risks");
    assert_eq!(listed.items().len(), 1);
    assert_eq!(listed.items()[0]["id"], id.as_str());
    let dashboard = page(&t, Role::ProviderMember, "/").await;
    let tile = between(&dashboard, "id=\"tile-risks-declined\"", "</li>");
    assert!(tile.contains("tile__value\">1<"), "{tile}");

    // 6. A question and its answer: a thread the provider and the hospital see, not others.
    //    The hospital's consent screen shows its decline and the thread, and asks through
    //    its question form.
    let c = t.client();
    t.sign_in(&c, Role::InstitutionReviewer).await;
    let screen = c
        .get(t.url(&format!("/risks/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(screen.contains("id=\"declined\""), "the decline is shown");
    assert!(screen.contains("紙運用の手順を院内で回す人員がいない"));
    assert!(
        !screen.contains("id=\"decline-form\""),
        "declined once, not twice"
    );
    assert!(!screen.contains("id=\"consent-done\""));
    let posted = c
        .post(t.url(&format!("/risks/{id}/questions")))
        .form(&[
            ("csrf_token", support::csrf_of(&screen)),
            ("text", "二重化はいつ完了しますか".to_owned()),
        ])
        .send()
        .await
        .unwrap();
    assert!(
        posted.status().is_redirection() || posted.status().is_success(),
        "{}",
        posted.status()
    );
    let asked = h("GET", format!("/risks/{id}"), None).await;
    assert_eq!(asked.body["thread"][1]["kind"], "question");
    let question_id = asked.body["thread"][1]["id"].as_str().unwrap().to_owned();
    // The provider's page lists the thread with an answer form for each entry.
    let provider_page = page(&t, Role::ProviderMember, &format!("/risks/{id}")).await;
    assert!(provider_page.contains(&format!("id=\"entry-{question_id}\"")));
    assert!(provider_page.contains(&format!("action=\"/risks/{id}/answers\"")));
    let answered = m(
        "POST",
        format!("/risks/{id}/answers"),
        Some(json!({"in_reply_to": question_id, "text": "2027年3月末までに完了します"})),
    )
    .await;
    ok(&answered, 200, "the answer");
    assert_eq!(answered.body["thread"].as_array().unwrap().len(), 3);
    assert_eq!(
        answered.body["risk"]["status"], "declined",
        "a question's answer is not the decline's"
    );
    let by_hospital = h(
        "POST",
        format!("/risks/{id}/answers"),
        Some(json!({"in_reply_to": question_id, "text": "x"})),
    )
    .await;
    assert!(
        by_hospital.status == 403 || by_hospital.status == 422,
        "{}",
        by_hospital.text
    );
    for (org, token) in &institutions {
        let seen = call(&t, "GET", &format!("/risks/{id}"), Some(token), None).await;
        ok(&seen, 200, "an institution reads the risk");
        let thread = seen.body["thread"].as_array().unwrap();
        if *org == hospital {
            assert_eq!(thread.len(), 3);
        } else {
            assert!(thread.is_empty(), "{org} sees another institution's thread");
        }
    }

    // 7. The provider revises the risk (the decline's content is gone), the institutions
    //    agree, and the risk is treated.
    let revision = answered.body["risk"]["revision"].as_i64().unwrap();
    let revised = m(
        "PUT",
        format!("/risks/{id}/treatment"),
        Some(reduce(
            revision,
            "回線を二重化します。紙運用の手順書と訓練は当社が用意し、院内の負担を抑えます。",
        )),
    )
    .await;
    ok(&revised, 200, "revised");
    assert_ne!(revised.body["risk"]["status"], "declined");
    let done = agree_all(revised.body["digest"].clone()).await;
    assert_eq!(done.body["risk"]["status"], "effective");
    assert_eq!(done.body["effective"], true);
    let history = m("GET", format!("/risks/{id}"), None).await;
    assert!(
        history.body["thread"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == decline_id.as_str()),
        "the decline stays in the risk's history"
    );

    // Ticking a measure done is bookkeeping: the agreement stands (FAQ 5.1, 5.2).
    let mut ticked = reduce(
        done.body["risk"]["revision"].as_i64().unwrap(),
        "回線を二重化します。紙運用の手順書と訓練は当社が用意し、院内の負担を抑えます。",
    );
    ticked["measures"][0]["done"] = json!(true);
    let ticked = m("PUT", format!("/risks/{id}/treatment"), Some(ticked)).await;
    ok(&ticked, 200, "a measure ticked done");
    assert_eq!(ticked.body["digest"], done.body["digest"]);
    assert_eq!(ticked.body["risk"]["status"], "effective");

    // A reassessment is agreed again, even one that keeps every value (FAQ 5.2: the residual
    // risk is re-evaluated and agreed with the institutions again).
    let inherent = &ticked.body["risk"]["inherent"];
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 30));
    let again = m(
        "PUT",
        format!("/risks/{id}/assessment"),
        Some(json!({
            "impact": inherent["impact"],
            "likelihood": inherent["likelihood"],
            "revision": ticked.body["risk"]["revision"],
        })),
    )
    .await;
    ok(&again, 200, "reassessed with the same values");
    assert_eq!(again.body["risk"]["inherent"], *inherent);
    assert_ne!(again.body["digest"], ticked.body["digest"]);
    assert_eq!(again.body["effective"], false, "{}", again.body);
    assert_ne!(again.body["risk"]["status"], "effective");
    let reagreed = agree_all(again.body["digest"].clone()).await;
    assert_eq!(reagreed.body["risk"]["status"], "effective");

    // The risk's history tells it, sealed in the audit trail.
    let admin = t.token(Role::ProviderAdmin).await;
    let trail = call(
        &t,
        "GET",
        &format!("/audit?object_id={id}&limit=100"),
        Some(&admin),
        None,
    )
    .await;
    ok(&trail, 200, "the audit trail");
    let actions: Vec<&str> = trail
        .items()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "risk.reassess",
        "risk.decline",
        "risk.question",
        "risk.answer",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    assert_eq!(t.app.verify_audit().await.unwrap().first_break, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_institution_declines_asks_and_agrees_on_sqlite() {
    story(TestApp::spawn().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_institution_declines_asks_and_agrees_on_postgres() {
    story(TestApp::spawn_on_postgres().await).await;
}
