//! API tokens for the JSON API: created by a signed-in user, hashed at rest, acting with the
//! user's role, revocable, optionally expiring.

use anzen_domain::FieldError;
use anzen_domain::text::Name;
use jiff::{SignedDuration, Timestamp};

use super::secrets::{self, sha256_hex};
use super::{SessionContext, principal_of};
use crate::audit::event;
use crate::ports::ApiTokenRecord;
use crate::{App, AppError, Caller, new_uuid};

/// A created token: the record and the secret, shown once.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub record: ApiTokenRecord,
    pub secret: String,
}

/// The prefix of every token, so that leaked tokens are easy to recognise.
pub const TOKEN_PREFIX: &str = "anzen_";

impl App {
    /// Creates an API token for the signed-in user, valid for `days` (1–366) or without end.
    pub async fn create_api_token(
        &self,
        ctx: &SessionContext,
        name: &str,
        days: Option<i64>,
    ) -> Result<NewApiToken, AppError> {
        let NewApiToken { record, secret } =
            self.new_api_token(&ctx.user, name, days, "expires_in_days")?;
        let mut tx = self.store().begin().await?;
        tx.insert_api_token(&record).await?;
        self.seal(
            tx.as_mut(),
            &ctx.caller(),
            event(
                "api_token.create",
                "api_token",
                &record.id,
                Some(ctx.user.org),
                None,
                None,
                format!("{} ({})", record.name, record.prefix),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(NewApiToken { record, secret })
    }

    /// A new token of `user` named `name`, valid for `days` (1–366; `days_field` names the
    /// field in the error) or without end; not yet stored.
    pub(crate) fn new_api_token(
        &self,
        user: &anzen_domain::user::User,
        name: &str,
        days: Option<i64>,
        days_field: &str,
    ) -> Result<NewApiToken, AppError> {
        let name = Name::parse("name", name)?;
        let expires_at = match days {
            None => None,
            Some(d) if (1..=366).contains(&d) => self
                .now()
                .checked_add(SignedDuration::from_hours(24 * d))
                .ok(),
            Some(_) => {
                return Err(FieldError::new(days_field, "must be between 1 and 366").into());
            }
        };
        let secret = format!("{TOKEN_PREFIX}{}", secrets::random_token()?);
        let record = ApiTokenRecord {
            id: new_uuid().to_string(),
            user: user.id,
            name: name.to_string(),
            prefix: secret.chars().take(12).collect(),
            token_hash: sha256_hex(&secret),
            created_at: self.now(),
            expires_at,
            last_used_at: None,
            revoked_at: None,
        };
        Ok(NewApiToken { record, secret })
    }

    /// Revokes one of the signed-in user's tokens.
    pub async fn revoke_api_token(&self, ctx: &SessionContext, id: &str) -> Result<(), AppError> {
        let mut tx = self.store().begin().await?;
        tx.revoke_api_token(ctx.user.id, id, self.now())
            .await
            .map_err(AppError::from_store("API token"))?;
        self.seal(
            tx.as_mut(),
            &ctx.caller(),
            event(
                "api_token.revoke",
                "api_token",
                id,
                Some(ctx.user.org),
                None,
                None,
                "revoked",
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The signed-in user's tokens.
    pub async fn list_api_tokens(
        &self,
        ctx: &SessionContext,
    ) -> Result<Vec<ApiTokenRecord>, AppError> {
        Ok(self.store().list_api_tokens(ctx.user.id).await?)
    }

    /// The caller a bearer token stands for.
    pub async fn caller_for_token(&self, token: &str) -> Result<Caller, AppError> {
        if !token.starts_with(TOKEN_PREFIX) {
            return Err(AppError::Unauthenticated);
        }
        let (record, account) = self
            .store()
            .api_token_with_account(&sha256_hex(token))
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let now = self.now();
        if record.revoked_at.is_some() || record.expires_at.is_some_and(|e| e <= now) {
            return Err(AppError::Unauthenticated);
        }
        let user = account.user;
        if user.disabled || user.access_until.is_some_and(|until| until <= now) {
            return Err(AppError::Unauthenticated);
        }
        if record
            .last_used_at
            .is_none_or(|t: Timestamp| now.duration_since(t) > SignedDuration::from_secs(60))
        {
            self.store().touch_api_token(&record.id, now).await?;
        }
        Ok(Caller::User(principal_of(&user)))
    }
}
