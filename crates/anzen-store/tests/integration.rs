//! The anzen-store crate's integration tests as one test binary: each file beside this one is a
//! module of it. One binary per crate instead of one per file: the workspace's test build links 2
//! fewer executables of ~150 MB each (disk and link time on a 2-core CI machine; README,
//! Architecture, "One integration-test binary per crate").

mod file_modes;
mod migration_pairs;
mod unit_of_work;
