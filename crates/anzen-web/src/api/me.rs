//! `/me`: who the token stands for and what they may do.

use anzen_app::whoami::{Permission as AppPermission, Whoami};
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::enums::{Role, Subject};
use super::orgs::Organisation;
use super::problem::Problem;
use super::users::User;
use crate::AppState;
use crate::extract::ApiCaller;

/// Whether the caller may read and change one subject.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Permission {
    pub subject: Subject,
    pub read: bool,
    pub write: bool,
}

impl From<AppPermission> for Permission {
    fn from(p: AppPermission) -> Self {
        Permission {
            subject: p.subject.into(),
            read: p.read,
            write: p.write,
        }
    }
}

/// The signed-in user, their organisation, role and permissions.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Me {
    pub user: User,
    pub organisation: Organisation,
    pub role: Role,
    /// One entry per subject. `POST /scope/check` is open to every role and not listed.
    pub permissions: Vec<Permission>,
}

impl From<Whoami> for Me {
    fn from(w: Whoami) -> Self {
        Me {
            role: w.user.role.into(),
            user: w.user.into(),
            organisation: w.organisation.into(),
            permissions: w.permissions.into_iter().map(Into::into).collect(),
        }
    }
}

/// Who am I
///
/// The user the token stands for, their organisation and role, and what they may read and
/// change.
#[utoipa::path(
    get,
    path = "/me",
    tag = "me",
    operation_id = "get_me",
    security(("bearer" = [])),
    responses((status = 200, description = "The caller", body = Me)),
)]
pub async fn me(
    State(state): State<AppState>,
    ApiCaller(caller): ApiCaller,
) -> Result<Json<Me>, Problem> {
    Ok(Json(state.app.whoami(&caller).await?.into()))
}
