//! The configuration diagram as DOCX (A4 landscape), for a person to edit further: the
//! provision form, the findings and the four tables of the PDF. The drawings are in the PDF
//! only, and the first page says so.

use super::{ConfigurationDiagram, TITLE};
use crate::RenderError;
use crate::tabular::{self, Front};

pub(super) fn render(doc: &ConfigurationDiagram) -> Result<Vec<u8>, RenderError> {
    let (facts, notes) = doc.front_matter();
    let tables = doc.tables();
    let sections = super::xlsx::sections(&tables);
    tabular::docx(
        &doc.cover,
        &Front {
            title: TITLE,
            landscape: true,
            facts: &facts,
            notes: &notes,
        },
        &sections,
    )
}
