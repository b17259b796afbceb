//! The MHLW cybersecurity checklist, provider version (事業者確認用; guideline-notes §7):
//! `/checklist/editions` and `/offerings/{id}/checklist` (read, answer, import the filled-in
//! XLSX). The export is the `mhlw-checklist` document (`/documents`).

use anzen_app::checklist::{ChecklistView, EditionImport, EditionView};
use anzen_domain::checklist::{self as d, AnswerInput};
use anzen_domain::ids::OfferingId;
use axum::Json;
use axum::body::Body as RawBody;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::enums::mirror_enum;
use super::extract::{Body, PathId, Query, media_type, revision, text_param};
use super::list::list_of;
use super::orgs::created;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

mirror_enum! {
    /// The answer (R7 manual: はい / いいえ).
    ChecklistReply => d::Reply {
        Yes = "yes",
        No = "no",
    }
}

/// An item of an edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistItem {
    /// The number the edition prints, e.g. `2-⑪`.
    pub key: String,
    pub title_ja: String,
    pub title_en: String,
}

/// What changed from the previous edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EditionChanges {
    pub previous: Option<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub reworded: Vec<String>,
}

impl From<&d::EditionChanges> for EditionChanges {
    fn from(c: &d::EditionChanges) -> Self {
        Self {
            previous: c.previous.clone(),
            added: c.added.clone(),
            removed: c.removed.clone(),
            reworded: c.reworded.clone(),
        }
    }
}

/// An edition of the checklist.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistEdition {
    /// `R7`, `R8`, `FY2026` …
    pub label: String,
    /// April of this year to March of the next.
    pub fiscal_year: i16,
    pub title_ja: String,
    /// Shipped with anzen, or imported.
    pub builtin: bool,
    pub imported_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub imported_at: Option<jiff::Timestamp>,
    pub items: Vec<ChecklistItem>,
    pub changes: EditionChanges,
}

fn edition_dto(v: &EditionView) -> ChecklistEdition {
    ChecklistEdition {
        label: v.edition.label.clone(),
        fiscal_year: v.edition.fiscal_year,
        title_ja: v.edition.title_ja.clone(),
        builtin: v.builtin,
        imported_by: v.imported_by.clone(),
        imported_at: v.imported_at,
        items: v.edition.items.iter().map(item_dto).collect(),
        changes: (&v.changes).into(),
    }
}

fn item_dto(i: &d::EditionItem) -> ChecklistItem {
    ChecklistItem {
        key: i.key.clone(),
        title_ja: i.title_ja.clone(),
        title_en: i.title_en.clone(),
    }
}

list_of!(
    /// The editions, oldest fiscal year first (the last is the newest).
    ChecklistEditionList of ChecklistEdition
);

/// A person's answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistAnswer {
    pub reply: ChecklistReply,
    #[schema(value_type = String, format = Date)]
    pub checked_on: jiff::civil::Date,
    #[schema(value_type = Option<String>, format = Date)]
    pub target_on: Option<jiff::civil::Date>,
    pub evidence: String,
    pub answered_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub answered_at: jiff::Timestamp,
}

/// anzen's judgement from its records.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistJudgement {
    pub reply: ChecklistReply,
    pub evidence_ja: String,
    pub evidence_en: String,
}

/// One item with what answers it: a person's answer takes precedence over anzen's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistRow {
    pub item: ChecklistItem,
    pub answer: Option<ChecklistAnswer>,
    pub data: Option<ChecklistJudgement>,
    /// The reply in force (the person's, else anzen's), if any.
    pub reply: Option<ChecklistReply>,
    /// `person`, `data`, or null while unanswered.
    pub source: Option<String>,
}

/// Counts of the answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistProgress {
    pub items: usize,
    pub answered: usize,
    pub yes: usize,
    pub no: usize,
    /// いいえ still without a person's target date.
    pub no_without_target: usize,
    pub complete: bool,
}

/// An offering's answers to an edition.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Checklist {
    pub offering: Uuid,
    pub offering_name: String,
    pub edition: String,
    pub fiscal_year: i16,
    /// Send it back with the next answers; 0 while none were saved. A stale one is 409.
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
    pub current: bool,
    /// The offering answered the previous edition and has not finished this one.
    pub reanswer: bool,
    pub changes: EditionChanges,
    pub progress: ChecklistProgress,
    pub rows: Vec<ChecklistRow>,
    pub updated_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub updated_at: Option<jiff::Timestamp>,
}

fn checklist_dto(v: ChecklistView) -> Checklist {
    let p = v.progress;
    Checklist {
        offering: *v.offering.as_uuid(),
        offering_name: v.offering_name,
        edition: v.edition,
        fiscal_year: v.fiscal_year,
        revision: v.revision,
        current: v.current,
        reanswer: v.reanswer,
        changes: (&v.changes).into(),
        progress: ChecklistProgress {
            items: p.items,
            answered: p.answered,
            yes: p.yes,
            no: p.no,
            no_without_target: p.no_without_target,
            complete: p.complete(),
        },
        rows: v
            .rows
            .iter()
            .map(|r| {
                let reply = r
                    .answer
                    .as_ref()
                    .map(|a| a.reply)
                    .or(r.data.as_ref().map(|x| x.reply));
                ChecklistRow {
                    item: item_dto(&r.item),
                    answer: r.answer.as_ref().map(|a| ChecklistAnswer {
                        reply: a.reply.into(),
                        checked_on: a.checked_on,
                        target_on: a.target_on,
                        evidence: a.evidence.clone(),
                        answered_by: a.answered_by.clone(),
                        answered_at: a.answered_at,
                    }),
                    data: r.data.as_ref().map(|x| ChecklistJudgement {
                        reply: x.reply.into(),
                        evidence_ja: x.evidence_ja.clone(),
                        evidence_en: x.evidence_en.clone(),
                    }),
                    reply: reply.map(Into::into),
                    source: match (&r.answer, &r.data) {
                        (Some(_), _) => Some("person".into()),
                        (None, Some(_)) => Some("data".into()),
                        _ => None,
                    },
                }
            })
            .collect(),
        updated_by: v.updated_by,
        updated_at: v.updated_at,
    }
}

/// List the checklist's editions
///
/// The built-in edition and those the caller's organisation imported, oldest fiscal year
/// first, each with what changed since the one before (guideline-notes §7).
#[utoipa::path(
    get,
    path = "/checklist/editions",
    tag = "checklist",
    operation_id = "list_checklist_editions",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The editions", body = ChecklistEditionList),
        (status = 403, description = "The role reads no checklist (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn editions(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<ChecklistEditionList>, Problem> {
    let all: Vec<ChecklistEdition> = state
        .app
        .checklist_editions(&caller)
        .await?
        .iter()
        .map(edition_dto)
        .collect();
    Ok(Json(ChecklistEditionList::from_all(
        all,
        anzen_app::ports::Page::all(),
    )))
}

/// The TOML file of an edition.
#[derive(Debug, ToSchema)]
#[schema(value_type = String)]
pub struct ChecklistEditionFile(#[allow(dead_code)] String);

/// The name of an uploaded file.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EditionFileName {
    /// The file's name (e.g. `mhlw-checklist-provider-r8.toml`), for the messages.
    pub name: Option<String>,
}

/// What an edition import did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistEditionImported {
    pub edition: ChecklistEdition,
    /// Whether it is now the newest edition.
    pub current: bool,
    /// The offerings that answered the previous edition and must answer this one.
    pub reanswer: Vec<OfferingToReanswer>,
}

/// An offering to answer again.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OfferingToReanswer {
    pub id: Uuid,
    pub name: String,
}

fn imported_dto(x: EditionImport) -> ChecklistEditionImported {
    ChecklistEditionImported {
        edition: edition_dto(&x.edition),
        current: x.current,
        reanswer: x
            .reanswer
            .into_iter()
            .map(|(id, name)| OfferingToReanswer {
                id: *id.as_uuid(),
                name,
            })
            .collect(),
    }
}

/// Import an edition of the checklist
///
/// The body is the edition as a TOML catalogue in the format of
/// `catalogs/mhlw-checklist-provider.toml` (`id = "mhlw_checklist_provider"`, `version` the
/// fiscal year's label such as `R8` or `FY2026`, one `[[items]]` per item), UTF-8, at most
/// 512 KiB, sent as `application/toml` or `text/plain`. A provider's members import for
/// their organisation. The answer lists what changed since the previous edition and the
/// offerings that answered it and must answer again. An invalid file is 422 naming the
/// field; an edition already known is 409; nothing is stored.
#[utoipa::path(
    post,
    path = "/checklist/editions",
    tag = "checklist",
    operation_id = "import_checklist_edition",
    security(("bearer" = [])),
    params(EditionFileName),
    request_body(
        description = "The edition's catalogue (TOML)",
        content((ChecklistEditionFile = "application/toml"), (ChecklistEditionFile = "text/plain")),
    ),
    responses(
        (status = 201, description = "Imported", body = ChecklistEditionImported,
            headers(("location" = String, description = "The editions"))),
        (status = 400, description = "A malformed request (`bad_request`)", body = crate::error::ErrorBody),
        (status = 403, description = "The role cannot import an edition (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The edition is known already (`conflict`)", body = crate::error::ErrorBody),
        (status = 413, description = "The file is larger than the import limit (`payload_too_large`)", body = crate::error::ErrorBody),
        (status = 415, description = "Not sent as `application/toml` or `text/plain` (`unsupported_media_type`)", body = crate::error::ErrorBody),
        (status = 422, description = "Not a valid edition (`invalid_input`, naming the field)", body = crate::error::ErrorBody),
    ),
)]
pub async fn import_edition(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<EditionFileName>,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, Problem> {
    let mime = media_type(&headers);
    if !matches!(mime.as_str(), "application/toml" | "text/plain") {
        return Err(unsupported(
            "`application/toml` or `text/plain` (the edition's TOML catalogue)",
        ));
    }
    let bytes = read_body(&state, &headers, body).await?;
    let name = text_param(&q.name).unwrap_or_else(|| "upload.toml".to_owned());
    let x = state
        .app
        .import_checklist_edition(&caller, &name, &bytes)
        .await?;
    Ok(created("/api/v1/checklist/editions", imported_dto(x)))
}

fn unsupported(what: &str) -> Problem {
    Problem::Http {
        status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
        code: "unsupported_media_type",
        message: format!("send the file as {what}"),
    }
}

async fn read_body(
    state: &AppState,
    headers: &HeaderMap,
    body: RawBody,
) -> Result<Vec<u8>, Problem> {
    let limits = &state.app.settings().import_limits;
    Ok(crate::upload::read_upload(
        crate::upload::declared_length(headers),
        body,
        limits.file_bytes,
        limits,
    )
    .await
    .map_err(anzen_app::AppError::from)?
    .to_vec())
}

/// The edition of a checklist read.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ChecklistEditionParam {
    /// The edition's label (default: the newest).
    pub edition: Option<String>,
}

/// Read an offering's checklist
///
/// The answers to an edition (the newest by default): each item with a person's answer,
/// anzen's judgement from its records (the device ledger, the 運用管理規程) or neither. The
/// offering's provider, or an institution that contracts it.
#[utoipa::path(
    get,
    path = "/offerings/{id}/checklist",
    tag = "checklist",
    operation_id = "get_checklist",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id"), ChecklistEditionParam),
    responses(
        (status = 200, description = "The answers", body = Checklist),
        (status = 403, description = "The role reads no checklist (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering within reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "An unknown edition (`invalid_input`, field `edition`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn get(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Query(q): Query<ChecklistEditionParam>,
) -> Result<Json<Checklist>, Problem> {
    let edition = text_param(&q.edition);
    let v = state
        .app
        .checklist(&caller, OfferingId::from_uuid(id), edition.as_deref())
        .await?;
    Ok(Json(checklist_dto(v)))
}

/// One answer as sent.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewChecklistAnswer {
    /// The item's number in the edition, e.g. `2-⑪`.
    #[schema(min_length = 1, max_length = 40)]
    pub item: String,
    /// `yes` / `no` (or はい / いいえ).
    #[schema(example = "yes")]
    pub reply: String,
    /// YYYY-MM-DD, not after today.
    #[schema(format = Date)]
    pub checked_on: String,
    /// YYYY-MM-DD within the edition's fiscal year: required for `no`, absent for `yes`.
    #[serde(default)]
    #[schema(format = Date)]
    pub target_on: Option<String>,
    #[serde(default)]
    #[schema(max_length = 2000)]
    pub evidence: String,
}

/// Answers to save.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"edition": "R7", "revision": 0, "answers": [{"item": "1-①", "reply": "yes", "checked_on": "2026-04-10", "evidence": "情報セキュリティ管理規程 第3条"}]}))]
pub struct SaveChecklistAnswers {
    /// The edition's label.
    #[schema(min_length = 1, max_length = 40)]
    pub edition: String,
    /// The revision read (0 when none was saved).
    #[schema(minimum = 0, maximum = 9_007_199_254_740_991_i64)]
    pub revision: i64,
    /// 1–300 answers; each replaces the item's earlier answer.
    #[schema(min_items = 1, max_items = 300)]
    pub answers: Vec<NewChecklistAnswer>,
}

/// ChecklistAnswer items of an offering's checklist
///
/// A person's answers (R7 manual): はい / いいえ, the day checked (not after today) and, for
/// いいえ, a target day within the edition's fiscal year. All or nothing: a bad answer is
/// 422 naming `answers.N.field`. `revision` is the one read; a stale one is 409.
#[utoipa::path(
    put,
    path = "/offerings/{id}/checklist",
    tag = "checklist",
    operation_id = "save_checklist_answers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body = SaveChecklistAnswers,
    responses(
        (status = 200, description = "Saved", body = Checklist),
        (status = 403, description = "The role cannot answer (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering of the caller's organisation (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "The answers changed since `revision` (`conflict`)", body = crate::error::ErrorBody),
        (status = 422, description = "A bad answer (`invalid_input`, naming the field)", body = crate::error::ErrorBody),
    ),
)]
pub async fn save(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(b): Body<SaveChecklistAnswers>,
) -> Result<Json<Checklist>, Problem> {
    let rev = revision("revision", b.revision, 0)?;
    let inputs: Vec<AnswerInput> = b
        .answers
        .into_iter()
        .map(|a| AnswerInput {
            item: a.item,
            reply: a.reply,
            checked_on: a.checked_on,
            target_on: a.target_on,
            evidence: a.evidence,
        })
        .collect();
    let v = state
        .app
        .save_checklist_answers(&caller, OfferingId::from_uuid(id), &b.edition, rev, &inputs)
        .await
        .map_err(|e| match e {
            anzen_app::AppError::Invalid(mut f) => {
                f.field = f.field.replace('[', ".").replace(']', "");
                Problem::invalid(f)
            }
            other => other.into(),
        })?;
    Ok(Json(checklist_dto(v)))
}

/// The filled-in checklist workbook.
#[derive(Debug, ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct ChecklistFile(#[allow(dead_code)] Vec<u8>);

/// Import a filled-in checklist
///
/// The body is the XLSX of the `mhlw-checklist` document, filled in (sheet `回答`: 回答,
/// 確認日, 目標日, 根拠・証跡; the summary sheet unchanged). Every answered row is checked;
/// any bad row (an unknown item number, an invalid date, いいえ without a target in the
/// fiscal year …) is 422 (`field` `file`, the message naming each row and column) and nothing
/// is imported. A row still showing anzen's own judgement is left to anzen. The file's
/// revision must be the stored one (else 409).
#[utoipa::path(
    post,
    path = "/offerings/{id}/checklist/import",
    tag = "checklist",
    operation_id = "import_checklist_answers",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The offering's id")),
    request_body(
        description = "The filled-in workbook",
        content((ChecklistFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
    ),
    responses(
        (status = 200, description = "Imported", body = Checklist),
        (status = 400, description = "A malformed request (`bad_request`)", body = crate::error::ErrorBody),
        (status = 403, description = "The role cannot answer (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such offering of the caller's organisation (`not_found`)", body = crate::error::ErrorBody),
        (status = 409, description = "The answers changed since the export (`conflict`)", body = crate::error::ErrorBody),
        (status = 413, description = "The file is larger than the import limit (`payload_too_large`)", body = crate::error::ErrorBody),
        (status = 415, description = "Not sent as an xlsx workbook (`unsupported_media_type`)", body = crate::error::ErrorBody),
        (status = 422, description = "A bad row (`invalid_input`, field `file`), or past an import limit (`limit_exceeded`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn import_answers(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    headers: HeaderMap,
    body: RawBody,
) -> Result<Response, Problem> {
    if media_type(&headers) != XLSX {
        // An offering the caller cannot reach is 404 whatever was sent.
        state
            .app
            .checklist(&caller, OfferingId::from_uuid(id), None)
            .await?;
        return Err(unsupported(&format!("`{XLSX}` (the checklist's XLSX)")));
    }
    let bytes = read_body(&state, &headers, body).await?;
    let v = state
        .app
        .import_checklist_answers(&caller, OfferingId::from_uuid(id), &bytes)
        .await?;
    Ok((StatusCode::OK, Json(checklist_dto(v))).into_response())
}
