//! The pure domain of anzen.
//!
//! Types for the parties of the MIC/METI provider guideline (提供事業者ガイドライン) and the
//! guideline's rules as pure functions. Every rule cites the FAQ or guideline section that
//! it implements, in its doc comment and in the reason it returns to the user.
//!
//! This crate performs no IO: no database, network, file system or clock. CI checks that it
//! depends on no infrastructure crate (`scripts/check-domain-deps`).

pub mod access;
pub mod actor;
pub mod audit;
pub mod catalog;
pub mod chain;
pub mod checklist;
pub mod code;
pub mod contract;
pub mod controls;
pub mod document;
pub mod error;
pub mod evaluation;
pub mod ids;
pub mod incident;
pub mod offering;
pub mod oprules;
pub mod org;
pub mod password;
pub mod readiness;
pub mod risk;
pub mod scope;
pub mod supply;
pub mod tasks;
pub mod text;
pub mod user;

pub use error::FieldError;
