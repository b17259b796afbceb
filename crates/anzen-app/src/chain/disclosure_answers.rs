//! anzen's suggested answers to the Table 4-1 items it can answer from its data (GL 4.1),
//! each for the offerings the reading institution contracts (or is about to) and never the
//! provider's totals: ①-1, ②-1 and ②-2 from the components that store medical information
//! (their region and country; GL 6.1), ②-5 from the configuration and ②-6 from the register
//! (GL 5.1.1, 5.1.5; FAQ 4.1: the institution is told about what concerns it).

use anzen_domain::chain::{StorageAnswers, StoredAt, storage_answers};
use anzen_domain::ids::{OfferingId, OrgId};

use crate::ports::{ContractQuery, Page, RiskQuery};
use crate::{App, AppError, Caller};

/// One offering the answers speak of.
#[derive(Debug, Clone)]
pub(super) struct Contracted {
    pub id: OfferingId,
    pub name: String,
}

const NO_CONTRACT_JA: &str = "この医療機関との契約（予定を含む）が登録されていません。契約を登録すると、その提供サービスについて回答できます（GL 4.1）。";
const NO_CONTRACT_EN: &str = "No contract (planned or in force) with this institution is recorded. Record it to answer for that offering (GL 4.1).";

impl App {
    /// The provider's offerings that `institution` contracts, in force or starting later
    /// (a contract that has ended is left out), sorted by name.
    pub(super) async fn contracted_offerings(
        &self,
        caller: &Caller,
        provider: OrgId,
        institution: OrgId,
    ) -> Result<Vec<Contracted>, AppError> {
        let today = self.today_in_japan();
        let query = ContractQuery {
            institution: Some(institution),
            ..Default::default()
        };
        let contracts = self.list_contracts(caller, &query, Page::all()).await?.rows;
        let mut ids: Vec<OfferingId> = contracts
            .iter()
            .filter(|c| c.provider == provider)
            .filter(|c| c.period.ends_on().is_none_or(|end| end >= today))
            .map(|c| c.offering)
            .collect();
        ids.sort();
        ids.dedup();
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let o = self.offering(caller, id).await?;
            out.push(Contracted {
                id,
                name: o.offering.name.as_str().to_owned(),
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// ①-1, ②-1 and ②-2 from the components of `offerings` that store medical information.
    pub(super) async fn storage_suggestions(
        &self,
        caller: &Caller,
        offerings: &[Contracted],
    ) -> Result<Option<StorageAnswers>, AppError> {
        if offerings.is_empty() {
            return Ok(None);
        }
        let mut places = Vec::new();
        for o in offerings {
            for c in self.list_components(caller, o.id).await? {
                if c.holds_medical_info {
                    places.push(StoredAt {
                        offering: o.name.clone(),
                        component: c.name.as_str().to_owned(),
                        region: c.location.clone(),
                        country: c.country,
                    });
                }
            }
        }
        Ok(Some(storage_answers(&places)))
    }

    /// ②-6: the risk treatment list of each contracted offering.
    pub(super) async fn risk_list_suggestion(
        &self,
        caller: &Caller,
        offerings: &[Contracted],
    ) -> Result<String, AppError> {
        if offerings.is_empty() {
            return Ok(no_contract());
        }
        let mut ja = Vec::new();
        let mut en = Vec::new();
        for o in offerings {
            let query = RiskQuery {
                offering: Some(o.id),
                ..Default::default()
            };
            let n = self.list_risks(caller, &query, Page::first(1)).await?.total;
            ja.push(format!("{} {n} 件", o.name));
            en.push(format!("{} {n} risks", o.name));
        }
        Ok(format!(
            "リスク対応一覧：{}（anzen の登録簿から。文書「リスク対応一覧」をこの医療機関向けに発行できます。GL 5.1.5） / risk treatment list: {} (from anzen's register; issue the document \"risk treatment list\" for this institution; GL 5.1.5)",
            ja.join("、"),
            en.join(", ")
        ))
    }

    /// ②-5: the configuration of each contracted offering.
    pub(super) async fn diagram_suggestion(
        &self,
        caller: &Caller,
        offerings: &[Contracted],
    ) -> Result<String, AppError> {
        if offerings.is_empty() {
            return Ok(no_contract());
        }
        let mut ja = Vec::new();
        let mut en = Vec::new();
        for o in offerings {
            let components = self.list_components(caller, o.id).await?.len();
            let flows = self.list_flows(caller, o.id).await?.len();
            ja.push(format!(
                "{}（構成要素 {components}、情報の流れ {flows}）",
                o.name
            ));
            en.push(format!(
                "{} ({components} components, {flows} information flows)",
                o.name
            ));
        }
        Ok(format!(
            "全体構成図：{}（文書「構成図」として発行できます。GL 5.1.1） / configuration diagram: {} (issue the document \"configuration diagram\"; GL 5.1.1)",
            ja.join("、"),
            en.join(", ")
        ))
    }
}

/// The answer when the institution contracts none of the provider's offerings.
pub(super) fn no_contract() -> String {
    format!("{NO_CONTRACT_JA} / {NO_CONTRACT_EN}")
}
