//! The institution's voice on a risk (GL 5.1.6 (1) risk communication, GL 3.1.2 duty to
//! explain, FAQ 5.1, 5.2): `POST /risks/{id}/decline`, `/questions` and `/answers`.
//!
//! Who may decline, ask and answer is the domain's policy
//! (`anzen_domain::risk::voice`): a reviewer of an institution the risk touches declines the
//! content it read (quoted by its `digest`) with a reason, or asks a question; a user of the
//! provider that owns the risk answers. A decline keeps the treatment from taking effect
//! until the provider answers it or revises the risk. Bad input is a 422 naming the field;
//! a refusal writes nothing.

use anzen_domain::ids::RiskId;
use anzen_domain::risk as d;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use anzen_app::{AppError, Caller};
use anzen_domain::access::Role;

use super::extract::{Body, PathId};
use super::problem::Problem;
use super::risks::{RiskDetail, api_error, detail_dto};
use crate::AppState;
use crate::extract::ApiCaller;

/// What an entry of a risk's thread is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An institution user's question.
    Question,
    /// An institution user's refusal of the content shown, with its reason.
    Decline,
    /// The provider's answer to a question or a decline.
    Answer,
}

/// An entry of a risk's thread with one institution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ThreadEntry {
    pub id: Uuid,
    /// The institution whose thread it is.
    pub institution: Uuid,
    pub kind: EntryKind,
    pub text: String,
    /// For an answer: the question or decline it answers.
    pub in_reply_to: Option<Uuid>,
    /// The digest of the content shown when it was written.
    pub digest: String,
    pub user: Uuid,
    pub user_name: String,
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
}

pub(crate) fn entry_dto(e: &d::ThreadEntry) -> ThreadEntry {
    ThreadEntry {
        id: *e.id.as_uuid(),
        institution: *e.institution.as_uuid(),
        kind: match e.kind {
            d::EntryKind::Question => EntryKind::Question,
            d::EntryKind::Decline => EntryKind::Decline,
            d::EntryKind::Answer => EntryKind::Answer,
        },
        text: e.text.clone(),
        in_reply_to: e.in_reply_to.map(|r| *r.as_uuid()),
        digest: e.digest.clone(),
        user: *e.user.as_uuid(),
        user_name: e.user_name.clone(),
        at: e.at,
    }
}

/// Refuses a role that can never decline or ask (GL 5.1.6 (1)): 403, as for consent.
fn may_speak(caller: &Caller) -> Result<(), AppError> {
    match caller {
        Caller::User(p) if p.role == Role::InstitutionReviewer => Ok(()),
        _ => Err(AppError::Forbidden(d::voice::VOICE_ONLY_BY_INSTITUTION.en)),
    }
}

/// An institution's refusal of what it was shown.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclineBody {
    /// The `digest` of the risk as read (GET /risks/{id}); a changed risk is refused (422,
    /// field `digest`).
    pub digest: String,
    /// Why the institution does not agree; the provider answers it.
    #[schema(min_length = 1, max_length = 4000, pattern = r"\S")]
    pub reason: String,
}

/// Decline a risk's treatment and residual risk
///
/// A reviewer of an institution whose contracts the risk touches declines the content it
/// read, with its reason (GL 5.1.6 (1)). The treatment is not in effect (status `declined`)
/// and the institution cannot agree to that content until the provider answers the decline
/// or revises the risk. Refused for other roles (403), for a risk the institution cannot
/// see (404), without a reason (422 naming `reason`), for changed, already agreed or
/// already declined content (422 naming `digest`); a refusal writes nothing.
#[utoipa::path(
    post,
    path = "/risks/{id}/decline",
    tag = "risks",
    operation_id = "decline_risk",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = DeclineBody,
    responses(
        (status = 200, description = "The risk with the decline recorded", body = RiskDetail),
        (status = 403, description = "Only an institution's reviewer declines (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such risk within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "Refused by the policy or bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn decline(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<DeclineBody>,
) -> Result<Json<RiskDetail>, Problem> {
    may_speak(&caller)?;
    let detail = state
        .app
        .decline_risk(&caller, RiskId::from_uuid(id), &body.digest, &body.reason)
        .await
        .map_err(api_error)?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

/// An institution's question.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionBody {
    #[schema(min_length = 1, max_length = 4000, pattern = r"\S")]
    pub text: String,
}

/// Ask a question about a risk
///
/// A reviewer of an institution whose contracts the risk touches asks the provider a
/// question (GL 5.1.6 (1)). The thread is seen by the provider and that institution only.
#[utoipa::path(
    post,
    path = "/risks/{id}/questions",
    tag = "risks",
    operation_id = "ask_about_risk",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = QuestionBody,
    responses(
        (status = 200, description = "The risk with the question recorded", body = RiskDetail),
        (status = 403, description = "Only an institution's reviewer asks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such risk within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "Refused by the policy or bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn ask(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<QuestionBody>,
) -> Result<Json<RiskDetail>, Problem> {
    may_speak(&caller)?;
    let detail = state
        .app
        .ask_about_risk(&caller, RiskId::from_uuid(id), &body.text)
        .await
        .map_err(api_error)?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}

/// The provider's answer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// The id of the question or decline answered (an entry of the risk's thread).
    pub in_reply_to: String,
    #[schema(min_length = 1, max_length = 4000, pattern = r"\S")]
    pub text: String,
}

/// Answer a question or a decline
///
/// A user of the provider that owns the risk answers a question or a decline in its thread
/// (GL 3.1.2 duty to explain, GL 5.1.6 (1)). Answering a decline explains again: the
/// institution can then be asked to agree once more. Refused for anyone else (403 or 422
/// naming `in_reply_to`), for an entry that is not a question or decline of this risk (422
/// naming `in_reply_to`), and without text (422 naming `text`).
#[utoipa::path(
    post,
    path = "/risks/{id}/answers",
    tag = "risks",
    operation_id = "answer_on_risk",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The risk's id")),
    request_body = AnswerBody,
    responses(
        (status = 200, description = "The risk with the answer recorded", body = RiskDetail),
        (status = 403, description = "The role cannot change risks (`forbidden`)", body = crate::error::ErrorBody),
        (status = 404, description = "No such risk within the caller's reach (`not_found`)", body = crate::error::ErrorBody),
        (status = 422, description = "Refused by the policy or bad input, naming the field (`invalid`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn answer(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<AnswerBody>,
) -> Result<Json<RiskDetail>, Problem> {
    let detail = state
        .app
        .answer_on_risk(
            &caller,
            RiskId::from_uuid(id),
            &body.in_reply_to,
            &body.text,
        )
        .await
        .map_err(api_error)?;
    Ok(Json(detail_dto(&caller, state.app.now(), detail)))
}
