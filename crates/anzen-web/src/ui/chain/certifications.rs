//! Certifications (GL 4.4; FAQ 4.2): the list with each certificate's status on the day
//! (valid, expiring within 90 days, expired), the minimum-qualification summary of each
//! organisation shown, the form to add one, and — prominently — the FAQ 4.2 notice that a
//! certificate shows a minimum qualification, not compliance with the guideline.

use anzen_app::AppError;
use anzen_app::ports::{ContractQuery, Page, StoredCertification};
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::chain::{
    AuditorQualification, CERTIFICATE_NOTICE, CERTIFICATE_WARN_DAYS, Certification,
    CertificationKind, CertificationStatus, NewCertification,
};
use anzen_domain::ids::OrgId;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::exemption::{ExemptionForm, ExemptionSection, ExemptionView, section, view};
use super::{cited, form_errors};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Choice, FormErrors, Names, can, era_hint, fail, forbidden, label};
use crate::ui::{render, render_status, see_other};

#[derive(Debug, Clone)]
struct Row {
    org: String,
    kind: &'static str,
    detail: String,
    scope: String,
    issuer: String,
    valid_from: String,
    valid_to: String,
    status_code: &'static str,
    status: &'static str,
    days_left: i64,
}

#[derive(Debug, Clone)]
struct QualificationView {
    org: String,
    met: bool,
    basis: String,
    reasons: Vec<String>,
    /// The organisation's GL 4.4 exemption claim, when it recorded one.
    exemption: Option<ExemptionView>,
}

#[derive(Template)]
#[template(path = "chain/certifications.html")]
struct CertificationsPage {
    chrome: Chrome,
    notice: String,
    qualifications: Vec<QualificationView>,
    rows: Vec<Row>,
    can_write: bool,
    kinds: Vec<Choice>,
    qualifications_choices: Vec<Choice>,
    equivalent_name: String,
    scope: String,
    issuer: String,
    valid_from: String,
    valid_to: String,
    valid_from_era: String,
    valid_to_era: String,
    errors: FormErrors,
    exemption: Option<ExemptionSection>,
}

#[derive(Debug, Default, Deserialize)]
pub struct CertificationForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    auditor_qualification: String,
    #[serde(default)]
    equivalent_name: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
}

/// The organisations whose qualification the page sums up: those with certificates shown,
/// the user's own (when it keeps a ledger), and for an institution the providers it
/// contracts.
async fn summary_orgs(
    state: &AppState,
    user: &SignedIn,
    certs: &[StoredCertification],
) -> Result<Vec<OrgId>, AppError> {
    let mut orgs: Vec<OrgId> = certs.iter().map(|c| c.org).collect();
    match user
        .caller
        .reach(Subject::Ledger, Action::Read, user.ctx.now)
    {
        Reach::Owned(org) => orgs.push(org),
        Reach::AsInstitution(_) => {
            let contracts = state
                .app
                .list_contracts(&user.caller, &ContractQuery::default(), Page::all())
                .await?;
            orgs.extend(contracts.rows.iter().map(|c| c.provider));
        }
        _ => {}
    }
    let mut seen = Vec::new();
    for o in orgs {
        if !seen.contains(&o) {
            seen.push(o);
        }
    }
    Ok(seen)
}

pub(super) async fn page(
    state: &AppState,
    user: &SignedIn,
    form: &CertificationForm,
    errors: FormErrors,
    exemption_form: &ExemptionForm,
    exemption_errors: FormErrors,
) -> Response {
    let refused = !errors.is_empty() || !exemption_errors.is_empty();
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let certs = match state.app.list_certifications(&user.caller).await {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let orgs = match summary_orgs(state, user, &certs).await {
        Ok(o) => o,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(state, user, orgs.iter().copied(), []).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let today = state.app.today_in_japan();
    let mut qualifications = Vec::new();
    for org in &orgs {
        let held = held_by(&certs, *org);
        let q = match state.app.qualification_of(&user.caller, *org, &held).await {
            Ok(q) => q,
            Err(e) => return fail(ctx, e),
        };
        qualifications.push(QualificationView {
            org: names.org(*org),
            met: q.met,
            basis: q
                .basis
                .map(|b| label(lang, b.label_ja(), b.label_en()).to_owned())
                .unwrap_or_default(),
            reasons: q.reasons.iter().map(|r| cited(lang, r)).collect(),
            exemption: q.exemption.as_ref().map(|x| view(lang, x)),
        });
    }
    let rows = certs
        .iter()
        .map(|c| {
            let x = &c.certification;
            let status = x.status_on(today, CERTIFICATE_WARN_DAYS);
            let detail = match (x.auditor_qualification, &x.equivalent_name) {
                (Some(q), _) => label(lang, q.label_ja(), q.label_en()).to_owned(),
                (None, Some(n)) => n.to_string(),
                (None, None) => String::new(),
            };
            Row {
                org: names.org(c.org),
                kind: label(lang, x.kind.label_ja(), x.kind.label_en()),
                detail,
                scope: x.scope.to_string(),
                issuer: x.issuer.to_string(),
                valid_from: dates::format_date(x.valid_from, lang),
                valid_to: dates::format_date(x.valid_to, lang),
                status_code: status.code(),
                status: label(lang, status.label_ja(), status.label_en()),
                days_left: x.days_left(today),
            }
        })
        .collect();
    let exemption = match section(state, user, exemption_form, exemption_errors).await {
        Ok(x) => x,
        Err(e) => return fail(ctx, e),
    };
    let choose = |current: &str| Choice::new("", ctx.t("form.choose"), current);
    let page = CertificationsPage {
        chrome: ctx.chrome(ctx.t("nav.certifications"), Nav::Certifications),
        notice: cited(lang, &CERTIFICATE_NOTICE),
        qualifications,
        rows,
        can_write: can(user, Subject::Ledger, Action::Write),
        kinds: std::iter::once(choose(&form.kind))
            .chain(CertificationKind::ALL.iter().map(|k| {
                Choice::new(
                    k.code(),
                    label(lang, k.label_ja(), k.label_en()),
                    &form.kind,
                )
            }))
            .collect(),
        qualifications_choices: std::iter::once(Choice::new(
            "",
            ctx.t("certifications.auditor_none"),
            &form.auditor_qualification,
        ))
        .chain(AuditorQualification::ALL.iter().map(|q| {
            Choice::new(
                q.code(),
                label(lang, q.label_ja(), q.label_en()),
                &form.auditor_qualification,
            )
        }))
        .collect(),
        equivalent_name: form.equivalent_name.clone(),
        scope: form.scope.clone(),
        issuer: form.issuer.clone(),
        valid_from: form.valid_from.clone(),
        valid_to: form.valid_to.clone(),
        valid_from_era: era_hint(lang, &form.valid_from),
        valid_to_era: era_hint(lang, &form.valid_to),
        errors: errors.clone(),
        exemption,
    };
    if !refused {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /certifications`.
pub async fn list(State(state): State<AppState>, user: SignedIn) -> Response {
    page(
        &state,
        &user,
        &CertificationForm::default(),
        FormErrors::default(),
        &ExemptionForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /certifications`.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<CertificationForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Ledger, Action::Write) {
        return forbidden(ctx);
    }
    let input = NewCertification {
        kind: form.kind.clone(),
        auditor_qualification: form.auditor_qualification.clone(),
        equivalent_name: form.equivalent_name.clone(),
        scope: form.scope.clone(),
        issuer: form.issuer.clone(),
        valid_from: form.valid_from.clone(),
        valid_to: form.valid_to.clone(),
    };
    match state.app.add_certification(&user.caller, input).await {
        Ok(c) => {
            let status = c
                .certification
                .status_on(state.app.today_in_japan(), CERTIFICATE_WARN_DAYS);
            let mut message = ctx.t("flash.created").to_owned();
            if status != CertificationStatus::Valid {
                message.push_str(&format!(
                    " {}",
                    label(ctx.lang, status.label_ja(), status.label_en())
                ));
            }
            see_other(ctx, "/certifications", Some((FlashKind::Success, message)))
        }
        Err(e) => match form_errors(ctx.lang, &e) {
            Some(errors) => {
                page(
                    &state,
                    &user,
                    &form,
                    errors,
                    &ExemptionForm::default(),
                    FormErrors::default(),
                )
                .await
            }
            None => fail(ctx, e),
        },
    }
}

/// The dashboard's warnings on the user's own organisation's certificates: those expiring
/// within 90 days, and no valid minimum qualification at all (GL 4.4; FAQ 4.2). Empty for
/// roles that keep no ledger of their own.
pub async fn warnings(state: &AppState, user: &SignedIn) -> Result<Vec<String>, AppError> {
    let lang = user.ctx.lang;
    let Reach::Owned(org) = user
        .caller
        .reach(Subject::Ledger, Action::Read, user.ctx.now)
    else {
        return Ok(Vec::new());
    };
    let today = state.app.today_in_japan();
    let certs = state.app.list_certifications(&user.caller).await?;
    let mut out: Vec<String> = certs
        .iter()
        .filter(|c| c.org == org)
        .filter(|c| {
            c.certification.status_on(today, CERTIFICATE_WARN_DAYS)
                == CertificationStatus::ExpiringSoon
        })
        .map(|c| {
            let x = &c.certification;
            format!(
                "{}{}: {} {}",
                label(lang, x.kind.label_ja(), x.kind.label_en()),
                crate::i18n::paren(lang, &x.scope),
                dates::format_date(x.valid_to, lang),
                crate::i18n::t(lang, "certifications.expires")
            )
        })
        .collect();
    let q = state
        .app
        .qualification_of(&user.caller, org, &held_by(&certs, org))
        .await?;
    if !q.met {
        out.extend(q.reasons.iter().map(|r| cited(lang, r)));
    }
    Ok(out)
}

/// The certificates `org` holds, from those already listed (what
/// [`anzen_app::App::qualification`] would list again).
fn held_by(certs: &[StoredCertification], org: OrgId) -> Vec<Certification> {
    certs
        .iter()
        .filter(|c| c.org == org)
        .map(|c| c.certification.clone())
        .collect()
}
