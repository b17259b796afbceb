//! The heat map of inherent and residual risk, and the provider's risk matrix (GL 5.1.3).

use super::*;

/// The count of risks in one cell of the matrix.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeatCell {
    pub impact: u8,
    pub likelihood: u8,
    pub count: i64,
    /// The cell's level on the current matrix (none outside its scales).
    pub level: Option<RiskLevel>,
}

/// Counts of risks per (impact, likelihood), before and after treatment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeatMap {
    /// The matrix version whose scales and levels the cells are read on.
    pub matrix_version: i64,
    pub impact_points: u8,
    pub likelihood_points: u8,
    /// Before treatment: only the cells with risks.
    pub inherent: Vec<HeatCell>,
    /// After treatment (treated risks only).
    pub residual: Vec<HeatCell>,
}

fn heat_cells(matrix: &d::RiskMatrix, cells: &[AppHeatCell]) -> Vec<HeatCell> {
    cells
        .iter()
        .map(|c| HeatCell {
            impact: c.impact,
            likelihood: c.likelihood,
            count: c.count,
            level: matrix.level(c.impact, c.likelihood).ok().map(Into::into),
        })
        .collect()
}

/// The heat map of the register
///
/// How many risks sit in each (impact, likelihood) cell, before and after treatment, with
/// the level of the cell on the caller's current matrix.
#[utoipa::path(
    get,
    path = "/risks/heat-map",
    tag = "risks",
    operation_id = "risk_heat_map",
    security(("bearer" = [])),
    params(HeatMapParams),
    responses(
        (status = 200, description = "The counts per cell", body = HeatMap),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn heat_map(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<HeatMapParams>,
) -> Result<Json<HeatMap>, Problem> {
    let filters = FilterText {
        offering: s(&q.offering),
        status: s(&q.status),
        option: s(&q.option),
        q: s(&q.q),
        ..FilterText::default()
    };
    let query = risk_query(&filters, state.app.today_in_japan(), true)?;
    let heat = state.app.risk_heat_map(&caller, &query).await?;
    let m = state.app.risk_matrix(&caller).await?;
    Ok(Json(HeatMap {
        matrix_version: m.version,
        impact_points: u8::try_from(m.matrix.impact.len()).unwrap_or(u8::MAX),
        likelihood_points: u8::try_from(m.matrix.likelihood.len()).unwrap_or(u8::MAX),
        inherent: heat_cells(&m.matrix, &heat.inherent),
        residual: heat_cells(&m.matrix, &heat.residual),
    }))
}

/// One point of a scale.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScalePoint {
    /// 1 = lowest.
    pub value: u8,
    pub label_ja: String,
    pub label_en: String,
    /// What the point means, to guide assessors.
    #[serde(default)]
    pub description: String,
}

/// The criterion of a level and how often its residual risk is reviewed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelCriterion {
    pub level: RiskLevel,
    pub requirement: RequirementKind,
    /// For `mandatory`: the least number of measures.
    #[serde(default)]
    pub min_measures: Option<u8>,
    pub description_ja: String,
    pub description_en: String,
    /// Days between reviews of a residual risk at this level, 1–1095.
    pub review_interval_days: u16,
}

/// A version of the provider's risk matrix (GL 5.1.2, 5.1.3).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RiskMatrix {
    pub id: Uuid,
    /// 1, 2, 3, … per provider. Past assessments keep the version they used.
    pub version: i64,
    /// The example anzen ships (not from the guideline; its S–D criteria follow Table 5-2).
    pub default_example: bool,
    pub impact: Vec<ScalePoint>,
    pub likelihood: Vec<ScalePoint>,
    /// `cells[i][l]`: the level for impact `i + 1` and likelihood `l + 1`.
    pub cells: Vec<Vec<RiskLevel>>,
    pub criteria: Vec<LevelCriterion>,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

fn point_dto(p: &d::ScalePoint) -> ScalePoint {
    ScalePoint {
        value: p.value,
        label_ja: p.label_ja.clone(),
        label_en: p.label_en.clone(),
        description: p.description.clone(),
    }
}

impl From<d::MatrixVersion> for RiskMatrix {
    fn from(m: d::MatrixVersion) -> Self {
        let default_example = m.matrix == d::RiskMatrix::default_example();
        RiskMatrix {
            id: *m.id.as_uuid(),
            version: m.version,
            default_example,
            impact: m.matrix.impact.iter().map(point_dto).collect(),
            likelihood: m.matrix.likelihood.iter().map(point_dto).collect(),
            cells: m
                .matrix
                .cells
                .iter()
                .map(|row| row.iter().map(|l| (*l).into()).collect())
                .collect(),
            criteria: m
                .matrix
                .criteria
                .iter()
                .map(|c| {
                    let (requirement, min_measures) = match c.requirement {
                        d::Requirement::Mandatory { min_measures } => {
                            (RequirementKind::Mandatory, Some(min_measures))
                        }
                        d::Requirement::CaseByCase => (RequirementKind::CaseByCase, None),
                        d::Requirement::NotNeeded => (RequirementKind::NotNeeded, None),
                    };
                    LevelCriterion {
                        level: c.level.into(),
                        requirement,
                        min_measures,
                        description_ja: c.description_ja.clone(),
                        description_en: c.description_en.clone(),
                        review_interval_days: c.review_interval_days,
                    }
                })
                .collect(),
            created_by: m.created_by,
            created_at: m.created_at,
        }
    }
}

/// Show the risk matrix
///
/// The caller's organisation's current matrix: its scales, cells and criteria.
#[utoipa::path(
    get,
    path = "/risks/matrix",
    tag = "risks",
    operation_id = "get_risk_matrix",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The current matrix version", body = RiskMatrix),
        (status = 403, description = "The role cannot read risks (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn matrix(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<RiskMatrix>, Problem> {
    Ok(Json(state.app.risk_matrix(&caller).await?.into()))
}

/// A new version of the provider's matrix. Scales and criteria left out are kept from the
/// current version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMatrix {
    #[serde(default)]
    #[schema(min_items = 2, max_items = 10)]
    pub impact: Option<Vec<ScalePoint>>,
    #[serde(default)]
    #[schema(min_items = 2, max_items = 10)]
    pub likelihood: Option<Vec<ScalePoint>>,
    /// `cells[i][l]`: the level for impact `i + 1` and likelihood `l + 1`; levels never fall
    /// as impact or likelihood rise.
    pub cells: Vec<Vec<RiskLevel>>,
    #[serde(default)]
    pub criteria: Option<Vec<LevelCriterion>>,
}

fn point_domain(p: ScalePoint) -> d::ScalePoint {
    d::ScalePoint {
        value: p.value,
        label_ja: p.label_ja,
        label_en: p.label_en,
        description: p.description,
    }
}

fn criterion_domain(i: usize, c: LevelCriterion) -> Result<d::LevelCriterion, FieldError> {
    let requirement = match c.requirement {
        RequirementKind::Mandatory => d::Requirement::Mandatory {
            min_measures: c.min_measures.ok_or_else(|| {
                FieldError::new(
                    format!("criteria.{i}.min_measures"),
                    "is required for a mandatory treatment",
                )
            })?,
        },
        RequirementKind::CaseByCase => d::Requirement::CaseByCase,
        RequirementKind::NotNeeded => d::Requirement::NotNeeded,
    };
    Ok(d::LevelCriterion {
        level: c.level.into(),
        requirement,
        description_ja: c.description_ja,
        description_en: c.description_en,
        review_interval_days: c.review_interval_days,
    })
}

/// Set a new matrix version
///
/// Adds a version of the provider's matrix (provider administrators only). Past
/// assessments keep the version they used; every risk assessed on an older version is
/// marked for review.
#[utoipa::path(
    post,
    path = "/risks/matrix",
    tag = "risks",
    operation_id = "set_risk_matrix",
    security(("bearer" = [])),
    request_body = NewMatrix,
    responses(
        (status = 201, description = "The new version", body = RiskMatrix,
            headers(("location" = String, description = "The current matrix's URL"))),
        (status = 403, description = "Only a provider administrator sets the matrix (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn set_matrix(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewMatrix>,
) -> Result<Response, Problem> {
    let current = state.app.risk_matrix(&caller).await?.matrix;
    let criteria = match body.criteria {
        Some(cs) => cs
            .into_iter()
            .enumerate()
            .map(|(i, c)| criterion_domain(i, c))
            .collect::<Result<Vec<_>, _>>()?,
        None => current.criteria,
    };
    let matrix = d::RiskMatrix {
        impact: body
            .impact
            .map(|ps| ps.into_iter().map(point_domain).collect())
            .unwrap_or(current.impact),
        likelihood: body
            .likelihood
            .map(|ps| ps.into_iter().map(point_domain).collect())
            .unwrap_or(current.likelihood),
        cells: body
            .cells
            .into_iter()
            .map(|row| row.into_iter().map(Into::into).collect())
            .collect(),
        criteria,
    };
    let version = state
        .app
        .set_risk_matrix(&caller, matrix)
        .await
        .map_err(api_error)?;
    Ok(created("/api/v1/risks/matrix", RiskMatrix::from(version)))
}
