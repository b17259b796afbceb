//! Change notifications (FAQ 2.1 R5): the inbox of the user's organisation (every role):
//! the change, why the organisation is affected, the mail status and the acknowledgement;
//! and the form with which a provider or a partner announces a change of one of its
//! offerings or of its organisation to every party it reaches through the chain.

use anzen_app::AppError;
use anzen_app::ports::{Inbox, Notification, OfferingQuery, Page, Recipient};
use anzen_domain::access::{Action, Role, Subject};
use anzen_domain::chain::ImpactKind;
use anzen_domain::ids::{OfferingId, OrgId};
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
use crate::ui::common::{
    Choice, FormErrors, Names, Paging, can, fail, forbidden, label, page_number, window,
};
use crate::ui::{render, render_status, see_other};

#[derive(Debug, Clone)]
struct Row {
    id: String,
    at: String,
    from: String,
    change: String,
    change_href: String,
    summary: String,
    reasons: Vec<&'static str>,
    mail_code: String,
    mail: &'static str,
    acknowledged: String,
}

#[derive(Template)]
#[template(path = "chain/notifications.html")]
struct InboxPage {
    chrome: Chrome,
    rows: Vec<Row>,
    total: i64,
    unacknowledged: usize,
    paging: Paging,
    can_acknowledge: bool,
    can_announce: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    page: String,
}

impl InboxQuery {
    /// The requested page number, as written.
    pub(super) fn page(&self) -> &str {
        &self.page
    }
}

/// The offering a notification is about, when it is about one.
pub(super) fn changed_offering(n: &Notification) -> Option<OfferingId> {
    (n.change_kind == "offering")
        .then(|| n.change_ref.parse().ok())
        .flatten()
}

/// The change as shown (its kind, and the offering's name when it is about one) and where it
/// leads: the incident, or the offering's chain when the reader sees the offering.
pub(super) fn shown_change(lang: Lang, n: &Notification, names: &Names) -> (String, String) {
    let offering = changed_offering(n);
    let label = change_label(lang, &n.change_kind);
    let change = match offering {
        Some(o) => format!("{label}: {}", names.offering(o)),
        None => label.to_owned(),
    };
    let href = if n.change_kind == "incident" {
        format!("/incidents/{}", n.change_ref)
    } else {
        offering
            .filter(|o| names.sees_offering(*o))
            .map(|o| format!("/offerings/{o}/chain"))
            .unwrap_or_default()
    };
    (change, href)
}

/// When and by whom a recipient acknowledged a notification; empty while it has not.
pub(super) fn acknowledgement(lang: Lang, r: &Recipient) -> String {
    match (&r.acknowledged_by, r.acknowledged_at) {
        (Some(by), Some(at)) => format!(
            "{} · {}",
            dates::format_timestamp(at, lang),
            crate::ui::audit_text::actor(lang, by, &Default::default())
        ),
        _ => String::new(),
    }
}

/// The change kind of a notification, as shown.
fn change_label(lang: Lang, kind: &str) -> &'static str {
    crate::i18n::t(
        lang,
        match kind {
            "offering" => "notifications.change.offering",
            "supply_link" => "notifications.change.supply_link",
            "contract" => "notifications.change.contract",
            "incident" => "notifications.change.incident",
            _ => "notifications.change.organisation",
        },
    )
}

pub(super) fn mail_label(lang: Lang, status: &str) -> &'static str {
    crate::i18n::t(
        lang,
        match status {
            "queued" => "notifications.mail.queued",
            "sent" => "notifications.mail.sent",
            "failed" => "notifications.mail.failed",
            _ => "notifications.mail.none",
        },
    )
}

/// The reasons of a recipient (impact kinds, comma-separated) as labels.
pub(super) fn reasons(lang: Lang, codes: &str) -> Vec<&'static str> {
    codes
        .split(',')
        .filter_map(|c| ImpactKind::parse_field("reasons", c.trim()).ok())
        .map(|k| label(lang, k.label_ja(), k.label_en()))
        .collect()
}

/// Auditors read the inbox; they do not acknowledge.
fn may_acknowledge(user: &SignedIn) -> bool {
    match &user.caller {
        anzen_app::Caller::User(p) => p.role != Role::Auditor,
        anzen_app::Caller::Operator { org, .. } => org.is_some(),
    }
}

/// `GET /notifications`.
pub async fn inbox(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<InboxQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = page_number(&q.page);
    let listed = match state.app.inbox(&user.caller, window(page)).await {
        Ok(l) => l,
        Err(e) => return fail(ctx, e),
    };
    let unacknowledged = match unacknowledged(&state, &user).await {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let names = match Names::for_ids(
        &state,
        &user,
        listed.rows.iter().map(|i| i.notification.org),
        listed
            .rows
            .iter()
            .filter_map(|i| changed_offering(&i.notification)),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let rows = listed
        .rows
        .iter()
        .map(
            |Inbox {
                 notification: n,
                 recipient: r,
             }| {
                let (change, change_href) = shown_change(lang, n, &names);
                Row {
                    id: n.id.clone(),
                    at: dates::format_timestamp(n.created_at, lang),
                    from: names.org(n.org),
                    change,
                    change_href,
                    summary: crate::i18n::japanese_side(lang, &n.summary).to_owned(),
                    reasons: reasons(lang, &r.reasons),
                    mail_code: r.mail_status.clone(),
                    mail: mail_label(lang, &r.mail_status),
                    acknowledged: acknowledgement(lang, r),
                }
            },
        )
        .collect();
    let page = InboxPage {
        chrome: ctx.chrome(ctx.t("nav.notifications"), Nav::Notifications),
        rows,
        total: listed.total,
        unacknowledged,
        paging: Paging::new("/notifications", &[], page, listed.total),
        can_acknowledge: may_acknowledge(&user),
        can_announce: can(&user, Subject::Offerings, Action::Write),
    };
    render(ctx, &page)
}

/// How many notifications to the user's organisation are not yet acknowledged (0 when the
/// user has no organisation).
pub async fn unacknowledged(state: &AppState, user: &SignedIn) -> Result<usize, AppError> {
    match state.app.unacknowledged_notifications(&user.caller).await {
        Ok(n) => Ok(usize::try_from(n).unwrap_or(0)),
        Err(AppError::Forbidden(_)) => Ok(0),
        Err(e) => Err(e),
    }
}

/// `POST /notifications/{id}/acknowledge`.
pub async fn acknowledge(
    State(state): State<AppState>,
    user: SignedIn,
    Path(raw): Path<String>,
) -> Response {
    let ctx = &user.ctx;
    if !may_acknowledge(&user) {
        return forbidden(ctx);
    }
    if raw.parse::<uuid::Uuid>().is_err() {
        return crate::ui::common::not_found(ctx, "notification");
    }
    match state
        .app
        .acknowledge_notification(&user.caller, raw.trim())
        .await
    {
        Ok(()) => see_other(
            ctx,
            "/notifications",
            Some((
                FlashKind::Success,
                ctx.t("notifications.acknowledged_flash").to_owned(),
            )),
        ),
        Err(e) => fail(ctx, e),
    }
}

// ── Announcing a change ─────────────────────────────────────────────────────────────────

#[derive(Template)]
#[template(path = "chain/announce.html")]
struct AnnouncePage {
    chrome: Chrome,
    kinds: Vec<Choice>,
    offerings: Vec<Choice>,
    summary: String,
    errors: FormErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct AnnounceForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    offering: String,
    #[serde(default)]
    summary: String,
}

async fn announce_page(
    state: &AppState,
    user: &SignedIn,
    form: &AnnounceForm,
    errors: FormErrors,
) -> Response {
    let ctx = &user.ctx;
    let own: Option<OrgId> = user.caller.org();
    let offerings = match state
        .app
        .list_offerings(&user.caller, &OfferingQuery::default(), Page::all())
        .await
    {
        Ok(l) => l.rows,
        Err(e) => return fail(ctx, e),
    };
    let kind = if form.kind.is_empty() {
        "offering"
    } else {
        form.kind.as_str()
    };
    let page = AnnouncePage {
        chrome: ctx.chrome(ctx.t("notifications.announce"), Nav::Notifications),
        kinds: vec![
            Choice::new("offering", ctx.t("notifications.kind.offering"), kind),
            Choice::new(
                "organisation",
                ctx.t("notifications.kind.organisation"),
                kind,
            ),
        ],
        offerings: std::iter::once(Choice::new("", ctx.t("form.choose"), &form.offering))
            .chain(
                offerings
                    .iter()
                    .filter(|o| own.is_none_or(|own| o.provider == own))
                    .map(|o| Choice::new(o.id.to_string(), o.name.to_string(), &form.offering)),
            )
            .collect(),
        summary: form.summary.clone(),
        errors: errors.clone(),
    };
    if errors.is_empty() {
        render(ctx, &page)
    } else {
        render_status(ctx, StatusCode::UNPROCESSABLE_ENTITY, &page)
    }
}

/// `GET /notifications/new`.
pub async fn announce_form(State(state): State<AppState>, user: SignedIn) -> Response {
    if !can(&user, Subject::Offerings, Action::Write) {
        return forbidden(&user.ctx);
    }
    announce_page(
        &state,
        &user,
        &AnnounceForm::default(),
        FormErrors::default(),
    )
    .await
}

/// `POST /notifications`: notifies every party the change reaches.
pub async fn announce(
    State(state): State<AppState>,
    user: SignedIn,
    Form(form): Form<AnnounceForm>,
) -> Response {
    let ctx = &user.ctx;
    if !can(&user, Subject::Offerings, Action::Write) {
        return forbidden(ctx);
    }
    match state
        .app
        .announce_change(&user.caller, &form.kind, &form.offering, &form.summary)
        .await
    {
        Ok((_, recipients)) => see_other(
            ctx,
            "/notifications",
            Some((
                FlashKind::Success,
                format!("{} {}", ctx.t("notifications.announced"), recipients.len()),
            )),
        ),
        Err(AppError::Invalid(mut fe)) => {
            if fe.field == "reference" {
                fe.field = "offering".into();
            }
            let errors = FormErrors::one(&fe.field, super::message(ctx.lang, &fe));
            announce_page(&state, &user, &form, errors).await
        }
        Err(e) => match form_errors(ctx.lang, &e) {
            Some(errors) => announce_page(&state, &user, &form, errors).await,
            None => fail(ctx, e),
        },
    }
}
