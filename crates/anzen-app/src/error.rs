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
    /// The database is busy (pool exhausted, lock not granted in time, a deadlock or
    /// serialisation failure): nothing was written; the same request may succeed shortly.
    #[error("storage busy: {0}")]
    Busy(String),
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
    /// Storage is busy; nothing was written and the request may be repeated after
    /// [`AppError::RETRY_AFTER_SECONDS`].
    #[error("the database is busy; try again in a moment")]
    Busy(String),
    /// An uploaded file went past one of the import limits (its size, its size once
    /// decompressed, rows, columns, cell length, time), or another import is being read;
    /// nothing was imported. The limit and its value are named.
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
            AppError::Busy(_) => "busy",
            AppError::LimitExceeded(l) if l.is_too_large() => "payload_too_large",
            AppError::LimitExceeded(l) if l.is_busy() => "busy",
            AppError::LimitExceeded(_) => "limit_exceeded",
        }
    }

    /// Whether the caller caused it (their input, rights or the state they asked for).
    pub fn is_callers_fault(&self) -> bool {
        match self {
            AppError::Internal(_) | AppError::Busy(_) => false,
            AppError::LimitExceeded(l) => !l.is_busy(),
            _ => true,
        }
    }

    /// Seconds a client waits before repeating a request refused as [`AppError::Busy`].
    pub const RETRY_AFTER_SECONDS: u64 = 1;

    /// Maps a store error on a lookup of `what`.
    pub fn from_store(what: &'static str) -> impl FnOnce(StoreError) -> AppError {
        move |e| match e {
            StoreError::NotFound => AppError::NotFound { what },
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Busy(m) => AppError::Busy(m),
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

/// Maps a failed lookup of a referenced row to `refusal` (the caller named a row that does not
/// exist or that it may not see), except when storage was busy or failed: those stay what
/// they are, so a busy database is a 503 rather than "no such row".
pub(crate) fn or_busy<E: Into<AppError>>(
    refusal: impl FnOnce() -> E,
) -> impl FnOnce(StoreError) -> AppError {
    move |e| match e {
        StoreError::Busy(m) => AppError::Busy(m),
        StoreError::Other(m) => AppError::Internal(m),
        StoreError::NotFound | StoreError::Conflict(_) => refusal().into(),
    }
}

/// Refuses a change made on a stale copy: the caller read revision `expected`, the row is now
/// at `current` (someone changed it meanwhile). The 409 names the current revision so that the
/// caller can reload and decide again. `None`: the caller did not say which revision it read.
pub(crate) fn check_revision(expected: Option<i64>, current: i64) -> Result<(), AppError> {
    match expected {
        Some(e) if e != current => Err(AppError::Conflict(format!(
            "the record changed since revision {e} (the one you sent): the current revision is \
             {current}; reload it and decide again"
        ))),
        _ => Ok(()),
    }
}
