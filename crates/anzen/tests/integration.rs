//! The anzen crate's integration tests as one test binary: each file beside this one is a module of
//! it, and the helpers they share (support/shared_db.rs) are compiled once. One binary per crate
//! instead of one per file: the workspace's test build links 15 fewer executables of ~150 MB each
//! (disk and link time on a 2-core CI machine; README, Architecture, "One integration-test binary
//! per crate").

#[path = "support/shared_db.rs"]
mod shared_db;

mod cli_accounts;
mod cli_audit;
mod cli_backup;
mod cli_catalog;
mod cli_documents;
mod cli_imports;
mod cli_jobs;
mod cli_postgres;
mod cli_readme_tour;
mod cli_scope;
mod cli_serve_stop;
mod cli_store;
mod cli_tokens;
mod cli_upgrade;
mod ops_logs;
mod ops_serve;
