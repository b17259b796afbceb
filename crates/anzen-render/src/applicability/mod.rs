//! 適用宣言書 (statement of applicability) of one offering: every control of one version of
//! Appendix 2 (別紙2, appendix2.md §1–§3) with the offering's statement on it, grouped as the
//! catalogue is (大項目 › 中項目, the 小項目 on each control), a count per state, the
//! provider's own controls, and the chapter 6 regulatory requirements with whether they are
//! met.
//!
//! Appendix 2 is the minimum check, made through risk management, and is read like ISMS
//! Annex A (FAQ 5.3-R1, R5): every control gets a statement, and a control not adopted needs
//! a reasonable reason: it does not concern the system, or an alternative measure is in place
//! (FAQ 5.3-R7). Measures outside Appendix 2 are allowed when the risk analysis supports
//! them (FAQ 5.3-R4): the provider's own controls. Regulatory requirements (GL chapter 6;
//! FAQ 7, 7.1: domestic law, 真正性・見読性・保存性 under the e-文書法, electronic signatures
//! …) are met uniformly whatever the risk analysis says: never "not applicable" by a risk
//! decision (FAQ 7-R1), only "法令上の適用なし" on a documented finding.
//!
//! One model feeds the three formats: [`pdf`](StatementOfApplicability::pdf) (typst template
//! `templates/applicability.typ`, A4 landscape, one table), [`docx`] and [`xlsx`]. The model
//! carries text ready to read (labels already in Japanese); the application maps its
//! statement table (`statement_table`, `unmet_regulatory`) onto it.

mod cells;
mod docx;
pub mod xlsx;

pub(crate) use cells::{
    catalogue_rows, control_cells, regulatory_cells, summary_cells, topic_starts,
};
pub use cells::{summary_columns, summary_rows};

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{RenderError, dates};

/// The document's title, as printed on every page.
pub const TITLE: &str = "適用宣言書";

/// The whole statement of applicability of one offering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementOfApplicability {
    /// Offering, provider, audience (one institution or all), version, issue date, number.
    pub cover: Cover,
    /// The Appendix 2 version the statements are made on.
    pub catalogue: CatalogueInfo,
    /// The controls of that version, grouped by 大項目 and 中項目, in catalogue order.
    pub chapters: Vec<Chapter>,
    /// The provider's own controls (FAQ 5.3-R4), in the provider's order; may be empty.
    pub provider_controls: Vec<ControlStatement>,
    /// The chapter 6 regulatory requirements (FAQ 7, 7.1), in catalogue order.
    pub regulatory: Vec<RegulatoryStatement>,
}

/// The Appendix 2 version (appendix2.md §7.1 `ControlCatalogue`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueInfo {
    /// The version label, e.g. `v1.1 (3f2a9c0d1e4b)`.
    pub version: String,
    /// The title of the source, e.g. `(別紙2)統合前ガイドラインにおける対策項目一覧と…`.
    pub source_title: String,
    /// The provider guideline version the appendix belongs to, e.g. `1.1`.
    pub provider_gl_version: String,
    /// The MHLW guideline version its references point to, e.g. `6.0`.
    pub mhlw_gl_version: String,
    /// True when the control texts are the official wording as imported; false when they are
    /// anzen's paraphrase (appendix2.md §7.3 rule 10: the document then says so).
    pub official_text: bool,
    /// The meaning of the 区分 mark (◎), once the official legend is known.
    pub kubun_legend: Option<String>,
    /// Why the catalogue is incomplete, when it is.
    pub completeness_note: Option<String>,
}

/// A 大項目 (e.g. `1` 人的・組織的対策).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    pub number: String,
    /// `None` where the catalogue has no title for it.
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

/// A 中項目 (e.g. `1.1` 規程・手順の策定).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub number: String,
    pub title: Option<String>,
    pub controls: Vec<ControlStatement>,
}

/// One control (an Appendix 2 item or a provider control) and the offering's statement on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlStatement {
    /// The control's key: Appendix 2 `1.1/①-1`, a provider control's own key.
    pub key: String,
    /// Appendix 2: the 小項目 (`① アクセス管理規程の策定`); a provider control: its title.
    pub topic: Option<String>,
    /// The control's text.
    pub text: String,
    /// The 区分 cell as written (`◎` or empty).
    pub kubun: String,
    pub state: StatementState,
    /// The statement's texts, each with its label (実施方法, 証跡, 代替策の内容, 同等とする理由,
    /// 適用しない理由, 予定している対策, 対応予定日 …); empty without a statement.
    pub texts: Vec<StatementText>,
    /// Who made the statement; `None` without one.
    pub stated_by: Option<String>,
    /// When, in Japan's local time; `None` without a statement.
    pub stated_at: Option<DateTime>,
    /// The catalogue version the statement was made on, when it is an earlier one (carried
    /// over to this version; appendix2.md §7.3 rule 7).
    pub carried_from: Option<String>,
    /// The statement was made on an earlier version whose control changed: to review.
    pub to_review: bool,
    /// The risks the statement rests on, as a reader names them (`R-012 ランサムウェア…`).
    pub risks: Vec<String>,
}

/// One text of a statement with its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementText {
    pub label: String,
    pub text: String,
}

/// The state of a control or requirement (the status of its statement, or none yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementState {
    /// 採用: the control is in place.
    Adopted,
    /// 代替策: another measure is in place instead (FAQ 5.3-R4, R7).
    Alternative,
    /// 適用外: the control does not concern the offering (FAQ 5.3-R7).
    NotApplicable,
    /// 対応予定: to be in place by a date.
    Planned,
    /// 法令上の適用なし: a regulatory requirement whose law does not reach the offering
    /// (FAQ 7-R1; regulatory requirements only).
    LegallyNotApplicable,
    /// 記述なし: no statement yet.
    None,
}

impl StatementState {
    /// Every state, in the order the summary counts them.
    pub const ALL: [StatementState; 6] = [
        Self::Adopted,
        Self::Alternative,
        Self::NotApplicable,
        Self::Planned,
        Self::LegallyNotApplicable,
        Self::None,
    ];
    /// The states a control (Appendix 2 or the provider's) takes.
    pub const OF_CONTROLS: [StatementState; 5] = [
        Self::Adopted,
        Self::Alternative,
        Self::NotApplicable,
        Self::Planned,
        Self::None,
    ];

    /// The label, as the application's screens show it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Adopted => "採用",
            Self::Alternative => "代替策",
            Self::NotApplicable => "適用外",
            Self::Planned => "対応予定",
            Self::LegallyNotApplicable => "法令上の適用なし",
            Self::None => "記述なし",
        }
    }
}

/// A chapter 6 regulatory requirement and the offering's statement on it (FAQ 7, 7.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegulatoryStatement {
    /// The requirement's key, e.g. `6.2-authenticity`.
    pub key: String,
    /// The guideline section, e.g. `6.2`.
    pub section: String,
    /// The title, e.g. `真正性` (a working title ends with `※仮題`).
    pub title: String,
    /// The laws and notices to consult (FAQ 7.1-R2), e.g. `e-文書法（平成16年法律第149号）`.
    pub legal_basis: Vec<String>,
    /// Adopted, planned, legally not applicable, or none yet.
    pub state: StatementState,
    pub texts: Vec<StatementText>,
    pub stated_by: Option<String>,
    pub stated_at: Option<DateTime>,
    pub risks: Vec<String>,
    /// Why the requirement is not met; `None` when it is met (adopted, or legally not
    /// applicable, and resting on no accepted risk: FAQ 7-R1).
    pub unmet: Option<Unmet>,
    /// Anything else the reader should know about the requirement.
    pub note: Option<String>,
}

/// Why a regulatory requirement is not met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmet {
    /// The reason's label: 記述なし / 対応予定 / 未対応 / 受容されたリスクに依存.
    pub reason: String,
    /// The date it is planned to be met, when planned.
    pub planned_by: Option<Date>,
}

impl RegulatoryStatement {
    pub fn met(&self) -> bool {
        self.unmet.is_none()
    }

    /// `適合` or `未適合（対応予定：2027年3月31日）`.
    pub fn met_text(&self) -> String {
        match &self.unmet {
            None => MET.to_string(),
            Some(u) => match u.planned_by {
                Some(by) => format!("{NOT_MET}（{}：{}）", u.reason, dates::seireki(by)),
                None => format!("{NOT_MET}（{}）", u.reason),
            },
        }
    }
}

/// The label of a regulatory requirement that is met.
pub const MET: &str = "適合";
/// The label of a regulatory requirement that is not met.
pub const NOT_MET: &str = "未適合";

/// The text printed where a control has no statement yet, or a cell has nothing.
const DASH: &str = "—";

/// `label：text` lines, one per text.
pub fn texts_text(texts: &[StatementText]) -> String {
    texts
        .iter()
        .map(|t| format!("{}：{}", t.label, t.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `山田 花子（2026年12月1日 10:30）`, or empty without a statement.
pub fn stated_text(by: Option<&str>, at: Option<DateTime>) -> String {
    match (by, at) {
        (Some(b), Some(a)) => format!("{b}（{}）", dates::seireki_time(a)),
        (Some(b), None) => b.to_string(),
        (None, Some(a)) => dates::seireki_time(a),
        (None, None) => String::new(),
    }
}

/// The cell of who stated and when: `山田 花子` and `2026年12月1日 10:30` on two lines, or
/// `—` without a statement.
pub fn stated_cell(by: Option<&str>, at: Option<DateTime>) -> String {
    match (by, at) {
        (None, None) => DASH.to_string(),
        (Some(b), Some(a)) => format!("{b}\n{}", dates::seireki_time(a)),
        (Some(b), None) => b.to_string(),
        (None, Some(a)) => dates::seireki_time(a),
    }
}

impl ControlStatement {
    /// `v1.0 の記述を引継ぎ`, `v1.0 の記述・要見直し`, or empty for a statement on this
    /// version.
    pub fn carried_text(&self) -> String {
        match (&self.carried_from, self.to_review) {
            (Some(v), true) => format!("{v} の記述・要見直し"),
            (Some(v), false) => format!("{v} の記述を引継ぎ"),
            (None, true) => "要見直し".to_string(),
            (None, false) => String::new(),
        }
    }

    pub fn stated_text(&self) -> String {
        stated_text(self.stated_by.as_deref(), self.stated_at)
    }
}

/// How many controls are in each state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// One count per state of [`StatementState::OF_CONTROLS`], in that order.
    pub by_state: Vec<(StatementState, usize)>,
    pub to_review: usize,
    pub total: usize,
}

impl Counts {
    pub fn of<'a>(controls: impl IntoIterator<Item = &'a ControlStatement>) -> Self {
        let mut by_state: Vec<(StatementState, usize)> = StatementState::OF_CONTROLS
            .iter()
            .map(|s| (*s, 0))
            .collect();
        let (mut to_review, mut total) = (0, 0);
        for c in controls {
            total += 1;
            if c.to_review {
                to_review += 1;
            }
            match by_state.iter_mut().find(|(s, _)| *s == c.state) {
                Some((_, n)) => *n += 1,
                // A state controls do not take (法令上の適用なし) still counts somewhere.
                None => by_state.push((c.state, 1)),
            }
        }
        Self {
            by_state,
            to_review,
            total,
        }
    }

    pub fn get(&self, state: StatementState) -> usize {
        self.by_state
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    }
}

impl Chapter {
    /// `1 人的・組織的対策`.
    pub fn heading(&self) -> String {
        numbered(&self.number, self.title.as_deref())
    }
    pub fn controls(&self) -> impl Iterator<Item = &ControlStatement> {
        self.sections.iter().flat_map(|s| s.controls.iter())
    }
}

impl Section {
    /// `1.1 規程・手順の策定`.
    pub fn heading(&self) -> String {
        numbered(&self.number, self.title.as_deref())
    }
}

fn numbered(number: &str, title: Option<&str>) -> String {
    match title {
        Some(t) => format!("{number} {t}"),
        None => number.to_string(),
    }
}

impl StatementOfApplicability {
    /// Every Appendix 2 control, in catalogue order.
    pub fn controls(&self) -> impl Iterator<Item = &ControlStatement> {
        self.chapters.iter().flat_map(Chapter::controls)
    }

    /// The counts of the Appendix 2 controls.
    pub fn counts(&self) -> Counts {
        Counts::of(self.controls())
    }
}

impl StatementOfApplicability {
    /// The data the typst template reads as `data.json`: the cover, the catalogue rows, the
    /// summary, and every table as rows of ready text. The control table comes per chapter
    /// (`{"heading": .., "rows": [..]}`, a row either `{"group": section heading}` or an
    /// array of six cells): the template starts each chapter on a new page, and typst lays
    /// out such page runs in parallel.
    pub fn template_data(&self) -> serde_json::Value {
        let chapters: Vec<serde_json::Value> = self
            .chapters
            .iter()
            .map(|ch| {
                let mut rows: Vec<serde_json::Value> = Vec::new();
                for s in &ch.sections {
                    rows.push(serde_json::json!({ "group": s.heading() }));
                    let starts = topic_starts(&s.controls);
                    for (c, start) in s.controls.iter().zip(starts) {
                        rows.push(serde_json::json!(control_cells(c, start)));
                    }
                }
                serde_json::json!({ "heading": ch.heading(), "rows": rows })
            })
            .collect();
        let provider: Vec<[String; 6]> = self
            .provider_controls
            .iter()
            .map(|c| control_cells(c, true))
            .collect();
        let regulatory: Vec<[String; 7]> = self.regulatory.iter().map(regulatory_cells).collect();
        let unmet = self.regulatory.iter().filter(|r| !r.met()).count();
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "catalogue": catalogue_rows(self),
            "summary_columns": summary_columns(),
            "summary": summary_cells(self),
            "chapters": chapters,
            "provider": provider,
            "regulatory": regulatory,
            "regulatory_count": format!(
                "{} 件（適合 {} 件、未適合 {} 件）",
                self.regulatory.len(),
                self.regulatory.len() - unmet,
                unmet
            ),
        })
    }

    /// The statement as PDF (A4 landscape, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/applicability.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The statement as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The statement as XLSX: one sheet of Appendix 2 controls, one of the provider's
    /// controls, one of the regulatory requirements, one of the counts.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for StatementOfApplicability {
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
    /// One entry per control and requirement, keyed `appendix2:<key>`, `provider:<key>` and
    /// `regulatory:<key>` (the catalogue version is in the cover's data, not in the key, so
    /// that a statement carried to a new version compares with the old one).
    fn entries(&self) -> Vec<crate::Entry> {
        let control = |kind: &str, c: &ControlStatement| crate::Entry {
            key: format!("{kind}:{}", c.key),
            caption: match &c.topic {
                Some(t) => format!("{} {t}", c.key),
                None => c.key.clone(),
            },
            content: serde_json::to_value(c).unwrap_or_default(),
        };
        self.controls()
            .map(|c| control("appendix2", c))
            .chain(
                self.provider_controls
                    .iter()
                    .map(|c| control("provider", c)),
            )
            .chain(self.regulatory.iter().map(|r| crate::Entry {
                key: format!("regulatory:{}", r.key),
                caption: format!("{} {}", r.section, r.title),
                content: serde_json::to_value(r).unwrap_or_default(),
            }))
            .collect()
    }
}
