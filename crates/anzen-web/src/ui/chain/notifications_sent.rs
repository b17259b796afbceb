//! The notifications the user's organisation sent (FAQ 2.1 R5): each change announced or
//! recorded, with every recipient, why it was told, the mail delivery (with the error of a
//! failed one) and who acknowledged it when, so that the sender can follow up.

use anzen_app::ports::{SentNotification, SentTo};
use anzen_domain::ids::OfferingId;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::notifications::{InboxQuery, change_label, mail_label, reasons};
use crate::AppState;
use crate::dates;
use crate::extract::SignedIn;
use crate::ui::audit_text::actor;
use crate::ui::chrome::{Chrome, Nav};
use crate::ui::common::{Names, Paging, fail, page_number, window};
use crate::ui::render;

#[derive(Debug, Clone)]
struct RecipientRow {
    org: String,
    reasons: Vec<&'static str>,
    mail_code: String,
    mail: &'static str,
    mail_error: String,
    acknowledged: String,
}

#[derive(Debug, Clone)]
struct SentRow {
    id: String,
    at: String,
    by: String,
    change: String,
    change_href: String,
    summary: String,
    acknowledged: usize,
    recipients: Vec<RecipientRow>,
}

#[derive(Template)]
#[template(path = "chain/notifications_sent.html")]
struct SentPage {
    chrome: Chrome,
    rows: Vec<SentRow>,
    total: i64,
    paging: Paging,
}

/// `GET /notifications/sent`.
pub async fn sent(
    State(state): State<AppState>,
    user: SignedIn,
    Query(q): Query<InboxQuery>,
) -> Response {
    let ctx = &user.ctx;
    let lang = ctx.lang;
    let page = page_number(q.page());
    let listed = match state
        .app
        .sent_notifications(&user.caller, window(page))
        .await
    {
        Ok(l) => l,
        Err(anzen_app::AppError::Forbidden(_)) => anzen_app::ports::Listed {
            rows: Vec::new(),
            total: 0,
            page: window(page),
        },
        Err(e) => return fail(ctx, e),
    };
    let offering_of = |s: &SentNotification| {
        (s.notification.change_kind == "offering")
            .then(|| s.notification.change_ref.parse::<OfferingId>().ok())
            .flatten()
    };
    let names = match Names::for_ids(
        &state,
        &user,
        std::iter::empty(),
        listed.rows.iter().filter_map(offering_of),
    )
    .await
    {
        Ok(n) => n,
        Err(e) => return fail(ctx, e),
    };
    let rows = listed
        .rows
        .iter()
        .map(|s| {
            let n = &s.notification;
            let offering = offering_of(s);
            SentRow {
                id: n.id.clone(),
                at: dates::format_timestamp(n.created_at, lang),
                by: actor(lang, &n.created_by, &Default::default()),
                change: match offering {
                    Some(o) => format!(
                        "{}: {}",
                        change_label(lang, &n.change_kind),
                        names.offering(o)
                    ),
                    None => change_label(lang, &n.change_kind).to_owned(),
                },
                change_href: if n.change_kind == "incident" {
                    format!("/incidents/{}", n.change_ref)
                } else {
                    offering
                        .filter(|o| names.sees_offering(*o))
                        .map(|o| format!("/offerings/{o}/chain"))
                        .unwrap_or_default()
                },
                summary: crate::i18n::japanese_side(lang, &n.summary).to_owned(),
                acknowledged: s
                    .recipients
                    .iter()
                    .filter(|r| r.recipient.acknowledged_at.is_some())
                    .count(),
                recipients: s
                    .recipients
                    .iter()
                    .map(|SentTo { recipient: r, name }| RecipientRow {
                        org: name.clone(),
                        reasons: reasons(lang, &r.reasons),
                        mail_code: r.mail_status.clone(),
                        mail: mail_label(lang, &r.mail_status),
                        mail_error: r.mail_error.clone().unwrap_or_default(),
                        acknowledged: match (&r.acknowledged_by, r.acknowledged_at) {
                            (Some(by), Some(at)) => format!(
                                "{} · {}",
                                dates::format_timestamp(at, lang),
                                actor(lang, by, &Default::default())
                            ),
                            _ => String::new(),
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    let page = SentPage {
        chrome: ctx.chrome(ctx.t("notifications.sent.title"), Nav::Notifications),
        rows,
        total: listed.total,
        paging: Paging::new("/notifications/sent", &[], page, listed.total),
    };
    render(ctx, &page)
}
