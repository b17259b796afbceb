//! The institution's home: what waits for its own step (the rules are in
//! [`anzen_domain::tasks`]): risks to consent to, agreements to sign, 運用管理規程 to agree to,
//! incidents to acknowledge or answer, notices to acknowledge, and what was disclosed to it.

use std::collections::HashSet;
use std::hash::Hash;

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::OrgId;
use anzen_domain::incident::Incident;
use anzen_domain::risk::{Risk, RiskStatus};
use anzen_domain::tasks::{
    IncidentStep, agreement_awaits_signature_of, incident_step_of, risk_awaits_consent_of,
    rules_await,
};

use crate::ports::{Listed, Page, RiskQuery, RiskRow};
use crate::{App, AppError, Caller};

/// One thing to open: its id, its name in the data (a risk's or an incident's title, the
/// offering of rules made for one offering, else empty) and its version where it has one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TaskItem {
    pub id: String,
    pub title: String,
    pub version: Option<i64>,
}

/// What waits for one institution.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct InstitutionTasks {
    /// Risks whose treatment or residual risk waits for its consent (FAQ 5.1, 5.2).
    pub risks_to_consent: Vec<TaskItem>,
    /// Agreements on the division of responsibilities to sign (GL 3.1, FAQ 3).
    pub agreements_to_sign: Vec<TaskItem>,
    /// Versions of a provider's 運用管理規程 to agree to (FAQ 6.1).
    pub rules_to_agree: Vec<TaskItem>,
    /// Incidents to acknowledge (GL 3.2).
    pub incidents_to_acknowledge: Vec<TaskItem>,
    /// Incidents whose prevention measures wait for its answer (GL 3.2 (c)).
    pub prevention_to_answer: Vec<TaskItem>,
    /// Change notices not yet acknowledged (FAQ 2.1).
    pub notices_to_acknowledge: i64,
    /// Items of Table 4-1 disclosed to it (FAQ 4.1), to read.
    pub disclosures_received: usize,
}

impl App {
    /// What waits for the caller's institution; `None` for a caller who does not act for a
    /// medical institution (a provider, a partner, an auditor).
    pub async fn institution_tasks(
        &self,
        caller: &Caller,
    ) -> Result<Option<InstitutionTasks>, AppError> {
        let Ok(Reach::AsInstitution(me)) = self.reach(caller, Subject::Risks, Action::Read) else {
            return Ok(None);
        };
        let mut tasks = InstitutionTasks {
            risks_to_consent: self.risks_to_consent(caller, me).await?,
            ..InstitutionTasks::default()
        };
        for a in self.list_agreements(caller, None).await? {
            let agreed = a.consents.iter().map(|c| (c.party, c.digest.as_str()));
            if agreement_awaits_signature_of(a.counterparty, &a.digest, agreed, me) {
                tasks.agreements_to_sign.push(TaskItem {
                    title: String::new(),
                    version: Some(i64::from(a.version)),
                    id: a.id,
                });
            }
        }
        for v in self.list_rules(caller).await? {
            let waits = v
                .institutions
                .iter()
                .any(|i| i.institution == me && rules_await(v.current, i.standing));
            if waits {
                tasks.rules_to_agree.push(TaskItem {
                    title: v.offering_name.unwrap_or_default(),
                    version: Some(v.rules.version),
                    id: v.rules.id,
                });
            }
        }
        self.incidents_waiting(caller, me, &mut tasks).await?;
        tasks.notices_to_acknowledge = self.unacknowledged_notifications(caller).await?;
        tasks.disclosures_received = self.list_disclosures(caller, Some(me)).await?.len();
        Ok(Some(tasks))
    }

    /// Every incident within the institution's reach that waits for its acknowledgement or its
    /// answer on prevention measures (GL 3.2), however many came after it.
    async fn incidents_waiting(
        &self,
        caller: &Caller,
        me: OrgId,
        tasks: &mut InstitutionTasks,
    ) -> Result<(), AppError> {
        let incidents = every_row(
            |i: &Incident| i.id,
            |page| self.list_incidents(caller, None, page),
        )
        .await?;
        for i in incidents {
            let item = TaskItem {
                id: i.id.to_string(),
                title: i.title.to_string(),
                version: None,
            };
            match incident_step_of(&i, me) {
                Some(IncidentStep::Acknowledge) => tasks.incidents_to_acknowledge.push(item),
                Some(IncidentStep::AnswerPrevention) => tasks.prevention_to_answer.push(item),
                None => {}
            }
        }
        Ok(())
    }

    /// The risks within the institution's reach whose treatment waits for its consent: those
    /// whose stored status asks for consents, checked against the consents as they stand.
    async fn risks_to_consent(
        &self,
        caller: &Caller,
        me: OrgId,
    ) -> Result<Vec<TaskItem>, AppError> {
        let mut candidates: Vec<Risk> = Vec::new();
        for status in [
            RiskStatus::AwaitingConsent,
            RiskStatus::ReConsentNeeded,
            RiskStatus::ResidualAgreementPending,
        ] {
            let query = RiskQuery {
                status: Some(status),
                ..RiskQuery::default()
            };
            let rows = every_row(
                |r: &RiskRow| r.risk.id,
                |page| self.list_risks(caller, &query, page),
            )
            .await?;
            candidates.extend(rows.into_iter().map(|r| r.risk));
        }
        let refs: Vec<&Risk> = candidates.iter().collect();
        let contexts = self.risk_contexts(self.store().as_ref(), &refs).await?;
        Ok(candidates
            .iter()
            .zip(contexts)
            .filter(|(risk, ctx)| risk_awaits_consent_of(&ctx.state_of(risk), me))
            .map(|(risk, _)| TaskItem {
                id: risk.id.to_string(),
                title: risk.title.to_string(),
                version: None,
            })
            .collect())
    }
}

/// Every row of a listing, read page by page (`Page::MAX_LIMIT` rows each) up to its total: what
/// waits is found however far down the listing it stands. A row recorded between two reads
/// shifts the later pages by one, so a row read twice is kept once.
/// (`read` is a plain closure returning a future, not an async closure: the web server's
/// handlers must stay `Send` for every lifetime, which async closures do not yet prove.)
async fn every_row<T, K: Eq + Hash, F: Future<Output = Result<Listed<T>, AppError>>>(
    key: impl Fn(&T) -> K,
    mut read: impl FnMut(Page) -> F,
) -> Result<Vec<T>, AppError> {
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    let mut offset = 0;
    loop {
        let page = read(Page::new(offset, Page::MAX_LIMIT)).await?;
        let count = i64::try_from(page.rows.len()).unwrap_or(i64::MAX);
        rows.extend(page.rows.into_iter().filter(|row| seen.insert(key(row))));
        offset += count;
        if count == 0 || offset >= page.total {
            return Ok(rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listing newest first (`Page::MAX_LIMIT` + 2 rows) into which a new row is recorded
    /// after the first page was read: every row comes back once, the new one too or not.
    #[tokio::test]
    async fn every_row_reads_past_the_first_page_and_keeps_a_shifted_row_once() {
        let listing = std::cell::RefCell::new((0..Page::MAX_LIMIT + 2).rev().collect::<Vec<i64>>());
        let reads = std::cell::Cell::new(0);
        let rows = every_row(
            |n: &i64| *n,
            |page: Page| {
                reads.set(reads.get() + 1);
                if reads.get() == 2 {
                    listing.borrow_mut().insert(0, Page::MAX_LIMIT + 2);
                }
                let listing = listing.borrow();
                let start = usize::try_from(page.offset).unwrap().min(listing.len());
                let end = (start + usize::try_from(page.limit).unwrap()).min(listing.len());
                std::future::ready(Ok(Listed {
                    rows: listing[start..end].to_vec(),
                    total: i64::try_from(listing.len()).unwrap(),
                    page,
                }))
            },
        )
        .await
        .unwrap();
        let mut sorted = rows.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), rows.len(), "no row twice");
        assert!((0..Page::MAX_LIMIT + 2).all(|n| rows.contains(&n)));
        assert_eq!(reads.get(), 2);
    }
}
