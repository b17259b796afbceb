//! The enumerations of the API: one DTO enum per domain enum, spelled with the domain's
//! codes, converted both ways. A test checks that every code matches the domain's.

use anzen_domain::{access, chain, contract, org, scope, supply};

macro_rules! mirror_enum {
    (
        $(#[$doc:meta])*
        // `tt`, not `literal`: a captured literal reaches derive macros wrapped in an invisible
        // group, which utoipa does not read (the schema would show the variant names).
        $name:ident => $domain:ty { $( $variant:ident = $code:tt ),+ $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema,
        )]
        pub enum $name {
            $( #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            #[allow(dead_code)]
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
        }

        impl From<$name> for $domain {
            fn from(v: $name) -> Self {
                type D = $domain;
                match v { $( $name::$variant => D::$variant, )+ }
            }
        }

        impl From<$domain> for $name {
            fn from(v: $domain) -> Self {
                type D = $domain;
                match v { $( D::$variant => $name::$variant, )+ }
            }
        }
    };
}

pub(crate) use mirror_enum;

mirror_enum! {
    /// The kind of an organisation: a provider, a medical institution (医療機関等) or a
    /// partner provider in a supply chain.
    OrgKind => org::OrgKind {
        Provider = "provider",
        MedicalInstitution = "medical_institution",
        Partner = "partner",
    }
}

mirror_enum! {
    /// The kind of 医療機関等 (guideline glossary); only for medical institutions.
    InstitutionKind => org::InstitutionKind {
        Hospital = "hospital",
        Clinic = "clinic",
        DentalClinic = "dental_clinic",
        Pharmacy = "pharmacy",
        MidwiferyHome = "midwifery_home",
        HomeVisitNursingStation = "home_visit_nursing_station",
        CareProvider = "care_provider",
        RegionalNetworkOperator = "regional_network_operator",
    }
}

mirror_enum! {
    /// What a contract covers (FAQ 1: provision, operation, maintenance; a sale alone is not
    /// a 契約等).
    ContractKind => contract::ContractKind {
        Provision = "provision",
        Operation = "operation",
        Maintenance = "maintenance",
        Sale = "sale",
    }
}

mirror_enum! {
    /// The component code of GL Fig. 2-2: `*1` delivered as a service, `*2` prepared by the
    /// provider itself.
    ComponentCode => supply::ComponentCode {
        A1 = "A1",
        A2 = "A2",
        P1 = "P1",
        P2 = "P2",
        I1 = "I1",
        I2 = "I2",
    }
}

mirror_enum! {
    /// The layer of a component (GL 2.2.1).
    Layer => supply::Layer {
        Application = "application",
        Platform = "platform",
        Infrastructure = "infrastructure",
    }
}

mirror_enum! {
    /// The role of a user within their organisation.
    Role => access::Role {
        ProviderAdmin = "provider_admin",
        ProviderMember = "provider_member",
        InstitutionReviewer = "institution_reviewer",
        Partner = "partner",
        Auditor = "auditor",
    }
}

mirror_enum! {
    /// What the access policy is about.
    Subject => access::Subject {
        Organisations = "organisations",
        Offerings = "offerings",
        Contracts = "contracts",
        SupplyLinks = "supply_links",
        Users = "users",
        AuditTrail = "audit_trail",
        Risks = "risks",
        Controls = "controls",
        Agreements = "agreements",
        Ledger = "ledger",
        Evaluations = "evaluations",
        Incidents = "incidents",
    }
}

mirror_enum! {
    /// Which maintenance the provider does (FAQ 1.3).
    Maintenance => scope::Maintenance {
        None = "none",
        ProviderJudgement = "provider_judgement",
        InstitutionDirected = "institution_directed",
        SecurityPatchesOnly = "security_patches_only",
    }
}

mirror_enum! {
    /// Where the system or device is installed (FAQ 1).
    Deployment => scope::Deployment {
        InsideInstitution = "inside_institution",
        OutsideInstitution = "outside_institution",
    }
}

mirror_enum! {
    /// What kind of device the offering is, when it is one (FAQ 1, 1.2).
    Equipment => scope::Equipment {
        None = "none",
        MedicalDevice = "medical_device",
        Terminal = "terminal",
        OfficeDevice = "office_device",
        NetworkDevice = "network_device",
    }
}

mirror_enum! {
    /// Whether and how medical information reaches the offering on a patient's instruction
    /// (FAQ 1.4).
    PatientDirectedReceipt => scope::PatientDirectedReceipt {
        None = "none",
        FromInstitution = "from_institution",
        ViaPatient = "via_patient",
    }
}

mirror_enum! {
    /// The role of a regional medical information network operator (FAQ 2.2).
    NetworkOperator => scope::NetworkOperator {
        None = "none",
        EntrustedWithMedicalInformation = "entrusted_with_medical_information",
        CoordinationOnly = "coordination_only",
    }
}

mirror_enum! {
    /// Whether a provider can see into a supplied component (FAQ 2.1 R3).
    Visibility => chain::Visibility {
        Known = "known",
        Unknown = "unknown",
    }
}

mirror_enum! {
    /// A category under which the guideline applies (types 1–3).
    ScopeCategory => scope::ScopeCategory {
        ContractedProvider = "contracted_provider",
        SupplyChainProvider = "supply_chain_provider",
        PatientDirectedRecipient = "patient_directed_recipient",
    }
}

mirror_enum! {
    /// How a reason bears on the verdict.
    Effect => scope::Effect {
        Includes = "includes",
        Excludes = "excludes",
        Extends = "extends",
        Note = "note",
    }
}

/// The values of a filter that the API parses itself (the schema of the parameter).
macro_rules! filter_enum {
    ($(#[$doc:meta])* $name:ident { $( $variant:ident = $code:tt ),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, serde::Serialize, utoipa::ToSchema)]
        #[allow(dead_code)] // only the schema of a query parameter
        pub enum $name {
            $( #[serde(rename = $code)] $variant, )+
        }
    };
}

filter_enum! {
    /// The review filter of the risk register: `due` (next review today or earlier) or
    /// `overdue` (before today).
    ReviewFilter {
        Due = "due",
        Overdue = "overdue",
    }
}

filter_enum! {
    /// The status filter of a statement table: a statement's status, `none` (no statement
    /// yet) or `review` (to review).
    StatementFilter {
        Adopted = "adopted",
        Alternative = "alternative",
        NotApplicable = "not_applicable",
        Planned = "planned",
        LegallyNotApplicable = "legally_not_applicable",
        None = "none",
        Review = "review",
    }
}

macro_rules! default_of {
    ($($name:ident = $variant:ident),+ $(,)?) => {
        $(impl Default for $name {
            fn default() -> Self {
                $name::$variant
            }
        })+
    };
}

default_of!(
    Maintenance = None,
    Deployment = OutsideInstitution,
    Equipment = None,
    PatientDirectedReceipt = None,
    NetworkOperator = None,
);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every DTO value serialises as the domain's code, and the DTO has every domain value.
    macro_rules! same_codes {
        ($($dto:ident => $domain:ty),+ $(,)?) => {
            $(
                assert_eq!($dto::ALL.len(), <$domain>::ALL.len(), stringify!($dto));
                for &v in $dto::ALL {
                    let d: $domain = v.into();
                    assert_eq!(serde_json::to_value(v).unwrap(), d.code());
                    assert_eq!($dto::from(d), v);
                }
                // The OpenAPI schema lists the same codes.
                let schema =
                    serde_json::to_value(<$dto as utoipa::PartialSchema>::schema()).unwrap();
                let codes: Vec<&str> = <$domain>::ALL.iter().map(|d| d.code()).collect();
                assert_eq!(schema["enum"], serde_json::json!(codes), stringify!($dto));
            )+
        };
    }

    #[test]
    fn codes_match_the_domain() {
        same_codes!(
            OrgKind => org::OrgKind,
            InstitutionKind => org::InstitutionKind,
            ContractKind => contract::ContractKind,
            ComponentCode => supply::ComponentCode,
            Layer => supply::Layer,
            Role => access::Role,
            Subject => access::Subject,
            Maintenance => scope::Maintenance,
            Deployment => scope::Deployment,
            Equipment => scope::Equipment,
            PatientDirectedReceipt => scope::PatientDirectedReceipt,
            NetworkOperator => scope::NetworkOperator,
            ScopeCategory => scope::ScopeCategory,
            Effect => scope::Effect,
        );
    }

    #[test]
    fn defaults_match_the_domain() {
        assert_eq!(
            scope::Maintenance::from(Maintenance::default()),
            scope::Maintenance::default()
        );
        assert_eq!(
            scope::Deployment::from(Deployment::default()),
            scope::Deployment::default()
        );
        assert_eq!(
            scope::Equipment::from(Equipment::default()),
            scope::Equipment::default()
        );
        assert_eq!(
            scope::PatientDirectedReceipt::from(PatientDirectedReceipt::default()),
            scope::PatientDirectedReceipt::default()
        );
        assert_eq!(
            scope::NetworkOperator::from(NetworkOperator::default()),
            scope::NetworkOperator::default()
        );
    }
}
