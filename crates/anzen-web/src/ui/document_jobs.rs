//! A document generated as a job, in the browser: the documents form's "generate in the
//! background" button starts it (`POST /offerings/{id}/documents/jobs`, refused at once on
//! bad input), and `/documents/jobs/{id}` shows its progress, refreshing itself every second
//! while it renders (no script: a `refresh` meta element), then the download link.

use anzen_app::documents::JobState;
use anzen_domain::ids::OfferingId;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use super::chrome::{Chrome, Nav};
use super::common::{fail, label, not_found};
use super::documents::IssueForm;
use super::{render, see_other};
use crate::AppState;
use crate::extract::SignedIn;

#[derive(Template)]
#[template(path = "documents/job.html")]
struct JobPage {
    chrome: Chrome,
    id: String,
    kind: String,
    format: String,
    /// `rendering`, `done` or `failed`.
    state: &'static str,
    state_label: String,
    elapsed: String,
    number: String,
    error: String,
}

/// `POST /offerings/{id}/documents/jobs`: start the job and show its page.
pub async fn start(
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
    match state.app.start_document_job(&user.caller, &req).await {
        Ok(job) => see_other(ctx, &format!("/documents/jobs/{}", job.id), None),
        Err(e) => fail(ctx, e),
    }
}

/// `GET /documents/jobs/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let job = match state.app.document_job(&user.caller, &id) {
        Ok(j) => j,
        Err(e) => return fail(ctx, e),
    };
    let v = crate::api::document_job_dto(&job, state.app.now());
    let (code, number, error) = match &job.state {
        JobState::Rendering => (STATE_CODES[0], String::new(), String::new()),
        JobState::Done { number, .. } => (STATE_CODES[1], number.clone(), String::new()),
        JobState::Failed { message, .. } => (STATE_CODES[2], String::new(), message.clone()),
    };
    let page = JobPage {
        chrome: ctx.chrome(ctx.t("documents.job.title").to_owned(), Nav::Documents),
        id: job.id.clone(),
        kind: label(lang, job.kind.label_ja(), job.kind.label_en()).to_owned(),
        format: job.format.as_str().to_uppercase(),
        state: code,
        state_label: ctx.t(&format!("documents.job.state.{code}")).to_owned(),
        elapsed: ctx
            .t("documents.job.elapsed")
            .replace("{seconds}", &format!("{:.1}", v.elapsed_seconds)),
        number,
        error,
    };
    render(ctx, &page)
}

/// The codes of a job's states, in the page (`documents.job.state.{code}` names each).
pub(crate) const STATE_CODES: [&str; 3] = ["rendering", "done", "failed"];

/// `GET /documents/jobs/{id}/file`: the issued file of a finished job.
pub async fn file(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<String>,
) -> Response {
    match state.app.document_job_file(&user.caller, &id) {
        Ok(file) => crate::api::documents_file_response(file),
        Err(e) => fail(&user.ctx, e),
    }
}
