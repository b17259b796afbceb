//! リスク対応一覧 (risk treatment list) of one offering, for every institution or for one.
//!
//! The list is the output of the design and evaluation of treatments (GL 5.1.5; worked
//! example GL 5.2.2) that the provider gives the institution (Table 4-1 ②-6) and on which
//! both agree the division of roles (GL 4.2, risk communication GL 5.1.6): every risk with
//! its information flow, its level before and after treatment (impact × likelihood,
//! GL 5.1.2), the option chosen and the options weighed with the reasons (GL 5.1.4), the
//! measures with their owners (the institution's own duties marked), the explanation given,
//! and what each institution answered (consent, decline or an open question, with who and
//! when).
//!
//! One model feeds the three formats: [`pdf`] (typst template
//! `templates/risk-treatment.typ`), [`docx`] and [`xlsx`]. The model carries text ready to
//! read (labels already in Japanese): mapping the application's records onto it, and
//! deciding what one institution may see, is the caller's job.

mod docx;
pub mod xlsx;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{RenderError, dates};

/// The document's title, as printed on every page.
pub const TITLE: &str = "リスク対応一覧";

/// The whole list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskTreatmentList {
    /// Offering, provider, audience (one institution or all), version, issue date, number.
    pub cover: Cover,
    pub risks: Vec<RiskEntry>,
}

/// One risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskEntry {
    /// The risk's reference, e.g. `R-012`.
    pub code: String,
    pub title: String,
    /// The information flow the risk sits on.
    pub flow: Flow,
    /// The level before treatment.
    pub before: Level,
    /// The residual level after treatment; `None` while it has not been assessed.
    pub after: Option<Level>,
    /// The option chosen (低減 / 回避 / 移転 / 受容 ...), as a label.
    pub option: String,
    /// The options weighed and why each was or was not taken.
    pub options_weighed: Vec<WeighedOption>,
    /// Why the chosen option (the reasons a reader asks for).
    pub reasons: String,
    pub measures: Vec<Measure>,
    /// The explanation given to the institutions; `None` if none was given yet.
    pub explanation: Option<String>,
    /// Per institution, its answer (only the institutions the reader may see).
    pub responses: Vec<InstitutionResponse>,
}

/// Who handles what information where, on which device, how.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Flow {
    pub who: String,
    #[serde(rename = "where")]
    pub place: String,
    pub device: String,
    pub what: String,
    pub how: String,
}

/// A risk level: impact × likelihood, with the level's label (e.g. `高`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub impact: u8,
    pub likelihood: u8,
    pub label: String,
}

impl Level {
    /// The score, impact × likelihood.
    pub fn score(&self) -> u16 {
        u16::from(self.impact) * u16::from(self.likelihood)
    }

    /// `高（影響度 4 × 発生可能性 3 = 12）`.
    pub fn text(&self) -> String {
        format!(
            "{}（影響度 {} × 発生可能性 {} = {}）",
            self.label,
            self.impact,
            self.likelihood,
            self.score()
        )
    }
}

/// An option considered for the risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeighedOption {
    pub option: String,
    pub chosen: bool,
    pub reason: String,
}

/// A measure and who carries it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub description: String,
    pub owner: String,
    /// The institution's own duty (it must do this itself).
    pub institution_duty: bool,
}

/// What an institution answered on the risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstitutionResponse {
    pub institution: String,
    pub state: ResponseState,
    /// Who answered (or asked); `None` while nobody has.
    pub by: Option<String>,
    /// When, in Japan's local time; `None` while nobody has.
    pub at: Option<DateTime>,
    /// The question asked or the reason for declining.
    pub note: Option<String>,
}

/// The institution's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResponseState {
    Consented,
    Declined,
    Question,
    Pending,
}

impl ResponseState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Consented => "同意",
            Self::Declined => "不同意",
            Self::Question => "質問あり",
            Self::Pending => "未回答",
        }
    }
}

impl InstitutionResponse {
    /// `同意（山田 花子、2026年12月1日 10:00）`.
    pub fn text(&self) -> String {
        let mut who_when = Vec::new();
        if let Some(by) = &self.by {
            who_when.push(by.clone());
        }
        if let Some(at) = self.at {
            who_when.push(dates::seireki_time(at));
        }
        let mut s = self.state.label().to_string();
        if !who_when.is_empty() {
            s.push_str(&format!("（{}）", who_when.join("、")));
        }
        if let Some(note) = &self.note {
            s.push_str(&format!("：{note}"));
        }
        s
    }
}

impl Measure {
    /// `description（担当: owner）【医療機関の実施事項】`.
    pub fn text(&self) -> String {
        let mut s = format!("{}（担当: {}）", self.description, self.owner);
        if self.institution_duty {
            s.push_str(INSTITUTION_DUTY_MARK);
        }
        s
    }
}

/// The mark on a measure that the institution itself must carry out.
pub const INSTITUTION_DUTY_MARK: &str = "【医療機関の実施事項】";

impl RiskTreatmentList {
    /// The data the typst template reads as `data.json`: the model plus the texts it
    /// should not compute itself (dates in 西暦 and 和暦, levels, answers).
    pub fn template_data(&self) -> serde_json::Value {
        let risks: Vec<serde_json::Value> = self
            .risks
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code,
                    "title": r.title,
                    "flow": r.flow,
                    "before": r.before.text(),
                    "before_label": r.before.label,
                    "after": r.after.as_ref().map(Level::text),
                    "after_label": r.after.as_ref().map(|l| l.label.clone()),
                    "option": r.option,
                    "options_weighed": r.options_weighed,
                    "reasons": r.reasons,
                    "measures": r.measures.iter().map(Measure::text).collect::<Vec<_>>(),
                    "explanation": r.explanation,
                    "responses": r.responses.iter().map(|x| serde_json::json!({
                        "institution": x.institution,
                        "state": x.state.label(),
                        "text": x.text(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "risks": risks,
        })
    }

    /// The list as PDF (A4 landscape, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/risk-treatment.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The list as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The list as XLSX: one sheet of risks, one of measures, one of answers.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for RiskTreatmentList {
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
    /// One entry per risk, keyed by its code.
    fn entries(&self) -> Vec<crate::Entry> {
        self.risks
            .iter()
            .map(|r| crate::Entry {
                key: r.code.clone(),
                caption: format!("{} {}", r.code, r.title),
                content: serde_json::to_value(r).unwrap_or_default(),
            })
            .collect()
    }
}
