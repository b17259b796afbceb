//! Use-cases of the supply chain and agreements (FAQ 2, 2.1, 2.2, 3, 3.1, 4.1, 4.2, 6.1):
//! provision forms per institution, change notifications through the chain, lifecycle
//! agreements, certifications, the device ledger and staged disclosure.

mod agreements;
mod disclosure;
mod disclosure_answers;
mod exemption;
mod ledger;
mod network;
mod notify;
mod parties;
mod provision;

pub use disclosure::DisclosureItem;
pub use notify::NOTIFICATION_MAIL;
pub use provision::ChainPicture;

use anzen_domain::chain::ChainIndex;

use crate::{App, AppError};

impl App {
    /// The index of the installation's whole chain as `db` sees it (the use-case's transaction when it writes).
    pub(crate) async fn chain_index_in(
        &self,
        db: &dyn crate::ports::Reads,
    ) -> Result<ChainIndex, AppError> {
        let r = db.chain_records().await?;
        Ok(ChainIndex::build(&r.offerings, &r.links, &r.contracts))
    }
}

pub use agreements::version_of;

/// The status of a stored agreement version.
pub fn agreement_status(
    a: &crate::ports::StoredAgreement,
) -> Result<anzen_domain::chain::AgreementStatus, AppError> {
    Ok(version_of(a)?.status())
}
