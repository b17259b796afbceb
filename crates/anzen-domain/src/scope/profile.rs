//! The scope profile: the fixed input interface `anzen/scope-profile/v1`
//! (`shared/contracts/scope-profile.md`). Field names, value spellings and defaults must not
//! change; outside tests feed profiles in exactly this form.

use serde::{Deserialize, Serialize};

use crate::FieldError;
use crate::code_enum;

/// The value of the `schema` field.
pub const PROFILE_SCHEMA: &str = "anzen/scope-profile/v1";

code_enum! {
    /// Which maintenance the provider does (FAQ 1.3).
    #[derive(Default)]
    Maintenance {
        #[default]
        None = "none", "保守なし", "No maintenance";
        /// Maintenance on the provider's own judgement, e.g. contracted work (請負) — covered (FAQ 1.3).
        ProviderJudgement = "provider_judgement", "事業者の判断で行う保守（請負等）", "Maintenance on the provider's judgement (contracted work)";
        /// Staff sent to the institution working under its direction — not covered (FAQ 1.3).
        InstitutionDirected = "institution_directed", "医療機関等の指示に基づく保守（派遣）", "Staff working under the institution's direction";
        /// Only security patches as part of the product warranty — out of scope (FAQ 1.3).
        SecurityPatchesOnly = "security_patches_only", "製品保証としてのセキュリティパッチ提供のみ", "Security patches under the product warranty only";
    }
}

code_enum! {
    /// Where the system or device is installed (FAQ 1).
    #[derive(Default)]
    Deployment {
        InsideInstitution = "inside_institution", "医療機関等の内部", "Inside the institution";
        #[default]
        OutsideInstitution = "outside_institution", "医療機関等の外部（クラウドサーバ、データセンター等）", "Outside the institution (cloud, data centre)";
    }
}

code_enum! {
    /// What kind of device the offering is, when it is one (FAQ 1, 1.2).
    #[derive(Default)]
    Equipment {
        #[default]
        None = "none", "機器ではない（システム・サービス）", "Not a device (a system or service)";
        MedicalDevice = "medical_device", "医療機器（検査機器、MRI等）", "Medical device (analyser, MRI …)";
        Terminal = "terminal", "パソコン等の端末", "Terminal (PC, tablet)";
        OfficeDevice = "office_device", "複合機等", "Office device (multifunction printer …)";
        NetworkDevice = "network_device", "ネットワーク機器", "Network device";
    }
}

code_enum! {
    /// Whether and how medical information reaches the offering on a patient's instruction (FAQ 1.4).
    #[derive(Default)]
    PatientDirectedReceipt {
        #[default]
        None = "none", "該当なし", "None";
        /// Received from a medical institution on the patient's instruction — type (3).
        FromInstitution = "from_institution", "患者等の指示に基づき医療機関等から受領", "Received from the institution on the patient's instruction";
        /// The institution gives it to the patient (URL, QR code) and the patient registers it — not in scope (FAQ 1.4 fn.2).
        ViaPatient = "via_patient", "医療機関等から患者等に提供され患者等が登録", "Given to the patient, who registers it";
    }
}

code_enum! {
    /// The role of a regional medical information network operator (FAQ 2.2).
    #[derive(Default)]
    NetworkOperator {
        #[default]
        None = "none", "該当なし", "Not a network operator";
        EntrustedWithMedicalInformation = "entrusted_with_medical_information", "医療情報の管理を委託されている", "Entrusted with managing medical information";
        CoordinationOnly = "coordination_only", "参加者の調整・仕様の調整のみ", "Coordination only";
    }
}

/// The contracts the offering is provided under (`contract.*`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractTerms {
    #[serde(default)]
    pub provision: bool,
    #[serde(default)]
    pub operation: bool,
    #[serde(default)]
    pub maintenance: Maintenance,
    #[serde(default)]
    pub remote_maintenance_in_terms: bool,
    #[serde(default)]
    pub sale_only: bool,
}

/// One system, service or device that one organisation offers, described for the scope
/// engine. Construct it with [`ScopeProfile::from_json`] (or the builder in tests); a
/// value of this type always carries the right schema and a non-empty service name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeProfile {
    pub schema: String,
    pub service: String,
    #[serde(default)]
    pub institution_self_operated: bool,
    #[serde(default)]
    pub contract: ContractTerms,
    #[serde(default)]
    pub deployment: Deployment,
    #[serde(default)]
    pub equipment: Equipment,
    #[serde(default)]
    pub handles_medical_information: bool,
    #[serde(default)]
    pub stores_medical_information: bool,
    #[serde(default)]
    pub connected_to_medical_information_system: bool,
    #[serde(default)]
    pub supplies_in_scope_service: bool,
    #[serde(default)]
    pub patient_directed_receipt: PatientDirectedReceipt,
    #[serde(default)]
    pub merged_into_phr_with_other_data: bool,
    #[serde(default)]
    pub records_care_information: bool,
    #[serde(default)]
    pub network_operator: NetworkOperator,
    #[serde(default)]
    pub serves_institution_contractor: bool,
}

/// The top-level field names, in contract order (for error messages).
pub const PROFILE_FIELDS: &[&str] = &[
    "schema",
    "service",
    "institution_self_operated",
    "contract",
    "deployment",
    "equipment",
    "handles_medical_information",
    "stores_medical_information",
    "connected_to_medical_information_system",
    "supplies_in_scope_service",
    "patient_directed_receipt",
    "merged_into_phr_with_other_data",
    "records_care_information",
    "network_operator",
    "serves_institution_contractor",
];

/// The field names of `contract`.
pub const CONTRACT_FIELDS: &[&str] = &[
    "provision",
    "operation",
    "maintenance",
    "remote_maintenance_in_terms",
    "sale_only",
];

impl ScopeProfile {
    /// A profile with every optional field at its default (used by the wizard and tests).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            schema: PROFILE_SCHEMA.to_owned(),
            service: service.into(),
            institution_self_operated: false,
            contract: ContractTerms::default(),
            deployment: Deployment::default(),
            equipment: Equipment::default(),
            handles_medical_information: false,
            stores_medical_information: false,
            connected_to_medical_information_system: false,
            supplies_in_scope_service: false,
            patient_directed_receipt: PatientDirectedReceipt::default(),
            merged_into_phr_with_other_data: false,
            records_care_information: false,
            network_operator: NetworkOperator::default(),
            serves_institution_contractor: false,
        }
    }

    /// Parses a profile document. Every error names the field at fault and, for an
    /// enumeration or an unknown field, the accepted values.
    pub fn from_json(text: &str) -> Result<Self, FieldError> {
        if text.trim().is_empty() {
            return Err(FieldError::new(
                "",
                format!(
                    "the document is empty; expected a JSON object with \"schema\": \"{PROFILE_SCHEMA}\""
                ),
            ));
        }
        // Read the document as a JSON value first: serde would otherwise accept an array as
        // a struct by position, which the contract does not allow.
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| translate_serde_error("", &e))?;
        expect_object("", &value)?;
        if let Some(contract) = value.get("contract") {
            expect_object("contract", contract)?;
        }
        let profile: ScopeProfile = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            translate_serde_error(&path, e.inner())
        })?;
        profile.validate()
    }

    /// Checks what serde cannot: the schema value and a non-empty service name.
    pub fn validate(self) -> Result<Self, FieldError> {
        if self.schema != PROFILE_SCHEMA {
            return Err(
                FieldError::new("schema", format!("unsupported schema `{}`", self.schema))
                    .with_accepted([PROFILE_SCHEMA]),
            );
        }
        if self.service.trim().is_empty() {
            return Err(FieldError::new("service", "must not be empty"));
        }
        if self.service.chars().count() > 200 {
            return Err(FieldError::new("service", "must be at most 200 characters"));
        }
        Ok(self)
    }

    /// The canonical JSON form, with every field present (defaults included).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a profile always serialises")
    }
}

/// Refuses anything but a JSON object at `field` (empty: the whole document).
fn expect_object(field: &str, value: &serde_json::Value) -> Result<(), FieldError> {
    if value.is_object() {
        return Ok(());
    }
    let found = match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    };
    let what = if field.is_empty() {
        "the document"
    } else {
        "the value"
    };
    let accepted: &[&str] = if field.is_empty() {
        PROFILE_FIELDS
    } else {
        CONTRACT_FIELDS
    };
    Err(FieldError::new(
        field,
        format!("{what} must be a JSON object with these fields, not {found}"),
    )
    .with_accepted(accepted.iter().copied()))
}

/// Turns a serde error at `path` into a [`FieldError`] that names the field and the
/// accepted values.
fn translate_serde_error(path: &str, err: &serde_json::Error) -> FieldError {
    use serde_json::error::Category;
    let msg = err.to_string();
    // serde_json appends " at line L column C"; keep it, it helps in a file.
    match err.classify() {
        Category::Syntax | Category::Eof => FieldError::new("", format!("not valid JSON: {msg}")),
        Category::Io => FieldError::new("", format!("could not read the document: {msg}")),
        Category::Data => {
            let path = if path == "." { "" } else { path };
            if let Some(name) = between(&msg, "unknown field `", "`") {
                // The path already ends with the unknown key.
                let field = if path.is_empty() {
                    name.to_owned()
                } else {
                    path.to_owned()
                };
                let accepted = if field.starts_with("contract.") {
                    CONTRACT_FIELDS
                } else {
                    PROFILE_FIELDS
                };
                FieldError::new(field, "unknown field").with_accepted(accepted.iter().copied())
            } else if let Some(name) = between(&msg, "missing field `", "`") {
                FieldError::new(join(path, name), "is required")
            } else if msg.starts_with("unknown variant") {
                let value = between(&msg, "unknown variant `", "`").unwrap_or("");
                FieldError::new(path, format!("unknown value `{value}`"))
                    .with_accepted(accepted_values(path).iter().copied())
            } else {
                let detail = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
                let mut e = FieldError::new(path, detail);
                let accepted = accepted_values(path);
                if !accepted.is_empty() {
                    e = e.with_accepted(accepted.iter().copied());
                }
                e
            }
        }
    }
}

/// The accepted values of an enumeration field, by its dotted path.
pub fn accepted_values(path: &str) -> Vec<&'static str> {
    fn codes<T: Copy>(all: &[T], code: fn(T) -> &'static str) -> Vec<&'static str> {
        all.iter().map(|v| code(*v)).collect()
    }
    match path {
        "contract.maintenance" => codes(Maintenance::ALL, Maintenance::code),
        "deployment" => codes(Deployment::ALL, Deployment::code),
        "equipment" => codes(Equipment::ALL, Equipment::code),
        "patient_directed_receipt" => {
            codes(PatientDirectedReceipt::ALL, PatientDirectedReceipt::code)
        }
        "network_operator" => codes(NetworkOperator::ALL, NetworkOperator::code),
        "schema" => vec![PROFILE_SCHEMA],
        "" => Vec::new(),
        p if p == "contract" || PROFILE_FIELDS.contains(&p) || p.starts_with("contract.") => {
            if p == "service" || p == "contract" {
                Vec::new()
            } else {
                vec!["true", "false"]
            }
        }
        _ => Vec::new(),
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> FieldError {
        ScopeProfile::from_json(text).unwrap_err()
    }

    #[test]
    fn defaults_fill_missing_optional_fields() {
        let p = ScopeProfile::from_json(r#"{"schema":"anzen/scope-profile/v1","service":"X"}"#)
            .unwrap();
        assert_eq!(p, ScopeProfile::new("X"));
        assert_eq!(p.deployment, Deployment::OutsideInstitution);
    }

    #[test]
    fn an_unknown_top_level_field_is_named_with_the_accepted_fields() {
        let e = err(r#"{"schema":"anzen/scope-profile/v1","service":"X","colour":"red"}"#);
        assert_eq!(e.field, "colour");
        assert!(e.accepted.contains(&"supplies_in_scope_service".to_owned()));
    }

    #[test]
    fn an_unknown_nested_field_is_named_with_its_path() {
        let e =
            err(r#"{"schema":"anzen/scope-profile/v1","service":"X","contract":{"lease":true}}"#);
        assert_eq!(e.field, "contract.lease");
        assert!(e.accepted.contains(&"sale_only".to_owned()));
    }

    #[test]
    fn an_unknown_enum_value_lists_the_accepted_values() {
        let e = err(
            r#"{"schema":"anzen/scope-profile/v1","service":"X","contract":{"maintenance":"weekly"}}"#,
        );
        assert_eq!(e.field, "contract.maintenance");
        assert_eq!(
            e.accepted,
            vec![
                "none",
                "provider_judgement",
                "institution_directed",
                "security_patches_only"
            ]
        );
        assert!(e.to_string().contains("weekly"));
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let e = err(
            r#"{"schema":"anzen/scope-profile/v1","service":"X","handles_medical_information":"yes"}"#,
        );
        assert_eq!(e.field, "handles_medical_information");
        assert!(e.message.contains("expected a boolean"), "{e}");
        assert_eq!(e.accepted, vec!["true", "false"]);
        let e = err(r#"{"schema":"anzen/scope-profile/v1","service":"X","deployment":3}"#);
        assert_eq!(e.field, "deployment");
        assert!(e.accepted.contains(&"inside_institution".to_owned()));
    }

    #[test]
    fn missing_required_fields_and_bad_schema_are_named() {
        assert_eq!(err(r#"{"service":"X"}"#).field, "schema");
        assert_eq!(
            err(r#"{"schema":"anzen/scope-profile/v1"}"#).field,
            "service"
        );
        let e = err(r#"{"schema":"anzen/scope-profile/v2","service":"X"}"#);
        assert_eq!(e.field, "schema");
        assert_eq!(e.accepted, vec![PROFILE_SCHEMA]);
        assert_eq!(
            err(r#"{"schema":"anzen/scope-profile/v1","service":"  "}"#).field,
            "service"
        );
    }

    #[test]
    fn empty_and_non_json_documents_are_explained() {
        assert!(err("").message.contains("empty"));
        assert!(err("   \n").message.contains("empty"));
        assert!(err("not json").message.contains("not valid JSON"));
        assert!(err("[1,2]").message.contains("must be a JSON object"));
        assert_eq!(
            err(r#"{"schema":"anzen/scope-profile/v1","service":"X","contract":[true]}"#).field,
            "contract"
        );
        assert!(
            err(r#"{"schema":"anzen/scope-profile/v1","service":"X"} trailing"#)
                .message
                .contains("trailing")
        );
    }

    #[test]
    fn canonical_json_round_trips() {
        let mut p = ScopeProfile::new("Cloud EHR");
        p.contract.maintenance = Maintenance::ProviderJudgement;
        p.equipment = Equipment::Terminal;
        assert_eq!(ScopeProfile::from_json(&p.to_json()).unwrap(), p);
    }
}
