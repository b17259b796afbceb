//! The audit trail: sealing each change into the signed hash chain inside its transaction
//! (and signing the head it moves to), listing entries within reach; verifying the chain
//! against its head and checkpoints is in [`verify`].

mod verify;

pub use verify::{CheckpointReport, VerifyReport};

use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};

use anzen_domain::access::{Action, Subject};
use anzen_domain::audit::{
    self, AuditEntry, AuditEvent, AuditHead, HeadFinding, HeadSignature, SignatureCheck,
};

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
    /// The public key (hex), printed on checkpoints so that they can be checked anywhere.
    fn public_key(&self) -> String;
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

    fn public_key(&self) -> String {
        hex::encode(self.public.to_bytes())
    }
}

impl App {
    /// Appends `event` to the audit chain inside `tx`, signed, and returns the entry.
    pub(crate) async fn seal(
        &self,
        tx: &mut dyn Tx,
        caller: &Caller,
        event: AuditEvent,
    ) -> Result<AuditEntry, AppError> {
        let head = tx.signed_audit_head().await?;
        self.check_head_before_append(&head)?;
        let mut entry = AuditEntry {
            seq: head.seq + 1,
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
            prev_hash: head.hash,
            hash: String::new(),
            signature: String::new(),
            key_id: self.signer().key_id(),
        };
        entry.hash = entry.compute_hash();
        entry.signature = self.signer().sign(entry.hash.as_bytes());
        tx.append_audit(&entry).await?;
        tx.sign_audit_head(&self.signed_head(entry.seq, &entry.hash))
            .await?;
        Ok(entry)
    }

    /// The head `(seq, hash)` signed with this server's key.
    pub(crate) fn signed_head(&self, seq: i64, hash: &str) -> AuditHead {
        let mut head = AuditHead {
            seq,
            hash: hash.to_owned(),
            signature: None,
            key_id: Some(self.signer().key_id()),
        };
        head.signature = Some(self.signer().sign(&head.message()));
        head
    }

    /// Checks a signature made by this server's key: `(message, signature, key_id)`.
    pub(crate) fn check_signature(
        &self,
        message: &[u8],
        signature: &str,
        key_id: &str,
    ) -> SignatureCheck {
        if key_id != self.signer().key_id() {
            SignatureCheck::UnknownKey
        } else if self.signer().verify(message, signature) {
            SignatureCheck::Valid
        } else {
            SignatureCheck::Invalid
        }
    }

    /// A change is appended only to a head this server signed (or to the unsigned head of an
    /// empty chain): whoever removed the newest entries and moved the head back without the
    /// key cannot have the next change cover it up by signing the head anew.
    fn check_head_before_append(&self, head: &AuditHead) -> Result<(), AppError> {
        let finding = match HeadSignature::of(head, &|m, s, k| self.check_signature(m, s, k)) {
            HeadSignature::Valid => return Ok(()),
            HeadSignature::NotSigned if head.is_genesis() => return Ok(()),
            HeadSignature::NotSigned => HeadFinding::NotSigned { head: head.seq },
            HeadSignature::Invalid => HeadFinding::BadSignature { head: head.seq },
            HeadSignature::UnknownKey(key_id) => HeadFinding::UnknownKey {
                head: head.seq,
                key_id,
            },
        };
        Err(AppError::Internal(format!(
            "nothing was changed: {finding}. Changes are refused until the chain is checked with \
             `anzen audit verify`; a head left unsigned by an upgrade is signed with \
             `anzen audit sign-head`"
        )))
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
