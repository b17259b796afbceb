//! Use-cases of anzen and the storage ports they need.
//!
//! Every front door (CLI, JSON API, web UI) calls these use-cases; none touches storage
//! directly. Each use-case takes a [`Caller`], asks the domain's policy what the caller
//! reaches, and restricts every read and write to it. Each change is written together with
//! its signed audit entry in one transaction.

pub mod accounts;
pub mod audit;
pub mod caller;
pub mod catalogs;
pub mod chain;
pub mod checklist;
pub mod clock;
pub mod contracts;
pub mod controls;
pub mod demo;
pub mod documents;
pub mod error;
pub mod evaluations;
pub mod import;
pub mod incidents;
pub mod jobs;
pub mod mail;
pub mod offerings;
pub mod oprules;
pub mod ops;
pub mod orgs;
pub mod overview;
pub mod ports;
pub mod readiness;
pub mod risks;
pub mod supply;
pub mod tasks;
pub mod whoami;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

pub use accounts::cipher::{SecretCipher, XChaChaCipher};
pub use audit::{AuditSigner, Ed25519Signer};
pub use caller::Caller;
pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{AppError, StoreError};
pub use ports::Store;

use anzen_domain::access::{Action, Reach, Subject};

/// Settings of the use-cases that come from configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// A session ends after this long without a request.
    pub session_idle: jiff::SignedDuration,
    /// A session ends this long after sign-in, whatever happens.
    pub session_absolute: jiff::SignedDuration,
    /// Failed sign-ins in a row that lock an account.
    pub lockout_after: i64,
    /// How long a locked account stays locked.
    pub lockout_for: jiff::SignedDuration,
    /// Sign-in attempts allowed from one address per window.
    pub attempts_per_window: i64,
    pub attempt_window: jiff::SignedDuration,
    /// The issuer shown in authenticator apps.
    pub totp_issuer: String,
    /// The limits every uploaded file is read within.
    pub import_limits: import::ImportLimits,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            session_idle: jiff::SignedDuration::from_mins(30),
            session_absolute: jiff::SignedDuration::from_hours(12),
            lockout_after: 5,
            lockout_for: jiff::SignedDuration::from_mins(15),
            attempts_per_window: 20,
            attempt_window: jiff::SignedDuration::from_mins(5),
            totp_issuer: "anzen".to_owned(),
            import_limits: import::ImportLimits::default(),
        }
    }
}

/// The application: storage, a clock and the audit signing key, shared by every front door.
#[derive(Debug, Clone)]
pub struct App {
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
    signer: Arc<dyn AuditSigner>,
    settings: Settings,
    mailer: Option<Arc<dyn mail::Mailer>>,
    /// Encrypts TOTP secrets at rest; without one, MFA cannot be enrolled or checked.
    secrets: Option<Arc<dyn SecretCipher>>,
    /// The document jobs of this node.
    document_jobs: Arc<documents::DocumentJobs>,
    /// When the job runner last started a round (Unix seconds; 0: it never ran).
    job_runner_beat: Arc<AtomicI64>,
}

impl App {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, signer: Arc<dyn AuditSigner>) -> Self {
        Self {
            store,
            clock,
            signer,
            settings: Settings::default(),
            mailer: None,
            secrets: None,
            document_jobs: documents::new_jobs(),
            job_runner_beat: Arc::new(AtomicI64::new(0)),
        }
    }

    /// Encrypts secrets at rest (TOTP secrets) with `cipher`.
    pub fn with_secret_cipher(mut self, cipher: Arc<dyn SecretCipher>) -> Self {
        self.secrets = Some(cipher);
        self
    }

    /// The cipher of secrets at rest, or an error saying that none is configured.
    pub(crate) fn secret_cipher(&self) -> Result<&dyn SecretCipher, AppError> {
        self.secrets.as_deref().ok_or_else(|| {
            AppError::Internal(
                "no secrets key is configured: TOTP secrets can be neither stored nor checked"
                    .to_owned(),
            )
        })
    }

    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// Sends notification mail through `mailer` (without one, notifications stay in-app).
    /// Every mail sent or failed is counted ([`ops::MAILS_SENT`], [`ops::MAILS_FAILED`]).
    pub fn with_mailer(mut self, mailer: Arc<dyn mail::Mailer>) -> Self {
        self.mailer = Some(Arc::new(mail::Counted(mailer)));
        self
    }

    pub fn mailer(&self) -> Option<&Arc<dyn mail::Mailer>> {
        self.mailer.as_ref()
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The document jobs of this node.
    pub(crate) fn document_jobs(&self) -> &documents::DocumentJobs {
        &self.document_jobs
    }

    /// The job runner says it is alive: called at the start of each of its rounds.
    pub fn mark_job_runner_alive(&self) {
        self.job_runner_beat
            .store(ops::unix_now(), Ordering::Relaxed);
    }

    /// When the job runner last started a round (Unix seconds), if it ever did.
    pub fn job_runner_last_beat(&self) -> Option<i64> {
        Some(self.job_runner_beat.load(Ordering::Relaxed)).filter(|t| *t > 0)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn signer(&self) -> &Arc<dyn AuditSigner> {
        &self.signer
    }

    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// The caller's reach, refusing with [`AppError::Forbidden`] when it is nothing.
    pub(crate) fn reach(
        &self,
        caller: &Caller,
        subject: Subject,
        action: Action,
    ) -> Result<Reach, AppError> {
        match caller.reach(subject, action, self.now()) {
            Reach::Nothing => Err(AppError::Forbidden(match action {
                Action::Read => "your role cannot view this",
                Action::Write => "your role cannot change this",
            })),
            reach => Ok(reach),
        }
    }
}

/// A new time-ordered identifier (UUID v7).
pub(crate) fn new_uuid() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}
