//! The institution's home and the sender's notices: an institution user's dashboard lists what
//! waits for its own step (risks to consent to, rules to agree to, …) with the count in the
//! words of the task and without the provider's scope wizard; a consent takes the risk off
//! the list. The sender of a notice sees it with its recipients and their acknowledgement.

use crate::support;

use anzen_domain::access::Role;
use support::TestApp;

async fn get(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// The links inside the task group `id` of a dashboard (empty when the group is absent).
fn task_links(page: &str, id: &str) -> Vec<String> {
    let Some(start) = page.find(&format!("id=\"task-{id}\"")) else {
        return Vec::new();
    };
    let group = &page[start..];
    let group = &group[..group.find("</li>\n").unwrap_or(group.len())];
    group
        .split("<a href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn an_institution_sees_its_own_tasks_and_a_consent_takes_a_risk_off_them() {
    let t = TestApp::spawn().await;
    let provider = t.client();
    t.sign_in(&provider, Role::ProviderAdmin).await;
    let (_, home) = get(&t, &provider, "/").await;
    assert!(
        home.contains("href=\"/scope/wizard\""),
        "the provider starts the wizard"
    );
    assert!(!home.contains("id=\"institution-tasks\""));

    let hospital = t.client();
    t.sign_in(&hospital, Role::InstitutionReviewer).await;
    let (status, home) = get(&t, &hospital, "/").await;
    assert_eq!(status, 200);
    assert!(home.contains("id=\"institution-tasks\""), "{home}");
    assert!(!home.contains("/scope/wizard"), "no provider-only action");
    assert!(
        !home.contains("id=\"tile-risks-awaiting-consent\""),
        "the register's counts are the provider's"
    );
    // The risks waiting for the hospital are exactly those whose consent status misses it.
    let caller = t.session(Role::InstitutionReviewer).await.caller();
    let me = t.demo.org("みなと総合病院").unwrap().id;
    let mut expected = Vec::new();
    for r in &t.demo.risks {
        let d = t.app.risk_detail(&caller, r.id).await.unwrap();
        if anzen_domain::tasks::risk_awaits_consent_of(&d.state, me) {
            expected.push((format!("/risks/{}", r.id), d));
        }
    }
    assert!(
        !expected.is_empty(),
        "the demo has a risk awaiting the hospital"
    );
    let mut links = task_links(&home, "risks-to-consent");
    links.sort();
    let mut wanted: Vec<String> = expected.iter().map(|(l, _)| l.clone()).collect();
    wanted.sort();
    assert_eq!(links, wanted);
    assert!(home.contains(&format!(
        "貴院の同意を待っているリスク：{} 件",
        expected.len()
    )));
    // The provider's 運用管理規程, issued in the demo, waits for the hospital's agreement.
    assert_eq!(task_links(&home, "rules-to-agree").len(), 1, "{home}");

    // The hospital consents to the first: it leaves the list.
    let (first, d) = &expected[0];
    t.app
        .consent_to_risk(&caller, d.row.risk.id, &d.digest)
        .await
        .unwrap();
    let (_, home) = get(&t, &hospital, "/").await;
    assert!(!task_links(&home, "risks-to-consent").contains(first));

    // In English, the same tasks in English words.
    let res = hospital
        .get(t.url("/"))
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    let english = res.text().await.unwrap();
    assert!(
        english.contains("Waiting for your institution"),
        "{english}"
    );
}

#[tokio::test]
async fn the_sender_sees_each_notice_it_sent_with_recipients_and_acknowledgements() {
    let t = TestApp::spawn().await;
    let provider = t.client();
    t.sign_in(&provider, Role::ProviderAdmin).await;
    let (status, sent) = get(&t, &provider, "/notifications/sent").await;
    assert_eq!(status, 200);
    // The demo's announcement of the cloud EHR's change, acknowledged by the hospital.
    assert!(
        sent.contains("バックアップの保管先に大阪リージョンを追加"),
        "{sent}"
    );
    assert!(sent.contains("<td>みなと総合病院</td>"), "{sent}");
    assert!(sent.contains("class=\"acknowledged-count\">1 / "), "{sent}");
    assert!(
        !sent.contains("東京リージョンの監視センター"),
        "the partner's notice is the partner's"
    );
    // The received view links to the sent one and back.
    let (_, inbox) = get(&t, &provider, "/notifications").await;
    assert!(inbox.contains("href=\"/notifications/sent\""));
    assert!(
        inbox.contains("東京リージョンの監視センター"),
        "received from the partner"
    );

    let partner = t.client();
    t.sign_in(&partner, Role::Partner).await;
    let (_, sent) = get(&t, &partner, "/notifications/sent").await;
    assert!(sent.contains("東京リージョンの監視センター"), "{sent}");
    assert!(
        sent.contains("<td>さくらメディカルクラウド株式会社</td>"),
        "{sent}"
    );
    assert!(!sent.contains("大阪リージョン"));

    let hospital = t.client();
    t.sign_in(&hospital, Role::InstitutionReviewer).await;
    let (status, sent) = get(&t, &hospital, "/notifications/sent").await;
    assert_eq!(status, 200);
    assert!(sent.contains("送信した通知はありません"), "{sent}");
}
