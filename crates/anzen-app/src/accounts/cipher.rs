//! Encryption at rest of secrets that must be recoverable (TOTP secrets: the server must
//! compute the same codes as the user's app, so they cannot be hashed). Passwords, session
//! tokens, API tokens and recovery codes are one-way hashed instead, which is stronger.
//!
//! The cipher is a port: the binary builds it from the key file `secrets.key` (kept beside
//! the audit key, created mode 0600), tests from fixed bytes. Each value is sealed with
//! XChaCha20-Poly1305 under a fresh random 24-byte nonce, bound to a context (the purpose and
//! the user id) as associated data, so a value copied to another user's row does not open.
//! Stored values carry a version prefix ([`SEALED_PREFIX`]) that tells them from the plain
//! text older versions stored.

use base64::Engine as _;
use chacha20poly1305::aead::{Aead, Payload};
use chacha20poly1305::{KeyInit, XChaCha20Poly1305, XNonce};

use crate::AppError;

/// The prefix of a value sealed by this version: XChaCha20-Poly1305, then
/// base64url(nonce ‖ ciphertext ‖ tag) without padding.
pub const SEALED_PREFIX: &str = "v1:";

const NONCE_LEN: usize = 24;

/// Whether a stored value is sealed (else it is plain text from an older version).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

/// Seals and opens secrets at rest.
pub trait SecretCipher: Send + Sync + std::fmt::Debug {
    /// Encrypts `plaintext` bound to `context`; returns the stored form, with its prefix.
    fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<String, AppError>;
    /// Decrypts a value sealed with the same key and `context`.
    fn open(&self, sealed: &str, context: &[u8]) -> Result<Vec<u8>, AppError>;
}

/// XChaCha20-Poly1305 with a 32-byte key.
pub struct XChaChaCipher {
    aead: XChaCha20Poly1305,
}

impl std::fmt::Debug for XChaChaCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("XChaChaCipher(key hidden)")
    }
}

impl XChaChaCipher {
    /// The cipher of a 32-byte key.
    pub fn from_key(key: [u8; 32]) -> Self {
        Self {
            aead: XChaCha20Poly1305::new(&key.into()),
        }
    }

    /// 32 random bytes for a new key file.
    pub fn generate_key() -> Result<[u8; 32], AppError> {
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
        Ok(key)
    }
}

fn unreadable() -> AppError {
    AppError::Internal(
        "a secret stored in the database does not open with the secrets key \
         (was the key file replaced, or the value changed?)"
            .to_owned(),
    )
}

impl SecretCipher for XChaChaCipher {
    fn seal(&self, plaintext: &[u8], context: &[u8]) -> Result<String, AppError> {
        let mut nonce = [0u8; NONCE_LEN];
        getrandom::fill(&mut nonce)
            .map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
        let sealed = self
            .aead
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plaintext,
                    aad: context,
                },
            )
            .map_err(|_| AppError::Internal("encryption failed".to_owned()))?;
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        Ok(format!(
            "{SEALED_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
        ))
    }

    fn open(&self, sealed: &str, context: &[u8]) -> Result<Vec<u8>, AppError> {
        let body = sealed.strip_prefix(SEALED_PREFIX).ok_or_else(unreadable)?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| unreadable())?;
        if bytes.len() < NONCE_LEN {
            return Err(unreadable());
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_LEN);
        let nonce = XNonce::try_from(nonce).map_err(|_| unreadable())?;
        self.aead
            .decrypt(
                &nonce,
                Payload {
                    msg: ciphertext,
                    aad: context,
                },
            )
            .map_err(|_| unreadable())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_value_opens_with_its_key_and_context_only() {
        let c = XChaChaCipher::from_key([7; 32]);
        let sealed = c.seal(b"JBSWY3DPEHPK3PXP", b"totp:user-a").unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_eq!(
            c.open(&sealed, b"totp:user-a").unwrap(),
            b"JBSWY3DPEHPK3PXP"
        );
        // A fresh nonce each time.
        assert_ne!(sealed, c.seal(b"JBSWY3DPEHPK3PXP", b"totp:user-a").unwrap());
        // Another user's context, another key, a changed byte, plain text: refused.
        assert!(c.open(&sealed, b"totp:user-b").is_err());
        assert!(
            XChaChaCipher::from_key([8; 32])
                .open(&sealed, b"totp:user-a")
                .is_err()
        );
        let mut altered = sealed.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'A' { b'B' } else { b'A' };
        assert!(
            c.open(&String::from_utf8(altered).unwrap(), b"totp:user-a")
                .is_err()
        );
        assert!(c.open("JBSWY3DPEHPK3PXP", b"totp:user-a").is_err());
        assert!(c.open("v1:", b"totp:user-a").is_err());
        assert!(!is_sealed("JBSWY3DPEHPK3PXP"));
    }
}
