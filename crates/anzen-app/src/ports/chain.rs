//! The supply-chain ports: the chain as index records, certifications, the device ledger,
//! lifecycle agreements, disclosures and change notifications.

use async_trait::async_trait;
use jiff::Timestamp;

use anzen_domain::access::Reach;
use anzen_domain::chain::{
    AgreementKind, Certification, ContractRecord, Device, LinkRecord, MatrixEntry, OfferingRecord,
};
use anzen_domain::ids::{ContractId, OrgId, UserId};

use super::{Listed, Page};
use crate::StoreError;

/// The whole chain of the installation, for indexing.
#[derive(Debug, Clone, Default)]
pub struct ChainRecords {
    pub offerings: Vec<OfferingRecord>,
    pub links: Vec<LinkRecord>,
    pub contracts: Vec<ContractRecord>,
}

/// A stored certification.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredCertification {
    pub id: String,
    pub org: OrgId,
    #[serde(flatten)]
    pub certification: Certification,
}

/// A stored device of the ledger.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StoredDevice {
    pub id: String,
    pub org: OrgId,
    pub revision: i64,
    #[serde(flatten)]
    pub device: Device,
}

/// One stored version of an agreement, with its consents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAgreement {
    pub id: String,
    /// The provider (owner).
    pub org: OrgId,
    pub kind: AgreementKind,
    pub counterparty: OrgId,
    pub contract: Option<ContractId>,
    pub version: u32,
    pub subcontractors: Vec<OrgId>,
    pub entries: Vec<MatrixEntry>,
    pub digest: String,
    /// Set when a change in the chain asks the parties to agree again (FAQ 2.1 R5).
    pub reagreement_reason: Option<String>,
    pub created_by: String,
    pub created_at: Timestamp,
    pub consents: Vec<AgreementConsentRecord>,
}

/// A named user's agreement to one version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgreementConsentRecord {
    pub user: UserId,
    pub user_name: String,
    pub party: OrgId,
    pub digest: String,
    pub at: Timestamp,
}

/// Information given to an institution (Table 4-1).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Disclosure {
    pub id: String,
    pub org: OrgId,
    pub institution: OrgId,
    pub item_key: String,
    pub item_title: String,
    /// `early` or `contract`.
    pub stage: String,
    pub answer: String,
    /// `anzen` (answered from its data) or `manual`.
    pub source: String,
    pub disclosed_by: String,
    pub disclosed_at: Timestamp,
}

/// A change notification (FAQ 2.1 R5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notification {
    pub id: String,
    /// The organisation whose change it is.
    pub org: OrgId,
    /// `offering`, `supply_link`, `contract` or `organisation`.
    pub change_kind: String,
    pub change_ref: String,
    pub summary: String,
    pub created_by: String,
    pub created_at: Timestamp,
}

/// One recipient of a notification and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Recipient {
    pub notification: String,
    pub org: OrgId,
    /// Why it is affected (impact kinds), comma-separated.
    pub reasons: String,
    /// The addresses mailed.
    pub emails: Vec<String>,
    /// `none` (no address), `queued`, `sent` or `failed`.
    pub mail_status: String,
    pub mailed_at: Option<Timestamp>,
    pub mail_error: Option<String>,
    pub acknowledged_by: Option<String>,
    pub acknowledged_at: Option<Timestamp>,
}

/// A notification as one recipient sees it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Inbox {
    pub notification: Notification,
    pub recipient: Recipient,
}

/// A notification an organisation sent, with every recipient and what became of it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SentNotification {
    pub notification: Notification,
    pub recipients: Vec<SentTo>,
}

/// A recipient of a sent notification with its name: the sender knows whom it told, even an
/// organisation it otherwise does not see (a partner telling a provider's customers).
#[derive(Debug, Clone, serde::Serialize)]
pub struct SentTo {
    #[serde(flatten)]
    pub recipient: Recipient,
    pub name: String,
}

/// The notifications an organisation sent (FAQ 2.1 R5: the sender keeps track of who was told
/// and who acknowledged).
#[async_trait]
pub trait SentNotificationReads: Send + Sync {
    /// The notifications whose change is `org`'s, newest first, each with its recipients.
    async fn sent_notifications(
        &self,
        org: OrgId,
        page: Page,
    ) -> Result<Listed<SentNotification>, StoreError>;
}

#[async_trait]
pub trait ChainReads: Send + Sync {
    /// Every offering, supply link and contract of the installation.
    async fn chain_records(&self) -> Result<ChainRecords, StoreError>;
    async fn list_certifications(
        &self,
        reach: Reach,
    ) -> Result<Vec<StoredCertification>, StoreError>;
    async fn list_devices(
        &self,
        reach: Reach,
        institution: Option<OrgId>,
        page: Page,
    ) -> Result<Listed<StoredDevice>, StoreError>;
    async fn device(&self, reach: Reach, id: &str) -> Result<StoredDevice, StoreError>;
    /// The latest version of each agreement within reach (of one contract, or all).
    async fn agreements(
        &self,
        reach: Reach,
        contract: Option<ContractId>,
    ) -> Result<Vec<StoredAgreement>, StoreError>;
    /// Every version of one agreement (same id), oldest first.
    async fn agreement_history(
        &self,
        reach: Reach,
        id: &str,
    ) -> Result<Vec<StoredAgreement>, StoreError>;
    async fn list_disclosures(
        &self,
        reach: Reach,
        institution: Option<OrgId>,
    ) -> Result<Vec<Disclosure>, StoreError>;
    /// The notifications sent to `org`, newest first.
    async fn inbox(&self, org: OrgId, page: Page) -> Result<Listed<Inbox>, StoreError>;
    /// How many of the notifications sent to `org` it has not acknowledged yet.
    async fn unacknowledged_count(&self, org: OrgId) -> Result<i64, StoreError>;
    async fn notification(&self, id: &str) -> Result<(Notification, Vec<Recipient>), StoreError>;
    /// The e-mail addresses of an organisation's active users (logins that are addresses).
    async fn emails_of(&self, org: OrgId) -> Result<Vec<String>, StoreError>;
}

#[async_trait]
pub trait ChainWrites: Send {
    async fn insert_certification(
        &mut self,
        c: &StoredCertification,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    async fn insert_device(&mut self, d: &StoredDevice, now: Timestamp) -> Result<(), StoreError>;
    async fn update_device(
        &mut self,
        d: &StoredDevice,
        expected_revision: i64,
        now: Timestamp,
    ) -> Result<(), StoreError>;
    /// Adds a version (a new row) of an agreement.
    async fn insert_agreement_version(&mut self, a: &StoredAgreement) -> Result<(), StoreError>;
    async fn insert_agreement_consent(
        &mut self,
        agreement: &str,
        version: u32,
        c: &AgreementConsentRecord,
    ) -> Result<(), StoreError>;
    /// Marks the latest versions of agreements as needing re-agreement.
    async fn mark_reagreement(
        &mut self,
        agreements: &[String],
        reason: &str,
    ) -> Result<(), StoreError>;
    async fn insert_disclosure(&mut self, d: &Disclosure) -> Result<(), StoreError>;
    async fn insert_notification(
        &mut self,
        n: &Notification,
        recipients: &[Recipient],
    ) -> Result<(), StoreError>;
    async fn set_mail_status(
        &mut self,
        notification: &str,
        recipient: OrgId,
        status: &str,
        at: Option<Timestamp>,
        error: Option<&str>,
    ) -> Result<(), StoreError>;
    async fn acknowledge(
        &mut self,
        notification: &str,
        recipient: OrgId,
        by: &str,
        at: Timestamp,
    ) -> Result<(), StoreError>;
}
