//! The supply-chain pages over HTTP (issue 5): who may open what (200, 403 or 404 for
//! every role), the chain diagram with its text alternative and the provision form for an
//! institution, unknown infrastructure drawn distinctly, agreements changed and agreed
//! through the forms, certifications with the FAQ 4.2 notice and the dashboard warning,
//! the device ledger with its disposal, disclosures, and bad input — a supply link that
//! forms a cycle, a contract that ends before it starts, a device without serial — refused
//! with a clear message next to the field, through the forms and the API, writing nothing.

use crate::api_support;
use crate::support;

use anzen_app::Caller;
use anzen_app::orgs::OrganisationInput;
use anzen_app::ports::{ContractQuery, Page, Reach};
use anzen_app::supply::SupplyLinkInput;
use anzen_domain::access::Role;
use anzen_domain::scope::ScopeProfile;
use api_support::call;
use serde_json::json;
use support::{TestApp, between, csrf_of, location};

const PA: Role = Role::ProviderAdmin;
const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;
const P: Role = Role::Partner;
const AU: Role = Role::Auditor;

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

fn assert_clean(path: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{path} has a <script>");
    assert!(!lower.contains(" style="), "{path} has a style attribute");
    assert!(!lower.contains("<style"), "{path} has a <style> element");
}

fn org(t: &TestApp, name: &str) -> String {
    t.demo.org(name).unwrap().id.to_string()
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

fn in_org(o: &str) -> Caller {
    Caller::Operator {
        name: "tests".into(),
        org: Some(o.parse().unwrap()),
    }
}

async fn contract(t: &TestApp, institution: &str, offering: &str) -> String {
    t.app
        .list_contracts(
            &Caller::operator("tests"),
            &ContractQuery {
                institution: Some(institution.parse().unwrap()),
                offering: Some(offering.parse().unwrap()),
                ..Default::default()
            },
            Page::all(),
        )
        .await
        .unwrap()
        .rows[0]
        .id
        .to_string()
}

fn tablet(serial: &str, institution: Option<&str>) -> anzen_domain::chain::Device {
    anzen_domain::chain::Device {
        kind: anzen_domain::chain::DeviceKind::Tablet,
        model: "Tab X".into(),
        serial: serial.into(),
        institution: institution.map(|i| i.parse().unwrap()),
        location: "外来診察室".into(),
        permitted_use: Some("院内のみ".into()),
        holder: "看護部".into(),
        stores_medical_information: true,
        encryption: anzen_domain::chain::Encryption::Encrypted,
        os_firmware: Some("TabOS 14".into()),
        support_ends_on: Some("2026-10-31".parse().unwrap()),
        disposal: None,
    }
}

async fn devices_in_db(t: &TestApp) -> i64 {
    t.app
        .list_devices(&Caller::operator("tests"), None, Page::all())
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn every_supply_chain_page_opens_for_the_roles_that_may_see_it_and_no_other() {
    let t = TestApp::spawn().await;
    let sakura = org(&t, anzen_app::demo::CLOUD_EHR_PROVIDER);
    let hinoki = org(&t, anzen_app::demo::IAAS);
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let clinic = org(&t, anzen_app::demo::CLINIC);
    let ehr = offering(&t, "さくらクラウド電子カルテ");
    let region = offering(&t, "ひのきIaaS 東京リージョン");
    let remote = offering(&t, "CT装置リモート保守");
    let with_hospital = contract(&t, &hospital, &ehr).await;
    let maintenance = contract(&t, &hospital, &remote).await;
    let agreement = t
        .app
        .open_agreement(
            &in_org(&sakura),
            with_hospital.parse().unwrap(),
            anzen_domain::chain::AgreementKind::ProviderInstitution,
            None,
        )
        .await
        .unwrap()
        .id;
    let internal = t
        .app
        .open_agreement(
            &in_org(&sakura),
            with_hospital.parse().unwrap(),
            anzen_domain::chain::AgreementKind::Internal,
            Some(hinoki.parse().unwrap()),
        )
        .await
        .unwrap()
        .id;
    let device = t
        .app
        .add_device(&in_org(&sakura), tablet("SN-PAGES", Some(&hospital)))
        .await
        .unwrap()
        .id;

    let chain = format!("/offerings/{ehr}/chain");
    let chain_h = format!("/offerings/{ehr}/chain?institution={hospital}");
    let chain_bad = format!("/offerings/{ehr}/chain?institution={sakura}");
    let region_chain = format!("/offerings/{region}/chain");
    let agreements = format!("/contracts/{with_hospital}/agreements");
    let maintenance_agreements = format!("/contracts/{maintenance}/agreements");
    let agreement_page = format!("/agreements/{agreement}");
    let internal_page = format!("/agreements/{internal}");
    let edit = format!("/devices/{device}/edit");
    let dispose = format!("/devices/{device}/dispose");
    let disclosures = format!("/institutions/{hospital}/disclosures");
    let clinic_disclosures = format!("/institutions/{clinic}/disclosures");
    let not_an_institution = format!("/institutions/{sakura}/disclosures");
    let everyone: &[&str] = &["/certifications", "/devices", "/notifications"];
    #[rustfmt::skip]
    let table: &[(Role, &[(&str, u16)])] = &[
        (PA, &[
            (&chain, 200), (&chain_h, 200), (&chain_bad, 422), (&region_chain, 404),
            (&agreements, 200), (&maintenance_agreements, 404), (&agreement_page, 200),
            (&internal_page, 200), ("/devices/new", 200), (&edit, 200), (&dispose, 200),
            (&disclosures, 200), (&clinic_disclosures, 200), (&not_an_institution, 404),
            ("/notifications/new", 200), ("/agreements/not-an-id", 404),
        ]),
        (PM, &[
            (&chain, 200), (&chain_h, 200), (&agreements, 200), (&agreement_page, 200),
            ("/devices/new", 200), (&edit, 200), (&disclosures, 200), ("/notifications/new", 200),
        ]),
        (IR, &[
            (&chain, 200), (&chain_h, 200), (&region_chain, 404), (&agreements, 200),
            (&maintenance_agreements, 200), (&agreement_page, 200), (&internal_page, 404),
            ("/devices/new", 403), (&edit, 403), (&dispose, 403), (&disclosures, 200),
            (&clinic_disclosures, 404), ("/notifications/new", 403),
        ]),
        (P, &[
            (&chain, 404), (&region_chain, 200), (&agreements, 403), (&agreement_page, 404),
            (&internal_page, 200), ("/devices/new", 200), (&edit, 404), (&disclosures, 404),
            ("/notifications/new", 200),
        ]),
        (AU, &[
            (&chain, 200), (&agreements, 200), (&agreement_page, 200), ("/devices/new", 403),
            (&edit, 403), (&disclosures, 200), ("/notifications/new", 403),
        ]),
    ];
    for (role, pages) in table {
        let c = t.client();
        t.sign_in(&c, *role).await;
        for (path, status) in everyone
            .iter()
            .map(|p| (*p, 200))
            .chain(pages.iter().copied())
        {
            let (got, body) = get(&t, &c, path).await;
            assert_eq!(got, status, "{role} GET {path}");
            assert_clean(path, &body);
        }
        let (_, home) = get(&t, &c, "/").await;
        let menu = between(&home, "<nav class=\"main-nav\"", "</nav>");
        for href in ["/certifications", "/devices", "/notifications"] {
            assert!(menu.contains(&format!("href=\"{href}\"")), "{role}: {href}");
        }
        assert_clean("/", &home);
    }
    // Writes the role cannot make are refused, whatever the form says.
    let c = t.client();
    t.sign_in(&c, IR).await;
    let (_, page) = get(&t, &c, "/devices").await;
    let csrf = csrf_of(&page);
    for path in [
        "/devices".to_owned(),
        "/certifications".to_owned(),
        "/notifications".to_owned(),
        format!("/devices/{device}"),
        format!("/contracts/{with_hospital}/agreements"),
        format!("/institutions/{hospital}/disclosures"),
    ] {
        let res = post(&t, &c, &path, &[("csrf_token", csrf.as_str())]).await;
        assert_eq!(res.status(), 403, "IR POST {path}");
    }
    let c = t.client();
    t.sign_in(&c, AU).await;
    let (_, page) = get(&t, &c, "/notifications").await;
    let res = post(
        &t,
        &c,
        "/notifications/01a212ca-d9cc-72f6-9c8d-b5aead303a69/acknowledge",
        &[("csrf_token", csrf_of(&page).as_str())],
    )
    .await;
    assert_eq!(res.status(), 403, "auditors do not acknowledge");
}

#[tokio::test]
async fn the_chain_diagram_shows_the_chain_its_table_and_the_provision_form() {
    let t = TestApp::spawn().await;
    let care = org(&t, anzen_app::demo::CARE_PROVIDER);
    let kaede = org(&t, anzen_app::demo::DEV_SUBCONTRACTOR);
    let care_records = offering(&t, "さくら介護記録クラウド");
    let c = t.client();
    t.sign_in(&c, PM).await;
    // A platform the provider cannot see into, through the form with the visibility select.
    let (status, form) = get(&t, &c, "/supply-links/new").await;
    assert_eq!(status, 200);
    assert!(form.contains(r#"name="visibility""#) && form.contains(r#"value="unknown""#));
    let res = post(
        &t,
        &c,
        "/supply-links",
        &[
            ("csrf_token", csrf_of(&form).as_str()),
            ("offering", care_records.as_str()),
            ("code", "P1"),
            ("supplier", kaede.as_str()),
            ("visibility", "unknown"),
            ("description", "<b>運用基盤</b>"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, list) = get(&t, &c, "/supply-links").await;
    assert!(list.contains("unknown-infrastructure"));

    let (status, page) = get(&t, &c, &format!("/offerings/{care_records}/chain")).await;
    assert_eq!(status, 200);
    assert_clean("chain", &page);
    let svg = between(&page, "<svg ", "</svg>");
    assert!(svg.contains("stroke-dasharray"), "unknown drawn dashed");
    assert!(svg.contains("chain-box--unknown"));
    assert!(svg.contains("ひのきクラウド基盤株式会社"));
    assert!(svg.contains("I1 · インフラ"));
    assert!(svg.contains("P1 · プラットフォーム"));
    assert!(svg.contains("選定:") && svg.contains("契約:"));
    assert!(
        page.contains(r#"id="chain-components""#),
        "the table alternative"
    );
    assert!(page.contains("不明なインフラ等"));
    assert!(!page.contains(r#"id="assessment""#));

    // For the care provider that contracts it: the provision form and the duties.
    let (status, page) = get(
        &t,
        &c,
        &format!("/offerings/{care_records}/chain?institution={care}"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="assessment""#));
    assert!(page.contains(r#"data-form="several_providers""#), "{page}");
    assert!(page.contains("事業者A（GL 2.2.2）"));
    assert!(page.contains("FAQ 2.1"), "duties cite the FAQ");
    assert!(
        page.contains("リスクの説明"),
        "unknown infrastructure: explain the risks"
    );
    let svg = between(&page, "<svg ", "</svg>");
    assert!(
        svg.contains("ひだまり介護センター"),
        "the institution is drawn"
    );
    assert!(svg.contains("リスク管理:"));

    // English.
    c.post(t.url("/lang"))
        .form(&[
            ("csrf_token", csrf_of(&page).as_str()),
            ("lang", "en"),
            ("next", "/"),
        ])
        .send()
        .await
        .unwrap();
    let (_, page) = get(
        &t,
        &c,
        &format!("/offerings/{care_records}/chain?institution={care}"),
    )
    .await;
    assert!(page.contains("Supply chain diagram"));
    assert!(page.contains("Unknown infrastructure"));
}

#[tokio::test]
async fn agreements_are_changed_and_agreed_through_the_forms() {
    let t = TestApp::spawn().await;
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let ehr = offering(&t, "さくらクラウド電子カルテ");
    let with_hospital = contract(&t, &hospital, &ehr).await;
    let c = t.client();
    t.sign_in(&c, PM).await;
    let (_, contracts) = get(&t, &c, "/contracts").await;
    assert!(contracts.contains(&format!("/contracts/{with_hospital}/agreements")));
    let (status, page) = get(&t, &c, &format!("/contracts/{with_hospital}/agreements")).await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"id="agreement-open-form""#));
    // An internal agreement needs its subcontractor.
    let res = post(
        &t,
        &c,
        &format!("/contracts/{with_hospital}/agreements"),
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("kind", "internal"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains("内部的な合意には委託先事業者を指定してください"),
        "{html}"
    );
    let res = post(
        &t,
        &c,
        &format!("/contracts/{with_hospital}/agreements"),
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("kind", "provider_institution"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/agreements/"), "{to}");
    let (_, page) = get(&t, &c, &to).await;
    assert_clean(&to, &page);
    assert!(page.contains(r#"id="agreement-matrix""#));
    assert!(page.contains("GL 3.2 (Fig. 3-4)"), "references");
    assert!(page.contains("confidence--inferred"), "confidence marks");
    assert!(page.contains("原因・影響範囲等の可能な限り詳細な報告"));
    assert!(page.contains(r#"data-status="open""#));

    // The provider's member agrees to version 1.
    let digest = between(&page, r#"name="digest" value=""#, "\"").to_owned();
    let res = post(
        &t,
        &c,
        &format!("{to}/agree"),
        &[("csrf_token", csrf_of(&page).as_str()), ("digest", &digest)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, &to).await;
    assert!(page.contains(r#"data-status="partly_agreed""#), "one party");
    assert!(page.contains(r#"id="agreed-already""#));

    // A change: the first duty goes to the institution; version 2 reopens agreement.
    let rows: usize = between(&page, r#"name="rows" value=""#, "\"")
        .parse()
        .unwrap();
    let mut form: Vec<(String, String)> = vec![
        ("csrf_token".into(), csrf_of(&page)),
        ("rows".into(), rows.to_string()),
        ("subs".into(), "0".into()),
    ];
    for i in 0..rows {
        let phase = between(&page, &format!(r#"name="phase_{i}" value=""#), "\"").to_owned();
        let duty = between(&page, &format!(r#"name="duty_{i}" value=""#), "\"").to_owned();
        form.push((format!("phase_{i}"), phase));
        form.push((format!("duty_{i}"), duty));
        form.push((
            format!("responsible_{i}"),
            if i == 0 { "institution" } else { "provider" }.into(),
        ));
    }
    // First, a subcontractor that is not named: refused next to its select.
    let mut bad = form.clone();
    bad.retain(|(k, _)| k != "responsible_1");
    bad.push((
        "responsible_1".into(),
        "subcontractor:01a212ca-d9cc-72f6-9c8d-b5aead303a69".into(),
    ));
    let res = c.post(t.url(&to)).form(&bad).send().await.unwrap();
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(r#"id="field-responsible_1-error""#), "{html}");
    let res = c.post(t.url(&to)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, &to).await;
    assert!(
        page.contains(r#"data-status="open""#),
        "version 2 is open again"
    );
    assert!(page.contains(r#"data-version="2""#) && page.contains(r#"data-version="1""#));
    // The same content again makes no version 3.
    let res = c.post(t.url(&to)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("新しい版は作成されません")
    );

    // The hospital's reviewer agrees to exactly the version shown; a stale digest is refused.
    let h = t.client();
    t.sign_in(&h, IR).await;
    let (_, page) = get(&t, &h, &to).await;
    let res = post(
        &t,
        &h,
        &format!("{to}/agree"),
        &[("csrf_token", csrf_of(&page).as_str()), ("digest", &digest)],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("最新の版を確認してから合意してください")
    );
    let current = between(&page, r#"name="digest" value=""#, "\"").to_owned();
    let res = post(
        &t,
        &h,
        &format!("{to}/agree"),
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("digest", &current),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &h, &to).await;
    assert!(page.contains(r#"data-status="partly_agreed""#));
    assert!(
        !page.contains(r#"id="agreement-revise-form""#),
        "institutions do not revise"
    );
}

#[tokio::test]
async fn certifications_devices_and_disclosures_through_the_forms() {
    let t = TestApp::spawn().await;
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let c = t.client();
    t.sign_in(&c, PM).await;
    // No qualification yet: the dashboard says so.
    let (_, home) = get(&t, &c, "/").await;
    assert!(home.contains(r#"id="certification-warnings""#));
    let (_, page) = get(&t, &c, "/certifications").await;
    assert!(page.contains(r#"id="certificate-notice""#));
    assert!(page.contains("本ガイドラインの安全管理水準を満たすわけではありません"));
    let csrf = csrf_of(&page);
    // An external audit needs the auditor's qualification.
    let res = post(
        &t,
        &c,
        "/certifications",
        &[
            ("csrf_token", csrf.as_str()),
            ("kind", "external_audit"),
            ("scope", "全社"),
            ("issuer", "監査法人"),
            ("valid_from", "2026-01-01"),
            ("valid_to", "2026-12-31"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"id="field-auditor_qualification-error""#),
        "{html}"
    );
    // ISMS expiring within 90 days of the test clock (2026-11-25).
    let res = post(
        &t,
        &c,
        "/certifications",
        &[
            ("csrf_token", csrf.as_str()),
            ("kind", "isms"),
            ("scope", "クラウド電子カルテの開発・運用"),
            ("issuer", "認証機関"),
            ("valid_from", "2024-01-01"),
            ("valid_to", "2027-01-31"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &c, "/certifications").await;
    assert!(page.contains(r#"data-status="expiring_soon""#));
    assert!(page.contains("2027年1月31日（令和9年）"));
    assert!(page.contains(r#"data-met="true""#));
    let (_, home) = get(&t, &c, "/").await;
    assert!(
        home.contains("2027年1月31日（令和9年）"),
        "expiring on the dashboard"
    );

    // A device at the hospital, edited and disposed of.
    let (_, form) = get(&t, &c, "/devices/new").await;
    let csrf = csrf_of(&form);
    let res = post(
        &t,
        &c,
        "/devices",
        &[
            ("csrf_token", csrf.as_str()),
            ("kind", "tablet"),
            ("model", "Tab X"),
            ("serial", "SN-0001"),
            ("institution", hospital.as_str()),
            ("location", "外来診察室"),
            ("holder", "看護部"),
            ("stores_medical_information", "1"),
            ("encryption", "not_encrypted"),
            ("os_firmware", "TabOS 12"),
            ("support_ends_on", "2026-06-30"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, list) = get(&t, &c, "/devices").await;
    for warning in ["support_ended", "not_encrypted", "use_not_restricted"] {
        assert!(
            list.contains(&format!(r#"data-kind="{warning}""#)),
            "{warning}"
        );
    }
    assert!(list.contains(r#"id="stocktake""#));
    let id = t
        .app
        .list_devices(&Caller::operator("t"), None, Page::all())
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|d| d.device.serial == "SN-0001")
        .expect("the device just added")
        .id;
    let (_, page) = get(&t, &c, &format!("/devices/{id}/dispose")).await;
    assert!(page.contains(r#"id="erasure-required""#));
    let res = post(
        &t,
        &c,
        &format!("/devices/{id}/dispose"),
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("disposed_on", "2026-11-20"),
            ("method", "physical_destruction"),
            ("revision", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422, "no erasure certificate");
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"id="field-erasure_certificate-error""#),
        "{html}"
    );
    assert!(html.contains("別紙2 ③-8"));
    let res = post(
        &t,
        &c,
        &format!("/devices/{id}/dispose"),
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("disposed_on", "2026-11-20"),
            ("method", "physical_destruction"),
            ("erasure_certificate", "ERASE-2026-001"),
            ("revision", "1"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, list) = get(&t, &c, "/devices?disposed=yes").await;
    assert!(list.contains("ERASE-2026-001"));
    let (_, list) = get(&t, &c, "/devices?disposed=no").await;
    assert!(!list.contains(r#"data-serial="SN-0001""#));

    // A disclosure to the hospital, seen by its reviewer.
    let path = format!("/institutions/{hospital}/disclosures");
    let (_, page) = get(&t, &c, &format!("{path}?item=%E2%91%A0-7")).await;
    assert!(
        page.contains(r#"id="disclosures-early""#) && page.contains(r#"id="disclosures-contract""#)
    );
    assert!(
        page.contains("最低限の適格性: あり"),
        "the certification answer is suggested"
    );
    let res = post(
        &t,
        &c,
        &path,
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("item", "②-1"),
            ("answer", "日本国内（東京・大阪）"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post(
        &t,
        &c,
        &path,
        &[
            ("csrf_token", csrf_of(&page).as_str()),
            ("item", "extra"),
            ("extra", "バックアップの世代数"),
            ("answer", "日次30世代"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let h = t.client();
    t.sign_in(&h, IR).await;
    let (_, home) = get(&t, &h, "/").await;
    assert!(home.contains(&format!(r#"href="{path}""#)));
    let (status, page) = get(&t, &h, &path).await;
    assert_eq!(status, 200);
    assert!(page.contains("日本国内（東京・大阪）") && page.contains("バックアップの世代数"));
    assert!(
        !page.contains(r#"id="disclosure-form""#),
        "the reviewer only reads"
    );
    let (_, devices) = get(&t, &h, "/devices").await;
    assert!(
        devices.contains("SN-0001"),
        "the devices deployed at the hospital"
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_a_clear_message_and_writes_nothing() {
    let t = TestApp::spawn().await;
    let op = Caller::operator("tests");
    let sakura = org(&t, anzen_app::demo::CLOUD_EHR_PROVIDER);
    let hospital = org(&t, anzen_app::demo::HOSPITAL);
    let ehr = offering(&t, "さくらクラウド電子カルテ");
    // A provider registered by さくら, whose booking system builds on さくら's EHR.
    let momiji = t
        .app
        .add_organisation(
            &op,
            OrganisationInput {
                kind: "provider".into(),
                institution_kind: String::new(),
                name: "もみじヘルスケア株式会社".into(),
                registered_by: sakura.clone(),
            },
        )
        .await
        .unwrap()
        .id
        .to_string();
    let mut profile = ScopeProfile::new("もみじ予約システム");
    profile.handles_medical_information = true;
    let booking = t
        .app
        .add_offering(
            &op,
            anzen_app::offerings::OfferingInput {
                provider: momiji.clone(),
                name: "もみじ予約システム".into(),
                description: String::new(),
                profile,
            },
        )
        .await
        .unwrap()
        .id
        .to_string();
    t.app
        .add_supply_link(
            &op,
            SupplyLinkInput {
                offering: booking.clone(),
                code: "A1".into(),
                supplier: sakura.clone(),
                supplier_offering: ehr.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let links = || async {
        t.app
            .store()
            .list_supply_links(Reach::Everything, None)
            .await
            .unwrap()
            .len()
    };
    let contracts = || async {
        t.app
            .list_contracts(&op, &ContractQuery::default(), Page::first(1))
            .await
            .unwrap()
            .total
    };
    let (links_before, contracts_before, devices_before) =
        (links().await, contracts().await, devices_in_db(&t).await);

    let c = t.client();
    t.sign_in(&c, PM).await;
    // 1. The EHR using the booking system would close a cycle.
    let (_, form) = get(&t, &c, "/supply-links/new").await;
    let res = post(
        &t,
        &c,
        "/supply-links",
        &[
            ("csrf_token", csrf_of(&form).as_str()),
            ("offering", ehr.as_str()),
            ("code", "A1"),
            ("supplier", momiji.as_str()),
            ("supplier_offering", booking.as_str()),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    let error = between(
        &html,
        r#"<p class="field__error" id="field-supplier_offering-error">"#,
        "</p>",
    );
    assert!(error.contains("サプライチェーンが循環します"), "{error}");
    assert!(
        error.contains(&booking) && error.contains(&ehr),
        "the path: {error}"
    );
    assert!(
        html.contains(&format!(r#"value="{booking}""#)),
        "the input is kept"
    );

    // 2. A contract that ends before it starts.
    let (_, form) = get(&t, &c, "/contracts/new").await;
    let res = post(
        &t,
        &c,
        "/contracts",
        &[
            ("csrf_token", csrf_of(&form).as_str()),
            ("institution", hospital.as_str()),
            ("offering", ehr.as_str()),
            ("kind", "operation"),
            ("starts_on", "2026-04-01"),
            ("ends_on", "2026-03-31"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains(
        r#"<p class="field__error" id="field-ends_on-error">終了日が開始日より前になっています。</p>"#
    ));

    // 3. A device without a serial number.
    let (_, form) = get(&t, &c, "/devices/new").await;
    let res = post(
        &t,
        &c,
        "/devices",
        &[
            ("csrf_token", csrf_of(&form).as_str()),
            ("kind", "dedicated_pc"),
            ("model", "Desk 1"),
            ("serial", "   "),
            ("location", "医事課"),
            ("holder", "医事課"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(
        html.contains(r#"<p class="field__error" id="field-serial-error">シリアル番号は必須です。台帳は機器をシリアル番号で確認します（FAQ 6.1 (エ)）。</p>"#),
        "{html}"
    );
    assert!(html.contains(r#"value="Desk 1""#), "the input is kept");

    // The same through the API.
    let token = t.token(PM).await;
    let r = call(
        &t,
        "POST",
        "/supply-links",
        Some(&token),
        Some(&json!({"offering": ehr, "code": "A1", "supplier": momiji, "supplier_offering": booking})),
    )
    .await;
    assert_eq!(
        (r.status, r.field()),
        (422, "supplier_offering"),
        "{}",
        r.text
    );
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cycle")
    );
    let r = call(
        &t,
        "POST",
        "/contracts",
        Some(&token),
        Some(&json!({"institution": hospital, "offering": ehr, "kind": "operation", "starts_on": "2026-04-01", "ends_on": "2026-03-31"})),
    )
    .await;
    assert_eq!((r.status, r.field()), (422, "ends_on"), "{}", r.text);
    let device = json!({"kind": "dedicated_pc", "model": "Desk 1", "serial": "", "location": "医事課", "holder": "医事課"});
    let r = call(&t, "POST", "/devices", Some(&token), Some(&device)).await;
    assert_eq!((r.status, r.field()), (422, "serial"), "{}", r.text);
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("serial number")
    );
    let mut no_serial = device.clone();
    no_serial.as_object_mut().unwrap().remove("serial");
    let r = call(&t, "POST", "/devices", Some(&token), Some(&no_serial)).await;
    assert_eq!((r.status, r.field()), (422, "serial"), "{}", r.text);

    assert_eq!(links().await, links_before, "no supply link written");
    assert_eq!(contracts().await, contracts_before, "no contract written");
    assert_eq!(devices_in_db(&t).await, devices_before, "no device written");
}
