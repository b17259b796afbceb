//! The signed head of the audit chain.
//!
//! Each entry's hash covers the previous one, so the chain proves that nothing *before* its
//! newest entry was removed or changed, but not that the newest entries are all there:
//! deleting the last ten rows leaves a shorter chain that is still whole. The head row holds
//! the last sequence number and hash, and the server signs them (Ed25519, over a
//! domain-separated message) in the transaction of every append. Whoever removes the newest
//! entries must move the head back, and cannot sign the head they move it to.

use super::{GENESIS_HASH, SignatureCheck};

/// The first line of the signed head message: what the signature is about, and its version.
pub const HEAD_FORMAT: &str = "anzen/audit-head/v1";

/// The head row of the chain, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// The sequence number of the newest entry (0 for an empty chain).
    pub seq: i64,
    /// The hash of the newest entry ([`GENESIS_HASH`] for an empty chain).
    pub hash: String,
    /// Hex Ed25519 signature of [`head_message`]; none on a database from before signed heads
    /// until its head is signed.
    pub signature: Option<String>,
    /// Which key signed (hex of the first 8 bytes of the public key).
    pub key_id: Option<String>,
}

impl AuditHead {
    /// The head of a chain without entries, not signed.
    pub fn genesis() -> Self {
        Self {
            seq: 0,
            hash: GENESIS_HASH.to_owned(),
            signature: None,
            key_id: None,
        }
    }

    /// Whether this is the head of a chain without entries.
    pub fn is_genesis(&self) -> bool {
        self.seq == 0 && self.hash == GENESIS_HASH
    }

    /// The message the head's signature covers.
    pub fn message(&self) -> Vec<u8> {
        head_message(self.seq, &self.hash)
    }
}

/// The canonical, domain-separated message a head signature covers:
/// `anzen/audit-head/v1\n{seq}\n{hash}`. The first line keeps an entry's signature (over its
/// bare hash) or a checkpoint's from ever passing for a head's.
pub fn head_message(seq: i64, hash: &str) -> Vec<u8> {
    format!("{HEAD_FORMAT}\n{seq}\n{hash}").into_bytes()
}

/// The state of the chain's end, read in one statement so that it is consistent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadSnapshot {
    pub head: AuditHead,
    /// The highest sequence number stored (0 when there is no entry).
    pub newest_seq: i64,
    /// The stored hash of the entry whose sequence number is the head's, if there is one.
    pub hash_at_head: Option<String>,
}

/// Whether the head's signature holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadSignature {
    Valid,
    NotSigned,
    Invalid,
    UnknownKey(String),
}

impl HeadSignature {
    /// Checks `head`'s signature with `check(message, signature, key_id)`.
    pub fn of(head: &AuditHead, check: &dyn Fn(&[u8], &str, &str) -> SignatureCheck) -> Self {
        let Some(signature) = head.signature.as_deref() else {
            return HeadSignature::NotSigned;
        };
        let key_id = head.key_id.as_deref().unwrap_or("");
        match check(&head.message(), signature, key_id) {
            SignatureCheck::Valid => HeadSignature::Valid,
            SignatureCheck::Invalid => HeadSignature::Invalid,
            SignatureCheck::UnknownKey => HeadSignature::UnknownKey(key_id.to_owned()),
        }
    }
}

/// What is wrong with the chain's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeadFinding {
    /// The head carries no signature: a database from before signed heads, or one whose
    /// signature was removed. The newest entries cannot be proved complete.
    NotSigned { head: i64 },
    /// The head's signature does not verify: the head was moved without the key.
    BadSignature { head: i64 },
    /// The head is signed by a key that is not this server's.
    UnknownKey { head: i64, key_id: String },
    /// The chain ends before its head: the entries after `chain_end` up to `head` are gone.
    MissingNewest {
        chain_end: i64,
        head: i64,
        head_signed: bool,
    },
    /// The entry at the head's sequence number is not the one the head names.
    NewestReplaced { seq: i64 },
    /// Entries after the head: written without moving the head, or the head was moved back.
    BeyondHead { head: i64, newest: i64 },
}

/// "entry 7" or "entries 3–7".
fn entries(from: i64, to: i64) -> String {
    if from == to {
        format!("entry {from} is")
    } else {
        format!("entries {from}–{to} are")
    }
}

impl std::fmt::Display for HeadFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeadFinding::NotSigned { head } => write!(
                f,
                "the chain's head (#{head}) is not signed yet, so nothing proves that the newest \
                 entries are all there (a database from before signed heads, or the signature was \
                 removed)"
            ),
            HeadFinding::BadSignature { head } => write!(
                f,
                "the signature of the chain's head (#{head}) does not verify with the server's key: \
                 the head was moved by someone without the key"
            ),
            HeadFinding::UnknownKey { head, key_id } => write!(
                f,
                "the chain's head (#{head}) is signed by an unknown key {key_id}, not the server's"
            ),
            HeadFinding::MissingNewest {
                chain_end,
                head,
                head_signed,
            } => {
                let signed = if *head_signed { "signed head" } else { "head" };
                let ends = if *chain_end == 0 {
                    "the chain is empty".to_owned()
                } else {
                    format!("the chain ends at {chain_end}")
                };
                write!(
                    f,
                    "{} missing: {ends}, its {signed} is {head}",
                    entries(chain_end + 1, *head)
                )
            }
            HeadFinding::NewestReplaced { seq: 0 } => write!(
                f,
                "the chain's head names no entry but a hash that does not start a chain: it was altered"
            ),
            HeadFinding::NewestReplaced { seq } => write!(
                f,
                "entry {seq} is not the entry the chain's head names (its hash differs): it was replaced"
            ),
            HeadFinding::BeyondHead { head, newest } => write!(
                f,
                "{} after the chain's head ({head}): written behind anzen's back, or the head was \
                 moved back",
                entries(head + 1, *newest)
            ),
        }
    }
}

/// Checks the chain's end against its head: the head is signed by the trusted key, the
/// newest stored entry is the head's, and carries the head's hash. Returns every finding
/// (none when the end holds).
pub fn check_head(snapshot: &HeadSnapshot, signature: &HeadSignature) -> Vec<HeadFinding> {
    let head = &snapshot.head;
    let mut findings = Vec::new();
    match signature {
        HeadSignature::Valid => {}
        HeadSignature::NotSigned => findings.push(HeadFinding::NotSigned { head: head.seq }),
        HeadSignature::Invalid => findings.push(HeadFinding::BadSignature { head: head.seq }),
        HeadSignature::UnknownKey(k) => findings.push(HeadFinding::UnknownKey {
            head: head.seq,
            key_id: k.clone(),
        }),
    }
    if snapshot.newest_seq < head.seq {
        findings.push(HeadFinding::MissingNewest {
            chain_end: snapshot.newest_seq,
            head: head.seq,
            head_signed: *signature == HeadSignature::Valid,
        });
    } else {
        let expected = if head.seq == 0 {
            Some(GENESIS_HASH)
        } else {
            snapshot.hash_at_head.as_deref()
        };
        if expected != Some(head.hash.as_str()) {
            findings.push(HeadFinding::NewestReplaced { seq: head.seq });
        }
        if snapshot.newest_seq > head.seq {
            findings.push(HeadFinding::BeyondHead {
                head: head.seq,
                newest: snapshot.newest_seq,
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(n: i64) -> String {
        format!("{n:064x}")
    }

    /// A stand-in signature: `sig:` and the message, as key `k` would make it.
    fn sign(message: &[u8]) -> String {
        format!("sig:{}", String::from_utf8(message.to_vec()).unwrap())
    }

    fn head(seq: i64, signed: bool) -> AuditHead {
        let hash = if seq == 0 {
            GENESIS_HASH.into()
        } else {
            hash(seq)
        };
        AuditHead {
            signature: signed.then(|| sign(&head_message(seq, &hash))),
            seq,
            hash,
            key_id: signed.then(|| "k".to_owned()),
        }
    }

    fn check(message: &[u8], signature: &str, key_id: &str) -> SignatureCheck {
        if key_id != "k" {
            SignatureCheck::UnknownKey
        } else if signature == sign(message) {
            SignatureCheck::Valid
        } else {
            SignatureCheck::Invalid
        }
    }

    fn snapshot(head: AuditHead, newest: i64, at_head: Option<i64>) -> HeadSnapshot {
        HeadSnapshot {
            head,
            newest_seq: newest,
            hash_at_head: at_head.map(hash),
        }
    }

    #[test]
    fn the_message_is_domain_separated() {
        assert_eq!(
            head_message(50, "ab"),
            b"anzen/audit-head/v1\n50\nab".to_vec()
        );
        assert_ne!(head_message(5, "0"), head_message(50, ""));
    }

    /// (case, snapshot, expected findings as text).
    #[test]
    fn the_end_of_the_chain_against_its_head() {
        let mut moved = head(40, true);
        moved.signature = head(50, true).signature;
        let mut other_key = head(50, true);
        other_key.key_id = Some("x".into());
        let mut replaced = head(50, true);
        replaced.hash = hash(999);
        #[rustfmt::skip]
        let table: Vec<(&str, HeadSnapshot, Vec<&str>)> = vec![
            ("intact", snapshot(head(50, true), 50, Some(50)), vec![]),
            ("empty and signed", snapshot(head(0, true), 0, None), vec![]),
            ("the newest entry deleted", snapshot(head(50, true), 49, Some(50)),
                vec!["entry 50 is missing: the chain ends at 49, its signed head is 50"]),
            ("the newest ten deleted", snapshot(head(50, true), 40, None),
                vec!["entries 41–50 are missing: the chain ends at 40, its signed head is 50"]),
            ("all deleted", snapshot(head(50, true), 0, None),
                vec!["entries 1–50 are missing: the chain is empty, its signed head is 50"]),
            ("deleted and the head moved back with the old signature", snapshot(moved, 40, Some(40)),
                vec!["the signature of the chain's head (#40) does not verify"]),
            ("not signed yet", snapshot(head(50, false), 50, Some(50)),
                vec!["the chain's head (#50) is not signed yet"]),
            ("not signed and short", snapshot(head(50, false), 48, None),
                vec!["is not signed yet", "entries 49–50 are missing: the chain ends at 48, its head is 50"]),
            ("signed by another key", snapshot(other_key, 50, Some(50)),
                vec!["signed by an unknown key x"]),
            ("the newest entry replaced", snapshot(head(50, true), 50, Some(7)),
                vec!["entry 50 is not the entry the chain's head names"]),
            ("the head's hash changed", snapshot(replaced, 50, Some(50)),
                vec!["does not verify", "entry 50 is not the entry"]),
            ("entries after the head", snapshot(head(50, true), 53, Some(50)),
                vec!["entries 51–53 are after the chain's head (50)"]),
            ("one entry after an empty head", snapshot(head(0, true), 1, None),
                vec!["entry 1 is after the chain's head (0)"]),
        ];
        for (case, snap, expected) in table {
            let signature = HeadSignature::of(&snap.head, &check);
            let found: Vec<String> = check_head(&snap, &signature)
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(found.len(), expected.len(), "{case}: {found:?}");
            for (f, e) in found.iter().zip(&expected) {
                assert!(f.contains(e), "{case}: `{f}` should contain `{e}`");
            }
        }
    }

    #[test]
    fn a_signature_from_another_message_does_not_pass() {
        let mut h = head(50, true);
        assert_eq!(HeadSignature::of(&h, &check), HeadSignature::Valid);
        h.seq = 49;
        assert_eq!(HeadSignature::of(&h, &check), HeadSignature::Invalid);
        assert_eq!(
            HeadSignature::of(&AuditHead::genesis(), &check),
            HeadSignature::NotSigned
        );
        assert!(AuditHead::genesis().is_genesis() && !h.is_genesis());
    }
}
