//! Who is calling a use-case and what they may reach.

use anzen_domain::actor::Actor;
use anzen_domain::ids::OrgId;

/// The reach of a caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// An operator at the server's command line: every organisation of the installation.
    Installation,
    /// A member of one organisation: that organisation's rows only.
    Organisation(OrgId),
}

/// The caller of a use-case: who (for the record) and what they may reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub actor: Actor,
    pub access: Access,
}

impl Caller {
    /// An operator at the command line.
    pub fn operator(name: impl Into<String>) -> Self {
        Self {
            actor: Actor::Operator { name: name.into() },
            access: Access::Installation,
        }
    }

    /// Whether the caller may reach rows owned by `owner`.
    pub fn can_reach(&self, owner: OrgId) -> bool {
        match self.access {
            Access::Installation => true,
            Access::Organisation(org) => org == owner,
        }
    }

    /// The organisation a listing is restricted to, if any.
    pub fn scope(&self) -> Option<OrgId> {
        match self.access {
            Access::Installation => None,
            Access::Organisation(org) => Some(org),
        }
    }
}
