//! Who is calling a use-case and what they may reach.

use anzen_domain::access::{self, Action, Principal, Reach, Subject};
use anzen_domain::ids::{OrgId, UserId};
use jiff::Timestamp;

/// The caller of a use-case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// An operator at the server's command line: the whole installation, or one
    /// organisation's rows when `org` is given (`anzen --as-org`).
    Operator { name: String, org: Option<OrgId> },
    /// A signed-in user, whose role decides what they reach.
    User(Principal),
}

impl Caller {
    /// An operator with access to the whole installation.
    pub fn operator(name: impl Into<String>) -> Self {
        Caller::Operator {
            name: name.into(),
            org: None,
        }
    }

    /// What the caller reaches of `subject` for `action` at `now`.
    pub fn reach(&self, subject: Subject, action: Action, now: Timestamp) -> Reach {
        match self {
            Caller::Operator { org: None, .. } => Reach::Everything,
            Caller::Operator { org: Some(org), .. } => Reach::Owned(*org),
            Caller::User(p) => access::reach(p, subject, action, now),
        }
    }

    /// The label recorded in histories and the audit trail.
    pub fn label(&self) -> String {
        match self {
            Caller::Operator { name, .. } => format!("operator:{name}"),
            Caller::User(p) => format!("user:{}", p.name),
        }
    }

    pub fn user_id(&self) -> Option<UserId> {
        match self {
            Caller::User(p) => Some(p.user),
            Caller::Operator { .. } => None,
        }
    }

    /// The caller's own organisation, if any.
    pub fn org(&self) -> Option<OrgId> {
        match self {
            Caller::User(p) => Some(p.org),
            Caller::Operator { org, .. } => *org,
        }
    }
}
