//! The read ports. Every method takes the caller's reach and returns only rows within it.

use async_trait::async_trait;

use anzen_domain::access::Reach;
use anzen_domain::audit::{AuditEntry, HeadSnapshot};
use anzen_domain::contract::Contract;
use anzen_domain::ids::{OfferingId, OrgId, UserId};
use anzen_domain::offering::{Offering, OfferingSummary, VerdictRecord};
use anzen_domain::org::Organisation;
use anzen_domain::supply::SupplyLink;
use anzen_domain::user::User;
use jiff::Timestamp;

use super::{
    AccountRecord, ApiTokenRecord, AuditQuery, ContractQuery, Listed, OfferingQuery, Page,
    SessionRecord,
};
use crate::StoreError;

#[async_trait]
pub trait OrgReads: Send + Sync {
    async fn organisation(&self, reach: Reach, id: OrgId) -> Result<Organisation, StoreError>;
    async fn list_organisations(
        &self,
        reach: Reach,
        page: Page,
    ) -> Result<Listed<Organisation>, StoreError>;
    /// The names of those of `ids` within reach (for showing names beside ids in lists).
    async fn org_names(
        &self,
        reach: Reach,
        ids: &[OrgId],
    ) -> Result<Vec<(OrgId, String)>, StoreError>;
}

#[async_trait]
pub trait OfferingReads: Send + Sync {
    async fn offering(&self, reach: Reach, id: OfferingId) -> Result<Offering, StoreError>;
    async fn list_offerings(
        &self,
        reach: Reach,
        query: &OfferingQuery,
        page: Page,
    ) -> Result<Listed<OfferingSummary>, StoreError>;
    /// Every offering matching the query, in full (for exports).
    async fn export_offerings(
        &self,
        reach: Reach,
        query: &OfferingQuery,
    ) -> Result<Vec<Offering>, StoreError>;
    /// The names of those of `ids` within reach.
    async fn offering_names(
        &self,
        reach: Reach,
        ids: &[OfferingId],
    ) -> Result<Vec<(OfferingId, String)>, StoreError>;
    /// The verdict history of an offering, oldest first.
    async fn verdict_history(
        &self,
        reach: Reach,
        id: OfferingId,
    ) -> Result<Vec<VerdictRecord>, StoreError>;
}

#[async_trait]
pub trait ContractReads: Send + Sync {
    async fn list_contracts(
        &self,
        reach: Reach,
        query: &ContractQuery,
        page: Page,
    ) -> Result<Listed<Contract>, StoreError>;
}

#[async_trait]
pub trait SupplyReads: Send + Sync {
    async fn list_supply_links(
        &self,
        reach: Reach,
        offering: Option<OfferingId>,
    ) -> Result<Vec<SupplyLink>, StoreError>;
}

#[async_trait]
pub trait AccountReads: Send + Sync {
    /// The account with this login, for signing in (no reach: the caller is not known yet).
    async fn account_by_login(&self, login: &str) -> Result<Option<AccountRecord>, StoreError>;
    /// The account of a signed-in user.
    async fn account(&self, id: UserId) -> Result<AccountRecord, StoreError>;
    async fn user(&self, reach: Reach, id: UserId) -> Result<User, StoreError>;
    async fn list_users(&self, reach: Reach, page: Page) -> Result<Listed<User>, StoreError>;
    /// A session and its user's account, in one lookup (every signed-in request does it).
    async fn session_with_account(
        &self,
        token_hash: &str,
    ) -> Result<Option<(SessionRecord, AccountRecord)>, StoreError>;
    /// An API token and its user's account, in one lookup (every API request does it).
    async fn api_token_with_account(
        &self,
        token_hash: &str,
    ) -> Result<Option<(ApiTokenRecord, AccountRecord)>, StoreError>;
    async fn list_api_tokens(&self, user: UserId) -> Result<Vec<ApiTokenRecord>, StoreError>;
    /// The API token with this id, whoever it belongs to (for an operator revoking it).
    async fn api_token(&self, id: &str) -> Result<Option<ApiTokenRecord>, StoreError>;

    /// Operational writes that are not audited changes: they happen on every request or
    /// attempt and carry no business meaning.
    async fn touch_session(&self, token_hash: &str, now: Timestamp) -> Result<(), StoreError>;
    async fn touch_api_token(&self, id: &str, now: Timestamp) -> Result<(), StoreError>;
    async fn delete_expired_sessions(
        &self,
        now: Timestamp,
        idle_before: Timestamp,
    ) -> Result<u64, StoreError>;
    /// Counts one attempt under `key` in the window starting at `window_start` and returns
    /// the attempts counted in that window, this one included.
    async fn throttle_hit(
        &self,
        key: &str,
        window_start: Timestamp,
        now: Timestamp,
    ) -> Result<i64, StoreError>;
}

#[async_trait]
pub trait AuditReads: Send + Sync {
    /// Entries within reach matching the query, newest first.
    async fn list_audit(
        &self,
        reach: Reach,
        query: &AuditQuery,
        page: Page,
    ) -> Result<Listed<AuditEntry>, StoreError>;
    /// Up to `limit` entries with `seq > after`, in sequence order (for verification).
    async fn audit_after(&self, after: i64, limit: i64) -> Result<Vec<AuditEntry>, StoreError>;
    /// The head with its signature, the newest stored sequence number and the hash stored at
    /// the head's sequence number, read at one moment.
    async fn audit_head_snapshot(&self) -> Result<HeadSnapshot, StoreError>;
}
