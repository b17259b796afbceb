//! The write port: one transaction of a use-case. Every mutating use-case opens one, reads what
//! it decides on through it, makes its changes, appends its audit entry and commits.

use async_trait::async_trait;

use anzen_domain::audit::{AuditEntry, AuditHead};
use anzen_domain::contract::Contract;
use anzen_domain::ids::{OrgId, UserId};
use anzen_domain::offering::{Offering, VerdictRecord};
use anzen_domain::org::Organisation;
use anzen_domain::supply::SupplyLink;
use anzen_domain::user::User;
use jiff::Timestamp;

use super::{ApiTokenRecord, Job, SessionRecord};
use crate::StoreError;

/// A new account with its password hash.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub user: User,
    pub password_hash: String,
}

/// The MFA settings of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaSettings {
    /// The TOTP secret as stored: sealed by the app's secrets cipher.
    pub secret: Option<String>,
    pub enabled: bool,
    /// SHA-256 (hex) of each recovery code; replaces the user's codes.
    pub recovery_codes: Vec<String>,
    pub last_step: Option<i64>,
}

/// One unit of work. It offers every read ([`super::Reads`]) inside the transaction, so a
/// use-case never needs a second connection while it writes.
#[async_trait]
pub trait Tx:
    super::Reads
    + super::RiskWrites
    + super::ChainWrites
    + super::ControlWrites
    + super::DocumentWrites
    + super::EvaluationWrites
    + super::RulesWrites
    + super::IncidentWrites
    + super::ChecklistWrites
    + Send
    + Sync
{
    // Organisations and their records.
    async fn insert_organisation(&mut self, org: &Organisation) -> Result<(), StoreError>;
    async fn set_org_requires_mfa(&mut self, org: OrgId, required: bool) -> Result<(), StoreError>;
    async fn insert_offering(
        &mut self,
        offering: &Offering,
        first: &VerdictRecord,
    ) -> Result<(), StoreError>;
    /// Replaces profile and verdict if the revision is still `expected_revision` (else
    /// [`StoreError::Conflict`]) and appends `record` to the history.
    async fn update_offering_verdict(
        &mut self,
        owner: OrgId,
        offering: &Offering,
        expected_revision: i64,
        record: &VerdictRecord,
    ) -> Result<(), StoreError>;
    async fn insert_contract(&mut self, contract: &Contract) -> Result<(), StoreError>;
    async fn insert_supply_link(&mut self, link: &SupplyLink) -> Result<(), StoreError>;
    /// Queues a background job in this transaction: it exists exactly when the change that
    /// asked for it was committed.
    async fn enqueue_job(&mut self, job: &Job, now: Timestamp) -> Result<(), StoreError>;

    // Accounts.
    async fn insert_account(&mut self, account: &NewAccount) -> Result<(), StoreError>;
    async fn set_password(
        &mut self,
        user: UserId,
        password_hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError>;
    async fn set_mfa(&mut self, user: UserId, mfa: &MfaSettings) -> Result<(), StoreError>;
    async fn set_login_failures(
        &mut self,
        user: UserId,
        failed: i64,
        locked_until: Option<Timestamp>,
    ) -> Result<(), StoreError>;
    /// Adds one failed sign-in to `user`'s count in the database and returns the new count
    /// (concurrent failures are all counted).
    async fn count_login_failure(&mut self, user: UserId) -> Result<i64, StoreError>;
    async fn insert_session(&mut self, session: &SessionRecord) -> Result<(), StoreError>;
    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError>;
    async fn delete_user_sessions(&mut self, user: UserId) -> Result<(), StoreError>;
    async fn insert_api_token(&mut self, token: &ApiTokenRecord) -> Result<(), StoreError>;
    /// Revokes a token of `user`; [`StoreError::NotFound`] when it has none with that id.
    async fn revoke_api_token(
        &mut self,
        user: UserId,
        id: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
    /// Revokes every API token of `user` not yet revoked (a password reset); returns how
    /// many.
    async fn revoke_user_api_tokens(
        &mut self,
        user: UserId,
        at: Timestamp,
    ) -> Result<u64, StoreError>;
    /// Consumes TOTP time step `step` of `user`: a compare-and-set in the database that
    /// records it as the last step used if it is later than the stored one and the stored
    /// secret is still `secret`. True when this call consumed it: of concurrent calls with
    /// one step, on any number of server processes, exactly one gets true.
    async fn consume_totp_step(
        &mut self,
        user: UserId,
        secret: &str,
        step: i64,
    ) -> Result<bool, StoreError>;
    /// Uses the unused recovery code of `user` with this hash; true when this call used it
    /// (a code is used once, whatever the concurrency).
    async fn consume_recovery_code(
        &mut self,
        user: UserId,
        code_hash: &str,
    ) -> Result<bool, StoreError>;
    /// Every stored TOTP secret, as stored (to encrypt the plain ones of older versions).
    async fn stored_mfa_secrets(&mut self) -> Result<Vec<(UserId, String)>, StoreError>;
    /// Replaces the TOTP secret of `user` if it is still `current`; true when replaced.
    async fn replace_mfa_secret(
        &mut self,
        user: UserId,
        current: &str,
        new: &str,
    ) -> Result<bool, StoreError>;

    // The audit chain.
    /// The last sequence number and hash, locking the chain's head until commit so that
    /// concurrent writers append one after the other.
    async fn audit_head(&mut self) -> Result<(i64, String), StoreError>;
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The head with its signature, locked like [`Tx::audit_head`].
    async fn signed_audit_head(&mut self) -> Result<AuditHead, StoreError>;
    /// Stores the signature of the head `(head.seq, head.hash)`; [`StoreError::Conflict`]
    /// when the head is elsewhere. Moving the head (`append_audit`) clears its signature.
    async fn sign_audit_head(&mut self, head: &AuditHead) -> Result<(), StoreError>;

    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}

impl dyn Tx + '_ {
    /// The transaction as a reader, for helpers that serve reads and writes alike.
    pub fn as_reads(&self) -> &dyn super::Reads {
        self
    }
}
