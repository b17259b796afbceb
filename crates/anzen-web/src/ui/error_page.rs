//! The error pages of the UI: inside the normal chrome (navigation, language switch), with
//! the heading and the message in the visitor's language. The JSON API answers errors with its
//! own problem details (`crate::error::ApiError`); the chrome-less page of `crate::error`
//! remains for the few places that have no page context (a refused CSRF token, a template
//! that failed, [`crate::PageError`]).

use anzen_app::AppError;
use askama::Template;
use axum::response::Response;

use super::chrome::{Chrome, Nav};
use crate::error::{public_message, status_of, with_retry_after};
use crate::extract::PageCtx;
use crate::i18n::{self, Lang};

/// The objects a "not found" names (`error.what.{what}` names each in the page's language);
/// another one reads as the general message.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const NOT_FOUND_WHATS: &[&str] = &[
    "agreement",
    "catalogue version",
    "component",
    "contract",
    "control",
    "device",
    "document",
    "evaluation",
    "exemption",
    "incident",
    "information flow",
    "institution",
    "notification",
    "object",
    "offering",
    "operational_rules",
    "organisation",
    "page",
    "provider control",
    "risk",
    "route",
    "statement",
    "user",
];

/// The key of a "not found" object's name.
fn what_key(what: &str) -> String {
    format!("error.what.{}", what.replace(' ', "_"))
}

/// The keys this module builds (for the translation files' coverage test).
#[cfg(test)]
pub(crate) fn translated_keys() -> Vec<String> {
    NOT_FOUND_WHATS.iter().map(|w| what_key(w)).collect()
}

#[derive(Template)]
#[template(path = "error_page.html")]
struct ErrorPage {
    chrome: Chrome,
    heading: String,
    message: String,
    field: Option<String>,
}

/// The heading key and the message of an error, in `lang`.
fn texts(lang: Lang, e: &AppError) -> (&'static str, String) {
    let t = |k| i18n::t(lang, k).to_owned();
    match e {
        AppError::Invalid(fe) => ("form.error_heading", super::common::field_message(lang, fe)),
        AppError::NotFound { what } => {
            let message = match i18n::t_checked(lang, &what_key(what)) {
                Some(name) => t("error.not_found_what").replace("{what}", name),
                None => t("error.not_found_message"),
            };
            ("error.not_found", message)
        }
        AppError::Forbidden(_) => ("error.forbidden", t("error.forbidden_message")),
        AppError::Unauthenticated => ("error.forbidden", t("error.unauthenticated_message")),
        AppError::Conflict(detail) => {
            let mut message = t("error.conflict_message");
            // The use-cases word the conflict in English: the English page shows it too.
            if lang == Lang::En {
                message = format!("{message} ({detail})");
            }
            ("error.conflict", message)
        }
        AppError::TooManyAttempts => ("error.too_many", t("login.error.too_many_attempts")),
        AppError::Internal(_) => ("error.internal", t("error.internal_message")),
        AppError::Busy(_) => ("error.busy", t("error.busy_message")),
        AppError::LimitExceeded(l) => ("form.error_heading", crate::upload::limit_message(lang, l)),
    }
}

/// The page of a use-case error, in the page's language and inside the chrome.
pub fn page(ctx: &PageCtx, e: AppError) -> Response {
    // Logs an internal cause (and nothing else happens with the English text).
    let _ = public_message(&e);
    let status = status_of(&e);
    let (heading_key, message) = texts(ctx.lang, &e);
    let heading = i18n::t(ctx.lang, heading_key).to_owned();
    let field = match &e {
        AppError::Invalid(fe) if !fe.field.is_empty() => Some(fe.field.clone()),
        _ => None,
    };
    let body = ErrorPage {
        chrome: ctx.chrome(heading.clone(), Nav::None),
        heading,
        message,
        field,
    };
    // A template that fails falls back to the chrome-less page (see `render_status`).
    with_retry_after(super::render_status(ctx, status, &body), &e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_reads_in_japanese() {
        let errors = [
            AppError::NotFound { what: "risk" },
            AppError::NotFound {
                what: "something new",
            },
            AppError::Forbidden("your role cannot do this"),
            AppError::Unauthenticated,
            AppError::Conflict("the risk changed meanwhile".into()),
            AppError::TooManyAttempts,
            AppError::Internal("disk".into()),
            AppError::Busy("pool".into()),
            AppError::Invalid(anzen_domain::FieldError::new("title", "must not be empty")),
        ];
        for e in errors {
            let (heading, message) = texts(Lang::Ja, &e);
            assert!(i18n::t_checked(Lang::Ja, heading).is_some(), "{e:?}");
            assert!(
                !message.is_ascii()
                    && !message.contains("not found")
                    && !message.contains("changed"),
                "{e:?}: {message}"
            );
        }
        let (_, risk) = texts(Lang::Ja, &AppError::NotFound { what: "risk" });
        assert!(risk.contains("リスク"), "{risk}");
        let (_, en) = texts(Lang::En, &AppError::Conflict("the risk changed".into()));
        assert!(en.contains("the risk changed"), "{en}");
    }
}
