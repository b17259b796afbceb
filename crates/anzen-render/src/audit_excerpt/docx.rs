//! The audit-trail excerpt as DOCX (A4 portrait), for a person to edit further: the cover,
//! the period and object, the verification, and the entries as in the PDF (the hash
//! abbreviated; the XLSX keeps it whole).

use super::{AuditExcerpt, TITLE, short_hash, time_text};
use crate::RenderError;
use crate::tabular::{self, Front, Section};

pub const ENTRY_COLUMNS: [&str; 7] = [
    "通番",
    "日時（日本時間）",
    "操作者",
    "操作",
    "対象",
    "概要",
    "ハッシュ（先頭）",
];

pub(super) fn render(doc: &AuditExcerpt) -> Result<Vec<u8>, RenderError> {
    let facts = doc.facts();
    let verification: Vec<Vec<String>> = doc
        .verification_rows()
        .into_iter()
        .map(|(k, v)| vec![k, v])
        .collect();
    let rows: Vec<Vec<String>> = doc
        .entries
        .iter()
        .map(|e| {
            let mut hash = short_hash(&e.hash);
            if !doc.verification.covers(e.seq) {
                hash.push_str("（未検証）");
            }
            vec![
                e.seq.to_string(),
                time_text(e.at),
                e.actor.clone(),
                e.action_text(),
                e.object_text(),
                e.summary.clone(),
                hash,
            ]
        })
        .collect();
    tabular::docx(
        &doc.cover,
        &Front {
            title: TITLE,
            landscape: false,
            facts: &facts,
            notes: &[],
        },
        &[
            Section {
                title: "チェーンの検証結果",
                sheet: "",
                columns: &["項目", "内容"],
                widths: &[],
                rows: &verification,
            },
            Section {
                title: "監査証跡",
                sheet: "",
                columns: &ENTRY_COLUMNS,
                widths: &[],
                rows: &rows,
            },
        ],
    )
}
