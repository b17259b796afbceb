//! `/audit`: the signed audit trail of the caller's organisation, filtered and paged.

use anzen_app::ports::AuditQuery;
use anzen_domain::audit as d;
use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{
    KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, Type,
};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::extract::{Query, page, text_param, time_param};
use super::list::list_of;
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// One sealed entry of the audit chain.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntry {
    /// 1, 2, 3, … without gaps across the installation.
    pub seq: i64,
    #[schema(value_type = String, format = DateTime)]
    pub at: jiff::Timestamp,
    /// The actor's label, e.g. `user:member@example.jp`.
    pub actor: String,
    pub actor_user: Option<Uuid>,
    /// The organisation whose trail shows the entry.
    pub org: Option<Uuid>,
    /// e.g. `offering.update_profile`.
    pub action: String,
    /// e.g. `offering`.
    pub object_type: String,
    pub object_id: String,
    /// SHA-256 of the object before the change.
    pub before_digest: Option<String>,
    /// SHA-256 of the object after the change.
    pub after_digest: Option<String>,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
    /// Hex Ed25519 signature of `hash`.
    pub signature: String,
    pub key_id: String,
}

impl From<d::AuditEntry> for AuditEntry {
    fn from(e: d::AuditEntry) -> Self {
        AuditEntry {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            actor_user: e.actor_user.map(|u| *u.as_uuid()),
            org: e.org.map(|o| *o.as_uuid()),
            action: e.action,
            object_type: e.object_type,
            object_id: e.object_id,
            before_digest: e.before_digest,
            after_digest: e.after_digest,
            summary: e.summary,
            prev_hash: e.prev_hash,
            hash: e.hash,
            signature: e.signature,
            key_id: e.key_id,
        }
    }
}

/// The filters of the audit trail.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// A case-insensitive part of the actor label.
    pub actor: Option<String>,
    /// An exact action, e.g. `offering.create`.
    pub action: Option<String>,
    /// An exact object type, e.g. `offering`.
    pub object_type: Option<String>,
    /// An exact object id.
    pub object_id: Option<String>,
    /// From this time on: an RFC 3339 timestamp, or a date (YYYY-MM-DD, Japan time) for the
    /// start of that day.
    #[param(schema_with = from_schema)]
    pub from: Option<String>,
    /// Before this time: an RFC 3339 timestamp (exclusive), or a date (YYYY-MM-DD, Japan
    /// time) up to the end of that day.
    #[param(schema_with = to_schema)]
    pub to: Option<String>,
    /// Rows per page, 1–500 (default 50).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 500)]
    pub limit: Option<String>,
    /// Rows to skip (default 0).
    #[param(value_type = Option<i64>, minimum = 0)]
    pub offset: Option<String>,
}

fn from_schema() -> Schema {
    point_in_time(
        "From this time on: an RFC 3339 timestamp, or a date (YYYY-MM-DD, Japan time) for the \
         start of that day.",
    )
}

fn to_schema() -> Schema {
    point_in_time(
        "Before this time: an RFC 3339 timestamp (exclusive), or a date (YYYY-MM-DD, Japan \
         time) up to the end of that day.",
    )
}

/// A timestamp (RFC 3339) or a date (YYYY-MM-DD). (A parameter with a schema of its own
/// takes its description from the schema.)
fn point_in_time(description: &str) -> Schema {
    let string = |format| {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(format)))
            .build()
    };
    OneOfBuilder::new()
        .item(string(KnownFormat::DateTime))
        .item(string(KnownFormat::Date))
        .description(Some(description))
        .build()
        .into()
}

list_of!(
    /// A page of audit entries, newest first.
    AuditList of AuditEntry
);

/// Read the audit trail
///
/// The entries of the caller's organisation, newest first. For administrators and
/// auditors.
#[utoipa::path(
    get,
    path = "/audit",
    tag = "audit",
    operation_id = "list_audit",
    security(("bearer" = [])),
    params(AuditParams),
    responses(
        (status = 200, description = "A page of audit entries", body = AuditList),
        (status = 403, description = "The role cannot read the audit trail (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<AuditParams>,
) -> Result<Json<AuditList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let query = AuditQuery {
        actor: text_param(&q.actor),
        action: text_param(&q.action),
        object_type: text_param(&q.object_type),
        object_id: text_param(&q.object_id),
        from: time_param("from", &q.from, false)?,
        to: time_param("to", &q.to, true)?,
    };
    let listed = state.app.list_audit(&caller, &query, page).await?;
    Ok(Json(AuditList::from_listed(listed)))
}

/// A signed checkpoint of the audit chain (`anzen/audit-checkpoint/v1`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditCheckpoint {
    /// Always `anzen/audit-checkpoint/v1`.
    pub format: String,
    /// The sequence number of the chain's newest entry (0: an empty chain).
    pub seq: i64,
    /// The hash of that entry (hex SHA-256).
    pub hash: String,
    /// When the checkpoint was taken (RFC 3339 UTC, microseconds).
    #[schema(format = DateTime)]
    pub at: String,
    /// Hex of the first 8 bytes of the public key.
    pub key_id: String,
    /// The server's Ed25519 audit public key (hex).
    pub public_key: String,
    /// Hex Ed25519 signature of
    /// `anzen/audit-checkpoint/v1\n{seq}\n{hash}\n{at}\n{public_key}`.
    pub signature: String,
}

impl From<d::Checkpoint> for AuditCheckpoint {
    fn from(c: d::Checkpoint) -> Self {
        AuditCheckpoint {
            format: c.format,
            seq: c.seq,
            hash: c.hash,
            at: c.at,
            key_id: c.key_id,
            public_key: c.public_key,
            signature: c.signature,
        }
    }
}

/// Take a checkpoint of the audit chain
///
/// The chain's head now (its newest entry and that entry's hash), signed with the server's
/// audit key. Keep it outside the system: `anzen audit verify --checkpoint FILE` later proves
/// that nothing at or before it was removed or changed. For administrators and auditors; it
/// names the installation's newest entry, nothing of any organisation's records.
#[utoipa::path(
    get,
    path = "/audit/checkpoint",
    tag = "audit",
    operation_id = "audit_checkpoint",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A signed checkpoint", body = AuditCheckpoint),
        (status = 403, description = "The role cannot read the audit trail (`forbidden`)", body = crate::error::ErrorBody),
        (status = 409, description = "The chain's end does not verify against its signed head, so no checkpoint is issued (`conflict`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn checkpoint(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<AuditCheckpoint>, Problem> {
    Ok(Json(state.app.audit_checkpoint(&caller).await?.into()))
}
