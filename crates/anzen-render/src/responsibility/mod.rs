//! 責任分界表 (responsibility division) of one offering, for one institution or for all: the
//! agreed version of each lifecycle agreement on duties and responsibilities.
//!
//! Over the lifecycle of a medical information system (GL 3.2, Fig. 3-4: 契約前, 開発, 運用,
//! 契約終了, 危機管理対応時, and keeping the agreement up to date) the provider and the
//! institution make clear which party bears each duty and agree it explicitly (GL 3.2.1;
//! FAQ 3). The agreement covers development as well as operation (FAQ 3.1 R1, R3); a duty
//! given to a subcontractor is named with it and agreed internally between the provider and
//! that subcontractor (FAQ 3.1 R3; FAQ 3 R1 for the whole chain). Each version is agreed by
//! named users of both parties; a change is a new version that needs agreement again
//! (GL 3.2.1), which the table marks.
//!
//! Part 1 lists, per phase, each duty with its responsible party. Part 2 sets the same
//! duties out in the layout of the 2024 「医療情報システムの契約における当事者間の役割分担等
//! に関する確認表」 (MIC, MHLW, METI, June 2024; notes §9): one row per item, a ○ under
//! 医療機関等 / 事業者 / 委託先. The official item list of that table is not known to anzen
//! (notes §9: "full item list, columns, answer format unknown"), so part 2 is derived from
//! the agreement's duties ([`AgreementSheet::confirmation_rows`]) and says so.
//!
//! One model feeds the three formats: [`ResponsibilityDivision::pdf`] (typst template
//! `templates/responsibility.typ`), DOCX and XLSX.

mod docx;
pub mod xlsx;

use jiff::civil::DateTime;
use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{RenderError, dates};

/// The document's title, as printed on every page.
pub const TITLE: &str = "責任分界表";

/// The intro printed under the title block.
pub const INTRO: &str = "医療情報システム等のライフサイクル（契約前・開発・運用・契約終了・危機管理対応時）の各段階で、対象事業者と医療機関等がそれぞれ負う義務と責任を明確化し、明示的に合意した内容です（GL 3.2 図3-4、GL 3.2.1、FAQ 3、FAQ 3.1）。委託先事業者が責任を負う義務は、事業者と委託先の間でも内部的に合意しています（FAQ 3.1）。合意の内容を変更したときは新しい版となり、両当事者の再合意が必要です。";

/// Printed over part 2: where its layout comes from and what it does not claim.
pub const CONFIRMATION_NOTE: &str = "本表は「医療情報システムの契約における当事者間の役割分担等に関する確認表」（総務省・厚生労働省・経済産業省、2024年6月）の様式（項目ごとに医療機関等・事業者・委託先の担当を○で示す）に倣い、上記の合意の義務から作成したものです。確認表の公式の項目一覧は収録していないため、確認表の項目番号との対応は示していません。確認表そのものの記入に代わるものではありません。";

/// The mark in part 2 for the party that bears an item.
pub const MARK: &str = "○";

/// The whole table: one sheet per agreement shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponsibilityDivision {
    /// Offering, provider, audience (one institution or all), version, issue date, number.
    pub cover: Cover,
    /// The agreements, one per institution (and, if the caller includes them, the
    /// provider's internal agreements with its subcontractors, FAQ 3.1 R3).
    pub agreements: Vec<AgreementSheet>,
}

/// Between whom an agreement is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementKind {
    /// The provider and the medical institution (GL 3.2).
    ProviderInstitution,
    /// The provider and its own subcontractor (FAQ 3.1 R3; FAQ 3 R1).
    Internal,
}

impl AgreementKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::ProviderInstitution => "対象事業者と医療機関等の合意",
            Self::Internal => "事業者と委託先の（内部的な）合意",
        }
    }
}

/// The phases of Fig. 3-4 (GL 3.2) and keeping the agreement up to date (GL 3.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    PreContract,
    Development,
    Operation,
    ContractEnd,
    CrisisResponse,
    AgreementMaintenance,
}

impl Phase {
    /// Every phase, in lifecycle order.
    pub const ALL: [Phase; 6] = [
        Phase::PreContract,
        Phase::Development,
        Phase::Operation,
        Phase::ContractEnd,
        Phase::CrisisResponse,
        Phase::AgreementMaintenance,
    ];

    /// The label (the domain's `LifecyclePhase::label_ja`).
    pub fn label(self) -> &'static str {
        match self {
            Self::PreContract => "契約前（合意形成）",
            Self::Development => "開発フェーズ（保守開発を含む）",
            Self::Operation => "運用フェーズ",
            Self::ContractEnd => "契約終了フェーズ（データの返却・消去）",
            Self::CrisisResponse => "危機管理対応時（報告・善後策・再発防止策）",
            Self::AgreementMaintenance => "合意の維持",
        }
    }

    /// The domain's code (`pre_contract`…); `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Self> {
        Some(match code {
            "pre_contract" => Self::PreContract,
            "development" => Self::Development,
            "operation" => Self::Operation,
            "contract_end" => Self::ContractEnd,
            "crisis_response" => Self::CrisisResponse,
            "agreement_maintenance" => Self::AgreementMaintenance,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::PreContract => "pre_contract",
            Self::Development => "development",
            Self::Operation => "operation",
            Self::ContractEnd => "contract_end",
            Self::CrisisResponse => "crisis_response",
            Self::AgreementMaintenance => "agreement_maintenance",
        }
    }
}

/// The kind of party that bears a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Institution,
    Provider,
    Subcontractor,
}

impl Party {
    /// The short column heading (the domain's `PartyKind` labels, shortened).
    pub fn label(self) -> &'static str {
        match self {
            Self::Institution => "医療機関等",
            Self::Provider => "事業者",
            Self::Subcontractor => "委託先",
        }
    }
}

/// Where a version of an agreement stands (the domain's `AgreementStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgreementState {
    Open,
    PartlyAgreed,
    Agreed,
}

impl AgreementState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "合意待ち",
            Self::PartlyAgreed => "一方の当事者のみ合意",
            Self::Agreed => "合意済み",
        }
    }
}

/// One agreement as shown: the version the table reports, its duties and who agreed to it.
///
/// The version shown is the latest version both parties agreed to; when none was ever
/// agreed, the latest version (its `state` then says so).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementSheet {
    pub kind: AgreementKind,
    /// The provider (a party).
    pub provider: String,
    /// The institution, or the subcontractor of an internal agreement (the other party).
    pub counterparty: String,
    /// The contract it belongs to, as a reader knows it (reference, period); `None`: none.
    #[serde(default)]
    pub contract: Option<String>,
    /// The number of the version shown.
    pub version: u32,
    /// SHA-256 (hex) of the content of the version shown, which each party agreed to.
    pub digest: String,
    /// Who drew up the version shown, and when (Japan's local time).
    pub drafted_by: String,
    pub drafted_at: DateTime,
    pub state: AgreementState,
    /// The two parties (provider first) and who agreed for each.
    pub parties: Vec<PartyAgreement>,
    /// The subcontractors the provider names as bearing duties (FAQ 3.1 R3).
    #[serde(default)]
    pub subcontractors: Vec<String>,
    /// The duties of the version shown, in lifecycle order (the template groups by phase).
    pub duties: Vec<Duty>,
    /// Set when agreement is needed again: a later version is not agreed yet, or a change
    /// in the chain asks the parties to agree again (FAQ 2.1 R5); `None` otherwise.
    #[serde(default)]
    pub reagreement: Option<Reagreement>,
    /// The phases without any duty, as findings with their citation (GL 3.2, FAQ 3.1).
    #[serde(default)]
    pub gaps: Vec<String>,
}

/// One party of an agreement and its users' agreement to the version shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartyAgreement {
    pub role: Party,
    pub name: String,
    /// The named users who agreed for the party; empty: not agreed.
    pub consents: Vec<Consent>,
}

/// A named user's agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    pub by: String,
    /// When, in Japan's local time.
    pub at: DateTime,
}

/// Why the parties must agree again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reagreement {
    /// The latest version's number (may equal the version shown).
    pub latest_version: u32,
    pub latest_state: AgreementState,
    /// The reason recorded (a change in the chain, FAQ 2.1 R5); `None`: a new version.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One duty of a phase and the party that bears it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duty {
    pub phase: Phase,
    /// The duty's stable key (`crisis.report`; anzen's, not an official number).
    pub key: String,
    /// What the duty is (`原因・影響範囲等の可能な限り詳細な報告…`).
    pub title: String,
    /// The guideline reference (`GL 3.2 (Fig. 3-4)`); `None` for a duty of the parties' own.
    #[serde(default)]
    pub reference: Option<String>,
    pub party: Party,
    /// The party's name (the institution, the provider or the subcontractor).
    pub party_name: String,
    /// How far the source backs the duty (`一部確認`, `推定`…), where not confirmed.
    #[serde(default)]
    pub confidence: Option<String>,
}

/// One row of part 2 (the 2024 confirmation table's layout), derived from a duty.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfirmationRow {
    /// The section (the phase's label).
    pub section: String,
    /// A running number within the agreement (`1`, `2`…).
    pub number: usize,
    pub item: String,
    pub institution: bool,
    pub provider: bool,
    /// The subcontractor's name when one bears the item.
    pub subcontractor: Option<String>,
    pub reference: String,
}

impl ConfirmationRow {
    /// The marks of the three columns (医療機関等, 事業者, 委託先).
    pub fn marks(&self) -> [&'static str; 3] {
        let m = |b: bool| if b { MARK } else { "" };
        [
            m(self.institution),
            m(self.provider),
            m(self.subcontractor.is_some()),
        ]
    }
}

impl Consent {
    /// `山田 花子（2026年12月1日 10:00）`.
    pub fn text(&self) -> String {
        format!("{}（{}）", self.by, dates::seireki_time(self.at))
    }
}

impl PartyAgreement {
    /// `山田 花子（…）、鈴木 一郎（…）` or `未合意`.
    pub fn consents_text(&self) -> String {
        if self.consents.is_empty() {
            "未合意".into()
        } else {
            self.consents
                .iter()
                .map(Consent::text)
                .collect::<Vec<_>>()
                .join("、")
        }
    }
}

impl Reagreement {
    /// `再合意が必要です：第3版は合意待ち（理由）`.
    pub fn text(&self) -> String {
        let mut s = format!(
            "再合意が必要です：最新の第{}版は{}",
            self.latest_version,
            self.latest_state.label()
        );
        if let Some(r) = &self.reason {
            s.push_str(&format!("（{r}）"));
        }
        s
    }
}

impl AgreementSheet {
    /// The duties of one phase, in the order given.
    pub fn duties_of(&self, phase: Phase) -> impl Iterator<Item = &Duty> {
        self.duties.iter().filter(move |d| d.phase == phase)
    }

    /// `さくら病院との合意（対象事業者と医療機関等の合意）`.
    pub fn heading(&self) -> String {
        format!("{}との合意（{}）", self.counterparty, self.kind.label())
    }

    /// `佐藤 次郎（2026年3月10日 09:00）`.
    pub fn drafted_text(&self) -> String {
        format!(
            "{}（{}）",
            self.drafted_by,
            dates::seireki_time(self.drafted_at)
        )
    }

    /// `第 2 版　合意済み`.
    pub fn version_text(&self) -> String {
        format!("第{}版　{}", self.version, self.state.label())
    }

    /// Part 2: the duties in the 2024 confirmation table's layout, in lifecycle order.
    pub fn confirmation_rows(&self) -> Vec<ConfirmationRow> {
        let mut n = 0;
        Phase::ALL
            .iter()
            .flat_map(|p| self.duties_of(*p))
            .map(|d| {
                n += 1;
                ConfirmationRow {
                    section: d.phase.label().to_string(),
                    number: n,
                    item: d.title.clone(),
                    institution: d.party == Party::Institution,
                    provider: d.party == Party::Provider,
                    subcontractor: (d.party == Party::Subcontractor).then(|| d.party_name.clone()),
                    reference: d.reference.clone().unwrap_or_default(),
                }
            })
            .collect()
    }
}

impl ResponsibilityDivision {
    /// The data the typst template reads as `data.json`: every sheet with its phases (a
    /// phase with no duty is left out), parties, marker, and the part 2 rows.
    pub fn template_data(&self) -> serde_json::Value {
        let sheets: Vec<serde_json::Value> = self
            .agreements
            .iter()
            .map(|a| {
                let phases: Vec<serde_json::Value> = Phase::ALL
                    .iter()
                    .filter(|p| a.duties_of(**p).next().is_some())
                    .map(|p| {
                        let duties: Vec<serde_json::Value> = a
                            .duties_of(*p)
                            .map(|d| {
                                serde_json::json!({
                                    "key": d.key,
                                    "title": d.title,
                                    "reference": d.reference,
                                    "party": d.party.label(),
                                    "party_name": d.party_name,
                                    "confidence": d.confidence,
                                })
                            })
                            .collect();
                        serde_json::json!({ "label": p.label(), "duties": duties })
                    })
                    .collect();
                // Part 2, its rows grouped by section (consecutive rows of one phase).
                let mut sections: Vec<(String, Vec<serde_json::Value>)> = Vec::new();
                for r in a.confirmation_rows() {
                    let row = serde_json::json!({
                        "number": r.number.to_string(),
                        "item": r.item,
                        "marks": r.marks(),
                        "subcontractor": r.subcontractor,
                        "reference": r.reference,
                    });
                    match sections.last_mut() {
                        Some((label, rows)) if *label == r.section => rows.push(row),
                        _ => sections.push((r.section, vec![row])),
                    }
                }
                let sections: Vec<serde_json::Value> = sections
                    .into_iter()
                    .map(|(label, rows)| serde_json::json!({ "label": label, "rows": rows }))
                    .collect();
                serde_json::json!({
                    "kind": a.kind.label(),
                    "provider": a.provider,
                    "counterparty": a.counterparty,
                    "contract": a.contract,
                    "version": a.version_text(),
                    "digest": a.digest,
                    "heading": a.heading(),
                    "drafted": a.drafted_text(),
                    "agreed": a.state == AgreementState::Agreed,
                    "parties": a.parties.iter().map(|p| serde_json::json!({
                        "role": p.role.label(),
                        "name": p.name,
                        "consents": p.consents_text(),
                    })).collect::<Vec<_>>(),
                    "subcontractors": a.subcontractors,
                    "reagreement": a.reagreement.as_ref().map(Reagreement::text),
                    "gaps": a.gaps,
                    "phases": phases,
                    "sections": sections,
                })
            })
            .collect();
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "sheets": sheets,
            "columns": [Party::Institution.label(), Party::Provider.label(), Party::Subcontractor.label()],
            "intro": INTRO,
            "confirmation_note": CONFIRMATION_NOTE,
        })
    }

    /// The table as PDF (A4 landscape, Japanese fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/responsibility.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The table as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The table as XLSX: one sheet of duties, one of consents, one in the 2024 layout.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for ResponsibilityDivision {
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
    /// Per agreement (keyed by its kind and counterparty): one entry for its version and
    /// agreement, one per duty keyed by phase and duty key.
    fn entries(&self) -> Vec<crate::Entry> {
        let mut out = Vec::new();
        for a in &self.agreements {
            let who = format!("{}:{}", kind_code(a.kind), a.counterparty);
            out.push(crate::Entry {
                key: format!("{who}:合意"),
                caption: format!("{}（{}）", a.counterparty, a.kind.label()),
                content: serde_json::json!({
                    "version": a.version,
                    "digest": a.digest,
                    "state": a.state,
                    "parties": a.parties,
                    "subcontractors": a.subcontractors,
                    "reagreement": a.reagreement,
                }),
            });
            for d in &a.duties {
                out.push(crate::Entry {
                    key: format!("{who}:{}:{}", d.phase.code(), d.key),
                    caption: format!("{}　{}　{}", a.counterparty, d.phase.label(), d.title),
                    content: serde_json::to_value(d).unwrap_or_default(),
                });
            }
        }
        out
    }
}

fn kind_code(k: AgreementKind) -> &'static str {
    match k {
        AgreementKind::ProviderInstitution => "provider_institution",
        AgreementKind::Internal => "internal",
    }
}
