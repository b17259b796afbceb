//! The register's filters, shared by the pages, the exports and the JSON API: offering,
//! inherent and residual level, status, treatment option, search, review due, marked for
//! review.

use anzen_app::ports::RiskQuery;
use anzen_domain::FieldError;
use anzen_domain::ids::OfferingId;
use anzen_domain::risk::{RiskLevel, RiskStatus, TreatmentOption};
use jiff::civil::Date;

/// Which review dates a filter keeps.
pub const REVIEW_VALUES: [&str; 2] = ["due", "overdue"];

/// The filters as typed (query string values).
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterText<'a> {
    pub offering: &'a str,
    pub level: &'a str,
    pub residual_level: &'a str,
    pub status: &'a str,
    pub option: &'a str,
    pub q: &'a str,
    /// `due` (review date today or earlier) or `overdue` (before today).
    pub review: &'a str,
    /// `true` (the API) or any checkbox value (the pages): only risks marked for review.
    pub flagged: &'a str,
}

fn opt<T>(
    strict: bool,
    field: &str,
    raw: &str,
    parse: impl Fn(&str, &str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match parse(field, raw) {
        Ok(v) => Ok(Some(v)),
        Err(e) if strict => Err(e),
        Err(_) => Ok(None),
    }
}

/// The storage query of the filters. `strict` (the API) refuses a value it does not know,
/// naming the parameter; otherwise (the pages) such a value is ignored.
pub fn risk_query(f: &FilterText<'_>, today: Date, strict: bool) -> Result<RiskQuery, FieldError> {
    let review_due_by = match f.review.trim() {
        "" => None,
        "due" => Some(today),
        "overdue" => Some(today.yesterday().unwrap_or(today)),
        other if strict => {
            return Err(
                FieldError::new("review", format!("unknown value `{other}`"))
                    .with_accepted(REVIEW_VALUES),
            );
        }
        _ => None,
    };
    let flagged = match f.flagged.trim() {
        "" | "false" => false,
        "true" => true,
        other if strict => {
            return Err(
                FieldError::new("flagged", format!("unknown value `{other}`"))
                    .with_accepted(["true", "false"]),
            );
        }
        _ => true,
    };
    Ok(RiskQuery {
        offering: opt(strict, "offering", f.offering, OfferingId::parse_field)?,
        level: opt(strict, "level", f.level, RiskLevel::parse_field)?,
        residual_level: opt(
            strict,
            "residual_level",
            f.residual_level,
            RiskLevel::parse_field,
        )?,
        status: opt(strict, "status", f.status, RiskStatus::parse_field)?,
        option: opt(strict, "option", f.option, TreatmentOption::parse_field)?,
        search: Some(f.q.trim().to_owned()).filter(|s| !s.is_empty()),
        review_due_by,
        flagged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_are_strict_for_the_api_and_lenient_for_pages() {
        let today: Date = "2026-11-25".parse().unwrap();
        let f = FilterText {
            level: "S",
            status: "re_consent_needed",
            review: "overdue",
            flagged: "true",
            q: " パスワード ",
            ..Default::default()
        };
        let q = risk_query(&f, today, true).unwrap();
        assert_eq!(q.level, Some(RiskLevel::S));
        assert_eq!(q.status, Some(RiskStatus::ReConsentNeeded));
        assert_eq!(q.review_due_by.unwrap().to_string(), "2026-11-24");
        assert!(q.flagged);
        assert_eq!(q.search.as_deref(), Some("パスワード"));
        let bad = FilterText {
            level: "X",
            ..Default::default()
        };
        let e = risk_query(&bad, today, true).unwrap_err();
        assert_eq!(e.field, "level");
        assert_eq!(e.accepted, ["S", "A", "B", "C", "D"]);
        assert_eq!(risk_query(&bad, today, false).unwrap().level, None);
        let bad = FilterText {
            review: "soon",
            ..Default::default()
        };
        assert_eq!(risk_query(&bad, today, true).unwrap_err().field, "review");
    }
}
