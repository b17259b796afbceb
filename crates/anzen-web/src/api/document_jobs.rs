//! Documents generated as a job: `POST /documents/jobs` checks the request and gathers the
//! data at once (bad input: 4xx, nothing issued) and answers 202 with the job; the caller
//! follows `GET /documents/jobs/{id}` and fetches `GET /documents/jobs/{id}/file` once it is
//! done. Only the caller who started a job sees it; jobs live on the node that started them.

use anzen_app::documents::{DocumentInput, DocumentRequest, JobState, JobView};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

use super::documents::{IssueBody, file_response};
use super::extract::{Body, PathId};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// A document job.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentJob {
    pub id: String,
    pub kind: String,
    pub format: String,
    /// `rendering`, `done` or `failed`.
    #[schema(example = "rendering")]
    pub state: String,
    /// Once done: the document's number.
    pub number: Option<String>,
    /// Once done: where to fetch the file.
    pub file: Option<String>,
    /// Once failed: why (nothing was issued).
    pub error: Option<String>,
    #[schema(value_type = String, format = DateTime)]
    pub started_at: jiff::Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub finished_at: Option<jiff::Timestamp>,
    /// Seconds since it started (until it finished).
    pub elapsed_seconds: f64,
}

pub(crate) fn dto(v: &JobView, now: jiff::Timestamp) -> DocumentJob {
    let (state, number, file, error) = match &v.state {
        JobState::Rendering => ("rendering", None, None, None),
        JobState::Done { number, .. } => (
            "done",
            Some(number.clone()),
            Some(format!("/api/v1/documents/jobs/{}/file", v.id)),
            None,
        ),
        JobState::Failed { message, .. } => ("failed", None, None, Some(message.clone())),
    };
    let until = v.finished_at.unwrap_or(now);
    DocumentJob {
        id: v.id.clone(),
        kind: v.kind.code().into(),
        format: v.format.as_str().into(),
        state: state.into(),
        number,
        file,
        error,
        started_at: v.started_at,
        finished_at: v.finished_at,
        elapsed_seconds: until.duration_since(v.started_at).as_secs_f64().max(0.0),
    }
}

/// Start a document job
///
/// The same request as `POST /documents`, for documents that take long to render: the
/// request is checked and the data gathered at once (refused with nothing issued exactly as
/// `POST /documents` refuses), then the document is rendered and recorded in the
/// background. Answers 202 with the job and its address.
#[utoipa::path(
    post,
    path = "/documents/jobs",
    tag = "documents",
    operation_id = "start_document_job",
    security(("bearer" = [])),
    request_body = IssueBody,
    responses(
        (status = 202, description = "Started", body = DocumentJob,
            headers(("location" = String, description = "The job"))),
        (status = 404, description = "No such offering within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "Refused by the policy or bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn start(
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
    let job = state.app.start_document_job(&caller, &req).await?;
    let location = format!("/api/v1/documents/jobs/{}", job.id);
    let mut response = (StatusCode::ACCEPTED, Json(dto(&job, state.app.now()))).into_response();
    if let Ok(v) = header::HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// Follow a document job
///
/// Its state: `rendering`, `done` (with the number and the file's address) or `failed`
/// (why; nothing was issued).
#[utoipa::path(
    get,
    path = "/documents/jobs/{id}",
    tag = "documents",
    operation_id = "get_document_job",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The job's id")),
    responses(
        (status = 200, description = "The job", body = DocumentJob),
        (status = 404, description = "No job of the caller with this id on this server (`not_found`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<DocumentJob>, Problem> {
    let job = state.app.document_job(&caller, &id.to_string())?;
    Ok(Json(dto(&job, state.app.now())))
}

/// Fetch the file of a document job
///
/// The issued file once the job is done (the headers of `POST /documents`); 409 while it is
/// still rendering or when it failed.
#[utoipa::path(
    get,
    path = "/documents/jobs/{id}/file",
    tag = "documents",
    operation_id = "get_document_job_file",
    security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path, description = "The job's id")),
    responses(
        (status = 200, description = "The issued file", content(
            (Vec<u8> = "application/pdf"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )),
        (status = 404, description = "No job of the caller with this id on this server (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "Still rendering, or failed (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn file(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Response, Problem> {
    let file = state.app.document_job_file(&caller, &id.to_string())?;
    Ok(file_response(file))
}
