//! Errors of the use-cases: the caller's fault (invalid input, not found, forbidden,
//! conflict) or ours.

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
    /// No valid credentials were presented.
    #[error("sign-in required")]
    Unauthenticated,
    /// The caller's role does not allow this action at all.
    #[error("not allowed: {0}")]
    Forbidden(&'static str),
    /// The object does not exist, or the caller may not see it (the two are not told apart,
    /// so that ids of other organisations leak nothing).
    #[error("{what} not found")]
    NotFound { what: &'static str },
    /// The change conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Too many attempts; try again later.
    #[error("too many attempts; try again in a few minutes")]
    TooManyAttempts,
    /// A failure that is not the caller's fault.
    #[error("internal error: {0}")]
    Internal(String),
    /// An uploaded file went past one of the import limits (its size, its size once
    /// decompressed, rows, columns, cell length, time), or too many imports are being read
    /// at once; nothing was imported. The limit and its value are named.
    #[error("{0}")]
    LimitExceeded(crate::import::LimitExceeded),
}

impl AppError {
    /// A stable code for APIs and exit statuses.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid_input",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden(_) => "forbidden",
            AppError::NotFound { .. } => "not_found",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyAttempts => "too_many_attempts",
            AppError::Internal(_) => "internal",
            AppError::LimitExceeded(l) if l.is_too_large() => "payload_too_large",
            AppError::LimitExceeded(l) if l.is_busy() => "busy",
            AppError::LimitExceeded(_) => "limit_exceeded",
        }
    }

    /// Whether the caller caused it (their input, rights or the state they asked for).
    pub fn is_callers_fault(&self) -> bool {
        match self {
            AppError::Internal(_) => false,
            AppError::LimitExceeded(l) => !l.is_busy(),
            _ => true,
        }
    }

    /// Maps a store error on a lookup of `what`.
    pub fn from_store(what: &'static str) -> impl FnOnce(StoreError) -> AppError {
        move |e| match e {
            StoreError::NotFound => AppError::NotFound { what },
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Other(m) => AppError::Internal(m),
        }
    }
}

impl From<crate::import::LimitExceeded> for AppError {
    fn from(e: crate::import::LimitExceeded) -> Self {
        AppError::LimitExceeded(e)
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::from_store("object")(e)
    }
}
