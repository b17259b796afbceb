//! The storage contract: one story per aggregate, run on SQLite and on PostgreSQL (test names
//! `<aggregate>::sqlite::<story>` and `<aggregate>::postgres::<story>`). Each story checks
//! create/read/update, organisation isolation (A never reads B's rows), that a refused change
//! leaves nothing half-written, and that the audit entry is written exactly when the change
//! commits.

mod account_hardening;
mod accounts;
mod audit;
mod audit_head;
mod chain;
mod checklist;
mod component_places;
mod concurrency;
mod controls;
mod dated_statuses;
mod documents;
mod evaluations;
mod imports;
mod incidents;
mod jobs;
mod oprules;
mod records;
mod reviews;
mod risk_thread;
mod risks;
