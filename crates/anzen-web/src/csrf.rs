//! The CSRF guard of the UI: every state-changing request (POST) must carry the token of its
//! session (or, before sign-in, of the pre-sign-in cookie) in the form field `csrf_token` or
//! the query parameter of the same name. The guard sits in front of every UI route, so no
//! handler can forget it. Compared in constant time.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

use crate::{AppState, PageError, cookies, i18n};

const BODY_LIMIT: usize = 1024 * 1024;

fn token_in(query_or_form: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query_or_form)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v)
}

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    let lang = i18n::negotiate(
        cookies::get(&headers, cookies::LANG).as_deref(),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let expected = match cookies::get(&headers, cookies::SESSION) {
        Some(token) => state
            .app
            .session_context(&token)
            .await
            .ok()
            .map(|s| s.session.csrf_token),
        None => None,
    }
    .or_else(|| cookies::get(&headers, cookies::PRE_SIGN_IN).filter(|t| t.len() >= 32));
    let Some(expected) = expected else {
        return PageError::csrf(lang);
    };

    let (parts, body) = req.into_parts();
    let from_query = parts.uri.query().and_then(token_in);
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let (presented, body) = match from_query {
        Some(t) => (Some(t), body),
        None if is_form => {
            let Ok(bytes) = to_bytes(body, BODY_LIMIT).await else {
                return PageError::csrf(lang);
            };
            let t = std::str::from_utf8(&bytes).ok().and_then(token_in);
            (t, Body::from(bytes))
        }
        None => (None, body),
    };
    match presented {
        Some(p) if bool::from(p.as_bytes().ct_eq(expected.as_bytes())) => {
            next.run(Request::from_parts(parts, body)).await
        }
        _ => PageError::csrf(lang),
    }
}
