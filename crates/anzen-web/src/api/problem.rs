//! Refusals of the JSON API that happen before a use-case runs (the request itself is
//! unusable: not JSON, the wrong content type, too large, an unknown route), in the same
//! JSON error body as the use-case errors of [`ApiError`].

use anzen_app::AppError;
use anzen_domain::FieldError;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::ApiError;
use crate::error::{ErrorBody, ErrorDetail};

/// Every error code the API answers with, with its status. The OpenAPI document lists them.
pub const ERROR_CODES: &[(&str, u16, &str)] = &[
    (
        "malformed_json",
        400,
        "the body is not JSON (or is empty, or not UTF-8)",
    ),
    (
        "unauthenticated",
        401,
        "no bearer token, or one that is unknown, revoked or expired",
    ),
    ("forbidden", 403, "your role cannot do this at all"),
    (
        "not_found",
        404,
        "no such object, or one of another organisation (the two are not told apart)",
    ),
    (
        "method_not_allowed",
        405,
        "the route exists but not with this method",
    ),
    (
        "conflict",
        409,
        "the object changed since you read it (a stale revision)",
    ),
    (
        "payload_too_large",
        413,
        "the body is larger than the API accepts",
    ),
    (
        "unsupported_media_type",
        415,
        "the body is not sent as application/json",
    ),
    (
        "invalid_input",
        422,
        "a field, parameter or path id is wrong; `field` names it and `accepted` lists the accepted values",
    ),
    (
        "limit_exceeded",
        422,
        "an uploaded file goes past an import limit (its size once decompressed, its compression ratio, rows, columns, cells, cell length, text, reading time); `field` is `file` and the message names the limit and its value",
    ),
    (
        "too_many_attempts",
        429,
        "too many attempts; try again later",
    ),
    ("internal", 500, "our fault; it has been logged"),
    (
        "busy",
        503,
        "the storage is busy, or another uploaded file is being read (the server reads one at a time); nothing was written: try again after `Retry-After` seconds",
    ),
];

/// Why a request was refused.
#[derive(Debug)]
pub enum Problem {
    /// An error of the use-cases, or invalid input attributed to a field (422).
    App(ApiError),
    /// A request the API cannot even read.
    Http {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
}

impl Problem {
    pub fn malformed_json(message: impl Into<String>) -> Self {
        Problem::Http {
            status: StatusCode::BAD_REQUEST,
            code: "malformed_json",
            message: message.into(),
        }
    }

    pub fn unsupported_media_type() -> Self {
        Problem::Http {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            message: "send the body as JSON with the header `Content-Type: application/json`"
                .to_owned(),
        }
    }

    pub fn payload_too_large(limit: usize) -> Self {
        Problem::Http {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "payload_too_large",
            message: format!("the body is larger than {limit} bytes"),
        }
    }

    pub fn not_found() -> Self {
        Problem::App(ApiError(AppError::NotFound { what: "route" }))
    }

    pub fn method_not_allowed() -> Self {
        Problem::Http {
            status: StatusCode::METHOD_NOT_ALLOWED,
            code: "method_not_allowed",
            message: "this route does not take this method".to_owned(),
        }
    }

    /// Invalid input attributed to `field` (422).
    pub fn invalid(error: FieldError) -> Self {
        Problem::App(ApiError(AppError::Invalid(error)))
    }
}

impl From<ApiError> for Problem {
    fn from(e: ApiError) -> Self {
        Problem::App(e)
    }
}

impl From<AppError> for Problem {
    fn from(e: AppError) -> Self {
        Problem::App(ApiError(e))
    }
}

impl From<FieldError> for Problem {
    fn from(e: FieldError) -> Self {
        Problem::invalid(e)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        match self {
            Problem::App(e) => e.into_response(),
            Problem::Http {
                status,
                code,
                message,
            } => {
                let body = ErrorBody {
                    error: ErrorDetail {
                        code: code.to_owned(),
                        message,
                        field: None,
                        accepted: Vec::new(),
                    },
                };
                (status, Json(body)).into_response()
            }
        }
    }
}

/// The answer to a path under `/api/v1` that names no route.
pub async fn route_not_found() -> Problem {
    Problem::not_found()
}

/// The answer to a known route called with a method it does not take.
pub async fn method_not_allowed() -> Problem {
    Problem::method_not_allowed()
}
