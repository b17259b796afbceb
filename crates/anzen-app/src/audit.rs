//! The audit trail: sealing each change into the signed hash chain inside its transaction,
//! listing entries within reach, and verifying the whole chain.

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use anzen_domain::access::{Action, Subject};
use anzen_domain::audit::{self, AuditEntry, AuditEvent, ChainBreak, GENESIS_HASH, SignatureCheck};

use crate::ports::{AuditQuery, Listed, Page, Tx};
use crate::{App, AppError, Caller};

/// Signs audit hashes with the server's key.
pub trait AuditSigner: Send + Sync + std::fmt::Debug {
    /// Hex of the first 8 bytes of the public key.
    fn key_id(&self) -> String;
    /// Hex Ed25519 signature of `message`.
    fn sign(&self, message: &[u8]) -> String;
    /// Whether `signature` (hex) is this key's signature of `message`.
    fn verify(&self, message: &[u8], signature: &str) -> bool;
}

/// An Ed25519 audit key.
pub struct Ed25519Signer {
    key: SigningKey,
    public: VerifyingKey,
}

impl std::fmt::Debug for Ed25519Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ed25519Signer({})", self.key_id())
    }
}

impl Ed25519Signer {
    /// A key from its 32 secret bytes.
    pub fn from_secret(secret: [u8; 32]) -> Self {
        let key = SigningKey::from_bytes(&secret);
        let public = key.verifying_key();
        Self { key, public }
    }

    /// A new random key.
    pub fn generate() -> Result<Self, AppError> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| AppError::Internal(format!("no randomness: {e}")))?;
        Ok(Self::from_secret(secret))
    }

    /// The 32 secret bytes, to store in the key file.
    pub fn secret_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    pub fn public_key_hex(&self) -> String {
        hex::encode(self.public.to_bytes())
    }
}

impl AuditSigner for Ed25519Signer {
    fn key_id(&self) -> String {
        hex::encode(&self.public.to_bytes()[..8])
    }

    fn sign(&self, message: &[u8]) -> String {
        hex::encode(self.key.sign(message).to_bytes())
    }

    fn verify(&self, message: &[u8], signature: &str) -> bool {
        let Ok(bytes) = hex::decode(signature) else {
            return false;
        };
        let Ok(sig) = Signature::from_slice(&bytes) else {
            return false;
        };
        self.public.verify_strict(message, &sig).is_ok()
    }
}

/// The result of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Entries checked.
    pub entries: i64,
    /// The first break, if any.
    pub first_break: Option<ChainBreak>,
}

impl App {
    /// Appends `event` to the audit chain inside `tx`, signed, and returns the entry.
    pub(crate) async fn seal(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        event: AuditEvent,
    ) -> Result<AuditEntry, AppError> {
        let (last_seq, last_hash) = tx.audit_head().await?;
        let mut entry = AuditEntry {
            seq: last_seq + 1,
            at: self.now(),
            actor: caller.label(),
            actor_user: caller.user_id(),
            org: event.org,
            action: event.action.to_owned(),
            object_type: event.object_type.to_owned(),
            object_id: event.object_id,
            before_digest: event.before_digest,
            after_digest: event.after_digest,
            summary: event.summary,
            prev_hash: last_hash,
            hash: String::new(),
            signature: String::new(),
            key_id: self.signer().key_id(),
        };
        entry.hash = entry.compute_hash();
        entry.signature = self.signer().sign(entry.hash.as_bytes());
        tx.append_audit(&entry).await?;
        Ok(entry)
    }

    /// Audit entries the caller may read, newest first.
    pub async fn list_audit(
        &self,
        caller: &Caller,
        query: &AuditQuery,
        page: Page,
    ) -> Result<Listed<AuditEntry>, AppError> {
        let reach = self.reach(caller, Subject::AuditTrail, Action::Read)?;
        Ok(self.store().list_audit(reach, query, page).await?)
    }

    /// Verifies the whole chain against this server's key and names the first broken entry.
    pub async fn verify_audit(&self) -> Result<VerifyReport, AppError> {
        const PAGE: i64 = 2_000;
        let signer = self.signer().clone();
        let key_id = signer.key_id();
        let check = move |e: &AuditEntry| {
            if e.key_id != key_id {
                SignatureCheck::UnknownKey
            } else if signer.verify(e.hash.as_bytes(), &e.signature) {
                SignatureCheck::Valid
            } else {
                SignatureCheck::Invalid
            }
        };
        let mut state = (1, GENESIS_HASH.to_owned());
        loop {
            let page = self.store().audit_after(state.0 - 1, PAGE).await?;
            if page.is_empty() {
                return Ok(VerifyReport {
                    entries: state.0 - 1,
                    first_break: None,
                });
            }
            match audit::verify_entries(&page, state, &check) {
                Ok(next) => state = next,
                Err(b) => {
                    return Ok(VerifyReport {
                        entries: b.seq - 1,
                        first_break: Some(b),
                    });
                }
            }
        }
    }
}

/// Builds an event for a change of `object_type` `object_id` in `org`.
pub(crate) fn event(
    action: &'static str,
    object_type: &'static str,
    object_id: impl ToString,
    org: Option<anzen_domain::ids::OrgId>,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
    summary: impl Into<String>,
) -> AuditEvent {
    AuditEvent {
        action,
        object_type,
        object_id: object_id.to_string(),
        org,
        before_digest: before.map(audit::digest),
        after_digest: after.map(audit::digest),
        summary: summary.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_verify_only_with_the_same_key_and_message() {
        let a = Ed25519Signer::from_secret([7; 32]);
        let b = Ed25519Signer::from_secret([8; 32]);
        let sig = a.sign(b"hash");
        assert!(a.verify(b"hash", &sig));
        assert!(!a.verify(b"other", &sig));
        assert!(!b.verify(b"hash", &sig));
        assert!(!a.verify(b"hash", "not hex"));
        assert_eq!(a.key_id().len(), 16);
        assert_eq!(
            Ed25519Signer::from_secret(a.secret_bytes()).key_id(),
            a.key_id()
        );
    }
}
