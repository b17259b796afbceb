//! The anzen-web crate's integration tests as one test binary: each file beside this one is a
//! module of it, and the helpers they share (support, api_support) are compiled once. One binary
//! per crate instead of one per file: the workspace's test build links 31 fewer executables of ~150
//! MB each (disk and link time on a 2-core CI machine; README, Architecture, "One integration-test
//! binary per crate").

mod api_support;
mod support;

mod api_authz;
mod api_bad_input;
mod api_chain_checks;
mod api_checklist;
mod api_controls;
mod api_document_jobs;
mod api_documents;
mod api_evaluations;
mod api_flows;
mod api_incidents;
mod api_openapi;
mod api_reviews;
mod api_risks;
mod http_account_hardening;
mod http_chain;
mod http_checklist;
mod http_concurrency;
mod http_controls;
mod http_evaluations;
mod http_forms_fuzz;
mod http_home;
mod http_imports;
mod http_incidents;
mod http_oprules;
mod http_pages;
mod http_probes;
mod http_risks;
mod http_signin;
mod story_agree_before_providing;
mod story_faq_5_2;
mod story_institution_voice;
mod story_supply_chain;
