//! The lifecycle responsibility matrix as a versioned agreement (GL 3.2, Fig. 3-4; FAQ 3,
//! 3.1): for each (phase, duty), exactly one responsible party; a version is agreed only
//! when named users of both parties have agreed its exact content, identified by a SHA-256
//! digest; any change of content is a new version that reopens agreement.
//!
//! Two kinds of agreement: the provider with the institution (GL 3.2), and the provider with
//! one of its own subcontractors, which FAQ 3.1 R3 calls internal (operation by A,
//! development by B) and FAQ 3 R1 extends to the whole supply chain.
//!
//! This file holds the content and its validation; versions and consents are in
//! `agreement_version.rs`, the FAQ 3.1 R3 checks in `agreement_internal.rs`.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::lifecycle::{LifecyclePhase, PartyKind, duty_template};
use crate::FieldError;
use crate::code_enum;
use crate::ids::{ContractId, OrgId};
use crate::text::Name;

/// The format tag hashed with every content, so that a change of format changes digests.
pub const AGREEMENT_SCHEMA: &str = "anzen/lifecycle-agreement/v1";

code_enum! {
    /// Between whom an agreement is made.
    AgreementKind {
        /// The provider and the medical institution (GL 3.2).
        ProviderInstitution = "provider_institution", "対象事業者と医療機関等の合意", "Provider and institution";
        /// The provider and its own subcontractor: FAQ 3.1 R3 (internal), FAQ 3 R1 (supply chain).
        Internal = "internal", "事業者と委託先の（内部的な）合意", "Provider and its subcontractor (internal)";
    }
}

/// The party responsible for one duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "party", rename_all = "snake_case")]
pub enum Responsible {
    Institution,
    Provider,
    /// A subcontractor named in the agreement (or, in an internal agreement, its counterparty).
    Subcontractor {
        org: OrgId,
    },
}

impl Responsible {
    pub const fn kind(&self) -> PartyKind {
        match self {
            Self::Institution => PartyKind::Institution,
            Self::Provider => PartyKind::Provider,
            Self::Subcontractor { .. } => PartyKind::Subcontractor,
        }
    }
}

/// One cell of the matrix: a duty of a phase and its responsible party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatrixEntry {
    pub phase: LifecyclePhase,
    /// A key of the default catalogue or an agreement-specific key (`[a-z0-9._-]`).
    pub duty: String,
    /// Required for a duty outside the catalogue; optional wording otherwise.
    pub title: Option<String>,
    pub responsible: Responsible,
}

/// Unvalidated content, as typed or submitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementDraft {
    pub kind: AgreementKind,
    pub provider: OrgId,
    /// The institution, or the subcontractor of an internal agreement.
    pub counterparty: OrgId,
    pub contract: Option<ContractId>,
    /// Subcontractors the provider names as responsible for duties (provider–institution only).
    pub subcontractors: Vec<OrgId>,
    pub entries: Vec<MatrixEntry>,
}

/// Validated content of an agreement, in canonical order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgreementContent {
    pub(super) kind: AgreementKind,
    pub(super) provider: OrgId,
    pub(super) counterparty: OrgId,
    pub(super) contract: Option<ContractId>,
    pub(super) subcontractors: Vec<OrgId>,
    pub(super) entries: Vec<MatrixEntry>,
}

fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 100
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

impl AgreementContent {
    /// Validates a draft (GL 3.2; FAQ 3, 3.1). Every error names its field.
    pub fn new(d: AgreementDraft) -> Result<Self, FieldError> {
        if d.provider == d.counterparty {
            return Err(FieldError::new(
                "counterparty",
                "an agreement is between two different parties",
            ));
        }
        let mut subcontractors = d.subcontractors;
        if d.kind == AgreementKind::Internal && !subcontractors.is_empty() {
            return Err(FieldError::new(
                "subcontractors",
                "in an internal agreement the subcontractor is the counterparty (FAQ 3.1); name no others",
            ));
        }
        for (i, s) in subcontractors.iter().enumerate() {
            if *s == d.provider || *s == d.counterparty {
                return Err(FieldError::new(
                    format!("subcontractors[{i}]"),
                    "a party to the agreement cannot also be named as a subcontractor",
                ));
            }
        }
        subcontractors.sort();
        subcontractors.dedup();
        if d.entries.is_empty() {
            return Err(FieldError::new(
                "entries",
                "an agreement needs at least one duty with its responsible party (GL 3.2)",
            ));
        }
        let mut seen: HashSet<(LifecyclePhase, String)> = HashSet::new();
        let mut entries = Vec::with_capacity(d.entries.len());
        for (i, e) in d.entries.into_iter().enumerate() {
            let duty = e.duty.trim().to_owned();
            if !valid_key(&duty) {
                return Err(FieldError::new(
                    format!("entries[{i}].duty"),
                    "a duty key is 1–100 characters of a–z, 0–9, `.`, `_` and `-`",
                ));
            }
            let title = match e.title.as_deref().map(str::trim) {
                Some(t) if !t.is_empty() => Some(
                    Name::parse(&format!("entries[{i}].title"), t)?
                        .as_str()
                        .to_owned(),
                ),
                _ => None,
            };
            match duty_template(&duty) {
                Some(t) if t.phase != e.phase => {
                    return Err(FieldError::new(
                        format!("entries[{i}].phase"),
                        format!("duty `{duty}` belongs to phase `{}`", t.phase.code()),
                    )
                    .with_accepted([t.phase.code()]));
                }
                None if title.is_none() => {
                    return Err(FieldError::new(
                        format!("entries[{i}].title"),
                        format!("`{duty}` is not in the default catalogue, so it needs a title"),
                    ));
                }
                _ => {}
            }
            let allowed = match (d.kind, e.responsible) {
                (AgreementKind::ProviderInstitution, Responsible::Subcontractor { org }) => {
                    subcontractors.binary_search(&org).is_ok()
                }
                (AgreementKind::ProviderInstitution, _) => true,
                (AgreementKind::Internal, Responsible::Institution) => false,
                (AgreementKind::Internal, Responsible::Subcontractor { org }) => {
                    org == d.counterparty
                }
                (AgreementKind::Internal, Responsible::Provider) => true,
            };
            if !allowed {
                let why = match d.kind {
                    AgreementKind::ProviderInstitution => {
                        "a subcontractor must be named in `subcontractors` before it can be responsible"
                    }
                    AgreementKind::Internal => {
                        "an internal agreement assigns duties only to the provider or to its subcontractor, the counterparty (FAQ 3.1)"
                    }
                };
                return Err(FieldError::new(format!("entries[{i}].responsible"), why));
            }
            if !seen.insert((e.phase, duty.clone())) {
                return Err(FieldError::new(
                    format!("entries[{i}].duty"),
                    format!(
                        "`{duty}` of phase `{}` is assigned twice; every duty has exactly one responsible party (GL 3.2)",
                        e.phase.code()
                    ),
                ));
            }
            entries.push(MatrixEntry {
                phase: e.phase,
                duty,
                title,
                responsible: e.responsible,
            });
        }
        entries.sort_by(|a, b| (a.phase, &a.duty).cmp(&(b.phase, &b.duty)));
        Ok(Self {
            kind: d.kind,
            provider: d.provider,
            counterparty: d.counterparty,
            contract: d.contract,
            subcontractors,
            entries,
        })
    }

    /// The default catalogue as content: every duty with its default party for a
    /// provider–institution agreement; for an internal agreement, the development duties
    /// with the subcontractor responsible (FAQ 3.1 R3: development by B).
    pub fn from_catalogue(
        kind: AgreementKind,
        provider: OrgId,
        counterparty: OrgId,
        contract: Option<ContractId>,
    ) -> Result<Self, FieldError> {
        let entries = super::lifecycle::DEFAULT_DUTIES
            .iter()
            .filter_map(|t| {
                let responsible = match (kind, t.default_party) {
                    (AgreementKind::ProviderInstitution, PartyKind::Institution) => {
                        Responsible::Institution
                    }
                    (AgreementKind::ProviderInstitution, _) => Responsible::Provider,
                    (AgreementKind::Internal, _) if t.phase == LifecyclePhase::Development => {
                        Responsible::Subcontractor { org: counterparty }
                    }
                    (AgreementKind::Internal, _) => return None,
                };
                Some(MatrixEntry {
                    phase: t.phase,
                    duty: t.key.to_owned(),
                    title: None,
                    responsible,
                })
            })
            .collect();
        Self::new(AgreementDraft {
            kind,
            provider,
            counterparty,
            contract,
            subcontractors: Vec::new(),
            entries,
        })
    }

    /// SHA-256 (hex) of the canonical content: the schema tag and the fields in declaration
    /// order, entries sorted. Serialised from structs (never from a JSON map), so the digest
    /// does not depend on serde_json's map ordering.
    pub fn digest(&self) -> String {
        let json = serde_json::to_vec(&(AGREEMENT_SCHEMA, self)).expect("content serialises");
        hex::encode(Sha256::digest(&json))
    }

    pub fn kind(&self) -> AgreementKind {
        self.kind
    }
    pub fn provider(&self) -> OrgId {
        self.provider
    }
    pub fn counterparty(&self) -> OrgId {
        self.counterparty
    }
    pub fn contract(&self) -> Option<ContractId> {
        self.contract
    }
    pub fn subcontractors(&self) -> &[OrgId] {
        &self.subcontractors
    }
    pub fn entries(&self) -> &[MatrixEntry] {
        &self.entries
    }

    /// The party responsible for a duty of a phase, if the matrix has it.
    pub fn responsible(&self, phase: LifecyclePhase, duty: &str) -> Option<Responsible> {
        self.entries
            .iter()
            .find(|e| e.phase == phase && e.duty == duty)
            .map(|e| e.responsible)
    }

    /// Whether `org` is one of the two parties.
    pub fn is_party(&self, org: OrgId) -> bool {
        org == self.provider || org == self.counterparty
    }
}
