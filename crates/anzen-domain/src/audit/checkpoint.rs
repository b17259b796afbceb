//! Checkpoints: the chain's head at a moment, signed, to be kept outside the system.
//!
//! A signed head proves the chain's end only as long as nobody rolls the whole database back
//! to an earlier state (an old copy carries an old, validly signed head). A checkpoint kept
//! elsewhere (printed, mailed, on an issued document) closes that gap: it names an entry
//! and its hash, signed by the server's key, so that later the chain must still contain that
//! entry with that hash, and verify from its start up to it.

use serde::{Deserialize, Serialize};

use super::{GENESIS_HASH, SignatureCheck};
use crate::FieldError;

/// The format name and version of a checkpoint document.
pub const CHECKPOINT_FORMAT: &str = "anzen/audit-checkpoint/v1";

/// A signed checkpoint document (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// Always [`CHECKPOINT_FORMAT`].
    pub format: String,
    /// The sequence number of the newest entry at the checkpoint (0: an empty chain).
    pub seq: i64,
    /// The hash of that entry (hex SHA-256).
    pub hash: String,
    /// When the checkpoint was taken (RFC 3339 UTC).
    pub at: String,
    /// Hex of the first 8 bytes of the public key.
    pub key_id: String,
    /// The server's Ed25519 public key (hex), so that the checkpoint can be checked anywhere.
    pub public_key: String,
    /// Hex Ed25519 signature of [`Checkpoint::message`].
    pub signature: String,
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Checkpoint {
    /// A checkpoint of `(seq, hash)` at `at`, to be signed by the key `public_key` (hex).
    pub fn unsigned(seq: i64, hash: &str, at: jiff::Timestamp, public_key: &str) -> Self {
        Self {
            format: CHECKPOINT_FORMAT.to_owned(),
            seq,
            hash: hash.to_owned(),
            at: super::canonical_time(at),
            key_id: public_key.get(..16).unwrap_or(public_key).to_owned(),
            public_key: public_key.to_owned(),
            signature: String::new(),
        }
    }

    /// The canonical, domain-separated message the signature covers:
    /// `anzen/audit-checkpoint/v1\n{seq}\n{hash}\n{at}\n{public_key}`.
    pub fn message(&self) -> Vec<u8> {
        format!(
            "{CHECKPOINT_FORMAT}\n{}\n{}\n{}\n{}",
            self.seq, self.hash, self.at, self.public_key
        )
        .into_bytes()
    }

    /// Reads a checkpoint document, naming the field at fault.
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let cp: Checkpoint = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            let field = if field == "." { String::new() } else { field };
            FieldError::new(
                field,
                format!("not an anzen audit checkpoint: {}", e.inner()),
            )
        })?;
        if cp.format != CHECKPOINT_FORMAT {
            return Err(FieldError::new("format", "unknown checkpoint format")
                .with_accepted([CHECKPOINT_FORMAT]));
        }
        if cp.seq < 0 {
            return Err(FieldError::new("seq", "must be 0 or more"));
        }
        if !is_hex(&cp.hash, 64) {
            return Err(FieldError::new(
                "hash",
                "must be 64 lower-case hexadecimal characters",
            ));
        }
        if cp.seq == 0 && cp.hash != GENESIS_HASH {
            return Err(FieldError::new(
                "hash",
                "a checkpoint of an empty chain (seq 0) carries the start hash (64 zeros)",
            ));
        }
        if cp.at.parse::<jiff::Timestamp>().is_err() {
            return Err(FieldError::new(
                "at",
                "must be an RFC 3339 time, e.g. 2026-11-25T03:00:00.000000Z",
            ));
        }
        if !is_hex(&cp.public_key, 64) {
            return Err(FieldError::new(
                "public_key",
                "must be 64 lower-case hexadecimal characters (an Ed25519 public key)",
            ));
        }
        if cp.key_id != cp.public_key[..16] {
            return Err(FieldError::new(
                "key_id",
                "must be the first 16 characters of public_key",
            ));
        }
        if !is_hex(&cp.signature, 128) {
            return Err(FieldError::new(
                "signature",
                "must be 128 lower-case hexadecimal characters (an Ed25519 signature)",
            ));
        }
        Ok(cp)
    }
}

/// What the chain holds of a checkpoint, gathered by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointEvidence {
    /// The checkpoint's signature against the server's key.
    pub signature: SignatureCheck,
    /// The server's key id, to name it when the checkpoint was signed by another.
    pub server_key_id: String,
    /// The head's sequence number now.
    pub head_seq: i64,
    /// The stored hash of the entry at the checkpoint's sequence number, if there is one.
    pub hash_at_seq: Option<String>,
    /// The chain verifies from its start up to and including this sequence number.
    pub verified_through: i64,
}

/// What is wrong between a checkpoint and the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckpointFinding {
    /// The signature does not verify with the server's key: the document was altered.
    BadSignature,
    /// Signed by another key than the server's.
    OtherKey { checkpoint: String, server: String },
    /// The checkpoint is newer than the head: the chain was rolled back.
    RolledBack { checkpoint: i64, head: i64 },
    /// The entry the checkpoint names is gone.
    EntryMissing { seq: i64 },
    /// The entry at the checkpoint's sequence number has another hash.
    EntryChanged { seq: i64 },
    /// The chain does not verify from its start up to the checkpoint.
    ChainBroken { checkpoint: i64, first_break: i64 },
}

impl std::fmt::Display for CheckpointFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckpointFinding::BadSignature => write!(
                f,
                "the checkpoint's signature does not verify with the server's key: the checkpoint \
                 was altered, so it proves nothing"
            ),
            CheckpointFinding::OtherKey { checkpoint, server } => write!(
                f,
                "the checkpoint is signed by key {checkpoint}, not by this server's key {server}"
            ),
            CheckpointFinding::RolledBack { checkpoint, head } => write!(
                f,
                "the checkpoint names entry {checkpoint} but the chain's head is {head}: the chain \
                 was rolled back (entries after {head} were removed)"
            ),
            CheckpointFinding::EntryMissing { seq } => {
                write!(f, "entry {seq}, which the checkpoint names, is missing")
            }
            CheckpointFinding::EntryChanged { seq } => write!(
                f,
                "entry {seq} is not the entry the checkpoint names (its hash differs): it was \
                 replaced, or entries before it were changed and the chain rebuilt"
            ),
            CheckpointFinding::ChainBroken {
                checkpoint,
                first_break,
            } => write!(
                f,
                "the chain does not verify from its start to the checkpoint's entry {checkpoint}: \
                 it breaks at entry {first_break}"
            ),
        }
    }
}

/// Checks that nothing at or before `checkpoint` was removed or changed: its signature is the
/// server's, the head has not gone back before it, the entry it names is stored with its
/// hash, and the chain verifies from its start to that entry. A checkpoint whose signature
/// does not hold is refused with that one finding: it proves nothing else.
pub fn check_checkpoint(
    checkpoint: &Checkpoint,
    evidence: &CheckpointEvidence,
) -> Vec<CheckpointFinding> {
    match evidence.signature {
        SignatureCheck::Valid => {}
        SignatureCheck::Invalid => return vec![CheckpointFinding::BadSignature],
        SignatureCheck::UnknownKey => {
            return vec![CheckpointFinding::OtherKey {
                checkpoint: checkpoint.key_id.clone(),
                server: evidence.server_key_id.clone(),
            }];
        }
    }
    let seq = checkpoint.seq;
    let mut findings = Vec::new();
    if seq > evidence.head_seq {
        findings.push(CheckpointFinding::RolledBack {
            checkpoint: seq,
            head: evidence.head_seq,
        });
    }
    let stored = if seq == 0 {
        Some(GENESIS_HASH)
    } else {
        evidence.hash_at_seq.as_deref()
    };
    match stored {
        None => {
            // Its absence says it all; the chain cannot verify up to an entry that is gone.
            findings.push(CheckpointFinding::EntryMissing { seq });
            return findings;
        }
        Some(h) if h != checkpoint.hash => findings.push(CheckpointFinding::EntryChanged { seq }),
        Some(_) => {}
    }
    if evidence.verified_through < seq {
        findings.push(CheckpointFinding::ChainBroken {
            checkpoint: seq,
            first_break: evidence.verified_through + 1,
        });
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(n: i64) -> String {
        format!("{n:064x}")
    }

    fn checkpoint(seq: i64) -> Checkpoint {
        let mut cp = Checkpoint::unsigned(
            seq,
            &if seq == 0 {
                GENESIS_HASH.into()
            } else {
                hash(seq)
            },
            "2026-11-25T03:00:00Z".parse().unwrap(),
            &"ab".repeat(32),
        );
        cp.signature = "cd".repeat(64);
        cp
    }

    fn evidence(head: i64, at_seq: Option<i64>, through: i64) -> CheckpointEvidence {
        CheckpointEvidence {
            signature: SignatureCheck::Valid,
            server_key_id: "abababababababab".into(),
            head_seq: head,
            hash_at_seq: at_seq.map(hash),
            verified_through: through,
        }
    }

    #[test]
    fn the_document_round_trips_and_its_message_is_domain_separated() {
        let cp = checkpoint(50);
        assert_eq!(cp.key_id, "abababababababab");
        assert_eq!(cp.at, "2026-11-25T03:00:00.000000Z");
        let text = serde_json::to_string_pretty(&cp).unwrap();
        assert_eq!(Checkpoint::parse(&text).unwrap(), cp);
        let message = String::from_utf8(cp.message()).unwrap();
        assert!(message.starts_with("anzen/audit-checkpoint/v1\n50\n"));
        assert!(message.ends_with(&"ab".repeat(32)));
        assert_ne!(cp.message(), super::super::head_message(50, &hash(50)));
    }

    /// (case, change to a valid document, field named).
    #[test]
    fn bad_documents_name_the_field() {
        type Edit = fn(&mut serde_json::Value);
        let table: &[(&str, Edit, &str)] = &[
            (
                "format",
                |v| v["format"] = "anzen/other/v1".into(),
                "format",
            ),
            ("negative seq", |v| v["seq"] = (-1).into(), "seq"),
            ("seq as text", |v| v["seq"] = "5".into(), "seq"),
            ("short hash", |v| v["hash"] = "abc".into(), "hash"),
            (
                "upper-case hash",
                |v| v["hash"] = "AB".repeat(32).into(),
                "hash",
            ),
            ("time", |v| v["at"] = "yesterday".into(), "at"),
            (
                "public key",
                |v| v["public_key"] = "zz".into(),
                "public_key",
            ),
            (
                "key id",
                |v| v["key_id"] = "0000000000000000".into(),
                "key_id",
            ),
            ("signature", |v| v["signature"] = "00".into(), "signature"),
            ("unknown field", |v| v["extra"] = 1.into(), "extra"),
            (
                "missing field",
                |v| {
                    v.as_object_mut().unwrap().remove("hash");
                },
                "hash",
            ),
            ("empty chain, wrong hash", |v| v["seq"] = 0.into(), "hash"),
        ];
        for (case, edit, field) in table {
            let mut v = serde_json::to_value(checkpoint(50)).unwrap();
            edit(&mut v);
            let err = Checkpoint::parse(&v.to_string()).unwrap_err();
            assert!(
                err.field == *field || err.message.contains(field),
                "{case}: {err}"
            );
        }
        let err = Checkpoint::parse("not json").unwrap_err();
        assert!(
            err.message.contains("not an anzen audit checkpoint"),
            "{err}"
        );
    }

    #[test]
    fn the_chain_against_a_checkpoint() {
        let none: Vec<&str> = vec![];
        #[rustfmt::skip]
        let table: Vec<(&str, Checkpoint, CheckpointEvidence, Vec<&str>)> = vec![
            ("holds", checkpoint(40), evidence(50, Some(40), 50), none.clone()),
            ("holds at the head", checkpoint(50), evidence(50, Some(50), 50), none.clone()),
            ("an empty chain's", checkpoint(0), evidence(5, None, 5), none.clone()),
            ("a break after it does not matter here", checkpoint(40), evidence(50, Some(40), 44), none),
            ("rolled back and removed", checkpoint(50), evidence(40, None, 40),
                vec!["names entry 50 but the chain's head is 40: the chain was rolled back",
                     "entry 50, which the checkpoint names, is missing"]),
            ("rolled back, entries still there", checkpoint(50), evidence(40, Some(50), 50),
                vec!["rolled back"]),
            ("the entry replaced", checkpoint(40), evidence(50, Some(7), 50),
                vec!["entry 40 is not the entry the checkpoint names"]),
            ("an earlier entry altered", checkpoint(40), evidence(50, Some(40), 16),
                vec!["does not verify from its start to the checkpoint's entry 40: it breaks at entry 17"]),
        ];
        for (case, cp, ev, expected) in table {
            let found: Vec<String> = check_checkpoint(&cp, &ev)
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
    fn a_checkpoint_that_is_not_the_servers_proves_nothing_else() {
        let mut ev = evidence(0, None, 0);
        ev.signature = SignatureCheck::Invalid;
        assert_eq!(
            check_checkpoint(&checkpoint(50), &ev),
            vec![CheckpointFinding::BadSignature]
        );
        ev.signature = SignatureCheck::UnknownKey;
        let found = check_checkpoint(&checkpoint(50), &ev);
        assert_eq!(found.len(), 1);
        assert!(found[0].to_string().contains("not by this server's key"));
    }
}
