//! One write transaction of a use-case.

use async_trait::async_trait;
use sqlx::{Any, Transaction};

use anzen_app::StoreError;
use anzen_app::ports::{
    AgreementConsentRecord, ApiTokenRecord, Backend, ChainWrites, ControlWrites, Disclosure, Job,
    MfaSettings, NewAccount, Notification, Recipient, RiskWrites, SessionRecord, StoredAgreement,
    StoredCatalogue, StoredCertification, StoredDevice, StoredProviderControl, StoredStatement, Tx,
};
use anzen_domain::audit::{AuditEntry, AuditHead};
use anzen_domain::contract::Contract;
use anzen_domain::ids::RiskId;
use anzen_domain::ids::{OrgId, UserId};
use anzen_domain::offering::{Offering, VerdictRecord};
use anzen_domain::org::Organisation;
use anzen_domain::risk::{
    Component, Consent, InformationFlow, MatrixVersion, Risk, RiskStatus, TechNotice,
};
use anzen_domain::supply::SupplyLink;
use jiff::Timestamp;

use crate::{
    accounts, audit, chain, contracts, controls, jobs, offerings, orgs, other, risk, supply,
};

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
    async fn enqueue_job(&mut self, job: &Job, now: Timestamp) -> Result<(), StoreError> {
        jobs::insert(&mut *self.tx, job, now).await
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
    async fn signed_audit_head(&mut self) -> Result<AuditHead, StoreError> {
        audit::signed_head(&mut self.tx, self.backend).await
    }
    async fn sign_audit_head(&mut self, head: &AuditHead) -> Result<(), StoreError> {
        audit::sign_head(&mut self.tx, head).await
    }
    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit().await.map_err(other)
    }
}

#[async_trait]
impl RiskWrites for SqlTx {
    async fn insert_matrix(&mut self, matrix: &MatrixVersion) -> Result<(), StoreError> {
        risk::insert_matrix(&mut self.tx, matrix).await
    }
    async fn insert_component(
        &mut self,
        owner: OrgId,
        component: &Component,
    ) -> Result<(), StoreError> {
        risk::insert_component(&mut self.tx, owner, component, jiff::Timestamp::now()).await
    }
    async fn insert_flow(
        &mut self,
        owner: OrgId,
        flow: &InformationFlow,
    ) -> Result<(), StoreError> {
        risk::insert_flow(&mut self.tx, owner, flow, jiff::Timestamp::now()).await
    }
    async fn insert_risk(&mut self, r: &Risk, status: RiskStatus) -> Result<(), StoreError> {
        risk::insert_risk(&mut self.tx, r, status).await
    }
    async fn update_risk(
        &mut self,
        r: &Risk,
        expected_revision: i64,
        status: RiskStatus,
    ) -> Result<(), StoreError> {
        risk::update_risk(&mut self.tx, r, expected_revision, status).await
    }
    async fn set_risk_status(&mut self, id: RiskId, status: RiskStatus) -> Result<(), StoreError> {
        risk::set_status(&mut self.tx, id, status).await
    }
    async fn insert_consent(&mut self, owner: OrgId, consent: &Consent) -> Result<(), StoreError> {
        risk::insert_consent(&mut self.tx, owner, consent).await
    }
    async fn insert_notice(&mut self, notice: &TechNotice) -> Result<(), StoreError> {
        risk::insert_notice(&mut self.tx, notice).await
    }
}

#[async_trait]
impl ChainWrites for SqlTx {
    async fn insert_certification(
        &mut self,
        c: &StoredCertification,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::insert_certification(&mut self.tx, c, now).await
    }
    async fn insert_device(
        &mut self,
        d: &StoredDevice,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::insert_device(&mut self.tx, d, now).await
    }
    async fn update_device(
        &mut self,
        d: &StoredDevice,
        expected: i64,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::update_device(&mut self.tx, d, expected, now).await
    }
    async fn insert_agreement_version(&mut self, a: &StoredAgreement) -> Result<(), StoreError> {
        chain::insert_agreement_version(&mut self.tx, a).await
    }
    async fn insert_agreement_consent(
        &mut self,
        agreement: &str,
        version: u32,
        c: &AgreementConsentRecord,
    ) -> Result<(), StoreError> {
        chain::insert_agreement_consent(&mut self.tx, agreement, version, c).await
    }
    async fn mark_reagreement(
        &mut self,
        agreements: &[String],
        reason: &str,
    ) -> Result<(), StoreError> {
        chain::mark_reagreement(&mut self.tx, agreements, reason).await
    }
    async fn insert_disclosure(&mut self, d: &Disclosure) -> Result<(), StoreError> {
        chain::insert_disclosure(&mut self.tx, d).await
    }
    async fn insert_notification(
        &mut self,
        n: &Notification,
        recipients: &[Recipient],
    ) -> Result<(), StoreError> {
        chain::insert_notification(&mut self.tx, n, recipients).await
    }
    async fn set_mail_status(
        &mut self,
        n: &str,
        org: OrgId,
        status: &str,
        at: Option<jiff::Timestamp>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        chain::set_mail_status(&mut self.tx, n, org, status, at, error).await
    }
    async fn acknowledge(
        &mut self,
        n: &str,
        org: OrgId,
        by: &str,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::acknowledge(&mut self.tx, n, org, by, at).await
    }
}

#[async_trait]
impl ControlWrites for SqlTx {
    async fn insert_catalogue(&mut self, c: &StoredCatalogue) -> Result<(), StoreError> {
        controls::insert_catalogue(&mut self.tx, c).await
    }
    async fn insert_provider_control(
        &mut self,
        c: &StoredProviderControl,
    ) -> Result<(), StoreError> {
        controls::insert_provider_control(&mut self.tx, c).await
    }
    async fn insert_statement(
        &mut self,
        s: &StoredStatement,
        expected_seq: Option<i64>,
    ) -> Result<i64, StoreError> {
        controls::insert_statement(&mut self.tx, s, expected_seq).await
    }
}
