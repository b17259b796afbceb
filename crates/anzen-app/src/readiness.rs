//! Agree before providing (FAQ 2.1, 6.1): per contract, whether the institution has been
//! given the Table 4-1 information, has agreed the responsibility matrix and the current
//! 運用管理規程, and has agreed to the risks that need its consent. The gaps come from the
//! domain's rule (`anzen_domain::readiness::readiness_gaps`); a contract may start with
//! gaps, and the dashboard and the institution's view show them.

use std::collections::HashSet;

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::catalog::{CatalogId, ItemDetail};
use anzen_domain::chain::{AgreementKind, AgreementStatus};
use anzen_domain::contract::Contract;
use anzen_domain::ids::{ContractId, OrgId};
use anzen_domain::oprules::{Standing, covered_institutions, standing};
use anzen_domain::readiness::{
    Gap, MatrixState, ReadinessFacts, RulesState, items_required, readiness_gaps,
};
use anzen_domain::risk::{Risk, treatment_state};

use crate::ports::{ContractQuery, Page, Reads};
use crate::{App, AppError, Caller};

/// One contract and what keeps it from being ready.
#[derive(Debug, Clone)]
pub struct ContractReadiness {
    pub contract: Contract,
    pub offering_name: String,
    pub institution_name: String,
    /// Empty: ready.
    pub gaps: Vec<Gap>,
    /// The contract is in force (started) although it is not ready: the gap is on record.
    pub started_unready: bool,
}

impl ContractReadiness {
    pub fn ready(&self) -> bool {
        self.gaps.is_empty()
    }
}

impl App {
    /// The facts of one contract, read through `db` with the provider's own reach (the
    /// caller's reach to the contract was checked before).
    pub(crate) async fn readiness_facts(
        &self,
        db: &dyn Reads,
        c: &Contract,
    ) -> Result<ReadinessFacts, AppError> {
        let owner = Reach::Owned(c.provider);
        // Table 4-1: every item but the sub-items the agreed rules give (GL 4.1).
        let table = crate::catalogs::builtin_catalogue(CatalogId::Table41)?;
        let items: Vec<(String, bool)> = table
            .items()
            .iter()
            .map(|i| {
                let sub = matches!(i.detail(), ItemDetail::Table41(r) if r.parent.is_some());
                (i.key().to_owned(), sub)
            })
            .collect();
        let given: HashSet<String> = db
            .list_disclosures(owner, Some(c.institution))
            .await?
            .into_iter()
            .map(|d| d.item_key)
            .collect();
        let undisclosed = items_required(&items)
            .into_iter()
            .filter(|k| !given.contains(k))
            .collect();

        // The lifecycle matrix agreed by both parties, not asked to agree again (GL 3.2).
        let agreements = db.agreements(owner, Some(c.id)).await?;
        let matrix = match agreements
            .iter()
            .find(|a| a.kind == AgreementKind::ProviderInstitution)
        {
            None => MatrixState::Missing,
            Some(a)
                if a.reagreement_reason.is_none()
                    && crate::chain::agreement_status(a)? == AgreementStatus::Agreed =>
            {
                MatrixState::Agreed
            }
            Some(_) => MatrixState::Open,
        };

        // The current rules that cover the contract's offering (GL 5.1.6 (2)).
        let all = db.rules_of(c.provider).await?;
        let variants: Vec<_> = all.iter().filter_map(|r| r.offering).collect();
        let applies = if variants.contains(&c.offering) {
            Some(c.offering)
        } else {
            None
        };
        let rules = match all.iter().find(|r| r.offering == applies) {
            None => RulesState::Missing,
            Some(r) => {
                let covered =
                    covered_institutions(r.offering, &variants, &[(c.institution, c.offering)]);
                let responses = db.rules_responses(&r.id).await?;
                if covered.contains(&c.institution)
                    && standing(&responses, c.institution, &r.digest) == Standing::Agreed
                {
                    RulesState::Agreed
                } else {
                    RulesState::Pending
                }
            }
        };

        // Risks whose treatment needs this institution's agreement (FAQ 5.1, 5.2), counting
        // it as affected even before the contract starts.
        let risks = db.risks_of_offering(c.offering).await?;
        let listed: Vec<&Risk> = risks.iter().collect();
        let contexts = self.risk_contexts(db, &listed).await?;
        let mut consents_pending = Vec::new();
        for (risk, mut ctx) in risks.iter().zip(contexts) {
            if !ctx.affected.contains(&c.institution) {
                ctx.affected.push(c.institution);
            }
            let state = treatment_state(risk, &ctx.standing());
            if let Some(s) = state.consents()
                && (s.missing.contains(&c.institution)
                    || s.stale.contains(&c.institution)
                    || s.declined.contains(&c.institution))
            {
                consents_pending.push(risk.title.as_str().to_owned());
            }
        }
        Ok(ReadinessFacts {
            undisclosed,
            matrix,
            rules,
            consents_pending,
        })
    }

    async fn readiness_of(&self, c: Contract) -> Result<ContractReadiness, AppError> {
        let db = self.store();
        let facts = self.readiness_facts(db.as_ref(), &c).await?;
        let names: std::collections::HashMap<OrgId, String> = db
            .org_names(Reach::Everything, &[c.institution])
            .await?
            .into_iter()
            .collect();
        let offering_name = db
            .offering_names(Reach::Everything, &[c.offering])
            .await?
            .into_iter()
            .next()
            .map(|(_, n)| n)
            .unwrap_or_default();
        let gaps = readiness_gaps(&facts);
        Ok(ContractReadiness {
            started_unready: !gaps.is_empty() && c.period.starts_on() <= self.today_in_japan(),
            institution_name: names
                .get(&c.institution)
                .cloned()
                .unwrap_or_else(|| c.institution.to_string()),
            offering_name,
            gaps,
            contract: c,
        })
    }

    /// The readiness of one contract the caller can see.
    pub async fn contract_readiness(
        &self,
        caller: &Caller,
        id: ContractId,
    ) -> Result<ContractReadiness, AppError> {
        let reach = self.reach(caller, Subject::Contracts, Action::Read)?;
        let contracts = self
            .store()
            .list_contracts(reach, &ContractQuery::default(), Page::all())
            .await?;
        let c = contracts
            .rows
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(AppError::NotFound { what: "contract" })?;
        self.readiness_of(c).await
    }

    /// The contracts in force or starting later that the caller can see, each with its
    /// readiness; not-ready ones first.
    pub async fn readiness_overview(
        &self,
        caller: &Caller,
    ) -> Result<Vec<ContractReadiness>, AppError> {
        let reach = self.reach(caller, Subject::Contracts, Action::Read)?;
        let today = self.today_in_japan();
        let contracts = self
            .store()
            .list_contracts(reach, &ContractQuery::default(), Page::all())
            .await?;
        let mut out = Vec::new();
        for c in contracts.rows {
            if c.period.ends_on().is_some_and(|e| e < today) {
                continue;
            }
            out.push(self.readiness_of(c).await?);
        }
        out.sort_by_key(|r| (r.ready(), r.contract.period.starts_on()));
        Ok(out)
    }
}
