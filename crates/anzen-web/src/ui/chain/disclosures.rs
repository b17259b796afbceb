//! Staged disclosure to one institution (GL 4.1, Table 4-1; FAQ 4.1): the purpose ① items
//! for the early stage and the purpose ② items for the contract stage, with anzen's
//! suggested answer where it has one and what was last disclosed; the form that records
//! what was disclosed (extra items beyond the table allowed, FAQ 4.1); and the history of
//! what was disclosed when and by whom. The institution's reviewer sees what was disclosed
//! to it.

use anzen_app::AppError;
use anzen_app::chain::DisclosureItem;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::OrgId;
use anzen_domain::org::{OrgKind, Organisation};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::form_errors;
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Choice, FormErrors, can, fail, forbidden, not_found};
use crate::ui::{render, render_status, see_other};

#[derive(Debug, Clone)]
struct ItemRow {
    key: String,
    record_href: String,
    title: String,
    suggested: String,
    last_answer: String,
    last_at: String,
    last_by: String,
}

#[derive(Debug, Clone)]
struct HistoryRow {
    at: String,
    by: String,
    key: String,
    title: String,
    stage: &'static str,
    answer: String,
}

/// The items of one stage.
#[derive(Debug, Clone)]
struct Section {
    heading_key: &'static str,
    id: &'static str,
    rows: Vec<ItemRow>,
}

#[derive(Template)]
#[template(path = "chain/disclosures.html")]
struct DisclosurePage {
    chrome: Chrome,
    id: String,
    institution: String,
    sections: Vec<Section>,
    history: Vec<HistoryRow>,
    can_write: bool,
    items: Vec<Choice>,
    extra: String,
    answer: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct DisclosureQuery {
    #[serde(default)]
    item: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct DisclosureForm {
    #[serde(default)]
    item: String,
    #[serde(default)]
    extra: String,
    #[serde(default)]
    answer: String,
}

/// The stage of a disclosure, as shown.
fn stage_label(lang: Lang, stage: &str) -> &'static str {
    crate::i18n::t(
        lang,
        match stage {
            "early" => "disclosures.stage.early",
            "contract" => "disclosures.stage.contract",
            _ => "disclosures.stage.extra",
        },
    )
}

/// The institution of the page, if the user may see disclosures to it (404 otherwise: an
/// institution's reviewer sees only its own).
async fn institution_of(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
) -> Result<Organisation, AppError> {
    let not_found = || AppError::NotFound {
        what: "institution",
    };
    let id = raw.parse::<OrgId>().map_err(|_| not_found())?;
    match user
        .caller
        .reach(Subject::Ledger, Action::Read, user.ctx.now)
    {
        Reach::Nothing => {
            return Err(AppError::Forbidden("your role cannot read disclosures"));
        }
        Reach::AsInstitution(own) if own != id => return Err(not_found()),
        _ => {}
    }
    let org = state
        .app
        .organisation(&user.caller, id)
        .await
        .map_err(|_| not_found())?;
    if org.org_type.kind() != OrgKind::MedicalInstitution {
        return Err(not_found());
    }
    Ok(org)
}

fn title(lang: Lang, i: &DisclosureItem) -> String {
    match lang {
        Lang::Ja => i.title_ja.clone(),
        Lang::En => i.title_en.clone(),
    }
}

fn item_row(lang: Lang, institution: OrgId, i: &DisclosureItem) -> ItemRow {
    ItemRow {
        key: i.key.clone(),
        record_href: format!(
            "/institutions/{institution}/disclosures?{}#disclose",
            serde_urlencoded::to_string([("item", i.key.as_str())]).unwrap_or_default()
        ),
        title: title(lang, i),
        suggested: crate::i18n::japanese_side(lang, &i.suggested).to_owned(),
        last_answer: i
            .last
            .as_ref()
            .map(|d| crate::i18n::japanese_side(lang, &d.answer).to_owned())
            .unwrap_or_default(),
        last_at: i
            .last
            .as_ref()
            .map(|d| dates::format_timestamp(d.disclosed_at, lang))
            .unwrap_or_default(),
        last_by: i
            .last
            .as_ref()
            .map(|d| crate::ui::audit_text::actor(lang, &d.disclosed_by, &Default::default()))
            .unwrap_or_default(),
    }
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    form: &DisclosureForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let inst = match institution_of(state, user, raw).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let items = match state.app.disclosure_items(&user.caller, inst.id).await {
        Ok(i) => i,
        Err(e) => return fail(ctx, e),
    };
    let history = match state
        .app
        .list_disclosures(&user.caller, Some(inst.id))
        .await
    {
        Ok(h) => h,
        Err(e) => return fail(ctx, e),
    };
    // A chosen item pre-fills the answer with anzen's suggestion.
    let answer = if form.answer.is_empty() {
        items
            .iter()
            .find(|i| i.key == form.item)
            .map(|i| i.suggested.clone())
            .unwrap_or_default()
    } else {
        form.answer.clone()
    };
    let item_choices = std::iter::once(Choice::new("", ctx.t("form.choose"), &form.item))
        .chain(items.iter().map(|i| {
            Choice::new(
                i.key.clone(),
                format!("{} {}", i.key, title(lang, i)),
                &form.item,
            )
        }))
        .chain(std::iter::once(Choice::new(
            "extra",
            ctx.t("disclosures.extra_item"),
            &form.item,
        )))
        .collect();
    let page = DisclosurePage {
        chrome: ctx.chrome(
            format!("{} — {}", ctx.t("disclosures.title"), inst.name),
            Nav::Organisations,
        ),
        id: inst.id.to_string(),
        institution: inst.name.to_string(),
        sections: vec![
            Section {
                heading_key: "disclosures.stage.early",
                id: "disclosures-early",
                rows: items
                    .iter()
                    .filter(|i| i.stage == "early")
                    .map(|i| item_row(lang, inst.id, i))
                    .collect(),
            },
            Section {
                heading_key: "disclosures.stage.contract",
                id: "disclosures-contract",
                rows: items
                    .iter()
                    .filter(|i| i.stage != "early")
                    .map(|i| item_row(lang, inst.id, i))
                    .collect(),
            },
        ],
        history: history
            .iter()
            .map(|d| HistoryRow {
                at: dates::format_timestamp(d.disclosed_at, lang),
                by: crate::ui::audit_text::actor(lang, &d.disclosed_by, &Default::default()),
                key: d.item_key.clone(),
                title: d.item_title.clone(),
                stage: stage_label(lang, &d.stage),
                answer: d.answer.clone(),
            })
            .collect(),
        can_write: can(user, Subject::Ledger, Action::Write),
        items: item_choices,
        extra: form.extra.clone(),
        answer,
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /institutions/{id}/disclosures`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<DisclosureQuery>,
) -> Response {
    let form = DisclosureForm {
        item: q.item,
        ..DisclosureForm::default()
    };
    page(&state, &user, &raw, &form, FormErrors::default()).await
}

/// `POST /institutions/{id}/disclosures`: records what was disclosed.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<DisclosureForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    let inst = match institution_of(&state, &user, &raw).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let extra = matches!(form.item.trim(), "" | "extra");
    let key = if extra {
        form.extra.trim()
    } else {
        form.item.trim()
    };
    match state
        .app
        .disclose(&user.caller, &inst.id.to_string(), key, &form.answer)
        .await
    {
        Ok(d) => see_other(
            ctx,
            &format!("/institutions/{}/disclosures", inst.id),
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("disclosures.recorded"), d.item_key),
            )),
        ),
        Err(AppError::Invalid(fe)) if fe.field == "key" => {
            let field = if extra { "extra" } else { "item" };
            let errors = FormErrors::one(field, super::message(ctx.lang, &fe));
            page(&state, &user, &raw, &form, errors).await
        }
        Err(AppError::Invalid(fe)) if fe.field == "institution" => not_found(ctx, "institution"),
        Err(e) => match form_errors(ctx.lang, &e) {
            Some(errors) => page(&state, &user, &raw, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}
