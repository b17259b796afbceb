//! User accounts: administration, signing in with multi-factor authentication, sessions and
//! API tokens.

pub mod cipher;
mod mfa;
mod operator_tokens;
pub mod secrets;
mod signin;
mod tokens;
pub mod totp;

pub use signin::{SessionContext, SignInStep};
pub use tokens::NewApiToken;
pub use totp::MfaEnrolment;

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Principal, Reach, Role, Subject};
use anzen_domain::ids::{OrgId, UserId};
use anzen_domain::text::Name;
use anzen_domain::user::{Login, User, check_password};

use crate::audit::event;
use crate::orgs::covers;
use crate::ports::{Listed, NewAccount, Page};
use crate::{App, AppError, Caller, new_uuid};

/// The input of [`App::add_user`], as typed by an administrator.
#[derive(Debug, Clone, Default)]
pub struct UserInput {
    pub org: String,
    pub login: String,
    pub display_name: String,
    pub role: String,
    /// The initial password; the user must change it at first sign-in.
    pub password: String,
    /// For an auditor: when access ends (YYYY-MM-DD, end of that day in Japan time).
    pub access_until: String,
    /// Whether the password is temporary and must be changed at the first sign-in
    /// (default: yes).
    pub must_change_password: Option<bool>,
}

/// The JSON form of a user (no secrets), digested in the audit trail.
pub fn user_json(u: &User) -> serde_json::Value {
    serde_json::to_value(u).expect("a user serialises")
}

/// The principal of a user, as the policy sees them.
pub fn principal_of(user: &User) -> Principal {
    Principal {
        user: user.id,
        name: user.login.to_string(),
        org: user.org,
        role: user.role,
        access_until: user.access_until,
    }
}

impl App {
    /// Creates a user account. Provider administrators create users of their own
    /// organisation and of the organisations it registered (its institutions and partners).
    pub async fn add_user(&self, caller: &Caller, input: UserInput) -> Result<User, AppError> {
        let reach = self.reach(caller, Subject::Users, Action::Write)?;
        let org_id = OrgId::parse_field("org", &input.org)?;
        let org = self
            .store()
            .organisation(
                self.reach(caller, Subject::Organisations, Action::Read)?,
                org_id,
            )
            .await
            .map_err(|_| FieldError::new("org", format!("no organisation with id {org_id}")))?;
        let manages = covers(reach, org.id)
            || (matches!(reach, Reach::Owned(own) if org.registered_by == Some(own)));
        if !manages {
            return Err(FieldError::new(
                "org",
                "you can create users only for your organisation and those it registered",
            )
            .into());
        }
        let login = Login::parse("login", &input.login)?;
        let display_name = Name::parse("display_name", &input.display_name)?;
        let role = Role::parse_field("role", &input.role)?;
        if !role.fits(org.org_type.kind()) {
            let fitting = Role::ALL
                .iter()
                .filter(|r| r.fits(org.org_type.kind()))
                .map(|r| r.code());
            return Err(FieldError::new(
                "role",
                format!("does not fit a {}", org.org_type.kind().code()),
            )
            .with_accepted(fitting)
            .into());
        }
        if role == Role::ProviderAdmin && matches!(reach, Reach::Owned(own) if own != org.id) {
            return Err(FieldError::new(
                "role",
                "administrators of another organisation are created by its own administrators",
            )
            .into());
        }
        check_password("password", &input.password, &login)?;
        let access_until = match (role, input.access_until.trim()) {
            (Role::Auditor, "") => {
                return Err(FieldError::new(
                    "access_until",
                    "an auditor's access must end; give the last day (YYYY-MM-DD)",
                )
                .into());
            }
            (Role::Auditor, day) => {
                let date = anzen_domain::contract::parse_date("access_until", day)?;
                let end = date
                    .tomorrow()
                    .ok()
                    .and_then(|d| {
                        d.to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
                            .ok()
                    })
                    .map(|z| z.timestamp())
                    .ok_or_else(|| FieldError::new("access_until", "is out of range"))?;
                if end <= self.now() {
                    return Err(FieldError::new("access_until", "must not be in the past").into());
                }
                Some(end)
            }
            (_, "") => None,
            (_, _) => {
                return Err(FieldError::new("access_until", "applies only to auditors").into());
            }
        };
        if self
            .store()
            .account_by_login(login.as_str())
            .await?
            .is_some()
        {
            return Err(FieldError::new("login", "is already taken").into());
        }
        let user = User {
            id: UserId::from_uuid(new_uuid()),
            org: org.id,
            login,
            display_name,
            role,
            mfa_enabled: false,
            must_change_password: input.must_change_password.unwrap_or(true),
            access_until,
            disabled: false,
            created_at: self.now(),
        };
        let password_hash = secrets::hash_password(input.password).await?;
        let mut tx = self.store().begin().await?;
        tx.insert_account(&NewAccount {
            user: user.clone(),
            password_hash,
        })
        .await
        .map_err(|e| match e {
            crate::StoreError::Conflict(_) => {
                AppError::Invalid(FieldError::new("login", "is already taken"))
            }
            e => e.into(),
        })?;
        let summary = format!("{} ({}, {})", user.login, user.role.label_ja(), org.name);
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "user.create",
                "user",
                user.id,
                Some(org.id),
                None,
                Some(&user_json(&user)),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }

    /// Users the caller can see.
    pub async fn list_users(&self, caller: &Caller, page: Page) -> Result<Listed<User>, AppError> {
        let reach = self.reach(caller, Subject::Users, Action::Read)?;
        Ok(self.store().list_users(reach, page).await?)
    }

    /// Sets a new temporary password for a user (an administrator's password reset). The
    /// user must change it at the next sign-in; in the same transaction their sessions end
    /// and their API tokens are revoked (whoever knew the old password may have made one).
    pub async fn reset_password(
        &self,
        caller: &Caller,
        user: UserId,
        temporary: String,
    ) -> Result<(), AppError> {
        let reach = self.reach(caller, Subject::Users, Action::Write)?;
        let target = self
            .store()
            .user(reach, user)
            .await
            .map_err(AppError::from_store("user"))?;
        check_password("password", &temporary, &target.login)?;
        let hash = secrets::hash_password(temporary).await?;
        let mut tx = self.store().begin().await?;
        tx.set_password(user, &hash, true).await?;
        tx.delete_user_sessions(user).await?;
        let revoked = tx.revoke_user_api_tokens(user, self.now()).await?;
        tx.set_login_failures(user, 0, None).await?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "user.reset_password",
                "user",
                user,
                Some(target.org),
                None,
                None,
                format!(
                    "{} (sessions ended, {revoked} API tokens revoked)",
                    target.login
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Makes multi-factor authentication mandatory (or optional again) for every member of
    /// an organisation. Administrators always need it.
    pub async fn set_org_requires_mfa(
        &self,
        caller: &Caller,
        org: OrgId,
        required: bool,
    ) -> Result<(), AppError> {
        let reach = self.reach(caller, Subject::Users, Action::Write)?;
        if !covers(reach, org) {
            return Err(AppError::Forbidden(
                "only the organisation's administrators can change this",
            ));
        }
        let mut tx = self.store().begin().await?;
        tx.set_org_requires_mfa(org, required).await?;
        let summary = if required {
            "MFA required for all members"
        } else {
            "MFA optional for members"
        };
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "organisation.require_mfa",
                "organisation",
                org,
                Some(org),
                None,
                None,
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
