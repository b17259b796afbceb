//! `anzen catalog import` within the import limits, through the real binary: a zip bomb, a
//! file larger than the limit (read no further than the limit) and a cell too long each exit
//! 2 with the limit named, and import nothing.

use std::io::{Cursor, Write};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

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

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn versions(&self) -> usize {
        let out = self
            .cmd()
            .args(["catalog", "list", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let v: Value = serde_json::from_slice(&out).unwrap();
        v["appendix2_versions"].as_array().unwrap().len()
    }
}

/// A workbook whose shared strings expand to `len` bytes of one string.
fn zip_bomb(len: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "対策項目").unwrap();
    let base = wb.save_to_buffer().unwrap();
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
    out.write_all(b"<sst><si><t>").unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..len >> 20 {
        out.write_all(&chunk).unwrap();
    }
    out.write_all(b"</t></si></sst>").unwrap();
    out.finish().unwrap().into_inner()
}

#[test]
fn files_past_a_limit_exit_2_naming_it_and_import_nothing() {
    let env = Env::new();
    let bomb = env.path("bomb.xlsx");
    std::fs::write(&bomb, zip_bomb(256 << 20)).unwrap();
    env.cmd()
        .args(["catalog", "import", &bomb])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bomb.xlsx: nothing was imported."))
        .stderr(predicate::str::contains(
            "file: the part `xl/sharedStrings.xml` of the workbook expands to more than 32 MiB (limit 32 MiB)",
        ));
    let out = env
        .cmd()
        .args(["catalog", "import", &bomb, "--format", "json"])
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        (
            v["imported"].as_bool(),
            v["limit"]["limit"].as_str(),
            v["limit"]["value"].as_u64()
        ),
        (Some(false), Some("part_size"), Some(32 << 20)),
        "{v}"
    );

    // Larger than the limit: refused after reading one byte more than the limit (a sparse
    // file of 1 GiB here; a pipe or a device would be the same).
    let big = env.path("big.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    env.cmd()
        .args(["catalog", "import", &big])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "file: the file is larger than 8 MiB (limit 8 MiB)",
        ));

    // A cell longer than the limit.
    let item = "対策項目";
    let mhlw = "関連する医療情報安全管理ガイドライン要求事項";
    let csv = format!(
        "{item},{item},{item},{item},{item},{item},,{mhlw},{mhlw},{mhlw},{mhlw}\r\n\
         大項目,中項目,小項目,No.,内容,区分,リスクシナリオ例,編,項番,区分,内容\r\n\
         1. 人的・組織的対策,1.1. 規程・手順の策定,①規程,①-1,{},,,企画管理編,4.,【遵守事項】,規程を定めること。\r\n",
        "長".repeat(10_001)
    );
    let long = env.path("long.csv");
    std::fs::write(&long, csv).unwrap();
    env.cmd()
        .args(["catalog", "import", &long])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "file: row 3, column E: a cell holds more than 10000 characters (limit 10000 characters)",
        ));
    assert_eq!(env.versions(), 1, "only the built-in version");
}
