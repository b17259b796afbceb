//! Lifecycle agreements (GL 3.2, Fig. 3-4; FAQ 3, 3.1): a contract's agreements (the
//! provider with the institution, and the provider's internal ones with its subcontractors,
//! FAQ 3.1 R3), one agreement's matrix of phases × duties × responsible party with the
//! guideline references and confidence marks of the duty catalogue, its versions, who agreed
//! to which version and when, "re-agreement needed" with its reason, the provider's form for
//! a new version, and the form with which a named user of either party agrees to exactly the
//! version shown (its digest is posted).

use std::collections::HashMap;

use anzen_app::chain::version_of;
use anzen_app::ports::{ContractQuery, Page, StoredAgreement};
use anzen_app::{AppError, Caller};
use anzen_domain::FieldError;
use anzen_domain::access::{Action, Role, Subject};
use anzen_domain::chain::{
    AgreementKind, AgreementStatus, LifecyclePhase, MatrixEntry, Responsible, coverage_gaps,
    duty_template, internal_agreement_gaps,
};
use anzen_domain::contract::Contract;
use anzen_domain::ids::{ContractId, OrgId};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::{cited, form_errors};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::i18n::Lang;
use crate::ui::chrome::{Chrome, FlashKind, Nav};
use crate::ui::common::{Choice, FormErrors, Names, can, fail, forbidden, label, not_found};
use crate::ui::{render, render_status, see_other};

/// The contract an agreement page is about, as the user sees it.
async fn contract_of(
    state: &AppState,
    user: &SignedIn,
    id: ContractId,
) -> Result<Contract, AppError> {
    state
        .app
        .list_contracts(&user.caller, &ContractQuery::default(), Page::all())
        .await?
        .rows
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(AppError::NotFound { what: "contract" })
}

fn status_label(lang: Lang, s: AgreementStatus) -> &'static str {
    label(lang, s.label_ja(), s.label_en())
}

// ── A contract's agreements ─────────────────────────────────────────────────────────────

#[derive(Debug, Clone)]
struct AgreementRow {
    href: String,
    kind: &'static str,
    counterparty: String,
    version: u32,
    status_code: &'static str,
    status: &'static str,
    reagreement: String,
}

#[derive(Template)]
#[template(path = "chain/contract_agreements.html")]
struct ContractPage {
    chrome: Chrome,
    contract_id: String,
    institution: String,
    provider: String,
    offering: String,
    offering_href: String,
    kind: &'static str,
    period: String,
    reference: String,
    rows: Vec<AgreementRow>,
    can_open: bool,
    kinds: Vec<Choice>,
    subcontractors: Vec<Choice>,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    subcontractor: String,
}

async fn contract_page(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    form: &OpenForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let Ok(id) = raw.parse::<ContractId>() else {
        return not_found(ctx, "contract");
    };
    let c = match contract_of(state, user, id).await {
        Ok(c) => c,
        Err(e) => return fail(ctx, e),
    };
    let agreements = match state.app.list_agreements(&user.caller, Some(id)).await {
        Ok(a) => a,
        Err(e) => return fail(ctx, e),
    };
    // The suppliers of the offering are the candidates for an internal agreement.
    let suppliers: Vec<OrgId> = match state
        .app
        .list_supply_links(&user.caller, Some(c.offering))
        .await
    {
        Ok(ls) => {
            let mut s: Vec<OrgId> = ls.iter().map(|l| l.supplier).collect();
            s.sort();
            s.dedup();
            s
        }
        Err(AppError::Forbidden(_)) => Vec::new(),
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        state,
        user,
        [c.institution, c.provider]
            .into_iter()
            .chain(agreements.iter().map(|a| a.counterparty))
            .chain(suppliers.iter().copied()),
        [c.offering],
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let rows = agreements
        .iter()
        .map(|a| {
            let status = version_of(a)
                .map(|v| v.status())
                .unwrap_or(AgreementStatus::Open);
            AgreementRow {
                href: format!("/agreements/{}", a.id),
                kind: label(lang, a.kind.label_ja(), a.kind.label_en()),
                counterparty: names.org(a.counterparty),
                version: a.version,
                status_code: status.code(),
                status: status_label(lang, status),
                reagreement: a.reagreement_reason.clone().unwrap_or_default(),
            }
        })
        .collect();
    let kind = if form.kind.is_empty() {
        AgreementKind::ProviderInstitution.code()
    } else {
        form.kind.as_str()
    };
    let period = match c.period.ends_on() {
        Some(end) => format!(
            "{} 〜 {}",
            dates::format_date(c.period.starts_on(), lang),
            dates::format_date(end, lang)
        ),
        None => format!(
            "{} 〜 {}",
            dates::format_date(c.period.starts_on(), lang),
            ctx.t("contracts.open_ended")
        ),
    };
    let can_open = can(user, Subject::Agreements, Action::Write)
        && user.caller.org().is_none_or(|o| o == c.provider);
    let page = ContractPage {
        chrome: ctx.chrome(
            format!(
                "{} — {}",
                ctx.t("agreements.title"),
                names.offering(c.offering)
            ),
            Nav::Contracts,
        ),
        contract_id: id.to_string(),
        institution: names.org(c.institution),
        provider: names.org(c.provider),
        offering: names.offering(c.offering),
        offering_href: if names.sees_offering(c.offering) {
            format!("/offerings/{}", c.offering)
        } else {
            String::new()
        },
        kind: label(lang, c.kind.label_ja(), c.kind.label_en()),
        period,
        reference: c.reference.clone().unwrap_or_default(),
        rows,
        can_open,
        kinds: AgreementKind::ALL
            .iter()
            .map(|k| Choice::new(k.code(), label(lang, k.label_ja(), k.label_en()), kind))
            .collect(),
        subcontractors: std::iter::once(Choice::new(
            "",
            ctx.t("agreements.subcontractor_none"),
            &form.subcontractor,
        ))
        .chain(
            suppliers
                .iter()
                .map(|s| Choice::new(s.to_string(), names.org(*s), &form.subcontractor)),
        )
        .collect(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /contracts/{id}/agreements`.
pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    contract_page(
        &state,
        &user,
        &raw,
        &OpenForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /contracts/{id}/agreements`: opens an agreement from the duty catalogue.
pub async fn open(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<OpenForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Agreements, Action::Write) {
        return forbidden(ctx);
    }
    let Ok(id) = raw.parse::<ContractId>() else {
        return not_found(ctx, "contract");
    };
    let kind = match AgreementKind::parse_field("kind", &form.kind) {
        Ok(k) => k,
        Err(fe) => {
            let errors = FormErrors::one("kind", super::message(ctx.lang, &fe));
            return contract_page(&state, &user, &raw, &form, errors).await;
        }
    };
    let subcontractor = match form.subcontractor.trim() {
        "" => None,
        s => match OrgId::parse_field("subcontractor", s) {
            Ok(o) => Some(o),
            Err(fe) => {
                let errors = FormErrors::one("subcontractor", super::message(ctx.lang, &fe));
                return contract_page(&state, &user, &raw, &form, errors).await;
            }
        },
    };
    match state
        .app
        .open_agreement(&user.caller, id, kind, subcontractor)
        .await
    {
        Ok(a) => see_other(
            ctx,
            &format!("/agreements/{}", a.id),
            Some((FlashKind::Success, ctx.t("agreements.opened").to_owned())),
        ),
        Err(e) => match form_errors(ctx.lang, &e) {
            Some(errors) => contract_page(&state, &user, &raw, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}

// ── One agreement ───────────────────────────────────────────────────────────────────────

/// One cell of the matrix.
#[derive(Debug, Clone)]
struct MatrixRow {
    phase: &'static str,
    /// The first row of its phase (the phase is shown once).
    first_of_phase: bool,
    duty_key: String,
    title: String,
    responsible: String,
    responsible_code: &'static str,
    reference: String,
    confidence_code: &'static str,
    confidence: String,
    note: String,
}

/// One row of the change form.
#[derive(Debug, Clone)]
struct EditRow {
    index: usize,
    phase: String,
    phase_label: &'static str,
    duty: String,
    title: String,
    title_shown: String,
    options: Vec<Choice>,
    removed: bool,
    /// `responsible_{index}` and its error.
    field: String,
    error: String,
}

#[derive(Debug, Clone)]
struct ConsentRow {
    user: String,
    party: String,
    at: String,
    digest: String,
}

#[derive(Debug, Clone)]
struct VersionRow {
    number: u32,
    created_at: String,
    created_by: String,
    digest: String,
    status: &'static str,
    current: bool,
    consents: Vec<ConsentRow>,
}

#[derive(Template)]
#[template(path = "chain/agreement.html")]
struct AgreementPage {
    chrome: Chrome,
    id: String,
    kind: &'static str,
    provider: String,
    counterparty: String,
    contract_href: String,
    version: u32,
    digest: String,
    digest_short: String,
    status_code: &'static str,
    status: &'static str,
    reagreement: Option<String>,
    matrix: Vec<MatrixRow>,
    gaps: Vec<String>,
    subcontractor_names: Vec<String>,
    versions: Vec<VersionRow>,
    /// The user may agree for a party and has not yet agreed to this version.
    can_agree: bool,
    /// When the user already agreed to this version.
    agreed_at: String,
    agree_error: String,
    can_revise: bool,
    edit: Vec<EditRow>,
    subs: Vec<(String, String)>,
    add_subcontractor: Vec<Choice>,
    phases: Vec<Choice>,
    new_responsible: Vec<Choice>,
    new_duty: String,
    new_title: String,
    errors: FormErrors,
}

/// One row of the posted change form.
#[derive(Debug, Clone, Default)]
struct DraftRow {
    phase: String,
    duty: String,
    title: String,
    responsible: String,
    removed: bool,
}

/// The content of a new version, and for each entry the form row it comes from (`None`:
/// the new duty).
struct Revision {
    entries: Vec<MatrixEntry>,
    subcontractors: Vec<OrgId>,
    origin: Vec<Option<usize>>,
}

/// The posted change form: the matrix rows, the subcontractors named, and one new duty.
#[derive(Debug, Clone, Default)]
struct Draft {
    rows: Vec<DraftRow>,
    subcontractors: Vec<String>,
    add_subcontractor: String,
    new_phase: String,
    new_duty: String,
    new_title: String,
    new_responsible: String,
}

fn responsible_code(r: &Responsible) -> String {
    match r {
        Responsible::Institution => "institution".into(),
        Responsible::Provider => "provider".into(),
        Responsible::Subcontractor { org } => format!("subcontractor:{org}"),
    }
}

fn parse_responsible(field: &str, raw: &str) -> Result<Responsible, FieldError> {
    match raw.trim() {
        "institution" => Ok(Responsible::Institution),
        "provider" => Ok(Responsible::Provider),
        s => {
            match s.strip_prefix("subcontractor:") {
                Some(id) => Ok(Responsible::Subcontractor {
                    org: OrgId::parse_field(field, id)?,
                }),
                None => Err(FieldError::new(field, format!("unknown value `{s}`"))
                    .with_accepted(["institution", "provider", "subcontractor:<id>"])),
            }
        }
    }
}

impl Draft {
    fn from_stored(a: &StoredAgreement) -> Self {
        Draft {
            rows: a
                .entries
                .iter()
                .map(|e| DraftRow {
                    phase: e.phase.code().to_owned(),
                    duty: e.duty.clone(),
                    title: e.title.clone().unwrap_or_default(),
                    responsible: responsible_code(&e.responsible),
                    removed: false,
                })
                .collect(),
            subcontractors: a.subcontractors.iter().map(ToString::to_string).collect(),
            ..Draft::default()
        }
    }

    fn from_form(fields: &[(String, String)]) -> Self {
        let map: HashMap<&str, &str> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let get = |k: &str| map.get(k).copied().unwrap_or_default().to_owned();
        let count = get("rows").trim().parse::<usize>().unwrap_or(0).min(200);
        let rows = (0..count)
            .map(|i| DraftRow {
                phase: get(&format!("phase_{i}")),
                duty: get(&format!("duty_{i}")),
                title: get(&format!("title_{i}")),
                responsible: get(&format!("responsible_{i}")),
                removed: !get(&format!("remove_{i}")).is_empty(),
            })
            .collect();
        let subs = get("subs").trim().parse::<usize>().unwrap_or(0).min(50);
        Draft {
            rows,
            subcontractors: (0..subs).map(|j| get(&format!("sub_{j}"))).collect(),
            add_subcontractor: get("add_subcontractor"),
            new_phase: get("new_phase"),
            new_duty: get("new_duty"),
            new_title: get("new_title"),
            new_responsible: get("new_responsible"),
        }
    }

    /// The content of the new version; errors name the form's fields.
    fn content(&self) -> Result<Revision, FieldError> {
        let mut subs = Vec::new();
        for (j, s) in self.subcontractors.iter().enumerate() {
            subs.push(OrgId::parse_field(&format!("sub_{j}"), s)?);
        }
        if !self.add_subcontractor.trim().is_empty() {
            subs.push(OrgId::parse_field(
                "add_subcontractor",
                &self.add_subcontractor,
            )?);
        }
        let mut entries = Vec::new();
        let mut origin = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            if r.removed {
                continue;
            }
            origin.push(Some(i));
            entries.push(MatrixEntry {
                phase: LifecyclePhase::parse_field(&format!("phase_{i}"), &r.phase)?,
                duty: r.duty.clone(),
                title: Some(r.title.clone()).filter(|t| !t.trim().is_empty()),
                responsible: parse_responsible(&format!("responsible_{i}"), &r.responsible)?,
            });
        }
        if !self.new_duty.trim().is_empty() || !self.new_title.trim().is_empty() {
            origin.push(None);
            entries.push(MatrixEntry {
                phase: LifecyclePhase::parse_field("new_phase", &self.new_phase)?,
                duty: self.new_duty.trim().to_owned(),
                title: Some(self.new_title.clone()).filter(|t| !t.trim().is_empty()),
                responsible: parse_responsible("new_responsible", &self.new_responsible)?,
            });
        }
        Ok(Revision {
            entries,
            subcontractors: subs,
            origin,
        })
    }
}

/// `entries[3].responsible` → `responsible_5` (the form row entry 3 came from), so the
/// message sits next to its select; the new duty's fields are `new_…`.
fn form_field(field: &str, origin: &[Option<usize>]) -> String {
    if let Some(rest) = field.strip_prefix("entries[")
        && let Some((n, name)) = rest.split_once("].")
        && let Ok(i) = n.parse::<usize>()
    {
        return match origin.get(i) {
            Some(Some(row)) => format!("{name}_{row}"),
            _ => format!("new_{name}"),
        };
    }
    field.to_owned()
}

async fn agreement_page(
    state: &AppState,
    user: &SignedIn,
    raw: &str,
    draft: Option<Draft>,
    errors: FormErrors,
    agree_error: String,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let history = match state.app.agreement_history(&user.caller, raw.trim()).await {
        Ok(h) if !h.is_empty() => h,
        Ok(_) => return not_found(ctx, "agreement"),
        Err(e) => return fail(ctx, e),
    };
    let latest = history.last().expect("not empty").clone();
    let version = match version_of(&latest) {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    // Internal agreements of the same provider, for the FAQ 3.1 R3 check.
    let internals = if latest.kind == AgreementKind::ProviderInstitution {
        match state.app.list_agreements(&user.caller, None).await {
            Ok(all) => all
                .iter()
                .filter(|a| a.kind == AgreementKind::Internal && a.org == latest.org)
                .filter_map(|a| version_of(a).ok())
                .collect(),
            Err(e) => return fail(ctx, e),
        }
    } else {
        Vec::new()
    };
    let draft = draft.unwrap_or_else(|| Draft::from_stored(&latest));
    let mut org_ids: Vec<OrgId> = vec![latest.org, latest.counterparty];
    org_ids.extend(latest.subcontractors.iter().copied());
    org_ids.extend(
        history
            .iter()
            .flat_map(|v| v.consents.iter().map(|c| c.party)),
    );
    let draft_subs: Vec<OrgId> = draft
        .subcontractors
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    org_ids.extend(draft_subs.iter().copied());
    // Candidates for a new subcontractor: the partners and providers the user sees.
    let candidates: Vec<(OrgId, String)> = match super::super::common::org_names(state, user).await
    {
        Ok(orgs) => orgs
            .into_iter()
            .filter(|o| {
                matches!(
                    o.org_type.kind(),
                    anzen_domain::org::OrgKind::Partner | anzen_domain::org::OrgKind::Provider
                ) && o.id != latest.org
                    && o.id != latest.counterparty
            })
            .map(|o| (o.id, o.name.to_string()))
            .collect(),
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(state, user, org_ids, []).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let party_name = |r: &Responsible| match r {
        Responsible::Institution => names.org(latest.counterparty),
        Responsible::Provider => names.org(latest.org),
        Responsible::Subcontractor { org } => names.org(*org),
    };
    let content = version.content();
    let mut matrix = Vec::new();
    let mut last_phase = None;
    for e in content.entries() {
        let template = duty_template(&e.duty);
        matrix.push(MatrixRow {
            phase: label(lang, e.phase.label_ja(), e.phase.label_en()),
            first_of_phase: last_phase != Some(e.phase),
            duty_key: e.duty.clone(),
            title: match (&e.title, template) {
                (Some(t), _) => t.clone(),
                (None, Some(t)) => label(lang, t.title_ja, t.title_en).to_owned(),
                (None, None) => e.duty.clone(),
            },
            responsible: format!(
                "{}{}",
                party_name(&e.responsible),
                crate::i18n::paren(
                    lang,
                    label(
                        lang,
                        e.responsible.kind().label_ja(),
                        e.responsible.kind().label_en()
                    )
                )
            ),
            responsible_code: e.responsible.kind().code(),
            reference: template.map(|t| t.reference.to_owned()).unwrap_or_default(),
            confidence_code: template.map_or("own", |t| t.confidence.code()),
            confidence: template
                .map(|t| label(lang, t.confidence.label_ja(), t.confidence.label_en()).to_owned())
                .unwrap_or_else(|| ctx.t("agreements.own_duty").to_owned()),
            note: template.and_then(|t| t.note).unwrap_or_default().to_owned(),
        });
        last_phase = Some(e.phase);
    }
    let mut gaps: Vec<String> = coverage_gaps(content)
        .iter()
        .map(|(p, f)| {
            format!(
                "{}: {}",
                label(lang, p.label_ja(), p.label_en()),
                cited(lang, &f.rule)
            )
        })
        .collect();
    gaps.extend(
        internal_agreement_gaps(content, &internals)
            .iter()
            .map(|g| {
                format!(
                    "{} — {} / {}: {} {}",
                    names.org(g.subcontractor),
                    label(lang, g.phase.label_ja(), g.phase.label_en()),
                    g.duty,
                    label(lang, g.kind.label_ja(), g.kind.label_en()),
                    cited(lang, &g.rule)
                )
            }),
    );
    let versions: Vec<VersionRow> = history
        .iter()
        .rev()
        .map(|v| {
            let status = version_of(v)
                .map(|x| x.status())
                .unwrap_or(AgreementStatus::Open);
            VersionRow {
                number: v.version,
                created_at: dates::format_timestamp(v.created_at, lang),
                created_by: crate::ui::audit_text::actor(lang, &v.created_by, &Default::default()),
                digest: v.digest.chars().take(12).collect(),
                status: status_label(lang, status),
                current: v.version == latest.version,
                consents: v
                    .consents
                    .iter()
                    .map(|c| ConsentRow {
                        user: c.user_name.clone(),
                        party: names.org(c.party),
                        at: dates::format_timestamp(c.at, lang),
                        digest: c.digest.chars().take(12).collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let (can_agree, agreed_at) = match &user.caller {
        Caller::User(p) if content.is_party(p.org) && p.role != Role::Auditor => {
            match latest.consents.iter().find(|c| c.user == p.user) {
                Some(c) => (false, dates::format_timestamp(c.at, lang)),
                None => (true, String::new()),
            }
        }
        _ => (false, String::new()),
    };
    let can_revise = can(user, Subject::Agreements, Action::Write)
        && user.caller.org().is_none_or(|o| o == latest.org);
    // The parties a duty can be given to.
    let mut options: Vec<(String, String)> = Vec::new();
    if latest.kind == AgreementKind::ProviderInstitution {
        options.push((
            "institution".into(),
            format!(
                "{}{}",
                names.org(latest.counterparty),
                crate::i18n::paren(lang, ctx.t("agreements.party.institution"))
            ),
        ));
    }
    options.push((
        "provider".into(),
        format!(
            "{}{}",
            names.org(latest.org),
            crate::i18n::paren(lang, ctx.t("agreements.party.provider"))
        ),
    ));
    let sub_ids: Vec<OrgId> = if latest.kind == AgreementKind::Internal {
        vec![latest.counterparty]
    } else {
        draft_subs.clone()
    };
    for s in &sub_ids {
        options.push((
            format!("subcontractor:{s}"),
            format!(
                "{}{}",
                names.org(*s),
                crate::i18n::paren(lang, ctx.t("agreements.party.subcontractor"))
            ),
        ));
    }
    let choices = |current: &str| -> Vec<Choice> {
        options
            .iter()
            .map(|(v, l)| Choice::new(v.clone(), l.clone(), current))
            .collect()
    };
    let edit = draft
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let p = LifecyclePhase::parse_field("phase", &r.phase).ok();
            let shown = if !r.title.trim().is_empty() {
                r.title.clone()
            } else {
                duty_template(&r.duty)
                    .map(|t| label(lang, t.title_ja, t.title_en).to_owned())
                    .unwrap_or_else(|| r.duty.clone())
            };
            EditRow {
                index: i,
                phase: r.phase.clone(),
                phase_label: p.map_or("", |p| label(lang, p.label_ja(), p.label_en())),
                duty: r.duty.clone(),
                title: r.title.clone(),
                title_shown: shown,
                options: choices(&r.responsible),
                removed: r.removed,
                field: format!("responsible_{i}"),
                error: errors.get(&format!("responsible_{i}")).to_owned(),
            }
        })
        .collect();
    let page = AgreementPage {
        chrome: ctx.chrome(
            format!(
                "{} — {}",
                label(lang, latest.kind.label_ja(), latest.kind.label_en()),
                names.org(latest.counterparty)
            ),
            Nav::Contracts,
        ),
        id: latest.id.clone(),
        kind: label(lang, latest.kind.label_ja(), latest.kind.label_en()),
        provider: names.org(latest.org),
        counterparty: names.org(latest.counterparty),
        contract_href: latest
            .contract
            .map(|c| format!("/contracts/{c}/agreements"))
            .unwrap_or_default(),
        version: latest.version,
        digest: latest.digest.clone(),
        digest_short: latest.digest.chars().take(12).collect(),
        status_code: version.status().code(),
        status: status_label(lang, version.status()),
        reagreement: latest.reagreement_reason.clone(),
        matrix,
        gaps,
        subcontractor_names: latest
            .subcontractors
            .iter()
            .map(|s| names.org(*s))
            .collect(),
        versions,
        can_agree,
        agreed_at,
        agree_error,
        can_revise,
        edit,
        subs: draft_subs
            .iter()
            .map(|s| (s.to_string(), names.org(*s)))
            .collect(),
        add_subcontractor: std::iter::once(Choice::new(
            "",
            ctx.t("agreements.subcontractor_none"),
            &draft.add_subcontractor,
        ))
        .chain(
            candidates
                .iter()
                .filter(|(o, _)| !draft_subs.contains(o))
                .map(|(o, n)| Choice::new(o.to_string(), n.clone(), &draft.add_subcontractor)),
        )
        .collect(),
        phases: LifecyclePhase::ALL
            .iter()
            .map(|p| {
                Choice::new(
                    p.code(),
                    label(lang, p.label_ja(), p.label_en()),
                    &draft.new_phase,
                )
            })
            .collect(),
        new_responsible: choices(&draft.new_responsible),
        new_duty: draft.new_duty.clone(),
        new_title: draft.new_title.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() && page.agree_error.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /agreements/{id}`.
pub async fn show(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    if raw.parse::<uuid::Uuid>().is_err() {
        return not_found(&user.ctx, "agreement");
    }
    agreement_page(
        &state,
        &user,
        &raw,
        None,
        FormErrors::default(),
        String::new(),
    )
    .await
}

/// `POST /agreements/{id}`: a new version with changed responsibilities (reopens agreement).
pub async fn revise(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Agreements, Action::Write) {
        return forbidden(ctx);
    }
    if raw.parse::<uuid::Uuid>().is_err() {
        return not_found(ctx, "agreement");
    }
    let draft = Draft::from_form(&fields);
    let revision = match draft.content() {
        Ok(c) => c,
        Err(fe) => {
            let errors = FormErrors::one(&fe.field, super::message(ctx.lang, &fe));
            return agreement_page(&state, &user, &raw, Some(draft), errors, String::new()).await;
        }
    };
    match state
        .app
        .revise_agreement(
            &user.caller,
            raw.trim(),
            revision.entries,
            revision.subcontractors,
        )
        .await
    {
        Ok(a) => see_other(
            ctx,
            &format!("/agreements/{}", a.id),
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("agreements.revised"), a.version),
            )),
        ),
        Err(AppError::Invalid(fe)) => {
            let field = form_field(&fe.field, &revision.origin);
            let errors = FormErrors::one(&field, super::message(ctx.lang, &fe));
            agreement_page(&state, &user, &raw, Some(draft), errors, String::new()).await
        }
        Err(e) => fail(ctx, e),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AgreeForm {
    #[serde(default)]
    digest: String,
}

/// `POST /agreements/{id}/agree`: a named user agrees to the version shown.
pub async fn agree(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
    Form(form): Form<AgreeForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Agreements, Action::Read) {
        return forbidden(ctx);
    }
    if raw.parse::<uuid::Uuid>().is_err() {
        return not_found(ctx, "agreement");
    }
    match state
        .app
        .agree(&user.caller, raw.trim(), &form.digest)
        .await
    {
        Ok(a) => see_other(
            ctx,
            &format!("/agreements/{}", a.id),
            Some((FlashKind::Success, ctx.t("agreements.agreed").to_owned())),
        ),
        Err(AppError::Invalid(fe)) => {
            let message = super::message(ctx.lang, &fe);
            agreement_page(&state, &user, &raw, None, FormErrors::default(), message).await
        }
        Err(e) => fail(ctx, e),
    }
}
