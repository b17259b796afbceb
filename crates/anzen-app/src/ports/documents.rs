//! The register of issued documents: each issue's number, file digest, what it was generated
//! from and for whom, so that a file can be verified later and a re-issue can say what
//! changed since the last one.

use async_trait::async_trait;
use jiff::Timestamp;

use anzen_domain::access::Reach;
use anzen_domain::document::DocumentKind;
use anzen_domain::ids::{OfferingId, OrgId, UserId};

use super::{Listed, Page};
use crate::StoreError;

/// One comparable entry of an issued document (a risk, a control's statement...), as kept
/// for the comparison with the next issue.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IssuedEntry {
    pub key: String,
    pub caption: String,
    /// SHA-256 (hex) of everything the document said about the entry.
    pub digest: String,
}

/// What changed in a document since its previous issue (same kind, offering and
/// institution).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct DocumentChanges {
    /// The number of the previous issue; `None` for a first issue.
    pub previous: Option<String>,
    /// Captions of the entries new since then.
    pub added: Vec<String>,
    /// Captions of the entries gone since then.
    pub removed: Vec<String>,
    /// Captions of the entries whose content differs.
    pub changed: Vec<String>,
}

impl DocumentChanges {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// One issued document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IssuedDocument {
    /// `RT-20261207-3fa9c2d1`: printed on every page of the document.
    pub number: String,
    /// The provider that owns the offering (and the register entry).
    pub org: OrgId,
    pub kind: DocumentKind,
    /// `pdf`, `docx` or `xlsx`.
    pub format: String,
    pub offering: OfferingId,
    /// The institution it is for; `None`: for every institution.
    pub institution: Option<OrgId>,
    /// The document's version: one more than the previous issue's when the data changed.
    pub version: i64,
    /// SHA-256 (hex) of the file as issued.
    pub sha256: String,
    pub size_bytes: i64,
    /// SHA-256 (hex) of the data the document was generated from.
    pub source_digest: String,
    /// What the document was generated with besides the offering and institution (for an
    /// audit excerpt: its period and object).
    pub params: serde_json::Value,
    pub entries: Vec<IssuedEntry>,
    pub changes: DocumentChanges,
    /// The caller's label (`user:alice`, `operator:root`) and user, if any.
    pub issued_by: String,
    pub issued_by_user: Option<UserId>,
    pub issued_at: Timestamp,
}

/// Reads of the register. A provider's users reach the issues of its offerings; an
/// institution's reviewers those issued for their institution.
#[async_trait]
pub trait DocumentReads: Send + Sync {
    /// The issue whose file has this SHA-256, within reach.
    async fn document_by_sha256(
        &self,
        reach: Reach,
        sha256: &str,
    ) -> Result<Option<IssuedDocument>, StoreError>;
    /// The issue with this number, within reach.
    async fn document_by_number(
        &self,
        reach: Reach,
        number: &str,
    ) -> Result<Option<IssuedDocument>, StoreError>;
    /// The newest issue of `kind` for the offering and institution (any format).
    async fn last_document(
        &self,
        kind: DocumentKind,
        offering: OfferingId,
        institution: Option<OrgId>,
    ) -> Result<Option<IssuedDocument>, StoreError>;
    /// Issues within reach, newest first, optionally of one offering.
    async fn list_documents(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
        page: Page,
    ) -> Result<Listed<IssuedDocument>, StoreError>;
}

/// The register's write.
#[async_trait]
pub trait DocumentWrites: Send {
    async fn insert_document(&mut self, doc: &IssuedDocument) -> Result<(), StoreError>;
}
