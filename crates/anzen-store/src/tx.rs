//! One write transaction of a use-case.

use async_trait::async_trait;
use sqlx::{Any, Transaction};
use tokio::sync::{Mutex as AsyncMutex, OwnedMutexGuard};

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

use crate::conn::{Conn, Source, Sql, TaskMark};
use crate::{
    accounts, audit, chain, contracts, controls, jobs, offerings, orgs, other, risk, supply,
};

/// A transaction on either backend. Its reads (the read ports, implemented for every
/// `conn::Sql<S>`) run inside it, behind a lock that only orders them with this transaction's
/// own writes; writes take `&mut self` and need no lock.
pub type SqlTx = Sql<InTx>;

/// The connection of one write transaction.
pub struct InTx {
    tx: AsyncMutex<Transaction<'static, Any>>,
    backend: Backend,
    /// SQLite: this process's writers' gate, held until the transaction ends.
    _gate: Option<OwnedMutexGuard<()>>,
    /// Debug builds: marks the task as holding a write transaction.
    _mark: Option<TaskMark>,
}

impl SqlTx {
    pub(crate) fn new(
        tx: Transaction<'static, Any>,
        backend: Backend,
        gate: Option<OwnedMutexGuard<()>>,
        mark: Option<TaskMark>,
    ) -> Self {
        Sql(InTx {
            tx: AsyncMutex::new(tx),
            backend,
            _gate: gate,
            _mark: mark,
        })
    }

    pub(crate) fn t(&mut self) -> &mut Transaction<'static, Any> {
        self.0.tx.get_mut()
    }
}

impl Source for InTx {
    /// The transaction's connection, to read on.
    async fn conn(&self) -> Result<Conn<'_>, StoreError> {
        // One task uses a transaction, one statement at a time: the lock is free unless a read
        // asked for the connection while holding it already (it would wait for itself).
        self.tx.try_lock().map(Conn::Tx).map_err(|_| {
            StoreError::Other(
                "bug: a second read of the transaction was started while one holds its \
                 connection; use the connection it holds"
                    .to_owned(),
            )
        })
    }

    async fn write_conn(&self) -> Result<Conn<'_>, StoreError> {
        self.conn().await
    }
}

impl std::fmt::Debug for InTx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SqlTx({})", self.backend.name())
    }
}

#[async_trait]
impl Tx for SqlTx {
    async fn insert_organisation(&mut self, org: &Organisation) -> Result<(), StoreError> {
        orgs::insert(self.t(), org).await
    }
    async fn set_org_requires_mfa(&mut self, org: OrgId, required: bool) -> Result<(), StoreError> {
        orgs::set_requires_mfa(self.t(), org, required).await
    }
    async fn insert_offering(
        &mut self,
        offering: &Offering,
        first: &VerdictRecord,
    ) -> Result<(), StoreError> {
        offerings::insert(self.t(), offering, first).await
    }
    async fn update_offering_verdict(
        &mut self,
        owner: OrgId,
        offering: &Offering,
        expected: i64,
        record: &VerdictRecord,
    ) -> Result<(), StoreError> {
        offerings::update_verdict(self.t(), owner, offering, expected, record).await
    }
    async fn insert_contract(&mut self, contract: &Contract) -> Result<(), StoreError> {
        contracts::insert(self.t(), contract).await
    }
    async fn insert_supply_link(&mut self, link: &SupplyLink) -> Result<(), StoreError> {
        supply::insert(self.t(), link).await
    }
    async fn enqueue_job(&mut self, job: &Job, now: Timestamp) -> Result<(), StoreError> {
        jobs::insert(&mut **self.t(), job, now).await
    }
    async fn insert_account(&mut self, account: &NewAccount) -> Result<(), StoreError> {
        accounts::insert_account(self.t(), account).await
    }
    async fn set_password(
        &mut self,
        user: UserId,
        hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        accounts::set_password(self.t(), user, hash, must_change).await
    }
    async fn set_mfa(&mut self, user: UserId, mfa: &MfaSettings) -> Result<(), StoreError> {
        accounts::set_mfa(self.t(), user, mfa).await
    }
    async fn set_login_failures(
        &mut self,
        user: UserId,
        failed: i64,
        locked_until: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        accounts::set_login_failures(self.t(), user, failed, locked_until).await
    }
    async fn count_login_failure(&mut self, user: UserId) -> Result<i64, StoreError> {
        accounts::count_login_failure(self.t(), user).await
    }
    async fn insert_session(&mut self, session: &SessionRecord) -> Result<(), StoreError> {
        accounts::insert_session(self.t(), session).await
    }
    async fn delete_session(&mut self, token_hash: &str) -> Result<(), StoreError> {
        accounts::delete_session(self.t(), token_hash).await
    }
    async fn delete_user_sessions(&mut self, user: UserId) -> Result<(), StoreError> {
        accounts::delete_user_sessions(self.t(), user).await
    }
    async fn insert_api_token(&mut self, token: &ApiTokenRecord) -> Result<(), StoreError> {
        accounts::insert_api_token(self.t(), token).await
    }
    async fn revoke_api_token(
        &mut self,
        user: UserId,
        id: &str,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        accounts::revoke_api_token(self.t(), user, id, at).await
    }
    async fn revoke_user_api_tokens(
        &mut self,
        user: UserId,
        at: Timestamp,
    ) -> Result<u64, StoreError> {
        accounts::revoke_user_api_tokens(self.t(), user, at).await
    }
    async fn consume_totp_step(
        &mut self,
        user: UserId,
        secret: &str,
        step: i64,
    ) -> Result<bool, StoreError> {
        accounts::consume_totp_step(self.t(), user, secret, step).await
    }
    async fn consume_recovery_code(
        &mut self,
        user: UserId,
        code_hash: &str,
    ) -> Result<bool, StoreError> {
        accounts::consume_recovery_code(self.t(), user, code_hash).await
    }
    async fn stored_mfa_secrets(&mut self) -> Result<Vec<(UserId, String)>, StoreError> {
        accounts::stored_mfa_secrets(self.t()).await
    }
    async fn replace_mfa_secret(
        &mut self,
        user: UserId,
        current: &str,
        new: &str,
    ) -> Result<bool, StoreError> {
        accounts::replace_mfa_secret(self.t(), user, current, new).await
    }
    async fn audit_head(&mut self) -> Result<(i64, String), StoreError> {
        let backend = self.0.backend;
        audit::head(self.t(), backend).await
    }
    async fn append_audit(&mut self, entry: &AuditEntry) -> Result<(), StoreError> {
        audit::append(self.t(), entry).await
    }
    async fn signed_audit_head(&mut self) -> Result<AuditHead, StoreError> {
        let backend = self.0.backend;
        audit::signed_head(self.t(), backend).await
    }
    async fn sign_audit_head(&mut self, head: &AuditHead) -> Result<(), StoreError> {
        audit::sign_head(self.t(), head).await
    }
    async fn commit(self: Box<Self>) -> Result<(), StoreError> {
        // The gate and the mark are released after the commit has finished.
        let Sql(this) = *self;
        this.tx.into_inner().commit().await.map_err(other)
    }
}

#[async_trait]
impl RiskWrites for SqlTx {
    async fn insert_matrix(&mut self, matrix: &MatrixVersion) -> Result<(), StoreError> {
        risk::insert_matrix(self.t(), matrix).await
    }
    async fn insert_component(
        &mut self,
        owner: OrgId,
        component: &Component,
    ) -> Result<(), StoreError> {
        risk::insert_component(self.t(), owner, component, jiff::Timestamp::now()).await
    }
    async fn insert_flow(
        &mut self,
        owner: OrgId,
        flow: &InformationFlow,
    ) -> Result<(), StoreError> {
        risk::insert_flow(self.t(), owner, flow, jiff::Timestamp::now()).await
    }
    async fn insert_risk(&mut self, r: &Risk, status: RiskStatus) -> Result<(), StoreError> {
        risk::insert_risk(self.t(), r, status).await
    }
    async fn update_risk(
        &mut self,
        r: &Risk,
        expected_revision: i64,
        status: RiskStatus,
    ) -> Result<(), StoreError> {
        risk::update_risk(self.t(), r, expected_revision, status).await
    }
    async fn set_risk_status(&mut self, id: RiskId, status: RiskStatus) -> Result<(), StoreError> {
        risk::set_status(self.t(), id, status).await
    }
    async fn insert_consent(&mut self, owner: OrgId, consent: &Consent) -> Result<(), StoreError> {
        risk::insert_consent(self.t(), owner, consent).await
    }
    async fn insert_thread_entry(
        &mut self,
        owner: OrgId,
        entry: &anzen_domain::risk::ThreadEntry,
    ) -> Result<(), StoreError> {
        crate::risk_thread::insert_entry(self.t(), owner, entry).await
    }
    async fn insert_notice(&mut self, notice: &TechNotice) -> Result<(), StoreError> {
        risk::insert_notice(self.t(), notice).await
    }
    async fn update_flow(
        &mut self,
        flow: &InformationFlow,
        expected_revision: i64,
    ) -> Result<(), StoreError> {
        crate::review::update_flow(self.t(), flow, expected_revision).await
    }
    async fn keep_assessed_flow(
        &mut self,
        owner: OrgId,
        risk: RiskId,
        flow: &InformationFlow,
    ) -> Result<(), StoreError> {
        crate::review::keep_assessed_flow(self.t(), owner, risk, flow, jiff::Timestamp::now()).await
    }
    async fn update_component(
        &mut self,
        component: &Component,
        expected_revision: i64,
    ) -> Result<(), StoreError> {
        crate::review::update_component(self.t(), component, expected_revision).await
    }
    async fn clear_assessed_flow(&mut self, risk: RiskId) -> Result<(), StoreError> {
        crate::review::clear_assessed_flow(self.t(), risk).await
    }
}

#[async_trait]
impl ChainWrites for SqlTx {
    async fn insert_certification(
        &mut self,
        c: &StoredCertification,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::insert_certification(self.t(), c, now).await
    }
    async fn insert_device(
        &mut self,
        d: &StoredDevice,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::insert_device(self.t(), d, now).await
    }
    async fn update_device(
        &mut self,
        d: &StoredDevice,
        expected: i64,
        now: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::update_device(self.t(), d, expected, now).await
    }
    async fn insert_agreement_version(&mut self, a: &StoredAgreement) -> Result<(), StoreError> {
        chain::insert_agreement_version(self.t(), a).await
    }
    async fn insert_agreement_consent(
        &mut self,
        agreement: &str,
        version: u32,
        c: &AgreementConsentRecord,
    ) -> Result<(), StoreError> {
        chain::insert_agreement_consent(self.t(), agreement, version, c).await
    }
    async fn mark_reagreement(
        &mut self,
        agreements: &[String],
        reason: &str,
    ) -> Result<(), StoreError> {
        chain::mark_reagreement(self.t(), agreements, reason).await
    }
    async fn insert_disclosure(&mut self, d: &Disclosure) -> Result<(), StoreError> {
        chain::insert_disclosure(self.t(), d).await
    }
    async fn insert_notification(
        &mut self,
        n: &Notification,
        recipients: &[Recipient],
    ) -> Result<(), StoreError> {
        chain::insert_notification(self.t(), n, recipients).await
    }
    async fn set_mail_status(
        &mut self,
        n: &str,
        org: OrgId,
        status: &str,
        at: Option<jiff::Timestamp>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        chain::set_mail_status(self.t(), n, org, status, at, error).await
    }
    async fn acknowledge(
        &mut self,
        n: &str,
        org: OrgId,
        by: &str,
        at: jiff::Timestamp,
    ) -> Result<(), StoreError> {
        chain::acknowledge(self.t(), n, org, by, at).await
    }
}

#[async_trait]
impl ControlWrites for SqlTx {
    async fn insert_catalogue(&mut self, c: &StoredCatalogue) -> Result<(), StoreError> {
        controls::insert_catalogue(self.t(), c).await
    }
    async fn insert_provider_control(
        &mut self,
        c: &StoredProviderControl,
    ) -> Result<(), StoreError> {
        controls::insert_provider_control(self.t(), c).await
    }
    async fn insert_statement(
        &mut self,
        s: &StoredStatement,
        expected_seq: Option<i64>,
    ) -> Result<i64, StoreError> {
        controls::insert_statement(self.t(), s, expected_seq).await
    }
}

#[async_trait]
impl anzen_app::ports::RulesWrites for SqlTx {
    async fn insert_rules(
        &mut self,
        rules: &anzen_app::ports::StoredRules,
    ) -> Result<(), StoreError> {
        crate::oprules::insert_rules(self.t(), rules).await
    }
    async fn insert_rules_response(
        &mut self,
        rules: &anzen_app::ports::StoredRules,
        response: &anzen_domain::oprules::Response,
    ) -> Result<(), StoreError> {
        crate::oprules::insert_response(self.t(), rules, response).await
    }
}

#[async_trait]
impl anzen_app::ports::DocumentWrites for SqlTx {
    async fn insert_document(
        &mut self,
        doc: &anzen_app::ports::IssuedDocument,
    ) -> Result<(), StoreError> {
        crate::documents::insert(self.t(), doc).await
    }
}

#[async_trait]
impl anzen_app::ports::EvaluationWrites for SqlTx {
    async fn insert_evaluation(
        &mut self,
        e: &anzen_app::ports::StoredEvaluation,
    ) -> Result<(), StoreError> {
        crate::evaluations::insert_evaluation(self.t(), e).await
    }

    async fn update_evaluation(
        &mut self,
        e: &anzen_app::ports::StoredEvaluation,
        expected_revision: i64,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        crate::evaluations::update_evaluation(self.t(), e, expected_revision, now).await
    }

    async fn insert_exemption(
        &mut self,
        x: &anzen_app::ports::StoredExemption,
    ) -> Result<(), StoreError> {
        crate::evaluations::insert_exemption(self.t(), x).await
    }
}

#[async_trait]
impl anzen_app::ports::ChecklistWrites for SqlTx {
    async fn insert_checklist_edition(
        &mut self,
        e: &anzen_app::ports::StoredEdition,
    ) -> Result<(), StoreError> {
        crate::checklist::insert_edition(self.t(), e).await
    }

    async fn save_checklist_sheet(
        &mut self,
        s: &anzen_app::ports::StoredSheet,
    ) -> Result<(), StoreError> {
        crate::checklist::save_sheet(self.t(), s).await
    }
}
