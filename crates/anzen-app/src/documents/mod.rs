//! Documents a provider hands to institutions (GL ch. 3, 4, 6), issued from the data: the
//! model of each kind is built from what the caller may see on screen (the same reads and
//! reach as the pages), rendered as PDF, DOCX or XLSX, numbered, and recorded with the
//! SHA-256 of the file and of the data it was made from in the register and in the signed
//! audit trail, in one transaction. A file can then be verified (`verify_document`): this
//! exact file was issued, when, by whom, for whom. A re-issue records what changed since
//! the previous issue of the same document.
//!
//! Who may have which document issued for whom is the domain's policy
//! ([`anzen_domain::document::document_audience`]).

mod applicability;
mod audit_excerpt;
mod device_ledger;
mod diagram;
mod disclosure_pack;
mod issue;
mod jobs;
mod mhlw_checklist;
mod model;
mod operational_rules;
mod responsibility;
mod risk_treatment;

pub use issue::{DocumentInput, DocumentRequest, ExcerptParams, IssuedFile, VerifiedDocument};
pub(crate) use jobs::new_jobs;
pub use jobs::{DocumentJobs, JobState, JobView, RUNNING as JOBS_AT_ONCE};
pub use model::Model;

/// The day in Japan of a moment.
pub(crate) fn jst_date(t: jiff::Timestamp) -> jiff::civil::Date {
    risk_treatment::jst(t).date()
}

use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::OfferingId;

use crate::ports::{IssuedDocument, Listed, Page};
use crate::{App, AppError, Caller};

/// SHA-256 (hex) of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

impl App {
    /// The issued documents the caller may see, newest first (a provider's: its offerings';
    /// an institution's: those issued for it).
    pub async fn list_documents(
        &self,
        caller: &Caller,
        offering: Option<OfferingId>,
        page: Page,
    ) -> Result<Listed<IssuedDocument>, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        Ok(self.store().list_documents(reach, offering, page).await?)
    }

    /// One issued document by its number.
    pub async fn issued_document(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<IssuedDocument, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        self.store()
            .document_by_number(reach, number.trim())
            .await?
            .ok_or(AppError::NotFound { what: "document" })
    }
}

impl App {
    /// The model of `kind` for the offering, as the caller may see it.
    async fn build_model(
        &self,
        caller: &Caller,
        req: &DocumentRequest,
        offering: &anzen_domain::offering::Offering,
        institution: Option<anzen_domain::ids::OrgId>,
    ) -> Result<Model, AppError> {
        use anzen_domain::document::DocumentKind as K;
        let orgs = self.reach(caller, Subject::Organisations, Action::Read)?;
        let provider = self
            .store()
            .org_names(orgs, &[offering.provider])
            .await?
            .into_iter()
            .next()
            .map_or_else(|| offering.provider.to_string(), |(_, n)| n);
        match req.kind {
            K::RiskTreatment => Ok(Model::RiskTreatment(
                self.risk_treatment_list(caller, offering, institution, provider)
                    .await?,
            )),
            K::Disclosure => {
                let inst = institution.ok_or_else(|| {
                    AppError::Internal("a disclosure pack without an institution".into())
                })?;
                let name = self
                    .store()
                    .org_names(orgs, &[inst])
                    .await?
                    .into_iter()
                    .next()
                    .map_or_else(|| inst.to_string(), |(_, n)| n);
                Ok(Model::Disclosure(
                    self.disclosure_pack(caller, offering, inst, provider, name)
                        .await?,
                ))
            }
            K::Applicability => Ok(Model::Applicability(
                self.statement_of_applicability(caller, offering, provider)
                    .await?,
            )),
            K::AuditExcerpt => Ok(Model::AuditExcerpt(
                self.audit_excerpt(caller, offering, &req.period, provider)
                    .await?,
            )),
            K::Diagram => Ok(Model::Diagram(
                self.configuration_diagram(caller, offering, institution, provider)
                    .await?,
            )),
            K::DeviceLedger => Ok(Model::DeviceLedger(
                self.device_ledger(caller, offering, provider).await?,
            )),
            K::Responsibility => Ok(Model::Responsibility(
                self.responsibility_division(caller, offering, institution, provider)
                    .await?,
            )),
            K::MhlwChecklist => Ok(Model::MhlwChecklist(
                self.mhlw_checklist_document(caller, offering, provider)
                    .await?,
            )),
            K::OperationalRules => Ok(Model::OperationalRules(
                self.operational_rules_document(caller, offering, institution, provider)
                    .await?,
            )),
        }
    }
}
