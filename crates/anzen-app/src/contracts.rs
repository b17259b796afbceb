//! Use-cases for contracts between medical institutions and providers (FAQ 1: 契約等).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::contract::{Contract, ContractKind, ContractPeriod};
use anzen_domain::ids::{ContractId, OfferingId};
use anzen_domain::org::OrgKind;
use anzen_domain::text::optional_text;

use crate::audit::event;
use crate::error::or_busy;
use crate::orgs::covers;
use crate::ports::{ContractQuery, Listed, Page};
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
        let reach = self.reach(caller, Subject::Contracts, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let institution = self
            .org_of_kind(
                tx.as_ref(),
                caller,
                "institution",
                &input.institution,
                &[OrgKind::MedicalInstitution],
            )
            .await?;
        let provider = self
            .org_of_kind(
                tx.as_ref(),
                caller,
                "provider",
                &input.provider,
                &[OrgKind::Provider, OrgKind::Partner],
            )
            .await?;
        if !covers(reach, provider.id) {
            return Err(FieldError::new(
                "provider",
                "contracts are recorded by the provider's own members",
            )
            .into());
        }
        let offering_id = OfferingId::parse_field("offering", &input.offering)?;
        let offering = tx
            .offering(anzen_domain::access::Reach::Owned(provider.id), offering_id)
            .await
            .map_err(or_busy(|| {
                FieldError::new(
                    "offering",
                    format!(
                        "`{}` offers no offering with id {offering_id}",
                        provider.name
                    ),
                )
            }))?;
        let kind = ContractKind::parse_field("kind", &input.kind)?;
        let period = ContractPeriod::parse(&input.starts_on, &input.ends_on)?;
        let reference = optional_text("reference", &input.reference, 200)?;
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
        tx.insert_contract(&contract).await?;
        // The institutions that must agree to the offering's risks changed (FAQ 5.1).
        let in_force = contract
            .period
            .is_active_on(self.today_in_japan())
            .then_some(contract.institution);
        self.refresh_risk_statuses(tx.as_mut(), contract.offering, in_force)
            .await?;
        let after = serde_json::to_value(&contract).expect("a contract serialises");
        let summary = format!(
            "{} ⇔ {}: {} ({})",
            institution.name,
            provider.name,
            offering.name,
            kind.label_ja()
        );
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "contract.create",
                "contract",
                contract.id,
                Some(provider.id),
                None,
                Some(&after),
                summary,
            ),
        )
        .await?;
        // Agree before providing (FAQ 2.1, 6.1): a contract in force without the agreements
        // may proceed, but the gaps go on record with it, in the same transaction.
        if in_force.is_some() {
            let facts = self.readiness_facts(tx.as_reads(), &contract).await?;
            let gaps = anzen_domain::readiness::readiness_gaps(&facts);
            if !gaps.is_empty() {
                let record = serde_json::json!({
                    "gaps": gaps
                        .iter()
                        .map(|g| serde_json::json!({
                            "gap": g.code,
                            "rule": g.rule.reference,
                            "detail": g.detail,
                        }))
                        .collect::<Vec<_>>(),
                });
                self.seal(
                    tx.as_mut(),
                    caller,
                    event(
                        "contract.started_unready",
                        "contract",
                        contract.id,
                        Some(provider.id),
                        None,
                        Some(&record),
                        format!(
                            "合意前に開始した契約 / contract started before agreement: {}",
                            gaps.iter().map(|g| g.code).collect::<Vec<_>>().join(", ")
                        ),
                    ),
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(contract)
    }

    /// Contracts the caller can see.
    pub async fn list_contracts(
        &self,
        caller: &Caller,
        query: &ContractQuery,
        page: Page,
    ) -> Result<Listed<Contract>, AppError> {
        let reach = self.reach(caller, Subject::Contracts, Action::Read)?;
        Ok(self.store().list_contracts(reach, query, page).await?)
    }
}
