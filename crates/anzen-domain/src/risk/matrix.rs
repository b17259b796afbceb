//! Risk analysis and evaluation (GL 5.1.2, 5.1.3): impact (影響度) × likelihood (顕在化率) on a
//! matrix that yields a risk level, and the criteria (リスク基準) of each level.
//!
//! The guideline gives the S–D criteria as an example (Table 5-2) and leaves the scales and
//! the matrix to the provider (notes §5.3: "unknown; make it configurable"). anzen ships a
//! default 5 × 5 matrix, labelled as an example, that each provider may replace. Matrices are
//! versioned: an assessment records the version it used, so a new matrix never rewrites a
//! past assessment; it marks the assessments made with older versions for review.

use crate::FieldError;
use crate::code_enum;

code_enum! {
    /// The risk level (リスクレベル) of GL 5.1.3, Table 5-2.
    RiskLevel {
        S = "S", "S", "S";
        A = "A", "A", "A";
        B = "B", "B", "B";
        C = "C", "C", "C";
        D = "D", "D", "D";
    }
}

/// What a level's criterion asks of its treatment (GL 5.1.3, Table 5-2 example).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Requirement {
    /// Treatment is mandatory, with at least `min_measures` measures (S: several, A: one).
    Mandatory { min_measures: u8 },
    /// Handle higher levels first; a decision (treat or not, with its reason) is required.
    CaseByCase,
    /// No treatment is needed.
    NotNeeded,
}

/// One point of a scale.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScalePoint {
    /// 1 = lowest.
    pub value: u8,
    pub label_ja: String,
    pub label_en: String,
    /// What the point means, to guide assessors.
    pub description: String,
}

/// The criterion of one level and how often its residual risk is reviewed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LevelCriterion {
    pub level: RiskLevel,
    pub requirement: Requirement,
    pub description_ja: String,
    pub description_en: String,
    /// Days between reviews of a residual risk at this level (GL 5.1.5 (3), FAQ 5.2).
    pub review_interval_days: u16,
}

/// A provider's risk matrix: two scales, the level of each (impact, likelihood) cell, and the
/// criterion of each level. Construct it with [`RiskMatrix::new`] (validated) or
/// [`RiskMatrix::default_example`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RiskMatrix {
    pub impact: Vec<ScalePoint>,
    pub likelihood: Vec<ScalePoint>,
    /// `cells[i][l]`: the level for impact `i + 1` and likelihood `l + 1`.
    pub cells: Vec<Vec<RiskLevel>>,
    pub criteria: Vec<LevelCriterion>,
}

fn point(value: u8, ja: &str, en: &str, description: &str) -> ScalePoint {
    ScalePoint {
        value,
        label_ja: ja.into(),
        label_en: en.into(),
        description: description.into(),
    }
}

impl RiskMatrix {
    /// Validates a matrix: scales of 2–10 points numbered 1…n, a cell for every pair, a
    /// criterion for every level used, levels that never fall when impact or likelihood rises,
    /// review intervals of 1–1,095 days.
    pub fn new(
        impact: Vec<ScalePoint>,
        likelihood: Vec<ScalePoint>,
        cells: Vec<Vec<RiskLevel>>,
        criteria: Vec<LevelCriterion>,
    ) -> Result<Self, FieldError> {
        for (field, scale) in [("impact", &impact), ("likelihood", &likelihood)] {
            if !(2..=10).contains(&scale.len()) {
                return Err(FieldError::new(field, "must have 2 to 10 points"));
            }
            for (i, p) in scale.iter().enumerate() {
                if usize::from(p.value) != i + 1 {
                    return Err(FieldError::new(
                        format!("{field}[{i}].value"),
                        format!("must be {}", i + 1),
                    ));
                }
                if p.label_ja.trim().is_empty() || p.label_en.trim().is_empty() {
                    return Err(FieldError::new(
                        format!("{field}[{i}].label_ja"),
                        "labels must not be empty",
                    ));
                }
            }
        }
        if cells.len() != impact.len() || cells.iter().any(|row| row.len() != likelihood.len()) {
            return Err(FieldError::new(
                "cells",
                format!(
                    "must have {} rows of {} levels (impact × likelihood)",
                    impact.len(),
                    likelihood.len()
                ),
            ));
        }
        // A higher impact or likelihood never gives a lower level (S is highest).
        for i in 0..cells.len() {
            for l in 0..cells[i].len() {
                let here = cells[i][l];
                if (i > 0 && cells[i - 1][l] < here) || (l > 0 && cells[i][l - 1] < here) {
                    return Err(FieldError::new(
                        format!("cells[{i}][{l}]"),
                        "a higher impact or likelihood must not give a lower level",
                    ));
                }
            }
        }
        for level in cells.iter().flatten() {
            if !criteria.iter().any(|c| c.level == *level) {
                return Err(FieldError::new(
                    "criteria",
                    format!("level {level} is used but has no criterion"),
                )
                .with_accepted(RiskLevel::ALL.iter().map(|l| l.code())));
            }
        }
        for (i, c) in criteria.iter().enumerate() {
            if !(1..=1095).contains(&c.review_interval_days) {
                return Err(FieldError::new(
                    format!("criteria[{i}].review_interval_days"),
                    "must be 1 to 1095 days",
                ));
            }
            if let Requirement::Mandatory { min_measures: 0 } = c.requirement {
                return Err(FieldError::new(
                    format!("criteria[{i}].requirement"),
                    "a mandatory treatment needs at least one measure",
                ));
            }
            if criteria[..i].iter().any(|o| o.level == c.level) {
                return Err(FieldError::new(
                    format!("criteria[{i}].level"),
                    format!("level {} has two criteria", c.level),
                ));
            }
        }
        Ok(Self {
            impact,
            likelihood,
            cells,
            criteria,
        })
    }

    /// The default matrix anzen ships: an example, not from the guideline. The S–D criteria
    /// follow GL 5.1.3 Table 5-2; the scales, the cells and the review intervals are anzen's.
    pub fn default_example() -> Self {
        use RiskLevel::*;
        let impact = vec![
            point(
                1,
                "極めて小さい",
                "Very low",
                "No patient data involved; a short, local disruption at most.",
            ),
            point(
                2,
                "小さい",
                "Low",
                "Little or non-sensitive data; disruption without effect on care.",
            ),
            point(
                3,
                "中程度",
                "Moderate",
                "Some patient data, or disruption that slows care.",
            ),
            point(
                4,
                "大きい",
                "High",
                "Patient personal information, or disruption that stops care for a time.",
            ),
            point(
                5,
                "極めて大きい",
                "Very high",
                "Patient personal information processed often and in volume, or loss of records.",
            ),
        ];
        let likelihood = vec![
            point(
                1,
                "極めて低い",
                "Very unlikely",
                "Not expected during the service's life.",
            ),
            point(
                2,
                "低い",
                "Unlikely",
                "Could happen, but no known cases in comparable services.",
            ),
            point(
                3,
                "中程度",
                "Possible",
                "Known to happen in comparable services.",
            ),
            point(
                4,
                "高い",
                "Likely",
                "Expected to happen within a few years.",
            ),
            point(
                5,
                "極めて高い",
                "Very likely",
                "Expected within a year, or easy for an attacker.",
            ),
        ];
        // Rows: impact 1…5; columns: likelihood 1…5.
        let cells = vec![
            vec![D, D, C, C, B],
            vec![D, C, C, B, B],
            vec![C, C, B, A, A],
            vec![C, B, A, A, S],
            vec![B, A, A, S, S],
        ];
        let criteria = vec![
            LevelCriterion {
                level: S,
                requirement: Requirement::Mandatory { min_measures: 2 },
                description_ja: "対応必須。複数の対策を組み合わせる（表5-2の例）".into(),
                description_en:
                    "Treatment mandatory, with several measures combined (Table 5-2 example)".into(),
                review_interval_days: 90,
            },
            LevelCriterion {
                level: A,
                requirement: Requirement::Mandatory { min_measures: 1 },
                description_ja: "対応必須（表5-2の例）".into(),
                description_en: "Treatment mandatory (Table 5-2 example)".into(),
                review_interval_days: 180,
            },
            LevelCriterion {
                level: B,
                requirement: Requirement::CaseByCase,
                description_ja: "上位レベルを優先し、個別に判断（表5-2の例）".into(),
                description_en: "Higher levels first; decide case by case (Table 5-2 example)"
                    .into(),
                review_interval_days: 365,
            },
            LevelCriterion {
                level: C,
                requirement: Requirement::CaseByCase,
                description_ja: "上位レベルを優先し、個別に判断（表5-2の例）".into(),
                description_en: "Higher levels first; decide case by case (Table 5-2 example)"
                    .into(),
                review_interval_days: 365,
            },
            LevelCriterion {
                level: D,
                requirement: Requirement::NotNeeded,
                description_ja: "対応不要（表5-2の例）".into(),
                description_en: "No treatment needed (Table 5-2 example)".into(),
                review_interval_days: 730,
            },
        ];
        Self::new(impact, likelihood, cells, criteria).expect("the default matrix is valid")
    }

    /// The level of (impact, likelihood), each 1…n; an error names the field and the range.
    pub fn level(&self, impact: u8, likelihood: u8) -> Result<RiskLevel, FieldError> {
        let range = |field: &str, n: usize, v: u8| {
            if v == 0 || usize::from(v) > n {
                Err(FieldError::new(field, format!("`{v}` is out of range"))
                    .with_accepted((1..=n).map(|i| i.to_string())))
            } else {
                Ok(())
            }
        };
        range("impact", self.impact.len(), impact)?;
        range("likelihood", self.likelihood.len(), likelihood)?;
        Ok(self.cells[usize::from(impact) - 1][usize::from(likelihood) - 1])
    }

    /// The criterion of a level.
    pub fn criterion(&self, level: RiskLevel) -> &LevelCriterion {
        self.criteria
            .iter()
            .find(|c| c.level == level)
            .expect("a valid matrix has a criterion for every level it uses")
    }
}

/// A version of a provider's matrix. Versions are never changed; a new one is added.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MatrixVersion {
    pub id: crate::ids::MatrixId,
    pub org: crate::ids::OrgId,
    /// 1, 2, 3, … per provider.
    pub version: i64,
    pub matrix: RiskMatrix,
    pub created_by: String,
    pub created_at: jiff::Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;
    use RiskLevel::*;

    #[test]
    fn the_default_matrix_gives_the_faq_5_2_example_the_highest_level() {
        // FAQ 5.2: sensitive patient data and a 4-digit password → impact and likelihood
        // high, risk level "extremely high".
        let m = RiskMatrix::default_example();
        assert_eq!(m.level(5, 5).unwrap(), S);
        assert_eq!(m.level(5, 4).unwrap(), S);
        assert_eq!(m.level(1, 1).unwrap(), D);
        assert_eq!(
            m.criterion(S).requirement,
            Requirement::Mandatory { min_measures: 2 }
        );
        assert_eq!(
            m.criterion(A).requirement,
            Requirement::Mandatory { min_measures: 1 }
        );
        assert_eq!(m.criterion(B).requirement, Requirement::CaseByCase);
        assert_eq!(m.criterion(D).requirement, Requirement::NotNeeded);
    }

    #[test]
    fn out_of_range_values_name_the_field_and_the_range() {
        let m = RiskMatrix::default_example();
        let e = m.level(6, 1).unwrap_err();
        assert_eq!(e.field, "impact");
        assert_eq!(e.accepted, ["1", "2", "3", "4", "5"]);
        assert_eq!(m.level(1, 0).unwrap_err().field, "likelihood");
    }

    #[test]
    fn invalid_matrices_are_refused() {
        let d = RiskMatrix::default_example();
        let mut cells = d.cells.clone();
        cells[4][4] = D; // very high × very likely giving D: the level falls
        assert!(
            RiskMatrix::new(
                d.impact.clone(),
                d.likelihood.clone(),
                cells,
                d.criteria.clone()
            )
            .is_err()
        );
        let mut short = d.cells.clone();
        short.pop();
        assert_eq!(
            RiskMatrix::new(
                d.impact.clone(),
                d.likelihood.clone(),
                short,
                d.criteria.clone()
            )
            .unwrap_err()
            .field,
            "cells"
        );
        let no_s: Vec<_> = d
            .criteria
            .iter()
            .filter(|c| c.level != S)
            .cloned()
            .collect();
        assert_eq!(
            RiskMatrix::new(
                d.impact.clone(),
                d.likelihood.clone(),
                d.cells.clone(),
                no_s
            )
            .unwrap_err()
            .field,
            "criteria"
        );
    }

    #[test]
    fn levels_never_fall_as_impact_or_likelihood_rise() {
        let m = RiskMatrix::default_example();
        for i in 1..=5u8 {
            for l in 1..=5u8 {
                let here = m.level(i, l).unwrap();
                if i < 5 {
                    assert!(m.level(i + 1, l).unwrap() <= here);
                }
                if l < 5 {
                    assert!(m.level(i, l + 1).unwrap() <= here);
                }
            }
        }
    }
}
