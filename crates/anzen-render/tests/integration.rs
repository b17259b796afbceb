//! The anzen-render crate's integration tests as one test binary: each file beside this one is a
//! module of it, and the helpers they share (fixture, office, poppler, poppler_raw, columns) are
//! compiled once. One binary per crate instead of one per file: the workspace's test build links 16
//! fewer executables of ~150 MB each (disk and link time on a 2-core CI machine; README,
//! Architecture, "One integration-test binary per crate"). The PDF tests need the `pdf` feature
//! (typst), on by default.

#[path = "fixture/applicability.rs"]
mod applicability_fixture;
#[path = "fixture/audit_excerpt.rs"]
mod audit_excerpt_fixture;
#[cfg(feature = "pdf")]
mod columns;
#[path = "fixture/device_ledger.rs"]
mod device_ledger_fixture;
#[path = "fixture/diagram.rs"]
mod diagram_fixture;
#[path = "fixture/disclosure_pack.rs"]
mod disclosure_pack_fixture;
mod fixture;
mod office;
#[cfg(feature = "pdf")]
#[path = "fixture/operational_rules.rs"]
mod operational_rules_fixture;
#[cfg(feature = "pdf")]
mod poppler;
#[cfg(feature = "pdf")]
mod poppler_raw;
#[path = "fixture/responsibility.rs"]
mod responsibility_fixture;

mod applicability_office;
#[cfg(feature = "pdf")]
mod applicability_pdf;
mod audit_excerpt_office;
#[cfg(feature = "pdf")]
mod audit_excerpt_pdf;
mod device_ledger_office;
#[cfg(feature = "pdf")]
mod device_ledger_pdf;
mod diagram_office;
#[cfg(feature = "pdf")]
mod diagram_pdf;
mod disclosure_pack_office;
#[cfg(feature = "pdf")]
mod disclosure_pack_pdf;
mod docx_house;
#[cfg(feature = "pdf")]
mod mhlw_checklist_render;
#[cfg(feature = "pdf")]
mod operational_rules_pdf;
mod responsibility_office;
#[cfg(feature = "pdf")]
mod responsibility_pdf;
mod risk_treatment_office;
#[cfg(feature = "pdf")]
mod risk_treatment_pdf;
