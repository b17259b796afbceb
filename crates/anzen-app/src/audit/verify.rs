//! Verifying the audit chain: every entry from the start, the chain's end against its signed
//! head, and optionally a checkpoint kept outside the system; taking checkpoints; signing the
//! unsigned head of a database from before signed heads.

use anzen_domain::access::{Action, Subject};
use anzen_domain::audit::{
    self, AuditEntry, AuditHead, BreakReason, ChainBreak, Checkpoint, CheckpointEvidence,
    CheckpointFinding, GENESIS_HASH, HeadFinding, HeadSignature, HeadSnapshot, SignatureCheck,
};

use crate::{App, AppError, Caller};

/// Entries read per page while verifying.
const PAGE: i64 = 2_000;

/// What a checkpoint proved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointReport {
    /// The entry the checkpoint names.
    pub seq: i64,
    /// When it was taken.
    pub at: String,
    /// What does not hold (none: nothing at or before it was removed or changed).
    pub findings: Vec<CheckpointFinding>,
}

/// The result of verifying the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// Entries verified from the start (up to the first break).
    pub entries: i64,
    /// The first broken entry, if any.
    pub first_break: Option<ChainBreak>,
    /// The chain's head as stored.
    pub head: AuditHead,
    /// What is wrong with the chain's end against its head.
    pub head_findings: Vec<HeadFinding>,
    /// The checkpoint's result, when one was given.
    pub checkpoint: Option<CheckpointReport>,
}

impl VerifyReport {
    /// Whether everything holds: every entry, the signed head, and the checkpoint if any.
    pub fn is_intact(&self) -> bool {
        self.problems().is_empty()
    }

    /// Everything that does not hold, one sentence each, in English.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(b) = &self.first_break {
            out.push(b.to_string());
        }
        out.extend(self.head_findings.iter().map(ToString::to_string));
        if let Some(cp) = &self.checkpoint {
            out.extend(cp.findings.iter().map(ToString::to_string));
        }
        out
    }

    /// One sentence on what holds.
    pub fn summary(&self) -> String {
        let mut s = format!(
            "{} entries verified from the start; the chain's head is #{}",
            self.entries, self.head.seq
        );
        if self.head_findings.is_empty() {
            s.push_str(", signed by key ");
            s.push_str(self.head.key_id.as_deref().unwrap_or(""));
        }
        if let Some(cp) = &self.checkpoint
            && cp.findings.is_empty()
        {
            s.push_str(&format!(
                "; the checkpoint of entry {} ({}) holds: nothing at or before it was removed or \
                 changed",
                cp.seq, cp.at
            ));
        }
        s
    }
}

impl App {
    /// Verifies the whole chain against this server's key and its signed head.
    pub async fn verify_audit(&self) -> Result<VerifyReport, AppError> {
        self.verify_audit_with(None).await
    }

    /// Verifies the whole chain and its head, and that nothing at or before `checkpoint` was
    /// removed or changed.
    pub async fn verify_audit_with(
        &self,
        checkpoint: Option<&Checkpoint>,
    ) -> Result<VerifyReport, AppError> {
        let check = |m: &[u8], s: &str, k: &str| self.check_signature(m, s, k);
        // The head first: every entry up to it was committed before it was read.
        let snapshot = self.store().audit_head_snapshot().await?;
        let head_signature = HeadSignature::of(&snapshot.head, &check);
        let head_findings = audit::check_head(&snapshot, &head_signature);

        let entry_check = |e: &AuditEntry| check(e.hash.as_bytes(), &e.signature, &e.key_id);
        let mut state = (1, GENESIS_HASH.to_owned());
        let mut first_break = None;
        while state.0 <= snapshot.newest_seq {
            let mut page = self.store().audit_after(state.0 - 1, PAGE).await?;
            page.retain(|e| e.seq <= snapshot.newest_seq);
            if page.is_empty() {
                break;
            }
            match audit::verify_entries(&page, state.clone(), &entry_check) {
                Ok(next) => state = next,
                Err(b) => {
                    first_break = Some(b);
                    break;
                }
            }
        }
        let entries = match &first_break {
            Some(ChainBreak {
                reason: BreakReason::SequenceGap { expected },
                ..
            }) => expected - 1,
            Some(b) => b.seq - 1,
            None => state.0 - 1,
        };
        let checkpoint = match checkpoint {
            Some(cp) => Some(self.check_checkpoint(cp, &snapshot, entries).await?),
            None => None,
        };
        let report = VerifyReport {
            entries,
            first_break,
            head: snapshot.head,
            head_findings,
            checkpoint,
        };
        crate::ops::record_audit_verification(crate::ops::AuditVerification {
            at: crate::ops::unix_now(),
            intact: report.is_intact(),
            entries,
        });
        Ok(report)
    }

    async fn check_checkpoint(
        &self,
        cp: &Checkpoint,
        snapshot: &HeadSnapshot,
        verified_through: i64,
    ) -> Result<CheckpointReport, AppError> {
        let signature = if cp.public_key != self.signer().public_key() {
            SignatureCheck::UnknownKey
        } else {
            self.check_signature(&cp.message(), &cp.signature, &cp.key_id)
        };
        let hash_at_seq = if cp.seq > 0 {
            let found = self.store().audit_after(cp.seq - 1, 1).await?;
            found.into_iter().find(|e| e.seq == cp.seq).map(|e| e.hash)
        } else {
            None
        };
        let evidence = CheckpointEvidence {
            signature,
            server_key_id: self.signer().key_id(),
            head_seq: snapshot.head.seq,
            hash_at_seq,
            verified_through,
        };
        Ok(CheckpointReport {
            seq: cp.seq,
            at: cp.at.clone(),
            findings: audit::check_checkpoint(cp, &evidence),
        })
    }

    /// A signed checkpoint of the chain's head now, to be kept outside the system. For those
    /// who read the audit trail (administrators, auditors during their access, operators): it
    /// names the installation's newest entry and its hash, nothing of any organisation's
    /// records. Refused when the head does not verify: a checkpoint vouches for the head.
    pub async fn audit_checkpoint(&self, caller: &Caller) -> Result<Checkpoint, AppError> {
        self.reach(caller, Subject::AuditTrail, Action::Read)?;
        let snapshot = self.store().audit_head_snapshot().await?;
        let signature = HeadSignature::of(&snapshot.head, &|m, s, k| self.check_signature(m, s, k));
        let findings = audit::check_head(&snapshot, &signature);
        if !findings.is_empty() {
            return Err(AppError::Conflict(format!(
                "no checkpoint was issued: {}",
                join(&findings)
            )));
        }
        let head = snapshot.head;
        let mut cp = Checkpoint::unsigned(
            head.seq,
            &head.hash,
            self.now(),
            &self.signer().public_key(),
        );
        cp.signature = self.signer().sign(&cp.message());
        Ok(cp)
    }

    /// Signs the chain's head when it carries no signature (a database from before signed
    /// heads), after checking that it names the newest entry, whose own signature holds.
    /// Returns the head's sequence number, or `None` when it was signed already.
    pub async fn sign_unsigned_audit_head(&self) -> Result<Option<i64>, AppError> {
        let snapshot = self.store().audit_head_snapshot().await?;
        let head = &snapshot.head;
        if head.signature.is_some() {
            return Ok(None);
        }
        // Where the head stands, whatever its signature.
        let findings = audit::check_head(&snapshot, &HeadSignature::Valid);
        if !findings.is_empty() {
            return Err(AppError::Conflict(format!(
                "the chain's head was not signed, because the chain's end does not match it: {}",
                join(&findings)
            )));
        }
        if head.seq > 0 {
            let newest = self.store().audit_after(head.seq - 1, 1).await?;
            let valid = newest.first().is_some_and(|e| {
                e.seq == head.seq
                    && e.compute_hash() == e.hash
                    && self.check_signature(e.hash.as_bytes(), &e.signature, &e.key_id)
                        == SignatureCheck::Valid
            });
            if !valid {
                return Err(AppError::Conflict(format!(
                    "the chain's head was not signed: its newest entry #{} does not verify with \
                     the server's key (run `anzen audit verify`)",
                    head.seq
                )));
            }
        }
        let mut tx = self.store().begin().await?;
        let current = tx.signed_audit_head().await?;
        if current.signature.is_some() {
            return Ok(None);
        }
        if (current.seq, current.hash.as_str()) != (head.seq, head.hash.as_str()) {
            return Err(AppError::Conflict(
                "the chain moved on while its head was checked; run the command again".into(),
            ));
        }
        tx.sign_audit_head(&self.signed_head(head.seq, &head.hash))
            .await?;
        tx.commit().await?;
        Ok(Some(head.seq))
    }
}

fn join(findings: &[HeadFinding]) -> String {
    findings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}
