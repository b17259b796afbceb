//! Risk management (GL chapter 5, FAQ 5, 5.1–5.4): the register of risks identified from
//! information flows, their analysis on a versioned matrix, their treatment, the
//! institutions' consent, and residual-risk review.

pub mod matrix;
pub mod register;
pub mod review;
pub mod rules;
#[cfg(test)]
mod tests;
pub mod voice;

pub use matrix::{LevelCriterion, MatrixVersion, Requirement, RiskLevel, RiskMatrix, ScalePoint};
pub use register::{
    Assessment, CONSENTED_FIELDS, Cia, Component, ComponentKind, Environment, FlowClass,
    InformationFlow, Measure, MeasureOwner, ReviewReason, Risk, TechNotice, Treatment,
    TreatmentOption,
};
pub use rules::{
    Consent, ConsentStatus, Criteria, RiskStatus, Standing, TreatmentState, check_consent,
    check_reassessment, check_treatment, consent_status, next_review, review_overdue,
    treatment_stands, treatment_state,
};
pub use voice::{EntryKind, ThreadEntry};
