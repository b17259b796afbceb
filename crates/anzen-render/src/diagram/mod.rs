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

use serde::{Deserialize, Serialize};

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
