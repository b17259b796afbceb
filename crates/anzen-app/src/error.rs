//! Errors of the use-cases: the caller's fault (invalid input, not found, conflict) or ours.

use anzen_domain::FieldError;

/// An error of the storage layer, typed so that no caller matches on driver errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness or concurrency conflict (e.g. the row changed since it was read).
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("storage failure: {0}")]
    Other(String),
}

/// An error of a use-case.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input, attributed to a field.
    #[error("invalid input: {0}")]
    Invalid(#[from] FieldError),
    /// The object does not exist, or the caller may not see it (the two are not told apart,
    /// so that ids of other organisations leak nothing).
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// The change conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// A failure that is not the caller's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// A stable code for APIs and exit statuses.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::NotFound { .. } => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::Internal(_) => "internal",
        }
    }

    /// Whether the caller caused it (their input or the state they asked for).
    pub fn is_callers_fault(&self) -> bool {
        !matches!(self, AppError::Internal(_))
    }

    pub(crate) fn from_store(what: &'static str) -> impl FnOnce(StoreError) -> AppError {
        move |e| match e {
            StoreError::NotFound => AppError::NotFound { what },
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Other(m) => AppError::Internal(m),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::from_store("object")(e)
    }
}
