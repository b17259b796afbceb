//! Supply links: offering X of provider A uses a component supplied by provider B, in one of
//! the layers of the guideline's Fig. 2-2 (A1/A2/P1/P2/I1/I2, GL 2.2.1), recording who
//! selected B and who holds the contract with B (GL 2.2.2, 2.2.3; FAQ 2.1).

use jiff::Timestamp;

use crate::FieldError;
use crate::code_enum;
use crate::ids::{OfferingId, OrgId, SupplyLinkId};

code_enum! {
    /// The layer of a component (GL 2.2.1, Fig. 2-2).
    Layer {
        Application = "application", "アプリケーション", "Application";
        Platform = "platform", "プラットフォーム", "Platform";
        Infrastructure = "infrastructure", "インフラ", "Infrastructure";
    }
}

code_enum! {
    /// The component code of Fig. 2-2: `*1` is delivered as a service, `*2` is prepared by
    /// the provider itself.
    ComponentCode {
        A1 = "A1", "A1 ASP・SaaSとして提供", "A1: ASP/SaaS";
        A2 = "A2", "A2 自ら用意（パッケージ含む）", "A2: prepared in-house (packages included)";
        P1 = "P1", "P1 PaaS・レンタルサーバ", "P1: PaaS or rental server";
        P2 = "P2", "P2 自ら用意", "P2: prepared in-house";
        I1 = "I1", "I1 IaaS・通信回線", "I1: IaaS or communication line";
        I2 = "I2", "I2 自ら用意", "I2: prepared in-house";
    }
}

impl ComponentCode {
    /// The layer a code belongs to.
    pub const fn layer(self) -> Layer {
        match self {
            ComponentCode::A1 | ComponentCode::A2 => Layer::Application,
            ComponentCode::P1 | ComponentCode::P2 => Layer::Platform,
            ComponentCode::I1 | ComponentCode::I2 => Layer::Infrastructure,
        }
    }
}

/// A validated new supply link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSupplyLink {
    /// The organisation that records the link (the provider of `offering`), which owns it.
    pub owner: OrgId,
    /// The offering that uses the component.
    pub offering: OfferingId,
    pub code: ComponentCode,
    /// The provider that supplies the component.
    pub supplier: OrgId,
    /// The supplier's own offering, when it is recorded in anzen.
    pub supplier_offering: Option<OfferingId>,
    /// Who selected the supplier (the provider itself, or the institution: GL 2.2.3).
    pub selected_by: OrgId,
    /// Who holds the contract with the supplier (FAQ 2.1: A may procure B while the
    /// institution signs with B).
    pub contract_holder: OrgId,
    /// Whether the offering's provider can see into the component (FAQ 2.1 R3: "unknown
    /// infrastructure" when it cannot).
    pub visibility: crate::chain::Visibility,
    pub description: Option<String>,
}

impl NewSupplyLink {
    /// Structural checks that need no other data: a provider does not supply itself.
    pub fn validate(self) -> Result<Self, FieldError> {
        if self.supplier == self.owner {
            return Err(FieldError::new(
                "supplier",
                "a provider cannot be recorded as the supplier of its own offering; use the component code A2/P2/I2 for components it prepares itself",
            ));
        }
        if let Some(so) = self.supplier_offering
            && so == self.offering
        {
            return Err(FieldError::new(
                "supplier_offering",
                "an offering cannot supply itself",
            ));
        }
        Ok(self)
    }
}

/// A stored supply link.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SupplyLink {
    pub id: SupplyLinkId,
    pub owner: OrgId,
    pub offering: OfferingId,
    pub code: ComponentCode,
    pub supplier: OrgId,
    pub supplier_offering: Option<OfferingId>,
    pub selected_by: OrgId,
    pub contract_holder: OrgId,
    pub visibility: crate::chain::Visibility,
    pub description: Option<String>,
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_belong_to_their_layer() {
        assert_eq!(ComponentCode::I1.layer(), Layer::Infrastructure);
        assert_eq!(ComponentCode::A2.layer(), Layer::Application);
        assert_eq!(
            ComponentCode::parse_field("code", "X9")
                .unwrap_err()
                .accepted
                .len(),
            6
        );
    }
}
