//! サイバーセキュリティ対策チェックリスト（事業者確認用）: the provider's answers to the MHLW
//! cybersecurity checklist for one offering and one fiscal-year edition (guideline-notes §7):
//! every item with はい / いいえ, the day checked, for いいえ the target day within the fiscal
//! year, the evidence, who answered and whether anzen judged it from its records.
//!
//! One model feeds the three formats: [`pdf`](MhlwChecklist::pdf) (typst template
//! `templates/mhlw-checklist.typ`, A4 landscape), DOCX and XLSX. The XLSX is also the file a
//! provider fills in and imports again: the sheet [`SHEET_ANSWERS`] has the columns
//! [`ANSWER_COLUMNS`] and the summary sheet names the edition, the offering's id and the
//! revision of the answers (see [`FACT_EDITION`], [`FACT_OFFERING_ID`], [`FACT_REVISION`]).

use serde::{Deserialize, Serialize};

use crate::RenderError;
use crate::cover::Cover;
use crate::tabular::{self, Front, Section};

/// The document's title, as printed on every page.
pub const TITLE: &str = "サイバーセキュリティ対策チェックリスト（事業者確認用）";
/// The sheet of the answers in the XLSX.
pub const SHEET_ANSWERS: &str = "回答";
/// The summary sheet of the XLSX (the cover's facts and the ones below).
pub const SHEET_SUMMARY: &str = "概要";
/// The summary fact naming the edition (e.g. `R7`).
pub const FACT_EDITION: &str = "チェックリストの版";
/// The summary fact holding the offering's id.
pub const FACT_OFFERING_ID: &str = "サービスID";
/// The summary fact holding the revision of the answers the file was made from.
pub const FACT_REVISION: &str = "回答の改訂番号";

/// The columns of the answer sheet, in order.
pub const ANSWER_COLUMNS: [&str; 8] = [
    "項番",
    "確認項目",
    "回答（はい／いいえ）",
    "確認日",
    "目標日（いいえの場合）",
    "根拠・証跡",
    "回答者",
    "回答元",
];

/// Printed in the source column of an answer judged from anzen's records.
pub const SOURCE_DATA: &str = "anzenの記録";
/// Printed in the source column of a person's answer.
pub const SOURCE_PERSON: &str = "担当者";

/// The facts, the notes and the rows of the DOCX and the XLSX.
type Tables = (Vec<(String, String)>, Vec<String>, Vec<Vec<String>>);

const WIDTHS: [f64; 8] = [12.0, 40.0, 12.0, 12.0, 14.0, 60.0, 16.0, 14.0];

/// The answers of one offering to one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MhlwChecklist {
    pub cover: Cover,
    /// `R7` …
    pub edition: String,
    /// `令和7年度（2025年4月1日〜2026年3月31日）`.
    pub fiscal_year: String,
    pub offering_id: String,
    /// The revision of the saved answers (0: none saved yet).
    pub revision: i64,
    pub items: Vec<ChecklistRow>,
}

/// One item and its answer (every text ready to print; empty where not answered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecklistRow {
    pub key: String,
    pub title: String,
    /// `はい`, `いいえ` or empty.
    pub reply: String,
    /// `YYYY-MM-DD` or empty.
    pub checked_on: String,
    pub target_on: String,
    pub evidence: String,
    pub answered_by: String,
    /// [`SOURCE_PERSON`], [`SOURCE_DATA`] or empty.
    pub source: String,
}

impl ChecklistRow {
    fn cells(&self) -> Vec<String> {
        vec![
            self.key.clone(),
            self.title.clone(),
            self.reply.clone(),
            self.checked_on.clone(),
            self.target_on.clone(),
            self.evidence.clone(),
            self.answered_by.clone(),
            self.source.clone(),
        ]
    }
}

impl MhlwChecklist {
    /// The facts after the cover's: the edition, the fiscal year, the counts, and what an
    /// import needs to find the answers again.
    pub fn facts(&self) -> Vec<(String, String)> {
        let answered = self.items.iter().filter(|r| !r.reply.is_empty()).count();
        let no = self.items.iter().filter(|r| r.reply == "いいえ").count();
        vec![
            (FACT_EDITION.into(), self.edition.clone()),
            ("対象年度".into(), self.fiscal_year.clone()),
            (
                "回答状況".into(),
                format!(
                    "{} 項目中 {answered} 項目回答（いいえ {no} 項目）",
                    self.items.len()
                ),
            ),
            (FACT_OFFERING_ID.into(), self.offering_id.clone()),
            (FACT_REVISION.into(), self.revision.to_string()),
        ]
    }

    fn notes() -> Vec<String> {
        vec![
            "医療機関等は事業者確認用チェックリストをシステムごとに事業者へ送付し、事業者は各項目に「はい／いいえ」と確認日を回答する。「いいえ」の場合は年度内の目標日を記入する（厚生労働省 チェックリストマニュアル）。".into(),
            "回答元が「anzenの記録」の項目は、anzenの機器台帳・運用管理規程等の記録から判定した回答である。取り込み時、回答元が「anzenの記録」のままの行は取り込まれない（anzenが記録から判定を続ける）。その項目に自ら回答する場合は回答元を「担当者」に変える。記入して取り込む場合は「回答」シートの回答・確認日・目標日・根拠を編集し、概要シートの版・サービスID・改訂番号は変えないこと。".into(),
        ]
    }

    /// The data the typst template reads as `data.json`.
    pub fn template_data(&self) -> serde_json::Value {
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "facts": self.facts(),
            "notes": Self::notes(),
            "heads": ANSWER_COLUMNS,
            "rows": self.items.iter().map(ChecklistRow::cells).collect::<Vec<_>>(),
        })
    }

    /// The checklist as PDF (A4 landscape, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/mhlw-checklist.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    fn tables(&self) -> Tables {
        (
            self.facts(),
            Self::notes(),
            self.items.iter().map(ChecklistRow::cells).collect(),
        )
    }

    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        let (facts, notes, rows) = self.tables();
        tabular::docx(&self.cover, &self.front(&facts, &notes), &[section(&rows)])
    }

    /// The XLSX a provider fills in and imports again.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        let (facts, notes, rows) = self.tables();
        tabular::xlsx(&self.cover, &self.front(&facts, &notes), &[section(&rows)])
    }

    fn front<'a>(&self, facts: &'a [(String, String)], notes: &'a [String]) -> Front<'a> {
        Front {
            title: TITLE,
            landscape: true,
            facts,
            notes,
        }
    }
}

fn section(rows: &[Vec<String>]) -> Section<'_> {
    Section {
        title: "回答",
        sheet: SHEET_ANSWERS,
        columns: &ANSWER_COLUMNS,
        widths: &WIDTHS,
        rows,
    }
}

impl crate::Document for MhlwChecklist {
    const TITLE: &'static str = TITLE;

    fn cover(&self) -> &Cover {
        &self.cover
    }
    fn cover_mut(&mut self) -> &mut Cover {
        &mut self.cover
    }
    fn render(&self, format: crate::Format) -> Result<Vec<u8>, RenderError> {
        match format {
            crate::Format::Pdf => self.pdf(),
            crate::Format::Docx => self.docx(),
            crate::Format::Xlsx => self.xlsx(),
        }
    }
    /// One entry per item, keyed `item:<number>`.
    fn entries(&self) -> Vec<crate::Entry> {
        self.items
            .iter()
            .map(|r| crate::Entry {
                key: format!("item:{}", r.key),
                caption: format!("{} {}", r.key, r.title),
                content: serde_json::to_value(r).unwrap_or_default(),
            })
            .collect()
    }
}
