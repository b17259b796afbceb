//! Incidents on the pages (GL 3.2 危機管理対応時, FAQ 3; GL 5.1.7): the incidents section of
//! an offering's page (the list, and for its provider the form that records one), the list of
//! every incident the user may see, and an incident's page (for the provider: actions, cause,
//! prevention measures, the institutions' acknowledgements and answers, close; for an affected
//! institution: acknowledge, agree or decline with a reason). The rules are the domain's
//! (`anzen_domain::incident::rules`); a refusal shows the error page naming the field and
//! writes nothing.

use anzen_app::ports::Page;
use anzen_domain::access::{Action, Role, Subject};
use anzen_domain::ids::{IncidentId, OfferingId, OrgId};
use anzen_domain::incident::{Incident, IncidentInput, PreventionAnswer, UpdateInput};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::chrome::{Chrome, FlashKind, Nav};
use super::common::{Names, Paging, can, fail, label, not_found, page_number, window};
use super::{render, see_other};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::{Lang, t};

/// An institution offered in the record form.
#[derive(Debug, Clone)]
pub struct InstitutionOption {
    pub id: String,
    pub name: String,
}

/// One incident as a table row.
#[derive(Debug, Clone)]
pub struct IncidentRow {
    pub id: String,
    pub title: String,
    pub offering: String,
    pub status: &'static str,
    pub status_code: &'static str,
    pub detected_at: String,
    pub impact: String,
    /// The affected institutions (the provider's view) or "acknowledged/not yet" (an
    /// institution's).
    pub parties: String,
}

/// The incidents section of an offering's page.
#[derive(Debug, Clone)]
pub struct IncidentsSection {
    pub rows: Vec<IncidentRow>,
    /// The provider's users record incidents: the institutions contracting the offering.
    pub can_record: bool,
    pub institutions: Vec<InstitutionOption>,
}

fn impact_text(lang: Lang, i: &Incident) -> String {
    let mut parts = Vec::new();
    if i.impact.confidentiality {
        parts.push(t(lang, "incidents.confidentiality"));
    }
    if i.impact.integrity {
        parts.push(t(lang, "incidents.integrity"));
    }
    if i.impact.availability {
        parts.push(t(lang, "incidents.availability"));
    }
    parts.join("、")
}

fn row(lang: Lang, names: &Names, viewer: Option<OrgId>, i: &Incident) -> IncidentRow {
    let status = i.status();
    let parties = if viewer == Some(i.provider) || viewer.is_none() {
        i.parties
            .iter()
            .map(|p| names.org(p.institution))
            .collect::<Vec<_>>()
            .join("、")
    } else if i.parties.iter().all(|p| p.acknowledged_at.is_some()) {
        t(lang, "incidents.acknowledged").to_owned()
    } else {
        t(lang, "incidents.not_acknowledged").to_owned()
    };
    IncidentRow {
        id: i.id.to_string(),
        title: i.title.to_string(),
        offering: names.offering(i.offering),
        status: label(lang, status.label_ja(), status.label_en()),
        status_code: status.code(),
        detected_at: dates::format_timestamp(i.detected_at, lang),
        impact: impact_text(lang, i),
        parties,
    }
}

async fn names_of(
    state: &AppState,
    user: &SignedIn,
    incidents: &[Incident],
) -> Result<Names, anzen_app::AppError> {
    let orgs: Vec<OrgId> = incidents
        .iter()
        .flat_map(|i| i.parties.iter().map(|p| p.institution))
        .collect();
    let offerings: Vec<OfferingId> = incidents.iter().map(|i| i.offering).collect();
    Names::for_ids(state, user, orgs, offerings).await
}

/// The section for the offering's page; `None` for a role that sees no incidents.
pub async fn section(
    state: &AppState,
    user: &SignedIn,
    offering: OfferingId,
    institutions: &[(OrgId, String)],
) -> Result<Option<IncidentsSection>, anzen_app::AppError> {
    if !can(user, Subject::Incidents, Action::Read) {
        return Ok(None);
    }
    let listed = state
        .app
        .list_incidents(&user.caller, Some(offering), Page::first(20))
        .await?;
    let names = names_of(state, user, &listed.rows).await?;
    let lang = user.ctx.lang;
    let viewer = user.caller.org();
    Ok(Some(IncidentsSection {
        rows: listed
            .rows
            .iter()
            .map(|i| row(lang, &names, viewer, i))
            .collect(),
        can_record: can(user, Subject::Incidents, Action::Write),
        institutions: institutions
            .iter()
            .map(|(id, name)| InstitutionOption {
                id: id.to_string(),
                name: name.clone(),
            })
            .collect(),
    }))
}

/// `POST /offerings/{id}/incidents`: the provider records an incident.
pub async fn record(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(offering) = raw.parse::<OfferingId>() else {
        return not_found(ctx, "offering");
    };
    let mut input = IncidentInput::default();
    for (k, v) in pairs {
        match k.as_str() {
            "title" => input.title = v,
            "description" => input.description = v,
            "occurred_at" => input.occurred_at = v,
            "detected_at" => input.detected_at = v,
            "confidentiality" => input.confidentiality = true,
            "integrity" => input.integrity = true,
            "availability" => input.availability = true,
            "affected" => input.affected.push(v),
            "actions" => input.actions = v,
            _ => {}
        }
    }
    match state
        .app
        .record_incident(&user.caller, offering, input)
        .await
    {
        Ok(r) => see_other(
            ctx,
            &format!("/incidents/{}", r.incident.id),
            Some((
                FlashKind::Success,
                format!(
                    "{} ({})",
                    ctx.t("incidents.recorded_done"),
                    r.recipients.len()
                ),
            )),
        ),
        Err(e) => fail(ctx, e),
    }
}

#[derive(Template)]
#[template(path = "incidents/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<IncidentRow>,
    total: i64,
    paging: Paging,
}

#[derive(Debug, Default, Deserialize)]
pub struct ListParams {
    #[serde(default)]
    page: String,
}

/// `GET /incidents`: every incident the user may see, the most recently detected first.
pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<ListParams>,
) -> Response {
    let ctx = &user.ctx;
    let page_no = page_number(&q.page);
    let listed = match state
        .app
        .list_incidents(&user.caller, None, window(page_no))
        .await
    {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let names = match names_of(&state, &user, &listed.rows).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let viewer = user.caller.org();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("incidents.title").to_owned(), Nav::Offerings),
        rows: listed
            .rows
            .iter()
            .map(|i| row(ctx.lang, &names, viewer, i))
            .collect(),
        total: listed.total,
        paging: Paging::new("/incidents", &[], page_no, listed.total),
    };
    render(ctx, &page)
}

/// An affected institution as the incident's page shows it.
#[derive(Debug, Clone)]
struct PartyRow {
    institution: String,
    acknowledged: String,
    answer: String,
    reason: String,
}

#[derive(Template)]
#[template(path = "incidents/show.html")]
struct ShowPage {
    chrome: Chrome,
    id: String,
    title: String,
    offering_id: String,
    offering: String,
    status: &'static str,
    status_code: &'static str,
    description: String,
    occurred_at: String,
    detected_at: String,
    impact: String,
    actions: String,
    cause: String,
    prevention: String,
    prevention_version: i64,
    revision: i64,
    recorded_by: String,
    closed: String,
    parties: Vec<PartyRow>,
    /// The provider's users: the update form and the close button.
    provider_view: bool,
    closed_now: bool,
    /// An affected institution's reviewer who has not acknowledged yet.
    can_acknowledge: bool,
    /// An affected institution's reviewer who may answer the current measures.
    can_answer: bool,
}

/// `GET /incidents/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let Ok(id) = raw.parse::<IncidentId>() else {
        return not_found(ctx, "incident");
    };
    let i = match state.app.incident(&user.caller, id).await {
        Ok(i) => i,
        Err(e) => return fail(ctx, e),
    };
    let names = match names_of(&state, &user, std::slice::from_ref(&i)).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let status = i.status();
    let reviewer =
        matches!(&user.caller, anzen_app::Caller::User(p) if p.role == Role::InstitutionReviewer);
    let own = user.caller.org().and_then(|o| i.party(o));
    let open = i.closed_at.is_none();
    let page = ShowPage {
        chrome: ctx.chrome(i.title.to_string(), Nav::Offerings),
        id: i.id.to_string(),
        title: i.title.to_string(),
        offering_id: i.offering.to_string(),
        offering: names.offering(i.offering),
        status: label(lang, status.label_ja(), status.label_en()),
        status_code: status.code(),
        description: i.description.clone(),
        occurred_at: dates::format_timestamp(i.occurred_at, lang),
        detected_at: dates::format_timestamp(i.detected_at, lang),
        impact: impact_text(lang, &i),
        actions: i.actions.clone().unwrap_or_default(),
        cause: i.cause.clone().unwrap_or_default(),
        prevention: i.prevention.clone().unwrap_or_default(),
        prevention_version: i.prevention_version,
        revision: i.revision,
        recorded_by: super::audit_text::actor(lang, &i.recorded_by, &Default::default()),
        closed: i
            .closed_at
            .map(|c| {
                format!(
                    "{} ({})",
                    dates::format_timestamp(c, lang),
                    i.closed_by.clone().unwrap_or_default()
                )
            })
            .unwrap_or_default(),
        parties: i
            .parties
            .iter()
            .map(|p| {
                let current = p.answer_to(i.prevention_version);
                PartyRow {
                    institution: names.org(p.institution),
                    acknowledged: match (&p.acknowledged_by, p.acknowledged_at) {
                        (Some(by), Some(at)) => {
                            format!("{} ({by})", dates::format_timestamp(at, lang))
                        }
                        _ => t(lang, "incidents.not_acknowledged").to_owned(),
                    },
                    answer: match current {
                        Some(a) => label(lang, a.answer.label_ja(), a.answer.label_en()).to_owned(),
                        None => t(lang, "incidents.not_answered").to_owned(),
                    },
                    reason: current.and_then(|a| a.reason.clone()).unwrap_or_default(),
                }
            })
            .collect(),
        provider_view: can(&user, Subject::Incidents, Action::Write),
        closed_now: !open,
        can_acknowledge: reviewer && own.is_some_and(|p| p.acknowledged_at.is_none()),
        can_answer: reviewer
            && open
            && i.prevention.is_some()
            && own.is_some_and(|p| p.answer_to(i.prevention_version).is_none()),
    };
    render(ctx, &page)
}

#[derive(Debug, Default, Deserialize)]
pub struct UpdateForm {
    #[serde(default)]
    actions: String,
    #[serde(default)]
    cause: String,
    #[serde(default)]
    prevention: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    version: String,
}

fn number(field: &str, raw: &str) -> Result<i64, anzen_app::AppError> {
    raw.trim().parse().map_err(|_| {
        anzen_domain::FieldError::new(field, format!("`{raw}` is not a whole number")).into()
    })
}

enum Act {
    Update,
    Acknowledge,
    Answer,
    Close,
}

async fn act(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    form: UpdateForm,
    what: Act,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<IncidentId>() else {
        return not_found(ctx, "incident");
    };
    let app = &state.app;
    let caller = &user.caller;
    let result = match what {
        Act::Update => match number("revision", &form.revision) {
            Ok(rev) => {
                let input = UpdateInput {
                    actions: form.actions,
                    cause: form.cause,
                    prevention: form.prevention,
                };
                app.update_incident(caller, id, rev, input).await
            }
            Err(e) => Err(e),
        },
        Act::Acknowledge => app.acknowledge_incident(caller, id).await,
        Act::Answer => {
            match (
                number("version", &form.version),
                PreventionAnswer::parse_field("answer", &form.answer),
            ) {
                (Ok(v), Ok(a)) => {
                    app.answer_incident_prevention(caller, id, v, a, &form.reason)
                        .await
                }
                (Err(e), _) => Err(e),
                (_, Err(e)) => Err(e.into()),
            }
        }
        Act::Close => match number("revision", &form.revision) {
            Ok(rev) => app.close_incident(caller, id, rev).await,
            Err(e) => Err(e),
        },
    };
    let done = match what {
        Act::Update => "incidents.updated_done",
        Act::Acknowledge => "incidents.acknowledged_done",
        Act::Answer => "incidents.answered_done",
        Act::Close => "incidents.closed_done",
    };
    match result {
        Ok(_) => see_other(
            ctx,
            &format!("/incidents/{id}"),
            Some((FlashKind::Success, ctx.t(done).to_owned())),
        ),
        Err(e) => fail(ctx, e),
    }
}

/// `POST /incidents/{id}`: the provider updates actions, cause and prevention measures.
pub async fn update(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<UpdateForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Update).await
}

/// `POST /incidents/{id}/acknowledge`: an affected institution acknowledges the report.
pub async fn acknowledge(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<UpdateForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Acknowledge).await
}

/// `POST /incidents/{id}/prevention`: an affected institution agrees or declines.
pub async fn answer(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<UpdateForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Answer).await
}

/// `POST /incidents/{id}/close`: the provider closes the incident.
pub async fn close(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<UpdateForm>,
) -> Response {
    act(&state, &user, &raw, form, Act::Close).await
}
