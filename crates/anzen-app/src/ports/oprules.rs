//! The 運用管理規程 register (GL 5.1.6 (2), FAQ 6.1): the versions a provider issued, for
//! all its offerings or for one, and the institutions' responses to each.

use async_trait::async_trait;
use jiff::Timestamp;

use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::oprules::{Response, RulesContent};

use crate::StoreError;

/// One issued version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredRules {
    pub id: String,
    /// The provider that set the rules.
    pub org: OrgId,
    /// `None`: the provider's rules for every offering; `Some`: where one offering differs.
    pub offering: Option<OfferingId>,
    /// 1, 2, ... within the provider and offering.
    pub version: i64,
    pub content: RulesContent,
    /// [`RulesContent::digest`]: what an institution agrees to.
    pub digest: String,
    pub issued_by: String,
    pub issued_at: Timestamp,
}

#[async_trait]
pub trait RulesReads: Send + Sync {
    /// Every version a provider issued (all variants), newest first.
    async fn rules_of(&self, org: OrgId) -> Result<Vec<StoredRules>, StoreError>;
    async fn rules_by_id(&self, id: &str) -> Result<Option<StoredRules>, StoreError>;
    /// The responses to one version, oldest first.
    async fn rules_responses(&self, rules: &str) -> Result<Vec<Response>, StoreError>;
}

#[async_trait]
pub trait RulesWrites: Send {
    /// Inserts a version; a version number already taken for the provider and offering (a
    /// concurrent issue) is a conflict.
    async fn insert_rules(&mut self, rules: &StoredRules) -> Result<(), StoreError>;
    async fn insert_rules_response(
        &mut self,
        rules: &StoredRules,
        response: &Response,
    ) -> Result<(), StoreError>;
}
