//! Statements of applicability (FAQ 5.3-R5: Appendix 2 is treated like ISMS Annex A, so each
//! offering states, per control, whether and how it applies it), and the rules that keep a
//! statement from hiding a reasonless non-adoption (FAQ 5.3-R7) or a waived regulatory
//! requirement (FAQ 7-R1).

use jiff::civil::Date;

use super::diff::CatalogueDiff;
use super::model::ControlCatalogue;
use crate::FieldError;
use crate::code_enum;
use crate::ids::{OfferingId, RiskId};
use crate::risk::TreatmentOption;

/// The longest text of a statement.
pub const MAX_STATEMENT_TEXT: usize = 4000;

code_enum! {
    /// The status of a statement.
    StatementStatus {
        /// The control is in place: how, and the evidence.
        Adopted = "adopted", "採用", "Adopted";
        /// Another measure is in place instead (FAQ 5.3-R4, R7).
        Alternative = "alternative", "代替策", "Alternative measure";
        /// The control does not concern the offering (FAQ 5.3-R7).
        NotApplicable = "not_applicable", "適用外", "Not applicable";
        /// The control will be in place by a date.
        Planned = "planned", "対応予定", "Planned";
        /// A regulatory requirement whose law does not reach the offering, on a documented
        /// finding (guideline-notes §6, model hint). Never a risk decision.
        LegallyNotApplicable = "legally_not_applicable", "法令上の適用なし", "Legally not applicable";
    }
}

/// What an offering states about one control, with the texts each status requires.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(
    tag = "status",
    rename_all = "snake_case",
    try_from = "ApplicabilityInput"
)]
pub enum Applicability {
    Adopted {
        how: String,
        evidence: String,
    },
    Alternative {
        what: String,
        why_equivalent: String,
    },
    NotApplicable {
        why: String,
    },
    Planned {
        what: String,
        by: Date,
    },
    LegallyNotApplicable {
        finding: String,
        legal_basis: String,
    },
}

/// The fields of a statement as a form or an API client sends them: the status and the
/// texts, every one optional until [`Applicability::from_input`] checks them.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicabilityInput {
    pub status: Option<String>,
    pub how: Option<String>,
    pub evidence: Option<String>,
    pub what: Option<String>,
    pub why_equivalent: Option<String>,
    pub why: Option<String>,
    pub by: Option<String>,
    pub finding: Option<String>,
    pub legal_basis: Option<String>,
}

impl TryFrom<ApplicabilityInput> for Applicability {
    type Error = FieldError;
    fn try_from(input: ApplicabilityInput) -> Result<Self, FieldError> {
        Applicability::from_input(&input)
    }
}

/// Why each text is required, with the section it comes from.
fn reason(field: &str) -> &'static str {
    match field {
        "how" => {
            "say how the control is implemented (FAQ 5.3-R3: Appendix 2 is the minimum check, made through risk management)"
        }
        "evidence" => "name the evidence that the control is in place (FAQ 5.3-R3)",
        "what" => {
            "describe the measure (FAQ 5.3-R4: a measure outside Appendix 2 must be described; FAQ 5.3-R7)"
        }
        "why_equivalent" => {
            "say why the alternative is equivalent: not adopting a control needs a reasonable reason (FAQ 5.3-R7)"
        }
        "why" => {
            "not adopting a control needs a reasonable reason, e.g. the item does not concern the system (FAQ 5.3-R7)"
        }
        "by" => {
            "give the date by which the control will be in place (FAQ 5.3-R7: until then it is not adopted)"
        }
        "finding" => {
            "record the documented finding that the law does not reach this offering (FAQ 7-R1; guideline-notes §6)"
        }
        "legal_basis" => "name the law or notice whose scope excludes the offering (FAQ 7.1-R2)",
        _ => "is required",
    }
}

/// A required statement text: trimmed, non-blank, bounded, without control characters other
/// than line breaks and tabs.
fn text(field: &str, value: Option<&str>) -> Result<String, FieldError> {
    let t = value.map(str::trim).unwrap_or("");
    if t.is_empty() {
        return Err(FieldError::new(
            field,
            format!("is required: {}", reason(field)),
        ));
    }
    if t.chars().count() > MAX_STATEMENT_TEXT {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_STATEMENT_TEXT} characters"),
        ));
    }
    if t.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
    Ok(t.to_owned())
}

impl Applicability {
    pub fn status(&self) -> StatementStatus {
        match self {
            Applicability::Adopted { .. } => StatementStatus::Adopted,
            Applicability::Alternative { .. } => StatementStatus::Alternative,
            Applicability::NotApplicable { .. } => StatementStatus::NotApplicable,
            Applicability::Planned { .. } => StatementStatus::Planned,
            Applicability::LegallyNotApplicable { .. } => StatementStatus::LegallyNotApplicable,
        }
    }

    /// The fields each status takes.
    pub fn fields_of(status: StatementStatus) -> &'static [&'static str] {
        match status {
            StatementStatus::Adopted => &["how", "evidence"],
            StatementStatus::Alternative => &["what", "why_equivalent"],
            StatementStatus::NotApplicable => &["why"],
            StatementStatus::Planned => &["what", "by"],
            StatementStatus::LegallyNotApplicable => &["finding", "legal_basis"],
        }
    }

    /// Checks a statement's fields: the status, every text it requires (a reasonless
    /// non-adoption is refused, FAQ 5.3-R7), and no text of another status.
    pub fn from_input(input: &ApplicabilityInput) -> Result<Self, FieldError> {
        let status = match input.status.as_deref().map(str::trim) {
            None | Some("") => {
                return Err(FieldError::new("status", "is required")
                    .with_accepted(StatementStatus::ALL.iter().map(|s| s.code())));
            }
            Some(code) => StatementStatus::parse_field("status", code)?,
        };
        let given = [
            ("how", &input.how),
            ("evidence", &input.evidence),
            ("what", &input.what),
            ("why_equivalent", &input.why_equivalent),
            ("why", &input.why),
            ("by", &input.by),
            ("finding", &input.finding),
            ("legal_basis", &input.legal_basis),
        ];
        let allowed = Self::fields_of(status);
        if let Some((name, _)) = given.iter().find(|(name, value)| {
            !allowed.contains(name) && value.as_deref().is_some_and(|v| !v.trim().is_empty())
        }) {
            return Err(
                FieldError::new(*name, format!("is not a field of status `{status}`"))
                    .with_accepted(allowed.iter().copied()),
            );
        }
        let get = |name: &str| {
            given
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| v.as_deref())
        };
        Ok(match status {
            StatementStatus::Adopted => Applicability::Adopted {
                how: text("how", get("how"))?,
                evidence: text("evidence", get("evidence"))?,
            },
            StatementStatus::Alternative => Applicability::Alternative {
                what: text("what", get("what"))?,
                why_equivalent: text("why_equivalent", get("why_equivalent"))?,
            },
            StatementStatus::NotApplicable => Applicability::NotApplicable {
                why: text("why", get("why"))?,
            },
            StatementStatus::Planned => {
                let what = text("what", get("what"))?;
                let raw = text("by", get("by"))?;
                let by: Date = raw.parse().map_err(|_| {
                    FieldError::new(
                        "by",
                        format!("`{raw}` is not a date of the form 2026-04-01"),
                    )
                })?;
                Applicability::Planned { what, by }
            }
            StatementStatus::LegallyNotApplicable => Applicability::LegallyNotApplicable {
                finding: text("finding", get("finding"))?,
                legal_basis: text("legal_basis", get("legal_basis"))?,
            },
        })
    }

    /// Re-checks the texts of an already built value (e.g. one made in code).
    pub fn validate(&self) -> Result<(), FieldError> {
        let check = |field: &str, value: &str| text(field, Some(value)).map(|_| ());
        match self {
            Applicability::Adopted { how, evidence } => {
                check("how", how)?;
                check("evidence", evidence)
            }
            Applicability::Alternative {
                what,
                why_equivalent,
            } => {
                check("what", what)?;
                check("why_equivalent", why_equivalent)
            }
            Applicability::NotApplicable { why } => check("why", why),
            Applicability::Planned { what, .. } => check("what", what),
            Applicability::LegallyNotApplicable {
                finding,
                legal_basis,
            } => {
                check("finding", finding)?;
                check("legal_basis", legal_basis)
            }
        }
    }
}

/// What a statement is about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatementSubject {
    /// An item of one Appendix 2 catalogue version: its key plus the version (appendix2.md
    /// §7.1, tenant-side records).
    Appendix2 {
        catalogue_version: String,
        key: String,
    },
    /// A control the provider defined itself (FAQ 5.3-R4).
    Provider { key: String },
    /// A chapter 6 regulatory requirement, by its key in `regulatory_requirements` (FAQ 7).
    Regulatory { key: String },
}

impl StatementSubject {
    pub fn key(&self) -> &str {
        match self {
            StatementSubject::Appendix2 { key, .. }
            | StatementSubject::Provider { key }
            | StatementSubject::Regulatory { key } => key,
        }
    }

    pub fn is_regulatory(&self) -> bool {
        matches!(self, StatementSubject::Regulatory { .. })
    }

    fn validate(&self) -> Result<(), FieldError> {
        let line = |field: &str, value: &str| {
            let ok = !value.trim().is_empty()
                && value.trim() == value
                && value.chars().count() <= 100
                && !value.chars().any(char::is_control);
            if ok {
                Ok(())
            } else {
                Err(FieldError::new(
                    field,
                    "must be one line of 1 to 100 characters",
                ))
            }
        };
        if let StatementSubject::Appendix2 {
            catalogue_version, ..
        } = self
        {
            line("subject.catalogue_version", catalogue_version)?;
        }
        line("subject.key", self.key())
    }
}

/// A risk a statement links to, with its current treatment (looked up by the caller).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkedRisk {
    pub id: RiskId,
    pub treatment: Option<TreatmentOption>,
}

/// A statement of one offering about one control or regulatory requirement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Statement {
    offering: OfferingId,
    subject: StatementSubject,
    applicability: Applicability,
    risks: Vec<RiskId>,
}

impl Statement {
    /// Checks and builds a statement about to be written. Refuses:
    /// - a missing text (FAQ 5.3-R7, see [`Applicability::from_input`]);
    /// - `not_applicable` or `alternative` on a regulatory requirement (FAQ 7-R1: laws are met
    ///   uniformly, whatever the risk analysis says; the only way out is
    ///   `legally_not_applicable` with its finding and legal basis, guideline-notes §6);
    /// - `legally_not_applicable` on anything but a regulatory requirement;
    /// - a regulatory statement that links a risk treated by acceptance (FAQ 7-R1).
    pub fn new(
        offering: OfferingId,
        subject: StatementSubject,
        applicability: Applicability,
        risks: &[LinkedRisk],
    ) -> Result<Self, FieldError> {
        check_status(&subject, &applicability)?;
        if subject.is_regulatory()
            && let Some(risk) = risks
                .iter()
                .find(|r| r.treatment == Some(TreatmentOption::Accept))
        {
            return Err(FieldError::new(
                "risks",
                format!(
                    "a regulatory requirement cannot rest on an accepted risk: laws must be met uniformly, \
                     whatever the risk analysis says (FAQ 7-R1); risk {} is treated by acceptance",
                    risk.id
                ),
            ));
        }
        Self::restore(
            offering,
            subject,
            applicability,
            risks.iter().map(|r| r.id).collect(),
        )
    }

    /// Rebuilds a stored statement, checking everything but the treatments of its risks
    /// (checked by [`Statement::new`] when it was written; a later change of a risk is caught
    /// by [`statements_blocking_acceptance`] and [`super::unmet_regulatory_detail`]).
    pub fn restore(
        offering: OfferingId,
        subject: StatementSubject,
        applicability: Applicability,
        mut risks: Vec<RiskId>,
    ) -> Result<Self, FieldError> {
        subject.validate()?;
        check_status(&subject, &applicability)?;
        applicability.validate()?;
        risks.sort();
        risks.dedup();
        Ok(Self {
            offering,
            subject,
            applicability,
            risks,
        })
    }

    pub fn offering(&self) -> OfferingId {
        self.offering
    }
    pub fn subject(&self) -> &StatementSubject {
        &self.subject
    }
    pub fn applicability(&self) -> &Applicability {
        &self.applicability
    }
    pub fn status(&self) -> StatementStatus {
        self.applicability.status()
    }
    /// The linked risks, sorted, without duplicates.
    pub fn risks(&self) -> &[RiskId] {
        &self.risks
    }
}

/// The statuses a subject accepts.
pub fn statuses_for(subject: &StatementSubject) -> &'static [StatementStatus] {
    if subject.is_regulatory() {
        &[
            StatementStatus::Adopted,
            StatementStatus::Planned,
            StatementStatus::LegallyNotApplicable,
        ]
    } else {
        &[
            StatementStatus::Adopted,
            StatementStatus::Alternative,
            StatementStatus::NotApplicable,
            StatementStatus::Planned,
        ]
    }
}

fn check_status(
    subject: &StatementSubject,
    applicability: &Applicability,
) -> Result<(), FieldError> {
    check_status_of(subject, applicability.status())
}

/// Refuses a status `subject` does not accept, with its reason: a regulatory requirement is
/// never `not_applicable` nor `alternative` (FAQ 7-R1), and `legally_not_applicable` is only
/// for regulatory requirements (FAQ 7; a control that does not concern the offering is
/// `not_applicable`, FAQ 5.3-R7). Callers may check this before the texts of the status.
pub fn check_status_of(
    subject: &StatementSubject,
    status: StatementStatus,
) -> Result<(), FieldError> {
    let allowed = statuses_for(subject);
    if allowed.contains(&status) {
        return Ok(());
    }
    let message = match status {
        StatementStatus::NotApplicable | StatementStatus::Alternative => format!(
            "a regulatory requirement cannot be `{status}`: laws must be met uniformly, whatever the \
             risk analysis says (FAQ 7-R1); the only way out is `legally_not_applicable` with the \
             finding and its legal basis (guideline-notes §6)"
        ),
        _ => format!(
            "`{status}` is only for chapter 6 regulatory requirements (FAQ 7); a control that does \
             not concern the offering is `not_applicable` with its reason (FAQ 5.3-R7)"
        ),
    };
    Err(FieldError::new("status", message).with_accepted(allowed.iter().map(|s| s.code())))
}

/// The regulatory statements that rest on `risk`: while there is any, the risk may not be
/// treated by acceptance (FAQ 7-R1). The risk use-case refuses the acceptance and names them.
pub fn statements_blocking_acceptance(risk: RiskId, statements: &[Statement]) -> Vec<&Statement> {
    statements
        .iter()
        .filter(|s| s.subject.is_regulatory() && s.risks.binary_search(&risk).is_ok())
        .collect()
}

/// The items of an Appendix 2 catalogue version without a statement among `statements` (of
/// one offering): a statement of applicability is complete only when every item has one
/// (FAQ 5.3-R3, R7: every item is checked; a non-adoption has its reason).
pub fn items_without_statement(
    catalogue: &ControlCatalogue,
    statements: &[Statement],
) -> Vec<String> {
    let stated: std::collections::HashSet<&str> = statements
        .iter()
        .filter_map(|s| match &s.subject {
            StatementSubject::Appendix2 {
                catalogue_version,
                key,
            } if *catalogue_version == catalogue.meta.version => Some(key.as_str()),
            _ => None,
        })
        .collect();
    catalogue
        .items
        .iter()
        .filter(|i| !stated.contains(i.key.as_str()))
        .map(|i| i.key.clone())
        .collect()
}

/// The statements on the old version of a catalogue that must be reviewed before they are
/// carried to the new one: those on removed or changed items (appendix2.md §7.3 rule 7).
pub fn statements_to_review<'a>(
    diff: &CatalogueDiff,
    statements: &'a [Statement],
) -> Vec<&'a Statement> {
    let keys = diff.keys_to_review();
    statements
        .iter()
        .filter(|s| match &s.subject {
            StatementSubject::Appendix2 {
                catalogue_version,
                key,
            } => *catalogue_version == diff.from_version && keys.contains(key),
            _ => false,
        })
        .collect()
}
