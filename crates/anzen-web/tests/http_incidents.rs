//! Incidents on the pages (GL 3.2 危機管理対応時): the provider records one from the
//! offering's page and proposes prevention measures; the affected hospital acknowledges and
//! agrees with the buttons of the incident's page; the clinic that also contracts the offering
//! does not see it; a partner sees no incidents section; a bad field is named and nothing is
//! written; both languages.

use crate::support;

use anzen_app::Caller;
use anzen_app::ports::Page;
use anzen_domain::access::Role;
use support::{TestApp, csrf_of, location};

const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const P: Role = Role::Partner;

async fn get(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
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

async fn incidents_of(t: &TestApp, org: &str) -> i64 {
    t.app
        .list_incidents(
            &Caller::Operator {
                name: "tests".into(),
                org: Some(org.parse().unwrap()),
            },
            None,
            Page::all(),
        )
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn an_incident_is_recorded_acknowledged_and_agreed_through_the_pages() {
    let t = TestApp::spawn().await;
    let ehr = ehr(&t);
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let clinic = org(&t, anzen_app::demo::CLINIC);
    let provider = org(&t, anzen_app::demo::CLOUD_EHR_PROVIDER);
    let pm = t.client();
    t.sign_in(&pm, PM).await;
    let (status, page) = get(&t, &pm, &format!("/offerings/{ehr}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"incident-form\""), "the record form");
    assert!(
        page.contains(&format!("value=\"{clinic}\"")),
        "the clinic is offered"
    );
    let csrf = csrf_of(&page);
    let before = incidents_of(&t, &provider).await;

    // A field left out is named; nothing is written.
    let bad = pm
        .post(t.url(&format!("/offerings/{ehr}/incidents")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("title", "保守端末からの不正アクセス"),
            ("description", "本番DBへの不審な接続"),
            ("occurred_at", "2026-11-20T09:30"),
            ("detected_at", "2026-11-20T11:00"),
            ("affected", hospital.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status().as_u16(), 422);
    assert!(bad.text().await.unwrap().contains("impact"));
    assert_eq!(incidents_of(&t, &provider).await, before);

    let res = pm
        .post(t.url(&format!("/offerings/{ehr}/incidents")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("title", "保守端末からの不正アクセス"),
            ("description", "本番DBへの不審な接続"),
            ("occurred_at", "2026-11-20T09:30"),
            ("detected_at", "2026-11-20T11:00"),
            ("confidentiality", "1"),
            ("affected", hospital.as_str()),
            ("actions", "接続元を遮断した"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let to = location(&res);
    assert!(to.starts_with("/incidents/"), "{to}");
    let (status, page) = get(&t, &pm, &to).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-status=\"open\""));
    assert!(page.contains("id=\"incident-update\""));
    let csrf = csrf_of(&page);
    let revision = page
        .split("name=\"revision\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let res = pm
        .post(t.url(&to))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("revision", revision.as_str()),
            ("actions", "接続元を遮断した"),
            ("cause", "保守端末のOSが未更新"),
            ("prevention", "保守端末の月次更新"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);

    // The hospital acknowledges and agrees with the buttons; then the buttons are gone.
    let ir = t.client();
    t.sign_in(&ir, IR).await;
    let (status, page) = get(&t, &ir, &to).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"incident-acknowledge\""));
    assert!(page.contains("id=\"incident-agree\""));
    assert!(!page.contains("id=\"incident-update\""));
    let csrf = csrf_of(&page);
    let res = ir
        .post(t.url(&format!("{to}/acknowledge")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let res = ir
        .post(t.url(&format!("{to}/prevention")))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("answer", "agreed"),
            ("version", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = get(&t, &ir, &to).await;
    assert!(!page.contains("id=\"incident-acknowledge\""));
    assert!(!page.contains("id=\"incident-agree\""));
    assert!(page.contains("合意する"), "the answer shows");
    let (status, list) = get(&t, &ir, "/incidents").await;
    assert_eq!(status, 200);
    assert!(list.contains("保守端末からの不正アクセス"));

    // The clinic (contracting, not affected) does not see it; a partner has no section.
    assert_eq!(incidents_of(&t, &clinic).await, 0);
    let p = t.client();
    t.sign_in(&p, P).await;
    let region = t
        .demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == "ひのきIaaS 東京リージョン")
        .unwrap()
        .id
        .to_string();
    let (status, page) = get(&t, &p, &format!("/offerings/{region}")).await;
    assert_eq!(status, 200);
    assert!(!page.contains("id=\"incidents\""));
    let (status, _) = get(&t, &p, &to).await;
    assert_eq!(status, 403);

    // English.
    let res = pm
        .post(t.url("/lang"))
        .form(&[
            ("csrf_token", csrf_of(&get(&t, &pm, "/").await.1).as_str()),
            ("lang", "en"),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection());
    let (_, page) = get(&t, &pm, &format!("/offerings/{ehr}")).await;
    assert!(page.contains("Record an incident"), "English labels");
}
