//! Who did something. Every recorded change carries its actor and time (the guideline's
//! 真正性: who changed what, and when).

use crate::ids::UserId;

/// The author of a change.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Actor {
    /// A signed-in user of anzen.
    User { id: UserId, name: String },
    /// An operator running the `anzen` command line on the server, named by the OS account
    /// or `--actor`.
    Operator { name: String },
    /// anzen itself (demo data, scheduled jobs).
    System { name: String },
}

impl Actor {
    /// The label shown in histories, e.g. `operator:alice`.
    pub fn label(&self) -> String {
        match self {
            Actor::User { name, .. } => format!("user:{name}"),
            Actor::Operator { name } => format!("operator:{name}"),
            Actor::System { name } => format!("system:{name}"),
        }
    }
}
