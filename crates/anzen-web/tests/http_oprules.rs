//! The 運用管理規程 pages over HTTP (GL 5.1.6 (2), FAQ 6.1): the provider opens the demo's
//! version 1, edits the next version from it (an emptied item is shown next to its field and
//! nothing is issued), issues version 2; the hospital's reviewer declines it with a reason,
//! cannot agree until the provider answers, then agrees; the partner sees no rules; the
//! institution sees the duties it must put into its own rules (Table 4-1 ②-3).

use crate::support;

use anzen_domain::access::Role;
use support::{TestApp, between, csrf_of, location};

async fn get(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

async fn post(
    t: &TestApp,
    c: &reqwest::Client,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    c.post(t.url(path)).form(form).send().await.unwrap()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// The edit form's fields as a browser would send them.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let form = between(html, "id=\"rules-form\"", "</form>");
    let mut out = Vec::new();
    for part in form.split("<input type=\"hidden\" name=\"").skip(1) {
        let name = part.split('"').next().unwrap().to_owned();
        let value = between(part, "value=\"", "\"").to_owned();
        out.push((name, value));
    }
    for part in form.split("<textarea").skip(1) {
        let name = between(part, "name=\"", "\"").to_owned();
        let body = between(part, ">", "</textarea>")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'");
        out.push((name, body));
    }
    out
}

#[tokio::test]
async fn rules_are_edited_issued_declined_answered_and_agreed_on_the_pages() {
    let t = TestApp::spawn().await;
    let admin = t.client();
    t.sign_in(&admin, Role::ProviderAdmin).await;
    let (status, list) = get(&t, &admin, "/operational-rules").await;
    assert_eq!(status, 200, "{list}");
    assert!(
        list.contains("class=\"rules-row\""),
        "the demo's version 1 is listed"
    );
    assert!(list.contains("data-version=\"1\""));

    // The next version starts from version 1.
    let (status, edit) = get(&t, &admin, "/operational-rules/new").await;
    assert_eq!(status, 200, "{edit}");
    let mut fields = form_fields(&edit);
    assert!(
        fields
            .iter()
            .any(|(n, v)| n == "expected_version" && v == "1")
    );
    assert_eq!(
        fields
            .iter()
            .filter(|(n, _)| n.starts_with("body_"))
            .count(),
        11,
        "a textarea per item (ア)–(サ)"
    );

    // An emptied item is refused next to its field; nothing is issued.
    let body3 = fields.iter().position(|(n, _)| n == "body_3").unwrap();
    let kept = fields[body3].1.clone();
    fields[body3].1 = "   ".into();
    let res = post(&t, &admin, "/operational-rules", &fields).await;
    assert_eq!(res.status().as_u16(), 200);
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary"), "{html}");
    assert!(html.contains("field-sections[3].body"));
    let (_, list) = get(&t, &admin, "/operational-rules").await;
    assert!(!list.contains("data-version=\"2\""));

    // Issued with an extra item of the provider's own.
    fields[body3].1 = format!("{kept}\n配布端末は四半期ごとに棚卸する。");
    fields.push(("extra_title".into(), "テレワーク時の取扱い".into()));
    fields.retain(|(n, _)| n != "extra_body");
    fields.push((
        "extra_body".into(),
        "自宅からの保守作業は VPN と多要素認証を用いる。".into(),
    ));
    let res = post(&t, &admin, "/operational-rules", &fields).await;
    let status = res.status().as_u16();
    let v2 = location(&res);
    assert_eq!(
        status,
        303,
        "{}",
        between(&res.text().await.unwrap(), "error-summary", "</div>")
    );
    let (_, page) = get(&t, &admin, &v2).await;
    assert!(
        page.contains("テレワーク時の取扱い"),
        "the extra item is kept"
    );
    assert!(page.contains("data-standing=\"pending\""));

    // The hospital declines with a reason; agreeing is refused until the provider answers.
    let it = t.client();
    t.sign_in(&it, Role::InstitutionReviewer).await;
    let (status, page) = get(&t, &it, &v2).await;
    assert_eq!(status, 200, "{page}");
    let csrf = csrf_of(&page);
    let digest = between(&page, "data-digest=\"", "\"").to_owned();
    let voice = |kind: &str, text: &str| {
        pairs(&[
            ("csrf_token", &csrf),
            ("kind", kind),
            ("digest", &digest),
            ("text", text),
        ])
    };
    let res = post(
        &t,
        &it,
        &format!("{v2}/responses"),
        &voice("decline", "棚卸の結果の共有方法を明記してください"),
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let res = post(&t, &it, &format!("{v2}/responses"), &voice("agree", "")).await;
    assert_eq!(res.status().as_u16(), 200, "refused on the page");
    let html = res.text().await.unwrap();
    assert!(html.contains("error-summary"), "{html}");

    // The provider answers on the version page.
    let (_, page) = get(&t, &admin, &v2).await;
    assert!(page.contains("data-standing=\"declined\""));
    let institution = between(&page, "class=\"form rules-answer\"", ">")
        .split("data-institution=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let csrf_admin = csrf_of(&page);
    let res = post(
        &t,
        &admin,
        &format!("{v2}/responses"),
        &pairs(&[
            ("csrf_token", &csrf_admin),
            ("kind", "answer"),
            ("institution", &institution),
            ("text", "棚卸結果は四半期ごとに報告書で共有します"),
        ]),
    )
    .await;
    assert_eq!(res.status().as_u16(), 303);
    let res = post(&t, &it, &format!("{v2}/responses"), &voice("agree", "")).await;
    assert_eq!(res.status().as_u16(), 303);
    let (_, page) = get(&t, &admin, &v2).await;
    assert!(page.contains("data-standing=\"agreed\""), "{page}");
    assert!(page.contains("棚卸の結果の共有方法を明記してください"));

    // The institution's list shows its standing and its own duties (Table 4-1 ②-3).
    let (_, list) = get(&t, &it, "/operational-rules").await;
    assert!(list.contains("id=\"institution-items\""));
    assert!(
        list.contains("class=\"rule-item\""),
        "the demo places a duty on the hospital"
    );

    // The partner reads no rules.
    let partner = t.client();
    t.sign_in(&partner, Role::Partner).await;
    let (_, list) = get(&t, &partner, "/operational-rules").await;
    assert!(!list.contains("class=\"rules-row\""));
    let (status, _) = get(&t, &partner, &v2).await;
    assert_eq!(status, 404);
}
