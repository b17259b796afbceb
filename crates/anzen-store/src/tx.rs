//! One write transaction of a use-case.

use async_trait::async_trait;
use sqlx::{Any, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{ApiTokenRecord, Backend, MfaSettings, NewAccount, SessionRecord, Tx};
use anzen_domain::audit::AuditEntry;
use anzen_domain::contract::Contract;
use anzen_domain::ids::{OrgId, UserId};
use anzen_domain::offering::{Offering, VerdictRecord};
use anzen_domain::org::Organisation;
use anzen_domain::supply::SupplyLink;
use jiff::Timestamp;

use crate::{accounts, audit, contracts, offerings, orgs, other, supply};

/// A transaction on either backend.
pub struct SqlTx {
    pub(crate) tx: Transaction<'static, Any>,
    pub(crate) backend: Backend,
}

#[async_trait]
impl Tx for SqlTx {
    async fn insert_organisation(&mut self, org: &Organisation) -> Result<(), StoreError> {
        orgs::insert(&mut self.tx, org).await
    }
    async fn set_org_requires_mfa(&mut self, org: OrgId, required: bool) -> Result<(), StoreError> {
        orgs::set_requires_mfa(&mut self.tx, org, required).await
    }
    async fn insert_offering(
        &mut self,
        offering: &Offering,
        first: &VerdictRecord,
    ) -> Result<(), StoreError> {
        offerings::insert(&mut self.tx, offering, first).await
    }
    async fn update_offering_verdict(
        &mut self,
        owner: OrgId,
        offering: &Offering,
        expected: i64,
        record: &VerdictRecord,
    ) -> Result<(), StoreError> {
        offerings::update_verdict(&mut self.tx, owner, offering, expected, record).await
    }
    async fn insert_contract(&mut self, contract: &Contract) -> Result<(), StoreError> {
        contracts::insert(&mut self.tx, contract).await
    }
    async fn insert_supply_link(&mut self, link: &SupplyLink) -> Result<(), StoreError> {
        supply::insert(&mut self.tx, link).await
    }
    async fn insert_account(&mut self, account: &NewAccount) -> Result<(), StoreError> {
        accounts::insert_account(&mut self.tx, account).await
    }
    async fn set_password(
        &mut self,
        user: UserId,
        hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        accounts::set_password(&mut self.tx, user, hash, must_change).await
    }
    async fn set_mfa(&mut self, user: UserId, mfa: &MfaSettings) -> Result<(), StoreError> {
        accounts::set_mfa(&mut self.tx, user, mfa).await
    }
    async fn set_login_failures(
        &mut self,
        user: UserId,
        failed: i64,
        locked_until: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        accounts::set_login_failures(&mut self.tx, user, failed, locked_until).await
    }
    async fn insert_session(&mut self, session: &SessionRecord) -> Result<(), StoreError> {
        accounts::insert_session(&mut self.tx, session).await
    }
    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        accounts::delete_session(&mut self.tx, token_hash).await
    }
    async fn delete_user_sessions(&mut self, user: UserId) -> Result<(), StoreError> {
        accounts::delete_user_sessions(&mut self.tx, user).await
    }
    async fn insert_api_token(&mut self, token: &ApiTokenRecord) -> Result<(), StoreError> {
        accounts::insert_api_token(&mut self.tx, token).await
    }
    async fn revoke_api_token(
        &mut self,
        user: UserId,
        id: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        accounts::revoke_api_token(&mut self.tx, user, id, at).await
    }
    async fn audit_head(&mut self) -> Result<(i64, String), StoreError> {
        audit::head(&mut self.tx, self.backend).await
    }
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError> {
        audit::append(&mut self.tx, entry).await
    }
    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await.map_err(other)
    }
}
