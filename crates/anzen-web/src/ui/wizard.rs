//! The scope wizard: one question at a time about one field of the scope profile, with help
//! text from the FAQ; then the verdict with its reasons and FAQ references, which a role that
//! may write offerings saves as a new offering or applies to the offering being re-assessed
//! (whose page then shows the verdict history).
//!
//! The answers travel in the hidden field `state` (see [`Answers`]); every post checks it.

use anzen_app::AppError;
use anzen_app::offerings::OfferingInput;
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::OfferingId;
use anzen_domain::scope;
use anzen_domain::text::Name;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{Choice, can, fail, field_message, not_found};
use super::scope_view::{
    Answer, Answers, ProfileRow, QUESTIONS, VerdictView, index_of, next_after, previous_before,
    profile_rows, progress,
};
use super::{render, render_status, see_other};
use crate::AppState;
use crate::extract::SignedIn;

/// The pseudo-step of the verdict page (its Back button returns to the last question).
const VERDICT_STEP: &str = "verdict";

#[derive(Template)]
#[template(path = "wizard/step.html")]
struct StepPage {
    chrome: Chrome,
    state: String,
    field: &'static str,
    offering: String,
    revision: String,
    number: usize,
    total: usize,
    question: String,
    help: String,
    faq: &'static str,
    is_service: bool,
    service: String,
    choices: Vec<Choice>,
    error: String,
}

#[derive(Template)]
#[template(path = "wizard/verdict.html")]
struct VerdictPage {
    chrome: Chrome,
    state: String,
    offering: String,
    revision: String,
    service: String,
    verdict: VerdictView,
    answers: Vec<ProfileRow>,
    can_save: bool,
    error: String,
}

#[derive(Template)]
#[template(path = "wizard/invalid.html")]
struct InvalidPage {
    chrome: Chrome,
    message: String,
    restart: String,
}

/// Where the wizard is: the answers, and the offering being re-assessed (if any).
struct Progress {
    answers: Option<Answers>,
    offering: String,
    revision: String,
}

fn chrome(user: &SignedIn) -> Chrome {
    user.ctx.chrome(user.ctx.t("wizard.title"), Nav::Offerings)
}

/// Renders question `index`, with the current answer checked.
fn step(user: &SignedIn, p: &Progress, index: usize, error: String) -> Response {
    let lang = user.ctx.lang;
    let q = &QUESTIONS[index];
    let profile = p.answers.as_ref().and_then(|a| a.profile().ok());
    let (number, total) = match &profile {
        Some(pr) => progress(index, pr),
        None => progress(index, &scope::ScopeProfile::new("-")),
    };
    let current = p.answers.as_ref().and_then(|a| a.get(q.field));
    let page = StepPage {
        chrome: chrome(user),
        state: p.answers.as_ref().map(Answers::encode).unwrap_or_default(),
        field: q.field,
        offering: p.offering.clone(),
        revision: p.revision.clone(),
        number,
        total,
        question: q.question(lang),
        help: q.help(lang),
        faq: q.faq,
        is_service: q.answer == Answer::Text,
        service: current.clone().unwrap_or_default(),
        choices: q.choices(lang, current.as_deref()),
        error: error.clone(),
    };
    if error.is_empty() {
        render(&user.ctx, &page)
    } else {
        render_status(&user.ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// The page for a state that cannot be read: 422, with a way to start again.
fn invalid(user: &SignedIn, e: &FieldError) -> Response {
    let page = InvalidPage {
        chrome: chrome(user),
        message: format!(
            "{} ({})",
            user.ctx.t("wizard.error.state"),
            field_message(user.ctx.lang, e)
        ),
        restart: "/scope/wizard".into(),
    };
    render_status(&user.ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
}

/// The verdict page of the answers, with `error` above the save form (and `status`).
fn verdict(
    user: &SignedIn,
    p: &Progress,
    answers: &Answers,
    status: StatusCode,
    error: String,
) -> Response {
    let lang = user.ctx.lang;
    let profile = match answers.finish() {
        Ok(pr) => pr,
        Err(e) => return invalid(user, &e),
    };
    let v = scope::determine(&profile);
    let page = VerdictPage {
        chrome: chrome(user),
        state: answers.encode(),
        offering: p.offering.clone(),
        revision: p.revision.clone(),
        service: profile.service.clone(),
        verdict: VerdictView::new(lang, &v),
        answers: profile_rows(lang, &profile),
        can_save: can(user, Subject::Offerings, Action::Write),
        error,
    };
    render_status(&user.ctx, status, &page)
}

#[derive(Debug, Deserialize)]
pub struct StartQuery {
    #[serde(default)]
    offering: String,
}

/// `GET /scope/wizard[?offering=ID]`: the first question, for a new profile or pre-filled
/// from an offering to re-assess.
pub async fn start(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<StartQuery>,
) -> Response {
    if q.offering.trim().is_empty() {
        let p = Progress {
            answers: None,
            offering: String::new(),
            revision: String::new(),
        };
        return step(&user, &p, 0, String::new());
    }
    let Ok(id) = OfferingId::parse_field("offering", &q.offering) else {
        return not_found(&user.ctx, "offering");
    };
    match state.app.offering(&user.caller, id).await {
        Ok(detail) => {
            let p = Progress {
                answers: Some(Answers::from_profile(&detail.offering.profile)),
                offering: id.to_string(),
                revision: detail.offering.revision.to_string(),
            };
            step(&user, &p, 0, String::new())
        }
        Err(e) => fail(&user.ctx, e),
    }
}

#[derive(Debug, Deserialize)]
pub struct StepForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    step: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    back: Option<String>,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    revision: String,
}

/// `POST /scope/wizard`: records the answer to one question (or goes back one) and shows
/// the next question that matters, or the verdict after the last.
pub async fn answer(user: SignedIn, Form(form): Form<StepForm>) -> Response {
    let index = match form.step.as_str() {
        VERDICT_STEP => QUESTIONS.len(),
        field => match index_of(field) {
            Some(i) => i,
            None => {
                return invalid(
                    &user,
                    &FieldError::new("step", format!("unknown question `{}`", form.step)),
                );
            }
        },
    };
    let answers = if form.state.trim().is_empty() {
        if index != 0 {
            return invalid(&user, &FieldError::new("state", "is missing"));
        }
        None
    } else {
        match Answers::decode(&form.state) {
            Ok(a) => Some(a),
            Err(e) => return invalid(&user, &e),
        }
    };
    let offering = match form.offering.trim() {
        "" => String::new(),
        raw => match OfferingId::parse_field("offering", raw) {
            Ok(id) => id.to_string(),
            Err(e) => return invalid(&user, &e),
        },
    };
    let mut p = Progress {
        answers,
        offering,
        revision: form.revision.trim().to_owned(),
    };

    if form.back.is_some() {
        if index == 0 {
            let to = if p.offering.is_empty() {
                "/offerings".to_owned()
            } else {
                format!("/offerings/{}", p.offering)
            };
            return see_other(&user.ctx, &to, None);
        }
        let profile = match p.answers.as_ref().map(Answers::profile) {
            Some(Ok(pr)) => pr,
            Some(Err(e)) => return invalid(&user, &e),
            None => return invalid(&user, &FieldError::new("state", "is missing")),
        };
        let previous = previous_before(index, &profile).unwrap_or(0);
        return step(&user, &p, previous, String::new());
    }

    if index == QUESTIONS.len() {
        return match &p.answers {
            Some(a) => verdict(&user, &p, a, StatusCode::OK, String::new()),
            None => invalid(&user, &FieldError::new("state", "is missing")),
        };
    }

    let q = &QUESTIONS[index];
    if q.answer == Answer::Text {
        match Name::parse("service", &form.service) {
            Ok(name) => match p.answers.as_mut() {
                Some(a) => a.set("service", serde_json::Value::String(name.to_string())),
                None => p.answers = Some(Answers::new(name.as_str())),
            },
            Err(e) => {
                let message = field_message(user.ctx.lang, &e);
                // Keep what was typed.
                if let Some(a) = p.answers.as_mut() {
                    a.set("service", serde_json::Value::String(form.service.clone()));
                }
                return step_with_typed(&user, &p, &form.service, message);
            }
        }
    } else {
        let Some(value) = q.parse_answer(&form.answer) else {
            return step(
                &user,
                &p,
                index,
                user.ctx.t("wizard.error.choose").to_owned(),
            );
        };
        match p.answers.as_mut() {
            Some(a) => a.set(q.field, value),
            None => return invalid(&user, &FieldError::new("state", "is missing")),
        }
    }

    let answers = p.answers.clone().expect("answers were just recorded");
    let profile = match answers.profile() {
        Ok(pr) => pr,
        Err(e) => return invalid(&user, &e),
    };
    match next_after(index, &profile) {
        Some(next) => step(&user, &p, next, String::new()),
        None => verdict(&user, &p, &answers, StatusCode::OK, String::new()),
    }
}

/// The service question again with what was typed and the error.
fn step_with_typed(user: &SignedIn, p: &Progress, typed: &str, error: String) -> Response {
    let lang = user.ctx.lang;
    let q = &QUESTIONS[0];
    let page = StepPage {
        chrome: chrome(user),
        state: p
            .answers
            .as_ref()
            .filter(|a| a.profile().is_ok())
            .map(Answers::encode)
            .unwrap_or_default(),
        field: q.field,
        offering: p.offering.clone(),
        revision: p.revision.clone(),
        number: 1,
        total: progress(0, &scope::ScopeProfile::new("-")).1,
        question: q.question(lang),
        help: q.help(lang),
        faq: q.faq,
        is_service: true,
        service: typed.to_owned(),
        choices: Vec::new(),
        error,
    };
    render_status(&user.ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
}

#[derive(Debug, Deserialize)]
pub struct SaveForm {
    #[serde(default)]
    state: String,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    revision: String,
}

/// `POST /scope/wizard/save`: saves the verdict's profile as a new offering of the user's
/// organisation, or applies it to the offering being re-assessed (guarded by the revision
/// the wizard started from), then shows the offering.
pub async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<SaveForm>,
) -> Response {
    let answers = match Answers::decode(&form.state) {
        Ok(a) => a,
        Err(e) => return invalid(&user, &e),
    };
    let profile = match answers.finish() {
        Ok(pr) => pr,
        Err(e) => return invalid(&user, &e),
    };
    let p = Progress {
        answers: Some(answers.clone()),
        offering: form.offering.trim().to_owned(),
        revision: form.revision.trim().to_owned(),
    };
    let result = if p.offering.is_empty() {
        let provider = user.caller.org().map(|o| o.to_string()).unwrap_or_default();
        state
            .app
            .add_offering(
                &user.caller,
                OfferingInput {
                    provider,
                    name: profile.service.clone(),
                    description: String::new(),
                    profile,
                },
            )
            .await
            .map(|o| o.id)
    } else {
        let Ok(id) = OfferingId::parse_field("offering", &p.offering) else {
            return not_found(&user.ctx, "offering");
        };
        let revision = match p.revision.parse::<i64>() {
            Ok(r) => r,
            Err(_) => {
                return invalid(
                    &user,
                    &FieldError::new("revision", "is not a revision number"),
                );
            }
        };
        state
            .app
            .update_offering_profile(&user.caller, id, Some(revision), profile)
            .await
            .map(|d| d.offering.id)
    };
    match result {
        Ok(id) => see_other(
            &user.ctx,
            &format!("/offerings/{id}"),
            Some((
                FlashKind::Success,
                user.ctx.t("flash.verdict_saved").to_owned(),
            )),
        ),
        Err(AppError::Conflict(_)) => verdict(
            &user,
            &p,
            &answers,
            StatusCode::CONFLICT,
            user.ctx.t("wizard.error.conflict").to_owned(),
        ),
        Err(AppError::Invalid(fe)) => verdict(
            &user,
            &p,
            &answers,
            StatusCode::UNPROCESSABLE_ENTITY,
            field_message(user.ctx.lang, &fe),
        ),
        Err(e) => fail(&user.ctx, e),
    }
}
