//! The FAQ 5.2 example as one story over HTTP (GL 5.1, FAQ 5.1, 5.2):
//!
//! a provider's member identifies, on the cloud EHR's login flow, the risk of an
//! unauthorised login with a four-digit password (impact 5, likelihood 5: level S on the
//! default matrix); reduces it by requiring longer passwords, with a second measure and a
//! duty placed on the hospital (not posting passwords on terminals in consultation rooms),
//! and evaluates the residual risk; the hospital's reviewer reads the explanation and its
//! duty and agrees. Then a technology-change notice ("multi-factor authentication is now
//! expected") marks the risk for review; the member adds multi-factor authentication (a
//! material change): both sides see "re-consent needed"; the hospital agrees again, and the
//! risk is treated with no marks.
//!
//! And the refusals: sharing or accepting without consent stays "awaiting consent"; consent
//! by the wrong organisation (another institution, the provider itself) or with a stale
//! digest is refused, and each refusal changes nothing (revision, consents, audit trail).

use crate::api_support;
use crate::support;

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::Role;
use api_support::{Reply, call};
use serde_json::{Value, json};
use support::{PASSWORD, TestApp, between};

const PM: Role = Role::ProviderMember;
const PA: Role = Role::ProviderAdmin;
const IR: Role = Role::InstitutionReviewer;

fn ok(r: &Reply, status: u16, what: &str) {
    assert_eq!(r.status, status, "{what}: {}", r.text);
}

fn ehr(t: &TestApp) -> String {
    t.demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == "さくらクラウド電子カルテ")
        .unwrap()
        .id
        .to_string()
}

fn org(t: &TestApp, name: &str) -> String {
    t.demo.org(name).unwrap().id.to_string()
}

/// A reviewer of `institution` with an API token (the demo has one for the hospital only).
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

/// The consent state of `institution` in a risk detail.
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

/// What a refusal must leave as it was: the risk's revision and digest, its consents, and
/// the audit trail.
#[derive(Debug, PartialEq)]
struct Snapshot {
    revision: i64,
    digest: String,
    consents: usize,
    audit: i64,
}

async fn snapshot(t: &TestApp, token: &str, id: &str) -> Snapshot {
    let d = call(t, "GET", &format!("/risks/{id}"), Some(token), None).await;
    ok(&d, 200, "read the risk");
    Snapshot {
        revision: d.body["risk"]["revision"].as_i64().unwrap(),
        digest: d.body["digest"].as_str().unwrap().to_owned(),
        consents: d.body["consents"].as_array().unwrap().len(),
        audit: audit_total(t).await,
    }
}

#[tokio::test]
async fn faq_5_2_from_four_digit_passwords_to_multi_factor_authentication() {
    let t = TestApp::spawn().await;
    let member = t.token(PM).await;
    let hospital_it = t.token(IR).await;
    let ehr = ehr(&t);
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let clinic = org(&t, anzen_app::demo::CLINIC);
    let as_member = |method: &'static str, path: String, body: Option<Value>| {
        let t = &t;
        let token = member.clone();
        async move { call(t, method, &path, Some(&token), body.as_ref()).await }
    };
    let as_hospital = |method: &'static str, path: String, body: Option<Value>| {
        let t = &t;
        let token = hospital_it.clone();
        async move { call(t, method, &path, Some(&token), body.as_ref()).await }
    };

    // 1. The login flow of the cloud EHR (GL 5.1.1, 5.2).
    let flow = as_member(
        "POST",
        format!("/offerings/{ehr}/flows"),
        Some(json!({
            "who": "医師・看護師",
            "place": "病院の診察室",
            "device_or_medium": "診察室の共用端末",
            "what": "電子カルテへのログイン情報",
            "how": "4桁の数字のパスワードで認証する",
            "class": "credentials",
            "environment": "production",
        })),
    )
    .await;
    ok(&flow, 201, "the login flow");
    let flow_id = flow.body["id"].as_str().unwrap().to_owned();

    // 2. Identified on the flow and analysed: impact 5 × likelihood 5 is S on the default
    //    matrix (FAQ 5.2: the highest level).
    let created = as_member(
        "POST",
        "/risks".into(),
        Some(json!({
            "offering": ehr,
            "flow": flow_id,
            "title": "4桁の数字のパスワードによる不正ログイン",
            "threat": "第三者による電子カルテへの不正ログイン",
            "vulnerability": "パスワードが4桁の数字で、推測や総当たりが容易",
            "confidentiality": true,
            "integrity": true,
            "impact": 5,
            "likelihood": 5,
        })),
    )
    .await;
    ok(&created, 201, "the risk");
    let id = created.body["risk"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        created.location.as_deref(),
        Some(&*format!("/api/v1/risks/{id}"))
    );
    let risk = &created.body["risk"];
    assert_eq!(risk["inherent"]["level"], "S");
    assert_eq!(risk["inherent"]["matrix_version"], 1);
    assert_eq!(risk["flow"], flow_id.as_str());
    assert_eq!(risk["status"], "open");
    let matrix = as_member("GET", "/risks/matrix".into(), None).await;
    ok(&matrix, 200, "the matrix");
    assert_eq!(matrix.body["default_example"], true);
    let s = &matrix.body["criteria"][0];
    assert_eq!(
        (
            s["level"].as_str(),
            s["requirement"].as_str(),
            s["min_measures"].as_i64()
        ),
        (Some("S"), Some("mandatory"), Some(2)),
        "S: treatment mandatory with several measures (Table 5-2 example)"
    );

    // 3. Reduced: longer passwords and a lock-out, and a duty on the hospital; the residual
    //    risk evaluated (GL 5.1.4, 5.1.5).
    //    The measures name the provider's own control on user authentication.
    let control = as_member(
        "POST",
        "/controls/provider".into(),
        Some(json!({
            "key": "SAKURA-AUTH-01",
            "title": "電子カルテ利用者の認証",
            "description": "電子カルテにログインする利用者の認証方式と強度を定める",
        })),
    )
    .await;
    ok(&control, 201, "the provider's own control");
    let longer = json!({"description": "12文字以上のパスワードを必須にする", "owner": "provider", "controls": ["SAKURA-AUTH-01"]});
    let lockout = json!({"description": "連続して失敗したアカウントを一時的にロックする", "owner": "provider"});
    let duty = json!({"description": "診察室の端末にパスワードを貼らない", "owner": "institution", "owner_org": hospital});
    let explanation = "4桁の数字のパスワードは推測されやすいため、12文字以上のパスワードを必須にし、\
                       連続して失敗したアカウントをロックします。診察室の端末にパスワードを貼らないよう、\
                       貴院での周知をお願いします。残存リスクは影響度5・顕在化率2です。";
    let treated = as_member(
        "PUT",
        format!("/risks/{id}/treatment"),
        Some(json!({
            "option": "reduce",
            "measures": [longer, lockout, duty],
            "rationale": "パスワードの強化と院内の運用で、不正ログインの顕在化率を下げる",
            "options_considered": "回避（ログインの廃止）は不可能。受容はレベルSのため採れない",
            "residual_impact": 5,
            "residual_likelihood": 2,
            "explanation": explanation,
            "revision": 1,
        })),
    )
    .await;
    ok(&treated, 200, "the treatment");
    let d = &treated.body;
    // The measures apply, but the residual risk is not yet agreed with the institutions
    // (FAQ 5.2, GL 5.1.5 (3)): not treated yet.
    assert_eq!(d["state"], "residual_agreement_pending");
    assert_eq!(d["risk"]["status"], "residual_agreement_pending");
    assert_eq!(d["effective"], false);
    assert_eq!(d["re_consent_needed"], false);
    assert_eq!(d["risk"]["residual"]["level"], "A");
    assert!(d["risk"]["next_review"].is_string());
    assert_eq!(consent_of(d, &hospital), "missing");
    assert_eq!(consent_of(d, &clinic), "missing");

    // 4. The hospital's reviewer reads the explanation and its duty, and agrees.
    let seen = as_hospital("GET", format!("/risks/{id}"), None).await;
    ok(&seen, 200, "the hospital reads the risk");
    assert_eq!(seen.body["risk"]["explanation"], explanation);
    assert_eq!(
        seen.body["risk"]["treatment"]["options_considered"],
        "回避（ログインの廃止）は不可能。受容はレベルSのため採れない"
    );
    let measures = seen.body["risk"]["treatment"]["measures"]
        .as_array()
        .unwrap();
    assert!(
        measures
            .iter()
            .any(|m| m["owner"] == "institution" && m["owner_org"] == hospital.as_str())
    );
    assert_eq!(
        seen.body["institutions"].as_array().unwrap().len(),
        1,
        "an institution sees only its own state"
    );
    let duties = as_hospital("GET", "/institution/duties".into(), None).await;
    ok(&duties, 200, "the hospital's duties");
    assert!(
        duties.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["risk"] == id.as_str()
                && d["description"] == "診察室の端末にパスワードを貼らない")
    );
    let digest = seen.body["digest"].as_str().unwrap().to_owned();
    let agreed = as_hospital(
        "POST",
        format!("/risks/{id}/consent"),
        Some(json!({"digest": digest})),
    )
    .await;
    ok(&agreed, 200, "the hospital agrees");
    assert_eq!(consent_of(&agreed.body, &hospital), "agreed");
    assert_eq!(agreed.body["consents"][0]["current"], true);
    let provider_view = as_member("GET", format!("/risks/{id}"), None).await;
    assert_eq!(consent_of(&provider_view.body, &hospital), "agreed");
    assert_eq!(
        provider_view.body["risk"]["status"], "residual_agreement_pending",
        "the clinic has not agreed to the residual risk yet"
    );
    // The clinic, also under contract for the EHR, agrees to the residual risk too.
    let clinic_it = reviewer_of(&t, &clinic, "it@clinic-5-2.example").await;
    let clinic_agrees = |digest: Value| {
        let (t, token, path) = (&t, clinic_it.clone(), format!("/risks/{id}/consent"));
        async move {
            let r = call(
                t,
                "POST",
                &path,
                Some(&token),
                Some(&json!({ "digest": digest })),
            )
            .await;
            ok(&r, 200, "the clinic agrees");
        }
    };
    clinic_agrees(json!(digest)).await;
    let provider_view = as_member("GET", format!("/risks/{id}"), None).await;
    assert_eq!(provider_view.body["risk"]["status"], "effective");

    // 5. Technology moves on (FAQ 5.2): a notice on the authentication control lists, before
    //    it is raised, exactly the risks whose measures implement it, then marks them.
    let preview = as_member(
        "POST",
        "/tech-notices/preview".into(),
        Some(json!({"control": "SAKURA-AUTH-01"})),
    )
    .await;
    ok(&preview, 200, "the preview");
    let listed: Vec<&str> = preview.body["risks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, vec![id.as_str()], "only the risk using the control");
    let notice = as_member(
        "POST",
        "/tech-notices".into(),
        Some(json!({
            "title": "多要素認証が求められるようになった",
            "description": "パスワードのみの認証は、もはや十分とはいえない",
            "control": "SAKURA-AUTH-01",
        })),
    )
    .await;
    ok(&notice, 201, "the notice");
    assert_eq!(notice.body["risks_marked"], 1);
    assert_eq!(notice.body["risks"], json!([id]));
    assert_eq!(notice.body["control"], "SAKURA-AUTH-01");
    let flagged = as_member("GET", "/risks?flagged=true".into(), None).await;
    ok(&flagged, 200, "the marked risks");
    let marked: Vec<&Value> = flagged.body["items"].as_array().unwrap().iter().collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0]["id"], id.as_str());
    assert_eq!(marked[0]["review_flags"][0]["kind"], "technology_change");
    assert_eq!(
        marked[0]["review_flags"][0]["title"],
        "多要素認証が求められるようになった"
    );
    assert_eq!(marked[0]["review_flags"][0]["control"], "SAKURA-AUTH-01");

    // Ticking "reviewed" cannot clear the mark (GL 5.1.7): refused, nothing written.
    let revision = marked[0]["revision"].as_i64().unwrap();
    let tick = as_member(
        "POST",
        format!("/risks/{id}/review"),
        Some(json!({"revision": revision})),
    )
    .await;
    ok(&tick, 409, "marking reviewed is refused");
    assert!(tick.text.contains("reassess"), "{}", tick.text);
    let still = as_member("GET", format!("/risks/{id}"), None).await;
    assert_eq!(still.body["risk"]["revision"], revision);
    assert_eq!(
        still.body["risk"]["review_flags"][0]["kind"],
        "technology_change"
    );

    // The member reassesses the risk (still S): the reassessment is the review and clears
    // the mark.
    let reassessed = as_member(
        "PUT",
        format!("/risks/{id}/assessment"),
        Some(json!({"impact": 5, "likelihood": 5, "revision": revision})),
    )
    .await;
    ok(&reassessed, 200, "the reassessment");
    assert!(
        reassessed.body["risk"]["review_flags"]
            .as_array()
            .unwrap()
            .is_empty(),
        "the reassessment clears the mark"
    );

    // 6. Multi-factor authentication is added: a material change, so the hospital's
    //    agreement no longer counts and both sides see "re-consent needed".
    let revision = reassessed.body["risk"]["revision"].as_i64().unwrap();
    let mfa = json!({"description": "多要素認証（パスワードと認証アプリ）を必須にする", "owner": "provider"});
    let changed = as_member(
        "PUT",
        format!("/risks/{id}/treatment"),
        Some(json!({
            "option": "reduce",
            "measures": [longer, lockout, duty, mfa],
            "rationale": "多要素認証により、パスワードが漏れても不正ログインを防ぐ",
            "options_considered": "回避（ログインの廃止）は不可能。受容はレベルSのため採れない",
            "residual_impact": 5,
            "residual_likelihood": 1,
            "explanation": format!("{explanation}加えて、多要素認証を必須にします。"),
            "revision": revision,
        })),
    )
    .await;
    ok(&changed, 200, "multi-factor authentication added");
    assert_eq!(changed.body["re_consent_needed"], true);
    assert_eq!(changed.body["risk"]["status"], "re_consent_needed");
    assert_eq!(consent_of(&changed.body, &hospital), "stale");
    assert!(
        changed.body["risk"]["review_flags"]
            .as_array()
            .unwrap()
            .is_empty(),
        "no mark comes back with the new treatment"
    );
    let hospital_view = as_hospital("GET", format!("/risks/{id}"), None).await;
    assert_eq!(hospital_view.body["re_consent_needed"], true);
    assert_eq!(consent_of(&hospital_view.body, &hospital), "stale");
    assert_eq!(hospital_view.body["consents"][0]["current"], false);
    // …and on the pages: the provider's risk page and the hospital's consent screen.
    for (role, marker) in [
        (PM, "id=\"re-consent-needed\""),
        (IR, "id=\"re-consent-needed\""),
    ] {
        let c = t.client();
        t.sign_in(&c, role).await;
        let page = c
            .get(t.url(&format!("/risks/{id}")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(page.contains(marker), "{role} sees re-consent needed");
        if role == IR {
            assert!(page.contains("多要素認証（パスワードと認証アプリ）を必須にする"));
            let digest = between(&page, "name=\"digest\" value=\"", "\"");
            assert_eq!(digest, hospital_view.body["digest"].as_str().unwrap());
        }
    }

    // 7. The hospital agrees again: the risk is treated with no marks.
    let again = as_hospital(
        "POST",
        format!("/risks/{id}/consent"),
        Some(json!({"digest": hospital_view.body["digest"]})),
    )
    .await;
    ok(&again, 200, "the hospital agrees again");
    assert_eq!(consent_of(&again.body, &hospital), "agreed");
    clinic_agrees(hospital_view.body["digest"].clone()).await;
    let last = as_member("GET", format!("/risks/{id}"), None).await;
    let r = &last.body["risk"];
    assert_eq!(r["status"], "effective");
    assert_eq!(last.body["re_consent_needed"], false);
    assert!(r["review_flags"].as_array().unwrap().is_empty());
    assert_eq!(r["residual"]["level"], "B");
    assert_eq!(r["treatment"]["measures"].as_array().unwrap().len(), 4);
    let consents = last.body["consents"].as_array().unwrap();
    assert_eq!(consents.len(), 4, "every consent is kept");
    assert_eq!(
        consents
            .iter()
            .map(|c| c["current"].clone())
            .collect::<Vec<_>>(),
        [json!(false), json!(false), json!(true), json!(true)]
    );
    let flagged = as_member("GET", "/risks?flagged=true".into(), None).await;
    assert_eq!(flagged.body["total"], 0);

    // The trail tells the story.
    let admin = t.token(PA).await;
    let trail = call(
        &t,
        "GET",
        &format!("/audit?object_id={id}&limit=50"),
        Some(&admin),
        None,
    )
    .await;
    ok(&trail, 200, "the audit trail");
    let mut actions: Vec<&str> = trail.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    actions.reverse();
    assert_eq!(
        actions,
        [
            "risk.create",
            "risk.treat",
            "risk.consent",
            "risk.consent",
            "risk.flag",
            "risk.reassess",
            "risk.treat",
            "risk.consent",
            "risk.consent"
        ],
        "(the notice itself is recorded on its own object; the mark it set, on the risk)"
    );
}

#[tokio::test]
async fn without_every_consent_sharing_or_accepting_never_takes_effect_and_refusals_change_nothing()
{
    let t = TestApp::spawn().await;
    let member = t.token(PM).await;
    let admin = t.token(PA).await;
    let hospital_it = t.token(IR).await;
    let ehr = ehr(&t);
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let clinic = org(&t, anzen_app::demo::CLINIC);
    let clinic_it = reviewer_of(&t, &clinic, "it@yamabuki-clinic.example").await;
    let care_it = reviewer_of(
        &t,
        &org(&t, anzen_app::demo::CARE_PROVIDER),
        "it@hidamari-care.example",
    )
    .await;
    let new_risk = |title: &'static str| {
        let t = &t;
        let token = member.clone();
        let ehr = ehr.clone();
        async move {
            let r = call(
                t,
                "POST",
                "/risks",
                Some(&token),
                Some(&json!({
                    "offering": ehr, "title": title, "threat": "操作ログの欠落",
                    "integrity": true, "impact": 3, "likelihood": 3,
                })),
            )
            .await;
            ok(&r, 201, title);
            r.body["risk"]["id"].as_str().unwrap().to_owned()
        }
    };
    let accepted = new_risk("操作ログの保存期間の不足").await;
    let shared = new_risk("委託先での障害による長時間停止").await;
    for (id, option, measures) in [
        (&accepted, "accept", json!([])),
        (
            &shared,
            "share",
            json!([{"description": "委託先との契約で損害を分担する", "owner": "provider"}]),
        ),
    ] {
        let r = call(
            &t,
            "PUT",
            &format!("/risks/{id}/treatment"),
            Some(&member),
            Some(&json!({
                "option": option,
                "measures": measures,
                "rationale": "影響が限られ、対策の費用に見合わない",
                "options_considered": "低減（長期保存の基盤）、回避と比較した",
                "residual_impact": 3,
                "residual_likelihood": 3,
                "explanation": "このリスクを受け入れることについて同意をお願いします。",
                "revision": 1,
            })),
        )
        .await;
        ok(&r, 200, option);
        assert_eq!(
            r.body["state"], "awaiting_consent",
            "{option} alone is not in effect"
        );
        assert_eq!(r.body["effective"], false);
        assert_eq!(r.body["risk"]["status"], "awaiting_consent");
    }

    // Refusals, each of which changes nothing.
    let before = snapshot(&t, &member, &accepted).await;
    let digest = before.digest.clone();
    let consent = |token: &str, body: Value| {
        let t = &t;
        let token = token.to_owned();
        let path = format!("/risks/{accepted}/consent");
        async move { call(t, "POST", &path, Some(&token), Some(&body)).await }
    };
    for (who, token, status, code) in [
        ("the provider's member", member.as_str(), 403, "forbidden"),
        (
            "the provider's administrator",
            admin.as_str(),
            403,
            "forbidden",
        ),
        (
            "an institution the risk does not touch",
            care_it.as_str(),
            404,
            "not_found",
        ),
    ] {
        let r = consent(token, json!({"digest": digest})).await;
        assert_eq!((r.status, r.code()), (status, code), "{who}: {}", r.text);
        assert_eq!(snapshot(&t, &member, &accepted).await, before, "{who}");
    }
    let r = consent(&member, json!({"digest": digest})).await;
    assert!(r.text.contains("provider alone can never"), "{}", r.text);
    let r = consent(&hospital_it, json!({"digest": "0".repeat(64)})).await;
    assert_eq!(
        (r.status, r.code(), r.field()),
        (422, "invalid_input", "digest")
    );
    assert!(
        r.text.contains("FAQ 5.1"),
        "the refusal cites its section: {}",
        r.text
    );
    assert_eq!(
        snapshot(&t, &member, &accepted).await,
        before,
        "a stale digest"
    );

    // The hospital agrees: still awaiting the clinic.
    let r = consent(&hospital_it, json!({"digest": digest})).await;
    ok(&r, 200, "the hospital agrees");
    assert_eq!(r.body["state"], "awaiting_consent");
    let provider_view = snapshot(&t, &member, &accepted).await;
    assert_eq!(provider_view.consents, 1);

    // The provider changes the explanation: the hospital's agreement is stale, and its old
    // digest is refused.
    let r = call(
        &t,
        "PUT",
        &format!("/risks/{accepted}/treatment"),
        Some(&member),
        Some(&json!({
            "option": "accept",
            "rationale": "影響が限られ、対策の費用に見合わない",
            "options_considered": "低減（長期保存の基盤）、回避と比較した",
            "residual_impact": 3,
            "residual_likelihood": 3,
            "explanation": "保存期間は1年です。このリスクを受け入れることについて同意をお願いします。",
            "revision": provider_view.revision,
        })),
    )
    .await;
    ok(&r, 200, "a new explanation");
    assert_eq!(r.body["risk"]["status"], "re_consent_needed");
    assert_eq!(consent_of(&r.body, &hospital), "stale");
    let after_change = snapshot(&t, &member, &accepted).await;
    let r = consent(&hospital_it, json!({"digest": digest})).await;
    assert_eq!((r.status, r.field()), (422, "digest"), "{}", r.text);
    assert_eq!(snapshot(&t, &member, &accepted).await, after_change);
    // A stale revision of the treatment is a conflict, and writes nothing.
    let r = call(
        &t,
        "PUT",
        &format!("/risks/{accepted}/treatment"),
        Some(&member),
        Some(
            &json!({"option": "accept", "rationale": "r", "options_considered": "o",
            "residual_impact": 3, "residual_likelihood": 3, "explanation": "e",
            "revision": provider_view.revision}),
        ),
    )
    .await;
    assert_eq!((r.status, r.code()), (409, "conflict"), "{}", r.text);
    assert_eq!(snapshot(&t, &member, &accepted).await, after_change);

    // Both institutions agree to the current content: now in effect.
    for token in [&hospital_it, &clinic_it] {
        let r = consent(token, json!({"digest": after_change.digest})).await;
        ok(&r, 200, "agreement to the current content");
    }
    let done = call(
        &t,
        "GET",
        &format!("/risks/{accepted}"),
        Some(&member),
        None,
    )
    .await;
    assert_eq!(done.body["state"], "effective_by_consent");
    assert_eq!(done.body["risk"]["status"], "effective");
    assert_eq!(consent_of(&done.body, &hospital), "agreed");
    assert_eq!(consent_of(&done.body, &clinic), "agreed");
    // The clinic sees only its own consent.
    let theirs = call(
        &t,
        "GET",
        &format!("/risks/{accepted}"),
        Some(&clinic_it),
        None,
    )
    .await;
    let consents = theirs.body["consents"].as_array().unwrap();
    assert!(consents.iter().all(|c| c["institution"] == clinic.as_str()));

    // The shared risk, which nobody agreed to, still awaits them.
    let r = call(&t, "GET", &format!("/risks/{shared}"), Some(&member), None).await;
    assert_eq!(r.body["state"], "awaiting_consent");
    let waiting = call(
        &t,
        "GET",
        "/risks?status=awaiting_consent",
        Some(&member),
        None,
    )
    .await;
    let ids: Vec<&str> = waiting.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&shared.as_str()) && !ids.contains(&accepted.as_str()));
}
