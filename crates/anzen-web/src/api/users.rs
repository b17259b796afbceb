//! `/users`: list and create accounts, and reset a password (administrators).

use anzen_app::accounts::UserInput;
use anzen_domain::FieldError;
use anzen_domain::ids::UserId;
use anzen_domain::user as d;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::enums::Role;
use super::extract::{Body, PathId, Query, page};
use super::list::{PageParams, list_of};
use super::problem::Problem;
use crate::AppState;
use crate::extract::ApiCaller;

/// A user account (no secrets).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct User {
    pub id: Uuid,
    pub org: Uuid,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    pub mfa_enabled: bool,
    /// The password is temporary and must be changed at the next sign-in.
    pub must_change_password: bool,
    /// For an auditor: when access ends.
    #[schema(value_type = Option<String>, format = DateTime)]
    pub access_until: Option<jiff::Timestamp>,
    pub disabled: bool,
    #[schema(value_type = String, format = DateTime)]
    pub created_at: jiff::Timestamp,
}

impl From<d::User> for User {
    fn from(u: d::User) -> Self {
        User {
            id: *u.id.as_uuid(),
            org: *u.org.as_uuid(),
            login: u.login.to_string(),
            display_name: u.display_name.to_string(),
            role: u.role.into(),
            mfa_enabled: u.mfa_enabled,
            must_change_password: u.must_change_password,
            access_until: u.access_until,
            disabled: u.disabled,
            created_at: u.created_at,
        }
    }
}

/// A new account, of the administrator's organisation or of one it registered.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// The user's organisation; defaults to the caller's.
    #[serde(default)]
    pub org: Option<Uuid>,
    /// An e-mail address or short name: 3–254 characters of a-z 0-9 . _ @ + -
    #[schema(
        min_length = 3,
        max_length = 254,
        pattern = r"^\s*[A-Za-z0-9._@+-]+\s*$"
    )]
    pub login: String,
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^\s*[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*\s*$"
    )]
    pub display_name: String,
    /// Must fit the organisation's kind.
    pub role: Role,
    /// The initial password, to be changed at the first sign-in: 12–256 characters, not
    /// containing the login id, not a commonly used password (422 naming `password` otherwise).
    #[schema(min_length = 12, max_length = 256)]
    pub password: String,
    /// Required for an auditor, refused otherwise: the last day of access (YYYY-MM-DD).
    #[serde(default)]
    #[schema(format = Date)]
    pub access_until: Option<String>,
    /// Whether the password must be changed at the first sign-in (default true).
    #[serde(default)]
    pub must_change_password: Option<bool>,
}

/// A new temporary password for a user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordReset {
    /// 12–256 characters, not containing the login id, not a commonly used password; the
    /// user must change it at the next sign-in.
    #[schema(min_length = 12, max_length = 256)]
    pub password: String,
}

list_of!(
    /// A page of users.
    UserList of User
);

/// List users
///
/// The users of the caller's organisation and of the organisations it registered.
#[utoipa::path(
    get,
    path = "/users",
    tag = "users",
    operation_id = "list_users",
    security(("bearer" = [])),
    params(PageParams),
    responses(
        (status = 200, description = "A page of users", body = UserList),
        (status = 403, description = "The role cannot see users (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Query(q): Query<PageParams>,
) -> Result<Json<UserList>, Problem> {
    let page = page(&q.limit, &q.offset)?;
    let listed = state.app.list_users(&caller, page).await?;
    Ok(Json(UserList::from_listed(listed)))
}

/// Create a user
#[utoipa::path(
    post,
    path = "/users",
    tag = "users",
    operation_id = "create_user",
    security(("bearer" = [])),
    request_body = NewUser,
    responses(
        (status = 201, description = "Created", body = User),
        (status = 403, description = "Only administrators create users (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn create(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    Body(body): Body<NewUser>,
) -> Result<Response, Problem> {
    let org = match body.org.or(caller.org().map(|o| *o.as_uuid())) {
        Some(o) => o.to_string(),
        None => return Err(FieldError::new("org", "is required").into()),
    };
    let input = UserInput {
        org,
        login: body.login,
        display_name: body.display_name,
        role: anzen_domain::access::Role::from(body.role)
            .code()
            .to_owned(),
        password: body.password,
        access_until: body.access_until.unwrap_or_default(),
        must_change_password: body.must_change_password,
    };
    let user = state.app.add_user(&caller, input).await?;
    Ok((StatusCode::CREATED, Json(User::from(user))).into_response())
}

/// Reset a user's password
///
/// Sets a temporary password that the user must change at the next sign-in, ends the user's
/// sessions and revokes the user's API tokens (in one transaction).
#[utoipa::path(
    post,
    path = "/users/{id}/password-reset",
    tag = "users",
    operation_id = "reset_password",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "The user's id")),
    request_body = PasswordReset,
    responses(
        (status = 204, description = "The password was reset"),
        (status = 403, description = "Only administrators reset passwords (`forbidden`)", body = crate::error::ErrorBody),
    ),
)]
pub async fn reset_password(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
    PathId(id): PathId,
    Body(body): Body<PasswordReset>,
) -> Result<StatusCode, Problem> {
    state
        .app
        .reset_password(&caller, UserId::from_uuid(id), body.password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
