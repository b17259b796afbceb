//! Signing in: password, then TOTP (or a recovery code), sessions stored in the database and
//! rotated at every step, login throttling per client and temporary lockout per account.

use anzen_domain::FieldError;
use anzen_domain::user::{Login, User, check_password};
use jiff::{SignedDuration, Timestamp};

use super::principal_of;
use super::secrets::{self, sha256_hex};
use crate::audit::event;
use crate::ports::{AccountRecord, SessionRecord, SessionState, Tx};
use crate::{App, AppError, Caller};

/// The outcome of a sign-in step: a new session token (rotated) and what the session allows.
#[derive(Debug, Clone)]
pub struct SignInStep {
    /// The new session token for the cookie. The previous one, if any, is void.
    pub token: String,
    pub state: SessionState,
    /// The user must set a new password before anything else.
    pub must_change_password: bool,
}

/// A resolved session.
#[derive(Debug, Clone)]
pub struct SessionContext {
    pub session: SessionRecord,
    pub user: User,
    pub org_name: String,
    /// Whether MFA is mandatory for this user (their role or their organisation).
    pub mfa_required: bool,
}

impl SessionContext {
    /// The caller for use-cases. Only meaningful for an active session.
    pub fn caller(&self) -> Caller {
        Caller::User(principal_of(&self.user))
    }

    pub fn is_active(&self) -> bool {
        self.session.state == SessionState::Active
    }
}

fn window_start(now: Timestamp, window: SignedDuration) -> Timestamp {
    let w = window.as_secs().max(1);
    Timestamp::from_second(now.as_second() / w * w).unwrap_or(now)
}

impl App {
    pub(super) fn new_session(
        &self,
        user: &User,
        state: SessionState,
    ) -> Result<(String, SessionRecord), AppError> {
        let token = secrets::random_token()?;
        let now = self.now();
        let lifetime = match state {
            SessionState::Active => self.settings().session_absolute,
            SessionState::MfaPending | SessionState::MfaEnrolment => SignedDuration::from_mins(10),
        };
        let record = SessionRecord {
            token_hash: sha256_hex(&token),
            user: user.id,
            state,
            csrf_token: secrets::random_token()?,
            created_at: now,
            last_seen_at: now,
            expires_at: now.checked_add(lifetime).unwrap_or(now),
        };
        Ok((token, record))
    }

    /// Counts an attempt under `key`; refuses when the window's budget is spent.
    pub(super) async fn throttle(&self, key: &str) -> Result<(), AppError> {
        let s = self.settings();
        let now = self.now();
        let n = self
            .store()
            .throttle_hit(key, window_start(now, s.attempt_window), now)
            .await?;
        if n > s.attempts_per_window {
            Err(AppError::TooManyAttempts)
        } else {
            Ok(())
        }
    }

    /// Records a failed attempt against an account and locks it after too many.
    pub(super) async fn count_failure(&self, account: &AccountRecord) -> Result<(), AppError> {
        let mut tx = self.store().begin().await?;
        self.record_failure(tx.as_mut(), account).await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`App::count_failure`] inside `tx`. The count is incremented in the database, so
    /// that concurrent failed attempts are all counted.
    pub(super) async fn record_failure(
        &self,
        tx: &mut dyn Tx,
        account: &AccountRecord,
    ) -> Result<(), AppError> {
        let s = self.settings();
        let failed = tx.count_login_failure(account.user.id).await?;
        if failed >= s.lockout_after {
            let until = self.now().checked_add(s.lockout_for).ok();
            tx.set_login_failures(account.user.id, 0, until).await?;
            let who = Caller::User(principal_of(&account.user));
            self.seal(
                tx,
                &who,
                event(
                    "user.locked",
                    "user",
                    account.user.id,
                    Some(account.user.org),
                    None,
                    None,
                    format!("{failed} failed sign-ins"),
                ),
            )
            .await?;
        }
        Ok(())
    }

    /// Creates the session after a successful step, replacing `previous`, and records the
    /// sign-in when the session is fully active.
    pub(super) async fn open_session(
        &self,
        tx: &mut dyn Tx,
        account: &AccountRecord,
        state: SessionState,
        previous: Option<&str>,
        how: &str,
    ) -> Result<SignInStep, AppError> {
        let (token, record) = self.new_session(&account.user, state)?;
        if let Some(prev) = previous {
            tx.delete_session(prev).await?;
        }
        tx.insert_session(&record).await?;
        if state == SessionState::Active {
            // Failed passwords and codes count together until a sign-in is complete (a
            // correct password alone does not clear failed codes), and the count is cleared
            // in the database, whatever was read before.
            tx.set_login_failures(account.user.id, 0, None).await?;
            let who = Caller::User(principal_of(&account.user));
            self.seal(
                tx,
                &who,
                event(
                    "session.sign_in",
                    "user",
                    account.user.id,
                    Some(account.user.org),
                    None,
                    None,
                    how,
                ),
            )
            .await?;
        }
        Ok(SignInStep {
            token,
            state,
            must_change_password: account.user.must_change_password,
        })
    }

    /// The first step: login id and password from `client` (its address, for throttling).
    pub async fn sign_in(
        &self,
        login: &str,
        password: &str,
        client: &str,
    ) -> Result<SignInStep, AppError> {
        self.throttle(&format!("signin:{client}")).await?;
        let account = match Login::parse("login", login) {
            Ok(l) => self.store().account_by_login(l.as_str()).await?,
            Err(_) => None,
        };
        let ok = secrets::verify_password(
            password.to_owned(),
            account.as_ref().map(|a| a.password_hash.clone()),
        )
        .await?;
        let Some(account) = account else {
            return Err(AppError::Unauthenticated);
        };
        let now = self.now();
        if account.locked_until.is_some_and(|until| until > now) {
            return Err(AppError::Unauthenticated);
        }
        if !ok {
            self.count_failure(&account).await?;
            return Err(AppError::Unauthenticated);
        }
        let user = &account.user;
        if user.disabled || user.access_until.is_some_and(|until| until <= now) {
            return Err(AppError::Unauthenticated);
        }
        let mfa_required = user.role.requires_mfa() || account.org_requires_mfa;
        let state = if user.mfa_enabled {
            SessionState::MfaPending
        } else if mfa_required {
            SessionState::MfaEnrolment
        } else {
            SessionState::Active
        };
        let mut tx = self.store().begin().await?;
        let step = self
            .open_session(tx.as_mut(), &account, state, None, "password")
            .await?;
        tx.commit().await?;
        Ok(step)
    }

    /// Resolves a session token, in any state. Expired and idle sessions are refused.
    pub async fn session_context(&self, token: &str) -> Result<SessionContext, AppError> {
        let hash = sha256_hex(token);
        let (session, account) = self
            .store()
            .session_with_account(&hash)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        let now = self.now();
        let idle_end = session
            .last_seen_at
            .checked_add(self.settings().session_idle)
            .unwrap_or(now);
        if session.expires_at <= now || idle_end <= now {
            return Err(AppError::Unauthenticated);
        }
        let user = account.user;
        if user.disabled || user.access_until.is_some_and(|until| until <= now) {
            return Err(AppError::Unauthenticated);
        }
        if now.duration_since(session.last_seen_at) > SignedDuration::from_secs(60) {
            self.store().touch_session(&hash, now).await?;
        }
        let mfa_required = user.role.requires_mfa() || account.org_requires_mfa;
        Ok(SessionContext {
            session,
            user,
            org_name: account.org_name,
            mfa_required,
        })
    }

    /// Changes the signed-in user's own password. Every session of the user ends, this one
    /// included; the returned step is this session's replacement (a new token, the same
    /// state and end), so the user stays signed in here and only here.
    pub async fn change_password(
        &self,
        ctx: &SessionContext,
        current: &str,
        new: &str,
    ) -> Result<SignInStep, AppError> {
        let account = self.store().account(ctx.user.id).await?;
        if !secrets::verify_password(current.to_owned(), Some(account.password_hash.clone()))
            .await?
        {
            return Err(FieldError::new("current_password", "is not your current password").into());
        }
        check_password("new_password", new, &ctx.user.login)?;
        if new == current {
            return Err(
                FieldError::new("new_password", "must differ from the current password").into(),
            );
        }
        let hash = secrets::hash_password(new.to_owned()).await?;
        let (token, mut record) = self.new_session(&ctx.user, ctx.session.state)?;
        record.created_at = ctx.session.created_at;
        record.expires_at = ctx.session.expires_at;
        let mut tx = self.store().begin().await?;
        tx.set_password(ctx.user.id, &hash, false).await?;
        tx.delete_user_sessions(ctx.user.id).await?;
        tx.insert_session(&record).await?;
        self.seal(
            tx.as_mut(),
            &ctx.caller(),
            event(
                "user.change_password",
                "user",
                ctx.user.id,
                Some(ctx.user.org),
                None,
                None,
                format!("{} (other sessions ended)", ctx.user.login),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(SignInStep {
            token,
            state: record.state,
            must_change_password: false,
        })
    }

    /// Ends a session.
    pub async fn sign_out(&self, ctx: &SessionContext) -> Result<(), AppError> {
        let mut tx = self.store().begin().await?;
        tx.delete_session(&ctx.session.token_hash).await?;
        if ctx.is_active() {
            self.seal(
                tx.as_mut(),
                &ctx.caller(),
                event(
                    "session.sign_out",
                    "user",
                    ctx.user.id,
                    Some(ctx.user.org),
                    None,
                    None,
                    ctx.user.login.to_string(),
                ),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
