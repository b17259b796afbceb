//! API tokens managed by an operator (the command line): a token for a named user without
//! the web form, for scripts and automation. The same records and audit entries as the
//! web form; the operator's reach over users decides whose tokens it manages.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::user::Login;

use super::tokens::NewApiToken;
use crate::audit::event;
use crate::orgs::covers;
use crate::ports::{AccountRecord, ApiTokenRecord, Reads};
use crate::{App, AppError, Caller};

impl App {
    /// The active account with `login` within the caller's reach over users (`field` names
    /// the option in errors).
    async fn token_holder(
        &self,
        db: &dyn Reads,
        caller: &Caller,
        action: Action,
        login: &str,
        field: &str,
    ) -> Result<AccountRecord, AppError> {
        let reach = self.reach(caller, Subject::Users, action)?;
        let login = Login::parse(field, login)?;
        let account = db
            .account_by_login(login.as_str())
            .await?
            .filter(|a| covers(reach, a.user.org))
            .ok_or_else(|| FieldError::new(field, format!("no user with login `{login}`")))?;
        Ok(account)
    }

    /// Creates an API token for the user with `login` (an operator's command), valid for
    /// `days` (1–366) or without end. Refuses an unknown, disabled or expired account.
    pub async fn create_api_token_for(
        &self,
        caller: &Caller,
        login: &str,
        name: &str,
        days: Option<i64>,
    ) -> Result<NewApiToken, AppError> {
        let mut tx = self.store().begin().await?;
        let account = self
            .token_holder(tx.as_reads(), caller, Action::Write, login, "--user")
            .await?;
        if let Some(why) = account.user.inactive_reason(self.now()) {
            return Err(FieldError::new("--user", format!("`{login}`: {why}")).into());
        }
        let new = self.new_api_token(&account.user, name, days, "--expires")?;
        tx.insert_api_token(&new.record).await?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "api_token.create",
                "api_token",
                &new.record.id,
                Some(account.user.org),
                None,
                None,
                format!(
                    "{} ({}) for {}",
                    new.record.name, new.record.prefix, account.user.login
                ),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(new)
    }

    /// Revokes the API token `id` of any user within the caller's reach.
    pub async fn revoke_api_token_by_id(&self, caller: &Caller, id: &str) -> Result<(), AppError> {
        let reach = self.reach(caller, Subject::Users, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let unknown = || FieldError::new("ID", format!("no API token with id `{id}`"));
        let token = tx
            .as_reads()
            .api_token(id.trim())
            .await?
            .ok_or_else(unknown)?;
        let account = tx.as_reads().account(token.user).await?;
        if !covers(reach, account.user.org) {
            return Err(unknown().into());
        }
        if token.revoked_at.is_some() {
            return Err(
                FieldError::new("ID", format!("the API token `{id}` is already revoked")).into(),
            );
        }
        tx.revoke_api_token(token.user, &token.id, self.now())
            .await
            .map_err(AppError::from_store("API token"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "api_token.revoke",
                "api_token",
                &token.id,
                Some(account.user.org),
                None,
                None,
                format!("revoked ({} of {})", token.prefix, account.user.login),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The API tokens of the user with `login`.
    pub async fn list_api_tokens_of(
        &self,
        caller: &Caller,
        login: &str,
    ) -> Result<Vec<ApiTokenRecord>, AppError> {
        let account = self
            .token_holder(self.store().as_ref(), caller, Action::Read, login, "--user")
            .await?;
        Ok(self.store().list_api_tokens(account.user.id).await?)
    }
}
