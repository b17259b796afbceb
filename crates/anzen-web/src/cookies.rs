//! The cookies anzen sets: the session, the pre-sign-in CSRF token, the language and the
//! one-time flash message.

use axum::http::HeaderMap;
use axum_extra::extract::cookie::{Cookie, SameSite};
use base64::Engine as _;

use crate::ui::chrome::{Flash, FlashKind};

pub const SESSION: &str = "anzen_session";
pub const PRE_SIGN_IN: &str = "anzen_pre";
pub const LANG: &str = "anzen_lang";
pub const FLASH: &str = "anzen_flash";

/// Reads one cookie from request headers.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| Cookie::parse(pair.trim().to_owned()).ok())
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

fn base(name: &'static str, value: String, secure: bool) -> Cookie<'static> {
    let mut c = Cookie::new(name, value);
    c.set_path("/");
    c.set_http_only(true);
    c.set_secure(secure);
    c
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure under TLS, ending with the browser.
pub fn session(token: String, secure: bool) -> Cookie<'static> {
    let mut c = base(SESSION, token, secure);
    c.set_same_site(SameSite::Lax);
    c
}

/// The pre-sign-in CSRF token for the sign-in forms.
pub fn pre_sign_in(token: String, secure: bool) -> Cookie<'static> {
    let mut c = base(PRE_SIGN_IN, token, secure);
    c.set_same_site(SameSite::Strict);
    c
}

pub fn lang(code: &str, secure: bool) -> Cookie<'static> {
    let mut c = base(LANG, code.to_owned(), secure);
    c.set_same_site(SameSite::Lax);
    c.set_max_age(cookie_time::Duration::days(365));
    c
}

/// A cookie that removes `name`.
pub fn removal(name: &'static str, secure: bool) -> Cookie<'static> {
    let mut c = base(name, String::new(), secure);
    c.set_same_site(SameSite::Lax);
    c.set_max_age(cookie_time::Duration::ZERO);
    c
}

/// The flash message for the next page.
pub fn flash(flash: &Flash, secure: bool) -> Cookie<'static> {
    let kind = match flash.kind {
        FlashKind::Success => "s",
        FlashKind::Error => "e",
        FlashKind::Info => "i",
    };
    let value =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{kind}{}", flash.message));
    let mut c = base(FLASH, value, secure);
    c.set_same_site(SameSite::Lax);
    c
}

pub fn read_flash(headers: &HeaderMap) -> Option<Flash> {
    let raw = get(headers, FLASH)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(raw)
        .ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let mut chars = text.chars();
    let kind = match chars.next()? {
        's' => FlashKind::Success,
        'e' => FlashKind::Error,
        _ => FlashKind::Info,
    };
    let message: String = chars.take(500).collect();
    Some(Flash { kind, message })
}

/// The `cookie` crate's time type, re-exported by axum-extra.
mod cookie_time {
    pub use cookie::time::Duration;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_round_trips_japanese() {
        let f = Flash {
            kind: FlashKind::Success,
            message: "登録しました <b>".into(),
        };
        let c = flash(&f, false);
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::COOKIE,
            format!("a=b; {}={}", FLASH, c.value()).parse().unwrap(),
        );
        let back = read_flash(&h).unwrap();
        assert_eq!(
            (back.kind, back.message.as_str()),
            (FlashKind::Success, "登録しました <b>")
        );
    }

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let s = session("t".into(), true).to_string();
        assert!(
            s.contains("HttpOnly") && s.contains("SameSite=Lax") && s.contains("Secure"),
            "{s}"
        );
        assert!(!session("t".into(), false).to_string().contains("Secure"));
    }
}
