//! 開示資料 (disclosure pack): the Table 4-1 items a provider disclosed to ONE institution
//! about one offering, grouped by stage, with the certifications it holds.
//!
//! The provider must give the institution the Table 4-1 information in an easily understood
//! form (GL 3.1.2 説明義務; GL 4.1, Table 4-1). FAQ 4.1 suggests giving the purpose ① items
//! (what an institution checks when it selects an external-storage contractor) at the early
//! stage of consensus building, and the purpose ② items (for a common understanding) once
//! talks toward a contract are concrete; the table is not exhaustive, so a provider may add
//! items of its own (FAQ 4.1). Each item shows its number and name, the content disclosed
//! (answered from anzen's data or by hand), and when and by whom it was disclosed. Only the
//! items disclosed to the institution are in the pack (FAQ 4.1: the institution sees what
//! was disclosed to it, never the provider's unsent drafts).
//!
//! The certifications (Privacy Mark, ISMS, or an equivalent; Table 4-1 ①-7, ①-8) carry the
//! fixed notice that a certificate shows a minimum qualification only and does not mean the
//! guideline's level of safety management is met (GL 4.4; FAQ 4.2).
//!
//! One model feeds the three formats: [`DisclosurePack::pdf`] (typst template
//! `templates/disclosure-pack.typ`), DOCX and XLSX. Text arrives ready to read (labels in
//! Japanese); choosing what one institution may see is the caller's job.

mod docx;
pub mod xlsx;

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{RenderError, dates};

/// The document's title, as printed on every page.
pub const TITLE: &str = "開示資料（表4-1）";

/// The FAQ 4.2 notice printed with the certifications when the caller gives none (the
/// domain's `CERTIFICATE_NOTICE`, FAQ4.2-R2, is the source; keep the two alike).
pub const DEFAULT_CERTIFICATE_NOTICE: &str = "プライバシーマーク認定・ISMS認証及びこれと同等の第三者認証は、医療機関等へ最低限の適格性を示す手段です。これらの認証の取得をもって、本ガイドラインの安全管理水準を満たすわけではありません（FAQ 4.2）。";

/// The intro printed under the title block.
pub const INTRO: &str = "医療機関等が医療情報システム等を選定・利用するにあたり、対象事業者が情報提供した表4-1の項目です（GL 4.1 表4-1、FAQ 4.1）。目的①の項目は合意形成過程の初期段階に、目的②の項目は契約に向けて具体的な話が進んだ段階に提供しています。項目番号は本システムの番号であり、ガイドラインの公式の番号ではありません。";

/// The whole pack, for one offering and one institution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisclosurePack {
    /// Offering, provider, the institution (`institution` should be `Some`), version, date.
    pub cover: Cover,
    /// The items disclosed, in table order (the template groups them by stage).
    pub items: Vec<DisclosedItem>,
    /// The certifications of the provider (valid or not on the issue date), in the order
    /// the caller lists them.
    pub certifications: Vec<CertificationRow>,
    /// The minimum qualification on the issue date (GL 4.4; FAQ 4.2 R1, R3); `None` when
    /// the caller does not state it.
    pub qualification: Option<Qualification>,
    /// The FAQ 4.2 notice (domain `CERTIFICATE_NOTICE.cited_ja()`); empty: the default.
    #[serde(default)]
    pub certificate_notice: String,
    /// A remark printed under the title block (e.g. that disclosures are recorded per
    /// institution, not per offering); `None`: none.
    #[serde(default)]
    pub note: Option<String>,
}

/// When in consensus building an item was given (FAQ 4.1 R2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Purpose ①: the early stage of consensus building.
    Early,
    /// Purpose ②: once talks toward a contract are concrete.
    Contract,
    /// An item the provider added beyond Table 4-1 (FAQ 4.1: the table is not exhaustive).
    Extra,
}

impl Stage {
    /// Every stage, in the order the pack shows them.
    pub const ALL: [Stage; 3] = [Stage::Early, Stage::Contract, Stage::Extra];

    /// The section heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Early => {
                "目的①　合意形成過程の初期段階（外部保存を受託する事業者の選定基準として確認する項目）"
            }
            Self::Contract => {
                "目的②　契約に向けて具体的な話が進んだ段階（共通理解を形成するために情報提供すべき項目）"
            }
            Self::Extra => "表4-1 以外に提供した項目（FAQ 4.1）",
        }
    }

    /// The short label (a table cell).
    pub fn label(self) -> &'static str {
        match self {
            Self::Early => "①初期段階",
            Self::Contract => "②契約に向けた段階",
            Self::Extra => "追加項目",
        }
    }

    /// The app's code (`early`, `contract`, anything else: extra).
    pub fn from_code(code: &str) -> Self {
        match code {
            "early" => Self::Early,
            "contract" => Self::Contract,
            _ => Self::Extra,
        }
    }
}

/// Where the content disclosed came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerOrigin {
    /// Drawn from anzen's register (the certifications, the risk register, the diagrams).
    Anzen,
    /// Written by hand.
    Manual,
}

impl AnswerOrigin {
    pub fn label(self) -> &'static str {
        match self {
            Self::Anzen => "anzen の登録データから回答",
            Self::Manual => "手入力",
        }
    }

    /// The app's code (`anzen`, anything else: manual).
    pub fn from_code(code: &str) -> Self {
        if code == "anzen" {
            Self::Anzen
        } else {
            Self::Manual
        }
    }
}

/// One item disclosed (its latest disclosure to the institution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisclosedItem {
    /// The item number (`①-7`, `②-7(ア)`; anzen's numbering of Table 4-1, not official), or
    /// the provider's own name of an extra item.
    pub key: String,
    /// The item's name (`プライバシーマーク認定又は ISMS 認証を取得していること`).
    pub title: String,
    pub stage: Stage,
    /// The table's sub-group, where it has one (`医療機関等との役割分担の明確化`).
    #[serde(default)]
    pub group: Option<String>,
    /// The content disclosed, as given.
    pub answer: String,
    pub origin: AnswerOrigin,
    /// What anzen can draw the answer from (`第三者認証`, `リスク対応一覧`…); `None` for an
    /// item answered by hand only.
    #[serde(default)]
    pub answerable_from: Option<String>,
    /// Who disclosed it (the user's name as recorded).
    pub disclosed_by: String,
    /// When, in Japan's local time.
    pub disclosed_at: DateTime,
}

/// One certification the provider holds or held (GL 4.4; FAQ 4.2; Table 4-1 ①-7, ①-8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CertificationRow {
    /// The kind (`プライバシーマーク`, `ISMS認証（JIS Q 27001）`…).
    pub kind: String,
    /// The auditor's qualification of an external audit, or the name of another equivalent
    /// certification; `None` otherwise.
    #[serde(default)]
    pub detail: Option<String>,
    /// What it covers (organisation, sites, services).
    pub scope: String,
    pub issuer: String,
    pub valid_from: Date,
    pub valid_to: Date,
    /// The status on the issue date (`有効`, `有効期限間近`, `期限切れ`, `有効期間前`).
    pub status: String,
    /// The Table 4-1 item it answers (`①-7` or `①-8`).
    pub table_item: String,
}

impl CertificationRow {
    /// `2025年4月1日〜2028年3月31日`.
    pub fn period(&self) -> String {
        format!(
            "{}〜{}",
            dates::seireki(self.valid_from),
            dates::seireki(self.valid_to)
        )
    }
}

/// Whether the provider holds the minimum qualification (GL 4.4; FAQ 4.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qualification {
    pub met: bool,
    /// What it rests on (`プライバシーマーク又はISMS`…); `None` when not met.
    #[serde(default)]
    pub basis: Option<String>,
    /// The findings, each with its citation.
    #[serde(default)]
    pub reasons: Vec<String>,
}

impl Qualification {
    /// `あり（プライバシーマーク又はISMS）` or `なし`.
    pub fn text(&self) -> String {
        match (self.met, &self.basis) {
            (true, Some(b)) => format!("あり（{b}）"),
            (true, None) => "あり".into(),
            (false, _) => "なし".into(),
        }
    }
}

impl DisclosedItem {
    /// `手入力` or `anzen の登録データから回答：第三者認証`.
    pub fn origin_text(&self) -> String {
        match &self.answerable_from {
            Some(f) => format!("{}：{f}", self.origin.label()),
            None => self.origin.label().to_string(),
        }
    }

    /// `山田 花子（2026年12月1日 10:00）`.
    pub fn who_when(&self) -> String {
        format!(
            "{}（{}）",
            self.disclosed_by,
            dates::seireki_time(self.disclosed_at)
        )
    }
}

impl DisclosurePack {
    /// The notice printed with the certifications (never empty).
    pub fn notice(&self) -> &str {
        if self.certificate_notice.trim().is_empty() {
            DEFAULT_CERTIFICATE_NOTICE
        } else {
            &self.certificate_notice
        }
    }

    /// The items of one stage, in the order given.
    pub fn items_of(&self, stage: Stage) -> impl Iterator<Item = &DisclosedItem> {
        self.items.iter().filter(move |i| i.stage == stage)
    }

    /// The data the typst template reads as `data.json`: the stages with their items (a
    /// stage with none is left out), the certifications and the notice, dates as text.
    pub fn template_data(&self) -> serde_json::Value {
        let stages: Vec<serde_json::Value> = Stage::ALL
            .iter()
            .filter(|s| self.items_of(**s).next().is_some())
            .map(|s| {
                let items: Vec<serde_json::Value> = self
                    .items_of(*s)
                    .map(|i| {
                        serde_json::json!({
                            "key": i.key,
                            "title": i.title,
                            "group": i.group,
                            "answer": i.answer,
                            "origin": i.origin_text(),
                            "by": i.disclosed_by,
                            "at": dates::seireki_time(i.disclosed_at),
                        })
                    })
                    .collect();
                serde_json::json!({ "heading": s.heading(), "label": s.label(), "items": items })
            })
            .collect();
        let certifications: Vec<serde_json::Value> = self
            .certifications
            .iter()
            .map(|c| {
                serde_json::json!({
                    "kind": c.kind,
                    "detail": c.detail,
                    "scope": c.scope,
                    "issuer": c.issuer,
                    "period": c.period(),
                    "status": c.status,
                    "table_item": c.table_item,
                })
            })
            .collect();
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "count": self.items.len(),
            "stages": stages,
            "certifications": certifications,
            "qualification": self.qualification.as_ref().map(|q| serde_json::json!({
                "text": q.text(),
                "reasons": q.reasons,
            })),
            "intro": INTRO,
            "notice": self.notice(),
            "note": self.note,
        })
    }

    /// The pack as PDF (A4 portrait, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/disclosure-pack.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The pack as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The pack as XLSX: one sheet of items, one of certifications.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for DisclosurePack {
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
    /// One entry per item (keyed by its number), one per certification (keyed by kind and
    /// scope), and one for the minimum qualification.
    fn entries(&self) -> Vec<crate::Entry> {
        let items = self.items.iter().map(|i| crate::Entry {
            key: format!("項目:{}", i.key),
            caption: format!("{} {}", i.key, i.title),
            content: serde_json::json!({
                "stage": i.stage,
                "title": i.title,
                "answer": i.answer,
                "origin": i.origin,
                "disclosed_by": i.disclosed_by,
                "disclosed_at": i.disclosed_at,
            }),
        });
        let certs = self.certifications.iter().map(|c| {
            let name = match &c.detail {
                Some(d) => format!("{}（{d}）", c.kind),
                None => c.kind.clone(),
            };
            crate::Entry {
                key: format!("認証:{name}:{}", c.scope),
                caption: format!("{name}　{}", c.scope),
                content: serde_json::to_value(c).unwrap_or_default(),
            }
        });
        let qualification = self.qualification.iter().map(|q| crate::Entry {
            key: "最低限の適格性".into(),
            caption: "最低限の適格性（GL 4.4、FAQ 4.2）".into(),
            content: serde_json::to_value(q).unwrap_or_default(),
        });
        items.chain(certs).chain(qualification).collect()
    }
}
