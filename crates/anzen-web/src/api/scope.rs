//! The scope profile and verdict (`anzen/scope-profile/v1`, `anzen/scope-verdict/v1`,
//! `shared/contracts/scope-profile.md`) as API types, and `POST /scope/check`.

use anzen_domain::{FieldError, scope as d};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::enums::{
    Deployment, Effect, Equipment, Maintenance, NetworkOperator, PatientDirectedReceipt,
    ScopeCategory,
};
use super::extract::Body;
use super::problem::Problem;
use crate::extract::ApiCaller;

/// The contracts the offering is provided under.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractTerms {
    /// A contract with a medical institution to provide the system or service.
    #[serde(default)]
    pub provision: bool,
    /// A contract with a medical institution to operate or manage the system.
    #[serde(default)]
    pub operation: bool,
    #[serde(default)]
    pub maintenance: Maintenance,
    /// The terms of service say that the provider does remote maintenance.
    #[serde(default)]
    pub remote_maintenance_in_terms: bool,
    /// The only agreement is a sale.
    #[serde(default)]
    pub sale_only: bool,
}

/// One system, service or device that one organisation offers, described for the scope
/// engine (`anzen/scope-profile/v1`). Unknown fields are refused; a missing optional field
/// takes its default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "schema": "anzen/scope-profile/v1", "service": "Cloud EHR",
    "contract": {"provision": true}, "handles_medical_information": true,
    "stores_medical_information": true
}))]
pub struct ScopeProfile {
    /// Always `anzen/scope-profile/v1`.
    #[schema(schema_with = profile_schema_name)]
    pub schema: String,
    /// A name for the system, service or device (1–200 characters).
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub service: String,
    /// The institution runs it itself and entrusts no provider with it.
    #[serde(default)]
    pub institution_self_operated: bool,
    #[serde(default)]
    pub contract: ContractTerms,
    #[serde(default)]
    pub deployment: Deployment,
    #[serde(default)]
    pub equipment: Equipment,
    /// It receives, processes or stores medical information.
    #[serde(default)]
    pub handles_medical_information: bool,
    /// It keeps medical information.
    #[serde(default)]
    pub stores_medical_information: bool,
    /// It is connected, over a network included, to a medical information system.
    #[serde(default)]
    pub connected_to_medical_information_system: bool,
    /// It provides resources or services an in-scope offering needs, with no direct
    /// contract with the institution.
    #[serde(default)]
    pub supplies_in_scope_service: bool,
    #[serde(default)]
    pub patient_directed_receipt: PatientDirectedReceipt,
    /// The received medical information is loaded into a PHR holding other PHR data.
    #[serde(default)]
    pub merged_into_phr_with_other_data: bool,
    /// It also records care information that is not medical information.
    #[serde(default)]
    pub records_care_information: bool,
    #[serde(default)]
    pub network_operator: NetworkOperator,
    /// It provides a system to a business that itself serves medical institutions.
    #[serde(default)]
    pub serves_institution_contractor: bool,
}

/// The one value of a profile's `schema`.
fn profile_schema_name() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([d::PROFILE_SCHEMA]))
        .description(Some("Always `anzen/scope-profile/v1`."))
        .build()
}

impl ScopeProfile {
    /// The domain profile, validated (schema value, service name); errors name the field
    /// under `prefix` (e.g. `profile.`).
    pub fn into_domain(self, prefix: &str) -> Result<d::ScopeProfile, FieldError> {
        d::ScopeProfile::from(self).validate().map_err(|mut e| {
            e.field = format!("{prefix}{}", e.field);
            e
        })
    }
}

impl From<ScopeProfile> for d::ScopeProfile {
    fn from(p: ScopeProfile) -> Self {
        d::ScopeProfile {
            schema: p.schema,
            service: p.service,
            institution_self_operated: p.institution_self_operated,
            contract: d::ContractTerms {
                provision: p.contract.provision,
                operation: p.contract.operation,
                maintenance: p.contract.maintenance.into(),
                remote_maintenance_in_terms: p.contract.remote_maintenance_in_terms,
                sale_only: p.contract.sale_only,
            },
            deployment: p.deployment.into(),
            equipment: p.equipment.into(),
            handles_medical_information: p.handles_medical_information,
            stores_medical_information: p.stores_medical_information,
            connected_to_medical_information_system: p.connected_to_medical_information_system,
            supplies_in_scope_service: p.supplies_in_scope_service,
            patient_directed_receipt: p.patient_directed_receipt.into(),
            merged_into_phr_with_other_data: p.merged_into_phr_with_other_data,
            records_care_information: p.records_care_information,
            network_operator: p.network_operator.into(),
            serves_institution_contractor: p.serves_institution_contractor,
        }
    }
}

impl From<d::ScopeProfile> for ScopeProfile {
    fn from(p: d::ScopeProfile) -> Self {
        ScopeProfile {
            schema: p.schema,
            service: p.service,
            institution_self_operated: p.institution_self_operated,
            contract: ContractTerms {
                provision: p.contract.provision,
                operation: p.contract.operation,
                maintenance: p.contract.maintenance.into(),
                remote_maintenance_in_terms: p.contract.remote_maintenance_in_terms,
                sale_only: p.contract.sale_only,
            },
            deployment: p.deployment.into(),
            equipment: p.equipment.into(),
            handles_medical_information: p.handles_medical_information,
            stores_medical_information: p.stores_medical_information,
            connected_to_medical_information_system: p.connected_to_medical_information_system,
            supplies_in_scope_service: p.supplies_in_scope_service,
            patient_directed_receipt: p.patient_directed_receipt.into(),
            merged_into_phr_with_other_data: p.merged_into_phr_with_other_data,
            records_care_information: p.records_care_information,
            network_operator: p.network_operator.into(),
            serves_institution_contractor: p.serves_institution_contractor,
        }
    }
}

/// One reason of a verdict, citing the FAQ section that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Reason {
    /// The FAQ section, e.g. `FAQ 1.3`.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The reason in Japanese.
    pub message: String,
    /// The reason in English.
    pub message_en: String,
    /// The rule identifier of the domain notes, e.g. `FAQ1.3-R3`.
    pub rule: String,
    pub effect: Effect,
    /// The category this reason brings the offering into, for `includes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<ScopeCategory>,
}

/// The verdict of the scope engine (`anzen/scope-verdict/v1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ScopeVerdict {
    /// Always `anzen/scope-verdict/v1`.
    pub schema: String,
    pub service: String,
    /// Whether the guideline applies to this offering.
    pub in_scope: bool,
    /// Every category under which it applies; empty when out of scope.
    pub categories: Vec<ScopeCategory>,
    /// The whole offering, its non-medical data included, is in scope (FAQ 1.4).
    pub covers_non_medical_data: bool,
    /// At least one reason, each citing its FAQ section.
    pub reasons: Vec<Reason>,
}

impl From<d::ScopeVerdict> for ScopeVerdict {
    fn from(v: d::ScopeVerdict) -> Self {
        ScopeVerdict {
            schema: v.schema,
            service: v.service,
            in_scope: v.in_scope,
            categories: v.categories.into_iter().map(Into::into).collect(),
            covers_non_medical_data: v.covers_non_medical_data,
            reasons: v
                .reasons
                .into_iter()
                .map(|r| Reason {
                    reference: r.reference,
                    message: r.message,
                    message_en: r.message_en,
                    rule: r.rule,
                    effect: r.effect.into(),
                    category: r.category.map(Into::into),
                })
                .collect(),
        }
    }
}

/// Decide the scope of a profile
///
/// Returns the verdict for an `anzen/scope-profile/v1` profile without storing anything.
/// Every signed-in role may call it.
#[utoipa::path(
    post,
    path = "/scope/check",
    tag = "scope",
    operation_id = "check_scope",
    security(("bearer" = [])),
    request_body = ScopeProfile,
    responses((status = 200, description = "The verdict", body = ScopeVerdict)),
)]
pub async fn check(
    ApiCaller(_caller): ApiCaller,
    Body(profile): Body<ScopeProfile>,
) -> Result<Json<ScopeVerdict>, Problem> {
    let profile = profile.into_domain("")?;
    Ok(Json(d::determine(&profile).into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> d::ScopeProfile {
        let mut p = d::ScopeProfile::new("Cloud EHR");
        p.contract.provision = true;
        p.contract.maintenance = d::Maintenance::ProviderJudgement;
        p.equipment = d::Equipment::Terminal;
        p.patient_directed_receipt = d::PatientDirectedReceipt::FromInstitution;
        p.handles_medical_information = true;
        p
    }

    #[test]
    fn profiles_round_trip_and_serialise_like_the_domain() {
        let p = profile();
        let dto = ScopeProfile::from(p.clone());
        assert_eq!(
            serde_json::to_value(&dto).unwrap(),
            serde_json::to_value(&p).unwrap()
        );
        assert_eq!(d::ScopeProfile::from(dto), p);
    }

    #[test]
    fn verdicts_serialise_exactly_like_the_domain() {
        let v = d::determine(&profile());
        assert_eq!(
            serde_json::to_value(ScopeVerdict::from(v.clone())).unwrap(),
            serde_json::to_value(&v).unwrap()
        );
    }
}
