//! Placeholder until the docx layout lands.

use super::ResponsibilityDivision;
use crate::RenderError;

pub(super) fn render(_doc: &ResponsibilityDivision) -> Result<Vec<u8>, RenderError> {
    Err(RenderError::UnsupportedFormat("docx"))
}
