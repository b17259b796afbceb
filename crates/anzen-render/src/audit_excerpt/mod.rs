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

mod docx;
pub mod xlsx;

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Serialize};

use crate::cover::Cover;
use crate::{RenderError, dates};

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

/// How many hex digits of an entry's hash the PDF and DOCX print (XLSX keeps it whole).
pub const HASH_SHOWN: usize = 12;

/// `2026年12月6日 14:05:09`.
pub fn time_text(t: DateTime) -> String {
    format!(
        "{} {:02}:{:02}:{:02}",
        dates::seireki(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// The start of a hash, as printed.
pub fn short_hash(hash: &str) -> String {
    hash.chars().take(HASH_SHOWN).collect()
}

impl AuditRow {
    /// `リスクの更新（risk.update）`, or the action as recorded.
    pub fn action_text(&self) -> String {
        match &self.action_label {
            Some(l) => format!("{l}（{}）", self.action),
            None => self.action.clone(),
        }
    }

    /// `リスク 0b9f…` : the object's type and id.
    pub fn object_text(&self) -> String {
        format!("{} {}", self.object_type, self.object_id)
    }
}

impl Verification {
    /// Whether the entry `seq` lies in the part of the chain verified from the start.
    pub fn covers(&self, seq: i64) -> bool {
        seq >= 1 && seq <= self.entries_verified
    }

    /// The verdict in one line.
    pub fn verdict(&self) -> &'static str {
        if self.intact {
            "異常なし（改ざん・削除は検出されませんでした）"
        } else {
            "問題あり（下記の問題が見つかりました）"
        }
    }

    /// `通番 #120（署名は有効）`.
    pub fn head_text(&self) -> String {
        let sig = if self.head_signature_valid {
            "署名は有効"
        } else {
            "署名を確認できません"
        };
        format!("通番 #{}（{sig}）", self.head_seq)
    }

    /// `記録の開始から 120 件（通番 #1〜#120）`.
    pub fn entries_text(&self) -> String {
        if self.entries_verified == 0 {
            "0 件".into()
        } else {
            format!(
                "記録の開始から {} 件（通番 #1〜#{}）",
                self.entries_verified, self.entries_verified
            )
        }
    }
}

impl CheckpointResult {
    /// `通番 #100（2026-12-01T00:00:00Z）：成立` or the findings.
    pub fn text(&self) -> String {
        let verdict = if self.findings.is_empty() {
            "成立（この時点までの記録は削除・変更されていません）".to_string()
        } else {
            format!("不成立：{}", self.findings.join("／"))
        };
        format!("通番 #{}（{}）：{verdict}", self.seq, self.at)
    }
}

/// Printed where there is nothing.
const NONE: &str = "—";

impl AuditExcerpt {
    /// `2026年12月1日 〜 2026年12月6日（日本時間、両日を含む）`.
    pub fn period_text(&self) -> String {
        let from = self.from.map_or("記録の開始".into(), dates::seireki);
        let to = self.to.map_or("最新の記録".into(), dates::seireki);
        format!("{from} 〜 {to}（日本時間、両日を含む）")
    }

    /// `リスク R-012 ランサムウェア…（id）` or `すべて`.
    pub fn object_text(&self) -> String {
        match &self.object {
            None => "すべて（閲覧できる範囲）".into(),
            Some(o) => match &o.caption {
                Some(c) => format!("{} {c}（{}）", o.kind, o.id),
                None => format!("{} {}", o.kind, o.id),
            },
        }
    }

    /// The facts after the cover's: period, object, conditions, count, verdict.
    pub fn facts(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("期間".to_string(), self.period_text()),
            ("対象".to_string(), self.object_text()),
        ];
        for c in &self.conditions {
            out.push((c.label.clone(), c.value.clone()));
        }
        out.push(("記録の件数".into(), format!("{} 件", self.entries.len())));
        out.push(("検証結果".into(), self.verification.verdict().into()));
        out
    }

    /// The verification as `(label, value)` rows, as every format prints them.
    pub fn verification_rows(&self) -> Vec<(String, String)> {
        let v = &self.verification;
        let mut out = vec![
            ("検証結果".to_string(), v.verdict().to_string()),
            ("検証日時（日本時間）".into(), time_text(v.verified_at)),
            ("検証した記録".into(), v.entries_text()),
            ("署名付きヘッド".into(), v.head_text()),
            ("ヘッドのハッシュ".into(), v.head_hash.clone()),
            (
                "署名鍵 ID".into(),
                v.key_id.clone().unwrap_or_else(|| NONE.into()),
            ),
            (
                "公開鍵（Ed25519）".into(),
                v.public_key.clone().unwrap_or_else(|| NONE.into()),
            ),
            (
                "問題".into(),
                if v.problems.is_empty() {
                    "なし".into()
                } else {
                    v.problems.join("\n")
                },
            ),
        ];
        if let Some(cp) = &v.checkpoint {
            out.push(("チェックポイント".into(), cp.text()));
        }
        out
    }

    /// The data the typst template reads as `data.json`.
    pub fn template_data(&self) -> serde_json::Value {
        let entries: Vec<serde_json::Value> = self
            .entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "seq": e.seq.to_string(),
                    "at": time_text(e.at),
                    "actor": e.actor,
                    "action": e.action_text(),
                    "object": e.object_text(),
                    "organisation": e.organisation,
                    "summary": e.summary,
                    "hash": short_hash(&e.hash),
                    "verified": self.verification.covers(e.seq),
                })
            })
            .collect();
        let kv = |rows: Vec<(String, String)>| -> Vec<serde_json::Value> {
            rows.into_iter()
                .map(|(k, v)| serde_json::json!({ "label": k, "value": v }))
                .collect()
        };
        serde_json::json!({
            "cover": self.cover.template_data(TITLE),
            "facts": kv(self.facts()),
            "verification": kv(self.verification_rows()),
            "problems": self.verification.problems,
            "intact": self.verification.intact,
            "entries": entries,
            "hash_shown": HASH_SHOWN,
        })
    }

    /// The excerpt as PDF (A4 portrait, fonts embedded).
    #[cfg(feature = "pdf")]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        let template = include_str!("../../templates/audit-excerpt.typ");
        crate::typst_world::render_pdf(template, &self.template_data())
    }

    /// Without the `pdf` feature: an error, never a panic.
    #[cfg(not(feature = "pdf"))]
    pub fn pdf(&self) -> Result<Vec<u8>, RenderError> {
        Err(RenderError::Unavailable("pdf"))
    }

    /// The excerpt as DOCX, for a person to edit further.
    pub fn docx(&self) -> Result<Vec<u8>, RenderError> {
        docx::render(self)
    }

    /// The excerpt as XLSX: a summary sheet with the verification, and the entries with
    /// every field (whole hashes) in their own columns.
    pub fn xlsx(&self) -> Result<Vec<u8>, RenderError> {
        xlsx::render(self)
    }
}

impl crate::Document for AuditExcerpt {
    const TITLE: &'static str = TITLE;

    fn cover(&self) -> &Cover {
        &self.cover
    }
    fn cover_mut(&mut self) -> &mut Cover {
        &mut self.cover
    }
    fn render(&self, format: crate::Format) -> Result<Vec<u8>, RenderError> {
        match format {
            crate::Format::Pdf => self.pdf(),
            crate::Format::Docx => self.docx(),
            crate::Format::Xlsx => self.xlsx(),
        }
    }
    /// One entry per audit entry, keyed by its sequence number, and one for the verdict
    /// (without the moment of verification, which differs on every issue).
    fn entries(&self) -> Vec<crate::Entry> {
        let mut out: Vec<crate::Entry> = self
            .entries
            .iter()
            .map(|e| crate::Entry {
                key: format!("seq:{}", e.seq),
                caption: format!("#{} {} {}", e.seq, e.action_text(), e.summary),
                content: serde_json::to_value(e).unwrap_or_default(),
            })
            .collect();
        let v = &self.verification;
        out.push(crate::Entry {
            key: "verification".into(),
            caption: "検証結果".into(),
            content: serde_json::json!({
                "intact": v.intact,
                "entries_verified": v.entries_verified,
                "head_seq": v.head_seq,
                "head_hash": v.head_hash,
                "head_signature_valid": v.head_signature_valid,
                "key_id": v.key_id,
                "problems": v.problems,
                "checkpoint": v.checkpoint,
            }),
        });
        out
    }
}
