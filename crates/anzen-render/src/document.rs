//! What the application needs of every document, whatever its kind: its front matter (to
//! number and stamp it when issued), the formats it renders in, and the entries a re-issue
//! compares with the last issue ("what changed since", issue 10 item 4).

use serde::Serialize;

use crate::{Cover, Format, RenderError};

/// One comparable entry of a document: a risk, a control's statement, a disclosed item...
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Stable across issues (a risk's code, a control's id, a table item's number).
    pub key: String,
    /// What a reader calls it (`R-012 ランサムウェアによる…`).
    pub caption: String,
    /// Everything the document says about it; two issues differ on the entry when this does.
    pub content: serde_json::Value,
}

/// A document the application can issue.
pub trait Document: Serialize {
    /// The title printed on every page (`リスク対応一覧`).
    const TITLE: &'static str;
    /// The formats it renders in, in the order users see them.
    const FORMATS: &'static [Format] = &Format::ALL;

    fn cover(&self) -> &Cover;
    fn cover_mut(&mut self) -> &mut Cover;
    /// The document in `format` (one of [`Self::FORMATS`]; any other is an error).
    fn render(&self, format: Format) -> Result<Vec<u8>, RenderError>;
    /// The entries a re-issue compares, in document order.
    fn entries(&self) -> Vec<Entry>;
}
