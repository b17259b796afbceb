//! The risk register's pages (GL chapter 5; FAQ 5, 5.1, 5.2): the register with filters,
//! exports and a heat map, one risk and the consent screen its institutions see, the forms
//! that identify, treat, reassess and review risks, technology-change notices, the
//! provider's matrix, an offering's configuration and information flows, and an
//! institution's duties.

pub(crate) mod config;
pub(crate) mod filters;
pub(crate) mod flow_edit;
pub(crate) mod forms;
pub(crate) mod matrix;
pub(crate) mod page;
pub(crate) mod register;
pub(crate) mod view;
pub(crate) mod voice;
