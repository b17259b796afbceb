//! The supply chain and the agreements around it (FAQ 2, 2.1, 2.2, 3, 3.1, 4.2, 6.1; GL 2.2,
//! 3.2, 4.4): provision-form cases, regional networks, the lifecycle responsibility matrix
//! and its agreements, the parties affected by a change, certifications and the device
//! ledger.
//!
//! Like [`crate::scope`], every rule is data ([`RuleText`], with its FAQ or guideline
//! reference, Japanese and English text, level and confidence) plus pure functions. Nothing
//! here performs IO or reads a clock: dates and timestamps are arguments.

mod rule;

mod agreement;
mod agreement_internal;
mod agreement_version;
mod certification;
mod classification;
mod cycle;
mod device;
mod disclosure;
mod exemption;
mod impact;
mod index;
mod lifecycle;
mod network;
mod provision;
pub mod provision_texts;
mod storage_place;

#[cfg(test)]
mod agreement_internal_tests;
#[cfg(test)]
mod agreement_tests;
#[cfg(test)]
mod certification_tests;
#[cfg(test)]
mod device_tests;
#[cfg(test)]
mod exemption_tests;
#[cfg(test)]
mod impact_props;
#[cfg(test)]
mod impact_tests;
#[cfg(test)]
mod provision_cases;
#[cfg(test)]
mod provision_props;
#[cfg(test)]
mod provision_tests;

pub use agreement::{
    AGREEMENT_SCHEMA, AgreementContent, AgreementDraft, AgreementKind, MatrixEntry, Responsible,
};
pub use agreement_internal::{
    InternalAgreementGap, InternalGapKind, coverage_gaps, internal_agreement_gaps,
    required_internal_agreements, subcontractor_refusal,
};
pub use agreement_version::{AgreementStatus, AgreementVersion, Consent};
pub use certification::{
    AuditorQualification, CERTIFICATE_NOTICE, CERTIFICATE_WARN_DAYS, Certification,
    CertificationKind, CertificationStatus, CertificationTier, NewCertification, Qualification,
    QualificationBasis, minimum_qualification,
};
pub use classification::classify;
pub use cycle::{cycle_path, would_create_cycle};
pub use device::{
    Device, DeviceKind, DeviceWarning, DeviceWarningKind, Disposal, DisposalMethod, Encryption,
    SUPPORT_WARN_DAYS, StocktakeCount, device_warnings, duplicate_serials, stocktake,
};
pub use disclosure::{DisclosureReader, ItemVisibility, item_visibility};
pub use exemption::{
    ClaimedExemption, Exemption, ExemptionBasis, ExemptionStanding, NewExemption, handles_directly,
};
pub use impact::{
    AffectedOffering, AffectedParty, Change, Impact, ImpactKind, ImpactReason, Reach,
    affected_parties,
};
pub use index::{ChainIndex, ContractRecord, LinkRecord, OfferingRecord};
pub use lifecycle::{DEFAULT_DUTIES, DutyTemplate, LifecyclePhase, PartyKind, duty_template};
pub use network::{NetworkAssessment, NetworkView, Participant, network_duties};
pub use provision::{
    ChainAssessment, ChainComponent, ChainView, ComponentAssessment, ComponentCase, DirectContract,
    ProvisionForm, Visibility,
};
pub(crate) use rule::rule_text;
pub use rule::{ChainRole, Confidence, Duty, DutyKind, Finding, Level, Party, RuleText};
pub use storage_place::{
    Bilingual, Country, StorageAnswers, StorageVerdict, StoredAt, storage_answers,
};
