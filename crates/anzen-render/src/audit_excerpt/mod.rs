//! 監査証跡抜粋 (audit-trail excerpt): the entries of the signed audit trail for one period
//! and, optionally, one object (a risk, an agreement …), with the result of verifying the
//! chain they belong to.
//!
//! The guideline asks that who changed what and when can be shown unaltered (真正性: GL 6
//! on the provider's technical measures; the records behind the consensus of GL 4.2 and the
//! risk communication of GL 5.1.6). The excerpt prints, per entry, its sequence number, time
//! (Japan), actor, action, object, summary and the entry's hash (abbreviated; XLSX keeps it
//! whole), and then what the verification found: intact or the problems, the signed head
//! checked, the number of entries verified from the start, and the key that signs.
//!
//! The model carries text ready to read (labels already in Japanese): mapping the
//! application's `AuditEntry` and `VerifyReport` onto it, and keeping to the entries the
//! reader may see, is the caller's job.

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::cover::Cover;

/// The document's title, as printed on every page.
pub const TITLE: &str = "監査証跡抜粋";

/// The whole excerpt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditExcerpt {
    /// Offering, provider, audience (one institution or all), version, issue date, number.
    pub cover: Cover,
    /// The first day of the period (Japan), included; `None`: from the first entry.
    pub from: Option<Date>,
    /// The last day of the period (Japan), included; `None`: up to the newest entry.
    pub to: Option<Date>,
    /// The object the excerpt is limited to; `None`: every object within reach.
    pub object: Option<ExcerptObject>,
    /// Further conditions of the extract, as `(label, value)` (e.g. `操作者`, `操作`).
    pub conditions: Vec<Condition>,
    /// The entries, oldest first (by sequence number).
    pub entries: Vec<AuditRow>,
    /// The result of verifying the whole chain when the excerpt was made.
    pub verification: Verification,
}

/// The object an excerpt is limited to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExcerptObject {
    /// What it is, as a label (`リスク`, `合意書` …).
    pub kind: String,
    /// Its id as the audit trail records it.
    pub id: String,
    /// What a reader calls it (`R-012 ランサムウェアによる…`), when known.
    pub caption: Option<String>,
}

/// A further condition of the extract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub label: String,
    pub value: String,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    /// 1, 2, 3 … in the whole chain (an excerpt shows gaps where other entries lie).
    pub seq: i64,
    /// When, in Japan's local time (to the second).
    pub at: DateTime,
    /// Who, as recorded (`user:alice@example.jp`), or the person's name when known.
    pub actor: String,
    /// What was done, as recorded (`risk.update`).
    pub action: String,
    /// The action as a Japanese label (`リスクの更新`), when the application has one.
    pub action_label: Option<String>,
    /// The object's type, as a label (`リスク`) or as recorded (`risk`).
    pub object_type: String,
    /// The object's id as recorded.
    pub object_id: String,
    /// The organisation the entry belongs to, when any.
    pub organisation: Option<String>,
    /// The entry's summary as recorded.
    pub summary: String,
    /// The entry's hash (SHA-256 hex, whole; the PDF prints its start).
    pub hash: String,
    /// The previous entry's hash (whole), which the entry's hash covers.
    pub prev_hash: String,
    /// The key that signed the entry (hex of the first 8 bytes of its public key).
    pub key_id: String,
}

/// What verifying the chain found (the application's `VerifyReport`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    /// When the chain was verified, in Japan's local time.
    pub verified_at: DateTime,
    /// Whether everything holds: every entry, the signed head (and the checkpoint, if any).
    pub intact: bool,
    /// Entries verified from the start, up to the first break.
    pub entries_verified: i64,
    /// The chain's head as stored: its sequence number.
    pub head_seq: i64,
    /// The head's hash (hex).
    pub head_hash: String,
    /// Whether the head's signature verifies with the server's key.
    pub head_signature_valid: bool,
    /// The key that signs (hex of the first 8 bytes of the public key), when known.
    pub key_id: Option<String>,
    /// The whole public key (hex), so the signatures can be checked elsewhere, when known.
    pub public_key: Option<String>,
    /// Everything that does not hold, one sentence each (none when intact).
    pub problems: Vec<String>,
    /// The result against a checkpoint kept outside the system, when one was given.
    pub checkpoint: Option<CheckpointResult>,
}

/// What a checkpoint proved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckpointResult {
    /// The entry the checkpoint names.
    pub seq: i64,
    /// When it was taken, as printed on it.
    pub at: String,
    /// What does not hold (none: nothing at or before it was removed or changed).
    pub findings: Vec<String>,
}
