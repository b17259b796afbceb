//! Password hashing (Argon2id, off the async runtime) and random tokens.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::AppError;

/// Hashes a password with Argon2id on a blocking thread.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(format!("password hashing task failed: {e}")))?
}

/// Checks a password against a PHC hash on a blocking thread. With no hash (unknown user)
/// it checks against a dummy hash, so that the answer takes as long either way.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    let dummy = dummy_hash().await?;
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = hash.unwrap_or(dummy);
        let Ok(parsed) = PasswordHash::new(&hash) else {
            return Ok(false);
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && known)
    })
    .await
    .map_err(|e| AppError::Internal(format!("password check task failed: {e}")))?
}

async fn dummy_hash() -> Result<String, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h.clone());
    }
    let h = hash_password(random_token()?).await?;
    Ok(DUMMY.get_or_init(|| h).clone())
}

/// 32 random bytes, base64url without padding (43 characters).
pub fn random_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// A recovery code: 10 characters of an unambiguous alphabet, shown as `xxxxx-xxxxx`.
pub fn recovery_code() -> Result<String, AppError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    Ok(format!("{}-{}", &chars[..5], &chars[5..]))
}

/// SHA-256 (hex) of a high-entropy secret (session tokens, API tokens, recovery codes).
pub fn sha256_hex(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Normalises a typed recovery code (case, spaces, missing dash).
pub fn normalise_recovery_code(typed: &str) -> String {
    let s: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    if s.len() == 10 {
        format!("{}-{}", &s[..5], &s[5..])
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_and_unknown_users_never_do() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(
            verify_password("correct horse battery".into(), Some(h.clone()))
                .await
                .unwrap()
        );
        assert!(!verify_password("wrong".into(), Some(h)).await.unwrap());
        assert!(!verify_password("anything".into(), None).await.unwrap());
        assert!(
            !verify_password("x".into(), Some("not a phc string".into()))
                .await
                .unwrap()
        );
    }

    #[test]
    fn tokens_and_codes_look_right() {
        let t = random_token().unwrap();
        assert_eq!(t.len(), 43);
        assert_ne!(t, random_token().unwrap());
        let c = recovery_code().unwrap();
        assert_eq!(c.len(), 11);
        assert_eq!(
            normalise_recovery_code(&c.to_uppercase().replace('-', " ")),
            c
        );
    }
}
