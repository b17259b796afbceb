//! `anzen catalog import` and `anzen catalog list` through the real binary, with Appendix 2
//! workbooks built in the test (rust_xlsxwriter) on a temporary SQLite database.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const ITEM: &str = "対策項目";
const MHLW: &str = "関連する医療情報安全管理ガイドライン要求事項";

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("anzen").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("ANZEN_CONFIG")
            .env(
                "ANZEN_DATABASE_URL",
                format!("sqlite://{}", self.dir.path().join("db/anzen.db").display()),
            )
            .env("ANZEN_ACTOR", "compliance-officer");
        cmd
    }

    fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    fn import_json(&self, file: &str) -> Value {
        let out = self
            .cmd()
            .args(["catalog", "import", file, "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice(&out).unwrap()
    }

    fn versions(&self) -> Vec<Value> {
        let out = self
            .cmd()
            .args(["catalog", "list", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        v["appendix2_versions"].as_array().unwrap().clone()
    }
}

/// A workbook with the official layout: a title row, the two header rows, one row per
/// control (大項目, 中項目, 小項目, No., 内容) with one MHLW reference each.
fn workbook(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("別紙2").unwrap();
    ws.write_string(0, 0, "（別紙2）統合前ガイドラインにおける対策項目一覧")
        .unwrap();
    let groups = [
        ITEM, ITEM, ITEM, ITEM, ITEM, ITEM, "", MHLW, MHLW, MHLW, MHLW,
    ];
    let columns = [
        "大項目",
        "中項目",
        "小項目",
        "No.",
        "内容",
        "区分",
        "リスクシナリオ例",
        "編",
        "項番",
        "区分",
        "内容",
    ];
    for (c, (g, h)) in groups.iter().zip(columns).enumerate() {
        let c = c as u16;
        if !g.is_empty() {
            ws.write_string(1, c, *g).unwrap();
        }
        ws.write_string(2, c, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        let cells = [
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            "",
            "不正アクセス",
            "企画管理編",
            "4. 規程・文書類",
            "【遵守事項】",
            "運用管理規程等を定めること。",
        ];
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r, c as u16, *v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

const V1: [[&str; 5]; 3] = [
    [
        "1. 人的・組織的対策",
        "1.1. 規程・手順の策定",
        "①アクセス管理規程の策定",
        "①-1",
        "アクセス管理規程を作成すること。",
    ],
    [
        "1. 人的・組織的対策",
        "1.1. 規程・手順の策定",
        "①アクセス管理規程の策定",
        "①-2",
        "規程を定期的に見直すこと。",
    ],
    [
        "2. 物理的対策",
        "2.1. 入退管理",
        "①入退管理",
        "①-1",
        "入退を個人認証で管理すること。",
    ],
];

#[test]
fn a_workbook_is_imported_once_and_listed() {
    let env = Env::new();
    // One workbook's bytes, written twice below (a workbook made again would carry another
    // creation time, so another SHA-256).
    let bytes = workbook(&V1);
    let file = env.write("別紙2.xlsx", &bytes);
    env.cmd()
        .args(["catalog", "import", &file])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 items"))
        .stdout(predicate::str::contains("sheet 別紙2"))
        .stdout(predicate::str::contains("against v1.1-partial"))
        .stdout(predicate::str::contains("statements to review: 0"));
    let versions = env.versions();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert_eq!(versions[0]["builtin"], true);
    assert_eq!(versions[1]["items"], 3);
    assert_eq!(versions[1]["source_name"], "別紙2.xlsx");
    assert_eq!(versions[1]["imported_by"], "operator:compliance-officer");
    env.cmd()
        .args(["catalog", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("別紙2.xlsx"))
        .stdout(predicate::str::contains("built-in, partial"));

    // The same file again (under another name) is a no-op.
    let copy = env.write("copy.xlsx", &bytes);
    let again = env.import_json(&copy);
    assert_eq!(again["already_imported"], true);
    assert_eq!(env.versions().len(), 2);
    env.cmd()
        .args(["catalog", "import", &copy])
        .assert()
        .success()
        .stdout(predicate::str::contains("already imported"));
}

#[test]
fn a_new_version_prints_its_differences() {
    let env = Env::new();
    let v1 = env.import_json(&env.write("v1.xlsx", &workbook(&V1)));
    assert_eq!(v1["already_imported"], false);
    let mut v2 = vec![V1[0], V1[2]];
    v2[0][4] = "アクセス管理規程を作成し、年1回見直すこと。";
    v2.push([
        "2. 物理的対策",
        "2.1. 入退管理",
        "①入退管理",
        "①-2",
        "入退の記録を保存すること。",
    ]);
    let file = env.write("v2.xlsx", &workbook(&v2));
    env.cmd()
        .args(["catalog", "import", &file])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "1 added, 1 changed, 1 removed, 1 unchanged",
        ))
        .stdout(predicate::str::contains("added:   2.1/①-2"))
        .stdout(predicate::str::contains("changed: 1.1/①-1 (content)"))
        .stdout(predicate::str::contains("removed: 1.1/①-2"));
    let v3 = {
        let mut r = v2.clone();
        r.pop();
        r
    };
    let json = env.import_json(&env.write("v3.xlsx", &workbook(&v3)));
    assert_eq!(json["review"]["diff"]["removed"][0], "2.1/①-2");
    assert_eq!(json["review"]["from"]["source_name"], "v2.xlsx");
    assert_eq!(env.versions().len(), 4);
}

#[test]
fn a_bad_file_lists_every_bad_row_and_imports_nothing() {
    let env = Env::new();
    let mut rows = V1;
    rows[1][3] = "x-1";
    rows[2][1] = "3.1. 入退管理";
    let file = env.write("bad.xlsx", &workbook(&rows));
    env.cmd()
        .args(["catalog", "import", &file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the file was not imported"))
        .stderr(predicate::str::contains("row 5, column D"))
        .stderr(predicate::str::contains("row 6, column B"));
    assert_eq!(env.versions().len(), 1, "only the built-in version");

    let out = env
        .cmd()
        .args(["catalog", "import", &file, "--format", "json"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["imported"], false);
    let rows: Vec<u64> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["row"].as_u64())
        .collect();
    assert!(rows.contains(&5) && rows.contains(&6), "{v}");

    // Not a workbook at all, and a missing file: exit 2 with a clear message.
    let pdf = env.write("appendix.xlsx", b"%PDF-1.7 not a workbook");
    env.cmd()
        .args(["catalog", "import", &pdf])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PDF"));
    env.cmd()
        .args(["catalog", "import", "missing.xlsx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the file"));
    assert_eq!(env.versions().len(), 1);
}

#[test]
fn the_csv_template_is_imported_too() {
    let env = Env::new();
    let mut csv = String::from("\u{feff}");
    csv.push_str(&format!(
        "{ITEM},{ITEM},{ITEM},{ITEM},{ITEM},{ITEM},,{MHLW},{MHLW},{MHLW},{MHLW}\r\n"
    ));
    csv.push_str("大項目,中項目,小項目,No.,内容,区分,リスクシナリオ例,編,項番,区分,内容\r\n");
    csv.push_str("1. 人的・組織的対策,1.1. 規程・手順の策定,①規程,①-1,規程を作成すること。,◎,,企画管理編,4.,【遵守事項】,規程を定めること。\r\n");
    let file = env.write("template.csv", csv.as_bytes());
    let json = env.import_json(&file);
    assert_eq!(json["report"]["items"], 1);
    assert_eq!(json["report"]["marked"], 1);
    assert_eq!(json["version"]["source_name"], "template.csv");
}

#[test]
fn the_list_needs_no_database() {
    let env = Env::new();
    env.cmd()
        .args(["catalog", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("v1.1-partial"))
        .stdout(predicate::str::contains("no database yet"));
    assert!(
        !env.dir.path().join("db").exists(),
        "a listing creates no database"
    );
}

#[test]
fn the_template_prints_the_import_layout_and_imports_as_written() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["catalog", "template"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let template = String::from_utf8(out).unwrap();
    assert_eq!(template, anzen_app::import::appendix2_csv_template());
    assert!(
        !env.dir.path().join("db").exists(),
        "printing the template opens no database"
    );
    // The layout it prints is the one `catalog import` reads: left empty, the file is refused
    // for having no controls (not for its header), and nothing is imported.
    let file = env.write("別紙2.csv", template.as_bytes());
    env.cmd()
        .args(["catalog", "import", &file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no control items below the header",
        ));
    assert!(
        template.starts_with('\u{FEFF}'),
        "a byte-order mark for spreadsheets"
    );
}
