//! The notifications the user's organisation sent (FAQ 2.1 R5): each change announced or
//! recorded, with every recipient, why it was told, the mail delivery (with the error of a
//! failed one) and who acknowledged it when, so that the sender can follow up.

use anzen_app::ports::SentTo;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use super::notifications::{
    InboxQuery, acknowledgement, changed_offering, mail_label, reasons, shown_change,
};
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
    let names = match Names::for_ids(
        &state,
        &user,
        std::iter::empty(),
        listed
            .rows
            .iter()
            .filter_map(|s| changed_offering(&s.notification)),
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
            let (change, change_href) = shown_change(lang, n, &names);
            SentRow {
                id: n.id.clone(),
                at: dates::format_timestamp(n.created_at, lang),
                by: actor(lang, &n.created_by, &Default::default()),
                change,
                change_href,
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
                        acknowledged: acknowledgement(lang, r),
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
