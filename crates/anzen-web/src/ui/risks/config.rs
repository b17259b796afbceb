//! An offering's configuration (components by environment) and its information flows (GL
//! 5.1.1, 5.2: who / where / device or medium / what / how, with a class and an
//! environment): the section of the offering page, and the forms that add to them.

use anzen_app::AppError;
use anzen_app::risks::{ComponentInput, FlowInput};
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::OfferingId;
use anzen_domain::risk::{ComponentKind, Environment, FlowClass};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::page::{FlowView, flow_view};
use crate::AppState;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Choice, FormErrors, can, fail, forbidden, label, not_found};
use crate::ui::{render, render_status, see_other};

/// A component as listed.
#[derive(Debug, Clone)]
pub struct ComponentRow {
    pub name: String,
    pub kind: &'static str,
    pub location: String,
    /// The country's name, empty when not given.
    pub country: String,
    pub holds_medical_info: bool,
}

/// The components of one environment.
#[derive(Debug, Clone)]
pub struct EnvironmentGroup {
    pub environment: &'static str,
    pub code: &'static str,
    pub components: Vec<ComponentRow>,
}

/// A flow as listed, with the names of its components.
#[derive(Debug, Clone)]
pub struct FlowRow {
    pub id: String,
    pub flow: FlowView,
    pub components: String,
}

/// The section of the offering page (`templates/risks/offering_config.html`).
#[derive(Debug, Clone)]
pub struct OfferingConfig {
    pub offering: String,
    pub environments: Vec<EnvironmentGroup>,
    pub flows: Vec<FlowRow>,
    pub can_write: bool,
}

/// The configuration section of an offering, or `None` when the role reads no risks.
pub async fn offering_config(
    state: &AppState,
    user: &SignedIn,
    id: OfferingId,
) -> Result<Option<OfferingConfig>, AppError> {
    let lang = user.ctx.lang;
    let components = match state.app.list_components(&user.caller, id).await {
        Ok(c) => c,
        Err(AppError::Forbidden(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let flows = state.app.list_flows(&user.caller, id).await?;
    let environments = Environment::ALL
        .iter()
        .map(|env| EnvironmentGroup {
            environment: label(lang, env.label_ja(), env.label_en()),
            code: env.code(),
            components: components
                .iter()
                .filter(|c| c.environment == *env)
                .map(|c| ComponentRow {
                    name: c.name.to_string(),
                    kind: label(lang, c.kind.label_ja(), c.kind.label_en()),
                    location: c.location.clone().unwrap_or_default(),
                    country: c
                        .country
                        .map(|k| match lang {
                            Lang::Ja => k.label_ja(),
                            Lang::En => k.label_en(),
                        })
                        .unwrap_or_default(),
                    holds_medical_info: c.holds_medical_info,
                })
                .collect(),
        })
        .filter(|g| !g.components.is_empty())
        .collect();
    let flows = flows
        .iter()
        .map(|f| FlowRow {
            id: f.id.to_string(),
            flow: flow_view(lang, f),
            components: f
                .components
                .iter()
                .filter_map(|c| components.iter().find(|x| x.id == *c))
                .map(|c| c.name.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect();
    Ok(Some(OfferingConfig {
        offering: id.to_string(),
        environments,
        flows,
        can_write: can(user, Subject::Risks, Action::Write),
    }))
}

fn enum_choices<T: Copy>(
    lang: Lang,
    all: &[T],
    code: impl Fn(T) -> &'static str,
    ja: impl Fn(T) -> &'static str,
    en: impl Fn(T) -> &'static str,
    current: &str,
    placeholder: &str,
) -> Vec<Choice> {
    std::iter::once(Choice::new("", placeholder, current))
        .chain(
            all.iter()
                .map(|v| Choice::new(code(*v), label(lang, ja(*v), en(*v)), current)),
        )
        .collect()
}

/// The offering a form adds to, visible to the user and writable by the role.
pub(super) async fn writable_offering(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
) -> Result<(OfferingId, String), Response> {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<OfferingId>() else {
        return Err(not_found(ctx, "offering"));
    };
    if !can(user, Subject::Risks, Action::Write) {
        return Err(forbidden(ctx));
    }
    match state.app.offering(&user.caller, id).await {
        Ok(d) => Ok((id, d.offering.name.to_string())),
        Err(e) => Err(fail(ctx, e)),
    }
}

fn respond<T: Template>(user: &SignedIn, errors: &FormErrors, page: &T) -> Response {
    if errors.is_empty() {
        render(&user.ctx, page)
    } else {
        render_status(&user.ctx, StatusCode::UNPROCESSABLE_ENTITY, page)
    }
}

// ------------------------------------------------------------------------ component

#[derive(Template)]
#[template(path = "risks/component.html")]
struct ComponentPage {
    chrome: Chrome,
    offering: String,
    offering_name: String,
    component_name: String,
    kinds: Vec<Choice>,
    environments: Vec<Choice>,
    location: String,
    country: String,
    holds_medical_info: bool,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct ComponentForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    environment: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    country: String,
    /// A checkbox: present ("1") when ticked.
    #[serde(default)]
    holds_medical_info: Option<String>,
}

fn component_page(
    user: &SignedIn,
    id: OfferingId,
    offering_name: &str,
    form: &ComponentForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = ComponentPage {
        chrome: ctx.chrome(ctx.t("risks.component.add"), Nav::Offerings),
        offering: id.to_string(),
        offering_name: offering_name.to_owned(),
        component_name: form.name.clone(),
        kinds: enum_choices(
            lang,
            ComponentKind::ALL,
            |k| k.code(),
            |k| k.label_ja(),
            |k| k.label_en(),
            &form.kind,
            ctx.t("form.choose"),
        ),
        environments: enum_choices(
            lang,
            Environment::ALL,
            |k| k.code(),
            |k| k.label_ja(),
            |k| k.label_en(),
            if form.environment.is_empty() {
                "production"
            } else {
                &form.environment
            },
            ctx.t("form.choose"),
        ),
        location: form.location.clone(),
        country: form.country.clone(),
        holds_medical_info: form.holds_medical_info.is_some(),
        errors: errors.clone(),
    };
    respond(user, &errors, &page)
}

/// `GET /offerings/{id}/components/new`.
pub async fn component_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    match writable_offering(&state, &user, &raw).await {
        Ok((id, name)) => component_page(
            &user,
            id,
            &name,
            &ComponentForm::default(),
            FormErrors::default(),
        ),
        Err(r) => r,
    }
}

/// `POST /offerings/{id}/components`.
pub async fn add_component(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<ComponentForm>,
) -> Response {
    let ctx = &user.ctx;
    let (id, name) = match writable_offering(&state, &user, &raw).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let input = ComponentInput {
        name: form.name.clone(),
        kind: form.kind.clone(),
        environment: form.environment.clone(),
        location: form.location.clone(),
        country: Some(form.country.clone()),
        holds_medical_info: Some(form.holds_medical_info.is_some()),
    };
    match state.app.add_component(&user.caller, id, input).await {
        Ok(c) => see_other(
            ctx,
            &format!("/offerings/{id}#configuration"),
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("flash.created"), c.name),
            )),
        ),
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(errors) => component_page(&user, id, &name, &form, errors),
            None => fail(ctx, e),
        },
    }
}

// ----------------------------------------------------------------------------- flow

#[derive(Debug, Clone)]
struct ComponentChoice {
    value: String,
    label: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "risks/flow.html")]
struct FlowPage {
    chrome: Chrome,
    /// Where the form posts: the offering's flows, or the flow being edited.
    action: String,
    /// The revision an edit is based on (empty when adding).
    revision: String,
    offering: String,
    offering_name: String,
    who: String,
    place: String,
    device_or_medium: String,
    what: String,
    how: String,
    classes: Vec<Choice>,
    environments: Vec<Choice>,
    components: Vec<ComponentChoice>,
    errors: FormErrors,
}

#[derive(Debug, Clone, Default)]
pub struct FlowForm {
    pub(super) revision: String,
    who: String,
    place: String,
    device_or_medium: String,
    what: String,
    how: String,
    class: String,
    environment: String,
    components: Vec<String>,
}

impl FlowForm {
    /// The form filled with a stored flow.
    pub(super) fn of(f: &anzen_domain::risk::InformationFlow) -> Self {
        FlowForm {
            revision: f.revision.to_string(),
            who: f.who.clone(),
            place: f.place.clone(),
            device_or_medium: f.device_or_medium.clone(),
            what: f.what.clone(),
            how: f.how.clone(),
            class: f.class.code().to_owned(),
            environment: f.environment.code().to_owned(),
            components: f.components.iter().map(ToString::to_string).collect(),
        }
    }

    /// The use-case's input.
    pub(super) fn input(&self) -> FlowInput {
        FlowInput {
            who: self.who.clone(),
            place: self.place.clone(),
            device_or_medium: self.device_or_medium.clone(),
            what: self.what.clone(),
            how: self.how.clone(),
            class: self.class.clone(),
            environment: self.environment.clone(),
            components: self.components.clone(),
        }
    }

    pub(super) fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut f = FlowForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "who" => f.who = v,
                "place" => f.place = v,
                "device_or_medium" => f.device_or_medium = v,
                "what" => f.what = v,
                "how" => f.how = v,
                "class" => f.class = v,
                "environment" => f.environment = v,
                "component" => f.components.push(v),
                "revision" => f.revision = v,
                _ => {}
            }
        }
        f
    }
}

pub(super) async fn flow_page(
    state: &AppState,
    user: &SignedIn,
    id: OfferingId,
    offering_name: &str,
    form: &FlowForm,
    edit: Option<anzen_domain::ids::FlowId>,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let components = match state.app.list_components(&user.caller, id).await {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let page = FlowPage {
        chrome: ctx.chrome(
            ctx.t(if edit.is_some() {
                "risks.flow.edit"
            } else {
                "risks.flow.add"
            }),
            Nav::Offerings,
        ),
        action: match edit {
            Some(f) => format!("/flows/{f}"),
            None => format!("/offerings/{id}/flows"),
        },
        revision: form.revision.clone(),
        offering: id.to_string(),
        offering_name: offering_name.to_owned(),
        who: form.who.clone(),
        place: form.place.clone(),
        device_or_medium: form.device_or_medium.clone(),
        what: form.what.clone(),
        how: form.how.clone(),
        classes: enum_choices(
            lang,
            FlowClass::ALL,
            |k| k.code(),
            |k| k.label_ja(),
            |k| k.label_en(),
            &form.class,
            ctx.t("form.choose"),
        ),
        environments: enum_choices(
            lang,
            Environment::ALL,
            |k| k.code(),
            |k| k.label_ja(),
            |k| k.label_en(),
            if form.environment.is_empty() {
                "production"
            } else {
                &form.environment
            },
            ctx.t("form.choose"),
        ),
        components: components
            .iter()
            .map(|c| ComponentChoice {
                value: c.id.to_string(),
                label: format!(
                    "{} ({})",
                    c.name,
                    label(lang, c.environment.label_ja(), c.environment.label_en())
                ),
                checked: form.components.iter().any(|x| x.trim() == c.id.to_string()),
            })
            .collect(),
        errors: errors.clone(),
    };
    respond(user, &errors, &page)
}

/// `GET /offerings/{id}/flows/new`.
pub async fn flow_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    match writable_offering(&state, &user, &raw).await {
        Ok((id, name)) => {
            flow_page(
                &state,
                &user,
                id,
                &name,
                &FlowForm::default(),
                None,
                FormErrors::default(),
            )
            .await
        }
        Err(r) => r,
    }
}

/// `POST /offerings/{id}/flows`.
pub async fn add_flow(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    let (id, name) = match writable_offering(&state, &user, &raw).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    let form = FlowForm::parse(pairs);
    let input = form.input();
    match state.app.add_flow(&user.caller, id, input).await {
        Ok(f) => see_other(
            ctx,
            &format!("/offerings/{id}#flows"),
            Some((
                FlashKind::Success,
                format!("{} {} / {}", ctx.t("flash.created"), f.who, f.what),
            )),
        ),
        Err(e) => match FormErrors::from_error(ctx.lang, &e) {
            Some(mut errors) => {
                if errors.fields().any(|(f, _)| f.starts_with("components[")) {
                    let message = errors.fields().next().map(|(_, m)| m.clone());
                    errors = FormErrors::one("components", message.unwrap_or_default());
                }
                flow_page(&state, &user, id, &name, &form, None, errors).await
            }
            None => fail(ctx, e),
        },
    }
}
