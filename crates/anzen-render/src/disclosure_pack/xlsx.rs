//! Placeholder until the xlsx layout lands.

use super::DisclosurePack;
use crate::RenderError;

pub(super) fn render(_doc: &DisclosurePack) -> Result<Vec<u8>, RenderError> {
    Err(RenderError::UnsupportedFormat("xlsx"))
}
