//! Documents through the JSON API (GL ch. 3, 4, 6): a provider issues the risk treatment list
//! for every institution, an institution its own (and sees no other institution's consent);
//! a partner has none issued; bad input names its field and issues nothing; the exact file
//! verifies and one changed byte does not; a re-issue says what changed.

use crate::api_support;
use crate::support;

use std::io::Write as _;

use anzen_app::Caller;
use anzen_app::accounts::UserInput;
use anzen_domain::access::Role;
use api_support::{Reply, World, call, call_raw};
use serde_json::{Value, json};

const PM: Role = Role::ProviderMember;
const IR: Role = Role::InstitutionReviewer;

/// POST /documents with the role's token: the raw reply (a file or an error).
async fn issue(w: &World, token: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(w.t.url("/api/v1/documents"))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn issued_file(
    w: &World,
    token: &str,
    body: &Value,
) -> (reqwest::header::HeaderMap, Vec<u8>) {
    let r = issue(w, token, body).await;
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    let bytes = r.bytes().await.unwrap().to_vec();
    assert_eq!(status, 200, "{body}: {}", String::from_utf8_lossy(&bytes));
    (headers, bytes)
}

/// The text of a PDF as poppler's pdftotext reads it, white space removed.
fn pdf_text(pdf: &[u8]) -> String {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(f.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

async fn total(w: &World, role: Role) -> i64 {
    let r = w.call("GET", "/documents", role, None).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.body["total"].as_i64().unwrap()
}

fn refused(r: &Reply, status: u16, field: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    if !field.is_empty() {
        assert_eq!(r.field(), field, "{}", r.text);
    }
}

/// The clinic that also contracts the cloud EHR agrees to the demo's accepted risk, so that
/// another institution's consent exists.
async fn clinic_consents(w: &World) {
    let clinic =
        w.t.demo
            .org(anzen_app::demo::CLINIC)
            .unwrap()
            .id
            .to_string();
    w.t.app
        .add_user(
            &Caller::operator("tests"),
            UserInput {
                org: clinic,
                login: "it@yamabuki.example".into(),
                display_name: "やまぶき 情報担当".into(),
                role: IR.code().into(),
                password: support::PASSWORD.into(),
                access_until: String::new(),
                must_change_password: Some(false),
            },
        )
        .await
        .unwrap();
    let token = w.token_of_login("it@yamabuki.example").await;
    let risk = call(
        &w.t,
        "GET",
        &format!("/risks/{}", w.risk),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(risk.status, 200, "{}", risk.text);
    let agreed = call(
        &w.t,
        "POST",
        &format!("/risks/{}/consent", w.risk),
        Some(&token),
        Some(&json!({"digest": risk.body["digest"]})),
    )
    .await;
    assert_eq!(agreed.status, 200, "{}", agreed.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_reader_gets_only_what_it_may_see_and_the_file_verifies() {
    let w = World::new().await;
    clinic_consents(&w).await;
    let clinic = anzen_app::demo::CLINIC;
    let hospital = anzen_app::demo::HOSPITAL;

    // The provider's list for every institution names both, and the clinic's consent.
    let (headers, pdf) = issued_file(
        &w,
        w.token(PM),
        &json!({"kind": "risk-treatment", "offering": w.ehr}),
    )
    .await;
    assert_eq!(headers["content-type"], "application/pdf");
    let number = headers["x-anzen-document-number"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(number.starts_with("RT-"), "{number}");
    let text = pdf_text(&pdf);
    assert!(text.contains(&number), "the number is printed");
    assert!(text.contains(clinic) && text.contains(hospital));
    assert!(text.contains(&format!("{clinic}：同意")), "{text}");

    // The hospital's reviewer: its own list, no word of the clinic.
    let (headers, own) = issued_file(
        &w,
        w.token(IR),
        &json!({"kind": "risk-treatment", "offering": w.ehr, "format": "pdf"}),
    )
    .await;
    let own_number = headers["x-anzen-document-number"]
        .to_str()
        .unwrap()
        .to_owned();
    let text = pdf_text(&own);
    assert!(text.contains(&format!("{hospital}向け")), "{text}");
    assert!(
        !text.contains(clinic),
        "another institution is named: {text}"
    );
    let mine = w.call("GET", "/documents", IR, None).await;
    let numbers: Vec<&str> = mine
        .items()
        .iter()
        .map(|d| d["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, vec![own_number.as_str()]);
    let theirs = w
        .call("GET", &format!("/documents/{number}"), IR, None)
        .await;
    refused(&theirs, 404, "");

    // Verification: the exact file, and one changed byte.
    let v = call_raw(
        &w.t,
        "POST",
        "/documents/verify",
        w.token(PM),
        Some("application/pdf"),
        pdf.clone(),
    )
    .await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(v.body["issued"], true);
    assert_eq!(v.body["document"]["number"], number.as_str());
    assert!(v.body["audit_seq"].is_i64());
    let mut changed = pdf.clone();
    let at = changed.len() / 3;
    changed[at] = changed[at].wrapping_add(1);
    let v = call_raw(
        &w.t,
        "POST",
        "/documents/verify",
        w.token(PM),
        Some("application/pdf"),
        changed,
    )
    .await;
    assert_eq!(v.status, 200, "{}", v.text);
    assert_eq!(v.body["issued"], false);
    assert_eq!(v.body["document"], Value::Null);
    // The hospital does not learn of the provider's list for everyone.
    let v = call_raw(&w.t, "POST", "/documents/verify", w.token(IR), None, pdf).await;
    assert_eq!(v.body["issued"], false, "{}", v.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_name_the_field_and_issue_nothing() {
    let w = World::new().await;
    let before = total(&w, PM).await;
    let cases: Vec<(Role, Value, u16, &str)> = vec![
        (
            PM,
            json!({"kind": "minutes", "offering": w.ehr}),
            422,
            "kind",
        ),
        (
            PM,
            json!({"kind": "risk-treatment", "offering": w.ehr, "format": "odt"}),
            422,
            "format",
        ),
        (
            PM,
            json!({"kind": "risk-treatment", "offering": "not-an-id"}),
            422,
            "offering",
        ),
        (
            PM,
            json!({"kind": "disclosure", "offering": w.ehr}),
            422,
            "institution",
        ),
        (
            PM,
            json!({"kind": "applicability", "offering": w.ehr, "institution": w.minato}),
            422,
            "institution",
        ),
        (
            PM,
            json!({"kind": "risk-treatment", "offering": w.other.offering}),
            404,
            "",
        ),
        (
            PM,
            json!({"kind": "risk-treatment", "offering": w.ehr, "institution": w.other.clinic}),
            422,
            "institution",
        ),
        (
            Role::Partner,
            json!({"kind": "risk-treatment", "offering": w.ehr, "institution": w.minato}),
            422,
            "kind",
        ),
        (
            IR,
            json!({"kind": "risk-treatment", "offering": w.ehr, "institution": w.sakura}),
            422,
            "institution",
        ),
        (
            IR,
            json!({"kind": "audit-excerpt", "offering": w.ehr}),
            422,
            "kind",
        ),
        (
            PM,
            json!({"kind": "risk-treatment", "offering": w.ehr, "extra": 1}),
            422,
            "extra",
        ),
    ];
    for (role, body, status, field) in cases {
        let r = call(&w.t, "POST", "/documents", Some(w.token(role)), Some(&body)).await;
        assert_eq!(r.status, status, "{role:?} {body}: {}", r.text);
        if !field.is_empty() {
            assert_eq!(r.field(), field, "{body}: {}", r.text);
        }
        if field == "kind" && role == PM {
            assert!(
                r.accepted().contains(&"risk-treatment".to_owned()),
                "{}",
                r.text
            );
        }
        if field == "format" {
            assert_eq!(r.accepted(), vec!["pdf", "docx", "xlsx"]);
        }
    }
    assert_eq!(total(&w, PM).await, before, "nothing was issued");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reissue_after_a_change_says_what_changed() {
    let w = World::new().await;
    let body = json!({"kind": "risk-treatment", "offering": w.ehr, "format": "xlsx"});
    let (first, _) = issued_file(&w, w.token(PM), &body).await;
    let first = first["x-anzen-document-number"]
        .to_str()
        .unwrap()
        .to_owned();
    let created = w
        .call(
            "POST",
            "/risks",
            PM,
            Some(&json!({
                "offering": w.ehr,
                "title": "保守端末からの持ち出し",
                "threat": "情報の持ち出し",
                "vulnerability": "USB の制限なし",
                "confidentiality": true,
                "impact": 3,
                "likelihood": 2,
            })),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let (second, xlsx) = issued_file(&w, w.token(PM), &body).await;
    assert!(xlsx.starts_with(b"PK"), "an XLSX is a ZIP");
    assert_eq!(second["x-anzen-document-version"], "2");
    let number = second["x-anzen-document-number"].to_str().unwrap();
    let d = w
        .call("GET", &format!("/documents/{number}"), PM, None)
        .await;
    assert_eq!(d.status, 200, "{}", d.text);
    assert_eq!(d.body["changes"]["previous"], first.as_str());
    let added = d.body["changes"]["added"].as_array().unwrap();
    assert_eq!(added.len(), 1, "{}", d.text);
    assert!(
        added[0]
            .as_str()
            .unwrap()
            .contains("保守端末からの持ち出し")
    );
}

/// Every kind the provider's administrator may have issued renders in every format it is
/// made in, from the demo data, and each file verifies.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_is_issued_in_every_format_from_the_demo_data() {
    let w = World::new().await;
    let pa = Role::ProviderAdmin;
    let kinds = [
        ("risk-treatment", None),
        ("disclosure", Some(w.minato.clone())),
        ("responsibility", None),
        ("responsibility", Some(w.minato.clone())),
        ("applicability", None),
        ("diagram", None),
        ("diagram", Some(w.minato.clone())),
        ("device-ledger", None),
        ("audit-excerpt", None),
    ];
    let magic: [(&str, &[u8]); 3] = [("pdf", b"%PDF-"), ("docx", b"PK"), ("xlsx", b"PK")];
    for (kind, institution) in &kinds {
        for (format, head) in magic {
            let mut body = json!({"kind": kind, "offering": w.ehr, "format": format});
            if let Some(i) = institution {
                body["institution"] = json!(i);
            }
            let (headers, bytes) = issued_file(&w, w.token(pa), &body).await;
            assert!(bytes.starts_with(head), "{body}");
            let v = call_raw(&w.t, "POST", "/documents/verify", w.token(pa), None, bytes).await;
            assert_eq!(v.body["issued"], true, "{body}: {}", v.text);
            assert_eq!(
                v.body["document"]["number"],
                headers["x-anzen-document-number"].to_str().unwrap()
            );
        }
    }
}
