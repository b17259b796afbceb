//! Request extractors: the page context (language, session, CSRF token, flash), the
//! signed-in user for UI pages, and the API caller from a bearer token.

use std::net::{IpAddr, SocketAddr};

use anzen_app::accounts::SessionContext;
use anzen_app::ports::SessionState;
use anzen_app::{AppError, Caller};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};

use crate::i18n::{self, Lang};
use crate::ui::chrome::{Chrome, Flash, Nav, UserBadge};
use crate::{ApiError, AppState, PageError, cookies};

/// Everything a page needs about the request.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub lang: Lang,
    /// The session, in whatever state.
    pub session: Option<SessionContext>,
    /// The token this page's forms must post.
    pub csrf: String,
    /// The path and query of the request (for the language switch and `next`).
    pub path: String,
    pub flash: Option<Flash>,
    /// A pre-sign-in token to set as a cookie with the response (first visit).
    pub new_pre_sign_in: Option<String>,
    pub client: String,
    pub secure: bool,
    /// The application clock's time when the request arrived.
    pub now: jiff::Timestamp,
}

impl PageCtx {
    pub fn t<'k>(&self, key: &'k str) -> &'k str {
        i18n::t(self.lang, key)
    }

    /// The page chrome for a page titled `title` under navigation entry `nav`.
    pub fn chrome(&self, title: impl Into<String>, nav: Nav) -> Chrome {
        let active = self.session.as_ref().filter(|s| s.is_active());
        let menu = active
            .map(|s| crate::ui::chrome::menu_for(&s.caller(), self.now))
            .unwrap_or_default();
        let user = active.map(|s| UserBadge {
            name: s.user.display_name.to_string(),
            org_name: s.org_name.clone(),
            role_label: match self.lang {
                Lang::Ja => s.user.role.label_ja().to_owned(),
                Lang::En => s.user.role.label_en().to_owned(),
            },
        });
        Chrome {
            lang: self.lang,
            title: title.into(),
            user,
            nav,
            flash: self.flash.clone(),
            csrf: self.csrf.clone(),
            path: self.path.clone(),
            menu,
        }
    }
}

/// The client's address: the peer's, or behind a trusted reverse proxy the nearest address
/// of `X-Forwarded-For` that is not itself a trusted proxy (the ones before it can be forged
/// by the client).
fn client_of(parts: &Parts, trusted: &[IpAddr]) -> String {
    let Some(peer) = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
    else {
        return "unknown".to_owned();
    };
    forwarded_client(peer, &parts.headers, trusted).to_string()
}

fn forwarded_client(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    for value in headers.get_all("x-forwarded-for").iter().rev() {
        let Ok(value) = value.to_str() else {
            return client;
        };
        for hop in value.rsplit(',') {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) if trusted.contains(&ip) => client = ip,
                Ok(ip) => return ip,
                Err(_) => return client,
            }
        }
    }
    client
}

fn lang_of(headers: &HeaderMap) -> Lang {
    let cookie = cookies::get(headers, cookies::LANG);
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    i18n::negotiate(cookie.as_deref(), accept)
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = lang_of(&parts.headers);
        let session = match cookies::get(&parts.headers, cookies::SESSION) {
            Some(token) => match state.app.session_context(&token).await {
                Ok(ctx) => Some(ctx),
                Err(AppError::Unauthenticated) => None,
                Err(e) => return Err(PageError::new(e, lang)),
            },
            None => None,
        };
        let pre = cookies::get(&parts.headers, cookies::PRE_SIGN_IN).filter(|t| t.len() >= 32);
        let (csrf, new_pre_sign_in) = match (&session, pre) {
            (Some(s), _) => (s.session.csrf_token.clone(), None),
            (None, Some(pre)) => (pre, None),
            (None, None) => {
                let token = anzen_app::accounts::secrets::random_token()
                    .map_err(|e| PageError::new(e, lang))?;
                (token.clone(), Some(token))
            }
        };
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".to_owned());
        Ok(Self {
            lang,
            session,
            csrf,
            path,
            flash: cookies::read_flash(&parts.headers),
            new_pre_sign_in,
            client: client_of(parts, &state.trusted_proxies),
            secure: state.secure,
            now: state.app.now(),
        })
    }
}

/// A page for signed-in users only. Redirects to the sign-in step that is missing.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub ctx: PageCtx,
    pub caller: Caller,
}

impl SignedIn {
    pub fn session(&self) -> &SessionContext {
        self.ctx
            .session
            .as_ref()
            .expect("a signed-in page has a session")
    }
}

/// Where a request without an active session goes.
#[derive(Debug)]
pub struct SignInRedirect(String);

impl IntoResponse for SignInRedirect {
    fn into_response(self) -> Response {
        Redirect::to(&self.0).into_response()
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let ctx = PageCtx::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let to = |path: String| SignInRedirect(path).into_response();
        let Some(session) = &ctx.session else {
            let next = crate::ui::safe_next(&ctx.path);
            return Err(to(format!("/login?next={}", urlencode(&next))));
        };
        match session.session.state {
            SessionState::MfaPending => return Err(to("/login/mfa".into())),
            SessionState::MfaEnrolment => return Err(to("/login/mfa/enrol".into())),
            SessionState::Active => {}
        }
        let path = parts.uri.path();
        if session.user.must_change_password
            && path != "/account/password"
            && path != "/logout"
            && path != "/lang"
        {
            return Err(to("/account/password".into()));
        }
        let caller = session.caller();
        Ok(Self { ctx, caller })
    }
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)])
        .map(|q| q[2..].to_owned())
        .unwrap_or_default()
}

/// The caller of a JSON API request, from `Authorization: Bearer <token>`.
#[derive(Debug, Clone)]
pub struct ApiCaller(pub Caller);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(ApiError(AppError::Unauthenticated))?;
        Ok(ApiCaller(state.app.caller_for_token(token).await?))
    }
}

#[cfg(test)]
mod forwarded_tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_forwarded_client_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let trusted = [proxy];
        let h = headers(&["203.0.113.9"]);
        assert_eq!(
            forwarded_client(proxy, &h, &trusted).to_string(),
            "203.0.113.9"
        );
        let stranger: IpAddr = "198.51.100.7".parse().unwrap();
        assert_eq!(forwarded_client(stranger, &h, &trusted), stranger);
        assert_eq!(forwarded_client(proxy, &h, &[]), proxy);
        // A client's own X-Forwarded-For comes first: the proxy's addition wins.
        let h = headers(&["1.2.3.4, 203.0.113.9"]);
        assert_eq!(
            forwarded_client(proxy, &h, &trusted).to_string(),
            "203.0.113.9"
        );
        let h = headers(&["1.2.3.4", "203.0.113.9, 10.0.0.1"]);
        assert_eq!(
            forwarded_client(proxy, &h, &trusted).to_string(),
            "203.0.113.9"
        );
        let h = headers(&["not an address"]);
        assert_eq!(forwarded_client(proxy, &h, &trusted), proxy);
    }
}
