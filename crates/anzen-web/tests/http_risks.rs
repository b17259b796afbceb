//! The risk register's pages over HTTP (GL ch. 5; FAQ 5.1, 5.2): who may open what, the
//! register's filters and markers, the heat map and the matrix, the forms from identifying a
//! risk to the institution's consent (POST → 303 with a flash), bad input shown next to its
//! field with nothing written, and the CSV and XLSX exports.

use crate::support;

use anzen_app::Caller;
use anzen_app::ports::{AuditQuery, Page, RiskQuery};
use anzen_app::risks::{MeasureInput, RiskInput, TreatmentInput};
use anzen_domain::access::Role;
use anzen_domain::ids::RiskId;
use anzen_domain::risk::{RiskStatus, TreatmentOption};
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

/// The CSP forbids inline scripts and styles; no page may contain them.
fn assert_clean(path: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{path} has a <script>");
    assert!(!lower.contains(" style="), "{path} has a style attribute");
    assert!(!lower.contains("<style"), "{path} has a <style> element");
}

fn op() -> Caller {
    Caller::operator("tests")
}

/// The demo risk with this treatment option (or the open one for `None`).
fn demo_risk(t: &TestApp, option: Option<TreatmentOption>) -> String {
    t.demo
        .risks
        .iter()
        .find(|r| r.treatment.as_ref().map(|t| t.option) == option)
        .unwrap()
        .id
        .to_string()
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

fn org_id(t: &TestApp, name: &str) -> String {
    t.demo.org(name).unwrap().id.to_string()
}

async fn risk_row(t: &TestApp, id: &str) -> anzen_app::ports::RiskRow {
    t.app
        .risk_detail(&op(), id.parse::<RiskId>().unwrap())
        .await
        .unwrap()
        .row
}

async fn audit_len(t: &TestApp) -> i64 {
    t.app
        .list_audit(&op(), &AuditQuery::default(), Page::first(1))
        .await
        .unwrap()
        .total
}

async fn risks_total(t: &TestApp) -> i64 {
    t.app
        .list_risks(&op(), &RiskQuery::default(), Page::first(1))
        .await
        .unwrap()
        .total
}

/// A risk of another provider (あおば), which さくら's users must not see.
async fn foreign_risk(t: &TestApp) -> String {
    let phr = t
        .demo
        .offerings
        .iter()
        .find(|o| o.name.as_str() == "あおばPHR")
        .unwrap();
    t.app
        .add_risk(
            &op(),
            RiskInput {
                offering: phr.id.to_string(),
                title: "検査結果の取り違え".into(),
                threat: "別の患者への表示".into(),
                integrity: true,
                impact: "4".into(),
                likelihood: "2".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .id
        .to_string()
}

#[tokio::test]
async fn every_risk_page_opens_for_the_roles_that_may_see_it_and_no_other() {
    let t = TestApp::spawn().await;
    let risk = demo_risk(&t, Some(TreatmentOption::Accept));
    let foreign = foreign_risk(&t).await;
    let ehr = ehr(&t);
    let show = format!("/risks/{risk}");
    let consent = format!("/risks/{risk}/consent");
    let treat = format!("/risks/{risk}/treatment");
    let reassess = format!("/risks/{risk}/reassess");
    let new_on_ehr = format!("/risks/new?offering={ehr}");
    let component = format!("/offerings/{ehr}/components/new");
    let flow = format!("/offerings/{ehr}/flows/new");
    let foreign_page = format!("/risks/{foreign}");
    let foreign_consent = format!("/risks/{foreign}/consent");
    let readers: &[&str] = &[
        "/risks",
        "/risks?level=A&status=effective&q=%E7%AB%AF%E6%9C%AB&review=due&flagged=1",
        "/risks?level=nonsense&page=0",
        "/risks/heat-map",
        "/risks/matrix",
        &show,
        &consent,
        "/risks.csv",
        "/risks.xlsx",
    ];
    let writers: &[&str] = &[
        "/risks/new",
        &new_on_ehr,
        &treat,
        &reassess,
        "/tech-notices/new",
        &component,
        &flow,
    ];
    #[rustfmt::skip]
    let table: &[(Role, u16, u16, u16)] = &[
        // role, the readers' pages, the writers' pages, /institution/duties
        (PA, 200, 200, 403),
        (PM, 200, 200, 403),
        (IR, 200, 403, 200),
        (P, 403, 403, 403),
        (AU, 200, 403, 403),
    ];
    for &(role, read, write, duties) in table {
        let c = t.client();
        t.sign_in(&c, role).await;
        let pages = readers
            .iter()
            .map(|p| (*p, read))
            .chain(writers.iter().map(|p| (*p, write)))
            .chain([("/institution/duties", duties)])
            .chain([
                (foreign_page.as_str(), if role == P { 403 } else { 404 }),
                (foreign_consent.as_str(), if role == P { 403 } else { 404 }),
                ("/risks/not-an-id", 404),
            ]);
        for (path, status) in pages {
            let (got, body) = get(&t, &c, path).await;
            assert_eq!(got, status, "{role} GET {path}");
            if !path.contains(".xlsx") && !path.contains(".csv") {
                assert_clean(path, &body);
            }
        }
        let (_, home) = get(&t, &c, "/").await;
        let menu = between(&home, "<nav class=\"main-nav\"", "</nav>");
        assert_eq!(
            menu.contains("href=\"/risks\""),
            role != P,
            "{role}: the menu entry of the register"
        );
        // The offering page has the configuration section for the roles that read risks.
        let (status, page) = get(&t, &c, &format!("/offerings/{ehr}")).await;
        if status == 200 {
            assert_eq!(page.contains("id=\"configuration\""), role != P, "{role}");
            assert_eq!(page.contains("id=\"flow-add\""), matches!(role, PA | PM));
        }
    }
}

#[tokio::test]
async fn the_register_filters_marks_and_pages() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, PM).await;
    let (_, all) = get(&t, &c, "/risks").await;
    assert_eq!(all.matches("class=\"risk-row\"").count(), 3, "{all}");
    assert!(all.contains("level level--a"));
    for (query, rows) in [
        ("status=awaiting_consent", 1),
        ("status=open", 1),
        ("level=A", 2),
        ("residual_level=B", 1),
        ("option=accept", 1),
        (
            "q=%E3%83%90%E3%83%83%E3%82%AF%E3%82%A2%E3%83%83%E3%83%97",
            1,
        ), // バックアップ
        ("review=overdue", 0),
        ("flagged=1", 0),
        (&format!("offering={}", ehr(&t)), 3),
    ] {
        let (status, page) = get(&t, &c, &format!("/risks?{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(
            page.matches("class=\"risk-row\"").count(),
            rows,
            "/risks?{query}"
        );
    }
    // The hospital agreed to the reduced risk; a change by the provider asks again.
    let shared = demo_risk(&t, Some(TreatmentOption::Reduce));
    let hospital = t.session(IR).await.caller();
    let d = t
        .app
        .risk_detail(&hospital, shared.parse().unwrap())
        .await
        .unwrap();
    t.app
        .consent_to_risk(&hospital, d.row.risk.id, &d.digest)
        .await
        .unwrap();
    let member = t.session(PM).await.caller();
    let mut input = treatment_of(&d.row.risk);
    input.measures[0].description = "10分間操作がない端末を自動でログアウトする".into();
    t.app
        .decide_treatment(&member, d.row.risk.id, None, input)
        .await
        .unwrap();
    let (_, page) = get(&t, &c, "/risks?status=re_consent_needed").await;
    assert_eq!(page.matches("class=\"risk-row\"").count(), 1);
    assert!(page.contains("class=\"badge badge--warning re-consent\""));
    let (_, page) = get(&t, &c, &format!("/risks/{shared}")).await;
    assert!(page.contains("id=\"re-consent-needed\""));
    assert!(page.contains("data-consent=\"stale\""));
    // Dates with the Japanese era.
    assert!(page.contains("（令和"), "the next review shows the era");

    // More than a page.
    let ehr_id = ehr(&t);
    for n in 0..25 {
        t.app
            .add_risk(
                &op(),
                RiskInput {
                    offering: ehr_id.clone(),
                    title: format!("ページ送りの確認 {n:02}"),
                    threat: "誤操作".into(),
                    availability: true,
                    impact: "1".into(),
                    likelihood: "1".into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
    }
    let (_, first) = get(&t, &c, "/risks").await;
    assert_eq!(first.matches("class=\"risk-row\"").count(), 25);
    assert!(first.contains("href=\"/risks?page=2\""));
    let (_, second) = get(&t, &c, "/risks?page=2").await;
    assert_eq!(second.matches("class=\"risk-row\"").count(), 3);
    let (_, filtered) = get(&t, &c, "/risks?level=D").await;
    assert!(filtered.contains("id=\"risks-total\">25<"));
    assert!(filtered.contains("href=\"/risks.xlsx?level=D\""));
    let (_, by_offering) = get(&t, &c, &format!("/risks?offering={ehr_id}")).await;
    let pager = between(&by_offering, "<nav class=\"pagination\"", "</nav>");
    assert!(
        pager.contains(&format!("offering={ehr_id}&#38;page=2")),
        "{pager}"
    );
}

fn treatment_of(r: &anzen_domain::risk::Risk) -> TreatmentInput {
    let t = r.treatment.as_ref().unwrap();
    TreatmentInput {
        option: t.option.code().into(),
        measures: t
            .measures
            .iter()
            .map(|m| MeasureInput {
                description: m.description.clone(),
                owner: match m.owner {
                    anzen_domain::risk::MeasureOwner::Provider => "provider".into(),
                    anzen_domain::risk::MeasureOwner::Institution(_) => "institution".into(),
                    anzen_domain::risk::MeasureOwner::Subcontractor(_) => "subcontractor".into(),
                },
                owner_org: match m.owner {
                    anzen_domain::risk::MeasureOwner::Provider => String::new(),
                    anzen_domain::risk::MeasureOwner::Institution(o)
                    | anzen_domain::risk::MeasureOwner::Subcontractor(o) => o.to_string(),
                },
                controls: m.controls.join(","),
                due: m.due.map(|d| d.to_string()).unwrap_or_default(),
                done: m.done,
            })
            .collect(),
        rationale: t.rationale.clone(),
        options_considered: t.options_considered.clone(),
        residual_impact: r.residual.as_ref().unwrap().impact.to_string(),
        residual_likelihood: r.residual.as_ref().unwrap().likelihood.to_string(),
        explanation: r.explanation.clone(),
    }
}

#[tokio::test]
async fn the_heat_map_and_the_matrix() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, PA).await;
    let (status, heat) = get(&t, &c, "/risks/heat-map").await;
    assert_eq!(status, 200);
    let inherent = between(
        &heat,
        "<table class=\"heat-map\" id=\"heat-inherent\">",
        "</table>",
    );
    assert!(inherent.contains("<caption"), "a caption");
    assert!(inherent.contains("対応前のリスク（件数 3）"), "{inherent}");
    // 5 impact rows of 5 cells, highest impact first, each with its count and level as text.
    assert_eq!(inherent.matches("<th scope=\"row\">").count(), 5);
    assert_eq!(inherent.matches("<td class=\"heat").count(), 25);
    assert!(inherent.contains("5 極めて大きい"));
    let counts: i64 = inherent
        .split("<span class=\"heat__count\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().parse::<i64>().unwrap())
        .sum();
    assert_eq!(counts, 3);
    let residual = between(&heat, "id=\"heat-residual\"", "</table>");
    let treated: i64 = residual
        .split("<span class=\"heat__count\">")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().parse::<i64>().unwrap())
        .sum();
    assert_eq!(treated, 2, "the two treated demo risks");
    assert!(heat.contains("level level--s"));

    // The default matrix is labelled as an example; an administrator defines version 2.
    let (_, matrix) = get(&t, &c, "/risks/matrix").await;
    assert!(matrix.contains("id=\"matrix-example\""));
    assert!(matrix.contains("ガイドラインが定めたものではありません"));
    assert!(matrix.contains("id=\"matrix-form\""));
    let csrf = csrf_of(&matrix);
    let mut form: Vec<(String, String)> = vec![("csrf_token".into(), csrf.clone())];
    let default = anzen_domain::risk::RiskMatrix::default_example();
    for i in 1..=5 {
        for l in 1..=5 {
            form.push((
                format!("cell_{i}_{l}"),
                default.cells[i - 1][l - 1].code().into(),
            ));
        }
    }
    for (level, days) in [
        ("S", "30"),
        ("A", "90"),
        ("B", "180"),
        ("C", "365"),
        ("D", "730"),
    ] {
        form.push((format!("interval_{level}"), days.into()));
    }
    let res = c
        .post(t.url("/risks/matrix"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/risks/matrix");
    let (_, matrix) = get(&t, &c, "/risks/matrix").await;
    assert!(
        matrix.contains("リスクマトリクスの版を登録しました: 2"),
        "the flash"
    );
    assert!(!matrix.contains("id=\"matrix-example\""));
    // Every risk assessed on version 1 is marked for review.
    let (_, flagged) = get(&t, &c, "/risks?flagged=1").await;
    assert_eq!(flagged.matches("class=\"risk-row\"").count(), 3);

    // A member sees the matrix but may not define it.
    let m = t.client();
    t.sign_in(&m, PM).await;
    let (_, page) = get(&t, &m, "/risks/matrix").await;
    assert!(!page.contains("id=\"matrix-form\""));
    let res = c
        .post(t.url("/risks/matrix"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        422,
        "a form without cells names the first cell"
    );
    let mcsrf = csrf_of(&page);
    let mut as_member = form.clone();
    as_member[0].1 = mcsrf;
    let res = m
        .post(t.url("/risks/matrix"))
        .form(&as_member)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn bad_input_is_shown_next_to_its_field_and_writes_nothing() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, PA).await;
    let ehr = ehr(&t);
    let (_, page) = get(&t, &c, "/risks/new").await;
    let csrf = csrf_of(&page);
    let open = demo_risk(&t, None);
    let before_audit = audit_len(&t).await;
    let before_risks = risks_total(&t).await;
    let before_open = risk_row(&t, &open).await;
    let care = org_id(&t, anzen_app::demo::CARE_PROVIDER);
    let not_affected = format!("institution:{care}");

    let base = |title: &'static str| {
        vec![
            ("offering", ehr.clone()),
            ("title", title.to_owned()),
            ("threat", "不正ログイン".to_owned()),
            ("confidentiality", "1".to_owned()),
            ("impact", "5".to_owned()),
            ("likelihood", "5".to_owned()),
        ]
    };
    let with = |mut f: Vec<(&'static str, String)>, k: &'static str, v: &str| {
        f.retain(|(n, _)| *n != k);
        f.push((k, v.to_owned()));
        f
    };
    let without = |mut f: Vec<(&'static str, String)>, k: &'static str| {
        f.retain(|(n, _)| *n != k);
        f
    };
    let rev = before_open.risk.revision.to_string();
    let treat = |option: &str, measures: &[(&str, &str, &str)]| {
        let mut f: Vec<(String, String)> = vec![
            ("option".into(), option.into()),
            ("revision".into(), rev.clone()),
            ("rationale".into(), "理由".into()),
            ("options_considered".into(), "比較".into()),
            ("residual_impact".into(), "3".into()),
            ("residual_likelihood".into(), "2".into()),
            ("explanation".into(), "説明".into()),
        ];
        for (i, (d, owner, due)) in measures.iter().enumerate() {
            f.push((format!("measure_description_{i}"), (*d).into()));
            f.push((format!("measure_owner_{i}"), (*owner).into()));
            f.push((format!("measure_due_{i}"), (*due).into()));
        }
        f
    };
    let cases: Vec<(String, Form, &str, &str)> = vec![
        (
            "/risks".into(),
            owned(with(base(""), "title", "  ")),
            "title",
            "入力してください",
        ),
        (
            "/risks".into(),
            owned(without(base("CIAなし"), "confidentiality")),
            "cia",
            "confidentiality",
        ),
        (
            "/risks".into(),
            owned(with(base("範囲外"), "impact", "9")),
            "impact",
            "1, 2, 3, 4, 5",
        ),
        (
            "/risks".into(),
            owned(with(
                base("他社の情報流"),
                "flow",
                "01a212ca-d9cc-72f6-9c8d-b5aead303a69",
            )),
            "flow",
            "no information flow",
        ),
        (
            format!("/risks/{open}/treatment"),
            treat("accept", &[]),
            "option",
            "GL 5.1.3",
        ),
        (
            format!("/risks/{open}/treatment"),
            treat("reduce", &[]),
            "measures",
            "GL 5.1.3",
        ),
        (
            format!("/risks/{open}/treatment"),
            treat(
                "reduce",
                &[("承認制", "provider", ""), ("周知", &not_affected, "")],
            ),
            "measure_owner_1",
            "FAQ 5.2",
        ),
        (
            format!("/risks/{open}/treatment"),
            treat(
                "reduce",
                &[
                    ("承認制", "provider", "2026-02-30"),
                    ("記録", "provider", ""),
                ],
            ),
            "measure_due_0",
            "YYYY-MM-DD",
        ),
        (
            format!("/risks/{open}/reassess"),
            vec![
                ("revision".into(), rev.clone()),
                ("impact".into(), "0".into()),
                ("likelihood".into(), "3".into()),
            ],
            "impact",
            "1, 2, 3, 4, 5",
        ),
        (
            "/tech-notices".into(),
            vec![("title".into(), "多要素認証".into())],
            "control",
            "Appendix 2",
        ),
        (
            "/tech-notices/preview".into(),
            vec![("control".into(), "NO-SUCH-CONTROL".into())],
            "control",
            "NO-SUCH-CONTROL",
        ),
        (
            format!("/offerings/{ehr}/flows"),
            vec![
                ("who".into(), "".into()),
                ("class".into(), "credentials".into()),
                ("environment".into(), "production".into()),
            ],
            "who",
            "GL 5.2",
        ),
        (
            format!("/offerings/{ehr}/components"),
            vec![
                ("name".into(), "サーバ".into()),
                ("kind".into(), "mainframe".into()),
                ("environment".into(), "production".into()),
            ],
            "kind",
            "server",
        ),
    ];
    for (path, mut form, field, text) in cases {
        form.push(("csrf_token".into(), csrf.clone()));
        let res = c.post(t.url(&path)).form(&form).send().await.unwrap();
        assert_eq!(res.status(), 422, "POST {path} ({field})");
        let page = res.text().await.unwrap();
        assert_clean(&path, &page);
        let error = between(&page, &format!("id=\"field-{field}-error\">"), "</p>");
        assert!(
            error.contains(text),
            "POST {path}: `{error}` should mention {text}"
        );
        assert!(page.contains("class=\"error-summary\""), "POST {path}");
        // The form keeps what was typed.
        if path == "/risks" {
            assert!(page.contains("value=\"不正ログイン\"") || page.contains(">不正ログイン<"));
        }
    }
    // The matrix: a level that falls as the impact rises, a bad interval.
    let (_, matrix) = get(&t, &c, "/risks/matrix").await;
    let csrf = csrf_of(&matrix);
    let default = anzen_domain::risk::RiskMatrix::default_example();
    let mut form: Vec<(String, String)> = vec![("csrf_token".into(), csrf.clone())];
    for i in 1..=5 {
        for l in 1..=5 {
            form.push((
                format!("cell_{i}_{l}"),
                default.cells[i - 1][l - 1].code().into(),
            ));
        }
    }
    for level in ["S", "A", "B", "C", "D"] {
        form.push((format!("interval_{level}"), "90".into()));
    }
    let mut falling = form.clone();
    falling.retain(|(k, _)| k != "cell_5_5");
    falling.push(("cell_5_5".into(), "D".into()));
    let res = c
        .post(t.url("/risks/matrix"))
        .form(&falling)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"field-cell_5_5-error\""), "{page}");
    let mut zero = form.clone();
    zero.retain(|(k, _)| k != "interval_S");
    zero.push(("interval_S".into(), "0".into()));
    let res = c
        .post(t.url("/risks/matrix"))
        .form(&zero)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"field-interval_S-error\"")
    );
    let sakura = Caller::Operator {
        name: "tests".into(),
        org: Some(
            org_id(&t, anzen_app::demo::CLOUD_EHR_PROVIDER)
                .parse()
                .unwrap(),
        ),
    };
    assert_eq!(
        t.app.risk_matrix(&sakura).await.unwrap().version,
        1,
        "no new version"
    );

    // "More measure rows" re-renders without saving.
    let mut more = treat("reduce", &[("承認制", "provider", "")]);
    more.push(("more_rows".into(), "1".into()));
    more.push(("csrf_token".into(), csrf.clone()));
    let res = c
        .post(t.url(&format!("/risks/{open}/treatment")))
        .form(&more)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("name=\"measure_description_4\""));
    assert!(page.contains("value=\"承認制\""));

    assert_eq!(risks_total(&t).await, before_risks, "no risk was written");
    assert_eq!(
        risk_row(&t, &open).await,
        before_open,
        "the risk is unchanged"
    );
    assert_eq!(audit_len(&t).await, before_audit, "no audit entry");
}

/// A posted form's fields.
type Form = Vec<(String, String)>;

fn owned(f: Vec<(&'static str, String)>) -> Form {
    f.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

#[tokio::test]
async fn from_a_flow_to_the_institutions_consent_through_the_forms() {
    let t = TestApp::spawn().await;
    let pm = t.client();
    t.sign_in(&pm, PM).await;
    let ehr = ehr(&t);
    let hospital = org_id(&t, anzen_app::demo::HOSPITAL);

    // A component and an information flow on the offering.
    let (_, page) = get(&t, &pm, &format!("/offerings/{ehr}/components/new")).await;
    let csrf = csrf_of(&page);
    let res = post(
        &t,
        &pm,
        &format!("/offerings/{ehr}/components"),
        &[
            ("csrf_token", &csrf),
            ("name", "認証サーバ"),
            ("kind", "server"),
            ("environment", "production"),
            ("location", "ひのきIaaS 東京リージョン"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/offerings/{ehr}#configuration"));
    let components = t
        .app
        .list_components(&op(), ehr.parse().unwrap())
        .await
        .unwrap();
    let server = components
        .iter()
        .find(|c| c.name.as_str() == "認証サーバ")
        .unwrap();
    let res = post(
        &t,
        &pm,
        &format!("/offerings/{ehr}/flows"),
        &[
            ("csrf_token", &csrf),
            ("who", "医師・看護師"),
            ("place", "診察室"),
            ("device_or_medium", "診察室の端末"),
            ("what", "電子カルテへのログイン情報"),
            ("how", "4桁の数字のパスワードで認証する"),
            ("class", "credentials"),
            ("environment", "production"),
            ("component", &server.id.to_string()),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, offering) = get(&t, &pm, &format!("/offerings/{ehr}")).await;
    assert!(offering.contains("4桁の数字のパスワードで認証する"));
    assert!(offering.contains("認証サーバ"));
    let flow = t
        .app
        .list_flows(&op(), ehr.parse().unwrap())
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.how.starts_with("4桁"))
        .unwrap();

    // Identify the risk on the flow: the form offers the flow and the matrix's scales.
    let (_, new) = get(&t, &pm, &format!("/risks/new?offering={ehr}")).await;
    assert!(new.contains(&format!("value=\"{}\"", flow.id)));
    assert!(new.contains("id=\"impact-5\""));
    assert!(new.contains("5 極めて大きい"));
    let res = post(
        &t,
        &pm,
        "/risks",
        &[
            ("csrf_token", &csrf),
            ("offering", &ehr),
            ("flow", &flow.id.to_string()),
            ("title", "4桁の数字のパスワードによる不正ログイン"),
            ("threat", "不正ログイン"),
            ("vulnerability", "パスワードが4桁の数字"),
            ("confidentiality", "1"),
            ("integrity", "1"),
            ("impact", "5"),
            ("likelihood", "5"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    let id = to.trim_start_matches("/risks/").to_owned();
    let (_, page) = get(&t, &pm, &to).await;
    assert!(page.contains("登録しました"), "the flash");
    assert!(page.contains("level level--s"));
    assert!(page.contains("id=\"risk-flow\""));
    assert!(page.contains("診察室の端末"));

    // The treatment form offers the hospital as an owner.
    let (_, form) = get(&t, &pm, &format!("/risks/{id}/treatment")).await;
    let owner = format!("institution:{hospital}");
    assert!(form.contains(&format!("value=\"{owner}\"")));
    let revision = between(&form, "name=\"revision\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &pm,
        &format!("/risks/{id}/treatment"),
        &[
            ("csrf_token", &csrf),
            ("revision", &revision),
            ("rows", "3"),
            ("option", "reduce"),
            (
                "measure_description_0",
                "12文字以上のパスワードを必須にする",
            ),
            ("measure_owner_0", "provider"),
            ("measure_controls_0", "SAKURA-MFA-01, 6.2-2"),
            ("measure_due_0", "2027-03-31"),
            (
                "measure_description_1",
                "診察室の端末にパスワードを貼らない",
            ),
            ("measure_owner_1", &owner),
            ("rationale", "パスワードを長くし、院内の運用で漏えいを防ぐ"),
            ("options_considered", "回避（ログイン廃止）は不可能"),
            ("residual_impact", "5"),
            ("residual_likelihood", "2"),
            (
                "explanation",
                "パスワードを12文字以上にします。診察室の端末にパスワードを貼らないでください。",
            ),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, page) = get(&t, &pm, &format!("/risks/{id}")).await;
    assert!(page.contains("リスク対応を記録しました"));
    assert_eq!(page.matches("class=\"measure\"").count(), 2);
    assert!(page.contains("data-owner=\"institution\""));
    assert!(page.contains("2027年3月31日（令和9年）"));
    assert!(page.contains("data-consent=\"missing\""));

    // The hospital's reviewer sees the consent screen: the risk, the explanation, its duty.
    let ir = t.client();
    t.sign_in(&ir, IR).await;
    let (_, screen) = get(&t, &ir, &format!("/risks/{id}")).await;
    assert_clean("consent", &screen);
    assert!(screen.contains("id=\"consent-form\""));
    assert!(screen.contains("診察室の端末にパスワードを貼らないでください。"));
    let duty = between(&screen, "id=\"own-duties\">", "</ul>");
    assert!(duty.contains("診察室の端末にパスワードを貼らない"));
    assert!(screen.contains("回避（ログイン廃止）は不可能"));
    assert!(screen.contains("id=\"residual\""));
    let digest = between(&screen, "name=\"digest\" value=\"", "\"").to_owned();
    let ir_csrf = csrf_of(&screen);
    // Its duties page lists the duty.
    let (_, duties) = get(&t, &ir, "/institution/duties").await;
    assert!(duties.contains("診察室の端末にパスワードを貼らない"));

    // A stale digest is refused on the page, and writes nothing.
    let res = post(
        &t,
        &ir,
        &format!("/risks/{id}/consent"),
        &[("csrf_token", &ir_csrf), ("digest", "0000")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"field-digest-error\""));
    let rid: RiskId = id.parse().unwrap();
    assert!(
        t.app
            .risk_detail(&op(), rid)
            .await
            .unwrap()
            .consents
            .is_empty()
    );
    // The provider cannot agree for it.
    let res = post(
        &t,
        &pm,
        &format!("/risks/{id}/consent"),
        &[("csrf_token", &csrf), ("digest", &digest)],
    )
    .await;
    assert_eq!(res.status(), 403);

    let res = post(
        &t,
        &ir,
        &format!("/risks/{id}/consent"),
        &[("csrf_token", &ir_csrf), ("digest", &digest)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, screen) = get(&t, &ir, &location(&res)).await;
    assert!(screen.contains("同意を記録しました"));
    assert!(screen.contains("id=\"consent-done\""));
    assert!(!screen.contains("id=\"consent-form\""));
    let (_, page) = get(&t, &pm, &format!("/risks/{id}")).await;
    assert!(page.contains("data-consent=\"agreed\""));
    assert!(page.contains("class=\"consent-row\""));

    // A technology-change notice names a control: the preview lists exactly the risk whose
    // measure implements it, raising it marks that risk; marking it reviewed is refused and
    // leaves the mark (GL 5.1.7), the reassessment below clears it.
    let (_, notice) = get(&t, &pm, "/tech-notices/new").await;
    assert!(notice.contains("name=\"control\""));
    let res = post(
        &t,
        &pm,
        "/tech-notices/preview",
        &[
            ("csrf_token", &csrf),
            ("title", "多要素認証が求められるようになった"),
            ("control", "SAKURA-MFA-01"),
        ],
    )
    .await;
    assert_eq!(res.status(), 200);
    let preview = res.text().await.unwrap();
    assert_clean("/tech-notices/preview", &preview);
    assert_eq!(
        preview.matches("class=\"notice-risk\"").count(),
        1,
        "{preview}"
    );
    assert!(preview.contains(&format!("href=\"/risks/{id}\"")));
    assert!(
        preview.contains("value=\"SAKURA-MFA-01\""),
        "the form keeps the control"
    );
    let res = post(
        &t,
        &pm,
        "/tech-notices",
        &[
            ("csrf_token", &csrf),
            ("title", "多要素認証が求められるようになった"),
            ("control", "SAKURA-MFA-01"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/risks?flagged=1");
    let (_, flagged) = get(&t, &pm, "/risks?flagged=1").await;
    assert_eq!(flagged.matches("class=\"risk-row\"").count(), 1);
    let (_, page) = get(&t, &pm, &format!("/risks/{id}")).await;
    assert!(page.contains("多要素認証が求められるようになった"));
    assert!(
        !page.contains("id=\"review-form\""),
        "no mark-reviewed button"
    );
    assert!(page.contains("id=\"review-by-reassessing\""));
    let (_, home) = get(&t, &pm, "/").await;
    let tile = between(&home, "id=\"tile-risks-flagged\"", "</li>");
    assert!(tile.contains("tile__value\">1<"), "{tile}");
    let revision = risk_row(&t, &id).await.risk.revision.to_string();
    let res = post(
        &t,
        &pm,
        &format!("/risks/{id}/review"),
        &[("csrf_token", &csrf), ("revision", &revision)],
    )
    .await;
    assert_eq!(res.status(), 409, "marking reviewed is refused");
    let (_, flagged) = get(&t, &pm, "/risks?flagged=1").await;
    assert_eq!(flagged.matches("class=\"risk-row\"").count(), 1);

    // Reassessing through the form.
    let (_, form) = get(&t, &pm, &format!("/risks/{id}/reassess")).await;
    let revision = between(&form, "name=\"revision\" value=\"", "\"").to_owned();
    let res = post(
        &t,
        &pm,
        &format!("/risks/{id}/reassess"),
        &[
            ("csrf_token", &csrf),
            ("revision", &revision),
            ("impact", "4"),
            ("likelihood", "5"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let row = risk_row(&t, &id).await;
    assert_eq!(row.risk.inherent.impact, 4);
    assert_eq!(
        row.status,
        RiskStatus::ReConsentNeeded,
        "a new analysis asks the hospital again"
    );
    assert!(
        row.risk.review_flags.is_empty(),
        "the reassessment is the review"
    );
    let (_, flagged) = get(&t, &pm, "/risks?flagged=1").await;
    assert_eq!(flagged.matches("class=\"risk-row\"").count(), 0);
}

#[tokio::test]
async fn dashboard_tiles_for_the_roles_that_read_risks() {
    let t = TestApp::spawn().await;
    // An institution's reviewer sees its own tasks instead (tests/http_home.rs): the
    // register's counts are the provider's work.
    for (role, shown) in [(PA, true), (IR, false), (AU, true), (P, false)] {
        let c = t.client();
        t.sign_in(&c, role).await;
        let (_, home) = get(&t, &c, "/").await;
        for tile in [
            "tile-risks-awaiting-consent",
            "tile-risks-re-consent",
            "tile-risks-review-overdue",
            "tile-risks-flagged",
        ] {
            assert_eq!(home.contains(tile), shown, "{role}: {tile}");
        }
        if shown {
            let tile = between(&home, "id=\"tile-risks-awaiting-consent\"", "</li>");
            assert!(tile.contains("tile__value\">1<"), "{role}: {tile}");
            assert!(tile.contains("/risks?status=awaiting_consent"));
        }
    }
    // A year later the reviews are overdue.
    t.clock.advance(jiff::SignedDuration::from_hours(24 * 400));
    let c = t.client();
    t.sign_in(&c, PM).await;
    let (_, home) = get(&t, &c, "/").await;
    let tile = between(&home, "id=\"tile-risks-review-overdue\"", "</li>");
    assert!(tile.contains("tile__value\">2<"), "{tile}");
    let (_, overdue) = get(&t, &c, "/risks?review=overdue").await;
    assert_eq!(overdue.matches("class=\"risk-row\"").count(), 2);
    assert!(overdue.contains("review-overdue"));
}

#[tokio::test]
async fn exports_have_headers_and_read_back() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, PM).await;
    let res = c.get(t.url("/risks.csv")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("risks.csv")
    );
    let bytes = res.bytes().await.unwrap();
    assert!(
        bytes.starts_with("\u{feff}".as_bytes()),
        "a byte-order mark"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.split("\r\n").filter(|l| !l.is_empty());
    let header = lines.next().unwrap();
    assert!(header.starts_with("id,offering,title,threat"), "{header}");
    assert!(header.contains("next_review"));
    assert_eq!(lines.count(), 3);
    let (_, filtered) = get(&t, &c, "/risks.csv?status=awaiting_consent").await;
    assert_eq!(filtered.trim_end().split("\r\n").count(), 2);
    assert!(filtered.contains("広域災害時のバックアップからの復旧遅延"));

    let res = c.get(t.url("/risks.xlsx")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let bytes = res.bytes().await.unwrap().to_vec();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    use calamine::{Data, Reader, Xlsx};
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["リスク対応一覧"]);
    let sheet = book.worksheet_range("リスク対応一覧").unwrap();
    let rows: Vec<_> = sheet.rows().collect();
    assert_eq!(rows.len(), 4, "a header row and three risks");
    assert_eq!(rows[0][0], Data::String("ID".into()));
    assert_eq!(rows[0][2], Data::String("リスク".into()));
    let next_review = rows[0]
        .iter()
        .position(|c| *c == Data::String("次回見直し".into()))
        .unwrap();
    let dated: Vec<_> = rows[1..]
        .iter()
        .filter(|r| matches!(r[next_review], Data::DateTime(_)))
        .collect();
    assert_eq!(dated.len(), 2, "the treated risks' next reviews are dates");
    let impact = rows[0]
        .iter()
        .position(|c| *c == Data::String("影響度".into()))
        .unwrap();
    assert!(
        rows[1..]
            .iter()
            .all(|r| matches!(r[impact], Data::Float(_)))
    );
    // The filters apply to the workbook too.
    let res = c
        .get(t.url("/risks.xlsx?option=accept"))
        .send()
        .await
        .unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(res.bytes().await.unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range("リスク対応一覧").unwrap();
    assert_eq!(sheet.rows().count(), 2);

    // A partner cannot export the register.
    let p = t.client();
    t.sign_in(&p, P).await;
    assert_eq!(get(&t, &p, "/risks.xlsx").await.0, 403);
    assert_eq!(get(&t, &p, "/risks.csv").await.0, 403);
}
