//! Use-cases for organisations.

use anzen_domain::FieldError;
use anzen_domain::ids::OrgId;
use anzen_domain::org::{OrgKind, OrgType, Organisation};
use anzen_domain::text::Name;

use crate::ports::Page;
use crate::{App, AppError, Caller, new_uuid};

/// The input of [`App::add_organisation`], as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct OrganisationInput {
    pub kind: String,
    pub institution_kind: String,
    pub name: String,
    /// The id of the registering organisation; empty for an operator's top-level entry.
    pub registered_by: String,
}

impl App {
    /// Registers an organisation. A member registers it on behalf of their own organisation;
    /// an operator may register a top-level organisation.
    pub async fn add_organisation(
        &self,
        caller: &Caller,
        input: OrganisationInput,
    ) -> Result<Organisation, AppError> {
        let org_type = OrgType::parse(&input.kind, &input.institution_kind)?;
        let name = Name::parse("name", &input.name)?;
        let registered_by = if input.registered_by.trim().is_empty() {
            caller.scope()
        } else {
            let id = OrgId::parse_field("registered_by", &input.registered_by)?;
            if !caller.can_reach(id) {
                return Err(FieldError::new("registered_by", "is not your organisation").into());
            }
            self.store()
                .organisation(caller.scope(), id)
                .await
                .map_err(|_| {
                    FieldError::new("registered_by", format!("no organisation with id {id}"))
                })?;
            Some(id)
        };
        let org = Organisation {
            id: OrgId::from_uuid(new_uuid()),
            org_type,
            name,
            registered_by,
            created_at: self.now(),
        };
        self.store().insert_organisation(&org).await?;
        Ok(org)
    }

    /// Organisations the caller can see.
    pub async fn list_organisations(
        &self,
        caller: &Caller,
        page: Page,
    ) -> Result<Vec<Organisation>, AppError> {
        Ok(self
            .store()
            .list_organisations(caller.scope(), page)
            .await?)
    }

    /// One organisation the caller can see.
    pub async fn organisation(&self, caller: &Caller, id: OrgId) -> Result<Organisation, AppError> {
        self.store()
            .organisation(caller.scope(), id)
            .await
            .map_err(AppError::from_store("organisation"))
    }

    /// Resolves an organisation named in `field` and checks that it is of one of `kinds`.
    pub(crate) async fn org_of_kind(
        &self,
        caller: &Caller,
        field: &str,
        raw: &str,
        kinds: &[OrgKind],
    ) -> Result<Organisation, AppError> {
        let id = OrgId::parse_field(field, raw)?;
        let org = self
            .store()
            .organisation(caller.scope(), id)
            .await
            .map_err(|_| FieldError::new(field, format!("no organisation with id {id}")))?;
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
