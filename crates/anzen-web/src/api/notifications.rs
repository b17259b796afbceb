//! Change notifications (FAQ 2.1 R5): the caller's organisation's inbox, announcing a
//! change to every party it reaches through the chain (in the app and by mail from the job
//! queue), and acknowledging a notification.

use anzen_app::AppError;
use anzen_app::ports::Inbox;
use anzen_domain::FieldError;
use anzen_domain::chain as d;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::chain::api_error;
use super::enums::mirror_enum;
use super::extract::{Body, PathId, Query, page};
use super::list::{PageParams, list_of};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

mirror_enum! {
    /// Why an organisation is affected by a change.
    ImpactKind => d::ImpactKind {
        Origin = "origin",
        LinkParty = "link_party",
        ContractParty = "contract_party",
        BuildsOn = "builds_on",
        Contracts = "contracts",
        ReliesOnContract = "relies_on_contract",
    }
}

/// What a notification is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Offering,
    SupplyLink,
    Contract,
    Organisation,
    /// An incident reported to the institutions it affects (GL 3.2); `change_ref` is its id.
    Incident,
}

/// What an announcement is about: one of the caller's offerings, or its organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    Offering,
    Organisation,
}

/// What became of a recipient's mail: `none` (no address or no mailer), `queued`, `sent`,
/// `failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    None,
    Queued,
    Sent,
    Failed,
}

fn mail_status(s: &str) -> MailStatus {
    match s {
        "queued" => MailStatus::Queued,
        "sent" => MailStatus::Sent,
        "failed" => MailStatus::Failed,
        _ => MailStatus::None,
    }
}

fn change_kind(s: &str) -> ChangeKind {
    match s {
        "offering" => ChangeKind::Offering,
        "supply_link" => ChangeKind::SupplyLink,
        "contract" => ChangeKind::Contract,
        "incident" => ChangeKind::Incident,
        _ => ChangeKind::Organisation,
    }
}

fn reasons(codes: &str) -> Vec<ImpactKind> {
    codes
        .split(',')
        .filter_map(|c| d::ImpactKind::parse_field("reasons", c.trim()).ok())
        .map(Into::into)
        .collect()
}

fn uuid_of(raw: &str) -> Result<Uuid, AppError> {
    Uuid::try_parse(raw)
        .map_err(|_| AppError::Internal(format!("notification id {raw} is not a UUID")))
}

/// A notification as the caller's organisation received it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InboxEntry {
    /// The notification's id.
    pub id: Uuid,
    /// The organisation whose change it is.
    pub from: Uuid,
    pub change: ChangeKind,
    /// The id of what changed.
    pub change_ref: String,
    pub summary: String,
    pub created_by: String,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
    /// Why the caller's organisation is affected.
    pub reasons: Vec<ImpactKind>,
    pub mail_status: MailStatus,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub mailed_at: Option<jiff::Timestamp>,
    pub acknowledged_by: Option<String>,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub acknowledged_at: Option<jiff::Timestamp>,
}

impl TryFrom<&Inbox> for InboxEntry {
    type Error = AppError;

    fn try_from(i: &Inbox) -> Result<Self, AppError> {
        let (n, r) = (&i.notification, &i.recipient);
        Ok(InboxEntry {
            id: uuid_of(&n.id)?,
            from: *n.org.as_uuid(),
            change: change_kind(&n.change_kind),
            change_ref: n.change_ref.clone(),
            summary: n.summary.clone(),
            created_by: n.created_by.clone(),
            created_at: n.created_at,
            reasons: reasons(&r.reasons),
            mail_status: mail_status(&r.mail_status),
            mailed_at: r.mailed_at,
            acknowledged_by: r.acknowledged_by.clone(),
            acknowledged_at: r.acknowledged_at,
        })
    }
}

list_of!(
    /// A page of the inbox, newest first.
    InboxList of InboxEntry
);

/// A change to announce.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    pub kind: AnnouncementKind,
    /// The changed offering (one of the caller's), for `offering`.
    #[serde(default)]
    pub offering: Option<Uuid>,
    /// What changes, as the affected parties read it (up to 500 characters).
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub summary: String,
}

/// An organisation the announcement reached.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotifiedParty {
    pub org: Uuid,
    pub reasons: Vec<ImpactKind>,
    pub mail_status: MailStatus,
}

/// The announcement and whom it reached (none: nothing is recorded).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Announced {
    pub id: Uuid,
    pub change: ChangeKind,
    pub change_ref: String,
    pub summary: String,
    pub recipients: Vec<NotifiedParty>,
}

/// The inbox
///
/// The notifications sent to the caller's organisation (every role): the change, why the
/// organisation is affected, the mail status and the acknowledgement.
#[utoipa::path(
    get,
    path = "/notifications",
    tag = "notifications",
    operation_id = "list_notifications",
    security(("bearer" = [])),
    params(PageParams),
    responses((status = 200, description = "A page of the inbox", body = InboxList)),
)]
pub async fn inbox(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<PageParams>,
) -> Result<Json<InboxList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let listed = state.app.inbox(&caller, page).await?;
    Ok(Json(InboxList {
        items: listed
            .rows
            .iter()
            .map(InboxEntry::try_from)
            .collect::<Result<_, _>>()?,
        total: listed.total,
        limit: listed.page.limit,
        offset: listed.page.offset,
    }))
}

/// Announce a change
///
/// Notifies every party a change of one of the caller's offerings, or of the caller's
/// organisation, reaches through the chain (FAQ 2.1 R5): the providers of the offerings
/// built on it and the institutions contracting any of them; marks their agreements as
/// needing re-agreement; mails their users from the job queue. Providers and partners only.
#[utoipa::path(
    post,
    path = "/notifications",
    tag = "notifications",
    operation_id = "announce_change",
    security(("bearer" = [])),
    request_body = Announcement,
    responses(
        (status = 201, description = "Announced", body = Announced),
        (status = 403, description = "Institutions and auditors do not announce (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn announce(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<Announcement>,
) -> Result<Response, Problem> {
    let missing_offering = body.kind == AnnouncementKind::Offering && body.offering.is_none();
    let (kind, reference) = match body.kind {
        AnnouncementKind::Offering => (
            "offering",
            body.offering.map(|o| o.to_string()).unwrap_or_default(),
        ),
        AnnouncementKind::Organisation => ("organisation", String::new()),
    };
    let (n, recipients) = state
        .app
        .announce_change(&caller, kind, &reference, &body.summary)
        .await
        .map_err(|e| match e {
            AppError::Invalid(fe) if fe.field == "reference" && missing_offering => {
                Problem::invalid(FieldError::new(
                    "offering",
                    "is required for kind `offering`: the changed offering",
                ))
            }
            AppError::Invalid(mut fe) if fe.field == "reference" => {
                fe.field = "offering".into();
                Problem::invalid(fe)
            }
            other => api_error(other),
        })?;
    let dto = Announced {
        id: uuid_of(&n.id)?,
        change: change_kind(&n.change_kind),
        change_ref: n.change_ref.clone(),
        summary: n.summary.clone(),
        recipients: recipients
            .iter()
            .map(|r| NotifiedParty {
                org: *r.org.as_uuid(),
                reasons: reasons(&r.reasons),
                mail_status: mail_status(&r.mail_status),
            })
            .collect(),
    };
    Ok((StatusCode::CREATED, Json(dto)).into_response())
}

/// Acknowledge a notification
///
/// Records that the caller's organisation read the notification (not for auditors).
#[utoipa::path(
    post,
    path = "/notifications/{id}/acknowledge",
    tag = "notifications",
    operation_id = "acknowledge_notification",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "The notification as acknowledged", body = InboxEntry),
        (status = 403, description = "Auditors do not acknowledge (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn acknowledge(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
) -> Result<Json<InboxEntry>, Problem> {
    let id = id.to_string();
    state.app.acknowledge_notification(&caller, &id).await?;
    let entry = state.app.inbox_entry(&caller, &id).await?;
    Ok(Json(InboxEntry::try_from(&entry)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impact_codes_match_the_domain() {
        assert_eq!(ImpactKind::ALL.len(), d::ImpactKind::ALL.len());
        for &v in ImpactKind::ALL {
            let dv: d::ImpactKind = v.into();
            assert_eq!(serde_json::to_value(v).unwrap(), dv.code());
        }
        assert_eq!(reasons("builds_on,contracts,bogus").len(), 2);
    }
}
