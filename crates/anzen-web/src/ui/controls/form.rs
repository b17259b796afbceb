//! The statement of an offering on one control or regulatory requirement:
//! `GET /offerings/{id}/controls/statement?kind=…&version=…&key=…` shows the control, its
//! current statement, the form (only the statuses the subject accepts: a regulatory
//! requirement is never offered "not applicable", FAQ 7-R1) and the history;
//! `POST /offerings/{id}/controls/statement` saves a new version (303 with a flash) or
//! re-renders the form with the message next to its field (422), writing nothing.

use anzen_app::AppError;
use anzen_app::controls::{StatementInput, TableRow};
use anzen_app::ports::{Page, RiskQuery};
use anzen_domain::access::{Action, Subject};
use anzen_domain::controls::{
    Applicability, ApplicabilityInput, StatementStatus, StatementSubject, statuses_for,
};
use anzen_domain::ids::OfferingId;
use anzen_domain::risk::TreatmentOption;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{details, origin_label, status_label};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{FormErrors, can, fail};
use crate::ui::{render, render_status, see_other};

/// Which subject the form is about.
#[derive(Debug, Default, Deserialize)]
pub struct SubjectQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    key: String,
}

/// The form as posted.
#[derive(Debug, Clone, Default)]
pub struct StatementForm {
    kind: String,
    catalogue_version: String,
    key: String,
    revision: String,
    status: String,
    how: String,
    evidence: String,
    alt_what: String,
    why_equivalent: String,
    why: String,
    plan_what: String,
    by: String,
    finding: String,
    legal_basis: String,
    risks: Vec<String>,
}

impl StatementForm {
    fn parse(pairs: Vec<(String, String)>) -> Self {
        let mut f = StatementForm::default();
        for (k, v) in pairs {
            match k.as_str() {
                "kind" => f.kind = v,
                "catalogue_version" => f.catalogue_version = v,
                "key" => f.key = v,
                "revision" => f.revision = v,
                "status" => f.status = v,
                "how" => f.how = v,
                "evidence" => f.evidence = v,
                "alt_what" => f.alt_what = v,
                "why_equivalent" => f.why_equivalent = v,
                "why" => f.why = v,
                "plan_what" => f.plan_what = v,
                "by" => f.by = v,
                "finding" => f.finding = v,
                "legal_basis" => f.legal_basis = v,
                "risk" if f.risks.len() < 100 && !v.trim().is_empty() => f.risks.push(v),
                _ => {}
            }
        }
        f
    }

    /// The texts of the chosen status only (the form shows every status's fields; those of
    /// the other statuses are not part of the statement).
    fn input(&self) -> StatementInput {
        let status = StatementStatus::from_code(self.status.trim());
        let some = |s: &String| Some(s.clone());
        let mut a = ApplicabilityInput {
            status: Some(self.status.clone()),
            ..Default::default()
        };
        match status {
            Some(StatementStatus::Adopted) => {
                a.how = some(&self.how);
                a.evidence = some(&self.evidence);
            }
            Some(StatementStatus::Alternative) => {
                a.what = some(&self.alt_what);
                a.why_equivalent = some(&self.why_equivalent);
            }
            Some(StatementStatus::NotApplicable) => a.why = some(&self.why),
            Some(StatementStatus::Planned) => {
                a.what = some(&self.plan_what);
                a.by = some(&self.by);
            }
            Some(StatementStatus::LegallyNotApplicable) => {
                a.finding = some(&self.finding);
                a.legal_basis = some(&self.legal_basis);
            }
            None => {}
        }
        StatementInput {
            kind: self.kind.clone(),
            catalogue_version: self.catalogue_version.clone(),
            key: self.key.clone(),
            applicability: a,
            risks: self.risks.clone(),
            revision: self.revision.trim().parse::<i64>().ok(),
        }
    }

    /// The form filled from a statement.
    fn from_statement(subject: &StatementSubject, a: Option<&Applicability>, seq: i64) -> Self {
        let mut f = StatementForm {
            kind: super::kind_code(subject).to_owned(),
            catalogue_version: super::version_of(subject).to_owned(),
            key: subject.key().to_owned(),
            revision: seq.to_string(),
            ..Default::default()
        };
        if let Some(a) = a {
            f.status = a.status().code().to_owned();
            match a {
                Applicability::Adopted { how, evidence } => {
                    f.how = how.clone();
                    f.evidence = evidence.clone();
                }
                Applicability::Alternative {
                    what,
                    why_equivalent,
                } => {
                    f.alt_what = what.clone();
                    f.why_equivalent = why_equivalent.clone();
                }
                Applicability::NotApplicable { why } => f.why = why.clone(),
                Applicability::Planned { what, by } => {
                    f.plan_what = what.clone();
                    f.by = by.to_string();
                }
                Applicability::LegallyNotApplicable {
                    finding,
                    legal_basis,
                } => {
                    f.finding = finding.clone();
                    f.legal_basis = legal_basis.clone();
                }
            }
        }
        f
    }
}

/// The form field of a use-case's field.
fn form_field(field: &str, status: &str) -> String {
    match field {
        "what" if status == "planned" => "plan_what".to_owned(),
        "what" => "alt_what".to_owned(),
        f if f.starts_with("risks") => "risks".to_owned(),
        f if f.starts_with("subject") => String::new(),
        f => f.to_owned(),
    }
}

#[derive(Debug, Clone)]
struct StatusChoice {
    value: &'static str,
    label: &'static str,
    checked: bool,
}

#[derive(Debug, Clone)]
struct RiskChoice {
    id: String,
    title: String,
    accepted: bool,
    checked: bool,
}

#[derive(Debug, Clone)]
struct HistoryRow {
    seq: i64,
    status: &'static str,
    details: Vec<(&'static str, String)>,
    by: String,
    at: String,
}

#[derive(Template)]
#[template(path = "controls/statement.html")]
struct StatementPage {
    chrome: Chrome,
    offering_name: String,
    table_href: String,
    action: String,
    key: String,
    heading: String,
    text: String,
    origin: &'static str,
    paraphrase: bool,
    regulatory: bool,
    state_label: &'static str,
    from_version: String,
    form: StatementForm,
    statuses: Vec<StatusChoice>,
    /// Which statuses the subject accepts (to show only their fields).
    allows: Vec<&'static str>,
    risks: Vec<RiskChoice>,
    history: Vec<HistoryRow>,
    can_write: bool,
    errors: FormErrors,
}

impl StatementPage {
    fn allows(&self, status: &str) -> bool {
        self.allows.contains(&status)
    }
}

fn subject_of(q: &SubjectQuery) -> Option<StatementSubject> {
    let key = q.key.trim().to_owned();
    if key.is_empty() {
        return None;
    }
    Some(match q.kind.trim() {
        "appendix2" => StatementSubject::Appendix2 {
            catalogue_version: q.version.trim().to_owned(),
            key,
        },
        "provider" => StatementSubject::Provider { key },
        "regulatory" => StatementSubject::Regulatory { key },
        _ => return None,
    })
}

/// The table row of a subject (with the version it names), or 404.
async fn row_of(
    state: &AppState,
    user: &SignedIn,
    offering: OfferingId,
    subject: &StatementSubject,
) -> Result<(String, TableRow), AppError> {
    let mut table = state
        .app
        .statement_table(&user.caller, offering, None)
        .await?;
    if let StatementSubject::Appendix2 {
        catalogue_version, ..
    } = subject
        && *catalogue_version != table.catalogue.version
    {
        let id = table
            .versions
            .iter()
            .find(|v| v.version == *catalogue_version)
            .map(|v| v.id)
            .ok_or(AppError::NotFound {
                what: "catalogue version",
            })?;
        table = state
            .app
            .statement_table(&user.caller, offering, Some(id))
            .await?;
    }
    let row = table
        .appendix2
        .into_iter()
        .chain(table.provider_controls)
        .chain(table.regulatory)
        .find(|r| r.subject == *subject)
        .ok_or(AppError::NotFound { what: "control" })?;
    Ok((table.offering_name, row))
}

async fn page(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    subject: Option<StatementSubject>,
    posted: Option<StatementForm>,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let Ok(offering) = raw.parse::<OfferingId>() else {
        return fail(ctx, AppError::NotFound { what: "offering" });
    };
    let Some(subject) = subject else {
        return fail(ctx, AppError::NotFound { what: "control" });
    };
    let (offering_name, row) = match row_of(state, user, offering, &subject).await {
        Ok(r) => r,
        Err(e) => return fail(ctx, e),
    };
    let history = match state
        .app
        .statement_history(
            &user.caller,
            offering,
            super::kind_code(&subject),
            super::version_of(&subject),
            subject.key(),
        )
        .await
    {
        Ok(h) => h,
        Err(e) => return fail(ctx, e),
    };
    let risks = if can(user, Subject::Risks, Action::Read) {
        let q = RiskQuery {
            offering: Some(offering),
            ..Default::default()
        };
        match state.app.list_risks(&user.caller, &q, Page::all()).await {
            Ok(l) => l.rows,
            Err(e) => return fail(ctx, e),
        }
    } else {
        Vec::new()
    };
    // The current statement (of this subject itself, not one carried from another version).
    let own = history.last();
    let form = posted.unwrap_or_else(|| {
        let mut f = StatementForm::from_statement(
            &subject,
            row.statement.as_ref().map(|s| s.statement.applicability()),
            own.map_or(0, |s| s.seq),
        );
        f.risks = row.linked_risks.iter().map(|r| r.id.to_string()).collect();
        f
    });
    let allowed = statuses_for(&subject);
    let regulatory = subject.is_regulatory();
    let page = StatementPage {
        chrome: ctx.chrome(
            format!(
                "{} {} — {offering_name}",
                ctx.t("controls.statement.title"),
                subject.key()
            ),
            Nav::Offerings,
        ),
        offering_name,
        table_href: format!("/offerings/{offering}/controls"),
        action: format!("/offerings/{offering}/controls/statement"),
        key: subject.key().to_owned(),
        heading: row.heading.clone(),
        text: row.text.clone(),
        origin: origin_label(lang, row.text_origin),
        paraphrase: row.text_origin == anzen_domain::controls::TextOrigin::Paraphrase,
        regulatory,
        state_label: super::state_label(lang, row.state),
        from_version: row.from_version.clone().unwrap_or_default(),
        statuses: allowed
            .iter()
            .map(|s| StatusChoice {
                value: s.code(),
                label: status_label(lang, *s),
                checked: form.status.trim() == s.code(),
            })
            .collect(),
        allows: allowed.iter().map(|s| s.code()).collect(),
        risks: risks
            .iter()
            .map(|r| RiskChoice {
                id: r.risk.id.to_string(),
                title: format!("[{}] {}", r.risk.inherent.level, r.risk.title),
                accepted: r
                    .risk
                    .treatment
                    .as_ref()
                    .is_some_and(|t| t.option == TreatmentOption::Accept),
                checked: form.risks.iter().any(|x| x.trim() == r.risk.id.to_string()),
            })
            .collect(),
        history: history
            .iter()
            .rev()
            .map(|s| HistoryRow {
                seq: s.seq,
                status: status_label(lang, s.statement.status()),
                details: details(lang, s.statement.applicability()),
                by: s.stated_by.clone(),
                at: dates::format_timestamp(s.stated_at, lang),
            })
            .collect(),
        form,
        can_write: can(user, Subject::Controls, Action::Write),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /offerings/{id}/controls/statement`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Query(q): Query<SubjectQuery>,
) -> Response {
    page(
        &state,
        &user,
        &raw,
        subject_of(&q),
        None,
        FormErrors::default(),
    )
    .await
}

/// `POST /offerings/{id}/controls/statement`.
pub async fn save(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Controls, Action::Write) {
        return crate::ui::common::forbidden(ctx);
    }
    let Ok(offering) = raw.parse::<OfferingId>() else {
        return fail(ctx, AppError::NotFound { what: "offering" });
    };
    let form = StatementForm::parse(pairs);
    let subject = subject_of(&SubjectQuery {
        kind: form.kind.clone(),
        version: form.catalogue_version.clone(),
        key: form.key.clone(),
    });
    match state
        .app
        .set_statement(&user.caller, offering, form.input())
        .await
    {
        Ok(s) => {
            let key = s.statement.subject().key().to_owned();
            see_other(
                ctx,
                &format!("/offerings/{offering}/controls"),
                Some((
                    FlashKind::Success,
                    format!(
                        "{} {key}: {}",
                        ctx.t("controls.saved"),
                        status_label(ctx.lang, s.statement.status())
                    ),
                )),
            )
        }
        Err(AppError::Invalid(fe)) => {
            let mut fe = fe.clone();
            fe.field = form_field(&fe.field, form.status.trim());
            let errors = super::messages::form_errors(ctx.lang, &fe);
            page(&state, &user, &raw, subject, Some(form), errors).await
        }
        Err(AppError::Conflict(m)) => {
            let message = format!("{} ({m})", ctx.t("controls.conflict"));
            let errors = FormErrors::one("", message);
            page(&state, &user, &raw, subject, None, errors).await
        }
        Err(e) => fail(ctx, e),
    }
}
