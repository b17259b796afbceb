//! Which chapter 6 regulatory requirements an offering does not meet, for the dashboard
//! (FAQ 7, 7.1; issue item 6). A regulatory requirement is met only when it is adopted, or
//! when a documented finding says its law does not reach the offering; never by a risk
//! decision (FAQ 7-R1).

use jiff::civil::Date;

use super::statement::{Applicability, Statement, StatementSubject};
use crate::catalog::Catalog;
use crate::code_enum;
use crate::ids::RiskId;
use crate::risk::TreatmentOption;

code_enum! {
    /// Why a regulatory requirement is not met.
    UnmetReason {
        /// No statement at all.
        NoStatement = "no_statement", "記述なし", "No statement";
        /// Planned, not yet in place.
        Planned = "planned", "対応予定", "Planned, not yet in place";
        /// A status that cannot meet a regulatory requirement (FAQ 7-R1).
        NotMet = "not_met", "未対応", "Not met";
        /// The statement links a risk that is now treated by acceptance (FAQ 7-R1).
        RestsOnAcceptedRisk = "rests_on_accepted_risk", "受容されたリスクに依存", "Rests on an accepted risk";
    }
}

/// A regulatory requirement that is not met, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnmetRequirement {
    pub key: String,
    pub reason: UnmetReason,
    /// The planned date, for [`UnmetReason::Planned`].
    pub planned_by: Option<Date>,
}

/// The keys of the regulatory requirements of `catalogue` (its non-waivable items, FAQ 7-R1)
/// that `statements` (of one offering) do not meet: no statement, planned, or anything but
/// adopted or legally not applicable. In catalogue order.
pub fn unmet_regulatory(statements: &[Statement], catalogue: &Catalog) -> Vec<String> {
    unmet_regulatory_detail(statements, catalogue, |_| None)
        .into_iter()
        .map(|u| u.key)
        .collect()
}

/// [`unmet_regulatory`] with the reason, also counting as unmet a statement that links a risk
/// whose current treatment (`treatment_of`) is acceptance (FAQ 7-R1). When a requirement has
/// several statements, every one must meet it.
pub fn unmet_regulatory_detail(
    statements: &[Statement],
    catalogue: &Catalog,
    treatment_of: impl Fn(RiskId) -> Option<TreatmentOption>,
) -> Vec<UnmetRequirement> {
    let mut unmet = Vec::new();
    for item in catalogue.items().iter().filter(|i| !i.is_waivable()) {
        let on_item: Vec<&Statement> = statements
            .iter()
            .filter(|s| matches!(s.subject(), StatementSubject::Regulatory { key } if key == item.key()))
            .collect();
        let reason = if on_item.is_empty() {
            Some((UnmetReason::NoStatement, None))
        } else {
            on_item.iter().find_map(|s| {
                if s.risks()
                    .iter()
                    .any(|&r| treatment_of(r) == Some(TreatmentOption::Accept))
                {
                    return Some((UnmetReason::RestsOnAcceptedRisk, None));
                }
                match s.applicability() {
                    Applicability::Adopted { .. } | Applicability::LegallyNotApplicable { .. } => {
                        None
                    }
                    Applicability::Planned { by, .. } => Some((UnmetReason::Planned, Some(*by))),
                    _ => Some((UnmetReason::NotMet, None)),
                }
            })
        };
        if let Some((reason, planned_by)) = reason {
            unmet.push(UnmetRequirement {
                key: item.key().to_owned(),
                reason,
                planned_by,
            });
        }
    }
    unmet
}
