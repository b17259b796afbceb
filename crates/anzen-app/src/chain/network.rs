//! A regional medical information network's operator in the chain view (FAQ 2.2): when the
//! offering's provider operates a network, the duties FAQ 2.2 gives it toward the providers
//! it shares the management of medical information with, and those of the participating
//! institutions toward it.

use anzen_domain::access::Reach;
use anzen_domain::chain::{
    AgreementKind, NetworkAssessment, NetworkView, Participant, network_duties,
};
use anzen_domain::offering::Offering;
use anzen_domain::scope::NetworkOperator;
use anzen_domain::supply::SupplyLink;

use super::agreements::version_of;
use crate::ports::{ContractQuery, Page};
use crate::{App, AppError};

impl App {
    /// The FAQ 2.2 assessment of the offering's provider as a network operator, or `None`
    /// when its scope profile says it operates no network (or the reader is a partner, who
    /// sees only the links naming it). The participants are the institutions contracting
    /// the offering (an institution reader sees only itself); the role division counts as
    /// agreed once a provider–institution agreement of its contract is agreed by both
    /// (FAQ 2.2 R2). The subcontractors are the suppliers of the offering's own components
    /// (FAQ 2.2 R3).
    pub(crate) async fn network_of(
        &self,
        o: &Offering,
        links: &[SupplyLink],
        reach: Reach,
    ) -> Result<Option<NetworkAssessment>, AppError> {
        if o.profile.network_operator == NetworkOperator::None
            || matches!(reach, Reach::AsSupplier(_))
        {
            return Ok(None);
        }
        let contracts = self
            .store()
            .list_contracts(
                Reach::Everything,
                &ContractQuery {
                    offering: Some(o.id),
                    ..Default::default()
                },
                Page::all(),
            )
            .await?;
        let mut participants: Vec<Participant> = Vec::new();
        for c in &contracts.rows {
            if let Reach::AsInstitution(me) = reach
                && c.institution != me
            {
                continue;
            }
            let mut agreed = false;
            for a in self
                .store()
                .agreements(Reach::Everything, Some(c.id))
                .await?
            {
                if a.kind == AgreementKind::ProviderInstitution && version_of(&a)?.is_agreed() {
                    agreed = true;
                }
            }
            match participants
                .iter_mut()
                .find(|p| p.institution == c.institution)
            {
                Some(p) => p.role_division_agreed |= agreed,
                None => participants.push(Participant {
                    institution: c.institution,
                    role_division_agreed: agreed,
                }),
            }
        }
        let mut subcontractors = Vec::new();
        for l in links.iter().filter(|l| l.offering == o.id) {
            if l.supplier != o.provider && !subcontractors.contains(&l.supplier) {
                subcontractors.push(l.supplier);
            }
        }
        Ok(Some(network_duties(&NetworkView {
            operator: o.provider,
            role: o.profile.network_operator,
            participants,
            subcontractors,
        })))
    }
}
