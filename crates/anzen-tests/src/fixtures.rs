//! Builders for realistic parties and offerings, through the use-cases.

use anzen_app::offerings::OfferingInput;
use anzen_app::orgs::OrganisationInput;
use anzen_app::{App, Caller};
use anzen_domain::offering::Offering;
use anzen_domain::org::Organisation;
use anzen_domain::scope::{Deployment, ScopeProfile};
use jiff::Timestamp;

/// The fixed time of the test clock.
pub fn now() -> Timestamp {
    "2026-11-25T03:00:00Z".parse().expect("a valid timestamp")
}

/// An operator with access to the whole installation.
pub fn operator() -> Caller {
    Caller::operator("test-operator")
}

/// A member of `org` (sees only its rows).
pub fn member_of(org: &Organisation) -> Caller {
    Caller {
        actor: anzen_domain::actor::Actor::Operator {
            name: format!("member-of-{}", org.name),
        },
        access: anzen_app::Access::Organisation(org.id),
    }
}

pub async fn org(app: &App, kind: &str, institution_kind: &str, name: &str) -> Organisation {
    app.add_organisation(
        &operator(),
        OrganisationInput {
            kind: kind.to_owned(),
            institution_kind: institution_kind.to_owned(),
            name: name.to_owned(),
            registered_by: String::new(),
        },
    )
    .await
    .expect("organisation is created")
}

pub async fn provider(app: &App, name: &str) -> Organisation {
    org(app, "provider", "", name).await
}

pub async fn partner(app: &App, name: &str) -> Organisation {
    org(app, "partner", "", name).await
}

pub async fn hospital(app: &App, name: &str) -> Organisation {
    org(app, "medical_institution", "hospital", name).await
}

/// A cloud EHR offered directly to institutions (contract example 1: in scope, type 1).
pub fn cloud_ehr_profile(service: &str) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.contract.provision = true;
    p.handles_medical_information = true;
    p.stores_medical_information = true;
    p
}

/// An IaaS region under a cloud EHR (contract example 2: in scope, type 2).
pub fn iaas_profile(service: &str) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.supplies_in_scope_service = true;
    p
}

/// A PACS sold outright and run by the hospital (contract example 3: out of scope).
pub fn pacs_sold_outright(service: &str) -> ScopeProfile {
    let mut p = ScopeProfile::new(service);
    p.institution_self_operated = true;
    p.contract.sale_only = true;
    p.deployment = Deployment::InsideInstitution;
    p.handles_medical_information = true;
    p.stores_medical_information = true;
    p
}

pub async fn offering(app: &App, provider: &Organisation, profile: ScopeProfile) -> Offering {
    app.add_offering(
        &operator(),
        OfferingInput {
            provider: provider.id.to_string(),
            name: profile.service.clone(),
            description: String::new(),
            profile,
        },
    )
    .await
    .expect("offering is created")
}
