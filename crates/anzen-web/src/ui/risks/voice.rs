//! The institution's voice on the pages (GL 5.1.6 (1), GL 3.1.2): on the consent screen an
//! institution's reviewer declines with a reason or asks a question; on the risk's page the
//! provider answers. The rules are the domain's (`anzen_domain::risk::voice`); a refusal
//! shows the consent screen (or the error page) with the field named and writes nothing.

use anzen_app::AppError;
use anzen_domain::ids::RiskId;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::page::consent_page;
use crate::AppState;
use crate::extract::SignedIn;
use crate::ui::chrome::FlashKind;
use crate::ui::common::{fail, field_message, not_found};
use crate::ui::see_other;

#[derive(Debug, Default, Deserialize)]
pub struct VoiceForm {
    #[serde(default)]
    digest: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    in_reply_to: String,
}

enum Act {
    Decline,
    Ask,
    Answer,
}

async fn act(state: &AppState, user: &SignedIn, raw: &str, form: VoiceForm, what: Act) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<RiskId>() else {
        return not_found(ctx, "risk");
    };
    let app = &state.app;
    let (result, done) = match what {
        Act::Decline => (
            app.decline_risk(&user.caller, id, &form.digest, &form.reason)
                .await,
            "risks.voice.declined_done",
        ),
        Act::Ask => (
            app.ask_about_risk(&user.caller, id, &form.text).await,
            "risks.voice.asked_done",
        ),
        Act::Answer => (
            app.answer_on_risk(&user.caller, id, &form.in_reply_to, &form.text)
                .await,
            "risks.voice.answered_done",
        ),
    };
    match (result, what) {
        (Ok(_), _) => see_other(
            ctx,
            &format!("/risks/{id}"),
            Some((FlashKind::Success, ctx.t(done).to_owned())),
        ),
        (Err(AppError::Invalid(fe)), Act::Decline | Act::Ask) => {
            consent_page(state, user, raw, field_message(ctx.lang, &fe)).await
        }
        (Err(e), _) => fail(ctx, e),
    }
}

/// `POST /risks/{id}/decline`: the institution's reviewer declines what it was shown.
pub async fn decline(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<VoiceForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Decline).await
}

/// `POST /risks/{id}/questions`: the institution's reviewer asks a question.
pub async fn ask(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<VoiceForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Ask).await
}

/// `POST /risks/{id}/answers`: the provider answers a question or a decline.
pub async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<VoiceForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Answer).await
}
