//! Documents on the pages: the "documents" section of an offering (issue a document as PDF,
//! DOCX or XLSX and download it; the recent issues with what changed), and the documents page
//! (every issue the user may see, and the check of a file: was this exact file issued?).
//!
//! Who may have which document for whom is the domain's policy
//! (`anzen_domain::document`); an institution's reviewer is offered its own documents only,
//! a partner none. A refusal shows the error page naming the field and issues nothing.

use anzen_app::Caller;
use anzen_app::documents::{DocumentInput, DocumentRequest, VerifiedDocument};
use anzen_app::ports::{IssuedDocument, Page};
use anzen_domain::access::Role;
use anzen_domain::document::kinds_for;
use anzen_domain::ids::{OfferingId, OrgId};
use askama::Template;
use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, Nav};
use super::common::{Names, Paging, fail, label, not_found, page_number, window};
use super::render;
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::upload;

/// A kind offered in the form.
#[derive(Debug, Clone)]
pub struct KindOption {
    pub code: &'static str,
    pub label: &'static str,
    /// The kind is always for one institution (the form says so).
    pub needs_institution: bool,
}

/// An institution offered in the form.
#[derive(Debug, Clone)]
pub struct InstitutionOption {
    pub id: String,
    pub name: String,
}

/// One issue, as a table row.
#[derive(Debug, Clone)]
pub struct IssueRow {
    pub number: String,
    pub kind: &'static str,
    pub format: String,
    pub version: i64,
    pub institution: String,
    pub issued_at: String,
    pub issued_by: String,
    pub changes: String,
    pub sha256: String,
    pub offering: String,
}

/// The documents section of an offering's page.
#[derive(Debug, Clone)]
pub struct DocumentsSection {
    pub kinds: Vec<KindOption>,
    /// The audit-trail excerpt is offered: the form asks for its period.
    pub has_excerpt: bool,
    /// Empty for an institution's reviewer (its documents are its own).
    pub institutions: Vec<InstitutionOption>,
    pub recent: Vec<IssueRow>,
}

fn principal(caller: &Caller) -> Option<&anzen_domain::access::Principal> {
    match caller {
        Caller::User(p) => Some(p),
        Caller::Operator { .. } => None,
    }
}

fn kind_options(lang: Lang, caller: &Caller) -> Vec<KindOption> {
    kinds_for(principal(caller))
        .into_iter()
        .map(|k| KindOption {
            code: k.code(),
            label: label(lang, k.label_ja(), k.label_en()),
            needs_institution: k.needs_institution(),
        })
        .collect()
}

/// "+2 −0 ~1 (since RT-…)" or "first issue".
fn changes_text(lang: Lang, d: &IssuedDocument) -> String {
    let c = &d.changes;
    match &c.previous {
        None => crate::i18n::t(lang, "documents.first_issue").to_owned(),
        Some(_) if c.is_empty() => crate::i18n::t(lang, "documents.no_change").to_owned(),
        Some(prev) => format!(
            "{} +{} −{} ~{} ({prev})",
            crate::i18n::t(lang, "documents.changed"),
            c.added.len(),
            c.removed.len(),
            c.changed.len()
        ),
    }
}

fn issue_row(lang: Lang, names: &Names, d: &IssuedDocument) -> IssueRow {
    IssueRow {
        number: d.number.clone(),
        kind: label(lang, d.kind.label_ja(), d.kind.label_en()),
        format: d.format.to_uppercase(),
        version: d.version,
        institution: d.institution.map_or_else(
            || crate::i18n::t(lang, "documents.all_institutions").to_owned(),
            |i| names.org(i),
        ),
        issued_at: dates::format_timestamp(d.issued_at, lang),
        issued_by: super::audit_text::actor(lang, &d.issued_by, &Default::default()),
        changes: changes_text(lang, d),
        sha256: d.sha256.clone(),
        offering: names.offering(d.offering),
    }
}

/// The section for the offering's page; `None` for a role offered no document.
pub async fn section(
    state: &AppState,
    user: &SignedIn,
    offering: OfferingId,
    institutions: &[(OrgId, String)],
) -> Result<Option<DocumentsSection>, anzen_app::AppError> {
    let lang = user.ctx.lang;
    let kinds = kind_options(lang, &user.caller);
    if kinds.is_empty() {
        return Ok(None);
    }
    let recent = state
        .app
        .list_documents(&user.caller, Some(offering), Page::first(10))
        .await?;
    let ids: Vec<OrgId> = recent.rows.iter().filter_map(|d| d.institution).collect();
    let names = Names::for_ids(state, user, ids, vec![offering]).await?;
    let is_institution =
        matches!(&user.caller, Caller::User(p) if p.role == Role::InstitutionReviewer);
    Ok(Some(DocumentsSection {
        has_excerpt: kinds.iter().any(|k| k.code == "audit-excerpt"),
        kinds,
        institutions: if is_institution {
            Vec::new()
        } else {
            institutions
                .iter()
                .map(|(id, name)| InstitutionOption {
                    id: id.to_string(),
                    name: name.clone(),
                })
                .collect()
        },
        recent: recent
            .rows
            .iter()
            .map(|d| issue_row(lang, &names, d))
            .collect(),
    }))
}

#[derive(Debug, Default, Deserialize)]
pub struct IssueForm {
    #[serde(default)]
    pub(crate) kind: String,
    #[serde(default)]
    pub(crate) institution: String,
    #[serde(default)]
    pub(crate) format: String,
    #[serde(default)]
    pub(crate) from: String,
    #[serde(default)]
    pub(crate) to: String,
}

impl IssueForm {
    /// The request the form asks for, for the offering `raw`.
    pub(crate) fn request(&self, raw: &str) -> Result<DocumentRequest, anzen_domain::FieldError> {
        DocumentRequest::parse(&DocumentInput {
            kind: &self.kind,
            offering: raw,
            institution: Some(&self.institution),
            format: &self.format,
            from: Some(&self.from),
            to: Some(&self.to),
            object_type: None,
            object_id: None,
        })
    }
}

/// `POST /offerings/{id}/documents`: issue the document and download it.
pub async fn issue(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<IssueForm>,
) -> Response {
    let ctx = &user.ctx;
    if raw.parse::<OfferingId>().is_err() {
        return not_found(ctx, "offering");
    }
    let req = match form.request(&raw) {
        Ok(r) => r,
        Err(fe) => return fail(ctx, fe.into()),
    };
    match state.app.issue_document(&user.caller, &req).await {
        Ok(file) => crate::api::documents_file_response(file),
        Err(e) => fail(ctx, e),
    }
}

#[derive(Template)]
#[template(path = "documents/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<IssueRow>,
    total: i64,
    paging: Paging,
    /// The answer to a file sent for checking.
    verified: Option<VerifiedView>,
    message: String,
}

/// The answer to "was this exact file issued?", ready for the page.
#[derive(Debug, Clone)]
struct VerifiedView {
    issued: bool,
    sha256: String,
    row: Option<IssueRow>,
    audit_seq: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    page: String,
}

async fn list_page(
    state: &AppState,
    user: &SignedIn,
    page_no: u32,
    verified: Option<VerifiedDocument>,
    message: String,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let listed = match state
        .app
        .list_documents(&user.caller, None, window(page_no))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let mut orgs: Vec<OrgId> = listed.rows.iter().filter_map(|d| d.institution).collect();
    let mut offerings: Vec<OfferingId> = listed.rows.iter().map(|d| d.offering).collect();
    if let Some(d) = verified.as_ref().and_then(|v| v.issued.as_ref()) {
        orgs.extend(d.institution);
        offerings.push(d.offering);
    }
    let names = match Names::for_ids(state, user, orgs, offerings).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("documents.title").to_owned(), Nav::Documents),
        rows: listed
            .rows
            .iter()
            .map(|d| issue_row(lang, &names, d))
            .collect(),
        total: listed.total,
        paging: Paging::new("/documents", &[], page_no, listed.total),
        verified: verified.map(|v| VerifiedView {
            issued: v.is_issued(),
            sha256: v.sha256.clone(),
            row: v.issued.as_ref().map(|d| issue_row(lang, &names, d)),
            audit_seq: v.audit_seq.map(|s| s.to_string()).unwrap_or_default(),
        }),
        message,
    };
    render(ctx, &page)
}

/// `GET /documents`: every issue the user may see, newest first, and the check of a file.
pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListParams>,
) -> Response {
    list_page(&state, &user, page_number(&q.page), None, String::new()).await
}

/// `POST /documents/verify`: a `multipart/form-data` body with the file in the field `file`.
pub async fn verify(
    State(state): State<AppState>,
    user: SignedIn,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let ctx = &user.ctx;
    let limits = &state.app.settings().import_limits;
    let body = match upload::read_upload(
        upload::declared_length(&headers),
        body,
        upload::form_limit(limits),
        limits,
    )
    .await
    {
        Ok(b) => b,
        Err(e) => {
            let message = upload::limit_message(ctx.lang, &e);
            return list_page(&state, &user, 1, None, message).await;
        }
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Some((_, bytes)) = super::controls::catalogues::multipart_file(content_type, &body, "file")
        .filter(|(_, b)| !b.is_empty())
    else {
        let message = ctx.t("documents.verify.choose_file").to_owned();
        return list_page(&state, &user, 1, None, message).await;
    };
    match state.app.verify_document(&user.caller, bytes).await {
        Ok(v) => list_page(&state, &user, 1, Some(v), String::new()).await,
        Err(e) => fail(ctx, e),
    }
}
