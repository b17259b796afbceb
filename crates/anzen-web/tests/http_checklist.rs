//! The MHLW provider checklist through the UI (guideline-notes §7): the provider answers an
//! item on the offering's checklist page (a いいえ without a target is refused and nothing
//! saved), the answers the demo holds and anzen's judgements are shown, the issued XLSX is
//! imported back, and the contracting institution reads the page without the forms; a
//! partner reaches none.

use crate::support;

use anzen_domain::access::Role;
use support::{TestApp, csrf_of};

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

fn row<'a>(page: &'a str, key: &str) -> &'a str {
    let start = page
        .find(&format!(r#"data-key="{key}""#))
        .unwrap_or_else(|| panic!("no row {key}"));
    let end = page[start..].find("</tr>").unwrap() + start;
    &page[start..end]
}

#[tokio::test]
async fn the_provider_answers_and_the_institution_reads() {
    let t = TestApp::spawn().await;
    let ehr = ehr(&t);
    let path = format!("/offerings/{ehr}/checklist");
    let c = t.client();
    t.sign_in(&c, PM).await;
    let (status, offering_page) = get(&t, &c, &format!("/offerings/{ehr}")).await;
    assert_eq!(status, 200);
    assert!(
        offering_page.contains(&format!(r#"href="{path}""#)),
        "linked from the offering"
    );
    let (status, page) = get(&t, &c, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("サイバーセキュリティ対策チェックリスト（事業者確認用）"));
    // The demo's answers, and anzen's judgement of the 運用管理規程 item (rules issued).
    assert!(row(&page, "1-①").contains(r#"data-reply="yes" data-source="person""#));
    assert!(row(&page, "R7-運用管理規程").contains(r#"data-reply="yes" data-source="data""#));
    assert!(row(&page, "R7-運用管理規程").contains("anzenの記録から判定"));
    assert!(
        page.contains(r#"id="checklist-import""#) && page.contains(r#"class="form answer-form""#)
    );
    let csrf = csrf_of(&page);
    let revision = {
        let at =
            page.find(r#"name="revision" value=""#).unwrap() + r#"name="revision" value=""#.len();
        page[at..].split('"').next().unwrap().to_owned()
    };

    // いいえ without a target date: refused with the field named, nothing saved.
    let form = |target: &str| {
        vec![
            ("csrf_token", csrf.clone()),
            ("edition", "R7".to_owned()),
            ("revision", revision.clone()),
            ("item", "2-⑧".to_owned()),
            ("reply", "no".to_owned()),
            ("checked_on", "2025-10-01".to_owned()),
            ("target_on", target.to_owned()),
            ("evidence", "既定パスワードの変更手順を整備中".to_owned()),
        ]
    };
    let res = c.post(t.url(&path)).form(&form("")).send().await.unwrap();
    let body = res.text().await.unwrap();
    assert!(
        body.contains(r#"id="checklist-error""#) && body.contains("target_on"),
        "{}",
        &body[..200.min(body.len())]
    );
    let (_, page) = get(&t, &c, &path).await;
    assert!(
        row(&page, "2-⑧").contains(r#"data-reply="""#),
        "nothing saved"
    );

    let res = c
        .post(t.url(&path))
        .form(&form("2026-03-31"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, &path).await;
    assert!(row(&page, "2-⑧").contains(r#"data-reply="no" data-source="person""#));
    assert!(row(&page, "2-⑧").contains("既定パスワードの変更手順を整備中"));

    // The institution reads the answers, without the forms; a partner reaches nothing.
    let ci = t.client();
    t.sign_in(&ci, IR).await;
    let (status, page) = get(&t, &ci, &path).await;
    assert_eq!(status, 200);
    assert!(row(&page, "2-⑧").contains(r#"data-reply="no""#));
    assert!(!page.contains("answer-form") && !page.contains("checklist-import"));
    let cp = t.client();
    t.sign_in(&cp, P).await;
    let (status, _) = get(&t, &cp, &path).await;
    assert!(status == 403 || status == 404, "{status}");
}
