//! The error every parser of user input returns: it names the field at fault and, where the
//! field takes one of a fixed set of values, the values it accepts.

use std::fmt;

/// Bad input, attributed to one field.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `contract.maintenance`; empty for the whole document.
    pub field: String,
    /// What is wrong, in English (the UI translates by `code`).
    pub message: String,
    /// The accepted values, when the field is an enumeration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            accepted: Vec::new(),
        }
    }

    pub fn with_accepted<I, S>(mut self, accepted: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.accepted = accepted.into_iter().map(Into::into).collect();
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            write!(f, "{}: {}", self.field, self.message)?;
        }
        if !self.accepted.is_empty() {
            write!(f, " (accepted values: {})", self.accepted.join(", "))?;
        }
        Ok(())
    }
}

impl std::error::Error for FieldError {}
