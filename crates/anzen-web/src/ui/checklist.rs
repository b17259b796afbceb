//! The MHLW cybersecurity checklist of an offering (事業者確認用; guideline-notes §7):
//! `/offerings/{id}/checklist`. Every item of the chosen edition with its answer (a person's,
//! or anzen's judgement from its records, marked as such); for the provider, a form per item,
//! the upload of the filled-in XLSX and of a new fiscal year's edition. The institution
//! contracting the offering reads the answers.

use anzen_app::checklist::ChecklistView;
use anzen_domain::access::{Action, Subject};
use anzen_domain::checklist::{AnswerInput, Reply};
use anzen_domain::ids::OfferingId;
use askama::Template;
use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{can, fail, forbidden, not_found};
use super::{render, see_other};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::upload;

/// One item as shown.
#[derive(Debug, Clone)]
pub struct ItemRow {
    pub key: String,
    pub title: String,
    /// `yes`, `no` or empty.
    pub reply_code: &'static str,
    pub reply: String,
    pub checked_on: String,
    pub target_on: String,
    /// The ISO dates, for the form's fields.
    pub checked_iso: String,
    pub target_iso: String,
    pub evidence: String,
    pub answered_by: String,
    /// `person`, `data` or empty.
    pub source_code: &'static str,
    pub source: String,
    /// The id of the row's form (`answer-0` …).
    pub form_id: String,
}

#[derive(Template)]
#[template(path = "checklist/show.html")]
struct ShowPage {
    chrome: Chrome,
    offering_id: String,
    offering_name: String,
    edition: String,
    fiscal_year: String,
    editions: Vec<(String, String, bool)>,
    revision: i64,
    rows: Vec<ItemRow>,
    progress: String,
    reanswer: bool,
    changes: String,
    can_write: bool,
    error: String,
    today: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ShowParams {
    #[serde(default)]
    edition: String,
}

fn rows_of(v: &ChecklistView, user: &SignedIn) -> Vec<ItemRow> {
    let lang = user.ctx.lang;
    let ja = lang == crate::i18n::Lang::Ja;
    v.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (reply, checked, target, evidence, by, source) = match (&r.answer, &r.data) {
                (Some(a), _) => (
                    Some(a.reply),
                    Some(a.checked_on),
                    a.target_on,
                    a.evidence.clone(),
                    a.answered_by.clone(),
                    "person",
                ),
                (None, Some(d)) => (
                    Some(d.reply),
                    None,
                    None,
                    if ja {
                        d.evidence_ja.clone()
                    } else {
                        d.evidence_en.clone()
                    },
                    "anzen".to_owned(),
                    "data",
                ),
                (None, None) => (None, None, None, String::new(), String::new(), ""),
            };
            ItemRow {
                key: r.item.key.clone(),
                title: if ja {
                    r.item.title_ja.clone()
                } else {
                    r.item.title_en.clone()
                },
                reply_code: reply.map_or("", Reply::code),
                reply: reply
                    .map(|x| if ja { x.label_ja() } else { x.label_en() }.to_owned())
                    .unwrap_or_default(),
                checked_on: checked
                    .map(|d| dates::format_date(d, lang))
                    .unwrap_or_default(),
                target_on: target
                    .map(|d| dates::format_date(d, lang))
                    .unwrap_or_default(),
                checked_iso: checked.map(|d| d.to_string()).unwrap_or_default(),
                target_iso: target.map(|d| d.to_string()).unwrap_or_default(),
                evidence,
                answered_by: by,
                source_code: source,
                source: match source {
                    "person" => user.ctx.t("checklist.source.person").to_owned(),
                    "data" => user.ctx.t("checklist.source.data").to_owned(),
                    _ => String::new(),
                },
                form_id: format!("answer-{i}"),
            }
        })
        .collect()
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    id: OfferingId,
    edition: Option<&str>,
    error: String,
) -> Response {
    let ctx = &user.ctx;
    let v = match state.app.checklist(&user.caller, id, edition).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let editions = match state.app.checklist_editions(&user.caller).await {
        Ok(e) => e,
        Err(e) => return fail(ctx, e),
    };
    let p = &v.progress;
    let c = &v.changes;
    let changes = if c.previous.is_some() && !c.is_empty() {
        ctx.t("checklist.changes")
            .replace("{previous}", c.previous.as_deref().unwrap_or_default())
            .replace("{added}", &c.added.join("、"))
            .replace("{removed}", &c.removed.join("、"))
            .replace("{reworded}", &c.reworded.join("、"))
    } else {
        String::new()
    };
    let page = ShowPage {
        chrome: ctx.chrome(ctx.t("checklist.title").to_owned(), Nav::Offerings),
        offering_id: v.offering.to_string(),
        offering_name: v.offering_name.clone(),
        edition: v.edition.clone(),
        fiscal_year: ctx
            .t("checklist.fiscal_year")
            .replace("{year}", &v.fiscal_year.to_string())
            .replace("{reiwa}", &(v.fiscal_year - 2018).to_string()),
        editions: editions
            .iter()
            .map(|e| {
                (
                    e.edition.label.clone(),
                    e.edition.fiscal_year.to_string(),
                    e.edition.label == v.edition,
                )
            })
            .collect(),
        revision: v.revision,
        rows: rows_of(&v, user),
        progress: ctx
            .t("checklist.progress")
            .replace("{items}", &p.items.to_string())
            .replace("{answered}", &p.answered.to_string())
            .replace("{no}", &p.no.to_string())
            .replace("{open_targets}", &p.no_without_target.to_string()),
        reanswer: v.reanswer,
        changes,
        can_write: can(user, Subject::Controls, Action::Write),
        error,
        today: state.app.today_in_japan().to_string(),
    };
    render(ctx, &page)
}

/// `GET /offerings/{id}/checklist`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<ShowParams>,
) -> Response {
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(&user.ctx, "offering");
    };
    let edition = Some(q.edition.trim()).filter(|e| !e.is_empty());
    page(&state, &user, id, edition, String::new()).await
}

/// The form of one item's answer.
#[derive(Debug, Default, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    edition: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    item: String,
    #[serde(default)]
    reply: String,
    #[serde(default)]
    checked_on: String,
    #[serde(default)]
    target_on: String,
    #[serde(default)]
    evidence: String,
}

/// `POST /offerings/{id}/checklist`.
pub async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(f): Form<AnswerForm>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    if !can(&user, Subject::Controls, Action::Write) {
        return forbidden(ctx);
    }
    let revision = f.revision.trim().parse::<i64>().unwrap_or(-1);
    let input = AnswerInput {
        item: f.item.clone(),
        reply: f.reply.clone(),
        checked_on: f.checked_on.clone(),
        target_on: Some(f.target_on.clone()),
        evidence: f.evidence.clone(),
    };
    match state
        .app
        .save_checklist_answers(&user.caller, id, &f.edition, revision, &[input])
        .await
    {
        Ok(_) => see_other(
            ctx,
            &format!("/offerings/{id}/checklist?edition={}", f.edition.trim()),
            Some((FlashKind::Success, ctx.t("flash.saved").to_owned())),
        ),
        Err(anzen_app::AppError::Invalid(e)) => {
            let message = format!(
                "{} {}: {}",
                f.item.trim(),
                e.field.replace("answers[0].", ""),
                e.message
            );
            page(&state, &user, id, Some(f.edition.trim()), message).await
        }
        Err(e) => fail(ctx, e),
    }
}

async fn upload_body(
    state: &AppState,
    user: &SignedIn,
    headers: &HeaderMap,
    body: Body,
) -> Result<Vec<u8>, String> {
    let limits = &state.app.settings().import_limits;
    let body = upload::read_upload(
        upload::declared_length(headers),
        body,
        upload::form_limit(limits),
        limits,
    )
    .await
    .map_err(|e| upload::limit_message(user.ctx.lang, &e))?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    super::controls::catalogues::multipart_file(content_type, &body, "file")
        .filter(|(_, b)| !b.is_empty())
        .map(|(_, b)| b.to_vec())
        .ok_or_else(|| user.ctx.t("checklist.choose_file").to_owned())
}

/// `POST /offerings/{id}/checklist/import`: the filled-in XLSX (multipart, field `file`).
pub async fn import(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    let bytes = match upload_body(&state, &user, &headers, body).await {
        Ok(b) => b,
        Err(message) => return page(&state, &user, id, None, message).await,
    };
    match state
        .app
        .import_checklist_answers(&user.caller, id, &bytes)
        .await
    {
        Ok(v) => see_other(
            ctx,
            &format!("/offerings/{id}/checklist?edition={}", v.edition),
            Some((FlashKind::Success, ctx.t("checklist.imported").to_owned())),
        ),
        Err(anzen_app::AppError::Invalid(e)) => page(&state, &user, id, None, e.message).await,
        Err(e) => fail(ctx, e),
    }
}

/// `POST /offerings/{id}/checklist/editions`: a new edition's TOML (multipart, field `file`);
/// back to the offering's checklist.
pub async fn import_edition(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    let bytes = match upload_body(&state, &user, &headers, body).await {
        Ok(b) => b,
        Err(message) => return page(&state, &user, id, None, message).await,
    };
    match state
        .app
        .import_checklist_edition(&user.caller, "upload.toml", &bytes)
        .await
    {
        Ok(x) => see_other(
            ctx,
            &format!(
                "/offerings/{id}/checklist?edition={}",
                x.edition.edition.label
            ),
            Some((
                FlashKind::Success,
                ctx.t("checklist.edition_imported")
                    .replace("{label}", &x.edition.edition.label)
                    .replace("{count}", &x.reanswer.len().to_string()),
            )),
        ),
        Err(anzen_app::AppError::Invalid(e)) => {
            page(
                &state,
                &user,
                id,
                None,
                format!("{}: {}", e.field, e.message),
            )
            .await
        }
        Err(e) => fail(ctx, e),
    }
}
