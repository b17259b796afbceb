//! Uploads within the import limits, through the JSON API and the UI: a zip bomb is refused
//! naming the limit while `/healthz` keeps answering; a file over the size limit is a 413; a
//! cell too long and a reading that takes too long are 422s naming the limit, in Japanese and
//! English on the page; a refusal writes nothing; an official-size workbook larger than the
//! server's ordinary body limit imports.

use crate::api_support;
use crate::support;

use std::io::{Cursor, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anzen_domain::access::Role;
use anzen_tests::appendix2::{appendix2_table, to_csv};
use api_support::{Reply, call, call_raw};
use support::{TestApp, between};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ROLE: Role = Role::ProviderAdmin;

fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("別紙2").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                ws.write_string(r as u32, c as u16, value).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A valid small workbook whose shared strings are replaced by one string of `len` bytes:
/// about 1 MB that expands to `len` (the zip bomb of the outside examination: 1 MB, 1 GB).
fn zip_bomb(len: usize) -> Vec<u8> {
    let base = xlsx(&appendix2_table(3, 10, 5, 1));
    let mut src = zip::ZipArchive::new(Cursor::new(&base[..])).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let part = src.by_index(i).unwrap();
        if part.name() != "xl/sharedStrings.xml" {
            out.raw_copy_file(part).unwrap();
        }
    }
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(3));
    out.start_file("xl/sharedStrings.xml", options).unwrap();
    out.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#)
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..len >> 20 {
        out.write_all(&chunk).unwrap();
    }
    out.write_all(b"</t></si></sst>").unwrap();
    out.finish().unwrap().into_inner()
}

/// Sets the decompressed size every header of the archive declares to `size`: the data and the
/// CRC stay as they are, so only reading the data shows how large the parts are.
fn lie_about_sizes(bytes: &mut [u8], size: u32) {
    let eocd = bytes.len() - 22;
    assert_eq!(&bytes[eocd..eocd + 4], b"PK\x05\x06");
    let le16 = |b: &[u8], at: usize| u16::from_le_bytes([b[at], b[at + 1]]) as usize;
    let le32 = |b: &[u8], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let mut at = le32(bytes, eocd + 16);
    for _ in 0..le16(bytes, eocd + 10) {
        assert_eq!(&bytes[at..at + 4], b"PK\x01\x02");
        let local = le32(bytes, at + 42);
        bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
        bytes[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
        at += 46 + le16(bytes, at + 28) + le16(bytes, at + 30) + le16(bytes, at + 32);
    }
}

/// Polls `/healthz` until `stop` is set; every answer must be a 200 within a generous 5 s.
/// Returns how many answered.
async fn poll_health(t: &TestApp, stop: Arc<AtomicBool>) -> usize {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    let mut answered = 0;
    loop {
        let res = client.get(t.url("/healthz")).send().await;
        match res {
            Ok(r) => assert_eq!(r.status(), 200, "/healthz"),
            Err(e) => panic!("/healthz did not answer while the import ran: {e}"),
        }
        answered += 1;
        if stop.load(Ordering::Relaxed) {
            return answered;
        }
        tokio::task::yield_now().await;
    }
}

async fn versions(t: &TestApp, token: &str) -> i64 {
    let r = call(t, "GET", "/controls/catalogues", Some(token), None).await;
    r.body["total"].as_i64().unwrap()
}

async fn audit_total(t: &TestApp, token: &str) -> i64 {
    let r = call(t, "GET", "/audit?limit=1", Some(token), None).await;
    r.body["total"].as_i64().unwrap()
}

fn limit_refusal(r: &Reply, status: u16, code: &str) -> String {
    assert_eq!(
        (
            r.status,
            r.body["error"]["code"].as_str(),
            r.body["error"]["field"].as_str()
        ),
        (status, Some(code), Some("file")),
        "{}",
        r.text
    );
    r.body["error"]["message"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_zip_bomb_is_refused_naming_the_limit_while_the_server_answers() {
    let t = TestApp::spawn().await;
    let token = t.token(ROLE).await;
    let (before, audit) = (versions(&t, &token).await, audit_total(&t, &token).await);
    // The outside examination's bomb: under 1 MB (within even the old 1 MiB body limit), that
    // expands to about 1 GB.
    let bomb = zip_bomb(1000 << 20);
    assert!(bomb.len() < 1 << 20, "a small file: {} bytes", bomb.len());

    // The same bomb with headers that say every part is 100 bytes: refused while it is
    // decompressed.
    let mut lying = bomb.clone();
    lie_about_sizes(&mut lying, 100);
    for bytes in [bomb, lying] {
        let stop = Arc::new(AtomicBool::new(false));
        // One answer before the upload starts, then polls all along it.
        assert_eq!(reqwest::get(t.url("/healthz")).await.unwrap().status(), 200);
        let poller = poll_health(&t, stop.clone());
        let upload = async {
            let r = call_raw(
                &t,
                "POST",
                "/controls/catalogues",
                &token,
                Some(XLSX),
                bytes,
            )
            .await;
            stop.store(true, Ordering::Relaxed);
            r
        };
        let (answered, r) = tokio::join!(poller, upload);
        assert!(answered >= 1);
        let message = limit_refusal(&r, 422, "limit_exceeded");
        assert_eq!(
            message,
            "file: the part `xl/sharedStrings.xml` of the workbook expands to more than 32 MiB \
             (limit 32 MiB)"
        );
    }
    assert_eq!(versions(&t, &token).await, before, "nothing imported");
    assert_eq!(audit_total(&t, &token).await, audit, "nothing written");
}

#[tokio::test]
async fn refusals_by_the_limits_name_them_through_the_api() {
    let mut settings = anzen_app::Settings::default();
    settings.import_limits.file_bytes = 100 * 1024;
    let t = TestApp::spawn_with_settings(settings).await;
    let token = t.token(ROLE).await;
    let (before, audit) = (versions(&t, &token).await, audit_total(&t, &token).await);

    // Over the size limit: 413.
    let big = vec![b'a'; 100 * 1024 + 1];
    let r = call_raw(
        &t,
        "POST",
        "/controls/catalogues",
        &token,
        Some("text/csv"),
        big,
    )
    .await;
    let message = limit_refusal(&r, 413, "payload_too_large");
    assert_eq!(
        message,
        "file: the file is larger than 100 KiB (limit 100 KiB)"
    );

    // A cell too long.
    let mut rows = appendix2_table(3, 10, 5, 2);
    rows[3][4] = "あ".repeat(10_001);
    let r = call_raw(
        &t,
        "POST",
        "/controls/catalogues",
        &token,
        Some("text/csv"),
        to_csv(&rows),
    )
    .await;
    let message = limit_refusal(&r, 422, "limit_exceeded");
    assert_eq!(
        message,
        "file: row 4, column E: a cell holds more than 10000 characters (limit 10000 characters)"
    );
    // Too many columns, in a workbook.
    let mut rows = appendix2_table(3, 10, 5, 3);
    rows[4].resize(65, String::new());
    rows[4][64] = "メモ".to_owned();
    let r = call_raw(
        &t,
        "POST",
        "/controls/catalogues",
        &token,
        Some(XLSX),
        xlsx(&rows),
    )
    .await;
    let message = limit_refusal(&r, 422, "limit_exceeded");
    assert!(message.contains("(limit 64 columns)"), "{message}");
    assert_eq!(versions(&t, &token).await, before, "nothing imported");
    assert_eq!(audit_total(&t, &token).await, audit, "nothing written");
}

#[tokio::test]
async fn a_reading_that_takes_too_long_is_stopped_at_the_time_limit() {
    let mut settings = anzen_app::Settings::default();
    settings.import_limits.time = Duration::ZERO;
    let t = TestApp::spawn_with_settings(settings).await;
    let token = t.token(ROLE).await;
    let before = versions(&t, &token).await;
    let rows = appendix2_table(100, 30, 10, 4);
    for (ct, bytes) in [("text/csv", to_csv(&rows)), (XLSX, xlsx(&rows))] {
        let r = call_raw(&t, "POST", "/controls/catalogues", &token, Some(ct), bytes).await;
        let message = limit_refusal(&r, 422, "limit_exceeded");
        assert_eq!(
            message,
            "file: reading the file took longer than 0 ms (limit 0 ms)"
        );
    }
    assert_eq!(versions(&t, &token).await, before);
}

/// `base` with one more part of `len` bytes that do not compress (as pictures do).
fn with_picture(base: &[u8], len: usize) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(base)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        out.raw_copy_file(src.by_index(i).unwrap()).unwrap();
    }
    out.start_file(
        "xl/media/image1.png",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let noise: Vec<u8> = (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    out.write_all(&noise).unwrap();
    out.finish().unwrap().into_inner()
}

#[tokio::test]
async fn an_official_size_workbook_larger_than_the_ordinary_body_limit_imports() {
    let t = TestApp::spawn().await;
    let token = t.token(ROLE).await;
    // 1,400 controls, and a picture that makes the file larger than 1 MiB.
    let bytes = with_picture(&xlsx(&appendix2_table(1_400, 150, 40, 5)), 1_500_000);
    assert!(bytes.len() > 1 << 20, "{} bytes", bytes.len());
    let r = call_raw(
        &t,
        "POST",
        "/controls/catalogues?name=別紙2.xlsx",
        &token,
        Some(XLSX),
        bytes,
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.body["report"]["items"], 1_400);
    // Anything else larger than 1 MiB is still refused before it is read.
    let r = reqwest::Client::new()
        .post(t.url("/api/v1/me"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(vec![b' '; (1 << 20) + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
}

fn multipart(file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----anzen-test-boundary-import-limits";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads `bytes` through the UI form in `lang`; the status and the page.
async fn upload_form(t: &TestApp, lang: &str, name: &str, bytes: &[u8]) -> (u16, String) {
    let c = t.client();
    t.sign_in(&c, Role::ProviderMember).await;
    let page = c
        .get(t.url("/controls/catalogues"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let action = between(&page, "action=\"/controls/catalogues?csrf_token=", "\"").to_owned();
    let (ct, body) = multipart(name, bytes);
    let res = c
        .post(t.url(&format!("/controls/catalogues?csrf_token={action}")))
        .header("content-type", ct)
        .header("accept-language", lang)
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

#[tokio::test]
async fn the_page_names_the_limit_in_japanese_and_english() {
    let mut settings = anzen_app::Settings::default();
    settings.import_limits.file_bytes = 600 * 1024;
    let t = TestApp::spawn_with_settings(settings).await;

    // Under the part limit, but compressed a thousand to one.
    let bomb = zip_bomb(24 << 20);
    let (status, page) = upload_form(&t, "ja", "別紙2.xlsx", &bomb).await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("ワークブックの部品 xl/sharedStrings.xml の展開後の大きさが圧縮時の100倍を超えます。zip爆弾と同じ形です（上限 100倍）"),
        "{page}"
    );
    let (status, page) = upload_form(&t, "en", "別紙2.xlsx", &bomb).await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("The part xl/sharedStrings.xml is compressed more than 100:1, as a zip bomb is (limit 100:1)"),
        "{page}"
    );

    let mut rows = appendix2_table(3, 10, 5, 6);
    rows[3][4] = "あ".repeat(10_001);
    let (status, page) = upload_form(&t, "ja", "別紙2.csv", &to_csv(&rows)).await;
    assert_eq!(status, 422, "{page}");
    assert!(
        page.contains("行 4 / 列 E：セルの文字数が10000文字を超えています（上限 10000文字）"),
        "{page}"
    );

    // Over the size limit: the file alone, and a body too large to read at all.
    for bytes in [vec![b'a'; 600 * 1024 + 1], vec![b'a'; 2 << 20]] {
        let (status, page) = upload_form(&t, "en", "big.csv", &bytes).await;
        assert_eq!(status, 413, "{page}");
        assert!(
            page.contains("The file is larger than 600 KiB (limit 600 KiB)"),
            "{page}"
        );
    }
    let (_, list) = upload_form(&t, "en", "none.csv", b"").await;
    assert_eq!(
        list.matches("class=\"catalogue-version").count(),
        1,
        "nothing imported"
    );
}
