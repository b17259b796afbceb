//! The audit-trail excerpt as XLSX: a summary sheet (the cover, the period, the object and
//! the verification), then the entries with one fact per column, the hashes whole, the
//! header row repeated on every printed page (A4 landscape: the sheet is wide).

use super::{AuditExcerpt, TITLE, time_text};
use crate::RenderError;
use crate::tabular::{self, Front, Section};

pub const SHEET_ENTRIES: &str = "監査証跡";

pub const ENTRY_COLUMNS: [&str; 13] = [
    "通番",
    "日時（日本時間）",
    "操作者",
    "操作",
    "操作（説明）",
    "対象の種別",
    "対象の ID",
    "組織",
    "概要",
    "ハッシュ（SHA-256）",
    "直前のハッシュ",
    "署名鍵 ID",
    "チェーン検証",
];

const WIDTHS: [f64; 13] = [
    8.0, 20.0, 24.0, 22.0, 22.0, 14.0, 38.0, 20.0, 40.0, 66.0, 66.0, 18.0, 12.0,
];

/// The entry rows, every field in its own column.
pub(super) fn entry_rows(doc: &AuditExcerpt) -> Vec<Vec<String>> {
    doc.entries
        .iter()
        .map(|e| {
            vec![
                e.seq.to_string(),
                time_text(e.at),
                e.actor.clone(),
                e.action.clone(),
                e.action_label.clone().unwrap_or_default(),
                e.object_type.clone(),
                e.object_id.clone(),
                e.organisation.clone().unwrap_or_default(),
                e.summary.clone(),
                e.hash.clone(),
                e.prev_hash.clone(),
                e.key_id.clone(),
                if doc.verification.covers(e.seq) {
                    "検証済み"
                } else {
                    "未検証"
                }
                .to_string(),
            ]
        })
        .collect()
}

pub(super) fn render(doc: &AuditExcerpt) -> Result<Vec<u8>, RenderError> {
    let mut facts = doc.facts();
    facts.extend(doc.verification_rows());
    let rows = entry_rows(doc);
    tabular::xlsx(
        &doc.cover,
        &Front {
            title: TITLE,
            landscape: true,
            facts: &facts,
            notes: &[],
        },
        &[Section {
            title: "監査証跡",
            sheet: SHEET_ENTRIES,
            columns: &ENTRY_COLUMNS,
            widths: &WIDTHS,
            rows: &rows,
        }],
    )
}
