//! 構成図 (configuration and supply-chain diagram) of one offering, for every institution or
//! for one.
//!
//! Two pictures and the tables behind them:
//! - the overall configuration (全体構成図, GL 5.1.1): the components of the offering and the
//!   information flows between them, each flow described by who, where, on which device or
//!   medium, what and how (GL 5.1.1, 5.2);
//! - the supply chain below the offering (GL 2.2.1–2.2.3, FAQ 2.1): the offering, the
//!   components its suppliers provide in the layers of Fig. 2-2 (A1/A2/P1/P2/I1/I2: IaaS,
//!   data centre, line, remote maintenance …), the suppliers' own offerings further down, who
//!   selected each supplier and who holds the contract, and, for one institution, the
//!   provision form (GL 2.2.x) and whose risk management covers each component.
//!
//! The PDF draws both as vector graphics (typst's own shapes; the slots are computed here,
//! deterministically, in [`layout`]) and follows each with legend tables that list every
//! component, flow, party and link, so the text is complete and searchable however dense the
//! drawing. DOCX and XLSX carry the tables only, and say so.
//!
//! The model carries text ready to read (labels already in Japanese): mapping the
//! application's records (`ChainPicture`, components and flows) onto it, and deciding what
//! one institution may see, is the caller's job.

mod docx;
pub mod layout;
pub mod xlsx;

use serde::{Deserialize, Serialize};

use crate::RenderError;
use crate::cover::Cover;

/// The document's title, as printed on every page.
pub const TITLE: &str = "構成図";

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigurationDiagram {
    /// Offering, provider, audience (one institution or all), version, issue date, number.
    pub cover: Cover,
    /// The components of the offering's configuration (GL 5.1.1), in the provider's order.
    pub components: Vec<ConfigComponent>,
    /// The information flows (GL 5.1.1, 5.2), in the provider's order.
    pub flows: Vec<ConfigFlow>,
    /// The parties of the supply chain: the offering itself, the institution when the
    /// document is for one, and one node per supplied component (per supplier offering when
    /// it is recorded; a supplier offering used twice is one node).
    pub nodes: Vec<ChainNode>,
    /// The supply links between the nodes (and the institution's contract, when one).
    pub links: Vec<ChainLink>,
    /// For one institution: the provision form of the chain (GL 2.2.1 / 2.2.2 / 2.2.3), as a
    /// label such as `複数の事業者が提供（GL 2.2.2）`; `None` for every institution.
    pub provision_form: Option<String>,
    /// The reasons for the form and points to review, each a cited sentence
    /// (`［FAQ 2.1］…`), including a regional network's findings (FAQ 2.2) when there is one.
    pub findings: Vec<String>,
}

/// A component of the configuration (GL 5.1.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigComponent {
    /// Stable across issues (the component's id); flows name components by it.
    pub key: String,
    pub name: String,
    /// What it is, as a label (`サーバ`, `端末`, `外部サービス` …).
    pub kind: ComponentKind,
    /// `本番環境` / `開発環境` / `テスト環境`.
    pub environment: String,
    /// Where it is (e.g. `東京リージョン`), when recorded.
    pub location: Option<String>,
}

/// What a component is (the application's `ComponentKind`), which decides its column in the
/// drawing: terminals and media at the left, then lines, applications, servers, storage,
/// external services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Terminal,
    Medium,
    Network,
    Application,
    Server,
    Storage,
    Service,
}

impl ComponentKind {
    /// The label a Japanese reader sees (the application's own labels).
    pub fn label(self) -> &'static str {
        match self {
            Self::Application => "アプリケーション",
            Self::Server => "サーバ",
            Self::Storage => "ストレージ・バックアップ",
            Self::Network => "ネットワーク・回線",
            Self::Terminal => "端末",
            Self::Medium => "記録媒体",
            Self::Service => "外部サービス",
        }
    }

    /// The column of the drawing, left to right.
    pub fn column(self) -> u32 {
        match self {
            Self::Terminal | Self::Medium => 0,
            Self::Network => 1,
            Self::Application => 2,
            Self::Server => 3,
            Self::Storage | Self::Service => 4,
        }
    }
}

/// An information flow: who, where, on which device or medium, what, how (GL 5.2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigFlow {
    /// Stable across issues (the flow's id).
    pub key: String,
    /// 誰が.
    pub who: String,
    /// どこの・どこを.
    #[serde(rename = "where")]
    pub place: String,
    /// どの機器・媒体で.
    pub device: String,
    /// 何を・何が.
    pub what: String,
    /// どう処理されるか.
    pub how: String,
    /// The class of the information, as a label (`患者個人情報等` …).
    pub class: String,
    /// `本番環境` / `開発環境` / `テスト環境`.
    pub environment: String,
    /// The components the flow passes through, in order, by [`ConfigComponent::key`].
    pub components: Vec<String>,
}

/// A box of the supply-chain drawing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainNode {
    /// Stable across issues (the offering's id, or the supply link's id for a supplier
    /// recorded without its offering, or the institution's id); links name nodes by it.
    pub key: String,
    pub kind: NodeKind,
    /// The first line: the offering's name, or the component's code and layer
    /// (`P1 · プラットフォーム`).
    pub heading: String,
    /// The organisation: the provider, the supplier or the institution.
    pub organisation: String,
    /// Its role, as a label (`対象事業者（事業者A）`, `構成要素を提供する事業者`, `医療機関等`).
    pub role: String,
    /// The supplier's offering, when recorded.
    pub offering: Option<String>,
    /// For one institution: whose risk management covers the component
    /// (`事業者A` / `医療機関等（確認）`).
    pub managed_by: Option<String>,
    /// FAQ 2.1 R3: the provider cannot see into the component ("unknown infrastructure");
    /// drawn dashed.
    pub unknown: bool,
}

/// What a node is, which decides how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// The institution the document is for (drawn at the top).
    Institution,
    /// The offering the document covers (provider A).
    Offering,
    Application,
    Platform,
    Infrastructure,
}

/// A supply link: `from` (the offering that uses the component) uses `to` (the component),
/// or the institution's contract with the offering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainLink {
    /// Stable across issues (the supply link's id; `contract` for the institution's).
    pub key: String,
    /// [`ChainNode::key`] of the user of the component (or of the institution).
    pub from: String,
    /// [`ChainNode::key`] of the component (or of the offering contracted).
    pub to: String,
    /// The component code (`P1`); `None` for the institution's contract.
    pub code: Option<String>,
    /// What the supplier provides, as a label (`I1 IaaS・通信回線`, or `契約` for the
    /// institution's contract).
    pub role: String,
    /// The provider's own description (e.g. `データセンター`, `リモート保守`), when given.
    pub description: Option<String>,
    /// Who selected the supplier (GL 2.2.3).
    pub selected_by: Option<String>,
    /// Who holds the contract with the supplier (FAQ 2.1).
    pub contract_holder: Option<String>,
    /// For one institution: the case of the component (FAQ 2.1; GL 2.2.2, 2.2.3) as a label.
    pub case: Option<String>,
    /// Drawn dashed: the provider cannot see into the component (FAQ 2.1 R3).
    pub unknown: bool,
}

/// A table of the document, the same rows in every format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegendTable {
    pub title: &'static str,
    pub columns: &'static [&'static str],
    /// Relative column widths (XLSX: in characters; PDF: shares of the page's width after
    /// the first column, which takes what it needs).
    pub widths: &'static [f64],
    pub rows: Vec<Vec<String>>,
}

/// The number a reader finds a component by: `C1`, `C2` …
pub fn component_number(i: usize) -> String {
    format!("C{}", i + 1)
}

/// The number a reader finds a party of the chain by: `N1`, `N2` …
pub fn node_number(i: usize) -> String {
    format!("N{}", i + 1)
}

/// Printed where a value is not recorded.
const NONE: &str = "—";

/// Printed in DOCX and XLSX in place of the drawings.
pub const NO_DRAWING: &str = "図は PDF 版に収録しています。この版には図の内容をすべて表で収録しています（構成要素・情報の流れ・サプライチェーンの構成要素と供給関係）。";

impl ConfigurationDiagram {
    fn component_name(&self, key: &str) -> String {
        self.components
            .iter()
            .position(|c| c.key == key)
            .map_or_else(
                || format!("（不明な構成要素 {key}）"),
                |i| format!("{} {}", component_number(i), self.components[i].name),
            )
    }

    fn node_name(&self, key: &str) -> String {
        self.nodes.iter().position(|n| n.key == key).map_or_else(
            || format!("（不明 {key}）"),
            |i| {
                let n = &self.nodes[i];
                format!("{} {}（{}）", node_number(i), n.heading, n.organisation)
            },
        )
    }

    /// The four tables: components, flows, parties of the chain, links.
    pub fn tables(&self) -> [LegendTable; 4] {
        let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| NONE.into());
        let yes_no = |unknown: bool| {
            if unknown {
                "把握できない"
            } else {
                "把握している"
            }
        };
        let components = self
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let flows: Vec<String> = self
                    .flows
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| f.components.contains(&c.key))
                    .map(|(k, _)| layout::flow_number(k))
                    .collect();
                vec![
                    component_number(i),
                    c.name.clone(),
                    c.kind.label().into(),
                    c.environment.clone(),
                    opt(&c.location),
                    if flows.is_empty() {
                        NONE.into()
                    } else {
                        flows.join("・")
                    },
                ]
            })
            .collect();
        let flows = self
            .flows
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let path: Vec<String> = f
                    .components
                    .iter()
                    .map(|k| self.component_name(k))
                    .collect();
                vec![
                    layout::flow_number(i),
                    f.who.clone(),
                    f.place.clone(),
                    f.device.clone(),
                    f.what.clone(),
                    f.how.clone(),
                    f.class.clone(),
                    f.environment.clone(),
                    if path.is_empty() {
                        NONE.into()
                    } else {
                        path.join(" → ")
                    },
                ]
            })
            .collect();
        let nodes = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                vec![
                    node_number(i),
                    n.heading.clone(),
                    n.organisation.clone(),
                    n.role.clone(),
                    opt(&n.offering),
                    opt(&n.managed_by),
                    yes_no(n.unknown).into(),
                ]
            })
            .collect();
        let links = self
            .links
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    layout::link_number(i),
                    self.node_name(&l.from),
                    self.node_name(&l.to),
                    l.role.clone(),
                    opt(&l.description),
                    opt(&l.selected_by),
                    opt(&l.contract_holder),
                    opt(&l.case),
                    yes_no(l.unknown).into(),
                ]
            })
            .collect();
        [
            LegendTable {
                title: "構成要素一覧（GL 5.1.1）",
                columns: &["No.", "名称", "種別", "環境", "設置場所", "情報の流れ"],
                widths: &[6.0, 30.0, 18.0, 12.0, 20.0, 16.0],
                rows: components,
            },
            LegendTable {
                title: "情報の流れ一覧（GL 5.1.1、5.2）",
                columns: &[
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
                widths: &[6.0, 18.0, 18.0, 18.0, 18.0, 24.0, 16.0, 10.0, 40.0],
                rows: flows,
            },
            LegendTable {
                title: "サプライチェーンの構成要素（GL 2.2）",
                columns: &[
                    "No.",
                    "名称",
                    "事業者",
                    "役割",
                    "事業者のサービス",
                    "リスク管理",
                    "事業者Aによる把握",
                ],
                widths: &[6.0, 28.0, 24.0, 24.0, 24.0, 20.0, 14.0],
                rows: nodes,
            },
            LegendTable {
                title: "供給関係・契約関係（GL 2.2.2、2.2.3、FAQ 2.1）",
                columns: &[
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
                widths: &[6.0, 30.0, 30.0, 20.0, 24.0, 18.0, 18.0, 36.0, 14.0],
                rows: links,
            },
        ]
    }

    /// The facts after the cover's (provision form, counts) and the notes (findings, and
    /// that the drawings are in the PDF only), for DOCX and XLSX.
    fn front_matter(&self) -> (Vec<(String, String)>, Vec<String>) {
        let facts = vec![
            (
                "提供形態".to_string(),
                self.provision_form
                    .clone()
                    .unwrap_or_else(|| "（医療機関を指定していないため判定していません）".into()),
            ),
            (
                "構成要素・情報の流れ".to_string(),
                format!("{} 件・{} 件", self.components.len(), self.flows.len()),
            ),
            (
                "サプライチェーン".to_string(),
                format!(
                    "構成要素 {} 件・供給関係 {} 件",
                    self.nodes.len(),
                    self.links.len()
                ),
            ),
        ];
        let mut notes = vec![NO_DRAWING.to_string()];
        notes.extend(self.findings.iter().cloned());
        (facts, notes)
    }

    /// The data the typst template reads as `data.json`: the cover, the two drawings laid
    /// out ([`layout`]) and the four tables.
    pub fn template_data(&self) -> serde_json::Value {
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "config": layout::configuration(&self.components, &self.flows),
            "chain": layout::chain(&self.nodes, &self.links),
            "tables": self.tables(),
            "provision_form": self.provision_form,
            "findings": self.findings,
        })
    }

    /// The document as PDF (A4 landscape, drawings as vector graphics, fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/diagram.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The tables as DOCX, for a person to edit further (no drawing; the page says so).
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The tables as XLSX, one sheet each (no drawing; the first sheet says so).
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for ConfigurationDiagram {
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
    /// One entry per component, flow, party and link, keyed by kind and key, and one for
    /// the provision form.
    fn entries(&self) -> Vec<crate::Entry> {
        let mut out = Vec::new();
        let mut push = |key: String, caption: String, content: serde_json::Value| {
            out.push(crate::Entry {
                key,
                caption,
                content,
            });
        };
        for c in &self.components {
            push(
                format!("component:{}", c.key),
                format!("構成要素 {}", c.name),
                json(c),
            );
        }
        for f in &self.flows {
            push(
                format!("flow:{}", f.key),
                format!("情報の流れ {} / {}", f.who, f.what),
                json(f),
            );
        }
        for n in &self.nodes {
            push(
                format!("node:{}", n.key),
                format!("{}（{}）", n.heading, n.organisation),
                json(n),
            );
        }
        for l in &self.links {
            push(
                format!("link:{}", l.key),
                format!(
                    "供給関係 {} → {}",
                    self.node_name(&l.from),
                    self.node_name(&l.to)
                ),
                json(l),
            );
        }
        push(
            "provision_form".into(),
            "提供形態".into(),
            serde_json::json!({ "form": self.provision_form, "findings": self.findings }),
        );
        out
    }
}

/// A part of the model as JSON, for [`crate::Entry::content`].
fn json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}
