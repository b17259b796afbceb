//! Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps, one step of
//! clock skew either way). A step is accepted once only: the caller stores the last one.

use totp_rs::{Builder, Secret, Totp};

use crate::AppError;

/// What a user needs to enrol an authenticator app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaEnrolment {
    /// Base32 secret, for typing into an app by hand.
    pub secret: String,
    /// The `otpauth://` URL, shown as a QR code.
    pub otpauth_url: String,
}

fn totp(secret_b32: &str, account: &str, issuer: &str) -> Result<Totp, AppError> {
    let secret = Secret::try_from_base32(secret_b32)
        .map_err(|e| AppError::Internal(format!("bad TOTP secret: {e:?}")))?;
    Builder::new()
        .with_secret(secret)
        .with_account_name(account)
        .with_issuer(Some(issuer))
        .build()
        .map_err(|e| AppError::Internal(format!("TOTP set-up failed: {e:?}")))
}

/// A new random secret and its enrolment URL.
pub fn new_enrolment(account: &str, issuer: &str) -> Result<MfaEnrolment, AppError> {
    let secret = Secret::generate().to_base32();
    let url = totp(&secret, account, issuer)?
        .to_url()
        .map_err(|e| AppError::Internal(format!("TOTP URL failed: {e:?}")))?;
    Ok(MfaEnrolment {
        secret,
        otpauth_url: url,
    })
}

/// The enrolment URL of an existing secret.
pub fn enrolment_for(secret: &str, account: &str, issuer: &str) -> Result<MfaEnrolment, AppError> {
    let url = totp(secret, account, issuer)?
        .to_url()
        .map_err(|e| AppError::Internal(format!("TOTP URL failed: {e:?}")))?;
    Ok(MfaEnrolment {
        secret: secret.to_owned(),
        otpauth_url: url,
    })
}

/// The time step a code is valid for at `unix_seconds`, if it is valid.
pub fn check(secret_b32: &str, code: &str, unix_seconds: i64) -> Result<Option<i64>, AppError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let t = totp(secret_b32, "x", "x")?;
    Ok(t.check(&code, u64::try_from(unix_seconds).unwrap_or(0))
        .and_then(|s| i64::try_from(s).ok()))
}

/// The current code (for tests and the demo's printed instructions).
pub fn code_at(secret_b32: &str, unix_seconds: i64) -> Result<String, AppError> {
    let t = totp(secret_b32, "x", "x")?;
    Ok(t.generate(u64::try_from(unix_seconds).unwrap_or(0))
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_valid_in_its_step_and_the_neighbours_only() {
        let e = new_enrolment("alice@example.jp", "anzen").unwrap();
        assert!(e.otpauth_url.starts_with("otpauth://totp/"));
        let now = 1_790_000_000;
        let code = code_at(&e.secret, now).unwrap();
        let step = check(&e.secret, &code, now).unwrap().unwrap();
        assert_eq!(step, now / 30);
        assert!(check(&e.secret, &code, now + 30).unwrap().is_some());
        assert!(check(&e.secret, &code, now + 90).unwrap().is_none());
        assert!(check(&e.secret, "12a456", now).unwrap().is_none());
        assert!(check(&e.secret, "", now).unwrap().is_none());
    }
}
