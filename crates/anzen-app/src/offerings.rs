//! Use-cases for offerings and their scope verdicts (FAQ 1, 1.1–1.4, 2.2).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::ids::{OfferingId, OrgId, VerdictId};
use anzen_domain::offering::{Offering, OfferingSummary, VerdictRecord};
use anzen_domain::org::OrgKind;
use anzen_domain::scope::{self, ScopeProfile};
use anzen_domain::text::{Name, optional_text};

use crate::audit::event;
use crate::error::check_revision;
use crate::orgs::covers;
use crate::ports::{Listed, OfferingQuery, Page};
use crate::{App, AppError, Caller, new_uuid};

/// The input of [`App::add_offering`].
#[derive(Debug, Clone)]
pub struct OfferingInput {
    /// The id of the offering provider.
    pub provider: String,
    pub name: String,
    pub description: String,
    pub profile: ScopeProfile,
}

/// An offering with its verdict history, oldest first.
#[derive(Debug, Clone, serde::Serialize)]
pub struct OfferingDetail {
    #[serde(flatten)]
    pub offering: Offering,
    pub history: Vec<VerdictRecord>,
}

/// The organisation kinds that offer systems and services.
const OFFERING_KINDS: &[OrgKind] = &[OrgKind::Provider, OrgKind::Partner];

/// The JSON form of an offering (digested in the audit trail).
pub fn offering_json(o: &Offering) -> serde_json::Value {
    serde_json::to_value(o).expect("an offering serialises")
}

fn verdict_summary(o: &Offering) -> String {
    let v = &o.verdict;
    if v.in_scope {
        let cats: Vec<&str> = v.categories.iter().map(|c| c.code()).collect();
        format!("{}: 対象 ({})", o.name, cats.join(", "))
    } else {
        format!("{}: 対象外", o.name)
    }
}

impl App {
    /// Records a new offering and its first scope verdict.
    pub async fn add_offering(
        &self,
        caller: &Caller,
        input: OfferingInput,
    ) -> Result<Offering, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Write)?;
        let name = Name::parse("name", &input.name)?;
        let description = optional_text("description", &input.description, 4000)?;
        let profile = input.profile.validate()?;
        let mut tx = self.store().begin().await?;
        let provider = self
            .org_of_kind(
                tx.as_ref(),
                caller,
                "provider",
                &input.provider,
                OFFERING_KINDS,
            )
            .await?;
        if !covers(reach, provider.id) {
            return Err(FieldError::new(
                "provider",
                "you can record offerings only for your own organisation",
            )
            .into());
        }
        let verdict = scope::determine(&profile);
        let now = self.now();
        let offering = Offering {
            id: OfferingId::from_uuid(new_uuid()),
            provider: provider.id,
            name,
            description,
            profile: profile.clone(),
            verdict: verdict.clone(),
            revision: 1,
            created_at: now,
            updated_at: now,
        };
        let first = VerdictRecord {
            id: VerdictId::from_uuid(new_uuid()),
            offering: offering.id,
            sequence: 1,
            profile,
            verdict,
            recorded_by: caller.label(),
            recorded_at: now,
        };
        tx.insert_offering(&offering, &first).await?;
        let after = offering_json(&offering);
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "offering.create",
                "offering",
                offering.id,
                Some(offering.provider),
                None,
                Some(&after),
                verdict_summary(&offering),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(offering)
    }

    /// Changes the scope profile of an offering. The new verdict is kept beside the old ones
    /// with who and when. `expected_revision` guards against overwriting a change made in
    /// between (a conflict error names it).
    pub async fn update_offering_profile(
        &self,
        caller: &Caller,
        id: OfferingId,
        expected_revision: Option<i64>,
        profile: ScopeProfile,
    ) -> Result<OfferingDetail, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Write)?;
        let profile = profile.validate()?;
        let verdict = scope::determine(&profile);
        let mut tx = self.store().begin().await?;
        let current = tx
            .offering(reach, id)
            .await
            .map_err(AppError::from_store("offering"))?;
        check_revision(expected_revision, current.revision)?;
        let expected = current.revision;
        let mut history = tx
            .verdict_history(reach, id)
            .await
            .map_err(AppError::from_store("offering"))?;
        let sequence = history.last().map_or(1, |r| r.sequence + 1);
        let now = self.now();
        let updated = Offering {
            profile: profile.clone(),
            verdict: verdict.clone(),
            revision: expected + 1,
            updated_at: now,
            ..current.clone()
        };
        let record = VerdictRecord {
            id: VerdictId::from_uuid(new_uuid()),
            offering: id,
            sequence,
            profile,
            verdict,
            recorded_by: caller.label(),
            recorded_at: now,
        };
        tx.update_offering_verdict(current.provider, &updated, expected, &record)
            .await
            .map_err(AppError::from_store("offering"))?;
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "offering.update_profile",
                "offering",
                id,
                Some(current.provider),
                Some(&offering_json(&current)),
                Some(&offering_json(&updated)),
                verdict_summary(&updated),
            ),
        )
        .await?;
        // The parties built on the offering hear of the change with it (FAQ 2.1 R5).
        self.record_notification(
            tx.as_mut(),
            caller,
            anzen_domain::chain::Change::Offering(id),
            Some(current.provider),
            &format!(
                "{}: 提供サービスの内容を変更 / offering changed",
                updated.name
            ),
        )
        .await?;
        tx.commit().await?;
        history.push(record);
        Ok(OfferingDetail {
            offering: updated,
            history,
        })
    }

    /// Offerings the caller can see, by name, as list rows.
    pub async fn list_offerings(
        &self,
        caller: &Caller,
        query: &OfferingQuery,
        page: Page,
    ) -> Result<Listed<OfferingSummary>, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        Ok(self.store().list_offerings(reach, query, page).await?)
    }

    /// Every offering matching the query, in full (for exports).
    pub async fn export_offerings(
        &self,
        caller: &Caller,
        query: &OfferingQuery,
    ) -> Result<Vec<Offering>, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        Ok(self.store().export_offerings(reach, query).await?)
    }

    /// The names of the organisations and offerings among `orgs` and `offerings` that the
    /// caller can see (others are left out), to show beside ids in lists.
    pub async fn names(
        &self,
        caller: &Caller,
        orgs: &[OrgId],
        offerings: &[OfferingId],
    ) -> Result<(Vec<(OrgId, String)>, Vec<(OfferingId, String)>), AppError> {
        let now = self.now();
        let org_names = self
            .store()
            .org_names(
                caller.reach(Subject::Organisations, Action::Read, now),
                orgs,
            )
            .await?;
        let offering_names = self
            .store()
            .offering_names(
                caller.reach(Subject::Offerings, Action::Read, now),
                offerings,
            )
            .await?;
        Ok((org_names, offering_names))
    }

    /// One offering with its verdict history.
    pub async fn offering(
        &self,
        caller: &Caller,
        id: OfferingId,
    ) -> Result<OfferingDetail, AppError> {
        let reach = self.reach(caller, Subject::Offerings, Action::Read)?;
        let offering = self
            .store()
            .offering(reach, id)
            .await
            .map_err(AppError::from_store("offering"))?;
        let history = self
            .store()
            .verdict_history(reach, id)
            .await
            .map_err(AppError::from_store("offering"))?;
        Ok(OfferingDetail { offering, history })
    }
}
