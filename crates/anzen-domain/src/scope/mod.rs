//! Scope determination (FAQ 1, 1.1–1.4, 2, 2.2): whether, and as which type, the guideline
//! applies to an offering. Input and output follow the fixed contract
//! `shared/contracts/scope-profile.md`.

mod profile;
mod rules;
mod verdict;

#[cfg(test)]
mod table_tests;
#[cfg(test)]
mod property_tests;

pub use profile::{
    ContractTerms, Deployment, Equipment, Maintenance, NetworkOperator, PatientDirectedReceipt,
    ScopeProfile, accepted_values, CONTRACT_FIELDS, PROFILE_FIELDS, PROFILE_SCHEMA,
};
pub use rules::{determine, texts, RuleText};
pub use verdict::{Effect, Reason, ScopeCategory, ScopeVerdict, VERDICT_SCHEMA};
