//! The audit trail (the guideline's 真正性: who changed what, when, unaltered).
//!
//! Every change appends an entry. Entries form a hash chain: each entry's hash covers its
//! content and the previous entry's hash, so changing, removing or reordering any entry
//! breaks every later link. Each hash is also signed with the server's Ed25519 key, so the
//! chain cannot be rebuilt without the key. The chain's head (its last sequence number and
//! hash) is signed too, so that removing the newest entries shows ([`head`]), and a signed
//! checkpoint kept outside the system proves that nothing before it was removed or changed
//! ([`checkpoint`]). This module is the pure part: the canonical content, the hash, and the
//! verification of a chain, its head and a checkpoint with a caller-supplied signature check.

mod checkpoint;
mod head;

pub use checkpoint::{
    CHECKPOINT_FORMAT, Checkpoint, CheckpointEvidence, CheckpointFinding, check_checkpoint,
};
pub use head::{
    AuditHead, HEAD_FORMAT, HeadFinding, HeadSignature, HeadSnapshot, check_head, head_message,
};

use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ids::{OrgId, UserId};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a use-case records about one change, before it is sealed into the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// e.g. `offering.update_profile`.
    pub action: &'static str,
    /// e.g. `offering`.
    pub object_type: &'static str,
    pub object_id: String,
    /// The organisation the change belongs to (whose audit trail shows it).
    pub org: Option<OrgId>,
    /// SHA-256 of the canonical JSON of the object before the change (none for a creation).
    pub before_digest: Option<String>,
    /// SHA-256 of the canonical JSON of the object after the change (none for a removal).
    pub after_digest: Option<String>,
    /// A short human-readable description (a name, a verdict), shown in the audit page.
    pub summary: String,
}

/// One sealed entry of the chain, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// 1, 2, 3, … without gaps.
    pub seq: i64,
    pub at: Timestamp,
    /// The actor's label, e.g. `user:alice@example.jp`.
    pub actor: String,
    pub actor_user: Option<UserId>,
    pub org: Option<OrgId>,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub before_digest: Option<String>,
    pub after_digest: Option<String>,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
    /// Hex Ed25519 signature of the hash bytes.
    pub signature: String,
    /// Which key signed (hex of the first 8 bytes of the public key).
    pub key_id: String,
}

/// The hashed content of an entry: every field but the hash, signature and key id, in a
/// fixed order (a struct serialises its fields in declaration order).
#[derive(Serialize)]
struct Canonical<'a> {
    seq: i64,
    at: String,
    actor: &'a str,
    actor_user: Option<String>,
    org: Option<String>,
    action: &'a str,
    object_type: &'a str,
    object_id: &'a str,
    before_digest: Option<&'a str>,
    after_digest: Option<&'a str>,
    summary: &'a str,
    prev_hash: &'a str,
}

/// Formats a timestamp the way the chain hashes it (RFC 3339 UTC, microseconds).
pub fn canonical_time(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

impl AuditEntry {
    /// The hash this entry must carry, from its content and `prev_hash`.
    pub fn compute_hash(&self) -> String {
        let canonical = Canonical {
            seq: self.seq,
            at: canonical_time(self.at),
            actor: &self.actor,
            actor_user: self.actor_user.map(|u| u.to_string()),
            org: self.org.map(|o| o.to_string()),
            action: &self.action,
            object_type: &self.object_type,
            object_id: &self.object_id,
            before_digest: self.before_digest.as_deref(),
            after_digest: self.after_digest.as_deref(),
            summary: &self.summary,
            prev_hash: &self.prev_hash,
        };
        let json = serde_json::to_vec(&canonical).expect("canonical content serialises");
        hex::encode(Sha256::digest(&json))
    }
}

/// SHA-256 (hex) of the canonical JSON of a value. `serde_json::Value` objects keep their
/// keys sorted, so the same content always gives the same digest.
pub fn digest(value: &serde_json::Value) -> String {
    let json = serde_json::to_vec(value).expect("JSON values serialise");
    hex::encode(Sha256::digest(&json))
}

/// Why a chain does not verify, naming the first broken entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: BreakReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakReason {
    /// The entry's content does not give its stored hash: it was changed.
    ContentChanged,
    /// The entry does not point at the previous entry's hash: an entry was removed,
    /// inserted or reordered.
    BrokenLink,
    /// The sequence skips or repeats a number.
    SequenceGap { expected: i64 },
    /// The signature does not verify with the trusted key.
    BadSignature,
    /// Signed by a key that is not trusted.
    UnknownKey(String),
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match &self.reason {
            BreakReason::ContentChanged => "its content does not match its hash (the entry was altered)".to_owned(),
            BreakReason::BrokenLink => {
                "it does not link to the previous entry's hash (an entry was removed, inserted or reordered)".to_owned()
            }
            BreakReason::SequenceGap { expected } => format!("expected sequence number {expected}"),
            BreakReason::BadSignature => "its signature does not verify with the server's key".to_owned(),
            BreakReason::UnknownKey(k) => format!("it is signed by an unknown key {k}"),
        };
        write!(f, "audit entry #{}: {why}", self.seq)
    }
}

/// The outcome of the signature check for one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureCheck {
    Valid,
    Invalid,
    UnknownKey,
}

/// Verifies entries in sequence order, continuing from `(expected_seq, prev_hash)` (the
/// start is `(1, GENESIS_HASH)`), so a long chain can be checked page by page. Returns the
/// state to continue from, or the first break.
pub fn verify_entries<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
    mut state: (i64, String),
    check_signature: &dyn Fn(&AuditEntry) -> SignatureCheck,
) -> Result<(i64, String), ChainBreak> {
    for e in entries {
        let fail = |reason| Err(ChainBreak { seq: e.seq, reason });
        if e.seq != state.0 {
            return fail(BreakReason::SequenceGap { expected: state.0 });
        }
        if e.compute_hash() != e.hash {
            return fail(BreakReason::ContentChanged);
        }
        if e.prev_hash != state.1 {
            return fail(BreakReason::BrokenLink);
        }
        match check_signature(e) {
            SignatureCheck::Valid => {}
            SignatureCheck::Invalid => return fail(BreakReason::BadSignature),
            SignatureCheck::UnknownKey => return fail(BreakReason::UnknownKey(e.key_id.clone())),
        }
        state = (e.seq + 1, e.hash.clone());
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let mut e = AuditEntry {
                    seq,
                    at: "2026-11-25T03:00:00Z".parse().unwrap(),
                    actor: "user:a".into(),
                    actor_user: None,
                    org: None,
                    action: "offering.create".into(),
                    object_type: "offering".into(),
                    object_id: format!("o{seq}"),
                    before_digest: None,
                    after_digest: Some(digest(&serde_json::json!({"n": seq}))),
                    summary: "クラウド電子カルテ".into(),
                    prev_hash: prev.clone(),
                    hash: String::new(),
                    signature: format!("sig-{seq}"),
                    key_id: "k".into(),
                };
                e.hash = e.compute_hash();
                prev = e.hash.clone();
                e
            })
            .collect()
    }

    fn sig_ok(e: &AuditEntry) -> SignatureCheck {
        if e.signature == format!("sig-{}", e.seq) {
            SignatureCheck::Valid
        } else {
            SignatureCheck::Invalid
        }
    }

    fn start() -> (i64, String) {
        (1, GENESIS_HASH.to_owned())
    }

    #[test]
    fn an_intact_chain_verifies_in_pages() {
        let c = chain(5);
        let mid = verify_entries(&c[..2], start(), &sig_ok).unwrap();
        let end = verify_entries(&c[2..], mid, &sig_ok).unwrap();
        assert_eq!(end, (6, c[4].hash.clone()));
    }

    #[test]
    fn an_altered_entry_is_named() {
        let mut c = chain(5);
        c[2].summary = "changed".into();
        let err = verify_entries(&c, start(), &sig_ok).unwrap_err();
        assert_eq!(
            err,
            ChainBreak {
                seq: 3,
                reason: BreakReason::ContentChanged
            }
        );
        assert!(err.to_string().contains("#3"));
    }

    #[test]
    fn a_rehashed_entry_breaks_the_next_link_or_its_signature() {
        let mut c = chain(5);
        c[2].summary = "changed".into();
        c[2].hash = c[2].compute_hash();
        let err = verify_entries(&c, start(), &sig_ok).unwrap_err();
        assert_eq!(
            err,
            ChainBreak {
                seq: 4,
                reason: BreakReason::BrokenLink
            }
        );
    }

    #[test]
    fn removed_and_forged_entries_are_found() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(
            verify_entries(&c, start(), &sig_ok).unwrap_err(),
            ChainBreak {
                seq: 3,
                reason: BreakReason::SequenceGap { expected: 2 }
            }
        );
        let mut c = chain(3);
        c[1].signature = "forged".into();
        assert_eq!(
            verify_entries(&c, start(), &sig_ok).unwrap_err().reason,
            BreakReason::BadSignature
        );
    }

    #[test]
    fn digests_do_not_depend_on_key_order() {
        let a: serde_json::Value = serde_json::from_str(r#"{"b":1,"a":2}"#).unwrap();
        let b: serde_json::Value = serde_json::from_str(r#"{"a":2,"b":1}"#).unwrap();
        assert_eq!(digest(&a), digest(&b));
    }
}
