//! How use-case errors become HTTP responses: one mapping to status codes and stable error
//! codes, as JSON for the API and as a page for the UI. Internal causes are logged, never
//! shown.

use anzen_app::AppError;
use askama::Template;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::i18n::{self, Lang};

/// The status code of an error.
pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound { .. } => StatusCode::NOT_FOUND,
        AppError::Conflict(_) => StatusCode::CONFLICT,
        AppError::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        AppError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
        AppError::LimitExceeded(l) => crate::upload::status_of(l),
    }
}

/// Adds `Retry-After` to the answer to a busy database or to an import while another is being
/// read (503): nothing was written, and the same request may succeed after that many seconds.
pub(crate) fn with_retry_after(mut res: Response, e: &AppError) -> Response {
    if matches!(e, AppError::Busy(_)) || matches!(e, AppError::LimitExceeded(l) if l.is_busy()) {
        res.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from(AppError::RETRY_AFTER_SECONDS),
        );
    }
    res
}

/// The message shown to the caller: the error itself when it is the caller's fault, a
/// generic text otherwise.
pub(crate) fn public_message(e: &AppError) -> String {
    match e {
        AppError::Internal(cause) => {
            tracing::error!(%cause, "internal error");
            "an internal error occurred; it has been logged".to_owned()
        }
        AppError::Busy(cause) => {
            tracing::warn!(%cause, "storage busy");
            e.to_string()
        }
        AppError::Invalid(fe) => fe.to_string(),
        other => other.to_string(),
    }
}

/// The JSON error body.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong.
#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable code: invalid_input, unauthenticated, forbidden, not_found, conflict,
    /// payload_too_large, limit_exceeded, too_many_attempts, internal, busy.
    pub code: String,
    pub message: String,
    /// The field at fault, for invalid input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The accepted values of that field, when it is an enumeration.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
}

/// An error of a JSON API handler.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<anzen_domain::FieldError> for ApiError {
    fn from(e: anzen_domain::FieldError) -> Self {
        ApiError(AppError::Invalid(e))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = status_of(&self.0);
        let (field, accepted) = match &self.0 {
            AppError::Invalid(fe) => (
                Some(fe.field.clone()).filter(|f| !f.is_empty()),
                fe.accepted.clone(),
            ),
            AppError::LimitExceeded(l) if !l.is_busy() => (Some("file".to_owned()), Vec::new()),
            _ => (None, Vec::new()),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.0.code().to_owned(),
                message: public_message(&self.0),
                field,
                accepted,
            },
        };
        let mut res = with_retry_after((status, Json(body)).into_response(), &self.0);
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        res
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    lang: Lang,
    heading: &'a str,
    message: String,
    field: Option<String>,
    home: &'a str,
}

/// An error of a UI page: rendered as a page in the visitor's language.
#[derive(Debug)]
pub struct PageError {
    pub error: AppError,
    pub lang: Lang,
}

impl PageError {
    pub fn new(error: AppError, lang: Lang) -> Self {
        Self { error, lang }
    }

    /// The refusal of a form posted without its CSRF token.
    pub fn csrf(lang: Lang) -> Response {
        render_error(
            StatusCode::FORBIDDEN,
            lang,
            "error.forbidden",
            i18n::t(lang, "error.csrf").to_owned(),
            None,
        )
    }
}

fn render_error(
    status: StatusCode,
    lang: Lang,
    heading_key: &str,
    message: String,
    field: Option<String>,
) -> Response {
    let page = ErrorPage {
        lang,
        heading: i18n::t(lang, heading_key),
        message,
        field,
        home: i18n::t(lang, "action.back"),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the error page did not render");
            (status, "error").into_response()
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = status_of(&self.error);
        let key = match status {
            StatusCode::NOT_FOUND => "error.not_found",
            StatusCode::FORBIDDEN | StatusCode::UNAUTHORIZED => "error.forbidden",
            StatusCode::INTERNAL_SERVER_ERROR => "error.internal",
            StatusCode::SERVICE_UNAVAILABLE => "error.busy",
            _ => "form.error_heading",
        };
        let field = match &self.error {
            AppError::Invalid(fe) if !fe.field.is_empty() => Some(fe.field.clone()),
            _ => None,
        };
        let message = match &self.error {
            AppError::Busy(_) => {
                let _ = public_message(&self.error);
                i18n::t(self.lang, "error.busy_message").to_owned()
            }
            _ => public_message(&self.error),
        };
        with_retry_after(
            render_error(status, self.lang, key, message, field),
            &self.error,
        )
    }
}

/// What a panic in a handler becomes: a 500 with no detail (the panic is logged).
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    tracing::error!(%detail, "a request handler panicked");
    (StatusCode::INTERNAL_SERVER_ERROR, "internal error\n").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_database_is_a_503_with_retry_after_on_the_api_and_the_ui() {
        let api = ApiError(AppError::Busy("pool".into())).into_response();
        assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            api.headers()[axum::http::header::RETRY_AFTER],
            AppError::RETRY_AFTER_SECONDS.to_string()
        );
        let page = PageError::new(AppError::Busy("locked".into()), Lang::Ja).into_response();
        assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(page.headers().contains_key(axum::http::header::RETRY_AFTER));
        // Nothing else carries it.
        let conflict = ApiError(AppError::Conflict("stale".into())).into_response();
        assert!(
            !conflict
                .headers()
                .contains_key(axum::http::header::RETRY_AFTER)
        );
    }
}
