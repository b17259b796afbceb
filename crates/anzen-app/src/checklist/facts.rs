//! What anzen's records say about an offering, for the checklist items it can judge
//! (`anzen_domain::checklist::judge`): the provider's device ledger (FAQ 6.1 (エ)) and the
//! 運用管理規程 in force for the offering (GL 5.1.6 (2)).

use anzen_domain::access::{Action, Subject};
use anzen_domain::checklist::DataFacts;
use anzen_domain::offering::Offering;

use crate::documents::jst_date;
use crate::ports::Page;
use crate::{App, AppError, Caller};

impl App {
    /// The facts of `offering` as the caller may see them: a record the caller cannot read
    /// counts as absent, so no judgement rests on it.
    pub(crate) async fn checklist_facts(
        &self,
        caller: &Caller,
        offering: &Offering,
    ) -> Result<DataFacts, AppError> {
        let today = self.today_in_japan();
        let mut facts = DataFacts::default();
        if self
            .reach(caller, Subject::Ledger, Action::Read)
            .is_ok_and(|r| r.allows_anything())
        {
            // The ledger belongs to the provider, not to one offering (FAQ 6.1 (エ)).
            for d in self
                .list_devices(caller, None, Page::all())
                .await?
                .rows
                .iter()
                .filter(|d| d.org == offering.provider && d.device.disposal.is_none())
            {
                facts.devices_in_service += 1;
                if d.device.support_ends_on.is_some_and(|end| end < today) {
                    facts.devices_support_ended += 1;
                }
            }
        }
        // anzen keeps no record of an on-site check of the devices.
        facts.stocktake_checked_on = None;
        let rules = match self.list_rules(caller).await {
            Ok(r) => r,
            Err(AppError::Forbidden(_)) => Vec::new(),
            Err(e) => return Err(e),
        };
        let own = rules
            .iter()
            .find(|v| v.current && v.rules.offering == Some(offering.id));
        let general = rules
            .iter()
            .find(|v| v.current && v.rules.offering.is_none() && v.rules.org == offering.provider);
        facts.rules_in_force = own
            .or(general)
            .map(|v| (v.rules.version, jst_date(v.rules.issued_at)));
        Ok(facts)
    }
}
