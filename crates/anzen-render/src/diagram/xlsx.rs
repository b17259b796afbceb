//! The configuration diagram as XLSX: a summary sheet (the cover, the provision form, the
//! findings, and the note that the drawings are in the PDF only), then one sheet per table,
//! one fact per column, the header row repeated on every printed page (A4 landscape).

use super::{ConfigurationDiagram, LegendTable, TITLE};
use crate::RenderError;
use crate::tabular::{self, Front, Section};

/// The sheets after the summary, in the order of [`ConfigurationDiagram::tables`].
pub const SHEETS: [&str; 4] = [
    "構成要素",
    "情報の流れ",
    "サプライチェーンの構成要素",
    "供給関係",
];

pub(super) fn sections(tables: &[LegendTable; 4]) -> Vec<Section<'_>> {
    tables
        .iter()
        .zip(SHEETS)
        .map(|(t, sheet)| Section {
            title: t.title,
            sheet,
            columns: t.columns,
            widths: t.widths,
            rows: &t.rows,
        })
        .collect()
}

pub(super) fn render(doc: &ConfigurationDiagram) -> Result<Vec<u8>, RenderError> {
    let (facts, notes) = doc.front_matter();
    let tables = doc.tables();
    tabular::xlsx(
        &doc.cover,
        &Front {
            title: TITLE,
            landscape: true,
            facts: &facts,
            notes: &notes,
        },
        &sections(&tables),
    )
}
