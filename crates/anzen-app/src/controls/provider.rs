//! Controls a provider defines itself (FAQ 5.3-R4: measures beyond or outside Appendix 2 are
//! allowed when the risk analysis supports them).

use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::controls::ProviderControl;

use crate::audit::event;
use crate::ports::StoredProviderControl;
use crate::{App, AppError, Caller, new_uuid};

impl App {
    /// Adds a control of the caller's organisation: a key of ASCII letters, digits, `.`, `_`
    /// and `-` (never an Appendix 2 key), a title and what it does. A key already used by the
    /// organisation is refused.
    pub async fn add_provider_control(
        &self,
        caller: &Caller,
        key: &str,
        title: &str,
        description: &str,
    ) -> Result<StoredProviderControl, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Write)?;
        let org = crate::risks::owning_org(
            caller,
            reach,
            "controls are defined by a provider's members",
        )?;
        let control = ProviderControl::new(key, title, description)?;
        let mut tx = self.store().begin().await?;
        let existing = tx.provider_controls(org).await?;
        if existing.iter().any(|c| c.key == control.key()) {
            return Err(anzen_domain::FieldError::new("key", "is already taken").into());
        }
        let stored = StoredProviderControl {
            id: new_uuid(),
            org,
            key: control.key().to_owned(),
            title: control.title().to_owned(),
            description: control.description().to_owned(),
            created_by: caller.label(),
            created_at: self.now(),
        };
        tx.insert_provider_control(&stored)
            .await
            .map_err(AppError::from_store("provider control"))?;
        let after = serde_json::to_value(&stored).expect("a control serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "provider_control.create",
                "provider_control",
                stored.id,
                Some(org),
                None,
                Some(&after),
                format!("{} {}", stored.key, stored.title),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The controls of the caller's organisation.
    pub async fn list_provider_controls(
        &self,
        caller: &Caller,
    ) -> Result<Vec<StoredProviderControl>, AppError> {
        let reach = self.reach(caller, Subject::Controls, Action::Read)?;
        match reach {
            Reach::Owned(org) => Ok(self.store().provider_controls(org).await?),
            Reach::Everything => match caller.org() {
                Some(org) => Ok(self.store().provider_controls(org).await?),
                None => Ok(Vec::new()),
            },
            _ => Ok(Vec::new()),
        }
    }
}
