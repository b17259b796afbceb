//! Use-cases for contracts between medical institutions and providers (FAQ 1: 契約等).

use anzen_domain::FieldError;
use anzen_domain::contract::{Contract, ContractKind, ContractPeriod};
use anzen_domain::ids::{ContractId, OfferingId};
use anzen_domain::org::OrgKind;
use anzen_domain::text::optional_text;

use crate::ports::Page;
use crate::{App, AppError, Caller, new_uuid};

/// The input of [`App::add_contract`], as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct ContractInput {
    pub institution: String,
    pub provider: String,
    pub offering: String,
    pub kind: String,
    pub starts_on: String,
    pub ends_on: String,
    pub reference: String,
}

impl App {
    /// Records a contract. The offering must be the provider's own; the contract is owned by
    /// the provider.
    pub async fn add_contract(
        &self,
        caller: &Caller,
        input: ContractInput,
    ) -> Result<Contract, AppError> {
        let institution = self
            .org_of_kind(
                caller,
                "institution",
                &input.institution,
                &[OrgKind::MedicalInstitution],
            )
            .await?;
        let provider = self
            .org_of_kind(
                caller,
                "provider",
                &input.provider,
                &[OrgKind::Provider, OrgKind::Partner],
            )
            .await?;
        let offering_id = OfferingId::parse_field("offering", &input.offering)?;
        let offering = self
            .store()
            .offering(Some(provider.id), offering_id)
            .await
            .map_err(|_| {
                FieldError::new(
                    "offering",
                    format!(
                        "`{}` offers no offering with id {offering_id}",
                        provider.name
                    ),
                )
            })?;
        let kind = ContractKind::parse_field("kind", &input.kind)?;
        let period = ContractPeriod::parse(&input.starts_on, &input.ends_on)?;
        let reference = optional_text("reference", &input.reference, 200)?;
        if !caller.can_reach(provider.id) {
            return Err(FieldError::new(
                "provider",
                "contracts are recorded by the provider's own members",
            )
            .into());
        }
        let contract = Contract {
            id: ContractId::from_uuid(new_uuid()),
            owner: provider.id,
            institution: institution.id,
            provider: provider.id,
            offering: offering.id,
            kind,
            period,
            reference,
            created_at: self.now(),
        };
        self.store().insert_contract(&contract).await?;
        Ok(contract)
    }

    /// Contracts the caller can see.
    pub async fn list_contracts(
        &self,
        caller: &Caller,
        page: Page,
    ) -> Result<Vec<Contract>, AppError> {
        Ok(self.store().list_contracts(caller.scope(), page).await?)
    }
}
