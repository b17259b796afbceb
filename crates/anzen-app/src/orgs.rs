//! Use-cases for organisations.

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Reach, Subject};
use anzen_domain::ids::OrgId;
use anzen_domain::org::{OrgKind, OrgType, Organisation};
use anzen_domain::text::Name;

use crate::audit::event;
use crate::error::or_busy;
use crate::ports::{Listed, Page, Reads};
use crate::{App, AppError, Caller, new_uuid};

/// The input of [`App::add_organisation`], as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct OrganisationInput {
    pub kind: String,
    pub institution_kind: String,
    pub name: String,
    /// The id of the registering organisation. A member always registers for their own
    /// organisation; an operator may leave it empty for a top-level organisation.
    pub registered_by: String,
}

/// The JSON form of an organisation, as shown in APIs and digested in the audit trail.
pub fn org_json(org: &Organisation) -> serde_json::Value {
    serde_json::to_value(org).expect("an organisation serialises")
}

impl App {
    /// Registers an organisation.
    pub async fn add_organisation(
        &self,
        caller: &Caller,
        input: OrganisationInput,
    ) -> Result<Organisation, AppError> {
        let reach = self.reach(caller, Subject::Organisations, Action::Write)?;
        let org_type = OrgType::parse(&input.kind, &input.institution_kind)?;
        let name = Name::parse("name", &input.name)?;
        let mut tx = self.store().begin().await?;
        let registered_by = match reach {
            Reach::Owned(own) => Some(own),
            _ if input.registered_by.trim().is_empty() => None,
            _ => {
                let id = OrgId::parse_field("registered_by", &input.registered_by)?;
                tx.organisation(reach, id).await.map_err(or_busy(|| {
                    FieldError::new("registered_by", format!("no organisation with id {id}"))
                }))?;
                Some(id)
            }
        };
        let org = Organisation {
            id: OrgId::from_uuid(new_uuid()),
            org_type,
            name,
            registered_by,
            created_at: self.now(),
        };
        tx.insert_organisation(&org).await?;
        let summary = format!("{} ({})", org.name, org.org_type.label_ja());
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "organisation.create",
                "organisation",
                org.id,
                registered_by.or(Some(org.id)),
                None,
                Some(&org_json(&org)),
                summary,
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(org)
    }

    /// Organisations the caller can see, by name.
    pub async fn list_organisations(
        &self,
        caller: &Caller,
        page: Page,
    ) -> Result<Listed<Organisation>, AppError> {
        let reach = self.reach(caller, Subject::Organisations, Action::Read)?;
        Ok(self.store().list_organisations(reach, page).await?)
    }

    /// One organisation the caller can see.
    pub async fn organisation(&self, caller: &Caller, id: OrgId) -> Result<Organisation, AppError> {
        let reach = self.reach(caller, Subject::Organisations, Action::Read)?;
        self.store()
            .organisation(reach, id)
            .await
            .map_err(AppError::from_store("organisation"))
    }

    /// Resolves an organisation named in `field` (as the caller sees organisations) and
    /// checks that it is of one of `kinds`. `db` is the use-case's transaction when it writes.
    pub(crate) async fn org_of_kind(
        &self,
        db: &dyn Reads,
        caller: &Caller,
        field: &str,
        raw: &str,
        kinds: &[OrgKind],
    ) -> Result<Organisation, AppError> {
        let id = OrgId::parse_field(field, raw)?;
        let reach = self.reach(caller, Subject::Organisations, Action::Read)?;
        let org = db.organisation(reach, id).await.map_err(or_busy(|| {
            FieldError::new(field, format!("no organisation with id {id}"))
        }))?;
        if !kinds.contains(&org.org_type.kind()) {
            return Err(FieldError::new(
                field,
                format!(
                    "`{}` is a {}, not one of the accepted kinds",
                    org.name,
                    org.org_type.kind().code()
                ),
            )
            .with_accepted(kinds.iter().map(|k| k.code()))
            .into());
        }
        Ok(org)
    }
}

/// Whether a write reach covers rows owned by `owner`.
pub(crate) fn covers(reach: Reach, owner: OrgId) -> bool {
    match reach {
        Reach::Everything => true,
        Reach::Owned(org) => org == owner,
        Reach::Nothing | Reach::AsInstitution(_) | Reach::AsSupplier(_) => false,
    }
}
