//! One risk: the provider's page (threat, vulnerability, C/I/A, the flow, the inherent
//! assessment, the treatment with its measures and owners, the residual risk, the next
//! review, review marks, the institutions it touches with their consent state, the consent
//! history), and the consent screen an institution's reviewer sees (FAQ 5.1, 5.2): the risk,
//! the options weighed, the residual risk, why this choice, its own duties, and a form that
//! posts the digest of exactly what was shown.

use anzen_app::AppError;
use anzen_app::risks::RiskDetail;
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::{OrgId, RiskId};
use anzen_domain::risk::{EntryKind, InformationFlow, MeasureOwner};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::view::{
    AssessmentView, LevelView, MeasureView, StatusView, cia_text, measure_view, option_label,
    own_institution, review_reason_text,
};
use crate::AppState;
use crate::api::risks::{ConsentState, consent_view, may_consent};
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Names, can, fail, field_message, label, not_found};
use crate::ui::{render, render_status, see_other};

/// An information flow as shown: who / where / device / what / how / class / environment.
#[derive(Debug, Clone)]
pub struct FlowView {
    pub who: String,
    pub place: String,
    pub device: String,
    pub what: String,
    pub how: String,
    pub class: &'static str,
    pub environment: &'static str,
}

pub fn flow_view(lang: Lang, f: &InformationFlow) -> FlowView {
    FlowView {
        who: f.who.clone(),
        place: f.place.clone(),
        device: f.device_or_medium.clone(),
        what: f.what.clone(),
        how: f.how.clone(),
        class: label(lang, f.class.label_ja(), f.class.label_en()),
        environment: label(lang, f.environment.label_ja(), f.environment.label_en()),
    }
}

#[derive(Debug, Clone)]
struct InstitutionRow {
    name: String,
    state: &'static str,
    label: &'static str,
}

/// An entry of the thread with an institution, as shown (GL 5.1.6 (1)).
#[derive(Debug, Clone)]
pub(crate) struct ThreadRow {
    id: String,
    kind: &'static str,
    label: &'static str,
    text: String,
    who: String,
    at: String,
    institution: String,
    /// A question or decline: the provider may answer it.
    answerable: bool,
    /// Whether an answer replies to it already.
    answered: bool,
}

#[derive(Debug, Clone)]
struct ConsentRow {
    institution: String,
    user: String,
    at: String,
    digest: String,
    current: bool,
}

/// Everything both views of a risk show.
#[derive(Debug, Clone)]
struct RiskView {
    id: String,
    title: String,
    offering: String,
    offering_href: String,
    threat: String,
    vulnerability: String,
    cia: String,
    flow: Option<FlowView>,
    /// The flow as the risk was assessed on it, when it was edited since (GL 5.1.7).
    flow_as_assessed: Option<FlowView>,
    inherent: AssessmentView,
    option: String,
    option_needs_consent: bool,
    measures: Vec<MeasureView>,
    rationale: String,
    options_considered: String,
    explanation: String,
    residual: Option<AssessmentView>,
    /// When it was assessed (part of what the institutions agree to).
    assessed_at: String,
    next_review: String,
    overdue: bool,
    marks: Vec<String>,
    status: StatusView,
    effective: bool,
    re_consent: bool,
    institutions: Vec<InstitutionRow>,
    consents: Vec<ConsentRow>,
    digest: String,
    /// For a reopened treatment: the rule it no longer meets.
    reason: String,
    thread: Vec<ThreadRow>,
}

fn consent_label(lang: Lang, s: ConsentState) -> (&'static str, &'static str) {
    match s {
        ConsentState::Agreed => ("agreed", crate::i18n::t(lang, "risks.consent.agreed")),
        ConsentState::Stale => ("stale", crate::i18n::t(lang, "risks.re_consent")),
        ConsentState::Missing => ("missing", crate::i18n::t(lang, "risks.consent.missing")),
        ConsentState::Declined => ("declined", crate::i18n::t(lang, "risks.consent.declined")),
    }
}

async fn load(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
) -> Result<(RiskDetail, RiskView, Names), AppError> {
    let lang = user.ctx.lang;
    let id = raw
        .parse::<RiskId>()
        .map_err(|_| AppError::NotFound { what: "risk" })?;
    let detail = state.app.risk_detail(&user.caller, id).await?;
    let risk = &detail.row.risk;
    let flow = match risk.flow {
        Some(f) => state
            .app
            .list_flows(&user.caller, risk.offering)
            .await?
            .into_iter()
            .find(|x| x.id == f),
        None => None,
    };
    let flow_as_assessed = state.app.risk_assessed_flow(&user.caller, id).await?;
    let (states, consents) = consent_view(&user.caller, user.ctx.now, &detail);
    let mut orgs: Vec<OrgId> = states.iter().map(|(o, _)| *o).collect();
    orgs.extend(consents.iter().map(|c| c.institution));
    orgs.extend(
        risk.treatment
            .iter()
            .flat_map(|t| t.measures.iter())
            .filter_map(|m| match m.owner {
                MeasureOwner::Institution(o) | MeasureOwner::Subcontractor(o) => Some(o),
                MeasureOwner::Provider => None,
            }),
    );
    orgs.extend(detail.thread.iter().map(|e| e.institution));
    let names = Names::for_ids(state, user, orgs, [risk.offering]).await?;
    let matrix = &detail.matrix.matrix;
    let residual_matrix = match &risk.residual {
        Some(r) if r.matrix != detail.matrix.id => None,
        _ => Some(matrix),
    };
    let today = state.app.today_in_japan();
    let view = RiskView {
        id: risk.id.to_string(),
        title: risk.title.to_string(),
        offering: names.offering(risk.offering),
        offering_href: if names.sees_offering(risk.offering) {
            format!("/offerings/{}", risk.offering)
        } else {
            String::new()
        },
        threat: risk.threat.clone(),
        vulnerability: risk.vulnerability.clone(),
        cia: cia_text(lang, risk.cia),
        flow: flow.as_ref().map(|f| flow_view(lang, f)),
        flow_as_assessed: flow_as_assessed.as_ref().map(|f| flow_view(lang, f)),
        inherent: AssessmentView::new(lang, &risk.inherent, matrix),
        option: risk
            .treatment
            .as_ref()
            .map(|t| option_label(lang, t.option).to_owned())
            .unwrap_or_default(),
        option_needs_consent: risk
            .treatment
            .as_ref()
            .is_some_and(|t| t.option.needs_institution_consent()),
        measures: risk
            .treatment
            .iter()
            .flat_map(|t| t.measures.iter())
            .map(|m| measure_view(lang, &names, m))
            .collect(),
        rationale: risk
            .treatment
            .as_ref()
            .map(|t| t.rationale.clone())
            .unwrap_or_default(),
        options_considered: risk
            .treatment
            .as_ref()
            .map(|t| t.options_considered.clone())
            .unwrap_or_default(),
        explanation: risk.explanation.clone(),
        residual: risk.residual.as_ref().map(|r| match residual_matrix {
            Some(m) => AssessmentView::new(lang, r, m),
            None => AssessmentView {
                impact: r.impact.to_string(),
                likelihood: r.likelihood.to_string(),
                level: LevelView::new(lang, r.level, None),
                matrix_version: r.matrix_version,
            },
        }),
        assessed_at: risk
            .assessed_at
            .map(|t| dates::format_timestamp(t, lang))
            .unwrap_or_default(),
        next_review: risk
            .next_review
            .map(|d| dates::format_date(d, lang))
            .unwrap_or_default(),
        overdue: risk.next_review.is_some_and(|d| d < today),
        marks: risk
            .review_flags
            .iter()
            .map(|f| review_reason_text(lang, f))
            .collect(),
        status: StatusView::new(lang, detail.row.status),
        effective: detail.state.is_effective(),
        re_consent: detail.state.re_consent_needed(),
        institutions: states
            .iter()
            .map(|(o, s)| {
                let (state, label) = consent_label(lang, *s);
                InstitutionRow {
                    name: names.org(*o),
                    state,
                    label,
                }
            })
            .collect(),
        consents: consents
            .iter()
            .rev()
            .map(|c| ConsentRow {
                institution: names.org(c.institution),
                user: c.user_name.clone(),
                at: dates::format_timestamp(c.at, lang),
                digest: c.digest.chars().take(12).collect(),
                current: c.digest == detail.digest,
            })
            .collect(),
        digest: detail.digest.clone(),
        reason: detail
            .state
            .reason()
            .map(|e| e.message.clone())
            .unwrap_or_default(),
        thread: detail
            .thread
            .iter()
            .map(|e| ThreadRow {
                id: e.id.to_string(),
                kind: e.kind.code(),
                label: label(lang, e.kind.label_ja(), e.kind.label_en()),
                text: e.text.clone(),
                who: e.user_name.clone(),
                at: dates::format_timestamp(e.at, lang),
                institution: names.org(e.institution),
                answerable: e.kind != EntryKind::Answer,
                answered: detail
                    .thread
                    .iter()
                    .any(|a| a.kind == EntryKind::Answer && a.in_reply_to == Some(e.id)),
            })
            .collect(),
    };
    Ok((detail, view, names))
}

#[derive(Template)]
#[template(path = "risks/show.html")]
struct ShowPage {
    chrome: Chrome,
    r: RiskView,
    can_write: bool,
    /// The consent screen hides the bookkeeping a consent does not cover.
    consent_screen: bool,
}

/// Where the signed-in institution stands and what the risk asks of it.
#[derive(Debug, Clone, Default)]
struct OwnSide {
    /// The signed-in user is a reviewer of an institution the risk touches.
    affected: bool,
    /// Agreed to the current content.
    agreed: bool,
    /// Agreed to an earlier content only.
    stale: bool,
    /// Declined the current content; the provider has not answered yet (GL 5.1.6 (1)).
    declined: bool,
    /// When and by whom, if agreed to the current content.
    agreed_at: String,
    agreed_by: String,
    duties: Vec<String>,
}

#[derive(Template)]
#[template(path = "risks/consent.html")]
struct ConsentPage {
    chrome: Chrome,
    consent_screen: bool,
    r: RiskView,
    own: OwnSide,
    is_institution: bool,
    has_treatment: bool,
    error: String,
}

/// `GET /risks/{id}`: the risk; for an institution's reviewer, its consent screen.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    if own_institution(&user).is_some() {
        return consent_page(&state, &user, &raw, String::new()).await;
    }
    let ctx = &user.ctx;
    let (_, view, _) = match load(&state, &user, &raw).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let page = ShowPage {
        chrome: ctx.chrome(view.title.clone(), Nav::Risks),
        r: view,
        can_write: can(&user, Subject::Risks, Action::Write),
        consent_screen: false,
    };
    render(ctx, &page)
}

/// `GET /risks/{id}/consent`: what the institutions see and agree to.
pub async fn consent_form(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    consent_page(&state, &user, &raw, String::new()).await
}

pub(crate) async fn consent_page(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    error: String,
) -> Response {
    let ctx = &user.ctx;
    let (detail, view, _) = match load(state, user, raw).await {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let mut own = OwnSide::default();
    let institution = own_institution(user);
    if let Some(org) = institution {
        own.affected = detail.affected.contains(&org);
        let current = detail
            .consents
            .iter()
            .rev()
            .find(|c| c.institution == org && c.digest == detail.digest);
        own.agreed = current.is_some();
        own.stale = !own.agreed && detail.consents.iter().any(|c| c.institution == org);
        own.declined = detail
            .state
            .consents()
            .is_some_and(|c| c.declined.contains(&org));
        if let Some(c) = current {
            own.agreed_at = dates::format_timestamp(c.at, ctx.lang);
            own.agreed_by = c.user_name.clone();
        }
        own.duties = detail
            .row
            .risk
            .institution_duties()
            .into_iter()
            .filter(|(o, _)| *o == org)
            .map(|(_, m)| m.description.clone())
            .collect();
    }
    let page = ConsentPage {
        chrome: ctx.chrome(
            format!("{} — {}", ctx.t("risks.consent.title"), view.title),
            Nav::Risks,
        ),
        consent_screen: true,
        has_treatment: detail.row.risk.treatment.is_some(),
        r: view,
        own,
        is_institution: institution.is_some(),
        error: error.clone(),
    };
    if error.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    digest: String,
}

/// `POST /risks/{id}/consent`: the institution's reviewer agrees to what was shown.
pub async fn consent(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<ConsentForm>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<RiskId>() else {
        return not_found(ctx, "risk");
    };
    if let Err(e) = may_consent(&user.caller) {
        return fail(ctx, e);
    }
    match state
        .app
        .consent_to_risk(&user.caller, id, &form.digest)
        .await
    {
        Ok(_) => see_other(
            ctx,
            &format!("/risks/{id}"),
            Some((FlashKind::Success, ctx.t("risks.consent.done").to_owned())),
        ),
        Err(AppError::Invalid(fe)) => {
            let message = match fe.field.as_str() {
                "digest" => ctx.t("risks.consent.stale").to_owned(),
                _ => field_message(ctx.lang, &fe),
            };
            consent_page(&state, &user, &raw, message).await
        }
        Err(e) => fail(ctx, e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    revision: String,
}

/// `POST /risks/{id}/review`: the residual risk was reviewed and the treatment still holds.
pub async fn review(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Response {
    let ctx = &user.ctx;
    let Ok(id) = raw.parse::<RiskId>() else {
        return not_found(ctx, "risk");
    };
    if !can(&user, Subject::Risks, Action::Write) {
        return crate::ui::common::forbidden(ctx);
    }
    let revision = form.revision.trim().parse::<i64>().ok().filter(|r| *r >= 1);
    let Some(revision) = revision else {
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
        .mark_risk_reviewed(&user.caller, id, Some(revision))
        .await
    {
        Ok(r) => {
            let next = r
                .next_review
                .map(|d| dates::format_date(d, ctx.lang))
                .unwrap_or_default();
            see_other(
                ctx,
                &format!("/risks/{id}"),
                Some((
                    FlashKind::Success,
                    format!("{} {next}", ctx.t("risks.reviewed")),
                )),
            )
        }
        Err(e) => fail(ctx, e),
    }
}
