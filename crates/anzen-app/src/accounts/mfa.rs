//! Multi-factor authentication: the second sign-in step (a TOTP code or a recovery code),
//! enrolment of an authenticator app, and the TOTP secrets encrypted at rest.
//!
//! A TOTP time step and a recovery code are consumed in the database (a compare-and-set
//! `UPDATE`, a `DELETE` of one row), inside the transaction that opens the session, so one
//! code gives one session whatever the concurrency and however many server processes share
//! the database.

use anzen_domain::FieldError;
use anzen_domain::ids::UserId;

use super::SessionContext;
use super::cipher::is_sealed;
use super::secrets::{self, sha256_hex};
use super::signin::SignInStep;
use super::totp::{self, MfaEnrolment};
use crate::audit::event;
use crate::ports::{MfaSettings, SessionState};
use crate::{App, AppError, Caller};

/// The associated data that binds a sealed TOTP secret to its user.
fn totp_context(user: UserId) -> Vec<u8> {
    format!("anzen/totp-secret/{user}").into_bytes()
}

fn invalid_code() -> AppError {
    AppError::Invalid(FieldError::new(
        "code",
        "the code is not valid; use the current code of your authenticator app or an unused recovery code",
    ))
}

/// What a typed code is, before it is consumed.
enum Attempt {
    /// A TOTP code valid for this time step.
    Step(i64),
    /// Not a valid TOTP code: perhaps a recovery code (its hash).
    Recovery(String),
}

impl App {
    /// Encrypts a TOTP secret of `user` for storage.
    fn seal_totp_secret(&self, user: UserId, secret: &str) -> Result<String, AppError> {
        self.secret_cipher()?
            .seal(secret.as_bytes(), &totp_context(user))
    }

    /// Decrypts a stored TOTP secret of `user`.
    fn open_totp_secret(&self, user: UserId, stored: &str) -> Result<String, AppError> {
        if !is_sealed(stored) {
            return Err(AppError::Internal(
                "a TOTP secret is stored in plain text; start anzen once (any command) to encrypt it"
                    .to_owned(),
            ));
        }
        let bytes = self.secret_cipher()?.open(stored, &totp_context(user))?;
        String::from_utf8(bytes)
            .map_err(|_| AppError::Internal("a stored TOTP secret is not text".to_owned()))
    }

    /// Encrypts the TOTP secrets that older versions stored in plain text; returns how many.
    /// Run at every start; each one is replaced only if unchanged since it was read, and
    /// recorded in the audit trail.
    pub async fn encrypt_stored_secrets(&self) -> Result<usize, AppError> {
        self.secret_cipher()?;
        let mut tx = self.store().begin().await?;
        let mut done = 0;
        let mut unreadable = 0;
        for (user, stored) in tx.stored_mfa_secrets().await? {
            if is_sealed(&stored) {
                unreadable += usize::from(self.open_totp_secret(user, &stored).is_err());
                continue;
            }
            let sealed = self.seal_totp_secret(user, &stored)?;
            if tx.replace_mfa_secret(user, &stored, &sealed).await? {
                self.seal(
                    tx.as_mut(),
                    &Caller::operator("anzen"),
                    event(
                        "user.mfa_secret_encrypt",
                        "user",
                        user,
                        None,
                        None,
                        None,
                        "TOTP secret encrypted at rest",
                    ),
                )
                .await?;
                done += 1;
            }
        }
        tx.commit().await?;
        if unreadable > 0 {
            tracing::error!(
                count = unreadable,
                "TOTP secrets do not open with the secrets key (was the key file replaced?); \
                 those users can sign in with recovery codes only"
            );
        }
        Ok(done)
    }

    /// The second step: a TOTP code, or a recovery code. Rotates the session to active.
    pub async fn verify_mfa(
        &self,
        ctx: &SessionContext,
        code: &str,
    ) -> Result<SignInStep, AppError> {
        if ctx.session.state != SessionState::MfaPending {
            return Err(AppError::Conflict(
                "this session is not waiting for a code".into(),
            ));
        }
        self.throttle(&format!("mfa:{}", ctx.user.id)).await?;
        let account = self.store().account(ctx.user.id).await?;
        let stored = account
            .mfa_secret
            .clone()
            .filter(|_| account.user.mfa_enabled)
            .ok_or(AppError::Unauthenticated)?;
        let recovery = || Attempt::Recovery(sha256_hex(&secrets::normalise_recovery_code(code)));
        let attempt = match self.open_totp_secret(account.user.id, &stored) {
            Ok(secret) => match totp::check(&secret, code, self.now().as_second())? {
                Some(step) => Attempt::Step(step),
                None => recovery(),
            },
            // A secret that does not open (a lost or replaced key) checks no code; recovery
            // codes, hashed, still work.
            Err(e) => {
                tracing::error!(user = %account.user.id, error = %e, "only recovery codes can be checked");
                recovery()
            }
        };
        let mut tx = self.store().begin().await?;
        let how = match attempt {
            Attempt::Step(step) => tx
                .consume_totp_step(account.user.id, &stored, step)
                .await?
                .then_some("password + TOTP"),
            Attempt::Recovery(hash) => tx
                .consume_recovery_code(account.user.id, &hash)
                .await?
                .then_some("password + recovery code"),
        };
        let Some(how) = how else {
            self.record_failure(tx.as_mut(), &account).await?;
            tx.commit().await?;
            return Err(invalid_code());
        };
        let step = self
            .open_session(
                tx.as_mut(),
                &account,
                SessionState::Active,
                Some(&ctx.session.token_hash),
                how,
            )
            .await?;
        tx.commit().await?;
        Ok(step)
    }

    /// Starts (or restarts) enrolment of an authenticator app: a new secret, not yet active.
    pub async fn start_mfa_enrolment(
        &self,
        ctx: &SessionContext,
    ) -> Result<MfaEnrolment, AppError> {
        if ctx.session.state == SessionState::MfaPending {
            return Err(AppError::Conflict("enter your code first".into()));
        }
        let account = self.store().account(ctx.user.id).await?;
        // A started, unconfirmed enrolment is shown again rather than replaced, so that
        // reloading the page keeps the key the user may already have scanned.
        if let Some(stored) = account
            .mfa_secret
            .as_deref()
            .filter(|_| !account.user.mfa_enabled)
        {
            let secret = self.open_totp_secret(ctx.user.id, stored)?;
            return totp::enrolment_for(
                &secret,
                ctx.user.login.as_str(),
                &self.settings().totp_issuer,
            );
        }
        let enrolment = totp::new_enrolment(ctx.user.login.as_str(), &self.settings().totp_issuer)?;
        let mfa = MfaSettings {
            secret: Some(self.seal_totp_secret(ctx.user.id, &enrolment.secret)?),
            enabled: false,
            recovery_codes: Vec::new(),
            last_step: account.mfa_last_step,
        };
        let mut tx = self.store().begin().await?;
        tx.set_mfa(ctx.user.id, &mfa).await?;
        self.seal(
            tx.as_mut(),
            &ctx.caller(),
            event(
                "user.mfa_enrolment_start",
                "user",
                ctx.user.id,
                Some(ctx.user.org),
                None,
                None,
                ctx.user.login.to_string(),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(enrolment)
    }

    /// Confirms enrolment with a first code. Returns the recovery codes (shown once) and, when
    /// the session was waiting for enrolment, the new active session.
    pub async fn confirm_mfa_enrolment(
        &self,
        ctx: &SessionContext,
        code: &str,
    ) -> Result<(Vec<String>, Option<SignInStep>), AppError> {
        self.throttle(&format!("mfa:{}", ctx.user.id)).await?;
        let account = self.store().account(ctx.user.id).await?;
        let Some(stored) = account
            .mfa_secret
            .clone()
            .filter(|_| !account.user.mfa_enabled)
        else {
            return Err(AppError::Conflict("start the enrolment first".into()));
        };
        let secret = self.open_totp_secret(ctx.user.id, &stored)?;
        let not_valid = || {
            AppError::Invalid(FieldError::new(
                "code",
                "the code is not valid; check the time on your device and enter the current code",
            ))
        };
        let step = totp::check(&secret, code, self.now().as_second())?.ok_or_else(not_valid)?;
        let codes = (0..10)
            .map(|_| secrets::recovery_code())
            .collect::<Result<Vec<_>, _>>()?;
        let mut tx = self.store().begin().await?;
        if !tx.consume_totp_step(ctx.user.id, &stored, step).await? {
            return Err(not_valid());
        }
        let mfa = MfaSettings {
            secret: Some(stored),
            enabled: true,
            recovery_codes: codes.iter().map(|c| sha256_hex(c)).collect(),
            last_step: Some(step),
        };
        tx.set_mfa(ctx.user.id, &mfa).await?;
        self.seal(
            tx.as_mut(),
            &ctx.caller(),
            event(
                "user.mfa_enable",
                "user",
                ctx.user.id,
                Some(ctx.user.org),
                None,
                None,
                ctx.user.login.to_string(),
            ),
        )
        .await?;
        let step = if ctx.session.state == SessionState::MfaEnrolment {
            let mut account = account;
            account.user.mfa_enabled = true;
            Some(
                self.open_session(
                    tx.as_mut(),
                    &account,
                    SessionState::Active,
                    Some(&ctx.session.token_hash),
                    "password + TOTP (enrolment)",
                )
                .await?,
            )
        } else {
            None
        };
        tx.commit().await?;
        Ok((codes, step))
    }
}
