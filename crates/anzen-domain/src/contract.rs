//! Contracts between a medical institution and a provider for an offering (FAQ 1: the
//! 契約等 that makes a provider a type-1 target provider).

use jiff::Timestamp;
use jiff::civil::Date;

use crate::FieldError;
use crate::code_enum;
use crate::ids::{ContractId, OfferingId, OrgId};

code_enum! {
    /// What a contract covers (FAQ 1 ¶2: provision, operation or management, maintenance;
    /// a sale alone is not a 契約等).
    ContractKind {
        Provision = "provision", "提供契約", "Provision";
        Operation = "operation", "運用・管理契約", "Operation";
        Maintenance = "maintenance", "保守契約", "Maintenance";
        Sale = "sale", "売買契約", "Sale";
    }
}

/// The period of a contract: a start date and an optional end date on or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ContractPeriod {
    starts_on: Date,
    ends_on: Option<Date>,
}

impl ContractPeriod {
    pub fn new(starts_on: Date, ends_on: Option<Date>) -> Result<Self, FieldError> {
        if let Some(end) = ends_on
            && end < starts_on
        {
            return Err(FieldError::new(
                "ends_on",
                format!("the contract ends ({end}) before it starts ({starts_on})"),
            ));
        }
        Ok(Self { starts_on, ends_on })
    }

    /// Parses ISO dates (`YYYY-MM-DD`); an empty end date means open-ended.
    pub fn parse(starts_on: &str, ends_on: &str) -> Result<Self, FieldError> {
        let start = parse_date("starts_on", starts_on)?;
        let end = if ends_on.trim().is_empty() {
            None
        } else {
            Some(parse_date("ends_on", ends_on)?)
        };
        Self::new(start, end)
    }

    pub fn starts_on(&self) -> Date {
        self.starts_on
    }

    pub fn ends_on(&self) -> Option<Date> {
        self.ends_on
    }

    /// Whether the contract is in force on `day`.
    pub fn is_active_on(&self, day: Date) -> bool {
        day >= self.starts_on && self.ends_on.is_none_or(|end| day <= end)
    }
}

/// Parses an ISO calendar date typed into `field`.
pub fn parse_date(field: &str, value: &str) -> Result<Date, FieldError> {
    value.trim().parse::<Date>().map_err(|_| {
        FieldError::new(
            field,
            format!("`{value}` is not a date; use the form YYYY-MM-DD, e.g. 2026-04-01"),
        )
    })
}

/// A validated new contract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContract {
    /// The organisation that records the contract (the provider), which owns the row.
    pub owner: OrgId,
    pub institution: OrgId,
    pub provider: OrgId,
    pub offering: OfferingId,
    pub kind: ContractKind,
    pub period: ContractPeriod,
    pub reference: Option<String>,
}

/// A stored contract.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contract {
    pub id: ContractId,
    pub owner: OrgId,
    pub institution: OrgId,
    pub provider: OrgId,
    pub offering: OfferingId,
    pub kind: ContractKind,
    #[serde(flatten)]
    pub period: ContractPeriod,
    pub reference: Option<String>,
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contract_cannot_end_before_it_starts() {
        let err = ContractPeriod::parse("2026-04-01", "2026-03-31").unwrap_err();
        assert_eq!(err.field, "ends_on");
        assert!(ContractPeriod::parse("2026-04-01", "2026-04-01").is_ok());
        assert!(
            ContractPeriod::parse("2026-04-01", "")
                .unwrap()
                .ends_on()
                .is_none()
        );
    }

    #[test]
    fn a_bad_date_names_its_field() {
        assert_eq!(
            ContractPeriod::parse("April", "").unwrap_err().field,
            "starts_on"
        );
        assert_eq!(
            ContractPeriod::parse("2026-02-30", "").unwrap_err().field,
            "starts_on"
        );
    }

    #[test]
    fn activity_includes_both_ends() {
        let p = ContractPeriod::parse("2026-04-01", "2027-03-31").unwrap();
        assert!(p.is_active_on("2026-04-01".parse().unwrap()));
        assert!(p.is_active_on("2027-03-31".parse().unwrap()));
        assert!(!p.is_active_on("2027-04-01".parse().unwrap()));
    }
}
