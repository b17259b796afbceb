//! The controls' pages over HTTP (FAQ 5.3, 5.4, 7): the statement table of an offering, the
//! statement form with its refusals shown next to the field (nothing written), the upload of
//! an Appendix 2 file (row errors, the report and the diff), the exports and the dashboard
//! tile.

use crate::support;

use anzen_domain::access::Role;
use support::{TestApp, csrf_of, location};

fn csv(rows: &[(&str, &str)]) -> Vec<u8> {
    let item = "対策項目";
    let mhlw = "関連する医療情報安全管理ガイドライン要求事項";
    let mut out = format!(
        "{item},{item},{item},{item},{item},{item},,{mhlw},{mhlw},{mhlw},{mhlw}\r\n\
         大項目,中項目,小項目,No.,内容,区分,リスクシナリオ例,編,項番,区分,内容\r\n"
    );
    for (no, content) in rows {
        out.push_str(&format!(
            "1. 人的・組織的対策,1.1. 規程・手順の策定,①規程,{no},{content},◎,,企画管理編,4.,【遵守事項】,規程を定めること。\r\n"
        ));
    }
    out.into_bytes()
}

/// A multipart/form-data body with one file field.
fn multipart(file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----anzen-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn text(c: &reqwest::Client, url: String) -> (u16, String) {
    let r = c.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn statements_are_refused_next_to_the_field_and_saved_with_their_history() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderAdmin).await;
    let ehr = t.demo.risks[0].offering.to_string();
    let (status, page) = text(&c, t.url(&format!("/offerings/{ehr}/controls"))).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("id=\"regulatory-statements\""));
    assert!(page.contains("id=\"appendix2-statements\""));
    assert!(
        page.contains("id=\"builtin-warning\""),
        "the built-in catalogue is marked"
    );
    assert!(
        page.contains("要約（原文ではない）"),
        "paraphrases are marked as such"
    );
    assert!(page.contains("data-key=\"6.2-authenticity\""));
    assert!(!page.contains("<script"), "no JavaScript");
    let none_before = between(&page, "id=\"count-none\">", "<").to_owned();

    // The regulatory form never offers "not applicable".
    let form_url = t.url(&format!(
        "/offerings/{ehr}/controls/statement?kind=regulatory&key=6.2-authenticity"
    ));
    let (status, form) = text(&c, form_url).await;
    assert_eq!(status, 200, "{form}");
    assert!(form.contains("id=\"status-adopted\""));
    assert!(form.contains("id=\"status-legally_not_applicable\""));
    assert!(!form.contains("id=\"status-not_applicable\""));
    assert!(form.contains("id=\"regulatory-rule\""));
    let csrf = csrf_of(&form);
    let post = |fields: Vec<(&'static str, String)>| {
        let c = c.clone();
        let url = t.url(&format!("/offerings/{ehr}/controls/statement"));
        let csrf = csrf.clone();
        async move {
            let mut fields = fields;
            fields.push(("csrf_token", csrf));
            c.post(url).form(&fields).send().await.unwrap()
        }
    };
    // Posted anyway: refused, citing FAQ 7-R1, next to the status.
    let res = post(vec![
        ("kind", "regulatory".into()),
        ("key", "6.2-authenticity".into()),
        ("status", "not_applicable".into()),
        ("why", "リスクが小さい".into()),
    ])
    .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"field-status-error\""), "{body}");
    assert!(body.contains("FAQ 7-R1"), "{body}");

    // A reasonless non-adoption of an Appendix 2 control: refused next to `why`.
    // The first Appendix 2 control without a statement yet.
    let table = text(&c, t.url(&format!("/offerings/{ehr}/controls?status=none")))
        .await
        .1;
    let key = between(
        &table,
        "<tr class=\"statement-row\" id=\"appendix2-",
        "</tr>",
    );
    let key = between(key, "data-key=\"", "\"").to_owned();
    let version = anzen_app::controls::builtin_partial()
        .unwrap()
        .meta
        .version
        .clone();
    let res = post(vec![
        ("kind", "appendix2".into()),
        ("catalogue_version", version.clone()),
        ("key", key.clone()),
        ("status", "not_applicable".into()),
        ("why", "   ".into()),
        ("how", "ignored text of another status".into()),
    ])
    .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"field-why-error\""), "{body}");
    assert!(body.contains("FAQ 5.3-R7"), "{body}");
    let (_, table) = text(&c, t.url(&format!("/offerings/{ehr}/controls"))).await;
    assert_eq!(
        between(&table, "id=\"count-none\">", "<"),
        none_before,
        "nothing was written"
    );

    // With its reason: saved, 303 with a flash, shown in the table and the history.
    let res = post(vec![
        ("kind", "appendix2".into()),
        ("catalogue_version", version.clone()),
        ("key", key.clone()),
        ("revision", "0".into()),
        ("status", "not_applicable".into()),
        ("why", "保守用の端末を持たない".into()),
    ])
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/offerings/{ehr}/controls"));
    let (_, table) = text(
        &c,
        t.url(&format!("/offerings/{ehr}/controls?status=not_applicable")),
    )
    .await;
    assert!(table.contains("保守用の端末を持たない"), "{table}");
    assert!(table.contains("flash--success"));
    let q = anzen_web_query(&[("kind", "appendix2"), ("version", &version), ("key", &key)]);
    let (_, form) = text(
        &c,
        t.url(&format!("/offerings/{ehr}/controls/statement?{q}")),
    )
    .await;
    assert!(
        form.contains("class=\"history-entry\" data-seq=\"1\""),
        "{form}"
    );
    // The "no statement yet" filter leaves it out.
    let (_, none) = text(&c, t.url(&format!("/offerings/{ehr}/controls?status=none"))).await;
    assert!(!none.contains(&format!("data-key=\"{key}\"")));

    // Exports of the same table.
    let res = c
        .get(t.url(&format!("/offerings/{ehr}/controls.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csv_text = res.text().await.unwrap();
    assert!(csv_text.contains("kind,catalogue_version,key"));
    assert!(csv_text.contains("保守用の端末を持たない"));
    let res = c
        .get(t.url(&format!(
            "/offerings/{ehr}/controls.xlsx?status=not_applicable"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("適用宣言書").unwrap();
    assert_eq!(sheet.height(), 2, "the header and the one row");

    // The dashboard shows the regulatory requirements not met.
    let (_, dash) = text(&c, t.url("/")).await;
    assert!(dash.contains("id=\"tile-regulatory-unmet\""), "{dash}");
    let (status, unmet) = text(&c, t.url("/controls/regulatory")).await;
    assert_eq!(status, 200);
    assert!(unmet.contains("6.2-authenticity"));
}

#[tokio::test]
async fn a_catalogue_is_uploaded_with_its_report_and_bad_files_are_listed() {
    let t = TestApp::spawn().await;
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    let (status, page) = text(&c, t.url("/controls/catalogues")).await;
    assert_eq!(status, 200, "{page}");
    let action = between(&page, "action=\"/controls/catalogues?csrf_token=", "\"").to_owned();
    let upload = |bytes: Vec<u8>| {
        let c = c.clone();
        let url = t.url(&format!("/controls/catalogues?csrf_token={action}"));
        async move {
            let (ct, body) = multipart("別紙2.csv", &bytes);
            c.post(url)
                .header("content-type", ct)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    // Without the token: the CSRF guard refuses.
    let (ct, body) = multipart("x.csv", &csv(&[("①-1", "規程")]));
    let res = c
        .post(t.url("/controls/catalogues"))
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);

    let res = upload(csv(&[
        ("①-1", "規程を作成すること。"),
        ("bad", "見直すこと。"),
    ]))
    .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"import-errors\""), "{body}");
    assert!(body.contains("class=\"import-error\""));
    let (_, list) = text(&c, t.url("/controls/catalogues")).await;
    assert_eq!(
        list.matches("class=\"catalogue-version").count(),
        1,
        "nothing imported"
    );

    let res = upload(csv(&[
        ("①-1", "規程を作成すること。"),
        ("①-2", "規程を見直すこと。"),
    ]))
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/controls/catalogues/"), "{to}");
    let (status, version) = text(&c, t.url(&to)).await;
    assert_eq!(status, 200, "{version}");
    assert!(version.contains("id=\"import-report\""));
    assert!(version.contains("id=\"diff-added\""));
    assert!(version.contains("1.1/①-2"));
    // The same file again: nothing changes.
    let res = upload(csv(&[
        ("①-1", "規程を作成すること。"),
        ("①-2", "規程を見直すこと。"),
    ]))
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), to);
    let (_, list) = text(&c, t.url("/controls/catalogues")).await;
    assert_eq!(list.matches("class=\"catalogue-version").count(), 2);
    assert!(list.contains("id=\"latest-review\""));

    // The table now shows the imported version, in Japanese as imported.
    let ehr = t.demo.risks[0].offering.to_string();
    let (_, table) = text(&c, t.url(&format!("/offerings/{ehr}/controls"))).await;
    assert!(table.contains("規程を見直すこと。"));
    assert!(!table.contains("id=\"builtin-warning\""));

    // Provider controls: added, and shown in the table.
    let (_, pc) = text(&c, t.url("/controls/provider")).await;
    let csrf = csrf_of(&pc);
    let res = c
        .post(t.url("/controls/provider"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("key", "bad key"),
            ("title", "x"),
            ("description", "y"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"field-key-error\""));
    let res = c
        .post(t.url("/controls/provider"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("key", "SAKURA-01"),
            ("title", "保守端末の画面ロック"),
            ("description", "5分で画面をロックする"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let (_, table) = text(&c, t.url(&format!("/offerings/{ehr}/controls"))).await;
    assert!(table.contains("data-key=\"SAKURA-01\""));
}

#[tokio::test]
async fn institutions_read_and_partners_do_not() {
    let t = TestApp::spawn().await;
    let ehr = t.demo.risks[0].offering.to_string();
    let c = t.client();
    t.sign_in(&c, Role::InstitutionReviewer).await;
    let (status, page) = text(&c, t.url(&format!("/offerings/{ehr}/controls"))).await;
    assert_eq!(status, 200);
    assert!(!page.contains("statement-edit"), "no edit buttons");
    let (_, dash) = text(&c, t.url("/")).await;
    assert!(dash.contains("id=\"tile-regulatory-unmet\""));
    let p = t.client();
    t.sign_in(&p, Role::Partner).await;
    let (status, _) = text(&p, t.url(&format!("/offerings/{ehr}/controls"))).await;
    assert_eq!(status, 403);
    let (_, dash) = text(&p, t.url("/")).await;
    assert!(!dash.contains("id=\"tile-regulatory-unmet\""));
}

/// The `data-key`s of the statement rows of a page, in order.
fn row_keys(page: &str) -> Vec<String> {
    page.split("<tr class=\"statement-row\"")
        .skip(1)
        .map(|row| between(row, "data-key=\"", "\"").to_owned())
        .collect()
}

/// The keys (third column) of the rows of a CSV export.
fn csv_keys(text: &str) -> Vec<String> {
    csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap()[2].to_owned())
        .collect()
}

/// The "first–last / of" range shown above the table, e.g. `(101, 179, 179)`.
fn range_of(page: &str) -> (usize, usize, usize) {
    let n = |id: &str| {
        between(page, &format!("id=\"{id}\">"), "<")
            .parse::<usize>()
            .unwrap()
    };
    (n("range-first"), n("range-last"), n("range-total"))
}

#[tokio::test]
async fn the_table_is_paged_after_its_filter_and_the_exports_stay_whole() {
    let t = TestApp::spawn().await;
    let ehr = t.demo.risks[0].offering;
    let provider = t
        .demo
        .offerings
        .iter()
        .find(|o| o.id == ehr)
        .unwrap()
        .provider;
    // 150 controls of the provider on top of the demo's: more than a page of 100.
    let as_provider = anzen_app::Caller::Operator {
        name: "test".into(),
        org: Some(provider),
    };
    for i in 0..150 {
        t.app
            .add_provider_control(
                &as_provider,
                &format!("PAGE-{i:03}"),
                &format!("独自管理策 {i:03}"),
                "ページ送りの試験用の管理策",
            )
            .await
            .unwrap();
    }
    let c = t.client();
    t.sign_in(&c, Role::ProviderAdmin).await;
    let table = format!("/offerings/{ehr}/controls");

    // Page 1: the first 100 rows, every section's heading, the pager.
    let (status, first) = text(&c, t.url(&table)).await;
    assert_eq!(status, 200, "{first}");
    let total: usize = between(&first, "id=\"count-total\">", "<").parse().unwrap();
    assert!(total > 150, "{total}");
    let first_keys = row_keys(&first);
    assert_eq!(first_keys.len(), 100);
    assert_eq!(range_of(&first), (1, 100, total));
    for heading in [
        "regulatory-heading",
        "appendix2-heading",
        "provider-heading",
    ] {
        assert!(first.contains(&format!("id=\"{heading}\"")), "{heading}");
    }
    assert!(first.contains("<nav class=\"pagination\""));
    assert!(
        first.contains(&format!("href=\"{table}?page=2\"")),
        "{first}"
    );
    assert!(first.contains("id=\"provider-0\""), "anchors count from 0");

    // Page 2: the rest, only under the heading of the section they belong to; the counts
    // still describe the whole table.
    let (status, second) = text(&c, t.url(&format!("{table}?page=2"))).await;
    assert_eq!(status, 200, "{second}");
    let second_keys = row_keys(&second);
    assert_eq!(second_keys.len(), total - 100);
    assert_eq!(range_of(&second), (101, total, total));
    assert_eq!(
        between(&second, "id=\"count-total\">", "<")
            .parse::<usize>()
            .unwrap(),
        total
    );
    assert!(!second.contains("id=\"regulatory-heading\""));
    assert!(!second.contains("id=\"appendix2-heading\""));
    assert!(!second.contains("id=\"unmet-regulatory\""));
    assert!(second.contains("id=\"provider-heading\""));
    assert!(second.contains("aria-current=\"page\">2<"));
    assert!(second.contains(&format!("rel=\"prev\" href=\"{table}?page=1\"")));
    // The anchors keep counting where page 1 stopped.
    let provider_on_first = first.matches("id=\"provider-").count();
    assert!(
        second.contains(&format!("id=\"provider-{provider_on_first}\"")),
        "{second}"
    );
    // Together the pages hold every row once, in the CSV's rows.
    let mut shown: Vec<String> = first_keys.iter().chain(&second_keys).cloned().collect();
    shown.sort();
    shown.dedup();
    assert_eq!(shown.len(), total, "no row on both pages");
    let csv_text = c
        .get(t.url(&format!("{table}.csv")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let mut exported = csv_keys(&csv_text);
    exported.sort();
    assert_eq!(exported, shown, "the CSV has every row, not a page");
    // The export links never carry the page.
    assert!(second.contains(&format!("href=\"{table}.csv\"")));
    assert!(second.contains(&format!("href=\"{table}.xlsx\"")));

    // Filtered: paged after the filter, the filters kept in the pager's and exports' links.
    let version = between(
        between(&first, "id=\"field-version\"", "</select>"),
        "<option value=\"",
        "\"",
    )
    .to_owned();
    let none_total: usize = between(&first, "id=\"count-none\">", "<").parse().unwrap();
    assert!(none_total > 100, "{none_total}");
    let filtered = format!("{table}?version={version}&status=none");
    let (status, none_first) = text(&c, t.url(&filtered)).await;
    assert_eq!(status, 200, "{none_first}");
    assert_eq!(range_of(&none_first), (1, 100, none_total));
    let next = format!("href=\"{table}?version={version}&#38;status=none&#38;page=2\"");
    assert!(none_first.contains(&next), "{none_first}");
    assert!(none_first.contains(&format!(
        "href=\"{table}.csv?version={version}&#38;status=none\""
    )));
    let (status, none_second) = text(&c, t.url(&format!("{filtered}&page=2"))).await;
    assert_eq!(status, 200);
    assert_eq!(range_of(&none_second), (101, none_total, none_total));
    assert!(none_second.contains(&format!(
        "href=\"{table}?version={version}&#38;status=none&#38;page=1\""
    )));
    assert!(none_second.contains(&format!(
        "href=\"{table}.xlsx?version={version}&#38;status=none\""
    )));
    assert!(
        none_second.contains("id=\"field-status\"")
            && none_second.contains("<option value=\"none\" selected>"),
        "the filter form keeps the filter"
    );
    let none_keys: Vec<String> = row_keys(&none_first)
        .into_iter()
        .chain(row_keys(&none_second))
        .collect();
    assert_eq!(none_keys.len(), none_total);
    assert_eq!(
        none_second.matches("data-state=\"none\"").count(),
        none_total - 100,
        "only rows without a statement"
    );
    let csv_none = c
        .get(t.url(&format!("{table}.csv?status=none")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(
        csv_keys(&csv_none).len(),
        none_total,
        "the filtered export is whole"
    );

    // Bad paging values: as on the other lists (`/risks?page=0`), page 1 — never an error.
    for query in [
        "page=abc",
        "page=0",
        "page=-1",
        "page=99999999999",
        "page=",
        "limit=abc",
        "offset=-1",
        "limit=0&offset=x&page=%00",
    ] {
        let (status, body) = text(&c, t.url(&format!("{table}?{query}"))).await;
        assert_eq!(status, 200, "{query}: {body}");
        assert_eq!(row_keys(&body), first_keys, "{query}: page 1");
    }
    // Past the last page: no rows, a way back to page 1 with the same filter.
    let (status, past) = text(&c, t.url(&format!("{filtered}&page=9"))).await;
    assert_eq!(status, 200, "{past}");
    assert!(row_keys(&past).is_empty());
    assert!(!past.contains("id=\"statement-range\""));
    assert!(past.contains("class=\"empty-state\""));
    assert!(past.contains(&format!(
        "href=\"{table}?version={version}&#38;status=none&#38;page=1\""
    )));
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    support::between(s, start, end)
}

fn anzen_web_query(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded_like(pairs)
}

/// `a=1&b=x` with percent-encoding (reqwest's URL encoder).
fn serde_urlencoded_like(pairs: &[(&str, &str)]) -> String {
    let mut url = reqwest::Url::parse("http://x/").unwrap();
    url.query_pairs_mut().extend_pairs(pairs);
    url.query().unwrap_or_default().to_owned()
}
