//! Provision-form cases (FAQ 2, 2.1; GL 2.2.1–2.2.3): for one offering's chain as seen for
//! one medical institution, whose risk management covers each component and which duties
//! fall on whom.
//!
//! The input is a [`ChainView`]: the offering's provider A, the institution, the
//! institution's direct contracts, and the components (supply links) of the chain, each with
//! who selected its supplier, who holds the contract and whether A can see into it. One pure
//! function, [`classify`], decides. Where the FAQ leaves a case open, the reading is anzen's
//! own, marked inferred, and leans towards giving A the duty when A selected or contracts the
//! supplier (A can manage what it chose or signed for) and towards the institution's
//! confirmation otherwise (GL 2.2.3: A cannot manage what it neither chose nor signed for).
//!
//! This file holds the types; the function is in `classification.rs`, the rule texts in
//! `provision_texts.rs`.

use serde::Serialize;

use super::provision_texts as t;
use super::rule::{Duty, Finding, Party, RuleText};
use crate::code_enum;
use crate::ids::{OfferingId, OrgId, SupplyLinkId};
use crate::supply::{ComponentCode, SupplyLink};

code_enum! {
    /// Whether provider A can see into a component (FAQ 2.1 R3: "unknown infrastructure").
    Visibility {
        Known = "known", "把握している", "Known to A";
        Unknown = "unknown", "不明（事業者Aが把握していない）", "Unknown to A";
    }
}

code_enum! {
    /// The provision form of the whole chain as seen for one institution (GL 2.2).
    ProvisionForm {
        /// GL 2.2.1: one provider, no supplier in the chain.
        SingleProvider = "single_provider", "単独の事業者が提供（GL 2.2.1）", "One provider (GL 2.2.1)";
        /// GL 2.2.2: several providers, all within A's risk management.
        SeveralProviders = "several_providers", "複数の事業者が提供（GL 2.2.2）", "Several providers behind one service (GL 2.2.2)";
        /// GL 2.2.3: at least one component is outside A's reach; the institution confirms it.
        InstitutionContractsSeveral = "institution_contracts_several", "医療機関等が複数事業者と契約（GL 2.2.3）", "The institution contracts several providers (GL 2.2.3)";
    }
}

code_enum! {
    /// The case of one component (FAQ 2.1; GL 2.2.2, 2.2.3). Cases marked "inferred" are
    /// anzen's reading of situations the FAQ does not name.
    ComponentCase {
        /// A selected the supplier and contracts it (GL 2.2.2 case 1, FAQ 2.1 R1).
        SelectedAndContracted = "selected_and_contracted", "事業者Aが選定・契約（GL 2.2.2 ケース1）", "A selected and contracts it (GL 2.2.2 case 1)";
        /// Further down a chain within A's risk management (GL 2.2.2 case 2; inferred reading).
        DeeperInProviderChain = "deeper_in_provider_chain", "事業者Aが管理するチェーンの先（GL 2.2.2 ケース2）", "Deeper in A's chain (GL 2.2.2 case 2)";
        /// A procured the supplier, the institution signed (FAQ 2.1 R4: treated as 2.2.2).
        ProcuredInstitutionSigned = "procured_institution_signed", "事業者Aが調達し医療機関等が契約（FAQ 2.1、GL 2.2.2扱い）", "A procured it, the institution signed (FAQ 2.1: as GL 2.2.2)";
        /// A procured the supplier, a third party signed (inferred, by analogy with FAQ 2.1 R4).
        ProcuredOtherSigned = "procured_other_signed", "事業者Aが調達し第三者が契約（推定）", "A procured it, a third party signed (inferred)";
        /// A contracts the supplier without having selected it (inferred).
        ContractedNotSelected = "contracted_not_selected", "事業者Aが契約（選定はしていない、推定）", "A contracts it without having selected it (inferred)";
        /// The institution selected and contracts the supplier (GL 2.2.3, FAQ 2.1 R2).
        InstitutionArranged = "institution_arranged", "医療機関等が選定・契約（GL 2.2.3）", "The institution selected and contracts it (GL 2.2.3)";
        /// Neither A nor the institution selected or contracts it (inferred, as GL 2.2.3).
        ArrangedByThirdParty = "arranged_by_third_party", "第三者が選定・契約（GL 2.2.3に準じる、推定）", "Arranged by a third party (as GL 2.2.3, inferred)";
        /// Behind a supplier outside A's reach (inferred, as GL 2.2.3).
        DeeperInInstitutionChain = "deeper_in_institution_chain", "医療機関等が確認する事業者の先（GL 2.2.3に準じる、推定）", "Behind a supplier the institution confirms (as GL 2.2.3, inferred)";
    }
}

impl ComponentCase {
    /// Whether A's risk management covers the component (otherwise the institution must
    /// confirm it: GL 2.2.3).
    pub const fn managed_by_provider(self) -> bool {
        !matches!(
            self,
            Self::InstitutionArranged | Self::ArrangedByThirdParty | Self::DeeperInInstitutionChain
        )
    }

    /// The rule that decides the case.
    pub const fn rule(self) -> RuleText {
        match self {
            Self::SelectedAndContracted => t::SELECTED_AND_CONTRACTED,
            Self::DeeperInProviderChain => t::DEEPER_IN_PROVIDER_CHAIN,
            Self::ProcuredInstitutionSigned => t::PROCURED_INSTITUTION_SIGNED,
            Self::ProcuredOtherSigned => t::PROCURED_OTHER_SIGNED,
            Self::ContractedNotSelected => t::CONTRACTED_NOT_SELECTED,
            Self::InstitutionArranged => t::INSTITUTION_ARRANGED,
            Self::ArrangedByThirdParty => t::ARRANGED_BY_THIRD_PARTY,
            Self::DeeperInInstitutionChain => t::DEEPER_IN_INSTITUTION_CHAIN,
        }
    }
}

/// A contract the institution holds directly with a provider (for one of its offerings, or
/// without a recorded offering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DirectContract {
    pub provider: OrgId,
    pub offering: Option<OfferingId>,
}

/// One component of the chain: a supply link, seen from provider A.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChainComponent {
    pub link: Option<SupplyLinkId>,
    /// The offering that uses the component: the viewed offering itself, or a supplier
    /// offering further down (a deeper chain, GL 2.2.2 case 2).
    pub offering: OfferingId,
    pub code: ComponentCode,
    pub supplier: OrgId,
    pub supplier_offering: Option<OfferingId>,
    pub selected_by: OrgId,
    pub contract_holder: OrgId,
    /// Whether A can see into the component. A component behind unknown ones is unknown too
    /// unless A selected it.
    pub visibility: Visibility,
}

impl ChainComponent {
    /// The component of a stored supply link.
    pub fn from_link(link: &SupplyLink, visibility: Visibility) -> Self {
        Self {
            link: Some(link.id),
            offering: link.offering,
            code: link.code,
            supplier: link.supplier,
            supplier_offering: link.supplier_offering,
            selected_by: link.selected_by,
            contract_holder: link.contract_holder,
            visibility,
        }
    }
}

/// One offering's chain as seen for one institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainView {
    pub offering: OfferingId,
    /// Provider A, whose offering the institution contracts.
    pub provider: OrgId,
    pub institution: OrgId,
    /// Every provider the institution contracts directly within this chain, A included.
    pub institution_contracts: Vec<DirectContract>,
    pub components: Vec<ChainComponent>,
}

/// The assessment of one component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComponentAssessment {
    /// The component's position in [`ChainView::components`].
    pub index: usize,
    pub link: Option<SupplyLinkId>,
    pub code: ComponentCode,
    pub supplier: Party,
    /// The party whose offering uses the component (A, or a supplier further down).
    pub user: Party,
    /// 1 for a component of the viewed offering, 2 for one of its suppliers' offerings, …
    pub depth: u32,
    pub case: ComponentCase,
    /// Whose risk management covers the component: A, or the institution, which must
    /// confirm the supplier's own (GL 2.2.3). Exactly one party.
    pub managed_by: Party,
    /// FAQ 2.1 R3: A cannot see into the component.
    pub unknown_infrastructure: bool,
    /// Why the case applies, and points to review.
    pub reasons: Vec<Finding>,
    pub duties: Vec<Duty>,
}

/// The assessment of the whole chain for one institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChainAssessment {
    pub offering: OfferingId,
    pub provider: Party,
    pub institution: Party,
    pub form: ProvisionForm,
    /// The rules that decide the form.
    pub reasons: Vec<Finding>,
    pub components: Vec<ComponentAssessment>,
}
