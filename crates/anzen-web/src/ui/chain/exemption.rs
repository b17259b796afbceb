//! The GL 4.4 exemption on the certifications page: a provider that does not handle medical
//! information directly records why the certification requirement does not apply to it,
//! with the FAQ 4.2 caveat (a certificate is necessary, never sufficient). Every change is
//! audited by the use-case; the check on the page says "exempt: reason" only on a basis the
//! guideline allows.

use anzen_domain::access::{Action, Subject};
use anzen_domain::chain::{ExemptionBasis, ExemptionStanding, NewExemption};
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use super::certifications::page;
use super::{cited, form_errors};
use crate::AppState;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::FlashKind;
use crate::ui::common::{Choice, FormErrors, can, fail, forbidden, label};
use crate::ui::see_other;

/// A recorded claim as shown wherever the qualification is shown (its cited reasons are
/// among the qualification's).
#[derive(Debug, Clone)]
pub(crate) struct ExemptionView {
    pub basis: String,
    pub reason: String,
    pub exempt: bool,
    pub notice: String,
}

pub(crate) fn view(lang: Lang, s: &ExemptionStanding) -> ExemptionView {
    ExemptionView {
        basis: label(lang, s.basis.label_ja(), s.basis.label_en()).to_owned(),
        reason: s.reason.clone(),
        exempt: s.exempt,
        notice: cited(lang, &s.notice),
    }
}

/// The form of the caller's own claim.
#[derive(Debug, Default, Deserialize)]
pub struct ExemptionForm {
    #[serde(default)]
    pub basis: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub revision: String,
}

/// The section with the form (for a role that keeps a ledger).
#[derive(Debug, Clone)]
pub(crate) struct ExemptionSection {
    pub revision: i64,
    pub in_force: bool,
    pub bases: Vec<Choice>,
    pub reason: String,
    pub errors: FormErrors,
}

/// The section of the signed-in user's organisation, `None` when it keeps no ledger.
pub(crate) async fn section(
    state: &AppState,
    user: &SignedIn,
    form: &ExemptionForm,
    errors: FormErrors,
) -> Result<Option<ExemptionSection>, anzen_app::AppError> {
    if !can(user, Subject::Ledger, Action::Write) {
        return Ok(None);
    }
    let lang = user.ctx.lang;
    let current = state.app.own_exemption(&user.caller).await?;
    let in_force = current.as_ref().and_then(|x| x.exemption.clone());
    // After a refusal the form keeps what was typed; otherwise it shows the claim in force.
    let (basis, reason) = if errors.is_empty() {
        in_force
            .as_ref()
            .map(|e| (e.basis.code().to_owned(), e.reason.clone()))
            .unwrap_or_default()
    } else {
        (form.basis.clone(), form.reason.clone())
    };
    let choose = Choice::new("", user.ctx.t("form.choose"), &basis);
    Ok(Some(ExemptionSection {
        revision: current.as_ref().map_or(0, |x| x.seq),
        in_force: in_force.is_some(),
        bases: std::iter::once(choose)
            .chain(
                ExemptionBasis::ALL.iter().map(|b| {
                    Choice::new(b.code(), label(lang, b.label_ja(), b.label_en()), &basis)
                }),
            )
            .collect(),
        reason,
        errors,
    }))
}

fn revision_of(raw: &str) -> Option<i64> {
    raw.trim().parse::<i64>().ok()
}

/// `POST /certifications/exemption`.
pub async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<ExemptionForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    let input = NewExemption {
        basis: form.basis.clone(),
        reason: form.reason.clone(),
    };
    match state
        .app
        .record_exemption(&user.caller, input, revision_of(&form.revision))
        .await
    {
        Ok(_) => see_other(
            ctx,
            "/certifications",
            Some((FlashKind::Success, ctx.t("flash.saved").to_owned())),
        ),
        Err(e) => match form_errors(ctx.lang, &e) {
            Some(errors) => {
                page(
                    &state,
                    &user,
                    &Default::default(),
                    FormErrors::default(),
                    &form,
                    errors,
                )
                .await
            }
            None => fail(ctx, e),
        },
    }
}

/// `POST /certifications/exemption/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<ExemptionForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    match state
        .app
        .withdraw_exemption(&user.caller, revision_of(&form.revision))
        .await
    {
        Ok(_) => see_other(
            ctx,
            "/certifications",
            Some((FlashKind::Success, ctx.t("flash.saved").to_owned())),
        ),
        Err(e) => fail(ctx, e),
    }
}
