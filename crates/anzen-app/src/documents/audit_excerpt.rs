//! The 監査証跡抜粋: the audit entries the caller reads for a period (days in Japan, both
//! included) and optionally one object, with the result of verifying the whole chain at the
//! moment of issue (every entry's hash and signature, the signed head). A period holds at
//! most [`MAX_EXCERPT_ENTRIES`] entries; a longer one is refused, naming `from`, so that an
//! excerpt stays a document a person reads.

use anzen_domain::FieldError;
use anzen_domain::audit::HeadFinding;
use anzen_domain::offering::Offering;
use anzen_render::audit_excerpt::{
    AuditExcerpt, AuditRow, CheckpointResult, ExcerptObject, Verification,
};
use jiff::tz::{TimeZone, offset};

use super::ExcerptParams;
use super::risk_treatment::jst;
use crate::ports::{AuditQuery, Page};
use crate::{App, AppError, Caller};

/// The most entries one excerpt holds.
pub const MAX_EXCERPT_ENTRIES: i64 = 10_000;

fn start_of(day: jiff::civil::Date) -> Result<jiff::Timestamp, AppError> {
    day.to_zoned(TimeZone::fixed(offset(9)))
        .map(|z| z.timestamp())
        .map_err(|e| AppError::Internal(format!("a day in Japan: {e}")))
}

impl App {
    pub(super) async fn audit_excerpt(
        &self,
        caller: &Caller,
        offering: &Offering,
        params: &ExcerptParams,
        provider: String,
    ) -> Result<AuditExcerpt, AppError> {
        let to = match params.to {
            Some(d) => Some(start_of(d.tomorrow().map_err(|e| {
                AppError::from(FieldError::new(
                    "to",
                    format!("not a day anzen can use: {e}"),
                ))
            })?)?),
            None => None,
        };
        let query = AuditQuery {
            object_type: params.object_type.clone(),
            object_id: params.object_id.clone(),
            from: params.from.map(start_of).transpose()?,
            to,
            ..Default::default()
        };
        let count = self.list_audit(caller, &query, Page::first(1)).await?.total;
        if count > MAX_EXCERPT_ENTRIES {
            return Err(FieldError::new(
                "from",
                format!(
                    "the period holds {count} audit entries; an excerpt takes at most \
                     {MAX_EXCERPT_ENTRIES}: choose a shorter period or one object"
                ),
            )
            .into());
        }
        let mut rows = self.list_audit(caller, &query, Page::all()).await?.rows;
        rows.sort_by_key(|e| e.seq);
        let report = self.verify_audit().await?;
        let head_signature_valid = !report.head_findings.iter().any(|f| {
            matches!(
                f,
                HeadFinding::NotSigned { .. }
                    | HeadFinding::BadSignature { .. }
                    | HeadFinding::UnknownKey { .. }
            )
        });
        Ok(AuditExcerpt {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: None,
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            from: params.from,
            to: params.to,
            object: params.object_type.as_ref().map(|kind| ExcerptObject {
                kind: kind.clone(),
                id: params.object_id.clone().unwrap_or_default(),
                caption: None,
            }),
            conditions: Vec::new(),
            entries: rows
                .iter()
                .map(|e| AuditRow {
                    seq: e.seq,
                    at: jst(e.at),
                    actor: e.actor.clone(),
                    action: e.action.clone(),
                    action_label: None,
                    object_type: e.object_type.clone(),
                    object_id: e.object_id.clone(),
                    organisation: None,
                    summary: e.summary.clone(),
                    hash: e.hash.clone(),
                    prev_hash: e.prev_hash.clone(),
                    key_id: e.key_id.clone(),
                })
                .collect(),
            verification: Verification {
                verified_at: jst(self.now()),
                intact: report.is_intact(),
                entries_verified: report.entries,
                head_seq: report.head.seq,
                head_hash: report.head.hash.clone(),
                head_signature_valid,
                key_id: report.head.key_id.clone(),
                public_key: Some(self.signer().public_key()),
                problems: report.problems(),
                checkpoint: report.checkpoint.as_ref().map(|c| CheckpointResult {
                    seq: c.seq,
                    at: c.at.clone(),
                    findings: c.findings.iter().map(ToString::to_string).collect(),
                }),
            },
        })
    }
}
