//! Safety-management evaluations of an offering (GL 4.3 「医療情報システム等の安全管理に係る
//! 評価」; FAQ 4-R1; Table 4-1 ②-4).
//!
//! The provider evaluates the safety management of its system and gives the institution the
//! result (GL 4.3; Table 4-1 ②-4). A self-evaluation by the staff who do the work is less
//! objective: an independent internal audit department or a third party is desirable (望ましい,
//! GL 4.3 fn.24), so a self-evaluation is flagged, never refused (guideline-notes §4.3).
//! Each finding carries a severity; a finding may raise a risk in the offering's register
//! (GL 5.1.1) or a planned (対応予定) Appendix 2 statement (FAQ 5.3), once.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::chain::{RuleText, rule_text};
use crate::code_enum;
use crate::contract::parse_date;
use crate::ids::RiskId;
use crate::text::{Name, optional_text};

/// The most findings one evaluation records.
pub const MAX_FINDINGS: usize = 50;
/// The longest scope or finding text.
pub const MAX_TEXT: usize = 2000;
/// The longest summary.
pub const MAX_SUMMARY: usize = 4000;

code_enum! {
    /// Who evaluated (GL 4.3; fn.24).
    EvaluatorType {
        /// The staff who do the work evaluate themselves: less objective (GL 4.3).
        SelfAssessment = "self_assessment", "自己評価（業務担当者による評価）", "Self-assessment (by the staff who do the work)";
        /// An internal audit department independent of the work (GL 4.3: desirable).
        InternalAudit = "internal_audit", "内部評価（独立した内部監査部門）", "Internal (independent internal audit department)";
        /// A third party outside the provider (GL 4.3 fn.24: desirable).
        External = "external", "外部評価（第三者）", "External (third party)";
    }
}

impl EvaluatorType {
    /// Whether the evaluator belongs to the provider (self-assessment or internal audit).
    pub const fn is_internal(self) -> bool {
        !matches!(self, Self::External)
    }
}

code_enum! {
    /// The overall result of an evaluation.
    EvaluationResult {
        Satisfactory = "satisfactory", "適合（是正を要する指摘事項なし）", "Satisfactory (nothing to correct)";
        SatisfactoryWithFindings = "satisfactory_with_findings", "概ね適合（是正を要する指摘事項あり）", "Satisfactory with findings to correct";
        Unsatisfactory = "unsatisfactory", "不適合（重大な指摘事項あり）", "Unsatisfactory (major findings)";
    }
}

code_enum! {
    /// How serious a finding is.
    FindingSeverity {
        Major = "major", "重大", "Major";
        Minor = "minor", "軽微", "Minor";
        /// A suggestion for improvement: nothing to correct.
        Observation = "observation", "所見（改善提案）", "Observation (suggestion)";
    }
}

impl FindingSeverity {
    /// Whether the finding asks for a correction (major or minor).
    pub const fn to_correct(self) -> bool {
        !matches!(self, Self::Observation)
    }
}

rule_text!(
    /// GL 4.3: a self-evaluation is less objective; flagged, not refused.
    SELF_ASSESSMENT_NOTE, "GL 4.3", "GL 4.3 (fn.24)", Should, Confirmed,
    "業務担当者による自己評価は信頼性・客観性が低くなります。独立した内部監査部門又は第三者による評価が望まれます（GL 4.3）。",
    "A self-assessment by the staff who do the work is less reliable and less objective; an evaluation by an independent internal audit department or a third party is desirable (GL 4.3)."
);

/// What a finding led to: a risk of the offering's register or a planned Appendix 2
/// statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FollowUp {
    /// A risk identified from the finding (GL 5.1.1).
    Risk { risk: RiskId },
    /// A statement 対応予定 on an Appendix 2 control (FAQ 5.3).
    PlannedStatement {
        catalogue_version: String,
        key: String,
    },
}

/// One finding of an evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: FindingSeverity,
    pub text: String,
    pub follow_up: Option<FollowUp>,
}

/// A finding as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewFinding {
    pub severity: String,
    pub text: String,
}

/// An evaluation as typed (dates as `YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewEvaluation {
    pub evaluator_type: String,
    /// The person or team who evaluated.
    pub evaluator: String,
    /// For an external evaluation: the organisation of the evaluator.
    pub organisation: String,
    pub evaluated_on: String,
    pub scope: String,
    pub result: String,
    pub summary: String,
    pub findings: Vec<NewFinding>,
}

/// A validated evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub evaluator_type: EvaluatorType,
    pub evaluator: Name,
    pub organisation: Option<Name>,
    pub evaluated_on: Date,
    pub scope: String,
    pub result: EvaluationResult,
    pub summary: Option<String>,
    pub findings: Vec<Finding>,
}

fn required_text(field: &str, value: &str, max: usize, why: &str) -> Result<String, FieldError> {
    optional_text(field, value, max)?.ok_or_else(|| FieldError::new(field, why.to_owned()))
}

impl NewEvaluation {
    /// Validates an evaluation recorded on `today` (Japan). Every error names its field.
    pub fn validate(&self, today: Date) -> Result<Evaluation, FieldError> {
        let evaluator_type = EvaluatorType::parse_field("evaluator_type", &self.evaluator_type)?;
        let evaluator = Name::parse("evaluator", &self.evaluator)?;
        let organisation = match evaluator_type {
            EvaluatorType::External => Some(
                Name::parse("organisation", &self.organisation).map_err(|e| {
                    FieldError::new(
                        "organisation",
                        format!(
                            "{}: name the third party that evaluated (GL 4.3 fn.24)",
                            e.message
                        ),
                    )
                })?,
            ),
            _ if !self.organisation.trim().is_empty() => {
                return Err(FieldError::new(
                    "organisation",
                    "applies only to an external evaluation; an internal evaluator belongs to the provider",
                ));
            }
            _ => None,
        };
        let evaluated_on = parse_date("evaluated_on", &self.evaluated_on)?;
        if evaluated_on > today {
            return Err(FieldError::new(
                "evaluated_on",
                format!(
                    "an evaluation records a result already given; {evaluated_on} is after today ({today})"
                ),
            ));
        }
        let scope = required_text(
            "scope",
            &self.scope,
            MAX_TEXT,
            "say what the evaluation covered (GL 4.3)",
        )?;
        let result = EvaluationResult::parse_field("result", &self.result)?;
        let summary = optional_text("summary", &self.summary, MAX_SUMMARY)?;
        if self.findings.len() > MAX_FINDINGS {
            return Err(FieldError::new(
                "findings",
                format!("at most {MAX_FINDINGS} findings per evaluation"),
            ));
        }
        let findings = self
            .findings
            .iter()
            .enumerate()
            .map(|(i, f)| {
                Ok(Finding {
                    severity: FindingSeverity::parse_field(
                        &format!("findings[{i}].severity"),
                        &f.severity,
                    )?,
                    text: required_text(
                        &format!("findings[{i}].text"),
                        &f.text,
                        MAX_TEXT,
                        "say what was found",
                    )?,
                    follow_up: None,
                })
            })
            .collect::<Result<Vec<_>, FieldError>>()?;
        check_result(result, &findings)?;
        Ok(Evaluation {
            evaluator_type,
            evaluator,
            organisation,
            evaluated_on,
            scope,
            result,
            summary,
            findings,
        })
    }
}

/// The overall result must agree with the findings, so that the answer to Table 4-1 ②-4
/// does not say more than the evaluation found (GL 4.3): "satisfactory" carries no finding
/// to correct, "satisfactory with findings" at least one, "unsatisfactory" at least one
/// major finding.
pub fn check_result(result: EvaluationResult, findings: &[Finding]) -> Result<(), FieldError> {
    let to_correct = findings.iter().filter(|f| f.severity.to_correct()).count();
    let major = findings
        .iter()
        .filter(|f| f.severity == FindingSeverity::Major)
        .count();
    let accepted = EvaluationResult::ALL.iter().map(|r| r.code());
    match result {
        EvaluationResult::Satisfactory if to_correct > 0 => Err(FieldError::new(
            "result",
            format!("`satisfactory` carries no finding to correct, but {to_correct} major or minor finding(s) were given; use `satisfactory_with_findings` or `unsatisfactory` (GL 4.3)"),
        )
        .with_accepted(accepted)),
        EvaluationResult::SatisfactoryWithFindings if to_correct == 0 => Err(FieldError::new(
            "result",
            "`satisfactory_with_findings` needs at least one major or minor finding (GL 4.3)",
        )
        .with_accepted(accepted)),
        EvaluationResult::Unsatisfactory if major == 0 => Err(FieldError::new(
            "result",
            "`unsatisfactory` needs at least one major finding that says why (GL 4.3)",
        )
        .with_accepted(accepted)),
        _ => Ok(()),
    }
}

/// Whether finding `index` of `evaluation` may raise a follow-up: it exists and has none
/// yet (a finding leads to one risk or one planned statement, so it is not counted twice).
pub fn check_follow_up(evaluation: &Evaluation, index: usize) -> Result<(), FieldError> {
    let Some(f) = evaluation.findings.get(index) else {
        return Err(FieldError::new(
            "finding",
            format!(
                "no finding number {index}; the evaluation has {} (numbered from 0)",
                evaluation.findings.len()
            ),
        ));
    };
    match &f.follow_up {
        None => Ok(()),
        Some(FollowUp::Risk { risk }) => Err(FieldError::new(
            "finding",
            format!("this finding already raised risk {risk}"),
        )),
        Some(FollowUp::PlannedStatement { key, .. }) => Err(FieldError::new(
            "finding",
            format!("this finding already raised the planned statement on {key}"),
        )),
    }
}

impl Evaluation {
    /// The GL 4.3 note shown with a self-assessment (less objective), if any.
    pub fn objectivity_note(&self) -> Option<RuleText> {
        (self.evaluator_type == EvaluatorType::SelfAssessment).then_some(SELF_ASSESSMENT_NOTE)
    }

    /// How many findings of a severity.
    pub fn count(&self, severity: FindingSeverity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The answer to Table 4-1 ②-4 for one offering from this evaluation (GL 4.3): date,
    /// evaluator type (and the third party), result and findings, Japanese and English.
    pub fn table_4_1_answer(&self, offering: &str) -> (String, String) {
        let (major, minor, obs) = (
            self.count(FindingSeverity::Major),
            self.count(FindingSeverity::Minor),
            self.count(FindingSeverity::Observation),
        );
        let who_ja = match &self.organisation {
            Some(o) => format!(
                "{}（{}、{}）",
                self.evaluator_type.label_ja(),
                o,
                self.evaluator
            ),
            None => format!("{}（{}）", self.evaluator_type.label_ja(), self.evaluator),
        };
        let who_en = match &self.organisation {
            Some(o) => format!(
                "{} ({}, {})",
                self.evaluator_type.label_en(),
                o,
                self.evaluator
            ),
            None => format!("{} ({})", self.evaluator_type.label_en(), self.evaluator),
        };
        let mut ja = format!(
            "{offering}: {} 実施の{who_ja}による評価の結果は「{}」。指摘事項 {} 件（重大 {major}、軽微 {minor}、所見 {obs}）。評価範囲: {}（GL 4.3、表4-1 ②-4）",
            self.evaluated_on,
            self.result.label_ja(),
            self.findings.len(),
            self.scope
        );
        let mut en = format!(
            "{offering}: evaluated on {} by {who_en}; result: {}. {} finding(s) (major {major}, minor {minor}, observations {obs}). Scope: {} (GL 4.3, Table 4-1 ②-4)",
            self.evaluated_on,
            self.result.label_en(),
            self.findings.len(),
            self.scope
        );
        if let Some(note) = self.objectivity_note() {
            ja.push(' ');
            ja.push_str(&note.cited_ja());
            en.push(' ');
            en.push_str(&note.cited_en());
        }
        (ja, en)
    }
}

/// The latest of an offering's evaluations: the one evaluated last; of evaluations on the
/// same day, the one recorded last (`evals` oldest recorded first).
pub fn latest<'a, I>(evals: I) -> Option<&'a Evaluation>
where
    I: IntoIterator<Item = &'a Evaluation>,
{
    // `max_by_key` keeps the last of equal keys: the one recorded last.
    evals.into_iter().max_by_key(|e| e.evaluated_on)
}

#[cfg(test)]
#[path = "evaluation_tests.rs"]
mod tests;
