//! The server-rendered pages over HTTP: who may open what, the scope wizard from the first
//! question to a saved offering, form errors next to their field, CSV exports, organisation
//! isolation, and no inline script or style anywhere.

use crate::support;

use anzen_app::Caller;
use anzen_app::ports::{ContractQuery, Page};
use anzen_domain::access::Role;
use anzen_domain::offering::Offering;
use support::{TestApp, between, csrf_of, location};

/// A GET: status and body.
async fn get(t: &TestApp, c: &reqwest::Client, path: &str) -> (u16, String) {
    let res = c.get(t.url(path)).send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

/// A form POST: the response (redirects are not followed).
async fn post(
    t: &TestApp,
    c: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    c.post(t.url(path)).form(form).send().await.unwrap()
}

/// The CSP forbids inline scripts and styles; no page may contain them.
fn assert_clean(path: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{path} has a <script>");
    assert!(!lower.contains(" style="), "{path} has a style attribute");
    assert!(!lower.contains("<style"), "{path} has a <style> element");
}

fn offering<'a>(t: &'a TestApp, name: &str) -> &'a Offering {
    t.demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == name)
        .unwrap_or_else(|| panic!("no demo offering {name}"))
}

fn org_id(t: &TestApp, name: &str) -> String {
    t.demo.org(name).unwrap().id.to_string()
}

async fn contracts_in_db(t: &TestApp) -> i64 {
    t.app
        .list_contracts(
            &Caller::operator("test"),
            &ContractQuery::default(),
            Page::all(),
        )
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn every_page_opens_for_the_roles_that_may_see_it_and_no_other() {
    let t = TestApp::spawn().await;
    let ehr = offering(&t, "さくらクラウド電子カルテ").id.to_string();
    let phr = offering(&t, "あおばPHR").id.to_string();
    let iaas = offering(&t, "ひのきIaaS 東京リージョン").id.to_string();
    let sakura = org_id(&t, anzen_app::demo::CLOUD_EHR_PROVIDER);
    let hospital = org_id(&t, anzen_app::demo::HOSPITAL);
    let ehr_page = format!("/offerings/{ehr}");
    let phr_page = format!("/offerings/{phr}");
    let iaas_page = format!("/offerings/{iaas}");
    let reassess = format!("/scope/wizard?offering={ehr}");
    let new_user_sakura = format!("/users/new?org={sakura}");
    let new_user_hospital = format!("/users/new?org={hospital}");

    let everyone: &[&str] = &[
        "/",
        "/offerings",
        "/scope/wizard",
        "/account",
        "/account/password",
    ];
    #[rustfmt::skip]
    let table: &[(Role, &[(&str, u16)])] = &[
        (Role::ProviderAdmin, &[
            ("/organisations", 200), ("/organisations/new", 200), (&ehr_page, 200),
            ("/offerings.csv", 200), (&reassess, 200), ("/contracts", 200),
            ("/contracts/new", 200), ("/contracts.csv", 200), ("/supply-links", 200),
            ("/supply-links/new", 200), ("/audit", 200), ("/audit.csv", 200), ("/users", 200),
            ("/users/new", 200), (&new_user_sakura, 200), (&new_user_hospital, 200),
            (&phr_page, 404), ("/offerings/not-an-id", 404), ("/no/such/page", 404),
        ]),
        (Role::ProviderMember, &[
            ("/organisations", 200), ("/organisations/new", 200), (&ehr_page, 200),
            ("/contracts/new", 200), ("/supply-links/new", 200), ("/users", 200),
            ("/audit", 403), ("/audit.csv", 403), ("/users/new", 403), (&phr_page, 404),
        ]),
        (Role::InstitutionReviewer, &[
            ("/organisations", 200), (&ehr_page, 200), (&reassess, 200), ("/contracts", 200),
            ("/contracts.csv", 200), ("/supply-links", 200),
            ("/organisations/new", 403), ("/contracts/new", 403), ("/supply-links/new", 403),
            ("/audit", 403), ("/users", 403), ("/users/new", 403), (&phr_page, 404),
            (&iaas_page, 404),
        ]),
        (Role::Partner, &[
            ("/organisations", 200), (&iaas_page, 200), ("/supply-links", 200),
            ("/contracts", 403), ("/contracts.csv", 403), ("/contracts/new", 403),
            ("/audit", 403), ("/users", 403), (&ehr_page, 404),
        ]),
        (Role::Auditor, &[
            ("/organisations", 200), (&ehr_page, 200), ("/contracts", 200), ("/audit", 200),
            ("/audit.csv", 200), ("/supply-links", 200),
            ("/organisations/new", 403), ("/contracts/new", 403), ("/users", 403),
        ]),
    ];
    for (role, pages) in table {
        let c = t.client();
        t.sign_in(&c, *role).await;
        for path in everyone
            .iter()
            .map(|p| (*p, 200))
            .chain(pages.iter().copied())
        {
            let (status, body) = get(&t, &c, path.0).await;
            assert_eq!(status, path.1, "{role} GET {}", path.0);
            assert_clean(path.0, &body);
        }
        // The menu offers only what the role can open.
        let (_, home) = get(&t, &c, "/").await;
        let menu = between(&home, "<nav class=\"main-nav\"", "</nav>");
        for (href, subject_open) in [
            (
                "/audit",
                matches!(role, Role::ProviderAdmin | Role::Auditor),
            ),
            (
                "/users",
                matches!(role, Role::ProviderAdmin | Role::ProviderMember),
            ),
            ("/contracts", !matches!(role, Role::Partner)),
        ] {
            assert_eq!(
                menu.contains(&format!("href=\"{href}\"")),
                subject_open,
                "{role}: menu entry {href}"
            );
        }
    }
}

/// The answers of the cloud-EHR example of the scope contract, by question.
fn cloud_ehr_answer(field: &str) -> &'static str {
    match field {
        "contract.provision" | "handles_medical_information" | "stores_medical_information" => {
            "true"
        }
        "contract.maintenance" | "equipment" | "patient_directed_receipt" | "network_operator" => {
            "none"
        }
        "deployment" => "outside_institution",
        _ => "false",
    }
}

/// Answers every question with `answer` until the verdict page; returns it and the fields
/// asked, in order.
async fn walk(
    t: &TestApp,
    c: &reqwest::Client,
    mut page: String,
    answer: impl Fn(&str) -> &'static str,
) -> (String, Vec<String>) {
    let mut asked = Vec::new();
    while !page.contains("id=\"verdict\"") {
        assert!(
            page.contains(r#"<form method="post" action="/scope/wizard" id="wizard">"#),
            "{page}"
        );
        assert!(page.contains(r#"id="wizard-next""#));
        assert!(page.contains(r#"name="back""#));
        let field = between(&page, "data-question=\"", "\"").to_owned();
        assert!(asked.len() < 30, "the wizard does not end: {asked:?}");
        let state = between(&page, "name=\"state\" value=\"", "\"").to_owned();
        let offering = between(&page, "name=\"offering\" value=\"", "\"").to_owned();
        let revision = between(&page, "name=\"revision\" value=\"", "\"").to_owned();
        let value = answer(&field);
        assert!(
            page.contains(&format!(
                r#"name="answer" id="answer-{value}" value="{value}""#
            )),
            "{field} offers no {value}"
        );
        let res = post(
            t,
            c,
            "/scope/wizard",
            &[
                ("csrf_token", csrf_of(&page).as_str()),
                ("state", &state),
                ("step", &field),
                ("offering", &offering),
                ("revision", &revision),
                ("answer", value),
            ],
        )
        .await;
        assert_eq!(res.status(), 200, "answering {field}");
        page = res.text().await.unwrap();
        assert_clean("/scope/wizard", &page);
        asked.push(field);
    }
    (page, asked)
}

#[tokio::test]
async fn the_wizard_walks_the_cloud_ehr_example_to_a_saved_verdict_with_its_history() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;

    let (status, first) = get(&t, &c, "/scope/wizard").await;
    assert_eq!(status, 200);
    assert!(first.contains(r#"data-question="service""#));
    assert!(first.contains(r#"name="service" id="wizard-service""#));
    let csrf = csrf_of(&first);

    // An empty name is refused next to the field.
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("step", "service"),
            ("service", "  "),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("入力してください。"));

    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("step", "service"),
            ("state", ""),
            ("service", "テスト クラウド電子カルテ"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"data-question="institution_self_operated""#));
    assert!(page.contains("FAQ 1.1"), "help cites the FAQ");
    // Nothing is pre-selected in a new profile.
    assert!(!page.contains(" checked"));

    // Answer the provision question, then go back to it: the answer is kept.
    let state = between(&page, "name=\"state\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("state", &state),
            ("step", "institution_self_operated"),
            ("answer", "false"),
        ],
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"data-question="contract.provision""#));
    // No answer: asked again, 422.
    let state = between(&page, "name=\"state\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("state", &state),
            ("step", "contract.provision"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("state", &state),
            ("step", "contract.provision"),
            ("answer", "true"),
        ],
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"data-question="contract.operation""#));
    let state = between(&page, "name=\"state\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("state", &state),
            ("step", "contract.operation"),
            ("back", "1"),
        ],
    )
    .await;
    let page = res.text().await.unwrap();
    assert!(page.contains(r#"data-question="contract.provision""#));
    assert!(page.contains(r#"id="answer-true" value="true" checked"#));

    let (verdict, asked) = walk(&t, &c, page, cloud_ehr_answer).await;
    assert!(asked.contains(&"equipment".to_owned()), "{asked:?}");
    assert!(
        !asked.contains(&"merged_into_phr_with_other_data".to_owned()),
        "{asked:?}"
    );
    assert!(
        !asked.contains(&"contract.sale_only".to_owned()),
        "{asked:?}"
    );
    assert!(verdict.contains(r#"<section id="verdict""#));
    assert!(verdict.contains(r#"data-in-scope="true""#));
    assert!(verdict.contains(r#"<li class="verdict-category" data-code="contracted_provider">"#));
    assert!(!verdict.contains(r#"data-code="supply_chain_provider""#));
    assert!(verdict.contains(r#"<span class="reason-ref">FAQ 1</span>"#));
    assert!(verdict.contains("類型(1)の対象事業者"));

    // Save it as a new offering of the member's organisation.
    let state = between(&verdict, "name=\"state\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &c,
        "/scope/wizard/save",
        &[
            ("csrf_token", &csrf),
            ("state", &state),
            ("offering", ""),
            ("revision", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/offerings/"), "{to}");
    let (status, page) = get(&t, &c, &to).await;
    assert_eq!(status, 200);
    assert!(page.contains("テスト クラウド電子カルテ"));
    assert!(page.contains("判定結果を保存しました。"), "flash");
    assert!(page.contains(r#"data-in-scope="true""#));
    assert_eq!(page.matches("class=\"history-entry\"").count(), 1);

    // Re-assess: the answers are pre-filled; without the provision contract the offering
    // falls out of scope, and the history marks the changed decision.
    let id = to.trim_start_matches("/offerings/").to_owned();
    let (status, first) = get(&t, &c, &format!("/scope/wizard?offering={id}")).await;
    assert_eq!(status, 200);
    assert!(first.contains(r#"value="テスト クラウド電子カルテ""#));
    assert!(first.contains(&format!(r#"name="offering" value="{id}""#)));
    assert!(first.contains(r#"name="revision" value="1""#));
    let state = between(&first, "name=\"state\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("state", &state),
            ("step", "service"),
            ("service", "テスト クラウド電子カルテ"),
            ("offering", &id),
            ("revision", "1"),
        ],
    )
    .await;
    let page = res.text().await.unwrap();
    let (verdict, asked) = walk(&t, &c, page, |f| match f {
        "contract.provision" => "false",
        other => cloud_ehr_answer(other),
    })
    .await;
    assert!(asked.contains(&"contract.sale_only".to_owned()));
    assert!(!asked.contains(&"equipment".to_owned()));
    assert!(verdict.contains(r#"data-in-scope="false""#));
    let state = between(&verdict, "name=\"state\" value=\"", "\"").to_owned();
    let save = |revision: &'static str| {
        let state = state.clone();
        let id = id.clone();
        let csrf = csrf.clone();
        let c = c.clone();
        let url = t.url("/scope/wizard/save");
        async move {
            c.post(url)
                .form(&[
                    ("csrf_token", csrf.as_str()),
                    ("state", &state),
                    ("offering", &id),
                    ("revision", revision),
                ])
                .send()
                .await
                .unwrap()
        }
    };
    let res = save("1").await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/offerings/{id}"));
    let (_, page) = get(&t, &c, &format!("/offerings/{id}")).await;
    assert_eq!(page.matches("class=\"history-entry\"").count(), 2);
    assert!(page.contains("decision-changed"));
    assert!(page.contains(r#"data-in-scope="false""#));
    // Who recorded the verdict, without the trail's `user:` label.
    assert!(page.contains("member@sakura-medical.example"));
    assert!(!page.contains("user:member@sakura-medical.example"));

    // Applying the same answers again from the old revision is a conflict, said clearly.
    let res = save("1").await;
    assert_eq!(res.status(), 409);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("他の利用者によって変更されました")
    );
}

#[tokio::test]
async fn read_only_roles_see_the_verdict_but_cannot_save_it() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::InstitutionReviewer).await;
    let (_, first) = get(&t, &c, "/scope/wizard").await;
    let csrf = csrf_of(&first);
    let res = post(
        &t,
        &c,
        "/scope/wizard",
        &[
            ("csrf_token", &csrf),
            ("step", "service"),
            ("service", "IaaS"),
        ],
    )
    .await;
    let page = res.text().await.unwrap();
    let (verdict, _) = walk(&t, &c, page, |f| match f {
        "supplies_in_scope_service" => "true",
        "contract.maintenance" | "equipment" | "patient_directed_receipt" | "network_operator" => {
            "none"
        }
        "deployment" => "outside_institution",
        _ => "false",
    })
    .await;
    assert!(verdict.contains(r#"data-in-scope="true""#));
    assert!(verdict.contains(r#"data-code="supply_chain_provider""#));
    assert!(!verdict.contains("wizard-save"));
    let state = between(&verdict, "name=\"state\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &c,
        "/scope/wizard/save",
        &[("csrf_token", &csrf), ("state", &state)],
    )
    .await;
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn a_bad_wizard_state_gives_a_clear_page_not_a_server_error() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    let (_, first) = get(&t, &c, "/scope/wizard").await;
    let csrf = csrf_of(&first);
    use base64::Engine as _;
    let tampered = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(r#"{"schema":"anzen/scope-profile/v1","service":"x","deployment":"on_the_moon"}"#);
    for (state, step, what) in [
        ("%%% not base64 %%%", "deployment", "state"),
        (tampered.as_str(), "equipment", "deployment"),
        ("", "equipment", "state"),
        (tampered.as_str(), "colour", "step"),
    ] {
        for path in ["/scope/wizard", "/scope/wizard/save"] {
            let res = post(
                &t,
                &c,
                path,
                &[
                    ("csrf_token", csrf.as_str()),
                    ("state", state),
                    ("step", step),
                    ("answer", "none"),
                ],
            )
            .await;
            assert_eq!(res.status(), 422, "{path} with a bad {what}");
            let html = res.text().await.unwrap();
            if path == "/scope/wizard" || what != "step" {
                assert!(
                    html.contains("ウィザードの回答を読み取れませんでした"),
                    "{html}"
                );
            }
            assert!(
                html.contains("href=\"/scope/wizard\""),
                "a way to start again"
            );
            assert_clean(path, &html);
        }
    }
}

#[tokio::test]
async fn a_contract_that_ends_before_it_starts_is_shown_next_to_the_field_and_not_written() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    let (status, form) = get(&t, &c, "/contracts/new").await;
    assert_eq!(status, 200);
    let hospital = org_id(&t, anzen_app::demo::HOSPITAL);
    let ehr = offering(&t, "さくらクラウド電子カルテ").id.to_string();
    // Only the member's own offerings and the institutions are offered.
    assert!(form.contains(&format!(r#"<option value="{hospital}">"#)));
    assert!(form.contains(&format!(r#"<option value="{ehr}">"#)));
    let phr = offering(&t, "あおばPHR").id.to_string();
    assert!(!form.contains(&phr));
    let before = contracts_in_db(&t).await;
    let csrf = csrf_of(&form);
    let res = post(
        &t,
        &c,
        "/contracts",
        &[
            ("csrf_token", csrf.as_str()),
            ("institution", &hospital),
            ("offering", &ehr),
            ("kind", "operation"),
            ("starts_on", "2026-04-01"),
            ("ends_on", "2026-03-31"),
            ("reference", "T-1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"<p class="field__error" id="field-ends_on-error">終了日が開始日より前になっています。</p>"#),
        "{html}"
    );
    assert!(html.contains(r#"value="2026-03-31""#), "the input is kept");
    assert!(
        html.contains("2026年4月1日（令和8年）"),
        "the era of the date entered"
    );
    assert_eq!(contracts_in_db(&t).await, before, "nothing written");

    let res = post(
        &t,
        &c,
        "/contracts",
        &[
            ("csrf_token", csrf.as_str()),
            ("institution", &hospital),
            ("offering", &ehr),
            ("kind", "operation"),
            ("starts_on", "2026-04-01"),
            ("ends_on", "2027-01-31"),
            ("reference", "T-2"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/contracts");
    assert_eq!(contracts_in_db(&t).await, before + 1);
    let (_, list) = get(&t, &c, "/contracts").await;
    assert!(
        list.contains("2026年4月1日（令和8年） 〜 2027年1月31日（令和9年）"),
        "{list}"
    );
    // It ends within 90 days of the test clock's 2026-11-25: the dashboard says so.
    let (_, home) = get(&t, &c, "/").await;
    assert!(home.contains("2027年1月31日（令和9年）"));

    // Other forms re-render the same way.
    let res = post(
        &t,
        &c,
        "/organisations",
        &[
            ("csrf_token", csrf.as_str()),
            ("kind", "medical_institution"),
            ("institution_kind", ""),
            ("name", "テスト病院"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"id="field-institution_kind-error""#));
    assert!(html.contains(r#"value="テスト病院""#));
    let res = post(
        &t,
        &c,
        "/organisations",
        &[
            ("csrf_token", csrf.as_str()),
            ("kind", "medical_institution"),
            ("institution_kind", "pharmacy"),
            ("name", "テスト薬局"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, orgs) = get(&t, &c, "/organisations").await;
    assert!(orgs.contains("テスト薬局"));

    let iaas_org = org_id(&t, anzen_app::demo::IAAS);
    let res = post(
        &t,
        &c,
        "/supply-links",
        &[
            ("csrf_token", csrf.as_str()),
            ("offering", &ehr),
            ("code", "Z9"),
            ("supplier", &iaas_org),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains(r#"id="field-code-error""#)
    );
    let res = post(
        &t,
        &c,
        "/supply-links",
        &[
            ("csrf_token", csrf.as_str()),
            ("offering", &ehr),
            ("code", "P1"),
            ("supplier", &iaas_org),
            ("description", "データベース基盤"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, &location(&res)).await;
    assert!(page.contains("データベース基盤"));
}

#[tokio::test]
async fn csv_exports_have_a_byte_order_mark_and_a_header_row() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderAdmin).await;
    for (path, header, contains) in [
        (
            "/offerings.csv",
            "id,name,provider,in_scope,categories,covers_non_medical_data,faq_references,revision,updated_at",
            "さくらクラウド電子カルテ",
        ),
        (
            "/contracts.csv",
            "id,institution,provider,offering,kind,starts_on,ends_on,reference,created_at",
            "SMC-2024-0012",
        ),
        (
            "/audit.csv",
            "seq,at,actor,actor_user,org,action,object_type,object_id,before_digest,after_digest,summary,prev_hash,hash,signature,key_id",
            "offering.create",
        ),
    ] {
        let res = c.get(t.url(path)).send().await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv"),
            "{path}"
        );
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .contains("attachment"),
        );
        let bytes = res.bytes().await.unwrap();
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "{path} has no BOM");
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(text.lines().next().unwrap(), header, "{path}");
        assert!(text.contains(contains), "{path}: {text}");
    }
    // The export follows the list's filters (the administrator's organisation offers two
    // offerings, both in scope).
    let (_, text) = get(&t, &c, "/offerings.csv?scope=in").await;
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(text.contains("さくら介護記録クラウド"));
    let (_, text) = get(&t, &c, "/offerings.csv?scope=out").await;
    assert_eq!(text.lines().count(), 1, "{text}");
    let (_, list) = get(&t, &c, "/offerings?q=%E9%9B%BB%E5%AD%90&scope=in").await;
    assert!(list.contains("さくらクラウド電子カルテ"));
    assert!(!list.contains("あおばPHR"));
    assert!(
        list.contains("href=\"/offerings.csv?q=%E9%9B%BB%E5%AD%90&#38;scope=in\""),
        "{list}"
    );
    // Audit entries: filtered, with the hash chain's columns.
    let res = c
        .get(t.url("/audit.csv?action=contract.create"))
        .send()
        .await
        .unwrap();
    let text = res.text().await.unwrap();
    // Three of the four demo contracts are the administrator's organisation's.
    assert_eq!(text.lines().count(), 1 + 3, "{text}");
    assert!(
        text.lines()
            .skip(1)
            .all(|l| l.contains(",contract.create,"))
    );
    let (status, page) = get(&t, &c, "/audit?from=2026-13-01").await;
    assert_eq!(status, 422);
    assert!(page.contains(r#"id="field-from-error""#));
    let (status, page) = get(&t, &c, "/audit?object_type=offering").await;
    assert_eq!(status, 200);
    // The rows name their actions in Japanese (the filter's options carry the codes).
    let table = &page[page.find(r#"<table id="audit">"#).expect("the table")..];
    assert!(table.contains("<td>提供サービスを登録</td>"), "{table}");
    assert!(!table.contains("<td>契約を登録</td>"));
}

#[tokio::test]
async fn an_institution_reviewer_sees_only_its_own_contracts_and_offerings() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::InstitutionReviewer).await;
    let (status, list) = get(&t, &c, "/contracts").await;
    assert_eq!(status, 200);
    assert_eq!(list.matches("<td>みなと総合病院</td>").count(), 2, "{list}");
    assert!(!list.contains("やまぶき内科クリニック"));
    assert!(!list.contains("ひだまり介護センター"));
    let (_, csv) = get(&t, &c, "/contracts.csv").await;
    assert_eq!(csv.lines().count(), 3, "{csv}");
    for other in ["さくら介護記録クラウド", "あおばPHR", "PACS 売切りモデル"] {
        let id = offering(&t, other).id;
        let (status, page) = get(&t, &c, &format!("/offerings/{id}")).await;
        assert_eq!(status, 404, "{other}");
        assert!(!page.contains(other));
    }
    let (_, offerings) = get(&t, &c, "/offerings").await;
    assert!(offerings.contains("さくらクラウド電子カルテ"));
    assert!(!offerings.contains("あおばPHR"));
    // The offering it contracts: verdict, history and its own contract, no others.
    let ehr = offering(&t, "さくらクラウド電子カルテ").id;
    let (_, page) = get(&t, &c, &format!("/offerings/{ehr}")).await;
    assert!(page.contains(r#"data-in-scope="true""#));
    assert!(page.contains("SMC-2024-0012"));
    assert!(!page.contains("SMC-2025-0107"), "the clinic's contract");
    assert!(!page.contains(r#"id="reassess""#));
}

#[tokio::test]
async fn the_english_ui_shows_english_reasons_and_dates_with_the_era() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    let (_, home) = get(&t, &c, "/").await;
    let res = post(
        &t,
        &c,
        "/lang",
        &[
            ("csrf_token", csrf_of(&home).as_str()),
            ("lang", "en"),
            ("next", "/"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let ehr = offering(&t, "さくらクラウド電子カルテ").id;
    let (_, page) = get(&t, &c, &format!("/offerings/{ehr}")).await;
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains("so the provider is a type-1 target provider"));
    assert!(
        page.contains("類型(1)の対象事業者"),
        "the Japanese original too"
    );
    assert!(page.contains("Type 1: provides under a contract"));
    assert!(page.contains("(Reiwa 8)"));
    let (_, wizard) = get(&t, &c, "/scope/wizard").await;
    assert!(wizard.contains("Scope wizard"));
}

#[tokio::test]
async fn administrators_create_users_who_must_change_their_temporary_password() {
    let t = TestApp::spawn().await;
    let admin = t.client();
    t.sign_in(&admin, Role::ProviderAdmin).await;
    let hospital = org_id(&t, anzen_app::demo::HOSPITAL);
    let (status, form) = get(&t, &admin, &format!("/users/new?org={hospital}")).await;
    assert_eq!(status, 200);
    // Only the roles that fit a medical institution.
    let roles = between(&form, "name=\"role\"", "</select>");
    assert!(roles.contains("value=\"institution_reviewer\""));
    assert!(!roles.contains("value=\"provider_admin\""));
    assert!(!roles.contains("value=\"partner\""));
    let csrf = csrf_of(&form);
    let res = post(
        &t,
        &admin,
        "/users",
        &[
            ("csrf_token", csrf.as_str()),
            ("org", &hospital),
            ("login", "nurse@minato-hospital.example"),
            ("display_name", "山本 看護師"),
            ("role", "partner"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains(r#"id="field-role-error""#)
    );
    let res = post(
        &t,
        &admin,
        "/users",
        &[
            ("csrf_token", csrf.as_str()),
            ("org", &hospital),
            ("login", "nurse@minato-hospital.example"),
            ("display_name", "山本 看護師"),
            ("role", "institution_reviewer"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let temporary = between(&page, "id=\"temporary-password\">", "<").to_owned();
    assert_eq!(temporary.len(), 19);

    // The new user signs in and is sent to change the password before anything else.
    let user = t.client();
    let (_, login) = get(&t, &user, "/login").await;
    let res = post(
        &t,
        &user,
        "/login",
        &[
            ("csrf_token", csrf_of(&login).as_str()),
            ("login", "nurse@minato-hospital.example"),
            ("password", &temporary),
            ("next", "/"),
        ],
    )
    .await;
    assert_eq!(location(&res), "/account/password");
    let res = user.get(t.url("/contracts")).send().await.unwrap();
    assert_eq!(location(&res), "/account/password");
    let (status, page) = get(&t, &user, "/account/password").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="password-forced""#));
    let csrf = csrf_of(&page);
    let res = post(
        &t,
        &user,
        "/account/password",
        &[
            ("csrf_token", csrf.as_str()),
            ("current_password", &temporary),
            ("new_password", "a brand new password"),
            ("confirm_password", "a different password"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let res = post(
        &t,
        &user,
        "/account/password",
        &[
            ("csrf_token", csrf.as_str()),
            ("current_password", &temporary),
            ("new_password", "a brand new password"),
            ("confirm_password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (status, _) = get(&t, &user, "/contracts").await;
    assert_eq!(status, 200);

    // The administrator resets it again, and requires MFA of every member.
    let (_, users) = get(&t, &admin, "/users").await;
    assert!(users.contains("nurse@minato-hospital.example"));
    let res = post(
        &t,
        &admin,
        "/users/mfa",
        &[
            ("csrf_token", csrf_of(&users).as_str()),
            ("required", "true"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, users) = get(&t, &admin, "/users").await;
    assert!(users.contains("現在、組織の全員に多要素認証が必須です。"));
    let (_, audit) = get(&t, &admin, "/audit?action=organisation.require_mfa").await;
    // Stored in English, shown in the reader's language.
    assert!(audit.contains("全員に多要素認証を必須化"), "{audit}");
}

#[tokio::test]
async fn api_tokens_are_shown_once_and_revoked_and_mfa_can_be_enrolled() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    let (status, account) = get(&t, &c, "/account").await;
    assert_eq!(status, 200);
    let csrf = csrf_of(&account);
    let res = post(
        &t,
        &c,
        "/account/tokens",
        &[
            ("csrf_token", csrf.as_str()),
            ("name", "export"),
            ("days", "400"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains(r#"id="field-days-error""#)
    );
    let res = post(
        &t,
        &c,
        "/account/tokens",
        &[
            ("csrf_token", csrf.as_str()),
            ("name", "export"),
            ("days", "30"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    let secret = between(&page, "id=\"api-token-secret\">", "<").to_owned();
    assert!(secret.starts_with("anzen_"));
    let (_, account) = get(&t, &c, "/account").await;
    assert!(!account.contains(&secret), "shown once");
    let action = between(&account, "action=\"/account/tokens/", "\"").to_owned();
    let res = post(
        &t,
        &c,
        &format!("/account/tokens/{action}"),
        &[("csrf_token", csrf.as_str())],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, account) = get(&t, &c, "/account").await;
    assert!(account.contains("失効済み"));

    // A member without MFA enrols an authenticator app from the account page.
    assert!(account.contains("href=\"/account/mfa\""));
    let (status, enrol) = get(&t, &c, "/account/mfa").await;
    assert_eq!(status, 200);
    assert_clean("/account/mfa", &enrol);
    let secret = between(&enrol, "id=\"mfa-secret\" class=\"secret\">", "<").to_owned();
    let res = post(
        &t,
        &c,
        "/account/mfa",
        &[("csrf_token", csrf.as_str()), ("code", "000000")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let res = post(
        &t,
        &c,
        "/account/mfa",
        &[("csrf_token", csrf.as_str()), ("code", &t.code(&secret))],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("id=\"recovery-codes\""));
    let (_, account) = get(&t, &c, "/account").await;
    assert!(account.contains("認証アプリによる多要素認証が有効です。"));
    let res = c.get(t.url("/account/mfa")).send().await.unwrap();
    assert_eq!(location(&res), "/account");
}

#[tokio::test]
async fn the_audit_filter_offers_every_object_type_the_trail_holds() {
    use anzen_app::ports::{AuditQuery, Page};
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderAdmin).await;
    let (status, page) = get(&t, &c, "/audit").await;
    assert_eq!(status, 200);
    let entries = t
        .app
        .list_audit(
            &anzen_app::Caller::operator("tests"),
            &AuditQuery::default(),
            Page::all(),
        )
        .await
        .unwrap()
        .rows;
    let mut types: Vec<&str> = entries.iter().map(|e| e.object_type.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    assert!(types.len() >= 10, "the demo's trail: {types:?}");
    for ty in types {
        assert!(
            page.contains(&format!(r#"<option value="{ty}""#)),
            "the filter lacks {ty}"
        );
    }
    // Every action of the trail is offered and named in Japanese: no raw code in the table.
    let mut actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    actions.sort_unstable();
    actions.dedup();
    let table = &page[page.find(r#"<table id="audit">"#).expect("the table")..];
    for action in actions {
        assert!(
            page.contains(&format!(r#"<option value="{action}">"#)),
            "the filter lacks {action}"
        );
        assert!(!table.contains(action), "{action} shows as a code");
    }
    assert!(!table.contains("operator:"), "an actor shows as a code");
}
