//! Editing an information flow (GL 5.1.1, 5.2): the risks assessed on it are marked for review
//! and keep the flow as they were assessed on it (GL 5.1.7).

use anzen_app::AppError;
use anzen_domain::ids::FlowId;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;

use super::config::{FlowForm, flow_page, writable_offering};
use crate::AppState;
use crate::extract::SignedIn;
use crate::ui::chrome::FlashKind;
use crate::ui::common::{FormErrors, fail, not_found};
use crate::ui::see_other;

/// `GET /flows/{id}/edit`.
pub async fn edit_flow_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<FlowId>() else {
        return not_found(ctx, "information flow");
    };
    let flow = match state.app.flow(&user.caller, id).await {
        Ok(f) => f,
        Err(e) => return fail(ctx, e),
    };
    let (offering, name) = match writable_offering(&state, &user, &flow.offering.to_string()).await
    {
        Ok(o) => o,
        Err(r) => return r,
    };
    let form = FlowForm::of(&flow);
    flow_page(
        &state,
        &user,
        offering,
        &name,
        &form,
        Some(id),
        FormErrors::default(),
    )
    .await
}

/// `POST /flows/{id}`: saves the edit on the revision the form was read at.
pub async fn update_flow(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<FlowId>() else {
        return not_found(ctx, "information flow");
    };
    let flow = match state.app.flow(&user.caller, id).await {
        Ok(f) => f,
        Err(e) => return fail(ctx, e),
    };
    let (offering, name) = match writable_offering(&state, &user, &flow.offering.to_string()).await
    {
        Ok(o) => o,
        Err(r) => return r,
    };
    let form = FlowForm::parse(pairs);
    let Some(revision) = form.revision.trim().parse::<i64>().ok().filter(|r| *r >= 1) else {
        return fail(
            ctx,
            AppError::Invalid(anzen_domain::FieldError::new(
                "revision",
                "must be 1 or more",
            )),
        );
    };
    match state
        .app
        .update_flow(&user.caller, id, Some(revision), form.input())
        .await
    {
        Ok((f, marked)) => see_other(
            ctx,
            &format!("/offerings/{offering}#flows"),
            Some((
                FlashKind::Success,
                format!(
                    "{} {} / {} ({} {})",
                    ctx.t("flash.saved"),
                    f.who,
                    f.what,
                    ctx.t("risks.flow.marked"),
                    marked.len()
                ),
            )),
        ),
        Err(AppError::Invalid(fe)) => {
            let mut errors = FormErrors::from_field_error(ctx.lang, &fe);
            if fe.field.starts_with("components[") {
                errors = FormErrors::one("components", fe.message.clone());
            }
            flow_page(&state, &user, offering, &name, &form, Some(id), errors).await
        }
        Err(e) => fail(ctx, e),
    }
}
