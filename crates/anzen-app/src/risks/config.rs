//! The configuration and information flows of an offering (GL 5.1.1, 5.2).

use anzen_domain::FieldError;
use anzen_domain::access::{Action, Subject};
use anzen_domain::chain::Country;
use anzen_domain::ids::{ComponentId, FlowId, OfferingId};
use anzen_domain::risk::{Component, ComponentKind, Environment, FlowClass, InformationFlow};
use anzen_domain::text::{Name, optional_text};

use crate::audit::event;
use crate::{App, AppError, Caller, new_uuid};

/// A component as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct ComponentInput {
    pub name: String,
    pub kind: String,
    pub environment: String,
    /// 地域: region, data centre or site.
    pub location: String,
    /// ISO 3166-1 alpha-2 country code; `None` keeps the current one on an edit (blank
    /// clears it).
    pub country: Option<String>,
    /// Stores medical information (Table 4-1 ①-1, ②-1, ②-2); `None` keeps the current
    /// value on an edit (`false` when added).
    pub holds_medical_info: Option<bool>,
}

/// An information flow as typed by a user.
#[derive(Debug, Clone, Default)]
pub struct FlowInput {
    pub who: String,
    pub place: String,
    pub device_or_medium: String,
    pub what: String,
    pub how: String,
    pub class: String,
    pub environment: String,
    /// Component ids the flow passes through.
    pub components: Vec<String>,
}

impl App {
    pub async fn add_component(
        &self,
        caller: &Caller,
        offering: OfferingId,
        input: ComponentInput,
    ) -> Result<Component, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let name = Name::parse("name", &input.name)?;
        let kind = ComponentKind::parse_field("kind", &input.kind)?;
        let environment = Environment::parse_field("environment", &input.environment)?;
        let location = optional_text("location", &input.location, 200)?;
        let country = match &input.country {
            Some(c) => Country::parse("country", c)?,
            None => None,
        };
        let mut tx = self.store().begin().await?;
        let o = tx
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        let c = Component {
            id: ComponentId::from_uuid(new_uuid()),
            offering: o.id,
            name,
            kind,
            environment,
            location,
            country,
            holds_medical_info: input.holds_medical_info.unwrap_or(false),
            revision: 1,
        };
        tx.insert_component(o.provider, &c).await?;
        let after = serde_json::to_value(&c).expect("a component serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "component.create",
                "component",
                c.id,
                Some(o.provider),
                None,
                Some(&after),
                format!("{}: {}", o.name, c.name),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(c)
    }

    pub async fn add_flow(
        &self,
        caller: &Caller,
        offering: OfferingId,
        input: FlowInput,
    ) -> Result<InformationFlow, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Write)?;
        let mut tx = self.store().begin().await?;
        let o = tx
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        let known = tx.list_components(reach, o.id).await?;
        let components = parse_components(&input.components, &known)?;
        let f = InformationFlow {
            id: FlowId::from_uuid(new_uuid()),
            offering: o.id,
            who: input.who.trim().to_owned(),
            place: input.place.trim().to_owned(),
            device_or_medium: input.device_or_medium.trim().to_owned(),
            what: input.what.trim().to_owned(),
            how: input.how.trim().to_owned(),
            class: FlowClass::parse_field("class", &input.class)?,
            environment: Environment::parse_field("environment", &input.environment)?,
            components,
            revision: 1,
        }
        .validate()?;
        tx.insert_flow(o.provider, &f).await?;
        let after = serde_json::to_value(&f).expect("a flow serialises");
        self.seal(
            tx.as_mut(),
            caller,
            event(
                "information_flow.create",
                "information_flow",
                f.id,
                Some(o.provider),
                None,
                Some(&after),
                format!("{}: {} / {}", o.name, f.who, f.what),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(f)
    }

    pub async fn list_components(
        &self,
        caller: &Caller,
        offering: OfferingId,
    ) -> Result<Vec<Component>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        // An offering out of reach is "not found", not an empty configuration.
        self.store()
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        Ok(self.store().list_components(reach, offering).await?)
    }

    pub async fn list_flows(
        &self,
        caller: &Caller,
        offering: OfferingId,
    ) -> Result<Vec<InformationFlow>, AppError> {
        let reach = self.reach(caller, Subject::Risks, Action::Read)?;
        self.store()
            .offering(reach, offering)
            .await
            .map_err(AppError::from_store("offering"))?;
        Ok(self.store().list_flows(reach, offering).await?)
    }
}

/// The components a flow passes through, as typed: each a component of the offering.
pub(crate) fn parse_components(
    raw: &[String],
    known: &[Component],
) -> Result<Vec<ComponentId>, FieldError> {
    let mut components = Vec::new();
    for (i, raw) in raw.iter().enumerate().filter(|(_, r)| !r.trim().is_empty()) {
        let id = ComponentId::parse_field(&format!("components[{i}]"), raw)?;
        if !known.iter().any(|c| c.id == id) {
            return Err(FieldError::new(
                format!("components[{i}]"),
                "is not a component of this offering",
            ));
        }
        if !components.contains(&id) {
            components.push(id);
        }
    }
    Ok(components)
}
