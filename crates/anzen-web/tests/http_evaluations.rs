//! Safety evaluations (GL 4.3) and the GL 4.4 exemption through the UI: the provider records
//! an evaluation on the offering's page and raises a risk from a finding; the contracting
//! institution reads it without the forms; a partner sees no section; the IaaS partner
//! records its exemption on the certifications page, shown with the FAQ 4.2 caveat.

use crate::support;

use anzen_domain::access::Role;
use support::{TestApp, between, csrf_of, location};

const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const P: Role = Role::Partner;

async fn get(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

async fn post(
    t: &TestApp,
    c: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    c.post(t.url(path)).form(form).send().await.unwrap()
}

fn offering(t: &TestApp, name: &str) -> String {
    t.demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == name)
        .unwrap()
        .id
        .to_string()
}

#[tokio::test]
async fn an_evaluation_is_recorded_and_raised_on_the_offering_page() {
    let t = TestApp::spawn().await;
    let ehr = offering(&t, "さくらクラウド電子カルテ");
    let page_path = format!("/offerings/{ehr}");
    let c = t.client();
    t.sign_in(&c, PM).await;
    let (status, page) = get(&t, &c, &page_path).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="evaluations""#), "the section is shown");
    assert!(
        page.contains(r#"id="evaluation-form""#),
        "the provider records"
    );
    let csrf = csrf_of(&page);
    let before = page.matches(r#"class="evaluation card""#).count();

    // A result that says more than the findings is refused (GL 4.3), nothing recorded.
    let form = |result: &'static str, severity: &'static str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("evaluator_type", "external".to_owned()),
            ("evaluator", "山田 太郎（システム監査技術者）".to_owned()),
            ("organisation", "みなと監査法人".to_owned()),
            ("evaluated_on", "2026-10-01".to_owned()),
            ("scope", "クラウド電子カルテの運用・保守".to_owned()),
            ("result", result.to_owned()),
            ("severity_0", severity.to_owned()),
            (
                "text_0",
                "特権IDの利用記録の定期確認が行われていない".to_owned(),
            ),
        ]
    };
    let path = format!("/offerings/{ehr}/evaluations");
    let bad = form("satisfactory", "major");
    let res = c.post(t.url(&path)).form(&bad).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let (_, page) = get(&t, &c, &page_path).await;
    assert_eq!(page.matches(r#"class="evaluation card""#).count(), before);

    let good = form("satisfactory_with_findings", "minor");
    let res = c.post(t.url(&path)).form(&good).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/offerings/{ehr}#evaluations"));
    let (_, page) = get(&t, &c, &page_path).await;
    assert_eq!(
        page.matches(r#"class="evaluation card""#).count(),
        before + 1
    );
    assert!(
        page.contains(r#"data-result="satisfactory_with_findings""#),
        "{page}"
    );
    let article = between(
        &page,
        r#"data-result="satisfactory_with_findings""#,
        "</article>",
    );
    assert!(article.contains(r#"data-severity="minor""#));
    assert!(article.contains(r#"class="form form--inline finding-risk""#));
    let id = between(
        &page,
        r#"<article class="evaluation card" id="evaluation-"#,
        "\"",
    )
    .to_owned();

    // The finding raises a risk; the page links it and offers no second follow-up.
    let res = post(
        &t,
        &c,
        &format!("/evaluations/{id}/follow-ups"),
        &[
            ("csrf_token", csrf.as_str()),
            ("finding", "0"),
            ("revision", "1"),
            ("kind", "risk"),
            ("impact", "3"),
            ("likelihood", "2"),
            ("confidentiality", "on"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, &page_path).await;
    let article = between(&page, &format!(r#"id="evaluation-{id}""#), "</article>");
    assert!(article.contains(r#"href="/risks/"#), "{article}");
    assert!(!article.contains("finding-risk"), "{article}");

    // The institution reads it without the forms; a partner sees no section.
    let c = t.client();
    t.sign_in(&c, IR).await;
    let (_, page) = get(&t, &c, &page_path).await;
    assert!(page.contains(&format!(r#"id="evaluation-{id}""#)));
    assert!(!page.contains(r#"id="evaluation-form""#));
    assert!(!page.contains("finding-risk"));
    let c = t.client();
    t.sign_in(&c, P).await;
    let region = offering(&t, "ひのきIaaS 東京リージョン");
    let (status, page) = get(&t, &c, &format!("/offerings/{region}")).await;
    assert_eq!(status, 200);
    assert!(!page.contains(r#"id="evaluations""#));
}

#[tokio::test]
async fn the_exemption_is_recorded_on_the_certifications_page() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, P).await;
    let (_, page) = get(&t, &c, "/certifications").await;
    assert!(page.contains(r#"id="exemption-form""#));
    assert!(page.contains("FAQ 4.2"), "the caveat is shown");
    let csrf = csrf_of(&page);
    let res = post(
        &t,
        &c,
        "/certifications/exemption",
        &[
            ("csrf_token", csrf.as_str()),
            ("basis", "no_direct_handling"),
            ("reason", " "),
            ("revision", "0"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422, "a reason is required");
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"id="field-reason-error""#), "{html}");
    let res = post(
        &t,
        &c,
        "/certifications/exemption",
        &[
            ("csrf_token", csrf.as_str()),
            ("basis", "no_direct_handling"),
            (
                "reason",
                "IaaS の計算・記憶資源のみを提供し、利用者のデータを閲覧しない",
            ),
            ("revision", "0"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, "/certifications").await;
    assert!(
        page.contains(r#"class="exemption" data-exempt="true""#),
        "{page}"
    );
    assert!(page.contains("IaaS の計算・記憶資源のみを提供し"));
    assert!(page.contains(r#"id="exemption-withdraw""#));

    // An institution keeps no ledger: no form.
    let c = t.client();
    t.sign_in(&c, IR).await;
    let (_, page) = get(&t, &c, "/certifications").await;
    assert!(!page.contains(r#"id="exemption-form""#));
}
