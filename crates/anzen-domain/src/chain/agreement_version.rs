//! Versions of a lifecycle agreement and the consents given to them (GL 3.2, 3.2.1): a
//! version is agreed only when named users of both parties have agreed its exact content,
//! identified by its SHA-256 digest; a change of content is a new version with no consent.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::agreement::AgreementContent;
use crate::FieldError;
use crate::code_enum;
use crate::ids::{OrgId, UserId};

code_enum! {
    /// Where a version stands.
    AgreementStatus {
        Open = "open", "合意待ち", "Awaiting agreement";
        PartlyAgreed = "partly_agreed", "一方の当事者のみ合意", "Agreed by one party";
        Agreed = "agreed", "合意済み", "Agreed";
    }
}

/// A named user's agreement to one exact content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub user: UserId,
    /// The party the user agrees for.
    pub org: OrgId,
    /// The digest of the content the user read and agreed to.
    pub digest: String,
    pub at: Timestamp,
}

/// One version of an agreement with the consents given to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementVersion {
    pub(super) number: u32,
    pub(super) content: AgreementContent,
    pub(super) digest: String,
    pub(super) consents: Vec<Consent>,
}

impl AgreementVersion {
    /// Version 1 of a new agreement, awaiting agreement.
    pub fn first(content: AgreementContent) -> Self {
        Self::with(1, content, Vec::new())
    }

    fn with(number: u32, content: AgreementContent, consents: Vec<Consent>) -> Self {
        let digest = content.digest();
        Self {
            number,
            content,
            digest,
            consents,
        }
    }

    /// A stored version as loaded; the digest is recomputed from the content, so a consent
    /// to other content never counts.
    pub fn restore(
        number: u32,
        content: AgreementContent,
        consents: Vec<Consent>,
    ) -> Result<Self, FieldError> {
        if number == 0 {
            return Err(FieldError::new("number", "versions are numbered from 1"));
        }
        Ok(Self::with(number, content, consents))
    }

    /// A new version with changed content (GL 3.2.1: re-agreement when things change). It
    /// carries no consent: agreement is reopened. The parties and the kind cannot change;
    /// unchanged content is refused, so that agreement is not reopened for nothing.
    pub fn revise(&self, content: AgreementContent) -> Result<Self, FieldError> {
        let old = &self.content;
        if content.kind != old.kind
            || content.provider != old.provider
            || content.counterparty != old.counterparty
        {
            return Err(FieldError::new(
                "counterparty",
                "a new version keeps the kind and the two parties; make a new agreement for other parties",
            ));
        }
        if content.digest() == self.digest {
            return Err(FieldError::new(
                "entries",
                format!(
                    "the content is unchanged; version {} stays current",
                    self.number
                ),
            ));
        }
        Ok(Self::with(self.number + 1, content, Vec::new()))
    }

    /// Records that a named user of one party agreed to this version. The consent's `digest`
    /// is that of the content the user was shown; it must be this version's.
    pub fn record_consent(&mut self, consent: Consent) -> Result<(), FieldError> {
        if !self.content.is_party(consent.org) {
            return Err(FieldError::new(
                "org",
                "only users of the two parties to the agreement can agree to it",
            ));
        }
        if consent.digest != self.digest {
            return Err(FieldError::new(
                "digest",
                format!(
                    "the content changed since it was read; review version {} (digest {}) and agree to it",
                    self.number,
                    &self.digest[..12]
                ),
            ));
        }
        if self.consents.iter().any(|c| c.user == consent.user) {
            return Err(FieldError::new(
                "user",
                format!("has already agreed to version {}", self.number),
            ));
        }
        self.consents.push(consent);
        Ok(())
    }

    /// The consents that count: by a party, to exactly this content.
    fn valid_consents(&self) -> impl Iterator<Item = &Consent> {
        self.consents
            .iter()
            .filter(|c| c.digest == self.digest && self.content.is_party(c.org))
    }

    pub fn status(&self) -> AgreementStatus {
        let by_provider = self
            .valid_consents()
            .any(|c| c.org == self.content.provider);
        let by_counterparty = self
            .valid_consents()
            .any(|c| c.org == self.content.counterparty);
        match (by_provider, by_counterparty) {
            (true, true) => AgreementStatus::Agreed,
            (false, false) => AgreementStatus::Open,
            _ => AgreementStatus::PartlyAgreed,
        }
    }

    /// Agreed: a named user of each party agreed to this exact content.
    pub fn is_agreed(&self) -> bool {
        self.status() == AgreementStatus::Agreed
    }

    pub fn number(&self) -> u32 {
        self.number
    }
    pub fn content(&self) -> &AgreementContent {
        &self.content
    }
    pub fn digest(&self) -> &str {
        &self.digest
    }
    pub fn consents(&self) -> &[Consent] {
        &self.consents
    }
}
