//! What the risk pages share: level and status badges, labels of the matrix's scales, the
//! matrix as a grid, measures with their owners, and the radio groups of an assessment.

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::OrgId;
use anzen_domain::risk::{
    Assessment, Cia, Measure, MeasureOwner, ReviewReason, RiskLevel, RiskMatrix, RiskStatus,
    ScalePoint, TreatmentOption,
};

use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::{self, Lang};
use crate::ui::common::{Names, label};

/// A level badge: `<span class="level level--{css}">{code}</span>` with the level's
/// criterion as its title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelView {
    pub code: &'static str,
    pub css: &'static str,
    /// The criterion of the level on the matrix, e.g. 「対応必須。複数の対策を組み合わせる」.
    pub criterion: String,
}

impl LevelView {
    pub fn new(lang: Lang, level: RiskLevel, matrix: Option<&RiskMatrix>) -> Self {
        let criterion = matrix
            .and_then(|m| m.criteria.iter().find(|c| c.level == level))
            .map(|c| match lang {
                Lang::Ja => c.description_ja.clone(),
                Lang::En => c.description_en.clone(),
            })
            .unwrap_or_default();
        Self {
            code: level.code(),
            css: css_of(level),
            criterion,
        }
    }
}

/// The CSS modifier of a level (colours per level live in app.css).
pub fn css_of(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::S => "s",
        RiskLevel::A => "a",
        RiskLevel::B => "b",
        RiskLevel::C => "c",
        RiskLevel::D => "d",
    }
}

/// A status badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusView {
    pub code: &'static str,
    pub label: &'static str,
    pub re_consent: bool,
}

impl StatusView {
    pub fn new(lang: Lang, status: RiskStatus) -> Self {
        Self {
            code: status.code(),
            label: label(lang, status.label_ja(), status.label_en()),
            re_consent: status == RiskStatus::ReConsentNeeded,
        }
    }
}

/// A scale point as a label: 「5 極めて大きい」.
pub fn point_label(lang: Lang, points: &[ScalePoint], value: u8) -> String {
    match points.iter().find(|p| p.value == value) {
        Some(p) => format!(
            "{value} {}",
            match lang {
                Lang::Ja => &p.label_ja,
                Lang::En => &p.label_en,
            }
        ),
        None => value.to_string(),
    }
}

/// An assessment shown as its values with their scale labels and its level.
#[derive(Debug, Clone)]
pub struct AssessmentView {
    pub impact: String,
    pub likelihood: String,
    pub level: LevelView,
    pub matrix_version: i64,
}

impl AssessmentView {
    pub fn new(lang: Lang, a: &Assessment, matrix: &RiskMatrix) -> Self {
        Self {
            impact: point_label(lang, &matrix.impact, a.impact),
            likelihood: point_label(lang, &matrix.likelihood, a.likelihood),
            level: LevelView::new(lang, a.level, Some(matrix)),
            matrix_version: a.matrix_version,
        }
    }
}

/// "C・I" style text of what a risk harms.
pub fn cia_text(lang: Lang, cia: Cia) -> String {
    let mut parts = Vec::new();
    if cia.confidentiality {
        parts.push(i18n::t(lang, "risks.cia.confidentiality"));
    }
    if cia.integrity {
        parts.push(i18n::t(lang, "risks.cia.integrity"));
    }
    if cia.availability {
        parts.push(i18n::t(lang, "risks.cia.availability"));
    }
    parts.join(match lang {
        Lang::Ja => "・",
        Lang::En => ", ",
    })
}

/// The label of a treatment option.
pub fn option_label(lang: Lang, o: TreatmentOption) -> &'static str {
    label(lang, o.label_ja(), o.label_en())
}

/// A measure with its owner's name.
#[derive(Debug, Clone)]
pub struct MeasureView {
    pub description: String,
    pub owner: String,
    /// `provider`, `institution` or `subcontractor`.
    pub owner_kind: &'static str,
    pub controls: String,
    pub due: String,
    pub done: bool,
}

pub fn measure_view(lang: Lang, names: &Names, m: &Measure) -> MeasureView {
    let (owner_kind, owner) = match m.owner {
        MeasureOwner::Provider => ("provider", i18n::t(lang, "risks.owner.provider").to_owned()),
        MeasureOwner::Institution(o) => ("institution", names.org(o)),
        MeasureOwner::Subcontractor(o) => ("subcontractor", names.org(o)),
    };
    MeasureView {
        description: m.description.clone(),
        owner,
        owner_kind,
        controls: m.controls.join(", "),
        due: m
            .due
            .map(|d| dates::format_date(d, lang))
            .unwrap_or_default(),
        done: m.done,
    }
}

/// A review mark as text.
pub fn review_reason_text(lang: Lang, r: &ReviewReason) -> String {
    let t = |k| i18n::t(lang, k);
    match r {
        ReviewReason::Scheduled => t("risks.review.scheduled").to_owned(),
        ReviewReason::CatalogueVersion { catalogue, version } => {
            format!("{}: {catalogue} {version}", t("risks.review.catalogue"))
        }
        ReviewReason::MatrixVersion { version } => {
            format!("{}: {version}", t("risks.review.matrix"))
        }
        ReviewReason::TechnologyChange { title, control, .. } => match control {
            Some(c) => format!("{}: {title} ({c})", t("risks.review.technology")),
            None => format!("{}: {title}", t("risks.review.technology")),
        },
        ReviewReason::FlowChanged { revision, .. } => {
            format!("{} ({revision})", t("risks.review.flow"))
        }
        ReviewReason::ComponentChanged { name, .. } => {
            format!("{}: {name}", t("risks.review.component"))
        }
        ReviewReason::SupplyChainChanged { code, supplier, .. } => {
            format!("{}: {code} ← {supplier}", t("risks.review.supply_chain"))
        }
        ReviewReason::Incident { title, .. } => {
            format!("{}: {title}", t("risks.review.incident"))
        }
    }
}

/// One radio button of a scale: value, label, description, checked.
#[derive(Debug, Clone)]
pub struct PointChoice {
    pub value: String,
    pub label: String,
    pub description: String,
    pub checked: bool,
}

/// The shipped example matrix, whose scale descriptions the UI translates.
static DEFAULT_MATRIX: std::sync::LazyLock<RiskMatrix> =
    std::sync::LazyLock::new(RiskMatrix::default_example);

/// What a scale point means, in the page's language: the descriptions anzen ships (stored
/// with the matrix in English) read from `risks.scale.{impact|likelihood}.{value}`; a
/// provider's own description shows as written.
pub fn point_description(lang: Lang, p: &ScalePoint) -> String {
    let d = &*DEFAULT_MATRIX;
    for (scale, points) in [("impact", &d.impact), ("likelihood", &d.likelihood)] {
        if points
            .iter()
            .any(|q| q.value == p.value && q.description == p.description)
        {
            return i18n::t(lang, &format!("risks.scale.{scale}.{}", p.value)).to_owned();
        }
    }
    p.description.clone()
}

/// The keys [`point_description`] builds (for the translation files' coverage test).
#[cfg(test)]
pub(crate) fn scale_keys() -> Vec<String> {
    let d = &*DEFAULT_MATRIX;
    [("impact", &d.impact), ("likelihood", &d.likelihood)]
        .iter()
        .flat_map(|(scale, points)| {
            points
                .iter()
                .map(move |p| format!("risks.scale.{scale}.{}", p.value))
        })
        .collect()
}

/// The radio buttons of a scale, with `current` checked.
pub fn point_choices(lang: Lang, points: &[ScalePoint], current: &str) -> Vec<PointChoice> {
    points
        .iter()
        .rev()
        .map(|p| PointChoice {
            value: p.value.to_string(),
            label: point_label(lang, points, p.value),
            description: point_description(lang, p),
            checked: p.value.to_string() == current.trim(),
        })
        .collect()
}

/// One cell of a matrix or heat map grid.
#[derive(Debug, Clone)]
pub struct GridCell {
    pub level: Option<LevelView>,
    /// The count (heat map) or empty (matrix).
    pub count: String,
    /// For the matrix form: the `<select>` of the cell's level.
    pub name: String,
}

/// One row of a grid: the impact point and its cells by likelihood.
#[derive(Debug, Clone)]
pub struct GridRow {
    pub label: String,
    pub cells: Vec<GridCell>,
}

/// A grid of impact (rows, highest first) × likelihood (columns, lowest first).
#[derive(Debug, Clone)]
pub struct Grid {
    pub columns: Vec<String>,
    pub rows: Vec<GridRow>,
}

/// The grid of `impact` × `likelihood` points, each cell with its level on `matrix` (when
/// within its scales) and `count(i, l)`.
pub fn grid(
    lang: Lang,
    matrix: &RiskMatrix,
    impact: usize,
    likelihood: usize,
    count: impl Fn(u8, u8) -> Option<i64>,
) -> Grid {
    let to_u8 = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
    let columns = (1..=likelihood)
        .map(|l| point_label(lang, &matrix.likelihood, to_u8(l)))
        .collect();
    let rows = (1..=impact)
        .rev()
        .map(|i| GridRow {
            label: point_label(lang, &matrix.impact, to_u8(i)),
            cells: (1..=likelihood)
                .map(|l| GridCell {
                    level: matrix
                        .level(to_u8(i), to_u8(l))
                        .ok()
                        .map(|lv| LevelView::new(lang, lv, Some(matrix))),
                    count: count(to_u8(i), to_u8(l))
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                    name: format!("cell_{i}_{l}"),
                })
                .collect(),
        })
        .collect();
    Grid { columns, rows }
}

/// The institution whose reviewer is signed in, if any.
pub fn own_institution(user: &SignedIn) -> Option<OrgId> {
    match user
        .caller
        .reach(Subject::Risks, Action::Read, user.ctx.now)
    {
        Reach::AsInstitution(org) => Some(org),
        _ => None,
    }
}

/// A criterion of the matrix, for the matrix page and the forms' hints.
#[derive(Debug, Clone)]
pub struct CriterionView {
    pub level: LevelView,
    pub requirement: String,
    pub description: String,
    pub interval: u16,
    pub field: String,
}

pub fn criteria(lang: Lang, matrix: &RiskMatrix) -> Vec<CriterionView> {
    matrix
        .criteria
        .iter()
        .map(|c| CriterionView {
            level: LevelView::new(lang, c.level, Some(matrix)),
            requirement: match c.requirement {
                anzen_domain::risk::Requirement::Mandatory { min_measures } => format!(
                    "{} ({} {min_measures})",
                    i18n::t(lang, "risks.requirement.mandatory"),
                    i18n::t(lang, "risks.requirement.min_measures")
                ),
                anzen_domain::risk::Requirement::CaseByCase => {
                    i18n::t(lang, "risks.requirement.case_by_case").to_owned()
                }
                anzen_domain::risk::Requirement::NotNeeded => {
                    i18n::t(lang, "risks.requirement.not_needed").to_owned()
                }
            },
            description: match lang {
                Lang::Ja => c.description_ja.clone(),
                Lang::En => c.description_en.clone(),
            },
            interval: c.review_interval_days,
            field: format!("interval_{}", c.level.code()),
        })
        .collect()
}
