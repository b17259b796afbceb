//! The house style of every document's DOCX (src/docx_house.rs, src/docx_header.rs): the
//! header row of every list table repeats on every page (`w:tblHeader`, first row only), a
//! key/value table has none; running text is set in 明朝 and titles, headings, header and label
//! cells and the page header in ゴシック.

use crate::applicability_fixture as soa;
use crate::audit_excerpt_fixture as excerpt_fixture;
use crate::device_ledger_fixture as ledger;
use crate::diagram_fixture;
use crate::disclosure_pack_fixture as pack;
use crate::fixture;
use crate::office;
use crate::responsibility_fixture as division;

use anzen_render::{Document, Format};

const MINCHO: &str = "BIZ UDPMincho";
const GOTHIC: &str = "BIZ UDPGothic";

/// One row of a table as read back: whether it is marked as a header row, and the text of
/// each cell and whether all its text runs are set in ゴシック.
#[derive(Debug)]
struct Row {
    marked: bool,
    cells: Vec<(String, bool)>,
}

impl Row {
    fn texts(&self) -> Vec<&str> {
        self.cells.iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// The text of the `w:t` elements of an XML fragment (escapes undone).
fn text(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        if !piece.starts_with(['>', ' ']) {
            continue; // w:tc, w:tcPr, w:tbl...
        }
        let body = &piece[piece.find('>').unwrap() + 1..];
        out.push_str(&body[..body.find("</w:t>").unwrap_or(body.len())]);
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Whether every text run of the fragment names the ゴシック as its font.
fn all_gothic(xml: &str) -> bool {
    let runs: Vec<&str> = xml
        .split("<w:r>")
        .skip(1)
        .filter(|r| r.contains("<w:t"))
        .collect();
    !runs.is_empty()
        && runs.iter().all(|r| {
            let props = &r[..r.find("<w:t").unwrap()];
            props.contains(&format!("w:eastAsia=\"{GOTHIC}\""))
        })
}

/// The tables of the DOCX's body (the documents nest none), row by row.
fn tables(docx: &[u8]) -> Vec<Vec<Row>> {
    let xml = office::zip_entry(docx, "word/document.xml");
    xml.split("<w:tbl>")
        .skip(1)
        .map(|t| {
            let t = &t[..t.find("</w:tbl>").expect("a table ends")];
            t.split("</w:tr>")
                .filter(|r| r.contains("<w:tr"))
                .map(|r| Row {
                    marked: r.contains("<w:tblHeader"),
                    cells: r
                        .split("</w:tc>")
                        .filter(|c| c.contains("<w:tc>"))
                        .map(|c| (text(c), all_gothic(c)))
                        .collect(),
                })
                .collect()
        })
        .collect()
}

fn docx(doc: &impl Document) -> Vec<u8> {
    doc.render(Format::Docx).unwrap()
}

/// Checks the tables of one document's DOCX: each table whose first row is one of `lists`
/// (the column titles of a list table) has that row, and only it, marked to repeat, its cells
/// in ゴシック; every other table (key/value: a label, then its value) has no row marked and
/// its labels in ゴシック. Every list is present; the cover's table comes first, its values in
/// 明朝 (the default run font, which styles.xml names), the page header and footer in ゴシック.
fn check(docx: &[u8], lists: &[&[&str]]) {
    let tables = tables(docx);
    let mut seen = vec![0; lists.len()];
    let mut key_value = 0;
    for t in &tables {
        let first = t[0].texts();
        match lists.iter().position(|l| *l == first.as_slice()) {
            Some(i) => {
                seen[i] += 1;
                assert!(t[0].marked, "header row not marked to repeat: {first:?}");
                assert!(
                    t.iter().skip(1).all(|r| !r.marked),
                    "a body row is marked: {first:?}"
                );
                assert!(
                    t[0].cells.iter().all(|c| c.1),
                    "header not in ゴシック: {first:?}"
                );
                assert!(t.len() > 1, "a list table with no row: {first:?}");
            }
            None => {
                key_value += 1;
                assert!(
                    t.iter().all(|r| !r.marked),
                    "key/value table marked: {first:?}"
                );
                assert_eq!(first.len(), 2, "not a key/value table: {first:?}");
                assert!(
                    t.iter().all(|r| r.cells[0].1),
                    "label not in ゴシック: {first:?}"
                );
            }
        }
    }
    assert_eq!(
        tables[0][0].texts()[0],
        "サービス",
        "the cover's facts come first"
    );
    assert!(
        !tables[0][0].cells[1].1,
        "a value is set in 明朝 (the default)"
    );
    assert!(key_value >= 1);
    for (l, n) in lists.iter().zip(&seen) {
        assert!(*n >= 1, "list table missing: {l:?}");
    }
    // The default run font is 明朝; the page header and footer are in ゴシック.
    let styles = office::zip_entry(docx, "word/styles.xml");
    let defaults = &styles[styles.find("<w:docDefaults>").unwrap()..];
    let defaults = &defaults[..defaults.find("</w:docDefaults>").unwrap()];
    assert!(
        defaults.contains(&format!("w:eastAsia=\"{MINCHO}\"")),
        "{defaults}"
    );
    for part in office::parts(docx)
        .into_iter()
        .filter(|p| p.starts_with("word/header") || p.starts_with("word/footer"))
    {
        assert!(all_gothic(&office::zip_entry(docx, &part)), "{part}");
    }
}

#[test]
fn risk_treatment() {
    check(
        &docx(&fixture::list(3)),
        &[&[
            "No.",
            "リスク",
            "対応前",
            "対応後",
            "対応方針",
            "医療機関の回答",
        ]],
    );
}

#[test]
fn statement_of_applicability() {
    check(
        &docx(&soa::statement_of_applicability(20)),
        &[
            &[
                "大項目",
                "採用",
                "代替策",
                "適用外",
                "対応予定",
                "記述なし",
                "計",
                "要見直し",
            ],
            &[
                "項番",
                "要求事項",
                "根拠法令等",
                "状態",
                "記述",
                "適合",
                "記述者・日時",
            ],
            &[
                "No.",
                "対策項目",
                "区分",
                "状態",
                "記述（理由・根拠）",
                "記述者・日時",
            ],
        ],
    );
}

#[test]
fn device_ledger() {
    check(
        &docx(&ledger::ledger(5)),
        &[
            &[
                "設置場所",
                "稼働中",
                "廃棄済み",
                "医療情報を格納（稼働中）",
                "サポート終了（稼働中）",
                "種別ごとの台数（稼働中）",
            ],
            &[
                "種別",
                "機種／シリアル番号",
                "設置場所",
                "利用場所の限定",
                "管理者",
                "医療情報の格納",
                "暗号化",
                "OS・ファームウェア",
                "廃棄",
                "注意",
            ],
        ],
    );
}

#[test]
fn configuration_diagram() {
    check(
        &docx(&diagram_fixture::diagram(true)),
        &[
            &["No.", "名称", "種別", "環境", "設置場所", "情報の流れ"],
            &[
                "No.",
                "誰が",
                "どこの・どこを",
                "どの機器・媒体で",
                "何を・何が",
                "どう処理されるか",
                "情報の種別",
                "環境",
                "経路",
            ],
            &[
                "No.",
                "名称",
                "事業者",
                "役割",
                "事業者のサービス",
                "リスク管理",
                "事業者Aによる把握",
            ],
            &[
                "No.",
                "利用する側",
                "構成要素",
                "提供内容",
                "説明",
                "選定した者",
                "契約者",
                "区分",
                "事業者Aによる把握",
            ],
        ],
    );
}

#[test]
fn audit_excerpt() {
    check(
        &docx(&excerpt_fixture::excerpt(5)),
        &[
            &["項目", "内容"],
            &[
                "通番",
                "日時（日本時間）",
                "操作者",
                "操作",
                "対象",
                "概要",
                "ハッシュ（先頭）",
            ],
        ],
    );
}

#[test]
fn disclosure_pack() {
    check(
        &docx(&pack::pack(4)),
        &[
            &["項目番号", "項目", "開示した内容", "開示日時・開示者"],
            &[
                "認証の種類",
                "対象範囲",
                "発行者",
                "有効期間",
                "状態",
                "表4-1",
            ],
        ],
    );
}

#[test]
fn responsibility_division() {
    check(
        &docx(&division::all()),
        &[
            &["義務", "責任を負う当事者", "根拠", "確度"],
            &["No.", "項目", "医療機関等", "事業者", "委託先", "根拠"],
        ],
    );
}
