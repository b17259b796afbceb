//! Who may be named as a subcontractor in an agreement about an offering (FAQ 3.1 R3),
//! decided on what the use-case's transaction reads.

use anzen_domain::FieldError;
use anzen_domain::access::Reach;
use anzen_domain::chain::subcontractor_refusal;
use anzen_domain::ids::{OfferingId, OrgId};

use crate::ports::Reads;
use crate::{App, AppError};

/// The organisations supplying a component of the offering's chain: its supply links and,
/// transitively, those of its suppliers' offerings (FAQ 2.1).
pub(crate) async fn chain_suppliers(
    db: &dyn Reads,
    offering: OfferingId,
) -> Result<Vec<OrgId>, AppError> {
    let all = db.list_supply_links(Reach::Everything, None).await?;
    let mut suppliers = Vec::new();
    let mut frontier = vec![offering];
    let mut seen = vec![offering];
    while let Some(current) = frontier.pop() {
        for l in all.iter().filter(|l| l.offering == current) {
            if !suppliers.contains(&l.supplier) {
                suppliers.push(l.supplier);
            }
            if let Some(so) = l.supplier_offering
                && !seen.contains(&so)
            {
                seen.push(so);
                frontier.push(so);
            }
        }
    }
    Ok(suppliers)
}

impl App {
    /// Refuses (422 naming `field`) an organisation that cannot be a subcontractor of
    /// `provider` in an agreement about `offering`: unknown, a medical institution, the
    /// provider itself, or not in the offering's chain (FAQ 3.1 R3). Without an offering
    /// (an agreement tied to no contract) there is no chain to check against.
    pub(crate) async fn check_subcontractor(
        &self,
        db: &dyn Reads,
        offering: Option<OfferingId>,
        provider: OrgId,
        org: OrgId,
        field: &str,
    ) -> Result<(), AppError> {
        let kind = match db.organisation(Reach::Everything, org).await {
            Ok(o) => Some(o.org_type.kind()),
            Err(crate::StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let in_chain = match offering {
            Some(o) => kind.is_some() && chain_suppliers(db, o).await?.contains(&org),
            None => true,
        };
        match subcontractor_refusal(kind, org == provider, in_chain) {
            None => Ok(()),
            Some(why) => Err(FieldError::new(field, format!("{org}: {why}")).into()),
        }
    }
}
