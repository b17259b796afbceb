//! The provision form of an offering's chain for one institution (GL 2.2, FAQ 2.1) and the
//! data of its diagram.

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::chain::{
    ChainAssessment, ChainComponent, ChainView, DirectContract, NetworkAssessment, classify,
};
use anzen_domain::ids::{OfferingId, OrgId};
use anzen_domain::supply::SupplyLink;

use crate::ports::{ContractQuery, Page};
use crate::{App, AppError, Caller};

/// What the chain diagram of one offering shows: every link of its chain (the offering's
/// own and, transitively, its suppliers' offerings'), and the classification for the
/// institution when one is chosen.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ChainPicture {
    pub offering: OfferingId,
    pub provider: OrgId,
    pub links: Vec<SupplyLink>,
    pub institution: Option<OrgId>,
    pub assessment: Option<ChainAssessment>,
    /// When the provider operates a regional network: FAQ 2.2's assessment of it and the
    /// duties toward its subcontractors and from its participants.
    pub network: Option<NetworkAssessment>,
    /// The names of the organisations and offerings in the picture (the provider explains
    /// its chain to the institutions it serves, FAQ 2.1, so the names come with it).
    pub org_names: Vec<(OrgId, String)>,
    pub offering_names: Vec<(OfferingId, String)>,
}

impl App {
    /// The chain of an offering and, for `institution`, its provision form and each
    /// component's managing party and duties.
    pub async fn chain_picture(
        &self,
        caller: &Caller,
        offering: OfferingId,
        institution: Option<OrgId>,
    ) -> Result<ChainPicture, AppError> {
        let reach = self.reach(caller, Subject::SupplyLinks, Action::Read)?;
        let offerings_reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        let o = self
            .store()
            .offering(offerings_reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        // The whole chain below the offering, walking supplier offerings.
        let all = self
            .store()
            .list_supply_links(Reach::Everything, None)
            .await?;
        let mut links: Vec<SupplyLink> = Vec::new();
        let mut frontier = vec![o.id];
        let mut seen = vec![o.id];
        while let Some(current) = frontier.pop() {
            for l in all.iter().filter(|l| l.offering == current) {
                links.push(l.clone());
                if let Some(so) = l.supplier_offering
                    && !seen.contains(&so)
                {
                    seen.push(so);
                    frontier.push(so);
                }
            }
        }
        // The provider explains its chain to the institutions it serves (FAQ 2.1), so whoever
        // may read the offering sees its chain; a partner sees only the links naming it.
        if let Reach::AsSupplier(org) = reach {
            links.retain(|l| l.supplier == org);
        }
        let assessment = match institution {
            None => None,
            Some(inst) => {
                // Only an institution whose contract for this offering the caller may read.
                let no_contract = || {
                    anzen_domain::FieldError::new(
                        "institution",
                        "has no contract for this offering",
                    )
                };
                let contract_reach = caller.reach(Subject::Contracts, Action::Read, self.now());
                if !contract_reach.allows_anything() {
                    return Err(no_contract().into());
                }
                let visible = self
                    .store()
                    .list_contracts(
                        contract_reach,
                        &ContractQuery {
                            institution: Some(inst),
                            offering: Some(o.id),
                            ..Default::default()
                        },
                        Page::first(1),
                    )
                    .await?;
                if visible.total == 0 {
                    return Err(no_contract().into());
                }
                let contracts = self
                    .store()
                    .list_contracts(
                        Reach::Everything,
                        &ContractQuery {
                            institution: Some(inst),
                            ..Default::default()
                        },
                        Page::all(),
                    )
                    .await?;
                if !contracts.rows.iter().any(|c| c.offering == o.id) {
                    return Err(anzen_domain::FieldError::new(
                        "institution",
                        "has no contract for this offering",
                    )
                    .into());
                }
                let view = ChainView {
                    offering: o.id,
                    provider: o.provider,
                    institution: inst,
                    institution_contracts: contracts
                        .rows
                        .iter()
                        .map(|c| DirectContract {
                            provider: c.provider,
                            offering: Some(c.offering),
                        })
                        .collect(),
                    components: links
                        .iter()
                        .map(|l| ChainComponent::from_link(l, l.visibility))
                        .collect(),
                };
                Some(classify(&view)?)
            }
        };
        let network = self.network_of(&o, &links, reach).await?;
        let mut org_ids: Vec<OrgId> = vec![o.provider];
        org_ids.extend(institution);
        for d in network.iter().flat_map(|n| n.duties.iter()) {
            org_ids.push(d.bearer.org);
            org_ids.extend(d.towards.map(|t| t.org));
        }
        org_ids.extend(
            network
                .iter()
                .flat_map(|n| n.reasons.iter())
                .filter_map(|r| r.about),
        );
        let mut offering_ids: Vec<OfferingId> = vec![o.id];
        for l in &links {
            org_ids.extend([l.supplier, l.selected_by, l.contract_holder]);
            offering_ids.push(l.offering);
            offering_ids.extend(l.supplier_offering);
        }
        org_ids.sort();
        org_ids.dedup();
        offering_ids.sort();
        offering_ids.dedup();
        let org_names = self.store().org_names(Reach::Everything, &org_ids).await?;
        let offering_names = self
            .store()
            .offering_names(Reach::Everything, &offering_ids)
            .await?;
        Ok(ChainPicture {
            offering: o.id,
            provider: o.provider,
            links,
            institution,
            assessment,
            network,
            org_names,
            offering_names,
        })
    }
}
