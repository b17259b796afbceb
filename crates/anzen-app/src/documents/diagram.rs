//! The 構成図 of an offering: its configuration and information flows (GL 5.1.1, 5.2) and
//! its supply chain (GL 2.2; FAQ 2.1, 2.2) as the caller sees them on the chain page: who
//! uses which component from whom, who selected and contracts each supplier, and, for one
//! institution, the provision-form case of each component and whose risk management covers
//! it (GL 2.2.3), with the reasons.

use std::collections::HashMap;

use anzen_domain::chain::{ChainRole, ComponentAssessment, Visibility};
use anzen_domain::ids::{OfferingId, OrgId, SupplyLinkId};
use anzen_domain::offering::Offering;
use anzen_domain::risk::ComponentKind as DomainKind;
use anzen_domain::supply::Layer;
use anzen_render::diagram::{
    ChainLink, ChainNode, ComponentKind, ConfigComponent, ConfigFlow, ConfigurationDiagram,
    NodeKind,
};

use crate::{App, AppError, Caller};

fn kind(k: DomainKind) -> ComponentKind {
    match k {
        DomainKind::Application => ComponentKind::Application,
        DomainKind::Server => ComponentKind::Server,
        DomainKind::Storage => ComponentKind::Storage,
        DomainKind::Network => ComponentKind::Network,
        DomainKind::Terminal => ComponentKind::Terminal,
        DomainKind::Medium => ComponentKind::Medium,
        DomainKind::Service => ComponentKind::Service,
    }
}

fn node_kind(layer: Layer) -> NodeKind {
    match layer {
        Layer::Application => NodeKind::Application,
        Layer::Platform => NodeKind::Platform,
        Layer::Infrastructure => NodeKind::Infrastructure,
    }
}

impl App {
    pub(super) async fn configuration_diagram(
        &self,
        caller: &Caller,
        offering: &Offering,
        institution: Option<OrgId>,
        provider: String,
    ) -> Result<ConfigurationDiagram, AppError> {
        // Configuration and flows: for the roles that read the register (GL 5.1.1).
        let components = self.list_components(caller, offering.id).await?;
        let flows = self.list_flows(caller, offering.id).await?;
        let component_key: HashMap<_, _> = components
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, format!("C{}", i + 1)))
            .collect();
        let picture = self.chain_picture(caller, offering.id, institution).await?;
        let orgs: HashMap<OrgId, &str> = picture
            .org_names
            .iter()
            .map(|(id, n)| (*id, n.as_str()))
            .collect();
        let offerings: HashMap<OfferingId, &str> = picture
            .offering_names
            .iter()
            .map(|(id, n)| (*id, n.as_str()))
            .collect();
        let org = |o: OrgId| {
            orgs.get(&o)
                .map_or_else(|| o.to_string(), |n| (*n).to_owned())
        };
        let off = |o: OfferingId| {
            offerings
                .get(&o)
                .map_or_else(|| o.to_string(), |n| (*n).to_owned())
        };
        let assessed: HashMap<SupplyLinkId, &ComponentAssessment> = picture
            .assessment
            .iter()
            .flat_map(|a| a.components.iter())
            .filter_map(|c| c.link.map(|l| (l, c)))
            .collect();

        let mut nodes = Vec::new();
        let mut links = Vec::new();
        if let Some(inst) = institution {
            nodes.push(ChainNode {
                key: inst.to_string(),
                kind: NodeKind::Institution,
                heading: org(inst),
                organisation: org(inst),
                role: ChainRole::Institution.label_ja().to_string(),
                offering: None,
                managed_by: None,
                unknown: false,
            });
            links.push(ChainLink {
                key: "contract".into(),
                from: inst.to_string(),
                to: offering.id.to_string(),
                code: None,
                role: "契約".into(),
                description: None,
                selected_by: None,
                contract_holder: None,
                case: None,
                unknown: false,
            });
        }
        nodes.push(ChainNode {
            key: offering.id.to_string(),
            kind: NodeKind::Offering,
            heading: off(offering.id),
            organisation: org(picture.provider),
            role: ChainRole::Provider.label_ja().to_string(),
            offering: None,
            managed_by: None,
            unknown: false,
        });
        let mut seen: Vec<String> = nodes.iter().map(|n| n.key.clone()).collect();
        for l in &picture.links {
            let to = l
                .supplier_offering
                .map_or_else(|| l.id.to_string(), |o| o.to_string());
            let a = assessed.get(&l.id).copied();
            let unknown =
                l.visibility == Visibility::Unknown || a.is_some_and(|a| a.unknown_infrastructure);
            if !seen.contains(&to) {
                seen.push(to.clone());
                let layer = l.code.layer();
                nodes.push(ChainNode {
                    key: to.clone(),
                    kind: node_kind(layer),
                    heading: format!("{} · {}", l.code.code(), layer.label_ja()),
                    organisation: org(l.supplier),
                    role: ChainRole::Supplier.label_ja().to_string(),
                    offering: l.supplier_offering.map(off),
                    managed_by: a.map(|a| {
                        if a.managed_by.role == ChainRole::Institution {
                            "医療機関等が委託先のリスク管理を確認".to_string()
                        } else {
                            "対象事業者のリスク管理に含む".to_string()
                        }
                    }),
                    unknown,
                });
            } else if unknown && let Some(n) = nodes.iter_mut().find(|n| n.key == to) {
                n.unknown = true;
            }
            let from = if seen.contains(&l.offering.to_string()) {
                l.offering.to_string()
            } else {
                seen.push(l.offering.to_string());
                nodes.push(ChainNode {
                    key: l.offering.to_string(),
                    kind: NodeKind::Offering,
                    heading: off(l.offering),
                    organisation: String::new(),
                    role: String::new(),
                    offering: None,
                    managed_by: None,
                    unknown: false,
                });
                l.offering.to_string()
            };
            links.push(ChainLink {
                key: l.id.to_string(),
                from,
                to,
                code: Some(l.code.code().to_string()),
                role: l.code.label_ja().to_string(),
                description: l.description.clone(),
                selected_by: Some(org(l.selected_by)),
                contract_holder: Some(org(l.contract_holder)),
                case: a.map(|a| a.case.label_ja().to_string()),
                unknown,
            });
        }
        let mut findings: Vec<String> = picture
            .assessment
            .iter()
            .flat_map(|a| a.reasons.iter())
            .map(|f| f.rule.cited_ja())
            .collect();
        findings.extend(
            picture
                .network
                .iter()
                .flat_map(|n| n.reasons.iter())
                .map(|f| f.rule.cited_ja()),
        );
        Ok(ConfigurationDiagram {
            cover: anzen_render::Cover {
                offering: offering.name.as_str().to_string(),
                provider,
                institution: institution.map(org),
                issued_on: self.today_in_japan(),
                version: String::new(),
                number: None,
                source_digest: None,
            },
            components: components
                .iter()
                .map(|c| ConfigComponent {
                    key: component_key[&c.id].clone(),
                    name: c.name.as_str().to_string(),
                    kind: kind(c.kind),
                    environment: c.environment.label_ja().to_string(),
                    location: c.location.clone(),
                })
                .collect(),
            flows: flows
                .iter()
                .enumerate()
                .map(|(i, f)| ConfigFlow {
                    key: format!("F{}", i + 1),
                    who: f.who.clone(),
                    place: f.place.clone(),
                    device: f.device_or_medium.clone(),
                    what: f.what.clone(),
                    how: f.how.clone(),
                    class: f.class.label_ja().to_string(),
                    environment: f.environment.label_ja().to_string(),
                    components: f
                        .components
                        .iter()
                        .filter_map(|c| component_key.get(c).cloned())
                        .collect(),
                })
                .collect(),
            nodes,
            links,
            provision_form: picture
                .assessment
                .as_ref()
                .map(|a| a.form.label_ja().to_string()),
            findings,
        })
    }
}
