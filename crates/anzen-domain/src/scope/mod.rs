//! Scope determination (FAQ 1, 1.1–1.4, 2, 2.2): whether, and as which type, the guideline
//! applies to an offering. Input and output follow the fixed contract
//! `shared/contracts/scope-profile.md`.

mod profile;
mod rules;
mod verdict;

#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod table_tests;

pub use profile::{
    CONTRACT_FIELDS, ContractTerms, Deployment, Equipment, Maintenance, NetworkOperator,
    PROFILE_FIELDS, PROFILE_SCHEMA, PatientDirectedReceipt, ScopeProfile, accepted_values,
};
pub use rules::{RuleText, determine, texts};
pub use verdict::{Effect, Reason, ScopeCategory, ScopeVerdict, VERDICT_SCHEMA};
