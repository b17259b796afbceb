//! Records and queries the ports exchange that are storage-shaped rather than domain values:
//! accounts with their secrets, sessions, API tokens, and listing filters.

use anzen_domain::ids::{OfferingId, OrgId, UserId};
use anzen_domain::user::User;
use jiff::Timestamp;

use super::Page;

/// A user account with its secrets, for authentication only.
#[derive(Debug, Clone)]
pub struct AccountRecord {
    pub user: User,
    /// The org's name and whether it requires MFA of every member.
    pub org_name: String,
    pub org_requires_mfa: bool,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// The TOTP secret once enrolment started, sealed (see `accounts::cipher`).
    pub mfa_secret: Option<String>,
    /// The last TOTP time step accepted (a code is never accepted twice).
    pub mfa_last_step: Option<i64>,
    pub failed_logins: i64,
    pub locked_until: Option<Timestamp>,
}

/// The state of a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Password verified; the TOTP code is still to come.
    MfaPending,
    /// Password verified; MFA is mandatory and must be enrolled first.
    MfaEnrolment,
    /// Fully signed in.
    Active,
}

impl SessionState {
    pub fn code(self) -> &'static str {
        match self {
            SessionState::MfaPending => "mfa_pending",
            SessionState::MfaEnrolment => "mfa_enrolment",
            SessionState::Active => "active",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "mfa_pending" => Some(SessionState::MfaPending),
            "mfa_enrolment" => Some(SessionState::MfaEnrolment),
            "active" => Some(SessionState::Active),
            _ => None,
        }
    }
}

/// A stored session. The cookie holds the token; the database only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub token_hash: String,
    pub user: UserId,
    pub state: SessionState,
    /// The synchronizer token every form of this session must post.
    pub csrf_token: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    /// Absolute end; the idle end is `last_seen_at` + the idle timeout.
    pub expires_at: Timestamp,
}

/// A stored API token (hashed at rest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenRecord {
    pub id: String,
    pub user: UserId,
    pub name: String,
    /// The first characters of the token, to recognise it in lists.
    pub prefix: String,
    pub token_hash: String,
    pub created_at: Timestamp,
    pub expires_at: Option<Timestamp>,
    pub last_used_at: Option<Timestamp>,
    pub revoked_at: Option<Timestamp>,
}

/// Filters of the offering list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferingQuery {
    /// Case-insensitive substring of the name.
    pub search: Option<String>,
    pub in_scope: Option<bool>,
    /// Only the offerings of this provider.
    pub provider: Option<OrgId>,
}

/// Filters of the contract list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractQuery {
    pub offering: Option<OfferingId>,
    pub institution: Option<OrgId>,
    /// Only contracts ending on or after this day.
    pub ends_from: Option<jiff::civil::Date>,
    /// Only contracts ending on or before this day.
    pub ends_to: Option<jiff::civil::Date>,
    /// Sort by end date (soonest first) instead of start date.
    pub by_end_date: bool,
}

/// Filters of the audit trail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditQuery {
    /// Substring of the actor label.
    pub actor: Option<String>,
    /// Exact action, e.g. `offering.create`.
    pub action: Option<String>,
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub from: Option<Timestamp>,
    /// Exclusive end.
    pub to: Option<Timestamp>,
}

/// A listing page with the total count, for pagination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed<T> {
    pub rows: Vec<T>,
    pub total: i64,
    pub page: Page,
}
