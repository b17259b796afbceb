//! Documents for medical institutions, issued from the data (GL ch. 3, 4, 6):
//! `POST /documents` issues one and answers the file; `GET /documents` lists the issues the
//! caller may see; `GET /documents/{number}` one issue with what changed since the previous;
//! `POST /documents/verify` says whether a file is exactly one anzen issued.
//!
//! Who may have which document for whom is the domain's policy
//! (`anzen_domain::document::document_audience`): an institution's reviewer gets its own
//! documents only, a partner provider none. Bad input is a 422 naming the field with the
//! accepted values; a refusal issues nothing.

use anzen_app::documents::{DocumentInput, DocumentRequest, VerifiedDocument};
use anzen_app::ports::{DocumentChanges, IssuedDocument};
use anzen_domain::ids::OfferingId;
use axum::Json;
use axum::body::Body as HttpBody;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{Body, Query, page, text_param};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// The most `POST /documents/verify` reads; the body limit in front of the upload routes
/// (the import file limit, 8 MiB by default) applies first.
pub const VERIFY_LIMIT: usize = 64 * 1024 * 1024;

/// What to issue.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueBody {
    /// risk-treatment, disclosure, responsibility, applicability, diagram, device-ledger,
    /// audit-excerpt, operational-rules or mhlw-checklist.
    #[schema(example = "risk-treatment")]
    pub kind: String,
    /// The offering's id.
    pub offering: String,
    /// The medical institution the document is for (id). An institution's reviewer always
    /// gets its own; without it a provider's document covers every institution.
    #[serde(default)]
    pub institution: Option<String>,
    /// pdf, docx or xlsx (default pdf).
    #[serde(default)]
    #[schema(example = "pdf")]
    pub format: Option<String>,
    /// Audit-trail excerpt only: the first day of the period (YYYY-MM-DD, Japan).
    #[serde(default)]
    #[schema(format = Date)]
    pub from: Option<String>,
    /// Audit-trail excerpt only: the last day of the period (YYYY-MM-DD, Japan).
    #[serde(default)]
    #[schema(format = Date)]
    pub to: Option<String>,
    /// Audit-trail excerpt only: the type of the object whose entries to take (risk,
    /// agreement, document…).
    #[serde(default)]
    pub object_type: Option<String>,
    /// Audit-trail excerpt only: the object's id (with `object_type`).
    #[serde(default)]
    pub object_id: Option<String>,
}

/// What changed since the previous issue of the same document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Changes {
    /// The previous issue's number; null for a first issue.
    pub previous: Option<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
}

impl From<DocumentChanges> for Changes {
    fn from(c: DocumentChanges) -> Self {
        Self {
            previous: c.previous,
            added: c.added,
            removed: c.removed,
            changed: c.changed,
        }
    }
}

/// An issued document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IssuedDocumentDto {
    /// Printed on every page, e.g. `RT-20261207-3fa9c2d1`.
    pub number: String,
    pub kind: String,
    pub kind_label_ja: String,
    pub format: String,
    pub offering: Uuid,
    /// Null: for every institution.
    pub institution: Option<Uuid>,
    pub version: i64,
    /// SHA-256 of the file as issued.
    pub sha256: String,
    pub size_bytes: i64,
    /// SHA-256 of the data it was generated from.
    pub source_digest: String,
    pub changes: Changes,
    pub issued_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub issued_at: jiff::Timestamp,
}

impl From<IssuedDocument> for IssuedDocumentDto {
    fn from(d: IssuedDocument) -> Self {
        Self {
            number: d.number,
            kind: d.kind.code().into(),
            kind_label_ja: d.kind.label_ja().into(),
            format: d.format,
            offering: *d.offering.as_uuid(),
            institution: d.institution.map(|i| *i.as_uuid()),
            version: d.version,
            sha256: d.sha256,
            size_bytes: d.size_bytes,
            source_digest: d.source_digest,
            changes: d.changes.into(),
            issued_by: d.issued_by,
            issued_at: d.issued_at,
        }
    }
}

super::list::list_of!(
    /// A page of issued documents, newest first.
    DocumentList of IssuedDocumentDto
);

/// Issue a document
///
/// Renders the document from the current data as the caller sees it, numbers it, and
/// records the SHA-256 of the file and of the data in the register and the signed audit
/// trail; answers the file (`X-Anzen-Document-Number`, `X-Anzen-Document-Sha256`,
/// `X-Anzen-Document-Version` say what was issued). Refused, issuing nothing: a kind the
/// caller's role does not get or another institution's document (422 naming `kind` or
/// `institution`), an offering the caller cannot see (404), a format the kind is not made in
/// (422 naming `format` with the accepted formats).
#[utoipa::path(
    post,
    path = "/documents",
    tag = "documents",
    operation_id = "issue_document",
    security(("bearer" = [])),
    request_body = IssueBody,
    responses(
        (status = 200, description = "The issued file", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 404, description = "No such offering within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "The same document was issued at the same moment; issue again (`conflict`)", body = crate::error::ErrorBody),
        (status = 422, description = "Refused by the policy or bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn issue(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<IssueBody>,
) -> Result<Response, Problem> {
    let req = DocumentRequest::parse(&DocumentInput {
        kind: &body.kind,
        offering: &body.offering,
        institution: body.institution.as_deref(),
        format: body.format.as_deref().unwrap_or("pdf"),
        from: body.from.as_deref(),
        to: body.to.as_deref(),
        object_type: body.object_type.as_deref(),
        object_id: body.object_id.as_deref(),
    })?;
    let file = state.app.issue_document(&caller, &req).await?;
    Ok(file_response(file))
}

/// The issued file as a download, with its number, digest and version in headers.
pub(crate) fn file_response(file: anzen_app::documents::IssuedFile) -> Response {
    let mut response = HttpBody::from(file.bytes).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.media_type),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file.file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    for (name, value) in [
        ("x-anzen-document-number", file.record.number.clone()),
        ("x-anzen-document-sha256", file.record.sha256.clone()),
        ("x-anzen-document-version", file.record.version.to_string()),
    ] {
        if let Ok(v) = HeaderValue::from_str(&value) {
            h.insert(name, v);
        }
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Listing parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DocumentParams {
    /// Only this offering's issues (id).
    pub offering: Option<String>,
    /// Rows per page (1–500, default 50).
    pub limit: Option<String>,
    /// Rows to skip.
    pub offset: Option<String>,
}

/// List issued documents
///
/// The issues the caller may see, newest first: a provider's users those of its offerings,
/// an institution's reviewers those issued for their institution.
#[utoipa::path(
    get,
    path = "/documents",
    tag = "documents",
    operation_id = "list_documents",
    security(("bearer" = [])),
    params(DocumentParams),
    responses(
        (status = 200, description = "A page of issued documents", body = DocumentList),
        (status = 422, description = "A bad parameter, named (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<DocumentParams>,
) -> Result<Json<DocumentList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let offering = text_param(&q.offering)
        .map(|o| OfferingId::parse_field("offering", &o))
        .transpose()?;
    let listed = state.app.list_documents(&caller, offering, page).await?;
    Ok(Json(DocumentList::from_listed(listed)))
}

/// One issued document
///
/// With what changed since the previous issue of the same document.
#[utoipa::path(
    get,
    path = "/documents/{number}",
    tag = "documents",
    operation_id = "get_document",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "The document number, e.g. RT-20261207-3fa9c2d1")),
    responses(
        (status = 200, description = "The issue", body = IssuedDocumentDto),
        (status = 404, description = "No such issue within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Path(number): Path<String>,
) -> Result<Json<IssuedDocumentDto>, Problem> {
    let doc = state.app.issued_document(&caller, &number).await?;
    Ok(Json(doc.into()))
}

/// The answer to a verification.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Verification {
    /// SHA-256 of the file sent.
    pub sha256: String,
    /// Whether this exact file was issued (and its audit entry names it).
    pub issued: bool,
    /// The issue, when it was.
    pub document: Option<IssuedDocumentDto>,
    pub offering_name: Option<String>,
    pub institution_name: Option<String>,
    /// The audit entry recording the issue.
    pub audit_seq: Option<i64>,
}

impl From<VerifiedDocument> for Verification {
    fn from(v: VerifiedDocument) -> Self {
        Self {
            issued: v.is_issued(),
            sha256: v.sha256,
            document: v.issued.map(Into::into),
            offering_name: v.offering_name,
            institution_name: v.institution_name,
            audit_seq: v.audit_seq,
        }
    }
}

/// Verify a file
///
/// Send the file as the body (any content type, up to the import file limit, 8 MiB by
/// default). Answers whether this exact
/// file was issued (within the caller's reach): when, by whom, for whom. One changed byte
/// gives another SHA-256 and `issued: false`.
#[utoipa::path(
    post,
    path = "/documents/verify",
    tag = "documents",
    operation_id = "verify_document",
    security(("bearer" = [])),
    request_body(content(
        (Vec<u8> = "application/pdf"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<u8> = "application/octet-stream"),
    )),
    responses(
        (status = 200, description = "Whether the file was issued", body = Verification),
        (status = 413, description = "The file is larger than any document (`payload_too_large`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn verify(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    body: HttpBody,
) -> Result<Json<Verification>, Problem> {
    let bytes = axum::body::to_bytes(body, VERIFY_LIMIT)
        .await
        .map_err(|_| Problem::payload_too_large(VERIFY_LIMIT))?;
    let v = state.app.verify_document(&caller, &bytes).await?;
    Ok(Json(v.into()))
}
