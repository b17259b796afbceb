//! The audit trail: the entries the user's role may read, filtered by actor, action, object
//! type and dates (Japan time), and the CSV export of the filtered entries with every column.

use anzen_app::AppError;
use anzen_app::ports::{AuditQuery, Page};
use anzen_domain::access::{Action, Subject};
use anzen_domain::audit::AuditEntry;
use anzen_domain::contract::parse_date;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;

use std::collections::HashMap;

use super::audit_text;
use super::chrome::{Chrome, Nav};
use super::common::{
    FormErrors, Names, Paging, can, csv_download, fail, forbidden, href_with, page_number, window,
};
use super::{render, render_status};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;

/// The object types anzen records (every `object_type` of the use-cases' audit events; a
/// test checks that the demo's trail holds none other).
pub(crate) const OBJECT_TYPES: &[&str] = &[
    "agreement",
    "api_token",
    "certification",
    "certification_exemption",
    "component",
    "contract",
    "control_catalogue",
    "control_statement",
    "device",
    "disclosure",
    "document",
    "incident",
    "information_flow",
    "mhlw_checklist",
    "mhlw_checklist_edition",
    "notification",
    "offering",
    "operational_rules",
    "organisation",
    "provider_control",
    "risk",
    "risk_matrix",
    "safety_evaluation",
    "supply_link",
    "tech_notice",
    "user",
];

/// A code with its name in the page's language, for the filter.
#[derive(Debug, Clone)]
struct Coded {
    code: &'static str,
    label: String,
}

#[derive(Debug, Clone)]
struct Row {
    seq: i64,
    at: String,
    actor: String,
    action: String,
    object_type: String,
    object_id: String,
    org: String,
    summary: String,
    hash: String,
}

#[derive(Template)]
#[template(path = "audit/list.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    paging: Paging,
    csv_href: String,
    actor: String,
    action: String,
    object_type: String,
    from: String,
    to: String,
    actions: Vec<Coded>,
    object_types: Vec<Coded>,
    errors: FormErrors,
    filtered: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct AuditFilter {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    object_type: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    page: String,
}

/// The start of `day` in Japan time.
fn start_of(day: Date) -> Option<Timestamp> {
    day.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .ok()
        .map(|z| z.timestamp())
}

impl AuditFilter {
    fn filters(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("actor", self.actor.trim()),
            ("action", self.action.trim()),
            ("object_type", self.object_type.trim()),
            ("from", self.from.trim()),
            ("to", self.to.trim()),
        ]
    }

    /// The query; `from` and `to` are days in Japan time, both included.
    fn query(&self) -> Result<AuditQuery, anzen_domain::FieldError> {
        let day = |field: &str, raw: &str| -> Result<Option<Date>, anzen_domain::FieldError> {
            match raw.trim() {
                "" => Ok(None),
                v => parse_date(field, v).map(Some),
            }
        };
        let from = day("from", &self.from)?;
        let to = day("to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to)
            && t < f
        {
            return Err(anzen_domain::FieldError::new(
                "to",
                format!("the end ({t}) is before the start ({f})"),
            ));
        }
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        Ok(AuditQuery {
            actor: text(&self.actor),
            action: text(&self.action),
            object_type: text(&self.object_type),
            object_id: None,
            from: from.and_then(start_of),
            to: to.and_then(|d| d.tomorrow().ok()).and_then(start_of),
        })
    }
}

pub async fn list(
    State(state): State<AppState>,
    user: SignedIn,
    Query(f): Query<AuditFilter>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::AuditTrail, Action::Read) {
        return forbidden(ctx);
    }
    let page = page_number(&f.page);
    let filters = f.filters();
    let (listed, errors) = match f.query() {
        Ok(q) => match state.app.list_audit(&user.caller, &q, window(page)).await {
            Ok(l) => (Some(l), FormErrors::default()),
            Err(e) => return fail(ctx, e),
        },
        Err(fe) => (None, FormErrors::from_field_error(ctx.lang, &fe)),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        listed
            .iter()
            .flat_map(|l| l.rows.iter().filter_map(|e| e.org)),
        [],
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    // Users by login, for the actor column (a reader who may not list users sees logins).
    let users: HashMap<String, String> = match state.app.list_users(&user.caller, Page::all()).await
    {
        Ok(l) => l
            .rows
            .into_iter()
            .map(|u| (u.login.to_string(), u.display_name.to_string()))
            .collect(),
        Err(_) => HashMap::new(),
    };
    let lang = ctx.lang;
    let total = listed.as_ref().map_or(0, |l| l.total);
    let rows = listed
        .iter()
        .flat_map(|l| l.rows.iter())
        .map(|e| Row {
            seq: e.seq,
            at: dates::format_timestamp(e.at, ctx.lang),
            actor: audit_text::actor(lang, &e.actor, &users),
            action: audit_text::action(lang, &e.action),
            object_type: audit_text::object_type(lang, &e.object_type),
            object_id: e.object_id.clone(),
            org: e.org.map(|o| names.org(o)).unwrap_or_default(),
            summary: audit_text::summary(lang, &e.action, &e.summary),
            hash: e.hash.chars().take(12).collect(),
        })
        .collect();
    let page = ListPage {
        chrome: ctx.chrome(ctx.t("nav.audit"), Nav::Audit),
        rows,
        total,
        paging: Paging::new("/audit", &filters, page, total),
        csv_href: href_with("/audit.csv", &filters),
        actor: f.actor.trim().to_owned(),
        action: f.action.trim().to_owned(),
        object_type: f.object_type.trim().to_owned(),
        from: f.from.trim().to_owned(),
        to: f.to.trim().to_owned(),
        actions: audit_text::ACTIONS
            .iter()
            .map(|&code| Coded {
                code,
                label: audit_text::action(lang, code),
            })
            .collect(),
        object_types: OBJECT_TYPES
            .iter()
            .map(|&code| Coded {
                code,
                label: audit_text::object_type(lang, code),
            })
            .collect(),
        filtered: filters.iter().any(|(_, v)| !v.is_empty()),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /audit.csv`: every entry of the filtered trail, with every column (hashes and
/// signatures included), oldest first.
pub async fn csv(
    State(state): State<AppState>,
    user: SignedIn,
    Query(f): Query<AuditFilter>,
) -> Response {
    let ctx = &user.ctx;
    let q = match f.query() {
        Ok(q) => q,
        Err(fe) => return fail(ctx, AppError::Invalid(fe)),
    };
    let listed = match state.app.list_audit(&user.caller, &q, Page::all()).await {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let rows: Vec<Vec<String>> = listed
        .rows
        .iter()
        .rev()
        .map(|e: &AuditEntry| {
            vec![
                e.seq.to_string(),
                anzen_domain::audit::canonical_time(e.at),
                e.actor.clone(),
                e.actor_user.map(|u| u.to_string()).unwrap_or_default(),
                e.org.map(|o| o.to_string()).unwrap_or_default(),
                e.action.clone(),
                e.object_type.clone(),
                e.object_id.clone(),
                opt(&e.before_digest),
                opt(&e.after_digest),
                e.summary.clone(),
                e.prev_hash.clone(),
                e.hash.clone(),
                e.signature.clone(),
                e.key_id.clone(),
            ]
        })
        .collect();
    csv_download(
        ctx,
        "audit.csv",
        &[
            "seq",
            "at",
            "actor",
            "actor_user",
            "org",
            "action",
            "object_type",
            "object_id",
            "before_digest",
            "after_digest",
            "summary",
            "prev_hash",
            "hash",
            "signature",
            "key_id",
        ],
        &rows,
    )
}
