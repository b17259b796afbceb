//! Accounts, sessions, API tokens and sign-in throttling.

use async_trait::async_trait;
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{
    AccountReads, AccountRecord, ApiTokenRecord, Listed, MfaSettings, NewAccount, Page, Reach,
    SessionRecord, SessionState,
};
use anzen_domain::access::Role;
use anzen_domain::ids::UserId;
use anzen_domain::text::Name;
use anzen_domain::user::{Login, User};
use jiff::Timestamp;

use crate::codec::{bad_code, flag, id_from_db, opt_ts, text, ts_from_db, ts_to_db};
use crate::conn::{Source, Sql};
use crate::other;
use crate::sql::Stmt;

const USER_COLUMNS: &str = "SELECT u.id, u.org_id, u.login, u.display_name, u.role, u.mfa_enabled, u.must_change_password, \
     u.access_until, u.disabled, u.created_at AS user_created_at FROM users u";
const ACCOUNT_COLUMNS: &str = "SELECT u.id, u.org_id, u.login, u.display_name, u.role, u.mfa_enabled, u.must_change_password, \
     u.access_until, u.disabled, u.created_at AS user_created_at, u.password_hash, u.mfa_secret, u.mfa_last_step, \
     u.failed_logins, u.locked_until, o.name AS org_name, o.requires_mfa FROM users u JOIN organisations o ON o.id = u.org_id";

fn row_to_user(row: &AnyRow) -> Result<User, StoreError> {
    let role = text(row, "role")?;
    let bad = |e: anzen_domain::FieldError| StoreError::Other(e.to_string());
    Ok(User {
        id: id_from_db(&text(row, "id")?)?,
        org: id_from_db(&text(row, "org_id")?)?,
        login: Login::parse("login", &text(row, "login")?).map_err(bad)?,
        display_name: Name::parse("display_name", &text(row, "display_name")?).map_err(bad)?,
        role: Role::from_code(&role).ok_or_else(|| bad_code("users.role", &role))?,
        mfa_enabled: flag(row, "mfa_enabled")?,
        must_change_password: flag(row, "must_change_password")?,
        access_until: opt_ts(row, "access_until")?,
        disabled: flag(row, "disabled")?,
        created_at: ts_from_db(&text(row, "user_created_at")?)?,
    })
}

fn row_to_account(row: &AnyRow) -> Result<AccountRecord, StoreError> {
    Ok(AccountRecord {
        user: row_to_user(row)?,
        org_name: text(row, "org_name")?,
        org_requires_mfa: flag(row, "requires_mfa")?,
        password_hash: text(row, "password_hash")?,
        mfa_secret: row.try_get("mfa_secret").map_err(other)?,
        mfa_last_step: row.try_get("mfa_last_step").map_err(other)?,
        failed_logins: row.try_get("failed_logins").map_err(other)?,
        locked_until: opt_ts(row, "locked_until")?,
    })
}

fn row_to_session(row: &AnyRow) -> Result<SessionRecord, StoreError> {
    let state = text(row, "state")?;
    Ok(SessionRecord {
        token_hash: text(row, "token_hash")?,
        user: id_from_db(&text(row, "user_id")?)?,
        state: SessionState::from_code(&state).ok_or_else(|| bad_code("sessions.state", &state))?,
        csrf_token: text(row, "csrf_token")?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
        last_seen_at: ts_from_db(&text(row, "last_seen_at")?)?,
        expires_at: ts_from_db(&text(row, "expires_at")?)?,
    })
}

fn row_to_token(row: &AnyRow) -> Result<ApiTokenRecord, StoreError> {
    Ok(ApiTokenRecord {
        id: text(row, "token_id")?,
        user: id_from_db(&text(row, "user_id")?)?,
        name: text(row, "name")?,
        prefix: text(row, "prefix")?,
        token_hash: text(row, "token_hash")?,
        created_at: ts_from_db(&text(row, "created_at")?)?,
        expires_at: opt_ts(row, "expires_at")?,
        last_used_at: opt_ts(row, "last_used_at")?,
        revoked_at: opt_ts(row, "revoked_at")?,
    })
}

/// Users of the organisation and of the organisations it registered.
fn reach_filter(s: &mut Stmt, reach: Reach) -> bool {
    match reach {
        Reach::Nothing | Reach::AsInstitution(_) | Reach::AsSupplier(_) => return false,
        Reach::Everything => {
            s.push(" WHERE 1 = 1");
        }
        Reach::Owned(org) => {
            let o = org.to_string();
            s.push(" WHERE (u.org_id = ").text(o.clone());
            s.push(" OR u.org_id IN (SELECT r.id FROM organisations r WHERE r.registered_by = ")
                .text(o)
                .push("))");
        }
    }
    true
}

/// A session joined with its account (the account's columns as in ACCOUNT_COLUMNS).
const SESSION_ACCOUNT_COLUMNS: &str = "SELECT s.token_hash, s.user_id, s.state, s.csrf_token, s.created_at, s.last_seen_at, \
     s.expires_at, u.id, u.org_id, u.login, u.display_name, u.role, u.mfa_enabled, u.must_change_password, \
     u.access_until, u.disabled, u.created_at AS user_created_at, u.password_hash, u.mfa_secret, u.mfa_last_step, \
     u.failed_logins, u.locked_until, o.name AS org_name, o.requires_mfa \
     FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.org_id";

/// An API token joined with its account.
const TOKEN_ACCOUNT_COLUMNS: &str = "SELECT t.id AS token_id, t.user_id, t.name, t.prefix, t.token_hash, t.created_at, \
     t.expires_at, t.last_used_at, t.revoked_at, u.id, u.org_id, u.login, u.display_name, u.role, u.mfa_enabled, \
     u.must_change_password, u.access_until, u.disabled, u.created_at AS user_created_at, u.password_hash, \
     u.mfa_secret, u.mfa_last_step, u.failed_logins, u.locked_until, o.name AS org_name, \
     o.requires_mfa FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN organisations o ON o.id = u.org_id";

const TOKEN_COLUMNS: &str = "SELECT id AS token_id, user_id, name, prefix, token_hash, created_at, expires_at, last_used_at, revoked_at FROM api_tokens";

#[async_trait]
impl<S: Source> AccountReads for Sql<S> {
    async fn account_by_login(&self, login: &str) -> Result<Option<AccountRecord>, StoreError> {
        let mut s = Stmt::new(ACCOUNT_COLUMNS);
        s.push(" WHERE u.login = ").text(login);
        s.fetch_optional(&mut *self.conn().await?)
            .await?
            .as_ref()
            .map(row_to_account)
            .transpose()
    }

    async fn account(&self, id: UserId) -> Result<AccountRecord, StoreError> {
        let mut s = Stmt::new(ACCOUNT_COLUMNS);
        s.push(" WHERE u.id = ").text(id.to_string());
        let row = s
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .ok_or(StoreError::NotFound)?;
        row_to_account(&row)
    }

    async fn user(&self, reach: Reach, id: UserId) -> Result<User, StoreError> {
        let mut s = Stmt::new(USER_COLUMNS);
        if !reach_filter(&mut s, reach) {
            return Err(StoreError::NotFound);
        }
        s.push(" AND u.id = ").text(id.to_string());
        let row = s
            .fetch_optional(&mut *self.conn().await?)
            .await?
            .ok_or(StoreError::NotFound)?;
        row_to_user(&row)
    }

    async fn list_users(&self, reach: Reach, page: Page) -> Result<Listed<User>, StoreError> {
        let mut s = Stmt::new(USER_COLUMNS);
        let mut c = Stmt::new("SELECT COUNT(*) FROM users u");
        if !reach_filter(&mut s, reach) || !reach_filter(&mut c, reach) {
            return Ok(Listed {
                rows: Vec::new(),
                total: 0,
                page,
            });
        }
        s.push(" ORDER BY u.login").page(page);
        let rows = s.fetch_all(&mut *self.conn().await?).await?;
        let total = c.fetch_count(&mut *self.conn().await?).await?;
        Ok(Listed {
            rows: rows.iter().map(row_to_user).collect::<Result<_, _>>()?,
            total,
            page,
        })
    }

    async fn session_with_account(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRecord, AccountRecord)>, StoreError> {
        let mut st = Stmt::new(SESSION_ACCOUNT_COLUMNS);
        st.push(" WHERE s.token_hash = ").text(token_hash);
        match st.fetch_optional(&mut *self.conn().await?).await? {
            Some(row) => Ok(Some((row_to_session(&row)?, row_to_account(&row)?))),
            None => Ok(None),
        }
    }

    async fn api_token_with_account(
        &self,
        token_hash: &str,
    ) -> Result<Option<(ApiTokenRecord, AccountRecord)>, StoreError> {
        let mut st = Stmt::new(TOKEN_ACCOUNT_COLUMNS);
        st.push(" WHERE t.token_hash = ").text(token_hash);
        match st.fetch_optional(&mut *self.conn().await?).await? {
            Some(row) => Ok(Some((row_to_token(&row)?, row_to_account(&row)?))),
            None => Ok(None),
        }
    }

    async fn list_api_tokens(&self, user: UserId) -> Result<Vec<ApiTokenRecord>, StoreError> {
        let mut s = Stmt::new(TOKEN_COLUMNS);
        s.push(" WHERE user_id = ")
            .text(user.to_string())
            .push(" ORDER BY created_at DESC");
        s.fetch_all(&mut *self.conn().await?)
            .await?
            .iter()
            .map(row_to_token)
            .collect()
    }

    async fn api_token(&self, id: &str) -> Result<Option<ApiTokenRecord>, StoreError> {
        let mut s = Stmt::new(TOKEN_COLUMNS);
        s.push(" WHERE id = ").text(id.to_owned());
        s.fetch_optional(&mut *self.conn().await?)
            .await?
            .as_ref()
            .map(row_to_token)
            .transpose()
    }

    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(ts_to_db(now))
            .bind(token_hash)
            .execute(&mut *self.write_conn().await?)
            .await
            .map_err(other)?;
        Ok(())
    }

    async fn touch_api_token(&self, id: &str, now: Timestamp) -> Result<(), StoreError> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(ts_to_db(now))
            .bind(id)
            .execute(&mut *self.write_conn().await?)
            .await
            .map_err(other)?;
        Ok(())
    }

    async fn delete_expired_sessions(
        &self,
        now: Timestamp,
        idle_before: Timestamp,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
            .bind(ts_to_db(now))
            .bind(ts_to_db(idle_before))
            .execute(&mut *self.write_conn().await?)
            .await
            .map_err(other)?;
        sqlx::query("DELETE FROM throttle WHERE window_start < $1")
            .bind(ts_to_db(idle_before))
            .execute(&mut *self.write_conn().await?)
            .await
            .map_err(other)?;
        Ok(done.rows_affected())
    }

    async fn throttle_hit(
        &self,
        key: &str,
        window_start: Timestamp,
        _now: Timestamp,
    ) -> Result<i64, StoreError> {
        let row = sqlx::query(
            "INSERT INTO throttle (key, window_start, hits) VALUES ($1, $2, 1) \
             ON CONFLICT (key, window_start) DO UPDATE SET hits = throttle.hits + 1 RETURNING hits",
        )
        .bind(key)
        .bind(ts_to_db(window_start))
        .fetch_one(&mut *self.write_conn().await?)
        .await
        .map_err(other)?;
        row.try_get::<i64, _>(0).map_err(other)
    }
}

type Tx = Transaction<'static, Any>;

pub(crate) async fn insert_account(tx: &mut Tx, a: &NewAccount) -> Result<(), StoreError> {
    let u = &a.user;
    sqlx::query(
        "INSERT INTO users (id, org_id, login, display_name, role, password_hash, must_change_password, \
         mfa_enabled, access_until, disabled, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(u.id.to_string())
    .bind(u.org.to_string())
    .bind(u.login.as_str())
    .bind(u.display_name.as_str())
    .bind(u.role.code())
    .bind(a.password_hash.as_str())
    .bind(i64::from(u.must_change_password))
    .bind(i64::from(u.mfa_enabled))
    .bind(u.access_until.map(ts_to_db))
    .bind(i64::from(u.disabled))
    .bind(ts_to_db(u.created_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

async fn one_user_row(done: sqlx::any::AnyQueryResult) -> Result<(), StoreError> {
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub(crate) async fn set_password(
    tx: &mut Tx,
    user: UserId,
    hash: &str,
    must_change: bool,
) -> Result<(), StoreError> {
    let done =
        sqlx::query("UPDATE users SET password_hash = $1, must_change_password = $2 WHERE id = $3")
            .bind(hash)
            .bind(i64::from(must_change))
            .bind(user.to_string())
            .execute(&mut **tx)
            .await
            .map_err(other)?;
    one_user_row(done).await
}

pub(crate) async fn set_mfa(
    tx: &mut Tx,
    user: UserId,
    mfa: &MfaSettings,
) -> Result<(), StoreError> {
    let done = sqlx::query(
        "UPDATE users SET mfa_secret = $1, mfa_enabled = $2, mfa_last_step = $3 WHERE id = $4",
    )
    .bind(mfa.secret.as_deref())
    .bind(i64::from(mfa.enabled))
    .bind(mfa.last_step)
    .bind(user.to_string())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    one_user_row(done).await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    for hash in &mfa.recovery_codes {
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2) \
             ON CONFLICT (user_id, code_hash) DO NOTHING",
        )
        .bind(user.to_string())
        .bind(hash.as_str())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    }
    Ok(())
}

/// The compare-and-set that consumes a TOTP step: only a later step than the stored one,
/// only while the secret is the one the code was checked against.
pub(crate) async fn consume_totp_step(
    tx: &mut Tx,
    user: UserId,
    secret: &str,
    step: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE users SET mfa_last_step = $1 WHERE id = $2 AND mfa_secret = $3 \
         AND (mfa_last_step IS NULL OR mfa_last_step < $1)",
    )
    .bind(step)
    .bind(user.to_string())
    .bind(secret)
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(done.rows_affected() == 1)
}

/// Uses a recovery code by deleting its row: one request only can.
pub(crate) async fn consume_recovery_code(
    tx: &mut Tx,
    user: UserId,
    code_hash: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1 AND code_hash = $2")
        .bind(user.to_string())
        .bind(code_hash)
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn stored_mfa_secrets(tx: &mut Tx) -> Result<Vec<(UserId, String)>, StoreError> {
    let rows =
        sqlx::query("SELECT id, mfa_secret FROM users WHERE mfa_secret IS NOT NULL ORDER BY id")
            .fetch_all(&mut **tx)
            .await
            .map_err(other)?;
    rows.iter()
        .map(|r| Ok((id_from_db(&text(r, "id")?)?, text(r, "mfa_secret")?)))
        .collect()
}

pub(crate) async fn replace_mfa_secret(
    tx: &mut Tx,
    user: UserId,
    current: &str,
    new: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE users SET mfa_secret = $1 WHERE id = $2 AND mfa_secret = $3")
        .bind(new)
        .bind(user.to_string())
        .bind(current)
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn count_login_failure(tx: &mut Tx, user: UserId) -> Result<i64, StoreError> {
    let row = sqlx::query(
        "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
    )
    .bind(user.to_string())
    .fetch_optional(&mut **tx)
    .await
    .map_err(other)?
    .ok_or(StoreError::NotFound)?;
    row.try_get::<i64, _>(0).map_err(other)
}

pub(crate) async fn set_login_failures(
    tx: &mut Tx,
    user: UserId,
    failed: i64,
    locked_until: Option<Timestamp>,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3")
        .bind(failed)
        .bind(locked_until.map(ts_to_db))
        .bind(user.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    one_user_row(done).await
}

pub(crate) async fn insert_session(tx: &mut Tx, s: &SessionRecord) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, state, csrf_token, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(s.token_hash.as_str())
    .bind(s.user.to_string())
    .bind(s.state.code())
    .bind(s.csrf_token.as_str())
    .bind(ts_to_db(s.created_at))
    .bind(ts_to_db(s.last_seen_at))
    .bind(ts_to_db(s.expires_at))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn delete_session(tx: &mut Tx, token_hash: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

pub(crate) async fn delete_user_sessions(tx: &mut Tx, user: UserId) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    Ok(())
}

pub(crate) async fn insert_api_token(tx: &mut Tx, t: &ApiTokenRecord) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, created_at, expires_at, last_used_at, revoked_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(t.id.as_str())
    .bind(t.user.to_string())
    .bind(t.name.as_str())
    .bind(t.prefix.as_str())
    .bind(t.token_hash.as_str())
    .bind(ts_to_db(t.created_at))
    .bind(t.expires_at.map(ts_to_db))
    .bind(t.last_used_at.map(ts_to_db))
    .bind(t.revoked_at.map(ts_to_db))
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(())
}

pub(crate) async fn revoke_api_token(
    tx: &mut Tx,
    user: UserId,
    id: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(ts_to_db(at))
        .bind(id)
        .bind(user.to_string())
        .execute(&mut **tx)
        .await
        .map_err(other)?;
    one_user_row(done).await
}

pub(crate) async fn revoke_user_api_tokens(
    tx: &mut Tx,
    user: UserId,
    at: Timestamp,
) -> Result<u64, StoreError> {
    let done = sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
    )
    .bind(ts_to_db(at))
    .bind(user.to_string())
    .execute(&mut **tx)
    .await
    .map_err(other)?;
    Ok(done.rows_affected())
}
